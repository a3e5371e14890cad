//! The affiliate programme: six reads, `GET /affiliates/summary`,
//! `/campaigns`, `/commissions`, `/payouts`, `/vouchers` and
//! `/commissionplans`, none documented by the reference (the shapes
//! mock-api answers are in fixtures/api/contract-ssl-affiliates.md).
//!
//! Everything is read loosely: a list under its own name, as a bare array
//! or as an object keyed by id, PHP `[]` for none; numbers as strings or
//! numbers; a missing field is empty, never a failure. The summary keeps
//! the figures it knows (money, counts, the conversion percent) and every
//! other scalar field as sent, so an answer of an unknown shape still
//! shows what it holds. A customer outside the programme gets
//! `{"error": ["affiliate_not_enrolled"]}` (HTTP 200) on every read:
//! [`not_enrolled`] tells that refusal from a failure.

use super::error::ApiError;
use super::loose::{data_object, field, field_text, objects, read, scalar_text, under};
use crate::vocab::{Decimal, Flag, Money};
use serde_json::Value;

/// The programme's figures for the signed-in customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The affiliate id the referral links carry (`?aff=`).
    pub id: String,
    pub status: String,
    /// When the customer joined, as sent.
    pub since: String,
    /// The currency of the amounts ("" when not said: VND).
    pub currency: String,
    /// What can be withdrawn now.
    pub balance: Option<Money>,
    /// Every commission earned so far.
    pub earned: Option<Money>,
    pub withdrawn: Option<Money>,
    pub visits: Option<u32>,
    pub referrals: Option<u32>,
    /// Referrals per visit, in percent (as sent, else worked out).
    pub conversion: Option<Decimal>,
    /// Every other scalar field, (name, text) as sent; the fields of a
    /// nested object as "object.field".
    pub other: Vec<(String, String)>,
}

impl Summary {
    /// Whether the answer held anything at all to show.
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }
}

/// A commission's or a payout's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    Pending,
    Approved,
    Paid,
    Rejected,
    Active,
    /// A word this portal does not know (shown as sent).
    #[default]
    Other,
}

impl Status {
    /// The server's word in any case; "completed" reads as paid,
    /// "declined"/"cancelled" as rejected.
    pub fn of(raw: &str) -> Status {
        match raw.trim().to_ascii_lowercase().as_str() {
            "pending" | "new" | "awaiting" | "processing" => Status::Pending,
            "approved" | "confirmed" => Status::Approved,
            "paid" | "completed" | "complete" | "withdrawn" => Status::Paid,
            "rejected" | "declined" | "cancelled" | "canceled" | "refunded" | "void" => {
                Status::Rejected
            }
            "active" => Status::Active,
            _ => Status::Other,
        }
    }

    /// The text key of its label.
    pub fn key(self) -> &'static str {
        match self {
            Status::Pending => "affiliates.status_pending",
            Status::Approved => "affiliates.status_approved",
            Status::Paid => "affiliates.status_paid",
            Status::Rejected => "affiliates.status_rejected",
            Status::Active => "affiliates.status_active",
            Status::Other => "affiliates.status_other",
        }
    }

    /// The tone of its badge.
    pub fn tone(self) -> &'static str {
        match self {
            Status::Pending => "warn",
            Status::Approved => "info",
            Status::Paid | Status::Active => "ok",
            Status::Rejected => "danger",
            Status::Other => "neutral",
        }
    }
}

/// A referral campaign: its own link, and what it brought.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub url: String,
    pub visits: Option<u32>,
    pub signups: Option<u32>,
    pub created: String,
}

/// A commission earned on a referred customer's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Commission {
    pub id: String,
    /// `YYYY-MM-DD` (or with a time), as sent.
    pub date: String,
    pub order_id: String,
    /// The referred customer, masked by the server ("Ng***n").
    pub referral: String,
    pub product: String,
    pub amount: Money,
    pub status: Status,
    pub status_raw: String,
}

/// Money paid out to the affiliate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Payout {
    pub id: String,
    pub date: String,
    pub amount: Money,
    pub method: String,
    pub status: Status,
    pub status_raw: String,
}

/// A discount (a voucher's, a plan's rate): a percent or an amount.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rate {
    pub percent: bool,
    pub value: Money,
}

/// A voucher code the affiliate hands out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Voucher {
    pub id: String,
    pub code: String,
    pub discount: Rate,
    pub uses: Option<u32>,
    /// None or 0: no limit.
    pub max_uses: Option<u32>,
    /// "" (or a zero date): never.
    pub expires: String,
}

/// How commissions are earned on some products.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub rate: Rate,
    /// Paid on every renewal, not only the first order.
    pub recurring: bool,
    pub products: Vec<String>,
}

// ------------------------------------------------------------------ reading

fn text(v: &Value, keys: &[&str]) -> String {
    field_text(v, keys)
}

/// A whole, non-negative count: `"412"`, `412`, `412.0`; None otherwise.
fn count(v: &Value, keys: &[&str]) -> Option<u32> {
    let d = Decimal::parse(&text(v, keys))?;
    (!d.is_negative()).then(|| d.parts(0).0.min(u32::MAX as u128) as u32)
}

/// An amount, when the field is there.
fn amount(v: &Value, keys: &[&str]) -> Option<Money> {
    let t = text(v, keys);
    (!t.is_empty()).then(|| Money::parse(&t))
}

/// A percent: `"5.58"`, `5.58`, `"5.58%"`.
fn percent(v: &Value, keys: &[&str]) -> Option<Decimal> {
    Decimal::parse(text(v, keys).trim_end_matches('%').trim())
}

/// The items of a list answer: `{"<key>": [...]}`, a bare array, an object
/// keyed by id; anything else is no item (texts beside them, such as
/// `{"message": "…"}`, are no records).
fn items(v: &Value, key: &str) -> Vec<Value> {
    match under(v.clone(), &[key]) {
        Value::Object(o) => {
            objects(Value::Object(o.into_iter().filter(|(_, x)| !x.is_string()).collect()))
        }
        other => objects(other),
    }
}

/// Names: `["a", "b"]`, `[{"name": "a"}]`, `{"7": "a"}`, `"a, b"`.
fn names(v: &Value) -> Vec<String> {
    let list: Vec<String> = match v {
        Value::Array(a) => a.iter().map(name_of).collect(),
        Value::Object(o) => o.values().map(name_of).collect(),
        other => scalar_text(other).split(',').map(str::to_owned).collect(),
    };
    list.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

fn name_of(v: &Value) -> String {
    match v {
        Value::Object(_) => text(v, &["name", "title", "product", "id"]),
        other => scalar_text(other),
    }
}

fn rate(v: &Value, value_keys: &[&str]) -> Rate {
    let raw = text(v, value_keys);
    let kind = text(v, &["type", "kind", "rate_type", "discount_type"]).to_ascii_lowercase();
    let percent = raw.ends_with('%') || kind.contains("percent") || kind == "%";
    Rate { percent, value: Money::parse(raw.trim_end_matches('%').trim()) }
}

const ID: &[&str] = &["id", "affiliate_id", "aff_id"];
const STATUS: &[&str] = &["status"];
const SINCE: &[&str] = &["date_created", "datecreated", "created", "since", "date"];
const CURRENCY: &[&str] = &["currency", "currency_code"];
const BALANCE: &[&str] = &["balance", "available", "available_balance"];
const EARNED: &[&str] =
    &["total_commissions", "total_commission", "commissions", "total_earned", "earned", "earnings"];
const WITHDRAWN: &[&str] = &["total_withdrawn", "withdrawn", "paid_out", "total_paid"];
const VISITS: &[&str] = &["visits", "visitors", "clicks", "hits"];
const REFERRALS: &[&str] = &["referrals", "referred", "signups", "conversions"];
const CONVERSION: &[&str] = &["conversion", "conversion_rate", "conversion_percent"];
/// Envelope fields that are no data.
const ENVELOPE: &[&str] = &["success", "info", "call", "server_time", "error"];

fn known(key: &str) -> bool {
    let k = key.trim().to_ascii_lowercase();
    [ID, STATUS, SINCE, CURRENCY, BALANCE, EARNED, WITHDRAWN, VISITS, REFERRALS, CONVERSION]
        .iter()
        .any(|keys| keys.contains(&k.as_str()))
}

/// The scalar fields of `o` no typed field took (those of nested objects
/// as "object.field"), in the answer's order.
fn other_fields(o: &Value, skip: &[&str]) -> Vec<(String, String)> {
    let Some(map) = o.as_object() else { return Vec::new() };
    let mut out = Vec::new();
    for (k, v) in map {
        if known(k) || ENVELOPE.contains(&k.as_str()) || skip.contains(&k.as_str()) {
            continue;
        }
        match v {
            Value::Object(inner) => out.extend(
                inner
                    .iter()
                    .filter(|(_, x)| !x.is_object() && !x.is_array())
                    .map(|(ik, x)| (format!("{k}.{ik}"), scalar_text(x)))
                    .filter(|(_, x)| !x.trim().is_empty()),
            ),
            Value::Array(_) => {}
            x => {
                let t = scalar_text(x);
                if !t.trim().is_empty() {
                    out.push((k.clone(), t));
                }
            }
        }
    }
    out
}

/// The summary of `GET /affiliates/summary`: `{"affiliate": {...}}`,
/// `{"summary": ...}`, `{"data": ...}` or the fields at the top.
pub fn summary_of(v: &Value) -> Summary {
    const WHERE: &[&str] = &["affiliate", "summary", "data"];
    let Some(o) = data_object(v, WHERE) else { return Summary::default() };
    let currency = match field(o, CURRENCY) {
        c @ Value::Object(_) => text(c, &["code", "iso"]),
        _ => text(o, CURRENCY),
    };
    let visits = count(o, VISITS);
    let referrals = count(o, REFERRALS);
    let conversion = percent(o, CONVERSION).or_else(|| match (referrals, visits) {
        (Some(r), Some(v)) if v > 0 => {
            let hundredths = (u64::from(r) * 10_000 + u64::from(v) / 2) / u64::from(v);
            Some(Decimal::new(i128::from(hundredths), 2))
        }
        _ => None,
    });
    let mut other = other_fields(o, WHERE);
    if !std::ptr::eq(o, v) {
        // what sits beside the data object is data too
        other.extend(other_fields(v, WHERE));
    }
    Summary {
        id: text(o, ID),
        status: text(o, STATUS),
        since: text(o, SINCE),
        currency,
        balance: amount(o, BALANCE),
        earned: amount(o, EARNED),
        withdrawn: amount(o, WITHDRAWN),
        visits,
        referrals,
        conversion,
        other,
    }
}

/// The campaigns of `GET /affiliates/campaigns`; unnamed ones are left out.
pub fn campaigns_of(v: &Value) -> Vec<Campaign> {
    items(v, "campaigns")
        .iter()
        .map(|c| Campaign {
            id: text(c, &["id"]),
            name: text(c, &["name", "title"]),
            url: text(c, &["url", "link", "landing_page"]),
            visits: count(c, VISITS),
            signups: count(c, REFERRALS),
            created: text(c, SINCE),
        })
        .filter(|c| !c.name.is_empty() || !c.url.is_empty())
        .collect()
}

/// The commissions of `GET /affiliates/commissions`, newest first
/// (equal dates keep the server's order).
pub fn commissions_of(v: &Value) -> Vec<Commission> {
    let mut list: Vec<Commission> = items(v, "commissions")
        .iter()
        .map(|c| {
            let status_raw = text(c, STATUS);
            Commission {
                id: text(c, &["id"]),
                date: text(c, &["date", "date_created", "created"]),
                order_id: text(c, &["order_id", "orderid", "order"]),
                referral: text(c, &["referral", "referred", "client", "customer"]),
                product: text(c, &["product", "product_name", "service", "item"]),
                amount: Money::parse(&text(c, &["amount", "commission", "value"])),
                status: Status::of(&status_raw),
                status_raw,
            }
        })
        .collect();
    crate::util::sort_with(&mut list, &|a, b| b.date.cmp(&a.date));
    list
}

/// The payouts of `GET /affiliates/payouts`, newest first.
pub fn payouts_of(v: &Value) -> Vec<Payout> {
    let mut list: Vec<Payout> = items(v, "payouts")
        .iter()
        .map(|p| {
            let status_raw = text(p, STATUS);
            Payout {
                id: text(p, &["id"]),
                date: text(p, &["date", "date_created", "created"]),
                amount: Money::parse(&text(p, &["amount", "value"])),
                method: text(p, &["method", "gateway", "payment_method"]),
                status: Status::of(&status_raw),
                status_raw,
            }
        })
        .collect();
    crate::util::sort_with(&mut list, &|a, b| b.date.cmp(&a.date));
    list
}

/// The vouchers of `GET /affiliates/vouchers`; those without a code are
/// left out.
pub fn vouchers_of(v: &Value) -> Vec<Voucher> {
    items(v, "vouchers")
        .iter()
        .map(|x| Voucher {
            id: text(x, &["id"]),
            code: text(x, &["code", "voucher", "promocode"]),
            discount: rate(x, &["value", "discount", "amount", "rate"]),
            uses: count(x, &["uses", "used", "num_usage"]),
            max_uses: count(x, &["max_uses", "max_usage", "limit"]),
            expires: text(x, &["expires", "expiry", "expiry_date", "date_expires"]),
        })
        .filter(|x| !x.code.is_empty())
        .collect()
}

/// The plans of `GET /affiliates/commissionplans`.
pub fn plans_of(v: &Value) -> Vec<Plan> {
    items(v, "commissionplans")
        .iter()
        .map(|p| Plan {
            id: text(p, &["id"]),
            name: text(p, &["name", "title"]),
            rate: rate(p, &["rate", "value", "commission", "amount"]),
            recurring: read::<Flag>(p, &["recurring", "recurrent"]).0,
            products: names(field(p, &["products", "product"])),
        })
        .filter(|p| !p.name.is_empty() || !p.rate.value.raw.is_empty())
        .collect()
}

/// Whether an error is the server saying the customer is not in the
/// programme (`affiliate_not_enrolled` and its kin), not a failure.
pub fn not_enrolled(e: &ApiError) -> bool {
    e.messages().iter().any(|m| {
        matches!(
            m.trim().to_ascii_lowercase().as_str(),
            "affiliate_not_enrolled" | "not_enrolled" | "not_affiliate" | "affiliate_not_found"
        )
    })
}

/// Commissions per month over the 12 months ending with `now` (year,
/// month): (year, month, total), oldest first, a month without any at
/// zero. Rejected commissions and amounts that are not numbers do not
/// count; dates are read as `YYYY-MM…`.
pub fn by_month(list: &[Commission], now: (i64, u32)) -> Vec<(i64, u32, Decimal)> {
    let index = |y: i64, m: u32| y * 12 + i64::from(m) - 1;
    let last = index(now.0, now.1);
    let mut months: Vec<(i64, u32, Decimal)> = (last - 11..=last)
        .map(|i| (i.div_euclid(12), (i.rem_euclid(12) + 1) as u32, Decimal::ZERO))
        .collect();
    for c in list.iter().filter(|c| c.status != Status::Rejected) {
        let (Some(amount), Some((y, m))) = (c.amount.value, year_month(&c.date)) else {
            continue;
        };
        let slot = index(y, m) - (last - 11);
        if let Some(entry) = usize::try_from(slot).ok().and_then(|s| months.get_mut(s)) {
            entry.2 = entry.2.checked_add(amount).unwrap_or(entry.2);
        }
    }
    months
}

fn year_month(date: &str) -> Option<(i64, u32)> {
    let mut parts = date.trim().splitn(3, '-');
    let y = parts.next()?.parse::<i64>().ok()?;
    let m: String = parts.next()?.chars().take_while(char::is_ascii_digit).collect();
    let m = m.parse::<u32>().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

// ------------------------------------------------------------------- calls

async fn load<T>(what: &str, of: fn(&Value) -> T) -> Result<T, ApiError> {
    Ok(of(&super::raw::get(format!("/affiliates/{what}")).await?))
}

/// `GET /affiliates/summary`.
pub async fn summary() -> Result<Summary, ApiError> {
    load("summary", summary_of).await
}

/// `GET /affiliates/campaigns`.
pub async fn campaigns() -> Result<Vec<Campaign>, ApiError> {
    load("campaigns", campaigns_of).await
}

/// `GET /affiliates/commissions`.
pub async fn commissions() -> Result<Vec<Commission>, ApiError> {
    load("commissions", commissions_of).await
}

/// `GET /affiliates/payouts`.
pub async fn payouts() -> Result<Vec<Payout>, ApiError> {
    load("payouts", payouts_of).await
}

/// `GET /affiliates/vouchers`.
pub async fn vouchers() -> Result<Vec<Voucher>, ApiError> {
    load("vouchers", vouchers_of).await
}

/// `GET /affiliates/commissionplans`.
pub async fn plans() -> Result<Vec<Plan>, ApiError> {
    load("commissionplans", plans_of).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    fn planned_summary() -> Value {
        json!({"affiliate": {"id": "7", "status": "Active", "date_created": "2024-03-11",
            "currency": "VND", "balance": "1250000.00", "total_commissions": "3450000.00",
            "total_withdrawn": "2200000.00", "visits": "412", "referrals": "23",
            "conversion": "5.58"}})
    }

    #[test]
    fn the_planned_summary_is_read_field_by_field() {
        let s = summary_of(&planned_summary());
        assert_eq!(
            (s.id.as_str(), s.status.as_str(), s.since.as_str()),
            ("7", "Active", "2024-03-11")
        );
        assert_eq!(s.currency, "VND");
        assert_eq!(s.balance.unwrap().value, Some(d("1250000.00")));
        assert_eq!(s.earned.unwrap().value, Some(d("3450000.00")));
        assert_eq!(s.withdrawn.unwrap().value, Some(d("2200000.00")));
        assert_eq!((s.visits, s.referrals), (Some(412), Some(23)));
        assert_eq!(s.conversion, Some(d("5.58")));
        assert!(s.other.is_empty(), "{:?}", s.other);
    }

    #[test]
    fn a_summary_with_numbers_and_no_wrapper_reads_the_same() {
        let s = summary_of(&json!({"id": 7, "balance": 1250000, "visits": 412.0,
            "referrals": 23, "conversion": "5.58%", "success": true}));
        assert_eq!(s.id, "7");
        assert_eq!(s.balance.unwrap().value, Some(d("1250000")));
        assert_eq!((s.visits, s.referrals, s.conversion), (Some(412), Some(23), Some(d("5.58"))));
        assert!(s.other.is_empty(), "the envelope is no data: {:?}", s.other);
    }

    #[test]
    fn the_conversion_is_worked_out_when_not_sent() {
        let s = summary_of(&json!({"affiliate": {"visits": "412", "referrals": "23"}}));
        assert_eq!(s.conversion, Some(d("5.58")));
        let s = summary_of(&json!({"affiliate": {"visits": 0, "referrals": 0}}));
        assert_eq!(s.conversion, None, "no visits: no rate");
    }

    #[test]
    fn an_unknown_summary_keeps_every_scalar_field() {
        let s = summary_of(&json!({"affiliate": {"id": "9", "tier": "Gold", "payout_min": 500000,
            "verified": true, "stats": {"clicks_today": 4, "deep": {"x": 1}}, "tags": ["a"],
            "note": ""}, "programme": "BKNS Partner"}));
        assert_eq!(s.id, "9");
        assert_eq!(
            s.other,
            [
                ("payout_min".to_string(), "500000".to_string()),
                ("stats.clicks_today".into(), "4".into()),
                ("tier".into(), "Gold".into()),
                ("verified".into(), "1".into()),
                ("programme".into(), "BKNS Partner".into()),
            ]
        );
        assert!(!s.is_empty());
    }

    #[test]
    fn a_summary_of_the_wrong_types_is_empty_not_broken() {
        for v in [json!({"affiliate": []}), json!([]), json!(null), json!("x"), json!({})] {
            let s = summary_of(&v);
            assert!(s.is_empty(), "{v}: {s:?}");
        }
        let s = summary_of(&json!({"affiliate": {"balance": [], "visits": "many",
            "referrals": -3, "conversion": {"a": 1}, "status": false}}));
        assert_eq!((s.balance, s.visits, s.referrals, s.conversion), (None, None, None, None));
        assert_eq!(s.status, "", "PHP's false is no text");
        let s = summary_of(&json!({"affiliate": {"balance": "n/a", "currency": {"code": "USD"}}}));
        assert_eq!(s.balance.unwrap().raw, "n/a", "an odd amount is kept as sent");
        assert_eq!(s.currency, "USD");
    }

    #[test]
    fn lists_come_in_every_shape() {
        let row = json!({"id": "1", "name": "Facebook", "url": "https://bkns.vn/?aff=7",
            "visits": "120", "signups": 4, "date_created": "2025-01-02"});
        let expected = Campaign {
            id: "1".into(),
            name: "Facebook".into(),
            url: "https://bkns.vn/?aff=7".into(),
            visits: Some(120),
            signups: Some(4),
            created: "2025-01-02".into(),
        };
        let mut keyed = row.clone();
        keyed.as_object_mut().unwrap().remove("id");
        for v in [
            json!({"campaigns": [row.clone()]}),
            json!([row.clone()]),
            json!({"campaigns": {"1": keyed.clone()}}),
            json!({"1": keyed}),
        ] {
            assert_eq!(campaigns_of(&v), std::slice::from_ref(&expected), "{v}");
        }
        for empty in [
            json!({"campaigns": []}),
            json!([]),
            json!({}),
            json!({"campaigns": "none"}),
            json!(null),
            json!({"campaigns": [1, "x", null]}),
            json!({"message": "Không có dữ liệu", "success": true}),
        ] {
            assert!(campaigns_of(&empty).is_empty(), "{empty}");
            assert!(commissions_of(&empty).is_empty(), "{empty}");
            assert!(payouts_of(&empty).is_empty(), "{empty}");
            assert!(vouchers_of(&empty).is_empty(), "{empty}");
            assert!(plans_of(&empty).is_empty(), "{empty}");
        }
    }

    #[test]
    fn commissions_are_read_newest_first() {
        let v = json!({"commissions": [
            {"id": "1", "date": "2025-02-10", "order_id": 501, "referral": "Ng***n",
             "product": "Cloud VPS", "amount": "150000.00", "status": "Paid"},
            {"id": 2, "date": "2025-03-01", "order_id": "502", "referral": "Tr***g",
             "product": "Hosting", "amount": 99000, "status": "pending"},
            {"id": "3", "amount": "x", "status": "Frozen"}
        ]});
        let list = commissions_of(&v);
        assert_eq!(list.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["2", "1", "3"]);
        assert_eq!(list[0].order_id, "502");
        assert_eq!(list[0].amount.value, Some(d("99000")));
        assert_eq!(list[0].status, Status::Pending);
        assert_eq!(list[1].status, Status::Paid);
        assert_eq!((list[1].referral.as_str(), list[1].product.as_str()), ("Ng***n", "Cloud VPS"));
        assert_eq!((list[2].status, list[2].status_raw.as_str()), (Status::Other, "Frozen"));
        assert_eq!(list[2].amount.value, None);
    }

    #[test]
    fn payouts_vouchers_and_plans_are_read() {
        let p = payouts_of(&json!({"payouts": {"4": {"date": "2025-06-01", "amount": "1000000",
            "method": "Chuyển khoản", "status": "Completed"}}}));
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].id.as_str(), p[0].method.as_str()), ("4", "Chuyển khoản"));
        assert_eq!(p[0].status, Status::Paid);
        let v = vouchers_of(&json!({"vouchers": [
            {"id": "1", "code": "BKNS-AN10", "type": "percent", "value": "10", "uses": "3",
             "max_uses": "100", "expires": "2026-12-31"},
            {"id": "2", "code": "BKNS-AN50K", "type": "fixed", "value": 50000, "uses": 0,
             "max_uses": 0, "expires": ""},
            {"id": "3", "code": ""}
        ]}));
        assert_eq!(v.len(), 2, "a voucher without a code is no voucher");
        assert!(v[0].discount.percent);
        assert_eq!(v[0].discount.value.value, Some(d("10")));
        assert_eq!((v[0].uses, v[0].max_uses), (Some(3), Some(100)));
        assert!(!v[1].discount.percent);
        assert_eq!(v[1].max_uses, Some(0));
        assert!(vouchers_of(&json!([{"code": "X", "value": "15%"}]))[0].discount.percent);
        let plans = plans_of(&json!({"commissionplans": [
            {"id": "1", "name": "Hosting", "type": "percent", "rate": "10", "recurring": "1",
             "products": ["Hosting Starter", {"name": "Hosting Pro"}]},
            {"id": "2", "name": "Tên miền", "type": "fixed", "rate": 20000, "recurring": false,
             "products": "Tên miền .vn, Tên miền .com"},
            {"id": "3", "name": "VPS", "rate": "5%", "recurring": true,
             "products": {"11": "Cloud VPS"}}
        ]}));
        assert_eq!(plans.len(), 3);
        assert!(plans[0].rate.percent && plans[0].recurring);
        assert_eq!(plans[0].products, ["Hosting Starter", "Hosting Pro"]);
        assert!(!plans[1].rate.percent && !plans[1].recurring);
        assert_eq!(plans[1].products, ["Tên miền .vn", "Tên miền .com"]);
        assert!(plans[2].rate.percent && plans[2].recurring);
        assert_eq!(plans[2].products, ["Cloud VPS"]);
    }

    #[test]
    fn statuses_are_read_in_any_case() {
        use Status::*;
        for (word, s) in [
            ("Pending", Pending),
            ("APPROVED", Approved),
            ("paid", Paid),
            ("Completed", Paid),
            ("Declined", Rejected),
            ("Active", Active),
            ("", Other),
            ("Đã trả", Other),
        ] {
            assert_eq!(Status::of(word), s, "{word:?}");
        }
        let keys: Vec<&str> =
            [Pending, Approved, Paid, Rejected, Active, Other].iter().map(|s| s.key()).collect();
        assert_eq!(
            keys,
            [
                "affiliates.status_pending",
                "affiliates.status_approved",
                "affiliates.status_paid",
                "affiliates.status_rejected",
                "affiliates.status_active",
                "affiliates.status_other",
            ]
        );
    }

    #[test]
    fn the_refusal_to_a_customer_outside_the_programme_is_known() {
        let refused =
            ApiError::Server { status: 200, messages: vec!["affiliate_not_enrolled".into()] };
        assert!(not_enrolled(&refused));
        assert!(not_enrolled(&ApiError::Server {
            status: 200,
            messages: vec![" Not_Affiliate ".into()]
        }));
        assert!(!not_enrolled(&ApiError::Http { status: 500 }));
        assert!(!not_enrolled(&ApiError::Server { status: 200, messages: vec!["other".into()] }));
    }

    fn commission(date: &str, amount: &str, status: &str) -> Commission {
        Commission {
            date: date.into(),
            amount: Money::parse(amount),
            status: Status::of(status),
            ..Commission::default()
        }
    }

    #[test]
    fn by_month_covers_twelve_months_with_the_empty_ones_at_zero() {
        let list = [
            commission("2026-03-05", "100000", "Paid"),
            commission("2026-03-20 10:00:00", "50000.50", "Pending"),
            commission("2025-04-01", "70000", "Approved"),
            commission("2025-03-31", "999", "Paid"), // 13 months back: out
            commission("2026-01-15", "30000", "Rejected"),
            commission("2026-01-16", "abc", "Paid"),
            commission("01/02/2026", "40000", "Paid"),
            commission("2026-04-01", "1", "Paid"), // after `now`: out
            commission("2025-9-1", "5", "Paid"),
        ];
        let months = by_month(&list, (2026, 3));
        assert_eq!(months.len(), 12);
        assert_eq!((months[0].0, months[0].1), (2025, 4));
        assert_eq!((months[11].0, months[11].1), (2026, 3));
        assert_eq!(months[0].2, d("70000"));
        assert_eq!(months[11].2, d("150000.50"));
        assert_eq!(months[9], (2026, 1, Decimal::ZERO), "rejected and odd amounts do not count");
        assert_eq!(months[8], (2025, 12, Decimal::ZERO));
        assert_eq!(months[5], (2025, 9, d("5")), "a month without its zero");
        let total = months.iter().fold(Decimal::ZERO, |a, m| a.checked_add(m.2).unwrap());
        assert_eq!(total, d("220005.50"));
        let january = by_month(&[], (2026, 1));
        assert_eq!((january[0].0, january[0].1), (2025, 2));
        assert!(january.iter().all(|m| m.2.is_zero()));
    }
}
