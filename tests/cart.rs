//! Browser tests of the cart section: the configurator renders every form
//! type and sends the right `custom` map; the checkout never sends an order
//! twice and keeps the cart when the order fails. Run with
//! `cargo test --target wasm32-unknown-unknown --test cart`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    balance, click, count, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::api::cart::items::{OrderItem, ProductItem};
use portal::api::cart::product::ProductDetails;
use portal::pages::cart::checkout::CheckoutPage;
use portal::pages::cart::product::Configurator;
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A product with every form type the API sends: select (required, and
/// the source of a conditional), radio, checkbox, text (required),
/// quantity (shown only with Windows), slider, `domaindnssupport`,
/// textarea, and an addon with its own cycles (shared with the host tests).
fn every_form_type() -> ProductDetails {
    serde_json::from_str(include_str!("../fixtures/every_form_type.json")).unwrap()
}

/// Each control has a label pointing at it.
fn labelled(root: &HtmlElement, sel: &str) {
    let el: web_sys::Element = q(root, sel);
    let id = el.id();
    assert!(!id.is_empty(), "{sel} has an id");
    assert_eq!(count(root, &format!("label[for='{id}']")), 1, "a label for {sel}");
}

#[wasm_bindgen_test]
async fn the_configurator_renders_every_form_type_and_sends_the_right_custom_map() {
    let quote = json!({"summary": {"subtotal": 1, "total": 1.1, "tax": [{"name": "VAT", "tax": 0.1, "value": 10}]}, "items": [{"index": 0, "valid": true}]});
    sign_in();
    let api = FakeApi::install(&[("POST /quote", Answer::ok(quote))]);
    let (root, _h) = mount(
        || view! { <Router><Configurator product=every_form_type() currency="VND"/></Router> },
    );
    settle().await;

    // one control per form type, each named after the API field it feeds
    for sel in [
        "select[name=cycle]",
        "select[name='custom[301]']",
        "input[type=radio][name='custom[302]'][value='3021']",
        "input[type=checkbox][name='custom[303][3031]']",
        "input[type=text][name='custom[304][3041]']",
        "input[type=range][name='custom[306][3061]']",
        "input[type=checkbox][name='custom[307][3071]']",
        "textarea[name='custom[308][3081]']",
        "input[type=checkbox][name='addon[31]']",
    ] {
        labelled(&root, sel);
    }
    // the cycle select shows translated names with prices
    assert_eq!(
        q::<web_sys::Element>(&root, "select[name=cycle] option[value=a]")
            .text_content()
            .as_deref(),
        Some("Hàng năm — 2.149.000 ₫")
    );
    assert!(
        q::<HtmlInputElement>(&root, "input[name='custom[302]'][value='3022']").checked(),
        "the server's selected item"
    );
    assert!(
        q::<HtmlInputElement>(&root, "input[name='custom[307][3071]']").checked(),
        "enableddefault"
    );
    assert!(!has(&root, "input[name='custom[305][3051]']"), "the quantity waits for Windows");

    // the conditional form appears with its source
    set_value(&root, "select[name='custom[301]']", "3014", "change");
    settle().await;
    labelled(&root, "input[type=number][name='custom[305][3051]']");
    set_value(&root, "input[name='custom[305][3051]']", "3", "input");
    click(&root, "input[name='custom[302]'][value='3021']");
    click(&root, "input[name='custom[303][3031]']");
    click(&root, "input[name='custom[307][3071]']"); // untick DNS
    set_value(&root, "input[name='custom[304][3041]']", "vps1.anshop.vn", "input");
    set_value(&root, "input[name='custom[306][3061]']", "4", "input");
    set_value(&root, "textarea[name='custom[308][3081]']", "Cài Docker", "input");
    click(&root, "input[name='addon[31]']");
    settle().await;
    set_value(&root, "select[name='addon_cycles[31]']", "q", "change");
    set_value(&root, "select[name=cycle]", "a", "change");

    // after the pause, one quote for the last state
    assert!(
        wait_for(3000, || {
            api.bodies("POST /quote").iter().any(|b| {
                b["items"][0]["cycle"] == "a" && b["items"][0]["addon_cycles"]["31"] == "q"
            })
        })
        .await,
        "the quote"
    );
    let last = api.bodies("POST /quote").pop().unwrap();
    assert_eq!(
        last["items"][0],
        json!({
            "type": "product", "product_id": 201, "cycle": "a",
            "custom": {
                "301": {"3014": 1},
                "302": {"3021": 1},
                "303": {"3031": 1},
                "304": {"3041": "vps1.anshop.vn"},
                "305": {"3051": 3},
                "306": {"3061": 4},
                "308": {"3081": "Cài Docker"}
            },
            "addon": {"31": 1},
            "addon_cycles": {"31": "q"}
        })
    );
    // debounced: far fewer quotes than changes
    assert!(api.calls("POST /quote") <= 4, "{} quotes", api.calls("POST /quote"));

    // back to Linux: the quantity form goes, and is not sent
    set_value(&root, "select[name='custom[301]']", "3011", "change");
    settle().await;
    assert!(!has(&root, "input[name='custom[305][3051]']"));
    assert!(
        wait_for(3000, || {
            api.bodies("POST /quote")
                .last()
                .is_some_and(|b| b["items"][0]["custom"]["301"] == json!({"3011": 1}))
        })
        .await,
        "a quote without 305"
    );
    assert!(api.bodies("POST /quote").last().unwrap()["items"][0]["custom"].get("305").is_none());
}

#[wasm_bindgen_test]
async fn required_options_are_checked_before_adding_to_the_cart() {
    sign_in();
    let _api =
        FakeApi::install(&[("POST /quote", Answer::ok(json!({"summary": [], "items": []})))]);
    let (root, _h) = mount(
        || view! { <Router><Configurator product=every_form_type() currency="VND"/></Router> },
    );
    settle().await;
    let before = portal::cart::with_untracked(|c| c.len());
    q::<HtmlButtonElement>(&root, "button[type=submit]").click();
    settle().await;
    let hostname: HtmlInputElement = q(&root, "input[name='custom[304][3041]']");
    assert_eq!(hostname.get_attribute("aria-invalid").as_deref(), Some("true"));
    let err = hostname.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        err.contains(&format!("{}-err", hostname.id())),
        "the error is tied to the field: {err}"
    );
    assert!(has(&root, &format!("#{}-err[role=alert]", hostname.id())));
    assert_eq!(
        common::doc().active_element().map(|e| e.id()),
        Some(hostname.id()),
        "focus on the first bad field"
    );
    assert_eq!(portal::cart::with_untracked(|c| c.len()), before, "nothing added");
}

fn quote_for_one_hosting(valid: bool) -> serde_json::Value {
    json!({
        "summary": {"subtotal": 59000, "total": 64900, "discount": 0, "tax": [{"name": "VAT", "tax": 5900, "value": 10}],
                    "recurring": [{"title": "Monthly", "price": 64900, "value": "m"}]},
        "items": [{"product": {"id": 101, "name": "Cloud Hosting Cơ bản", "price": 59000}, "domains": {}, "index": 0,
                   "valid": valid, "error": if valid { json!([]) } else { json!(["domain_required"]) }}]
    })
}

fn fees() -> (&'static str, Answer) {
    (
        "GET /payment/fees",
        Answer::ok(json!({"payments": [
            {"id": 1, "name": "Chuyển khoản", "fixed_fee": "0", "percent_fee": "0"},
            {"id": 2, "name": "NAPAS", "fixed_fee": "1100", "percent_fee": "1.1"}
        ]})),
    )
}

fn one_hosting_in_the_cart() {
    portal::cart::set_unsettled(None);
    portal::cart::update(|c| {
        c.clear_items();
        c.add(
            "Cloud Hosting Cơ bản".into(),
            vec![],
            OrderItem::Product(ProductItem {
                product_id: portal::api::cart::NumId::new("101"),
                cycle: "m".into(),
                domain: "an.vn".into(),
                ..Default::default()
            }),
        );
    });
}

fn place_button(root: &HtmlElement) -> HtmlButtonElement {
    q(root, "[data-testid=checkout-form] button[type=submit]")
}

#[wasm_bindgen_test]
async fn the_checkout_sends_one_order_whatever_the_clicks_and_enters() {
    one_hosting_in_the_cart();
    sign_in();
    let api = FakeApi::install(&[
        ("POST /quote", Answer::ok(quote_for_one_hosting(true))),
        fees(),
        balance("0.00"),
        // the invoices noted before sending
        ("GET /invoice", Answer::ok(json!({"invoices": []}))),
        // a slow network: the refusal comes after the clicks
        ("POST /order", Answer::ok(json!({"error": ["domain_unavailable"]})).after(1500)),
    ]);
    let (root, _h) = mount(|| view! { <Router><CheckoutPage/></Router> });
    assert!(wait_for(3000, || !place_button(&root).disabled()).await, "the quote and the methods");
    // the fee of each method on the quote's total, before paying
    let methods: HtmlElement = q(&root, "[data-testid=pay-methods]");
    assert!(
        methods.text_content().unwrap_or_default().contains("Phí giao dịch: 1.814 ₫"),
        "1.100 + 64.900 × 1,1 %"
    );

    let submit = place_button(&root);
    submit.click();
    submit.click();
    let form: web_sys::HtmlFormElement = q(&root, "[data-testid=checkout-form]");
    // Enter held down: the form is submitted again and again
    for _ in 0..3 {
        let ev = web_sys::SubmitEvent::new("submit").unwrap();
        form.dispatch_event(&ev).unwrap();
    }
    assert!(wait_for(3000, || api.calls("POST /order") == 1).await, "the order went");
    settle().await;
    assert_eq!(api.calls("POST /order"), 1, "one POST /order");
    assert!(place_button(&root).disabled(), "disabled while it is on its way");
    assert_eq!(
        api.bodies("POST /order")[0],
        json!({"pay_method": 1, "items": [{"type": "product", "product_id": 101, "cycle": "m", "domain": "an.vn"}]})
    );
    assert_eq!(
        portal::cart::with_untracked(|c| c.len()),
        1,
        "the cart stays until the order is confirmed"
    );
    // the refusal unlocks it (and frees the browser's order lock)
    assert!(wait_for(4000, || !place_button(&root).disabled()).await, "unlocked by the refusal");
    assert_eq!(api.calls("POST /order"), 1);
}

#[wasm_bindgen_test]
async fn a_failed_order_keeps_the_cart_and_can_be_sent_again() {
    one_hosting_in_the_cart();
    sign_in();
    let api = FakeApi::install(&[
        ("POST /quote", Answer::ok(quote_for_one_hosting(true))),
        fees(),
        balance("0.00"),
        ("GET /invoice", Answer::ok(json!({"invoices": []}))),
        ("POST /order", Answer::ok(json!({"error": ["domain_unavailable"]}))),
    ]);
    let (root, _h) = mount(|| view! { <Router><CheckoutPage/></Router> });
    assert!(wait_for(3000, || !place_button(&root).disabled()).await, "ready");
    place_button(&root).click();
    assert!(
        wait_for(3000, || {
            q::<HtmlElement>(&root, "[data-testid=order-error]").get_attribute("hidden").is_none()
        })
        .await,
        "the error"
    );
    let alert: HtmlElement = q(&root, "[data-testid=order-error]");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert!(alert.text_content().unwrap_or_default().contains("Tên miền đã có người đăng ký."));
    assert_eq!(portal::cart::with_untracked(|c| c.len()), 1, "the cart is kept");
    assert!(wait_for(3000, || !place_button(&root).disabled()).await, "enabled again");
    place_button(&root).click();
    assert!(wait_for(3000, || api.calls("POST /order") == 2).await, "a second try");
}

#[wasm_bindgen_test]
async fn an_invalid_item_blocks_the_checkout_with_its_error() {
    one_hosting_in_the_cart();
    sign_in();
    let api = FakeApi::install(&[
        ("POST /quote", Answer::ok(quote_for_one_hosting(false))),
        fees(),
        balance("0.00"),
    ]);
    let (root, _h) = mount(|| view! { <Router><CheckoutPage/></Router> });
    assert!(
        wait_for(3000, || has(&root, "[data-testid=quote-errors]")).await,
        "the quote's errors"
    );
    assert!(q::<HtmlElement>(&root, "[data-testid=quote-errors]")
        .text_content()
        .unwrap_or_default()
        .contains("Dịch vụ cần có tên miền."));
    assert!(place_button(&root).disabled());
    place_button(&root).click();
    let form: web_sys::HtmlFormElement = q(&root, "[data-testid=checkout-form]");
    form.dispatch_event(&web_sys::SubmitEvent::new("submit").unwrap()).unwrap();
    settle().await;
    assert_eq!(api.calls("POST /order"), 0);
    // the line shows its error too
    assert!(has(&root, ".cart-line-invalid"));
}
