//! Browser tests of the domain section's components (headless Chromium):
//! the signature pad, the sign page's guards, the confirm dialog, file
//! answers through the API client, and documents shown by what their
//! bytes are (never as the server's type). Run with
//! `cargo test --target wasm32-unknown-unknown --test domains`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    click, count, doc, has, mount, mount_width, q, settle, sign_in, wait_for, window, Answer,
    FakeApi,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::api::client::{fetch_binary, ApiRequest};
use portal::api::ApiError;
use portal::pages::domains::documents::DocumentsPage;
use portal::pages::domains::sign::SignDocument;
use portal::ui::dialog::{Confirm, ConfirmDialog, ConfirmState};
use portal::ui::file_drop::FileView;
use portal::ui::signature_pad::geom::{export_size, ink_bounds, PEN};
use portal::ui::signature_pad::{SignaturePad, SignatureState, EXPORT_PAD_PX};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The canvas needs the component styles (size, touch-action) in the test page.
fn install_styles() {
    if doc().get_element_by_id("test-styles").is_some() {
        return;
    }
    let style = doc().create_element("style").unwrap();
    style.set_id("test-styles");
    style.set_text_content(Some(include_str!("../style/components.css")));
    doc().head().unwrap().append_child(&style).unwrap();
}

fn set_dpr(dpr: f64) {
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"value".into(), &dpr.into()).unwrap();
    js_sys::Reflect::set(&desc, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&window(), &"devicePixelRatio".into(), &desc);
}

/// Sends pointer events along a path (CSS px relative to the canvas).
fn draw(canvas: &HtmlCanvasElement, path: &[(f64, f64)], pointer_id: i32) {
    let r = canvas.get_bounding_client_rect();
    let ev = |kind: &str, x: f64, y: f64| {
        let init = web_sys::PointerEventInit::new();
        init.set_pointer_id(pointer_id);
        init.set_is_primary(true);
        init.set_pointer_type("mouse");
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_client_x((r.left() + x).round() as i32);
        init.set_client_y((r.top() + y).round() as i32);
        init.set_button(0);
        init.set_buttons(1);
        let e = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        canvas.dispatch_event(&e).unwrap();
    };
    let (x0, y0) = path[0];
    ev("pointerdown", x0, y0);
    for &(x, y) in &path[1..] {
        ev("pointermove", x, y);
    }
    let (xn, yn) = path[path.len() - 1];
    ev("pointerup", xn, yn);
}

/// Alpha of the canvas pixel at CSS position (x, y).
fn alpha_at(canvas: &HtmlCanvasElement, x: f64, y: f64) -> u8 {
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let k = canvas.width() as f64 / canvas.client_width() as f64;
    let data = ctx.get_image_data((x * k).round(), (y * k).round(), 1.0, 1.0).unwrap().data();
    data[3]
}

fn line(x0: f64, x1: f64, y: f64, steps: usize) -> Vec<(f64, f64)> {
    (0..=steps).map(|i| (x0 + (x1 - x0) * i as f64 / steps as f64, y)).collect()
}

/// Width and height of a PNG data URL (from its IHDR).
fn png_size(data_url: &str) -> (u32, u32) {
    use base64::Engine;
    let b64 = data_url.strip_prefix("data:image/png;base64,").expect("a PNG data URL");
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (w, h)
}

fn pad_view(state: SignatureState) -> impl IntoView {
    view! { <SignaturePad state=state label="sign.pad_label"/> }
}

#[wasm_bindgen_test]
async fn signature_pad_draws_from_pointer_events() {
    install_styles();
    set_dpr(1.0);
    let state = SignatureState::new();
    let (root, _h) = mount_width(400, move || pad_view(state));
    settle().await;
    let canvas: HtmlCanvasElement = q(&root, "canvas.sigpad-canvas");
    let cw = canvas.client_width() as f64;
    assert!(cw > 300.0, "the pad fills its box: {cw}");
    let style = window().get_computed_style(&canvas).unwrap().unwrap();
    assert_eq!(style.get_property_value("touch-action").unwrap(), "none");
    assert!(state.is_empty());
    assert!(
        q::<HtmlButtonElement>(&root, ".sigpad-tools button").disabled(),
        "nothing to undo yet"
    );

    draw(&canvas, &line(40.0, 240.0, 60.0, 20), 1);
    settle().await;
    assert_eq!(state.stroke_count(), 1);
    assert!(!state.is_empty());
    assert!(alpha_at(&canvas, 140.0, 60.0) > 0, "ink under the stroke");
    assert_eq!(alpha_at(&canvas, 140.0, 120.0), 0, "nothing far from it");
    // pad units: 1000 across the canvas
    let first = state.strokes.with_untracked(|s| s[0].points[0]);
    assert!((first.x - 40.0 * 1000.0 / cw).abs() < 3.0, "{first:?}");
    // a pointer that is not drawing is ignored
    let points = state.strokes.with_untracked(|s| s[0].points.len());
    let init = web_sys::PointerEventInit::new();
    init.set_pointer_id(99);
    init.set_client_x(300);
    init.set_client_y(300);
    let stray = web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).unwrap();
    canvas.dispatch_event(&stray).unwrap();
    assert_eq!(state.strokes.with_untracked(|s| s[0].points.len()), points);
    assert_eq!(state.stroke_count(), 1);
}

#[wasm_bindgen_test]
async fn undo_removes_exactly_the_last_stroke() {
    install_styles();
    set_dpr(1.0);
    let state = SignatureState::new();
    let (root, _h) = mount_width(400, move || pad_view(state));
    settle().await;
    let canvas: HtmlCanvasElement = q(&root, "canvas.sigpad-canvas");
    draw(&canvas, &line(30.0, 180.0, 40.0, 15), 1);
    draw(&canvas, &line(30.0, 180.0, 110.0, 10), 2);
    settle().await;
    assert_eq!(state.stroke_count(), 2);
    let first = state.strokes.with_untracked(|s| s[0].clone());
    assert!(alpha_at(&canvas, 100.0, 110.0) > 0);

    q::<HtmlButtonElement>(&root, ".sigpad-tools button").click(); // undo
    settle().await;
    assert_eq!(state.stroke_count(), 1);
    assert_eq!(
        state.strokes.with_untracked(|s| s[0].clone()),
        first,
        "the first stroke is untouched"
    );
    assert_eq!(alpha_at(&canvas, 100.0, 110.0), 0, "the last stroke is gone from the canvas");
    assert!(alpha_at(&canvas, 100.0, 40.0) > 0, "the first is still drawn");

    let buttons = root.query_selector_all(".sigpad-tools button").unwrap();
    buttons.item(1).unwrap().unchecked_into::<HtmlButtonElement>().click(); // clear
    settle().await;
    assert!(state.is_empty());
    assert_eq!(alpha_at(&canvas, 100.0, 40.0), 0);
    assert_eq!(state.export_png(1.0), None, "an empty pad exports nothing");
}

#[wasm_bindgen_test]
async fn export_at_device_pixel_ratio_2_is_trimmed_and_sized() {
    install_styles();
    set_dpr(2.0);
    let state = SignatureState::new();
    let (root, _h) = mount_width(500, move || pad_view(state));
    settle().await;
    let canvas: HtmlCanvasElement = q(&root, "canvas.sigpad-canvas");
    let css_w = canvas.client_width() as u32;
    assert_eq!(canvas.width(), css_w * 2, "backing store in device pixels");
    assert_eq!(canvas.height(), canvas.client_height() as u32 * 2);

    draw(&canvas, &line(100.0, 300.0, 80.0, 25), 1);
    settle().await;
    let png = state.export_png(2.0).expect("a PNG");
    let (w, h) = png_size(&png);
    let strokes = state.strokes.get_untracked();
    let ink = ink_bounds(&strokes).unwrap();
    let scale = css_w as f64 / 1000.0;
    assert_eq!((w, h), export_size(&ink, scale, 2.0, EXPORT_PAD_PX));
    // 200 CSS px of line, plus the pen width and the margins, at 2x
    let pen_px = |w: f64| w * scale;
    let min_w = ((200.0 + pen_px(PEN.min_width) + 2.0 * EXPORT_PAD_PX) * 2.0).floor() as u32;
    let max_w = ((200.0 + pen_px(PEN.max_width) + 2.0 * EXPORT_PAD_PX) * 2.0).ceil() as u32;
    assert!((min_w..=max_w).contains(&w), "{w} not in {min_w}..={max_w}");
    let max_h = ((pen_px(PEN.max_width) + 2.0 * EXPORT_PAD_PX) * 2.0).ceil() as u32 + 2;
    assert!(h <= max_h && h >= (2.0 * EXPORT_PAD_PX * 2.0) as u32, "height {h}");
    // the same drawing at 1x is half the size (give or take rounding)
    let (w1, h1) = png_size(&state.export_png(1.0).unwrap());
    assert!((w as i64 - 2 * w1 as i64).abs() <= 2 && (h as i64 - 2 * h1 as i64).abs() <= 2);
    set_dpr(1.0);
}

#[wasm_bindgen_test]
async fn resizing_keeps_the_drawing() {
    install_styles();
    set_dpr(1.0);
    let state = SignatureState::new();
    let (root, _h) = mount_width(400, move || pad_view(state));
    settle().await;
    let canvas: HtmlCanvasElement = q(&root, "canvas.sigpad-canvas");
    draw(&canvas, &line(50.0, 250.0, 60.0, 20), 1);
    settle().await;
    let before = state.strokes.get_untracked();
    root.set_attribute("style", "width:200px").unwrap();
    assert!(
        wait_for(3000, || canvas.width() == canvas.client_width() as u32).await,
        "resized backing store"
    );
    assert_eq!(state.strokes.get_untracked(), before, "strokes are data, untouched");
    // the same line, drawn at half the size
    let k = canvas.client_width() as f64 / 400.0;
    assert!(alpha_at(&canvas, 150.0 * k, 60.0 * k) > 0, "redrawn after the resize");
}

/// The document as the server sends it: a PDF to show inline.
fn pdf() -> Answer {
    Answer::raw(200, "application/pdf", "%PDF-1.4\n%fake\n%%EOF\n")
        .header("content-disposition", "inline; filename=\"a.vn-ban-khai.pdf\"")
}

/// How many POSTs were sent, to any route.
fn posts(api: &FakeApi) -> usize {
    api.requests().iter().filter(|k| k.starts_with("POST ")).count()
}

#[wasm_bindgen_test]
async fn binary_answers_come_back_as_bytes_and_json_errors_as_errors() {
    let api = FakeApi::install(&[
        ("GET /domain/1/documents/2/View", pdf()),
        ("GET /errorjson", Answer::ok(json!({"error": ["document_token_invalid"]}))),
    ]);
    let file = fetch_binary(ApiRequest::get("/domain/1/documents/2/View").public()).await.unwrap();
    assert!(file.bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(file.content_type, "application/pdf");
    assert_eq!(file.filename.as_deref(), Some("a.vn-ban-khai.pdf"));
    let err = fetch_binary(ApiRequest::get("/errorjson").public()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Server { status: 200, messages: vec!["document_token_invalid".into()] }
    );
    assert_eq!(api.requests(), ["GET /domain/1/documents/2/View", "GET /errorjson"]);
}

#[wasm_bindgen_test]
async fn an_empty_signature_cannot_be_submitted() {
    install_styles();
    set_dpr(1.0);
    let api = FakeApi::install(&[
        ("GET /domain/documents/view/tok-1", pdf()),
        (
            "POST /domain/documents/signed",
            Answer::ok(json!({"success": true, "info": ["document_signed"]})),
        ),
    ]);
    let (root, _h) =
        mount_width(420, || view! { <Router><SignDocument token="tok-1".to_string()/></Router> });
    assert!(wait_for(2000, || count(&root, "form.sign-form") == 1).await, "{}", root.inner_html());
    let submit: HtmlButtonElement = q(&root, "form.sign-form button[type=submit]");
    let consent: HtmlInputElement = q(&root, "input[name=consent]");

    // neither consent nor signature
    submit.click();
    settle().await;
    assert_eq!(posts(&api), 0);
    assert_eq!(count(&root, ".field-error[role=alert]"), 2);

    // consent but an empty pad
    consent.click();
    submit.click();
    settle().await;
    assert_eq!(posts(&api), 0, "an empty pad is never sent");
    assert_eq!(count(&root, "[data-testid=pad-error]"), 1);

    // signed: one POST with the token and a PNG data URL
    let canvas: HtmlCanvasElement = q(&root, "canvas.sigpad-canvas");
    draw(&canvas, &line(40.0, 200.0, 50.0, 15), 1);
    settle().await;
    assert_eq!(count(&root, "[data-testid=pad-error]"), 0, "drawing clears the error");
    submit.click();
    assert!(wait_for(3000, || count(&root, "[data-testid=signed]") == 1).await, "signed");
    assert_eq!(posts(&api), 1);
    let body = &api.bodies("POST /domain/documents/signed")[0];
    assert!(body["image"].as_str().unwrap().starts_with("data:image/png;base64,"));
    assert_eq!(body["token"], "tok-1");
    assert_eq!(body.as_object().unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn confirm_dialog_is_modal_and_gives_focus_back() {
    let confirm = ConfirmState::new();
    let confirmed = RwSignal::new(0);
    let (root, _h) = mount_width(400, move || {
        view! {
            <button id="opener" type="button" on:click=move |_| confirm.ask(Confirm::new("domains.ns_confirm_title", "body".into(), "domains.ns_save", move || confirmed.update(|n| *n += 1)))>
                "open"
            </button>
            <ConfirmDialog state=confirm/>
        }
    });
    settle().await;
    let opener: HtmlButtonElement = q(&root, "#opener");
    opener.focus().unwrap();
    opener.click();
    settle().await;
    let dialog: web_sys::HtmlDialogElement = q(&root, "dialog");
    assert!(dialog.open());
    assert!(dialog.matches(":modal").unwrap(), "opened with showModal()");
    let active = doc().active_element().unwrap();
    assert!(dialog.contains(Some(&active)), "focus moved into the dialog");
    assert_eq!(
        active.text_content().unwrap_or_default().trim(),
        "Huỷ",
        "the safe button has focus"
    );

    // cancel: nothing happens, focus returns to the opener
    active.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert!(!dialog.open());
    assert_eq!(confirmed.get_untracked(), 0);
    assert_eq!(doc().active_element().map(|e| e.id()), Some("opener".into()));

    // confirm runs the action once
    opener.click();
    settle().await;
    let buttons = dialog.query_selector_all("button").unwrap();
    buttons.item(1).unwrap().unchecked_into::<HtmlElement>().click();
    settle().await;
    assert!(!dialog.open());
    assert_eq!(confirmed.get_untracked(), 1);
}

/// A document the server claims is a web page, with a script in it.
fn html_with_script() -> Answer {
    Answer::raw(
        200,
        "text/html; charset=utf-8",
        "<!DOCTYPE html><h1>Bản khai</h1><script>window.__pwned = 1</script>",
    )
}

/// Nothing of the answer reached the page: no frame, object, embed or
/// image, and its script never ran.
fn nothing_rendered(root: &HtmlElement) -> bool {
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    ["iframe", "object", "embed", "img"].iter().all(|t| !has(root, t)) && pwned.is_undefined()
}

/// The type of the blob a `blob:` URL names.
async fn blob_type(url: &str) -> String {
    let response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url)).await.unwrap();
    let response: web_sys::Response = response.unchecked_into();
    let blob = wasm_bindgen_futures::JsFuture::from(response.blob().unwrap()).await.unwrap();
    blob.unchecked_into::<web_sys::Blob>().type_()
}

#[wasm_bindgen_test]
async fn a_document_to_sign_that_is_html_is_only_offered_as_a_download() {
    let _api = FakeApi::install(&[("GET /domain/documents/view/tok-html", html_with_script())]);
    let (root, _h) =
        mount(|| view! { <Router><SignDocument token="tok-html".to_string()/></Router> });
    assert!(wait_for(3000, || has(&root, "form.sign-form")).await, "{}", root.inner_html());
    assert!(has(&root, "[data-testid=file-not-shown]"), "said, not shown");
    assert!(!has(&root, "[data-testid=file-open]"));
    assert!(has(&root, ".sign-doc button"), "the download stays offered");
    settle().await;
    assert!(nothing_rendered(&root), "{}", root.inner_html());
}

#[wasm_bindgen_test]
async fn a_pdf_or_an_image_is_shown_with_the_type_its_bytes_have() {
    // a PDF the server calls HTML: opened in the browser's PDF viewer
    let api = FakeApi::install(&[(
        "GET /domain/documents/view/tok-pdf",
        Answer::raw(200, "text/html", "%PDF-1.4\n%fake\n%%EOF\n"),
    )]);
    let (root, _h) =
        mount(|| view! { <Router><SignDocument token="tok-pdf".to_string()/></Router> });
    assert!(
        wait_for(3000, || has(&root, "[data-testid=file-open]")).await,
        "{}",
        root.inner_html()
    );
    let link: web_sys::HtmlAnchorElement = q(&root, "[data-testid=file-open]");
    assert!(link.href().starts_with("blob:"));
    assert_eq!(link.target(), "_blank");
    assert!(link.rel().contains("noopener"));
    drop(api); // the real fetch reads the blob
    assert_eq!(blob_type(&link.href()).await, "application/pdf");
    assert!(!has(&root, "iframe"), "a PDF is never framed");

    // a PNG (whatever it was sent as) is an image of type image/png
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
    let (img_root, _h2) = mount(move || {
        view! { <FileView bytes=png title="Ảnh CCCD".into() open="sign.open" not_shown="sign.not_shown"/> }
    });
    let img: web_sys::HtmlImageElement = q(&img_root, "img[data-testid=file-image]");
    assert_eq!(img.alt(), "Ảnh CCCD");
    assert_eq!(blob_type(&img.src()).await, "image/png");
}

fn documents_page() -> impl IntoView {
    let _ = web_sys::window().unwrap().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/domains/301/documents"),
    );
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/domains/:id/documents") view=DocumentsPage/>
            </Routes>
        </Router>
    }
}

#[wasm_bindgen_test]
async fn a_registration_document_answered_as_html_is_never_put_in_the_page() {
    sign_in();
    let api = FakeApi::install(&[
        ("GET /domain/301", Answer::ok(json!({"details": {"id": "301", "name": "a.vn"}}))),
        (
            "GET /domain/301/documents",
            Answer::ok(json!({"documents": [
                {"id": "9001", "name": "Bản khai", "status": "pending"}]})),
        ),
        ("GET /domain/301/documents/9001/View", html_with_script()),
    ]);
    let (root, _h) = mount(documents_page);
    assert!(wait_for(3000, || count(&root, "[data-testid=document]") == 1).await, "the list");
    click(&root, "[data-testid=document] .doc-actions button");
    assert!(
        wait_for(3000, || has(&root, ".viewer [data-testid=file-not-shown]")).await,
        "{}",
        root.inner_html()
    );
    assert_eq!(api.calls("GET /domain/301/documents/9001/View"), 1);
    assert!(has(&root, ".viewer-body button"), "offered as a download");
    settle().await;
    assert!(nothing_rendered(&root), "{}", root.inner_html());
    portal::api::client::set_access_token(None);
}
