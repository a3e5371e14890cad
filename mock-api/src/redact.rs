//! What the request log keeps of secrets and files. Tests still compare
//! what was sent, through stable stand-ins they can compute themselves
//! (`e2e/helpers.ts`: `redacted`, `redactedFile`):
//!
//! * the value of a key naming a secret ([`secret_key`]: `pass`, `secret`,
//!   `token`, `refresh` anywhere in the name, or an EPP/auth code) becomes
//!   `"[redacted sha256:<16 hex>]"`, the first 16 hex digits of the SHA-256
//!   of the value (a string as it is; a number or boolean as its JSON text;
//!   an array or object as serde_json's compact text). Empty strings and
//!   null stay as they are: they hide nothing.
//! * file data anywhere else ([`file_stand_in`]: a `data:…;base64,` URL, or
//!   a string of at least 64 base64 characters whose bytes start like a
//!   PNG, JPEG, GIF, WebP or PDF, or of at least 256 base64 characters)
//!   becomes `"[image/jpeg 187,342 bytes sha256:<16 hex>]"` (a data URL:
//!   `"[data:image/png 9,120 bytes sha256:…]"`): the type found in the
//!   first bytes (else the data URL's own, else
//!   `application/octet-stream`), the decoded size, and the SHA-256 of the
//!   whole string as sent.
//!
//! * a signing token in a path (`/domain/documents/view/<token>`,
//!   `/domain/documents/download/uploaded/<token>`) and the value of a query
//!   parameter naming a secret become the same `[redacted sha256:…]`
//!   stand-in, of the text as sent ([`path`], [`query`]).
//!
//! Only the log is redacted; handlers see the request as sent.

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Whether a field of this name holds a secret.
pub fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["pass", "secret", "token", "refresh"].iter().any(|w| k.contains(w))
        || matches!(k.as_str(), "epp" | "eppcode" | "epp_code" | "authcode" | "auth_code")
}

/// The first 16 hex digits of the SHA-256 of `text`.
pub fn short_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The stand-in of a secret.
pub fn secret_stand_in(text: &str) -> String {
    format!("[redacted sha256:{}]", short_sha256(text))
}

/// Paths whose last segment is a secret (a signing link's token).
const TOKEN_PATHS: [&str; 2] = ["/domain/documents/view/", "/domain/documents/download/uploaded/"];

/// A request path as the log keeps it: a token in it replaced by its stand-in.
pub fn path(path: &str) -> String {
    TOKEN_PATHS
        .iter()
        .find_map(|prefix| {
            let token = path.strip_prefix(prefix).filter(|t| !t.is_empty() && !t.contains('/'))?;
            Some(format!("{prefix}{}", secret_stand_in(token)))
        })
        .unwrap_or_else(|| path.to_owned())
}

/// A raw query string as the log keeps it: the value of every parameter
/// whose name names a secret replaced by its stand-in (as sent, still
/// percent-encoded).
pub fn query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if !value.is_empty() && secret_key(key) => {
                format!("{key}={}", secret_stand_in(value))
            }
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Redacts a parsed request body in place (see the module's notes).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if secret_key(key) {
                    redact_secret(v);
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        Value::String(s) => {
            if let Some(stand_in) = file_stand_in(s) {
                *s = stand_in;
            }
        }
        _ => {}
    }
}

fn redact_secret(value: &mut Value) {
    let text = match &*value {
        Value::Null => return,
        Value::String(s) if s.is_empty() => return,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    *value = Value::String(secret_stand_in(&text));
}

fn is_base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    text.len().is_multiple_of(4)
        && text.len() - body.len() <= 2
        && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// The type of a file by its first bytes.
fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG") {
        Some("image/png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF8") {
        Some("image/gif")
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// The stand-in of a string that carries file data, or `None` for any other
/// string.
pub fn file_stand_in(text: &str) -> Option<String> {
    let (declared, b64, prefix) = match text.strip_prefix("data:") {
        Some(rest) => {
            let (meta, data) = rest.split_once(',')?;
            let mime = meta.strip_suffix(";base64")?;
            let mime = mime.split(';').next().unwrap_or("").trim();
            (Some(mime).filter(|m| !m.is_empty()), data, "data:")
        }
        None => (None, text, ""),
    };
    if !is_base64(b64) {
        return None;
    }
    // The first 12 bytes (16 characters) are enough to tell the type.
    let head_len = b64.len().min(16);
    let head = base64::engine::general_purpose::STANDARD.decode(&b64[..head_len]).ok()?;
    let sniffed = sniff(&head);
    let is_file = !prefix.is_empty() || b64.len() >= 256 || (b64.len() >= 64 && sniffed.is_some());
    if !is_file {
        return None;
    }
    let padding = b64.len() - b64.trim_end_matches('=').len();
    let bytes = b64.len() / 4 * 3 - padding;
    let mime = sniffed.or(declared).unwrap_or("application/octet-stream");
    Some(format!("[{prefix}{mime} {} bytes sha256:{}]", thousands(bytes), short_sha256(text)))
}

/// `12345` → `"12,345"`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn secrets_by_key() {
        for k in ["password", "Password2", "passwd", "root_pass", "client_secret", "token"] {
            assert!(secret_key(k), "{k}");
        }
        for k in ["refresh_token", "refresh", "request_token", "epp", "EPPCode", "auth_code"] {
            assert!(secret_key(k), "{k}");
        }
        for k in ["username", "email", "promocode", "code", "image", "content", "domainsid"] {
            assert!(!secret_key(k), "{k}");
        }
        // sha256("Demo@2026"), by `printf %s Demo@2026 | sha256sum`
        assert_eq!(short_sha256("Demo@2026"), "6269bdc44514c668");
        let mut body = json!({"username": "demo@bkns.vn", "password": "Demo@2026",
            "nested": [{"refresh_token": "r.t.x", "pin": 5}], "token": "", "secret": null,
            "passnum": 1234});
        redact(&mut body);
        assert_eq!(
            body,
            json!({"username": "demo@bkns.vn", "password": secret_stand_in("Demo@2026"),
                "nested": [{"refresh_token": secret_stand_in("r.t.x"), "pin": 5}], "token": "",
                "secret": null, "passnum": secret_stand_in("1234")})
        );
        // stable: the same value, the same stand-in
        let mut again = json!({"password": "Demo@2026"});
        redact(&mut again);
        assert_eq!(again["password"], body["password"]);
    }

    #[test]
    fn files_anywhere() {
        let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 60]].concat();
        let jpeg = [[0xFF, 0xD8, 0xFF, 0xE0].as_slice(), &[1u8; 12_341]].concat();
        let url = format!("data:image/png;base64,{}", b64(&png));
        let mut body = json!({"image": b64(&jpeg), "sig": url, "list": [b64(&png)],
            "short": b64(b"%PDF-1.4"), "word": "abcd".repeat(20), "pem": "-----BEGIN X-----"});
        redact(&mut body);
        assert_eq!(
            body["image"],
            format!("[image/jpeg 12,345 bytes sha256:{}]", short_sha256(&b64(&jpeg)))
        );
        assert_eq!(body["sig"], format!("[data:image/png 68 bytes sha256:{}]", short_sha256(&url)));
        assert_eq!(
            body["list"][0],
            format!("[image/png 68 bytes sha256:{}]", short_sha256(&b64(&png)))
        );
        // short, or long but not a known file: kept
        assert_eq!(body["short"], b64(b"%PDF-1.4"));
        assert_eq!(body["word"], "abcd".repeat(20));
        assert_eq!(body["pem"], "-----BEGIN X-----");
        // long base64 of unknown bytes, a data URL of another type
        let blob = b64(&[7u8; 300]);
        assert_eq!(
            file_stand_in(&blob).unwrap(),
            format!("[application/octet-stream 300 bytes sha256:{}]", short_sha256(&blob))
        );
        let txt = format!("data:text/plain;charset=utf-8;base64,{}", b64(b"hi"));
        assert_eq!(
            file_stand_in(&txt).unwrap(),
            format!("[data:text/plain 2 bytes sha256:{}]", short_sha256(&txt))
        );
        assert_eq!(file_stand_in("data:text/plain,hello"), None);
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
