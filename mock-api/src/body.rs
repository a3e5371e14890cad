//! Request bodies: JSON (what the section samples send) or
//! `application/x-www-form-urlencoded` (what the doc's introduction and
//! `curl -d` send). Both become a `serde_json::Value`, so handlers read
//! fields the same way whatever the encoding.

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

use crate::envelope::ApiError;
use crate::limits;
/// Largest request body accepted (see [`crate::limits`]).
pub use crate::limits::BODY_LIMIT;

/// Reads a whole body, up to [`BODY_LIMIT`]; more is HTTP 413
/// `{"error": ["file_too_large"]}`.
pub async fn read(body: Body) -> Result<axum::body::Bytes, ApiError> {
    to_bytes(body, BODY_LIMIT).await.map_err(|_| limits::too_large())
}

/// Whether the request announces a body over [`BODY_LIMIT`]
/// (`Content-Length`), so it can be refused before it is read.
pub fn announced_too_large(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > BODY_LIMIT as u64)
}

/// The request's content type, lower-cased, without parameters.
pub fn content_type(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(raw.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// Parses a body: `Null` when empty, the JSON value for JSON, an object of
/// form fields for form encoding, and the raw text when it is neither.
pub fn parse(content_type: Option<&str>, bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Value::Null;
    }
    let ct = content_type.unwrap_or("");
    let as_json = || serde_json::from_str::<Value>(trimmed).ok();
    if ct.contains("json") {
        return as_json().unwrap_or_else(|| Value::String(text.into_owned()));
    }
    if ct == "application/x-www-form-urlencoded" {
        return parse_form(bytes);
    }
    // No or another content type: guess, JSON first.
    if let Some(v) = as_json() {
        return v;
    }
    if trimmed.contains('=') {
        return parse_form(bytes);
    }
    Value::String(text.into_owned())
}

/// Form fields as a JSON object of strings, PHP style: `a[]=1&a[]=2` gives
/// an array `a`, `a[k]=v` an object `a`; otherwise the last value wins.
pub fn parse_form(bytes: &[u8]) -> Value {
    let mut out = Map::new();
    for (key, value) in form_urlencoded::parse(bytes) {
        let value = Value::String(value.into_owned());
        if let Some(name) = key.strip_suffix("[]") {
            let entry = out.entry(name.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            match entry {
                Value::Array(items) => items.push(value),
                other => *other = Value::Array(vec![value]),
            }
        } else if let Some((name, sub)) = key
            .strip_suffix(']')
            .and_then(|k| k.split_once('['))
            .filter(|(name, sub)| !name.is_empty() && !sub.contains('['))
        {
            let entry = out.entry(name.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(map) = entry {
                map.insert(sub.to_string(), value);
            }
        } else {
            out.insert(key.into_owned(), value);
        }
    }
    Value::Object(out)
}

/// Extractor: the parsed request body (see [`parse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Payload(pub Value);

impl Payload {
    /// A field as a string: strings as they are, numbers and booleans in
    /// their JSON spelling; `None` when absent, null, or not a scalar.
    pub fn str(&self, name: &str) -> Option<String> {
        match self.0.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Like [`Payload::str`] but `None` for a blank string too.
    pub fn non_empty(&self, name: &str) -> Option<String> {
        self.str(name).filter(|s| !s.trim().is_empty())
    }
}

impl<S: Send + Sync> FromRequest<S> for Payload {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let ct = content_type(req.headers());
        let bytes = read(req.into_body()).await?;
        Ok(Payload(parse(ct.as_deref(), &bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_and_form() {
        assert_eq!(parse(Some("application/json"), br#"{"a":"1"}"#), json!({"a":"1"}));
        assert_eq!(parse(None, br#"{"a":1}"#), json!({"a":1}));
        assert_eq!(
            parse(Some("application/x-www-form-urlencoded"), b"username=a%40b.c&password=x+y"),
            json!({"username":"a@b.c","password":"x y"})
        );
        assert_eq!(parse(None, b"a=1"), json!({"a":"1"}));
        assert_eq!(parse(Some("application/json"), b"  "), Value::Null);
        assert_eq!(parse(Some("application/json"), b"{oops"), json!("{oops"));
        assert_eq!(parse(Some("text/plain"), b"hello"), json!("hello"));
    }

    #[test]
    fn php_style_form_arrays() {
        assert_eq!(
            parse_form(b"ns[]=ns1&ns[]=ns2&p[support]=tickets&x=1&x=2"),
            json!({"ns":["ns1","ns2"],"p":{"support":"tickets"},"x":"2"})
        );
    }

    #[test]
    fn payload_fields() {
        let p = Payload(json!({"s":"v","n":5,"b":true,"e":"  ","o":{}}));
        assert_eq!(p.str("s").as_deref(), Some("v"));
        assert_eq!(p.str("n").as_deref(), Some("5"));
        assert_eq!(p.str("b").as_deref(), Some("true"));
        assert_eq!(p.str("o"), None);
        assert_eq!(p.non_empty("e"), None);
        assert_eq!(Payload(Value::Null).str("s"), None);
    }
}
