//! Object identifiers: the ones the portal names, as their DER contents
//! (compared byte for byte), and any other written out dotted (`1.2.3`).

/// Names of the subject and issuer attributes.
pub const CN: &[u8] = &[0x55, 0x04, 0x03];
pub const SERIAL_NUMBER: &[u8] = &[0x55, 0x04, 0x05];
pub const C: &[u8] = &[0x55, 0x04, 0x06];
pub const L: &[u8] = &[0x55, 0x04, 0x07];
pub const ST: &[u8] = &[0x55, 0x04, 0x08];
pub const O: &[u8] = &[0x55, 0x04, 0x0a];
pub const OU: &[u8] = &[0x55, 0x04, 0x0b];
pub const EMAIL_ADDRESS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];

/// Public key algorithms and curves.
pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
pub const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
pub const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
pub const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

/// Signature algorithms.
pub const SHA256_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
pub const ECDSA_WITH_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];

/// Extensions, and the CSR attribute that carries them.
pub const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
pub const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
pub const EXTENSION_REQUEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e];
/// Microsoft's older name for the extension request (certreq).
pub const MS_EXTENSION_REQUEST: &[u8] =
    &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x0e];

const ATTRIBUTES: &[(&[u8], &str)] = &[
    (CN, "CN"),
    (O, "O"),
    (OU, "OU"),
    (L, "L"),
    (ST, "ST"),
    (C, "C"),
    (EMAIL_ADDRESS, "emailAddress"),
    (SERIAL_NUMBER, "serialNumber"),
];

const SIGNATURES: &[(&[u8], &str)] = &[
    (SHA256_WITH_RSA, "sha256WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c], "sha384WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d], "sha512WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e], "sha224WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05], "sha1WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04], "md5WithRSAEncryption"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a], "rsassaPss"),
    (ECDSA_WITH_SHA256, "ecdsa-with-SHA256"),
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03], "ecdsa-with-SHA384"),
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04], "ecdsa-with-SHA512"),
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01], "ecdsa-with-SHA224"),
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01], "ecdsa-with-SHA1"),
    (ED25519, "ED25519"),
    (&[0x2b, 0x65, 0x71], "ED448"),
];

const CURVES: &[(&[u8], &str)] = &[(P256, "P-256"), (P384, "P-384"), (P521, "P-521")];

fn named(table: &[(&[u8], &'static str)], oid: &[u8]) -> String {
    match table.iter().find(|(o, _)| *o == oid) {
        Some((_, name)) => (*name).to_owned(),
        None => dotted(oid).unwrap_or_else(|| "?".to_owned()),
    }
}

/// An attribute's short name (`CN`, `O`, `emailAddress`…), else dotted.
pub fn attribute_name(oid: &[u8]) -> String {
    named(ATTRIBUTES, oid)
}

/// A signature algorithm's name as OpenSSL prints it, else dotted.
pub fn signature_name(oid: &[u8]) -> String {
    named(SIGNATURES, oid)
}

/// A named curve (`P-256`, `P-384`, `P-521`), else dotted.
pub fn curve_name(oid: &[u8]) -> String {
    named(CURVES, oid)
}

/// The dotted form of an OID's DER contents; `None` when they are not an
/// OID (empty, an arc cut short or padded, an arc over 64 bits).
pub fn dotted(oid: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    let mut fresh = true;
    for &b in oid {
        if fresh && b == 0x80 {
            return None; // a padded arc
        }
        if value > u64::MAX >> 7 {
            return None;
        }
        value = (value << 7) | u64::from(b & 0x7f);
        fresh = b & 0x80 == 0;
        if fresh {
            arcs.push(value);
            value = 0;
        }
    }
    if !fresh {
        return None;
    }
    let (&first, rest) = arcs.split_first()?;
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{a}.{b}");
    for arc in rest {
        out.push('.');
        out.push_str(&arc.to_string());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_oids_they_name() {
        let expected = [
            (CN, "2.5.4.3"),
            (SERIAL_NUMBER, "2.5.4.5"),
            (C, "2.5.4.6"),
            (L, "2.5.4.7"),
            (ST, "2.5.4.8"),
            (O, "2.5.4.10"),
            (OU, "2.5.4.11"),
            (EMAIL_ADDRESS, "1.2.840.113549.1.9.1"),
            (RSA_ENCRYPTION, "1.2.840.113549.1.1.1"),
            (EC_PUBLIC_KEY, "1.2.840.10045.2.1"),
            (ED25519, "1.3.101.112"),
            (P256, "1.2.840.10045.3.1.7"),
            (P384, "1.3.132.0.34"),
            (P521, "1.3.132.0.35"),
            (SHA256_WITH_RSA, "1.2.840.113549.1.1.11"),
            (ECDSA_WITH_SHA256, "1.2.840.10045.4.3.2"),
            (SUBJECT_ALT_NAME, "2.5.29.17"),
            (BASIC_CONSTRAINTS, "2.5.29.19"),
            (EXTENSION_REQUEST, "1.2.840.113549.1.9.14"),
            (MS_EXTENSION_REQUEST, "1.3.6.1.4.1.311.2.1.14"),
        ];
        for (oid, text) in expected {
            assert_eq!(dotted(oid).as_deref(), Some(text));
        }
        let signatures = [
            ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
            ("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
            ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            ("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
            ("1.2.840.113549.1.1.10", "rsassaPss"),
            ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            ("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
            ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            ("1.3.101.113", "ED448"),
        ];
        for (text, name) in signatures {
            let (oid, _) = SIGNATURES.iter().find(|(_, n)| *n == name).unwrap();
            assert_eq!(dotted(oid).as_deref(), Some(text), "{name}");
        }
    }

    #[test]
    fn unknown_oids_are_dotted() {
        // 2.999.3 (the first arc over 80, a two-byte arc), 1.3.6.1.4.1.311.60.2.1.3
        assert_eq!(attribute_name(&[0x88, 0x37, 0x03]), "2.999.3");
        let jurisdiction = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03];
        assert_eq!(attribute_name(&jurisdiction), "1.3.6.1.4.1.311.60.2.1.3");
        assert_eq!(curve_name(&[0x2b, 0x81, 0x04, 0x00, 0x0a]), "1.3.132.0.10");
        assert_eq!(signature_name(ECDSA_WITH_SHA256), "ecdsa-with-SHA256");
        assert_eq!(attribute_name(EMAIL_ADDRESS), "emailAddress");
        assert_eq!(dotted(&[0x00]).as_deref(), Some("0.0"));
    }

    #[test]
    fn broken_oids_are_refused() {
        assert_eq!(dotted(&[]), None);
        assert_eq!(dotted(&[0x2a, 0x86]), None, "arc cut short");
        assert_eq!(dotted(&[0x2a, 0x80, 0x01]), None, "padded arc");
        assert_eq!(
            dotted(&[0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
            None
        );
        assert_eq!(signature_name(&[0x86]), "?");
    }
}
