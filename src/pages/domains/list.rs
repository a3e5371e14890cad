//! `/domains`: every domain (`GET /domain`) with its status, expiry and days
//! left, auto-renew; filter by text and status, sort by expiry, paged.
//! Rows are normalised once; each keystroke runs the pure
//! `logic::filter_rows`. A full name can also be looked up on the server
//! (`GET /domain/name/@name`).

use super::logic::{self, Row, Sort, StatusFilter};
use super::{days_text, on_off, status_badge};
use crate::api::{self, domains::DomainDetails, ApiError};
use crate::app::href;
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::SelectField;
use crate::ui::erase::{effect, resource};
use crate::ui::format::date;
use crate::ui::pager::{self, page_range, Pager};
use crate::ui::text::tw;
use crate::ui::{error_text, resource_view};
use leptos::prelude::*;
use leptos_router::components::A;

/// Rows a page.
pub const PER_PAGE: usize = 50;

#[component]
pub fn DomainList() -> impl IntoView {
    crate::ui::page_title("domains.title");
    let list = resource(api::domains::list);
    view! {
        <section class="page" aria-labelledby="domains-title">
            <div class="page-head">
                <h1 id="domains-title">{tr("domains.title")}</h1>
                <button type="button" class="btn btn-secondary" on:click=move |_| list.refetch()>{tr("common.refresh")}</button>
            </div>
            {resource_view(list, "domains.list_error", |rows| view! { <Browser rows=logic::normalise(rows, logic::today())/> })}
        </section>
    }
}

/// The filter, the table and the pager over rows already loaded.
#[component]
pub fn Browser(rows: Vec<Row>) -> impl IntoView {
    let rows = StoredValue::new(rows);
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(StatusFilter::All.code().to_string());
    let sort = RwSignal::new(Sort::ExpirySoonest.code().to_string());
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let (q, st, so) =
            (text.get(), StatusFilter::from_code(&status.get()), Sort::from_code(&sort.get()));
        rows.with_value(|r| logic::filter_rows(r, &q, st, so))
    });
    // A new filter starts at the first page.
    effect(move || {
        shown.track();
        page.set(0);
    });
    let soon = rows.with_value(|r| r.iter().filter(|r| r.expiring_soon()).count());
    let total = rows.with_value(Vec::len);
    let status_opts = Signal::derive(|| {
        StatusFilter::ALL.iter().map(|f| (f.code().to_string(), t(f.key()))).collect::<Vec<_>>()
    });
    let sort_opts = Signal::derive(|| {
        Sort::ALL.iter().map(|s| (s.code().to_string(), t(s.key()))).collect::<Vec<_>>()
    });
    let visible = move || {
        let idx = shown.get();
        let range = page_range(idx.len(), PER_PAGE, page.get());
        rows.with_value(|r| idx[range].iter().map(|&i| r[i].clone()).collect::<Vec<Row>>())
    };
    let summary = move || {
        pager::summary(
            "domains.showing",
            "domains.none_match",
            shown.with(Vec::len),
            PER_PAGE,
            page.get(),
        )
    };

    view! {
        {(soon > 0).then(|| view! {
            <div class="alert alert-warn" role="status">
                <p>{tw("domains.soon_banner", vec![("n", soon.to_string())])}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| status.set(StatusFilter::Soon.code().into())>
                    {tr("domains.show_soon")}
                </button>
            </div>
        })}
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="f-q">{tr("domains.search")}</label>
                <input
                    id="f-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    inputmode="url"
                    placeholder=tr("domains.search_placeholder")
                    bind:value=text
                />
            </div>
            <SelectField label="domains.status" name="status" value=status options=status_opts/>
            <SelectField label="domains.sort" name="sort" value=sort options=sort_opts/>
        </form>
        <Lookup text=text/>
        <p class="muted list-summary" aria-live="polite" data-testid="domain-count">{summary}</p>
        {(total > 0).then(|| view! {
            <table class="domain-table">
                <caption class="visually-hidden">{tr("domains.title")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("domains.col_name")}</th>
                        <th scope="col">{tr("domains.col_status")}</th>
                        <th scope="col">{tr("domains.col_expires")}</th>
                        <th scope="col">{tr("domains.col_days")}</th>
                        <th scope="col">{tr("domains.col_autorenew")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || visible().into_iter().map(|row| view! { <DomainRowView row=row/> }).collect_view()}
                </tbody>
            </table>
        })}
        {(total == 0).then(|| view! { <p class="empty">{tr("domains.empty")}</p> })}
        <Pager page=page len=Signal::derive(move || shown.with(Vec::len)) per=PER_PAGE/>
    }
}

#[component]
fn DomainRowView(row: Row) -> impl IntoView {
    let soon = row.expiring_soon();
    let expired = row.days_left.is_some_and(|d| d < 0);
    let href = href::domain(row.id.as_str());
    let days = row.days_left;
    let auto = row.autorenew;
    view! {
        <tr class:row-soon=soon data-testid="domain-row">
            <th scope="row" data-label=tr("domains.col_name")>
                <A href=href>{crate::idn::to_unicode(&row.name)}</A>
                {soon.then(|| view! { <span class="badge badge-warn">{tr("domains.soon")}</span> })}
            </th>
            <td data-label=tr("domains.col_status")>{status_badge(row.status_raw.clone())}</td>
            <td data-label=tr("domains.col_expires")>{date(&row.expires)}</td>
            <td data-label=tr("domains.col_days")>
                <span class:text-warn=soon class:text-danger=expired>{move || days_text(days)}</span>
            </td>
            <td data-label=tr("domains.col_autorenew")>{move || on_off(auto)}</td>
        </tr>
    }
}

/// Looks a full name up on the server (`GET /domain/name/@name`): it may
/// find a domain the loaded list does not show yet, and it is a list.
#[component]
fn Lookup(text: RwSignal<String>) -> impl IntoView {
    let lookup = crate::ui::erase::action(|name: &String| {
        let name = name.clone();
        async move { api::domains::by_name(&name).await }
    });
    let pending = lookup.pending();
    let looks_full = move || {
        let q = text.get();
        let q = q.trim();
        q.contains('.') && logic::valid_host(q)
    };
    let result = move || -> Option<AnyView> {
        let r: Result<Vec<DomainDetails>, ApiError> = lookup.value().get()?;
        Some(match r {
            Ok(found) if found.is_empty() => {
                view! { <p class="muted" role="status">{tr("domains.lookup_none")}</p> }.into_any()
            }
            Ok(found) => view! {
                <ul class="lookup-results" role="status">
                    {found.into_iter().map(|d| {
                        let href = href::domain(d.id.as_str());
                        view! {
                            <li>
                                <A href=href>{crate::idn::to_unicode(d.name.as_str())}</A>
                                " · " {status_badge(d.status.0.clone())}
                                " · " {tr("domains.col_expires")} ": " {date(d.expires.as_str())}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(e) => view! { <p class="field-error" role="alert">{error_text(&e)}</p> }.into_any(),
        })
    };
    view! {
        <Show when=looks_full>
            <div class="lookup">
                <button
                    type="button"
                    class="btn btn-secondary"
                    disabled=pending
                    on:click=move |_| {
                        lookup.dispatch(text.get_untracked().trim().to_ascii_lowercase());
                    }
                >
                    {move || if pending.get() { t("domains.looking_up") } else { t_with("domains.lookup", &[("name", text.get().trim())]) }}
                </button>
            </div>
        </Show>
        {result}
    }
}
