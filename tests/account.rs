//! Browser tests of the account section: the address cascade, the
//! notification bell's polling, the sign-up form's controls and its saved
//! draft. Run with `cargo test --target wasm32-unknown-unknown --test account`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{choose, has, mount, options, q, settle, type_into, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::forms::address::{AddressCascade, AddressModel};
use portal::forms::signup_draft::DRAFT_KEY;
use portal::pages::notifications::{Bell, NotifCtx};
use portal::pages::signup::SignupPage;
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn disabled(root: &HtmlElement, sel: &str) -> bool {
    q::<HtmlElement>(root, sel).has_attribute("disabled")
}

/// A small location API: ids for Vietnam, names only for the US (so the
/// by-name calls are used there). Lists are cached for the session (all
/// tests of this file share one page), so every test offers the same
/// countries and uses its own country below them.
fn countries() -> (&'static str, Answer) {
    (
        "GET /location/countries",
        Answer::ok(
            json!({"countries": {"VN": "Việt Nam", "US": "Hoa Kỳ", "XA": "Test A", "XB": "Test B", "XC": "Test C"}}),
        ),
    )
}

fn locations() -> Vec<(&'static str, Answer)> {
    let ok = |path, body| (path, Answer::ok(body));
    vec![
        countries(),
        ok(
            "GET /location/VN/state",
            json!({"states": [{"id": "79", "name": "Thành phố Hồ Chí Minh"}, {"id": "1", "name": "Thành phố Hà Nội"}]}),
        ),
        ok(
            "GET /location/state/79/city",
            json!({"cities": [{"id": "760", "name": "Quận 1"}, {"id": "770", "name": "Quận 3"}]}),
        ),
        ok(
            "GET /location/state/1/city",
            json!({"cities": [{"id": "2", "name": "Quận Hoàn Kiếm"}, {"id": "1", "name": "Quận Ba Đình"}]}),
        ),
        ok(
            "GET /location/city/760/ward",
            json!({"wards": [{"id": "26734", "name": "Phường Bến Nghé"}, {"id": "26737", "name": "Phường Bến Thành"}]}),
        ),
        ok(
            "GET /location/city/770/ward",
            json!({"wards": [{"id": "27139", "name": "Phường Võ Thị Sáu"}]}),
        ),
        ok("GET /location/US/state", json!({"states": ["California", "Texas"]})),
        ok("GET /location/state/city/California", json!({"cities": ["Santa Rosa"]})),
        ok("GET /location/city/ward/Santa Rosa", json!({"wards": []})),
    ]
}

#[wasm_bindgen_test]
async fn cascade_clears_lower_levels_when_a_higher_one_changes() {
    let api = FakeApi::install(&locations());
    let model = AddressModel::new();
    let (root, _h) = mount(move || view! { <AddressCascade model=model required=true/> });
    assert!(
        wait_for(3000, || options(&root, "country").iter().any(|o| o == "Việt Nam")).await,
        "countries"
    );
    // Việt Nam is listed first after the placeholder
    assert_eq!(options(&root, "country")[1], "Việt Nam");
    assert!(disabled(&root, "select[name=state]"), "no state list before a country");

    choose(&root, "country", "VN");
    assert!(
        wait_for(3000, || options(&root, "state").iter().any(|o| o == "Thành phố Hồ Chí Minh"))
            .await,
        "states"
    );
    choose(&root, "state", "Thành phố Hồ Chí Minh");
    assert!(
        wait_for(3000, || options(&root, "city").iter().any(|o| o == "Quận 1")).await,
        "cities"
    );
    choose(&root, "city", "Quận 1");
    assert!(
        wait_for(3000, || options(&root, "ward").iter().any(|o| o == "Phường Bến Nghé")).await,
        "wards"
    );
    choose(&root, "ward", "Phường Bến Nghé");
    assert_eq!(
        model.values(),
        ["VN", "Thành phố Hồ Chí Minh", "Quận 1", "Phường Bến Nghé"].map(String::from)
    );

    // a new city clears the ward and loads that city's wards
    choose(&root, "city", "Quận 3");
    assert_eq!(model.ward.get_untracked(), "");
    assert!(
        wait_for(3000, || options(&root, "ward").iter().any(|o| o == "Phường Võ Thị Sáu")).await,
        "Quận 3 wards"
    );
    assert!(
        !options(&root, "ward").iter().any(|o| o == "Phường Bến Nghé"),
        "the old wards are gone"
    );

    // a new state clears city and ward
    choose(&root, "ward", "Phường Võ Thị Sáu");
    choose(&root, "state", "Thành phố Hà Nội");
    assert_eq!(model.values(), ["VN", "Thành phố Hà Nội", "", ""].map(String::from));
    assert!(
        wait_for(3000, || options(&root, "city").iter().any(|o| o == "Quận Hoàn Kiếm")).await,
        "Hà Nội cities"
    );
    assert!(!options(&root, "city").iter().any(|o| o == "Quận 1"));
    assert!(disabled(&root, "select[name=ward]"), "no ward list until a city is chosen");

    // going back to a state seen before uses the session cache
    choose(&root, "state", "Thành phố Hồ Chí Minh");
    assert!(
        wait_for(3000, || options(&root, "city").iter().any(|o| o == "Quận 1")).await,
        "HCM cities again"
    );
    assert_eq!(api.calls("GET /location/state/79/city"), 1, "each list is fetched once");
    assert_eq!(api.calls("GET /location/VN/state"), 1);

    // a new country clears everything below; names-only lists go by name
    choose(&root, "country", "US");
    assert_eq!(model.values(), ["US", "", "", ""].map(String::from));
    assert!(
        wait_for(3000, || options(&root, "state").iter().any(|o| o == "California")).await,
        "US states"
    );
    choose(&root, "state", "California");
    assert!(
        wait_for(3000, || options(&root, "city").iter().any(|o| o == "Santa Rosa")).await,
        "by-name cities"
    );
    assert_eq!(api.calls("GET /location/state/city/California"), 1);
    choose(&root, "city", "Santa Rosa");
    // no wards there: the level is skipped, nothing is asked of it
    assert!(
        wait_for(3000, || has(&root, "[data-level=ward]:not([hidden])")).await,
        "the ward is marked not applicable"
    );
    assert_eq!(model.skipped.get_untracked(), ["ward"]);
    assert!(!has(&root, "input[name=ward]"), "no field to type a ward in");
}

#[wasm_bindgen_test]
async fn typing_finds_places_without_diacritics_and_failed_levels_offer_a_retry() {
    let many: Vec<serde_json::Value> = (0..40)
        .map(|i| json!({"id": (100 + i).to_string(), "name": format!("Tỉnh Số {i}")}))
        .chain([json!({"id": "48", "name": "Thành phố Đà Nẵng"})])
        .collect();
    let api = FakeApi::install(&[
        countries(),
        ("GET /location/XA/state", Answer::ok(json!({ "states": many }))),
    ]);
    let model = AddressModel::new();
    model.country.set("XA".into());
    let (root, _h) = mount(move || view! { <AddressCascade model=model/> });
    assert!(wait_for(3000, || options(&root, "state").len() > 40).await, "states");
    let filter: HtmlInputElement = q(&root, "#f-state-filter");
    assert!(!filter.hidden(), "a long list gets a filter box");
    type_into(&filter, "DA NANG");
    assert!(
        wait_for(3000, || model.state.get_untracked() == "Thành phố Đà Nẵng").await,
        "the single match is chosen"
    );
    type_into(&filter, "so 1");
    assert!(wait_for(3000, || options(&root, "state").len() < 20).await, "the list is narrowed");
    // the current choice stays in the list
    assert!(options(&root, "state").iter().any(|o| o == "Thành phố Đà Nẵng"));

    // the city list fails (404): an error with a retry; the retry asks again
    assert!(wait_for(3000, || has(&root, ".level-error button")).await, "city error");
    assert_eq!(api.calls("GET /location/state/48/city"), 1);
    api.set(
        "GET /location/state/48/city",
        Answer::ok(json!({"cities": [{"id": "490", "name": "Quận Hải Châu"}]})),
    );
    q::<HtmlElement>(&root, ".level-error button").click();
    assert!(
        wait_for(3000, || options(&root, "city").iter().any(|o| o == "Quận Hải Châu")).await,
        "cities after retry"
    );
    assert_eq!(api.calls("GET /location/state/48/city"), 2);
    assert!(!has(&root, ".level-error"));
}

/// Pretends the tab became visible or hidden (as the browser does: the
/// property changes, then `visibilitychange` bubbles from the document).
fn set_visibility(state: &str) {
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"__vis".into(), &state.into()).unwrap();
    js_sys::Function::new_no_args(
        "Object.defineProperty(document, 'visibilityState', {configurable: true, get: function () { return window.__vis; }});
         document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

#[wasm_bindgen_test]
async fn the_bell_polls_while_visible_and_never_while_hidden() {
    let api = FakeApi::install(&[(
        "GET /notifications/new",
        Answer::ok(json!({"notifications": [{"id": "1"}, {"id": "2"}]})),
    )]);
    portal::api::client::set_access_token(Some("browser-test-token".into()));
    set_visibility("visible");
    let (root, _h) = mount(|| {
        provide_context(NotifCtx {
            count: portal::ui::erase::resource(portal::api::notifications::new_count),
        });
        view! { <Router><Bell period_ms=150/></Router> }
    });
    assert!(
        wait_for(3000, || root.text_content().unwrap_or_default().contains('2')).await,
        "the count"
    );
    let link: HtmlElement = q(&root, "a.bell");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/notifications"));
    assert!(link.get_attribute("aria-label").unwrap_or_default().contains('2'));
    assert!(
        wait_for(3000, || api.calls("GET /notifications/new") >= 3).await,
        "polled while visible ({})",
        api.calls("GET /notifications/new")
    );

    set_visibility("hidden");
    settle().await;
    let at_hide = api.calls("GET /notifications/new");
    assert!(
        !wait_for(600, || api.calls("GET /notifications/new") > at_hide).await,
        "no request while hidden"
    );

    // back: at once (a period has passed), then on schedule again
    api.set("GET /notifications/new", Answer::ok(json!({"notifications": [{"id": "1"}]})));
    set_visibility("visible");
    assert!(
        wait_for(3000, || api.calls("GET /notifications/new") > at_hide).await,
        "asked again on return"
    );
    assert!(
        wait_for(3000, || {
            q::<HtmlElement>(&root, "a.bell")
                .get_attribute("aria-label")
                .unwrap_or_default()
                .contains('1')
        })
        .await,
        "badge follows"
    );
    portal::api::client::set_access_token(None);
}

#[wasm_bindgen_test]
async fn every_signup_control_is_named_and_labelled() {
    let _api = FakeApi::install(&locations());
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    assert!(wait_for(3000, || options(&root, "country").len() > 1).await, "countries");
    let controls = root.query_selector_all("form input, form select").unwrap();
    assert!(controls.length() >= 15, "{} controls", controls.length());
    for i in 0..controls.length() {
        let el: web_sys::Element = controls.item(i).unwrap().unchecked_into();
        let id = el.id();
        let labelled = el.get_attribute("aria-label").is_some()
            || (!id.is_empty()
                && root.query_selector(&format!("label[for='{id}']")).unwrap().is_some())
            || el.closest("label").unwrap().is_some();
        assert!(labelled, "control #{id} has no label");
        let is_filter = el.get_attribute("class").is_some_and(|c| c.contains("pick-filter"));
        assert!(
            is_filter || el.get_attribute("name").is_some_and(|n| !n.is_empty()),
            "control #{id} has no name"
        );
    }
    for name in [
        "lastname",
        "firstname",
        "email",
        "phonenumber",
        "nationalid",
        "birthday",
        "address1",
        "password",
    ] {
        assert!(root.query_selector(&format!("[name={name}]")).unwrap().is_some(), "{name}");
    }
    let birthday: HtmlInputElement = q(&root, "input[name=birthday]");
    assert_eq!(birthday.type_(), "date");
    assert_eq!(
        q::<HtmlInputElement>(&root, "input[name=password]")
            .get_attribute("autocomplete")
            .as_deref(),
        Some("new-password")
    );
    assert_eq!(
        q::<HtmlInputElement>(&root, "input[name=email]").get_attribute("autocomplete").as_deref(),
        Some("email")
    );
}

/// Types into the form's input called `name`, as the user does.
fn type_in(root: &HtmlElement, name: &str, value: &str) {
    type_into(&q::<HtmlInputElement>(root, &format!("input[name={name}]")), value);
}

#[wasm_bindgen_test]
async fn the_saved_signup_draft_never_holds_the_passwords() {
    let _api = FakeApi::install(&locations());
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(DRAFT_KEY).unwrap();
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    assert!(wait_for(3000, || options(&root, "country").len() > 1).await, "countries");
    type_in(&root, "password", "Hoa@2026-first-secret");
    type_in(&root, "password_confirm", "Hoa@2026-second-secret");
    type_in(&root, "firstname", "An");
    type_in(&root, "email", "an@example.vn");
    let draft = || storage.get_item(DRAFT_KEY).unwrap().unwrap_or_default();
    assert!(wait_for(3000, || draft().contains("an@example.vn")).await, "the draft is saved");
    let saved = draft();
    storage.remove_item(DRAFT_KEY).unwrap();
    assert!(saved.contains(r#""firstname":"An""#), "{saved}");
    assert!(!saved.contains("secret") && !saved.contains("password"), "{saved}");
}
