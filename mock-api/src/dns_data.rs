//! DNS zones and records (issue 13): the model, the seed, and the checks a
//! real DNS backend makes before it stores a record. The shapes and every
//! error word are the contract in `fixtures/api/contract-dns.md`.
//!
//! * A zone belongs to one DNS-capable service of one client; its id is the
//!   `domain_id` of `GET /dns` (unrelated to the ids of `GET /domain`).
//! * Record names are stored relative to the zone, lower case, `@` for the
//!   apex; contents in a canonical text form (SRV `"weight port target"`,
//!   CAA `flags tag "value"`); `priority` is its own field (MX and SRV).
//! * Every zone has a read-only SOA record at `@`.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{json, Value};

use crate::domain_data::BULK_ID;
use crate::seed::DEMO_ID;

/// Record types that can be added and edited.
pub const TYPES: [&str; 8] = ["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "NS", "CAA"];
/// TTL bounds in seconds, and the TTL of a record sent without one.
pub const TTL_MIN: u64 = 60;
pub const TTL_MAX: u64 = 86_400;
pub const TTL_DEFAULT: u64 = 3_600;
/// Longest TXT character-string, and longest TXT content as a whole.
pub const TXT_STRING_MAX: usize = 255;
pub const TXT_MAX: usize = 4_000;
/// CAA tags accepted.
pub const CAA_TAGS: [&str; 3] = ["issue", "issuewild", "iodef"];
/// Records in the bulk account's zone (SOA and NS included).
pub const BULK_RECORDS: usize = 2_000;
/// The name servers of every new zone.
pub const NAMESERVERS: [&str; 2] = ["ns1.bkns.vn", "ns2.bkns.vn"];

/// The error words (`{"error": [word]}`, HTTP 200).
pub mod word {
    pub const SERVICE_NOT_FOUND: &str = "service_not_found";
    pub const DNS_NOT_SUPPORTED: &str = "dns_not_supported";
    pub const ZONE_NAME_INVALID: &str = "zone_name_invalid";
    pub const ZONE_EXISTS: &str = "zone_exists";
    pub const ZONE_NOT_FOUND: &str = "zone_not_found";
    pub const RECORD_NOT_FOUND: &str = "record_not_found";
    pub const RECORD_READONLY: &str = "record_readonly";
    pub const TYPE_INVALID: &str = "record_type_invalid";
    pub const NAME_INVALID: &str = "record_name_invalid";
    pub const TTL_INVALID: &str = "record_ttl_invalid";
    pub const PRIORITY_INVALID: &str = "record_priority_invalid";
    pub const IPV4_INVALID: &str = "record_ipv4_invalid";
    pub const IPV6_INVALID: &str = "record_ipv6_invalid";
    pub const HOST_INVALID: &str = "record_host_invalid";
    pub const TXT_INVALID: &str = "record_txt_invalid";
    pub const TXT_TOO_LONG: &str = "record_txt_too_long";
    pub const SRV_INVALID: &str = "record_srv_invalid";
    pub const WEIGHT_INVALID: &str = "record_weight_invalid";
    pub const PORT_INVALID: &str = "record_port_invalid";
    pub const CAA_INVALID: &str = "record_caa_invalid";
    pub const DUPLICATE: &str = "record_duplicate";
    pub const CNAME_CONFLICT: &str = "record_cname_conflict";
}

use word::*;

/// One resource record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    /// Relative to the zone, lower case; `@` is the apex.
    pub name: String,
    pub rtype: String,
    pub ttl: u64,
    /// MX and SRV only; 0 for the other types.
    pub priority: u64,
    /// Canonical text (see the module doc).
    pub content: String,
}

impl Record {
    /// A row of the standard listing: `{id, name, ttl, priority, content,
    /// type}`, id a string, ttl and priority numbers (HostBill's example).
    pub fn listing_row(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "ttl": self.ttl, "priority": self.priority,
            "content": self.content, "type": self.rtype,
        })
    }

    /// The `record` of the edit answer: id and ttl strings, priority a
    /// number (the reference's example).
    pub fn edit_row(&self) -> Value {
        json!({
            "id": self.id, "type": self.rtype, "ttl": self.ttl.to_string(), "name": self.name,
            "priority": self.priority, "content": self.content,
        })
    }
}

/// A DNS zone of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub id: String,
    pub service_id: String,
    pub client_id: String,
    /// Lower case, no trailing dot.
    pub name: String,
    pub records: Vec<Record>,
}

impl Zone {
    /// The record of this id, if any.
    pub fn record_index(&self, id: &str) -> Option<usize> {
        self.records.iter().position(|r| r.id == id)
    }

    /// Refuses a record that repeats another (same name, type, content and,
    /// for MX/SRV, priority) or puts a CNAME beside another record of the
    /// same name. `editing` is the record being replaced, left out.
    pub fn conflict(&self, draft: &Draft, editing: Option<&str>) -> Result<(), &'static str> {
        let others = || {
            self.records
                .iter()
                .filter(move |r| Some(r.id.as_str()) != editing && r.name == draft.name)
        };
        if others().any(|r| {
            r.rtype == draft.rtype && r.content == draft.content && r.priority == draft.priority
        }) {
            return Err(DUPLICATE);
        }
        if others().any(|r| r.rtype == "CNAME" || draft.rtype == "CNAME") {
            return Err(CNAME_CONFLICT);
        }
        Ok(())
    }
}

/// A record that passed the checks, not stored yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub name: String,
    pub rtype: String,
    pub ttl: u64,
    pub priority: u64,
    pub content: String,
}

/// Every zone, the DNS-capable services, the id counters.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsDb {
    /// Ids of the services that can hold zones (`service_ids` of `GET /dns`
    /// for the services a client owns).
    pub capable: BTreeSet<String>,
    /// In creation order.
    pub zones: Vec<Zone>,
    next_zone: u64,
    next_record: u64,
}

impl DnsDb {
    pub fn zones_of<'a>(&'a self, client_id: &'a str) -> impl Iterator<Item = &'a Zone> + 'a {
        self.zones.iter().filter(move |z| z.client_id == client_id)
    }

    /// The zone `zone_id` of this client under this service.
    pub fn zone(&self, client_id: &str, service_id: &str, zone_id: &str) -> Option<&Zone> {
        self.zones
            .iter()
            .find(|z| z.id == zone_id && z.service_id == service_id && z.client_id == client_id)
    }

    fn zone_index(
        &self,
        client_id: &str,
        service_id: &str,
        zone_id: &str,
    ) -> Result<usize, &'static str> {
        self.zones
            .iter()
            .position(|z| z.id == zone_id && z.service_id == service_id && z.client_id == client_id)
            .ok_or(ZONE_NOT_FOUND)
    }

    fn new_record_id(&mut self) -> String {
        self.next_record += 1;
        self.next_record.to_string()
    }

    /// Creates a zone (SOA and the two default NS records) and returns its
    /// canonical name. Zone names are unique across all clients.
    pub fn add_zone(
        &mut self,
        client_id: &str,
        service_id: &str,
        raw: &str,
    ) -> Result<String, &'static str> {
        let name = zone_name(raw)?;
        if self.zones.iter().any(|z| z.name == name) {
            return Err(ZONE_EXISTS);
        }
        self.next_zone += 1;
        let id = self.next_zone.to_string();
        let mut zone = Zone {
            id,
            service_id: service_id.into(),
            client_id: client_id.into(),
            name: name.clone(),
            records: Vec::new(),
        };
        for (rtype, content) in default_records(&name) {
            let id = self.new_record_id();
            zone.records.push(record(&id, "@", rtype, 3_600, 0, &content));
        }
        self.zones.push(zone);
        Ok(name)
    }

    /// Deletes a zone; returns its name.
    pub fn remove_zone(
        &mut self,
        client_id: &str,
        service_id: &str,
        zone_id: &str,
    ) -> Result<String, &'static str> {
        let i = self.zone_index(client_id, service_id, zone_id)?;
        Ok(self.zones.remove(i).name)
    }

    /// Checks and stores a new record (body `{name, ttl, priority, type,
    /// content}`); returns it.
    pub fn add_record(
        &mut self,
        client_id: &str,
        service_id: &str,
        zone_id: &str,
        body: &Value,
    ) -> Result<Record, &'static str> {
        let i = self.zone_index(client_id, service_id, zone_id)?;
        let draft = check(&self.zones[i], body, None)?;
        let id = self.new_record_id();
        let rec = stored(id, draft);
        self.zones[i].records.push(rec.clone());
        Ok(rec)
    }

    /// Checks and replaces a record (the same body); returns it.
    pub fn edit_record(
        &mut self,
        client_id: &str,
        service_id: &str,
        zone_id: &str,
        record_id: &str,
        body: &Value,
    ) -> Result<Record, &'static str> {
        let i = self.zone_index(client_id, service_id, zone_id)?;
        let zone = &mut self.zones[i];
        let r = zone.record_index(record_id).ok_or(RECORD_NOT_FOUND)?;
        if zone.records[r].rtype == "SOA" {
            return Err(RECORD_READONLY);
        }
        let draft = check(zone, body, Some(record_id))?;
        zone.records[r] = stored(record_id.to_string(), draft);
        Ok(zone.records[r].clone())
    }

    /// Deletes a record.
    pub fn remove_record(
        &mut self,
        client_id: &str,
        service_id: &str,
        zone_id: &str,
        record_id: &str,
    ) -> Result<Record, &'static str> {
        let i = self.zone_index(client_id, service_id, zone_id)?;
        let zone = &mut self.zones[i];
        let r = zone.record_index(record_id).ok_or(RECORD_NOT_FOUND)?;
        if zone.records[r].rtype == "SOA" {
            return Err(RECORD_READONLY);
        }
        Ok(zone.records.remove(r))
    }
}

fn stored(id: String, d: Draft) -> Record {
    Record {
        id,
        name: d.name,
        rtype: d.rtype,
        ttl: d.ttl,
        priority: d.priority,
        content: d.content,
    }
}

fn record(id: &str, name: &str, rtype: &str, ttl: u64, priority: u64, content: &str) -> Record {
    Record {
        id: id.into(),
        name: name.into(),
        rtype: rtype.into(),
        ttl,
        priority,
        content: content.into(),
    }
}

/// SOA and NS records of a new zone.
fn default_records(zone: &str) -> [(&'static str, String); 3] {
    [
        (
            "SOA",
            format!("{}. hostmaster.{zone}. 2026120401 10800 3600 604800 3600", NAMESERVERS[0]),
        ),
        ("NS", NAMESERVERS[0].to_string()),
        ("NS", NAMESERVERS[1].to_string()),
    ]
}

// ------------------------------------------------------------------ checks

/// A scalar as trimmed text (numbers in their JSON spelling).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-negative integer given as a number or a numeric string.
fn int(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn absent(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// Checks a record body against the zone: type, name, TTL, priority,
/// content, then duplicates and CNAME conflicts (in that order; the first
/// failure is the answer).
pub fn check(zone: &Zone, body: &Value, editing: Option<&str>) -> Result<Draft, &'static str> {
    let rtype = body
        .get("type")
        .and_then(text)
        .map(|t| t.to_ascii_uppercase())
        .filter(|t| TYPES.contains(&t.as_str()))
        .ok_or(TYPE_INVALID)?;
    let raw_name = body.get("name").and_then(text).ok_or(NAME_INVALID)?;
    let name = relative_name(&zone.name, &raw_name)?;
    let ttl = if absent(body.get("ttl")) {
        TTL_DEFAULT
    } else {
        body.get("ttl")
            .and_then(int)
            .filter(|t| (TTL_MIN..=TTL_MAX).contains(t))
            .ok_or(TTL_INVALID)?
    };
    let priority = if matches!(rtype.as_str(), "MX" | "SRV") {
        body.get("priority").and_then(int).filter(|p| *p <= 65_535).ok_or(PRIORITY_INVALID)?
    } else {
        0
    };
    let content = content(&zone.name, &rtype, body.get("content").unwrap_or(&Value::Null))?;
    let draft = Draft { name, rtype, ttl, priority, content };
    zone.conflict(&draft, editing)?;
    Ok(draft)
}

/// A record's content in canonical form, or the type's error word.
pub fn content(zone: &str, rtype: &str, v: &Value) -> Result<String, &'static str> {
    if rtype == "SRV" {
        return srv(zone, v);
    }
    let raw = match v {
        Value::String(s) => s.trim(),
        _ => "",
    };
    match rtype {
        "A" => raw
            .parse::<Ipv4Addr>()
            .ok()
            .map(|a| a.to_string())
            .filter(|a| a == raw)
            .ok_or(IPV4_INVALID),
        "AAAA" => raw.parse::<Ipv6Addr>().map(|a| a.to_string()).map_err(|_| IPV6_INVALID),
        "CNAME" => host(zone, raw, true).ok_or(HOST_INVALID),
        "MX" | "NS" => host(zone, raw, false).ok_or(HOST_INVALID),
        "TXT" => txt(raw),
        "CAA" => caa(raw).ok_or(CAA_INVALID),
        _ => Err(TYPE_INVALID),
    }
}

/// A zone name: at least two labels of letters, digits and inner hyphens
/// (1..63 each, 253 in all), the last alphabetic or `xn--`; lower-cased,
/// one trailing dot dropped. Unicode must come as punycode.
pub fn zone_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim().to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    let labels: Vec<&str> = name.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    let tld_ok =
        tld.starts_with("xn--") || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    if labels.len() >= 2 && name.len() <= 253 && tld_ok && labels.iter().all(|l| label(l, false)) {
        Ok(name.to_string())
    } else {
        Err(ZONE_NAME_INVALID)
    }
}

/// One label: 1..63 of `a-z 0-9 -` (and `_` when allowed), no hyphen first
/// or last. Expects lower case.
fn label(l: &str, underscore: bool) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && !l.starts_with('-')
        && !l.ends_with('-')
        && l.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (underscore && b == b'_')
        })
}

/// A record name relative to the zone: `@` or the zone's own name is the
/// apex; a name ending in `.<zone>` (trailing dot optional) is cut to its
/// relative part; another name ending in a dot is outside the zone; else
/// the name is taken as relative. Labels may hold `_`; the first may be `*`.
pub fn relative_name(zone: &str, raw: &str) -> Result<String, &'static str> {
    let lower = raw.trim().to_ascii_lowercase();
    if lower == "@" {
        return Ok(lower);
    }
    let (bare, absolute) = match lower.strip_suffix('.') {
        Some(b) => (b, true),
        None => (lower.as_str(), false),
    };
    if bare == zone {
        return Ok("@".into());
    }
    let rel = match bare.strip_suffix(zone).and_then(|r| r.strip_suffix('.')) {
        Some(rel) => rel,
        None if absolute => return Err(NAME_INVALID),
        None => bare,
    };
    let ok = rel.len() + zone.len() < 253
        && rel.split('.').enumerate().all(|(i, l)| (i == 0 && l == "*") || label(l, true));
    if ok {
        Ok(rel.to_string())
    } else {
        Err(NAME_INVALID)
    }
}

/// A target host name (absolute, trailing dot optional): at least two
/// labels, the last not all digits (so an IP address is refused); `@` is
/// the zone itself. Returns it lower case without the dot.
fn host(zone: &str, raw: &str, underscore: bool) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower == "@" {
        return Some(zone.to_string());
    }
    let bare = lower.strip_suffix('.').unwrap_or(&lower);
    let labels: Vec<&str> = bare.split('.').collect();
    let last = labels.last().copied().unwrap_or("");
    let ok = labels.len() >= 2
        && bare.len() <= 253
        && !last.bytes().all(|b| b.is_ascii_digit())
        && labels.iter().all(|l| label(l, underscore));
    ok.then(|| bare.to_string())
}

/// SRV content: `[weight, port, "target"]` (numbers or numeric strings) or
/// the text `"weight port target"`; each number 0..65535; the target a host
/// name or `.`. Canonical: `"weight port target"`.
fn srv(zone: &str, v: &Value) -> Result<String, &'static str> {
    let parts: Vec<Value> = match v {
        Value::Array(items) => items.clone(),
        Value::String(s) => s.split_whitespace().map(|p| Value::String(p.into())).collect(),
        _ => Vec::new(),
    };
    let [weight, port, target] = parts.as_slice() else {
        return Err(SRV_INVALID);
    };
    let weight = int(weight).filter(|w| *w <= 65_535).ok_or(WEIGHT_INVALID)?;
    let port = int(port).filter(|p| *p <= 65_535).ok_or(PORT_INVALID)?;
    let target = match target {
        Value::String(t) if t.trim() == "." => ".".to_string(),
        Value::String(t) => host(zone, t.trim(), false).ok_or(HOST_INVALID)?,
        _ => return Err(HOST_INVALID),
    };
    Ok(format!("{weight} {port} {target}"))
}

/// TXT content, kept as sent: either plain text (no `"`, at most 255
/// characters) or one or more quoted strings `"..." "..."` (`\"` and `\\`
/// escapes) of at most 255 characters each; at most 4,000 characters in
/// all, no control characters.
fn txt(raw: &str) -> Result<String, &'static str> {
    if raw.is_empty() || raw.chars().any(char::is_control) {
        return Err(TXT_INVALID);
    }
    if raw.chars().count() > TXT_MAX {
        return Err(TXT_TOO_LONG);
    }
    if !raw.starts_with('"') {
        if raw.contains('"') {
            return Err(TXT_INVALID);
        }
        return if raw.chars().count() > TXT_STRING_MAX {
            Err(TXT_TOO_LONG)
        } else {
            Ok(raw.into())
        };
    }
    for s in quoted_strings(raw).ok_or(TXT_INVALID)? {
        if s > TXT_STRING_MAX {
            return Err(TXT_TOO_LONG);
        }
    }
    Ok(raw.into())
}

/// The lengths of the quoted strings of `raw` (`"a" "b"`), or `None` when
/// something other than blanks lies between them or a quote is unclosed.
fn quoted_strings(raw: &str) -> Option<Vec<usize>> {
    let mut lengths = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => return (!lengths.is_empty()).then_some(lengths),
            Some('"') => {}
            Some(_) => return None,
        }
        let mut len = 0;
        loop {
            match chars.next()? {
                '"' => break,
                '\\' => {
                    chars.next()?;
                }
                _ => {}
            }
            len += 1;
        }
        lengths.push(len);
        // Strings must be separated by blanks.
        if chars.peek().is_some_and(|c| !c.is_whitespace()) {
            return None;
        }
    }
}

/// CAA content `flags tag value`: flags 0..255, tag `issue`, `issuewild`
/// or `iodef`, the value quoted or a single word. `issue`/`issuewild`
/// values are a CA domain (or empty) with optional `; parameters`; `iodef`
/// values are `mailto:` or `http(s)://` URLs. Canonical: `0 issue "ca.org"`.
fn caa(raw: &str) -> Option<String> {
    let mut it = raw.splitn(3, char::is_whitespace);
    let flags: u8 = it.next()?.parse().ok()?;
    let tag = it.next()?.to_ascii_lowercase();
    let rest = it.next()?.trim();
    if !CAA_TAGS.contains(&tag.as_str()) {
        return None;
    }
    let value = match rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(v) if !v.contains('"') => v,
        Some(_) => return None,
        None if !rest.contains('"') && !rest.contains(char::is_whitespace) => rest,
        None => return None,
    };
    let ok = match tag.as_str() {
        "iodef" => ["mailto:", "http://", "https://"]
            .iter()
            .any(|p| value.len() > p.len() && value.starts_with(p)),
        _ => {
            let domain = value.split(';').next().unwrap_or("").trim();
            domain.is_empty() || (domain != "@" && host("", domain, false).is_some())
        }
    };
    (ok && value.len() <= 255).then(|| format!("{flags} {tag} \"{value}\""))
}

// ------------------------------------------------------------------ seed

/// The demo account's DKIM key: a TXT longer than 255 characters, split in
/// two quoted strings.
const DKIM: &str = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvh6KUkbnggXs7zeNOA9vYP6s1RxeLXO0jJMHvQRkCM9FyAXXdbBabvBjzHjEthrH50fXvTwwm/R5ItuPh9oPThEUxGzaab021oLfIAMnKdZVPebaBjMLrUYha1w+IVvO6Qeo1MxdzsUn8H/C1ToUEcy7O94K8Ec6yZ7QzLoBLFP9hZ94yH5Mg4kHzGvthl1UoSj27AvCtWTxFZz4Xc5UJl+JDySxjR9lkdFF9j4HBQYG10cYlaXkGvUwVQwIMu3GxZQGWPyG+fGNh14BKOqTc4Q3jK9r464JWyHG/beFyT57C5Ie6viPNlLmZ0e6rxv+ICvqcTLUHRPDQ4QoXmTv7wIDAQAB";

/// Zone ids of the seed.
pub const DEMO_ZONE: &str = "7001";
pub const DEMO_SMALL_ZONE: &str = "7002";
pub const BULK_ZONE: &str = "7003";
/// The DNS-capable services of the seed.
pub const DEMO_DNS_SERVICES: [&str; 2] = ["301", "302"];
pub const BULK_DNS_SERVICE: &str = "10001";

/// The seed: the demo account's services 301 and 302 are DNS-capable;
/// zone 7001 `bkns-demo.vn` (on 301) holds records of every type, zone
/// 7002 `banhmi-saigon.com` (on 302) a few; the bulk account's service
/// 10001 holds zone 7003 `binhminh-dns.vn` with 2,000 records. The
/// example account has none.
pub fn seed() -> DnsDb {
    let mut db = DnsDb {
        capable: DEMO_DNS_SERVICES
            .iter()
            .chain([&BULK_DNS_SERVICE])
            .map(|s| s.to_string())
            .collect(),
        zones: Vec::new(),
        next_zone: 7_000,
        next_record: 90_000,
    };
    let dkim = format!("\"{}\" \"{}\"", &DKIM[..TXT_STRING_MAX], &DKIM[TXT_STRING_MAX..]);
    #[rustfmt::skip]
    let demo: Vec<(&str, &str, u64, u64, &str)> = vec![
        ("@", "A", 3600, 0, "103.28.36.10"),
        ("www", "A", 3600, 0, "103.28.36.10"),
        ("mail", "A", 3600, 0, "103.28.36.12"),
        ("*", "A", 14400, 0, "103.28.36.10"),
        ("@", "AAAA", 3600, 0, "2401:5f80:2000::10"),
        ("www", "AAAA", 3600, 0, "2401:5f80:2000::10"),
        ("ftp", "CNAME", 3600, 0, "bkns-demo.vn"),
        ("blog", "CNAME", 1800, 0, "bkns-demo.github.io"),
        ("@", "MX", 3600, 10, "mail.bkns-demo.vn"),
        ("@", "MX", 3600, 20, "mx2.bkns.vn"),
        ("@", "TXT", 3600, 0, "v=spf1 a mx include:_spf.bkns.vn ~all"),
        ("_dmarc", "TXT", 3600, 0, "v=DMARC1; p=quarantine; rua=mailto:dmarc@bkns-demo.vn"),
        ("default._domainkey", "TXT", 3600, 0, dkim.as_str()),
        ("_sip._tcp", "SRV", 3600, 10, "5 5060 sip.bkns-demo.vn"),
        ("_autodiscover._tcp", "SRV", 3600, 0, "0 443 mail.bkns-demo.vn"),
        ("lab", "NS", 86400, 0, "ns1.lab-dns.vn"),
        ("@", "CAA", 86400, 0, "0 issue \"letsencrypt.org\""),
        ("@", "CAA", 86400, 0, "0 iodef \"mailto:security@bkns-demo.vn\""),
    ];
    #[rustfmt::skip]
    let small: Vec<(&str, &str, u64, u64, &str)> = vec![
        ("@", "A", 3600, 0, "103.28.36.11"),
        ("www", "CNAME", 3600, 0, "banhmi-saigon.com"),
        ("@", "MX", 3600, 10, "mail.bkns-demo.vn"),
        ("@", "TXT", 3600, 0, "v=spf1 mx ~all"),
    ];
    seed_zone(&mut db, DEMO_ID, "301", "bkns-demo.vn", demo);
    seed_zone(&mut db, DEMO_ID, "302", "banhmi-saigon.com", small);
    let bulk: Vec<(String, &str, u64, u64, String)> =
        (0..BULK_RECORDS - 3).map(bulk_record).collect();
    let rows =
        bulk.iter().map(|(n, t, ttl, p, c)| (n.as_str(), *t, *ttl, *p, c.as_str())).collect();
    seed_zone(&mut db, BULK_ID, BULK_DNS_SERVICE, "binhminh-dns.vn", rows);
    db
}

fn seed_zone(
    db: &mut DnsDb,
    client: &str,
    service: &str,
    name: &str,
    rows: Vec<(&str, &str, u64, u64, &str)>,
) {
    let created = db.add_zone(client, service, name);
    debug_assert_eq!(created.as_deref(), Ok(name));
    let Some(zone) = db.zones.len().checked_sub(1) else { return };
    for (name, rtype, ttl, priority, content) in rows {
        let id = db.new_record_id();
        db.zones[zone].records.push(record(&id, name, rtype, ttl, priority, content));
    }
}

/// Record `i` of the bulk zone: a mix of A, AAAA, CNAME, TXT, MX, SRV and
/// CAA under distinct names, TTLs 300..86400.
fn bulk_record(i: usize) -> (String, &'static str, u64, u64, String) {
    const TTLS: [u64; 4] = [300, 3_600, 14_400, 86_400];
    let ttl = TTLS[i % TTLS.len()];
    let (a, b) = (i / 250, i % 250 + 1);
    match i % 10 {
        0..=3 => (format!("host-{i:04}"), "A", ttl, 0, format!("10.{a}.{b}.{}", i % 7 + 1)),
        4 => (format!("v6-{i:04}"), "AAAA", ttl, 0, format!("2001:db8::{i:x}")),
        5 => {
            (format!("alias-{i:04}"), "CNAME", ttl, 0, format!("host-{:04}.binhminh-dns.vn", i - 5))
        }
        6 => (format!("txt-{i:04}"), "TXT", ttl, 0, format!("site-verification={i:08x}")),
        7 => (
            format!("mx-{i:04}"),
            "MX",
            ttl,
            (i % 50) as u64,
            format!("mail-{}.binhminh-dns.vn", i % 3),
        ),
        8 => (
            format!("_svc{i:04}._tcp"),
            "SRV",
            ttl,
            (i % 20) as u64,
            format!("{} {} host-{:04}.binhminh-dns.vn", i % 10, 1000 + i, i - 8),
        ),
        _ => (format!("caa-{i:04}"), "CAA", ttl, 0, "0 issue \"letsencrypt.org\"".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Zone {
        seed().zones.into_iter().find(|z| z.id == DEMO_ZONE).unwrap()
    }

    fn body(name: &str, rtype: &str, priority: u64, content: Value) -> Value {
        json!({"name": name, "ttl": 3600, "priority": priority, "type": rtype, "content": content})
    }

    #[test]
    fn seed_is_consistent() {
        let db = seed();
        assert_eq!(db.zones_of(DEMO_ID).count(), 2);
        assert_eq!(db.zones_of(BULK_ID).count(), 1);
        let bulk = db.zones_of(BULK_ID).next().unwrap();
        assert_eq!(bulk.records.len(), BULK_RECORDS);
        // Every seeded record passes the checks a new one goes through, and
        // no two collide.
        for z in &db.zones {
            for r in z.records.iter().filter(|r| r.rtype != "SOA") {
                let mut b = body(&r.name, &r.rtype, r.priority, json!(r.content));
                b["ttl"] = json!(r.ttl);
                let d = check(z, &b, Some(&r.id)).unwrap_or_else(|e| panic!("{r:?}: {e}"));
                assert_eq!(
                    (d.name.as_str(), d.content.as_str()),
                    (r.name.as_str(), r.content.as_str())
                );
            }
        }
        let demo = zone();
        let types: BTreeSet<&str> = demo.records.iter().map(|r| r.rtype.as_str()).collect();
        for t in TYPES.iter().chain(&["SOA"]) {
            assert!(types.contains(t), "{t}");
        }
        assert!(demo.records.iter().any(|r| r.rtype == "TXT" && r.content.len() > 255));
    }

    #[test]
    fn names() {
        let z = "bkns-demo.vn";
        for (raw, want) in [
            ("@", "@"),
            ("bkns-demo.vn", "@"),
            ("BKNS-demo.vn.", "@"),
            ("www.bkns-demo.vn", "www"),
            ("www.bkns-demo.vn.", "www"),
            ("WWW", "www"),
            ("_sip._tcp", "_sip._tcp"),
            ("*.dev", "*.dev"),
            ("a.b.c", "a.b.c"),
        ] {
            assert_eq!(relative_name(z, raw), Ok(want.to_string()), "{raw}");
        }
        for raw in [
            "",
            "www.other.vn.",
            "a..b",
            "-a",
            "a-",
            "dev.*",
            "tên",
            "a b",
            "x".repeat(64).as_str(),
        ] {
            assert_eq!(relative_name(z, raw), Err(NAME_INVALID), "{raw}");
        }
    }

    #[test]
    fn zone_names() {
        assert_eq!(zone_name(" Example.COM. "), Ok("example.com".into()));
        assert_eq!(zone_name("xn--tnmin-tva.vn"), Ok("xn--tnmin-tva.vn".into()));
        for bad in ["", "com", "a b.vn", "tênmiền.vn", "-a.vn", "a.1", "a..vn", "a.v"] {
            assert_eq!(zone_name(bad), Err(ZONE_NAME_INVALID), "{bad}");
        }
    }

    #[test]
    fn contents() {
        let z = "bkns-demo.vn";
        let ok = |t: &str, c: Value, want: &str| {
            assert_eq!(content(z, t, &c), Ok(want.to_string()), "{t} {c}")
        };
        ok("A", json!("1.2.3.4"), "1.2.3.4");
        ok("AAAA", json!("2001:DB8:0:0::1"), "2001:db8::1");
        ok("CNAME", json!("Target.Example.com."), "target.example.com");
        ok("CNAME", json!("s1._domainkey.example.com"), "s1._domainkey.example.com");
        ok("MX", json!("@"), z);
        ok("SRV", json!([10, 5060, "vc01.example.com"]), "10 5060 vc01.example.com");
        ok("SRV", json!(["0", "443", "."]), "0 443 .");
        ok("SRV", json!("5 80 web.example.com."), "5 80 web.example.com");
        ok("TXT", json!("\"a\" \"b\\\"c\""), "\"a\" \"b\\\"c\"");
        ok(
            "CAA",
            json!("0 ISSUE \"ca.example.net; account=1\""),
            "0 issue \"ca.example.net; account=1\"",
        );
        ok("CAA", json!("128 issuewild ;"), "128 issuewild \";\"");
        ok("CAA", json!("0 iodef \"https://x.vn/r\""), "0 iodef \"https://x.vn/r\"");
        let bad =
            |t: &str, c: Value, word: &str| assert_eq!(content(z, t, &c), Err(word), "{t} {c}");
        bad("A", json!("1.2.3"), IPV4_INVALID);
        bad("A", json!("01.2.3.4"), IPV4_INVALID);
        bad("A", json!("::1"), IPV4_INVALID);
        bad("AAAA", json!("1.2.3.4"), IPV6_INVALID);
        bad("AAAA", json!("2001:db8:::1"), IPV6_INVALID);
        bad("CNAME", json!("1.2.3.4"), HOST_INVALID);
        bad("MX", json!("mail"), HOST_INVALID);
        bad("MX", json!("_x.example.com"), HOST_INVALID);
        bad("NS", json!(""), HOST_INVALID);
        bad("SRV", json!([10, "x.example.com"]), SRV_INVALID);
        bad("SRV", json!(5), SRV_INVALID);
        bad("SRV", json!([70000, 1, "x.example.com"]), WEIGHT_INVALID);
        bad("SRV", json!([1, -1, "x.example.com"]), PORT_INVALID);
        bad("SRV", json!([1, 65536, "x.example.com"]), PORT_INVALID);
        bad("SRV", json!([1, 1, "1.2.3.4"]), HOST_INVALID);
        bad("TXT", json!(""), TXT_INVALID);
        bad("TXT", json!("say \"hi\""), TXT_INVALID);
        bad("TXT", json!("\"open"), TXT_INVALID);
        bad("TXT", json!("\"a\"\"b\""), TXT_INVALID);
        bad("TXT", json!("line\nbreak"), TXT_INVALID);
        bad("TXT", json!("x".repeat(256)), TXT_TOO_LONG);
        bad("TXT", json!(format!("\"{}\"", "x".repeat(256))), TXT_TOO_LONG);
        bad("TXT", json!(format!("\"{}\" ", "x".repeat(255)).repeat(16)), TXT_TOO_LONG);
        bad("CAA", json!("0 policy \"x\""), CAA_INVALID);
        bad("CAA", json!("256 issue \"ca.org\""), CAA_INVALID);
        bad("CAA", json!("0 iodef \"ftp://x\""), CAA_INVALID);
        bad("CAA", json!("0 issue \"not a host\""), CAA_INVALID);
        bad("CAA", json!("0 issue"), CAA_INVALID);
        // 255 characters in each of two quoted strings is fine.
        let two = format!("\"{}\" \"{}\"", "x".repeat(255), "y".repeat(10));
        assert_eq!(content(z, "TXT", &json!(two)), Ok(two.clone()));
    }

    #[test]
    fn conflicts_and_fields() {
        let z = zone();
        let c = |b: Value| check(&z, &b, None);
        assert_eq!(c(body("www", "A", 0, json!("103.28.36.10"))), Err(DUPLICATE));
        assert_eq!(c(body("www.bkns-demo.vn", "a", 0, json!("103.28.36.10"))), Err(DUPLICATE));
        assert_eq!(c(body("www", "CNAME", 0, json!("x.example.com"))), Err(CNAME_CONFLICT));
        assert_eq!(c(body("@", "CNAME", 0, json!("x.example.com"))), Err(CNAME_CONFLICT));
        assert_eq!(c(body("ftp", "TXT", 0, json!("x"))), Err(CNAME_CONFLICT));
        assert_eq!(c(body("ftp", "CNAME", 0, json!("bkns-demo.vn"))), Err(DUPLICATE));
        assert_eq!(c(body("@", "MX", 30, json!("mail.bkns-demo.vn"))).map(|d| d.priority), Ok(30));
        assert_eq!(c(body("x", "SOA", 0, json!("x"))), Err(TYPE_INVALID));
        assert_eq!(
            c(json!({"name": "x", "type": "MX", "content": "m.example.com"})),
            Err(PRIORITY_INVALID)
        );
        assert_eq!(
            c(body("x", "SRV", 65_536, json!([1, 1, "a.example.com"]))),
            Err(PRIORITY_INVALID)
        );
        let d = c(json!({"name": "x", "type": "A", "content": "1.1.1.1", "priority": 7})).unwrap();
        assert_eq!((d.ttl, d.priority), (TTL_DEFAULT, 0));
        for ttl in [json!(59), json!(86_401), json!("soon"), json!(-5), json!(3.5)] {
            let b = json!({"name": "x", "type": "A", "content": "1.1.1.1", "ttl": ttl});
            assert_eq!(c(b), Err(TTL_INVALID));
        }
        let b = json!({"name": "x", "type": "A", "content": "1.1.1.1", "ttl": "60"});
        assert_eq!(c(b).map(|d| d.ttl), Ok(60));
        // Editing a record may keep its own values.
        let www = z.records.iter().find(|r| r.name == "www" && r.rtype == "A").unwrap();
        assert!(check(&z, &body("www", "A", 0, json!("103.28.36.10")), Some(&www.id)).is_ok());
    }
}
