//! Writes whose outcome is unknown. When `POST /order`, a renewal or a
//! credit payment gets no answer (time-out, lost connection, a 5xx after
//! sending), the server may have done it. The page then stays locked and
//! looks for the result before anything is offered again.
//!
//! Orders and renewals make an invoice, so the result is looked for among
//! the invoices: the ids seen just before sending are kept (a [`Mark`]),
//! and an invoice that was not among them is the order's. Without that
//! list (it could not be read), an invoice dated on or after the day of
//! sending whose total is the expected one is taken instead.

use crate::api::billing::InvoiceSummary;
use crate::api::loose::{field, Decimal, FromLoose};
use crate::api::{self, ApiError};
use serde_json::{json, Value};

/// What was known just before a write that makes an invoice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mark {
    /// The invoice ids listed before sending; None when the list could not
    /// be read.
    pub known: Option<Vec<String>>,
    /// The local day of sending, `yyyy-mm-dd`.
    pub day: String,
    /// The total the new invoice should carry (the quote's), as text.
    pub total: String,
    /// When it was sent (ms since the epoch).
    pub at_ms: i64,
}

impl Mark {
    /// As kept in storage (read back by [`Mark::read`]; through
    /// `serde_json::Value`, whose code the app has anyway).
    pub fn to_value(&self) -> Value {
        json!({"known": self.known, "day": self.day, "total": self.total, "at_ms": self.at_ms})
    }

    /// A kept mark, field by field (a missing or odd field is empty).
    pub fn read(v: &Value) -> Mark {
        let known = field(v, &["known"]);
        Mark {
            known: known.is_array().then(|| Vec::from_loose(known)),
            day: String::from_loose(field(v, &["day"])),
            total: String::from_loose(field(v, &["total"])),
            at_ms: field(v, &["at_ms"]).as_i64().unwrap_or(0),
        }
    }
}

/// What the look found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// This invoice was made by the write: it went through.
    Invoice(Box<InvoiceSummary>),
    /// No trace of it: it did not go through, it may be sent again.
    Nothing,
}

/// Finds the write's invoice in `now` (the invoice list read after it).
pub fn find(mark: &Mark, now: &[InvoiceSummary]) -> Found {
    let day_ok = |i: &InvoiceSummary| {
        let d = i.date.as_str().trim();
        // the server's day may be a day behind the customer's
        mark.day.is_empty() || d.get(..10).is_some_and(|d| d >= day_before(&mark.day).as_str())
    };
    let hit = match &mark.known {
        Some(known) => now.iter().find(|i| !known.iter().any(|k| k == i.id.as_str()) && day_ok(i)),
        None => {
            let want = Decimal::parse(&mark.total);
            let same = |v: Option<Decimal>| {
                want.zip(v).and_then(|(a, b)| a.checked_sub(b)).is_some_and(|d| d.is_zero())
            };
            now.iter().find(|i| day_ok(i) && same(i.total.value))
        }
    };
    hit.map_or(Found::Nothing, |i| Found::Invoice(Box::new(i.clone())))
}

/// `yyyy-mm-dd` one day earlier (the text itself when it is not a date).
pub fn day_before(day: &str) -> String {
    let mut parts = day.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return day.to_owned();
    };
    ymd(crate::util::days_from_civil(y.into(), m, d) - 1)
}

fn ymd(days: i64) -> String {
    let (y, m, d) = crate::util::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn now_ms() -> i64 {
    crate::browser::now_ms() as i64
}

/// The local day now, `yyyy-mm-dd`.
pub fn today() -> String {
    ymd(crate::util::today())
}

/// Notes what is known before sending: the invoice ids (given up after a
/// few seconds: the write must not wait long for its safety net).
pub async fn mark(total: String) -> Mark {
    let read = std::pin::pin!(api::billing::invoices());
    let timer = gloo_timers::future::TimeoutFuture::new(5_000);
    let known = match futures::future::select(read, timer).await {
        futures::future::Either::Left((Ok(list), _)) => {
            Some(list.into_iter().map(|i| i.id.0).collect())
        }
        _ => None,
    };
    Mark { known, day: today(), total, at_ms: now_ms() }
}

/// Reads the invoices and looks for the write's one.
pub async fn look(mark: &Mark) -> Result<Found, ApiError> {
    let list = api::billing::invoices().await?;
    Ok(find(mark, &list))
}

/// How a write that makes an invoice ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ended<T> {
    /// Its answer came.
    Answered(T),
    /// The server refused it (it may be fixed and sent again).
    Refused(ApiError),
    /// Its answer was lost and its invoice found: it went through.
    Found(Box<InvoiceSummary>),
    /// Its answer was lost and no invoice appeared: it did not go through.
    NotDone,
    /// Its answer was lost and the look failed: still unknown. Nothing may
    /// be sent again until [`settle`] with this mark says otherwise.
    Unknown(Mark, ApiError),
}

impl<T> Ended<T> {
    /// Whether a new attempt must wait (the outcome is still unknown).
    pub fn blocks(&self) -> bool {
        matches!(self, Ended::Unknown(..))
    }
}

/// Notes the invoices, sends, and when the answer is lost looks for the
/// write's invoice before saying anything.
pub async fn send_and_find<T>(
    total: String,
    send: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Ended<T> {
    let mark = mark(total).await;
    match send.await {
        Ok(v) => Ended::Answered(v),
        Err(e) if e.outcome_unknown() => settle(mark).await,
        Err(e) => Ended::Refused(e),
    }
}

/// Looks for the invoice of a write whose answer was lost (again).
pub async fn settle<T>(mark: Mark) -> Ended<T> {
    // a server still finishing the write would not list its invoice yet
    if now_ms() - mark.at_ms < 3_000 {
        gloo_timers::future::TimeoutFuture::new(2_000).await;
    }
    match look(&mark).await {
        Ok(Found::Invoice(inv)) => Ended::Found(inv),
        Ok(Found::Nothing) => Ended::NotDone,
        Err(e) => Ended::Unknown(mark, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::{Id, Money, Text};

    fn inv(id: &str, date: &str, total: &str) -> InvoiceSummary {
        InvoiceSummary {
            id: Id(id.into()),
            date: Text(date.into()),
            total: Money::parse(total),
            status: Text("Unpaid".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_new_invoice_is_the_orders() {
        let mark = Mark {
            known: Some(vec!["7".into(), "8".into()]),
            day: "2026-12-04".into(),
            total: "110000".into(),
            at_ms: 0,
        };
        let before = [inv("8", "2026-12-01", "50000"), inv("7", "2026-11-01", "10")];
        assert_eq!(find(&mark, &before), Found::Nothing);
        let after = [inv("9", "2026-12-04", "115000"), before[0].clone(), before[1].clone()];
        // the fee makes the total differ: the id decides
        assert_eq!(find(&mark, &after), Found::Invoice(Box::new(after[0].clone())));
        // the server's clock is a day behind
        let behind = [inv("9", "2026-12-03 23:59:00", "1")];
        assert!(matches!(find(&mark, &behind), Found::Invoice(_)));
        // an old invoice the first list missed (paged) is not taken
        let old = [inv("3", "2025-01-01", "110000")];
        assert_eq!(find(&mark, &old), Found::Nothing);
    }

    #[test]
    fn without_the_first_list_the_day_and_total_decide() {
        let mark = Mark { known: None, day: "2026-12-04".into(), total: "110000".into(), at_ms: 0 };
        let list = [inv("9", "2026-12-04", "110000.00"), inv("8", "2026-12-04", "5")];
        assert_eq!(find(&mark, &list), Found::Invoice(Box::new(list[0].clone())));
        assert_eq!(find(&mark, &[inv("8", "2026-12-04", "5")]), Found::Nothing);
        assert_eq!(find(&mark, &[inv("9", "2026-11-30", "110000")]), Found::Nothing);
        let unknown_total = Mark { total: String::new(), ..mark };
        assert_eq!(find(&unknown_total, &list), Found::Nothing);
    }

    #[test]
    fn the_day_before() {
        assert_eq!(day_before("2026-12-04"), "2026-12-03");
        assert_eq!(day_before("2026-12-01"), "2026-11-30");
        assert_eq!(day_before("2026-01-01"), "2025-12-31");
        assert_eq!(day_before("2024-03-01"), "2024-02-29");
        assert_eq!(day_before("2100-03-01"), "2100-02-28");
        assert_eq!(day_before("soon"), "soon");
    }

    #[test]
    fn a_mark_survives_storage_and_bad_fields() {
        let m = Mark {
            known: Some(vec!["1".into()]),
            day: "2026-12-04".into(),
            total: "64900".into(),
            at_ms: 1_764_806_400_123,
        };
        let text = m.to_value().to_string();
        assert_eq!(Mark::read(&serde_json::from_str(&text).unwrap()), m);
        let partial = Mark::read(&json!({"day": "2026-12-04", "known": null, "at_ms": "x"}));
        assert_eq!(partial, Mark { day: "2026-12-04".into(), ..Default::default() });
        assert_eq!(Mark::read(&json!([])), Mark::default());
        let ids = Mark::read(&json!({"known": [7, "8"]}));
        assert_eq!(ids.known, Some(vec!["7".into(), "8".into()]));
    }
}
