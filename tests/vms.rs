//! Browser tests of the VM console (headless Chromium): a power command
//! shows as pending at once, the page polls the VM until its state changes
//! and never after it unmounts, a VM that disappears stops the polling, a
//! refusal is translated, and the poller gives up at its limit. Run with
//! `cargo test --target wasm32-unknown-unknown --test vms`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{count, has, mount, q, settle, sign_in, wait_for, Answer, FakeApi};
use futures::FutureExt;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::services::vms::poll::{Poller, Step, Timing};
use portal::pages::services::vms::{VmListPage, VmPage};
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const DETAILS: &str = "GET /service/302/vms/5001";

fn vm(status: &str) -> Answer {
    Answer::ok(json!({"vm": {
        "id": "5001", "label": "web-01", "hostname": "web-01", "status": status,
        "template": "Ubuntu 22.04", "template_id": "ubuntu-22.04", "flavor": "s2",
        "cpu": "2", "memory": "2048", "disk": "40", "ipv4": ["103.28.36.11"],
        "ipv6": ["2401:5f80:2000::11"], "created": "2025-11-03", "rescue": "0"
    }}))
}

fn info(word: &str) -> Answer {
    Answer::ok(json!({"info": [word]}))
}

/// The VM page at `/services/302/vms/5001`, polling every `poll_ms`.
fn vm_page(poll_ms: u32) -> impl IntoView {
    at("/services/302/vms/5001");
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/services/:id/vms/:vmid") view=move || view! { <VmPage poll_ms=poll_ms/> }/>
            </Routes>
        </Router>
    }
}

fn at(path: &str) {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(path),
    );
}

fn text(root: &HtmlElement, sel: &str) -> String {
    q::<HtmlElement>(root, sel).text_content().unwrap_or_default()
}

fn button(root: &HtmlElement, action: &str) -> HtmlButtonElement {
    q(root, &format!("button[data-action={action}]"))
}

/// Clicks the confirm dialog's confirming button.
async fn confirm(root: &HtmlElement) {
    settle().await;
    q::<HtmlButtonElement>(root, "dialog.confirm-dialog .btn-danger").click();
}

/// Opens the page, waits for the VM, and sends a reboot (confirmed).
async fn reboot(root: &HtmlElement) {
    assert!(wait_for(3000, || has(root, "button[data-action=reboot]")).await, "the power card");
    assert!(!button(root, "reboot").disabled(), "reboot is offered while running");
    button(root, "reboot").click();
    confirm(root).await;
}

#[wasm_bindgen_test]
async fn a_power_button_shows_its_command_pending_at_once() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("stopped")),
        ("POST /service/302/vms/5001/start", Answer::never()),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    assert!(wait_for(3000, || has(&root, "button[data-action=start]")).await, "the power card");
    let start = button(&root, "start");
    assert!(!start.disabled(), "start is offered while stopped");
    assert!(button(&root, "reboot").disabled(), "reboot is not, with its reason");
    assert!(text(&root, "#why-reboot").contains("Máy đang tắt"));
    start.click();
    settle().await;
    assert_eq!(start.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(start.text_content().unwrap_or_default().contains("Đang bật"), "pending text");
    assert!(start.disabled(), "never sent twice");
    assert!(button(&root, "shutdown").disabled(), "other commands wait too");
    assert_eq!(api.calls("POST /service/302/vms/5001/start"), 1);
}

#[wasm_bindgen_test]
async fn polling_stops_when_the_vm_is_unmounted() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        ("POST /service/302/vms/5001/reboot", info("vm_reboot_sent")),
    ]);
    let (root, handle) = mount(|| vm_page(100));
    reboot(&root).await;
    api.set(DETAILS, vm("rebooting"));
    assert!(wait_for(3000, || api.calls(DETAILS) >= 4).await, "the page polls the VM");
    assert_eq!(button(&root, "reboot").get_attribute("aria-busy").as_deref(), Some("true"));
    drop(handle);
    settle().await;
    let after_unmount = api.calls(DETAILS);
    assert!(
        !wait_for(800, || api.calls(DETAILS) > after_unmount).await,
        "no request after unmount"
    );
}

#[wasm_bindgen_test]
async fn polling_stops_when_the_state_changes_and_the_page_says_so() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        ("POST /service/302/vms/5001/reboot", info("vm_reboot_sent")),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    reboot(&root).await;
    api.set(DETAILS, vm("rebooting"));
    assert!(
        wait_for(3000, || text(&root, "[data-testid=vm-note]")
            .contains("Đang khởi động lại web-01"))
        .await
    );
    assert!(wait_for(3000, || api.calls(DETAILS) >= 3).await, "polling");
    assert!(text(&root, ".vm-status").contains("Đang khởi động lại"), "the pill follows");
    api.set(DETAILS, vm("running"));
    assert!(
        wait_for(3000, || text(&root, "[data-testid=vm-note]").contains("web-01 đã chạy trở lại"))
            .await,
        "the page says the VM is back"
    );
    let settled = api.calls(DETAILS);
    assert!(!wait_for(600, || api.calls(DETAILS) > settled).await, "no more polling");
    let reboot = button(&root, "reboot");
    assert_eq!(reboot.get_attribute("aria-busy").as_deref(), Some("false"));
    assert!(!reboot.disabled(), "commands are offered again");
}

/// Makes the page report `state` ("visible", "hidden") as its visibility.
fn set_visibility(state: &str) {
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"__vis".into(), &state.into()).unwrap();
    js_sys::Function::new_no_args(
        "Object.defineProperty(document, 'visibilityState', {configurable: true, get: function () { return window.__vis; }});
         document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

#[wasm_bindgen_test]
async fn polling_pauses_while_the_page_is_hidden() {
    sign_in();
    set_visibility("visible");
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        ("POST /service/302/vms/5001/reboot", info("vm_reboot_sent")),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    reboot(&root).await;
    api.set(DETAILS, vm("rebooting"));
    assert!(wait_for(3000, || api.calls(DETAILS) >= 3).await, "polling while visible");
    set_visibility("hidden");
    settle().await;
    settle().await;
    let hidden_at = api.calls(DETAILS);
    assert!(!wait_for(600, || api.calls(DETAILS) > hidden_at).await, "nothing while hidden");
    api.set(DETAILS, vm("running"));
    set_visibility("visible");
    assert!(
        wait_for(3000, || text(&root, "[data-testid=vm-note]").contains("đã chạy trở lại")).await,
        "goes on once shown again"
    );
}

#[wasm_bindgen_test]
async fn a_vm_that_disappears_stops_the_polling_and_links_back() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        ("POST /service/302/vms/5001/reboot", info("vm_reboot_sent")),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    reboot(&root).await;
    api.set(DETAILS, Answer::ok(json!({"error": ["vm_not_found"]})));
    let gone: HtmlElement = q(&root, "[data-testid=vm-gone]");
    assert!(wait_for(3000, || !gone.hidden()).await, "the page says the VM is gone");
    assert!(gone.text_content().unwrap_or_default().contains("không còn tồn tại"));
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=vm-gone] a").get_attribute("href").as_deref(),
        Some("/services/302/vms")
    );
    let calls = api.calls(DETAILS);
    assert!(!wait_for(500, || api.calls(DETAILS) > calls).await, "polling stopped");
    assert!(button(&root, "start").disabled() && button(&root, "reboot").disabled());
}

#[wasm_bindgen_test]
async fn a_refusal_is_translated_and_nothing_is_watched() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        ("POST /service/302/vms/5001/reboot", Answer::ok(json!({"error": ["vm_busy"]}))),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    reboot(&root).await;
    assert!(wait_for(3000, || has(&root, "[data-testid=power-error]")).await, "the refusal");
    assert!(text(&root, "[data-testid=power-error]").contains("đang thực hiện một lệnh khác"));
    assert!(wait_for(1000, || api.calls(DETAILS) >= 2).await, "the state is read again once");
    let calls = api.calls(DETAILS);
    assert!(!wait_for(500, || api.calls(DETAILS) > calls).await, "no polling after a refusal");
}

#[wasm_bindgen_test]
async fn rebuild_waits_for_the_exact_name() {
    sign_in();
    let api = FakeApi::install(&[
        (DETAILS, vm("running")),
        (
            "GET /service/302/templates",
            Answer::ok(
                json!({"templates": [{"id": "debian-12", "name": "Debian 12", "os": "linux"}]}),
            ),
        ),
        ("POST /service/302/vms/5001/rebuild", info("vm_rebuild_sent")),
    ]);
    let (root, _h) = mount(|| vm_page(100));
    assert!(wait_for(3000, || has(&root, "#f-rebuild-template option[value=debian-12]")).await);
    common::set_value(&root, "#f-rebuild-template", "debian-12", "change");
    let submit: HtmlButtonElement = q(&root, "[data-testid=rebuild-form] button[type=submit]");
    common::set_value(&root, "#f-rebuild-confirm", "web-0", "input");
    settle().await;
    assert!(submit.disabled(), "not the name yet");
    common::set_value(&root, "#f-rebuild-confirm", "Web-01", "input");
    settle().await;
    assert!(submit.disabled(), "the exact name only");
    common::set_value(&root, "#f-rebuild-confirm", "web-01", "input");
    settle().await;
    assert!(!submit.disabled());
    api.set(DETAILS, vm("rebuilding"));
    submit.click();
    assert!(
        wait_for(2000, || api.calls("POST /service/302/vms/5001/rebuild") == 1).await,
        "sent once: {:?}",
        api.requests()
    );
    assert_eq!(
        api.bodies("POST /service/302/vms/5001/rebuild")[0],
        json!({"template": "debian-12"})
    );
    assert!(
        wait_for(3000, || text(&root, "[data-testid=vm-note]").contains("Đang cài lại web-01"))
            .await,
        "{:?} {:?}",
        text(&root, "[data-testid=vm-note]"),
        api.requests()
    );
    let polled = api.calls(DETAILS);
    assert!(wait_for(3000, || api.calls(DETAILS) >= polled + 2).await, "polling");
    assert!(text(&root, ".vm-status").contains("Đang cài lại"));
    api.set(DETAILS, vm("running"));
    assert!(
        wait_for(3000, || text(&root, "[data-testid=vm-note]").contains("đã được cài lại")).await,
        "{:?} {:?}",
        text(&root, "[data-testid=vm-note]"),
        text(&root, ".vm-status")
    );
}

fn list_page() -> impl IntoView {
    at("/services/302/vms");
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/services/:id/vms") view=VmListPage/>
            </Routes>
        </Router>
    }
}

#[wasm_bindgen_test]
async fn the_list_links_each_vm_and_says_when_a_service_has_none() {
    sign_in();
    let list = json!({"vms": [
        {"id": "5001", "label": "web-01", "status": "running", "template": "Ubuntu 22.04", "ipv4": "103.28.36.11"},
        {"id": "5002", "label": "db-01", "status": "stopped", "template": "Debian 12", "ipv4": "103.28.36.12"}
    ]});
    let api = FakeApi::install(&[
        ("GET /service/302/vms", Answer::ok(list)),
        ("GET /service/302", Answer::ok(json!({"service": {"id": "302", "name": "Cloud VPS"}}))),
        (
            "GET /service/302/resources",
            Answer::ok(json!({"resources": {
                "cpu": {"used": "3", "limit": "8", "unit": "vCPU"}
            }})),
        ),
    ]);
    let (root, h) = mount(list_page);
    assert!(wait_for(3000, || count(&root, "[data-testid=vm-list] tbody tr") == 2).await);
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=vm-list] a").get_attribute("href").as_deref(),
        Some("/services/302/vms/5001")
    );
    assert!(text(&root, "[data-testid=vm-list]").contains("Đang chạy"));
    assert!(
        wait_for(3000, || has(&root, "[data-testid=resource-usage] meter")).await,
        "the service's usage under its VMs"
    );
    assert!(wait_for(2000, || text(&root, "[data-testid=vm-service-name]") == "Cloud VPS").await);
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=create-vm]").get_attribute("href").as_deref(),
        Some("/services/302/vms/new")
    );
    drop(h);

    api.set("GET /service/302/vms", Answer::ok(json!({"vms": []})));
    let (root, h) = mount(list_page);
    assert!(wait_for(3000, || has(&root, "[data-testid=vms-empty]")).await, "no VMs: said so");
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=vms-empty] a").get_attribute("href").as_deref(),
        Some("/services/302/vms/new")
    );
    drop(h);

    api.set("GET /service/302/vms", Answer::ok(json!({"error": ["vms_not_supported"]})));
    let (root, _h) = mount(list_page);
    assert!(
        wait_for(3000, || has(&root, "[data-testid=vms-unsupported]")).await,
        "not a blank panel"
    );
    assert!(!has(&root, "[role=alert]"), "nor an error");
    assert!(!has(&root, "[data-testid=resource-usage]"), "no usage without VMs");
    assert_eq!(
        q::<HtmlElement>(&root, "[data-testid=vms-unsupported] a").get_attribute("href").as_deref(),
        Some("/services/302")
    );
}

#[wasm_bindgen_test]
async fn the_poller_gives_up_at_its_limit_and_stops_when_told() {
    let checks = RwSignal::new(0u32);
    let timed_out = RwSignal::new(false);
    let (_root, _h) = mount(move || {
        let poller = Poller::new();
        poller.start(
            Timing::every(30, 150),
            move || {
                checks.update(|n| *n += 1);
                async { Step::Again }.boxed_local()
            },
            move || timed_out.set(true),
        );
        view! { <p>"polling"</p> }
    });
    assert!(wait_for(2000, || timed_out.get_untracked()).await, "the limit is reached");
    let n = checks.get_untracked();
    assert_eq!(n, 5, "150 ms of 30 ms periods");
    assert!(!wait_for(200, || checks.get_untracked() > n).await, "and nothing after");

    let stopped = RwSignal::new(0u32);
    let (_root, _h) = mount(move || {
        let poller = Poller::new();
        poller.start(
            Timing::every(30, 10_000),
            move || {
                stopped.update(|n| *n += 1);
                async move {
                    if stopped.get_untracked() >= 3 {
                        Step::Done
                    } else {
                        Step::Again
                    }
                }
                .boxed_local()
            },
            || {},
        );
        view! { <p>"polling"</p> }
    });
    assert!(wait_for(2000, || stopped.get_untracked() == 3).await);
    assert!(!wait_for(200, || stopped.get_untracked() > 3).await, "done means done");
}
