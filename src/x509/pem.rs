//! PEM text (RFC 7468): the `-----BEGIN …-----` / `-----END …-----`
//! blocks of a pasted text, and one written out.
//!
//! Read leniently, as people paste: CRLF or LF, spaces around lines, text
//! before, between and after the blocks (the `subject=…` lines `openssl`
//! prints before each certificate of a chain), a whole block on one line,
//! the `Proc-Type:`/`DEK-Info:` headers of an old encrypted key. A BEGIN
//! without its END (or with another label's END) is no block.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A decoded block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What stands after `BEGIN` (`CERTIFICATE`, `PRIVATE KEY`…).
    pub label: String,
    pub der: Vec<u8>,
}

/// A BEGIN/END pair whose body is not base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadBlock {
    pub label: String,
}

const BEGIN: &str = "-----BEGIN ";
const DASHES: &str = "-----";

/// Every BEGIN/END pair of `text` in order, decoded or not.
pub fn read(text: &str) -> Vec<Result<Block, BadBlock>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some((_, after_begin)) = rest.split_once(BEGIN) {
        let Some((label, body_and_rest)) = after_begin.split_once(DASHES) else { break };
        let label = label.trim();
        if label.is_empty() || label.contains(|c: char| c.is_control()) {
            rest = after_begin; // not a BEGIN line after all
            continue;
        }
        let end = format!("-----END {label}-----");
        let next_begin = body_and_rest.find(BEGIN);
        match body_and_rest.split_once(&end) {
            Some((body, after)) if next_begin.is_none_or(|b| body.len() <= b) => {
                found.push(
                    decode(body)
                        .map(|der| Block { label: label.to_owned(), der })
                        .ok_or(BadBlock { label: label.to_owned() }),
                );
                rest = after;
            }
            // no END before the next BEGIN: this one is unfinished
            _ => rest = body_and_rest,
        }
    }
    found
}

/// Every block of `text` whose body decodes, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    read(text).into_iter().flatten().collect()
}

/// The body's base64 (headers and blanks left out), decoded; `None` when
/// it is not base64 or holds nothing.
fn decode(body: &str) -> Option<Vec<u8>> {
    let b64: String = body
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD.decode(b64.as_bytes()).ok().filter(|der| !der.is_empty())
}

/// `der` as a PEM block: 64 characters a line, a newline at the end.
pub fn encode(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 2 * label.len() + 40);
    out.push_str(BEGIN);
    out.push_str(label);
    out.push_str("-----\n");
    for (i, c) in b64.chars().enumerate() {
        if i > 0 && i % 64 == 0 {
            out.push('\n');
        }
        out.push(c);
    }
    if !b64.is_empty() {
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::fixtures;

    #[test]
    fn encode_writes_64_character_lines() {
        let der: Vec<u8> = (0..=255u8).collect();
        let pem = encode("CERTIFICATE REQUEST", &der);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE REQUEST-----"));
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE REQUEST-----"));
        // 256 bytes → 344 base64 characters → 5 full lines and one of 24
        let body = &lines[1..lines.len() - 1];
        assert_eq!(body.iter().map(|l| l.len()).collect::<Vec<_>>(), [64, 64, 64, 64, 64, 24]);
        assert!(pem.ends_with("-----\n") && !pem.ends_with("\n\n"));
        assert_eq!(blocks(&pem), [Block { label: "CERTIFICATE REQUEST".into(), der }]);
        // exactly one full line: no empty line before END
        let pem = encode("X", &[0; 48]);
        assert_eq!(pem.lines().count(), 3);
    }

    #[test]
    fn encode_matches_openssl() {
        // openssl wrote the fixture; writing its bytes again gives its text
        let text = fixtures::EC_CSR;
        let block = blocks(text).remove(0);
        assert_eq!(encode(&block.label, &block.der), text);
    }

    #[test]
    fn a_chain_with_openssl_lines_between() {
        let chain = blocks(fixtures::CHAIN);
        assert_eq!(chain.len(), 2);
        assert!(chain.iter().all(|b| b.label == "CERTIFICATE"));
        assert_eq!(chain[0].der, blocks(fixtures::EC_LEAF)[0].der);
        assert_eq!(chain[1].der, blocks(fixtures::INTERMEDIATE)[0].der);
    }

    #[test]
    fn pasted_text_is_taken_as_pasted() {
        let der = blocks(fixtures::CHAIN).into_iter().map(|b| b.der).collect::<Vec<_>>();
        let crlf_and_spaces: String =
            fixtures::CHAIN.lines().map(|l| format!("   {l}  \r\n")).collect();
        let one_line = fixtures::CHAIN.replace('\n', " ");
        let tabs = format!("Here is my chain:\t\n\n{}\n\nThanks!", fixtures::CHAIN);
        for text in [crlf_and_spaces, one_line, tabs] {
            let got: Vec<_> = blocks(&text).into_iter().map(|b| b.der).collect();
            assert_eq!(got, der, "{text:?}");
        }
    }

    #[test]
    fn unfinished_or_mismatched_blocks_are_no_blocks() {
        let leaf = fixtures::EC_LEAF;
        let no_end = leaf.replace("-----END CERTIFICATE-----", "");
        assert!(read(&no_end).is_empty());
        let other_end = leaf.replace("END CERTIFICATE", "END CERTIFICATE REQUEST");
        assert!(read(&other_end).is_empty());
        // a BEGIN left open before a whole block: only the whole one counts
        let text = format!("-----BEGIN CERTIFICATE-----\nMIIB\n{}", fixtures::EC_CSR);
        let found = blocks(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "CERTIFICATE REQUEST");
        // the same label: the open BEGIN must not take the next block's END
        let text = format!("-----BEGIN CERTIFICATE-----\nMIIB\n{leaf}");
        assert_eq!(read(&text), [Ok(blocks(leaf).remove(0))]);
        assert!(read("-----BEGIN -----\nQUJD\n----- END -----").is_empty());
        assert!(read("no PEM here").is_empty());
    }

    #[test]
    fn bad_bodies_are_reported_with_their_label() {
        let text = "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n";
        assert_eq!(read(text), [Err(BadBlock { label: "PRIVATE KEY".into() })]);
        assert!(blocks(text).is_empty());
        let empty = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----";
        assert_eq!(read(empty), [Err(BadBlock { label: "CERTIFICATE".into() })]);
        // a missing character in the middle breaks the padding
        let broken = fixtures::EC_CSR.replacen("MII", "MI", 1);
        assert!(matches!(read(&broken)[..], [Err(_)]));
    }

    #[test]
    fn headers_of_an_encrypted_key_are_skipped() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                    DEK-Info: AES-128-CBC,0011\n\nQUJD\n-----END RSA PRIVATE KEY-----";
        assert_eq!(blocks(text), [Block { label: "RSA PRIVATE KEY".into(), der: b"ABC".to_vec() }]);
    }
}
