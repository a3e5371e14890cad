//! Fault injection for `/api`: added latency, and random failures that look
//! like a broken reverse proxy (HTTP 500 with an HTML page, not JSON).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;

use crate::state::AppState;

/// Body of an injected failure.
pub const FAILURE_HTML: &str = "<html><body><h1>500 Internal Server Error</h1></body></html>";

/// Sleeps `latency_ms`, then fails with probability `fail_rate` (only reads
/// when `fail_methods` is `get`).
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let settings = state.settings();
    if settings.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(settings.latency_ms)).await;
    }
    if settings.fail_rate > 0.0
        && settings.fail_methods.applies_to(req.method())
        && rand::thread_rng().gen::<f64>() < settings.fail_rate
    {
        return failure();
    }
    next.run(req).await
}

/// The injected failure response.
pub fn failure() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        FAILURE_HTML,
    )
        .into_response()
}
