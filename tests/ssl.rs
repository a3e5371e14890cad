//! Browser tests of the certificate order's "make a key and CSR here"
//! (headless Chromium, real WebCrypto): each key type gives a request the
//! form's own check accepts, naming the domain and `www.`; the CSR is used
//! only after the key was saved; the private key is in no request body.
//! Run with `cargo test --target wasm32-unknown-unknown --test ssl`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::pages::cart::ssl::SslPage;
use portal::x509::csr::check;
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> FakeApi {
    FakeApi::install(&[
        (
            "GET /certificate/order",
            Answer::ok(json!({"products": [{"id": "401", "name": "PositiveSSL DV",
                "periods": [{"years": 1, "price": 250000, "renew": 250000}]}]})),
        ),
        (
            "GET /certificate/order/401/software",
            Answer::ok(json!({"software": [{"id": 1, "name": "Apache"}]})),
        ),
        ("GET /contact", Answer::ok(json!({"contacts": []}))),
    ])
}

fn csr_text(root: &HtmlElement) -> String {
    q::<HtmlTextAreaElement>(root, "textarea[name=csr]").value()
}

async fn generate(root: &HtmlElement, rsa: bool) -> String {
    assert!(wait_for(3000, || has(root, "[data-testid=csr-tool]")).await, "the generator");
    click(root, "[data-testid=csr-tool] > button");
    settle().await;
    set_value(root, "#csr-domain", "Tênmiền.vn", "input");
    if rsa {
        click(root, "input[name=csr_key]:not(:checked)");
    }
    click(root, "[data-testid=csr-generate]");
    assert!(wait_for(15_000, || has(root, "[data-testid=csr-key]")).await, "a key is made");
    // not before the key is saved
    click(root, "[data-testid=csr-use]");
    settle().await;
    assert_eq!(csr_text(root), "", "the CSR waits for the key to be saved");
    click(root, "[data-testid=csr-save-key]");
    settle().await;
    click(root, "[data-testid=csr-use]");
    settle().await;
    csr_text(root)
}

async fn made_and_accepted(rsa: bool) {
    sign_in();
    let api = api();
    let (root, _h) = mount(|| view! { <Router><SslPage/></Router> });
    let pem = generate(&root, rsa).await;
    let csr = check(&pem).expect("the form's own check accepts it");
    assert_eq!(csr.names(), ["xn--tnmin-hsa0954c.vn", "www.xn--tnmin-hsa0954c.vn"]);
    assert_eq!(csr.key.to_string(), if rsa { "RSA 2048" } else { "EC P-256" });
    // the form takes it: no CSR error once submitted
    set_value(&root, "input[name=approver_email]", "admin@xn--tnmin-hsa0954c.vn", "input");
    click(&root, "form[data-testid=ssl-order] button[type=submit]");
    settle().await;
    assert!(!has(&root, "#f-csr[aria-invalid=true]"), "the CSR passes the form's check");
    // the key never left the page
    for body in api.sent_texts() {
        assert!(!body.contains("PRIVATE KEY"), "a key in a request: {body}");
    }
    let cart = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let saved = cart.get_item("portal.cart").unwrap().unwrap_or_default();
    assert!(saved.contains("BEGIN CERTIFICATE REQUEST") && !saved.contains("PRIVATE KEY"));
}

#[wasm_bindgen_test]
async fn an_ecdsa_key_gives_a_csr_the_form_accepts_and_stays_in_the_page() {
    made_and_accepted(false).await;
}

#[wasm_bindgen_test]
async fn an_rsa_key_gives_a_csr_the_form_accepts_and_stays_in_the_page() {
    made_and_accepted(true).await;
}
