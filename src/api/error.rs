//! The one error model, and the reading of HostBill's answer envelope.
//!
//! HostBill answers errors as `{"error": ["<key or text>", ...]}`, often with
//! HTTP 200, and success messages as `{"info": [...]}` next to the data. This
//! module turns (status, body) into either the JSON value plus its `info`
//! messages, or an [`ApiError`]. It is pure: no browser, so the host tests
//! cover every form of the envelope.

use serde_json::Value;

pub use crate::vocab::ApiError;

/// What a good answer carries besides its data.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub value: Value,
    pub info: Vec<String>,
    /// A file (PDF, image) instead of JSON, for requests that ask for one.
    pub binary: Option<Binary>,
}

/// A file answer: its bytes, its content type and, when the server named
/// it (`Content-Disposition`), its file name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Binary {
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub filename: Option<String>,
}

/// True for `application/json`, `text/json`, `application/problem+json`...
/// (parameters ignored): such an answer is read as the JSON envelope even
/// when a file was asked for, since HostBill reports errors that way.
pub fn is_json_type(content_type: &str) -> bool {
    let t = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    t.ends_with("/json") || t.ends_with("+json")
}

/// The file name in a `Content-Disposition` header: `filename="a b.pdf"`,
/// `filename=a.pdf`, or RFC 5987 `filename*=UTF-8''b%E1%BA%A3n.pdf` (which
/// wins). Path parts are dropped, so a name can never point elsewhere.
pub fn disposition_filename(header: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for part in header.split(';').map(str::trim) {
        let Some((k, v)) = part.split_once('=') else { continue };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let enc = v.splitn(3, '\'').nth(2).unwrap_or(v);
                extended = Some(crate::util::percent_decode(&enc.replace('+', "%2B")));
            }
            "filename" => plain = Some(v.trim_matches('"').to_owned()),
            _ => {}
        }
    }
    let name = extended.or(plain)?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim().to_owned();
    (!base.is_empty() && base != "." && base != "..").then_some(base)
}

/// How the client must react to an answer.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Ok(Answer),
    /// The token was refused: renew it and try once more.
    AuthRejected,
    Err(ApiError),
}

/// Messages under `key`: an array of strings (or scalars), a single string,
/// or an object whose values are messages (`{"email": "taken"}`).
pub fn messages_at(v: &Value, key: &str) -> Option<Vec<String>> {
    let m = v.as_object()?.get(key)?;
    let out: Vec<String> = match m {
        Value::Array(a) => a.iter().filter_map(scalar_text).collect(),
        Value::Object(o) => o.values().filter_map(scalar_text).collect(),
        Value::Null | Value::Bool(false) => return None,
        other => scalar_text(other).into_iter().collect(),
    };
    Some(out)
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // nested arrays of messages, e.g. {"error": [["a"]]}
        Value::Array(a) => {
            let inner: Vec<String> = a.iter().filter_map(scalar_text).collect();
            (!inner.is_empty()).then(|| inner.join("; "))
        }
        _ => None,
    }
}

fn is_auth_message(m: &str) -> bool {
    let m = m.trim().to_ascii_lowercase();
    matches!(
        m.as_str(),
        "unauthorized" | "invalid_token" | "invalid token" | "token_expired" | "expired_token"
    )
}

fn is_invalid_method(m: &str) -> bool {
    m.trim().eq_ignore_ascii_case("invalid method")
}

/// Reads one HTTP answer. `endpoint` names the call in decode errors.
pub fn interpret(status: u16, body: &str, endpoint: &str) -> Outcome {
    let json: Option<Value> = serde_json::from_str(body.trim_start_matches('\u{feff}')).ok();
    if let Some(v) = &json {
        if let Some(msgs) = messages_at(v, "error") {
            // A 403 "Unauthorized" is a contact's missing privilege, not a
            // dead token: renewing would not help, and logging out is wrong.
            if status == 403 && msgs.iter().any(|m| is_auth_message(m)) {
                return Outcome::Err(ApiError::Forbidden);
            }
            if status == 401 || msgs.iter().any(|m| is_auth_message(m)) {
                return Outcome::AuthRejected;
            }
            if status == 404 || msgs.iter().any(|m| is_invalid_method(m)) {
                return Outcome::Err(ApiError::NotSupported);
            }
            return Outcome::Err(ApiError::Server { status, messages: msgs });
        }
    }
    match status {
        401 => return Outcome::AuthRejected,
        404 | 405 | 501 => return Outcome::Err(ApiError::NotSupported),
        s if !(200..300).contains(&s) => return Outcome::Err(ApiError::Http { status: s }),
        _ => {}
    }
    match json {
        Some(value) => {
            let info = messages_at(&value, "info").unwrap_or_default();
            Outcome::Ok(Answer { value, info, binary: None })
        }
        None if body.trim().is_empty() => {
            Outcome::Ok(Answer { value: Value::Null, info: Vec::new(), binary: None })
        }
        None => Outcome::Err(ApiError::Decode {
            endpoint: endpoint.to_owned(),
            detail: "not JSON".to_owned(),
        }),
    }
}

/// Decodes the data part of an answer, naming the endpoint on failure.
pub fn decode<T: serde::de::DeserializeOwned>(endpoint: &str, value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value)
        .map_err(|e| ApiError::Decode { endpoint: endpoint.to_owned(), detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> ApiError {
        match interpret(status, body, "GET /x") {
            Outcome::Err(e) => e,
            other => panic!("expected error, got {other:?}"),
        }
    }

    #[test]
    fn error_with_http_200() {
        assert_eq!(
            err(200, r#"{"error":["wronglogin"]}"#),
            ApiError::Server { status: 200, messages: vec!["wronglogin".into()] }
        );
    }

    #[test]
    fn error_as_string_object_or_nested() {
        assert_eq!(err(200, r#"{"error":"Bad thing"}"#).messages(), ["Bad thing"]);
        assert_eq!(err(200, r#"{"error":{"email":"Email taken"}}"#).messages(), ["Email taken"]);
        assert_eq!(err(400, r#"{"error":[["a","b"]]}"#).messages(), ["a; b"]);
        // empty error list is still an error
        assert_eq!(err(200, r#"{"error":[]}"#), ApiError::Server { status: 200, messages: vec![] });
    }

    #[test]
    fn error_false_or_null_is_not_an_error() {
        assert!(matches!(interpret(200, r#"{"error":false,"ok":1}"#, "x"), Outcome::Ok(_)));
        assert!(matches!(interpret(200, r#"{"error":null}"#, "x"), Outcome::Ok(_)));
    }

    #[test]
    fn auth_failures_in_every_form() {
        assert_eq!(interpret(401, "", "x"), Outcome::AuthRejected);
        assert_eq!(interpret(401, r#"{"error":["whatever"]}"#, "x"), Outcome::AuthRejected);
        assert_eq!(interpret(200, r#"{"error":["unauthorized"]}"#, "x"), Outcome::AuthRejected);
        assert_eq!(interpret(200, r#"{"error":["invalid_token"]}"#, "x"), Outcome::AuthRejected);
        // a privilege refusal keeps the session
        assert_eq!(
            interpret(403, r#"{"error":["Unauthorized"]}"#, "x"),
            Outcome::Err(ApiError::Forbidden)
        );
        assert_eq!(
            interpret(403, "<html>blocked</html>", "x"),
            Outcome::Err(ApiError::Http { status: 403 })
        );
        assert!(matches!(
            interpret(403, r#"{"error":["ip_blocked"]}"#, "x"),
            Outcome::Err(ApiError::Server { status: 403, .. })
        ));
    }

    #[test]
    fn not_supported() {
        assert_eq!(err(404, "<html>Not found</html>"), ApiError::NotSupported);
        assert_eq!(err(200, r#"{"error":["invalid method"]}"#), ApiError::NotSupported);
        assert_eq!(err(404, r#"{"error":["invalid method"]}"#), ApiError::NotSupported);
    }

    #[test]
    fn http_errors_without_envelope() {
        let e = err(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
        assert_eq!(e, ApiError::Http { status: 500 });
        assert!(e.is_transient());
        assert!(!ApiError::Http { status: 400 }.is_transient());
        assert!(ApiError::Server { status: 503, messages: vec![] }.is_transient());
        assert!(!ApiError::Server { status: 200, messages: vec![] }.is_transient());
    }

    #[test]
    fn info_is_returned_with_data() {
        match interpret(200, r#"{"info":["label_updated"],"label":"x"}"#, "x") {
            Outcome::Ok(a) => {
                assert_eq!(a.info, vec!["label_updated".to_string()]);
                assert_eq!(a.value["label"], "x");
            }
            other => panic!("{other:?}"),
        }
        match interpret(200, r#"{"info":"client_registered"}"#, "x") {
            Outcome::Ok(a) => assert_eq!(a.info, vec!["client_registered".to_string()]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn non_json_success_is_a_decode_error_naming_the_endpoint() {
        match err(200, "<html>login page</html>") {
            ApiError::Decode { endpoint, .. } => assert_eq!(endpoint, "GET /x"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(interpret(200, "", "x"), Outcome::Ok(Answer { value: Value::Null, .. })));
        // a byte-order mark before the JSON is tolerated
        assert!(matches!(interpret(200, "\u{feff}{\"a\":1}", "x"), Outcome::Ok(_)));
    }

    #[test]
    fn decode_names_endpoint() {
        #[derive(serde::Deserialize, Debug)]
        struct Need {
            #[allow(dead_code)]
            must: Vec<u8>,
        }
        match decode::<Need>("GET /details", serde_json::json!({"must": "x"})) {
            Err(ApiError::Decode { endpoint, .. }) => assert_eq!(endpoint, "GET /details"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn file_answers() {
        assert!(is_json_type("application/json; charset=utf-8"));
        assert!(is_json_type("application/problem+json"));
        assert!(!is_json_type("application/pdf"));
        assert!(!is_json_type(""));
        assert_eq!(
            disposition_filename("attachment; filename=\"a b.pdf\"").as_deref(),
            Some("a b.pdf")
        );
        assert_eq!(disposition_filename("inline; filename=x.pdf").as_deref(), Some("x.pdf"));
        assert_eq!(
            disposition_filename(
                "attachment; filename=\"x.pdf\"; filename*=UTF-8''b%E1%BA%A3n%20khai.pdf"
            )
            .as_deref(),
            Some("bản khai.pdf")
        );
        assert_eq!(
            disposition_filename("attachment; filename=\"../../etc/passwd\"").as_deref(),
            Some("passwd")
        );
        assert_eq!(disposition_filename("attachment").as_deref(), None);
        assert_eq!(disposition_filename("attachment; filename=\"\"").as_deref(), None);
    }
}
