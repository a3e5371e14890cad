//! Reusable pieces: fields, loading and error states, the language switch.

pub mod address;
pub mod camera;
pub mod choice;
pub mod combobox;
pub mod dialog;
pub mod erase;
pub mod fields;
pub mod file_drop;
pub mod format;
pub mod image;
pub mod money_cards;
pub mod pager;
pub mod select;
pub mod signature_pad;
pub mod table;
pub mod text;
pub mod toast;

pub use erase::{effect, resource, resource_view};

use crate::i18n::{self, t, t_with, tr};
use crate::vocab::ApiError;
use leptos::prelude::*;

/// What to tell the user about a failed call, in the current language.
pub fn error_text(e: &ApiError) -> String {
    match e {
        ApiError::Network => t("err.network"),
        ApiError::Timeout => t("err.timeout"),
        ApiError::Aborted => String::new(),
        ApiError::Unauthorized => t("err.unauthorized"),
        ApiError::Forbidden => t("err.forbidden"),
        ApiError::NotSupported => t("err.not_supported"),
        ApiError::Http { status } => t_with("err.http", &[("status", &status.to_string())]),
        ApiError::Decode { .. } => t("err.decode"),
        ApiError::Server { messages, .. } if messages.is_empty() => t("err.server"),
        ApiError::Server { messages, .. } => {
            messages.iter().map(|m| i18n::server_message(m)).collect::<Vec<_>>().join(" ")
        }
    }
}

/// A polite, announced loading line with a spinner.
#[component]
pub fn Loading(#[prop(default = "common.loading")] label: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {tr(label)}
        </p>
    }
}

/// An announced error with what to do, and a retry button when given.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// i18n key of a headline saying what failed
    #[prop(optional)]
    what: &'static str,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let e = error.clone();
    view! {
        <div class="alert alert-error" role="alert">
            {(!what.is_empty()).then(|| view! { <strong class="alert-title">{tr(what)}</strong> })}
            <p>{move || error_text(&e)}</p>
            {on_retry.map(|cb| view! {
                <button type="button" class="btn btn-secondary" on:click=move |_| cb.run(())>
                    {tr("common.retry")}
                </button>
            })}
        </div>
    }
}

/// A labelled input bound to a signal, with its error announced and tied
/// to the input (`aria-describedby`, `aria-invalid`). `label` and `hint`
/// are i18n keys; `name` is the API field the value feeds.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: &'static str,
    /// Adds a show/hide toggle (for passwords).
    #[prop(optional)]
    revealable: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let shown = RwSignal::new(false);
    let described = fields::described_by(&id, !hint.is_empty(), error);
    let kind = move || if revealable && shown.get() { "text" } else { input_type };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>
                {tr(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{tr(hint)}</p> })}
            <div class="input-wrap">
                <input
                    id=id.clone()
                    name=name
                    type=kind
                    autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                    inputmode=(!inputmode.is_empty()).then_some(inputmode)
                    required=required
                    aria-required=required.then_some("true")
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described
                    bind:value=value
                />
                {revealable.then(|| view! {
                    <button
                        type="button"
                        class="btn-reveal"
                        aria-controls=id.clone()
                        aria-pressed=move || if shown.get() { "true" } else { "false" }
                        on:click=move |_| shown.update(|s| *s = !*s)
                    >
                        {move || if shown.get() { t("login.hide_password") } else { t("login.show_password") }}
                    </button>
                })}
            </div>
            {fields::error_line(&id, error)}
        </div>
    }
}

/// A row of a `<dl class="dl">`: the label (i18n key) and the value, or
/// "not provided" when it is empty.
pub fn dl_row(key: &'static str, value: String) -> impl IntoView {
    let empty = value.trim().is_empty();
    view! {
        <div class="dl-row">
            <dt>{tr(key)}</dt>
            <dd class:muted=empty>{move || if empty { t("common.not_provided") } else { value.clone() }}</dd>
        </div>
    }
}

/// The vi/en switch in the header. Its accessible name starts with the
/// visible "EN"/"VI" (WCAG 2.5.3) and says what it does.
#[component]
pub fn LangSwitch() -> impl IntoView {
    view! {
        <button
            type="button"
            class="btn btn-ghost lang-switch"
            title=tr("header.switch_lang")
            on:click=move |_| i18n::set_lang(i18n::lang().other())
        >
            {tr("header.lang_short")}
            <span class="visually-hidden" lang=move || i18n::lang().other().code()>" "{tr("header.switch_lang")}</span>
        </button>
    }
}

/// Sets the document title to "<page> · <app>", again on a language switch.
/// `key` is the page's i18n key.
pub fn page_title(key: &'static str) {
    page_title_with(move || t(key));
}

/// [`page_title`] with a title made at run time (a domain name, say).
pub fn page_title_with(page: impl Fn() -> String + 'static) {
    erase::effect(move || crate::browser::set_title(&format!("{} · {}", page(), t("app.name"))));
}

/// The thin bar at the top while requests are under way (shown after a
/// short delay by CSS, so fast answers do not flicker).
#[component]
pub fn ProgressBar(active: Signal<bool>) -> impl IntoView {
    view! { <div class="topbar" class:active=active aria-hidden="true"></div> }
}
