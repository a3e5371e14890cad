//! Renders the forms a product (`config.forms`) or a TLD (`forms` → `data`)
//! sends: select, radio, checkbox, text, textarea, quantity, slider and
//! `domaindnssupport`-style items, with required marks, descriptions,
//! conditionals and errors. The values live in one signal
//! ([`FormValues`]); `cart::config::custom` turns them into the map sent.

use crate::api::cart::{Form, FormItem};
use crate::cart::config::{form_kind, problems, range, visible, FormKind, FormValue, FormValues, Problem};
use crate::i18n::{self, t, t_with};
use crate::ui::format::money_text;
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
            &[("min", &r.min.to_string()), ("max", &r.max.to_string()), ("step", &r.step.to_string())],
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
    forms.iter().find(|f| bad.contains_key(f.id.as_str())).map(|f| control_id(prefix, f.id.as_str()))
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
    let forms = StoredValue::new(forms);
    let shown = Memo::new(move |_| forms.with_value(|f| values.with(|v| visible(f, v))));
    let errors = Memo::new(move |_| forms.with_value(|f| values.with(|v| problems(f, v))));
    forms
        .get_value()
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
            move || is_shown.get().then(|| form_control(form.clone(), values, currency, error, prefix, field))
        })
        .collect_view()
}

fn set(values: RwSignal<FormValues>, id: &str, v: FormValue) {
    values.update(|all| {
        all.insert(id.to_owned(), v);
    });
}

/// One form's control(s) with label, hint and error.
fn form_control(
    form: Form,
    values: RwSignal<FormValues>,
    currency: Signal<String>,
    error: Signal<Option<String>>,
    prefix: &'static str,
    field: &'static str,
) -> AnyView {
    let fid = form.id.0.clone();
    let cid = control_id(prefix, &fid);
    let err_id = format!("{cid}-err");
    let hint_id = format!("{cid}-hint");
    let title = form.title.0.clone();
    let description = form.description.0.trim().to_owned();
    let required = form.required.0;
    let has_hint = !description.is_empty();
    let described = {
        let (e, h) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(h.clone());
            }
            if error.get().is_some() {
                ids.push(e.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let req_mark = move || required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> });
    let hint = has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{description.clone()}</p> });
    let err = {
        let err_id = err_id.clone();
        move || error.get().map(|e| view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> })
    };
    let kind = form_kind(&form);
    let items = form.items.0.clone();
    let value_item = form.value_item();
    let single_name = format!("{field}[{fid}]");
    let fid_n = fid.clone();
    let item_name = move |item: &str| format!("{field}[{fid_n}][{item}]");

    let control = match kind {
        FormKind::Select => {
            let fid2 = form.id.0.clone();
            let current = move || match values.with(|v| v.get(&fid2).cloned()) {
                Some(FormValue::One(id)) => id,
                _ => String::new(),
            };
            let fid3 = form.id.0.clone();
            view! {
                <label for=cid.clone()>{title.clone()}{req_mark()}</label>
                {hint}
                <select
                    id=cid.clone()
                    name=single_name
                    aria-required=required.then_some("true")
                    aria-invalid=invalid
                    aria-describedby=described
                    on:change=move |ev| set(values, &fid3, FormValue::One(event_target_value(&ev)))
                >
                    {move || {
                        let cur = currency.get();
                        let chosen = current();
                        items
                            .iter()
                            .map(|i| {
                                let v = i.id.0.clone();
                                let sel = v == chosen;
                                view! { <option value=v selected=sel>{item_label(i, &cur)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            }
            .into_any()
        }
        FormKind::Radio | FormKind::Checkbox => {
            let radio = kind == FormKind::Radio;
            // a single unnamed item (`domaindnssupport`): one checkbox labelled by the form
            let lone = !radio && items.len() == 1 && items[0].title.as_str().trim().is_empty();
            let options = items
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let item_id = i.id.0.clone();
                    let input_id = if n == 0 { cid.clone() } else { format!("{cid}-{n}") };
                    let (name, fid_a, fid_b, iid_a, iid_b) =
                        (if radio { single_name.clone() } else { item_name(&item_id) }, fid.clone(), fid.clone(), item_id.clone(), item_id.clone());
                    let checked = move || match values.with(|v| v.get(&fid_a).cloned()) {
                        Some(FormValue::One(id)) => id == iid_a,
                        Some(FormValue::Many(ids)) => ids.iter().any(|i| *i == iid_a),
                        _ => false,
                    };
                    let on_change = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        if radio {
                            set(values, &fid_b, FormValue::One(iid_b.clone()));
                        } else {
                            values.update(|all| {
                                let mut set: Vec<String> = match all.get(&fid_b) {
                                    Some(FormValue::Many(s)) => s.clone(),
                                    _ => Vec::new(),
                                };
                                set.retain(|i| *i != iid_b);
                                if on {
                                    set.push(iid_b.clone());
                                }
                                all.insert(fid_b.clone(), FormValue::Many(set));
                            });
                        }
                    };
                    let cur = currency;
                    let label_text = {
                        let i = i.clone();
                        let title = title.clone();
                        move || {
                            let l = item_label(&i, &cur.get());
                            if lone {
                                if l.is_empty() {
                                    title.clone()
                                } else {
                                    format!("{title} ({l})")
                                }
                            } else {
                                l
                            }
                        }
                    };
                    view! {
                        <label class="check" for=input_id.clone()>
                            <input
                                type=if radio { "radio" } else { "checkbox" }
                                id=input_id.clone()
                                name=name
                                value=item_id
                                prop:checked=checked
                                aria-describedby=described.clone()
                                on:change=on_change
                            />
                            <span>{label_text}{lone.then(req_mark)}</span>
                        </label>
                    }
                })
                .collect_view();
            if lone {
                view! { {hint}{options} }.into_any()
            } else {
                view! {
                    <fieldset class="choices" aria-invalid=invalid aria-describedby=described.clone()>
                        <legend>{title.clone()}{req_mark()}</legend>
                        {hint}
                        {options}
                    </fieldset>
                }
                .into_any()
            }
        }
        FormKind::Quantity | FormKind::Slider => {
            let r = range(&form);
            let unit = form.config.0.unit.0.clone();
            let slider = kind == FormKind::Slider;
            let (fid_a, fid_b) = (fid.clone(), fid.clone());
            let current = move || match values.with(|v| v.get(&fid_a).cloned()) {
                Some(FormValue::Number(n)) => n,
                _ => 0,
            };
            let price = items.first().cloned();
            let on_input = move |ev: leptos::ev::Event| {
                let raw = event_target_value(&ev);
                let n = raw.trim().parse::<i64>().unwrap_or(0);
                set(values, &fid_b, FormValue::Number(n));
            };
            let price_hint = move || {
                price
                    .as_ref()
                    .filter(|p| p.price.value.is_some_and(|d| !d.is_zero()))
                    .map(|p| t_with("cart.unit_price", &[("price", &money_text(&p.price, &currency.get(), i18n::lang()))]))
            };
            view! {
                <label for=cid.clone()>{title.clone()}{req_mark()}</label>
                {hint}
                <div class="input-wrap qty">
                    <input
                        id=cid.clone()
                        name=item_name(&value_item)
                        type=if slider { "range" } else { "number" }
                        inputmode="numeric"
                        min=r.min.to_string()
                        max=r.max.to_string()
                        step=r.step.to_string()
                        prop:value={ let c = current.clone(); move || c().to_string() }
                        aria-invalid=invalid
                        aria-describedby=described
                        aria-valuetext={ let (c, u) = (current.clone(), unit.clone()); move || slider.then(|| format!("{} {u}", c())) }
                        on:input=on_input
                    />
                    {slider.then(|| { let u = unit.clone(); view! { <output for=cid.clone() class="qty-out">{move || format!("{} {u}", current())}</output> } })}
                    {(!slider && !unit.is_empty()).then(|| view! { <span class="unit">{unit.clone()}</span> })}
                </div>
                <p class="hint">{price_hint}</p>
            }
            .into_any()
        }
        FormKind::Text | FormKind::Textarea => {
            let (fid_a, fid_b) = (fid.clone(), fid.clone());
            let current = move || match values.with(|v| v.get(&fid_a).cloned()) {
                Some(FormValue::Text(s)) => s,
                _ => String::new(),
            };
            let on_input = move |ev: leptos::ev::Event| set(values, &fid_b, FormValue::Text(event_target_value(&ev)));
            let name = item_name(&value_item);
            let input = if kind == FormKind::Textarea {
                view! {
                    <textarea id=cid.clone() name=name rows="4" aria-required=required.then_some("true")
                        aria-invalid=invalid aria-describedby=described prop:value=current on:input=on_input></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=cid.clone() name=name type="text" autocomplete="off" aria-required=required.then_some("true")
                        aria-invalid=invalid aria-describedby=described prop:value=current on:input=on_input/>
                }
                .into_any()
            };
            view! {
                <label for=cid.clone()>{title.clone()}{req_mark()}</label>
                {hint}
                {input}
            }
            .into_any()
        }
    };
    view! {
        <div class="field option" class:field-invalid=move || error.get().is_some() data-form=fid.clone()>
            {control}
            {err}
        </div>
    }
    .into_any()
}
