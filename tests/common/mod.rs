//! Helpers shared by the browser suites (each tests/*.rs is its own crate:
//! `mod common;`): mounting and DOM access, waiting, and the one fake API
//! ([`FakeApi`]) that stands in for `window.fetch`.
#![allow(dead_code)]

use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement};

pub fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

pub fn doc() -> web_sys::Document {
    window().document().unwrap()
}

// ---- waiting

/// Lets pending tasks, timers of a few ms and re-renders run; for checks
/// that something did *not* happen, and for views that only need a tick.
pub async fn settle() {
    gloo_timers::future::TimeoutFuture::new(50).await;
}

/// Polls `cond` (every 20 ms, up to `ms`) until it holds; says whether it
/// did. `assert!(wait_for(3000, ..).await, "..")` waits for something to
/// happen; `assert!(!wait_for(600, ..).await, "..")` checks that it does not
/// happen for that long.
pub async fn wait_for(ms: u32, mut cond: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    loop {
        if cond() {
            return true;
        }
        if js_sys::Date::now() - start >= ms as f64 {
            return false;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

// ---- mounting and the DOM

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

/// [`mount`] into a container `width_px` CSS pixels wide.
pub fn mount_width<F, V>(width_px: u32, f: F) -> (HtmlElement, impl Drop)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host: HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", &format!("width:{width_px}px")).unwrap();
    doc().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), f);
    (host, handle)
}

pub fn q<T: JsCast>(root: &HtmlElement, sel: &str) -> T {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).unchecked_into()
}

pub fn has(root: &HtmlElement, sel: &str) -> bool {
    root.query_selector(sel).unwrap().is_some()
}

pub fn count(root: &HtmlElement, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

pub fn fire(el: &web_sys::EventTarget, kind: &str) {
    el.dispatch_event(&web_sys::Event::new(kind).unwrap()).unwrap();
}

pub fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    fire(input, "input");
}

/// Sets an input's (or select's, or textarea's) value and fires `event`.
pub fn set_value(root: &HtmlElement, sel: &str, value: &str, event: &str) {
    let el: web_sys::Element = q(root, sel);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    fire(&el, event);
}

/// Clicks the element matching `sel`.
/// The texts of the options of the select named `name`.
pub fn options(root: &HtmlElement, name: &str) -> Vec<String> {
    let list = root.query_selector_all(&format!("select[name={name}] option")).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// Picks `value` in the select named `name`, as a user would.
pub fn choose(root: &HtmlElement, name: &str, value: &str) {
    let s: HtmlElement = q(root, &format!("select[name={name}]"));
    js_sys::Reflect::set(&s, &"value".into(), &value.into()).unwrap();
    fire(&s, "change");
}

pub fn click(root: &HtmlElement, sel: &str) {
    q::<HtmlElement>(root, sel).click();
}

// ---- the fake API

/// The API client's token for the suites that talk to a signed-in API.
pub fn sign_in() {
    portal::api::client::set_access_token(Some("test-token".into()));
}

/// What [`FakeApi`] answers on one route.
#[derive(Clone)]
pub struct Answer {
    status: u16,
    body: String,
    headers: Vec<(String, String)>,
    delay_ms: u32,
    never: bool,
    fail: bool,
    bearer: Option<String>,
}

impl Answer {
    /// `body` as JSON with `status`.
    pub fn json(status: u16, body: Value) -> Self {
        Self::raw(status, "application/json", &body.to_string())
    }

    /// `body` as JSON with HTTP 200.
    pub fn ok(body: Value) -> Self {
        Self::json(200, body)
    }

    /// Any body with its content type (an HTML error page, a PDF).
    pub fn raw(status: u16, content_type: &str, body: &str) -> Self {
        Answer {
            status,
            body: body.to_owned(),
            headers: vec![("Content-Type".into(), content_type.into())],
            delay_ms: 0,
            never: false,
            fail: false,
            bearer: None,
        }
    }

    /// A request that never settles (a slow network).
    pub fn never() -> Self {
        Answer { never: true, ..Self::raw(200, "text/plain", "") }
    }

    /// A network failure: `fetch` rejects with a `TypeError`.
    pub fn network_error() -> Self {
        Answer { fail: true, ..Self::raw(200, "text/plain", "") }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The answer comes `ms` later.
    pub fn after(mut self, ms: u32) -> Self {
        self.delay_ms = ms;
        self
    }

    /// The route answers so only requests carrying `Bearer {token}`; the
    /// others go on to the next matching route.
    pub fn if_bearer(mut self, token: &str) -> Self {
        self.bearer = Some(token.into());
        self
    }

    fn to_js(&self, key: &str) -> JsValue {
        let headers: serde_json::Map<String, Value> =
            self.headers.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect();
        let spec = json!({
            "key": key, "status": self.status, "body": self.body, "headers": headers,
            "delay": self.delay_ms, "never": self.never, "fail": self.fail, "bearer": self.bearer,
        });
        js_sys::JSON::parse(&spec.to_string()).unwrap()
    }
}

/// Replaces `window.fetch` with canned answers by route, restored on drop.
/// A route is `"METHOD /path"` (the path below `/api`, decoded, without the
/// query) or `"*"` for any request; the first matching route answers, and
/// unknown routes get HostBill's 404 `{"error":["invalid method"]}`. Every
/// request is logged: its route, JSON body and abort signal.
pub struct FakeApi {
    original: JsValue,
}

const FAKE: &str = r#"
var fake = { routes: routes, log: [] };
fake.set = function (r) {
  this.routes = this.routes.filter(function (x) { return x.key !== r.key; });
  this.routes.unshift(r);
};
window.__fake = fake;
window.fetch = function (input, init) {
  var req = input instanceof Request ? input : new Request(input, init);
  var url = new URL(req.url, location.href);
  var key = req.method + ' ' + decodeURIComponent(url.pathname).replace(/^\/api(?=\/|$)/, '');
  var entry = { key: key, body: null, read: false, signal: (init && init.signal) || req.signal };
  fake.log.push(entry);
  var auth = req.headers.get('Authorization');
  var r = fake.routes.find(function (r) {
    return (r.key === key || r.key === '*') && (r.bearer == null || auth === 'Bearer ' + r.bearer);
  }) || { status: 404, body: '{"error":["invalid method"]}', headers: { 'Content-Type': 'application/json' } };
  return req.clone().text().then(function (body) {
    entry.body = body;
    entry.read = true;
    if (r.never) return new Promise(function () {});
    if (r.fail) throw new TypeError('Failed to fetch');
    var answer = function () { return new Response(r.body, { status: r.status, headers: r.headers }); };
    if (!r.delay) return answer();
    return new Promise(function (ok) { setTimeout(function () { ok(answer()); }, r.delay); });
  });
};
"#;

impl FakeApi {
    pub fn install(routes: &[(&str, Answer)]) -> Self {
        let original = js_sys::Reflect::get(&window(), &"fetch".into()).unwrap();
        let list: js_sys::Array = routes.iter().map(|(key, a)| a.to_js(key)).collect();
        js_sys::Function::new_with_args("routes", FAKE).call1(&JsValue::NULL, &list).unwrap();
        FakeApi { original }
    }

    /// Changes (or adds) the answer on `key`.
    pub fn set(&self, key: &str, answer: Answer) {
        let set: js_sys::Function =
            js_sys::Reflect::get(&Self::fake(), &"set".into()).unwrap().unchecked_into();
        set.call1(&Self::fake(), &answer.to_js(key)).unwrap();
    }

    fn fake() -> JsValue {
        js_sys::Reflect::get(&window(), &"__fake".into()).unwrap()
    }

    fn log() -> js_sys::Array {
        js_sys::Reflect::get(&Self::fake(), &"log".into()).unwrap().unchecked_into()
    }

    fn field(entry: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(entry, &name.into()).unwrap()
    }

    /// The route of every request so far, oldest first.
    pub fn requests(&self) -> Vec<String> {
        Self::log().iter().map(|e| Self::field(&e, "key").as_string().unwrap_or_default()).collect()
    }

    /// The requests to `key` whose body has been read (the fake reads it
    /// a moment after the call), oldest first.
    fn sent(key: &str) -> Vec<JsValue> {
        Self::log()
            .iter()
            .filter(|e| Self::field(e, "key").as_string().as_deref() == Some(key))
            .filter(|e| Self::field(e, "read").as_bool() == Some(true))
            .collect()
    }

    /// How many requests went to `key` (`"GET /balance"`), counted once
    /// their body is known, so `bodies` holds as many.
    pub fn calls(&self, key: &str) -> usize {
        Self::sent(key).len()
    }

    /// The JSON bodies sent to `key`, oldest first (`null` when not JSON).
    pub fn bodies(&self, key: &str) -> Vec<Value> {
        Self::sent(key)
            .iter()
            .map(|e| {
                let body = Self::field(e, "body").as_string().unwrap_or_default();
                serde_json::from_str(&body).unwrap_or(Value::Null)
            })
            .collect()
    }

    /// The body of every request read so far, as sent (any route).
    pub fn sent_texts(&self) -> Vec<String> {
        Self::log()
            .iter()
            .filter(|e| Self::field(e, "read").as_bool() == Some(true))
            .map(|e| Self::field(&e, "body").as_string().unwrap_or_default())
            .collect()
    }

    /// Whether the n-th request's abort signal has fired.
    pub fn aborted(&self, n: u32) -> bool {
        let signal = Self::field(&Self::log().get(n), "signal");
        js_sys::Reflect::get(&signal, &"aborted".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        js_sys::Reflect::set(&window(), &"fetch".into(), &self.original).unwrap();
    }
}

/// `GET /balance` of a VND account.
pub fn balance(credit: &str) -> (&'static str, Answer) {
    (
        "GET /balance",
        Answer::ok(
            json!({"success": true, "details": {"currency": "VND", "acc_balance": "0.00", "acc_credit": credit}}),
        ),
    )
}
