//! `/services`: every service (`GET /service`) with its name or label,
//! product, status, billing cycle, amount and next due date; a filter by
//! text (diacritic-insensitive) and status, read from `?q=` and
//! `?status=` too; paged.
//!
//! Speed (1,000 services, under 50 ms a keystroke): rows are prepared once
//! ([`normalise`]: the folded search key of each row is made there), so a
//! keystroke folds the query once and runs [`filter_rows`], a `contains` per
//! row; only the visible page (50 rows) is drawn, as on `/domains`, as
//! plain markup with fixed texts: through `ui::table::DataTable` (a
//! reactive label per cell) the median keystroke took 39.7 ms on the
//! unsplit release build, with some over 100 ms.

use crate::api::services::service::{self as api, days_to_due, ServiceRow, ServiceStatus};
use crate::app::href;
use crate::i18n::{self, t, tr};
use crate::state::account_currency;
use crate::ui::choice::SelectField;
use crate::ui::erase::{dyn_view, effect, resource, resource_view};
use crate::ui::format::{date, money_text};
use crate::ui::pager::{self, page_range, Paged};
use crate::ui::table::plain_table;
use crate::util::fold;
use crate::vocab::{Id, Money};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Rows a page.
pub const PER_PAGE: usize = 50;

/// One row of the list, prepared once so that a keystroke only compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: Id,
    /// The label, else the domain, else the product.
    pub title: String,
    /// The product ("Cloud VPS · Cloud").
    pub product: String,
    /// Everything searchable, folded (lower case, no Vietnamese marks).
    pub key: String,
    pub status: ServiceStatus,
    pub status_raw: String,
    pub cycle: String,
    pub total: Money,
    pub next_due: String,
    /// Days to the next due date (negative once past).
    pub due_in: Option<i64>,
}

/// Prepares the rows of `GET /service`.
pub fn normalise(list: Vec<ServiceRow>, today: i64) -> Vec<Row> {
    list.into_iter()
        .map(|s| {
            let title = s.display_name();
            let (name, category) = (s.name.as_str().trim(), s.category.as_str().trim());
            let product = if category.is_empty() || category == name {
                name.to_owned()
            } else {
                format!("{name} · {category}")
            };
            let key = fold(&format!(
                "{title} {} {} {product} {}",
                s.domain.as_str(),
                s.label.as_str(),
                s.id.as_str()
            ));
            Row {
                due_in: days_to_due(s.next_due.as_str(), today),
                status: ServiceStatus::of(s.status.as_str()),
                status_raw: s.status.0,
                cycle: s.billingcycle.0,
                total: s.total,
                next_due: s.next_due.0,
                id: s.id,
                title,
                product,
                key,
            }
        })
        .collect()
}

/// The indices of the rows matching `text` (folded, anywhere) and
/// `status` (None: every status), in the server's order.
pub fn filter_rows(rows: &[Row], text: &str, status: Option<ServiceStatus>) -> Vec<usize> {
    let q = fold(text);
    rows.iter()
        .enumerate()
        .filter(|(_, r)| {
            status.is_none_or(|s| r.status == s) && (q.is_empty() || r.key.contains(&q))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The status in the customer's language (an unknown word as sent).
pub fn status_text(status: ServiceStatus, raw: &str) -> String {
    match status {
        ServiceStatus::Active => t("services.status_active"),
        ServiceStatus::Pending => t("services.status_pending"),
        ServiceStatus::Suspended => t("services.status_suspended"),
        ServiceStatus::Cancelled => t("services.status_cancelled"),
        ServiceStatus::Terminated => t("services.status_terminated"),
        ServiceStatus::Other if raw.trim().is_empty() => t("services.status_other"),
        ServiceStatus::Other => raw.trim().to_owned(),
    }
}

/// A billing cycle ("Monthly", or a code `m`) in the customer's language;
/// an unknown one as sent.
pub fn cycle_text(raw: &str) -> String {
    let key = match raw.trim().to_ascii_lowercase().replace(['-', ' '], "").as_str() {
        "m" | "monthly" => "services.cycle_monthly",
        "q" | "quarterly" => "services.cycle_quarterly",
        "s" | "semiannually" => "services.cycle_semiannually",
        "a" | "annually" | "yearly" => "services.cycle_annually",
        "b" | "biennially" => "services.cycle_biennially",
        "t" | "triennially" => "services.cycle_triennially",
        "o" | "once" | "onetime" | "free" | "freeaccount" => "services.cycle_once",
        "" => return "—".into(),
        _ => return raw.trim().to_owned(),
    };
    t(key)
}

#[component]
pub fn ServiceList() -> impl IntoView {
    crate::ui::page_title("services.title");
    let list = resource(api::list);
    let (_, currency) = account_currency();
    let query = use_query_map();
    let (q, status) = query
        .with_untracked(|m| (m.get("q").unwrap_or_default(), m.get("status").unwrap_or_default()));
    view! {
        <section class="page" aria-labelledby="services-title">
            <div class="page-head">
                <h1 id="services-title">{tr("services.title")}</h1>
                <button type="button" class="btn btn-secondary" on:click=move |_| list.refetch()>{tr("common.refresh")}</button>
            </div>
            {resource_view(list, "services.list_error", move |rows: Vec<ServiceRow>| view! {
                <Browser rows=normalise(rows, crate::util::today()) currency=currency query=q.clone() status=status.clone()/>
            })}
        </section>
    }
}

/// The filter, the table and the pager over rows already loaded.
#[component]
pub fn Browser(
    rows: Vec<Row>,
    #[prop(into)] currency: Signal<String>,
    /// The text to start with (`?q=`).
    #[prop(optional)]
    query: String,
    /// The status code to start with (`?status=`).
    #[prop(optional)]
    status: String,
) -> impl IntoView {
    let total = rows.len();
    let rows = StoredValue::new(rows);
    let text = RwSignal::new(query);
    let start = ServiceStatus::from_code(&status).map_or("all", ServiceStatus::code);
    let status = RwSignal::new(start.to_string());
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let st = ServiceStatus::from_code(&status.get());
        text.with(|q| rows.with_value(|r| filter_rows(r, q, st)))
    });
    // A new filter starts at the first page.
    effect(move || {
        shown.track();
        page.set(0);
    });
    let status_opts = Signal::derive(|| {
        std::iter::once(("all".to_string(), t("services.filter_all")))
            .chain(ServiceStatus::ALL.iter().map(|s| (s.code().to_string(), status_text(*s, ""))))
            .collect::<Vec<_>>()
    });
    let summary = move || {
        pager::summary(
            "services.showing",
            "services.none_match",
            shown.with(Vec::len),
            PER_PAGE,
            page.get(),
        )
    };
    let table = dyn_view(move || {
        let idx = shown.get();
        let range = page_range(idx.len(), PER_PAGE, page.get());
        let cur = currency.get();
        let lang = i18n::lang();
        if range.is_empty() {
            return ().into_any();
        }
        rows.with_value(|r| table_view(idx[range].iter().map(|&i| &r[i]), &cur, lang)).into_any()
    });

    if total == 0 {
        return view! {
            <div class="empty-state" data-testid="services-empty">
                <p class="empty">{tr("services.empty")}</p>
                <A href=href::CART attr:class="btn btn-primary">{tr("services.order_first")}</A>
            </div>
        }
        .into_any();
    }
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="f-q">{tr("services.search")}</label>
                <input id="f-q" name="q" type="search" autocomplete="off"
                    placeholder=tr("services.search_placeholder") bind:value=text/>
            </div>
            <SelectField label="services.status" name="status" value=status options=status_opts/>
        </form>
        <Paged summary=Signal::derive(summary) testid="service-count" page=page len=Signal::derive(move || shown.with(Vec::len)) per=PER_PAGE>
            {table}
        </Paged>
    }
    .into_any()
}

/// The column headers (i18n keys); each cell repeats its header as
/// `data-label` for the phone layout of `.data-table`.
const COLUMNS: [&str; 6] = [
    "services.col_service",
    "services.col_product",
    "services.col_status",
    "services.col_cycle",
    "services.col_amount",
    "services.col_next_due",
];

/// The table of one page of rows. Written out rather than through
/// `ui::table::DataTable`, whose cells carry reactive labels: here every
/// text is fixed (the region is drawn again on a language switch), which
/// keeps a keystroke's redraw of 50 rows cheap (see the module's note).
fn table_view<'a>(
    rows: impl Iterator<Item = &'a Row>,
    currency: &str,
    lang: i18n::Lang,
) -> AnyView {
    let labels: Vec<String> = COLUMNS.iter().map(|k| t(k)).collect();
    let body = rows
        .map(|r| {
            let due = match r.due_in {
                Some(d) if d < 0 && !r.status.is_closed() => {
                    format!("{} ({})", date(&r.next_due), t("services.overdue"))
                }
                _ => date(&r.next_due),
            };
            let badge = format!("badge badge-{}", r.status.tone());
            view! {
                <tr>
                    <td data-label=labels[0].clone()><a href=href::service(r.id.as_str())>{r.title.clone()}</a></td>
                    <td data-label=labels[1].clone()>{r.product.clone()}</td>
                    <td data-label=labels[2].clone()><span class=badge>{status_text(r.status, &r.status_raw)}</span></td>
                    <td data-label=labels[3].clone()>{cycle_text(&r.cycle)}</td>
                    <td class="num" data-label=labels[4].clone()>{money_text(&r.total, currency, lang)}</td>
                    <td data-label=labels[5].clone()>{due}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "services", t("services.title"), &labels, &[4], body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    fn row(id: &str, name: &str, domain: &str, status: &str, due: &str) -> ServiceRow {
        ServiceRow {
            id: Id(id.into()),
            name: Text(name.into()),
            domain: Text(domain.into()),
            status: Text(status.into()),
            next_due: Text(due.into()),
            category: Text("Hosting".into()),
            ..Default::default()
        }
    }

    fn rows() -> Vec<Row> {
        let today = api::day_of("2026-03-01").unwrap();
        let mut labelled = row("3", "Cloud VPS", "vps.vn", "Active", "2026-03-05");
        labelled.label = Text("Máy chủ Kế toán".into());
        normalise(
            vec![
                row("1", "Hosting Doanh Nghiệp", "máy-chủ-12.vn", "Active", "2026-03-11"),
                row("2", "Email Business", "mail.bkns.vn", "Suspended", "2026-02-26"),
                labelled,
                row("4", "Business Hosting", "old-shop.vn", "Cancelled", ""),
            ],
            today,
        )
    }

    #[test]
    fn rows_are_prepared_once() {
        let r = rows();
        assert_eq!(r[0].title, "máy-chủ-12.vn");
        assert_eq!(r[0].product, "Hosting Doanh Nghiệp · Hosting");
        assert_eq!(r[0].due_in, Some(10));
        assert_eq!(r[1].due_in, Some(-3));
        assert_eq!(r[2].title, "Máy chủ Kế toán", "the label names the service");
        assert!(r[2].key.contains("may chu ke toan") && r[2].key.contains("cloud vps"));
        assert_eq!(r[3].due_in, None);
    }

    #[test]
    fn the_filter_ignores_marks_and_case_and_keeps_the_order() {
        let r = rows();
        assert_eq!(filter_rows(&r, "", None), [0, 1, 2, 3]);
        assert_eq!(filter_rows(&r, "doanh nghiep", None), [0]);
        assert_eq!(filter_rows(&r, "MÁY CHỦ", None), [0, 2], "domain and label");
        assert_eq!(filter_rows(&r, "may chu 12", None), [0], "punctuation as spaces");
        assert_eq!(filter_rows(&r, "hosting", Some(ServiceStatus::Cancelled)), [3]);
        assert_eq!(filter_rows(&r, "", Some(ServiceStatus::Suspended)), [1]);
        assert!(filter_rows(&r, "zzz", None).is_empty());
        assert_eq!(filter_rows(&r, "4", None), [3], "the id too");
    }

    #[test]
    fn a_thousand_rows_filter_quickly_enough_on_the_host() {
        let list: Vec<ServiceRow> = (0..1000)
            .map(|i| {
                row(
                    &format!("{}", 10001 + i),
                    "Hosting Doanh Nghiệp",
                    &format!("máy-chủ-{i}.vn"),
                    "Active",
                    "2026-03-11",
                )
            })
            .collect();
        let r = normalise(list, 0);
        let t0 = std::time::Instant::now();
        for q in ["m", "ma", "may", "may c", "may chu", "may chu 9", "may chu 99", ""] {
            let _ = filter_rows(&r, q, None);
        }
        assert_eq!(filter_rows(&r, "máy chủ 999", None).len(), 1);
        // 8 keystrokes over 1,000 rows: far below a frame even unoptimised
        assert!(t0.elapsed().as_millis() < 200, "{:?}", t0.elapsed());
    }
}
