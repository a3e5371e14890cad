//! The record form's checks, before anything is sent: the server's rules
//! (fixtures/api/contract-dns.md, "Record fields") with a precise message
//! for each way a field can be wrong, and the record to send in the
//! server's canonical form. Also the "add a zone" form's name check.
//!
//! Every field is checked; all the problems come back at once (one per
//! field), so the form can mark each of them.

use super::{relative_name, Draft, Record, RecordType, TTL_DEFAULT, TTL_MAX, TTL_MIN};
use crate::idn::{self, IdnError};
use std::net::{Ipv4Addr, Ipv6Addr};

/// A field of the record form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Type,
    Ttl,
    Priority,
    /// A, AAAA, CNAME, MX, NS, TXT: the value.
    Content,
    /// SRV.
    Weight,
    Port,
    Target,
    /// CAA.
    CaaFlags,
    CaaTag,
    CaaValue,
}

/// What is wrong with a field; each message (`key()`) says what is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    // Type.
    TypeRequired,
    /// SOA and other types the server lists but the portal cannot edit.
    TypeNotEditable,
    // Names (and the labels of host names).
    NameRequired,
    Spaces,
    NameBadChar,
    /// `*` anywhere but as the whole first label.
    Wildcard,
    EmptyLabel,
    LabelTooLong,
    /// A label starting or ending with `-`.
    EdgeHyphen,
    NameTooLong,
    /// Ends with a dot but is not inside the zone.
    NameOutsideZone,
    /// An accent typed as a separate combining mark.
    CombiningMark,
    // TTL and priority.
    TtlNotNumber,
    TtlRange,
    PriorityRequired,
    PriorityRange,
    // A.
    Ipv4Invalid,
    Ipv4LeadingZero,
    Ipv4Range,
    Ipv4IsIpv6,
    // AAAA.
    Ipv6Invalid,
    Ipv6IsIpv4,
    Ipv6GroupTooLong,
    Ipv6TwoGaps,
    Ipv6GroupCount,
    // Host names (CNAME, MX, NS, SRV target).
    HostInvalid,
    HostBadChar,
    /// `_` in an MX, NS or SRV target (CNAME allows it).
    HostUnderscore,
    HostOneLabel,
    HostIsIp,
    HostNumericEnd,
    HostUrl,
    // TXT.
    TxtRequired,
    TxtControl,
    TxtQuote,
    TxtUnclosed,
    TxtJunk,
    /// A quoted string over 255 characters.
    TxtTooLong,
    /// Over 4,000 characters in all.
    TxtTotalTooLong,
    // SRV.
    SrvWeightRange,
    SrvPortRange,
    // CAA.
    CaaFlags,
    CaaTag,
    CaaValue,
    CaaIodef,
    CaaValueQuote,
    CaaValueTooLong,
    // Conflicts with the zone's records.
    CnameAtApex,
    /// A new CNAME where the name already has records.
    CnameBeside,
    /// A record where the name already is a CNAME.
    BesideCname,
    Duplicate,
}

impl Problem {
    /// Every problem (for the i18n test).
    pub const ALL: [Problem; 51] = [
        Problem::TypeRequired,
        Problem::TypeNotEditable,
        Problem::NameRequired,
        Problem::Spaces,
        Problem::NameBadChar,
        Problem::Wildcard,
        Problem::EmptyLabel,
        Problem::LabelTooLong,
        Problem::EdgeHyphen,
        Problem::NameTooLong,
        Problem::NameOutsideZone,
        Problem::CombiningMark,
        Problem::TtlNotNumber,
        Problem::TtlRange,
        Problem::PriorityRequired,
        Problem::PriorityRange,
        Problem::Ipv4Invalid,
        Problem::Ipv4LeadingZero,
        Problem::Ipv4Range,
        Problem::Ipv4IsIpv6,
        Problem::Ipv6Invalid,
        Problem::Ipv6IsIpv4,
        Problem::Ipv6GroupTooLong,
        Problem::Ipv6TwoGaps,
        Problem::Ipv6GroupCount,
        Problem::HostInvalid,
        Problem::HostBadChar,
        Problem::HostUnderscore,
        Problem::HostOneLabel,
        Problem::HostIsIp,
        Problem::HostNumericEnd,
        Problem::HostUrl,
        Problem::TxtRequired,
        Problem::TxtControl,
        Problem::TxtQuote,
        Problem::TxtUnclosed,
        Problem::TxtJunk,
        Problem::TxtTooLong,
        Problem::TxtTotalTooLong,
        Problem::SrvWeightRange,
        Problem::SrvPortRange,
        Problem::CaaFlags,
        Problem::CaaTag,
        Problem::CaaValue,
        Problem::CaaIodef,
        Problem::CaaValueQuote,
        Problem::CaaValueTooLong,
        Problem::CnameAtApex,
        Problem::CnameBeside,
        Problem::BesideCname,
        Problem::Duplicate,
    ];

    /// The i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::TypeRequired => "dns_check.type_required",
            Problem::TypeNotEditable => "dns_check.type_not_editable",
            Problem::NameRequired => "dns_check.name_required",
            Problem::Spaces => "dns_check.spaces",
            Problem::NameBadChar => "dns_check.name_bad_char",
            Problem::Wildcard => "dns_check.wildcard",
            Problem::EmptyLabel => "dns_check.empty_label",
            Problem::LabelTooLong => "dns_check.label_too_long",
            Problem::EdgeHyphen => "dns_check.edge_hyphen",
            Problem::NameTooLong => "dns_check.name_too_long",
            Problem::NameOutsideZone => "dns_check.name_outside_zone",
            Problem::CombiningMark => "dns_check.combining_mark",
            Problem::TtlNotNumber => "dns_check.ttl_not_number",
            Problem::TtlRange => "dns_check.ttl_range",
            Problem::PriorityRequired => "dns_check.priority_required",
            Problem::PriorityRange => "dns_check.priority_range",
            Problem::Ipv4Invalid => "dns_check.ipv4_invalid",
            Problem::Ipv4LeadingZero => "dns_check.ipv4_leading_zero",
            Problem::Ipv4Range => "dns_check.ipv4_range",
            Problem::Ipv4IsIpv6 => "dns_check.ipv4_is_ipv6",
            Problem::Ipv6Invalid => "dns_check.ipv6_invalid",
            Problem::Ipv6IsIpv4 => "dns_check.ipv6_is_ipv4",
            Problem::Ipv6GroupTooLong => "dns_check.ipv6_group_too_long",
            Problem::Ipv6TwoGaps => "dns_check.ipv6_two_gaps",
            Problem::Ipv6GroupCount => "dns_check.ipv6_group_count",
            Problem::HostInvalid => "dns_check.host_invalid",
            Problem::HostBadChar => "dns_check.host_bad_char",
            Problem::HostUnderscore => "dns_check.host_underscore",
            Problem::HostOneLabel => "dns_check.host_one_label",
            Problem::HostIsIp => "dns_check.host_is_ip",
            Problem::HostNumericEnd => "dns_check.host_numeric_end",
            Problem::HostUrl => "dns_check.host_url",
            Problem::TxtRequired => "dns_check.txt_required",
            Problem::TxtControl => "dns_check.txt_control",
            Problem::TxtQuote => "dns_check.txt_quote",
            Problem::TxtUnclosed => "dns_check.txt_unclosed",
            Problem::TxtJunk => "dns_check.txt_junk",
            Problem::TxtTooLong => "dns_check.txt_too_long",
            Problem::TxtTotalTooLong => "dns_check.txt_total_too_long",
            Problem::SrvWeightRange => "dns_check.srv_weight_range",
            Problem::SrvPortRange => "dns_check.srv_port_range",
            Problem::CaaFlags => "dns_check.caa_flags",
            Problem::CaaTag => "dns_check.caa_tag",
            Problem::CaaValue => "dns_check.caa_value",
            Problem::CaaIodef => "dns_check.caa_iodef",
            Problem::CaaValueQuote => "dns_check.caa_value_quote",
            Problem::CaaValueTooLong => "dns_check.caa_value_too_long",
            Problem::CnameAtApex => "dns_check.cname_at_apex",
            Problem::CnameBeside => "dns_check.cname_beside",
            Problem::BesideCname => "dns_check.beside_cname",
            Problem::Duplicate => "dns_check.duplicate",
        }
    }
}

/// A problem and the field it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn key(&self) -> &'static str {
        self.problem.key()
    }
}

// ------------------------------------------------------------------ the record

/// Checks a draft for its type against the zone (`zone`: the ASCII zone
/// name; `others`: the zone's listed records; `editing`: the id of the
/// record being changed, left out of the conflict checks). Gives the record
/// to send in canonical form (id `None`), or every field's problem.
pub fn check(
    draft: &Draft,
    zone: &str,
    others: &[Record],
    editing: Option<&str>,
) -> Result<Record, Vec<FieldError>> {
    let zone = zone.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut errors = Vec::new();
    let name = keep(&mut errors, Field::Name, check_name(&draft.name, &zone));
    let ttl = keep(&mut errors, Field::Ttl, check_ttl(&draft.ttl));
    let rtype = keep(
        &mut errors,
        Field::Type,
        match &draft.rtype {
            None => Err(Problem::TypeRequired),
            Some(RecordType::Other(_)) => Err(Problem::TypeNotEditable),
            Some(t) => Ok(t.clone()),
        },
    );
    let priority = match &rtype {
        Some(t) if t.has_priority() => {
            keep(&mut errors, Field::Priority, check_priority(&draft.priority))
        }
        _ => Some(0),
    };
    let content = match &rtype {
        Some(t) => match check_content(t, draft, &zone) {
            Ok(c) => Some(c),
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        },
        None => None,
    };
    let (Some(name), Some(rtype)) = (name, rtype) else {
        return Err(errors);
    };
    let same_name: Vec<&Record> = others
        .iter()
        .filter(|r| editing.is_none() || r.id.as_deref() != editing)
        .filter(|r| relative_name(&r.name, &zone).is_some_and(|n| n == name))
        .collect();
    let duplicate = match (&content, priority) {
        (Some(c), Some(p)) => same_name.iter().any(|r| {
            r.rtype == rtype
                && same_content(&rtype, &r.content, c)
                && (!rtype.has_priority() || r.priority == p)
        }),
        _ => false,
    };
    if duplicate {
        errors.push(FieldError { field: content_field(&rtype), problem: Problem::Duplicate });
    } else if rtype == RecordType::Cname && name == "@" {
        errors.push(FieldError { field: Field::Name, problem: Problem::CnameAtApex });
    } else if same_name.iter().any(|r| r.rtype == RecordType::Cname) {
        errors.push(FieldError { field: Field::Name, problem: Problem::BesideCname });
    } else if rtype == RecordType::Cname && !same_name.is_empty() {
        errors.push(FieldError { field: Field::Name, problem: Problem::CnameBeside });
    }
    match (ttl, priority, content) {
        (Some(ttl), Some(priority), Some(content)) if errors.is_empty() => {
            Ok(Record { id: None, name, rtype, ttl, priority, content })
        }
        _ => Err(errors),
    }
}

/// The value of a field's check, its problem noted.
fn keep<T>(errors: &mut Vec<FieldError>, field: Field, r: Result<T, Problem>) -> Option<T> {
    r.map_err(|problem| errors.push(FieldError { field, problem })).ok()
}

/// The field that holds a type's value (where a duplicate is shown).
pub fn content_field(rtype: &RecordType) -> Field {
    match rtype {
        RecordType::Srv => Field::Target,
        RecordType::Caa => Field::CaaValue,
        _ => Field::Content,
    }
}

/// Contents equal as the server compares them (canonical forms; host names
/// and addresses read either way).
fn same_content(rtype: &RecordType, a: &str, b: &str) -> bool {
    let host = |s: &str| s.trim().trim_end_matches('.').to_ascii_lowercase();
    match rtype {
        RecordType::Aaaa => match (a.trim().parse::<Ipv6Addr>(), b.trim().parse::<Ipv6Addr>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a.trim() == b.trim(),
        },
        RecordType::Cname | RecordType::Mx | RecordType::Ns | RecordType::Srv => host(a) == host(b),
        _ => a.trim() == b.trim(),
    }
}

fn one(field: Field) -> impl Fn(Problem) -> Vec<FieldError> {
    move |problem| vec![FieldError { field, problem }]
}

fn check_content(rtype: &RecordType, d: &Draft, zone: &str) -> Result<String, Vec<FieldError>> {
    match rtype {
        RecordType::A => check_ipv4(&d.content).map_err(one(Field::Content)),
        RecordType::Aaaa => check_ipv6(&d.content).map_err(one(Field::Content)),
        RecordType::Cname => check_host(&d.content, zone, true).map_err(one(Field::Content)),
        RecordType::Mx | RecordType::Ns => {
            check_host(&d.content, zone, false).map_err(one(Field::Content))
        }
        RecordType::Txt => check_txt(&d.content).map_err(one(Field::Content)),
        RecordType::Srv => check_srv(d, zone),
        RecordType::Caa => check_caa(d),
        RecordType::Other(_) => Err(one(Field::Type)(Problem::TypeNotEditable)),
    }
}

// ------------------------------------------------------------------ fields

/// A record name: `@`, relative (`www`) or absolute in the zone (`www.zone`,
/// `www.zone.`); Unicode labels become punycode. Gives the relative name.
fn check_name(raw: &str, zone: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::NameRequired);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(Problem::Spaces);
    }
    let ascii = to_ascii(s, Problem::NameBadChar)?;
    let bare = ascii.strip_suffix('.').unwrap_or(&ascii);
    if ascii == "@" || bare == zone {
        return Ok("@".into());
    }
    let rel = relative_name(&ascii, zone).ok_or(Problem::NameOutsideZone)?;
    for (i, label) in rel.split('.').enumerate() {
        if label.contains('*') && !(i == 0 && label == "*") {
            return Err(Problem::Wildcard);
        }
        if label != "*" {
            check_label(label, true, Problem::NameBadChar)?;
        }
    }
    if rel.len() + 1 + zone.len() > 253 {
        return Err(Problem::NameTooLong);
    }
    Ok(rel)
}

/// Lower-cased ASCII, Unicode labels converted to punycode.
fn to_ascii(s: &str, bad_char: Problem) -> Result<String, Problem> {
    if s.is_ascii() {
        return Ok(s.to_ascii_lowercase());
    }
    idn::to_ascii(s).map_err(|e| match e {
        IdnError::Empty | IdnError::Char(_) => bad_char,
        IdnError::EmptyLabel => Problem::EmptyLabel,
        IdnError::Space => Problem::Spaces,
        IdnError::CombiningMark => Problem::CombiningMark,
        IdnError::LabelTooLong => Problem::LabelTooLong,
    })
}

/// One label of lower-case ASCII: 1..63 of `a-z 0-9 -` (and `_` when
/// allowed), no hyphen first or last.
fn check_label(label: &str, underscore: bool, bad_char: Problem) -> Result<(), Problem> {
    if label.is_empty() {
        return Err(Problem::EmptyLabel);
    }
    for b in label.bytes() {
        let ok =
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (b == b'_' && underscore);
        if !ok {
            return Err(if b == b'_' && bad_char == Problem::HostBadChar {
                Problem::HostUnderscore
            } else {
                bad_char
            });
        }
    }
    if label.len() > 63 {
        return Err(Problem::LabelTooLong);
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(Problem::EdgeHyphen);
    }
    Ok(())
}

/// TTL seconds, 60..86400; empty → the default.
fn check_ttl(raw: &str) -> Result<u32, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(TTL_DEFAULT);
    }
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::TtlNotNumber);
    }
    match s.parse::<u64>() {
        Ok(v) if (u64::from(TTL_MIN)..=u64::from(TTL_MAX)).contains(&v) => {
            u32::try_from(v).map_err(|_| Problem::TtlRange)
        }
        _ => Err(Problem::TtlRange),
    }
}

/// A whole number 0..=max as the server reads one (trimmed, `+` allowed).
fn number(raw: &str, max: u32) -> Option<u32> {
    raw.trim().parse::<u64>().ok().filter(|v| *v <= u64::from(max)).and_then(|v| v.try_into().ok())
}

fn check_priority(raw: &str) -> Result<u32, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::PriorityRequired);
    }
    number(raw, 65_535).ok_or(Problem::PriorityRange)
}

fn check_ipv4(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.contains(':') {
        return Err(if s.parse::<Ipv6Addr>().is_ok() {
            Problem::Ipv4IsIpv6
        } else {
            Problem::Ipv4Invalid
        });
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4
        || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Problem::Ipv4Invalid);
    }
    if parts.iter().any(|p| p.len() > 1 && p.starts_with('0')) {
        return Err(Problem::Ipv4LeadingZero);
    }
    if parts.iter().any(|p| p.len() > 3 || p.parse::<u16>().map_or(true, |v| v > 255)) {
        return Err(Problem::Ipv4Range);
    }
    match s.parse::<Ipv4Addr>() {
        Ok(a) if a.to_string() == s => Ok(s.to_owned()),
        _ => Err(Problem::Ipv4Invalid),
    }
}

fn check_ipv6(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if let Ok(a) = s.parse::<Ipv6Addr>() {
        return Ok(a.to_string());
    }
    if s.parse::<Ipv4Addr>().is_ok() {
        return Err(Problem::Ipv6IsIpv4);
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
        return Err(Problem::Ipv6Invalid);
    }
    if s.matches("::").count() > 1 {
        return Err(Problem::Ipv6TwoGaps);
    }
    let groups: Vec<&str> = s.split(':').collect();
    if groups.iter().any(|g| !g.contains('.') && g.len() > 4) {
        return Err(Problem::Ipv6GroupTooLong);
    }
    let filled = groups.iter().filter(|g| !g.is_empty()).count()
        + groups.last().map_or(0, |g| usize::from(g.contains('.')));
    let gap = s.contains("::");
    if (gap && filled > 7) || (!gap && filled != 8) {
        return Err(Problem::Ipv6GroupCount);
    }
    Err(Problem::Ipv6Invalid)
}

/// A host name as the content of CNAME, MX, NS or SRV's target: absolute
/// (trailing dot optional), at least two labels, not an address; `@` is
/// the zone. Gives it lower case without the dot.
fn check_host(raw: &str, zone: &str, underscore: bool) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::HostInvalid);
    }
    if s == "@" {
        return Ok(zone.to_owned());
    }
    if s.contains("://") || s.contains('/') {
        return Err(Problem::HostUrl);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(Problem::Spaces);
    }
    let ascii = to_ascii(s, Problem::HostBadChar)?;
    let bare = ascii.strip_suffix('.').unwrap_or(&ascii);
    let labels: Vec<&str> = bare.split('.').collect();
    let numeric = |l: &&str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit());
    if bare.parse::<Ipv6Addr>().is_ok() || (labels.len() == 4 && labels.iter().all(numeric)) {
        return Err(Problem::HostIsIp);
    }
    for label in &labels {
        check_label(label, underscore, Problem::HostBadChar)?;
    }
    if bare.len() > 253 {
        return Err(Problem::NameTooLong);
    }
    if labels.len() < 2 {
        return Err(Problem::HostOneLabel);
    }
    if labels.last().is_some_and(numeric) {
        return Err(Problem::HostNumericEnd);
    }
    Ok(bare.to_owned())
}

/// Longest TXT string, and longest TXT content, in characters.
const TXT_STRING_MAX: usize = 255;
const TXT_MAX: usize = 4_000;

/// TXT: quoted strings kept as typed; plain text kept up to 255
/// characters, longer plain text split into quoted strings of 255.
fn check_txt(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::TxtRequired);
    }
    if s.chars().any(char::is_control) {
        return Err(Problem::TxtControl);
    }
    let out = if s.starts_with('"') {
        if quoted_lengths(s)?.into_iter().any(|n| n > TXT_STRING_MAX) {
            return Err(Problem::TxtTooLong);
        }
        s.to_owned()
    } else if s.contains('"') {
        return Err(Problem::TxtQuote);
    } else if s.chars().count() <= TXT_STRING_MAX {
        s.to_owned()
    } else {
        split_txt(s)
    };
    if out.chars().count() > TXT_MAX {
        return Err(Problem::TxtTotalTooLong);
    }
    Ok(out)
}

/// Plain text as quoted strings of at most 255 characters (`\` and `"`
/// escaped; an escape counts as one character).
pub fn split_txt(plain: &str) -> String {
    let chars: Vec<char> = plain.chars().collect();
    chars
        .chunks(TXT_STRING_MAX)
        .map(|chunk| {
            let mut s = String::from('"');
            for c in chunk {
                if matches!(c, '"' | '\\') {
                    s.push('\\');
                }
                s.push(*c);
            }
            s.push('"');
            s
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lengths of the quoted strings of `raw` (`"a" "b"`, escapes counting
/// as one character): unclosed quote or anything but blanks between them
/// refused.
fn quoted_lengths(raw: &str) -> Result<Vec<usize>, Problem> {
    let mut lengths = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => {
                return if lengths.is_empty() { Err(Problem::TxtRequired) } else { Ok(lengths) }
            }
            Some('"') => {}
            Some(_) => return Err(Problem::TxtJunk),
        }
        let mut len = 0;
        loop {
            match chars.next().ok_or(Problem::TxtUnclosed)? {
                '"' => break,
                '\\' => {
                    chars.next().ok_or(Problem::TxtUnclosed)?;
                }
                _ => {}
            }
            len += 1;
        }
        lengths.push(len);
        if chars.peek().is_some_and(|c| !c.is_whitespace()) {
            return Err(Problem::TxtJunk);
        }
    }
}

fn check_srv(d: &Draft, zone: &str) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let weight = number(&d.weight, 65_535);
    if weight.is_none() {
        errors.push(FieldError { field: Field::Weight, problem: Problem::SrvWeightRange });
    }
    let port = number(&d.port, 65_535);
    if port.is_none() {
        errors.push(FieldError { field: Field::Port, problem: Problem::SrvPortRange });
    }
    let target = if d.target.trim() == "." {
        Ok(".".to_owned())
    } else {
        check_host(&d.target, zone, false)
    };
    match (weight, port, target) {
        (Some(w), Some(p), Ok(t)) => Ok(format!("{w} {p} {t}")),
        (_, _, target) => {
            if let Err(problem) = target {
                errors.push(FieldError { field: Field::Target, problem });
            }
            Err(errors)
        }
    }
}

const CAA_TAGS: [&str; 3] = ["issue", "issuewild", "iodef"];
const IODEF_SCHEMES: [&str; 3] = ["mailto:", "http://", "https://"];

fn check_caa(d: &Draft) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let flags = d.caa_flags.trim();
    let flags = if flags.is_empty() { Some(0) } else { flags.parse::<u8>().ok() };
    if flags.is_none() {
        errors.push(FieldError { field: Field::CaaFlags, problem: Problem::CaaFlags });
    }
    let tag = d.caa_tag.trim().to_ascii_lowercase();
    let tag_ok = CAA_TAGS.contains(&tag.as_str());
    if !tag_ok {
        errors.push(FieldError { field: Field::CaaTag, problem: Problem::CaaTag });
    }
    let value = match caa_value(&d.caa_value, &tag) {
        Ok(v) => Some(v),
        Err(problem) => {
            errors.push(FieldError { field: Field::CaaValue, problem });
            None
        }
    };
    match (flags, value) {
        (Some(f), Some(v)) if tag_ok => Ok(format!("{f} {tag} \"{v}\"")),
        _ => Err(errors),
    }
}

/// A CAA value for its tag (unquoted; one pair of surrounding quotes
/// dropped): `issue`/`issuewild` a CA's domain (or nothing) with optional
/// `; parameters`, `iodef` a `mailto:` or `http(s)://` address.
fn caa_value(raw: &str, tag: &str) -> Result<String, Problem> {
    let s = raw.trim();
    let s = match s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.trim(),
        None => s,
    };
    if s.contains('"') {
        return Err(Problem::CaaValueQuote);
    }
    if s.len() > 255 {
        return Err(Problem::CaaValueTooLong);
    }
    match tag {
        "iodef" => IODEF_SCHEMES
            .iter()
            .find_map(|p| {
                let head = s.get(..p.len())?;
                let rest = s.get(p.len()..).filter(|r| !r.is_empty())?;
                head.eq_ignore_ascii_case(p).then(|| format!("{p}{rest}"))
            })
            .ok_or(Problem::CaaIodef),
        "issue" | "issuewild" => {
            let domain = s.split(';').next().unwrap_or_default().trim();
            let ok = domain.is_empty()
                || (domain.is_ascii() && domain != "@" && check_host(domain, "", false).is_ok());
            if ok {
                Ok(s.to_owned())
            } else {
                Err(Problem::CaaValue)
            }
        }
        // The tag is refused on its own field.
        _ => Ok(s.to_owned()),
    }
}

// ------------------------------------------------------------------ server words

/// The form field a server error word is about (contract-dns.md, "Error
/// words"), for the record's type; `None` for the words about no field.
pub fn refused_field(word: &str, rtype: &RecordType) -> Option<Field> {
    Some(match word.trim() {
        "zone_name_invalid" | "zone_exists" | "record_name_invalid" | "record_cname_conflict" => {
            Field::Name
        }
        "record_type_invalid" => Field::Type,
        "record_ttl_invalid" => Field::Ttl,
        "record_priority_invalid" => Field::Priority,
        "record_weight_invalid" if *rtype == RecordType::Srv => Field::Weight,
        "record_port_invalid" if *rtype == RecordType::Srv => Field::Port,
        "record_host_invalid" | "record_srv_invalid" if *rtype == RecordType::Srv => Field::Target,
        "record_caa_invalid" if *rtype == RecordType::Caa => Field::CaaValue,
        "record_duplicate" => content_field(rtype),
        "record_ipv4_invalid"
        | "record_ipv6_invalid"
        | "record_host_invalid"
        | "record_txt_invalid"
        | "record_txt_too_long"
        | "record_srv_invalid"
        | "record_weight_invalid"
        | "record_port_invalid"
        | "record_caa_invalid" => Field::Content,
        _ => return None,
    })
}

// ------------------------------------------------------------------ zone names

/// Why a name cannot be a new zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneError {
    Empty,
    Spaces,
    /// `http://…` or a path.
    Url,
    BadChar,
    CombiningMark,
    EmptyLabel,
    LabelTooLong,
    Hyphen,
    /// One label only (`congty`): the ending is missing.
    OneLabel,
    /// The last label is not letters (2 or more) nor `xn--…`.
    Tld,
    TooLong,
}

impl ZoneError {
    pub const ALL: [ZoneError; 11] = [
        ZoneError::Empty,
        ZoneError::Spaces,
        ZoneError::Url,
        ZoneError::BadChar,
        ZoneError::CombiningMark,
        ZoneError::EmptyLabel,
        ZoneError::LabelTooLong,
        ZoneError::Hyphen,
        ZoneError::OneLabel,
        ZoneError::Tld,
        ZoneError::TooLong,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            ZoneError::Empty => "dns_check.zone_empty",
            ZoneError::Spaces => "dns_check.zone_spaces",
            ZoneError::Url => "dns_check.zone_url",
            ZoneError::BadChar => "dns_check.zone_bad_char",
            ZoneError::CombiningMark => "dns_check.zone_combining_mark",
            ZoneError::EmptyLabel => "dns_check.zone_empty_label",
            ZoneError::LabelTooLong => "dns_check.zone_label_too_long",
            ZoneError::Hyphen => "dns_check.zone_hyphen",
            ZoneError::OneLabel => "dns_check.zone_one_label",
            ZoneError::Tld => "dns_check.zone_tld",
            ZoneError::TooLong => "dns_check.zone_too_long",
        }
    }
}

/// The "add a zone" form's name: trimmed, lower case, one trailing dot
/// dropped, Unicode labels as punycode; then the server's
/// `zone_name_invalid` rules. Gives the name to send.
pub fn check_zone_name(input: &str) -> Result<String, ZoneError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ZoneError::Empty);
    }
    if s.contains("://") || s.contains('/') {
        return Err(ZoneError::Url);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(ZoneError::Spaces);
    }
    let ascii = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        idn::to_ascii(s).map_err(|e| match e {
            IdnError::Empty | IdnError::Char(_) => ZoneError::BadChar,
            IdnError::EmptyLabel => ZoneError::EmptyLabel,
            IdnError::Space => ZoneError::Spaces,
            IdnError::CombiningMark => ZoneError::CombiningMark,
            IdnError::LabelTooLong => ZoneError::LabelTooLong,
        })?
    };
    let name = ascii.strip_suffix('.').unwrap_or(&ascii);
    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        check_label(label, false, Problem::NameBadChar).map_err(|p| match p {
            Problem::EmptyLabel => ZoneError::EmptyLabel,
            Problem::LabelTooLong => ZoneError::LabelTooLong,
            Problem::EdgeHyphen => ZoneError::Hyphen,
            _ => ZoneError::BadChar,
        })?;
    }
    if labels.len() < 2 {
        return Err(ZoneError::OneLabel);
    }
    let tld = labels.last().copied().unwrap_or_default();
    if !(tld.starts_with("xn--") || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase())))
    {
        return Err(ZoneError::Tld);
    }
    if name.len() > 253 {
        return Err(ZoneError::TooLong);
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::bind::ImportProblem;
    use std::collections::BTreeSet;

    const ZONE: &str = "bkns-demo.vn";

    fn draft(rtype: RecordType, name: &str, content: &str) -> Draft {
        Draft { name: name.into(), content: content.into(), ..Draft::new(rtype) }
    }

    fn ok(d: &Draft) -> Record {
        check(d, ZONE, &[], None).unwrap_or_else(|e| panic!("{d:?}: {e:?}"))
    }

    fn errs(d: &Draft) -> Vec<(Field, Problem)> {
        match check(d, ZONE, &[], None) {
            Ok(r) => panic!("{d:?} passed as {r:?}"),
            Err(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    /// The one problem of a value of a type.
    fn content_problem(rtype: RecordType, content: &str) -> Problem {
        match errs(&draft(rtype, "x", content)).as_slice() {
            [(Field::Content, p)] => *p,
            other => panic!("{content}: {other:?}"),
        }
    }

    /// The demo zone as mock-api lists it.
    fn demo_zone() -> Vec<Record> {
        let json = include_str!("../../fixtures/api/dns_zone_details_every_type.contract.json");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| Record {
                id: r["id"].as_str().map(str::to_owned),
                name: r["name"].as_str().unwrap().into(),
                rtype: RecordType::parse(r["type"].as_str().unwrap()),
                ttl: r["ttl"].as_u64().unwrap() as u32,
                priority: r["priority"].as_u64().unwrap() as u32,
                content: r["content"].as_str().unwrap().into(),
            })
            .collect()
    }

    #[test]
    fn every_listed_record_passes_as_it_is() {
        let zone = demo_zone();
        for r in zone.iter().filter(|r| r.rtype.editable()) {
            let got = check(&Draft::from_record(r), ZONE, &zone, r.id.as_deref())
                .unwrap_or_else(|e| panic!("{r:?}: {e:?}"));
            assert_eq!(Record { id: r.id.clone(), ..got }, *r);
        }
        let soa = zone.iter().find(|r| r.rtype.as_str() == "SOA").unwrap();
        assert_eq!(
            check(&Draft::from_record(soa), ZONE, &zone, soa.id.as_deref()).unwrap_err(),
            vec![FieldError { field: Field::Type, problem: Problem::TypeNotEditable }]
        );
    }

    #[test]
    fn type_is_required() {
        let d = Draft { name: "www".into(), content: "1.2.3.4".into(), ..Draft::default() };
        assert_eq!(errs(&d), [(Field::Type, Problem::TypeRequired)]);
    }

    #[test]
    fn names_in_every_form() {
        let name = |n: &str| ok(&draft(RecordType::A, n, "1.2.3.4")).name;
        assert_eq!(name("@"), "@");
        assert_eq!(name("bkns-demo.vn"), "@");
        assert_eq!(name("BKNS-demo.vn."), "@");
        assert_eq!(name("WWW"), "www");
        assert_eq!(name(" www.bkns-demo.vn. "), "www");
        assert_eq!(name("www.bkns-demo.vn"), "www");
        assert_eq!(name("_sip._tcp"), "_sip._tcp");
        assert_eq!(name("*"), "*");
        assert_eq!(name("*.dev"), "*.dev");
        assert_eq!(name("a.b.c"), "a.b.c");
        assert_eq!(name("tênmiền"), "xn--tnmin-hsa0954c");
        assert_eq!(name(&"a".repeat(63)), "a".repeat(63));
        // 253 characters in all: 240 + "." + 12.
        let long =
            format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(48));
        assert_eq!(long.len() + 1 + ZONE.len(), 253);
        assert_eq!(name(&long), long);
    }

    #[test]
    fn bad_names_say_why() {
        let problem = |n: &str| match errs(&draft(RecordType::A, n, "1.2.3.4")).as_slice() {
            [(Field::Name, p)] => *p,
            other => panic!("{n}: {other:?}"),
        };
        assert_eq!(problem(""), Problem::NameRequired);
        assert_eq!(problem("   "), Problem::NameRequired);
        assert_eq!(problem("a b"), Problem::Spaces);
        assert_eq!(problem("dev.*"), Problem::Wildcard);
        assert_eq!(problem("*dev"), Problem::Wildcard);
        assert_eq!(problem("**"), Problem::Wildcard);
        assert_eq!(problem("mail.other.vn."), Problem::NameOutsideZone);
        assert_eq!(problem("a..b"), Problem::EmptyLabel);
        assert_eq!(problem(".a"), Problem::EmptyLabel);
        assert_eq!(problem(&"x".repeat(64)), Problem::LabelTooLong);
        assert_eq!(problem("-a"), Problem::EdgeHyphen);
        assert_eq!(problem("a-"), Problem::EdgeHyphen);
        assert_eq!(problem("a@b"), Problem::NameBadChar);
        assert_eq!(problem("@.bkns-demo.vn"), Problem::NameBadChar);
        assert_eq!(problem("a/b"), Problem::NameBadChar);
        assert_eq!(problem("tên✓"), Problem::NameBadChar);
        assert_eq!(problem("te\u{302}n"), Problem::CombiningMark);
        let long =
            format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(49));
        assert_eq!(problem(&long), Problem::NameTooLong);
    }

    #[test]
    fn ttl_bounds() {
        let ttl = |t: &str| {
            check(&Draft { ttl: t.into(), ..draft(RecordType::A, "x", "1.2.3.4") }, ZONE, &[], None)
        };
        assert_eq!(ttl("").unwrap().ttl, 3600);
        assert_eq!(ttl("60").unwrap().ttl, 60);
        assert_eq!(ttl(" 86400 ").unwrap().ttl, 86_400);
        assert_eq!(ttl("+300").unwrap().ttl, 300, "the server reads +300 too");
        for (t, p) in [
            ("59", Problem::TtlRange),
            ("0", Problem::TtlRange),
            ("86401", Problem::TtlRange),
            ("99999999999999999999999", Problem::TtlRange),
            ("1h", Problem::TtlNotNumber),
            ("-5", Problem::TtlNotNumber),
            ("3.5", Problem::TtlNotNumber),
            ("soon", Problem::TtlNotNumber),
            ("+", Problem::TtlNotNumber),
        ] {
            assert_eq!(
                ttl(t).unwrap_err(),
                vec![FieldError { field: Field::Ttl, problem: p }],
                "{t}"
            );
        }
    }

    #[test]
    fn ipv4() {
        assert_eq!(ok(&draft(RecordType::A, "x", " 103.28.36.10 ")).content, "103.28.36.10");
        assert_eq!(ok(&draft(RecordType::A, "x", "0.0.0.0")).content, "0.0.0.0");
        assert_eq!(ok(&draft(RecordType::A, "x", "255.255.255.255")).content, "255.255.255.255");
        for (c, p) in [
            ("", Problem::Ipv4Invalid),
            ("1.2.3", Problem::Ipv4Invalid),
            ("1.2.3.4.5", Problem::Ipv4Invalid),
            ("1.2..4", Problem::Ipv4Invalid),
            ("a.b.c.d", Problem::Ipv4Invalid),
            ("1.2.3.4/24", Problem::Ipv4Invalid),
            ("01.2.3.4", Problem::Ipv4LeadingZero),
            ("1.2.3.00", Problem::Ipv4LeadingZero),
            ("1.2.3.256", Problem::Ipv4Range),
            ("1.2.3.1000", Problem::Ipv4Range),
            ("::1", Problem::Ipv4IsIpv6),
            ("2001:db8::1", Problem::Ipv4IsIpv6),
            ("1:2", Problem::Ipv4Invalid),
        ] {
            assert_eq!(content_problem(RecordType::A, c), p, "{c}");
        }
    }

    #[test]
    fn ipv6() {
        for (c, want) in [
            ("2001:DB8:0::1", "2001:db8::1"),
            ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
            ("::", "::"),
            ("::1", "::1"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("2401:5f80:2000::10", "2401:5f80:2000::10"),
            ("fe80::", "fe80::"),
            (" 2001:0db8:0000:0000:0000:ff00:0042:8329 ", "2001:db8::ff00:42:8329"),
        ] {
            assert_eq!(ok(&draft(RecordType::Aaaa, "x", c)).content, want, "{c}");
        }
        for (c, p) in [
            ("", Problem::Ipv6Invalid),
            ("1.2.3.4", Problem::Ipv6IsIpv4),
            ("2001:db8::1::2", Problem::Ipv6TwoGaps),
            ("2001:db8:12345::1", Problem::Ipv6GroupTooLong),
            ("1:2:3:4:5:6:7", Problem::Ipv6GroupCount),
            ("1:2:3:4:5:6:7:8:9", Problem::Ipv6GroupCount),
            ("1:2:3:4::5:6:7:8", Problem::Ipv6GroupCount),
            ("2001:db8::g", Problem::Ipv6Invalid),
            ("[2001:db8::1]", Problem::Ipv6Invalid),
            ("fe80::1%eth0", Problem::Ipv6Invalid),
            ("2001:db8::/32", Problem::Ipv6Invalid),
            ("2001:db8:::1", Problem::Ipv6Invalid),
        ] {
            assert_eq!(content_problem(RecordType::Aaaa, c), p, "{c}");
        }
    }

    #[test]
    fn host_names() {
        let host = |t: RecordType, c: &str| {
            ok(&Draft { priority: "10".into(), ..draft(t, "x", c) }).content
        };
        assert_eq!(host(RecordType::Cname, "Target.Example.com."), "target.example.com");
        assert_eq!(host(RecordType::Cname, "@"), ZONE);
        assert_eq!(
            host(RecordType::Cname, "s1._domainkey.example.com"),
            "s1._domainkey.example.com"
        );
        assert_eq!(host(RecordType::Mx, "@"), ZONE);
        assert_eq!(host(RecordType::Mx, "MAIL.bkns-demo.vn."), "mail.bkns-demo.vn");
        assert_eq!(host(RecordType::Ns, "ns1.lab-dns.vn"), "ns1.lab-dns.vn");
        assert_eq!(host(RecordType::Cname, "máychủ.vn"), "xn--mych-5na3327b.vn");
        let problem = |t: RecordType, c: &str| match errs(&Draft {
            priority: "10".into(),
            ..draft(t, "x", c)
        })
        .as_slice()
        {
            [(Field::Content, p)] => *p,
            other => panic!("{c}: {other:?}"),
        };
        for t in [RecordType::Cname, RecordType::Mx, RecordType::Ns] {
            assert_eq!(problem(t.clone(), ""), Problem::HostInvalid);
            assert_eq!(problem(t.clone(), "1.2.3.4"), Problem::HostIsIp);
            assert_eq!(problem(t.clone(), "2001:db8::1"), Problem::HostIsIp);
            assert_eq!(problem(t.clone(), "mail"), Problem::HostOneLabel);
            assert_eq!(problem(t.clone(), "mail."), Problem::HostOneLabel);
            assert_eq!(problem(t.clone(), "*.example.com"), Problem::HostBadChar);
            assert_eq!(problem(t.clone(), "user@example.com"), Problem::HostBadChar);
            assert_eq!(problem(t.clone(), "mail.x.vn:25"), Problem::HostBadChar);
            assert_eq!(problem(t.clone(), "a..example.com"), Problem::EmptyLabel);
            assert_eq!(
                problem(t.clone(), &format!("{}.com", "x".repeat(64))),
                Problem::LabelTooLong
            );
            assert_eq!(problem(t.clone(), "-a.example.com"), Problem::EdgeHyphen);
            assert_eq!(problem(t.clone(), "https://example.com/"), Problem::HostUrl);
            assert_eq!(problem(t.clone(), "mail .example.com"), Problem::Spaces);
            assert_eq!(problem(t.clone(), "example.123"), Problem::HostNumericEnd);
            let long = vec!["a".repeat(63); 4].join(".");
            assert_eq!(problem(t.clone(), &long), Problem::NameTooLong);
        }
        assert_eq!(problem(RecordType::Mx, "_x.example.com"), Problem::HostUnderscore);
        assert_eq!(problem(RecordType::Ns, "ns_1.example.com"), Problem::HostUnderscore);
    }

    #[test]
    fn priority_for_mx_and_srv_only() {
        let mx = |p: &str| {
            check(
                &Draft { priority: p.into(), ..draft(RecordType::Mx, "@", "mx.example.com") },
                ZONE,
                &[],
                None,
            )
        };
        assert_eq!(mx("0").unwrap().priority, 0);
        assert_eq!(mx("65535").unwrap().priority, 65_535);
        for (p, want) in [
            ("", Problem::PriorityRequired),
            ("65536", Problem::PriorityRange),
            ("x", Problem::PriorityRange),
            ("-1", Problem::PriorityRange),
        ] {
            assert_eq!(
                mx(p).unwrap_err(),
                vec![FieldError { field: Field::Priority, problem: want }],
                "{p}"
            );
        }
        let a = Draft { priority: "junk".into(), ..draft(RecordType::A, "x", "1.2.3.4") };
        assert_eq!(ok(&a).priority, 0);
    }

    #[test]
    fn txt_plain_quoted_and_split() {
        let txt = |c: &str| ok(&draft(RecordType::Txt, "x", c)).content;
        assert_eq!(txt(" v=spf1 a mx ~all "), "v=spf1 a mx ~all");
        assert_eq!(txt("\"a\" \"b\\\"c\""), "\"a\" \"b\\\"c\"");
        let at_limit = "x".repeat(255);
        assert_eq!(txt(&at_limit), at_limit, "255 characters stay plain");
        let over = format!("{}y", "x".repeat(255));
        assert_eq!(txt(&over), format!("\"{}\" \"y\"", "x".repeat(255)));
        let two = "é".repeat(510);
        assert_eq!(
            txt(&two),
            format!("\"{}\" \"{}\"", "é".repeat(255), "é".repeat(255)),
            "characters, not bytes"
        );
        let slashes = format!("{}\\", "a".repeat(300));
        let split = txt(&slashes);
        assert_eq!(split, format!("\"{}\" \"{}\\\\\"", "a".repeat(255), "a".repeat(45)));
        assert_eq!(quoted_lengths(&split), Ok(vec![255, 46]));
        // A DKIM key pasted whole.
        let dkim = format!("v=DKIM1; k=rsa; p={}", "A".repeat(392));
        let c = txt(&dkim);
        assert!(quoted_lengths(&c).unwrap().iter().all(|n| *n <= 255));
        let quoted = format!("\"{}\" \"{}\"", "x".repeat(255), "y".repeat(10));
        assert_eq!(txt(&quoted), quoted);
        // 3,960 characters split into 16 strings are 4,007 with the quotes.
        assert_eq!(txt(&"x".repeat(3_900)).chars().count(), 3_900 + 16 * 2 + 15);
        for (c, p) in [
            ("", Problem::TxtRequired),
            ("say \"hi\"", Problem::TxtQuote),
            ("\"open", Problem::TxtUnclosed),
            ("\"a\\\"", Problem::TxtUnclosed),
            ("\"a\"\"b\"", Problem::TxtJunk),
            ("\"a\" b", Problem::TxtJunk),
            ("line\nbreak", Problem::TxtControl),
            ("tab\there", Problem::TxtControl),
        ] {
            assert_eq!(content_problem(RecordType::Txt, c), p, "{c:?}");
        }
        assert_eq!(
            content_problem(RecordType::Txt, &format!("\"{}\"", "x".repeat(256))),
            Problem::TxtTooLong
        );
        assert_eq!(content_problem(RecordType::Txt, &"x".repeat(3_960)), Problem::TxtTotalTooLong);
        assert_eq!(
            content_problem(RecordType::Txt, &format!("\"{}\" ", "x".repeat(255)).repeat(16)),
            Problem::TxtTotalTooLong
        );
    }

    fn srv(priority: &str, weight: &str, port: &str, target: &str) -> Draft {
        Draft {
            priority: priority.into(),
            weight: weight.into(),
            port: port.into(),
            target: target.into(),
            ..draft(RecordType::Srv, "_sip._tcp", "")
        }
    }

    #[test]
    fn srv_fields() {
        let r = ok(&srv("10", "5", "5060", "SIP.bkns-demo.vn."));
        assert_eq!((r.priority, r.content.as_str()), (10, "5 5060 sip.bkns-demo.vn"));
        assert_eq!(ok(&srv("0", "0", "443", ".")).content, "0 443 .");
        assert_eq!(ok(&srv("65535", "65535", "65535", "@")).content, "65535 65535 bkns-demo.vn");
        assert_eq!(
            errs(&srv("1", "65536", "1", "x.example.com")),
            [(Field::Weight, Problem::SrvWeightRange)]
        );
        assert_eq!(
            errs(&srv("1", "1", "-1", "x.example.com")),
            [(Field::Port, Problem::SrvPortRange)]
        );
        assert_eq!(
            errs(&srv("1", "1", "65536", "x.example.com")),
            [(Field::Port, Problem::SrvPortRange)]
        );
        assert_eq!(errs(&srv("1", "1", "1", "1.2.3.4")), [(Field::Target, Problem::HostIsIp)]);
        assert_eq!(
            errs(&srv("1", "1", "1", "_x.example.com")),
            [(Field::Target, Problem::HostUnderscore)]
        );
        assert_eq!(
            errs(&srv("", "", "", "")),
            [
                (Field::Priority, Problem::PriorityRequired),
                (Field::Weight, Problem::SrvWeightRange),
                (Field::Port, Problem::SrvPortRange),
                (Field::Target, Problem::HostInvalid),
            ]
        );
    }

    fn caa(flags: &str, tag: &str, value: &str) -> Draft {
        Draft {
            caa_flags: flags.into(),
            caa_tag: tag.into(),
            caa_value: value.into(),
            ..draft(RecordType::Caa, "@", "")
        }
    }

    #[test]
    fn caa_fields() {
        let c = |f: &str, t: &str, v: &str| ok(&caa(f, t, v)).content;
        assert_eq!(c("0", "ISSUE", "letsencrypt.org"), "0 issue \"letsencrypt.org\"");
        assert_eq!(c("", "issue", "\"letsencrypt.org\""), "0 issue \"letsencrypt.org\"");
        assert_eq!(
            c("0", "issue", "ca.example.net; account=1"),
            "0 issue \"ca.example.net; account=1\""
        );
        assert_eq!(c("0", "issue", ""), "0 issue \"\"");
        assert_eq!(c("128", "issuewild", ";"), "128 issuewild \";\"");
        assert_eq!(
            c("0", "iodef", "mailto:security@bkns-demo.vn"),
            "0 iodef \"mailto:security@bkns-demo.vn\""
        );
        assert_eq!(c("0", "iodef", "HTTPS://x.vn/r"), "0 iodef \"https://x.vn/r\"");
        assert_eq!(errs(&caa("256", "issue", "ca.org")), [(Field::CaaFlags, Problem::CaaFlags)]);
        assert_eq!(errs(&caa("x", "issue", "ca.org")), [(Field::CaaFlags, Problem::CaaFlags)]);
        assert_eq!(errs(&caa("0", "policy", "ca.org")), [(Field::CaaTag, Problem::CaaTag)]);
        assert_eq!(errs(&caa("0", "", "ca.org")), [(Field::CaaTag, Problem::CaaTag)]);
        for (v, p) in [
            ("ftp://x", Problem::CaaIodef),
            ("mailto:", Problem::CaaIodef),
            ("security@x.vn", Problem::CaaIodef),
            ("", Problem::CaaIodef),
        ] {
            assert_eq!(errs(&caa("0", "iodef", v)), [(Field::CaaValue, p)], "{v}");
        }
        for (v, p) in [
            ("not a host", Problem::CaaValue),
            ("@", Problem::CaaValue),
            ("1.2.3.4", Problem::CaaValue),
            ("https://letsencrypt.org", Problem::CaaValue),
            ("lets\"encrypt.org", Problem::CaaValueQuote),
        ] {
            assert_eq!(errs(&caa("0", "issue", v)), [(Field::CaaValue, p)], "{v}");
        }
        let long = format!("ca.org; {}", "x".repeat(250));
        assert_eq!(errs(&caa("0", "issue", &long)), [(Field::CaaValue, Problem::CaaValueTooLong)]);
        assert_eq!(
            errs(&caa("300", "bogus", "a\"b")),
            [
                (Field::CaaFlags, Problem::CaaFlags),
                (Field::CaaTag, Problem::CaaTag),
                (Field::CaaValue, Problem::CaaValueQuote)
            ]
        );
    }

    #[test]
    fn every_field_is_reported_at_once() {
        let d = Draft { ttl: "5".into(), ..draft(RecordType::A, "a b", "1.2.3") };
        assert_eq!(
            errs(&d),
            [
                (Field::Name, Problem::Spaces),
                (Field::Ttl, Problem::TtlRange),
                (Field::Content, Problem::Ipv4Invalid)
            ]
        );
        // One problem per field at most, whatever the type.
        for t in RecordType::EDITABLE {
            let d = Draft {
                name: "-".into(),
                ttl: "x".into(),
                priority: "x".into(),
                caa_flags: "x".into(),
                caa_tag: "x".into(),
                caa_value: "\"".into(),
                ..Draft::new(t)
            };
            let e = check(&d, ZONE, &[], None).unwrap_err();
            let fields: BTreeSet<String> = e.iter().map(|e| format!("{:?}", e.field)).collect();
            assert_eq!(fields.len(), e.len(), "{e:?}");
        }
    }

    #[test]
    fn conflicts_with_the_zone() {
        let zone = demo_zone();
        let problems = |d: &Draft, editing: Option<&str>| -> Vec<(Field, Problem)> {
            match check(d, ZONE, &zone, editing) {
                Ok(_) => vec![],
                Err(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
            }
        };
        let a = draft(RecordType::A, "www", "103.28.36.10");
        assert_eq!(problems(&a, None), [(Field::Content, Problem::Duplicate)]);
        let a_abs = draft(RecordType::A, "WWW.bkns-demo.vn.", "103.28.36.10");
        assert_eq!(problems(&a_abs, None), [(Field::Content, Problem::Duplicate)]);
        // Editing the record itself is no duplicate; another A of www is.
        assert_eq!(problems(&a, Some("90005")), []);
        assert_eq!(problems(&a, Some("90004")), [(Field::Content, Problem::Duplicate)]);
        assert_eq!(problems(&draft(RecordType::A, "www", "103.28.36.11"), None), []);
        // CNAME beside other records, both ways, and beside a CNAME.
        let cname_www = draft(RecordType::Cname, "www", "x.example.com");
        assert_eq!(problems(&cname_www, None), [(Field::Name, Problem::CnameBeside)]);
        assert_eq!(
            problems(&draft(RecordType::Txt, "ftp", "x"), None),
            [(Field::Name, Problem::BesideCname)]
        );
        let cname_ftp = draft(RecordType::Cname, "ftp", "x.example.com");
        assert_eq!(problems(&cname_ftp, None), [(Field::Name, Problem::BesideCname)]);
        assert_eq!(
            problems(&draft(RecordType::Cname, "ftp", "BKNS-demo.vn."), None),
            [(Field::Content, Problem::Duplicate)]
        );
        assert_eq!(
            problems(&draft(RecordType::Cname, "@", "x.example.com"), None),
            [(Field::Name, Problem::CnameAtApex)]
        );
        assert_eq!(
            check(&draft(RecordType::Cname, "@", "x.example.com"), ZONE, &[], None).unwrap_err()[0]
                .problem,
            Problem::CnameAtApex
        );
        // Changing the CNAME itself: its own row does not count.
        assert_eq!(problems(&cname_ftp, Some("90010")), []);
        // An A record turned into a CNAME: the AAAA of www still stands.
        assert_eq!(problems(&cname_www, Some("90005")), [(Field::Name, Problem::CnameBeside)]);
        // A conflict of the name shows beside a bad value.
        let bad = draft(RecordType::Txt, "ftp", "say \"hi\"");
        assert_eq!(
            problems(&bad, None),
            [(Field::Content, Problem::TxtQuote), (Field::Name, Problem::BesideCname)]
        );
        // MX: the priority is part of the record.
        let mx = |p: &str| Draft {
            priority: p.into(),
            ..draft(RecordType::Mx, "@", "mail.bkns-demo.vn")
        };
        assert_eq!(problems(&mx("10"), None), [(Field::Content, Problem::Duplicate)]);
        assert_eq!(problems(&mx("30"), None), []);
        // SRV and CAA duplicates show on their value's field.
        let s = Draft {
            priority: "10".into(),
            weight: "5".into(),
            port: "5060".into(),
            target: "sip.bkns-demo.vn.".into(),
            ..draft(RecordType::Srv, "_sip._tcp", "")
        };
        assert_eq!(problems(&s, None), [(Field::Target, Problem::Duplicate)]);
        let c = Draft {
            caa_flags: "0".into(),
            caa_tag: "issue".into(),
            caa_value: "letsencrypt.org".into(),
            ..draft(RecordType::Caa, "@", "")
        };
        assert_eq!(problems(&c, None), [(Field::CaaValue, Problem::Duplicate)]);
        // AAAA compared as addresses.
        assert_eq!(
            problems(&draft(RecordType::Aaaa, "www", "2401:5F80:2000:0::10"), None),
            [(Field::Content, Problem::Duplicate)]
        );
    }

    #[test]
    fn server_words_point_at_fields() {
        let f = |w: &str, t: RecordType| refused_field(w, &t);
        assert_eq!(f("record_ipv4_invalid", RecordType::A), Some(Field::Content));
        assert_eq!(f("record_port_invalid", RecordType::Srv), Some(Field::Port));
        assert_eq!(f("record_weight_invalid", RecordType::Srv), Some(Field::Weight));
        assert_eq!(f("record_host_invalid", RecordType::Srv), Some(Field::Target));
        assert_eq!(f("record_srv_invalid", RecordType::Srv), Some(Field::Target));
        assert_eq!(f("record_host_invalid", RecordType::Mx), Some(Field::Content));
        assert_eq!(f("record_caa_invalid", RecordType::Caa), Some(Field::CaaValue));
        assert_eq!(f("record_duplicate", RecordType::Caa), Some(Field::CaaValue));
        assert_eq!(f("record_duplicate", RecordType::Txt), Some(Field::Content));
        assert_eq!(f("record_cname_conflict", RecordType::Cname), Some(Field::Name));
        assert_eq!(f("record_ttl_invalid", RecordType::A), Some(Field::Ttl));
        assert_eq!(f("record_priority_invalid", RecordType::Mx), Some(Field::Priority));
        assert_eq!(f("record_type_invalid", RecordType::A), Some(Field::Type));
        assert_eq!(f(" zone_name_invalid ", RecordType::A), Some(Field::Name));
        assert_eq!(f("zone_exists", RecordType::A), Some(Field::Name));
        assert_eq!(f("record_txt_too_long", RecordType::Txt), Some(Field::Content));
        assert_eq!(f("zone_not_found", RecordType::A), None);
        assert_eq!(f("unauthorized", RecordType::A), None);
    }

    #[test]
    fn zone_names() {
        assert_eq!(check_zone_name(" Example.COM. ").as_deref(), Ok("example.com"));
        assert_eq!(check_zone_name("Tênmiền.vn").as_deref(), Ok("xn--tnmin-hsa0954c.vn"));
        assert_eq!(check_zone_name("công-ty.com.vn").as_deref(), Ok("xn--cng-ty-ixa.com.vn"));
        assert_eq!(
            check_zone_name("xn--tnmin-hsa0954c.vn").as_deref(),
            Ok("xn--tnmin-hsa0954c.vn")
        );
        assert_eq!(check_zone_name("пример.рф").as_deref(), Ok("xn--e1afmkfd.xn--p1ai"));
        assert_eq!(check_zone_name("www.congty.vn").as_deref(), Ok("www.congty.vn"));
        for (bad, e) in [
            ("", ZoneError::Empty),
            ("  ", ZoneError::Empty),
            ("com", ZoneError::OneLabel),
            ("a b.vn", ZoneError::Spaces),
            ("tên miền.vn", ZoneError::Spaces),
            ("https://congty.vn/", ZoneError::Url),
            ("congty.vn/shop", ZoneError::Url),
            ("a_b.vn", ZoneError::BadChar),
            ("*.congty.vn", ZoneError::BadChar),
            ("tên✓.vn", ZoneError::BadChar),
            ("te\u{302}n.vn", ZoneError::CombiningMark),
            ("-a.vn", ZoneError::Hyphen),
            ("a-.vn", ZoneError::Hyphen),
            ("a.1", ZoneError::Tld),
            ("a.v", ZoneError::Tld),
            ("a.v1", ZoneError::Tld),
            ("a..vn", ZoneError::EmptyLabel),
            (".vn", ZoneError::EmptyLabel),
            (".", ZoneError::EmptyLabel),
        ] {
            assert_eq!(check_zone_name(bad), Err(e), "{bad}");
        }
        assert_eq!(
            check_zone_name(&format!("{}.vn", "a".repeat(64))),
            Err(ZoneError::LabelTooLong)
        );
        let long = format!("{}.vn", vec!["a".repeat(63); 4].join("."));
        assert_eq!(check_zone_name(&long), Err(ZoneError::TooLong));
    }

    fn json_keys(json: &str) -> BTreeSet<String> {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
        for (k, v) in &map {
            assert!(v.as_str().is_some_and(|s| !s.trim().is_empty()), "{k}");
        }
        map.keys().cloned().collect()
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let vi = json_keys(include_str!("../i18n/vi/dns_check.json"));
        let en = json_keys(include_str!("../i18n/en/dns_check.json"));
        assert_eq!(vi, en);
        let mut used = BTreeSet::new();
        let keys = Problem::ALL
            .iter()
            .map(Problem::key)
            .chain(ZoneError::ALL.iter().map(ZoneError::key))
            .chain(ImportProblem::ALL.iter().map(ImportProblem::key));
        for k in keys {
            assert!(vi.contains(k), "{k} missing");
            assert!(used.insert(k.to_owned()), "{k} listed twice");
        }
        assert_eq!(used, vi, "messages no problem uses");
    }
}
