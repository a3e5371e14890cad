//! A certification request for a key pair made in the browser. WebCrypto
//! signs asynchronously, so the request is built in two pure steps around
//! the signature:
//!
//! 1. [`request_info`] (subject, SANs, the key's `exportKey("spki")`) gives
//!    the DER to sign;
//! 2. the page signs it: `{name: "ECDSA", hash: "SHA-256"}` with a P-256
//!    key, or `RSASSA-PKCS1-v1_5` with a SHA-256 key;
//! 3. [`assemble`] (that DER, the algorithm, the signature) gives the
//!    request, to be written with `pem::encode("CERTIFICATE REQUEST", …)`
//!    (and the key with `pem::encode("PRIVATE KEY", pkcs8)`).

use super::der::{self, tag};
use super::name::is_printable;
use super::oid;

/// The subject of a request. Empty fields are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub common_name: String,
    pub organization: String,
    pub organizational_unit: String,
    pub locality: String,
    pub state: String,
    /// Two letters (ISO 3166), `VN`.
    pub country: String,
    pub email: String,
}

/// A field of [`Subject`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectField {
    CommonName,
    Organization,
    OrganizationalUnit,
    Locality,
    State,
    Country,
    Email,
}

/// What a CA would refuse in a request's subject or names ([`validate`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildProblem {
    NoCommonName,
    /// Longer than X.520 allows (64 characters; 128 for the locality and
    /// the state, 255 for the e-mail).
    TooLong(SubjectField),
    /// A control character; for the country anything but two letters; for
    /// the e-mail anything but ASCII with one `@`.
    Invalid(SubjectField),
    /// An alternative name that is no ASCII host name (an IDN must come as
    /// `xn--`).
    San(String),
}

/// The signature algorithms WebCrypto offers for a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigAlg {
    /// ECDSA on P-256 with SHA-256; the signature as WebCrypto gives it
    /// (IEEE P1363: r‖s, 64 bytes).
    EcdsaP256Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-256; the signature as is.
    RsaPkcs1Sha256,
}

impl Subject {
    /// The fields in the order of the DER, with their OID and the longest
    /// value X.520 allows.
    fn fields(&self) -> [(SubjectField, &'static [u8], &str, usize); 7] {
        use SubjectField::*;
        [
            (Country, oid::C, &self.country, 2),
            (State, oid::ST, &self.state, 128),
            (Locality, oid::L, &self.locality, 128),
            (Organization, oid::O, &self.organization, 64),
            (OrganizationalUnit, oid::OU, &self.organizational_unit, 64),
            (CommonName, oid::CN, &self.common_name, 64),
            (Email, oid::EMAIL_ADDRESS, &self.email, 255),
        ]
    }

    /// What a CA would refuse in the subject (see [`BuildProblem`]).
    pub fn check(&self) -> Result<(), BuildProblem> {
        if self.common_name.trim().is_empty() {
            return Err(BuildProblem::NoCommonName);
        }
        for (field, _, value, max) in self.fields() {
            let value = value.trim();
            let valid = match field {
                SubjectField::Country => {
                    value.is_empty()
                        || (value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()))
                }
                SubjectField::Email => value.is_empty() || is_email(value),
                _ => !value.chars().any(char::is_control),
            };
            if value.chars().count() > max && field != SubjectField::Country {
                return Err(BuildProblem::TooLong(field));
            }
            if !valid {
                return Err(BuildProblem::Invalid(field));
            }
        }
        Ok(())
    }

    /// The subject's DER Name (C, ST, L, O, OU, CN, emailAddress, in the
    /// usual order; values trimmed, empty ones left out): PrintableString
    /// where the value fits its characters, else UTF8String; the country
    /// upper-cased, the e-mail an IA5String. Written even when [`check`]
    /// refuses it (a value no PrintableString or IA5String can hold is
    /// then a UTF8String).
    ///
    /// [`check`]: Subject::check
    pub fn to_der(&self) -> Vec<u8> {
        let mut rdns = Vec::new();
        for (field, kind, value, _) in self.fields() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let value = match field {
                SubjectField::Country => value.to_ascii_uppercase(),
                _ => value.to_owned(),
            };
            let string_tag = match field {
                SubjectField::Email if value.is_ascii() => tag::IA5_STRING,
                _ if is_printable(&value) => tag::PRINTABLE_STRING,
                _ => tag::UTF8_STRING,
            };
            let pair = der::sequence(&[&der::oid(kind), &der::write(string_tag, value.as_bytes())]);
            rdns.extend(der::set(&[&pair]));
        }
        der::write(tag::SEQUENCE, &rdns)
    }
}

fn is_email(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_graphic())
        && value
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && !host.is_empty() && !host.contains('@'))
}

/// What a CA would refuse in a request's subject or alternative names:
/// call it before making the key; [`request_info`] writes what it is given.
pub fn validate<S: AsRef<str>>(subject: &Subject, sans: &[S]) -> Result<(), BuildProblem> {
    subject.check()?;
    match sans.iter().map(AsRef::as_ref).find(|san| !is_host(&normalize(san))) {
        Some(bad) => Err(BuildProblem::San(bad.to_owned())),
        None => Ok(()),
    }
}

fn normalize(san: &str) -> String {
    san.trim().to_ascii_lowercase()
}

/// An ASCII host name (blank allowed: it is skipped), `*` and `_` taken.
fn is_host(name: &str) -> bool {
    name.is_empty()
        || (name.len() <= 253
            && name.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_*".contains(&b))
            }))
}

/// The host names, trimmed and lower-cased, each once; blank ones skipped.
fn dns_names<S: AsRef<str>>(sans: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in sans.iter().map(|san| normalize(san.as_ref())) {
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The DER CertificationRequestInfo to sign: version 0, the subject
/// ([`Subject::to_der`]), the key as given (WebCrypto's
/// `exportKey("spki")`), and the attributes: an extension request with the
/// subjectAltName when `sans` (DNS names in their ASCII form: the domain
/// and `www.` the domain) has any. Nothing is refused here: see
/// [`validate`].
pub fn request_info<S: AsRef<str>>(subject: &Subject, sans: &[S], spki_der: &[u8]) -> Vec<u8> {
    let names = dns_names(sans);
    let attributes = if names.is_empty() {
        Vec::new()
    } else {
        let general: Vec<u8> = names
            .iter()
            .flat_map(|n| der::write(tag::context_primitive(2), n.as_bytes()))
            .collect();
        let san = der::sequence(&[
            &der::oid(oid::SUBJECT_ALT_NAME),
            &der::write(tag::OCTET_STRING, &der::write(tag::SEQUENCE, &general)),
        ]);
        let extensions = der::sequence(&[&san]);
        der::sequence(&[&der::oid(oid::EXTENSION_REQUEST), &der::set(&[&extensions])])
    };
    der::sequence(&[
        &der::unsigned(&[0]),
        &subject.to_der(),
        spki_der,
        &der::write(tag::context(0), &attributes),
    ])
}

/// The DER CertificationRequest: `info` (from [`request_info`]), the
/// algorithm (ecdsa-with-SHA256 without parameters, sha256WithRSAEncryption
/// with NULL), and the signature of `info` (see [`ecdsa_der`] for ECDSA).
pub fn assemble(info_der: &[u8], alg: SigAlg, signature: &[u8]) -> Vec<u8> {
    let (algorithm, signature) = match alg {
        SigAlg::EcdsaP256Sha256 => {
            (der::sequence(&[&der::oid(oid::ECDSA_WITH_SHA256)]), ecdsa_der(signature))
        }
        SigAlg::RsaPkcs1Sha256 => {
            (der::sequence(&[&der::oid(oid::SHA256_WITH_RSA), &[tag::NULL, 0]]), signature.to_vec())
        }
    };
    let mut bits = Vec::with_capacity(signature.len() + 1);
    bits.push(0); // no unused bits
    bits.extend_from_slice(&signature);
    der::sequence(&[info_der, &algorithm, &der::write(tag::BIT_STRING, &bits)])
}

/// An ECDSA signature as X.509 wants it, `SEQUENCE { INTEGER r, INTEGER s }`
/// (minimal, positive), from WebCrypto's IEEE P1363 form r‖s (two halves
/// of equal length: 64 bytes for P-256). Bytes of odd length, which no
/// P1363 signature has, are kept as they are.
pub fn ecdsa_der(raw: &[u8]) -> Vec<u8> {
    match raw.split_at_checked(raw.len() / 2) {
        Some((r, s)) if r.len() == s.len() && !r.is_empty() => {
            der::sequence(&[&der::unsigned(r), &der::unsigned(s)])
        }
        _ => raw.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::csr::{check, Csr, CsrProblem};
    use crate::x509::der::Reader;
    use crate::x509::key::KeyKind;
    use crate::x509::name::Name;
    use crate::x509::san::San;
    use crate::x509::{fixtures, pem, Problem};

    /// A request's parts: the info's bytes, the algorithm's, the signature.
    fn parts(der: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let mut r = Reader::single(der, tag::SEQUENCE).unwrap().contents().unwrap();
        let info = r.expect(tag::SEQUENCE).unwrap().raw.to_vec();
        let algorithm = r.expect(tag::SEQUENCE).unwrap().raw.to_vec();
        let signature = r.expect(tag::BIT_STRING).unwrap().bit_string().unwrap().to_vec();
        (info, algorithm, signature)
    }

    /// An ECDSA DER signature back to r‖s (the test's own, plain reading).
    fn raw_signature(der_sig: &[u8]) -> Vec<u8> {
        let mut r = Reader::single(der_sig, tag::SEQUENCE).unwrap().contents().unwrap();
        let mut out = Vec::new();
        for _ in 0..2 {
            let n = r.expect(tag::INTEGER).unwrap().value;
            let n = n.strip_prefix(&[0]).unwrap_or(n);
            out.extend(std::iter::repeat_n(0, 32 - n.len()));
            out.extend_from_slice(n);
        }
        out
    }

    fn spki_of(csr_pem: &str) -> Vec<u8> {
        let der = pem::blocks(csr_pem).remove(0).der;
        let (info, _, _) = parts(&der);
        let mut i = Reader::single(&info, tag::SEQUENCE).unwrap().contents().unwrap();
        i.expect(tag::INTEGER).unwrap();
        i.expect(tag::SEQUENCE).unwrap();
        i.expect(tag::SEQUENCE).unwrap().raw.to_vec()
    }

    fn an() -> Subject {
        Subject {
            common_name: "anshop.vn".into(),
            organization: "Cong ty An".into(),
            country: "vn".into(),
            ..Subject::default()
        }
    }

    /// openssl's requests, taken apart and put back with `assemble`, come
    /// out byte for byte: the algorithm identifiers and the ECDSA
    /// signature's DER are what openssl writes.
    #[test]
    fn assemble_rebuilds_openssl_requests() {
        for (text, alg) in [
            (fixtures::EC_CSR, SigAlg::EcdsaP256Sha256),
            (fixtures::EC_NOSAN_CSR, SigAlg::EcdsaP256Sha256),
            (fixtures::VN_CSR, SigAlg::EcdsaP256Sha256),
            (fixtures::NOCN_CSR, SigAlg::EcdsaP256Sha256),
            (fixtures::RSA_CSR, SigAlg::RsaPkcs1Sha256),
            (fixtures::RSA_NOSAN_CSR, SigAlg::RsaPkcs1Sha256),
        ] {
            let der = pem::blocks(text).remove(0).der;
            let (info, _, signature) = parts(&der);
            let signature = match alg {
                SigAlg::EcdsaP256Sha256 => raw_signature(&signature),
                SigAlg::RsaPkcs1Sha256 => signature,
            };
            assert_eq!(assemble(&info, alg, &signature), der);
            assert_eq!(pem::encode("CERTIFICATE REQUEST", &der), text);
        }
    }

    #[test]
    fn ecdsa_signatures_become_minimal_positive_integers() {
        let mut raw = [0u8; 64];
        raw[0] = 0x80; // r's high bit set: a zero byte in front
        raw[31] = 1;
        raw[34] = 0x7f; // s with two zero bytes in front: dropped
        raw[63] = 2;
        let der = ecdsa_der(&raw);
        let mut expected = vec![0x30, 0x43, 0x02, 0x21, 0x00, 0x80];
        expected.extend([0; 30]);
        expected.extend([1, 0x02, 0x1e, 0x7f]);
        expected.extend([0; 28]);
        expected.push(2);
        assert_eq!(der, expected);
        assert_eq!(raw_signature(&der), raw);
        // r = 0 is written as one zero byte
        assert_eq!(ecdsa_der(&[0; 64]), [0x30, 6, 2, 1, 0, 2, 1, 0]);
        // any curve's r‖s (P-384: 96 bytes, two INTEGERs of 2 + 48 bytes);
        // what cannot be r‖s is kept
        assert_eq!(ecdsa_der(&[0x7f; 96]).get(..4), Some(&[0x30, 0x64, 2, 0x30][..]));
        assert_eq!(ecdsa_der(&[1; 63]), [1; 63]);
        assert_eq!(ecdsa_der(&[]), [0; 0]);
    }

    #[test]
    fn subject_strings_take_the_narrowest_type() {
        let subject = Subject {
            common_name: " xn--nhdng-wqa16kod.vn ".into(),
            organization: "Công ty TNHH Ánh Dương".into(),
            organizational_unit: "R&D".into(),
            locality: "Ha Noi".into(),
            state: String::new(),
            country: "vn".into(),
            email: "admin@anshop.vn".into(),
        };
        assert_eq!(subject.check(), Ok(()));
        let der = subject.to_der();
        let name = Name::from_tlv(&Reader::single(&der, tag::SEQUENCE).unwrap()).unwrap();
        assert_eq!(
            name.to_string(),
            "C=VN, L=Ha Noi, O=Công ty TNHH Ánh Dương, OU=R&D, CN=xn--nhdng-wqa16kod.vn, \
             emailAddress=admin@anshop.vn"
        );
        // the string type of each value, in order
        let mut tags = Vec::new();
        let mut rdns = Reader::single(&der, tag::SEQUENCE).unwrap().contents().unwrap();
        while !rdns.is_empty() {
            let mut set = rdns.expect(tag::SET).unwrap().contents().unwrap();
            let mut pair = set.expect(tag::SEQUENCE).unwrap().contents().unwrap();
            pair.expect(tag::OID).unwrap();
            tags.push(pair.any().unwrap().tag);
        }
        use tag::{IA5_STRING as IA5, PRINTABLE_STRING as PS, UTF8_STRING as UTF8};
        assert_eq!(tags, [PS, PS, UTF8, UTF8, PS, IA5]);
    }

    #[test]
    fn subject_problems() {
        let with = |f: &dyn Fn(&mut Subject)| {
            let mut s = an();
            f(&mut s);
            s.check()
        };
        assert_eq!(with(&|s| s.common_name = "  ".into()), Err(BuildProblem::NoCommonName));
        assert_eq!(
            with(&|s| s.common_name = "a".repeat(65)),
            Err(BuildProblem::TooLong(SubjectField::CommonName))
        );
        assert!(with(&|s| s.common_name = "ệ".repeat(64)).is_ok(), "characters, not bytes");
        assert_eq!(
            with(&|s| s.locality = "a".repeat(129)),
            Err(BuildProblem::TooLong(SubjectField::Locality))
        );
        for bad in ["VNM", "V", "V1", "Việt"] {
            assert_eq!(
                with(&|s| s.country = bad.into()),
                Err(BuildProblem::Invalid(SubjectField::Country)),
                "{bad}"
            );
        }
        for bad in ["an", "an@", "@an.vn", "a@b@c", "a b@c.vn", "an@bến.vn"] {
            assert_eq!(
                with(&|s| s.email = bad.into()),
                Err(BuildProblem::Invalid(SubjectField::Email)),
                "{bad}"
            );
        }
        assert_eq!(
            with(&|s| s.email = format!("{}@an.vn", "a".repeat(250))),
            Err(BuildProblem::TooLong(SubjectField::Email))
        );
        assert_eq!(
            with(&|s| s.organization = "Cong\nty".into()),
            Err(BuildProblem::Invalid(SubjectField::Organization))
        );
    }

    #[test]
    fn request_info_reads_back() {
        let spki = spki_of(fixtures::EC_CSR);
        let sans = ["AnShop.vn", "www.anshop.vn", " anshop.vn ", ""];
        assert_eq!(validate(&an(), &sans), Ok(()));
        let info = request_info(&an(), &sans, &spki);
        // a placeholder signature: the structure is what is checked here
        let der = assemble(&info, SigAlg::EcdsaP256Sha256, &[0x11; 64]);
        let csr = Csr::from_der(&der).unwrap();
        assert_eq!(csr.subject.to_string(), "C=VN, O=Cong ty An, CN=anshop.vn");
        assert_eq!(csr.sans, [San::Dns("anshop.vn".into()), San::Dns("www.anshop.vn".into())]);
        assert_eq!(csr.key, KeyKind::Ec { curve: "P-256".into() });
        assert_eq!(csr.signature_algorithm, "ecdsa-with-SHA256");
        let text = pem::encode("CERTIFICATE REQUEST", &der);
        assert_eq!(check(&text).unwrap(), csr);
        // without SANs: an empty attribute list, as openssl writes it
        let info = request_info::<&str>(&an(), &[], &spki);
        assert!(info.ends_with(&[0xa0, 0x00]));
        let der = assemble(&info, SigAlg::EcdsaP256Sha256, &[1; 64]);
        assert!(Csr::from_der(&der).unwrap().sans.is_empty());
        // an RSA key
        let spki = spki_of(fixtures::RSA_CSR);
        let info = request_info(&an(), &["anshop.vn"], &spki);
        let der = assemble(&info, SigAlg::RsaPkcs1Sha256, &[0x22; 256]);
        let csr = check(&pem::encode("CERTIFICATE REQUEST", &der)).unwrap();
        assert_eq!(csr.key, KeyKind::Rsa { bits: 2048 });
        assert_eq!(csr.signature_algorithm, "sha256WithRSAEncryption");
    }

    #[test]
    fn alternative_names_are_checked() {
        let long_label = "a".repeat(64);
        for bad in ["bến.vn", "an shop.vn", "an..vn", ".an.vn", "a@an.vn", &long_label] {
            assert_eq!(validate(&an(), &[bad]), Err(BuildProblem::San(bad.into())));
        }
        assert_eq!(validate(&an(), &["*.anshop.vn", "_dmarc.AnShop.vn", " "]), Ok(()));
        let no_cn = Subject { common_name: String::new(), ..an() };
        assert_eq!(validate(&no_cn, &["a.vn"]), Err(BuildProblem::NoCommonName));
    }

    /// What `validate` refuses is still written as valid DER (the CA will
    /// refuse it), never as a string type that cannot hold it.
    #[test]
    fn refused_subjects_are_still_well_formed() {
        let odd = Subject {
            common_name: String::new(),
            country: "Việt".into(),
            email: "an@bến.vn".into(),
            ..an()
        };
        let info = request_info(&odd, &["bến.vn"], &spki_of(fixtures::EC_CSR));
        let der = assemble(&info, SigAlg::EcdsaP256Sha256, &[1; 64]);
        let csr = Csr::from_der(&der).unwrap();
        assert_eq!(csr.subject.to_string(), "C=VIệT, O=Cong ty An, emailAddress=an@bến.vn");
        assert_eq!(csr.sans, [San::Dns("bến.vn".into())]);
        assert_eq!(check(&pem::encode("CERTIFICATE REQUEST", &der)), Err(CsrProblem::NoCommonName));
        assert_eq!(
            Csr::from_der(&info).err(),
            Some(Problem::Unexpected { expected: tag::SEQUENCE, found: Some(tag::INTEGER) })
        );
    }
}

/// The built requests checked by others: `ring` signs (as WebCrypto
/// would), `x509-parser` reads the request and verifies its signature, and
/// `openssl req -verify` too when it is installed. Host only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod independent {
    use super::*;
    use crate::x509::csr::check;
    use crate::x509::key::KeyKind;
    use crate::x509::pem;
    use ring::rand::SystemRandom;
    use ring::signature::{self as sig, EcdsaKeyPair, KeyPair, RsaKeyPair};
    use std::path::PathBuf;
    use std::process::Command;
    use x509_parser::certification_request::X509CertificationRequest;
    use x509_parser::extensions::{GeneralName, ParsedExtension};
    use x509_parser::prelude::FromDer;

    /// The SubjectPublicKeyInfo header of every P-256 key (RFC 5480), then
    /// the 65-byte point: what WebCrypto's `exportKey("spki")` returns.
    const P256_SPKI_HEADER: [u8; 26] = [
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ];

    fn subject() -> Subject {
        Subject {
            common_name: "anshop.vn".into(),
            organization: "Công ty TNHH Ánh Dương".into(),
            organizational_unit: "Web".into(),
            locality: "Hà Nội".into(),
            state: "Ha Noi".into(),
            country: "VN".into(),
            email: "admin@anshop.vn".into(),
        }
    }

    const SANS: [&str; 2] = ["anshop.vn", "www.anshop.vn"];

    /// Reads the request with x509-parser and verifies its signature.
    fn verify_with_x509_parser(der: &[u8]) {
        let (rest, req) = X509CertificationRequest::from_der(der).expect("x509-parser reads it");
        assert!(rest.is_empty());
        req.verify_signature().expect("x509-parser verifies the signature");
        let info = &req.certification_request_info;
        let cn: Vec<&str> = info.subject.iter_common_name().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(cn, ["anshop.vn"]);
        let o: Vec<&str> = info.subject.iter_organization().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(o, ["Công ty TNHH Ánh Dương"]);
        let mut dns = Vec::new();
        for ext in req.requested_extensions().expect("an extension request") {
            if let ParsedExtension::SubjectAlternativeName(san) = ext {
                for name in &san.general_names {
                    if let GeneralName::DNSName(n) = name {
                        dns.push(n.to_string());
                    }
                }
            }
        }
        assert_eq!(dns, SANS);
    }

    /// `openssl req -verify` on the request, if openssl is installed.
    fn verify_with_openssl(der: &[u8], name: &str) {
        let Some(dir) = scratch(name) else { return };
        let path = dir.join("req.der");
        std::fs::write(&path, der).unwrap();
        let out = Command::new("openssl")
            .args(["req", "-inform", "DER", "-verify", "-noout", "-in"])
            .arg(&path)
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        let out = out.unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    fn has_openssl() -> bool {
        Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success())
    }

    /// A fresh temporary directory, or `None` (quietly) without openssl.
    fn scratch(name: &str) -> Option<PathBuf> {
        if !has_openssl() {
            eprintln!("openssl not found: {name} is not checked by openssl");
            return None;
        }
        let dir = std::env::temp_dir().join(format!("portal-x509-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Some(dir)
    }

    #[test]
    fn an_ecdsa_request_verifies() {
        let rng = SystemRandom::new();
        let alg = &sig::ECDSA_P256_SHA256_FIXED_SIGNING;
        // several keys and signatures: r and s with and without the high bit
        for round in 0..8 {
            let pkcs8 = EcdsaKeyPair::generate_pkcs8(alg, &rng).unwrap();
            let key = EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng).unwrap();
            let spki = [&P256_SPKI_HEADER[..], key.public_key().as_ref()].concat();
            assert_eq!(validate(&subject(), &SANS), Ok(()));
            let info = request_info(&subject(), &SANS, &spki);
            let raw = key.sign(&rng, &info).unwrap();
            assert_eq!(raw.as_ref().len(), 64, "P1363, as WebCrypto gives it");
            let der = assemble(&info, SigAlg::EcdsaP256Sha256, raw.as_ref());
            verify_with_x509_parser(&der);
            let csr = check(&pem::encode("CERTIFICATE REQUEST", &der)).unwrap();
            assert_eq!(csr.names(), SANS);
            if round == 0 {
                verify_with_openssl(&der, "ecdsa");
            }
            // a signature of other bytes does not verify
            let mut other = info.clone();
            if let Some(last) = other.last_mut() {
                *last ^= 1;
            }
            let forged = assemble(&other, SigAlg::EcdsaP256Sha256, raw.as_ref());
            let (_, req) = X509CertificationRequest::from_der(&forged).unwrap();
            assert!(req.verify_signature().is_err());
        }
    }

    /// RSA: `ring` cannot make RSA keys, so openssl makes one (in a
    /// temporary directory, deleted after); skipped without openssl.
    #[test]
    fn an_rsa_request_verifies() {
        let Some(dir) = scratch("rsa") else { return };
        let key_path = dir.join("key.der");
        let spki_path = dir.join("spki.der");
        let made = Command::new("openssl")
            .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            .args(["-outform", "DER", "-out"])
            .arg(&key_path)
            .status()
            .unwrap()
            .success()
            && Command::new("openssl")
                .args(["pkey", "-inform", "DER", "-pubout", "-outform", "DER", "-in"])
                .arg(&key_path)
                .arg("-out")
                .arg(&spki_path)
                .status()
                .unwrap()
                .success();
        let private = std::fs::read(&key_path);
        let spki = std::fs::read(&spki_path);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(made);
        // openssl 3.0 writes an RSAPrivateKey (PKCS#1) here, later ones PKCS#8
        let private = private.unwrap();
        let key =
            RsaKeyPair::from_pkcs8(&private).or_else(|_| RsaKeyPair::from_der(&private)).unwrap();
        let spki = spki.unwrap();
        assert_eq!(KeyKind::from_spki_der(&spki), Ok(KeyKind::Rsa { bits: 2048 }));

        let info = request_info(&subject(), &SANS, &spki);
        let mut signature = vec![0; key.public().modulus_len()];
        key.sign(&sig::RSA_PKCS1_SHA256, &SystemRandom::new(), &info, &mut signature).unwrap();
        let der = assemble(&info, SigAlg::RsaPkcs1Sha256, &signature);
        verify_with_x509_parser(&der);
        let csr = check(&pem::encode("NEW CERTIFICATE REQUEST", &der)).unwrap();
        assert_eq!(csr.key, KeyKind::Rsa { bits: 2048 });
        verify_with_openssl(&der, "rsa-verify");
    }
}
