//! Extensions: the subject's alternative names (subjectAltName) and the CA
//! flag (basicConstraints). Others are skipped.

use super::der::{tag, Tlv};
use super::{oid, Problem};
use std::fmt;
use std::net::IpAddr;

/// A subject alternative name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum San {
    /// A host name, as written (an IDN in its `xn--` form).
    Dns(String),
    /// An IPv4 or IPv6 address (shown as RFC 5952 writes it: `2001:db8::1`).
    Ip(IpAddr),
    Email(String),
    Uri(String),
    /// Another kind of name (otherName, directoryName…, or an address
    /// that is neither 4 nor 16 bytes): its tag number.
    Other(u8),
}

/// `DNS:anshop.vn`, `IP:2001:db8::1`, `email:…`, `URI:…`, `other:0`.
impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(name) => write!(f, "DNS:{name}"),
            San::Ip(ip) => write!(f, "IP:{ip}"),
            San::Email(mail) => write!(f, "email:{mail}"),
            San::Uri(uri) => write!(f, "URI:{uri}"),
            San::Other(n) => write!(f, "other:{n}"),
        }
    }
}

/// What the portal reads from a list of extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extensions {
    pub sans: Vec<San>,
    /// basicConstraints' cA (false when the extension is absent).
    pub is_ca: bool,
}

impl Extensions {
    /// Reads `Extensions ::= SEQUENCE OF Extension` into `self`.
    pub fn read(&mut self, list: &Tlv) -> Result<(), Problem> {
        let mut r = list.contents()?;
        while !r.is_empty() {
            let mut e = r.expect(tag::SEQUENCE)?.contents()?;
            let id = e.expect(tag::OID)?;
            if let Some(critical) = e.optional(tag::BOOLEAN)? {
                critical.boolean()?;
            }
            let value = e.expect(tag::OCTET_STRING)?;
            e.finish()?;
            match id.value {
                oid::SUBJECT_ALT_NAME => {
                    let mut v = value.contents()?;
                    let names = v.expect(tag::SEQUENCE)?;
                    v.finish()?;
                    self.sans.extend(general_names(&names)?);
                }
                oid::BASIC_CONSTRAINTS => {
                    let mut v = value.contents()?;
                    let constraints = v.expect(tag::SEQUENCE)?;
                    v.finish()?;
                    let mut c = constraints.contents()?;
                    self.is_ca = match c.optional(tag::BOOLEAN)? {
                        Some(ca) => ca.boolean()?,
                        None => false,
                    };
                    c.optional(tag::INTEGER)?; // pathLenConstraint
                    c.finish()?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Reads `GeneralNames ::= SEQUENCE OF GeneralName`.
fn general_names(names: &Tlv) -> Result<Vec<San>, Problem> {
    let mut r = names.contents()?;
    let mut out = Vec::new();
    while !r.is_empty() {
        let name = r.any()?;
        let text = || String::from_utf8_lossy(name.value).into_owned();
        out.push(match name.tag {
            t if t == tag::context_primitive(1) => San::Email(text()),
            t if t == tag::context_primitive(2) => San::Dns(text()),
            t if t == tag::context_primitive(6) => San::Uri(text()),
            t if t == tag::context_primitive(7) => ip(name.value),
            t => San::Other(t & 0x1f),
        });
    }
    Ok(out)
}

fn ip(bytes: &[u8]) -> San {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        San::Ip(IpAddr::from(v4))
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        San::Ip(IpAddr::from(v6))
    } else {
        San::Other(7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::der::{self, Reader};

    fn extension(id: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
        let flag: &[u8] = if critical { &[1, 1, 0xff] } else { &[] };
        der::sequence(&[&der::oid(id), flag, &der::write(tag::OCTET_STRING, value)])
    }

    fn read(extensions: &[&[u8]]) -> Result<Extensions, Problem> {
        let list = der::sequence(extensions);
        let mut found = Extensions::default();
        found.read(&Reader::single(&list, tag::SEQUENCE)?)?;
        Ok(found)
    }

    #[test]
    fn every_kind_of_alternative_name() {
        let v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        let mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1];
        let names = der::sequence(&[
            &der::write(0x82, b"anshop.vn"),
            &der::write(0x87, &[203, 0, 113, 7]),
            &der::write(0x87, &v6),
            &der::write(0x87, &mapped),
            &der::write(0x81, b"admin@anshop.vn"),
            &der::write(0x86, b"https://anshop.vn/"),
            &der::write(0xa0, &[0x06, 0x01, 0x2a, 0xa0, 0x02, 0x05, 0x00]),
            &der::write(0x87, &[10, 0, 0, 0, 255, 0, 0, 0]), // a name constraint's range
        ]);
        let found = read(&[&extension(oid::SUBJECT_ALT_NAME, false, &names)]).unwrap();
        let shown: Vec<String> = found.sans.iter().map(San::to_string).collect();
        assert_eq!(
            shown,
            [
                "DNS:anshop.vn",
                "IP:203.0.113.7",
                "IP:2001:db8::1",
                "IP:::ffff:192.0.2.1",
                "email:admin@anshop.vn",
                "URI:https://anshop.vn/",
                "other:0",
                "other:7"
            ]
        );
        assert!(!found.is_ca);
    }

    #[test]
    fn the_ca_flag() {
        let ca =
            |value: &[u8], critical| read(&[&extension(oid::BASIC_CONSTRAINTS, critical, value)]);
        assert!(ca(&der::sequence(&[&[1, 1, 0xff]]), true).unwrap().is_ca);
        assert!(ca(&der::sequence(&[&[1, 1, 0xff], &[2, 1, 0]]), true).unwrap().is_ca);
        assert!(!ca(&der::sequence(&[]), false).unwrap().is_ca);
        assert!(!ca(&der::sequence(&[&[1, 1, 0]]), false).unwrap().is_ca);
        assert!(ca(&der::sequence(&[&[2, 1, 0], &[1, 1, 0xff]]), true).is_err(), "wrong order");
        assert!(ca(&[0x30, 0x03, 1, 1, 0xff, 0], true).is_err(), "bytes after the value");
    }

    #[test]
    fn other_extensions_are_skipped_but_must_be_whole() {
        let key_usage = extension(&[0x55, 0x1d, 0x0f], true, &[0x03, 0x02, 0x01, 0x06]);
        let san =
            extension(oid::SUBJECT_ALT_NAME, false, &der::sequence(&[&der::write(0x82, b"a.vn")]));
        let found = read(&[&key_usage, &san]).unwrap();
        assert_eq!(found.sans, [San::Dns("a.vn".into())]);
        // an extension without its value
        let broken = der::sequence(&[&der::oid(&[0x55, 0x1d, 0x0f])]);
        assert!(read(&[&broken]).is_err());
        // a SAN whose names are not a SEQUENCE
        let broken = extension(oid::SUBJECT_ALT_NAME, false, &der::write(0x82, b"a.vn"));
        assert!(read(&[&broken]).is_err());
    }
}
