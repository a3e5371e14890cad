//! The dashboard's tickets card: tickets whose last reply is from staff
//! (`Answered`), i.e. waiting for the customer, newest first. Quiet when
//! there are none, while loading, or when the server does not list
//! tickets.

use crate::api::support::{self, Waiting};
use crate::app::href;
use crate::i18n::tr;
use crate::ui::erase::resource;
use crate::ui::text::tw;
use leptos::prelude::*;
use leptos_router::components::A;

/// Tickets shown on the card at most.
pub const SHOWN: usize = 5;

#[component]
pub fn TicketsCard() -> impl IntoView {
    let list = resource(support::waiting);
    move || {
        let waiting: Vec<Waiting> = list.get()?.ok()?;
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
                    <A href=format!("{}?status=answered", href::SUPPORT) attr:class="btn btn-secondary">{tr("dashboard.tickets_all")}</A>
                </section>
            }
        })
    }
}
