//! Browser tests of the sign-up page against a fake API: an address whose
//! province has no districts (Việt Nam's 2025 units). Run with
//! `cargo test --target wasm32-unknown-unknown --test signup`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{fire, has, mount, q, type_into, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::forms::signup_draft::DRAFT_KEY;
use portal::pages::signup::SignupPage;
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn options(root: &HtmlElement, name: &str) -> Vec<String> {
    let list = root.query_selector_all(&format!("select[name={name}] option")).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn choose(root: &HtmlElement, name: &str, value: &str) {
    let s: HtmlElement = q(root, &format!("select[name={name}]"));
    js_sys::Reflect::set(&s, &"value".into(), &value.into()).unwrap();
    fire(&s, "change");
}

fn type_in(root: &HtmlElement, name: &str, value: &str) {
    type_into(&q::<HtmlInputElement>(root, &format!("input[name={name}]")), value);
}

fn text(root: &HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

/// Việt Nam after the 2025 reform: the province's district list is empty.
fn two_level_places() -> Vec<(&'static str, Answer)> {
    vec![
        ("GET /location/countries", Answer::ok(json!({"countries": {"VN": "Việt Nam"}}))),
        (
            "GET /location/VN/state",
            Answer::ok(json!({"states": [{"id": "79", "name": "Thành phố Hồ Chí Minh"}]})),
        ),
        ("GET /location/state/79/city", Answer::ok(json!({"cities": []}))),
    ]
}

/// The server's refusal of a login (HostBill's words, HTTP 200).
fn wrong_login() -> Answer {
    Answer::ok(json!({"error": ["wronglogin"]}))
}

/// Fills every required field; the address is a province and a ward typed
/// by hand (there are no districts to choose).
async fn fill_form(root: &HtmlElement) {
    assert!(wait_for(3000, || options(root, "country").len() > 1).await, "countries");
    type_in(root, "firstname", "Hoa");
    type_in(root, "lastname", "Lê Thị");
    type_in(root, "email", "hoa.le@example.vn");
    type_in(root, "phonenumber", "0903123456");
    type_in(root, "nationalid", "079090001234");
    choose(root, "country", "VN");
    assert!(
        wait_for(3000, || options(root, "state").iter().any(|o| o == "Thành phố Hồ Chí Minh"))
            .await,
        "provinces"
    );
    choose(root, "state", "Thành phố Hồ Chí Minh");
    assert!(
        wait_for(3000, || has(root, "[data-level=city]:not([hidden])")).await,
        "the district is marked not applicable"
    );
    assert!(wait_for(3000, || has(root, "input[name=ward]")).await, "the ward is typed");
    type_in(root, "ward", "Phường Sài Gòn");
    type_in(root, "address1", "12 Nguyễn Huệ");
    type_in(root, "password", "Hoa@2026xyz");
    type_in(root, "password_confirm", "Hoa@2026xyz");
}

fn submit(root: &HtmlElement) -> HtmlButtonElement {
    q(root, "form button[type=submit]")
}

#[wasm_bindgen_test]
async fn a_province_without_districts_signs_up_with_the_province_and_the_ward() {
    storage().remove_item(DRAFT_KEY).unwrap();
    let mut routes = two_level_places();
    routes.push(("POST /signup", Answer::ok(json!({"info": ["client_registered"]}))));
    routes.push(("POST /login", wrong_login()));
    let api = FakeApi::install(&routes);
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    fill_form(&root).await;
    submit(&root).click();
    assert!(wait_for(3000, || api.calls("POST /signup") == 1).await, "sent: {}", text(&root));
    let body = &api.bodies("POST /signup")[0];
    assert_eq!(body["country"], "VN");
    assert_eq!(body["state"], "Thành phố Hồ Chí Minh");
    assert_eq!(body["city"], "", "no district: sent empty");
    assert_eq!(body["ward"], "Phường Sài Gòn");
    assert!(
        api.requests().iter().all(|r| !r.contains("/ward")),
        "no ward list can be asked without a district: {:?}",
        api.requests()
    );
    assert!(wait_for(3000, || has(&root, ".welcome")).await, "created");
}
