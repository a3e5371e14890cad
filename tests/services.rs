//! Browser tests of the services pages (headless Chromium) against the fake
//! API, with answers shaped as mock-api's contract gives them: the list and
//! its filter, the page of one service showing only the actions its
//! `/methods` offer, the login hidden until revealed, the upgrade estimate
//! that a late answer never overwrites, and the cancel confirmation. Run
//! with `cargo test --target wasm32-unknown-unknown --test services`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    balance, count, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::services::list::ServiceList;
use portal::pages::services::service::ServiceView;
use portal::vocab::Id;
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn text(root: &HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

fn service_list() -> Value {
    json!({"services": [
        {"id": "301", "name": "Starter Hosting", "domain": "bkns-demo.vn", "total": "99000.00", "status": "Active",
         "billingcycle": "Monthly", "next_due": "2030-01-10", "category": "Hosting", "category_url": "hosting"},
        {"id": "302", "name": "Cloud VPS", "domain": "vps.bkns-demo.vn", "total": "450000.00", "status": "Active",
         "billingcycle": "Monthly", "next_due": "2030-01-25", "category": "Cloud", "category_url": "cloud", "label": "Máy chủ Kế toán"},
        {"id": "304", "name": "Business Hosting", "domain": "old-shop.vn", "total": "199000.00", "status": "Cancelled",
         "billingcycle": "Monthly", "next_due": "", "category": "Hosting", "category_url": "hosting"},
        {"id": "306", "name": "Cloud VPS Mini", "domain": "mini.bkns-demo.vn", "total": "150000.00", "status": "Suspended",
         "billingcycle": "Quarterly", "next_due": "2030-01-01", "category": "Cloud", "category_url": "cloud"}
    ]})
}

/// The list page at `url` (its query is read by the page).
fn list_at(url: &'static str) -> impl IntoView {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(url),
    );
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/services") view=ServiceList/>
            </Routes>
        </Router>
    }
}

fn rows(root: &HtmlElement) -> u32 {
    count(root, "[data-testid=services] tbody tr")
}

#[wasm_bindgen_test]
async fn the_list_shows_every_service_and_filters_by_text_and_status() {
    sign_in();
    let _api = FakeApi::install(&[balance("0"), ("GET /service", Answer::ok(service_list()))]);
    let (root, _h) = mount(|| list_at("/services"));
    assert!(wait_for(3000, || rows(&root) == 4).await, "four rows");
    let all = text(&root);
    for want in [
        "bkns-demo.vn",
        "Máy chủ Kế toán",
        "Starter Hosting · Hosting",
        "Đang hoạt động",
        "Tạm ngưng",
        "Đã huỷ",
        "Hàng tháng",
        "Hàng quý",
        "99.000 ₫",
        "10/01/2030",
    ] {
        assert!(all.contains(want), "{want} in the list");
    }
    let link: HtmlElement = q(&root, "[data-testid=services] tbody tr a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/services/301"));

    // diacritics and case do not matter; the label and the product are searched
    let search: HtmlInputElement = q(&root, "#f-q");
    common::type_into(&search, "may chu ke TOAN");
    assert!(wait_for(2000, || rows(&root) == 1).await, "the labelled VPS");
    assert!(text(&root).contains("Hiển thị 1–1 trong 1 dịch vụ"));
    common::type_into(&search, "hosting");
    assert!(wait_for(2000, || rows(&root) == 2).await, "two hostings");
    set_value(&root, "select[name=status]", "cancelled", "change");
    assert!(wait_for(2000, || rows(&root) == 1).await, "the cancelled hosting");
    assert!(text(&root).contains("old-shop.vn"));
    common::type_into(&search, "zzz");
    assert!(wait_for(2000, || rows(&root) == 0).await);
    assert!(text(&root).contains("Không có dịch vụ nào khớp với bộ lọc"));
}

#[wasm_bindgen_test]
async fn the_list_starts_from_the_status_and_text_in_its_address() {
    sign_in();
    let _api = FakeApi::install(&[balance("0"), ("GET /service", Answer::ok(service_list()))]);
    let (root, _h) = mount(|| list_at("/services?status=suspended"));
    assert!(wait_for(3000, || rows(&root) == 1).await, "the suspended one only");
    assert!(text(&root).contains("mini.bkns-demo.vn"));
    assert_eq!(q::<web_sys::HtmlSelectElement>(&root, "select[name=status]").value(), "suspended");
    drop(_h);
    let (root, _h) = mount(|| list_at("/services?q=starter"));
    assert!(wait_for(3000, || rows(&root) == 1).await, "the text from ?q=");
    assert_eq!(q::<HtmlInputElement>(&root, "#f-q").value(), "starter");
}

#[wasm_bindgen_test]
async fn no_services_invite_an_order_and_a_failure_offers_a_retry() {
    sign_in();
    let api =
        FakeApi::install(&[balance("0"), ("GET /service", Answer::ok(json!({"services": []})))]);
    let (root, _h) = mount(|| list_at("/services"));
    assert!(wait_for(3000, || has(&root, "[data-testid=services-empty]")).await, "the empty state");
    let order: HtmlElement = q(&root, "[data-testid=services-empty] a");
    assert_eq!(order.get_attribute("href").as_deref(), Some("/cart"));
    drop(_h);

    api.set("GET /service", Answer::json(502, json!("bad gateway")));
    let (root, _h) = mount(|| list_at("/services"));
    assert!(wait_for(6000, || has(&root, "[role=alert] button")).await, "an error with retry");
    assert!(text(&root).contains("Không tải được danh sách dịch vụ"));
    api.set("GET /service", Answer::ok(service_list()));
    q::<HtmlButtonElement>(&root, "[role=alert] button").click();
    assert!(wait_for(3000, || rows(&root) == 4).await, "loaded on retry");
}

// ------------------------------------------------------------------ one service

fn details(id: &str, status: &str) -> Value {
    json!({"service": {"id": id, "date_created": "2025-01-10", "domain": "bkns-demo.vn", "firstpayment": "99000.00",
        "total": "99000.00", "billingcycle": "Monthly", "next_due": "2030-01-10", "next_invoice": "2029-12-27",
        "status": status, "label": "", "username": "bknsdemo", "password": "pdtzc-S3cret", "name": "Starter Hosting"}})
}

fn method(name: &str, verb: &str, route: &str) -> Value {
    json!({"name": name, "method": verb, "route": route})
}

fn label_and_cancel() -> Value {
    json!({"methods": [
        method("Service label", "GET", "/service/@id/label"),
        method("Change service label", "POST", "/service/@id/label"),
        method("Cancel Service", "POST", "/service/@id/cancel"),
    ]})
}

fn service_page(id: &'static str) -> impl IntoView {
    view! { <Router><ServiceView id=Id(id.into())/></Router> }
}

#[wasm_bindgen_test]
async fn a_service_shows_only_the_actions_its_methods_offer() {
    sign_in();
    let _api = FakeApi::install(&[
        balance("0"),
        ("GET /service/301", Answer::ok(details("301", "Active"))),
        ("GET /service/301/methods", Answer::ok(label_and_cancel())),
        ("GET /service/301/label", Answer::ok(json!({"label": ""}))),
    ]);
    let (root, _h) = mount(|| service_page("301"));
    assert!(wait_for(3000, || has(&root, "[data-testid=cancel-card]")).await, "the cancel card");
    assert!(
        wait_for(3000, || has(&root, "[data-testid=label-card] input[name=label]")).await,
        "the label can be changed"
    );
    assert!(!has(&root, "[data-testid=upgrade-card]"), "no upgrade offered");
    assert!(!has(&root, "[data-testid=vms-link]") && !has(&root, "[data-testid=rdns-link]"));
    assert!(!has(&root, "[data-testid=elsewhere]"));
    assert_eq!(q::<HtmlElement>(&root, "h1").text_content().as_deref(), Some("bkns-demo.vn"));
    let d = text(&root);
    for want in ["Starter Hosting", "Hàng tháng", "99.000 ₫", "10/01/2030", "bknsdemo"] {
        assert!(d.contains(want), "{want} in the details");
    }
}

#[wasm_bindgen_test]
async fn links_for_vms_and_rdns_and_unknown_methods_named_as_elsewhere() {
    sign_in();
    let methods = json!({"methods": [
        method("Service label", "GET", "/service/@id/label"),
        method("List VMs", "GET", "/service/@id/vms"),
        method("Service IPs", "GET", "/service/@id/ip"),
        method("rDNS", "GET", "/service/@id/rdns"),
        method("Update rDNS", "POST", "/service/@id/rdns"),
        method("Backup schedule", "GET", "/service/@id/backups"),
    ]});
    let _api = FakeApi::install(&[
        balance("0"),
        ("GET /service/303", Answer::ok(details("303", "Active"))),
        ("GET /service/303/methods", Answer::ok(methods)),
        ("GET /service/303/label", Answer::ok(json!({"label": "DS chính"}))),
    ]);
    let (root, _h) = mount(|| service_page("303"));
    assert!(wait_for(3000, || has(&root, "[data-testid=elsewhere]")).await, "the unknown method");
    let elsewhere =
        q::<HtmlElement>(&root, "[data-testid=elsewhere]").text_content().unwrap_or_default();
    assert!(
        elsewhere.contains("Backup schedule")
            && elsewhere.contains("chưa có trong cổng khách hàng")
    );
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=vms-link]").get_attribute("href").as_deref(),
        Some("/services/303/vms")
    );
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=rdns-link]").get_attribute("href").as_deref(),
        Some("/services/303/rdns")
    );
    assert!(!has(&root, "[data-testid=cancel-card]") && !has(&root, "[data-testid=upgrade-card]"));
    // the label is read, not changed
    assert!(wait_for(2000, || has(&root, "[data-testid=label-value]")).await);
    assert!(!has(&root, "input[name=label]"));
    assert!(text(&root).contains("DS chính"));
}

#[wasm_bindgen_test]
async fn a_cancelled_service_says_so_and_offers_no_cancel() {
    sign_in();
    let _api = FakeApi::install(&[
        balance("0"),
        ("GET /service/304", Answer::ok(details("304", "Cancelled"))),
        ("GET /service/304/methods", Answer::ok(label_and_cancel())),
        ("GET /service/304/label", Answer::ok(json!({"label": ""}))),
    ]);
    let (root, _h) = mount(|| service_page("304"));
    assert!(wait_for(3000, || has(&root, "[data-testid=label-card] input")).await, "the actions");
    let notice: HtmlElement = q(&root, "[data-testid=service-notice]");
    assert!(!notice.hidden());
    assert!(notice.text_content().unwrap_or_default().contains("Đã huỷ"));
    assert!(!has(&root, "[data-testid=cancel-card]"), "nothing to cancel");
}

#[wasm_bindgen_test]
async fn an_unknown_service_is_a_clear_error() {
    sign_in();
    let _api = FakeApi::install(&[
        balance("0"),
        ("GET /service/999", Answer::ok(json!({"error": ["service_not_found"]}))),
        ("GET /service/999/methods", Answer::ok(json!({"error": ["service_not_found"]}))),
    ]);
    let (root, _h) = mount(|| service_page("999"));
    assert!(wait_for(3000, || has(&root, "[role=alert]")).await, "the error");
    assert!(text(&root).contains("Không tìm thấy dịch vụ này trong tài khoản của bạn"));
    assert_eq!(q::<HtmlElement>(&root, "h1").text_content().as_deref(), Some("Dịch vụ #999"));
}

#[wasm_bindgen_test]
async fn the_password_is_not_in_the_page_until_revealed() {
    sign_in();
    let _api = FakeApi::install(&[
        balance("0"),
        ("GET /service/301", Answer::ok(details("301", "Active"))),
        ("GET /service/301/methods", Answer::ok(json!({"methods": []}))),
    ]);
    let (root, _h) = mount(|| service_page("301"));
    assert!(wait_for(3000, || has(&root, "[data-testid=service-password]")).await, "the login");
    assert!(!text(&root).contains("pdtzc-S3cret"), "hidden");
    let reveal: HtmlButtonElement = q(&root, "[data-testid=reveal-password]");
    assert_eq!(reveal.get_attribute("aria-pressed").as_deref(), Some("false"));
    reveal.click();
    settle().await;
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=service-password]").text_content().as_deref(),
        Some("pdtzc-S3cret")
    );
    assert_eq!(reveal.get_attribute("aria-pressed").as_deref(), Some("true"));
    reveal.click();
    settle().await;
    assert!(!text(&root).contains("pdtzc-S3cret"), "hidden again");
    assert!(text(&root).contains("Dịch vụ này không có thao tác nào"), "no methods: said so");
}

fn upgrade_options() -> Value {
    serde_json::from_str(include_str!("../fixtures/api/service-upgrade.contract.json")).unwrap()
}

fn estimate(total: &str) -> Value {
    json!({"estimate": {"items": [{"name": "Bandwidth: 500 GB", "price": total}], "subtotal": total, "tax": "0.00", "total": total, "currency": "VND"}})
}

fn totals(root: &HtmlElement) -> String {
    if has(root, "[data-testid=estimate-totals]") {
        q::<HtmlElement>(root, "[data-testid=estimate-totals]").text_content().unwrap_or_default()
    } else {
        String::new()
    }
}

#[wasm_bindgen_test]
async fn a_late_estimate_never_overwrites_a_newer_one() {
    sign_in();
    let api = FakeApi::install(&[
        balance("0"),
        ("GET /service/305", Answer::ok(details("305", "Active"))),
        (
            "GET /service/305/methods",
            Answer::ok(json!({"methods": [
                method("Upgrade Options", "GET", "/service/@id/upgrade"),
                method("Upgrade Request", "POST", "/service/@id/upgrade"),
            ]})),
        ),
        ("GET /service/305/upgrade", Answer::ok(upgrade_options())),
        // the first estimate is slow
        ("POST /service/305/upgrade", Answer::ok(estimate("111000.00")).after(1500)),
    ]);
    let (root, _h) = mount(|| service_page("305"));
    assert!(wait_for(3000, || has(&root, "select[name='resources[1557]']")).await, "the form");
    for sel in [
        "input[type=range][name='resources[1558]']",
        "input[type=number][name='resources[1559]']",
        "input[type=radio][name='resources[1561]']",
        "select[name='resources[1562][item]']",
        "input[name='resources[1562][qty]']",
        "select[name=package]",
        "select[name=cycle]",
    ] {
        assert!(has(&root, sel), "{sel}");
    }
    let order: HtmlButtonElement = q(&root, "[data-testid=upgrade-form] button[type=submit]");
    assert!(order.disabled(), "nothing changed: nothing to order");
    assert_eq!(api.calls("POST /service/305/upgrade"), 0, "no estimate of no change");

    set_value(&root, "select[name='resources[1557]']", "10103", "change");
    assert!(
        wait_for(2000, || api.calls("POST /service/305/upgrade") == 1).await,
        "the first estimate asked"
    );
    // the second answers at once, before the first
    api.set("POST /service/305/upgrade", Answer::ok(estimate("222000.00")));
    set_value(&root, "input[type=number][name='resources[1559]']", "12", "input");
    assert!(wait_for(2000, || totals(&root).contains("222.000 ₫")).await, "the newer estimate");
    assert_eq!(api.calls("POST /service/305/upgrade"), 2);
    // the late answer comes, and is not shown
    assert!(
        !wait_for(2000, || totals(&root).contains("111.000 ₫")).await,
        "the late answer is dropped"
    );
    assert!(totals(&root).contains("222.000 ₫"));
    assert!(!order.disabled(), "the estimate of what is on screen: it can be ordered");
    let bodies = api.bodies("POST /service/305/upgrade");
    assert_eq!(bodies[1]["resources"]["1557"], json!("10103"));
    assert_eq!(bodies[1]["resources"]["1559"], json!("12"));
    assert_eq!(bodies[1]["send"], json!(false));
    assert!(bodies[1].get("package").is_none(), "the package did not change");

    // a quantity out of range is said and not estimated
    set_value(&root, "input[type=number][name='resources[1559]']", "500", "input");
    settle().await;
    assert!(has(&root, "#up-1559-err[role=alert]"));
    assert!(order.disabled());
    gloo_timers::future::TimeoutFuture::new(500).await;
    assert_eq!(api.calls("POST /service/305/upgrade"), 2);
}

#[wasm_bindgen_test]
async fn cancelling_needs_a_reason_and_a_confirmation_naming_the_service() {
    sign_in();
    let api = FakeApi::install(&[
        balance("0"),
        ("GET /service/301", Answer::ok(details("301", "Active"))),
        ("GET /service/301/methods", Answer::ok(label_and_cancel())),
        ("GET /service/301/label", Answer::ok(json!({"label": ""}))),
        ("POST /service/301/cancel", Answer::ok(json!({"info": ["cancell_sent"]}))),
    ]);
    let (root, _h) = mount(
        || view! { <Router><ServiceView id=Id("301".into())/><portal::ui::toast::Toaster/></Router> },
    );
    assert!(wait_for(3000, || has(&root, "[data-testid=cancel-card]")).await);
    let submit: HtmlButtonElement = q(&root, "[data-testid=cancel-card] button[type=submit]");
    submit.click();
    settle().await;
    let reason: web_sys::HtmlTextAreaElement = q(&root, "textarea[name=reason]");
    assert_eq!(
        reason.get_attribute("aria-invalid").as_deref(),
        Some("true"),
        "a reason is required"
    );
    assert!(!q::<web_sys::HtmlDialogElement>(&root, "dialog").open(), "nothing asked yet");
    set_value(&root, "textarea[name=reason]", "Chuyển sang gói khác", "input");
    submit.click();
    settle().await;
    let dialog: web_sys::HtmlDialogElement = q(&root, "dialog");
    assert!(dialog.open());
    assert!(dialog
        .text_content()
        .unwrap_or_default()
        .contains("“bkns-demo.vn” sẽ dừng vào cuối chu kỳ"));
    assert_eq!(api.calls("POST /service/301/cancel"), 0, "not before the confirmation");
    q::<HtmlButtonElement>(&root, "dialog .btn-danger").click();
    assert!(wait_for(2000, || api.calls("POST /service/301/cancel") == 1).await);
    assert_eq!(
        api.bodies("POST /service/301/cancel")[0],
        json!({"immediate": "0", "reason": "Chuyển sang gói khác"})
    );
    assert!(
        wait_for(2000, || text(&root).contains("Đã gửi yêu cầu huỷ dịch vụ")).await,
        "the toast"
    );
}

#[wasm_bindgen_test]
async fn a_label_save_without_an_answer_says_it_may_have_happened_and_reads_again() {
    sign_in();
    let api = FakeApi::install(&[
        balance("0"),
        ("GET /service/301", Answer::ok(details("301", "Active"))),
        ("GET /service/301/methods", Answer::ok(label_and_cancel())),
        ("GET /service/301/label", Answer::ok(json!({"label": ""}))),
        ("POST /service/301/label", Answer::network_error()),
    ]);
    let (root, _h) = mount(|| service_page("301"));
    assert!(wait_for(3000, || has(&root, "input[name=label]")).await, "the label form");
    set_value(&root, "input[name=label]", "Web chính", "input");
    let save: HtmlButtonElement = q(&root, "[data-testid=label-card] button[type=submit]");
    save.click();
    assert!(
        wait_for(3000, || text(&root).contains("Không rõ yêu cầu đã tới máy chủ hay chưa")).await,
        "said"
    );
    assert_eq!(api.calls("POST /service/301/label"), 1, "never sent again by itself");
    assert!(
        wait_for(3000, || api.calls("GET /service/301/label") == 2).await,
        "the label read again"
    );
    assert!(api.calls("GET /service/301") >= 2, "and the service");

    // a refusal is shown at the field, keeping what was typed
    api.set("POST /service/301/label", Answer::ok(json!({"error": ["label_too_long"]})));
    assert!(wait_for(3000, || has(&root, "input[name=label]")).await);
    set_value(&root, "input[name=label]", "Nhãn bị từ chối", "input");
    q::<HtmlButtonElement>(&root, "[data-testid=label-card] button[type=submit]").click();
    assert!(
        wait_for(3000, || has(&root, "#svc-label-err[role=alert]")).await,
        "the refusal at the field"
    );
    assert!(text(&root).contains("Nhãn quá dài."));
    assert_eq!(q::<HtmlInputElement>(&root, "input[name=label]").value(), "Nhãn bị từ chối");
}
