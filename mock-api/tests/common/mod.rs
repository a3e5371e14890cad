//! The test client every mock-api test file uses (`mod common;`): it drives
//! the router with `tower::ServiceExt::oneshot` (no network) and hands back
//! a [`Reply`] to check.
#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use mock_api::{app, AppState, Config};
use serde_json::{json, Value};
use tower::ServiceExt;

/// A router over its own fresh state (the seed accounts, no requests yet).
pub struct Mock {
    pub state: AppState,
    router: Router,
}

/// A mock with no static bundle (`--dist` points nowhere).
pub fn mock() -> Mock {
    mock_with(Config { dist: PathBuf::from("/nonexistent/mock-api-dist"), ..Config::default() })
}

pub fn mock_with(config: Config) -> Mock {
    let state = AppState::new(&config);
    Mock { router: app(state.clone()), state }
}

/// One answer: status, headers and body, and which request it answers
/// (`"GET /api/x"`, for the assertion messages).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub request: String,
}

impl Reply {
    /// The body as JSON (panics, naming the request, if it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("{}: not JSON ({e}): {}", self.request, String::from_utf8_lossy(&self.body))
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value, or "" when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }

    /// Asserts HTTP 200 and returns the JSON body.
    pub fn ok_json(&self) -> Value {
        assert_eq!(self.status, StatusCode::OK, "{}: {}", self.request, self.text());
        self.json()
    }

    /// Asserts a HostBill error: `{"error": [key]}` as JSON with `status`
    /// (HTTP 200 for business errors, 401 and 404 for the others).
    pub fn assert_error(&self, status: StatusCode, key: &str) {
        assert_eq!(self.status, status, "{}: {}", self.request, self.text());
        assert_eq!(self.json(), json!({ "error": [key] }), "{}", self.request);
        assert!(
            self.header("content-type").starts_with("application/json"),
            "{}: content-type {}",
            self.request,
            self.header("content-type")
        );
    }

    /// Asserts the answer to a call without a valid login: HTTP 401
    /// `{"error": ["unauthorized"]}`.
    pub fn assert_unauthorized(&self) {
        self.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
}

impl Mock {
    /// Sends a request built by the test (custom headers or bodies).
    pub async fn request(&self, req: Request<Body>) -> Reply {
        let request = format!("{} {}", req.method(), req.uri());
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        Reply { status, headers, body, request }
    }

    /// Sends `body` as JSON (if any), with `bearer` as the token (if any).
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        body: Option<Value>,
        bearer: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(v) => {
                req.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string()))
            }
            None => req.body(Body::empty()),
        };
        self.request(req.unwrap()).await
    }

    pub async fn get(&self, uri: &str, bearer: Option<&str>) -> Reply {
        self.send(Method::GET, uri, None, bearer).await
    }

    pub async fn post(&self, uri: &str, body: Value, bearer: Option<&str>) -> Reply {
        self.send(Method::POST, uri, Some(body), bearer).await
    }

    pub async fn put(&self, uri: &str, body: Value, bearer: Option<&str>) -> Reply {
        self.send(Method::PUT, uri, Some(body), bearer).await
    }

    pub async fn delete(&self, uri: &str, bearer: Option<&str>) -> Reply {
        self.send(Method::DELETE, uri, None, bearer).await
    }

    /// `GET` with a token that must answer HTTP 200: the JSON.
    pub async fn get_ok(&self, uri: &str, token: &str) -> Value {
        self.get(uri, Some(token)).await.ok_json()
    }

    /// `POST` with a token that must answer HTTP 200: the JSON.
    pub async fn post_ok(&self, uri: &str, body: Value, token: &str) -> Value {
        self.post(uri, body, Some(token)).await.ok_json()
    }

    /// `PUT` with a token that must answer HTTP 200: the JSON.
    pub async fn put_ok(&self, uri: &str, body: Value, token: &str) -> Value {
        self.put(uri, body, Some(token)).await.ok_json()
    }

    /// Logs in and returns the (access, refresh) tokens.
    pub async fn login_pair(&self, username: &str, password: &str) -> (String, String) {
        let v = self
            .post("/api/login", json!({"username": username, "password": password}), None)
            .await
            .ok_json();
        let token = |k: &str| {
            v[k].as_str().unwrap_or_else(|| panic!("login {username}: no {k} in {v}")).to_owned()
        };
        (token("token"), token("refresh"))
    }

    /// Logs in and returns the access token.
    pub async fn login(&self, username: &str, password: &str) -> String {
        self.login_pair(username, password).await.0
    }

    /// The seeded VND account (client 1042).
    pub async fn demo(&self) -> String {
        self.login("demo@bkns.vn", "Demo@2026").await
    }

    pub async fn demo_pair(&self) -> (String, String) {
        self.login_pair("demo@bkns.vn", "Demo@2026").await
    }

    /// The reference's example account (client 26, USD).
    pub async fn example(&self) -> String {
        self.login("api@example.com", "secret").await
    }

    /// (acc_balance, acc_credit) of the token's account.
    pub async fn balance(&self, token: &str) -> (String, String) {
        let v = self.get_ok("/api/balance", token).await;
        (
            v["details"]["acc_balance"].as_str().unwrap().to_owned(),
            v["details"]["acc_credit"].as_str().unwrap().to_owned(),
        )
    }

    /// Patches the mock's settings (`POST /__mock/config`).
    pub async fn config(&self, patch: Value) {
        let r = self.post("/__mock/config", patch, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

/// A fresh mock with one client signed in: the shorthands send its token.
pub struct Session {
    pub mock: Mock,
    pub token: String,
}

impl Session {
    pub async fn login(username: &str, password: &str) -> Session {
        let mock = mock();
        let token = mock.login(username, password).await;
        Session { mock, token }
    }

    pub async fn demo() -> Session {
        Session::login("demo@bkns.vn", "Demo@2026").await
    }

    /// The account with the long lists (1,000 services, a 2,000-record
    /// zone, 120 tickets).
    pub async fn bulk() -> Session {
        Session::login("bulk@bkns.vn", "Bulk@2026").await
    }

    /// A `GET` whose answer must be a success: its JSON.
    pub async fn ok(&self, uri: &str) -> Value {
        self.get(uri).await.ok_json()
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.mock.get(uri, Some(&self.token)).await
    }

    /// A `GET` without the token.
    pub async fn public_get(&self, uri: &str) -> Reply {
        self.mock.get(uri, None).await
    }

    pub async fn put(&self, uri: &str, body: Value) -> Reply {
        self.mock.put(uri, body, Some(&self.token)).await
    }

    pub async fn post(&self, uri: &str, body: Value) -> Reply {
        self.mock.post(uri, body, Some(&self.token)).await
    }

    pub async fn delete(&self, uri: &str) -> Reply {
        self.mock.delete(uri, Some(&self.token)).await
    }
}

/// A business error: HTTP 200 `{"error": [keys...]}` (for the JSON of
/// [`Mock::get_ok`] and friends).
pub fn assert_business_error(v: &Value, keys: &[&str]) {
    assert_eq!(v, &json!({ "error": keys }), "{v}");
}

/// The keys of a JSON object (to compare shapes with the reference's).
pub fn keys(v: &Value) -> std::collections::BTreeSet<String> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
}

pub const CSR: &str = include_str!("../../../fixtures/csr.pem");
