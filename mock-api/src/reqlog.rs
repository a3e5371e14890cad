//! Request log: every `/api` request with its parsed body and final status,
//! so tests can check what the portal sent (`GET /__mock/requests`).
//! Passwords, tokens (in bodies, paths and queries) and file data are logged
//! as stand-ins ([`crate::redact`]).

use std::collections::VecDeque;

use axum::body::Body;
use axum::extract::{OriginalUri, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use crate::body;
use crate::redact;
use crate::state::AppState;

/// How many entries are kept (oldest dropped first).
pub const LOG_CAP: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// 1, 2, 3, ... in arrival order; not reset by clearing, only by reset.
    pub seq: u64,
    pub method: String,
    /// Path without the `/api` prefix, e.g. `/token`.
    pub path: String,
    /// Raw query string without `?`; empty when there is none.
    pub query: String,
    /// Parsed JSON, form fields as an object, raw text if neither, or null;
    /// secrets and file data replaced by stand-ins ([`crate::redact`]).
    pub body: Value,
    /// Size of the body as received, in bytes.
    pub bytes: usize,
    /// Whether the request had an Authorization header.
    pub auth: bool,
    /// HTTP status of the answer.
    pub status: u16,
}

#[derive(Debug, Default)]
pub struct RequestLog {
    next_seq: u64,
    entries: VecDeque<LogEntry>,
}

impl RequestLog {
    /// Appends an entry, numbering it.
    pub fn push(&mut self, mut entry: LogEntry) {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        if self.entries.len() >= LOG_CAP {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Removes all entries; returns how many there were.
    pub fn clear(&mut self) -> usize {
        let n = self.entries.len();
        self.entries.clear();
        n
    }

    pub fn entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter()
    }
}

/// Middleware for the `/api` router: buffers the body, runs the request,
/// records it with the answer's status.
pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, raw) = req.into_parts();
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map(|o| o.0.clone())
        .unwrap_or_else(|| parts.uri.clone());
    let path = uri.path().strip_prefix("/api").unwrap_or(uri.path());
    let mut entry = LogEntry {
        seq: 0,
        method: parts.method.to_string(),
        path: if path.is_empty() { "/".into() } else { redact::path(path) },
        query: redact::query(uri.query().unwrap_or("")),
        body: Value::Null,
        bytes: 0,
        auth: parts.headers.contains_key(AUTHORIZATION),
        status: 0,
    };

    let read = if body::announced_too_large(&parts.headers) {
        Err(crate::limits::too_large())
    } else {
        body::read(raw).await
    };
    let response = match read {
        Ok(bytes) => {
            entry.bytes = bytes.len();
            entry.body = body::parse(body::content_type(&parts.headers).as_deref(), &bytes);
            redact::redact(&mut entry.body);
            next.run(Request::from_parts(parts, Body::from(bytes))).await
        }
        Err(err) => err.into_response(),
    };
    entry.status = response.status().as_u16();
    state.log().push(entry);
    response
}
