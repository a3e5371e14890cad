//! End-to-end tests of the router, driven with `tower::ServiceExt::oneshot`
//! (no network).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use mock_api::auth::{self, TokenType};
use mock_api::{app, AppState, Config};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Mock {
    state: AppState,
    router: Router,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }
}

fn mock_with(config: Config) -> Mock {
    let state = AppState::new(&config);
    Mock { router: app(state.clone()), state }
}

fn mock() -> Mock {
    mock_with(Config { dist: PathBuf::from("/nonexistent/mock-api-dist"), ..Config::default() })
}

impl Mock {
    async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        Reply { status, headers, body }
    }

    async fn get(&self, uri: &str, bearer: Option<&str>) -> Reply {
        let mut req = Request::builder().method(Method::GET).uri(uri);
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn post(&self, uri: &str, body: Value, bearer: Option<&str>) -> Reply {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::from(body.to_string())).unwrap()).await
    }

    /// Logs in and returns (access, refresh).
    async fn login(&self, username: &str, password: &str) -> (String, String) {
        let r = self
            .post("/api/login", json!({"username": username, "password": password}), None)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let v = r.json();
        (v["token"].as_str().unwrap().to_string(), v["refresh"].as_str().unwrap().to_string())
    }

    async fn demo_login(&self) -> (String, String) {
        self.login("demo@bkns.vn", "Demo@2026").await
    }

    async fn config(&self, patch: Value) {
        let r = self.post("/__mock/config", patch, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

fn assert_error(r: &Reply, status: StatusCode, key: &str) {
    assert_eq!(r.status, status, "body: {}", r.text());
    assert_eq!(r.json(), json!({ "error": [key] }));
    assert!(r.header("content-type").starts_with("application/json"));
}

// ---------------------------------------------------------------- login

#[tokio::test]
async fn login_json_returns_token_pair_with_claims() {
    let m = mock();
    let (token, refresh) = m.demo_login().await;
    let keys = m.state.keys();
    let access = auth::decode(keys, &token, TokenType::Access).expect("access token");
    let refresh = auth::decode(keys, &refresh, TokenType::Refresh).expect("refresh token");
    assert_eq!(access.sub, "1042");
    assert_eq!(access.iss, auth::ISSUER);
    assert_eq!(access.sid, refresh.sid);
    assert_ne!(access.jti, refresh.jti);
    assert_eq!(access.exp - access.iat, 900);
    assert_eq!(refresh.exp - refresh.iat, 2_592_000);

    // The raw payload carries the documented claim names and typ values.
    let payload = token.split('.').nth(1).unwrap();
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
    let claims: Value = serde_json::from_slice(&raw).unwrap();
    for k in ["iss", "sub", "sid", "jti", "iat", "exp", "typ"] {
        assert!(claims.get(k).is_some(), "claim {k} missing in {claims}");
    }
    assert_eq!(claims["typ"], "access");
    assert_eq!(claims["sub"], "1042");
}

#[tokio::test]
async fn login_wrong_or_missing_credentials_is_200_wronglogin() {
    let m = mock();
    for body in [
        json!({"username": "demo@bkns.vn", "password": "wrong"}),
        json!({"username": "nobody@bkns.vn", "password": "Demo@2026"}),
        json!({"username": "demo@bkns.vn"}),
        json!({"password": "Demo@2026"}),
        json!({}),
    ] {
        let r = m.post("/api/login", body, None).await;
        assert_error(&r, StatusCode::OK, "wronglogin");
    }
    // Malformed JSON and an empty body too.
    let r = m
        .send(
            Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_error(&r, StatusCode::OK, "wronglogin");
    let r = m.send(Request::post("/api/login").body(Body::empty()).unwrap()).await;
    assert_error(&r, StatusCode::OK, "wronglogin");
}

#[tokio::test]
async fn login_form_encoded_and_example_account() {
    let m = mock();
    let r = m
        .send(
            Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("username=api%40example.com&password=secret"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let token = r.json()["token"].as_str().unwrap().to_string();
    let claims = auth::decode(m.state.keys(), &token, TokenType::Access).unwrap();
    assert_eq!(claims.sub, "26");
    // E-mail is case-insensitive.
    let (t, _) = m.login("Demo@BKNS.vn", "Demo@2026").await;
    assert_eq!(auth::decode(m.state.keys(), &t, TokenType::Access).unwrap().sub, "1042");
}

// ---------------------------------------------------------------- details and balance

const DOC_FIELDS: [&str; 15] = [
    "id",
    "email",
    "lastlogin",
    "ip",
    "host",
    "firstname",
    "lastname",
    "companyname",
    "address1",
    "address2",
    "city",
    "state",
    "postcode",
    "country",
    "phonenumber",
];

#[tokio::test]
async fn details_shape_demo_account() {
    let m = mock();
    let (token, _) = m.demo_login().await;
    let r = m.get("/api/details", Some(&token)).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let client = v["client"].as_object().expect("client object");
    assert_eq!(v.as_object().unwrap().len(), 1);
    for f in
        DOC_FIELDS.iter().chain(["currency_id", "type", "datecreated", "ward", "nationalid"].iter())
    {
        assert!(client.get(*f).is_some_and(Value::is_string), "field {f} missing or not a string");
    }
    assert!(client.values().all(Value::is_string), "every value is a string");
    assert_eq!(client["id"], "1042");
    assert_eq!(client["email"], "demo@bkns.vn");
    assert_eq!(client["firstname"], "An");
    assert_eq!(client["lastname"], "Nguyễn Văn");
    assert_eq!(client["address1"], "12 Nguyễn Huệ");
    assert_eq!(client["ward"], "Phường Bến Nghé");
    assert_eq!(client["city"], "Quận 1");
    assert_eq!(client["state"], "Hồ Chí Minh");
    assert_eq!(client["country"], "VN");
    assert_eq!(client["postcode"], "700000");
    assert_eq!(client["phonenumber"], "+84.903123456");
    // Field order follows the doc's example.
    let text = r.text();
    assert!(
        text.starts_with(r#"{"client":{"id":"1042","email":"demo@bkns.vn","lastlogin":"#),
        "{text}"
    );
}

#[tokio::test]
async fn details_example_account_matches_doc_example() {
    let m = mock();
    let (token, _) = m.login("api@example.com", "secret").await;
    let v = m.get("/api/details", Some(&token)).await.json();
    let doc = json!({
        "id": "26", "email": "api@example.com", "lastlogin": "2016-12-30 12:24:28", "ip": "172.100.2.1",
        "host": "hostname", "firstname": "Joe", "lastname": "Doe", "companyname": "",
        "address1": "Pretty View Lane", "address2": "3294", "city": "Santa Rosa", "state": "California",
        "postcode": "95401", "country": "US", "phonenumber": "+1.24123123"
    });
    for f in DOC_FIELDS {
        assert_eq!(v["client"][f], doc[f], "field {f}");
    }
}

#[tokio::test]
async fn balance_per_account() {
    let m = mock();
    let (demo, _) = m.demo_login().await;
    let r = m.get("/api/balance", Some(&demo)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({"success": true, "details": {"currency": "VND", "acc_balance": "1250000.00", "acc_credit": "350000.00"}})
    );
    let (example, _) = m.login("api@example.com", "secret").await;
    assert_eq!(
        m.get("/api/balance", Some(&example)).await.json(),
        json!({"success": true, "details": {"currency": "USD", "acc_balance": "123456.55", "acc_credit": "0.00"}})
    );
}

#[tokio::test]
async fn basic_auth_is_accepted() {
    let m = mock();
    let creds = base64::engine::general_purpose::STANDARD.encode("api@example.com:secret");
    let r = m
        .send(
            Request::get("/api/details")
                .header(header::AUTHORIZATION, format!("Basic {creds}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["client"]["id"], "26");

    let bad = base64::engine::general_purpose::STANDARD.encode("api@example.com:nope");
    let r = m
        .send(
            Request::get("/api/balance")
                .header(header::AUTHORIZATION, format!("Basic {bad}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn missing_or_garbage_token_is_401_unauthorized() {
    let m = mock();
    assert_error(&m.get("/api/details", None).await, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_error(&m.get("/api/balance", None).await, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_error(
        &m.get("/api/details", Some("garbage")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &m.get("/api/details", Some("a.b.c")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    // A refresh token is not an access token.
    let (_, refresh) = m.demo_login().await;
    assert_error(
        &m.get("/api/details", Some(&refresh)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    // A token signed by another server instance is rejected.
    let other = mock();
    let (foreign, _) = other.demo_login().await;
    assert_error(
        &m.get("/api/details", Some(&foreign)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &m.post("/api/logout", json!(null), None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

// ---------------------------------------------------------------- refresh, expiry, logout, revoke

#[tokio::test]
async fn token_rotation() {
    let m = mock();
    let (_, refresh1) = m.demo_login().await;
    let r = m.post("/api/token", json!({"refresh_token": refresh1}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let (token2, refresh2) =
        (v["token"].as_str().unwrap().to_string(), v["refresh"].as_str().unwrap().to_string());
    assert_ne!(refresh1, refresh2);
    assert_eq!(m.get("/api/details", Some(&token2)).await.status, StatusCode::OK);

    // The used refresh token is dead; the new one works (once).
    let reuse = m.post("/api/token", json!({"refresh_token": refresh1}), None).await;
    assert_error(&reuse, StatusCode::UNAUTHORIZED, "invalid_token");
    let r = m.post("/api/token", json!({"refresh_token": refresh2}), None).await;
    assert_eq!(r.status, StatusCode::OK);

    // Missing, garbage, or an access token in its place.
    assert_error(
        &m.post("/api/token", json!({}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    assert_error(
        &m.post("/api/token", json!({"refresh_token": "x.y.z"}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    assert_error(
        &m.post("/api/token", json!({"refresh_token": token2}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
}

#[tokio::test]
async fn expired_access_token_is_rejected_and_refresh_recovers() {
    let m = mock();
    m.config(json!({"token_ttl": 0})).await;
    let (token, refresh) = m.demo_login().await;
    assert_error(
        &m.get("/api/details", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );

    m.config(json!({"token_ttl": 900})).await;
    let r = m.post("/api/token", json!({"refresh_token": refresh}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    let fresh = r.json()["token"].as_str().unwrap().to_string();
    assert_eq!(m.get("/api/details", Some(&fresh)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn expired_refresh_token_is_rejected() {
    let m = mock();
    m.config(json!({"refresh_ttl": 0})).await;
    let (token, refresh) = m.demo_login().await;
    assert_eq!(m.get("/api/details", Some(&token)).await.status, StatusCode::OK);
    assert_error(
        &m.post("/api/token", json!({"refresh_token": refresh}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
}

#[tokio::test]
async fn logout_kills_the_access_token_only() {
    let m = mock();
    let (token, refresh) = m.demo_login().await;
    let r = m.post("/api/logout", json!(null), Some(&token)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": true}));
    assert_error(
        &m.get("/api/details", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &m.post("/api/logout", json!(null), Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    // "Invalidate authorization token": the refresh token still works.
    assert_eq!(
        m.post("/api/token", json!({"refresh_token": refresh}), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoke_with_refresh_token_ends_the_session() {
    let m = mock();
    let (token, refresh) = m.demo_login().await;
    let (other_token, _) = m.demo_login().await; // a second, independent session
    let r = m.post("/api/revoke", json!({"refresh_token": refresh}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": true}));
    assert_error(
        &m.post("/api/token", json!({"refresh_token": refresh}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    assert_error(
        &m.get("/api/details", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(m.get("/api/details", Some(&other_token)).await.status, StatusCode::OK);
    // Revoking again, or with garbage, fails.
    assert_error(
        &m.post("/api/revoke", json!({"refresh_token": refresh}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    assert_error(
        &m.post("/api/revoke", json!({}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
}

#[tokio::test]
async fn revoke_with_bearer_token_ends_the_session() {
    let m = mock();
    let (token, refresh) = m.demo_login().await;
    let r = m.post("/api/revoke", json!(null), Some(&token)).await;
    assert_eq!(r.json(), json!({"status": true}));
    assert_error(
        &m.get("/api/details", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &m.post("/api/token", json!({"refresh_token": refresh}), None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    assert_error(
        &m.post("/api/revoke", json!(null), Some("junk")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

// ---------------------------------------------------------------- routing

#[tokio::test]
async fn unknown_api_route_is_404_invalid_method() {
    let m = mock();
    assert_error(&m.get("/api/nope", None).await, StatusCode::NOT_FOUND, "invalid method");
    assert_error(
        &m.get("/api/service/1/whatever", None).await,
        StatusCode::NOT_FOUND,
        "invalid method",
    );
    for uri in ["/api", "/api/", "/api/login/extra"] {
        assert_error(&m.get(uri, None).await, StatusCode::NOT_FOUND, "invalid method");
    }
    // Known path, wrong method.
    assert_error(&m.get("/api/login", None).await, StatusCode::NOT_FOUND, "invalid method");
    assert_error(
        &m.post("/api/details", json!({}), None).await,
        StatusCode::NOT_FOUND,
        "invalid method",
    );
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let m = mock();
    let r = m
        .send(
            Request::builder()
                .method(Method::OPTIONS)
                .uri("/api/details")
                .header(header::ORIGIN, "http://localhost:3000")
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("access-control-allow-origin"), "*");
    let methods = r.header("access-control-allow-methods").to_ascii_uppercase();
    for verb in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(methods.contains(verb), "{methods}");
    }
    let headers = r.header("access-control-allow-headers").to_ascii_lowercase();
    assert!(headers.contains("authorization") && headers.contains("content-type"), "{headers}");
    // Preflights are not API calls: not logged.
    assert_eq!(m.get("/__mock/requests", None).await.json(), json!([]));

    let r = m
        .send(
            Request::get("/api/details")
                .header(header::ORIGIN, "http://localhost:3000")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.header("access-control-allow-origin"), "*");
}

// ---------------------------------------------------------------- request log, faults, control

#[tokio::test]
async fn request_log_records_and_clears() {
    let m = mock();
    let (token, refresh) = m.demo_login().await;
    m.get("/api/details?lang=vi", Some(&token)).await;
    m.post("/api/token", json!({"refresh_token": refresh}), None).await;
    m.post("/api/token", json!({"refresh_token": refresh}), None).await; // reuse → 401

    let all = m.get("/__mock/requests", None).await.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0]["path"], "/login");
    assert_eq!(all[0]["body"], json!({"username": "demo@bkns.vn", "password": "Demo@2026"}));
    assert_eq!(all[0]["auth"], false);
    assert_eq!(all[1]["path"], "/details");
    assert_eq!(all[1]["method"], "GET");
    assert_eq!(all[1]["query"], "lang=vi");
    assert_eq!(all[1]["auth"], true);
    assert_eq!(all[1]["body"], Value::Null);
    assert_eq!(all[1]["status"], 200);
    let seqs: Vec<u64> = all.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4]);

    let tokens = m.get("/__mock/requests?path=/token", None).await.json();
    let tokens = tokens.as_array().unwrap();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0]["method"], "POST");
    assert_eq!(tokens[0]["body"]["refresh_token"], refresh.as_str());
    assert_eq!(tokens[0]["status"], 200);
    assert_eq!(tokens[1]["status"], 401);
    assert_eq!(
        m.get("/__mock/requests?method=get", None).await.json().as_array().unwrap().len(),
        1
    );
    assert_eq!(m.get("/__mock/requests?since=3", None).await.json().as_array().unwrap().len(), 1);

    let r = m.send(Request::delete("/__mock/requests").body(Body::empty()).unwrap()).await;
    assert_eq!(r.json(), json!({"status": true, "cleared": 4}));
    assert_eq!(m.get("/__mock/requests", None).await.json(), json!([]));
    // Form bodies are logged as objects; unknown routes are logged with 404.
    m.send(
        Request::post("/api/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=x&password=y"))
            .unwrap(),
    )
    .await;
    m.get("/api/nope", None).await;
    let log = m.get("/__mock/requests", None).await.json();
    assert_eq!(log[0]["body"], json!({"username": "x", "password": "y"}));
    assert_eq!(log[0]["seq"], 5);
    assert_eq!(log[1]["path"], "/nope");
    assert_eq!(log[1]["status"], 404);
}

#[tokio::test]
async fn fail_rate_one_gives_html_500() {
    let m = mock();
    m.config(json!({"fail_rate": 1.0})).await;
    let r = m
        .post("/api/login", json!({"username": "demo@bkns.vn", "password": "Demo@2026"}), None)
        .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.header("content-type").starts_with("text/html"), "{}", r.header("content-type"));
    assert_eq!(r.text(), "<html><body><h1>500 Internal Server Error</h1></body></html>");
    // Failures are logged; /__mock is never faulted.
    let log = m.get("/__mock/requests", None).await;
    assert_eq!(log.status, StatusCode::OK);
    assert_eq!(log.json()[0]["status"], 500);

    m.config(json!({"fail_rate": 0.0})).await;
    assert_eq!(
        m.post("/api/login", json!({"username": "demo@bkns.vn", "password": "Demo@2026"}), None)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_is_applied() {
    let m = mock();
    m.config(json!({"latency_ms": 150})).await;
    let start = Instant::now();
    let r = m.get("/api/details", None).await;
    assert!(start.elapsed() >= Duration::from_millis(150), "{:?}", start.elapsed());
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // The control endpoints are not delayed.
    m.config(json!({"latency_ms": 0})).await;
    let start = Instant::now();
    m.get("/api/details", None).await;
    assert!(start.elapsed() < Duration::from_millis(100));
}

#[tokio::test]
async fn config_get_set_validate_and_reset() {
    let m = mock_with(Config {
        dist: PathBuf::from("/nonexistent"),
        settings: mock_api::Settings { token_ttl: 60, ..Default::default() },
        ..Config::default()
    });
    let defaults =
        json!({"token_ttl": 60, "refresh_ttl": 2592000, "latency_ms": 0, "fail_rate": 0.0});
    assert_eq!(m.get("/__mock/config", None).await.json(), defaults);
    // Log in before making /api calls flaky with fail_rate.
    let (token, _) = m.demo_login().await;

    let r = m.post("/__mock/config", json!({"latency_ms": 5, "fail_rate": 0.25}), None).await;
    assert_eq!(
        r.json(),
        json!({"token_ttl": 60, "refresh_ttl": 2592000, "latency_ms": 5, "fail_rate": 0.25})
    );
    assert_eq!(
        m.post("/__mock/config", json!({"fail_rate": 2}), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        m.post("/__mock/config", json!({"bogus": 1}), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        m.post("/__mock/config", json!({"token_ttl": -1}), None).await.status,
        StatusCode::BAD_REQUEST
    );

    let r = m.post("/__mock/reset", json!(null), None).await;
    assert_eq!(r.json(), json!({"status": true, "config": defaults}));
    assert_eq!(m.get("/__mock/config", None).await.json(), defaults);
    assert_eq!(m.get("/__mock/requests", None).await.json(), json!([]));
    // Sessions are gone after a reset.
    assert_error(
        &m.get("/api/details", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(m.get("/__mock/health", None).await.json(), json!({"status": true}));
    assert_eq!(m.get("/__mock/nope", None).await.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------- static bundle

fn temp_dist() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "dist-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>portal</title>").unwrap();
    std::fs::write(dir.join("pkg/portal-abc123_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("pkg/portal-abc123.js"), "console.log('plain')").unwrap();
    std::fs::write(dir.join("pkg/portal-abc123.js.gz"), b"\x1f\x8bfake-gzip").unwrap();
    dir
}

#[tokio::test]
async fn spa_fallback_serves_index_html() {
    let dist = temp_dist();
    let m = mock_with(Config { dist: dist.clone(), ..Config::default() });
    for uri in ["/", "/dashboard", "/login?next=/x", "/domains/example.vn", "/index.html"] {
        let r = m.get(uri, None).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.text(), "<!doctype html><title>portal</title>", "{uri}");
        assert!(r.header("content-type").starts_with("text/html"), "{uri}");
        assert_eq!(r.header("cache-control"), "no-cache", "{uri}");
    }
    let head = m.send(Request::head("/dashboard").body(Body::empty()).unwrap()).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // A missing asset is a 404, not HTML.
    assert_eq!(m.get("/pkg/portal-old.wasm", None).await.status, StatusCode::NOT_FOUND);
    // /api and /__mock are never the SPA.
    assert_error(&m.get("/api/dashboard", None).await, StatusCode::NOT_FOUND, "invalid method");
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn assets_mime_cache_and_precompressed() {
    let dist = temp_dist();
    let m = mock_with(Config { dist: dist.clone(), ..Config::default() });
    let r = m.get("/pkg/portal-abc123_bg.wasm", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), "application/wasm");
    assert_eq!(r.header("cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(&r.body[..], b"\0asm\x01\0\0\0");

    let plain = m.get("/pkg/portal-abc123.js", None).await;
    assert_eq!(plain.text(), "console.log('plain')");
    assert!(plain.header("content-type").contains("javascript"));
    let gz = m
        .send(
            Request::get("/pkg/portal-abc123.js")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(gz.status, StatusCode::OK);
    assert_eq!(gz.header("content-encoding"), "gzip");
    assert!(gz.header("content-type").contains("javascript"));
    assert_eq!(&gz.body[..], b"\x1f\x8bfake-gzip");
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn missing_dist_explains_itself() {
    let m = mock();
    let r = m.get("/", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.header("content-type").starts_with("text/plain"));
    assert!(r.text().contains("--dist"), "{}", r.text());
    // The API still works.
    assert_eq!(
        m.post("/api/login", json!({"username": "api@example.com", "password": "secret"}), None)
            .await
            .status,
        StatusCode::OK
    );
}
