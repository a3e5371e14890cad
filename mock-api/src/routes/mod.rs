//! The `/api` routes, one module per section of the API reference
//! (Clientarea, Billing, ...). Each module exposes `router()`; add new
//! sections here.

use axum::Router;

use crate::envelope::ApiError;
use crate::state::AppState;

pub mod affiliates;
pub mod billing;
pub mod cart;
pub mod certificates;
pub mod clientarea;
pub mod contacts;
pub mod coupons;
pub mod dns;
pub mod domains;
pub mod ekyc;
pub mod location;
pub mod notifications;
pub mod profile;
pub mod services;
pub mod signup;
pub mod support;
pub mod vms;
pub mod willexpired;

/// All API routes (paths relative to `/api`), with HostBill's answer for
/// unknown routes and methods: HTTP 404 `{"error":["invalid method"]}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(clientarea::router())
        .merge(billing::router())
        .merge(ekyc::router())
        .merge(signup::router())
        .merge(profile::router())
        .merge(contacts::router())
        .merge(notifications::router())
        .merge(location::router())
        .merge(domains::router())
        .merge(cart::router())
        .merge(services::router())
        .merge(vms::router())
        .merge(dns::router())
        .merge(support::router())
        .merge(certificates::router())
        .merge(affiliates::router())
        .merge(willexpired::router())
        .merge(coupons::router())
        .fallback(invalid_method)
        .method_not_allowed_fallback(invalid_method)
}

/// HTTP 404 `{"error":["invalid method"]}`.
pub async fn invalid_method() -> ApiError {
    ApiError::invalid_method()
}
