//! Section "Cart" (catalog endpoints 116-120) with the order forms' own
//! catalogues: domains (61, 62, 64, 65), certificates (80-82) and HostBill's standard
//! `GET /category/@category_id/product`.
//!
//! Business errors are HTTP 200 `{"error": ["<key>"]}`, as HostBill does.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::envelope::ApiError;
use crate::shop::engine::{self, valid_hostname, Placed};
use crate::shop::{money_str, render};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/category", get(categories))
        .route("/category/{id}/product", get(category_products))
        .route("/order/{product_id}", get(product).post(order_product))
        .route("/order", axum::routing::post(order))
        .route("/quote", axum::routing::post(quote))
        .route("/domain/order", get(tlds).post(order_domain))
        .route("/domain/order/{id}/form", get(tld_forms))
        .route("/bkns/whois/{domain}", get(whois))
        .route("/certificate/order", get(certificates).post(order_certificate))
        .route("/certificate/order/{product_id}/software", get(software))
}

/// The account's currency.
fn currency(state: &AppState, authed: &Authed) -> Result<String, ApiError> {
    Ok(state
        .db()
        .account(&authed.client_id)
        .ok_or_else(ApiError::unauthorized)?
        .balance
        .currency
        .clone())
}

/// `GET /category` → `{"categories": [{id, name, description, slug}]}`.
async fn categories(_: Authed) -> Json<Value> {
    Json(render::categories_json())
}

/// `GET /category/@id/product` → `{"products": [...]}` with `periods`;
/// unknown category → `{"error": ["category_not_found"]}`.
async fn category_products(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cur = currency(&state, &authed)?;
    render::category_products_json(&id, &cur)
        .map(Json)
        .ok_or_else(|| ApiError::business("category_not_found"))
}

/// `GET /order/@product_id` → `{"product": {..., "config": {product, forms,
/// addons, subproducts}}}`.
async fn product(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cur = currency(&state, &authed)?;
    let p = crate::shop::catalog::product(&id)
        .ok_or_else(|| ApiError::business("product_not_found"))?;
    Ok(Json(render::product_json(&p, &cur)))
}

/// `POST /quote` `{pay_method, output, items}` → `{"summary", "items"}`.
async fn quote(
    State(state): State<AppState>,
    authed: Authed,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut db = state.db();
    sync_contacts(&mut db, &authed.client_id);
    let cur =
        db.account(&authed.client_id).ok_or_else(ApiError::unauthorized)?.balance.currency.clone();
    let priced = engine::evaluate_all(&db.shop, &authed.client_id, &cur, &body);
    if priced.is_empty() {
        return Err(ApiError::business("empty_order"));
    }
    Ok(Json(engine::quote_json(&priced)))
}

/// Order items name contacts by id: the shop checks them against the
/// contacts `GET`/`POST /contact` manage (routes/contacts.rs).
fn sync_contacts(db: &mut crate::state::Db, client_id: &str) {
    let ids = db
        .customer
        .contacts
        .get(client_id)
        .map(|l| l.iter().map(|c| c.id.clone()).collect())
        .unwrap_or_default();
    db.shop.ledger(client_id).contact_ids = ids;
}

/// Places an order for the authenticated account.
fn place(state: &AppState, authed: &Authed, body: &Value) -> Result<Placed, ApiError> {
    let mut guard = state.db();
    sync_contacts(&mut guard, &authed.client_id);
    let db = &mut *guard;
    let account = db.accounts.get_mut(&authed.client_id).ok_or_else(ApiError::unauthorized)?;
    engine::place_order(&mut db.shop, account, body)
}

fn item_json(h: &crate::shop::Holding) -> Value {
    json!({ "type": h.kind, "id": h.id, "name": h.name, "product_id": h.product_id })
}

/// `POST /order` `{pay_method, ignore_errors, items, aff_id}` →
/// `{"order_num_list", "invoice_id", "total", "items"}`.
async fn order(
    State(state): State<AppState>,
    authed: Authed,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let placed = place(&state, &authed, &body)?;
    Ok(Json(json!({
        "order_num_list": vec![placed.order_num; placed.items.len().max(1)],
        "invoice_id": placed.invoice.id,
        "total": money_str(placed.invoice.total()),
        "items": placed.items.iter().map(item_json).collect::<Vec<_>>()
    })))
}

/// The single-item order calls answer `{"order_num", "invoice_id",
/// "total", "items": {one item}}`.
fn single(
    state: &AppState,
    authed: &Authed,
    body: &Value,
    item: Value,
) -> Result<Json<Value>, ApiError> {
    let wrapped = json!({
        "pay_method": body.get("pay_method").cloned().unwrap_or(Value::Null),
        "aff_id": body.get("aff_id").cloned().unwrap_or(Value::Null),
        "items": [item]
    });
    let placed = place(state, authed, &wrapped)?;
    Ok(Json(json!({
        "order_num": placed.order_num,
        "invoice_id": placed.invoice.id,
        "total": money_str(placed.invoice.total()),
        "items": placed.items.first().map(item_json).unwrap_or(json!([]))
    })))
}

fn with_type(body: &Value, kind: &str) -> Value {
    let mut item = body.clone();
    if let Some(o) = item.as_object_mut() {
        o.insert("type".into(), json!(kind));
        o.remove("pay_method");
        o.remove("aff_id");
    }
    item
}

/// `POST /order/@product_id` `{domain, cycle, pay_method, custom, promocode, aff_id}`.
async fn order_product(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut item = with_type(&body, "product");
    if let Some(o) = item.as_object_mut() {
        o.insert("product_id".into(), json!(id));
    }
    single(&state, &authed, &body, item)
}

/// `POST /domain/order` `{name, years, action, tld_id, pay_method, epp, …}`.
async fn order_domain(
    State(state): State<AppState>,
    authed: Authed,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    single(&state, &authed, &body, with_type(&body, "domain"))
}

/// `POST /certificate/order` `{product_id, csr, years, pay_method, …}`.
async fn order_certificate(
    State(state): State<AppState>,
    authed: Authed,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    single(&state, &authed, &body, with_type(&body, "certificate"))
}

/// `GET /domain/order` → `{"tlds": [{id, tld, periods: [{period, register,
/// transfer, renew, redemption}]}]}`.
async fn tlds(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    Ok(Json(render::tlds_json(&currency(&state, &authed)?)))
}

/// `GET /domain/order/@id/form` → `{"forms": [...]}` (`[]` for TLDs
/// without extra data); unknown TLD → `{"error": ["tld_not_found"]}`.
async fn tld_forms(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cur = currency(&state, &authed)?;
    crate::shop::catalog::tld(&id).ok_or_else(|| ApiError::business("tld_not_found"))?;
    Ok(Json(render::tld_forms_json(&id, &cur)))
}

/// `GET /bkns/whois/@domain` (public; the reference shows no answer) →
/// `{"domain", "status": "available"|"registered", "available", "whois"}`;
/// a malformed name → `{"error": ["invalid_domain"]}`.
async fn whois(
    State(state): State<AppState>,
    Path(domain): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let name = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    if !valid_hostname(&name) {
        return Err(ApiError::business("invalid_domain"));
    }
    let taken = state.db().shop.is_registered(&name);
    let text = if taken {
        format!("Domain Name: {name}\nRegistrar: BKNS / VNNIC\nStatus: clientTransferProhibited\n")
    } else {
        String::new()
    };
    Ok(Json(json!({
        "domain": name,
        "status": if taken { "registered" } else { "available" },
        "available": !taken,
        "whois": text
    })))
}

/// `GET /certificate/order` → `{"products": [{id, name, description,
/// periods: [{years, price, renew}], category, category_url}]}`.
async fn certificates(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(render::certificates_json(&currency(&state, &authed)?)))
}

/// `GET /certificate/order/@product_id/software` → `{"software": [{id, name}]}`.
async fn software(_: Authed, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    crate::shop::catalog::certificate(&id)
        .ok_or_else(|| ApiError::business("product_not_found"))?;
    Ok(Json(render::software_json()))
}
