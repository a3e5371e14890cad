//! Clientarea: login, token renewal, logout, revoke.

use super::client::{fetch, send, ApiRequest};
use super::error::{decode, ApiError, Outcome};
use serde::{Deserialize, Serialize};

/// `{token, refresh}` from `/login` and `/token`. HostBill names the refresh
/// token `refresh`; some deployments say `refresh_token`: both are read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenPair {
    pub token: String,
    pub refresh: Option<String>,
}

impl<'de> Deserialize<'de> for TokenPair {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            token: Option<super::loose::Text>,
            #[serde(default)]
            refresh: Option<super::loose::Text>,
            #[serde(default)]
            refresh_token: Option<super::loose::Text>,
        }
        let raw = Raw::deserialize(d)?;
        let nonempty = |t: Option<super::loose::Text>| t.map(|t| t.0).filter(|s| !s.is_empty());
        Ok(TokenPair {
            token: nonempty(raw.token).unwrap_or_default(),
            refresh: nonempty(raw.refresh).or_else(|| nonempty(raw.refresh_token)),
        })
    }
}

#[derive(Serialize, Debug, PartialEq)]
pub struct LoginBody<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct RefreshBody<'a> {
    pub refresh_token: &'a str,
}

pub fn login_request(username: &str, password: &str) -> ApiRequest {
    ApiRequest::post("/login").public().json(&LoginBody { username: username.trim(), password })
}

pub async fn login(username: &str, password: &str) -> Result<TokenPair, ApiError> {
    let pair: TokenPair = fetch(login_request(username, password)).await?;
    if pair.token.is_empty() {
        return Err(ApiError::Decode {
            endpoint: "POST /login".into(),
            detail: "no token in the answer".into(),
        });
    }
    Ok(pair)
}

/// `POST /token`: sent once, never retried (the refresh token rotates).
pub async fn refresh(refresh_token: &str) -> Result<TokenPair, ApiError> {
    let req = ApiRequest::post("/token").public().json(&RefreshBody { refresh_token });
    match send(&req, None).await? {
        Outcome::Ok(a) => decode(&req.endpoint(), a.value),
        // refused: 401, or `invalid_token`/`unauthorized` in the envelope
        // (with a 403 too); only this ends the session
        Outcome::AuthRejected | Outcome::Err(ApiError::Forbidden) => Err(ApiError::Unauthorized),
        Outcome::Err(e) => Err(e),
    }
}

/// `POST /logout` with `access_token` as it is: never renewed first (that
/// would rotate the refresh token that is about to be revoked).
pub async fn logout(access_token: &str) -> Result<(), ApiError> {
    let req = ApiRequest::post("/logout").timeout_ms(5_000);
    match send(&req, Some(access_token)).await? {
        Outcome::Ok(_) => Ok(()),
        Outcome::AuthRejected => Err(ApiError::Unauthorized),
        Outcome::Err(e) => Err(e),
    }
}

pub async fn revoke(refresh_token: &str) -> Result<(), ApiError> {
    let req =
        ApiRequest::post("/revoke").public().timeout_ms(5_000).json(&RefreshBody { refresh_token });
    fetch::<serde_json::Value>(req).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn login_body_is_exactly_username_and_password() {
        let req = login_request(" demo@bkns.vn ", "pw");
        assert_eq!(req.body, Some(json!({"username": "demo@bkns.vn", "password": "pw"})));
        assert!(!req.auth);
        assert_eq!(req.endpoint(), "POST /login");
    }

    #[test]
    fn token_pair_variants() {
        let doc: TokenPair = serde_json::from_str(crate::fixtures::LOGIN).unwrap();
        assert!(doc.token.starts_with("eyJ"));
        assert_eq!(doc.refresh, None);
        let rot: TokenPair = serde_json::from_str(crate::fixtures::TOKEN).unwrap();
        assert!(rot.refresh.as_deref().is_some_and(|r| r.starts_with("eyJ")));
        let alt: TokenPair =
            serde_json::from_value(json!({"token": "a", "refresh_token": "b"})).unwrap();
        assert_eq!(alt.refresh.as_deref(), Some("b"));
        let both: TokenPair =
            serde_json::from_value(json!({"token": "a", "refresh": "r", "refresh_token": "b"}))
                .unwrap();
        assert_eq!(both.refresh.as_deref(), Some("r"));
        let empty: TokenPair =
            serde_json::from_value(json!({"token": "a", "refresh": ""})).unwrap();
        assert_eq!(empty.refresh, None);
        let with_client: TokenPair =
            serde_json::from_value(json!({"token": "a", "refresh": "r", "client": {"id": "1"}}))
                .unwrap();
        assert_eq!(with_client.token, "a");
    }

    #[test]
    fn logout_and_revoke_answers_decode() {
        let v: serde_json::Value = serde_json::from_str(crate::fixtures::LOGOUT).unwrap();
        assert_eq!(v["status"], true);
        let v: serde_json::Value = serde_json::from_str(crate::fixtures::REVOKE).unwrap();
        assert_eq!(v["status"], true);
    }
}
