//! Browser tests of the sign-up page against a fake API: an address whose
//! province has no districts (Việt Nam's 2025 units), the saved draft
//! (restored with a discard offer, expired, refused by the browser), and a
//! sign-up whose answer was lost. Run with
//! `cargo test --target wasm32-unknown-unknown --test signup`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{choose, click, has, mount, options, q, settle, type_into, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::forms::signup_draft::DRAFT_KEY;
use portal::pages::signup::SignupPage;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn type_in(root: &HtmlElement, name: &str, value: &str) {
    type_into(&q::<HtmlInputElement>(root, &format!("input[name={name}]")), value);
}

fn value_of(root: &HtmlElement, name: &str) -> String {
    q::<HtmlInputElement>(root, &format!("input[name={name}]")).value()
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

#[wasm_bindgen_test]
async fn a_restored_draft_keeps_its_good_fields_and_can_be_discarded() {
    let _api = FakeApi::install(&two_level_places());
    let an_hour_ago = js_sys::Date::now() / 1000.0 - 3600.0;
    let saved = json!({"firstname": "An", "email": {"oops": true}, "phonenumber": 903123456,
        "lastname": null, "address1": "27 Hàng Bạc", "currency": "USD", "saved_at": an_hour_ago});
    storage().set_item(DRAFT_KEY, &saved.to_string()).unwrap();
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    assert!(wait_for(3000, || has(&root, "[data-testid=draft-restored]")).await, "offered back");
    // the inputs take their values a tick after the first render
    assert!(wait_for(2000, || value_of(&root, "firstname") == "An").await, "restored");
    assert_eq!(value_of(&root, "address1"), "27 Hàng Bạc");
    assert_eq!(value_of(&root, "phonenumber"), "903123456", "a number is kept as text");
    assert_eq!(value_of(&root, "email"), "", "only the bad field is lost");
    let notice = q::<HtmlElement>(&root, "[data-testid=draft-restored]").text_content().unwrap();
    assert!(notice.contains(&js_sys::Date::new_0().get_full_year().to_string()), "{notice}");
    // the visit itself does not make the draft younger
    settle().await;
    assert!(storage().get_item(DRAFT_KEY).unwrap().unwrap().contains(&format!("{an_hour_ago}")));

    click(&root, "[data-testid=draft-restored] button");
    assert!(wait_for(2000, || !has(&root, "[data-testid=draft-restored]")).await, "discarded");
    assert_eq!(value_of(&root, "firstname"), "");
    assert_eq!(value_of(&root, "address1"), "");
    settle().await;
    assert_eq!(storage().get_item(DRAFT_KEY).unwrap(), None, "nothing typed: nothing kept");

    // typing again keeps a new, dated draft
    type_in(&root, "firstname", "Bình");
    assert!(
        wait_for(2000, || storage()
            .get_item(DRAFT_KEY)
            .unwrap()
            .is_some_and(|d| d.contains("Bình") && d.contains("saved_at")))
        .await
    );
    storage().remove_item(DRAFT_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn a_draft_older_than_a_day_is_dropped() {
    let _api = FakeApi::install(&two_level_places());
    let two_days_ago = js_sys::Date::now() / 1000.0 - 2.0 * 86_400.0;
    let saved = json!({"firstname": "An", "saved_at": two_days_ago});
    storage().set_item(DRAFT_KEY, &saved.to_string()).unwrap();
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    assert!(wait_for(3000, || options(&root, "country").len() > 1).await, "countries");
    assert_eq!(value_of(&root, "firstname"), "");
    assert!(!has(&root, "[data-testid=draft-restored]"));
    assert_eq!(storage().get_item(DRAFT_KEY).unwrap(), None, "removed when read");
}

/// Makes localStorage refuse the sign-up draft (as a full or private
/// storage does) until [`storage_accepts`].
fn storage_refuses() {
    js_sys::Function::new_no_args(
        "window.__setItem = Storage.prototype.setItem;
         Storage.prototype.setItem = function (k, v) {
           if (k === 'portal.signup') throw new DOMException('full', 'QuotaExceededError');
           return window.__setItem.call(this, k, v);
         };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

fn storage_accepts() {
    js_sys::Function::new_no_args("Storage.prototype.setItem = window.__setItem;")
        .call0(&JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_draft_the_browser_refuses_is_said_once_and_the_form_goes_on() {
    storage().remove_item(DRAFT_KEY).unwrap();
    let _api = FakeApi::install(&two_level_places());
    storage_refuses();
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    assert!(wait_for(3000, || options(&root, "country").len() > 1).await, "countries");
    type_in(&root, "firstname", "An");
    assert!(wait_for(2000, || has(&root, "[data-testid=draft-not-kept]")).await, "told");
    type_in(&root, "lastname", "Nguyễn");
    type_in(&root, "email", "an@example.vn");
    settle().await;
    storage_accepts();
    assert_eq!(root.query_selector_all("[data-testid=draft-not-kept]").unwrap().length(), 1);
    let notice = q::<HtmlElement>(&root, "[data-testid=draft-not-kept]");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(value_of(&root, "email"), "an@example.vn", "typing goes on");
    assert!(!submit(&root).disabled());
}

#[wasm_bindgen_test]
async fn a_lost_sign_up_locks_the_form_until_a_login_says_what_happened() {
    storage().remove_item(DRAFT_KEY).unwrap();
    let mut routes = two_level_places();
    routes.push(("POST /signup", Answer::network_error()));
    routes.push(("POST /login", Answer::network_error()));
    let api = FakeApi::install(&routes);
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    fill_form(&root).await;
    submit(&root).click();
    assert!(wait_for(3000, || has(&root, "[data-testid=signup-lost]")).await, "{}", text(&root));
    let locked = || {
        submit(&root).disabled()
            && q::<web_sys::HtmlFieldSetElement>(&root, "fieldset.form-lock").disabled()
    };
    assert!(locked(), "no blind second send while the account is looked for");
    // the login with what was sent gets no answer either: check again
    assert!(
        wait_for(6000, || has(&root, "[data-testid=signup-lost] button")).await,
        "{}",
        text(&root)
    );
    assert!(locked());
    let logins = api.bodies("POST /login");
    assert_eq!(logins, [json!({"username": "hoa.le@example.vn", "password": "Hoa@2026xyz"})]);
    submit(&root).click();
    settle().await;
    assert_eq!(api.calls("POST /signup"), 1);

    // the server refuses the login: nothing was created, the form opens
    api.set("POST /login", wrong_login());
    click(&root, "[data-testid=signup-lost] button");
    assert!(wait_for(3000, || !has(&root, "[data-testid=signup-lost]")).await, "answered");
    assert!(!locked(), "sent again at will");
    assert!(text(&root).contains("Chưa có tài khoản nào được tạo"), "{}", text(&root));
    assert_eq!(value_of(&root, "ward"), "Phường Sài Gòn", "what was typed is kept");

    // lost again, and this time the account exists: welcome
    api.set("POST /login", Answer::ok(json!({"token": "t.e.s", "refresh": "r-1"})).after(300));
    submit(&root).click();
    assert!(wait_for(8000, || has(&root, ".welcome")).await, "{}", text(&root));
    assert_eq!(api.calls("POST /signup"), 2);
    assert_eq!(storage().get_item(DRAFT_KEY).unwrap(), None, "the draft is done with");
    portal::session::logout().await;
}
