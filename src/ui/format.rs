//! Display of money and dates, exact and locale-aware.

use crate::i18n::Lang;
use crate::vocab::{Decimal, Money};

fn group(int: u128, sep: char) -> String {
    let digits = int.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// `1.234.567 ₫` for VND (no minor unit, in every language); other
/// currencies with two decimals and the code: `123.456,55 USD` (vi) or
/// `123,456.55 USD` (en).
pub fn money(amount: Decimal, currency: &str, lang: Lang) -> String {
    let cur = currency.trim().to_ascii_uppercase();
    let sign = if amount.is_negative()
        && !amount.round_to(if cur == "VND" || cur.is_empty() { 0 } else { 2 }).is_zero()
    {
        "-"
    } else {
        ""
    };
    if cur == "VND" || cur.is_empty() {
        let (int, _) = amount.parts(0);
        return format!("{sign}{} ₫", group(int, '.'));
    }
    let (int, frac) = amount.parts(2);
    let (gs, ds) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    format!("{sign}{}{ds}{frac} {cur}", group(int, gs))
}

/// A server amount: formatted when it parses, shown as sent otherwise.
pub fn money_text(m: &Money, currency: &str, lang: Lang) -> String {
    match m.value {
        Some(d) => money(d, currency, lang),
        None if m.raw.trim().is_empty() => "—".into(),
        None => m.raw.clone(),
    }
}

/// HostBill dates (`2016-12-30`, `2016-12-30 12:24:28`) as `30/12/2016`
/// (`30/12/2016 12:24`). Empty or zero dates give "—"; anything else is
/// shown as sent.
pub fn date(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000-00-00") {
        return "—".into();
    }
    let (d, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = d.split('-').collect();
    let valid = parts.len() == 3
        && parts[0].len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !valid {
        return s.to_owned();
    }
    let mut out = format!("{:0>2}/{:0>2}/{}", parts[2], parts[1], parts[0]);
    if let Some(t) = time {
        let hm: String = t.chars().take(5).collect();
        if hm.len() == 5 && hm.as_bytes()[2] == b':' {
            out.push(' ');
            out.push_str(&hm);
        }
    }
    out
}

/// A server time (`2026-12-04 11:08:11`, UTC) in the reader's zone
/// (`offset_min`: minutes east of UTC, e.g. 420 for Vietnam) and language:
/// `04/12/2026 18:08` (vi) or `4 Dec 2026, 18:08` (en). Anything else is
/// shown as [`date`] shows a date, or as sent.
pub fn date_time_local(s: &str, offset_min: i64, lang: Lang) -> String {
    let t = s.trim();
    let parsed = (|| {
        let (d, time) = t.split_once([' ', 'T'])?;
        let mut dp = d.split('-').map(|p| p.parse::<i64>().ok());
        let (y, mo, da) = (dp.next()??, dp.next()??, dp.next()??);
        let mut tp = time.trim_end_matches('Z').split(':').map(|p| p.parse::<i64>().ok());
        let (h, mi) = (tp.next()??, tp.next()??);
        ((1..=12).contains(&mo) && (1..=31).contains(&da) && h < 24 && mi < 60 && y > 1970)
            .then_some((y, mo, da, h, mi))
    })();
    let Some((y, mo, da, h, mi)) = parsed else {
        return if t.contains(':') { t.to_owned() } else { date(s) };
    };
    let minutes =
        crate::util::days_from_civil(y, mo as u32, da as u32) * 1440 + h * 60 + mi + offset_min;
    let (y, mo, da) = crate::util::civil_from_days(minutes.div_euclid(1440));
    let (h, mi) = (minutes.rem_euclid(1440) / 60, minutes.rem_euclid(60));
    match lang {
        Lang::Vi => format!("{da:02}/{mo:02}/{y} {h:02}:{mi:02}"),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let name = MONTHS.get(mo.saturating_sub(1) as usize).copied().unwrap_or_default();
            format!("{da} {name} {y}, {h:02}:{mi:02}")
        }
    }
}

/// A moment of this browser's clock (seconds since 1970) in the reader's
/// zone and language, as [`date_time_local`] shows a server time.
pub fn moment_local(secs: i64, offset_min: i64, lang: Lang) -> String {
    let (y, m, d) = crate::util::civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let utc = format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    date_time_local(&utc, offset_min, lang)
}

/// Reads an amount typed by the user in `currency`. VND takes whole đồng,
/// with `.`, `,` or spaces between groups of three digits (`150.000`,
/// `1 500 000`); other currencies take one decimal separator (`.` or `,`
/// before the last one or two digits) and group separators elsewhere
/// (`1.234,56`, `1,234.56`, `12.5`). A currency sign or code is ignored.
/// Anything else, or a negative amount, gives None.
pub fn parse_amount(input: &str, currency: &str) -> Option<Decimal> {
    let cleaned: String = input
        .trim()
        .trim_end_matches(['₫', 'đ'])
        .trim_end_matches(currency.trim())
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let cur = currency.trim().to_ascii_uppercase();
    let (int_part, frac) = match cleaned.rfind(['.', ',']) {
        Some(i)
            if cur != "VND" && !cur.is_empty() && (1..=2).contains(&(cleaned.len() - i - 1)) =>
        {
            (&cleaned[..i], &cleaned[i + 1..])
        }
        _ => (cleaned.as_str(), ""),
    };
    // group separators: every group after the first has three digits
    let groups: Vec<&str> = int_part.split(['.', ',']).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_ok || groups.concat().is_empty() {
        return None;
    }
    let text =
        if frac.is_empty() { groups.concat() } else { format!("{}.{frac}", groups.concat()) };
    Decimal::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn vnd() {
        assert_eq!(money(d("1234567"), "VND", Lang::Vi), "1.234.567 ₫");
        assert_eq!(money(d("1250000.00"), "vnd", Lang::En), "1.250.000 ₫");
        assert_eq!(money(d("999.5"), "VND", Lang::Vi), "1.000 ₫");
        assert_eq!(money(d("0"), "VND", Lang::Vi), "0 ₫");
        assert_eq!(money(d("-50000"), "VND", Lang::Vi), "-50.000 ₫");
        assert_eq!(money(d("-0.2"), "VND", Lang::Vi), "0 ₫");
        assert_eq!(money(d("100"), "", Lang::Vi), "100 ₫");
    }

    #[test]
    fn other_currencies() {
        assert_eq!(money(d("123456.55"), "USD", Lang::Vi), "123.456,55 USD");
        assert_eq!(money(d("123456.55"), "USD", Lang::En), "123,456.55 USD");
        assert_eq!(money(d("0.005"), "EUR", Lang::En), "0.01 EUR");
        assert_eq!(money(d("7"), "USD", Lang::En), "7.00 USD");
    }

    #[test]
    fn unparseable_money_is_shown_as_sent() {
        assert_eq!(money_text(&Money::parse("n/a"), "VND", Lang::Vi), "n/a");
        assert_eq!(money_text(&Money::parse(""), "VND", Lang::Vi), "—");
        assert_eq!(money_text(&Money::parse("350000.00"), "VND", Lang::Vi), "350.000 ₫");
    }

    #[test]
    fn dates() {
        assert_eq!(date("2016-12-30 12:24:28"), "30/12/2016 12:24");
        assert_eq!(date("2026-01-05"), "05/01/2026");
        assert_eq!(date("2026-01-05T08:00:00Z"), "05/01/2026 08:00");
        assert_eq!(date("0000-00-00"), "—");
        assert_eq!(date(""), "—");
        assert_eq!(date("yesterday"), "yesterday");
        assert_eq!(date("2026-1-5"), "5/1/2026".replace("5/1", "05/01"));
    }

    #[test]
    fn amounts_typed_by_people() {
        let p = |s: &str, c: &str| parse_amount(s, c).map(|d| d.to_string());
        assert_eq!(p("150000", "VND").as_deref(), Some("150000"));
        assert_eq!(p("150.000", "VND").as_deref(), Some("150000"));
        assert_eq!(p("1.500.000 ₫", "VND").as_deref(), Some("1500000"));
        assert_eq!(p("1 500 000", "VND").as_deref(), Some("1500000"));
        assert_eq!(p("1,500,000đ", "VND").as_deref(), Some("1500000"));
        assert_eq!(p("150000.50", "VND"), None, "no decimals in VND");
        assert_eq!(p("15.00", "VND"), None);
        assert_eq!(p("12.5", "USD").as_deref(), Some("12.5"));
        assert_eq!(p("1.234,56", "USD").as_deref(), Some("1234.56"));
        assert_eq!(p("1,234.56 USD", "USD").as_deref(), Some("1234.56"));
        assert_eq!(p("1,234", "USD").as_deref(), Some("1234"));
        assert_eq!(p("1,2345", "USD"), None);
        assert_eq!(p("-5", "VND"), None);
        assert_eq!(p("abc", "VND"), None);
        assert_eq!(p("", "VND"), None);
        assert_eq!(p(".", "USD"), None);
    }

    #[test]
    fn server_times_are_shown_in_the_readers_zone() {
        assert_eq!(date_time_local("2026-12-04 11:08:11", 420, Lang::Vi), "04/12/2026 18:08");
        assert_eq!(date_time_local("2026-12-31 20:30:00", 420, Lang::Vi), "01/01/2027 03:30");
        assert_eq!(date_time_local("2026-03-01 00:10:00", -60, Lang::En), "28 Feb 2026, 23:10");
        assert_eq!(date_time_local("2024-03-01 00:10:00", -60, Lang::En), "29 Feb 2024, 23:10");
        assert_eq!(date_time_local("2026-12-04", 420, Lang::Vi), "04/12/2026");
        assert_eq!(date_time_local("hôm qua", 420, Lang::Vi), "hôm qua");
        assert_eq!(date_time_local("2026-13-04 11:08", 0, Lang::Vi), "2026-13-04 11:08");
    }

    #[test]
    fn a_moment_of_the_browser_clock_is_shown_like_a_server_time() {
        // 2026-01-01 00:00:00 UTC
        assert_eq!(moment_local(1_767_225_600, 420, Lang::Vi), "01/01/2026 07:00");
        assert_eq!(moment_local(1_767_225_600 - 1, 0, Lang::En), "31 Dec 2025, 23:59");
    }
}
