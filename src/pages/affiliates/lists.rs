//! Campaigns, payouts, vouchers and commission plans: each a card of its
//! own that loads, fails (with retry) or says it is empty by itself. The
//! tables are drawn by one [`part`] through plain functions, so the four
//! share one copy of the loading and drawing code.

use super::{copy_button, count_text, percent_text, status_badge};
use crate::api::affiliates::{self as api, Campaign, Payout, Plan, Rate, Voucher};
use crate::i18n::{self, t, t_with, tr, Lang};
use crate::ui::erase::{dyn_view, resource, resource_view, Res};
use crate::ui::format::{date, money_text};
use crate::ui::table::plain_table;
use crate::vocab::ApiError;
use leptos::prelude::*;

/// A table of rows, in the currency and language given.
type Draw<T> = fn(&[T], &str, Lang) -> AnyView;

/// One card: `name` makes its ids (`aff-<name>`), `title`, `error` and
/// `empty` are text keys.
fn part<T: Clone + Send + Sync + 'static>(
    name: &'static str,
    title: &'static str,
    error: &'static str,
    empty: &'static str,
    res: Res<Result<Vec<T>, ApiError>>,
    draw: Draw<T>,
    currency: Signal<String>,
) -> impl IntoView {
    view! {
        <section class="card aff-part" aria-labelledby=format!("aff-{name}-title") data-testid=format!("aff-{name}")>
            <h2 id=format!("aff-{name}-title")>{tr(title)}</h2>
            {resource_view(res, error, move |rows: Vec<T>| {
                if rows.is_empty() {
                    view! { <p class="muted aff-empty">{tr(empty)}</p> }.into_any()
                } else {
                    dyn_view(move || draw(&rows, &currency.get(), i18n::lang())).into_any()
                }
            })}
        </section>
    }
}

fn headers(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(k)).collect()
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_owned()
    }
}

/// A percent or an amount.
fn rate_text(r: &Rate, currency: &str, lang: Lang) -> String {
    match r.value.value {
        Some(d) if r.percent => percent_text(d, lang),
        _ => money_text(&r.value, currency, lang),
    }
}

pub fn campaigns() -> impl IntoView {
    let res = resource(api::campaigns);
    let none = Signal::derive(String::new);
    part(
        "campaigns",
        "affiliates.campaigns",
        "affiliates.campaigns_error",
        "affiliates.no_campaigns",
        res,
        campaign_table,
        none,
    )
}

fn campaign_table(rows: &[Campaign], _: &str, lang: Lang) -> AnyView {
    let labels = headers(&[
        "affiliates.col_campaign",
        "affiliates.col_link",
        "affiliates.visits",
        "affiliates.col_signups",
        "affiliates.col_created",
    ]);
    let body = rows
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <td data-label=labels[0].clone()>{or_dash(&c.name)}</td>
                    <td data-label=labels[1].clone()><code class="aff-url">{or_dash(&c.url)}</code></td>
                    <td class="num" data-label=labels[2].clone()>{count_text(c.visits, lang)}</td>
                    <td class="num" data-label=labels[3].clone()>{count_text(c.signups, lang)}</td>
                    <td data-label=labels[4].clone()>{date(&c.created)}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "aff-campaign-list", t("affiliates.campaigns"), &labels, &[2, 3], body)
}

pub fn payouts(currency: Signal<String>) -> impl IntoView {
    let res = resource(api::payouts);
    part(
        "payouts",
        "affiliates.payouts",
        "affiliates.payouts_error",
        "affiliates.no_payouts",
        res,
        payout_table,
        currency,
    )
}

fn payout_table(rows: &[Payout], currency: &str, lang: Lang) -> AnyView {
    let labels = headers(&[
        "affiliates.col_date",
        "affiliates.col_amount",
        "affiliates.col_method",
        "affiliates.col_status",
    ]);
    let body = rows
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td data-label=labels[0].clone()>{date(&p.date)}</td>
                    <td class="num" data-label=labels[1].clone()>{money_text(&p.amount, currency, lang)}</td>
                    <td data-label=labels[2].clone()>{or_dash(&p.method)}</td>
                    <td data-label=labels[3].clone()>{status_badge(p.status, &p.status_raw)}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "aff-payout-list", t("affiliates.payouts"), &labels, &[1], body)
}

pub fn vouchers(currency: Signal<String>) -> impl IntoView {
    let res = resource(api::vouchers);
    part(
        "vouchers",
        "affiliates.vouchers",
        "affiliates.vouchers_error",
        "affiliates.no_vouchers",
        res,
        voucher_table,
        currency,
    )
}

/// "3 / 100", "3 / no limit".
fn uses_text(v: &Voucher, lang: Lang) -> String {
    let used = count_text(Some(v.uses.unwrap_or(0)), lang);
    match v.max_uses.filter(|m| *m > 0) {
        Some(max) => {
            t_with("affiliates.uses_of", &[("used", &used), ("max", &count_text(Some(max), lang))])
        }
        None => t_with("affiliates.uses_unlimited", &[("used", &used)]),
    }
}

fn voucher_table(rows: &[Voucher], currency: &str, lang: Lang) -> AnyView {
    let labels = headers(&[
        "affiliates.col_code",
        "affiliates.col_discount",
        "affiliates.col_uses",
        "affiliates.col_expires",
    ]);
    let body = rows
        .iter()
        .map(|v| {
            let expires = if v.expires.is_empty() || v.expires.starts_with("0000") {
                t("affiliates.never_expires")
            } else {
                date(&v.expires)
            };
            let what = t_with("affiliates.copy_code", &[("code", &v.code)]);
            view! {
                <tr>
                    <td data-label=labels[0].clone()>
                        <span class="aff-code">
                            <code data-testid="aff-voucher-code">{v.code.clone()}</code>
                            {copy_button(v.code.clone(), what)}
                        </span>
                    </td>
                    <td class="num" data-label=labels[1].clone()>{rate_text(&v.discount, currency, lang)}</td>
                    <td class="num" data-label=labels[2].clone()>{uses_text(v, lang)}</td>
                    <td data-label=labels[3].clone()>{expires}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "aff-voucher-list", t("affiliates.vouchers"), &labels, &[1, 2], body)
}

pub fn plans(currency: Signal<String>) -> impl IntoView {
    let res = resource(api::plans);
    part(
        "plans",
        "affiliates.plans",
        "affiliates.plans_error",
        "affiliates.no_plans",
        res,
        plan_table,
        currency,
    )
}

fn plan_table(rows: &[Plan], currency: &str, lang: Lang) -> AnyView {
    let labels = headers(&[
        "affiliates.col_plan",
        "affiliates.col_rate",
        "affiliates.col_recurring",
        "affiliates.col_products",
    ]);
    let body = rows
        .iter()
        .map(|p| {
            let recurring = t(if p.recurring { "affiliates.recurring_yes" } else { "affiliates.recurring_no" });
            view! {
                <tr>
                    <td data-label=labels[0].clone()>{or_dash(&p.name)}</td>
                    <td class="num" data-label=labels[1].clone()>{rate_text(&p.rate, currency, lang)}</td>
                    <td data-label=labels[2].clone()>{recurring}</td>
                    <td data-label=labels[3].clone()>{or_dash(&p.products.join(", "))}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("", "aff-plan-list", t("affiliates.plans"), &labels, &[1], body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Money;

    #[test]
    fn rates_and_uses_read_naturally() {
        let pct = Rate { percent: true, value: Money::parse("10") };
        let fixed = Rate { percent: false, value: Money::parse("50000") };
        assert_eq!(rate_text(&pct, "VND", Lang::Vi), "10%");
        assert_eq!(rate_text(&fixed, "", Lang::Vi), "50.000 ₫");
        let odd = Rate { percent: true, value: Money::parse("nhiều") };
        assert_eq!(rate_text(&odd, "VND", Lang::Vi), "nhiều", "shown as sent");
        let v = Voucher { uses: Some(3), max_uses: Some(1000), ..Voucher::default() };
        assert_eq!(
            uses_text(&v, Lang::En),
            t_with("affiliates.uses_of", &[("used", "3"), ("max", "1,000")])
        );
        let v = Voucher { uses: None, max_uses: Some(0), ..Voucher::default() };
        assert_eq!(uses_text(&v, Lang::Vi), t_with("affiliates.uses_unlimited", &[("used", "0")]));
    }
}
