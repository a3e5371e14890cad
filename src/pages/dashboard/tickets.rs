//! The dashboard's tickets card: tickets whose last reply is from staff
//! (`Answered`), i.e. waiting for the customer, newest first. Quiet when
//! there are none, while loading, or when the server does not list
//! tickets.

use crate::api::support::{self, TicketRow};
use crate::app::href;
use crate::i18n::tr;
use crate::ui::erase::resource;
use crate::ui::text::tw;
use leptos::prelude::*;
use leptos_router::components::A;

/// Tickets shown on the card at most.
pub const SHOWN: usize = 5;

/// The tickets waiting for the customer, in the list's order.
pub fn waiting(rows: &[TicketRow]) -> Vec<&TicketRow> {
    rows.iter().filter(|r| r.status.awaits_customer()).collect()
}

#[component]
pub fn TicketsCard() -> impl IntoView {
    let list = resource(support::list);
    move || {
        let rows = list.get()?.ok()?;
        let waiting: Vec<TicketRow> = waiting(&rows).into_iter().cloned().collect();
        (!waiting.is_empty()).then(move || {
            let n = waiting.len();
            let items = waiting
                .into_iter()
                .take(SHOWN)
                .map(|r| {
                    view! {
                        <li>
                            <A href=href::ticket(&r.number)>{r.subject.clone()}</A>
                            {r.unread.then(|| view! { " " <span class="badge badge-new">{tr("dashboard.tickets_new")}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card card-attention" aria-labelledby="dash-tickets-title" data-testid="dashboard-tickets">
                    <h2 id="dash-tickets-title">{tr("dashboard.tickets_title")}</h2>
                    <p>{tw("dashboard.tickets_waiting", vec![("n", n.to_string())])}</p>
                    <ul class="pending-list">{items}</ul>
                    <A href=format!("{}?status=answered", href::SUPPORT)>{tr("dashboard.tickets_all")}</A>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::support::TicketStatus;

    #[test]
    fn only_answered_tickets_wait_for_the_customer() {
        let row = |n: &str, s: &str| TicketRow {
            number: n.into(),
            status: TicketStatus::of(s),
            ..Default::default()
        };
        let rows = [
            row("1", "Open"),
            row("2", "Answered"),
            row("3", "Client-Reply"),
            row("4", "Answered"),
            row("5", "Closed"),
        ];
        assert_eq!(
            waiting(&rows).iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
            ["2", "4"]
        );
    }
}
