//! The rules of domains, shared by the domain pages (as `pages::domains::logic`)
//! and the dashboard: the list's rows (normalised once), filtering and sorting,
//! statuses, days left, and the checks of every form.
//! Host-tested; nothing here touches the browser.

use crate::api::domains::DomainRow;
use crate::api::loose::Id;

/// Days a domain counts as "expiring soon".
pub const SOON_DAYS: i64 = 30;

/// Status groups for the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Pending,
    Expired,
    Cancelled,
    Other,
}

impl Status {
    pub fn of(s: &str) -> Status {
        let s = s.trim().to_ascii_lowercase();
        if s == "active" {
            Status::Active
        } else if s.starts_with("pending") {
            Status::Pending
        } else if s == "expired" || s == "redemption" || s == "grace" {
            Status::Expired
        } else if s == "cancelled"
            || s == "canceled"
            || s == "terminated"
            || s == "transferred away"
            || s == "fraud"
        {
            Status::Cancelled
        } else {
            Status::Other
        }
    }
    /// i18n key of the status name.
    pub fn key(self) -> &'static str {
        match self {
            Status::Active => "domains.status_active",
            Status::Pending => "domains.status_pending",
            Status::Expired => "domains.status_expired",
            Status::Cancelled => "domains.status_cancelled",
            Status::Other => "domains.status_other",
        }
    }
    pub fn css(self) -> &'static str {
        match self {
            Status::Active => "badge badge-ok",
            Status::Pending => "badge badge-info",
            Status::Expired => "badge badge-danger",
            Status::Cancelled | Status::Other => "badge",
        }
    }
}

/// One row of the list, prepared once so that each keystroke only compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: Id,
    pub name: String,
    /// `name` folded (lower case, Vietnamese marks removed) for matching.
    pub key: String,
    pub status: Status,
    pub status_raw: String,
    pub expires: String,
    pub days_left: Option<i64>,
    pub autorenew: bool,
}

impl Row {
    pub fn expiring_soon(&self) -> bool {
        matches!(self.status, Status::Active | Status::Pending | Status::Other)
            && self.days_left.is_some_and(|d| (0..=SOON_DAYS).contains(&d))
    }
}

pub use crate::util::{days_from_civil, fold, today};

/// The day number of `YYYY-MM-DD` (a time part is ignored).
pub fn parse_day(s: &str) -> Option<i64> {
    let d = s.trim().get(..10)?;
    let mut it = d.split('-');
    let (y, m, dd) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&dd) && y > 1900).then(|| days_from_civil(y, m, dd))
}

/// Days from `today` to `expires` (negative once past).
pub fn days_left(expires: &str, today: i64) -> Option<i64> {
    parse_day(expires).map(|d| d - today)
}

/// Prepares the rows of `GET /domain`: the server's `daytoexpire` when it
/// sends one, else counted from `expires`.
pub fn normalise(list: Vec<DomainRow>, today: i64) -> Vec<Row> {
    list.into_iter()
        .map(|d| {
            let days = d
                .daytoexpire
                .as_str()
                .trim()
                .parse::<i64>()
                .ok()
                .or_else(|| days_left(d.expires.as_str(), today));
            Row {
                // the ASCII form and, for an IDN, the Unicode one
                key: fold(&format!(
                    "{} {}",
                    d.name.as_str(),
                    crate::idn::to_unicode(d.name.as_str())
                )),
                name: d.name.0,
                status: Status::of(d.status.as_str()),
                status_raw: d.status.0,
                expires: d.expires.0,
                days_left: days,
                autorenew: d.autorenew.0,
                id: d.id,
            }
        })
        .collect()
}

/// What the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    Soon,
    Active,
    Pending,
    Expired,
    Cancelled,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 6] = [
        StatusFilter::All,
        StatusFilter::Soon,
        StatusFilter::Active,
        StatusFilter::Pending,
        StatusFilter::Expired,
        StatusFilter::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Soon => "soon",
            StatusFilter::Active => "active",
            StatusFilter::Pending => "pending",
            StatusFilter::Expired => "expired",
            StatusFilter::Cancelled => "cancelled",
        }
    }
    pub fn from_code(s: &str) -> StatusFilter {
        Self::ALL.into_iter().find(|f| f.code() == s).unwrap_or(StatusFilter::All)
    }
    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::All => "domains.filter_all",
            StatusFilter::Soon => "domains.filter_soon",
            StatusFilter::Active => "domains.status_active",
            StatusFilter::Pending => "domains.status_pending",
            StatusFilter::Expired => "domains.status_expired",
            StatusFilter::Cancelled => "domains.status_cancelled",
        }
    }
    fn keeps(self, r: &Row) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Soon => r.expiring_soon(),
            StatusFilter::Active => r.status == Status::Active,
            StatusFilter::Pending => r.status == Status::Pending,
            StatusFilter::Expired => r.status == Status::Expired,
            StatusFilter::Cancelled => matches!(r.status, Status::Cancelled | Status::Other),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    ExpirySoonest,
    ExpiryLatest,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::ExpirySoonest, Sort::ExpiryLatest, Sort::Name];
    pub fn code(self) -> &'static str {
        match self {
            Sort::ExpirySoonest => "expiry",
            Sort::ExpiryLatest => "-expiry",
            Sort::Name => "name",
        }
    }
    pub fn from_code(s: &str) -> Sort {
        Self::ALL.into_iter().find(|f| f.code() == s).unwrap_or(Sort::ExpirySoonest)
    }
    pub fn key(self) -> &'static str {
        match self {
            Sort::ExpirySoonest => "domains.sort_expiry",
            Sort::ExpiryLatest => "domains.sort_expiry_desc",
            Sort::Name => "domains.sort_name",
        }
    }
}

/// The indices of the rows to show, in order. `text` is matched, folded,
/// anywhere in the name.
pub fn filter_rows(rows: &[Row], text: &str, status: StatusFilter, sort: Sort) -> Vec<usize> {
    let q = fold(text);
    let out: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| status.keeps(r) && (q.is_empty() || r.key.contains(&q)))
        .map(|(i, _)| i)
        .collect();
    // Still running first (soonest at the top), then the expired ones
    // (most recently expired first), then rows without a date.
    let soonest = |i: usize| match rows[i].days_left {
        Some(d) if d >= 0 => (0, d, i),
        Some(d) => (1, -d, i),
        None => (2, 0, i),
    };
    let latest = |i: usize| {
        (rows[i].days_left.is_none(), std::cmp::Reverse(rows[i].days_left.unwrap_or(0)), i)
    };
    let order = crate::util::sorted_indices(out.len(), &|a, b| {
        let (a, b) = (out[a], out[b]);
        match sort {
            Sort::ExpirySoonest => soonest(a).cmp(&soonest(b)),
            Sort::ExpiryLatest => latest(a).cmp(&latest(b)),
            Sort::Name => rows[a].key.cmp(&rows[b].key),
        }
    });
    order.into_iter().map(|i| out[i]).collect()
}

// ------------------------------------------------------------------ checks

/// A host name: dot-separated labels of letters, digits and inner hyphens
/// (punycode `xn--` included), a non-numeric last label.
pub fn valid_host(h: &str) -> bool {
    let h = h.trim_end_matches('.');
    let labels: Vec<&str> = h.split('.').collect();
    h.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|l| !l.chars().all(|c| c.is_ascii_digit()))
}

/// Problems with the nameserver form. Indices point at the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NsError {
    /// One host only: the registries want at least two.
    TooFew,
    TooMany,
    Invalid(usize),
    Duplicate(usize),
}

/// Checks up to four nameserver inputs. All empty means "use the
/// provider's nameservers" (an empty list); otherwise 2-4 distinct valid
/// hosts, normalised (lower case, no trailing dot).
pub fn validate_nameservers(inputs: &[String]) -> Result<Vec<String>, NsError> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in inputs.iter().enumerate() {
        let h = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        if h.is_empty() {
            continue;
        }
        if !valid_host(&h) {
            return Err(NsError::Invalid(i));
        }
        if out.contains(&h) {
            return Err(NsError::Duplicate(i));
        }
        out.push(h);
    }
    match out.len() {
        0 | 2..=4 => Ok(out),
        1 => Err(NsError::TooFew),
        _ => Err(NsError::TooMany),
    }
}

/// A child nameserver must be a host below the domain: `ns1.example.vn`.
pub fn valid_child_host(host: &str, domain: &str) -> bool {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    valid_host(&h) && h.ends_with(&format!(".{}", domain.to_ascii_lowercase()))
}

pub fn valid_ip(ip: &str) -> bool {
    ip.trim().parse::<std::net::IpAddr>().is_ok()
}

/// The part before `@` of a forwarding rule, or `*` for every address.
pub fn valid_prefix(p: &str) -> bool {
    let p = p.trim();
    p == "*"
        || (!p.is_empty()
            && p.len() <= 64
            && p.chars().all(|c| c.is_ascii_alphanumeric() || "._-+".contains(c)))
}

/// An http(s) URL with a real host.
pub fn valid_url(u: &str) -> bool {
    let u = u.trim();
    let Some(rest) = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host
        .rsplit_once(':')
        .map(|(h, p)| if p.chars().all(|c| c.is_ascii_digit()) { h } else { host })
        .unwrap_or(host);
    valid_host(host) && !u.contains(char::is_whitespace)
}

/// A DNSKEY public key: base64 of at least 32 bytes (spaces ignored).
pub fn valid_pubkey(k: &str) -> bool {
    use base64::Engine;
    let k: String = k.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD.decode(k).is_ok_and(|b| b.len() >= 32)
}

/// The TLD among `known` that the name ends with, the longest one
/// (`a.id.vn` is `.id.vn`, not `.vn`).
pub fn tld_match<'a>(name: &str, known: &'a [String]) -> Option<&'a String> {
    let n = name.to_ascii_lowercase();
    known
        .iter()
        .filter(|t| !t.is_empty() && n.ends_with(&t.to_ascii_lowercase()))
        .max_by_key(|t| t.len())
}

/// Vietnamese country-code domains: these need the registration declaration.
pub fn is_vn(name: &str) -> bool {
    name.trim().to_ascii_lowercase().ends_with(".vn")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::{Flag, Text};

    fn row(name: &str, status: &str, days: &str) -> DomainRow {
        DomainRow {
            id: Id(name.into()),
            name: Text(name.into()),
            status: Text(status.into()),
            daytoexpire: Text(days.into()),
            expires: Text("2026-01-01".into()),
            autorenew: Flag(false),
            ..Default::default()
        }
    }

    #[test]
    fn nameserver_validation() {
        let v = |xs: &[&str]| {
            validate_nameservers(&xs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(v(&["", "", "", ""]), Ok(vec![]));
        assert_eq!(
            v(&[" NS1.Example.NET. ", "ns2.example.net", "", ""]),
            Ok(vec!["ns1.example.net".into(), "ns2.example.net".into()])
        );
        assert_eq!(v(&["a.vn", "b.vn", "c.vn", "d.vn"]).map(|x| x.len()), Ok(4));
        assert_eq!(v(&["ns1.example.net", "", "", ""]), Err(NsError::TooFew));
        assert_eq!(v(&["ns1.example.net", "ns1.example.net."]), Err(NsError::Duplicate(1)));
        assert_eq!(v(&["ns1.example.net", "bad_host.net"]), Err(NsError::Invalid(1)));
        assert_eq!(v(&["localhost", "ns2.a.vn"]), Err(NsError::Invalid(0)));
        assert_eq!(v(&["-ns.a.vn", "ns2.a.vn"]), Err(NsError::Invalid(0)));
        assert_eq!(
            v(&["1.2.3.4", "ns2.a.vn"]),
            Err(NsError::Invalid(0)),
            "an IP is not a nameserver name"
        );
        assert_eq!(v(&["ns1.xn--bnh-mi-xva.vn", "ns2.a.vn"]).map(|x| x.len()), Ok(2));
        assert_eq!(v(&["a.vn", "b.vn", "c.vn", "d.vn", "e.vn"]), Err(NsError::TooMany));
        let long = format!("{}.vn", "a".repeat(64));
        assert_eq!(v(&[&long, "b.vn"]), Err(NsError::Invalid(0)));
    }

    #[test]
    fn other_checks() {
        assert!(valid_child_host("ns1.example.vn", "example.vn"));
        assert!(!valid_child_host("ns1.other.vn", "example.vn"));
        assert!(!valid_child_host("example.vn", "example.vn"));
        assert!(
            valid_ip("203.0.113.5")
                && valid_ip("2001:db8::1")
                && !valid_ip("300.1.1.1")
                && !valid_ip("")
        );
        assert!(
            valid_prefix("info")
                && valid_prefix("*")
                && valid_prefix("a.b+c")
                && !valid_prefix("a b")
                && !valid_prefix("")
        );
        assert!(
            valid_url("https://shop.example.vn/x?y=1")
                && valid_url("http://a.vn:8080")
                && !valid_url("ftp://a.vn")
                && !valid_url("https://")
        );
        assert!(valid_pubkey(&"QUFB".repeat(11)) && !valid_pubkey("QUFB") && !valid_pubkey("%%%"));
        let tlds = vec![".vn".to_string(), ".id.vn".to_string(), ".com".to_string()];
        assert_eq!(tld_match("a.id.vn", &tlds).map(String::as_str), Some(".id.vn"));
        assert_eq!(tld_match("A.VN", &tlds).map(String::as_str), Some(".vn"));
        assert_eq!(tld_match("a.org", &tlds), None);
        assert!(is_vn("x.biz.vn") && !is_vn("x.com"));
    }

    #[test]
    fn folding_and_dates() {
        assert_eq!(fold("  Bánh Mì SÀI GÒN "), "banh mi sai gon");
        assert_eq!(fold("ĐẶC SẢN"), "dac san");
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(parse_day("2024-03-01").unwrap() - parse_day("2024-02-28").unwrap(), 2);
        assert_eq!(parse_day("2026-01-05 10:00:00"), Some(days_from_civil(2026, 1, 5)));
        assert_eq!(parse_day("0000-00-00"), None);
        assert_eq!(parse_day("soon"), None);
        assert_eq!(days_left("2026-01-31", days_from_civil(2026, 1, 1)), Some(30));
    }

    #[test]
    fn statuses_and_soon() {
        let rows = normalise(
            vec![
                row("a.vn", "Active", "12"),
                row("b.vn", "Expired", "-3"),
                row("c.vn", "Pending Transfer", "30"),
            ],
            0,
        );
        assert_eq!(rows[0].status, Status::Active);
        assert!(rows[0].expiring_soon());
        assert!(!rows[1].expiring_soon());
        assert_eq!(rows[2].status, Status::Pending);
        assert!(rows[2].expiring_soon());
        // no daytoexpire: counted from expires
        let r = normalise(vec![row("d.vn", "Active", "")], days_from_civil(2025, 12, 22));
        assert_eq!(r[0].days_left, Some(10));
    }

    #[test]
    fn filter_and_sort() {
        let mut list = vec![
            row("banhmi.vn", "Active", "200"),
            row("cafe.com", "Active", "5"),
            row("bánh-ngọt.vn", "Expired", "-9"),
            row("x.id.vn", "Active", ""),
        ];
        list[3].expires = Text(String::new());
        let rows = normalise(list, 0);
        assert_eq!(rows[3].days_left, None);
        assert_eq!(
            filter_rows(&rows, "", StatusFilter::All, Sort::ExpirySoonest),
            vec![1, 0, 2, 3]
        );
        assert_eq!(filter_rows(&rows, "", StatusFilter::All, Sort::ExpiryLatest), vec![0, 1, 2, 3]);
        assert_eq!(filter_rows(&rows, "BANH", StatusFilter::All, Sort::Name), vec![2, 0]);
        assert_eq!(filter_rows(&rows, "bánh", StatusFilter::Active, Sort::Name), vec![0]);
        assert_eq!(filter_rows(&rows, "", StatusFilter::Soon, Sort::Name), vec![1]);
        assert_eq!(filter_rows(&rows, "zzz", StatusFilter::All, Sort::Name), Vec::<usize>::new());
        assert_eq!(StatusFilter::from_code("soon"), StatusFilter::Soon);
        assert_eq!(Sort::from_code("nope"), Sort::ExpirySoonest);
    }

    /// Every keystroke of a search over 2,000 rows narrows to what matches
    /// (its speed is timed by e2e/domains.spec.ts on the release build).
    #[test]
    fn a_search_over_2000_domains_narrows_to_the_match() {
        let tlds = [".com", ".vn", ".id.vn", ".biz.vn", ".com.vn", ".net"];
        let list: Vec<DomainRow> = (0..2000)
            .map(|i| {
                row(
                    &format!("cuahang-{i:04}-saigon{}", tlds[i % 6]),
                    ["Active", "Expired", "Pending"][i % 3],
                    &((i * 37) % 800).to_string(),
                )
            })
            .collect();
        let rows = normalise(list, 0);
        let typed = "cuahang-1999";
        let mut last = usize::MAX;
        for n in 0..=typed.len() {
            let out = filter_rows(&rows, &typed[..n], StatusFilter::All, Sort::Name);
            assert!(out.len() <= last, "typing more never widens the list");
            last = out.len();
        }
        assert_eq!(last, 1);
        assert_eq!(filter_rows(&rows, "cuahang-19", StatusFilter::All, Sort::Name).len(), 100);
    }
}
