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
    Router::new().route("/balance", get(balance))
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
