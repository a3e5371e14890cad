//! The commissions part: a bar chart of the last 12 months (an inline
//! SVG, the figures also as a table under a disclosure) and the list of
//! commissions, 20 a page.

use super::status_badge;
use crate::api::affiliates::{self as api, by_month, Commission};
use crate::i18n::{self, t, t_with, tr, Lang};
use crate::ui::erase::{dyn_view, resource, resource_view};
use crate::ui::format::{date, money, money_text};
use crate::ui::pager::{self, page_range, Paged};
use crate::ui::table::plain_table;
use crate::vocab::Decimal;
use leptos::prelude::*;

/// Commissions a page.
pub const PER_PAGE: usize = 20;

/// The drawing's box (SVG units) and its margins: the axis labels on the
/// left, the month names below. 320 wide: drawn at about 1:1 on a phone.
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 10.0;

/// The top of the value axis: the first of 1, 2, 2.5, 5 × 10ⁿ at or above
/// `max` (0 for 0).
pub fn axis_max(max: u128) -> u128 {
    if max == 0 {
        return 0;
    }
    let mut unit = 1u128;
    while unit.saturating_mul(10) <= max {
        unit *= 10;
    }
    [unit, 2 * unit, 5 * unit / 2, 5 * unit, 10 * unit]
        .into_iter()
        .filter(|step| *step >= max)
        .min()
        .unwrap_or(10 * unit)
}

/// An axis figure, short: `2,5 tr` / `2.5M`, `500k` / `500K`, `1 tỷ` / `1B`.
pub fn compact(n: u128, lang: Lang) -> String {
    let (div, unit) = match (n, lang) {
        (1_000_000_000.., Lang::Vi) => (1_000_000_000, " tỷ"),
        (1_000_000.., Lang::Vi) => (1_000_000, " tr"),
        (1_000.., Lang::Vi) => (1_000, "k"),
        (1_000_000_000.., Lang::En) => (1_000_000_000, "B"),
        (1_000_000.., Lang::En) => (1_000_000, "M"),
        (1_000.., Lang::En) => (1_000, "K"),
        _ => return n.to_string(),
    };
    let tenths = (n * 10 + div / 2) / div;
    let whole = tenths / 10;
    let frac = tenths % 10;
    let sep = if lang == Lang::Vi { ',' } else { '.' };
    if frac == 0 {
        format!("{whole}{unit}")
    } else {
        format!("{whole}{sep}{frac}{unit}")
    }
}

const EN_MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A month under its bar: `T3` / `Mar`.
pub fn month_short(month: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("T{month}"),
        Lang::En => EN_MONTHS.get(month as usize - 1).copied().unwrap_or_default().to_owned(),
    }
}

/// A month in full: `03/2026` / `Mar 2026`.
pub fn month_long(year: i64, month: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{month:02}/{year}"),
        Lang::En => format!("{} {year}", month_short(month, lang)),
    }
}

fn this_month() -> (i64, u32) {
    let (y, m, _) = crate::util::civil_from_days(crate::util::today());
    (y, m)
}

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

fn n(x: f64) -> String {
    format!("{x:.1}")
}

#[component]
pub fn Commissions(currency: Signal<String>) -> impl IntoView {
    let list = resource(api::commissions);
    view! {
        <section class="card aff-part" aria-labelledby="aff-commissions-title" data-testid="aff-commissions">
            <h2 id="aff-commissions-title">{tr("affiliates.commissions")}</h2>
            {resource_view(list, "affiliates.commissions_error", move |rows: Vec<Commission>| {
                commissions_view(rows, currency)
            })}
        </section>
    }
}

fn commissions_view(rows: Vec<Commission>, currency: Signal<String>) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="muted" data-testid="aff-commissions-empty">{tr("affiliates.no_commissions")}</p> }
            .into_any();
    }
    let months = StoredValue::new(by_month(&rows, this_month()));
    let len = rows.len();
    let rows = StoredValue::new(rows);
    let page = RwSignal::new(0usize);
    let chart =
        dyn_view(move || months.with_value(|m| chart_view(m, &currency.get(), i18n::lang())));
    let table = dyn_view(move || {
        let range = page_range(len, PER_PAGE, page.get());
        rows.with_value(|r| commission_table(&r[range], &currency.get(), i18n::lang()))
    });
    let summary = move || {
        pager::summary("affiliates.showing", "affiliates.no_commissions", len, PER_PAGE, page.get())
    };
    view! {
        {chart}
        <h3>{tr("affiliates.commission_list")}</h3>
        <Paged summary=Signal::derive(summary) page=page len=Signal::derive(move || len) per=PER_PAGE>
            {table}
        </Paged>
    }
    .into_any()
}

/// The chart and, under a disclosure, its figures as a table.
fn chart_view(months: &[(i64, u32, Decimal)], currency: &str, lang: Lang) -> AnyView {
    let (Some(first), Some(last)) = (months.first(), months.last()) else { return ().into_any() };
    let top = axis_max(months.iter().map(|m| m.2.round_to(0).parts(0).0).max().unwrap_or(0));
    let plot = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT) / months.len() as f64;
    let grid = [0u128, top / 2, top]
        .into_iter()
        .filter(|v| *v > 0 || top == 0)
        .map(|v| {
            let y = if top == 0 { base } else { base - v as f64 / top as f64 * plot };
            view! {
                <line class="aff-grid" x1=n(LEFT) x2=n(WIDTH) y1=n(y) y2=n(y)/>
                <text class="aff-axis" x=n(LEFT - 6.0) y=n(y + 4.0) text-anchor="end">{compact(v, lang)}</text>
            }
        })
        .collect_view();
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, &(year, month, total))| {
            let h = if top == 0 { 0.0 } else { to_f64(total) / top as f64 * plot };
            let x = LEFT + slot * i as f64;
            let tip = format!("{}: {}", month_long(year, month, lang), money(total, currency, lang));
            view! {
                <rect class="aff-bar" x=n(x + slot * 0.2) y=n(base - h) width=n(slot * 0.6) height=n(h)>
                    <title>{tip}</title>
                </rect>
                <text class="aff-month" x=n(x + slot / 2.0) y=n(HEIGHT - 6.0) text-anchor="middle">
                    {month_short(month, lang)}
                </text>
            }
        })
        .collect_view();
    let from = month_long(first.0, first.1, lang);
    let to = month_long(last.0, last.1, lang);
    let label = t_with("affiliates.chart_label", &[("from", &from), ("to", &to)]);
    let headers = [t("affiliates.col_month"), t("affiliates.col_total")];
    let figures = months
        .iter()
        .map(|&(year, month, total)| {
            view! {
                <tr>
                    <td data-label=headers[0].clone()>{month_long(year, month, lang)}</td>
                    <td class="num" data-label=headers[1].clone()>{money(total, currency, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="aff-chart">
            <svg role="img" aria-label=label viewBox=format!("0 0 {WIDTH} {HEIGHT}") data-testid="aff-chart">
                {grid}
                {bars}
            </svg>
            <figcaption class="muted">{t_with("affiliates.chart_caption", &[("from", &from), ("to", &to)])}</figcaption>
        </figure>
        <details class="aff-figures">
            <summary>{t("affiliates.chart_figures")}</summary>
            {plain_table("", "aff-months", t("affiliates.chart_figures"), &headers, &[1], figures)}
        </details>
    }
    .into_any()
}

const COLUMNS: [&str; 5] = [
    "affiliates.col_date",
    "affiliates.col_referral",
    "affiliates.col_product",
    "affiliates.col_amount",
    "affiliates.col_status",
];

fn commission_table(rows: &[Commission], currency: &str, lang: Lang) -> AnyView {
    let labels: Vec<String> = COLUMNS.iter().map(|k| t(k)).collect();
    let body = rows
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <td data-label=labels[0].clone()>{date(&c.date)}</td>
                    <td data-label=labels[1].clone()>{c.referral.clone()}</td>
                    <td data-label=labels[2].clone()>{c.product.clone()}</td>
                    <td class="num" data-label=labels[3].clone()>{money_text(&c.amount, currency, lang)}</td>
                    <td data-label=labels[4].clone()>{status_badge(c.status, &c.status_raw)}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "aff-commission-list", t("affiliates.commissions"), &labels, &[3], body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_figure() {
        let cases = [
            (0, 0),
            (1, 1),
            (7, 10),
            (10, 10),
            (11, 20),
            (21, 25),
            (26, 50),
            (1_250_000, 2_000_000),
            (2_100_000, 2_500_000),
            (3_450_000, 5_000_000),
            (5_000_001, 10_000_000),
            (999_999_999, 1_000_000_000),
        ];
        for (max, top) in cases {
            assert_eq!(axis_max(max), top, "{max}");
        }
    }

    #[test]
    fn axis_figures_are_short() {
        assert_eq!(compact(0, Lang::Vi), "0");
        assert_eq!(compact(500, Lang::En), "500");
        assert_eq!(compact(500_000, Lang::Vi), "500k");
        assert_eq!(compact(2_500_000, Lang::Vi), "2,5 tr");
        assert_eq!(compact(2_500_000, Lang::En), "2.5M");
        assert_eq!(compact(10_000_000, Lang::En), "10M");
        assert_eq!(compact(1_000_000_000, Lang::Vi), "1 tỷ");
    }

    #[test]
    fn months_are_named_in_both_languages() {
        assert_eq!(month_short(3, Lang::Vi), "T3");
        assert_eq!(month_short(12, Lang::En), "Dec");
        assert_eq!(month_long(2026, 3, Lang::Vi), "03/2026");
        assert_eq!(month_long(2025, 1, Lang::En), "Jan 2025");
    }
}
