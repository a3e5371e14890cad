//! The logged-in client's own profile: HostBill's standard `PUT /details`
//! (not in the BKNS reference, which has only `GET /details`) and `GET
//! /logs` (catalog 7, no example in the doc).

use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::envelope::{info, ApiError};
use crate::profile::{self, field, Mode, FIELDS};
use crate::routes::signup::errors;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/details", put(update_details)).route("/logs", get(logs))
}

/// `PUT /details` (Bearer) with any of the profile fields → `{"info":
/// ["client_info_updated"]}`. Only the fields sent change; problems →
/// HTTP 200 `{"error": [...]}`.
async fn update_details(
    State(state): State<AppState>,
    authed: Authed,
    body: Payload,
) -> Result<Response, ApiError> {
    let mut problems = profile::check(&body, Mode::Update);
    let mut db = state.db();
    if let Some(email) = field(&body, "email") {
        if email.is_empty() {
            problems.push("Email Address is required".into());
        } else if db
            .accounts
            .values()
            .any(|a| a.client.id != authed.client_id && a.client.email.eq_ignore_ascii_case(&email))
        {
            problems.push("useralreadyexistsemail_error".into());
        }
    }
    errors(problems)?;
    let account = db.account_mut(&authed.client_id).ok_or_else(ApiError::unauthorized)?;
    let c = &mut account.client;
    for f in FIELDS {
        let Some(v) = field(&body, f) else { continue };
        let slot = match f {
            "type" => &mut c.kind,
            "companyname" => &mut c.companyname,
            "taxid" => &mut c.taxid,
            "gender" => &mut c.gender,
            "lastname" => &mut c.lastname,
            "firstname" => &mut c.firstname,
            "email" => &mut c.email,
            "phonenumber" => &mut c.phonenumber,
            "zalonumber" => &mut c.zalonumber,
            "nationalid" => &mut c.nationalid,
            "birthday" => &mut c.birthday,
            "country" => &mut c.country,
            "state" => &mut c.state,
            "city" => &mut c.city,
            "ward" => &mut c.ward,
            "address1" => &mut c.address1,
            "postcode" => &mut c.postcode,
            _ => continue,
        };
        *slot = if f == "type" {
            if v.eq_ignore_ascii_case("company") {
                "Company".into()
            } else {
                "Private".into()
            }
        } else {
            v
        };
    }
    db.customer.log(&authed.client_id, "Cập nhật thông tin tài khoản", profile::now_text());
    Ok(info("client_info_updated"))
}

/// `GET /logs` (Bearer) → `{"logs": [{"id", "date", "action", "ip"}]}`,
/// newest first.
async fn logs(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let logs = db.customer.logs.get(&authed.client_id).cloned().unwrap_or_default();
    Json(json!({ "logs": logs }))
}
