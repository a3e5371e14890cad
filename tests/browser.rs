//! Browser tests (wasm-bindgen-test in headless Chromium): components and
//! browser APIs. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::pages::login::LoginPage;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    let api = FakeApi::install(&[("*", Answer::never())]);
    let (root, _h) = mount(login_page);
    settle().await;
    q::<HtmlButtonElement>(&root, "button[type=submit]").click();
    settle().await;
    assert_eq!(api.requests().len(), 0, "an empty form must not be sent");
    assert_eq!(count(&root, ".field-error[role=alert]"), 2);
    let email: HtmlInputElement = q(&root, "input[name=username]");
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        doc().active_element().map(|e| e.id()),
        Some(email.id()),
        "focus moves to the first bad field"
    );

    // a malformed e-mail is refused too; fixing it clears its error
    type_into(&email, "not-an-email");
    type_into(&q(&root, "input[name=password]"), "secret");
    q::<HtmlButtonElement>(&root, "button[type=submit]").click();
    settle().await;
    assert_eq!(api.requests().len(), 0);
    assert_eq!(count(&root, ".field-error[role=alert]"), 1);
    type_into(&email, "demo@bkns.vn");
    settle().await;
    assert_eq!(count(&root, ".field-error[role=alert]"), 0);
}

#[wasm_bindgen_test]
async fn login_submit_is_disabled_while_the_request_is_pending() {
    let api = FakeApi::install(&[("*", Answer::never())]);
    let (root, _h) = mount(login_page);
    settle().await;
    type_into(&q(&root, "input[name=username]"), "demo@bkns.vn");
    type_into(&q(&root, "input[name=password]"), "Demo@2026");
    let submit: HtmlButtonElement = q(&root, "button[type=submit]");
    submit.click();
    settle().await;
    assert_eq!(api.requests(), ["POST /login"]);
    assert!(submit.disabled(), "submit is disabled while pending");
    // a second click or Enter does not send again
    submit.click();
    let form: web_sys::HtmlFormElement = q(&root, "form");
    let _ = form.request_submit();
    settle().await;
    assert_eq!(api.requests(), ["POST /login"], "no second request while the first is pending");
    // what the user typed is still there
    assert_eq!(q::<HtmlInputElement>(&root, "input[name=username]").value(), "demo@bkns.vn");
}
