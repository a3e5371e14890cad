//! Labelled choice controls: a native select, a radio group and a
//! checkbox. `label`/`legend`/`hint` are i18n keys; `name` is the API
//! field fed; option labels are given already translated (a reactive
//! signal, so they follow the language switch).

use crate::i18n::tr;
use crate::ui::erase::dyn_view;
use leptos::prelude::*;

/// A labelled `<select>` bound to `value`, with an i18n key as label and
/// hint: the general [`crate::ui::select::SelectField`] set up for fixed
/// forms.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    /// (value, translated label) pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    /// Id of the control when `f-<name>` is not unique on the page.
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    use crate::ui::select::{Choice, SelectField as Select};
    let id = id.unwrap_or_else(|| format!("f-{name}"));
    let options = Signal::derive(move || {
        options.get().into_iter().map(|(v, l)| Choice::new(v, l)).collect::<Vec<_>>()
    });
    let hint =
        (!hint.is_empty()).then(|| leptos::text_prop::TextProp::from(move || crate::i18n::t(hint)));
    view! {
        <Select
            label=move || crate::i18n::t(label)
            id=id
            name=name
            value=value
            on_change=crate::ui::fields::setter(value)
            options=options
            hint=hint
            autocomplete=autocomplete
        />
    }
}

/// A fieldset of radio buttons bound to `value`.
#[component]
pub fn RadioGroup(
    legend: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let err_id = format!("f-{name}-err");
    let eid = err_id.clone();
    view! {
        <fieldset class="field radios" aria-describedby=Signal::derive(move || error.get().is_some().then(|| eid.clone()))>
            <legend>{tr(legend)}</legend>
            <div class="radio-row">
                {dyn_view(move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (v, l))| {
                            let id = format!("f-{name}-{i}");
                            let v2 = v.clone();
                            view! {
                                <label class="radio" for=id.clone()>
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name=name
                                        value=v.clone()
                                        prop:checked=Signal::derive(move || value.get() == v)
                                        on:change=move |_| value.set(v2.clone())
                                    />
                                    <span>{l}</span>
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                })}
            </div>
            {dyn_view(move || match error.get() {
                Some(e) => view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> }.into_any(),
                None => ().into_any(),
            })}
        </fieldset>
    }
}

/// A checkbox with its label (and an optional hint below).
#[component]
pub fn CheckField(
    label: &'static str,
    name: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional)] hint: &'static str,
    /// Id when `f-<name>` is not unique on the page.
    #[prop(optional)]
    id: Option<String>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("f-{name}"));
    let hint_id = format!("{id}-hint");
    view! {
        <div class="check-field">
            <label class="check" for=id.clone()>
                <input
                    type="checkbox"
                    id=id.clone()
                    name=name
                    aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                    disabled=disabled
                    bind:checked=checked
                />
                <span>{tr(label)}</span>
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{tr(hint)}</p> })}
        </div>
    }
}
