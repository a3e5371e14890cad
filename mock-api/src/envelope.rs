//! HostBill's response conventions.
//!
//! * Errors are `{"error": ["<language key or message>", ...]}`. Business
//!   errors (for example `wronglogin`) come back with **HTTP 200**; only auth
//!   failures (401) and unknown routes (404) use another status here.
//! * Success messages are `{"info": ["<key>", ...]}`, sometimes next to data.
//! * Ids and amounts are strings.
//! * PHP's `json_encode` writes an empty associative array as `[]`, so an
//!   empty "object" arrives as an empty JSON array ([`php_map`]).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Error key for unknown routes (HTTP 404).
pub const INVALID_METHOD: &str = "invalid method";
/// Error key for a missing, bad, expired or logged-out access token (HTTP 401).
pub const UNAUTHORIZED: &str = "unauthorized";
/// Error key for a bad, expired, used or revoked refresh token (HTTP 401).
pub const INVALID_TOKEN: &str = "invalid_token";
/// Error key for bad credentials at `/login` (HTTP 200).
pub const WRONG_LOGIN: &str = "wronglogin";

/// An `{"error": [...]}` answer with its HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub keys: Vec<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, key: impl Into<String>) -> Self {
        ApiError { status, keys: vec![key.into()] }
    }

    /// A business error: HTTP 200 with an `error` array, as HostBill does.
    pub fn business(key: impl Into<String>) -> Self {
        ApiError::new(StatusCode::OK, key)
    }

    pub fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, UNAUTHORIZED)
    }

    pub fn invalid_token() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, INVALID_TOKEN)
    }

    pub fn invalid_method() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, INVALID_METHOD)
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a [String],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: &self.keys })).into_response()
    }
}

/// `{"info": [key]}` with HTTP 200.
pub fn info(key: &str) -> Response {
    Json(serde_json::json!({ "info": [key] })).into_response()
}

/// `{"status": true}`, the answer of `/logout` and `/revoke`.
pub fn status_true() -> Response {
    Json(serde_json::json!({ "status": true })).into_response()
}

/// Serializes a map like PHP's `json_encode`: `[]` when empty, else an object.
/// Use with `#[serde(serialize_with = "crate::envelope::php_map")]`.
pub fn php_map<M, K, V, S>(map: &M, serializer: S) -> Result<S::Ok, S::Error>
where
    for<'a> &'a M: IntoIterator<Item = (&'a K, &'a V)>,
    K: Serialize,
    V: Serialize,
    S: Serializer,
{
    let mut iter = map.into_iter().peekable();
    if iter.peek().is_none() {
        return serializer.serialize_seq(Some(0))?.end();
    }
    let mut out = serializer.serialize_map(None)?;
    for (k, v) in iter {
        out.serialize_entry(k, v)?;
    }
    out.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Holder {
        #[serde(serialize_with = "php_map")]
        m: BTreeMap<String, String>,
    }

    #[test]
    fn php_empty_map_is_array() {
        let mut h = Holder { m: BTreeMap::new() };
        assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"m":[]}"#);
        h.m.insert("10".into(), "BankTransfer".into());
        assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"m":{"10":"BankTransfer"}}"#);
    }
}
