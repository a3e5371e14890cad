//! The dashboard's status updates card (maintenance, incidents:
//! `GET /statuses`), hidden when the server does not offer the call.

use crate::api::notifications::{self, StatusUpdate};
use crate::api::ApiError;
use crate::i18n::{self, t_with, tr};
use crate::ui::erase::{dyn_view, resource, resource_view};
use crate::ui::format::date;
use leptos::prelude::*;

/// Status updates (maintenance, incidents) for the dashboard. Hidden when
/// the server does not offer `GET /statuses`.
#[component]
pub fn StatusUpdates() -> impl IntoView {
    let statuses = resource(notifications::statuses);
    dyn_view(move || {
        match statuses.get() {
        Some(Err(ApiError::NotSupported)) => ().into_any(),
        _ => view! {
            <section class="card statuses" aria-labelledby="status-title">
                <h2 id="status-title">{tr("status.title")}</h2>
                {resource_view(statuses, "status.load_error", |list: Vec<StatusUpdate>| view! { <StatusList list=list/> }.into_any())}
            </section>
        }
        .into_any(),
    }
    })
}

fn status_label(s: &str) -> String {
    let key = format!("status.state.{}", s.trim().to_ascii_lowercase().replace(' ', "_"));
    i18n::lookup(i18n::lang(), &key).unwrap_or_else(|| s.to_owned())
}

#[component]
fn StatusList(list: Vec<StatusUpdate>) -> impl IntoView {
    if list.iter().all(StatusUpdate::resolved) {
        let recent = list.first().map(|s| s.title.clone());
        return view! {
            <p class="status-ok">{tr("status.all_ok")}</p>
            {recent.map(|r| view! { <p class="muted">{Signal::derive(move || t_with("status.last", &[("title", &r)]))}</p> })}
        }
        .into_any();
    }
    view! {
        <ul class="status-list" data-testid="statuses">
            {list
                .into_iter()
                .map(|s| {
                    let done = s.resolved();
                    let state = s.status.clone();
                    view! {
                        <li class="status-item" class:resolved=done>
                            <div class="status-line">
                                <strong>{s.title.clone()}</strong>
                                <span class="status-badge" class:done=done>{Signal::derive(move || status_label(&state))}</span>
                            </div>
                            <p class="muted">{date(&s.date)}</p>
                            {(!s.description.is_empty()).then(|| view! { <p>{s.description.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
