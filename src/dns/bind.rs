//! BIND zone-file text: the zone written out (export), and a pasted file
//! read back record by record (import), each record as a form [`Draft`]
//! so that the page runs the same checks on it as on a typed one.
//!
//! Read: `$ORIGIN`, `$TTL` (`$INCLUDE` refused), `;` comments outside
//! quotes, parentheses over several lines, quoted strings with `\"`, `\\`
//! and `\DDD` escapes, the owner left out (the previous one repeats), TTL
//! and class left out or in either order, TTLs with units (`1h30m`),
//! absolute and relative names, `@`. SOA is left out (the server keeps
//! its own), other types the portal cannot add are refused.

use super::check::split_txt;
use super::{Draft, Record, RecordType, TTL_DEFAULT};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Why a line of a pasted zone file gives no record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportProblem {
    /// `$INCLUDE`: the other file is not here.
    Include,
    /// Another `$` directive (`$GENERATE`…).
    Directive,
    /// `$ORIGIN` without a name.
    BadOrigin,
    /// The zone's SOA: left out, the server manages it (not an error).
    Soa,
    /// A type the portal cannot add (PTR, SSHFP, …) or no type at all.
    UnsupportedType,
    /// A class other than IN.
    Class,
    /// An indented line (the previous owner) before any owner.
    NoOwner,
    /// The line ends before the type.
    NoType,
    /// Too few or too many values for the type.
    BadData,
    /// A TTL that is neither seconds nor a duration (`1h`).
    BadTtl,
    /// A name outside the zone.
    OutsideZone,
    UnclosedParen,
    UnclosedQuote,
    /// `)` without `(`.
    StrayParen,
}

impl ImportProblem {
    pub const ALL: [ImportProblem; 14] = [
        ImportProblem::Include,
        ImportProblem::Directive,
        ImportProblem::BadOrigin,
        ImportProblem::Soa,
        ImportProblem::UnsupportedType,
        ImportProblem::Class,
        ImportProblem::NoOwner,
        ImportProblem::NoType,
        ImportProblem::BadData,
        ImportProblem::BadTtl,
        ImportProblem::OutsideZone,
        ImportProblem::UnclosedParen,
        ImportProblem::UnclosedQuote,
        ImportProblem::StrayParen,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            ImportProblem::Include => "dns_check.import_include",
            ImportProblem::Directive => "dns_check.import_directive",
            ImportProblem::BadOrigin => "dns_check.import_bad_origin",
            ImportProblem::Soa => "dns_check.import_soa",
            ImportProblem::UnsupportedType => "dns_check.import_unsupported_type",
            ImportProblem::Class => "dns_check.import_class",
            ImportProblem::NoOwner => "dns_check.import_no_owner",
            ImportProblem::NoType => "dns_check.import_no_type",
            ImportProblem::BadData => "dns_check.import_bad_data",
            ImportProblem::BadTtl => "dns_check.import_bad_ttl",
            ImportProblem::OutsideZone => "dns_check.import_outside_zone",
            ImportProblem::UnclosedParen => "dns_check.import_unclosed_paren",
            ImportProblem::UnclosedQuote => "dns_check.import_unclosed_quote",
            ImportProblem::StrayParen => "dns_check.import_stray_paren",
        }
    }

    /// Left out on purpose (shown as a note, not as an error).
    pub fn left_out(&self) -> bool {
        matches!(self, ImportProblem::Soa)
    }
}

/// One record of a pasted file (blank lines, comments and the directives
/// that worked give none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based number of its first line.
    pub number: usize,
    /// Its text as pasted (lines joined by `\n` when in parentheses).
    pub text: String,
    pub outcome: Result<Draft, ImportProblem>,
}

// ------------------------------------------------------------------ export

/// The zone as a BIND file: `$ORIGIN` and `$TTL`, then one line per record
/// (`name ttl IN TYPE [priority] value`), names relative, host names
/// absolute with their dot, TXT quoted.
pub fn export_zone(zone: &str, records: &[Record]) -> String {
    let zone = zone.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut out = format!("$ORIGIN {zone}.\n$TTL {TTL_DEFAULT}\n");
    for r in records {
        out.push_str(&export_record(r));
        out.push('\n');
    }
    out
}

fn absolute(host: &str) -> String {
    let host = host.trim();
    if host == "." || host.ends_with('.') {
        host.to_owned()
    } else {
        format!("{host}.")
    }
}

fn export_record(r: &Record) -> String {
    let data = match r.rtype {
        RecordType::Cname | RecordType::Ns => absolute(&r.content),
        RecordType::Mx => format!("{} {}", r.priority, absolute(&r.content)),
        RecordType::Srv => match r.content.split_whitespace().collect::<Vec<_>>().as_slice() {
            [weight, port, target] => {
                format!("{} {weight} {port} {}", r.priority, absolute(target))
            }
            _ => format!("{} {}", r.priority, r.content),
        },
        RecordType::Txt if !r.content.trim_start().starts_with('"') => split_txt(r.content.trim()),
        _ => r.content.clone(),
    };
    let name = if r.name.trim().is_empty() { "@" } else { r.name.trim() };
    format!("{name:<23} {:>6} IN {:<5} {data}", r.ttl, r.rtype.as_str())
}

// ------------------------------------------------------------------ reading text

/// A word of a record: quoted or not, escapes decoded.
#[derive(Debug)]
struct Tok {
    text: String,
    quoted: bool,
}

/// One record's text: a line, or several joined by parentheses.
#[derive(Debug)]
struct Entry {
    number: usize,
    text: String,
    /// Starts with a blank: the owner is the previous one.
    indented: bool,
    toks: Vec<Tok>,
    problem: Option<ImportProblem>,
}

/// A line that starts a record of its own (at column 0, a name or a
/// directive), ending an unclosed parenthesis above it.
fn starts_record(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '@' | '*' | '_' | '$'))
}

fn entries(text: &str) -> Vec<Entry> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut open: Option<Entry> = None;
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut entry = match open.take() {
            Some(mut e) if !starts_record(line) => {
                e.text.push('\n');
                e.text.push_str(line);
                e
            }
            other => {
                if let Some(mut e) = other {
                    e.problem.get_or_insert(ImportProblem::UnclosedParen);
                    out.push(e);
                }
                depth = 0;
                Entry {
                    number: i + 1,
                    text: line.to_owned(),
                    indented: line.starts_with([' ', '\t']),
                    toks: Vec::new(),
                    problem: None,
                }
            }
        };
        lex_line(line, &mut entry, &mut depth);
        if depth > 0 && entry.problem.is_none() {
            open = Some(entry);
        } else {
            depth = 0;
            out.push(entry);
        }
    }
    if let Some(mut e) = open {
        e.problem.get_or_insert(ImportProblem::UnclosedParen);
        out.push(e);
    }
    out
}

/// One escape after `\`: `\DDD` (a byte in decimal) or the next character.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars>, buf: &mut Vec<u8>) {
    let mut digits = String::new();
    while digits.len() < 3 {
        match chars.next_if(char::is_ascii_digit) {
            Some(d) => digits.push(d),
            None => break,
        }
    }
    if digits.len() == 3 {
        if let Ok(b) = digits.parse::<u8>() {
            buf.push(b);
            return;
        }
    }
    if !digits.is_empty() {
        buf.extend_from_slice(digits.as_bytes());
        return;
    }
    if let Some(c) = chars.next() {
        let mut tmp = [0u8; 4];
        buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
    }
}

fn lex_line(line: &str, entry: &mut Entry, depth: &mut usize) {
    let mut chars = line.chars().peekable();
    let mut word: Option<Vec<u8>> = None;
    let flush = |word: &mut Option<Vec<u8>>, toks: &mut Vec<Tok>| {
        if let Some(w) = word.take() {
            toks.push(Tok { text: String::from_utf8_lossy(&w).into_owned(), quoted: false });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                flush(&mut word, &mut entry.toks);
                let mut buf = Vec::new();
                loop {
                    match chars.next() {
                        None => {
                            entry.problem.get_or_insert(ImportProblem::UnclosedQuote);
                            return;
                        }
                        Some('"') => break,
                        Some('\\') => escape(&mut chars, &mut buf),
                        Some(c) => {
                            let mut tmp = [0u8; 4];
                            buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                        }
                    }
                }
                entry
                    .toks
                    .push(Tok { text: String::from_utf8_lossy(&buf).into_owned(), quoted: true });
            }
            '(' => {
                flush(&mut word, &mut entry.toks);
                *depth += 1;
            }
            ')' => {
                flush(&mut word, &mut entry.toks);
                if *depth == 0 {
                    entry.problem.get_or_insert(ImportProblem::StrayParen);
                } else {
                    *depth -= 1;
                }
            }
            c if c.is_whitespace() => flush(&mut word, &mut entry.toks),
            '\\' => escape(&mut chars, word.get_or_insert_with(Vec::new)),
            c => {
                let mut tmp = [0u8; 4];
                word.get_or_insert_with(Vec::new)
                    .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
    flush(&mut word, &mut entry.toks);
}

// ------------------------------------------------------------------ records

/// What the lines read so far leave for the next.
struct State {
    zone: String,
    origin: String,
    /// `$TTL`.
    default_ttl: Option<u64>,
    /// The last TTL written on a record.
    last_ttl: Option<u64>,
    /// Absolute, no trailing dot.
    last_owner: Option<String>,
}

/// Reads a pasted zone file for `zone` (its ASCII name): one [`Line`] per
/// record, with its draft or why it gives none.
pub fn parse_zone(text: &str, zone: &str) -> Vec<Line> {
    let zone = zone.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut st =
        State { origin: zone.clone(), zone, default_ttl: None, last_ttl: None, last_owner: None };
    entries(text)
        .into_iter()
        .filter(|e| !e.toks.is_empty() || e.problem.is_some())
        .filter_map(|e| {
            let outcome = match e.problem {
                Some(p) => Some(Err(p)),
                None => read_entry(&e, &mut st),
            };
            outcome.map(|outcome| Line { number: e.number, text: e.text, outcome })
        })
        .collect()
}

/// `@`, `name.` or `name` (relative to the origin), absolute without the
/// dot, lower case.
fn absolute_name(word: &str, origin: &str) -> String {
    let w = word.trim().to_lowercase();
    if w == "@" {
        origin.to_owned()
    } else if let Some(abs) = w.strip_suffix('.') {
        abs.to_owned()
    } else if origin.is_empty() {
        w
    } else {
        format!("{w}.{origin}")
    }
}

/// The name relative to the zone (`@` for the apex), if inside it.
fn relative_to(abs: &str, zone: &str) -> Option<String> {
    if abs == zone {
        return Some("@".into());
    }
    abs.strip_suffix(zone)
        .and_then(|r| r.strip_suffix('.'))
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
}

/// A host name in record data: like a name, but an address stays as
/// written (for the checks to refuse) and `.` stays `.`.
fn host(word: &str, origin: &str) -> String {
    let w = word.trim();
    if w == "." || w.parse::<Ipv4Addr>().is_ok() || w.parse::<Ipv6Addr>().is_ok() {
        return w.to_owned();
    }
    absolute_name(w, origin)
}

/// Seconds, or a duration with units (`1h`, `1d`, `1h30m`, `2W`).
pub fn parse_ttl(s: &str) -> Option<u64> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let (mut total, mut n, mut digits) = (0u64, 0u64, false);
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            n = n.checked_mul(10)?.checked_add(u64::from(d))?;
            digits = true;
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        if !digits {
            return None;
        }
        total = total.checked_add(n.checked_mul(unit)?)?;
        n = 0;
        digits = false;
    }
    total.checked_add(n)
}

fn is_class(word: &str) -> bool {
    ["IN", "CH", "HS", "CS"].iter().any(|c| word.eq_ignore_ascii_case(c))
}

/// A directive's effect, or the record of an entry.
fn read_entry(e: &Entry, st: &mut State) -> Option<Result<Draft, ImportProblem>> {
    let first = e.toks.first()?;
    if !e.indented && !first.quoted && first.text.starts_with('$') {
        return directive(e, st);
    }
    Some(read_record(e, st))
}

fn directive(e: &Entry, st: &mut State) -> Option<Result<Draft, ImportProblem>> {
    let word = e.toks.first().map(|t| t.text.to_ascii_uppercase()).unwrap_or_default();
    let arg = e.toks.get(1).map(|t| t.text.as_str());
    match (word.as_str(), arg) {
        ("$ORIGIN", Some(a)) => {
            st.origin = absolute_name(a, &st.origin);
            None
        }
        ("$ORIGIN", None) => Some(Err(ImportProblem::BadOrigin)),
        ("$TTL", Some(a)) => match parse_ttl(a) {
            Some(t) => {
                st.default_ttl = Some(t);
                None
            }
            None => Some(Err(ImportProblem::BadTtl)),
        },
        ("$TTL", None) => Some(Err(ImportProblem::BadTtl)),
        ("$INCLUDE", _) => Some(Err(ImportProblem::Include)),
        _ => Some(Err(ImportProblem::Directive)),
    }
}

fn read_record(e: &Entry, st: &mut State) -> Result<Draft, ImportProblem> {
    let mut toks = e.toks.iter().peekable();
    let owner = if e.indented {
        st.last_owner.clone().ok_or(ImportProblem::NoOwner)?
    } else {
        let word = toks.next().ok_or(ImportProblem::NoType)?;
        absolute_name(&word.text, &st.origin)
    };
    st.last_owner = Some(owner.clone());
    let (mut ttl, mut class) = (None, None);
    while let Some(t) = toks.peek().filter(|t| !t.quoted) {
        if ttl.is_none() && t.text.starts_with(|c: char| c.is_ascii_digit()) {
            ttl = Some(parse_ttl(&t.text).ok_or(ImportProblem::BadTtl)?);
        } else if class.is_none() && is_class(&t.text) {
            class = Some(t.text.to_ascii_uppercase());
        } else {
            break;
        }
        toks.next();
    }
    if ttl.is_some() {
        st.last_ttl = ttl;
    }
    let ttl = ttl.or(st.default_ttl).or(st.last_ttl).unwrap_or(u64::from(TTL_DEFAULT));
    let word = toks.next().ok_or(ImportProblem::NoType)?;
    if class.is_some_and(|c| c != "IN") {
        return Err(ImportProblem::Class);
    }
    let rtype = if word.quoted {
        RecordType::Other(word.text.clone())
    } else {
        RecordType::parse(&word.text)
    };
    match &rtype {
        RecordType::Other(t) if t == "SOA" => return Err(ImportProblem::Soa),
        RecordType::Other(_) => return Err(ImportProblem::UnsupportedType),
        _ => {}
    }
    let name = relative_to(&owner, &st.zone).ok_or(ImportProblem::OutsideZone)?;
    let data: Vec<&Tok> = toks.collect();
    let origin = st.origin.as_str();
    let mut d =
        Draft { name, ttl: ttl.to_string(), priority: String::new(), ..Draft::new(rtype.clone()) };
    let text = |i: usize| data.get(i).map(|t| t.text.clone()).unwrap_or_default();
    match (&rtype, data.len()) {
        (RecordType::A | RecordType::Aaaa, 1) => d.content = text(0),
        (RecordType::Cname | RecordType::Ns, 1) => d.content = host(&text(0), origin),
        (RecordType::Mx, 2) => {
            d.priority = text(0);
            d.content = host(&text(1), origin);
        }
        (RecordType::Srv, 4) => {
            d.priority = text(0);
            d.weight = text(1);
            d.port = text(2);
            d.target = host(&text(3), origin);
        }
        (RecordType::Caa, 3) => {
            d.caa_flags = text(0);
            d.caa_tag = text(1);
            d.caa_value = text(2);
        }
        (RecordType::Txt, n) if n > 0 => d.content = txt_content(&data),
        _ => return Err(ImportProblem::BadData),
    }
    Ok(d)
}

/// TXT strings as the form's value: one string without quotes or
/// backslashes as plain text (the checks split it if long), else quoted
/// strings with `\"` and `\\` escapes.
fn txt_content(strings: &[&Tok]) -> String {
    if let [one] = strings {
        let s = one.text.as_str();
        if !s.is_empty() && s.trim() == s && !s.contains(['"', '\\']) {
            return s.to_owned();
        }
    }
    strings
        .iter()
        .map(|t| format!("\"{}\"", t.text.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::{check, Problem};

    const EXAMPLE: &str = include_str!("../../fixtures/zones/example.com.zone");
    const GOOGLE: &str = include_str!("../../fixtures/zones/congty.vn.zone");
    const MESSY: &str = include_str!("../../fixtures/zones/messy.zone");

    fn rec(name: &str, rtype: RecordType, ttl: u32, priority: u32, content: &str) -> Record {
        Record { id: None, name: name.into(), rtype, ttl, priority, content: content.into() }
    }

    /// Each line's record after the checks (against the records before it,
    /// as the page adds them), or the problem's key.
    fn checked(lines: &[Line], zone: &str) -> Vec<(usize, Result<Record, String>)> {
        let mut added: Vec<Record> = Vec::new();
        lines
            .iter()
            .map(|l| {
                let r = match &l.outcome {
                    Err(p) => Err(p.key().to_owned()),
                    Ok(d) => check(d, zone, &added, None).map_err(|e| {
                        e.iter().map(|e| e.problem.key()).collect::<Vec<_>>().join(",")
                    }),
                };
                if let Ok(r) = &r {
                    added.push(Record { id: Some(added.len().to_string()), ..r.clone() });
                }
                (l.number, r)
            })
            .collect()
    }

    fn records(lines: &[Line], zone: &str) -> Vec<Record> {
        checked(lines, zone)
            .into_iter()
            .filter_map(|(n, r)| match r {
                Ok(r) => Some(r),
                Err(e) if e == ImportProblem::Soa.key() => None,
                Err(e) => panic!("line {n}: {e}"),
            })
            .collect()
    }

    #[test]
    fn a_classic_zone_file() {
        let lines = parse_zone(EXAMPLE, "example.com");
        assert_eq!(lines[0].number, 7);
        assert_eq!(lines[0].outcome, Err(ImportProblem::Soa));
        assert!(lines[0].outcome.as_ref().unwrap_err().left_out());
        assert!(
            lines[0].text.starts_with("@       IN  SOA")
                && lines[0].text.ends_with("negative caching TTL")
        );
        use RecordType::*;
        assert_eq!(
            records(&lines, "example.com"),
            [
                rec("@", Ns, 3600, 0, "ns1.example.com"),
                rec("@", Ns, 3600, 0, "ns2.example.net"),
                rec("@", Mx, 3600, 10, "mail.example.com"),
                rec("@", Mx, 3600, 20, "mail2.example.com"),
                rec("@", A, 3600, 0, "192.0.2.1"),
                rec("@", Aaaa, 3600, 0, "2001:db8::1"),
                rec("www", Cname, 3600, 0, "example.com"),
                rec("mail", A, 3600, 0, "192.0.2.10"),
                rec("mail2", A, 3600, 0, "192.0.2.11"),
                rec("ns1", A, 3600, 0, "192.0.2.53"),
                rec("ftp", Cname, 300, 0, "www.example.com"),
                rec("shop", A, 3600, 0, "192.0.2.20"),
                rec("shop", Aaaa, 3600, 0, "2001:db8::20"),
                rec("*.dev", A, 86_400, 0, "192.0.2.30"),
                rec("in", A, 3600, 0, "192.0.2.40"),
            ]
        );
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [7, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    }

    #[test]
    fn google_workspace_with_dkim_srv_and_caa() {
        let lines = parse_zone(GOOGLE, "congty.vn");
        let got = records(&lines, "congty.vn");
        use RecordType::*;
        let dkim = got.iter().find(|r| r.name == "google._domainkey").unwrap();
        let strings: Vec<&str> = dkim.content.split("\" \"").collect();
        assert_eq!(strings.len(), 2, "{}", dkim.content);
        assert!(
            dkim.content.starts_with("\"v=DKIM1; k=rsa; p=MIIB")
                && dkim.content.ends_with("IDAQAB\"")
        );
        assert_eq!(dkim.content.chars().count(), 410 + 5);
        let others: Vec<Record> =
            got.iter().filter(|r| r.name != "google._domainkey").cloned().collect();
        assert_eq!(
            others,
            [
                rec("@", Mx, 3600, 1, "smtp.google.com"),
                rec("@", Txt, 3600, 0, "v=spf1 include:_spf.google.com ~all"),
                rec(
                    "@",
                    Txt,
                    3600,
                    0,
                    "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"
                ),
                rec(
                    "_dmarc",
                    Txt,
                    3600,
                    0,
                    "v=DMARC1; p=quarantine; rua=mailto:dmarc@congty.vn; pct=100"
                ),
                rec("_caldavs._tcp", Srv, 86_400, 5, "0 443 calendar.google.com"),
                rec("_xmpp-server._tcp", Srv, 3600, 5, "0 5269 xmpp-server.l.google.com"),
                rec("@", Caa, 3600, 0, "0 issue \"pki.goog\""),
                rec("@", Caa, 3600, 0, "0 issue \"letsencrypt.org\""),
                rec("@", Caa, 3600, 0, "0 issuewild \";\""),
                rec("@", Caa, 3600, 0, "0 iodef \"mailto:security@congty.vn\""),
                rec("mail", Cname, 300, 0, "ghs.googlehosted.com"),
                rec("calendar", Cname, 3600, 0, "ghs.googlehosted.com"),
            ]
        );
        // The DKIM record spans two lines and is shown from its first.
        let l = lines.iter().find(|l| l.text.contains("_domainkey")).unwrap();
        assert_eq!((l.number, l.text.lines().count()), (7, 2));
    }

    #[test]
    fn a_messy_file_says_what_is_wrong_on_each_line() {
        let got = checked(&parse_zone(MESSY, "bkns-demo.vn"), "bkns-demo.vn");
        let key = |n: usize| -> String {
            match got.iter().find(|(m, _)| *m == n) {
                Some((_, Ok(r))) => format!("ok {} {}", r.name, r.content),
                Some((_, Err(e))) => e.clone(),
                None => "none".into(),
            }
        };
        let want = [
            (1, "none"),
            (2, ImportProblem::NoOwner.key()),
            (3, "none"),
            (4, ImportProblem::Include.key()),
            (5, ImportProblem::Directive.key()),
            (6, Problem::Ipv4Range.key()),
            (7, Problem::Ipv4LeadingZero.key()),
            (8, ImportProblem::UnsupportedType.key()),
            (9, ImportProblem::UnsupportedType.key()),
            (10, ImportProblem::Class.key()),
            (11, "ok ok 203.0.113.5"),
            (12, ImportProblem::OutsideZone.key()),
            (13, ImportProblem::BadData.key()),
            (14, ImportProblem::UnclosedQuote.key()),
            (15, "ok spf \"v=spf1\" \"-all\""),
            (16, Problem::HostIsIp.key()),
            (17, Problem::Ipv6TwoGaps.key()),
            (18, ImportProblem::StrayParen.key()),
            (19, ImportProblem::BadTtl.key()),
            (20, ImportProblem::UnclosedParen.key()),
            (21, "ok ok2 203.0.113.8"),
            (22, "ok ok2 203.0.113.9"),
            (23, ImportProblem::BadTtl.key()),
            (24, ImportProblem::UnclosedParen.key()),
            (25, "none"),
        ];
        for (n, k) in want {
            assert_eq!(key(n), k, "line {n}");
        }
        assert_eq!(got.len(), 22);
    }

    #[test]
    fn export_writes_a_readable_file() {
        let records = [
            rec(
                "@",
                RecordType::Other("SOA".into()),
                3600,
                0,
                "ns1.bkns.vn. hostmaster.x.vn. 1 2 3 4 5",
            ),
            rec("@", RecordType::Mx, 3600, 10, "mail.x.vn"),
            rec("www", RecordType::Cname, 300, 0, "x.vn"),
            rec("_sip._tcp", RecordType::Srv, 3600, 10, "5 5060 sip.x.vn"),
            rec("_x._tcp", RecordType::Srv, 3600, 0, "0 0 ."),
            rec("@", RecordType::Txt, 3600, 0, "v=spf1 -all"),
            rec("@", RecordType::Caa, 3600, 0, "0 issue \"letsencrypt.org\""),
            rec("lab", RecordType::Ns, 86_400, 0, "ns1.lab.vn"),
        ];
        let text = export_zone("X.vn.", &records);
        let lines: Vec<String> =
            text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(
            lines,
            [
                "$ORIGIN x.vn.",
                "$TTL 3600",
                "@ 3600 IN SOA ns1.bkns.vn. hostmaster.x.vn. 1 2 3 4 5",
                "@ 3600 IN MX 10 mail.x.vn.",
                "www 300 IN CNAME x.vn.",
                "_sip._tcp 3600 IN SRV 10 5 5060 sip.x.vn.",
                "_x._tcp 3600 IN SRV 0 0 0 .",
                "@ 3600 IN TXT \"v=spf1 -all\"",
                "@ 3600 IN CAA 0 issue \"letsencrypt.org\"",
                "lab 86400 IN NS ns1.lab.vn.",
            ]
        );
        let long = rec("k", RecordType::Txt, 3600, 0, &"a".repeat(300));
        assert!(export_zone("x.vn", &[long]).contains(&format!(
            "\"{}\" \"{}\"",
            "a".repeat(255),
            "a".repeat(45)
        )));
    }

    #[test]
    fn export_then_import_gives_the_same_records() {
        let json = include_str!("../../fixtures/api/dns_zone_details_every_type.contract.json");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let zone: Vec<Record> = v["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                rec(
                    r["name"].as_str().unwrap(),
                    RecordType::parse(r["type"].as_str().unwrap()),
                    r["ttl"].as_u64().unwrap() as u32,
                    r["priority"].as_u64().unwrap() as u32,
                    r["content"].as_str().unwrap(),
                )
            })
            .collect();
        let mut extra = vec![
            rec("quote", RecordType::Txt, 60, 0, "\"say \\\"hi\\\"\" \"back\\\\slash\""),
            rec("semi", RecordType::Txt, 3600, 0, "a; b ; c"),
            rec("none._tcp", RecordType::Srv, 3600, 0, "0 0 ."),
            rec("xn--tnmin-hsa0954c", RecordType::A, 3600, 0, "192.0.2.1"),
            rec("@", RecordType::Caa, 3600, 0, "128 issuewild \";\""),
        ];
        extra.extend(zone);
        let text = export_zone("bkns-demo.vn", &extra);
        let back = records(&parse_zone(&text, "bkns-demo.vn"), "bkns-demo.vn");
        let editable: Vec<Record> = extra.into_iter().filter(|r| r.rtype.editable()).collect();
        assert_eq!(back, editable);
        // Imported into the zone they came from, each is a duplicate.
        for l in parse_zone(&text, "bkns-demo.vn") {
            if let Ok(d) = l.outcome {
                let e = check(&d, "bkns-demo.vn", &editable, None).unwrap_err();
                assert_eq!(e.len(), 1, "{}: {e:?}", l.text);
                assert_eq!(e[0].problem, Problem::Duplicate, "{}", l.text);
            }
        }
    }

    #[test]
    fn owners_ttls_and_classes_in_any_order() {
        let text = "$TTL 2h\n\
                    a 300 IN A 192.0.2.1\n\
                    b IN 300 A 192.0.2.2\n\
                    c IN A 192.0.2.3\n\
                    d 1h30m A 192.0.2.4\n\
                    \tA 192.0.2.5\n\
                    sub.example.com. A 192.0.2.6\n\
                    $ORIGIN sub.example.com.\n\
                    e A 192.0.2.7\n\
                    @ MX 5 @\n\
                    $ORIGIN deeper\n\
                    f CNAME g\n";
        let got = records(&parse_zone(text, "example.com"), "example.com");
        let short: Vec<(String, u32, String)> =
            got.into_iter().map(|r| (r.name, r.ttl, r.content)).collect();
        let s = |n: &str, t: u32, c: &str| (n.to_owned(), t, c.to_owned());
        assert_eq!(
            short,
            [
                s("a", 300, "192.0.2.1"),
                s("b", 300, "192.0.2.2"),
                s("c", 7200, "192.0.2.3"),
                s("d", 5400, "192.0.2.4"),
                s("d", 7200, "192.0.2.5"),
                s("sub", 7200, "192.0.2.6"),
                s("e.sub", 7200, "192.0.2.7"),
                s("sub", 7200, "sub.example.com"),
                s("f.deeper.sub", 7200, "g.deeper.sub.example.com"),
            ]
        );
        // Without $TTL: the last TTL written, else the default.
        let got = records(
            &parse_zone("a A 192.0.2.1\nb 600 A 192.0.2.2\nc A 192.0.2.3\n", "x.vn"),
            "x.vn",
        );
        assert_eq!(got.iter().map(|r| r.ttl).collect::<Vec<_>>(), [3600, 600, 600]);
    }

    #[test]
    fn quoting_escapes_comments_and_line_ends() {
        let text = "\u{feff}a TXT \"caf\\195\\169; not a comment\" ; a comment\r\n\
                    b TXT \"x\\\"y\" \"z\"\r\n\
                    c TXT ( \"one\" ; first\r\n  \"two\" )\r\n\
                    d TXT plain\r\n\
                    e TXT \"  padded \"\r\n";
        let lines = parse_zone(text, "x.vn");
        let c: Vec<String> = lines.iter().map(|l| l.outcome.clone().unwrap().content).collect();
        assert_eq!(
            c,
            [
                "café; not a comment",
                "\"x\\\"y\" \"z\"",
                "\"one\" \"two\"",
                "plain",
                "\"  padded \""
            ]
        );
        assert_eq!(lines.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 2, 3, 5, 6]);
    }

    #[test]
    fn ttl_units() {
        assert_eq!(parse_ttl("3600"), Some(3600));
        assert_eq!(parse_ttl("1h"), Some(3600));
        assert_eq!(parse_ttl("1H30M"), Some(5400));
        assert_eq!(parse_ttl("1d"), Some(86_400));
        assert_eq!(parse_ttl("2w"), Some(1_209_600));
        assert_eq!(parse_ttl("1h5"), Some(3605));
        for bad in ["", "h", "1x", "1.5h", "-1", "99999999999999999999999"] {
            assert_eq!(parse_ttl(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_are_distinct() {
        let keys: std::collections::BTreeSet<_> =
            ImportProblem::ALL.iter().map(|p| p.key()).collect();
        assert_eq!(keys.len(), ImportProblem::ALL.len());
        assert_eq!(ImportProblem::ALL.iter().filter(|p| p.left_out()).count(), 1);
    }
}
