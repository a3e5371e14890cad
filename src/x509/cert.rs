//! X.509 certificates (RFC 5280): what the portal shows of one, read from
//! DER or from the PEM text of a chain. The signature is not checked.

use super::der::{tag, Reader};
use super::key::{signature_algorithm, KeyKind};
use super::name::Name;
use super::san::{Extensions, San};
use super::time::DateTime;
use super::{pem, Problem};

/// A certificate, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// 1, 2 or 3.
    pub version: u8,
    /// The serial number in colon hex, as `openssl x509 -text` prints it
    /// (`a1:b2:…`, the sign's zero byte left out).
    pub serial: String,
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`… else the dotted OID.
    pub signature_algorithm: String,
    pub issuer: Name,
    pub subject: Name,
    pub not_before: DateTime,
    pub not_after: DateTime,
    pub key: KeyKind,
    pub sans: Vec<San>,
    /// basicConstraints' cA.
    pub is_ca: bool,
}

impl Certificate {
    /// Reads a DER certificate (all of `der`, nothing after it).
    pub fn from_der(der: &[u8]) -> Result<Certificate, Problem> {
        let mut outer = Reader::single(der, tag::SEQUENCE)?.contents()?;
        let tbs = outer.expect(tag::SEQUENCE)?;
        let algorithm = outer.expect(tag::SEQUENCE)?;
        outer.expect(tag::BIT_STRING)?;
        outer.finish()?;

        let mut t = tbs.contents()?;
        let version = match t.optional(tag::context(0))? {
            Some(explicit) => {
                let mut v = explicit.contents()?;
                let n = v.expect(tag::INTEGER)?;
                v.finish()?;
                match n.value {
                    [n @ 0..=2] => n + 1,
                    _ => return Err(Problem::BadValue("version")),
                }
            }
            None => 1,
        };
        let serial = serial_text(t.expect(tag::INTEGER)?.value)?;
        t.expect(tag::SEQUENCE)?; // the signature algorithm again
        let issuer = Name::from_tlv(&t.expect(tag::SEQUENCE)?)?;
        let mut validity = t.expect(tag::SEQUENCE)?.contents()?;
        let not_before = DateTime::from_tlv(&validity.any()?)?;
        let not_after = DateTime::from_tlv(&validity.any()?)?;
        validity.finish()?;
        let subject = Name::from_tlv(&t.expect(tag::SEQUENCE)?)?;
        let key = KeyKind::from_spki(&t.expect(tag::SEQUENCE)?)?;
        t.optional(tag::context_primitive(1))?; // issuerUniqueID
        t.optional(tag::context_primitive(2))?; // subjectUniqueID
        let mut extensions = Extensions::default();
        if let Some(explicit) = t.optional(tag::context(3))? {
            let mut e = explicit.contents()?;
            extensions.read(&e.expect(tag::SEQUENCE)?)?;
            e.finish()?;
        }
        t.finish()?;

        Ok(Certificate {
            version,
            serial,
            signature_algorithm: signature_algorithm(&algorithm)?,
            issuer,
            subject,
            not_before,
            not_after,
            key,
            sans: extensions.sans,
            is_ca: extensions.is_ca,
        })
    }

    /// The subject's common name.
    pub fn common_name(&self) -> Option<&str> {
        self.subject.common_name()
    }

    /// Whole days until `not_after` from `now` (Unix seconds): 0 on the
    /// last day, negative once expired (-1 the first day after).
    pub fn days_left(&self, now_unix_secs: i64) -> i64 {
        self.not_after.unix().saturating_sub(now_unix_secs).div_euclid(86_400)
    }

    /// Whether `now` (Unix seconds) is within the validity period.
    pub fn is_valid_at(&self, now_unix_secs: i64) -> bool {
        (self.not_before.unix()..=self.not_after.unix()).contains(&now_unix_secs)
    }

    /// Issued by its own subject (a root, or any self-signed certificate).
    pub fn is_self_issued(&self) -> bool {
        self.subject.matches(&self.issuer)
    }
}

/// Every certificate of a PEM text, in order (a chain as a server sends
/// it; text around the blocks and blocks of other kinds are skipped). An
/// error for the first certificate block that cannot be read.
pub fn chain(text: &str) -> Result<Vec<Certificate>, Problem> {
    pem::read(text)
        .into_iter()
        .filter(|block| {
            let label = match block {
                Ok(b) => &b.label,
                Err(bad) => &bad.label,
            };
            label == "CERTIFICATE" || label == "X509 CERTIFICATE"
        })
        .map(|block| {
            let block = block.map_err(|_| Problem::NotBase64)?;
            Certificate::from_der(&block.der)
        })
        .collect()
}

fn serial_text(integer: &[u8]) -> Result<String, Problem> {
    let digits = match integer {
        [] => return Err(Problem::BadValue("serial")),
        [0, next, ..] if next & 0x80 != 0 => integer.get(1..).unwrap_or_default(),
        _ => integer,
    };
    Ok(digits.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::fixtures;
    use std::net::IpAddr;

    fn one(pem_text: &str) -> Certificate {
        let mut all = chain(pem_text).unwrap();
        assert_eq!(all.len(), 1);
        all.remove(0)
    }

    fn attrs(pairs: &[(&str, &str)]) -> Name {
        Name { attributes: pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect() }
    }

    const ISSUING_CA: &[(&str, &str)] =
        &[("C", "VN"), ("O", "BKNS Test"), ("CN", "BKNS Test Issuing CA")];

    // Expected values: fixtures/certs/*.txt, as openssl printed them.

    #[test]
    fn an_ec_leaf_with_every_kind_of_san() {
        let c = one(fixtures::EC_LEAF);
        assert_eq!(c.version, 3);
        assert_eq!(c.serial, "a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90");
        assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
        assert_eq!(c.issuer, attrs(ISSUING_CA));
        assert_eq!(
            c.subject,
            attrs(&[
                ("C", "VN"),
                ("ST", "Ha Noi"),
                ("L", "Cau Giay"),
                ("O", "Cong ty An"),
                ("OU", "IT"),
                ("CN", "anshop.vn"),
                ("emailAddress", "admin@anshop.vn"),
            ])
        );
        assert_eq!(c.common_name(), Some("anshop.vn"));
        // Dec  4 14:14:18 2026 GMT, Jan  5 14:14:18 2028 GMT
        assert_eq!(c.not_before.unix(), 1_796_393_658);
        assert_eq!(c.not_after.unix(), 1_830_694_458);
        assert_eq!(c.not_after.to_string(), "2028-01-05 14:14:18 UTC");
        assert_eq!(c.key, KeyKind::Ec { curve: "P-256".into() });
        assert_eq!(
            c.sans,
            [
                San::Dns("anshop.vn".into()),
                San::Dns("www.anshop.vn".into()),
                San::Ip(IpAddr::from([203, 0, 113, 7])),
                San::Ip("2001:db8::1".parse().unwrap()),
                San::Email("admin@anshop.vn".into()),
            ]
        );
        assert_eq!(c.sans[3].to_string(), "IP:2001:db8::1");
        assert!(!c.is_ca);
        assert!(!c.is_self_issued());
    }

    #[test]
    fn an_rsa_leaf() {
        let c = one(fixtures::RSA_LEAF);
        assert_eq!(c.serial, "2a");
        assert_eq!(c.key, KeyKind::Rsa { bits: 2048 });
        assert_eq!(c.key.to_string(), "RSA 2048");
        assert_eq!(c.subject.to_string(), "C=VN, O=Cong ty An, CN=rsa.anshop.vn");
        assert_eq!(
            c.sans,
            [San::Dns("rsa.anshop.vn".into()), San::Uri("https://anshop.vn/".into())]
        );
        assert_eq!(c.not_after.unix(), 1_804_169_658); // Mar  4 14:14:18 2027 GMT
        assert!(!c.is_ca);
    }

    #[test]
    fn a_root_and_its_intermediate() {
        let root = one(fixtures::CA);
        assert_eq!(root.serial, "01");
        assert_eq!(root.signature_algorithm, "ecdsa-with-SHA384");
        assert_eq!(root.key, KeyKind::Ec { curve: "P-384".into() });
        assert!(root.is_ca && root.is_self_issued());
        assert_eq!(root.subject.common_name(), Some("BKNS Test Root CA"));
        assert!(root.sans.is_empty());
        let int = one(fixtures::INTERMEDIATE);
        assert_eq!(int.serial, "10:02");
        assert_eq!(int.key, KeyKind::Rsa { bits: 2048 });
        assert!(int.is_ca && !int.is_self_issued());
        assert!(int.issuer.matches(&root.subject));
        assert_eq!(int.subject, attrs(ISSUING_CA));
        assert_eq!(int.not_after.unix(), 2_055_593_658); // Feb 20 14:14:18 2035 GMT
    }

    #[test]
    fn a_chain_as_openssl_prints_it() {
        let all = chain(fixtures::CHAIN).unwrap();
        assert_eq!(all, [one(fixtures::EC_LEAF), one(fixtures::INTERMEDIATE)]);
        assert!(all[0].issuer.matches(&all[1].subject));
        let crlf = fixtures::CHAIN.replace('\n', "\r\n");
        assert_eq!(chain(&crlf).unwrap(), all);
        assert_eq!(chain("no certificate here"), Ok(vec![]));
        // other blocks are skipped, a broken certificate is an error
        let with_csr = format!("{}{}", fixtures::EC_CSR, fixtures::CA);
        assert_eq!(chain(&with_csr).unwrap(), [one(fixtures::CA)]);
        let broken = fixtures::CHAIN.replacen("MII", "MI", 1);
        assert_eq!(chain(&broken), Err(Problem::NotBase64));
    }

    #[test]
    fn vietnamese_subject_and_idn_names() {
        let c = one(fixtures::VN_LEAF);
        assert_eq!(c.subject.get("O"), Some("Công ty TNHH Ánh Dương"));
        assert_eq!(c.subject.get("L"), Some("Hà Nội"));
        assert_eq!(c.serial, "0b:ad");
        assert_eq!(
            c.sans,
            [
                San::Dns("xn--nhdng-wqa16kod.vn".into()),
                San::Dns("www.xn--nhdng-wqa16kod.vn".into())
            ]
        );
        assert_eq!(crate::idn::to_unicode("xn--nhdng-wqa16kod.vn"), "ánhdương.vn");
    }

    #[test]
    fn generalized_time_after_2050() {
        let c = one(fixtures::LONG);
        // Apr 21 14:14:18 2054 GMT
        assert_eq!(c.not_after.to_string(), "2054-04-21 14:14:18 UTC");
        assert_eq!(c.not_after.unix(), 2_660_393_658);
        assert_eq!(c.key, KeyKind::Ec { curve: "P-521".into() });
        assert_eq!(c.signature_algorithm, "ecdsa-with-SHA512");
        assert_eq!(c.serial, "7f:ff:ff:ff");
        assert!(c.is_self_issued());
    }

    #[test]
    fn ed25519() {
        let c = one(fixtures::ED25519);
        assert_eq!(c.key, KeyKind::Ed25519);
        assert_eq!(c.signature_algorithm, "ED25519");
        assert_eq!(c.subject.to_string(), "CN=ed.anshop.vn, O=Cong ty An");
        assert!(c.is_self_issued());
    }

    #[test]
    fn days_left_and_validity() {
        let c = one(fixtures::EC_LEAF);
        let end = 1_830_694_458;
        assert_eq!(c.days_left(end - 10 * 86_400), 10);
        assert_eq!(c.days_left(end - 86_399), 0);
        assert_eq!(c.days_left(end), 0);
        assert_eq!(c.days_left(end + 1), -1);
        assert_eq!(c.days_left(end + 86_400), -1);
        assert_eq!(c.days_left(end + 86_401), -2);
        assert!(c.days_left(i64::MIN) > 0 && c.days_left(i64::MAX) < 0, "no overflow");
        assert!(c.is_valid_at(1_796_393_658) && c.is_valid_at(end));
        assert!(!c.is_valid_at(1_796_393_657) && !c.is_valid_at(end + 1));
    }

    #[test]
    fn serial_numbers() {
        assert_eq!(serial_text(&[0x00, 0x80]).unwrap(), "80");
        assert_eq!(serial_text(&[0x00]).unwrap(), "00");
        assert_eq!(serial_text(&[0x00, 0x7f]).unwrap(), "00:7f", "not minimal: shown as is");
        assert_eq!(serial_text(&[0xff, 0x01]).unwrap(), "ff:01", "negative: shown as is");
        assert!(serial_text(&[]).is_err());
    }

    #[test]
    fn a_csr_or_a_truncated_certificate_is_not_a_certificate() {
        let csr = pem::blocks(fixtures::EC_CSR).remove(0).der;
        assert!(Certificate::from_der(&csr).is_err());
        let der = pem::blocks(fixtures::EC_LEAF).remove(0).der;
        assert!(Certificate::from_der(&der).is_ok());
        let mut longer = der.clone();
        longer.push(0);
        assert_eq!(Certificate::from_der(&longer), Err(Problem::TrailingData));
        for cut in 0..der.len() {
            assert!(Certificate::from_der(&der[..cut]).is_err(), "cut at {cut}");
        }
    }
}
