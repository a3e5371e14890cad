//! `/__mock/*`: control endpoints for tests (not part of the real API).
//!
//! * `GET  /__mock/health`   → `{"status": true}`
//! * `GET  /__mock/config`   → `{"token_ttl","refresh_ttl","latency_ms","fail_rate",
//!   "fail_methods","vm_power_ms","vm_rebuild_ms","dns_listing","ticket_listing",
//!   "affiliate_enrolled"}`
//! * `POST /__mock/config`   JSON with any subset of those fields → the new config
//! * `GET  /__mock/requests` → array of request-log entries; optional query
//!   filters `path=/token`, `method=POST`, `since=<seq>` (entries after it)
//! * `DELETE /__mock/requests` → `{"status": true, "cleared": n}`
//! * `POST /__mock/tickets/@number/staff-reply` `{"body"?, "name"?}` → `{"status":
//!   true, "reply": {...}}`: a staff reply to any account's ticket, which
//!   becomes `Answered` and unread (404 `ticket_not_found` for an unknown number)
//! * `POST /__mock/reset`    → `{"status": true, "config": {...}}`: seed data,
//!   start-up settings, empty log (every issued token stops working)
//!
//! Errors: HTTP 400 `{"error": ["<message>"]}`; unknown path HTTP 404
//! `{"error": ["not found"]}`.
//!
//! Same origin only ([`same_origin`]): a request whose `Origin` is not the
//! server's own (`http(s)://<Host>`) or whose `Sec-Fetch-Site` is
//! `cross-site` or `same-site` is refused with HTTP 403 `{"error":
//! ["cross-origin request refused"]}`, so no other site open in the
//! browser can reset or reconfigure the mock. Callers that send neither
//! header (curl, Playwright's `request`) are served.

use std::collections::HashMap;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::body::Payload;
use crate::config::{FailMethods, Settings};
use crate::envelope::ApiError;
use crate::reqlog::LogEntry;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/config", get(get_config).post(set_config))
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/reset", post(reset))
        .route("/tickets/{number}/staff-reply", post(staff_reply))
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
}

/// Error message of a refused cross-origin call.
pub const CROSS_ORIGIN: &str = "cross-origin request refused";

/// Whether a request to `/__mock` comes from another origin (see the module).
pub fn is_cross_origin(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("?").trim().to_owned());
    if let Some(site) = text("sec-fetch-site") {
        if site.eq_ignore_ascii_case("cross-site") || site.eq_ignore_ascii_case("same-site") {
            return true;
        }
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else { return false };
    let Some(host) = text(header::HOST.as_str()) else { return true };
    let own = |scheme: &str| origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"));
    !(own("http") || own("https"))
}

/// Middleware of the `/__mock` router: cross-origin requests get HTTP 403.
pub async fn same_origin(req: Request, next: Next) -> Response {
    if is_cross_origin(req.headers()) {
        return ApiError::new(StatusCode::FORBIDDEN, CROSS_ORIGIN).into_response();
    }
    next.run(req).await
}

async fn health() -> Json<Value> {
    Json(json!({ "status": true }))
}

async fn get_config(State(state): State<AppState>) -> Json<Settings> {
    Json(state.settings())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsPatch {
    token_ttl: Option<u64>,
    refresh_ttl: Option<u64>,
    latency_ms: Option<u64>,
    fail_rate: Option<f64>,
    fail_methods: Option<FailMethods>,
    vm_power_ms: Option<u64>,
    vm_rebuild_ms: Option<u64>,
    dns_listing: Option<bool>,
    ticket_listing: Option<bool>,
    affiliate_enrolled: Option<bool>,
}

async fn set_config(
    State(state): State<AppState>,
    Payload(body): Payload,
) -> Result<Json<Settings>, ApiError> {
    let body = if body.is_null() { json!({}) } else { body };
    let patch: SettingsPatch =
        serde_json::from_value(body).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let mut settings = state.settings();
    if let Some(v) = patch.token_ttl {
        settings.token_ttl = v;
    }
    if let Some(v) = patch.refresh_ttl {
        settings.refresh_ttl = v;
    }
    if let Some(v) = patch.latency_ms {
        settings.latency_ms = v;
    }
    if let Some(v) = patch.fail_rate {
        settings.fail_rate = v;
    }
    if let Some(v) = patch.fail_methods {
        settings.fail_methods = v;
    }
    if let Some(v) = patch.vm_power_ms {
        settings.vm_power_ms = v;
    }
    if let Some(v) = patch.vm_rebuild_ms {
        settings.vm_rebuild_ms = v;
    }
    if let Some(v) = patch.dns_listing {
        settings.dns_listing = v;
    }
    if let Some(v) = patch.ticket_listing {
        settings.ticket_listing = v;
    }
    if let Some(v) = patch.affiliate_enrolled {
        settings.affiliate_enrolled = v;
    }
    settings.validate().map_err(ApiError::bad_request)?;
    state.set_settings(settings);
    Ok(Json(settings))
}

async fn list_requests(
    State(state): State<AppState>,
    Query(filter): Query<HashMap<String, String>>,
) -> Result<Json<Vec<LogEntry>>, ApiError> {
    let since = match filter.get("since") {
        Some(s) => s.parse::<u64>().map_err(|_| ApiError::bad_request("since must be a number"))?,
        None => 0,
    };
    let path = filter.get("path");
    let method = filter.get("method");
    let log = state.log();
    let entries = log
        .entries()
        .filter(|e| e.seq > since)
        .filter(|e| path.is_none_or(|p| &e.path == p))
        .filter(|e| method.is_none_or(|m| e.method.eq_ignore_ascii_case(m)))
        .cloned()
        .collect();
    Ok(Json(entries))
}

async fn clear_requests(State(state): State<AppState>) -> Json<Value> {
    let cleared = state.log().clear();
    Json(json!({ "status": true, "cleared": cleared }))
}

async fn reset(State(state): State<AppState>) -> Json<Value> {
    state.reset();
    Json(json!({ "status": true, "config": state.settings() }))
}

async fn staff_reply(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let reply = crate::routes::support::staff_reply(&state, &number, &body)?;
    Ok(Json(json!({ "status": true, "reply": reply })))
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not found")
}

async fn not_allowed() -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response()
}

#[cfg(test)]
mod tests {
    use super::is_cross_origin;
    use axum::http::HeaderMap;

    fn headers(list: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in list {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn origins() {
        let host = ("host", "127.0.0.1:8091");
        assert!(!is_cross_origin(&headers(&[])));
        assert!(!is_cross_origin(&headers(&[host])));
        assert!(!is_cross_origin(&headers(&[host, ("origin", "http://127.0.0.1:8091")])));
        assert!(!is_cross_origin(&headers(&[host, ("origin", "HTTPS://127.0.0.1:8091")])));
        assert!(!is_cross_origin(&headers(&[host, ("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_origin(&headers(&[host, ("sec-fetch-site", "none")])));
        assert!(is_cross_origin(&headers(&[host, ("origin", "http://127.0.0.1:8092")])));
        assert!(is_cross_origin(&headers(&[host, ("origin", "http://evil.example")])));
        assert!(is_cross_origin(&headers(&[host, ("origin", "null")])));
        assert!(is_cross_origin(&headers(&[("origin", "http://127.0.0.1:8091")])));
        assert!(is_cross_origin(&headers(&[host, ("sec-fetch-site", "cross-site")])));
        assert!(is_cross_origin(&headers(&[host, ("sec-fetch-site", "same-site")])));
    }
}
