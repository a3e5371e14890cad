//! Validity times: a UTCTime (`YYMMDDHHMMSSZ`, years 1950–2049) or a
//! GeneralizedTime (`YYYYMMDDHHMMSSZ`, fractions of a second ignored) as a
//! civil date and time in UTC. Times with an offset are refused (RFC 5280
//! has none).

use super::der::{tag, Tlv};
use super::Problem;
use std::fmt;

/// A date and time in UTC, compared chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

const DAY: i64 = 86_400;

impl DateTime {
    /// A date that exists and a time of day (no leap second).
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(DateTime { year, month, day, hour, minute, second })
    }

    /// Seconds since 1970-01-01 00:00:00 UTC (negative before).
    pub fn unix(&self) -> i64 {
        days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day)) * DAY
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// Reads a UTCTime or a GeneralizedTime.
    pub fn from_tlv(t: &Tlv) -> Result<Self, Problem> {
        let parsed = match t.tag {
            tag::UTC_TIME => utc_time(t.value),
            tag::GENERALIZED_TIME => generalized_time(t.value),
            _ => return Err(Problem::BadValue("time type")),
        };
        parsed.ok_or(Problem::BadValue("time"))
    }
}

/// `2027-03-04 14:14:18 UTC`
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DateTime { year, month, day, hour, minute, second } = self;
        write!(f, "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC")
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Splits ASCII digits into numbers of the given widths; `None` unless
/// the digits are exactly that long.
fn numbers(digits: &[u8], widths: &[usize]) -> Option<Vec<u16>> {
    let mut rest = digits;
    let mut out = Vec::with_capacity(widths.len());
    for &w in widths {
        let (field, after) = rest.split_at_checked(w)?;
        rest = after;
        let mut n: u16 = 0;
        for &b in field {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u16::from(b - b'0'))?;
        }
        out.push(n);
    }
    rest.is_empty().then_some(out)
}

fn civil(year: u16, rest: &[u16]) -> Option<DateTime> {
    let small = |i: usize| rest.get(i).map_or(Some(0), |n| u8::try_from(*n).ok());
    DateTime::new(year, small(0)?, small(1)?, small(2)?, small(3)?, small(4)?)
}

fn utc_time(value: &[u8]) -> Option<DateTime> {
    let body = value.strip_suffix(b"Z")?;
    let n = match body.len() {
        12 => numbers(body, &[2; 6])?,
        10 => numbers(body, &[2; 5])?, // seconds left out (BER)
        _ => return None,
    };
    let (&yy, rest) = n.split_first()?;
    civil(if yy < 50 { 2000 + yy } else { 1900 + yy }, rest)
}

fn generalized_time(value: &[u8]) -> Option<DateTime> {
    let body = value.strip_suffix(b"Z")?;
    let whole = match body.iter().position(|b| *b == b'.') {
        Some(dot) => {
            let (whole, fraction) = body.split_at_checked(dot)?;
            let digits = fraction.get(1..)?;
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            whole
        }
        None => body,
    };
    let n = numbers(whole, &[4, 2, 2, 2, 2, 2])?;
    let (&year, rest) = n.split_first()?;
    civil(year, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::der::Reader;

    fn read(t: u8, text: &str) -> Result<DateTime, Problem> {
        let der = crate::x509::der::write(t, text.as_bytes());
        DateTime::from_tlv(&Reader::single(&der, t).unwrap())
    }

    fn unix(t: u8, text: &str) -> i64 {
        read(t, text).unwrap().unix()
    }

    #[test]
    fn utc_time_and_the_fifty_year_rule() {
        // expected values: Python's calendar.timegm
        assert_eq!(unix(tag::UTC_TIME, "700101000000Z"), 0);
        assert_eq!(unix(tag::UTC_TIME, "000229120000Z"), 951_825_600);
        assert_eq!(unix(tag::UTC_TIME, "500101000000Z"), -631_152_000, "50 is 1950");
        assert_eq!(unix(tag::UTC_TIME, "491231235959Z"), 2_524_607_999, "49 is 2049");
        assert_eq!(unix(tag::UTC_TIME, "691231235959Z"), -1);
        assert_eq!(unix(tag::UTC_TIME, "4912312359Z"), 2_524_607_940, "no seconds");
        let t = read(tag::UTC_TIME, "261204141418Z").unwrap();
        assert_eq!(t, DateTime { year: 2026, month: 12, day: 4, hour: 14, minute: 14, second: 18 });
        assert_eq!(t.to_string(), "2026-12-04 14:14:18 UTC");
    }

    #[test]
    fn generalized_time() {
        assert_eq!(unix(tag::GENERALIZED_TIME, "20491231235959Z"), 2_524_607_999);
        assert_eq!(unix(tag::GENERALIZED_TIME, "99991231235959Z"), 253_402_300_799);
        assert_eq!(unix(tag::GENERALIZED_TIME, "00010101000000Z"), -62_135_596_800);
        assert_eq!(unix(tag::GENERALIZED_TIME, "20000229120000.250Z"), 951_825_600);
        assert!(
            read(tag::GENERALIZED_TIME, "20540421141418Z").unwrap()
                > read(tag::UTC_TIME, "491231235959Z").unwrap()
        );
    }

    #[test]
    fn impossible_or_foreign_times_are_refused() {
        for (t, text) in [
            (tag::UTC_TIME, "260229000000Z"), // 2026 is not a leap year
            (tag::UTC_TIME, "261301000000Z"),
            (tag::UTC_TIME, "261200000000Z"),
            (tag::UTC_TIME, "261231240000Z"),
            (tag::UTC_TIME, "261231236000Z"),
            (tag::UTC_TIME, "261231235960Z"),
            (tag::UTC_TIME, "261231235959"),
            (tag::UTC_TIME, "261231235959+0700"),
            (tag::UTC_TIME, "2612312359590Z"),
            (tag::UTC_TIME, "26-2312359Z"),
            (tag::UTC_TIME, "Z"),
            (tag::GENERALIZED_TIME, "21000229000000Z"), // 2100 is not a leap year
            (tag::GENERALIZED_TIME, "20261231235959.Z"),
            (tag::GENERALIZED_TIME, "20261231235959.5aZ"),
            (tag::GENERALIZED_TIME, "261231235959Z"),
            (tag::GENERALIZED_TIME, "2026123123595Z"),
            (tag::GENERALIZED_TIME, ""),
        ] {
            assert_eq!(read(t, text), Err(Problem::BadValue("time")), "{text}");
        }
        assert_eq!(read(tag::UTF8_STRING, "261231235959Z"), Err(Problem::BadValue("time type")));
        assert!(DateTime::new(2000, 2, 29, 0, 0, 0).is_some());
        assert!(DateTime::new(1900, 2, 29, 0, 0, 0).is_none());
    }
}
