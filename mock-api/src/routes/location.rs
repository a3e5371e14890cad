//! Section "Location" (catalog endpoints 128-133), public. The reference
//! has no example answers; these are plausible HostBill shapes, each list
//! wrapped in one key:
//!
//! * `GET /location/countries` → `{"countries": {"VN": "Việt Nam", ...}}`
//!   (a PHP map keyed by country code);
//! * `GET /location/@code/state` → `{"states": [{"id": "79", "name": ...}]}`
//!   for Vietnam; for other countries names only: `{"states": ["California"]}`;
//! * `GET /location/state/@id/city`, `GET /location/state/city/@name` →
//!   `{"cities": [...]}` (same two item forms);
//! * `GET /location/city/@id/ward`, `GET /location/city/ward/@name` →
//!   `{"wards": [...]}`.
//!
//! An unknown code, id or name gives an empty list (`[]`).

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::locations::{Locations, Place};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/location/countries", get(countries))
        .route("/location/{code}/state", get(states))
        .route("/location/state/{id}/city", get(cities_by_id))
        .route("/location/state/city/{name}", get(cities_by_name))
        .route("/location/city/{id}/ward", get(wards_by_id))
        .route("/location/city/ward/{name}", get(wards_by_name))
}

fn items(list: Option<&[Place]>) -> Value {
    Value::Array(
        list.unwrap_or_default()
            .iter()
            .map(|p| match p.id {
                Some(id) => json!({"id": id.to_string(), "name": p.name}),
                None => Value::String(p.name.clone()),
            })
            .collect(),
    )
}

async fn countries() -> Json<Value> {
    let map: Map<String, Value> = Locations::get()
        .countries
        .iter()
        .map(|(code, name)| (code.clone(), Value::String(name.clone())))
        .collect();
    Json(json!({ "countries": map }))
}

async fn states(Path(code): Path<String>) -> Json<Value> {
    Json(json!({ "states": items(Locations::get().states(&code)) }))
}

async fn cities_by_id(Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "cities": items(Locations::get().cities_by_state_id(&id)) }))
}

async fn cities_by_name(Path(name): Path<String>) -> Json<Value> {
    Json(json!({ "cities": items(Locations::get().cities_by_state_name(&name)) }))
}

async fn wards_by_id(Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "wards": items(Locations::get().wards_by_city_id(&id)) }))
}

async fn wards_by_name(Path(name): Path<String>) -> Json<Value> {
    Json(json!({ "wards": items(Locations::get().wards_by_city_name(&name)) }))
}
