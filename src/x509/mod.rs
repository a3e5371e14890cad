//! X.509 for the SSL pages, in pure Rust (no crypto, no browser API; pure
//! and host-tested):
//!
//! - `der`: a DER reader that never panics (bounds-checked, definite
//!   lengths, nesting limited) and the writers a request needs;
//! - `pem`: the blocks of a pasted text, and a block written out;
//! - `cert`: a certificate's names, dates, key and SANs, and a chain;
//! - `csr`: a pasted request read and checked (`csr::check`), and one built
//!   for a key made by WebCrypto (`csr::request_info`, `csr::assemble`).
//!
//! Signatures are neither made nor verified here: WebCrypto signs, the CA
//! verifies.

mod build;
pub mod cert;
pub mod csr;
pub mod der;
pub mod key;
pub mod name;
pub mod oid;
pub mod pem;
pub mod san;
pub mod time;

pub use cert::{chain, Certificate};
pub use csr::{Csr, CsrProblem};
pub use key::KeyKind;
pub use name::Name;
pub use san::San;
pub use time::DateTime;

/// Why bytes are not the structure they should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The bytes end inside a value (or a length points past them).
    Truncated,
    /// Not DER: an indefinite length, a length of more than 4 bytes, a
    /// multi-byte tag.
    NotDer,
    /// Another value (or none) where the structure has one with tag
    /// `expected`.
    Unexpected { expected: u8, found: Option<u8> },
    /// Values nested deeper than [`der::MAX_DEPTH`].
    TooDeep,
    /// Bytes after the value.
    TrailingData,
    /// A value that cannot be what its place needs (what it should be).
    BadValue(&'static str),
    /// (PEM) a certificate block whose body is not base64.
    NotBase64,
}

/// The files of fixtures/certs (see its README).
#[cfg(test)]
pub(crate) mod fixtures {
    pub const CA: &str = include_str!("../../fixtures/certs/ca.pem");
    pub const INTERMEDIATE: &str = include_str!("../../fixtures/certs/intermediate.pem");
    pub const EC_LEAF: &str = include_str!("../../fixtures/certs/ec-leaf.pem");
    pub const RSA_LEAF: &str = include_str!("../../fixtures/certs/rsa-leaf.pem");
    pub const CHAIN: &str = include_str!("../../fixtures/certs/chain.pem");
    pub const VN_LEAF: &str = include_str!("../../fixtures/certs/vn-leaf.pem");
    pub const LONG: &str = include_str!("../../fixtures/certs/long.pem");
    pub const ED25519: &str = include_str!("../../fixtures/certs/ed25519.pem");
    pub const EC_CSR: &str = include_str!("../../fixtures/certs/ec.csr");
    pub const EC_NOSAN_CSR: &str = include_str!("../../fixtures/certs/ec-nosan.csr");
    pub const RSA_CSR: &str = include_str!("../../fixtures/certs/rsa.csr");
    pub const RSA_NOSAN_CSR: &str = include_str!("../../fixtures/certs/rsa-nosan.csr");
    pub const VN_CSR: &str = include_str!("../../fixtures/certs/vn.csr");
    pub const NOCN_CSR: &str = include_str!("../../fixtures/certs/nocn.csr");
    pub const OLD_CSR: &str = include_str!("../../fixtures/csr.pem");

    pub const ALL: [&str; 15] = [
        CA,
        INTERMEDIATE,
        EC_LEAF,
        RSA_LEAF,
        CHAIN,
        VN_LEAF,
        LONG,
        ED25519,
        EC_CSR,
        EC_NOSAN_CSR,
        RSA_CSR,
        RSA_NOSAN_CSR,
        VN_CSR,
        NOCN_CSR,
        OLD_CSR,
    ];
}

/// No input makes the readers panic (overflow checks are on in tests):
/// every truncation, byte changes and random bytes.
#[cfg(test)]
mod robustness {
    use super::*;

    use crate::util::Rng;

    /// Every reader on `bytes`; true when one of them took it.
    fn read_all(bytes: &[u8]) -> bool {
        let cert = Certificate::from_der(bytes).is_ok();
        let csr = Csr::from_der(bytes).is_ok();
        let key = KeyKind::from_spki_der(bytes).is_ok();
        let _ = der::validate(bytes);
        cert || csr || key
    }

    fn ders() -> Vec<Vec<u8>> {
        fixtures::ALL.iter().flat_map(|t| pem::blocks(t)).map(|b| b.der).collect()
    }

    #[test]
    fn every_truncation_is_refused() {
        for der in ders() {
            assert!(read_all(&der));
            for cut in 0..der.len() {
                assert!(!read_all(der.get(..cut).unwrap()), "cut at {cut}");
            }
        }
    }

    #[test]
    fn changed_bytes_do_not_panic() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut taken = 0;
        for der in ders() {
            // every byte changed once, to a random value
            for at in 0..der.len() {
                let mut bytes = der.clone();
                bytes[at] ^= (rng.next() as u8) | 1;
                taken += usize::from(read_all(&bytes));
            }
            // and a few at a time, lengths included
            for _ in 0..2_000 {
                let mut bytes = der.clone();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
                taken += usize::from(read_all(&bytes));
            }
        }
        // changes inside names, keys and signatures still read
        assert!(taken > 1_000, "{taken}");
    }

    #[test]
    fn random_bytes_do_not_panic() {
        let mut rng = Rng(42);
        for _ in 0..20_000 {
            let len = rng.below(300);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            // often a SEQUENCE whose length fits, to get past the first check
            if len > 4 && rng.below(2) == 0 {
                bytes[0] = 0x30;
                bytes[1] = 0x82;
                bytes[2] = ((len - 4) >> 8) as u8;
                bytes[3] = (len - 4) as u8;
            }
            read_all(&bytes);
        }
    }

    #[test]
    fn every_cut_of_the_pem_texts_does_not_panic() {
        let mut rng = Rng(7);
        for text in fixtures::ALL {
            for cut in (0..=text.len()).filter(|c| text.is_char_boundary(*c)) {
                let part = &text[..cut];
                let _ = csr::check(part);
                let _ = cert::chain(part);
                let _ = pem::read(part);
            }
            for _ in 0..500 {
                let mut bytes = text.as_bytes().to_vec();
                let at = rng.below(bytes.len());
                bytes[at] = b"-\n :=A/+"[rng.below(8)];
                let changed = String::from_utf8_lossy(&bytes);
                let _ = csr::check(&changed);
                let _ = cert::chain(&changed);
            }
        }
    }
}
