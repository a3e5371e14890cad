//! DNS records as the portal handles them: types, the record the server
//! lists, the form's draft, and the wire shapes (pure; host-tested).
//!
//! - `check`: each type's checks, before anything is sent;
//! - `bind`: BIND zone-file text, read and written;
//! - `presets`: the records of common mail services.
//!
//! Reading and writing the server's JSON is `api::dns`.
//!
//! Names are kept relative to the zone (`@` for the apex, `www`), lower
//! case, as mock-api and HostBill list them (fixtures/api/contract-dns.md).

pub mod bind;
pub mod check;
pub mod presets;

pub use check::{check, Field, FieldError, Problem};

/// Bounds the server accepts for a TTL (seconds), and its default.
pub const TTL_MIN: u32 = 60;
pub const TTL_MAX: u32 = 86_400;
pub const TTL_DEFAULT: u32 = 3_600;

/// A record type. The eight the portal edits, and any other the server
/// lists (SOA, PTR, …), shown as plain text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordType {
    A,
    Aaaa,
    Cname,
    Mx,
    Txt,
    Srv,
    Ns,
    Caa,
    Other(String),
}

impl RecordType {
    /// The types the record form offers, in its order.
    pub const EDITABLE: [RecordType; 8] = [
        RecordType::A,
        RecordType::Aaaa,
        RecordType::Cname,
        RecordType::Mx,
        RecordType::Txt,
        RecordType::Srv,
        RecordType::Ns,
        RecordType::Caa,
    ];

    pub fn parse(s: &str) -> RecordType {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => RecordType::A,
            "AAAA" => RecordType::Aaaa,
            "CNAME" => RecordType::Cname,
            "MX" => RecordType::Mx,
            "TXT" => RecordType::Txt,
            "SRV" => RecordType::Srv,
            "NS" => RecordType::Ns,
            "CAA" => RecordType::Caa,
            other => RecordType::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Cname => "CNAME",
            RecordType::Mx => "MX",
            RecordType::Txt => "TXT",
            RecordType::Srv => "SRV",
            RecordType::Ns => "NS",
            RecordType::Caa => "CAA",
            RecordType::Other(s) => s,
        }
    }

    /// MX and SRV carry a priority of their own.
    pub fn has_priority(&self) -> bool {
        matches!(self, RecordType::Mx | RecordType::Srv)
    }

    /// One of the eight types the portal can add, change and delete.
    pub fn editable(&self) -> bool {
        !matches!(self, RecordType::Other(_))
    }
}

/// A record as the server lists it (content in its canonical text form;
/// SRV as `"weight port target"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// None for a record the server returned without its id (a new one).
    pub id: Option<String>,
    /// Relative to the zone, lower case; `@` for the apex.
    pub name: String,
    pub rtype: RecordType,
    pub ttl: u32,
    /// MX and SRV only (0 for the others).
    pub priority: u32,
    pub content: String,
}

/// The record form's fields, as typed. One draft serves every type: when
/// the type changes, the fields that still apply keep their text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    /// Empty until a type is picked.
    pub rtype: Option<RecordType>,
    pub ttl: String,
    pub priority: String,
    /// A, AAAA, CNAME, MX, NS, TXT: the value.
    pub content: String,
    /// SRV.
    pub weight: String,
    pub port: String,
    pub target: String,
    /// CAA.
    pub caa_flags: String,
    pub caa_tag: String,
    pub caa_value: String,
}

impl Draft {
    /// An empty form for a type (TTL at the server's default).
    pub fn new(rtype: RecordType) -> Draft {
        Draft {
            name: "@".into(),
            ttl: TTL_DEFAULT.to_string(),
            priority: if rtype.has_priority() { "10".into() } else { String::new() },
            caa_flags: "0".into(),
            caa_tag: "issue".into(),
            rtype: Some(rtype),
            ..Draft::default()
        }
    }

    /// The form for changing a listed record.
    pub fn from_record(r: &Record) -> Draft {
        let mut d = Draft {
            name: r.name.clone(),
            rtype: Some(r.rtype.clone()),
            ttl: r.ttl.to_string(),
            priority: if r.rtype.has_priority() { r.priority.to_string() } else { String::new() },
            caa_flags: "0".into(),
            caa_tag: "issue".into(),
            ..Draft::default()
        };
        match r.rtype {
            RecordType::Srv => {
                let mut parts = r.content.split_whitespace();
                d.weight = parts.next().unwrap_or_default().to_owned();
                d.port = parts.next().unwrap_or_default().to_owned();
                d.target = parts.next().unwrap_or_default().to_owned();
            }
            RecordType::Caa => {
                let (flags, rest) = split_word(&r.content);
                let (tag, value) = split_word(rest);
                d.caa_flags = flags.to_owned();
                d.caa_tag = tag.to_ascii_lowercase();
                d.caa_value = unquote(value);
            }
            _ => d.content = r.content.clone(),
        }
        d
    }

    /// Switches the form to another type, keeping what applies: the name
    /// and TTL always; the value between the one-value types (A ↔ AAAA
    /// only when it still looks like an address of that kind is up to the
    /// checks); the priority between MX and SRV; a host name moves between
    /// CNAME/MX/NS and SRV's target.
    pub fn switch_type(&mut self, to: RecordType) {
        let from = self.rtype.clone();
        if from.as_ref() == Some(&to) {
            return;
        }
        let host_like =
            |t: &RecordType| matches!(t, RecordType::Cname | RecordType::Mx | RecordType::Ns);
        match (&from, &to) {
            (Some(f), RecordType::Srv) if host_like(f) && self.target.is_empty() => {
                self.target = self.content.clone();
            }
            (Some(RecordType::Srv), t) if host_like(t) && self.content.is_empty() => {
                self.content = self.target.clone();
            }
            _ => {}
        }
        if to.has_priority() && self.priority.is_empty() {
            self.priority = "10".into();
        }
        self.rtype = Some(to);
    }
}

/// The first blank-separated word and the rest (trimmed).
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// A CAA value without its quotes (`"letsencrypt.org"` → `letsencrypt.org`).
fn unquote(s: &str) -> String {
    let s = s.trim();
    match s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => s.to_owned(),
    }
}

/// The full name of a relative one (`@` → the zone, `www` → `www.zone`).
pub fn full_name(name: &str, zone: &str) -> String {
    match name.trim() {
        "" | "@" => zone.to_owned(),
        n => format!("{n}.{zone}"),
    }
}

/// The relative form of a name typed either way (`www`, `www.zone`,
/// `www.zone.`, `@`, `zone.`), lower case; `None` for a name ending in a
/// dot outside the zone.
pub fn relative_name(name: &str, zone: &str) -> Option<String> {
    let n = name.trim().to_lowercase();
    let zone = zone.trim_end_matches('.').to_lowercase();
    if n.is_empty() || n == "@" || n == zone || n == format!("{zone}.") {
        return Some("@".into());
    }
    let bare = n.strip_suffix('.');
    let rel = n
        .strip_suffix(&format!(".{zone}."))
        .or_else(|| n.strip_suffix(&format!(".{zone}")))
        .map(str::to_owned);
    match (rel, bare) {
        (Some(r), _) => Some(r),
        (None, Some(_)) => None,
        (None, None) => Some(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_in_any_case_and_keep_the_unknown() {
        assert_eq!(RecordType::parse("aaaa"), RecordType::Aaaa);
        assert_eq!(RecordType::parse("SOA"), RecordType::Other("SOA".into()));
        assert!(!RecordType::parse("soa").editable());
        assert!(RecordType::Srv.has_priority() && !RecordType::Txt.has_priority());
    }

    #[test]
    fn names_are_made_relative_either_way() {
        assert_eq!(relative_name("WWW.bkns-demo.vn.", "bkns-demo.vn").as_deref(), Some("www"));
        assert_eq!(relative_name("www", "bkns-demo.vn").as_deref(), Some("www"));
        assert_eq!(relative_name("bkns-demo.vn", "bkns-demo.vn").as_deref(), Some("@"));
        assert_eq!(relative_name("", "bkns-demo.vn").as_deref(), Some("@"));
        assert_eq!(relative_name("mail.other.vn.", "bkns-demo.vn"), None);
        assert_eq!(full_name("@", "x.vn"), "x.vn");
        assert_eq!(full_name("_sip._tcp", "x.vn"), "_sip._tcp.x.vn");
    }

    #[test]
    fn a_listed_record_fills_its_form() {
        let srv = Record {
            id: Some("1".into()),
            name: "_sip._tcp".into(),
            rtype: RecordType::Srv,
            ttl: 3600,
            priority: 10,
            content: "5 5060 vc01.x.vn".into(),
        };
        let d = Draft::from_record(&srv);
        assert_eq!(
            (d.weight.as_str(), d.port.as_str(), d.target.as_str()),
            ("5", "5060", "vc01.x.vn")
        );
        assert_eq!(d.priority, "10");
        let caa =
            Record { rtype: RecordType::Caa, content: "0 ISSUE \"letsencrypt.org\"".into(), ..srv };
        let d = Draft::from_record(&caa);
        assert_eq!(
            (d.caa_flags.as_str(), d.caa_tag.as_str(), d.caa_value.as_str()),
            ("0", "issue", "letsencrypt.org")
        );
        assert!(d.priority.is_empty());
    }

    #[test]
    fn switching_types_keeps_what_applies() {
        let mut d = Draft::new(RecordType::Cname);
        d.name = "sip".into();
        d.ttl = "300".into();
        d.content = "pbx.x.vn".into();
        d.switch_type(RecordType::Srv);
        assert_eq!(
            (d.name.as_str(), d.ttl.as_str(), d.target.as_str()),
            ("sip", "300", "pbx.x.vn")
        );
        assert_eq!(d.priority, "10");
        d.priority = "20".into();
        d.switch_type(RecordType::Mx);
        assert_eq!((d.priority.as_str(), d.content.as_str()), ("20", "pbx.x.vn"));
        d.switch_type(RecordType::A);
        assert_eq!(d.content, "pbx.x.vn", "the value stays for the checks to judge");
    }
}
