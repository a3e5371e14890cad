//! Browser tests of the main navigation (`portal::app::MainNav`) with the
//! portal's stylesheet in a phone-sized window: the menu button opens and
//! folds the panel, Escape, a click outside and following a link fold it
//! and give focus back to the button, and the current section is marked.
//! Run with `cargo test --target wasm32-unknown-unknown --test nav`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{count, doc, mount_width, q, settle, wait_for, window};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use portal::app::{MainNav, SECTIONS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlStyleElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The portal's base stylesheet, where the phone/desktop switch lives.
fn with_styles() {
    if doc().get_element_by_id("main-css").is_none() {
        let style: HtmlStyleElement = doc().create_element("style").unwrap().unchecked_into();
        style.set_id("main-css");
        style.set_text_content(Some(include_str!("../style/main.css")));
        doc().head().unwrap().append_child(&style).unwrap();
    }
}

/// The navigation on `path`, 360 px wide.
fn nav_at(path: &str) -> (HtmlElement, Unmount) {
    with_styles();
    window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
    // the panel is folded below 900 px: these tests are about the phone
    assert!(
        window().inner_width().unwrap().as_f64().unwrap() < 900.0,
        "the test browser's window is expected to be phone-or-tablet sized"
    );
    // the mount's owner is a child of this one, which is cleaned up after
    // each test: no router or listener of an earlier test outlives it
    let owner = Owner::new();
    let (root, mounted) = owner.with(|| {
        mount_width(360, || {
            view! {
                <Router>
                    <MainNav/>
                    <Routes fallback=|| view! { <p>"page"</p> }>
                        <Route path=path!("/billing") view=|| view! { <p>"billing"</p> }/>
                    </Routes>
                </Router>
            }
        })
    });
    (root, Unmount { owner, mounted: Some(Box::new(mounted)) })
}

/// Unmounts the view, then runs every cleanup of its owner.
struct Unmount {
    owner: Owner,
    mounted: Option<Box<dyn std::any::Any>>,
}

impl Drop for Unmount {
    fn drop(&mut self) {
        self.mounted.take();
        self.owner.cleanup();
    }
}

fn toggle(root: &HtmlElement) -> HtmlElement {
    q(root, "button.nav-toggle")
}

fn expanded(root: &HtmlElement) -> bool {
    toggle(root).get_attribute("aria-expanded").as_deref() == Some("true")
}

fn panel_shown(root: &HtmlElement) -> bool {
    let nav: HtmlElement = q(root, "#main-nav");
    window().get_computed_style(&nav).unwrap().unwrap().get_property_value("display").unwrap()
        != "none"
}

fn focused() -> Option<web_sys::Element> {
    doc().active_element()
}

fn focus_on_toggle(root: &HtmlElement) -> bool {
    focused().is_some_and(|e| e.is_same_node(Some(toggle(root).as_ref())))
}

fn focus_in_panel() -> bool {
    focused().is_some_and(|e| e.closest("#main-nav").ok().flatten().is_some())
}

/// Opens the menu with its button and waits for focus to enter it.
async fn open(root: &HtmlElement) {
    toggle(root).click();
    assert!(wait_for(2000, focus_in_panel).await, "focus moves into the opened panel");
    assert!(expanded(root) && panel_shown(root), "the panel is open");
}

fn press(target: &web_sys::Element, key: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let class = js_sys::Reflect::get(&window(), &"KeyboardEvent".into()).unwrap();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let event =
        js_sys::Reflect::construct(class.unchecked_ref::<js_sys::Function>(), &args).unwrap();
    target.dispatch_event(event.unchecked_ref()).unwrap();
}

#[wasm_bindgen_test]
async fn the_menu_button_opens_and_folds_the_panel() {
    let (root, _h) = nav_at("/dashboard");
    settle().await;
    let button = toggle(&root);
    assert_eq!(button.get_attribute("aria-controls").as_deref(), Some("main-nav"));
    assert_eq!(button.text_content().unwrap_or_default().trim(), "Menu");
    assert!(!expanded(&root) && !panel_shown(&root), "folded at first");

    open(&root).await;
    let first: HtmlElement = q(&root, "#main-nav a");
    assert!(
        focused().is_some_and(|e| e.is_same_node(Some(first.as_ref()))),
        "focus on the first section"
    );

    toggle(&root).click();
    assert!(wait_for(2000, || !panel_shown(&root)).await, "the button folds it again");
    assert!(!expanded(&root));
}

#[wasm_bindgen_test]
async fn escape_folds_the_panel_and_returns_focus_to_the_button() {
    let (root, _h) = nav_at("/dashboard");
    settle().await;
    open(&root).await;
    press(&focused().unwrap(), "Escape");
    assert!(wait_for(2000, || !panel_shown(&root)).await, "Escape folds it");
    assert!(!expanded(&root));
    assert!(focus_on_toggle(&root), "focus back on the menu button");
}

#[wasm_bindgen_test]
async fn a_click_outside_folds_the_panel_and_returns_focus_to_the_button() {
    let (root, _h) = nav_at("/dashboard");
    settle().await;
    open(&root).await;
    // a click inside the panel, off its links, keeps it open
    q::<HtmlElement>(&root, ".nav-group-title").click();
    settle().await;
    assert!(expanded(&root) && panel_shown(&root), "a click inside keeps it open");

    doc().body().unwrap().click();
    assert!(wait_for(2000, || !panel_shown(&root)).await, "a click outside folds it");
    assert!(!expanded(&root));
    assert!(focus_on_toggle(&root), "focus back on the menu button");
}

#[wasm_bindgen_test]
async fn following_a_link_folds_the_panel_and_marks_the_new_section() {
    let (root, _h) = nav_at("/dashboard");
    settle().await;
    open(&root).await;
    q::<HtmlElement>(&root, "#main-nav a[href='/billing']").click();
    assert!(wait_for(2000, || !panel_shown(&root)).await, "following a link folds it");
    assert!(focus_on_toggle(&root), "focus back on the menu button");
    assert!(
        wait_for(2000, || {
            root.query_selector("a[aria-current=page]")
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("href"))
                .as_deref()
                == Some("/billing")
        })
        .await,
        "the link is followed: its section is the current one"
    );
    assert_eq!(window().location().pathname().unwrap(), "/billing");
}

#[wasm_bindgen_test]
async fn tabbing_out_of_the_panel_folds_it() {
    let (root, _h) = nav_at("/dashboard");
    let outside: HtmlElement = doc().create_element("button").unwrap().unchecked_into();
    root.append_child(&outside).unwrap();
    settle().await;
    open(&root).await;
    // back to the button: still open
    toggle(&root).focus().unwrap();
    settle().await;
    assert!(expanded(&root), "focus on its own button keeps it open");
    q::<HtmlElement>(&root, "#main-nav a").focus().unwrap();
    outside.focus().unwrap();
    assert!(wait_for(2000, || !panel_shown(&root)).await, "leaving it folds it");
}

#[wasm_bindgen_test]
async fn the_current_section_is_marked_on_its_pages_below_it() {
    let (root, _h) = nav_at("/domains/301/documents");
    settle().await;
    assert_eq!(count(&root, "a[aria-current=page]"), 1);
    let current: HtmlElement = q(&root, "a[aria-current=page]");
    assert_eq!(current.get_attribute("href").as_deref(), Some("/domains"));
    assert_eq!(current.text_content().unwrap_or_default(), "Tên miền");
    open(&root).await;
    // drawn with more than colour: a bar beside it and bold text
    let style = window().get_computed_style(&current).unwrap().unwrap();
    assert_eq!(style.get_property_value("font-weight").unwrap(), "700");
    assert_eq!(style.get_property_value("border-left-width").unwrap(), "4px");
    // and a thumb-sized target
    assert!(current.get_bounding_client_rect().height() >= 44.0);
}

#[wasm_bindgen_test]
async fn every_section_is_listed_under_its_group() {
    let (root, _h) = nav_at("/dashboard");
    settle().await;
    assert_eq!(count(&root, "#main-nav a"), SECTIONS.len() as u32);
    for section in SECTIONS {
        let link: HtmlElement = q(&root, &format!("#main-nav a[href='{}']", section.href));
        let list = link.closest("ul").unwrap().unwrap();
        let heading = list
            .get_attribute("aria-labelledby")
            .and_then(|id| doc().get_element_by_id(&id))
            .and_then(|h| h.text_content());
        let expected = section.group.title().map(portal::i18n::t);
        assert_eq!(heading, expected, "{} under its group", section.href);
    }
}
