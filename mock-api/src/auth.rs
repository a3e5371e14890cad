//! Tokens and authentication.
//!
//! * Access and refresh tokens are HS256 JWTs signed with a random
//!   per-process secret, with claims `iss, sub, sid, jti, iat, exp, typ`.
//! * A token is valid only while its session (`sid`) exists in the db:
//!   `/revoke` and `/__mock/reset` delete sessions.
//! * Refresh tokens rotate: only the session's latest refresh `jti` works.
//! * `/logout` records the access token's `jti` as logged out.
//! * [`Authed`] also accepts HTTP Basic `email:password`, as the doc's
//!   introduction allows.

use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::envelope::ApiError;
use crate::state::{AppState, Db, Session};

/// `iss` claim of every token.
pub const ISSUER: &str = "mock-api";

/// Signing keys (random per process).
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    pub fn random() -> Self {
        let mut secret = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut secret);
        Keys::from_secret(&secret)
    }

    pub fn from_secret(secret: &[u8]) -> Self {
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }
}

/// `typ` claim values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenType {
    Access,
    Refresh,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// Client id, as a string.
    pub sub: String,
    /// Session id shared by a refresh token and its access tokens.
    pub sid: String,
    pub jti: String,
    pub iat: u64,
    pub exp: u64,
    pub typ: TokenType,
}

/// `{"token": access, "refresh": refresh}`: the answer of `/login` and `/token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenPair {
    pub token: String,
    pub refresh: String,
}

/// Unix time in seconds.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A random id (128 bits, hex).
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sign(keys: &Keys, claims: &Claims) -> String {
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &keys.encoding)
        .expect("HS256 signing cannot fail")
}

/// Checks signature, issuer, type and expiry (valid while `now < exp`, no
/// leeway, so a token issued with ttl 0 is already expired). Does not look
/// at sessions.
pub fn decode(keys: &Keys, token: &str, typ: TokenType) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false; // checked below, without leeway
    validation.leeway = 0;
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "sub", "iss"]);
    let claims =
        jsonwebtoken::decode::<Claims>(token.trim(), &keys.decoding, &validation).ok()?.claims;
    (claims.typ == typ && now() < claims.exp).then_some(claims)
}

/// Issues a new token pair for `client_id`. With `sid = None` a new session
/// starts; with an existing `sid` the session's refresh token is rotated.
/// Lifetimes are the current settings.
pub fn issue_pair(state: &AppState, db: &mut Db, client_id: &str, sid: Option<&str>) -> TokenPair {
    let settings = state.settings();
    let iat = now();
    let sid = sid.map(str::to_owned).unwrap_or_else(random_id);
    let claims = |typ, ttl: u64| Claims {
        iss: ISSUER.into(),
        sub: client_id.into(),
        sid: sid.clone(),
        jti: random_id(),
        iat,
        exp: iat.saturating_add(ttl),
        typ,
    };
    let access = claims(TokenType::Access, settings.token_ttl);
    let refresh = claims(TokenType::Refresh, settings.refresh_ttl);

    db.prune_sessions(iat);
    let session = db.sessions.entry(sid.clone()).or_insert_with(|| Session {
        client_id: client_id.into(),
        refresh_jti: String::new(),
        refresh_exp: 0,
        logged_out: HashSet::new(),
    });
    session.refresh_jti = refresh.jti.clone();
    session.refresh_exp = refresh.exp;

    TokenPair { token: sign(state.keys(), &access), refresh: sign(state.keys(), &refresh) }
}

/// The claims of a refresh token that may still be used: valid JWT and its
/// session's current refresh token.
pub fn check_refresh(state: &AppState, db: &Db, token: &str) -> Option<Claims> {
    let claims = decode(state.keys(), token, TokenType::Refresh)?;
    let session = db.sessions.get(&claims.sid)?;
    (session.refresh_jti == claims.jti && session.client_id == claims.sub).then_some(claims)
}

/// The claims of an access token that may still be used: valid JWT, live
/// session, not logged out.
pub fn check_access(state: &AppState, db: &Db, token: &str) -> Option<Claims> {
    let claims = decode(state.keys(), token, TokenType::Access)?;
    let session = db.sessions.get(&claims.sid)?;
    let ok = session.client_id == claims.sub
        && !session.logged_out.contains(&claims.jti)
        && db.account(&claims.sub).is_some();
    ok.then_some(claims)
}

/// How a request authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthVia {
    /// A JWT access token; its session and token id.
    Bearer { sid: String, jti: String },
    /// HTTP Basic `email:password`.
    Basic,
}

/// Extractor for endpoints that need a logged-in client. Rejects with
/// HTTP 401 `{"error":["unauthorized"]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authed {
    pub client_id: String,
    pub via: AuthVia,
}

impl Authed {
    /// Authenticates from an `Authorization` header value.
    pub fn from_header(state: &AppState, value: &str) -> Result<Authed, ApiError> {
        let value = value.trim();
        let (scheme, rest) = value.split_once(' ').ok_or_else(ApiError::unauthorized)?;
        let rest = rest.trim();
        if scheme.eq_ignore_ascii_case("bearer") {
            let db = state.db();
            let claims = check_access(state, &db, rest).ok_or_else(ApiError::unauthorized)?;
            Ok(Authed {
                client_id: claims.sub,
                via: AuthVia::Bearer { sid: claims.sid, jti: claims.jti },
            })
        } else if scheme.eq_ignore_ascii_case("basic") {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(rest)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(ApiError::unauthorized)?;
            let (email, password) = decoded.split_once(':').ok_or_else(ApiError::unauthorized)?;
            let db = state.db();
            let account = db.find_login(email, password).ok_or_else(ApiError::unauthorized)?;
            Ok(Authed { client_id: account.client.id.clone(), via: AuthVia::Basic })
        } else {
            Err(ApiError::unauthorized())
        }
    }
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(ApiError::unauthorized)?;
        Authed::from_header(state, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn wrong_type_or_key_is_rejected() {
        let state = AppState::new(&Config::default());
        let pair = {
            let mut db = state.db();
            issue_pair(&state, &mut db, "26", None)
        };
        let keys = state.keys();
        let access = decode(keys, &pair.token, TokenType::Access).unwrap();
        assert_eq!(access.sub, "26");
        assert_eq!(access.iss, ISSUER);
        assert_eq!(access.exp - access.iat, 900);
        assert!(decode(keys, &pair.token, TokenType::Refresh).is_none());
        let refresh = decode(keys, &pair.refresh, TokenType::Refresh).unwrap();
        assert_eq!(refresh.sid, access.sid);
        assert_ne!(refresh.jti, access.jti);
        assert_eq!(refresh.exp - refresh.iat, 2_592_000);
        assert!(decode(&Keys::random(), &pair.token, TokenType::Access).is_none());
        assert!(decode(keys, "garbage", TokenType::Access).is_none());
    }
}
