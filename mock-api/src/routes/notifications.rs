//! Portal notifications and status updates, catalog endpoints 19-23. The
//! reference has no example answers; the shapes here are plausible HostBill
//! ones:
//!
//! * `GET /notifications[?rel_type=&rel_id=]` → `{"notifications": [{id,
//!   rel_type, rel_id, subject, message, date, seen}]}`, newest first;
//! * `GET /notifications/new[?rel_type=&rel_id=]` → the same list with only
//!   the unacknowledged ones;
//! * `PUT /notifications/@id/ack` → `{"status": true}` (idempotent);
//! * `GET /statuses[?status=]` → `{"statuses": [{id, title, description,
//!   status, priority, date, lastupdate}]}`;
//! * `PUT /statuses/@id` ("Returns details of status") → `{"details": {...}}`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::envelope::{status_true, ApiError};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(all))
        .route("/notifications/new", get(new))
        .route("/notifications/{id}/ack", put(ack))
        .route("/statuses", get(statuses))
        .route("/statuses/{id}", put(status_details))
}

fn filtered(
    state: &AppState,
    client_id: &str,
    q: &HashMap<String, String>,
    only_new: bool,
) -> Value {
    let db = state.db();
    let want = |key: &str, value: &str| {
        q.get(key)
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .is_none_or(|w| w.eq_ignore_ascii_case(value))
    };
    let list: Vec<Value> = db
        .customer
        .notifications
        .get(client_id)
        .into_iter()
        .flatten()
        .filter(|n| want("rel_type", &n.rel_type) && want("rel_id", &n.rel_id))
        .filter(|n| !only_new || n.seen != "1")
        .map(|n| json!(n))
        .collect();
    json!({ "notifications": list })
}

async fn all(
    State(state): State<AppState>,
    authed: Authed,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    Json(filtered(&state, &authed.client_id, &q, false))
}

async fn new(
    State(state): State<AppState>,
    authed: Authed,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    Json(filtered(&state, &authed.client_id, &q, true))
}

async fn ack(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    let n = db
        .customer
        .notifications
        .get_mut(&authed.client_id)
        .and_then(|list| list.iter_mut().find(|n| n.id == id))
        .ok_or_else(|| ApiError::business("Notification not found"))?;
    n.seen = "1".into();
    Ok(status_true())
}

async fn statuses(
    State(state): State<AppState>,
    _authed: Authed,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    let want = q.get("status").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let db = state.db();
    let list: Vec<Value> = db
        .customer
        .statuses
        .iter()
        .filter(|s| want.as_ref().is_none_or(|w| w.eq_ignore_ascii_case(&s.status)))
        .map(|s| json!(s))
        .collect();
    Json(json!({ "statuses": list }))
}

async fn status_details(
    State(state): State<AppState>,
    _authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let db = state.db();
    let s = db
        .customer
        .statuses
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::business("Status not found"))?;
    Ok(Json(json!({ "details": s })))
}
