//! Form controls driven by data, for forms whose fields come from the
//! server (product options, TLD data) as well as fixed ones: a list of
//! radio buttons or checkboxes, and a text input or text area with a label
//! given as text. Each is one component whatever it shows, which keeps the
//! wasm small: pages describe fields, these render them.
//!
//! Like `TextField`, every control has a `<label>`, its errors are
//! `role="alert"` and tied to it (`aria-describedby`, `aria-invalid`), and
//! the HTML `name` is the API field it feeds.

use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// One choice of a [`ChoiceList`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceItem {
    pub value: String,
    pub label: String,
    /// A second line (description, price, fee); may be empty.
    pub detail: String,
}

impl ChoiceItem {
    pub fn new(
        value: impl Into<String>,
        label: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        ChoiceItem { value: value.into(), label: label.into(), detail: detail.into() }
    }
}

/// `aria-describedby` for control `id` with an optional hint (`{id}-hint`)
/// and an error (`{id}-err`).
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync {
    let (hint_id, err_id) = (format!("{id}-hint"), format!("{id}-err"));
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(err_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The announced error of control `id` (`{id}-err`).
pub fn error_line(id: &str, error: Signal<Option<String>>) -> impl IntoView {
    crate::ui::text::field_error(error, Some(format!("{id}-err")))
}

/// A message shown while `text` has one (an alert, a status line): the
/// element stays in the page, hidden when there is nothing to say, so
/// pages need no view closure of their own for it.
#[component]
pub fn Note(
    #[prop(into)] text: Signal<Option<String>>,
    /// e.g. `alert alert-error`
    class: &'static str,
    /// `alert` or `status`
    #[prop(optional)]
    role: &'static str,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    view! {
        <p class=class role=(!role.is_empty()).then_some(role) data-testid=(!testid.is_empty()).then_some(testid)
            hidden=move || text.with(Option::is_none)>
            {move || text.get().unwrap_or_default()}
        </p>
    }
}

fn req_mark(required: bool) -> impl IntoView {
    required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })
}

/// Radio buttons (one value) or checkboxes (`multiple`) in a fieldset. The
/// first input's id is `id` (to focus it); `name` is the HTML name, where
/// `{value}` is replaced by each item's value (`custom[7][{value}]`).
/// Without a legend the fieldset is only a group (a single checkbox).
#[component]
pub fn ChoiceList(
    #[prop(optional_no_strip)] legend: Option<TextProp>,
    #[prop(optional)] multiple: bool,
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] items: Signal<Vec<ChoiceItem>>,
    #[prop(into)] selected: Signal<Vec<String>>,
    /// (value, checked)
    #[prop(into)]
    on_change: Callback<(String, bool)>,
    #[prop(optional_no_strip)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::stored(None));
    let described = described_by(&id, hint.is_some(), error);
    let kind = if multiple { "checkbox" } else { "radio" };
    let hint_id = format!("{id}-hint");
    let errors = error_line(&id, error);
    let list = {
        let id = id.clone();
        move || {
            items
                .get()
                .into_iter()
                .enumerate()
                .map(|(n, item)| {
                    let input_id = if n == 0 { id.clone() } else { format!("{id}-{n}") };
                    let (v1, v2) = (item.value.clone(), item.value.clone());
                    let detail = (!item.detail.is_empty()).then(|| view! { <span class="muted choice-detail">{item.detail}</span> });
                    view! {
                        <label class="check" for=input_id.clone()>
                            <input
                                type=kind
                                id=input_id.clone()
                                name=name.replace("{value}", &item.value)
                                value=item.value
                                prop:checked=move || selected.with(|s| s.contains(&v1))
                                on:change=move |ev| on_change.run((v2.clone(), event_target_checked(&ev)))
                            />
                            <span><span class="choice-label">{item.label}</span>{detail}</span>
                        </label>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset
            class="field choices"
            class:field-invalid=move || error.get().is_some()
            aria-invalid=move || error.get().is_some().then_some("true")
            aria-describedby=described
            data-testid=(!testid.is_empty()).then_some(testid)
        >
            {legend.map(|l| view! { <legend>{move || l.get()}{req_mark(required)}</legend> })}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
            {list}
            {errors}
        </fieldset>
    }
}

/// A labelled text input (or text area) whose label is text, not an i18n
/// key (server form titles). `value`/`on_input` make it work with any
/// state.
#[component]
pub fn InputField(
    #[prop(into)] label: TextProp,
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional_no_strip)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    /// Extra class on the control (e.g. `mono`).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::stored(None));
    let described = described_by(&id, hint.is_some(), error);
    let hint_id = format!("{id}-hint");
    let errors = error_line(&id, error);
    let invalid = move || error.get().is_some().then_some("true");
    let autocomplete = if autocomplete.is_empty() { "off" } else { autocomplete };
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="6" class=class autocomplete=autocomplete spellcheck="false"
                aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type="text" class=class autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get()}{req_mark(required)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
            {control}
            {errors}
        </div>
    }
}

/// The setter of a string signal, as the `on_change`/`on_input` of a field.
pub fn setter(s: RwSignal<String>) -> Callback<String> {
    Callback::new(move |v| s.set(v))
}
