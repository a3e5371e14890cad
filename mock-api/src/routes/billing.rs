//! Section "Billing" (catalog endpoints 30-33).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::auth::Authed;
use crate::envelope::ApiError;
use crate::model::Balance;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/balance", get(balance))
        .route("/payment", get(payment))
}

/// Payment methods (id, gateway name), as `GET /payment` lists them.
pub const PAYMENT_METHODS: &[(&str, &str)] = &[("10", "BankTransfer"), ("12", "VNPay"), ("9", "PayPal")];

/// `GET /payment` (Bearer) → `{"payments": {"<id>": "<name>"}}`, an object
/// keyed by method id as in the reference.
async fn payment(_authed: Authed) -> Json<serde_json::Value> {
    let map: serde_json::Map<String, serde_json::Value> = PAYMENT_METHODS
        .iter()
        .map(|(id, name)| (id.to_string(), serde_json::Value::String(name.to_string())))
        .collect();
    Json(serde_json::json!({ "payments": map }))
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
    let details = state
        .db()
        .account(&authed.client_id)
        .ok_or_else(ApiError::unauthorized)?
        .balance
        .clone();
    Ok(Json(BalanceResponse {
        success: true,
        details,
    }))
}
