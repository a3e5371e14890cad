//! A small driver for the router (no network), shared by the section test
//! files of issue 6 (`cart.rs`, `billing.rs`).
#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::{to_bytes, Body};
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use mock_api::{app, AppState, Config};
use serde_json::{json, Value};
use tower::ServiceExt;

pub struct Mock {
    pub state: AppState,
    router: Router,
}

pub fn mock() -> Mock {
    let state = AppState::new(&Config {
        dist: PathBuf::from("/nonexistent/mock-api-dist"),
        ..Config::default()
    });
    Mock { router: app(state.clone()), state }
}

impl Mock {
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        body: Option<Value>,
        bearer: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        let res = self.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        let v = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
        (status, v)
    }

    pub async fn get(&self, uri: &str, token: &str) -> Value {
        let (status, v) = self.send(Method::GET, uri, None, Some(token)).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}: {v}");
        v
    }

    pub async fn post(&self, uri: &str, body: Value, token: &str) -> Value {
        let (status, v) = self.send(Method::POST, uri, Some(body), Some(token)).await;
        assert_eq!(status, StatusCode::OK, "POST {uri}: {v}");
        v
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let (_, v) = self
            .send(
                Method::POST,
                "/api/login",
                Some(json!({"username": username, "password": password})),
                None,
            )
            .await;
        v["token"].as_str().expect("token").to_owned()
    }

    pub async fn demo(&self) -> String {
        self.login("demo@bkns.vn", "Demo@2026").await
    }

    pub async fn example(&self) -> String {
        self.login("api@example.com", "secret").await
    }

    pub async fn balance(&self, token: &str) -> (String, String) {
        let v = self.get("/api/balance", token).await;
        (
            v["details"]["acc_balance"].as_str().unwrap().to_owned(),
            v["details"]["acc_credit"].as_str().unwrap().to_owned(),
        )
    }
}

/// A business error: HTTP 200 `{"error": [keys...]}`.
pub fn assert_business_error(v: &Value, keys: &[&str]) {
    assert_eq!(v, &json!({ "error": keys }), "{v}");
}

pub const CSR: &str = include_str!("../../../fixtures/csr.pem");
