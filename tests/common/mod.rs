//! Helpers shared by the browser suites (each tests/*.rs is its own crate:
//! `mod common;`).
#![allow(dead_code)]

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement};

pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

/// Mounts a view into a fresh container; the handle unmounts on drop.
pub fn mount<F, V>(f: F) -> (HtmlElement, impl Drop)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host: HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    doc().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), f);
    (host, handle)
}

pub fn q<T: JsCast>(root: &HtmlElement, sel: &str) -> T {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).unchecked_into()
}

pub fn count(root: &HtmlElement, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

pub fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Replaces window.fetch with one that counts calls, keeps each request's
/// abort signal in `window.__signals`, and answers with `answer_js` (a JS
/// expression; by default a promise that never settles).
pub struct FetchTrap {
    original: JsValue,
}

impl FetchTrap {
    pub fn install() -> Self {
        Self::answering("new Promise(function () {})")
    }

    /// e.g. `FetchTrap::answering("Promise.resolve(new Response('x', {status: 500}))")`
    pub fn answering(answer_js: &str) -> Self {
        let w = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&w, &"fetch".into()).unwrap();
        let trap = js_sys::Function::new_with_args(
            "req",
            &format!(
                "window.__fetchCalls = (window.__fetchCalls || 0) + 1; \
                 (window.__signals = window.__signals || []).push(req && req.signal); \
                 (window.__methods = window.__methods || []).push(req && req.method); \
                 return {answer_js};"
            ),
        );
        for (k, v) in [("__fetchCalls", JsValue::from(0)), ("__signals", js_sys::Array::new().into()), ("__methods", js_sys::Array::new().into())] {
            js_sys::Reflect::set(&w, &k.into(), &v).unwrap();
        }
        js_sys::Reflect::set(&w, &"fetch".into(), &trap).unwrap();
        FetchTrap { original }
    }

    pub fn calls(&self) -> u32 {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::get(&w, &"__fetchCalls".into()).unwrap().as_f64().unwrap_or(0.0) as u32
    }

    /// Whether the n-th request's abort signal has fired.
    pub fn aborted(&self, n: u32) -> bool {
        let w = web_sys::window().unwrap();
        let signals: js_sys::Array = js_sys::Reflect::get(&w, &"__signals".into()).unwrap().unchecked_into();
        let signal = signals.get(n);
        js_sys::Reflect::get(&signal, &"aborted".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }
}

impl Drop for FetchTrap {
    fn drop(&mut self) {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::set(&w, &"fetch".into(), &self.original).unwrap();
    }
}

