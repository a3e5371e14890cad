//! Public account calls: `POST /signup` (catalog 5), HostBill's standard
//! `POST /passwordreset`, and the lookups the sign-up form uses (catalog
//! 27-29: `GET /clientarea/businessinfo`, `/clientarea/gethouseholds`,
//! `/clientarea/emailloginbkns`).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::body::Payload;
use crate::customer::{privilege_tree, Business, Notification};
use crate::envelope::{info, ApiError};
use crate::model::{Account, Balance, Client};
use crate::profile::{self, field, Mode};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", post(signup))
        .route("/passwordreset", post(password_reset))
        .route("/clientarea/businessinfo", get(business_info))
        .route("/clientarea/gethouseholds", get(households))
        .route("/clientarea/emailloginbkns", get(email_login))
}

/// Every error of a list, or nothing.
pub fn errors(list: Vec<String>) -> Result<(), ApiError> {
    if list.is_empty() {
        Ok(())
    } else {
        Err(ApiError { status: axum::http::StatusCode::OK, keys: list })
    }
}

/// `POST /signup` (public) with the documented fields → `{"info":
/// ["client_registered"]}`; the new account can log in at once. Problems →
/// HTTP 200 `{"error": [...]}`, one message per field.
async fn signup(State(state): State<AppState>, body: Payload) -> Result<Response, ApiError> {
    let mut problems = profile::check(&body, Mode::Signup);
    let password = body.str("password").unwrap_or_default();
    if password.is_empty() {
        problems.push("Password is required".into());
    } else if password.chars().count() < 6 {
        problems.push("Password is too short".into());
    }
    let currency = field(&body, "currency").unwrap_or_default().to_ascii_uppercase();
    let currency = if currency.is_empty() { "VND".to_string() } else { currency };
    if currency != "VND" && currency != "USD" {
        problems.push("Currency is not available".into());
    }
    let email = field(&body, "email").unwrap_or_default();
    let mut db = state.db();
    if !email.is_empty()
        && db.accounts.values().any(|a| a.client.email.eq_ignore_ascii_case(&email))
    {
        problems.push("useralreadyexistsemail_error".into());
    }
    errors(problems)?;

    let id = db.accounts.keys().filter_map(|k| k.parse::<u64>().ok()).max().unwrap_or(0) + 1;
    let id = id.to_string();
    let get = |f: &str| field(&body, f).unwrap_or_default();
    let kind = if get("type").eq_ignore_ascii_case("company") { "Company" } else { "Private" };
    let now = profile::now_text();
    let client = Client {
        id: id.clone(),
        email: email.clone(),
        lastlogin: String::new(),
        ip: "127.0.0.1".into(),
        host: "localhost".into(),
        firstname: get("firstname"),
        lastname: get("lastname"),
        companyname: get("companyname"),
        address1: get("address1"),
        address2: String::new(),
        city: get("city"),
        state: get("state"),
        postcode: get("postcode"),
        country: get("country").to_ascii_uppercase(),
        phonenumber: get("phonenumber"),
        kind: kind.into(),
        taxid: get("taxid"),
        ward: get("ward"),
        nationalid: get("nationalid"),
        birthday: get("birthday"),
        zalonumber: get("zalonumber"),
        currency_id: if currency == "USD" { "2".into() } else { "1".into() },
        datecreated: now[..10].to_string(),
        status: "Active".into(),
        gender: get("gender"),
    };
    let balance = Balance { currency, acc_balance: "0.00".into(), acc_credit: "0.00".into() };
    db.accounts.insert(id.clone(), Account { password, client, balance });
    let c = &mut db.customer;
    c.privileges.insert(id.clone(), privilege_tree(&[], &[]));
    c.log(&id, "Tạo tài khoản", now.clone());
    c.notifications.insert(
        id.clone(),
        vec![Notification {
            id: format!("9{id}"),
            rel_type: "Account".into(),
            rel_id: id.clone(),
            subject: "Chào mừng bạn đến với BKNS".into(),
            message: "Hãy xác minh danh tính để sử dụng đầy đủ dịch vụ.".into(),
            date: now,
            seen: "0".into(),
        }],
    );
    Ok(info("client_registered"))
}

/// `POST /passwordreset {email}` (HostBill standard) → `{"info":
/// ["forgetthanks2"]}` for a known e-mail, `{"error": ["emailnotfound"]}`
/// otherwise (the portal shows the same text either way).
async fn password_reset(
    State(state): State<AppState>,
    body: Payload,
) -> Result<Response, ApiError> {
    let email = field(&body, "email").unwrap_or_default();
    if !profile::looks_like_email(&email) {
        return Err(ApiError::business("emailformat_error"));
    }
    let mut db = state.db();
    if !db.accounts.values().any(|a| a.client.email.eq_ignore_ascii_case(&email)) {
        return Err(ApiError::business("emailnotfound"));
    }
    db.customer.password_resets.push(email);
    Ok(info("forgetthanks2"))
}

fn taxid_query(q: &HashMap<String, String>) -> Result<String, ApiError> {
    let taxid = q.get("taxid").map(|t| t.trim().to_string()).unwrap_or_default();
    if taxid.is_empty() {
        return Err(ApiError::business("Tax ID is required"));
    }
    if !profile::valid_taxid(&taxid) {
        return Err(ApiError::business("Tax ID is invalid"));
    }
    Ok(taxid)
}

/// `GET /clientarea/businessinfo?taxid=` (public) →
/// `{"success": true, "data": {taxid, name, address, address1, ward, city,
/// state, country, status}}`; unknown → `{"error": ["taxid_not_found"]}`.
async fn business_info(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let taxid = taxid_query(&q)?;
    let found: Option<Business> = state.db().customer.businesses.get(&taxid).cloned();
    let b = found.ok_or_else(|| ApiError::business("taxid_not_found"))?;
    Ok(Json(json!({ "success": true, "data": b })))
}

/// `GET /clientarea/gethouseholds?taxid=` (public) → `{"success": true,
/// "households": [{...}]}` (a list: one owner may run several); unknown →
/// an empty list.
async fn households(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let taxid = taxid_query(&q)?;
    let found: Vec<Business> =
        state.db().customer.households.get(&taxid).cloned().into_iter().collect();
    Ok(Json(json!({ "success": true, "households": found })))
}

/// `GET /clientarea/emailloginbkns?name=<e-mail>` (public) →
/// `{"exists": true|false}`: whether an account uses this e-mail.
async fn email_login(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    let name = q.get("name").map(|n| n.trim().to_string()).unwrap_or_default();
    let exists = !name.is_empty()
        && state.db().accounts.values().any(|a| a.client.email.eq_ignore_ascii_case(&name));
    Json(json!({ "exists": exists }))
}
