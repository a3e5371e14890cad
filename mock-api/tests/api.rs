//! End-to-end tests of the router, driven with `tower::ServiceExt::oneshot`
//! (no network).

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use common::{mock, mock_with};
use mock_api::auth::{self, TokenType};
use mock_api::Config;
use serde_json::{json, Value};

// ---------------------------------------------------------------- login

#[tokio::test]
async fn login_json_returns_token_pair_with_claims() {
    let m = mock();
    let (token, refresh) = m.demo_pair().await;
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
        r.assert_error(StatusCode::OK, "wronglogin");
    }
    // Malformed JSON and an empty body too.
    let r = m
        .request(
            Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
        )
        .await;
    r.assert_error(StatusCode::OK, "wronglogin");
    let r = m.request(Request::post("/api/login").body(Body::empty()).unwrap()).await;
    r.assert_error(StatusCode::OK, "wronglogin");
}

#[tokio::test]
async fn login_form_encoded_and_example_account() {
    let m = mock();
    let r = m
        .request(
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
    let t = m.login("Demo@BKNS.vn", "Demo@2026").await;
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
    let token = m.demo().await;
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
    let token = m.example().await;
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
    let demo = m.demo().await;
    let r = m.get("/api/balance", Some(&demo)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({"success": true, "details": {"currency": "VND", "acc_balance": "1250000.00", "acc_credit": "350000.00"}})
    );
    let example = m.example().await;
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
        .request(
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
        .request(
            Request::get("/api/balance")
                .header(header::AUTHORIZATION, format!("Basic {bad}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.assert_unauthorized();
}

/// Every route that needs a login, one entry per route and method (`{id}`
/// filled with a seeded id).
const PROTECTED: &[(Method, &str)] = &[
    // account
    (Method::GET, "/api/details"),
    (Method::PUT, "/api/details"),
    (Method::POST, "/api/logout"),
    (Method::GET, "/api/logs"),
    (Method::GET, "/api/contact"),
    (Method::POST, "/api/contact"),
    (Method::GET, "/api/contact/privileges"),
    (Method::GET, "/api/contact/49"),
    (Method::PUT, "/api/contact/49"),
    (Method::GET, "/api/notifications"),
    (Method::GET, "/api/notifications/new"),
    (Method::PUT, "/api/notifications/305/ack"),
    (Method::GET, "/api/statuses"),
    (Method::PUT, "/api/statuses/6"),
    // affiliates
    (Method::GET, "/api/affiliates/summary"),
    (Method::GET, "/api/affiliates/campaigns"),
    (Method::GET, "/api/affiliates/commissions"),
    (Method::GET, "/api/affiliates/payouts"),
    (Method::GET, "/api/affiliates/vouchers"),
    (Method::GET, "/api/affiliates/commissionplans"),
    // billing
    (Method::GET, "/api/balance"),
    (Method::GET, "/api/payment"),
    (Method::GET, "/api/payment/fees"),
    (Method::GET, "/api/invoice"),
    (Method::GET, "/api/invoice/3102"),
    (Method::POST, "/api/invoice/3102/credit"),
    // cart
    (Method::GET, "/api/category"),
    (Method::GET, "/api/category/10/product"),
    (Method::GET, "/api/order/101"),
    (Method::POST, "/api/order/101"),
    (Method::POST, "/api/order"),
    (Method::POST, "/api/quote"),
    (Method::GET, "/api/domain/order"),
    (Method::POST, "/api/domain/order"),
    (Method::GET, "/api/domain/order/13/form"),
    (Method::GET, "/api/certificate/order"),
    (Method::POST, "/api/certificate/order"),
    (Method::GET, "/api/certificate/order/401/software"),
    // SSL certificates
    (Method::GET, "/api/certificate"),
    (Method::GET, "/api/certificate/801"),
    (Method::GET, "/api/certificate/801/crt"),
    (Method::GET, "/api/certificate/805/crt"),
    // domains
    (Method::GET, "/api/domain"),
    (Method::GET, "/api/domain/name/nguyenvanan.vn"),
    (Method::GET, "/api/domain/301"),
    (Method::GET, "/api/domain/301/ns"),
    (Method::PUT, "/api/domain/301/ns"),
    (Method::POST, "/api/domain/301/reg"),
    (Method::GET, "/api/domain/301/epp"),
    (Method::GET, "/api/domain/301/sync"),
    (Method::GET, "/api/domain/301/reglock"),
    (Method::GET, "/api/domain/301/contact"),
    (Method::PUT, "/api/domain/301/contact"),
    (Method::GET, "/api/domain/301/emforwarding"),
    (Method::PUT, "/api/domain/301/emforwarding"),
    (Method::PUT, "/api/domain/301/forwarding"),
    (Method::GET, "/api/domain/301/autorenew"),
    (Method::PUT, "/api/domain/301/autorenew"),
    (Method::PUT, "/api/domain/301/idprotection"),
    (Method::GET, "/api/domain/301/dnssec/flags"),
    (Method::GET, "/api/domain/301/dnssec"),
    (Method::PUT, "/api/domain/301/dnssec"),
    (Method::DELETE, "/api/domain/301/dnssec/1"),
    (Method::POST, "/api/domain/301/renew"),
    (Method::GET, "/api/domain/301/documents"),
    // services
    (Method::GET, "/api/service"),
    (Method::GET, "/api/service/302"),
    (Method::GET, "/api/service/302/methods"),
    (Method::GET, "/api/service/302/label"),
    (Method::POST, "/api/service/302/label"),
    (Method::GET, "/api/service/305/upgrade"),
    (Method::POST, "/api/service/305/upgrade"),
    (Method::POST, "/api/service/302/cancel"),
    (Method::GET, "/api/service/302/vms"),
    (Method::POST, "/api/service/302/vms"),
    (Method::GET, "/api/service/302/vms/5001"),
    (Method::POST, "/api/service/302/vms/5001/start"),
    (Method::POST, "/api/service/302/vms/5001/stop"),
    (Method::POST, "/api/service/302/vms/5001/shutdown"),
    (Method::POST, "/api/service/302/vms/5001/reboot"),
    (Method::POST, "/api/service/302/vms/5001/reset"),
    (Method::POST, "/api/service/302/vms/5001/rescue"),
    (Method::POST, "/api/service/302/vms/5001/unrescue"),
    (Method::POST, "/api/service/302/vms/5001/rebuild"),
    (Method::GET, "/api/service/302/vms/5001/ips"),
    (Method::GET, "/api/service/302/vms/5001/ippool"),
    (Method::POST, "/api/service/302/vms/5001/ippool/11"),
    (Method::GET, "/api/service/302/vms/5001/interfaces"),
    (Method::POST, "/api/service/302/vms/5001/interfaces"),
    (Method::GET, "/api/service/302/vms/5001/interfaces/net0"),
    (Method::PUT, "/api/service/302/vms/5001/interfaces/net0"),
    (Method::DELETE, "/api/service/302/vms/5001/interfaces/net0"),
    (Method::GET, "/api/service/302/templates"),
    (Method::GET, "/api/service/302/resources"),
    (Method::GET, "/api/service/302/networks"),
    (Method::GET, "/api/service/302/ip"),
    (Method::GET, "/api/service/302/rdns"),
    (Method::POST, "/api/service/302/rdns"),
    // DNS
    (Method::GET, "/api/dns"),
    (Method::POST, "/api/service/301/dns"),
    (Method::GET, "/api/service/301/dns"),
    (Method::GET, "/api/service/301/dns/7001"),
    (Method::DELETE, "/api/service/301/dns/7001"),
    (Method::POST, "/api/service/301/dns/7001/records"),
    (Method::PUT, "/api/service/301/dns/7001/records/90004"),
    (Method::DELETE, "/api/service/301/dns/7001/records/90004"),
    // support
    (Method::GET, "/api/ticket/departments"),
    (Method::GET, "/api/tickets"),
    (Method::POST, "/api/tickets"),
    (Method::GET, "/api/tickets/517204"),
    (Method::POST, "/api/tickets/517204"),
    (Method::PUT, "/api/tickets/449382/open"),
    (Method::PUT, "/api/tickets/517204/close"),
    (Method::GET, "/api/ticket/attachment/2302?number=517204"),
    // eKYC
    (Method::POST, "/api/ekyc/faceid/verifications"),
    (Method::POST, "/api/ekyc/faceid/verification"),
];

#[tokio::test]
async fn protected_routes_answer_401_unauthorized_without_a_valid_token() {
    let m = mock();
    // a refresh token is not an access token
    let (_, refresh) = m.demo_pair().await;
    // a token signed by another server instance
    let foreign = mock().demo().await;
    let bearers = [
        ("no token", None),
        ("a garbage token", Some("garbage")),
        ("a malformed JWT", Some("a.b.c")),
        ("a refresh token", Some(refresh.as_str())),
        ("another server's token", Some(foreign.as_str())),
    ];
    for (method, path) in PROTECTED {
        let body = matches!(*method, Method::POST | Method::PUT).then(|| json!({}));
        for (what, bearer) in bearers {
            let r = m.send(method.clone(), path, body.clone(), bearer).await;
            assert_eq!(
                (r.status, serde_json::from_slice::<Value>(&r.body).ok()),
                (StatusCode::UNAUTHORIZED, Some(json!({"error": ["unauthorized"]}))),
                "{method} {path} with {what}"
            );
        }
    }
}

// ---------------------------------------------------------------- refresh, expiry, logout, revoke

#[tokio::test]
async fn token_rotation() {
    let m = mock();
    let (_, refresh1) = m.demo_pair().await;
    let r = m.post("/api/token", json!({"refresh_token": refresh1}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let (token2, refresh2) =
        (v["token"].as_str().unwrap().to_string(), v["refresh"].as_str().unwrap().to_string());
    assert_ne!(refresh1, refresh2);
    assert_eq!(m.get("/api/details", Some(&token2)).await.status, StatusCode::OK);

    // The used refresh token is dead; the new one works (once).
    let reuse = m.post("/api/token", json!({"refresh_token": refresh1}), None).await;
    reuse.assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    let r = m.post("/api/token", json!({"refresh_token": refresh2}), None).await;
    assert_eq!(r.status, StatusCode::OK);

    // Missing, garbage, or an access token in its place.
    m.post("/api/token", json!({}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    m.post("/api/token", json!({"refresh_token": "x.y.z"}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    m.post("/api/token", json!({"refresh_token": token2}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn expired_access_token_is_rejected_and_refresh_recovers() {
    let m = mock();
    m.config(json!({"token_ttl": 0})).await;
    let (token, refresh) = m.demo_pair().await;
    m.get("/api/details", Some(&token)).await.assert_unauthorized();

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
    let (token, refresh) = m.demo_pair().await;
    assert_eq!(m.get("/api/details", Some(&token)).await.status, StatusCode::OK);
    m.post("/api/token", json!({"refresh_token": refresh}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn logout_kills_the_access_token_only() {
    let m = mock();
    let (token, refresh) = m.demo_pair().await;
    let r = m.post("/api/logout", json!(null), Some(&token)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": true}));
    m.get("/api/details", Some(&token)).await.assert_unauthorized();
    m.post("/api/logout", json!(null), Some(&token)).await.assert_unauthorized();
    // "Invalidate authorization token": the refresh token still works.
    assert_eq!(
        m.post("/api/token", json!({"refresh_token": refresh}), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoke_with_refresh_token_ends_the_session() {
    let m = mock();
    let (token, refresh) = m.demo_pair().await;
    let other_token = m.demo().await; // a second, independent session
    let r = m.post("/api/revoke", json!({"refresh_token": refresh}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": true}));
    m.post("/api/token", json!({"refresh_token": refresh}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    m.get("/api/details", Some(&token)).await.assert_unauthorized();
    assert_eq!(m.get("/api/details", Some(&other_token)).await.status, StatusCode::OK);
    // Revoking again, or with garbage, fails.
    m.post("/api/revoke", json!({"refresh_token": refresh}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    m.post("/api/revoke", json!({}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn revoke_with_bearer_token_ends_the_session() {
    let m = mock();
    let (token, refresh) = m.demo_pair().await;
    let r = m.post("/api/revoke", json!(null), Some(&token)).await;
    assert_eq!(r.json(), json!({"status": true}));
    m.get("/api/details", Some(&token)).await.assert_unauthorized();
    m.post("/api/token", json!({"refresh_token": refresh}), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");
    m.post("/api/revoke", json!(null), Some("junk")).await.assert_unauthorized();
}

// ---------------------------------------------------------------- routing

#[tokio::test]
async fn unknown_api_route_is_404_invalid_method() {
    let m = mock();
    m.get("/api/nope", None).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    m.get("/api/service/1/whatever", None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "invalid method");
    for uri in ["/api", "/api/", "/api/login/extra"] {
        m.get(uri, None).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    }
    // Known path, wrong method.
    m.get("/api/login", None).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    m.post("/api/details", json!({}), None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "invalid method");
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let m = mock();
    let r = m
        .request(
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
        .request(
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
    let (token, refresh) = m.demo_pair().await;
    m.get("/api/details?lang=vi", Some(&token)).await;
    m.post("/api/token", json!({"refresh_token": refresh}), None).await;
    m.post("/api/token", json!({"refresh_token": refresh}), None).await; // reuse → 401

    let all = m.get("/__mock/requests", None).await.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0]["path"], "/login");
    // Secrets are logged as stand-ins (tests/hardening.rs has the details).
    let password = mock_api::redact::secret_stand_in("Demo@2026");
    assert_eq!(all[0]["body"], json!({"username": "demo@bkns.vn", "password": password}));
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
    assert_eq!(tokens[0]["body"]["refresh_token"], mock_api::redact::secret_stand_in(&refresh));
    assert_eq!(tokens[0]["status"], 200);
    assert_eq!(tokens[1]["status"], 401);
    assert_eq!(
        m.get("/__mock/requests?method=get", None).await.json().as_array().unwrap().len(),
        1
    );
    assert_eq!(m.get("/__mock/requests?since=3", None).await.json().as_array().unwrap().len(), 1);

    let r = m.request(Request::delete("/__mock/requests").body(Body::empty()).unwrap()).await;
    assert_eq!(r.json(), json!({"status": true, "cleared": 4}));
    assert_eq!(m.get("/__mock/requests", None).await.json(), json!([]));
    // Form bodies are logged as objects; unknown routes are logged with 404.
    m.request(
        Request::post("/api/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=x&password=y"))
            .unwrap(),
    )
    .await;
    m.get("/api/nope", None).await;
    let log = m.get("/__mock/requests", None).await.json();
    let y = mock_api::redact::secret_stand_in("y");
    assert_eq!(log[0]["body"], json!({"username": "x", "password": y}));
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
async fn fail_methods_get_fails_reads_only() {
    let m = mock();
    let token = m.demo().await;
    let r = m.post("/__mock/config", json!({"fail_rate": 1.0, "fail_methods": "get"}), None).await;
    assert_eq!(r.json()["fail_methods"], "get");
    // Every read fails...
    for uri in ["/api/details", "/api/balance", "/api/domain"] {
        let r = m.get(uri, Some(&token)).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        assert_eq!(r.text(), mock_api::faults::FAILURE_HTML);
    }
    // ... writes reach their handlers.
    let r = m
        .post("/api/login", json!({"username": "demo@bkns.vn", "password": "Demo@2026"}), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = m.put("/api/notifications/1/ack", json!({}), Some(&token)).await;
    assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text());
    // Back to all: a write fails too.
    m.config(json!({"fail_methods": "all"})).await;
    let r = m
        .post("/api/login", json!({"username": "demo@bkns.vn", "password": "Demo@2026"}), None)
        .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    // A reset returns to the start value.
    m.config(json!({"fail_methods": "get"})).await;
    let r = m.post("/__mock/reset", json!(null), None).await;
    assert_eq!(r.json()["config"]["fail_methods"], "all");
}

#[tokio::test]
async fn fail_methods_get_at_twenty_percent_spares_writes() {
    // The "load and faults" setting: 20 % of GETs fail, no write ever does.
    let m = mock();
    let token = m.demo().await;
    m.config(json!({"fail_rate": 0.2, "fail_methods": "get"})).await;
    let mut failed_reads = 0;
    for _ in 0..200 {
        if m.get("/api/balance", Some(&token)).await.status == StatusCode::INTERNAL_SERVER_ERROR {
            failed_reads += 1;
        }
        let r = m.put("/api/notifications/1/ack", json!({}), Some(&token)).await;
        assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text());
    }
    // Binomial(200, 0.2): mean 40, sd 5.7; 10..=90 is far outside chance.
    assert!((10..=90).contains(&failed_reads), "{failed_reads} of 200 reads failed");
}

#[tokio::test]
async fn latency_is_applied_to_the_api_only() {
    // A delayed request takes at least LATENCY, an undelayed one a few
    // milliseconds: "under LATENCY" tells them apart even on a loaded machine.
    const LATENCY: Duration = Duration::from_millis(1000);
    let m = mock();
    m.config(json!({"latency_ms": LATENCY.as_millis() as u64})).await;
    let start = Instant::now();
    let r = m.get("/api/details", None).await;
    assert!(start.elapsed() >= LATENCY, "/api/details took {:?}", start.elapsed());
    r.assert_unauthorized();
    // The control endpoints are not delayed.
    for uri in ["/__mock/health", "/__mock/config", "/__mock/requests"] {
        let start = Instant::now();
        let r = m.get(uri, None).await;
        assert!(start.elapsed() < LATENCY, "{uri} took {:?}", start.elapsed());
        assert_eq!(r.status, StatusCode::OK, "{uri}");
    }
    // Back to 0: the API is not delayed either.
    m.config(json!({"latency_ms": 0})).await;
    let start = Instant::now();
    m.get("/api/details", None).await.assert_unauthorized();
    assert!(start.elapsed() < LATENCY, "/api/details took {:?}", start.elapsed());
}

#[tokio::test]
async fn config_get_set_validate_and_reset() {
    let m = mock_with(Config {
        dist: PathBuf::from("/nonexistent"),
        settings: mock_api::Settings { token_ttl: 60, ..Default::default() },
        ..Config::default()
    });
    let defaults = json!({"token_ttl": 60, "refresh_ttl": 2592000, "latency_ms": 0,
                          "fail_rate": 0.0, "fail_methods": "all", "vm_power_ms": 4000,
                          "vm_rebuild_ms": 6000, "dns_listing": true, "ticket_listing": true,
                          "affiliate_enrolled": true});
    assert_eq!(m.get("/__mock/config", None).await.json(), defaults);
    // Log in before making /api calls flaky with fail_rate.
    let token = m.demo().await;

    let r = m.post("/__mock/config", json!({"latency_ms": 5, "fail_rate": 0.25}), None).await;
    assert_eq!(
        r.json(),
        json!({"token_ttl": 60, "refresh_ttl": 2592000, "latency_ms": 5, "fail_rate": 0.25,
               "fail_methods": "all", "vm_power_ms": 4000, "vm_rebuild_ms": 6000,
               "dns_listing": true, "ticket_listing": true, "affiliate_enrolled": true})
    );
    let r = m.post("/__mock/config", json!({"dns_listing": false}), None).await;
    assert_eq!(r.json()["dns_listing"], json!(false));
    assert_eq!(
        m.post("/__mock/config", json!({"dns_listing": "no"}), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        m.post("/__mock/config", json!({"fail_rate": 2}), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        m.post("/__mock/config", json!({"fail_methods": "post"}), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        m.post("/__mock/config", json!({"vm_rebuild_ms": 600_001}), None).await.status,
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
    m.get("/api/details", Some(&token)).await.assert_unauthorized();
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
    std::fs::write(dir.join("config.json"), r#"{"api_base_url": "/api"}"#).unwrap();
    std::fs::write(dir.join("pkg/portal_bg-0123456789abcdef.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("pkg/portal-fedcba9876543210.js"), "console.log('plain')").unwrap();
    std::fs::write(dir.join("pkg/portal-fedcba9876543210.js.gz"), b"\x1f\x8bfake-gzip").unwrap();
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
    let head = m.request(Request::head("/dashboard").body(Body::empty()).unwrap()).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // A missing asset is a 404, not HTML.
    assert_eq!(m.get("/pkg/portal-old.wasm", None).await.status, StatusCode::NOT_FOUND);
    // /api and /__mock are never the SPA.
    m.get("/api/dashboard", None).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn assets_mime_cache_and_precompressed() {
    let dist = temp_dist();
    let m = mock_with(Config { dist: dist.clone(), ..Config::default() });
    let r = m.get("/pkg/portal_bg-0123456789abcdef.wasm", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), "application/wasm");
    assert_eq!(r.header("cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(&r.body[..], b"\0asm\x01\0\0\0");
    // Names without a content hash are revalidated (nginx's cache map).
    let config = m.get("/config.json", None).await;
    assert_eq!(config.status, StatusCode::OK);
    assert_eq!(config.header("cache-control"), "no-cache");

    let plain = m.get("/pkg/portal-fedcba9876543210.js", None).await;
    assert_eq!(plain.text(), "console.log('plain')");
    assert!(plain.header("content-type").contains("javascript"));
    let gz = m
        .request(
            Request::get("/pkg/portal-fedcba9876543210.js")
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
