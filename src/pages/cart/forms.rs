//! Renders the forms a product (`config.forms`) or a TLD (`forms` → `data`)
//! sends: select, radio, checkbox, text, textarea, quantity, slider and
//! `domaindnssupport`-style items, with required marks, descriptions,
//! conditionals and errors. The values live in one signal
//! ([`FormValues`]); `cart::config::custom` turns them into the map sent.

use crate::api::cart::product::{Form, FormItem};
use crate::cart::config::{
    form_kind, problems, range, visible, FormKind, FormValue, FormValues, Problem,
};
use crate::i18n::{self, t, t_with};
use crate::ui::fields::{ChoiceItem, ChoiceList, InputField};
use crate::ui::format::money_text;
use crate::ui::select::{Choice, SelectField};
use leptos::prelude::*;

/// "Ubuntu (+300.000 ₫)" for items with a price.
fn item_label(item: &FormItem, currency: &str) -> String {
    let title = item.title.as_str().trim().to_owned();
    match item.price.value {
        Some(p) if !p.is_zero() => {
            let price = money_text(&item.price, currency, i18n::lang());
            if title.is_empty() {
                t_with("cart.option_price_only", &[("price", &price)])
            } else {
                t_with("cart.option_price", &[("title", &title), ("price", &price)])
            }
        }
        _ => title,
    }
}

fn problem_text(p: Problem) -> String {
    match p {
        Problem::Required => t("cart.option_required"),
        Problem::OutOfRange(r) => t_with(
            "cart.option_range",
            &[
                ("min", &r.min.to_string()),
                ("max", &r.max.to_string()),
                ("step", &r.step.to_string()),
            ],
        ),
    }
}

/// The element id of a form's control (for labels and focus).
pub fn control_id(prefix: &str, form_id: &str) -> String {
    format!("{prefix}-{form_id}")
}

/// The id of the first visible form with a problem, to focus it.
pub fn first_problem(prefix: &str, forms: &[Form], values: &FormValues) -> Option<String> {
    let bad = problems(forms, values);
    forms
        .iter()
        .find(|f| bad.contains_key(f.id.as_str()))
        .map(|f| control_id(prefix, f.id.as_str()))
}

/// All forms, bound to `values`. `prefix` keeps element ids unique on the
/// page; `field` is the API field (`custom` or `data`) used in the HTML
/// names (`custom[<form>]`, `custom[<form>][<item>]`).
#[component]
pub fn ConfigForms(
    forms: Vec<Form>,
    values: RwSignal<FormValues>,
    #[prop(into)] currency: Signal<String>,
    /// Errors are shown once the customer tried to go on.
    #[prop(into)]
    show_errors: Signal<bool>,
    prefix: &'static str,
    field: &'static str,
) -> impl IntoView {
    let all = StoredValue::new(forms.clone());
    let shown = Memo::new(move |_| all.with_value(|f| values.with(|v| visible(f, v))));
    let errors = Memo::new(move |_| all.with_value(|f| values.with(|v| problems(f, v))));
    forms
        .into_iter()
        .map(|form| {
            let id = form.id.0.clone();
            let fid = id.clone();
            // per form, so that only the forms whose visibility changed re-render
            let is_shown = Memo::new(move |_| shown.with(|s| s.contains(&fid)));
            let error = Signal::derive(move || {
                if show_errors.get() {
                    errors.with(|e| e.get(&id).copied()).map(problem_text)
                } else {
                    None
                }
            });
            move || {
                is_shown
                    .get()
                    .then(|| form_field(form.clone(), values, currency, error, prefix, field))
            }
        })
        .collect_view()
}

fn set(values: RwSignal<FormValues>, id: &str, v: FormValue) {
    values.update(|all| all.insert(id.to_owned(), v));
}

/// One form as a field: a select, a list of radios or checkboxes, a text
/// input or area, or a number (quantity, slider).
fn form_field(
    form: Form,
    values: RwSignal<FormValues>,
    currency: Signal<String>,
    error: Signal<Option<String>>,
    prefix: &'static str,
    field: &'static str,
) -> AnyView {
    let fid = form.id.0.clone();
    let cid = control_id(prefix, &fid);
    let title = form.title.0.trim().to_owned();
    let description = form.description.0.trim().to_owned();
    let hint = (!description.is_empty()).then(|| leptos::text_prop::TextProp::from(description));
    let required = form.required.0;
    let kind = form_kind(&form);
    let items = StoredValue::new(form.items.0.clone());
    let stored = StoredValue::new(form.clone());
    let current =
        move || Some(stored.with_value(|f| values.with(|v| crate::cart::config::value_of(f, v))));
    match kind {
        FormKind::Select => {
            let options = Signal::derive(move || {
                let cur = currency.get();
                items.with_value(|l| {
                    l.iter().map(|i| Choice::new(i.id.0.clone(), item_label(i, &cur))).collect()
                })
            });
            let value = Signal::derive(move || match current() {
                Some(FormValue::One(id)) => id,
                _ => String::new(),
            });
            let on_change = Callback::new(move |v: String| set(values, &fid, FormValue::One(v)));
            view! {
                <SelectField label=title id=cid name=format!("{field}[{}]", form.id.0) value=value on_change=on_change
                    options=options error=error required=required hint=hint.clone()/>
            }
            .into_any()
        }
        FormKind::Radio | FormKind::Checkbox => {
            let radio = kind == FormKind::Radio;
            // a single unnamed item (`domaindnssupport`): one checkbox labelled by the form
            let lone = !radio
                && items.with_value(|l| l.len() == 1 && l[0].title.as_str().trim().is_empty());
            let label_for_lone = title.clone();
            let choices = Signal::derive(move || {
                let cur = currency.get();
                items.with_value(|l| {
                    l.iter()
                        .map(|i| {
                            let label = item_label(i, &cur);
                            let label = if lone && label.is_empty() {
                                label_for_lone.clone()
                            } else if lone {
                                format!("{label_for_lone} ({label})")
                            } else {
                                label
                            };
                            ChoiceItem::new(i.id.0.clone(), label, "")
                        })
                        .collect()
                })
            });
            let selected = Signal::derive(move || match current() {
                Some(FormValue::One(id)) => vec![id],
                Some(FormValue::Many(ids)) => ids,
                _ => Vec::new(),
            });
            let fid2 = fid.clone();
            let on_change = Callback::new(move |(item, on): (String, bool)| {
                if radio {
                    set(values, &fid2, FormValue::One(item));
                } else {
                    values.update(|all| {
                        let mut ticked = match all.get(&fid2) {
                            Some(FormValue::Many(s)) => s.clone(),
                            _ => Vec::new(),
                        };
                        ticked.retain(|i| *i != item);
                        if on {
                            ticked.push(item);
                        }
                        all.insert(fid2.clone(), FormValue::Many(ticked));
                    });
                }
            });
            let name = if radio {
                format!("{field}[{fid}]")
            } else {
                format!("{field}[{fid}][{{value}}]")
            };
            let legend = (!lone).then(|| leptos::text_prop::TextProp::from(title));
            view! {
                <ChoiceList legend=legend multiple=!radio id=cid name=name items=choices selected=selected
                    on_change=on_change hint=hint.clone() error=error required=required/>
            }
            .into_any()
        }
        FormKind::Quantity | FormKind::Slider => {
            let unit = form.config.0.unit.0.clone();
            let name = format!("{field}[{fid}][{}]", form.value_item());
            let price = items
                .with_value(|l| l.first().map(|i| i.price.clone()))
                .filter(|p| p.value.is_some_and(|d| !d.is_zero()));
            let number = Signal::derive(move || match current() {
                Some(FormValue::Number(n)) => n,
                _ => 0,
            });
            let on_input = Callback::new(move |raw: String| {
                set(values, &fid, FormValue::Number(raw.trim().parse().unwrap_or(0)))
            });
            view! {
                <NumberField label=title id=cid name=name value=number on_input=on_input slider=kind == FormKind::Slider
                    range=range(&form) unit=unit price=price currency=currency hint=hint error=error required=required/>
            }
            .into_any()
        }
        FormKind::Text | FormKind::Textarea => {
            let text = Signal::derive(move || match current() {
                Some(FormValue::Text(s)) => s,
                _ => String::new(),
            });
            let on_input = Callback::new(move |v: String| set(values, &fid, FormValue::Text(v)));
            view! {
                <InputField label=title id=cid name=format!("{field}[{}][{}]", form.id.0, form.value_item()) value=text
                    on_input=on_input multiline=kind == FormKind::Textarea hint=hint.clone() error=error required=required/>
            }
            .into_any()
        }
    }
}

/// A quantity (number input) or a slider, with its unit and price per unit.
#[component]
fn NumberField(
    label: String,
    id: String,
    name: String,
    value: Signal<i64>,
    on_input: Callback<String>,
    slider: bool,
    range: crate::cart::config::Range,
    unit: String,
    price: Option<crate::api::loose::Money>,
    currency: Signal<String>,
    hint: Option<leptos::text_prop::TextProp>,
    error: Signal<Option<String>>,
    required: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let errors = crate::ui::fields::error_line(&id, error);
    let described = {
        let (h, e) = (hint_id.clone(), format!("{id}-err"));
        move || if error.get().is_some() { format!("{h} {e}") } else { h.clone() }
    };
    let u = unit.clone();
    let shown = move || format!("{} {u}", value.get()).trim().to_owned();
    let per_unit = move || {
        let mut parts: Vec<String> =
            hint.as_ref().map(|h| h.get().to_string()).into_iter().collect();
        if let Some(p) = &price {
            parts.push(t_with(
                "cart.unit_price",
                &[("price", &money_text(p, &currency.get(), i18n::lang()))],
            ));
        }
        parts.join(" ")
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}{required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <p class="hint" id=hint_id>{per_unit}</p>
            <div class="input-wrap qty">
                <input id=id.clone() name=name type=if slider { "range" } else { "number" } inputmode="numeric"
                    min=range.min.to_string() max=range.max.to_string() step=range.step.to_string()
                    prop:value=move || value.get().to_string()
                    aria-valuetext=shown.clone()
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described
                    on:input=move |ev| on_input.run(event_target_value(&ev))/>
                <output for=id class="qty-out">{shown}</output>
            </div>
            {errors}
        </div>
    }
}
