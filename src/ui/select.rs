//! A labelled `<select>` bound to a signal, like `TextField` for inputs.

use crate::i18n::tr;
use leptos::prelude::*;

/// `label` and `hint` are i18n keys; `name` is the API field it feeds;
/// `options` are (value, visible text) pairs.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    /// Makes the id unique when the same field appears twice on a page.
    #[prop(optional)]
    id_suffix: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}{id_suffix}");
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let described = crate::ui::described_by(hint, hint_id.clone(), err_id.clone(), error);
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{tr(label)}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{tr(hint)}</p> })}
            <select
                id=id.clone()
                name=name
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|e| view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> })}
        </div>
    }
}
