//! Browser tests of the API client: cancellation, time limits, retries.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use portal::api::client::{self, ApiRequest};
use portal::api::ApiError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An opaque (non-JWT) token: used as is, renewed only if refused.
fn with_token() {
    client::set_access_token(Some("test-token".into()));
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_its_reads() {
    with_token();
    let trap = FetchTrap::install();
    let (_root, handle) = mount(|| {
        let details = portal::ui::erase::resource(portal::api::account::details); // as the pages load
        view! { <p>{move || details.get().map(|r| r.is_ok())}</p> }
    });
    settle().await;
    assert_eq!(trap.calls(), 1, "the page asked once");
    assert!(!trap.aborted(0), "still waiting while the page is shown");
    drop(handle); // the page goes away
    settle().await;
    assert!(trap.aborted(0), "the read was cancelled with its page");
}

#[wasm_bindgen_test]
async fn every_request_has_a_time_limit() {
    with_token();
    let trap = FetchTrap::install();
    let started = js_sys::Date::now();
    let r = client::call(ApiRequest::post("/anything").timeout_ms(150)).await;
    assert_eq!(r, Err(ApiError::Timeout));
    assert!(js_sys::Date::now() - started < 1_000.0);
    assert_eq!(trap.calls(), 1, "POST is not retried, even after a timeout");
    assert!(trap.aborted(0), "the timed-out request was aborted");
}

const HTML_500: &str =
    "Promise.resolve(new Response('<html><body>500</body></html>', {status: 500, headers: {'Content-Type': 'text/html'}}))";

#[wasm_bindgen_test]
async fn reads_are_retried_on_5xx_writes_never() {
    with_token();
    let trap = FetchTrap::answering(HTML_500);
    let r = client::call(ApiRequest::get("/details")).await;
    assert_eq!(r, Err(ApiError::Http { status: 500 }));
    assert_eq!(trap.calls(), 3, "a GET is tried three times");

    let trap = FetchTrap::answering(HTML_500);
    let r = client::call(ApiRequest::post("/order")).await;
    assert_eq!(r, Err(ApiError::Http { status: 500 }));
    assert_eq!(trap.calls(), 1, "a POST is sent once");
}

#[wasm_bindgen_test]
async fn hostbill_errors_with_http_200_are_errors_and_not_retried() {
    with_token();
    let trap = FetchTrap::answering(
        "Promise.resolve(new Response('{\"error\":[\"wronglogin\"]}', {status: 200, headers: {'Content-Type': 'application/json'}}))",
    );
    let r = client::call(ApiRequest::get("/details")).await;
    assert_eq!(r, Err(ApiError::Server { status: 200, messages: vec!["wronglogin".into()] }));
    assert_eq!(trap.calls(), 1);
}

#[wasm_bindgen_test]
async fn network_failures_are_retried_then_reported() {
    with_token();
    let trap = FetchTrap::answering("Promise.reject(new TypeError('Failed to fetch'))");
    let r = client::call(ApiRequest::get("/balance")).await;
    assert_eq!(r, Err(ApiError::Network));
    assert_eq!(trap.calls(), 3);
}

/// The server refuses the old token (HTTP 401) until `/token` gives a new
/// one; the answer to /token is slow, so every request meets the same refusal.
const REFUSE_STALE: &str = r#"(function () {
  (window.__urls = window.__urls || []).push(req.url);
  var json = function (body, status) { return new Response(JSON.stringify(body), {status: status, headers: {'Content-Type': 'application/json'}}); };
  if (req.url.endsWith('/token')) {
    return new Promise(function (ok) { setTimeout(function () { ok(json({token: 'fresh', refresh: 'rotated'}, 200)); }, 100); });
  }
  if (req.headers.get('Authorization') === 'Bearer fresh') { return Promise.resolve(json({client: {id: 7}}, 200)); }
  return Promise.resolve(json({error: ['unauthorized']}, 401));
})()"#;

#[wasm_bindgen_test]
async fn ten_refused_requests_cause_one_token_renewal() {
    client::set_access_token(Some("stale".into()));
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.set_item("portal.refresh", "original").unwrap();
    let w = web_sys::window().unwrap();
    js_sys::Reflect::set(&w, &"__urls".into(), &js_sys::Array::new()).unwrap();
    let trap = FetchTrap::answering(REFUSE_STALE);

    let calls = (0..10).map(|_| client::call(ApiRequest::get("/details")));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");

    let urls: js_sys::Array = js_sys::Reflect::get(&w, &"__urls".into()).unwrap().into();
    let token_calls =
        urls.iter().filter(|u| u.as_string().unwrap_or_default().ends_with("/token")).count();
    assert_eq!(token_calls, 1, "one POST /token for ten refused requests");
    assert_eq!(trap.calls(), 10 + 1 + 10, "each request retried once after the renewal");
    assert_eq!(
        storage.get_item("portal.refresh").unwrap().as_deref(),
        Some("rotated"),
        "the rotated refresh token is kept"
    );
    storage.remove_item("portal.refresh").unwrap();
}
