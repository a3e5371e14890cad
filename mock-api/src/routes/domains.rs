//! Section "Domains" (catalog endpoints 40-60, 63, 64, 66-72).
//!
//! Where the reference documents no answer or no body, the shapes follow
//! HostBill (see the portal's `src/api/domains.rs`, which names every
//! field): `GET /domain/@id/ns` → `{success, nameservers}`, contacts under
//! `contact_info.{registrant,admin,tech,billing}`, toggles sent as
//! `{"switch": bool}`, child nameservers as `{action, nameserver, ip}`.
//! Write bodies are checked strictly: an unknown or missing field is
//! `{"error": ["data_format_error"]}` (HostBill's "Wrong Parameter").
//!
//! The document calls (67-72) are public in the reference: they work
//! without credentials, and when a token is sent it must be valid and the
//! domain must be the caller's.

use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::domain_data::{
    self as data, Contact, DnssecKey, Domain, TokenState, CONTACT_FIELDS, CONTACT_ROLES,
};
use crate::envelope::{info, ApiError};
use crate::limits;
use crate::state::AppState;

/// Largest document upload, decoded.
pub use crate::limits::UPLOAD_MAX as MAX_UPLOAD;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/domain", get(list))
        .route("/domain/name/{name}", get(by_name))
        .route("/domain/{id}", get(details))
        .route("/domain/{id}/ns", get(get_ns).put(put_ns))
        .route("/domain/{id}/reg", post(register_ns))
        .route("/domain/{id}/epp", get(epp))
        .route("/domain/{id}/sync", get(sync))
        .route("/domain/{id}/reglock", get(reglock))
        .route("/domain/{id}/contact", get(get_contacts).put(put_contacts))
        .route("/domain/{id}/emforwarding", get(get_emforwarding).put(put_emforwarding))
        .route("/domain/{id}/forwarding", axum::routing::put(put_forwarding))
        .route("/domain/{id}/autorenew", get(get_autorenew).put(put_autorenew))
        .route("/domain/{id}/idprotection", axum::routing::put(put_idprotection))
        .route("/domain/{id}/dnssec/flags", get(dnssec_flags))
        .route("/domain/{id}/dnssec", get(get_dnssec).put(put_dnssec))
        .route("/domain/{id}/dnssec/{key}", delete(delete_dnssec))
        .route("/domain/{id}/renew", post(renew))
        .route("/domain/{id}/documents", get(documents))
        .route("/domain/{id}/documents/{doc}/download", get(download))
        .route("/domain/{id}/documents/{doc}/View", get(view))
        .route("/domain/{id}/documents/{doc}/upload", post(upload))
        .route("/domain/documents/view/{token}", get(token_view))
        .route("/domain/documents/download/uploaded/{token}", get(token_download))
        .route("/domain/documents/signed", post(token_sign))
}

// ------------------------------------------------------------------ helpers

fn err(key: &str) -> ApiError {
    ApiError::business(key)
}

fn wrong() -> ApiError {
    err("data_format_error")
}

fn not_found() -> ApiError {
    err("domain_not_found")
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// A yes/no value as HostBill reads one: bool, 0/1, "0"/"1", "true"/"false".
fn parse_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => Some(true),
            "0" | "false" | "off" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The body as an object with exactly `required` plus any of `optional`.
fn exact<'a>(
    body: &'a Value,
    required: &[&str],
    optional: &[&str],
) -> Result<&'a Map<String, Value>, ApiError> {
    let obj = body.as_object().ok_or_else(wrong)?;
    if obj.keys().any(|k| !required.contains(&k.as_str()) && !optional.contains(&k.as_str())) {
        return Err(wrong());
    }
    if required.iter().any(|k| !obj.contains_key(*k)) {
        return Err(wrong());
    }
    Ok(obj)
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A host name: labels of letters, digits and hyphens, at least one dot.
pub fn valid_host(h: &str) -> bool {
    let h = h.trim_end_matches('.');
    h.len() <= 253
        && h.contains('.')
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else { return false };
    !local.is_empty() && !e.contains(char::is_whitespace) && valid_host(domain)
}

fn currency(state: &AppState, client_id: &str) -> String {
    state
        .db()
        .account(client_id)
        .map(|a| a.balance.currency.clone())
        .unwrap_or_else(|| "VND".into())
}

/// Runs `f` on the caller's domain.
fn with_domain<T>(
    state: &AppState,
    authed: &Authed,
    id: &str,
    f: impl FnOnce(&Domain) -> T,
) -> Result<T, ApiError> {
    let db = state.db();
    let d = db.domains.owned(&authed.client_id, id).ok_or_else(not_found)?;
    Ok(f(d))
}

fn with_domain_mut<T>(
    state: &AppState,
    authed: &Authed,
    id: &str,
    f: impl FnOnce(&mut Domain) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut db = state.db();
    let d = db.domains.owned_mut(&authed.client_id, id).ok_or_else(not_found)?;
    f(d)
}

fn saved() -> Response {
    info("success_changes_save")
}

// ------------------------------------------------------------------ reading

fn list_row(d: &Domain, today: i64) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "expires": data::ymd(d.expires),
        "recurring_amount": d.recurring_amount,
        "date_created": data::ymd(d.date_created),
        "status": d.status,
        "period": d.period.to_string(),
        "autorenew": flag(d.autorenew),
        "daytoexpire": (d.expires - today).to_string(),
    })
}

fn detail_row(d: &Domain) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "date_created": data::ymd(d.date_created),
        "firstpayment": d.firstpayment,
        "recurring_amount": d.recurring_amount,
        "period": d.period.to_string(),
        "expires": data::ymd(d.expires),
        "status": d.status,
        "next_due": data::ymd(d.expires),
        "next_invoice": data::ymd(d.expires - 30),
        "idprotection": flag(d.idprotection),
        "nameservers": d.nameservers,
        "autorenew": flag(d.autorenew),
    })
}

/// `GET /domain` → `{"domains": [...]}` (the reference's fields, all strings).
async fn list(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let today = data::today();
    let db = state.db();
    let rows: Vec<Value> =
        db.domains.of_client(&authed.client_id).map(|d| list_row(d, today)).collect();
    Json(json!({ "domains": rows }))
}

/// `GET /domain/@id` → `{"details": {...}}`.
async fn details(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| Json(json!({ "details": detail_row(d) })))
}

/// `GET /domain/name/@name` → `{"details": [...]}`: a list, several domains
/// may share a name (the reference's example has two `testname.com`).
async fn by_name(
    State(state): State<AppState>,
    authed: Authed,
    Path(name): Path<String>,
) -> Json<Value> {
    let wanted = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let db = state.db();
    let rows: Vec<Value> = db
        .domains
        .of_client(&authed.client_id)
        .filter(|d| d.name.eq_ignore_ascii_case(&wanted))
        .map(detail_row)
        .collect();
    Json(json!({ "details": rows }))
}

// ------------------------------------------------------------------ nameservers

/// `GET /domain/@id/ns` → `{"success": true, "nameservers": [...]}`.
async fn get_ns(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        Json(json!({ "success": true, "nameservers": d.nameservers }))
    })
}

/// `PUT /domain/@id/ns` `{nameservers: [2-4 hosts]}`; an empty list (or
/// none) restores the provider's nameservers. The reference's sample sends
/// one string, so a string of hosts separated by commas/spaces is read too.
async fn put_ns(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let body = if body.0.is_null() { json!({}) } else { body.0 };
    let obj = exact(&body, &[], &["nameservers"])?;
    let hosts: Vec<String> = match obj.get("nameservers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => {
            a.iter().map(|v| text(Some(v)).to_ascii_lowercase()).filter(|h| !h.is_empty()).collect()
        }
        Some(Value::String(s)) => s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|h| !h.is_empty())
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        _ => return Err(wrong()),
    };
    let mut unique = hosts.clone();
    unique.sort();
    unique.dedup();
    let ok = hosts.is_empty()
        || ((2..=4).contains(&hosts.len())
            && unique.len() == hosts.len()
            && hosts.iter().all(|h| valid_host(h)));
    if !ok {
        return Err(err("nameservers_invalid"));
    }
    with_domain_mut(&state, &authed, &id, |d| {
        d.nameservers = if hosts.is_empty() {
            data::DEFAULT_NAMESERVERS.iter().map(|n| n.to_string()).collect()
        } else {
            hosts
        };
        Ok(saved())
    })
}

fn valid_ip(ip: &str) -> bool {
    ip.parse::<std::net::IpAddr>().is_ok()
}

/// `POST /domain/@id/reg`: child nameservers (glue), as HostBill's registrar
/// calls them: `{action: "registerNameServer", nameserver, ip}`,
/// `{action: "modifyNameServer", nameserver, oldip, newip}`,
/// `{action: "deleteNameServer", nameserver}`. The host must be below the
/// domain.
async fn register_ns(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let action = body.str("action").unwrap_or_default();
    let obj = match action.as_str() {
        "registerNameServer" => exact(&body.0, &["action", "nameserver", "ip"], &[])?,
        "modifyNameServer" => exact(&body.0, &["action", "nameserver", "oldip", "newip"], &[])?,
        "deleteNameServer" => exact(&body.0, &["action", "nameserver"], &[])?,
        _ => return Err(wrong()),
    };
    let host = text(obj.get("nameserver")).to_ascii_lowercase();
    with_domain_mut(&state, &authed, &id, |d| {
        let suffix = format!(".{}", d.name);
        if !valid_host(&host) || !host.ends_with(&suffix) {
            return Err(err("nameserver_invalid"));
        }
        match action.as_str() {
            "registerNameServer" => {
                let ip = text(obj.get("ip"));
                if !valid_ip(&ip) {
                    return Err(err("ip_invalid"));
                }
                d.glue.insert(host, ip);
            }
            "modifyNameServer" => {
                let (old, new) = (text(obj.get("oldip")), text(obj.get("newip")));
                if !valid_ip(&new) {
                    return Err(err("ip_invalid"));
                }
                if d.glue.get(&host) != Some(&old) {
                    return Err(err("nameserver_not_found"));
                }
                d.glue.insert(host, new);
            }
            _ => {
                if d.glue.remove(&host).is_none() {
                    return Err(err("nameserver_not_found"));
                }
            }
        }
        Ok(saved())
    })
}

// ------------------------------------------------------------------ simple reads

/// `GET /domain/@id/epp` → `{"success": true, "epp": "<code>"}`.
async fn epp(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| Json(json!({ "success": true, "epp": d.epp })))
}

/// `GET /domain/@id/sync` → `{"success": true, "info": ["domain_synced"]}`.
async fn sync(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |_| {
        Json(json!({ "success": true, "info": ["domain_synced"] }))
    })
}

/// `GET /domain/@id/reglock` → `{"success": true, "reglock": "1"}`.
async fn reglock(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        Json(json!({ "success": true, "reglock": flag(d.reglock) }))
    })
}

// ------------------------------------------------------------------ contacts

/// `GET /domain/@id/contact` →
/// `{"success": true, "contact_info": {"registrant": {...}, "admin", "tech", "billing"}}`.
async fn get_contacts(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        Json(json!({ "success": true, "contact_info": d.contacts }))
    })
}

/// `PUT /domain/@id/contact` `{contact_info: {<role>: {<field>: ...}}}`:
/// any of the four roles, each with exactly the fields of the GET answer
/// (missing ones read as empty). Names (or company), e-mail and phone are
/// required.
async fn put_contacts(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let obj = exact(&body.0, &["contact_info"], &[])?;
    let roles = obj.get("contact_info").and_then(Value::as_object).ok_or_else(wrong)?;
    if roles.is_empty() {
        return Err(wrong());
    }
    let mut parsed: Vec<(String, Contact)> = Vec::new();
    for (role, fields) in roles {
        if !CONTACT_ROLES.contains(&role.as_str()) {
            return Err(wrong());
        }
        let f = exact(fields, &[], CONTACT_FIELDS)?;
        let c: Contact = CONTACT_FIELDS.iter().map(|k| (k.to_string(), text(f.get(*k)))).collect();
        let named =
            !c["lastname"].is_empty() && !c["firstname"].is_empty() || !c["companyname"].is_empty();
        if !named || c["phonenumber"].is_empty() {
            return Err(err("contact_incomplete"));
        }
        if !valid_email(&c["email"]) {
            return Err(err("emailformat_error"));
        }
        parsed.push((role.clone(), c));
    }
    with_domain_mut(&state, &authed, &id, |d| {
        for (role, c) in parsed {
            d.contacts.insert(role, c);
        }
        Ok(saved())
    })
}

// ------------------------------------------------------------------ forwarding

/// `GET /domain/@id/emforwarding` →
/// `{"success": true, "emforwarding": [{"prefix", "forwardto"}]}`.
async fn get_emforwarding(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        let rows: Vec<Value> =
            d.emforwarding.iter().map(|(p, t)| json!({ "prefix": p, "forwardto": t })).collect();
        Json(json!({ "success": true, "emforwarding": rows }))
    })
}

/// `PUT /domain/@id/emforwarding` `{emforwarding: [{prefix, forwardto}]}`:
/// replaces the whole list (an empty list removes every rule).
async fn put_emforwarding(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let obj = exact(&body.0, &["emforwarding"], &[])?;
    let rows = obj.get("emforwarding").and_then(Value::as_array).ok_or_else(wrong)?;
    let mut list = Vec::new();
    for r in rows {
        let f = exact(r, &["prefix", "forwardto"], &[])?;
        let (p, t) = (text(f.get("prefix")).to_ascii_lowercase(), text(f.get("forwardto")));
        let prefix_ok = p == "*"
            || (!p.is_empty()
                && p.len() <= 64
                && p.chars().all(|c| c.is_ascii_alphanumeric() || "._-+".contains(c)));
        if !prefix_ok {
            return Err(err("forwarding_prefix_invalid"));
        }
        if !valid_email(&t) {
            return Err(err("emailformat_error"));
        }
        list.push((p, t));
    }
    with_domain_mut(&state, &authed, &id, |d| {
        d.emforwarding = list;
        Ok(saved())
    })
}

/// `PUT /domain/@id/forwarding` `{url, type}`: web forwarding to an
/// http(s) URL, `type` `URL` (redirect) or `FRAME` (masked).
async fn put_forwarding(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let obj = exact(&body.0, &["url", "type"], &[])?;
    let (url, kind) = (text(obj.get("url")), text(obj.get("type")));
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or("")).unwrap_or("");
    let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    if !valid_host(host) {
        return Err(err("url_invalid"));
    }
    if kind != "URL" && kind != "FRAME" {
        return Err(wrong());
    }
    with_domain_mut(&state, &authed, &id, |d| {
        d.forwarding = Some((url, kind));
        Ok(saved())
    })
}

// ------------------------------------------------------------------ toggles

/// `GET /domain/@id/autorenew` → `{"success": true, "autorenew": "1"}`.
async fn get_autorenew(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        Json(json!({ "success": true, "autorenew": flag(d.autorenew) }))
    })
}

fn switch(body: &Payload) -> Result<bool, ApiError> {
    let obj = exact(&body.0, &["switch"], &[])?;
    obj.get("switch").and_then(parse_flag).ok_or_else(wrong)
}

/// `PUT /domain/@id/autorenew` `{switch: bool}`.
async fn put_autorenew(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let on = switch(&body)?;
    with_domain_mut(&state, &authed, &id, |d| {
        d.autorenew = on;
        Ok(saved())
    })
}

/// `PUT /domain/@id/idprotection` `{switch: bool}`.
async fn put_idprotection(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let on = switch(&body)?;
    with_domain_mut(&state, &authed, &id, |d| {
        d.idprotection = on;
        Ok(saved())
    })
}

// ------------------------------------------------------------------ DNSSEC

/// `GET /domain/@id/dnssec/flags` → `{"flags": {"256": "ZSK", "257": "KSK"}}`.
async fn dnssec_flags(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |_| Json(json!({ "flags": { "256": "ZSK", "257": "KSK" } })))
}

/// `GET /domain/@id/dnssec` → `{"success": true, "keys": [{id, flags,
/// protocol, alg, pubkey}]}`.
async fn get_dnssec(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        let keys: Vec<Value> = d
            .dnssec
            .iter()
            .map(|k| json!({ "id": k.id, "flags": k.flags, "protocol": k.protocol, "alg": k.alg, "pubkey": k.pubkey }))
            .collect();
        Json(json!({ "success": true, "keys": keys }))
    })
}

/// DNSSEC algorithm numbers accepted (IANA): RSA/SHA-256 and -512, ECDSA
/// P-256/P-384, Ed25519, Ed448.
pub const DNSSEC_ALGORITHMS: &[&str] = &["8", "10", "13", "14", "15", "16"];

/// `PUT /domain/@id/dnssec` `{flags, protocol, alg, pubkey}` adds a key.
async fn put_dnssec(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let obj = exact(&body.0, &["flags", "protocol", "alg", "pubkey"], &[])?;
    let key = DnssecKey {
        id: String::new(),
        flags: text(obj.get("flags")),
        protocol: text(obj.get("protocol")),
        alg: text(obj.get("alg")),
        pubkey: text(obj.get("pubkey")).split_whitespace().collect(),
    };
    // A DNSSEC public key is at most a few hundred bytes (RSA-4096: 516).
    let b64 = limits::decode_base64(&key.pubkey, 2048).is_ok_and(|b| b.len() >= 32);
    if !["256", "257"].contains(&key.flags.as_str())
        || key.protocol != "3"
        || !DNSSEC_ALGORITHMS.contains(&key.alg.as_str())
        || !b64
    {
        return Err(err("dnssec_key_invalid"));
    }
    let mut db = state.db();
    db.domains.next_key += 1;
    let next = db.domains.next_key;
    let d = db.domains.owned_mut(&authed.client_id, &id).ok_or_else(not_found)?;
    d.dnssec.push(DnssecKey { id: next.to_string(), ..key });
    Ok(saved())
}

/// `DELETE /domain/@id/dnssec/@key` (the key's `id`).
async fn delete_dnssec(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, key)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    with_domain_mut(&state, &authed, &id, |d| {
        let before = d.dnssec.len();
        d.dnssec.retain(|k| k.id != key);
        if d.dnssec.len() == before {
            return Err(err("dnssec_key_not_found"));
        }
        Ok(saved())
    })
}

// ------------------------------------------------------------------ renew

/// `POST /domain/@id/renew` `{years, pay_method}` → an order like `POST
/// /domain/order`'s: `{order_num, invoice_id, total, items}`. Cancelled or
/// pending domains: `renewnotavailable`.
async fn renew(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let obj = exact(&body.0, &["years", "pay_method"], &[])?;
    let years: u32 = text(obj.get("years")).parse().map_err(|_| err("period_invalid"))?;
    let method = text(obj.get("pay_method"));
    let cur = currency(&state, &authed.client_id);
    if !crate::shop::catalog::payment_methods(&cur).iter().any(|m| m.id.to_string() == method) {
        return Err(err("pay_method_invalid"));
    }
    let mut db = state.db();
    let d = db.domains.owned(&authed.client_id, &id).ok_or_else(not_found)?;
    if d.status != "Active" && d.status != "Expired" {
        return Err(err("renewnotavailable"));
    }
    // Prices from the shop's TLD list, the one `GET /domain/order` shows.
    let tld = d.tld();
    let tlds = crate::shop::catalog::tlds();
    let t = tlds.iter().find(|t| t.tld == tld).ok_or_else(|| err("renewnotavailable"))?;
    let tld_id = t.id;
    let period =
        t.periods.iter().find(|p| p.years == years).ok_or_else(|| err("period_invalid"))?;
    let total = crate::shop::money_str(crate::shop::catalog::convert(period.renew, &cur));
    let name = d.name.clone();
    db.domains.next_order += 1;
    // the renewal's invoice, listed by `GET /invoice` like an order's
    let amount = crate::shop::catalog::convert(period.renew, &cur);
    let line =
        ("Domain Renew".into(), id.clone(), format!("Gia hạn {name} - {years} năm"), amount, false);
    let invoice = db.shop.issue_invoice(&authed.client_id, &cur, vec![line]);
    if let Some(account) = db.account_mut(&authed.client_id) {
        crate::shop::engine::adjust(account, invoice.balance(), 0);
    }
    Ok(Json(json!({
        "order_num": db.domains.next_order,
        "invoice_id": invoice.id,
        "total": total,
        "items": { "id": id, "type": "Domain Renew", "name": name, "product_id": tld_id },
    })))
}

// ------------------------------------------------------------------ documents

/// Credentials are optional on the document calls (public in the
/// reference); when sent they must be valid.
fn optional_auth(state: &AppState, headers: &HeaderMap) -> Result<Option<Authed>, ApiError> {
    match headers.get(AUTHORIZATION) {
        None => Ok(None),
        Some(v) => Authed::from_header(state, v.to_str().unwrap_or("")).map(Some),
    }
}

fn doc_row(doc: &data::Document) -> Value {
    let mut row = json!({
        "id": doc.id,
        "name": doc.name,
        "status": doc.status,
        "date_created": data::ymd(doc.date_created),
        "date_signed": doc.date_signed.map(data::ymd).unwrap_or_default(),
        "filename": format!("{}.pdf", doc.slug),
    });
    if let (Some(t), "Pending") = (&doc.token, doc.status.as_str()) {
        row["token"] = json!(t);
    }
    if let Some((name, _)) = &doc.upload {
        row["uploaded_file"] = json!(name);
    }
    row
}

/// `GET /domain/@id/documents` → `{"documents": [{id, name, status,
/// date_created, date_signed, filename, token?}]}`.
async fn documents(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_domain(&state, &authed, &id, |d| {
        let rows: Vec<Value> = d.documents.iter().map(doc_row).collect();
        Json(json!({ "documents": rows }))
    })
}

fn pdf_response(bytes: Vec<u8>, file: &str, inline: bool) -> Response {
    let disposition =
        format!("{}; filename=\"{}\"", if inline { "inline" } else { "attachment" }, file);
    (
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// The PDF of a document, for download or view.
fn document_file(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    doc_id: &str,
    inline: bool,
) -> Result<Response, ApiError> {
    let who = optional_auth(state, headers)?;
    let db = state.db();
    let d = db.domains.domains.get(id).ok_or_else(|| err("document_not_found"))?;
    if who.is_some_and(|w| w.client_id != d.client_id) {
        return Err(err("document_not_found"));
    }
    let doc =
        d.documents.iter().find(|x| x.id == doc_id).ok_or_else(|| err("document_not_found"))?;
    Ok(pdf_response(data::document_pdf(d, doc), &data::file_name(d, doc, ""), inline))
}

/// `GET /domain/@id/documents/@documentid/download` → `application/pdf` (attachment).
async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, doc)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    document_file(&state, &headers, &id, &doc, false)
}

/// `GET /domain/@id/documents/@documentid/View` → `application/pdf` (inline).
async fn view(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, doc)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    document_file(&state, &headers, &id, &doc, true)
}

/// What an upload or a signature may be: PDF, PNG or JPEG, by content.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else {
        None
    }
}

/// `POST /domain/@id/documents/@documentid/upload` `{filename, content}`
/// (base64): a signed scan, PDF or image, at most 10 MB →
/// `{"success": true, "info": ["document_uploaded"]}`; larger: HTTP 413
/// `{"error": ["file_too_large"]}` (decided on the base64's length, before
/// decoding); not base64: `file_invalid`.
async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, doc_id)): Path<(String, String)>,
    body: Payload,
) -> Result<Response, ApiError> {
    let who = optional_auth(&state, &headers)?;
    let obj = exact(&body.0, &["filename", "content"], &[])?;
    let filename = text(obj.get("filename"));
    let content = text(obj.get("content"));
    let bytes =
        limits::decode_base64(&content, MAX_UPLOAD).map_err(|e| e.into_api("file_invalid"))?;
    let ext = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let kind = sniff(&bytes).ok_or_else(|| err("file_type_invalid"))?;
    let ext_ok = match kind {
        "jpg" => ext == "jpg" || ext == "jpeg",
        k => ext == k,
    };
    if filename.is_empty() || filename.len() > 200 || !ext_ok {
        return Err(err("file_type_invalid"));
    }
    let mut db = state.db();
    let d = db.domains.domains.get_mut(&id).ok_or_else(|| err("document_not_found"))?;
    if who.is_some_and(|w| w.client_id != d.client_id) {
        return Err(err("document_not_found"));
    }
    let doc =
        d.documents.iter_mut().find(|x| x.id == doc_id).ok_or_else(|| err("document_not_found"))?;
    doc.upload = Some((filename, bytes));
    doc.status = "Uploaded".into();
    doc.date_signed = Some(data::today());
    Ok(Json(json!({ "success": true, "info": ["document_uploaded"] })).into_response())
}

fn token_error(state: TokenState) -> ApiError {
    match state {
        TokenState::Valid => err("document_not_signed"),
        TokenState::Used => err("document_already_signed"),
        TokenState::Expired => err("document_token_expired"),
    }
}

/// `GET /domain/documents/view/@token` → the document to sign
/// (`application/pdf`, inline). Unknown token: `document_token_invalid`;
/// used: `document_already_signed`; expired: `document_token_expired`.
async fn token_view(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let db = state.db();
    let (d, doc) = token_document(&db.domains, &token, TokenState::Valid)?;
    Ok(pdf_response(data::document_pdf(d, doc), &data::file_name(d, doc, ""), true))
}

/// The domain and document of a token that is in state `wanted`.
fn token_document<'a>(
    db: &'a data::DomainDb,
    token: &str,
    wanted: TokenState,
) -> Result<(&'a Domain, &'a data::Document), ApiError> {
    let t = db.tokens.get(token).ok_or_else(|| err("document_token_invalid"))?;
    if t.state != wanted {
        return Err(token_error(t.state));
    }
    let d = db.domains.get(&t.domain_id).ok_or_else(|| err("document_token_invalid"))?;
    let doc = d
        .documents
        .iter()
        .find(|x| x.id == t.document_id)
        .ok_or_else(|| err("document_token_invalid"))?;
    Ok((d, doc))
}

/// `GET /domain/documents/download/uploaded/@token` → the signed PDF
/// (attachment) once the token was used; before: `document_not_signed`.
async fn token_download(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let db = state.db();
    let (d, doc) = token_document(&db.domains, &token, TokenState::Used)?;
    let pdf = doc.signed_pdf.clone().ok_or_else(|| err("document_not_signed"))?;
    Ok(pdf_response(pdf, &data::file_name(d, doc, "-signed"), false))
}

/// Reads a signature image: a `data:image/png;base64,` URL or bare base64,
/// at most [`limits::SIGNATURE_MAX`] bytes.
pub fn signature_png(image: &str) -> Result<Vec<u8>, limits::DecodeError> {
    let b64 = image.trim().strip_prefix("data:image/png;base64,").unwrap_or(image.trim());
    let bytes = limits::decode_base64(b64, limits::SIGNATURE_MAX)?;
    if sniff(&bytes) == Some("png") {
        Ok(bytes)
    } else {
        Err(limits::DecodeError::Invalid)
    }
}

/// `POST /domain/documents/signed` `{token, image}` (PNG) →
/// `{"success": true, "info": ["document_signed"]}`; the token is then used
/// and the signed PDF can be downloaded. A blank image: `signature_empty`;
/// not a PNG: `signature_invalid`; over the limits (2 MiB, 4096 px a side,
/// 32 MiB inflated): HTTP 413 `file_too_large`.
async fn token_sign(State(state): State<AppState>, body: Payload) -> Result<Response, ApiError> {
    let obj = exact(&body.0, &["token", "image"], &[])?;
    let token = text(obj.get("token"));
    let png =
        signature_png(&text(obj.get("image"))).map_err(|e| e.into_api("signature_invalid"))?;
    let mask = crate::pdf::png_ink(&png).map_err(|e| match e {
        crate::pdf::PngError::TooLarge => limits::too_large(),
        _ => err("signature_invalid"),
    })?;
    if mask.ink_pixels() < 20 {
        return Err(err("signature_empty"));
    }
    let mut db = state.db();
    let t = db.domains.tokens.get(&token).cloned().ok_or_else(|| err("document_token_invalid"))?;
    if t.state != TokenState::Valid {
        return Err(token_error(t.state));
    }
    let today = data::today();
    let pdf = data::signed_pdf(&db.domains, &t.domain_id, &t.document_id, &mask, today)
        .ok_or_else(|| err("document_token_invalid"))?;
    if let Some(doc) = db
        .domains
        .domains
        .get_mut(&t.domain_id)
        .and_then(|d| d.documents.iter_mut().find(|x| x.id == t.document_id))
    {
        doc.signed_pdf = Some(pdf);
        doc.status = "Signed".into();
        doc.date_signed = Some(today);
    }
    if let Some(t) = db.domains.tokens.get_mut(&token) {
        t.state = TokenState::Used;
    }
    Ok(Json(json!({ "success": true, "info": ["document_signed"] })).into_response())
}
