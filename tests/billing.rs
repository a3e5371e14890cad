//! Browser tests of the billing section: the invoice list and detail
//! degrade when the server lacks them, and paying with credit sends the
//! amount typed (or none) once. Run with
//! `cargo test --target wasm32-unknown-unknown --test billing`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    balance, count, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::billing::{BillingPage, InvoicePage};
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn invoice_page_at(id: &'static str) -> impl IntoView {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("/billing/invoices/{id}")),
    );
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/billing/invoices/:id") view=InvoicePage/>
            </Routes>
        </Router>
    }
}

#[wasm_bindgen_test]
async fn without_an_invoice_list_the_page_says_so_and_offers_the_number() {
    sign_in();
    let _api = FakeApi::install(&[balance("350000.00")]); // GET /invoice: 404 invalid method
    let (root, _h) = mount(|| view! { <Router><BillingPage/></Router> });
    assert!(
        wait_for(3000, || has(&root, "[data-testid=invoices-unsupported]")).await,
        "the notice"
    );
    assert!(q::<HtmlElement>(&root, "[data-testid=invoices-unsupported]")
        .text_content()
        .unwrap_or_default()
        .contains("Máy chủ chưa cung cấp danh sách hoá đơn"));
    let number: HtmlInputElement = q(&root, "input[name=invoice_id]");
    assert_eq!(number.get_attribute("inputmode").as_deref(), Some("numeric"));
    // an empty number is refused with an announced error
    q::<HtmlButtonElement>(&root, "form button[type=submit]").click();
    settle().await;
    assert_eq!(number.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn an_invoice_lists_its_lines_tax_and_total() {
    let invoice = json!({"invoice": {
        "id": "3102", "number": "2026/01/0057", "status": "Unpaid", "date": "2026-01-05", "duedate": "2026-01-12",
        "subtotal": 1000000, "credit": 0, "tax": 100000, "taxrate": 10, "total": 1100000, "balance": 1100000,
        "currency": "VND", "items": [{"id": "1", "description": "Cloud Hosting", "amount": "1000000.00", "taxed": "1", "linetotal": "1000000.00"}]
    }});
    sign_in();
    let _api =
        FakeApi::install(&[balance("350000.00"), ("GET /invoice/3102", Answer::ok(invoice))]);
    let (root, _h) = mount(|| invoice_page_at("3102"));
    assert!(wait_for(3000, || has(&root, "[data-testid=invoice]")).await, "the invoice");
    let text = root.text_content().unwrap_or_default();
    for want in [
        "Hoá đơn 2026/01/0057",
        "Chưa thanh toán",
        "05/01/2026",
        "12/01/2026",
        "Cloud Hosting",
        "Thuế VAT (10%)",
        "100.000 ₫",
        "1.100.000 ₫",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // every cell carries its column name for the phone layout
    assert!(count(&root, "[data-testid=invoice-lines] td[data-label]") >= 3);
}

#[wasm_bindgen_test]
async fn paying_with_credit_sends_the_amount_once_and_checks_it_first() {
    sign_in();
    let api = FakeApi::install(&[
        balance("350000.00"),
        ("POST /invoice/3103/credit", Answer::never()), // never answers
    ]); // GET /invoice/3103: not offered
    let (root, _h) = mount(|| invoice_page_at("3103"));
    assert!(wait_for(3000, || has(&root, "input[name=amount]")).await, "the form");
    assert!(
        wait_for(3000, || {
            q::<HtmlElement>(&root, "[data-testid=credit-available]")
                .text_content()
                .unwrap_or_default()
                .contains("350.000 ₫")
        })
        .await,
        "the credit"
    );
    assert!(has(&root, "[data-testid=invoice-unsupported]"));

    // more than the credit: refused here
    set_value(&root, "input[name=amount]", "400.000", "input");
    let pay: HtmlButtonElement = q(&root, ".pay-credit button[type=submit]");
    pay.click();
    settle().await;
    assert_eq!(api.calls("POST /invoice/3103/credit"), 0);
    assert_eq!(
        q::<HtmlInputElement>(&root, "input[name=amount]").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    // 150.000 typed the Vietnamese way is 150000, sent once
    set_value(&root, "input[name=amount]", "150.000", "input");
    pay.click();
    pay.click();
    settle().await;
    assert_eq!(api.calls("POST /invoice/3103/credit"), 1);
    assert_eq!(api.bodies("POST /invoice/3103/credit")[0], json!({"amount": "150000"}));
    assert!(pay.disabled());
}
