//! The affiliate programme (catalog endpoints 8-13): the demo account is an
//! affiliate (id "7"), every other account is not. The reference documents
//! no answer; the shapes are the lead's, in
//! `fixtures/api/contract-ssl-affiliates.md`: each list wrapped in one key,
//! ids, counts and money as strings (VND, two decimals).
//!
//! The figures agree with each other: the commissions add up to
//! `total_commissions`, the `Paid` ones to `total_withdrawn` (= the three
//! payouts), the `Approved` and `Pending` ones to `balance`; the campaigns'
//! visits and sign-ups add up to `visits` and `referrals`. Commission and
//! payout dates are relative to today (30 commissions over the last 14
//! calendar months, months 2, 7 and 11 before this one without any).

use serde_json::{json, Value};

use crate::domain_data::{civil_from_days, days_from_civil, today};
use crate::seed::DEMO_ID;
use crate::shop::{date_in, money_str};

/// Error word of every affiliate call for an account that is not one.
pub const NOT_ENROLLED: &str = "affiliate_not_enrolled";

/// Whether the account is an affiliate (with the `affiliate_enrolled`
/// setting on; off, nobody is).
pub fn enrolled(client_id: &str, setting: bool) -> bool {
    setting && client_id == DEMO_ID
}

/// (months before this one, day of month, referral, product, commission in
/// đồng, status), newest last.
type Row = (u32, u32, &'static str, &'static str, i64, &'static str);

const PAID: &str = "Paid";
const APPROVED: &str = "Approved";
const PENDING: &str = "Pending";

const COMMISSIONS: [Row; 30] = [
    (13, 6, "Ng***n", "Cloud Hosting Cơ bản - 1 tháng", 5_900, PAID),
    (13, 21, "Tr***g", "VPS SSD 2 - 1 tháng", 19_900, PAID),
    (12, 3, "Ph***m", "Sectigo OV SSL - 1 năm", 285_000, PAID),
    (12, 14, "Ng***n", "VPS SSD 2 - 1 tháng", 19_900, PAID),
    (12, 27, "Lê***", "Cloud Hosting Doanh nghiệp - 12 tháng", 159_000, PAID),
    (10, 9, "Hu***h", "GeoTrust QuickSSL Premium - 1 năm", 187_500, PAID),
    (10, 22, "Võ***", "Tên miền .com - 1 năm", 30_000, PAID),
    (9, 2, "Đặ***g", "PositiveSSL DV - 1 năm", 52_500, PAID),
    (9, 15, "Bù***i", "Cloud Hosting Doanh nghiệp - 12 tháng", 159_000, PAID),
    (9, 26, "Đỗ***", "Cloud Hosting Cơ bản - 12 tháng", 59_900, PAID),
    (8, 8, "Hồ***", "Sectigo OV SSL - 1 năm", 285_000, PAID),
    (8, 19, "Ng***c", "Tên miền .com - 1 năm", 30_000, PAID),
    (6, 4, "Ph***h", "Cloud Hosting Doanh nghiệp - 12 tháng", 159_000, PAID),
    (6, 17, "Tr***n", "Cloud Hosting Cơ bản - 12 tháng", 59_900, PAID),
    (6, 25, "Dư***g", "VPS SSD 4 - 3 tháng", 145_200, PAID),
    (5, 11, "Lý***", "GeoTrust QuickSSL Premium - 1 năm", 187_500, PAID),
    (5, 23, "Tr***g", "VPS SSD 2 - 1 tháng", 19_900, PAID),
    (4, 7, "Vũ***", "Sectigo OV SSL - 1 năm", 285_000, PAID),
    (4, 16, "Ma***", "Tên miền .com - 1 năm", 30_000, PAID),
    (4, 28, "Tr***g", "VPS SSD 2 - 1 tháng", 19_900, PAID),
    (3, 5, "Qu***h", "VPS SSD 4 - 1 tháng", 49_900, APPROVED),
    (3, 20, "Hà***", "Sectigo OV SSL - 1 năm", 285_000, APPROVED),
    (1, 3, "Tr***g", "VPS SSD 2 - 1 tháng", 19_900, APPROVED),
    (1, 12, "Kh***a", "Sectigo OV SSL - 1 năm", 285_000, APPROVED),
    (1, 21, "Ng***t", "PositiveSSL DV - 1 năm", 52_500, PENDING),
    (1, 27, "Tr***g", "VPS SSD 2 - 1 tháng", 19_900, PENDING),
    (0, 1, "Ph***g", "VPS SSD 4 - 3 tháng", 145_200, PENDING),
    (0, 2, "Lâ***", "GeoTrust QuickSSL Premium - 1 năm", 187_500, PENDING),
    (0, 3, "Tô***", "Cloud Hosting Cơ bản - 12 tháng", 59_900, PENDING),
    (0, 4, "Ng***n", "VPS SSD 4 - 3 tháng", 145_200, PENDING),
];

/// Payouts: (months before this one, the months of `Paid` commissions
/// they cover (oldest, newest), method).
const PAYOUTS: [(u32, (u32, u32), &str); 3] = [
    (9, (13, 10), "Chuyển khoản ngân hàng"),
    (6, (9, 7), "Chuyển khoản ngân hàng"),
    (3, (6, 4), "Ví MoMo"),
];

/// `YYYY-MM-DD` of day `day` of the month `months_ago` months before this
/// one (this month: never after today).
pub fn month_day(months_ago: u32, day: u32) -> String {
    let (y, m, d) = civil_from_days(today());
    let index = y * 12 + i64::from(m) - 1 - i64::from(months_ago);
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let day = if months_ago == 0 { day.min(d) } else { day.min(28) };
    let (y, m, d) = civil_from_days(days_from_civil(y, m, day));
    format!("{y:04}-{m:02}-{d:02}")
}

fn vnd(d: i64) -> String {
    money_str(d * 100)
}

/// Sum of the matching commissions, in đồng.
fn total(filter: impl Fn(&Row) -> bool) -> i64 {
    COMMISSIONS.iter().filter(|r| filter(r)).map(|r| r.4).sum()
}

/// `GET /affiliates/summary` → `{"affiliate": {...}}`.
pub fn summary() -> Value {
    let all = total(|_| true);
    let paid = total(|r| r.5 == PAID);
    json!({ "affiliate": {
        "id": "7", "status": "Active", "date_created": "2024-03-11", "currency": "VND",
        "balance": vnd(all - paid), "total_commissions": vnd(all), "total_withdrawn": vnd(paid),
        "visits": "412", "referrals": "23", "conversion": "5.58"
    }})
}

/// `GET /affiliates/campaigns` → `{"campaigns": [...]}`.
pub fn campaigns() -> Value {
    let c = |id: &str, name: &str, slug: &str, visits: &str, signups: &str, date: &str| {
        json!({
            "id": id, "name": name, "url": format!("https://www.bkns.vn/?aff=7&campaign={slug}"),
            "visits": visits, "signups": signups, "date_created": date
        })
    };
    json!({ "campaigns": [
        c("11", "Blog cá nhân: đánh giá hosting", "blog-review", "230", "13", "2024-03-15"),
        c("12", "Fanpage Facebook", "facebook", "120", "7", "2024-09-02"),
        c("13", "Nhóm Zalo khởi nghiệp", "zalo", "62", "3", "2025-06-20"),
    ]})
}

/// `GET /affiliates/commissions` → `{"commissions": [...]}`, newest first.
pub fn commissions() -> Value {
    let rows: Vec<Value> = COMMISSIONS
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (months, day, referral, product, amount, status))| {
            json!({
                "id": (3301 + i).to_string(), "date": month_day(*months, *day),
                "order_id": (562_104_381 + 7_919 * i).to_string(), "referral": referral,
                "product": product, "amount": vnd(*amount), "status": status
            })
        })
        .collect();
    json!({ "commissions": rows })
}

/// `GET /affiliates/payouts` → `{"payouts": [...]}`, newest first.
pub fn payouts() -> Value {
    let rows: Vec<Value> = PAYOUTS
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (months, (from, to), method))| {
            let amount = total(|r| r.5 == PAID && r.0 <= *from && r.0 >= *to);
            json!({
                "id": (51 + i).to_string(), "date": month_day(*months, 5), "amount": vnd(amount),
                "method": method, "status": "Paid"
            })
        })
        .collect();
    json!({ "payouts": rows })
}

/// `GET /affiliates/vouchers` → `{"vouchers": [...]}` (codes the affiliate
/// hands out; not the shop's promo codes).
pub fn vouchers() -> Value {
    json!({ "vouchers": [
        {"id": "31", "code": "ANNGUYEN10", "type": "percent", "value": "10", "uses": "7",
         "max_uses": "50", "expires": date_in(120)},
        {"id": "32", "code": "ANNGUYEN-VPS100K", "type": "fixed", "value": "100000.00",
         "uses": "2", "max_uses": "20", "expires": date_in(45)},
    ]})
}

/// `GET /affiliates/commissionplans` → `{"commissionplans": [...]}`.
pub fn commission_plans() -> Value {
    json!({ "commissionplans": [
        {"id": "1", "name": "Hosting và VPS", "type": "percent", "rate": "10", "recurring": "1",
         "products": ["Cloud Hosting Cơ bản", "Cloud Hosting Doanh nghiệp", "VPS SSD 2", "VPS SSD 4"]},
        {"id": "2", "name": "Tên miền", "type": "fixed", "rate": "30000.00", "recurring": "0",
         "products": [".com", ".net", ".vn", ".com.vn", ".id.vn", ".biz.vn"]},
        {"id": "3", "name": "Chứng chỉ SSL", "type": "percent", "rate": "15", "recurring": "0",
         "products": ["PositiveSSL DV", "Sectigo OV SSL", "GeoTrust QuickSSL Premium"]},
    ]})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_agree() {
        assert_eq!(total(|_| true), 3_450_000);
        assert_eq!(total(|r| r.5 == PAID), 2_200_000);
        let s = summary();
        assert_eq!(s["affiliate"]["balance"], "1250000.00");
        assert_eq!(s["affiliate"]["total_commissions"], "3450000.00");
        let paid: i64 = payouts()["payouts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["amount"].as_str().unwrap().trim_end_matches(".00").parse::<i64>().unwrap())
            .sum();
        assert_eq!(paid, 2_200_000);
        // every Paid commission is covered by a payout made after it
        for r in COMMISSIONS.iter().filter(|r| r.5 == PAID) {
            assert!(PAYOUTS
                .iter()
                .any(|(m, (from, to), _)| r.0 <= *from && r.0 >= *to && m < &r.0));
        }
        let c = campaigns();
        let sum = |k: &str| -> i64 {
            c["campaigns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x[k].as_str().unwrap().parse::<i64>().unwrap())
                .sum()
        };
        assert_eq!((sum("visits"), sum("signups")), (412, 23));
    }

    #[test]
    fn months() {
        let this = month_day(0, 1);
        assert_eq!(&this[8..], "01");
        assert!(month_day(0, 31) <= date_in(0));
        assert!(month_day(13, 28) < month_day(12, 1));
        assert!(month_day(1, 28) < this);
    }
}
