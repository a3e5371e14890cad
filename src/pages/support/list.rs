//! `/support`: the customer's tickets (`GET /tickets`), newest activity
//! first, a status filter (`?status=`), pages of 20, and a badge on tickets
//! with a staff reply not opened yet. Where the server does not list
//! tickets: the tickets opened from this browser and "open by number".

use super::{status_badge, status_text, when};
use crate::api::support::{self as api, TicketRow, TicketStatus};
use crate::app::href;
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::SelectField;
use crate::ui::erase::{dyn_view, effect, resource};
use crate::ui::pager::{self, page_range, Paged};
use crate::ui::table::plain_table;
use crate::ui::{ErrorPanel, Loading};
use crate::vocab::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Rows a page.
pub const PER_PAGE: usize = 20;

/// The rows with `status` (None: all), in the list's order.
pub fn filter_rows(rows: &[TicketRow], status: Option<TicketStatus>) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| status.is_none_or(|s| r.status == s))
        .map(|(i, _)| i)
        .collect()
}

#[component]
pub fn TicketsPage() -> impl IntoView {
    crate::ui::page_title("support.title");
    let list = resource(api::list);
    let query = use_query_map();
    let status = query.with_untracked(|m| m.get("status").unwrap_or_default());
    view! {
        <section class="page support-page" aria-labelledby="support-title">
            <div class="page-head">
                <h1 id="support-title">{tr("support.title")}</h1>
                <div class="link-buttons">
                    <button type="button" class="btn btn-secondary" on:click=move |_| list.refetch()>{tr("common.refresh")}</button>
                    <A href=href::NEW_TICKET attr:class="btn btn-primary" attr:data-testid="new-ticket">{tr("support.new")}</A>
                </div>
            </div>
            {dyn_view(move || match list.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Ok(rows)) => view! { <Tickets rows=rows status=status.clone()/> }.into_any(),
                Some(Err(ApiError::NotSupported)) => view! { <NoListing/> }.into_any(),
                Some(Err(e)) => view! {
                    <ErrorPanel error=e what="support.list_error" on_retry=Callback::new(move |_| list.refetch())/>
                }
                .into_any(),
            })}
        </section>
    }
}

#[component]
fn Tickets(rows: Vec<TicketRow>, status: String) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <div class="empty-state" data-testid="tickets-empty">
                <p class="empty">{tr("support.empty")}</p>
            </div>
        }
        .into_any();
    }
    let rows = StoredValue::new(rows);
    let start = TicketStatus::from_code(&status).map_or("all", TicketStatus::code);
    let status = RwSignal::new(start.to_string());
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let st = TicketStatus::from_code(&status.get());
        rows.with_value(|r| filter_rows(r, st))
    });
    effect(move || {
        shown.track();
        page.set(0);
    });
    let unread = rows.with_value(|r| r.iter().filter(|x| x.unread).count());
    let options = Signal::derive(|| {
        std::iter::once(("all".to_string(), t("support.filter_all")))
            .chain(
                TicketStatus::FILTERS.iter().map(|s| (s.code().to_string(), status_text(*s, ""))),
            )
            .collect::<Vec<_>>()
    });
    let summary = move || {
        pager::summary(
            "support.showing",
            "support.none_match",
            shown.with(Vec::len),
            PER_PAGE,
            page.get(),
        )
    };
    let table = dyn_view(move || {
        let idx = shown.get();
        let range = page_range(idx.len(), PER_PAGE, page.get());
        if range.is_empty() {
            return ().into_any();
        }
        rows.with_value(|r| table_view(idx[range].iter().filter_map(|&i| r.get(i))))
    });
    view! {
        {(unread > 0).then(|| view! {
            <p class="alert alert-info" role="status" data-testid="unread-count">
                {t_with("support.unread", &[("n", &unread.to_string())])}
            </p>
        })}
        <form class="filters support-filters" on:submit=|ev| ev.prevent_default()>
            <SelectField label="support.status" name="status" value=status options=options/>
        </form>
        <Paged summary=Signal::derive(summary) testid="ticket-count" page=page len=Signal::derive(move || shown.with(Vec::len)) per=PER_PAGE>
            {table}
        </Paged>
    }
    .into_any()
}

const COLUMNS: [&str; 5] = [
    "support.col_subject",
    "support.col_department",
    "support.col_status",
    "support.col_last_reply",
    "support.col_by",
];

fn table_view<'a>(rows: impl Iterator<Item = &'a TicketRow>) -> AnyView {
    let labels: Vec<String> = COLUMNS.iter().map(|k| t(k)).collect();
    let (staff, you, new_reply) =
        (t("support.by_staff"), t("support.by_you"), t("support.new_reply"));
    let body = rows
        .map(|r| {
            let subject = if r.subject.is_empty() { t("support.no_subject") } else { r.subject.clone() };
            let last = if r.last_reply.is_empty() { &r.date } else { &r.last_reply };
            view! {
                <tr class:unread=r.unread>
                    <td data-label=labels[0].clone()>
                        <a href=href::ticket(&r.number)>{subject}</a>
                        " "
                        <span class="muted ticket-number">{format!("#{}", r.number)}</span>
                        {r.unread.then(|| view! { <span class="badge badge-new" data-testid="new-reply">{new_reply.clone()}</span> })}
                    </td>
                    <td data-label=labels[1].clone()>{r.department.clone()}</td>
                    <td data-label=labels[2].clone()>{status_badge(r.status, &r.status_raw)}</td>
                    <td data-label=labels[3].clone()>{when(last)}</td>
                    <td data-label=labels[4].clone()>{if r.staff_last { staff.clone() } else { you.clone() }}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "tickets", t("support.title"), &labels, &[], body)
}

/// The server does not list tickets: those opened here, and a ticket by
/// its number.
#[component]
fn NoListing() -> impl IntoView {
    let known = crate::state::known_tickets(&crate::state::client_id().get_untracked());
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = number.get_untracked().trim().trim_start_matches('#').to_owned();
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
            error.set(Some(t("support.number_invalid")));
            crate::browser::focus("f-ticket-number");
            return;
        }
        navigate(&href::ticket(&n), Default::default());
    };
    let list = if known.is_empty() {
        view! { <p class="muted">{tr("support.none_here")}</p> }.into_any()
    } else {
        let items = known
            .into_iter()
            .map(|n| view! { <li><a href=href::ticket(&n)>{t_with("support.ticket_n", &[("number", &n)])}</a></li> })
            .collect_view();
        view! { <ul class="known-tickets" data-testid="known-tickets">{items}</ul> }.into_any()
    };
    view! {
        <div class="alert alert-info" role="status" data-testid="no-ticket-listing">
            <p>{tr("support.no_listing")}</p>
        </div>
        <section class="card" aria-labelledby="known-title">
            <h2 id="known-title">{tr("support.opened_here")}</h2>
            {list}
        </section>
        <section class="card" aria-labelledby="by-number-title">
            <h2 id="by-number-title">{tr("support.by_number")}</h2>
            <form class="form inline-form" novalidate on:submit=open>
                <div class="field">
                    <label for="f-ticket-number">{tr("support.number")}</label>
                    <input id="f-ticket-number" name="number" type="text" inputmode="numeric" autocomplete="off"
                        aria-describedby="f-ticket-number-error" aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || number.get() on:input=move |ev| { number.set(event_target_value(&ev)); error.set(None); }/>
                    <p class="field-error" id="f-ticket-number-error" role="alert" hidden=move || error.with(Option::is_none)>
                        {move || error.get().unwrap_or_default()}
                    </p>
                </div>
                <button type="submit" class="btn btn-secondary">{tr("support.open_ticket")}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: &str, status: &str) -> TicketRow {
        TicketRow { number: n.into(), status: TicketStatus::of(status), ..Default::default() }
    }

    #[test]
    fn the_status_filter_keeps_the_order() {
        let rows =
            [row("1", "Open"), row("2", "Answered"), row("3", "Closed"), row("4", "Answered")];
        assert_eq!(filter_rows(&rows, None), [0, 1, 2, 3]);
        assert_eq!(filter_rows(&rows, Some(TicketStatus::Answered)), [1, 3]);
        assert!(filter_rows(&rows, Some(TicketStatus::ClientReply)).is_empty());
    }
}
