//! Notifications: the bell in the header (count from `GET
//! /notifications/new`, refreshed every 60 s while the tab is visible and
//! never while it is hidden), `/notifications` (`GET /notifications`,
//! filtered by `rel_type`; opening or acknowledging one sends `PUT
//! /notifications/@id/ack` and the badge drops), and the status updates
//! (`GET /statuses`) shown on the dashboard.

use crate::api::notifications::Notification;
use crate::api::{self, ApiError};
use crate::app::href;
use crate::browser;
use crate::i18n::{self, t, t_with, tr};
use crate::session::{self, SessionState};
use crate::ui::choice::SelectField;
use crate::ui::erase::{action, dyn_view, effect, resource};
use crate::ui::format::date;
use crate::ui::{error_text, ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;
use std::time::Duration;

/// How often the bell asks while the tab is visible.
pub const POLL_MS: u32 = 60_000;

/// The count of new notifications, shared by the bell and the page.
#[derive(Clone, Copy)]
pub struct NotifCtx {
    pub count: crate::ui::erase::Res<Result<u32, ApiError>>,
}

impl NotifCtx {
    /// Asks only while a session is active.
    pub fn new() -> Self {
        let count = resource(move || {
            let active = session::state() == SessionState::Active;
            async move {
                if active {
                    api::notifications::new_count().await
                } else {
                    Ok(0)
                }
            }
        });
        NotifCtx { count }
    }
}

impl Default for NotifCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// The header's bell: a link to `/notifications` with the new count.
#[component]
pub fn Bell(#[prop(default = POLL_MS)] period_ms: u32) -> impl IntoView {
    let ctx = expect_context::<NotifCtx>();
    let last = StoredValue::new(browser::now_ms());
    let refresh = move || {
        last.set_value(browser::now_ms());
        ctx.count.refetch();
    };
    // Every period while visible; nothing while hidden; on coming back, at
    // once if a period has passed.
    if let Ok(h) = set_interval_with_handle(
        move || {
            if browser::page_visible() {
                refresh();
            }
        },
        Duration::from_millis(period_ms.into()),
    ) {
        on_cleanup(move || h.clear());
    }
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if browser::page_visible() && browser::now_ms() - last.get_value() >= f64::from(period_ms) {
            refresh();
        }
    });
    on_cleanup(move || listener.remove());

    let count = Memo::new(move |_| match ctx.count.get() {
        Some(Ok(n)) => n,
        _ => 0,
    });
    let label = Signal::derive(move || match count.get() {
        0 => t("notif.bell"),
        n => t_with("notif.bell_new", &[("count", &n.to_string())]),
    });
    view! {
        <A href=href::NOTIFICATIONS attr:class="bell" attr:aria-label=label attr:title=label>
            <svg class="bell-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/>
            </svg>
            {dyn_view(move || match count.get() {
                0 => ().into_any(),
                n => view! { <span class="badge" data-testid="bell-count">{if n > 99 { "99+".to_owned() } else { n.to_string() }}</span> }.into_any(),
            })}
        </A>
    }
}

/// A notification's kind in words (known HostBill relation types), else as sent.
fn kind_label(rel_type: &str) -> String {
    if rel_type.is_empty() {
        return t("notif.type_general");
    }
    i18n::lookup(i18n::lang(), &format!("notif.type.{}", rel_type.to_ascii_lowercase()))
        .unwrap_or_else(|| rel_type.to_owned())
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    crate::ui::page_title("notif.title");
    let ctx = expect_context::<NotifCtx>();
    let filter = RwSignal::new(String::new());
    let list = resource(move || {
        let f = filter.get();
        async move { api::notifications::list(Some(&f)).await.map(|l| (f, l)) }
    });
    // Kinds seen in the unfiltered list feed the filter.
    let kinds = RwSignal::new(BTreeSet::<String>::new());
    effect(move || {
        if let Some(Ok((f, l))) = list.get() {
            if f.is_empty() {
                kinds.update(|k| {
                    k.extend(l.iter().map(|n| n.rel_type.clone()).filter(|t| !t.is_empty()))
                });
            }
        }
    });
    let options = Signal::derive(move || {
        let mut o = vec![(String::new(), t("notif.filter_all"))];
        o.extend(kinds.get().into_iter().map(|k| (k.clone(), kind_label(&k))));
        o
    });
    let acked = RwSignal::new(BTreeSet::<String>::new());
    let ack_error = RwSignal::new(None::<String>);
    let ack = action(|id: &String| {
        let id = id.clone();
        async move {
            let r = api::notifications::ack(&id).await;
            (id, r)
        }
    });
    effect(move || match ack.value().get() {
        Some((id, Ok(()))) => {
            acked.update(|a| {
                a.insert(id);
            });
            ack_error.set(None);
            ctx.count.refetch();
        }
        Some((_, Err(e))) => {
            ack_error.set(Some(format!("{} {}", t("notif.ack_failed"), error_text(&e))))
        }
        None => {}
    });
    let on_ack = Callback::new(move |id: String| {
        if !acked.with_untracked(|a| a.contains(&id)) {
            ack.dispatch(id);
        }
    });

    view! {
        <section class="page" aria-labelledby="notif-title">
            <div class="page-head">
                <h1 id="notif-title">{tr("notif.title")}</h1>
                <p class="muted" aria-live="polite">{Signal::derive(move || match ctx.count.get() {
                    Some(Ok(0)) => t("notif.none_new"),
                    Some(Ok(n)) => t_with("notif.count_new", &[("count", &n.to_string())]),
                    _ => String::new(),
                })}</p>
            </div>
            <div class="notif-filter">
                <SelectField label="notif.filter" name="rel_type" value=filter options=options/>
            </div>
            {dyn_view(move || match ack_error.get() {
                Some(e) => view! { <p class="alert alert-error" role="alert">{e}</p> }.into_any(),
                None => ().into_any(),
            })}
            {dyn_view(move || match list.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! {
                    <ErrorPanel error=e what="notif.load_error" on_retry=Callback::new(move |_| list.refetch())/>
                }
                .into_any(),
                Some(Ok((_, items))) if items.is_empty() => view! {
                    <p class="empty card" data-testid="notifications-empty">{tr("notif.empty")}</p>
                }
                .into_any(),
                Some(Ok((_, items))) => view! {
                    <ul class="notif-list" data-testid="notifications">
                        {items.into_iter().map(|n| view! { <NotificationItem n=n acked=acked on_ack=on_ack/> }).collect_view()}
                    </ul>
                }
                .into_any(),
            })}
        </section>
    }
}

#[component]
fn NotificationItem(
    n: Notification,
    acked: RwSignal<BTreeSet<String>>,
    on_ack: Callback<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = n.id.clone();
    let unread = {
        let id = id.clone();
        let seen = n.seen;
        Signal::derive(move || !seen && !acked.with(|a| a.contains(&id)))
    };
    let body_id = format!("notif-{}", n.id);
    let kind = n.rel_type.clone();
    let toggle = {
        let id = id.clone();
        move |_| {
            let opening = !open.get_untracked();
            open.set(opening);
            if opening && unread.get_untracked() {
                on_ack.run(id.clone());
            }
        }
    };
    let mark = move |_| on_ack.run(id.clone());
    let message = if n.message.is_empty() { t("notif.no_text") } else { n.message.clone() };
    view! {
        <li class="notif card" class:unread=unread data-id=n.id.clone()>
            <button
                type="button"
                class="notif-head"
                aria-expanded=Signal::derive(move || if open.get() { "true" } else { "false" })
                aria-controls=body_id.clone()
                on:click=toggle
            >
                <span class="notif-kind">{Signal::derive(move || kind_label(&kind))}</span>
                <span class="notif-subject">{n.subject.clone()}</span>
                <span class="notif-date">{date(&n.date)}</span>
                <span class="badge-new" hidden=Signal::derive(move || !unread.get())>{tr("notif.new")}</span>
            </button>
            <div id=body_id class="notif-body" hidden=Signal::derive(move || !open.get())>
                <p>{message}</p>
            </div>
            <button type="button" class="btn btn-secondary btn-small" hidden=Signal::derive(move || !unread.get()) on:click=mark>
                {tr("notif.mark_read")}
            </button>
        </li>
    }
}
