//! Section "SSL Certificates", the certificate services (catalog
//! endpoints 77-79); ordering (80-82) is in `routes::cart`. The data and
//! the seeds are in `cert_data`.
//!
//! * `GET /certificate` → `{"sslservices": [row, ...]}` (the reference's
//!   fields, all strings): the seeded certificates, then those ordered
//!   through the shop (`Pending`).
//! * `GET /certificate/@id` → `{"service": {...}}` (the reference's detail
//!   fields; contact `Phone` and `PreFix` are JSON numbers, an empty
//!   contact or organisation is PHP's `[]`).
//! * `GET /certificate/@id/crt` → `{"crt": "<leaf PEM><intermediate PEM>"}`
//!   for an issued certificate; `{"error": ["certificate_not_issued"]}`
//!   otherwise.
//!
//! An unknown id or another client's is `certificate_not_found` (HTTP 200),
//! as `service_not_found` and `domain_not_found` elsewhere.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::cert_data::{self, word, Cert};
use crate::envelope::ApiError;
use crate::state::{AppState, Db};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/certificate", get(list))
        .route("/certificate/{id}", get(details))
        .route("/certificate/{id}/crt", get(crt))
}

/// Every certificate of `client_id`: the seeded ones, then the shop's.
pub fn of_client(db: &Db, client_id: &str) -> Vec<Cert> {
    let mut certs: Vec<Cert> =
        cert_data::seed().into_iter().filter(|c| c.client_id == client_id).collect();
    if let Some(ledger) = db.shop.ledgers.get(client_id) {
        let client = db.account(client_id).map(|a| &a.client);
        let contacts = db.customer.contacts.get(client_id).map(Vec::as_slice).unwrap_or_default();
        certs.extend(
            ledger
                .holdings
                .iter()
                .filter(|h| h.kind == "SSL")
                .map(|h| cert_data::from_order(h, client, contacts)),
        );
    }
    certs
}

fn find(state: &AppState, authed: &Authed, id: &str) -> Result<Cert, ApiError> {
    let db = state.db();
    of_client(&db, &authed.client_id)
        .into_iter()
        .find(|c| c.id == id.trim())
        .ok_or_else(|| ApiError::business(word::NOT_FOUND))
}

/// `GET /certificate`.
async fn list(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let rows: Vec<Value> = of_client(&db, &authed.client_id).iter().map(Cert::row).collect();
    Json(json!({ "sslservices": rows }))
}

/// `GET /certificate/@id`.
async fn details(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cert = find(&state, &authed, &id)?;
    Ok(Json(json!({ "service": cert.detail() })))
}

/// `GET /certificate/@id/crt`.
async fn crt(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cert = find(&state, &authed, &id)?;
    let pem = cert.chain().ok_or_else(|| ApiError::business(word::NOT_ISSUED))?;
    Ok(Json(json!({ "crt": pem })))
}
