//! The affiliate calls of section "Clientarea" (catalog endpoints 8-13),
//! all `GET` with a login. The data is in `affiliate_data`.
//!
//! An account that is not an affiliate (every account but the demo one, or
//! the demo one too with the `affiliate_enrolled` setting off) gets HTTP
//! 200 `{"error": ["affiliate_not_enrolled"]}` from each of the six.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::affiliate_data::{self as data, NOT_ENROLLED};
use crate::auth::Authed;
use crate::envelope::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/affiliates/summary", get(summary))
        .route("/affiliates/campaigns", get(campaigns))
        .route("/affiliates/commissions", get(commissions))
        .route("/affiliates/payouts", get(payouts))
        .route("/affiliates/vouchers", get(vouchers))
        .route("/affiliates/commissionplans", get(commission_plans))
}

/// `answer()` for an affiliate, else `affiliate_not_enrolled`.
fn affiliate(
    state: &AppState,
    authed: &Authed,
    answer: fn() -> Value,
) -> Result<Json<Value>, ApiError> {
    if data::enrolled(&authed.client_id, state.settings().affiliate_enrolled) {
        Ok(Json(answer()))
    } else {
        Err(ApiError::business(NOT_ENROLLED))
    }
}

/// `GET /affiliates/summary`.
async fn summary(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::summary)
}

/// `GET /affiliates/campaigns`.
async fn campaigns(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::campaigns)
}

/// `GET /affiliates/commissions`.
async fn commissions(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::commissions)
}

/// `GET /affiliates/payouts`.
async fn payouts(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::payouts)
}

/// `GET /affiliates/vouchers`.
async fn vouchers(State(state): State<AppState>, authed: Authed) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::vouchers)
}

/// `GET /affiliates/commissionplans`.
async fn commission_plans(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<Json<Value>, ApiError> {
    affiliate(&state, &authed, data::commission_plans)
}
