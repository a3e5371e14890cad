//! Contacts (sub-users) of an account, catalog endpoints 14-18:
//! `GET /contact`, `POST /contact`, `GET /contact/privileges`,
//! `GET /contact/@id`, `PUT /contact/@id`. Answers follow the doc's
//! examples (`{"contacts": [...]}`, `{"contact": {...}}`, `{"contact_id":
//! "51", "info": ["profile_added"]}`, `{"info": ["profile_updated"]}`).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::customer::Contact;
use crate::envelope::{info, ApiError};
use crate::profile::{self, field, string_list, Mode, FIELDS};
use crate::routes::signup::errors;
use crate::state::{AppState, Db};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contact", get(list).post(add))
        .route("/contact/privileges", get(privileges))
        .route("/contact/{id}", get(details).put(edit))
}

async fn list(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let rows: Vec<Value> = db
        .customer
        .contacts
        .get(&authed.client_id)
        .map(|cs| cs.iter().map(Contact::summary).collect())
        .unwrap_or_default();
    Json(json!({ "contacts": rows }))
}

fn tree(db: &Db, client_id: &str) -> Value {
    db.customer.privileges.get(client_id).cloned().unwrap_or_else(|| json!({}))
}

/// `GET /contact/privileges` → `{"privileges": {billing: [...], support:
/// [...], misc: [...], services: {full: 1, "<id>": [...]}, domains: {...}}}`.
async fn privileges(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    Json(json!({ "privileges": tree(&db, &authed.client_id) }))
}

/// Checks privileges sent by the portal against the account's tree and
/// normalises them (`full` → 1, items as strings). An empty selection is
/// `[]`, as PHP writes it.
pub fn check_privileges(tree: &Value, sent: &Value) -> Result<Value, String> {
    let bad = || "Privileges are invalid".to_string();
    let sent = match sent {
        Value::Array(a) if a.is_empty() => return Ok(json!([])),
        Value::Null => return Ok(json!([])),
        Value::Object(o) => o,
        _ => return Err(bad()),
    };
    let names = |v: &Value| -> Option<Vec<String>> {
        match v {
            Value::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string)).collect(),
            _ => None,
        }
    };
    let mut out = Map::new();
    for (group, value) in sent {
        match tree.get(group) {
            Some(Value::Array(allowed)) => {
                let items = names(value).ok_or_else(bad)?;
                if items.iter().any(|i| !allowed.iter().any(|a| a == i)) {
                    return Err(bad());
                }
                if !items.is_empty() {
                    out.insert(group.clone(), json!(items));
                }
            }
            Some(Value::Object(allowed)) => {
                let Value::Object(sel) = value else {
                    if value.as_array().is_some_and(|a| a.is_empty()) {
                        continue;
                    }
                    return Err(bad());
                };
                let mut scoped = Map::new();
                for (id, v) in sel {
                    if id == "full" {
                        let on = matches!(v, Value::Bool(true))
                            || v.as_u64() == Some(1)
                            || v.as_str() == Some("1");
                        if on {
                            scoped.insert("full".into(), json!(1));
                        }
                        continue;
                    }
                    let allowed_items = allowed.get(id).and_then(names).ok_or_else(bad)?;
                    let items = names(v).ok_or_else(bad)?;
                    if items.iter().any(|i| !allowed_items.contains(i)) {
                        return Err(bad());
                    }
                    if !items.is_empty() {
                        scoped.insert(id.clone(), json!(items));
                    }
                }
                if !scoped.is_empty() {
                    out.insert(group.clone(), Value::Object(scoped));
                }
            }
            _ => return Err(bad()),
        }
    }
    Ok(if out.is_empty() { json!([]) } else { Value::Object(out) })
}

/// Applies the body's fields to a contact; returns the problems.
fn apply(db: &Db, client_id: &str, contact: &mut Contact, body: &Payload) -> Vec<String> {
    let mut problems = profile::check(body, Mode::Update);
    if let Some(email) = field(body, "email") {
        let taken = db.accounts.values().any(|a| a.client.email.eq_ignore_ascii_case(&email))
            || db
                .customer
                .contacts
                .values()
                .flatten()
                .any(|c| c.id != contact.id && c.email.eq_ignore_ascii_case(&email));
        if !email.is_empty() && taken {
            problems.push("useralreadyexistsemail_error".into());
        }
    }
    if let Some(p) = body.0.get("privileges") {
        match check_privileges(&tree(db, client_id), p) {
            Ok(v) => contact.privileges = v,
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    for f in FIELDS {
        let Some(v) = field(body, f) else { continue };
        let slot = match f {
            "type" => &mut contact.kind,
            "companyname" => &mut contact.companyname,
            "taxid" => &mut contact.taxid,
            "gender" => &mut contact.gender,
            "lastname" => &mut contact.lastname,
            "firstname" => &mut contact.firstname,
            "email" => &mut contact.email,
            "phonenumber" => &mut contact.phonenumber,
            "zalonumber" => &mut contact.zalonumber,
            "nationalid" => &mut contact.nationalid,
            "birthday" => &mut contact.birthday,
            "country" => &mut contact.country,
            "state" => &mut contact.state,
            "city" => &mut contact.city,
            "ward" => &mut contact.ward,
            "address1" => &mut contact.address1,
            "postcode" => &mut contact.postcode,
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
    if let Some(list) = string_list(body, "telegramnotifications") {
        contact.telegramnotifications = list;
    }
    if let Some(list) = string_list(body, "zalonotifications") {
        contact.zalonotifications = list;
    }
    Vec::new()
}

/// `POST /contact` → `{"contact_id": "51", "info": ["profile_added"]}`.
async fn add(
    State(state): State<AppState>,
    authed: Authed,
    body: Payload,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    let mut contact = Contact::empty(db.customer.next_contact_id.to_string());
    let mut problems = apply(&db, &authed.client_id, &mut contact, &body);
    if field(&body, "email").unwrap_or_default().is_empty() {
        problems.push("Email Address is required".into());
    }
    let password = body.str("password").filter(|p| !p.is_empty());
    if password.as_ref().is_some_and(|p| p.chars().count() < 6) {
        problems.push("Password is too short".into());
    }
    errors(problems)?;
    contact.password = password;
    db.customer.next_contact_id += 1;
    let id = contact.id.clone();
    let name = format!("{} {}", contact.lastname, contact.firstname);
    db.customer.contacts.entry(authed.client_id.clone()).or_default().push(contact);
    db.customer.log(
        &authed.client_id,
        &format!("Thêm người liên hệ {}", name.trim()),
        profile::now_text(),
    );
    Ok(Json(json!({ "contact_id": id, "info": ["profile_added"] })).into_response())
}

fn not_found() -> ApiError {
    ApiError::business("Contact not found")
}

/// `GET /contact/@id` → `{"contact": {...}}` (with `privileges`).
async fn details(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let db = state.db();
    let contact = db
        .customer
        .contacts
        .get(&authed.client_id)
        .and_then(|cs| cs.iter().find(|c| c.id == id))
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "contact": contact })))
}

/// `PUT /contact/@id` → `{"info": ["profile_updated"]}`.
async fn edit(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let mut db = state.db();
    let mut contact = db
        .customer
        .contacts
        .get(&authed.client_id)
        .and_then(|cs| cs.iter().find(|c| c.id == id))
        .cloned()
        .ok_or_else(not_found)?;
    errors(apply(&db, &authed.client_id, &mut contact, &body))?;
    let name = format!("{} {}", contact.lastname, contact.firstname);
    if let Some(slot) = db
        .customer
        .contacts
        .get_mut(&authed.client_id)
        .and_then(|cs| cs.iter_mut().find(|c| c.id == id))
    {
        *slot = contact;
    }
    db.customer.log(
        &authed.client_id,
        &format!("Sửa người liên hệ {}", name.trim()),
        profile::now_text(),
    );
    Ok(info("profile_updated"))
}
