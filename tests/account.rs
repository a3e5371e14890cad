//! Browser tests of the account section: the address cascade, the
//! notification bell's polling, the sign-up form's controls and its saved
//! draft. Run with `cargo test --target wasm32-unknown-unknown --test account`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use portal::forms::address::{AddressCascade, AddressModel};
use portal::forms::signup_draft::DRAFT_KEY;
use portal::pages::notifications::{Bell, NotifCtx};
use portal::pages::signup::SignupPage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits (up to 3 s) until `check` holds.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..150 {
        if check() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn mount<F, V>(f: F) -> (HtmlElement, impl Drop)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), f);
    (host, handle)
}

fn q<T: JsCast>(root: &HtmlElement, sel: &str) -> T {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).unchecked_into()
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
    s.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn disabled(root: &HtmlElement, sel: &str) -> bool {
    q::<HtmlElement>(root, sel).has_attribute("disabled")
}

/// Replaces window.fetch with a fake API: `routes` maps a path suffix to a
/// JSON answer; every call's URL is recorded in `window.__calls`; unknown
/// paths get HostBill's 404.
struct FakeApi {
    original: JsValue,
}

impl FakeApi {
    fn install(routes: &str) -> Self {
        let w = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&w, &"fetch".into()).unwrap();
        js_sys::Reflect::set(&w, &"__routes".into(), &js_sys::JSON::parse(routes).unwrap())
            .unwrap();
        js_sys::Reflect::set(&w, &"__calls".into(), &js_sys::Array::new()).unwrap();
        let fake = js_sys::Function::new_with_args(
            "input",
            "var url = decodeURIComponent(typeof input === 'string' ? input : input.url);
             window.__calls.push(url);
             var path = url.replace(/^https?:\\/\\/[^/]+/, '');
             var body = window.__routes[path];
             if (body === undefined) {
               return Promise.resolve(new Response('{\"error\":[\"invalid method\"]}', {status: 404, headers: {'Content-Type': 'application/json'}}));
             }
             return Promise.resolve(new Response(JSON.stringify(body), {status: 200, headers: {'Content-Type': 'application/json'}}));",
        );
        js_sys::Reflect::set(&w, &"fetch".into(), &fake).unwrap();
        FakeApi { original }
    }

    fn set(&self, path: &str, json: &str) {
        let routes = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__routes".into()).unwrap();
        js_sys::Reflect::set(&routes, &path.into(), &js_sys::JSON::parse(json).unwrap()).unwrap();
    }

    fn calls(&self, path: &str) -> usize {
        let calls: js_sys::Array =
            js_sys::Reflect::get(&web_sys::window().unwrap(), &"__calls".into())
                .unwrap()
                .unchecked_into();
        calls.iter().filter(|c| c.as_string().is_some_and(|u| u.ends_with(path))).count()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        js_sys::Reflect::set(&web_sys::window().unwrap(), &"fetch".into(), &self.original).unwrap();
    }
}

/// A small location API: ids for Vietnam, names only for the US (so the
/// by-name calls are used there). Lists are cached for the session (all
/// tests of this file share one page), so every test offers the same
/// countries and uses its own country below them.
const LOCATIONS: &str = r#"{
  "/api/location/countries": {"countries": {"VN": "Việt Nam", "US": "Hoa Kỳ", "XA": "Test A", "XB": "Test B", "XC": "Test C"}},
  "/api/location/VN/state": {"states": [{"id": "79", "name": "Thành phố Hồ Chí Minh"}, {"id": "1", "name": "Thành phố Hà Nội"}]},
  "/api/location/state/79/city": {"cities": [{"id": "760", "name": "Quận 1"}, {"id": "770", "name": "Quận 3"}]},
  "/api/location/state/1/city": {"cities": [{"id": "2", "name": "Quận Hoàn Kiếm"}, {"id": "1", "name": "Quận Ba Đình"}]},
  "/api/location/city/760/ward": {"wards": [{"id": "26734", "name": "Phường Bến Nghé"}, {"id": "26737", "name": "Phường Bến Thành"}]},
  "/api/location/city/770/ward": {"wards": [{"id": "27139", "name": "Phường Võ Thị Sáu"}]},
  "/api/location/US/state": {"states": ["California", "Texas"]},
  "/api/location/state/city/California": {"cities": ["Santa Rosa"]},
  "/api/location/city/ward/Santa Rosa": {"wards": []}
}"#;

#[wasm_bindgen_test]
async fn cascade_clears_lower_levels_when_a_higher_one_changes() {
    let api = FakeApi::install(LOCATIONS);
    let model = AddressModel::new();
    let (root, _h) = mount(move || view! { <AddressCascade model=model required=true/> });
    until("countries", || options(&root, "country").iter().any(|o| o == "Việt Nam")).await;
    // Việt Nam is listed first after the placeholder
    assert_eq!(options(&root, "country")[1], "Việt Nam");
    assert!(disabled(&root, "select[name=state]"), "no state list before a country");

    choose(&root, "country", "VN");
    until("states", || options(&root, "state").iter().any(|o| o == "Thành phố Hồ Chí Minh")).await;
    choose(&root, "state", "Thành phố Hồ Chí Minh");
    until("cities", || options(&root, "city").iter().any(|o| o == "Quận 1")).await;
    choose(&root, "city", "Quận 1");
    until("wards", || options(&root, "ward").iter().any(|o| o == "Phường Bến Nghé")).await;
    choose(&root, "ward", "Phường Bến Nghé");
    assert_eq!(
        model.values(),
        ["VN", "Thành phố Hồ Chí Minh", "Quận 1", "Phường Bến Nghé"].map(String::from)
    );

    // a new city clears the ward and loads that city's wards
    choose(&root, "city", "Quận 3");
    assert_eq!(model.ward.get_untracked(), "");
    until("Quận 3 wards", || options(&root, "ward").iter().any(|o| o == "Phường Võ Thị Sáu")).await;
    assert!(
        !options(&root, "ward").iter().any(|o| o == "Phường Bến Nghé"),
        "the old wards are gone"
    );

    // a new state clears city and ward
    choose(&root, "ward", "Phường Võ Thị Sáu");
    choose(&root, "state", "Thành phố Hà Nội");
    assert_eq!(model.values(), ["VN", "Thành phố Hà Nội", "", ""].map(String::from));
    until("Hà Nội cities", || options(&root, "city").iter().any(|o| o == "Quận Hoàn Kiếm")).await;
    assert!(!options(&root, "city").iter().any(|o| o == "Quận 1"));
    assert!(disabled(&root, "select[name=ward]"), "no ward list until a city is chosen");

    // going back to a state seen before uses the session cache
    choose(&root, "state", "Thành phố Hồ Chí Minh");
    until("HCM cities again", || options(&root, "city").iter().any(|o| o == "Quận 1")).await;
    assert_eq!(api.calls("/location/state/79/city"), 1, "each list is fetched once");
    assert_eq!(api.calls("/location/VN/state"), 1);

    // a new country clears everything below; names-only lists go by name
    choose(&root, "country", "US");
    assert_eq!(model.values(), ["US", "", "", ""].map(String::from));
    until("US states", || options(&root, "state").iter().any(|o| o == "California")).await;
    choose(&root, "state", "California");
    until("by-name cities", || options(&root, "city").iter().any(|o| o == "Santa Rosa")).await;
    assert_eq!(api.calls("/location/state/city/California"), 1);
    choose(&root, "city", "Santa Rosa");
    // no ward list there: the ward becomes a text field
    until("free-text ward", || root.query_selector("input[name=ward]").unwrap().is_some()).await;
    let ward: HtmlInputElement = q(&root, "input[name=ward]");
    ward.set_value("Downtown");
    ward.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(model.ward.get_untracked(), "Downtown");
}

#[wasm_bindgen_test]
async fn typing_finds_places_without_diacritics_and_failed_levels_offer_a_retry() {
    let many: Vec<String> = (0..40)
        .map(|i| format!(r#"{{"id": "{}", "name": "Tỉnh Số {}"}}"#, 100 + i, i))
        .chain([r#"{"id": "48", "name": "Thành phố Đà Nẵng"}"#.to_string()])
        .collect();
    let api = FakeApi::install(&format!(
        r#"{{"/api/location/countries": {{"countries": {{"VN": "Việt Nam", "US": "Hoa Kỳ", "XA": "Test A", "XB": "Test B", "XC": "Test C"}}}},
            "/api/location/XA/state": {{"states": [{}]}}}}"#,
        many.join(",")
    ));
    let model = AddressModel::new();
    model.country.set("XA".into());
    let (root, _h) = mount(move || view! { <AddressCascade model=model/> });
    until("states", || options(&root, "state").len() > 40).await;
    let filter: HtmlInputElement = q(&root, "#f-state-filter");
    assert!(!filter.hidden(), "a long list gets a filter box");
    filter.set_value("DA NANG");
    filter.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until("the single match is chosen", || model.state.get_untracked() == "Thành phố Đà Nẵng")
        .await;
    filter.set_value("so 1");
    filter.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until("the list is narrowed", || options(&root, "state").len() < 20).await;
    // the current choice stays in the list
    assert!(options(&root, "state").iter().any(|o| o == "Thành phố Đà Nẵng"));

    // the city list fails (404): an error with a retry; the retry asks again
    until("city error", || root.query_selector(".level-error button").unwrap().is_some()).await;
    assert_eq!(api.calls("/location/state/48/city"), 1);
    api.set(
        "/api/location/state/48/city",
        r#"{"cities": [{"id": "490", "name": "Quận Hải Châu"}]}"#,
    );
    q::<HtmlElement>(&root, ".level-error button").click();
    until("cities after retry", || options(&root, "city").iter().any(|o| o == "Quận Hải Châu"))
        .await;
    assert_eq!(api.calls("/location/state/48/city"), 2);
    assert!(root.query_selector(".level-error").unwrap().is_none());
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
    let api = FakeApi::install(
        r#"{"/api/notifications/new": {"notifications": [{"id": "1"}, {"id": "2"}]}}"#,
    );
    portal::api::client::set_access_token(Some("browser-test-token".into()));
    set_visibility("visible");
    let (root, _h) = mount(|| {
        provide_context(NotifCtx {
            count: portal::ui::erase::resource(portal::api::notifications::new_count),
        });
        view! { <Router><Bell period_ms=150/></Router> }
    });
    until("the count", || root.text_content().unwrap_or_default().contains('2')).await;
    let link: HtmlElement = q(&root, "a.bell");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/notifications"));
    assert!(link.get_attribute("aria-label").unwrap_or_default().contains('2'));
    sleep(500).await;
    let visible_calls = api.calls("/notifications/new");
    assert!(visible_calls >= 3, "polled while visible ({visible_calls})");

    set_visibility("hidden");
    sleep(50).await;
    let at_hide = api.calls("/notifications/new");
    sleep(600).await;
    assert_eq!(api.calls("/notifications/new"), at_hide, "no request while hidden");

    // back: at once (a period has passed), then on schedule again
    api.set("/api/notifications/new", r#"{"notifications": [{"id": "1"}]}"#);
    set_visibility("visible");
    until("asked again on return", || api.calls("/notifications/new") > at_hide).await;
    until("badge follows", || {
        q::<HtmlElement>(&root, "a.bell")
            .get_attribute("aria-label")
            .unwrap_or_default()
            .contains('1')
    })
    .await;
    portal::api::client::set_access_token(None);
}

#[wasm_bindgen_test]
async fn every_signup_control_is_named_and_labelled() {
    let _api = FakeApi::install(LOCATIONS);
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    until("countries", || options(&root, "country").len() > 1).await;
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

/// Types into an input as the user does (its value, then `input`).
fn type_into(root: &HtmlElement, name: &str, value: &str) {
    let input: HtmlInputElement = q(root, &format!("input[name={name}]"));
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn the_saved_signup_draft_never_holds_the_passwords() {
    let _api = FakeApi::install(LOCATIONS);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(DRAFT_KEY).unwrap();
    let (root, _h) = mount(|| view! { <Router><SignupPage/></Router> });
    until("countries", || options(&root, "country").len() > 1).await;
    type_into(&root, "password", "Hoa@2026-first-secret");
    type_into(&root, "password_confirm", "Hoa@2026-second-secret");
    type_into(&root, "firstname", "An");
    type_into(&root, "email", "an@example.vn");
    let draft = || storage.get_item(DRAFT_KEY).unwrap().unwrap_or_default();
    until("the draft is saved", || draft().contains("an@example.vn")).await;
    let saved = draft();
    storage.remove_item(DRAFT_KEY).unwrap();
    assert!(saved.contains(r#""firstname":"An""#), "{saved}");
    assert!(!saved.contains("secret") && !saved.contains("password"), "{saved}");
}
