//! Browser tests of creating a VM and of reverse DNS (headless Chromium):
//! the create form explains and blocks an over-quota size before sending,
//! keeps what was typed through a refusal (shown at its field), says when
//! the outcome is unknown, and generates a strong password; the rDNS page
//! checks names as they are typed, sends only what changed, and shows a
//! refusal at its row. Run with
//! `cargo test --target wasm32-unknown-unknown --test provision`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::services::rdns::RdnsPage;
use portal::pages::services::resources::ResourceUsage;
use portal::pages::services::vm_create::NewVmPage;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn at(path: &str) {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(path),
    );
}

fn new_vm_page() -> impl IntoView {
    at("/services/302/vms/new");
    view! {
        <Router>
            <Routes fallback=|| view! { <p data-testid="elsewhere">"elsewhere"</p> }>
                <Route path=path!("/services/:id/vms/new") view=NewVmPage/>
            </Routes>
        </Router>
    }
}

fn rdns_page() -> impl IntoView {
    at("/services/303/rdns");
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/services/:id/rdns") view=RdnsPage/>
            </Routes>
        </Router>
    }
}

fn contract(name: &str) -> Value {
    let text = match name {
        "resources" => include_str!("../fixtures/api/service_resources.json"),
        "networks" => include_str!("../fixtures/api/service_networks.json"),
        "ips" => include_str!("../fixtures/api/service_ip.json"),
        "rdns_empty" => include_str!("../fixtures/api/service_rdns_empty.json"),
        _ => include_str!("../fixtures/api/service_rdns.json"),
    };
    serde_json::from_str(text).unwrap()
}

fn templates() -> Value {
    json!({"templates": [
        {"id": "ubuntu-24.04", "name": "Ubuntu 24.04 LTS", "os": "linux"},
        {"id": "debian-12", "name": "Debian 12", "os": "linux"},
        {"id": "windows-2022", "name": "Windows Server 2022", "os": "windows", "min_disk": "40"}
    ]})
}

fn create_routes() -> Vec<(&'static str, Answer)> {
    vec![
        ("GET /service/302/templates", Answer::ok(templates())),
        ("GET /service/302/resources", Answer::ok(contract("resources"))),
        ("GET /service/302/networks", Answer::ok(contract("networks"))),
    ]
}

fn text(root: &HtmlElement, sel: &str) -> String {
    q::<HtmlElement>(root, sel).text_content().unwrap_or_default()
}

fn value(root: &HtmlElement, sel: &str) -> String {
    q::<HtmlInputElement>(root, sel).value()
}

fn submit(root: &HtmlElement) -> HtmlButtonElement {
    q(root, "form.vm-form button[type=submit]")
}

/// Fills a form that passes every check here (size s1 within the quota).
async fn fill_good_form(root: &HtmlElement) {
    set_value(root, "#f-label", "web-03", "input");
    set_value(root, "#f-template", "debian-12", "change");
    click(root, "#f-flavor"); // s1
    set_value(root, "#f-disk", "20", "input");
    set_value(root, "#f-password", "Sunflower7garden", "input");
    settle().await;
}

#[wasm_bindgen_test]
async fn an_over_quota_size_is_explained_and_blocked_before_sending() {
    sign_in();
    let api = FakeApi::install(&create_routes());
    let (root, _h) = mount(new_vm_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=flavors]")).await, "the sizes");
    // the smallest size that fits is chosen to start with; nothing is over
    assert!(q::<HtmlInputElement>(&root, "#f-flavor").checked());
    assert!(q::<HtmlElement>(&root, "[data-testid=quota-reason]").hidden());
    // the 8 vCPU size says on its own line that it does not fit
    assert!(text(&root, "[data-testid=flavors]").contains("Vượt hạn mức: CPU, Bộ nhớ RAM"));

    fill_good_form(&root).await;
    click(&root, "#f-flavor-3"); // s8: 14 of 8 vCPU, 14336 of 8192 MB
    settle().await;
    let reason = q::<HtmlElement>(&root, "[data-testid=quota-reason]");
    assert!(!reason.hidden(), "the reason shows");
    let said = reason.text_content().unwrap_or_default();
    assert!(said.contains("CPU: cần 14 vCPU, hạn mức 8 vCPU (vượt 6 vCPU)."), "{said}");
    assert!(
        said.contains("Bộ nhớ RAM: cần 14.336 MB, hạn mức 8.192 MB (vượt 6.144 MB)."),
        "{said}"
    );
    let button = submit(&root);
    assert!(button.disabled(), "no sending over the quota");
    assert_eq!(button.get_attribute("aria-describedby").as_deref(), Some("quota-reason"));
    // the bars show the planned VM too
    assert!(has(&root, "li.usage-row.usage-over[data-kind=cpu]"));
    // a bigger disk is a limit too
    click(&root, "#f-flavor");
    set_value(&root, "#f-disk", "90", "input");
    settle().await;
    assert!(text(&root, "[data-testid=quota-reason]").contains("Ổ đĩa: cần 210 GB"));
    set_value(&root, "#f-disk", "80", "input");
    settle().await;
    assert!(q::<HtmlElement>(&root, "[data-testid=quota-reason]").hidden());
    assert!(!submit(&root).disabled());
    assert_eq!(api.calls("POST /service/302/vms"), 0);
}

#[wasm_bindgen_test]
async fn a_refusal_shows_at_its_field_and_keeps_everything_typed() {
    sign_in();
    let mut routes = create_routes();
    routes.push(("POST /service/302/vms", Answer::ok(json!({"error": ["invalid_password"]}))));
    let api = FakeApi::install(&routes);
    let (root, _h) = mount(new_vm_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=flavors]")).await, "the form");

    // checked here first, in the page's language: nothing sent
    submit(&root).click();
    settle().await;
    assert_eq!(text(&root, "#f-label-err"), "Hãy đặt tên cho máy chủ.");
    assert_eq!(text(&root, "#f-template-err"), "Hãy chọn hệ điều hành.");
    assert_eq!(api.calls("POST /service/302/vms"), 0);

    fill_good_form(&root).await;
    set_value(&root, "#f-keypair", "kp-1", "change");
    submit(&root).click();
    assert!(
        wait_for(3000, || has(&root, "#f-password-err")
            && text(&root, "#f-password-err").contains("Mật khẩu chưa đạt yêu cầu"))
        .await,
        "the field's refusal"
    );
    assert_eq!(
        api.bodies("POST /service/302/vms"),
        [json!({"label": "web-03", "template": "debian-12", "flavor": "s1", "disk": "20",
                "security_group": "sg-default", "keypair": "kp-1", "password": "Sunflower7garden"})]
    );
    // everything typed is still there
    assert_eq!(value(&root, "#f-label"), "web-03");
    assert_eq!(q::<HtmlSelectElement>(&root, "#f-template").value(), "debian-12");
    assert_eq!(value(&root, "#f-disk"), "20");
    assert_eq!(value(&root, "#f-password"), "Sunflower7garden");
    assert_eq!(q::<HtmlSelectElement>(&root, "#f-keypair").value(), "kp-1");

    // a refusal of no field (the quota, decided by the server) is an alert
    api.set("POST /service/302/vms", Answer::ok(json!({"error": ["quota_exceeded"]})));
    submit(&root).click();
    assert!(
        wait_for(3000, || root
            .text_content()
            .unwrap_or_default()
            .contains("Vượt hạn mức tài nguyên"))
        .await,
        "the alert"
    );
    assert!(!has(&root, "#f-password-err"), "the old field error is gone");
    assert_eq!(value(&root, "#f-label"), "web-03");
}

#[wasm_bindgen_test]
async fn a_lost_answer_says_the_outcome_is_unknown_and_rereads_the_usage() {
    sign_in();
    let mut routes = create_routes();
    routes.push(("POST /service/302/vms", Answer::network_error()));
    let api = FakeApi::install(&routes);
    let (root, _h) = mount(new_vm_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=flavors]")).await, "the form");
    fill_good_form(&root).await;
    submit(&root).click();
    assert!(
        wait_for(3000, || has(&root, "[data-testid=create-unknown]:not([hidden])")).await,
        "the unknown outcome"
    );
    assert!(wait_for(3000, || api.calls("GET /service/302/resources") == 2).await, "re-read");
    assert_eq!(api.calls("POST /service/302/vms"), 1, "never retried by itself");
    assert!(wait_for(3000, || has(&root, "#f-label")).await);
    assert_eq!(value(&root, "#f-label"), "web-03", "kept through the re-read");
    assert_eq!(value(&root, "#f-password"), "Sunflower7garden");
}

#[wasm_bindgen_test]
async fn a_created_vm_opens_its_page() {
    sign_in();
    let mut routes = create_routes();
    routes.push((
        "POST /service/302/vms",
        Answer::ok(json!({"info": ["vm_created"], "vm": {"id": "5003"}})),
    ));
    let _api = FakeApi::install(&routes);
    let (root, _h) = mount(new_vm_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=flavors]")).await, "the form");
    fill_good_form(&root).await;
    submit(&root).click();
    assert!(wait_for(3000, || has(&root, "[data-testid=elsewhere]")).await, "navigated");
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/services/302/vms/5003");
}

#[wasm_bindgen_test]
async fn generate_fills_a_strong_password_from_the_browser_crypto() {
    sign_in();
    let _api = FakeApi::install(&create_routes());
    let (root, _h) = mount(new_vm_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=flavors]")).await, "the form");
    let strength = q::<HtmlElement>(&root, "[data-testid=pw-strength]");
    assert!(strength.hidden(), "no rating for nothing");
    set_value(&root, "#f-password", "abc12345", "input");
    settle().await;
    assert!(strength.text_content().unwrap_or_default().contains("Độ mạnh: Yếu."));
    let generate = root
        .query_selector_all(".pw-tools button")
        .unwrap()
        .get(0)
        .unwrap()
        .dyn_into::<HtmlButtonElement>()
        .unwrap();
    generate.click();
    settle().await;
    let first = value(&root, "#f-password");
    assert_eq!(first.chars().count(), 16);
    assert_eq!(q::<HtmlInputElement>(&root, "#f-password").type_(), "text", "shown once made");
    assert!(strength.text_content().unwrap_or_default().contains("Độ mạnh: Mạnh."));
    generate.click();
    settle().await;
    assert_ne!(value(&root, "#f-password"), first, "a new one each time");
}

#[wasm_bindgen_test]
async fn usage_bars_carry_their_figures_as_text_and_warn_above_85_percent() {
    sign_in();
    let mut usage = contract("resources");
    usage["resources"]["cpu"]["used"] = json!("7"); // 87.5 %
    let _api = FakeApi::install(&[("GET /service/302/resources", Answer::ok(usage))]);
    let (root, _h) = mount(|| view! { <ResourceUsage service="302"/> });
    assert!(wait_for(3000, || has(&root, "li.usage-row")).await, "the bars");
    let cpu = q::<HtmlElement>(&root, "li[data-kind=cpu]");
    assert!(cpu.class_list().contains("usage-warn"));
    assert!(cpu.text_content().unwrap_or_default().contains("7 / 8 vCPU · 88%"));
    assert!(cpu.text_content().unwrap_or_default().contains("Sắp hết"), "said in words");
    let meter: HtmlElement = q(&root, "li[data-kind=cpu] meter");
    assert_eq!(meter.get_attribute("value").as_deref(), Some("7"));
    assert_eq!(meter.get_attribute("aria-labelledby").as_deref(), Some("usage-cpu"));
    let memory = q::<HtmlElement>(&root, "li[data-kind=memory]");
    assert!(!memory.class_list().contains("usage-warn"));
    assert!(memory.text_content().unwrap_or_default().contains("6.144 / 8.192 MB · 75%"));
}

fn rdns_routes(ptrs: Value) -> Vec<(&'static str, Answer)> {
    vec![
        ("GET /service/303/ip", Answer::ok(contract("ips"))),
        ("GET /service/303/rdns", Answer::ok(ptrs)),
    ]
}

fn rdns_submit(root: &HtmlElement) -> HtmlButtonElement {
    q(root, "form.rdns-form button[type=submit]")
}

#[wasm_bindgen_test]
async fn a_bad_ptr_name_is_explained_as_typed_and_never_sent() {
    sign_in();
    let api = FakeApi::install(&rdns_routes(contract("rdns_empty")));
    let (root, _h) = mount(rdns_page);
    assert!(wait_for(3000, || has(&root, "#ptr-0")).await, "the rows");
    assert_eq!(root.query_selector_all("[data-testid=rdns-row]").unwrap().length(), 3);
    assert!(rdns_submit(&root).disabled(), "nothing changed yet");

    set_value(&root, "#ptr-0", "mail_server.bkns-demo.vn", "input");
    settle().await;
    assert_eq!(text(&root, "#ptr-0-err"), "Tên máy chủ không dùng được ký tự “_”.");
    assert_eq!(
        q::<HtmlInputElement>(&root, "#ptr-0").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    set_value(&root, "#ptr-0", "localhost", "input");
    settle().await;
    assert_eq!(text(&root, "#ptr-0-err"), "Cần tên đầy đủ, ví dụ mail.congty.vn.");
    rdns_submit(&root).click();
    settle().await;
    assert!(root.text_content().unwrap_or_default().contains("Hãy sửa các tên chưa hợp lệ"));
    assert_eq!(api.calls("POST /service/303/rdns"), 0);

    set_value(&root, "#ptr-0", "ds1.bkns-demo.vn", "input");
    settle().await;
    assert!(q::<HtmlElement>(&root, "#ptr-0-err").hidden(), "a good name clears it");
}

#[wasm_bindgen_test]
async fn saving_sends_only_the_changes_and_a_refusal_stays_at_its_row() {
    sign_in();
    let api = FakeApi::install(&rdns_routes(json!({"rdns": {"103.28.37.51": "old.bkns-demo.vn"}})));
    api.set("POST /service/303/rdns", Answer::ok(json!({"error": ["invalid_hostname"]})));
    let (root, _h) = mount(rdns_page);
    assert!(wait_for(3000, || has(&root, "#ptr-1")).await, "the rows");
    assert_eq!(value(&root, "#ptr-1"), "old.bkns-demo.vn");

    set_value(&root, "#ptr-0", "Ds1.Bkns-Demo.vn", "input");
    settle().await;
    assert!(text(&root, "[data-testid=rdns-count]").contains("1 thay đổi"));
    rdns_submit(&root).click();
    assert!(wait_for(3000, || !q::<HtmlElement>(&root, "#ptr-0-err").hidden()).await, "refused");
    assert_eq!(text(&root, "#ptr-0-err"), "Máy chủ không chấp nhận tên này.");
    assert_eq!(
        api.bodies("POST /service/303/rdns"),
        [json!({"ipaddress": {"103.28.37.50": "ds1.bkns-demo.vn"}})]
    );
    assert_eq!(value(&root, "#ptr-0"), "Ds1.Bkns-Demo.vn", "kept as typed");

    // accepted: one POST with both changes (an emptied name removes), then read back
    api.set("POST /service/303/rdns", Answer::ok(json!({"info": ["rdns_updated"]})));
    api.set(
        "GET /service/303/rdns",
        Answer::ok(json!({"rdns": {"103.28.37.50": "ds1.bkns-demo.vn"}})),
    );
    set_value(&root, "#ptr-1", "", "input");
    settle().await;
    assert!(text(&root, "[data-testid=rdns-row][data-ip='103.28.37.51']").contains("sẽ bị xoá"));
    rdns_submit(&root).click();
    assert!(wait_for(3000, || api.calls("GET /service/303/rdns") == 2).await, "read back");
    assert_eq!(
        api.bodies("POST /service/303/rdns")[1],
        json!({"ipaddress": {"103.28.37.50": "ds1.bkns-demo.vn", "103.28.37.51": ""}})
    );
    assert!(wait_for(3000, || value(&root, "#ptr-0") == "ds1.bkns-demo.vn").await);
    assert!(wait_for(3000, || rdns_submit(&root).disabled()).await, "nothing left to save");
}

#[wasm_bindgen_test]
async fn a_service_without_addresses_says_so() {
    sign_in();
    let _api = FakeApi::install(&[
        ("GET /service/303/ip", Answer::ok(json!({"ips": []}))),
        ("GET /service/303/rdns", Answer::ok(json!({"rdns": []}))),
    ]);
    let (root, _h) = mount(rdns_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=rdns-empty]")).await, "the notice");
    assert!(text(&root, "[data-testid=rdns-empty]").contains("chưa có địa chỉ IP nào"));
    assert!(!has(&root, "form.rdns-form"));
}
