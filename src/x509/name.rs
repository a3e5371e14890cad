//! Distinguished names (subject, issuer) and the string types their values
//! come in.

use super::der::{tag, Tlv};
use super::{oid, Problem};
use std::fmt;

/// A subject or an issuer: its attributes in the order of the DER (the
/// values of a multi-valued RDN one after the other), each as (short name
/// or dotted OID, value).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Name {
    pub attributes: Vec<(String, String)>,
}

impl Name {
    /// Reads an RDNSequence (`SEQUENCE OF SET OF AttributeTypeAndValue`).
    pub fn from_tlv(name: &Tlv) -> Result<Name, Problem> {
        let mut attributes = Vec::new();
        let mut rdns = name.contents()?;
        while !rdns.is_empty() {
            let mut rdn = rdns.expect(tag::SET)?.contents()?;
            while !rdn.is_empty() {
                let mut pair = rdn.expect(tag::SEQUENCE)?.contents()?;
                let kind = pair.expect(tag::OID)?;
                let value = pair.any()?;
                pair.finish()?;
                attributes.push((oid::attribute_name(kind.value), value_text(&value)));
            }
        }
        Ok(Name { attributes })
    }

    /// The first value of attribute `name` (`"O"`, `"emailAddress"`…).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The common name: the last `CN` (the most specific one).
    pub fn common_name(&self) -> Option<&str> {
        self.attributes.iter().rev().find(|(n, _)| n == "CN").map(|(_, v)| v.as_str())
    }

    /// The same name, as RFC 5280 compares them: same attributes in the
    /// same order, values equal ignoring case and runs of spaces.
    pub fn matches(&self, other: &Name) -> bool {
        fn fold(v: &str) -> String {
            v.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
        }
        self.attributes.len() == other.attributes.len()
            && self
                .attributes
                .iter()
                .zip(&other.attributes)
                .all(|((n1, v1), (n2, v2))| n1 == n2 && fold(v1) == fold(v2))
    }
}

/// `C=VN, O=Cong ty An, CN=anshop.vn` (in the order of the DER).
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, value)) in self.attributes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}={value}")?;
        }
        Ok(())
    }
}

/// The text of an attribute value. What cannot be decoded shows as U+FFFD;
/// a value that is no string shows as `#` and its DER in hex (RFC 4514).
pub fn value_text(value: &Tlv) -> String {
    decode_string(value.tag, value.value).unwrap_or_else(|| {
        let hex: String = value.raw.iter().map(|b| format!("{b:02x}")).collect();
        format!("#{hex}")
    })
}

/// The text of a string of type `tag`; `None` for a tag that is no string.
/// UTF8String as UTF-8; PrintableString, IA5String and the other ASCII
/// types too (some issuers put UTF-8 in them); T61String as Latin-1;
/// BMPString as UTF-16BE; UniversalString as UTF-32BE.
pub fn decode_string(tag: u8, bytes: &[u8]) -> Option<String> {
    use tag::*;
    Some(match tag {
        UTF8_STRING | PRINTABLE_STRING | IA5_STRING | VISIBLE_STRING | NUMERIC_STRING => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        T61_STRING => bytes.iter().map(|&b| char::from(b)).collect(),
        BMP_STRING => {
            let (units, odd) = bytes.as_chunks::<2>();
            let units = units.iter().map(|u| u16::from_be_bytes(*u));
            let mut s: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            if !odd.is_empty() {
                s.push(char::REPLACEMENT_CHARACTER);
            }
            s
        }
        UNIVERSAL_STRING => {
            let (points, rest) = bytes.as_chunks::<4>();
            let mut s: String = points
                .iter()
                .map(|p| {
                    char::from_u32(u32::from_be_bytes(*p)).unwrap_or(char::REPLACEMENT_CHARACTER)
                })
                .collect();
            if !rest.is_empty() {
                s.push(char::REPLACEMENT_CHARACTER);
            }
            s
        }
        _ => return None,
    })
}

/// Whether `s` can be a PrintableString: `A-Z a-z 0-9 '()+,-./:=?` and space.
pub fn is_printable(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::der::{self, Reader};

    fn name(der: &[u8]) -> Result<Name, Problem> {
        Name::from_tlv(&Reader::single(der, tag::SEQUENCE)?)
    }

    fn rdn(oid: &[u8], tag: u8, value: &[u8]) -> Vec<u8> {
        der::set(&[&der::sequence(&[&der::oid(oid), &der::write(tag, value)])])
    }

    #[test]
    fn every_string_type_is_decoded() {
        let cases: [(u8, &[u8], &str); 9] = [
            (tag::UTF8_STRING, "Công ty".as_bytes(), "Công ty"),
            (tag::PRINTABLE_STRING, b"Cong ty", "Cong ty"),
            (tag::IA5_STRING, b"a@b.vn", "a@b.vn"),
            (tag::T61_STRING, b"Caf\xe9", "Café"),
            // "Hà" + U+1F600 (a surrogate pair) in UTF-16BE
            (tag::BMP_STRING, b"\x00H\x00\xe0\xd8\x3d\xde\x00", "Hà😀"),
            (tag::BMP_STRING, b"\xd8\x3d\x00A", "\u{fffd}A"),
            (tag::BMP_STRING, b"\x00A\x00", "A\u{fffd}"),
            (tag::UNIVERSAL_STRING, b"\x00\x00\x1e\xa1\x00\x01\xf6\x00", "ạ😀"),
            (tag::UNIVERSAL_STRING, b"\x00\x11\x00\x00\x00", "\u{fffd}\u{fffd}"),
        ];
        for (t, bytes, text) in cases {
            assert_eq!(decode_string(t, bytes).as_deref(), Some(text), "tag {t:#x}");
        }
        assert_eq!(decode_string(tag::UTF8_STRING, b"\xff").as_deref(), Some("\u{fffd}"));
        assert_eq!(decode_string(tag::OCTET_STRING, b"x"), None);
    }

    #[test]
    fn names_keep_their_order_and_short_names() {
        let der = der::sequence(&[
            &rdn(super::oid::C, tag::PRINTABLE_STRING, b"VN"),
            &rdn(super::oid::O, tag::BMP_STRING, b"\x00\xc1\x00n\x00h"),
            &rdn(super::oid::CN, tag::UTF8_STRING, b"first"),
            &rdn(&[0x55, 0x04, 0x61], tag::UTF8_STRING, b"VATVN-0101"),
            &rdn(super::oid::CN, tag::UTF8_STRING, b"last"),
            &rdn(super::oid::L, tag::OCTET_STRING, b"\x01"),
        ]);
        let n = name(&der).unwrap();
        assert_eq!(n.get("O"), Some("Ánh"));
        assert_eq!(n.get("CN"), Some("first"));
        assert_eq!(n.common_name(), Some("last"));
        assert_eq!(n.get("ST"), None);
        assert_eq!(n.to_string(), "C=VN, O=Ánh, CN=first, 2.5.4.97=VATVN-0101, CN=last, L=#040101");
    }

    #[test]
    fn a_multi_valued_rdn_is_flattened() {
        let pair = |o: &[u8], v: &[u8]| der::sequence(&[&der::oid(o), &der::write(0x0c, v)]);
        let der = der::sequence(&[&der::set(&[
            &pair(super::oid::OU, b"Web"),
            &pair(super::oid::CN, b"an"),
        ])]);
        assert_eq!(
            name(&der).unwrap().attributes,
            [("OU".to_owned(), "Web".to_owned()), ("CN".to_owned(), "an".to_owned())]
        );
    }

    #[test]
    fn broken_names_are_refused() {
        // an RDN that is a SEQUENCE, not a SET
        let bad = der::sequence(&[&der::sequence(&[&[5, 0]])]);
        assert!(name(&bad).is_err());
        // a type that is not an OID
        let bad = der::sequence(&[&der::set(&[&der::sequence(&[&[5, 0], &[5, 0]])])]);
        assert!(name(&bad).is_err());
        // a third element in the pair
        let pair = der::sequence(&[&der::oid(super::oid::CN), &[0x0c, 1, b'a'], &[5, 0]]);
        assert_eq!(name(&der::sequence(&[&der::set(&[&pair])])), Err(Problem::TrailingData));
        assert_eq!(name(&der::sequence(&[])), Ok(Name::default()));
    }

    #[test]
    fn names_match_as_rfc_5280_says() {
        let a = Name { attributes: vec![("CN".into(), "BKNS  Test CA".into())] };
        let b = Name { attributes: vec![("CN".into(), " bkns test ca".into())] };
        let c = Name { attributes: vec![("O".into(), "BKNS Test CA".into())] };
        assert!(a.matches(&b));
        assert!(!a.matches(&c));
        assert!(!a.matches(&Name::default()));
    }

    #[test]
    fn printable_charset() {
        assert!(is_printable("Cong ty An (HN), 1/2: a=b?"));
        assert!(!is_printable("a@b"));
        assert!(!is_printable("a&b"));
        assert!(!is_printable("Công"));
        assert!(!is_printable("a*b"));
    }
}
