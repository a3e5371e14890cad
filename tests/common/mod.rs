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
        for (k, v) in [
            ("__fetchCalls", JsValue::from(0)),
            ("__signals", js_sys::Array::new().into()),
            ("__methods", js_sys::Array::new().into()),
        ] {
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
        let signals: js_sys::Array =
            js_sys::Reflect::get(&w, &"__signals".into()).unwrap().unchecked_into();
        let signal = signals.get(n);
        js_sys::Reflect::get(&signal, &"aborted".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
}

impl Drop for FetchTrap {
    fn drop(&mut self) {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::set(&w, &"fetch".into(), &self.original).unwrap();
    }
}

// ---- routed fake API and DOM helpers (cart, billing suites)

pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

pub fn has(root: &HtmlElement, sel: &str) -> bool {
    root.query_selector(sel).unwrap().is_some()
}

pub fn fire(el: &web_sys::EventTarget, kind: &str) {
    el.dispatch_event(&web_sys::Event::new(kind).unwrap()).unwrap();
}

/// Sets an input's (or select's, or textarea's) value and fires `event`.
pub fn set_value(root: &HtmlElement, sel: &str, value: &str, event: &str) {
    let el: web_sys::Element = q(root, sel);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    fire(&el, event);
}

/// Clicks the element matching `sel`.
pub fn click(root: &HtmlElement, sel: &str) {
    q::<HtmlElement>(root, sel).click();
}

/// Waits (up to 3 s) until `cond` holds.
pub async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..150 {
        if cond() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

/// Replaces `window.fetch` with canned answers by `"METHOD /path"` (path
/// below `/api`, without the query). Unknown routes answer 404
/// `{"error":["invalid method"]}`; a route with status 0 never answers.
/// Every call and its body are recorded.
pub struct FakeApi {
    original: JsValue,
}

const FAKE: &str = r#"
window.__fake = { routes: JSON.parse(routes), calls: {}, bodies: {} };
window.fetch = async function (input, init) {
  const req = input instanceof Request ? input : new Request(input, init);
  const url = new URL(req.url, location.href);
  const key = req.method + ' ' + url.pathname.replace(/^\/api/, '');
  const f = window.__fake;
  f.calls[key] = (f.calls[key] || 0) + 1;
  (f.bodies[key] = f.bodies[key] || []).push(await req.clone().text());
  const r = f.routes[key];
  if (!r) return new Response('{"error":["invalid method"]}', { status: 404, headers: { 'Content-Type': 'application/json' } });
  if (r[0] === 0) return new Promise(function () {});
  return new Response(r[1], { status: r[0], headers: { 'Content-Type': 'application/json' } });
};
"#;

impl FakeApi {
    pub fn install(routes: &[(&str, u16, serde_json::Value)]) -> Self {
        let w = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&w, &"fetch".into()).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = routes
            .iter()
            .map(|(k, status, body)| (k.to_string(), serde_json::json!([status, body.to_string()])))
            .collect();
        let f = js_sys::Function::new_with_args("routes", FAKE);
        f.call1(&JsValue::NULL, &serde_json::Value::Object(map).to_string().into()).unwrap();
        portal::api::client::set_access_token(Some("test-token".into()));
        FakeApi { original }
    }

    fn fake() -> JsValue {
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__fake".into()).unwrap()
    }

    pub fn calls(&self, key: &str) -> u32 {
        let calls = js_sys::Reflect::get(&Self::fake(), &"calls".into()).unwrap();
        js_sys::Reflect::get(&calls, &key.into()).unwrap().as_f64().unwrap_or(0.0) as u32
    }

    /// The JSON bodies sent to `key`, oldest first.
    pub fn bodies(&self, key: &str) -> Vec<serde_json::Value> {
        let all = js_sys::Reflect::get(&Self::fake(), &"bodies".into()).unwrap();
        let list = js_sys::Reflect::get(&all, &key.into()).unwrap();
        if list.is_undefined() {
            return Vec::new();
        }
        js_sys::Array::from(&list)
            .iter()
            .map(|b| {
                serde_json::from_str(&b.as_string().unwrap_or_default())
                    .unwrap_or(serde_json::Value::Null)
            })
            .collect()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        let w = web_sys::window().unwrap();
        js_sys::Reflect::set(&w, &"fetch".into(), &self.original).unwrap();
    }
}

/// `GET /balance` of a VND account.
pub fn balance(credit: &str) -> (&'static str, u16, serde_json::Value) {
    (
        "GET /balance",
        200,
        serde_json::json!({"success": true, "details": {"currency": "VND", "acc_balance": "0.00", "acc_credit": credit}}),
    )
}
