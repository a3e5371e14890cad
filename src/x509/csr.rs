//! Certificate signing requests (PKCS#10, RFC 2986): a pasted one read and
//! checked before an SSL order, and one built for a key made in the
//! browser (`request_info`, then `assemble` once WebCrypto has signed).
//! The self-signature of a pasted request is not checked (no crypto here:
//! the CA checks it).

use super::der::{tag, Reader};
use super::key::{signature_algorithm, KeyKind};
use super::name::Name;
use super::san::{Extensions, San};
use super::{der, oid, pem, Problem};

pub use super::build::{
    assemble, ecdsa_der, request_info, validate, BuildProblem, SigAlg, Subject, SubjectField,
};

/// The labels a CSR's PEM block may have.
pub const LABELS: [&str; 2] = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/// A certification request, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csr {
    pub subject: Name,
    /// The subjectAltName of the extension request, if any.
    pub sans: Vec<San>,
    pub key: KeyKind,
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`… else the dotted OID.
    pub signature_algorithm: String,
}

/// Why a pasted text is not a CSR the portal can send. The page words
/// each one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsrProblem {
    /// No `-----BEGIN …-----` / `-----END …-----` block at all.
    NotPem,
    /// A private key was pasted (alone or with the CSR). It must never be
    /// sent or shared: the page says so loudly.
    PrivateKey,
    /// Another kind of block than a CSR.
    WrongBlock(Pasted),
    /// The CSR block's body is not base64 (a damaged copy).
    NotBase64,
    /// The body decodes, but not to one DER value.
    NotDer,
    /// DER, but not a certification request.
    Malformed(Problem),
    /// The subject has no common name (CN).
    NoCommonName,
    /// An RSA key shorter than 2048 bits: CAs refuse it.
    WeakKey { bits: u32 },
}

/// What was pasted instead of a CSR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pasted {
    /// A certificate (perhaps the one the CA sent back).
    Certificate,
    PublicKey,
    /// Another block: its label.
    Other(String),
}

impl Pasted {
    fn of(label: &str) -> Pasted {
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Pasted::Certificate,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Pasted::PublicKey,
            other => Pasted::Other(other.to_owned()),
        }
    }
}

/// The shortest RSA key a CA accepts.
pub const MIN_RSA_BITS: u32 = 2048;

impl Csr {
    /// Reads a DER CertificationRequest (all of `der`).
    pub fn from_der(der: &[u8]) -> Result<Csr, Problem> {
        let mut outer = Reader::single(der, tag::SEQUENCE)?.contents()?;
        let info = outer.expect(tag::SEQUENCE)?;
        let algorithm = outer.expect(tag::SEQUENCE)?;
        outer.expect(tag::BIT_STRING)?;
        outer.finish()?;

        let mut i = info.contents()?;
        if i.expect(tag::INTEGER)?.value != [0] {
            return Err(Problem::BadValue("version"));
        }
        let subject = Name::from_tlv(&i.expect(tag::SEQUENCE)?)?;
        let key = KeyKind::from_spki(&i.expect(tag::SEQUENCE)?)?;
        let mut extensions = Extensions::default();
        // required by RFC 2986, left out by a few old tools
        if let Some(attributes) = i.optional(tag::context(0))? {
            let mut list = attributes.contents()?;
            while !list.is_empty() {
                let mut attribute = list.expect(tag::SEQUENCE)?.contents()?;
                let kind = attribute.expect(tag::OID)?;
                let values = attribute.expect(tag::SET)?;
                attribute.finish()?;
                if kind.value == oid::EXTENSION_REQUEST || kind.value == oid::MS_EXTENSION_REQUEST {
                    let mut v = values.contents()?;
                    while !v.is_empty() {
                        extensions.read(&v.expect(tag::SEQUENCE)?)?;
                    }
                }
            }
        }
        i.finish()?;

        Ok(Csr {
            subject,
            sans: extensions.sans,
            key,
            signature_algorithm: signature_algorithm(&algorithm)?,
        })
    }

    /// Reads the first CSR block of a pasted text (see [`CsrProblem`]).
    pub fn from_pem(text: &str) -> Result<Csr, CsrProblem> {
        let blocks = pem::read(text);
        let label = |b: &Result<pem::Block, pem::BadBlock>| match b {
            Ok(block) => block.label.clone(),
            Err(bad) => bad.label.clone(),
        };
        if blocks.iter().any(|b| label(b).contains("PRIVATE KEY")) {
            return Err(CsrProblem::PrivateKey);
        }
        let Some(found) = blocks.iter().find(|b| LABELS.contains(&label(b).as_str())) else {
            return Err(match blocks.first() {
                Some(other) => CsrProblem::WrongBlock(Pasted::of(&label(other))),
                None => CsrProblem::NotPem,
            });
        };
        let block = found.as_ref().map_err(|_| CsrProblem::NotBase64)?;
        der::validate(&block.der).map_err(|_| CsrProblem::NotDer)?;
        Csr::from_der(&block.der).map_err(CsrProblem::Malformed)
    }

    pub fn common_name(&self) -> Option<&str> {
        self.subject.common_name()
    }

    /// The names the certificate will cover: the CN, then the DNS and IP
    /// alternative names, each once (host names compared without case).
    /// E-mail addresses and URIs are left out.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let sans = self.sans.iter().filter_map(|san| match san {
            San::Dns(name) => Some(name.clone()),
            San::Ip(ip) => Some(ip.to_string()),
            _ => None,
        });
        for name in self.common_name().map(str::to_owned).into_iter().chain(sans) {
            let name = name.trim().to_owned();
            if !name.is_empty() && !out.iter().any(|seen| seen.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
        out
    }
}

/// Checks a pasted CSR: a PEM CSR block (no private key alongside), a
/// request that reads, with a common name, and no RSA key under 2048 bits.
pub fn check(text: &str) -> Result<Csr, CsrProblem> {
    let csr = Csr::from_pem(text)?;
    if csr.common_name().is_none_or(|cn| cn.trim().is_empty()) {
        return Err(CsrProblem::NoCommonName);
    }
    if let KeyKind::Rsa { bits } = csr.key {
        if bits < MIN_RSA_BITS {
            return Err(CsrProblem::WeakKey { bits });
        }
    }
    Ok(csr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::fixtures;

    // Expected values: fixtures/certs/*.csr.txt, as openssl printed them.

    #[test]
    fn openssl_csrs_are_read() {
        let ec = check(fixtures::EC_CSR).unwrap();
        assert_eq!(ec.subject.to_string(), "C=VN, O=Cong ty An, CN=anshop.vn");
        assert_eq!(ec.key, KeyKind::Ec { curve: "P-256".into() });
        assert_eq!(ec.signature_algorithm, "ecdsa-with-SHA256");
        assert_eq!(ec.sans, [San::Dns("anshop.vn".into()), San::Dns("www.anshop.vn".into())]);
        assert_eq!(ec.names(), ["anshop.vn", "www.anshop.vn"]);

        let ec = check(fixtures::EC_NOSAN_CSR).unwrap();
        assert_eq!(ec.common_name(), Some("nosan.anshop.vn"));
        assert!(ec.sans.is_empty());
        assert_eq!(ec.names(), ["nosan.anshop.vn"]);

        let rsa = check(fixtures::RSA_CSR).unwrap();
        assert_eq!(
            rsa.subject.to_string(),
            "C=VN, ST=Ha Noi, L=Ha Noi, O=Cong ty An, OU=Web, CN=anshop.vn, \
             emailAddress=admin@anshop.vn"
        );
        assert_eq!(rsa.key, KeyKind::Rsa { bits: 2048 });
        assert_eq!(rsa.signature_algorithm, "sha256WithRSAEncryption");
        assert_eq!(rsa.names(), ["anshop.vn", "www.anshop.vn", "203.0.113.7"]);

        let rsa = check(fixtures::RSA_NOSAN_CSR).unwrap();
        assert_eq!(rsa.subject.to_string(), "CN=anshop.vn");
        assert_eq!(rsa.key, KeyKind::Rsa { bits: 2048 });
        assert!(rsa.sans.is_empty());

        let vn = check(fixtures::VN_CSR).unwrap();
        assert_eq!(vn.subject.get("O"), Some("Công ty TNHH Ánh Dương"));
        assert_eq!(vn.names(), ["xn--nhdng-wqa16kod.vn"]);
    }

    #[test]
    fn names_are_deduplicated_without_case() {
        let csr = Csr {
            subject: Name { attributes: vec![("CN".into(), "AnShop.vn".into())] },
            sans: vec![
                San::Dns("anshop.vn".into()),
                San::Email("a@anshop.vn".into()),
                San::Dns("www.anshop.vn".into()),
                San::Dns("WWW.anshop.vn".into()),
                San::Ip([10, 0, 0, 1].into()),
            ],
            key: KeyKind::Ed25519,
            signature_algorithm: "ED25519".into(),
        };
        assert_eq!(csr.names(), ["AnShop.vn", "www.anshop.vn", "10.0.0.1"]);
    }

    /// Everything `cart::check::is_pem_csr` accepts in its test is read
    /// the same way here; the old fixture's key is RSA 1024, which
    /// `check` refuses as weak.
    #[test]
    fn what_the_old_check_accepted() {
        let old = include_str!("../../fixtures/csr.pem");
        for text in [
            old.to_owned(),
            format!("\n  {old}\n"),
            old.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"),
        ] {
            let csr = Csr::from_pem(&text).unwrap();
            assert_eq!(csr.subject.to_string(), "CN=anshop.vn, O=Cong ty An, C=VN");
            assert_eq!(csr.key, KeyKind::Rsa { bits: 1024 });
            assert_eq!(check(&text), Err(CsrProblem::WeakKey { bits: 1024 }));
        }
        // and the same shapes around a 2048-bit request pass
        let good = fixtures::RSA_CSR;
        for text in [
            good.to_owned(),
            format!("\n  {good}\n"),
            good.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"),
            good.replace('\n', "\r\n"),
            format!("Subject: CN=anshop.vn\n{good}\n-- \nAn"),
        ] {
            assert!(check(&text).is_ok(), "{text}");
        }
        // what the old test refuses, refused here with a reason
        assert_eq!(check("example.com"), Err(CsrProblem::NotPem));
        assert_eq!(
            check(&old.replace("END CERTIFICATE REQUEST", "END CERTIFICATE")),
            Err(CsrProblem::NotPem)
        );
        assert_eq!(check(&old.replace("MIIB", "!!!!")), Err(CsrProblem::NotBase64));
        assert_eq!(
            check(&old.replace('\n', "\n\n").replacen("MIIB", "MII", 1)),
            Err(CsrProblem::NotBase64)
        );
        let abc = "-----BEGIN CERTIFICATE REQUEST-----\nQUJD\n-----END CERTIFICATE REQUEST-----";
        assert_eq!(check(abc), Err(CsrProblem::NotDer));
        let not_der = format!(
            "-----BEGIN CERTIFICATE REQUEST-----\n{}\n-----END CERTIFICATE REQUEST-----",
            "QUJD".repeat(30)
        );
        assert_eq!(check(&not_der), Err(CsrProblem::NotDer));
    }

    #[test]
    fn a_private_key_is_called_out() {
        let key = |label: &str, body: &str| {
            format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
        };
        // not real keys: the labels are what matters
        let private = ["PRIVATE", "KEY"].join(" ");
        for label in [
            private.clone(),
            format!("RSA {private}"),
            format!("EC {private}"),
            format!("ENCRYPTED {private}"),
            format!("OPENSSH {private}"),
        ] {
            assert_eq!(
                check(&key(&label, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")),
                Err(CsrProblem::PrivateKey)
            );
            assert_eq!(check(&key(&label, "not base64 !")), Err(CsrProblem::PrivateKey), "{label}");
        }
        // pasted together with a good CSR, before or after it
        let pair = format!("{}{}", fixtures::EC_CSR, key(&private, "QUJD"));
        assert_eq!(check(&pair), Err(CsrProblem::PrivateKey));
        let pair = format!("{}{}", key(&private, "QUJD"), fixtures::EC_CSR);
        assert_eq!(check(&pair), Err(CsrProblem::PrivateKey));
    }

    #[test]
    fn other_blocks_say_what_they_are() {
        assert_eq!(check(fixtures::EC_LEAF), Err(CsrProblem::WrongBlock(Pasted::Certificate)));
        assert_eq!(check(fixtures::CHAIN), Err(CsrProblem::WrongBlock(Pasted::Certificate)));
        let spki = "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----";
        assert_eq!(check(spki), Err(CsrProblem::WrongBlock(Pasted::PublicKey)));
        let p7 = "-----BEGIN PKCS7-----\nQUJD\n-----END PKCS7-----";
        assert_eq!(check(p7), Err(CsrProblem::WrongBlock(Pasted::Other("PKCS7".into()))));
        // a certificate's bytes under a CSR label
        let der = pem::blocks(fixtures::EC_LEAF).remove(0).der;
        let disguised = pem::encode("CERTIFICATE REQUEST", &der);
        assert!(matches!(check(&disguised), Err(CsrProblem::Malformed(_))));
    }

    #[test]
    fn policy_problems() {
        assert_eq!(check(fixtures::NOCN_CSR), Err(CsrProblem::NoCommonName));
        let nocn = Csr::from_pem(fixtures::NOCN_CSR).unwrap();
        assert_eq!(nocn.sans, [San::Dns("anshop.vn".into())]);
        assert_eq!(nocn.names(), ["anshop.vn"]);
    }

    #[test]
    fn broken_requests_are_malformed() {
        let der = pem::blocks(fixtures::RSA_CSR).remove(0).der;
        for cut in 0..der.len() {
            assert!(Csr::from_der(&der[..cut]).is_err(), "cut at {cut}");
        }
        // version 1 instead of 0: the INTEGER after the SEQUENCE headers
        let version = der.windows(3).position(|w| w == [2, 1, 0]).unwrap();
        let mut v1 = der.clone();
        v1[version + 2] = 1;
        assert_eq!(Csr::from_der(&v1), Err(Problem::BadValue("version")));
        let text = pem::encode("CERTIFICATE REQUEST", &v1);
        assert_eq!(check(&text), Err(CsrProblem::Malformed(Problem::BadValue("version"))));
    }
}
