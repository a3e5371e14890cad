//! Section "DNS" (catalog endpoints 121-127) and HostBill's standard
//! `GET /service/@service_id/dns/@zone_id`, against
//! `fixtures/api/contract-dns.md`. The model and the checks are in
//! `dns_data`.
//!
//! The reference's quirks are kept: creating a zone answers no id, a new
//! record comes back without its id (the edit answer has one), and
//! `GET /service/@service_id/dns` answers `{"error": ["invalid method"]}`
//! (HTTP 200), its only documented example. The standard listing answers
//! like a missing route (HTTP 404 `invalid method`) when the `dns_listing`
//! setting is off.
//!
//! Order of the checks: the service is the caller's (`service_not_found`),
//! it can hold zones (`dns_not_supported`), the zone is under it
//! (`zone_not_found`), the record is in the zone (`record_not_found`), then
//! the body.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::dns_data::word::{DNS_NOT_SUPPORTED, SERVICE_NOT_FOUND, ZONE_NOT_FOUND};
use crate::envelope::{info, ApiError, INVALID_METHOD};
use crate::state::{AppState, Db};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dns", get(list))
        .route("/service/{id}/dns", get(list_for_service).post(add_zone))
        .route("/service/{id}/dns/{zone}", get(zone_details).delete(remove_zone))
        .route("/service/{id}/dns/{zone}/records", post(add_record))
        .route("/service/{id}/dns/{zone}/records/{record}", put(edit_record).delete(remove_record))
}

fn err(word: &str) -> ApiError {
    ApiError::business(word)
}

/// The caller's DNS-capable service, or why not.
fn dns_service(db: &Db, client_id: &str, service_id: &str) -> Result<(), ApiError> {
    if db.services.owned(client_id, service_id).is_none() {
        return Err(err(SERVICE_NOT_FOUND));
    }
    if !db.dns.capable.contains(service_id) {
        return Err(err(DNS_NOT_SUPPORTED));
    }
    Ok(())
}

/// `GET /dns` → `{"service_ids": [...], "zones": [{domain_id, name,
/// service_id}]}`, strings, the caller's only.
async fn list(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let client = authed.client_id.as_str();
    let service_ids: Vec<&String> =
        db.dns.capable.iter().filter(|id| db.services.owned(client, id).is_some()).collect();
    let zones: Vec<Value> = db
        .dns
        .zones_of(client)
        .map(|z| json!({ "domain_id": z.id, "name": z.name, "service_id": z.service_id }))
        .collect();
    Json(json!({ "service_ids": service_ids, "zones": zones }))
}

/// `GET /service/@service_id/dns` → `{"error": ["invalid method"]}`, HTTP
/// 200: the reference's only example for this call.
async fn list_for_service(_authed: Authed, Path(_id): Path<String>) -> ApiError {
    err(INVALID_METHOD)
}

/// `POST /service/@service_id/dns` `{name}` → `{"info": ["Domain zone
/// <name> was created successfully."]}`, no id.
async fn add_zone(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    let raw = body.str("name").unwrap_or_default();
    let name = db.dns.add_zone(&authed.client_id, &id, &raw).map_err(err)?;
    Ok(info(&format!("Domain zone {name} was created successfully.")))
}

/// `GET /service/@service_id/dns/@zone_id` (HostBill standard) →
/// `{"service_id": <number>, "name", "records": [{id, name, ttl, priority,
/// content, type}]}`; HTTP 404 `invalid method` when `dns_listing` is off.
async fn zone_details(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, zone)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    if !state.settings().dns_listing {
        return Err(ApiError::invalid_method());
    }
    let db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    let z = db.dns.zone(&authed.client_id, &id, &zone).ok_or_else(|| err(ZONE_NOT_FOUND))?;
    let records: Vec<Value> = z.records.iter().map(|r| r.listing_row()).collect();
    let service_id: Value =
        z.service_id.parse::<u64>().map_or_else(|_| json!(z.service_id), |n| json!(n));
    Ok(Json(json!({ "service_id": service_id, "name": z.name, "records": records })))
}

/// `DELETE /service/@service_id/dns/@zone_id` → `{"info": ["Domain zone
/// <name> was deleted successfully."]}`.
async fn remove_zone(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, zone)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    let name = db.dns.remove_zone(&authed.client_id, &id, &zone).map_err(err)?;
    Ok(info(&format!("Domain zone {name} was deleted successfully.")))
}

/// `POST .../records` `{name, ttl, priority, type, content}` → `{"record":
/// {name, type, ttl, priority, content}, "info": ["dnsnewrecordadded",
/// <type>]}`: no id; name and content as sent, ttl and priority strings.
async fn add_record(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, zone)): Path<(String, String)>,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    let rec = db.dns.add_record(&authed.client_id, &id, &zone, &body).map_err(err)?;
    let sent_name = body.get("name").cloned().unwrap_or(Value::Null);
    let name = sent_name.as_str().map_or(sent_name.clone(), |s| json!(s.trim()));
    let content = match body.get("content") {
        Some(Value::String(s)) => json!(s.trim()),
        Some(other) => other.clone(),
        None => Value::Null,
    };
    Ok(Json(json!({
        "record": {
            "name": name,
            "type": rec.rtype,
            "ttl": rec.ttl.to_string(),
            "priority": rec.priority.to_string(),
            "content": content,
        },
        "info": ["dnsnewrecordadded", rec.rtype],
    })))
}

/// `PUT .../records/@record_id` (same body) → `{"record": {id, type, ttl,
/// name, priority, content}, "info": ["The record was updated
/// successfully."]}`: the stored record, id and ttl strings.
async fn edit_record(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, zone, record)): Path<(String, String, String)>,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    let rec = db.dns.edit_record(&authed.client_id, &id, &zone, &record, &body).map_err(err)?;
    Ok(Json(json!({
        "record": rec.edit_row(),
        "info": ["The record was updated successfully."],
    })))
}

/// `DELETE .../records/@record_id` → `{"info": ["The record was deleted
/// successfully."]}`.
async fn remove_record(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, zone, record)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    dns_service(&db, &authed.client_id, &id)?;
    db.dns.remove_record(&authed.client_id, &id, &zone, &record).map_err(err)?;
    Ok(info("The record was deleted successfully."))
}
