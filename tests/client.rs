//! Browser tests of the API client: cancellation, time limits, retries.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use portal::api::client::{self, ApiRequest};
use portal::api::ApiError;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An opaque (non-JWT) token: used as is, renewed only if refused.
fn with_token() {
    client::set_access_token(Some("test-token".into()));
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_its_reads() {
    with_token();
    let api = FakeApi::install(&[("*", Answer::never())]);
    let (_root, handle) = mount(|| {
        let details = portal::ui::erase::resource(portal::api::account::details); // as the pages load
        view! { <p>{move || details.get().map(|r| r.is_ok())}</p> }
    });
    settle().await;
    assert_eq!(api.requests().len(), 1, "the page asked once");
    assert!(!api.aborted(0), "still waiting while the page is shown");
    drop(handle); // the page goes away
    settle().await;
    assert!(api.aborted(0), "the read was cancelled with its page");
}

#[wasm_bindgen_test]
async fn every_request_has_a_time_limit() {
    with_token();
    let api = FakeApi::install(&[("*", Answer::never())]);
    let started = js_sys::Date::now();
    let r = client::call(ApiRequest::post("/anything").timeout_ms(150)).await;
    assert_eq!(r, Err(ApiError::Timeout));
    assert!(js_sys::Date::now() - started < 1_000.0);
    assert_eq!(api.requests(), ["POST /anything"], "POST is not retried, even after a timeout");
    assert!(api.aborted(0), "the timed-out request was aborted");
}

fn html_500() -> Answer {
    Answer::raw(500, "text/html", "<html><body>500</body></html>")
}

#[wasm_bindgen_test]
async fn reads_are_retried_on_5xx_writes_never() {
    with_token();
    let api = FakeApi::install(&[("*", html_500())]);
    let r = client::call(ApiRequest::get("/details")).await;
    assert_eq!(r, Err(ApiError::Http { status: 500 }));
    assert_eq!(api.requests(), ["GET /details"; 3], "a GET is tried three times");

    let api = FakeApi::install(&[("*", html_500())]);
    let r = client::call(ApiRequest::post("/order")).await;
    assert_eq!(r, Err(ApiError::Http { status: 500 }));
    assert_eq!(api.requests(), ["POST /order"], "a POST is sent once");
}

#[wasm_bindgen_test]
async fn hostbill_errors_with_http_200_are_errors_and_not_retried() {
    with_token();
    let api = FakeApi::install(&[("*", Answer::ok(json!({"error": ["wronglogin"]})))]);
    let r = client::call(ApiRequest::get("/details")).await;
    assert_eq!(r, Err(ApiError::Server { status: 200, messages: vec!["wronglogin".into()] }));
    assert_eq!(api.requests(), ["GET /details"]);
}

#[wasm_bindgen_test]
async fn network_failures_are_retried_then_reported() {
    with_token();
    let api = FakeApi::install(&[("*", Answer::network_error())]);
    let r = client::call(ApiRequest::get("/balance")).await;
    assert_eq!(r, Err(ApiError::Network));
    assert_eq!(api.requests(), ["GET /balance"; 3]);
}

/// The server refuses the old token (HTTP 401) until `/token` gives a new
/// one; the answer to /token is slow, so every request meets the same refusal.
fn refuse_stale() -> FakeApi {
    FakeApi::install(&[
        ("POST /token", Answer::ok(json!({"token": "fresh", "refresh": "rotated"})).after(100)),
        ("*", Answer::ok(json!({"client": {"id": 7}})).if_bearer("fresh")),
        ("*", Answer::json(401, json!({"error": ["unauthorized"]}))),
    ])
}

#[wasm_bindgen_test]
async fn ten_refused_requests_cause_one_token_renewal() {
    client::set_access_token(Some("stale".into()));
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.set_item("portal.refresh", "original").unwrap();
    let api = refuse_stale();

    let calls = (0..10).map(|_| client::call(ApiRequest::get("/details")));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");

    assert_eq!(api.calls("POST /token"), 1, "one POST /token for ten refused requests");
    assert_eq!(api.requests().len(), 10 + 1 + 10, "each request retried once after the renewal");
    assert_eq!(
        storage.get_item("portal.refresh").unwrap().as_deref(),
        Some("rotated"),
        "the rotated refresh token is kept"
    );
    storage.remove_item("portal.refresh").unwrap();
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().session_storage().unwrap().unwrap()
}

/// Issue 17, point 2: every answer to `POST /token` that is not a refusal
/// keeps the refresh token and the session; only a 401 or an
/// `invalid_token`/`unauthorized` envelope drops them.
#[wasm_bindgen_test]
async fn only_a_refused_renewal_ends_the_session() {
    let odd = [
        Answer::json(429, json!({"error": ["too_many_requests"]})),
        Answer::raw(403, "text/html", "<html>Blocked by firewall</html>"),
        Answer::raw(200, "text/html", "<html>Log in to the Wi-Fi</html>"),
        Answer::ok(json!([])),
        Answer::ok(json!({})),
        Answer::ok(json!({"token": null})),
        Answer::raw(502, "text/html", "<h1>502</h1>"),
        Answer::network_error(),
    ];
    for (i, answer) in odd.into_iter().enumerate() {
        client::set_access_token(Some("stale".into()));
        storage().set_item("portal.refresh", "kept").unwrap();
        let api = FakeApi::install(&[
            ("POST /token", answer),
            ("*", Answer::json(401, json!({"error": ["invalid_token"]}))),
        ]);
        let r = client::call(ApiRequest::post("/anything")).await;
        assert!(r.is_err(), "answer {i}: the call cannot succeed");
        assert_ne!(r, Err(ApiError::Unauthorized), "answer {i}: not a logout");
        assert_eq!(
            storage().get_item("portal.refresh").unwrap().as_deref(),
            Some("kept"),
            "answer {i}: the refresh token is kept"
        );
        assert_eq!(api.calls("POST /token"), 1, "answer {i}: one renewal");
    }

    for refusal in [
        Answer::json(401, json!({"error": ["invalid_token"]})),
        Answer::ok(json!({"error": ["unauthorized"]})),
        Answer::json(403, json!({"error": ["Unauthorized"]})),
    ] {
        client::set_access_token(Some("stale".into()));
        storage().set_item("portal.refresh", "dead").unwrap();
        let _api = FakeApi::install(&[
            ("POST /token", refusal),
            ("*", Answer::json(401, json!({"error": ["invalid_token"]}))),
        ]);
        let r = client::call(ApiRequest::post("/anything")).await;
        assert_eq!(r, Err(ApiError::Unauthorized));
        assert_eq!(storage().get_item("portal.refresh").unwrap(), None, "a refusal drops it");
    }
}

/// A contact without a privilege: the fresh token is refused again, or the
/// server says 403 "Unauthorized". The session stays.
#[wasm_bindgen_test]
async fn a_privilege_refusal_is_forbidden_not_a_logout() {
    client::set_access_token(Some("stale".into()));
    storage().set_item("portal.refresh", "original").unwrap();
    let api = FakeApi::install(&[
        ("POST /token", Answer::ok(json!({"token": "fresh", "refresh": "rotated"}))),
        ("GET /invoice", Answer::json(401, json!({"error": ["unauthorized"]}))),
        ("GET /details", Answer::json(403, json!({"error": ["Unauthorized"]}))),
    ]);
    let r = client::call(ApiRequest::get("/invoice")).await;
    assert_eq!(r, Err(ApiError::Forbidden));
    assert_eq!(api.calls("POST /token"), 1, "renewed once, then believed");
    assert_eq!(storage().get_item("portal.refresh").unwrap().as_deref(), Some("rotated"));

    let r = client::call(ApiRequest::get("/details")).await;
    assert_eq!(r, Err(ApiError::Forbidden));
    assert_eq!(api.calls("POST /token"), 1, "a 403 is not a token problem");
    assert!(client::has_access_token());
    storage().remove_item("portal.refresh").unwrap();
}

/// A page restored while this tab's access token is good sends no
/// `POST /token`; an expired one is renewed once.
#[wasm_bindgen_test]
async fn a_reload_with_a_good_access_token_needs_no_renewal() {
    use base64::Engine;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let jwt =
        |iat: i64, exp: i64| format!("h.{}.s", e.encode(format!(r#"{{"iat":{iat},"exp":{exp}}}"#)));
    client::set_access_token(None);
    assert!(client::adopt_kept_access_token(&format!("0 {}", jwt(now, now + 900))));
    assert!(client::has_access_token());
    client::set_access_token(None);
    assert!(!client::adopt_kept_access_token(&format!("0 {}", jwt(now - 900, now - 1))));
    assert!(!client::adopt_kept_access_token("0 opaque-token"), "no expiry known: renew");
    assert!(!client::has_access_token());
}
