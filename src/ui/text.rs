//! Reactive text helpers for views. Each returns the same closure type at
//! every call site, so the view code for it is generated once (a closure
//! written inline in a `view!` is a new type, and new code, each time).

use crate::i18n::{t, t_with};
use leptos::prelude::*;

/// A translated text with `{placeholders}` filled, following the language.
pub fn tw(
    key: &'static str,
    args: Vec<(&'static str, String)>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        let a: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        t_with(key, &a)
    }
}

/// `yes` while `flag` is true, else `no` (i18n keys): "Saving…" / "Save".
pub fn either_text(
    flag: Signal<bool>,
    yes: &'static str,
    no: &'static str,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || t(if flag.get() { yes } else { no })
}

/// `"true"` while there is an error, for `aria-invalid`.
pub fn invalid(
    err: Signal<Option<String>>,
) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
    move || err.with(Option::is_some).then_some("true")
}

/// The announced error line under a control, when there is one.
pub fn field_error(err: Signal<Option<String>>, id: Option<String>) -> impl IntoView {
    move || err.get().map(|e| view! { <p class="field-error" id=id.clone() role="alert">{e}</p> })
}

/// A form's submit button: disabled while `pending` (never sends twice),
/// with a spinner and `busy` as its label meanwhile (i18n keys).
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    label: &'static str,
    #[prop(default = "ui.saving")] busy: &'static str,
    /// Disabled for another reason too (e.g. nothing to send).
    #[prop(optional, into)]
    blocked: Option<Signal<bool>>,
    /// Full width (the single button of a narrow form).
    #[prop(optional)]
    block: bool,
) -> impl IntoView {
    let off = move || pending.get() || blocked.is_some_and(|b| b.get());
    view! {
        <button type="submit" class="btn btn-primary" class:btn-block=block disabled=off>
            {crate::ui::erase::busy_label(pending, label, busy)}
        </button>
    }
}
