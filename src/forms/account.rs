//! What the account pages (the profile and its contacts) share around
//! their forms: the tabs between them, the notice above the page after a
//! save, and the alert of a failed save.

use crate::app::href;
use crate::i18n::tr;
use crate::ui::erase::dyn_view;
use leptos::prelude::*;
use leptos_router::components::A;

/// Tabs of the account area (profile, contacts).
#[component]
pub fn AccountTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=tr("profile.tabs")>
            <A href=href::ACCOUNT exact=true>{tr("profile.tab_profile")}</A>
            <A href=href::CONTACTS>{tr("profile.tab_contacts")}</A>
        </nav>
    }
}

/// A success (`true`) or failure message above a page's content.
pub fn notice_view(notice: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    dyn_view(move || match notice.get() {
        Some((true, text)) => {
            view! { <p class="alert alert-info" role="status">{text}</p> }.into_any()
        }
        Some((false, text)) => {
            view! { <p class="alert alert-error" role="alert">{text}</p> }.into_any()
        }
        None => ().into_any(),
    })
}

/// A failed save's messages under a headline (i18n key), or nothing.
pub fn errors_view(title: &'static str, messages: RwSignal<Vec<String>>) -> impl IntoView {
    dyn_view(move || {
        let list = messages.get();
        if list.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="alert alert-error" role="alert">
                <strong class="alert-title">{tr(title)}</strong>
                {list.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
            </div>
        }
        .into_any()
    })
}
