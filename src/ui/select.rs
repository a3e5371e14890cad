//! A labelled `<select>` bound to a signal, and the billing-cycle select
//! built on it (cycle codes `m`, `q`, `s`, `a`, `b`, `t`… shown as
//! translated names with their prices).

use crate::i18n::{self, t, t_with};
use crate::ui::format::money_text;
use crate::vocab::Money;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// One option: the value sent and the text shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice { value: value.into(), label: label.into() }
    }
}

/// A select with its label, optional hint and announced error (tied to
/// the control by `aria-describedby`). `name` is the API field it feeds.
/// An empty `placeholder` option can be offered (value ""). With a
/// `RwSignal`, pass `value=s on_change=ui::fields::setter(s)`.
#[component]
pub fn SelectField(
    #[prop(into)] label: TextProp,
    /// Element id, unique on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] options: Signal<Vec<Choice>>,
    #[prop(optional_no_strip)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional_no_strip)] placeholder: Option<TextProp>,
    #[prop(optional)] required: bool,
    /// The `autocomplete` token, if any (e.g. "sex").
    #[prop(optional)]
    autocomplete: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error = error.unwrap_or_else(|| Signal::stored(None));
    let errors = crate::ui::fields::error_line(&id, error);
    let described = crate::ui::fields::described_by(&id, hint.is_some(), error);
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <select
                id=id.clone()
                name=name
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {placeholder.map(|p| view! { <option value="" selected=move || value.get().is_empty()>{move || p.get()}</option> })}
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|c| {
                            let selected = c.value == current;
                            view! { <option value=c.value selected=selected>{c.label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {errors}
        </div>
    }
}

/// The i18n key of a HostBill cycle code, if it is one.
pub fn cycle_key(code: &str) -> Option<&'static str> {
    Some(match code.trim() {
        "h" => "cycle.h",
        "d" => "cycle.d",
        "w" => "cycle.w",
        "m" => "cycle.m",
        "q" => "cycle.q",
        "s" => "cycle.s",
        "a" => "cycle.a",
        "b" => "cycle.b",
        "t" => "cycle.t",
        "p4" => "cycle.p4",
        "p5" => "cycle.p5",
        "p10" => "cycle.p10",
        "once" | "o" | "Free" | "free" | "onetime" => "cycle.once",
        _ => return None,
    })
}

/// "Hàng tháng" for `m`; an unknown code is shown as sent.
pub fn cycle_name(code: &str) -> String {
    cycle_key(code).map(t).unwrap_or_else(|| code.to_owned())
}

/// A cycle and its price (and setup fee) for [`CycleSelect`].
#[derive(Clone, Debug, PartialEq)]
pub struct CyclePrice {
    pub code: String,
    pub price: Money,
    pub setup: Money,
}

/// "Hàng năm — 599.000 ₫" (and "+ 100.000 ₫ phí khởi tạo" when there is one).
pub fn cycle_label(c: &CyclePrice, currency: &str) -> String {
    let lang = i18n::lang();
    let name = cycle_name(&c.code);
    let price = money_text(&c.price, currency, lang);
    if c.setup.value.is_some_and(|s| !s.is_zero()) {
        let setup = money_text(&c.setup, currency, lang);
        t_with("cycle.option_setup", &[("cycle", &name), ("price", &price), ("setup", &setup)])
    } else {
        t_with("cycle.option", &[("cycle", &name), ("price", &price)])
    }
}

/// The billing-cycle select: translated names with their prices.
#[component]
pub fn CycleSelect(
    #[prop(into)] label: TextProp,
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] cycles: Signal<Vec<CyclePrice>>,
    #[prop(into)] currency: Signal<String>,
) -> impl IntoView {
    let options = Signal::derive(move || {
        let cur = currency.get();
        cycles.get().iter().map(|c| Choice::new(c.code.clone(), cycle_label(c, &cur))).collect()
    });
    view! { <SelectField label=label id=id name=name value=value on_change=on_change options=options/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_codes_have_names_in_both_languages() {
        for code in ["m", "q", "s", "a", "b", "t", "d", "w", "h", "p4", "p5", "p10", "once"] {
            let key = cycle_key(code).unwrap();
            let vi = i18n::lookup(i18n::Lang::Vi, key).unwrap();
            let en = i18n::lookup(i18n::Lang::En, key).unwrap();
            assert!(!vi.is_empty() && vi != en, "{code}: {vi} / {en}");
        }
        assert_eq!(i18n::lookup(i18n::Lang::Vi, "cycle.m").as_deref(), Some("Hàng tháng"));
        assert_eq!(i18n::lookup(i18n::Lang::En, "cycle.a").as_deref(), Some("Annually"));
        assert_eq!(cycle_key("zz"), None);
        assert_eq!(cycle_name("zz"), "zz");
    }

    #[test]
    fn cycle_labels_with_prices_and_setup() {
        // the host tests run in Vietnamese
        let c = CyclePrice {
            code: "a".into(),
            price: Money::parse("599000"),
            setup: Money::parse("0"),
        };
        assert_eq!(cycle_label(&c, "VND"), "Hàng năm — 599.000 ₫");
        let c = CyclePrice {
            code: "m".into(),
            price: Money::parse("149000"),
            setup: Money::parse("100000.00"),
        };
        assert_eq!(cycle_label(&c, "VND"), "Hàng tháng — 149.000 ₫ (+ 100.000 ₫ phí khởi tạo)");
        let c = CyclePrice { code: "q".into(), price: Money::parse("20"), setup: Money::default() };
        assert_eq!(cycle_label(&c, "USD"), "Hàng quý — 20,00 USD");
    }
}
