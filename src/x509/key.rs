//! Public keys (SubjectPublicKeyInfo) and signature algorithms.

use super::der::{tag, Reader, Tlv};
use super::{oid, Problem};
use std::fmt;

/// The kind and size of a public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// An elliptic-curve key: `P-256`, `P-384`, `P-521`, else the curve's
    /// dotted OID (`explicit` for a curve given by its parameters).
    Ec {
        curve: String,
    },
    /// RSA, with the modulus' length in bits.
    Rsa {
        bits: u32,
    },
    Ed25519,
    /// Another algorithm: its dotted OID.
    Other {
        oid: String,
    },
}

/// `EC P-256`, `RSA 2048`, `Ed25519`, the OID.
impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyKind::Ec { curve } => write!(f, "EC {curve}"),
            KeyKind::Rsa { bits } => write!(f, "RSA {bits}"),
            KeyKind::Ed25519 => f.write_str("Ed25519"),
            KeyKind::Other { oid } => f.write_str(oid),
        }
    }
}

impl KeyKind {
    /// Reads a SubjectPublicKeyInfo.
    pub fn from_spki(spki: &Tlv) -> Result<KeyKind, Problem> {
        let mut s = spki.contents()?;
        let algorithm = s.expect(tag::SEQUENCE)?;
        let key = s.expect(tag::BIT_STRING)?;
        s.finish()?;
        let mut a = algorithm.contents()?;
        let kind = a.expect(tag::OID)?;
        Ok(match kind.value {
            oid::RSA_ENCRYPTION => {
                let mut outer = key.nested(key.bit_string()?)?;
                let rsa = outer.expect(tag::SEQUENCE)?;
                outer.finish()?;
                let mut numbers = rsa.contents()?;
                let modulus = numbers.expect(tag::INTEGER)?;
                numbers.expect(tag::INTEGER)?;
                numbers.finish()?;
                KeyKind::Rsa { bits: bit_length(modulus.value) }
            }
            oid::EC_PUBLIC_KEY => {
                let curve = match a.optional(tag::OID)? {
                    Some(curve) => oid::curve_name(curve.value),
                    None => "explicit".to_owned(),
                };
                KeyKind::Ec { curve }
            }
            oid::ED25519 => KeyKind::Ed25519,
            other => KeyKind::Other { oid: oid::dotted(other).ok_or(Problem::BadValue("oid"))? },
        })
    }

    /// Reads a DER SubjectPublicKeyInfo as WebCrypto exports it (`spki`).
    pub fn from_spki_der(der: &[u8]) -> Result<KeyKind, Problem> {
        KeyKind::from_spki(&Reader::single(der, tag::SEQUENCE)?)
    }
}

/// The bits of a non-negative big-endian integer, leading zeros left out.
fn bit_length(big_endian: &[u8]) -> u32 {
    let skip = big_endian.iter().take_while(|b| **b == 0).count();
    let digits = big_endian.get(skip..).unwrap_or_default();
    match digits.first() {
        None => 0,
        Some(first) => {
            let bits = (digits.len() as u64 - 1) * 8 + u64::from(8 - first.leading_zeros());
            u32::try_from(bits).unwrap_or(u32::MAX)
        }
    }
}

/// The name of the signature algorithm of an AlgorithmIdentifier
/// (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`…), else its dotted OID.
pub fn signature_algorithm(algorithm: &Tlv) -> Result<String, Problem> {
    let mut a = algorithm.contents()?;
    let kind = a.expect(tag::OID)?;
    oid::dotted(kind.value).ok_or(Problem::BadValue("oid"))?;
    Ok(oid::signature_name(kind.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::der;

    fn spki(algorithm: &[&[u8]], key: &[u8]) -> Vec<u8> {
        let mut bits = vec![0];
        bits.extend_from_slice(key);
        der::sequence(&[&der::sequence(algorithm), &der::write(tag::BIT_STRING, &bits)])
    }

    #[test]
    fn rsa_bits_are_counted_from_the_modulus() {
        for (modulus, bits) in [
            (vec![0x00, 0x80, 0, 0], 24),
            (vec![0x7f, 0xff], 15),
            (vec![0x01], 1),
            (vec![0x00], 0),
            ([vec![0x00, 0xc0], vec![0; 255]].concat(), 2048),
        ] {
            let rsa = der::sequence(&[&der::write(tag::INTEGER, &modulus), &[2, 3, 1, 0, 1]]);
            let der = spki(&[&der::oid(oid::RSA_ENCRYPTION), &[5, 0]], &rsa);
            assert_eq!(KeyKind::from_spki_der(&der), Ok(KeyKind::Rsa { bits }));
        }
    }

    #[test]
    fn ec_curves_and_other_keys() {
        let ec = |curve: &[u8]| {
            KeyKind::from_spki_der(&spki(&[&der::oid(oid::EC_PUBLIC_KEY), &der::oid(curve)], &[4]))
        };
        assert_eq!(ec(oid::P256).unwrap().to_string(), "EC P-256");
        assert_eq!(ec(oid::P384).unwrap().to_string(), "EC P-384");
        assert_eq!(ec(oid::P521).unwrap().to_string(), "EC P-521");
        assert_eq!(ec(&[0x2b, 0x81, 0x04, 0x00, 0x0a]).unwrap().to_string(), "EC 1.3.132.0.10");
        let explicit = spki(&[&der::oid(oid::EC_PUBLIC_KEY), &der::sequence(&[])], &[4]);
        assert_eq!(KeyKind::from_spki_der(&explicit).unwrap().to_string(), "EC explicit");
        let ed = spki(&[&der::oid(oid::ED25519)], &[0; 32]);
        assert_eq!(KeyKind::from_spki_der(&ed), Ok(KeyKind::Ed25519));
        let x448 = spki(&[&der::oid(&[0x2b, 0x65, 0x6f])], &[0; 56]);
        assert_eq!(KeyKind::from_spki_der(&x448).unwrap().to_string(), "1.3.101.111");
    }

    #[test]
    fn broken_keys_are_refused() {
        // an RSA key whose BIT STRING holds no RSAPublicKey
        let der = spki(&[&der::oid(oid::RSA_ENCRYPTION), &[5, 0]], &[1, 2, 3]);
        assert!(KeyKind::from_spki_der(&der).is_err());
        // a good RSAPublicKey, but in a BIT STRING with bits left over
        let rsa = der::sequence(&[&[2, 2, 0x7f, 0xff], &[2, 3, 1, 0, 1]]);
        let good = spki(&[&der::oid(oid::RSA_ENCRYPTION)], &rsa);
        assert_eq!(KeyKind::from_spki_der(&good), Ok(KeyKind::Rsa { bits: 15 }));
        let bits = der::write(tag::BIT_STRING, &[&[3][..], &rsa].concat());
        let odd = der::sequence(&[&der::sequence(&[&der::oid(oid::RSA_ENCRYPTION)]), &bits]);
        assert_eq!(KeyKind::from_spki_der(&odd), Err(Problem::BadValue("bit string")));
        assert!(KeyKind::from_spki_der(&der::sequence(&[])).is_err());
    }
}
