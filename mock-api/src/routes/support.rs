//! Section "Support" (catalog endpoints 34-39) and HostBill's standard
//! `GET /tickets` and `GET /tickets/@number`, against
//! `fixtures/api/contract-support.md`. The model and the rules are in
//! `support_data`.
//!
//! The reference's answers are kept: `POST /tickets` answers the new
//! number as a JSON **number** (`{"ticket": 865650}`), a reply
//! `{"info": ["reply_added"]}`, re-open and close `{"status": true}`. The
//! two standard calls answer like a missing route (HTTP 404 `invalid
//! method`) when the `ticket_listing` setting is off.
//!
//! Order of the checks: the ticket is the caller's (`ticket_not_found`),
//! its state (`ticket_closed`, `cantreopen`, `cantclosestaff`), then the
//! body; for a new ticket department, subject, message.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::envelope::{info, status_true, ApiError};
use crate::state::{AppState, Db};
use crate::support_data::word::TICKET_NOT_FOUND;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ticket/departments", get(departments))
        .route("/tickets", get(list).post(create))
        .route("/tickets/{number}", get(thread).post(reply))
        .route("/tickets/{number}/open", put(reopen))
        .route("/tickets/{number}/close", put(close))
        .route("/ticket/attachment/{file}", get(attachment))
}

fn err(word: &str) -> ApiError {
    ApiError::business(word)
}

/// The caller's name and e-mail as HostBill records them on a ticket.
fn author(db: &Db, client_id: &str) -> (String, String) {
    db.account(client_id).map_or_else(
        || (String::new(), String::new()),
        |a| (format!("{} {}", a.client.firstname, a.client.lastname), a.client.email.clone()),
    )
}

/// `GET /ticket/departments` → `{"depts": [{id, name, description}]}`.
async fn departments(State(state): State<AppState>, _authed: Authed) -> Json<Value> {
    let db = state.db();
    let depts: Vec<Value> = db
        .support
        .departments
        .iter()
        .map(|d| json!({ "id": d.id, "name": d.name, "description": d.description }))
        .collect();
    Json(json!({ "depts": depts }))
}

/// `GET /tickets` (HostBill standard) → `{"tickets": [{client_read,
/// ticket_number, date, deptname, subject, status, lastreply}]}`, latest
/// activity first; HTTP 404 `invalid method` when `ticket_listing` is off.
async fn list(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    if !state.settings().ticket_listing {
        return Err(ApiError::invalid_method());
    }
    let db = state.db();
    let rows: Vec<Value> = db
        .support
        .of_client(&authed.client_id)
        .into_iter()
        .map(|t| t.list_row(db.support.dept_name(&t.dept_id)))
        .collect();
    Ok(Json(json!({ "tickets": rows })))
}

/// `GET /tickets/@number` (HostBill standard) → `{"ticket": {...},
/// "replies": [...]}` as it was before this read; the ticket is then
/// read (`client_read` "1"). HTTP 404 `invalid method` when
/// `ticket_listing` is off.
async fn thread(
    State(state): State<AppState>,
    authed: Authed,
    Path(number): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if !state.settings().ticket_listing {
        return Err(ApiError::invalid_method());
    }
    let mut db = state.db();
    db.support.read(&authed.client_id, &number).map(Json).map_err(err)
}

/// `POST /tickets` `{dept_id, subject, body}` → `{"ticket": <number>}`.
async fn create(
    State(state): State<AppState>,
    authed: Authed,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut db = state.db();
    let (name, email) = author(&db, &authed.client_id);
    let number = db.support.create(&authed.client_id, &name, &email, &body).map_err(err)?;
    Ok(Json(json!({ "ticket": number })))
}

/// `POST /tickets/@number` `{body}` → `{"info": ["reply_added"]}`.
async fn reply(
    State(state): State<AppState>,
    authed: Authed,
    Path(number): Path<String>,
    Payload(body): Payload,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    let (name, _) = author(&db, &authed.client_id);
    db.support.reply(&authed.client_id, &number, &name, &body).map_err(err)?;
    Ok(info("reply_added"))
}

/// `PUT /tickets/@number/open` → `{"status": true}`.
async fn reopen(
    State(state): State<AppState>,
    authed: Authed,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    state.db().support.reopen(&authed.client_id, &number).map_err(err)?;
    Ok(status_true())
}

/// `PUT /tickets/@number/close` → `{"status": true}`.
async fn close(
    State(state): State<AppState>,
    authed: Authed,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    state.db().support.close(&authed.client_id, &number).map_err(err)?;
    Ok(status_true())
}

/// `GET /ticket/attachment/@file?number=<ticket number>` → the file, with
/// its Content-Type and `Content-Disposition: attachment; filename="…"`.
async fn attachment(
    State(state): State<AppState>,
    authed: Authed,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let number = query.get("number").ok_or_else(|| err(TICKET_NOT_FOUND))?;
    let db = state.db();
    let a = db.support.attachment(&authed.client_id, number, &file).map_err(err)?;
    Ok((
        [
            (CONTENT_TYPE, a.mime.clone()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", a.filename)),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        a.data.clone(),
    )
        .into_response())
}

/// The test hook behind `POST /__mock/tickets/@number/staff-reply`.
pub fn staff_reply(state: &AppState, number: &str, body: &Value) -> Result<Value, ApiError> {
    let text =
        |k: &str| body.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let name = text("name").unwrap_or(crate::support_data::DEFAULT_STAFF);
    let message = text("body").unwrap_or(
        "<p>Chào anh/chị,</p><p>Bộ phận hỗ trợ BKNS đã cập nhật yêu cầu của anh/chị.</p>",
    );
    let mut db = state.db();
    db.support
        .staff_reply(number, name, message)
        .map_err(|w| ApiError::new(axum::http::StatusCode::NOT_FOUND, w))
}
