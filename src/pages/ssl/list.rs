//! `/ssl`: the customer's certificates (`GET /certificate`): product,
//! domain, state, expiry and days left (a warning under 30 days), filtered
//! by text and state (kept in `?q=` / `?state=`), paged by 50.

use super::{days_text, filter_rows, normalise, CertState, Row};
use crate::api::certificates::{self as api, CertRow};
use crate::app::href;
use crate::i18n::{t, tr};
use crate::ui::choice::SelectField;
use crate::ui::erase::{dyn_view, effect, resource};
use crate::ui::format::date;
use crate::ui::pager::{self, page_range, Paged};
use crate::ui::resource_view;
use crate::ui::table::plain_table;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Rows a page.
pub const PER_PAGE: usize = 50;

#[component]
pub fn CertificatesPage() -> impl IntoView {
    crate::ui::page_title("ssl.title");
    let list = resource(api::list);
    let query = use_query_map();
    let (q, state) = query
        .with_untracked(|m| (m.get("q").unwrap_or_default(), m.get("state").unwrap_or_default()));
    view! {
        <section class="page ssl-page" aria-labelledby="ssl-title">
            <div class="page-head">
                <h1 id="ssl-title">{tr("ssl.title")}</h1>
                <A href=href::CART_SSL attr:class="btn btn-primary">{tr("ssl.order")}</A>
            </div>
            {resource_view(list, "ssl.list_error", move |rows: Vec<CertRow>| view! {
                <Browser rows=normalise(rows, crate::util::today()) query=q.clone() state=state.clone()/>
            })}
        </section>
    }
}

#[component]
fn Browser(rows: Vec<Row>, query: String, state: String) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <div class="empty-state" data-testid="ssl-empty">
                <p class="empty">{tr("ssl.empty")}</p>
                <A href=href::CART_SSL attr:class="btn btn-primary">{tr("ssl.order_first")}</A>
            </div>
        }
        .into_any();
    }
    let expiring = rows.iter().filter(|r| r.state == CertState::Expiring).count();
    let rows = StoredValue::new(rows);
    let text = RwSignal::new(query);
    let start = CertState::from_code(&state).map_or("all", CertState::code);
    let state = RwSignal::new(start.to_string());
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let st = CertState::from_code(&state.get());
        text.with(|q| rows.with_value(|r| filter_rows(r, q, st)))
    });
    effect(move || {
        shown.track();
        page.set(0);
    });
    let state_opts = Signal::derive(|| {
        std::iter::once(("all".to_string(), t("ssl.filter_all")))
            .chain(CertState::ALL.iter().map(|s| (s.code().to_string(), s.text())))
            .collect::<Vec<_>>()
    });
    let summary = move || {
        pager::summary("ssl.showing", "ssl.none_match", shown.with(Vec::len), PER_PAGE, page.get())
    };
    let table = dyn_view(move || {
        let idx = shown.get();
        let range = page_range(idx.len(), PER_PAGE, page.get());
        if range.is_empty() {
            return ().into_any();
        }
        rows.with_value(|r| table_view(idx[range].iter().map(|&i| &r[i])))
    });
    view! {
        {(expiring > 0).then(|| view! {
            <div class="alert alert-warn" role="status" data-testid="ssl-expiring">
                <p>{crate::i18n::t_with("ssl.expiring_note", &[("n", &expiring.to_string())])}</p>
            </div>
        })}
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="f-q">{tr("ssl.search")}</label>
                <input id="f-q" name="q" type="search" autocomplete="off"
                    placeholder=tr("ssl.search_placeholder") bind:value=text/>
            </div>
            <SelectField label="ssl.state" name="state" value=state options=state_opts/>
        </form>
        <Paged summary=Signal::derive(summary) testid="ssl-count" page=page len=Signal::derive(move || shown.with(Vec::len)) per=PER_PAGE>
            {table}
        </Paged>
    }
    .into_any()
}

const COLUMNS: [&str; 5] =
    ["ssl.col_domain", "ssl.col_product", "ssl.col_state", "ssl.col_expires", "ssl.col_days"];

fn table_view<'a>(rows: impl Iterator<Item = &'a Row>) -> AnyView {
    let labels: Vec<String> = COLUMNS.iter().map(|k| t(k)).collect();
    let body = rows
        .map(|r| {
            let badge = format!("badge badge-{}", r.state.tone());
            let domain = if r.domain.is_empty() { t("ssl.no_domain") } else { r.domain.clone() };
            let days = match r.state {
                CertState::Valid | CertState::Expiring | CertState::Expired => {
                    days_text(r.days_left)
                }
                _ => String::new(),
            };
            let warn = r.state == CertState::Expiring;
            view! {
                <tr>
                    <td data-label=labels[0].clone()><a href=href::certificate(r.cert.id.as_str())>{domain}</a></td>
                    <td data-label=labels[1].clone()>{r.cert.name.as_str().to_owned()}</td>
                    <td data-label=labels[2].clone()><span class=badge>{r.state.text()}</span></td>
                    <td data-label=labels[3].clone()>{date(r.cert.cert_expires.as_str())}</td>
                    <td data-label=labels[4].clone() class:days-warn=warn>{days}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "ssl", t("ssl.title"), &labels, &[], body)
}
