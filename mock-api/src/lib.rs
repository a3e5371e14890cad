//! `mock-api`: an axum server that emulates the BKNS client-area API (a
//! HostBill "User API") with seeded in-memory state. It is the portal's demo
//! backend and its end-to-end test backend, so it keeps the documented
//! quirks: ids and amounts as strings, errors as `{"error": [...]}` (HTTP
//! 200 for business errors), success messages as `{"info": [...]}`.
//!
//! Layout of the server built by [`app`]:
//! * `/api/*`: the API ([`routes`], one module per section), behind CORS,
//!   the request log ([`reqlog`], which also enforces the body limit of
//!   [`limits`]) and fault injection ([`faults`]).
//! * `/__mock/*`: test controls ([`control`]), same-origin callers only.
//! * everything else: the web bundle with SPA fallback ([`static_files`]).
//! * every answer: the deployment's security headers ([`security`]).

use axum::extract::DefaultBodyLimit;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

pub mod affiliate_data;
pub mod auth;
pub mod body;
pub mod cert_data;
pub mod config;
pub mod control;
pub mod customer;
pub mod dns_data;
pub mod domain_data;
pub mod envelope;
pub mod faults;
pub mod limits;
pub mod locations;
pub mod model;
pub mod pdf;
pub mod profile;
pub mod redact;
pub mod reqlog;
pub mod routes;
pub mod security;
pub mod seed;
pub mod service_data;
pub mod shop;
pub mod state;
pub mod static_files;
pub mod support_data;

pub use config::{CliError, Config, FailMethods, Settings};
pub use state::AppState;

/// CORS for `/api`: any origin, the methods and headers the
/// portal uses. No credentials (tokens travel in the Authorization header).
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers([AUTHORIZATION, CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(600))
}

/// The whole server. Request flow under `/api`: CORS (answers preflights)
/// → request log (body limit) → latency/failure injection → route. Every
/// answer gets the security headers.
pub fn app(state: AppState) -> Router {
    let api = routes::router()
        .layer(from_fn_with_state(state.clone(), faults::inject))
        .layer(from_fn_with_state(state.clone(), reqlog::record))
        // For axum's own body extractors; ours read through body::read.
        .layer(DefaultBodyLimit::max(limits::BODY_LIMIT))
        .layer(cors())
        .with_state(state.clone());
    let mock = control::router().layer(from_fn(control::same_origin)).with_state(state.clone());
    // `nest_service` (unlike `nest`) also sends bare `/api` and `/api/` to
    // the nested router, so they get its 404 rather than the SPA.
    Router::new()
        .nest_service("/api", api)
        .nest_service("/__mock", mock)
        .fallback(static_files::serve)
        .layer(map_response(security::add))
        .with_state(state)
}
