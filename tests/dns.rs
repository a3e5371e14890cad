//! Browser tests of the DNS zone page (headless Chromium) against the fake
//! API, with answers shaped as mock-api's contract gives them
//! (fixtures/api/contract-dns.md): the record form switching types keeps
//! what applies, a mistake is named at its field and nothing is sent, the
//! server's refusal shows at its field with the typed text kept, an add is
//! followed by a read (the add answers no id) and SRV goes out as the
//! reference's array, and a server without the listing call still lets the
//! customer add. Run with `cargo test --target wasm32-unknown-unknown --test dns`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, count, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::dns::zone::ZonePage;
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const ZONES: &str = "GET /dns";
const LIST: &str = "GET /service/302/dns/7002";
const ADD: &str = "POST /service/302/dns/7002/records";

fn zones() -> Answer {
    Answer::ok(json!({"service_ids": ["301", "302"], "zones": [
        {"domain_id": "7002", "name": "banhmi-saigon.com", "service_id": "302"}
    ]}))
}

fn listing() -> Value {
    json!({"service_id": 302, "name": "banhmi-saigon.com", "records": [
        {"id": "90022", "name": "@", "ttl": 3600, "priority": 0, "content": "ns1.bkns.vn. hostmaster.banhmi-saigon.com. 2026120401 10800 3600 604800 3600", "type": "SOA"},
        {"id": "90025", "name": "@", "ttl": 3600, "priority": 0, "content": "103.28.36.11", "type": "A"},
        {"id": "90026", "name": "www", "ttl": 3600, "priority": 0, "content": "banhmi-saigon.com", "type": "CNAME"}
    ]})
}

fn page() -> impl IntoView {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/dns/302/7002"),
    );
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/dns/:service/:zone") view=ZonePage/>
            </Routes>
        </Router>
    }
}

fn rows(root: &HtmlElement) -> u32 {
    count(root, "[data-testid=records] tbody tr")
}

fn value(root: &HtmlElement, sel: &str) -> String {
    q::<HtmlInputElement>(root, sel).value()
}

async fn open_form(root: &HtmlElement) {
    assert!(wait_for(3000, || rows(root) == 3).await, "the zone's three records");
    click(root, "[data-testid=add-record]");
    assert!(wait_for(1000, || has(root, "[data-testid=record-form]")).await, "the form opens");
}

async fn switch_to(root: &HtmlElement, ty: &str) {
    set_value(root, "#rec-type", ty, "change");
    settle().await;
    assert_eq!(q::<HtmlSelectElement>(root, "#rec-type").value(), ty);
}

#[wasm_bindgen_test]
async fn switching_the_type_keeps_what_applies() {
    sign_in();
    let _api = FakeApi::install(&[(ZONES, zones()), (LIST, Answer::ok(listing()))]);
    let (root, _h) = mount(page);
    open_form(&root).await;
    set_value(&root, "#rec-name", "sip", "input");
    set_value(&root, "#rec-ttl", "300", "input");
    switch_to(&root, "CNAME").await;
    set_value(&root, "#rec-content", "pbx.banhmi-saigon.com", "input");
    // CNAME → SRV: the host becomes the target, a priority appears
    switch_to(&root, "SRV").await;
    assert_eq!(value(&root, "#rec-name"), "sip");
    assert_eq!(value(&root, "#rec-ttl"), "300");
    assert_eq!(value(&root, "#rec-target"), "pbx.banhmi-saigon.com");
    assert_eq!(value(&root, "#rec-priority"), "10");
    assert!(has(&root, "#rec-weight") && has(&root, "#rec-port"));
    assert!(!has(&root, "#rec-content"), "SRV has no single value field");
    // SRV → MX: the priority typed stays, the host is the value again
    set_value(&root, "#rec-priority", "20", "input");
    switch_to(&root, "MX").await;
    assert_eq!(value(&root, "#rec-priority"), "20");
    assert_eq!(value(&root, "#rec-content"), "pbx.banhmi-saigon.com");
    assert!(!has(&root, "#rec-weight"));
    // MX → TXT: no priority field; the name and TTL still there
    switch_to(&root, "TXT").await;
    assert!(!has(&root, "#rec-priority"));
    assert_eq!(value(&root, "#rec-name"), "sip");
    assert_eq!(value(&root, "#rec-ttl"), "300");
}

#[wasm_bindgen_test]
async fn a_mistake_is_named_at_its_field_and_nothing_is_sent() {
    sign_in();
    let api = FakeApi::install(&[(ZONES, zones()), (LIST, Answer::ok(listing()))]);
    let (root, _h) = mount(page);
    open_form(&root).await;
    set_value(&root, "#rec-name", "shop", "input");
    set_value(&root, "#rec-content", "103.28.36.300", "input");
    click(&root, "[data-testid=record-form] button[type=submit]");
    settle().await;
    let err: HtmlElement = q(&root, "#rec-content-error");
    assert!(!err.hidden(), "the value's error shows");
    assert!(!err.text_content().unwrap_or_default().is_empty());
    assert_eq!(
        q::<HtmlInputElement>(&root, "#rec-content").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(api.calls(ADD), 0, "nothing sent");
    // fixing it clears the error as it is typed (the checks follow changes)
    set_value(&root, "#rec-content", "103.28.36.30", "input");
    settle().await;
    assert!(q::<HtmlElement>(&root, "#rec-content-error").hidden());
}

#[wasm_bindgen_test]
async fn a_refusal_shows_at_its_field_and_keeps_the_text() {
    sign_in();
    let api = FakeApi::install(&[
        (ZONES, zones()),
        (LIST, Answer::ok(listing())),
        (ADD, Answer::ok(json!({"error": ["record_ipv4_invalid"]}))),
    ]);
    let (root, _h) = mount(page);
    open_form(&root).await;
    set_value(&root, "#rec-name", "shop", "input");
    set_value(&root, "#rec-content", "103.28.36.30", "input");
    click(&root, "[data-testid=record-form] button[type=submit]");
    assert!(wait_for(2000, || api.calls(ADD) == 1).await);
    assert!(
        wait_for(2000, || !q::<HtmlElement>(&root, "#rec-content-error").hidden()).await,
        "the refusal at the value"
    );
    assert_eq!(value(&root, "#rec-content"), "103.28.36.30", "the text is kept");
    assert_eq!(value(&root, "#rec-name"), "shop");
}

#[wasm_bindgen_test]
async fn an_add_sends_srv_as_an_array_and_reads_the_zone_again() {
    sign_in();
    let api = FakeApi::install(&[
        (ZONES, zones()),
        (LIST, Answer::ok(listing())),
        (
            ADD,
            Answer::ok(
                json!({"record": {"name": "_sip._tcp.banhmi-saigon.com", "type": "SRV", "ttl": "3600",
                "priority": "10", "content": [5, 5060, "sip.banhmi-saigon.com"]}, "info": ["dnsnewrecordadded", "SRV"]}),
            ),
        ),
    ]);
    let (root, _h) = mount(page);
    open_form(&root).await;
    let reads = api.calls(LIST);
    switch_to(&root, "SRV").await;
    set_value(&root, "#rec-name", "_sip._tcp", "input");
    set_value(&root, "#rec-weight", "5", "input");
    set_value(&root, "#rec-port", "5060", "input");
    set_value(&root, "#rec-target", "sip.banhmi-saigon.com", "input");
    click(&root, "[data-testid=record-form] button[type=submit]");
    assert!(wait_for(2000, || api.calls(ADD) == 1).await);
    let body = api.bodies(ADD).remove(0);
    assert_eq!(body["content"], json!([5, 5060, "sip.banhmi-saigon.com"]));
    assert_eq!(body["priority"], json!(10));
    assert_eq!(body["type"], json!("SRV"));
    assert_eq!(body["name"], json!("_sip._tcp.banhmi-saigon.com"));
    assert!(wait_for(2000, || api.calls(LIST) > reads).await, "the zone is read again for the id");
}

#[wasm_bindgen_test]
async fn without_the_listing_call_the_page_says_so_and_still_adds() {
    sign_in();
    let api = FakeApi::install(&[
        (ZONES, zones()),
        (LIST, Answer::json(404, json!({"error": ["invalid method"]}))),
        (
            ADD,
            Answer::ok(
                json!({"record": {"name": "menu.banhmi-saigon.com", "type": "A", "ttl": "3600", "priority": "0",
            "content": "103.28.36.50"}, "info": ["dnsnewrecordadded", "A"]}),
            ),
        ),
    ]);
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[data-testid=no-records]")).await, "no blank table");
    assert!(!q::<HtmlElement>(&root, "[data-testid=no-listing]").hidden());
    click(&root, "[data-testid=add-record]");
    settle().await;
    set_value(&root, "#rec-name", "menu", "input");
    set_value(&root, "#rec-content", "103.28.36.50", "input");
    click(&root, "[data-testid=record-form] button[type=submit]");
    assert!(wait_for(2000, || rows(&root) == 1).await, "the added record is shown");
    assert_eq!(api.calls(ADD), 1);
}
