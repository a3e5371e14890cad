//! The dashboard's services card (`GET /service`): how many services are
//! in each status (each count opens `/services?status=…`), and the ones
//! due in the next [`DUE_DAYS`] days with their date and amount.

use crate::api::services::service::{self as api, days_to_due, ServiceRow, ServiceStatus};
use crate::api::ApiError;
use crate::app::href;
use crate::i18n::{self, t, tr};
use crate::ui::erase::{dyn_view, resource, resource_view};
use crate::ui::format::{date, money_text};
use crate::ui::text::tw;
use crate::util::percent_encode;
use crate::vocab::{Id, Money};
use leptos::prelude::*;
use leptos_router::components::A;

/// How far ahead "due soon" looks, in days.
pub const DUE_DAYS: i64 = 14;

/// A service due soon.
#[derive(Clone, Debug, PartialEq)]
pub struct DueSoon {
    pub id: Id,
    pub name: String,
    pub next_due: String,
    pub days: i64,
    pub total: Money,
}

/// What the card shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub total: usize,
    /// The statuses present, in the order of `ServiceStatus::ALL`.
    pub counts: Vec<(ServiceStatus, usize)>,
    /// Running or waiting services due within [`DUE_DAYS`] days, soonest
    /// first.
    pub due: Vec<DueSoon>,
}

pub fn summarise(rows: &[ServiceRow], today: i64) -> Summary {
    let counts = ServiceStatus::ALL
        .iter()
        .map(|s| (*s, rows.iter().filter(|r| ServiceStatus::of(r.status.as_str()) == *s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut due: Vec<DueSoon> = rows
        .iter()
        .filter(|r| !ServiceStatus::of(r.status.as_str()).is_closed())
        .filter_map(|r| {
            let days = days_to_due(r.next_due.as_str(), today)?;
            (0..=DUE_DAYS).contains(&days).then(|| DueSoon {
                id: r.id.clone(),
                name: r.display_name(),
                next_due: r.next_due.0.clone(),
                days,
                total: r.total.clone(),
            })
        })
        .collect();
    crate::util::sort_with(&mut due, &|a, b| a.days.cmp(&b.days).then_with(|| a.name.cmp(&b.name)));
    Summary { total: rows.len(), counts, due }
}

/// The status's name, in the dashboard's texts.
fn status_name(s: ServiceStatus) -> String {
    t(match s {
        ServiceStatus::Active => "dashboard.svc_active",
        ServiceStatus::Pending => "dashboard.svc_pending",
        ServiceStatus::Suspended => "dashboard.svc_suspended",
        ServiceStatus::Cancelled => "dashboard.svc_cancelled",
        ServiceStatus::Terminated => "dashboard.svc_terminated",
        ServiceStatus::Other => "dashboard.svc_other",
    })
}

/// `/services?status=<code>`.
fn list_with_status(s: ServiceStatus) -> String {
    format!("{}?status={}", href::SERVICES, percent_encode(s.code()))
}

#[component]
pub fn ServicesCard(#[prop(into)] currency: Signal<String>) -> impl IntoView {
    let list = resource(api::list);
    dyn_view(move || {
        match list.get() {
        // a server without the call: no card
        Some(Err(ApiError::NotSupported)) => ().into_any(),
        _ => view! {
            <section class="card dash-services" aria-labelledby="dash-svc-title" data-testid="dashboard-services">
                <h2 id="dash-svc-title">{tr("dashboard.services")}</h2>
                {resource_view(list, "dashboard.services_error", move |rows: Vec<ServiceRow>| {
                    view! { <Overview summary=summarise(&rows, crate::util::today()) currency=currency/> }
                })}
            </section>
        }
        .into_any(),
    }
    })
}

#[component]
fn Overview(summary: Summary, currency: Signal<String>) -> impl IntoView {
    if summary.total == 0 {
        return view! {
            <p class="muted">{tr("dashboard.services_none")}</p>
            <A href=href::CART attr:class="btn btn-secondary">{tr("dashboard.services_order")}</A>
        }
        .into_any();
    }
    let counts = summary
        .counts
        .into_iter()
        .map(|(s, n)| {
            view! {
                <li>
                    <A href=list_with_status(s) attr:data-testid=format!("svc-count-{}", s.code())>
                        <strong class="count">{n}</strong>" "{move || status_name(s)}
                    </A>
                </li>
            }
        })
        .collect_view();
    let due = if summary.due.is_empty() {
        view! { <p class="muted" data-testid="due-none">{tr("dashboard.services_due_none")}</p> }
            .into_any()
    } else {
        let items = summary
            .due
            .into_iter()
            .map(|d| {
                let amount = d.total.clone();
                let when = if d.days == 0 {
                    t("dashboard.services_due_today")
                } else {
                    i18n::t_with("dashboard.services_due_in", &[("n", &d.days.to_string())])
                };
                view! {
                    <li>
                        <A href=href::service(d.id.as_str())>{d.name.clone()}</A>
                        " · " {date(&d.next_due)} " (" {when} ") · "
                        <span class="num">{move || money_text(&amount, &currency.get(), i18n::lang())}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="due-list" data-testid="due-soon">{items}</ul> }.into_any()
    };
    view! {
        <ul class="status-counts" data-testid="service-counts">{counts}</ul>
        <p><A href=href::SERVICES>{tw("dashboard.services_all", vec![("n", summary.total.to_string())])}</A></p>
        <h3>{tr("dashboard.services_due_title")}</h3>
        {due}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    fn row(id: &str, status: &str, due: &str) -> ServiceRow {
        ServiceRow {
            id: Id(id.into()),
            name: Text(format!("Service {id}")),
            status: Text(status.into()),
            next_due: Text(due.into()),
            ..Default::default()
        }
    }

    #[test]
    fn counts_by_status_and_the_ones_due_in_fourteen_days() {
        let today = api::day_of("2026-03-01").unwrap();
        let rows = [
            row("1", "Active", "2026-03-11"),
            row("2", "Active", "2026-03-26"),
            row("3", "Suspended", "2026-02-26"),
            row("4", "Cancelled", "2026-03-02"),
            row("5", "Active", "2026-03-06"),
            row("6", "Pending", "2026-03-15"),
            row("7", "Active", "2026-03-01"),
            row("8", "Fraud", ""),
        ];
        let s = summarise(&rows, today);
        assert_eq!(s.total, 8);
        assert_eq!(
            s.counts,
            [
                (ServiceStatus::Active, 4),
                (ServiceStatus::Pending, 1),
                (ServiceStatus::Suspended, 1),
                (ServiceStatus::Cancelled, 1),
                (ServiceStatus::Other, 1)
            ],
            "statuses with none are left out"
        );
        let due: Vec<(&str, i64)> = s.due.iter().map(|d| (d.id.as_str(), d.days)).collect();
        assert_eq!(
            due,
            [("7", 0), ("5", 5), ("1", 10), ("6", 14)],
            "soonest first; past, far and cancelled left out"
        );
        assert_eq!(summarise(&[], today), Summary::default());
    }

    #[test]
    fn counts_link_to_the_filtered_list() {
        assert_eq!(list_with_status(ServiceStatus::Suspended), "/services?status=suspended");
    }
}
