//! Section "Clientarea": session calls and account details
//! (catalog endpoints 1-4 and 6).

use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

use crate::auth::{self, AuthVia, Authed, TokenPair};
use crate::body::Payload;
use crate::envelope::{status_true, ApiError, WRONG_LOGIN};
use crate::model::Client;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/token", post(token))
        .route("/revoke", post(revoke))
        .route("/details", get(details))
}

/// `POST /login` `{username, password}` (JSON or form) →
/// `{"token", "refresh"}`; bad or missing credentials → HTTP 200
/// `{"error":["wronglogin"]}`.
async fn login(State(state): State<AppState>, body: Payload) -> Result<Json<TokenPair>, ApiError> {
    let wrong = || ApiError::business(WRONG_LOGIN);
    let username = body.non_empty("username").ok_or_else(wrong)?;
    let password = body.non_empty("password").ok_or_else(wrong)?;
    let mut db = state.db();
    let client_id = db.find_login(&username, &password).ok_or_else(wrong)?.client.id.clone();
    Ok(Json(auth::issue_pair(&state, &mut db, &client_id, None)))
}

/// `POST /logout` (Bearer) → `{"status": true}`; the access token used
/// stops working (its refresh token does not).
async fn logout(State(state): State<AppState>, authed: Authed) -> Response {
    if let AuthVia::Bearer { sid, jti } = authed.via {
        if let Some(session) = state.db().sessions.get_mut(&sid) {
            session.logged_out.insert(jti);
        }
    }
    status_true()
}

/// `POST /token` `{refresh_token}` → a new `{"token", "refresh"}`; the
/// refresh token used becomes invalid. Bad, expired, used or revoked token
/// → HTTP 401 `{"error":["invalid_token"]}`.
async fn token(State(state): State<AppState>, body: Payload) -> Result<Json<TokenPair>, ApiError> {
    let refresh = body.non_empty("refresh_token").ok_or_else(ApiError::invalid_token)?;
    let mut db = state.db();
    let claims = auth::check_refresh(&state, &db, &refresh).ok_or_else(ApiError::invalid_token)?;
    Ok(Json(auth::issue_pair(&state, &mut db, &claims.sub, Some(&claims.sid))))
}

/// `POST /revoke` `{refresh_token}`, or with a valid Bearer token →
/// `{"status": true}`; ends the whole session (refresh token and every
/// access token issued with it).
///
/// Errors: a bad `refresh_token` → 401 `invalid_token`; no
/// `refresh_token` and a bad Authorization header → 401 `unauthorized`;
/// neither given → 401 `invalid_token`.
async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Payload,
) -> Result<Response, ApiError> {
    if let Some(refresh) = body.non_empty("refresh_token") {
        let mut db = state.db();
        let claims =
            auth::check_refresh(&state, &db, &refresh).ok_or_else(ApiError::invalid_token)?;
        db.sessions.remove(&claims.sid);
        return Ok(status_true());
    }
    let header = headers.get(AUTHORIZATION).ok_or_else(ApiError::invalid_token)?;
    let authed = Authed::from_header(&state, header.to_str().unwrap_or(""))?;
    if let AuthVia::Bearer { sid, .. } = authed.via {
        state.db().sessions.remove(&sid);
    }
    Ok(status_true())
}

#[derive(Serialize)]
struct DetailsResponse {
    client: Client,
}

/// `GET /details` (Bearer) → `{"client": {...}}`, all values strings.
async fn details(State(state): State<AppState>, authed: Authed) -> Result<Response, ApiError> {
    let client =
        state.db().account(&authed.client_id).ok_or_else(ApiError::unauthorized)?.client.clone();
    Ok(Json(DetailsResponse { client }).into_response())
}
