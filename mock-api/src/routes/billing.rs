//! Section "Billing" (catalog endpoints 30-33) and HostBill's standard
//! `GET /invoice`, `GET /invoice/@id`.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::envelope::ApiError;
use crate::model::Balance;
use crate::shop::{engine, money_num, render};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/balance", get(balance))
        .route("/payment", get(payment))
        .route("/payment/fees", get(payment_fees))
        .route("/invoice", get(invoices))
        .route("/invoice/{id}", get(invoice))
        .route("/invoice/{id}/credit", post(apply_credit))
}

#[derive(Serialize)]
struct BalanceResponse {
    success: bool,
    details: Balance,
}

/// `GET /balance` (Bearer) →
/// `{"success": true, "details": {"currency", "acc_balance", "acc_credit"}}`.
async fn balance(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<Json<BalanceResponse>, ApiError> {
    let details =
        state.db().account(&authed.client_id).ok_or_else(ApiError::unauthorized)?.balance.clone();
    Ok(Json(BalanceResponse { success: true, details }))
}

fn account_currency(state: &AppState, authed: &Authed) -> Result<String, ApiError> {
    Ok(state
        .db()
        .account(&authed.client_id)
        .ok_or_else(ApiError::unauthorized)?
        .balance
        .currency
        .clone())
}

/// `GET /payment` → `{"payments": {"<id>": "<name>"}}`.
async fn payment(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    Ok(Json(render::payments_json(&account_currency(&state, &authed)?)))
}

/// `GET /payment/fees` → `{"payments": [{id, name, fixed_fee, percent_fee}]}`.
async fn payment_fees(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(render::fees_json(&account_currency(&state, &authed)?)))
}

/// `GET /invoice` → `{"invoices": [...]}`, newest first.
async fn invoices(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let mut list: Vec<Value> = db
        .shop
        .ledgers
        .get(&authed.client_id)
        .map(|l| l.invoices.iter().rev().map(|i| i.summary_json()).collect())
        .unwrap_or_default();
    list.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
    Json(json!({ "invoices": list }))
}

/// `GET /invoice/@id` → `{"invoice": {...}}`; another account's or an
/// unknown invoice → `{"error": ["invoice_not_found"]}`.
async fn invoice(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let db = state.db();
    let client = &db.account(&authed.client_id).ok_or_else(ApiError::unauthorized)?.client;
    let inv = db
        .shop
        .ledgers
        .get(&authed.client_id)
        .and_then(|l| l.invoices.iter().find(|i| i.id == id))
        .ok_or_else(|| ApiError::business("invoice_not_found"))?;
    Ok(Json(json!({ "invoice": inv.detail_json(client) })))
}

/// `POST /invoice/@id/credit` `{amount?}` →
/// `{"success": true, "invoice_status", "applied"}`. Without `amount`, what
/// pays the invoice in full (within the credit) is applied. Errors:
/// `invoice_not_found`, `invoice_not_unpaid`, `invalid_amount`,
/// `insufficient_credit`.
async fn apply_credit(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    Payload(body): Payload,
) -> Result<Json<Value>, ApiError> {
    let mut guard = state.db();
    let db = &mut *guard;
    let account = db.accounts.get_mut(&authed.client_id).ok_or_else(ApiError::unauthorized)?;
    let (applied, status) = engine::apply_credit(&mut db.shop, account, &id, body.get("amount"))?;
    Ok(Json(json!({ "success": true, "invoice_status": status, "applied": money_num(applied) })))
}
