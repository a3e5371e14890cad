//! Browser tests (wasm-bindgen-test in headless Chromium): components and
//! browser APIs. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use portal::pages::login::LoginPage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

/// Mounts a view into a fresh container; the handle unmounts on drop.
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

fn count(root: &HtmlElement, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Replaces window.fetch with one that counts calls and never answers.
struct FetchTrap {
    original: JsValue,
}

impl FetchTrap {
    fn install() -> Self {
        let w = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&w, &"fetch".into()).unwrap();
        let trap = js_sys::Function::new_no_args(
            "window.__fetchCalls = (window.__fetchCalls || 0) + 1; return new Promise(function () {});",
        );
        js_sys::Reflect::set(&w, &"__fetchCalls".into(), &0.into()).unwrap();
        js_sys::Reflect::set(&w, &"fetch".into(), &trap).unwrap();
        FetchTrap { original }
    }
    fn calls(&self) -> u32 {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::get(&w, &"__fetchCalls".into()).unwrap().as_f64().unwrap_or(0.0) as u32
    }
}

impl Drop for FetchTrap {
    fn drop(&mut self) {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::set(&w, &"fetch".into(), &self.original).unwrap();
    }
}

fn login_page() -> impl IntoView {
    view! { <Router><LoginPage/></Router> }
}

#[wasm_bindgen_test]
async fn login_form_renders_labelled_controls() {
    let (root, _h) = mount(login_page);
    settle().await;
    let email: HtmlInputElement = q(&root, "input[name=username]");
    assert_eq!(email.type_(), "email");
    assert_eq!(email.get_attribute("autocomplete").as_deref(), Some("username"));
    let password: HtmlInputElement = q(&root, "input[name=password]");
    assert_eq!(password.type_(), "password");
    assert_eq!(password.get_attribute("autocomplete").as_deref(), Some("current-password"));
    // every input has a label pointing at it
    for id in [email.id(), password.id()] {
        assert_eq!(count(&root, &format!("label[for='{id}']")), 1, "label for {id}");
    }
    assert_eq!(count(&root, "input[type=checkbox][name=remember]"), 1);
    let submit: HtmlButtonElement = q(&root, "button[type=submit]");
    assert!(!submit.disabled());
    assert!(!submit.text_content().unwrap_or_default().trim().is_empty());
    assert_eq!(count(&root, "[role=alert]"), 0, "no errors before the first submit");
}

#[wasm_bindgen_test]
async fn login_form_refuses_empty_fields_without_calling_the_api() {
    let trap = FetchTrap::install();
    let (root, _h) = mount(login_page);
    settle().await;
    q::<HtmlButtonElement>(&root, "button[type=submit]").click();
    settle().await;
    assert_eq!(trap.calls(), 0, "an empty form must not be sent");
    assert_eq!(count(&root, ".field-error[role=alert]"), 2);
    let email: HtmlInputElement = q(&root, "input[name=username]");
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(document().active_element().map(|e| e.id()), Some(email.id()), "focus moves to the first bad field");

    // a malformed e-mail is refused too; fixing it clears its error
    type_into(&email, "not-an-email");
    type_into(&q(&root, "input[name=password]"), "secret");
    q::<HtmlButtonElement>(&root, "button[type=submit]").click();
    settle().await;
    assert_eq!(trap.calls(), 0);
    assert_eq!(count(&root, ".field-error[role=alert]"), 1);
    type_into(&email, "demo@bkns.vn");
    settle().await;
    assert_eq!(count(&root, ".field-error[role=alert]"), 0);
}

#[wasm_bindgen_test]
async fn login_submit_is_disabled_while_the_request_is_pending() {
    let trap = FetchTrap::install();
    let (root, _h) = mount(login_page);
    settle().await;
    type_into(&q(&root, "input[name=username]"), "demo@bkns.vn");
    type_into(&q(&root, "input[name=password]"), "Demo@2026");
    let submit: HtmlButtonElement = q(&root, "button[type=submit]");
    submit.click();
    settle().await;
    assert_eq!(trap.calls(), 1, "one POST /login");
    assert!(submit.disabled(), "submit is disabled while pending");
    // a second click or Enter does not send again
    submit.click();
    let form: web_sys::HtmlFormElement = q(&root, "form");
    let _ = form.request_submit();
    settle().await;
    assert_eq!(trap.calls(), 1, "no second request while the first is pending");
    // what the user typed is still there
    assert_eq!(q::<HtmlInputElement>(&root, "input[name=username]").value(), "demo@bkns.vn");
}
