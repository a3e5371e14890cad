//! Certificates (catalog 77-79): `/ssl`, the customer's certificates with
//! days left; `/ssl/:id`, one certificate with everything the server gives
//! and the certificate itself decoded in the page (`crate::x509`).
//!
//! A certificate's state is read from its service status and its expiry:
//! issued and valid, expiring (under 30 days), expired, waiting to be
//! issued, or closed (cancelled, terminated).

pub mod detail;
pub mod list;

use crate::api::certificates::CertRow;
use crate::api::services::service::{day_of, ServiceStatus};
use crate::i18n::t;
use crate::util::fold;

/// Days left under which a certificate is shown as expiring.
pub const WARN_DAYS: i64 = 30;

/// What the customer needs to know about a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertState {
    Valid,
    Expiring,
    Expired,
    /// Ordered, not issued yet (or its expiry unknown).
    Pending,
    /// Cancelled, terminated, suspended or fraud.
    Closed,
}

impl CertState {
    pub const ALL: [CertState; 5] = [
        CertState::Valid,
        CertState::Expiring,
        CertState::Expired,
        CertState::Pending,
        CertState::Closed,
    ];

    /// From the service status, the expiry (`YYYY-MM-DD ...`) and today.
    pub fn of(status: &str, expires: &str, today: i64) -> CertState {
        let days = day_of(expires).map(|d| d - today);
        match ServiceStatus::of(status) {
            ServiceStatus::Cancelled | ServiceStatus::Terminated | ServiceStatus::Suspended => {
                CertState::Closed
            }
            _ if status.trim().eq_ignore_ascii_case("expired") => CertState::Expired,
            ServiceStatus::Pending => CertState::Pending,
            _ => match days {
                None => CertState::Pending,
                Some(d) if d < 0 => CertState::Expired,
                Some(d) if d < WARN_DAYS => CertState::Expiring,
                Some(_) => CertState::Valid,
            },
        }
    }

    /// The code in links (`/ssl?state=expiring`).
    pub fn code(self) -> &'static str {
        match self {
            CertState::Valid => "valid",
            CertState::Expiring => "expiring",
            CertState::Expired => "expired",
            CertState::Pending => "pending",
            CertState::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<CertState> {
        CertState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn text(self) -> String {
        t(match self {
            CertState::Valid => "ssl.state_valid",
            CertState::Expiring => "ssl.state_expiring",
            CertState::Expired => "ssl.state_expired",
            CertState::Pending => "ssl.state_pending",
            CertState::Closed => "ssl.state_closed",
        })
    }

    /// The badge colour (`badge-<tone>`).
    pub fn tone(self) -> &'static str {
        match self {
            CertState::Valid => "success",
            CertState::Expiring => "warn",
            CertState::Expired => "danger",
            CertState::Pending => "info",
            CertState::Closed => "neutral",
        }
    }

    /// Whether a renewal makes sense (the certificate ran or is running out).
    pub fn renewable(self) -> bool {
        matches!(self, CertState::Valid | CertState::Expiring | CertState::Expired)
    }
}

/// One row of the list, prepared once.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cert: CertRow,
    /// The domain as the customer reads it (Unicode for IDNs).
    pub domain: String,
    pub state: CertState,
    /// Days to the expiry (negative once past), when it is known.
    pub days_left: Option<i64>,
    /// Everything searchable, folded.
    pub key: String,
}

pub fn normalise(list: Vec<CertRow>, today: i64) -> Vec<Row> {
    list.into_iter()
        .map(|cert| {
            let domain = crate::idn::to_unicode(cert.domain.as_str());
            let key = fold(&format!(
                "{domain} {} {} {} {}",
                cert.domain.as_str(),
                cert.name.as_str(),
                cert.cert_email.as_str(),
                cert.id.as_str()
            ));
            Row {
                state: CertState::of(cert.status.as_str(), cert.cert_expires.as_str(), today),
                days_left: day_of(cert.cert_expires.as_str()).map(|d| d - today),
                domain,
                key,
                cert,
            }
        })
        .collect()
}

/// The rows matching `text` (folded, anywhere) and `state`, in order.
pub fn filter_rows(rows: &[Row], text: &str, state: Option<CertState>) -> Vec<usize> {
    let q = fold(text);
    rows.iter()
        .enumerate()
        .filter(|(_, r)| state.is_none_or(|s| r.state == s) && (q.is_empty() || r.key.contains(&q)))
        .map(|(i, _)| i)
        .collect()
}

/// "12 days left" / "expired 3 days ago" / "" when unknown.
pub fn days_text(days: Option<i64>) -> String {
    match days {
        Some(d) if d < 0 => crate::i18n::t_with("ssl.expired_ago", &[("n", &(-d).to_string())]),
        Some(d) => crate::i18n::t_with("ssl.days_left", &[("n", &d.to_string())]),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Id, Text};

    fn cert(id: &str, domain: &str, status: &str, expires: &str) -> CertRow {
        CertRow {
            id: Id(id.into()),
            domain: Text(domain.into()),
            name: Text("PositiveSSL".into()),
            status: Text(status.into()),
            cert_expires: Text(expires.into()),
            ..Default::default()
        }
    }

    #[test]
    fn states_from_status_and_expiry() {
        let today = day_of("2026-12-04").unwrap();
        let s = |st: &str, ex: &str| CertState::of(st, ex, today);
        assert_eq!(s("Active", "2027-10-01 00:00:00"), CertState::Valid);
        assert_eq!(s("Active", "2026-12-16 10:00:00"), CertState::Expiring);
        assert_eq!(s("Active", "2027-01-02"), CertState::Expiring, "29 days");
        assert_eq!(s("Active", "2027-01-03"), CertState::Valid, "30 days");
        assert_eq!(s("Active", "2026-12-03"), CertState::Expired);
        assert_eq!(s("Expired", "2027-12-03"), CertState::Expired, "the server's word wins");
        assert_eq!(s("Pending", ""), CertState::Pending);
        assert_eq!(s("Active", ""), CertState::Pending, "no expiry: not issued");
        assert_eq!(s("Active", "0000-00-00 00:00:00"), CertState::Pending);
        assert_eq!(s("Cancelled", "2027-10-01"), CertState::Closed);
        for st in CertState::ALL {
            assert_eq!(CertState::from_code(st.code()), Some(st));
        }
    }

    #[test]
    fn rows_filter_by_text_and_state() {
        let today = day_of("2026-12-04").unwrap();
        let rows = normalise(
            vec![
                cert("1", "bkns-demo.vn", "Active", "2027-10-01"),
                cert("2", "xn--tnmin-hsa0954c.vn", "Active", "2026-12-16"),
                cert("3", "shop.vn", "Pending", ""),
            ],
            today,
        );
        assert_eq!(rows[1].domain, "tênmiền.vn");
        assert_eq!(rows[1].days_left, Some(12));
        assert_eq!(filter_rows(&rows, "", None), [0, 1, 2]);
        assert_eq!(filter_rows(&rows, "TÊNMIỀN", None), [1], "Unicode, folded");
        assert_eq!(filter_rows(&rows, "tenmien", None), [1], "without marks");
        assert_eq!(filter_rows(&rows, "xn--", None), [1], "the ASCII form too");
        assert_eq!(filter_rows(&rows, "", Some(CertState::Pending)), [2]);
        assert_eq!(filter_rows(&rows, "positivessl", Some(CertState::Valid)), [0]);
    }
}
