//! Browser tests of the support thread (headless Chromium) against the fake
//! API, with answers shaped as mock-api's contract gives them
//! (fixtures/api/contract-support.md): the reply form keeps its text when a
//! send fails (refused, or its answer lost), and a server without the
//! thread call still offers the reply. Run with
//! `cargo test --target wasm32-unknown-unknown --test support`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, has, mount, q, set_value, settle, sign_in, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::pages::support::thread::TicketPage;
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const THREAD: &str = "GET /tickets/482913";
const REPLY: &str = "POST /tickets/482913";

fn thread() -> Answer {
    Answer::ok(json!({
        "ticket": {"date": "2026-12-03 08:20:17", "ticket_number": "482913", "name": "An Nguyễn Văn",
            "subject": "Website báo lỗi 500", "body": "Trang chủ báo lỗi 500.\r\nXem https://bkns-demo.vn/.",
            "status": "Open", "client_read": "1", "deptname": "Kỹ thuật", "attachments": []},
        "replies": [
            {"id": "1", "name": "Trần Minh Khoa", "date": "2026-12-03 09:00:00", "type": "Admin",
             "body": "<p>Chào anh,</p><p>Bên em đang kiểm tra.<img src=x onerror=alert(1)></p>", "attachments": []}
        ]
    }))
}

fn page() -> impl IntoView {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/support/482913"),
    );
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/support/:number") view=TicketPage/>
            </Routes>
        </Router>
    }
}

fn reply_text(root: &HtmlElement) -> String {
    q::<HtmlTextAreaElement>(root, "#f-reply").value()
}

async fn type_reply(root: &HtmlElement, text: &str) {
    assert!(wait_for(3000, || has(root, "#f-reply")).await, "the reply form");
    set_value(root, "#f-reply", text, "input");
    click(root, "[data-testid=reply-form] button[type=submit]");
}

#[wasm_bindgen_test]
async fn the_thread_is_text_with_links_and_no_markup() {
    sign_in();
    let _api = FakeApi::install(&[(THREAD, thread())]);
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, ".message-staff")).await);
    assert!(!has(&root, ".message-body img"), "no image from the server's HTML");
    let link: HtmlElement = q(&root, ".message-body a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://bkns-demo.vn/"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(common::count(&root, ".message-client .message-body br"), 1, "the line break kept");
}

#[wasm_bindgen_test]
async fn a_refused_reply_keeps_its_text() {
    sign_in();
    let api = FakeApi::install(&[
        (THREAD, thread()),
        (REPLY, Answer::ok(json!({"error": ["ticket_closed"]}))),
    ]);
    let (root, _h) = mount(page);
    type_reply(&root, "Em đã thử xoá cache nhưng vẫn lỗi.").await;
    assert!(wait_for(2000, || api.calls(REPLY) == 1).await);
    assert!(
        wait_for(2000, || !q::<HtmlElement>(&root, "#f-reply-error").hidden()).await,
        "the refusal is said"
    );
    assert_eq!(reply_text(&root), "Em đã thử xoá cache nhưng vẫn lỗi.");
}

#[wasm_bindgen_test]
async fn a_lost_answer_keeps_the_text_and_says_it_may_have_gone() {
    sign_in();
    let api = FakeApi::install(&[(THREAD, thread()), (REPLY, Answer::network_error())]);
    let (root, _h) = mount(page);
    type_reply(&root, "Cảm ơn bạn.").await;
    assert!(wait_for(2000, || api.calls(REPLY) == 1).await);
    assert!(
        wait_for(2000, || !q::<HtmlElement>(&root, "[data-testid=reply-unknown]").hidden()).await,
        "may have been sent"
    );
    assert_eq!(reply_text(&root), "Cảm ơn bạn.");
    settle().await;
    assert!(api.calls(THREAD) >= 2, "the thread is read again to look for it");
}

#[wasm_bindgen_test]
async fn without_the_thread_call_the_reply_is_still_offered() {
    sign_in();
    let api = FakeApi::install(&[
        (THREAD, Answer::json(404, json!({"error": ["invalid method"]}))),
        (REPLY, Answer::ok(json!({"info": ["reply_added"]}))),
    ]);
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[data-testid=no-thread]")).await);
    type_reply(&root, "Cho em hỏi tiến độ ạ.").await;
    assert!(wait_for(2000, || api.calls(REPLY) == 1).await);
    assert!(wait_for(2000, || reply_text(&root).is_empty()).await, "sent: the form is emptied");
}
