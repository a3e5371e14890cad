//! The one HTTP client every API call goes through.
//!
//! - base URL from the runtime config, `Authorization: Bearer`, JSON bodies;
//! - a time limit on every request; a GET is aborted when the reactive
//!   owner that started it (a page, a resource run) is cleaned up;
//! - GETs retried with backoff on network errors and 5xx; other methods never;
//! - the HostBill envelope read by [`super::error::interpret`];
//! - single-flight token renewal: expired/refused tokens cause one `POST
//!   /token` shared by every request in flight, each then retried once; a
//!   refusal that survives a fresh token is [`ApiError::Forbidden`], never a
//!   logout.

use super::error::{
    decode, disposition_filename, interpret, is_json_type, Answer, ApiError, Binary, Outcome,
};
use super::refresh::{retry_delay_ms, AccessToken, SingleFlight};
use crate::{browser, session};
use futures::future::{select, Either};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

const DEFAULT_TIMEOUT_MS: u32 = 20_000;

thread_local! {
    static BASE: RefCell<String> = RefCell::new("/api".into());
    static ACCESS: RefCell<Option<AccessToken>> = const { RefCell::new(None) };
    static REFRESH: Rc<SingleFlight<Result<(), ApiError>>> = Rc::new(SingleFlight::default());
    /// Requests under way, for the global progress bar.
    static PENDING: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

pub fn set_base_url(url: &str) {
    BASE.with(|b| *b.borrow_mut() = url.trim_end_matches('/').to_owned());
}

pub fn base_url() -> String {
    BASE.with(|b| b.borrow().clone())
}

/// How many requests are in flight (reactive).
pub fn pending() -> u32 {
    PENDING.with(|p| p.get())
}

pub fn set_access_token(token: Option<String>) {
    let t = token.map(|t| AccessToken::new(t, browser::now_secs()));
    ACCESS.with(|a| *a.borrow_mut() = t);
}

pub fn has_access_token() -> bool {
    ACCESS.with(|a| a.borrow().is_some())
}

fn access_token() -> Option<AccessToken> {
    ACCESS.with(|a| a.borrow().clone())
}

/// The access token in its kept form ([`AccessToken::kept`]), for this
/// tab's next page load.
pub fn kept_access_token() -> Option<String> {
    access_token().map(|t| t.kept())
}

/// Takes a kept access token back after a reload, if it is still good for
/// a while; true when it was taken (no renewal is needed).
pub fn adopt_kept_access_token(kept: &str) -> bool {
    match AccessToken::from_kept(kept) {
        Some(t) if t.times.is_some() && !t.needs_refresh(browser::now_secs()) => {
            ACCESS.with(|a| *a.borrow_mut() = Some(t));
            true
        }
        _ => false,
    }
}

/// The access token if it can be used now without renewing it.
pub fn usable_access_token() -> Option<String> {
    access_token().filter(|t| !t.needs_refresh(browser::now_secs())).map(|t| t.token)
}

/// Renews the tokens now, through the one shared renewal (a restore after
/// a reload).
pub async fn renew_now() -> Result<(), ApiError> {
    let flight = REFRESH.with(Rc::clone);
    flight.run(session::refresh_tokens).await
}

/// Waits for a renewal under way, if any, without starting one (logout
/// must revoke the refresh token that renewal leaves).
pub async fn renewal_settled() {
    let flight = REFRESH.with(Rc::clone);
    flight.settled().await;
}

/// One API request, built by the section modules.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub method: Method,
    /// Path below the API base, starting with '/', already encoded.
    pub path: String,
    pub body: Option<Value>,
    pub auth: bool,
    pub timeout_ms: u32,
    /// A file is expected (PDF, image): a 2xx answer that is not JSON is
    /// kept as bytes.
    pub binary: bool,
    /// Lets the user cancel this request (uploads); see [`CancelHandle`].
    pub cancel: Option<CancelHandle>,
}

/// A cancel button's handle on a request: [`CancelHandle::cancel`] aborts
/// the request under way (it then ends with [`ApiError::Aborted`]) and any
/// later one sent with this handle.
#[derive(Clone, Default)]
pub struct CancelHandle(std::sync::Arc<std::sync::Mutex<CancelState>>);

#[derive(Default)]
struct CancelState {
    cancelled: bool,
    controller: Option<send_wrapper::SendWrapper<web_sys::AbortController>>,
}

impl CancelHandle {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        s.cancelled = true;
        if let Some(c) = s.controller.take() {
            c.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.lock().map(|s| s.cancelled).unwrap_or(true)
    }

    /// Ties a request's controller to the handle; false if already cancelled.
    fn attach(&self, controller: &web_sys::AbortController) -> bool {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        s.controller = Some(send_wrapper::SendWrapper::new(controller.clone()));
        !s.cancelled
    }
}

impl std::fmt::Debug for CancelHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CancelHandle(cancelled: {})", self.is_cancelled())
    }
}

impl ApiRequest {
    fn new(method: Method, path: impl Into<String>) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            body: None,
            auth: true,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            cancel: None,
            binary: false,
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }
    /// Sent without credentials (login, sign-up, public lookups).
    pub fn public(mut self) -> Self {
        self.auth = false;
        self
    }
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = serde_json::to_value(body).ok();
        self
    }
    /// Expects a file rather than JSON (see [`fetch_binary`]).
    pub fn binary(mut self) -> Self {
        self.binary = true;
        self
    }
    pub fn timeout_ms(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }
    /// May be cancelled by the user through `handle`.
    pub fn cancellable(mut self, handle: CancelHandle) -> Self {
        self.cancel = Some(handle);
        self
    }
    /// `METHOD /path` without the query, for error messages.
    pub fn endpoint(&self) -> String {
        format!("{} {}", self.method.as_ref(), self.path.split('?').next().unwrap_or_default())
    }
}

/// Sends a request and decodes its data.
pub async fn fetch<T: DeserializeOwned>(req: ApiRequest) -> Result<T, ApiError> {
    let endpoint = req.endpoint();
    let answer = call(req).await?;
    decode(&endpoint, answer.value)
}

/// Sends a request; gives the decoded data and the server's `info` messages.
pub async fn fetch_with_info<T: DeserializeOwned>(
    req: ApiRequest,
) -> Result<(T, Vec<String>), ApiError> {
    let endpoint = req.endpoint();
    let answer = call(req).await?;
    Ok((decode(&endpoint, answer.value)?, answer.info))
}

/// Sends a request for a file (a PDF, an image) through the same auth,
/// renewal, retry and time-limit path; gives its bytes and content type. A
/// JSON answer is read as the usual envelope, so `{"error": [...]}` is an
/// error, and JSON without an error is a decode error (no file came).
pub async fn fetch_binary(req: ApiRequest) -> Result<Binary, ApiError> {
    let req = req.binary();
    let endpoint = req.endpoint();
    call(req)
        .await?
        .binary
        .ok_or(ApiError::Decode { endpoint, detail: "a file was expected".to_owned() })
}

/// Sends a request with auth, renewal and retries; gives the raw answer.
pub async fn call(req: ApiRequest) -> Result<Answer, ApiError> {
    let mut attempt = 0u32;
    loop {
        let result = call_once(&req).await;
        match result {
            Err(e) if req.method == Method::GET && e.is_transient() => {
                attempt += 1;
                match retry_delay_ms(attempt, browser::random()) {
                    Some(ms) => gloo_timers::future::TimeoutFuture::new(ms).await,
                    None => return Err(e),
                }
            }
            other => return other,
        }
    }
}

/// One attempt, including at most one renewal of the token.
async fn call_once(req: &ApiRequest) -> Result<Answer, ApiError> {
    if !req.auth {
        return match send(req, None).await? {
            Outcome::Ok(a) => Ok(a),
            Outcome::AuthRejected => Err(ApiError::Unauthorized),
            Outcome::Err(e) => Err(e),
        };
    }
    // Renew first when the token is known to be (nearly) expired.
    let mut token = access_token();
    if token.as_ref().is_none_or(|t| t.needs_refresh(browser::now_secs())) {
        renew(token.as_ref().map(|t| t.token.clone())).await?;
        token = access_token();
    }
    let used = token.map(|t| t.token);
    match send(req, used.as_deref()).await? {
        Outcome::Ok(a) => Ok(a),
        Outcome::Err(e) => Err(e),
        Outcome::AuthRejected => {
            renew(used).await?;
            let fresh = access_token().map(|t| t.token);
            match send(req, fresh.as_deref()).await? {
                Outcome::Ok(a) => Ok(a),
                Outcome::Err(e) => Err(e),
                // a token the server has just renewed is refused again: the
                // session is fine, this call is not allowed to this account
                Outcome::AuthRejected => Err(ApiError::Forbidden),
            }
        }
    }
}

/// Renews the access token unless someone already replaced `stale`.
async fn renew(stale: Option<String>) -> Result<(), ApiError> {
    let current = access_token().map(|t| t.token);
    if current.is_some() && current != stale {
        return Ok(());
    }
    let flight = REFRESH.with(Rc::clone);
    flight.run(session::refresh_tokens).await
}

/// Counts a request in [`PENDING`] while it lives.
struct PendingGuard;

impl PendingGuard {
    fn new() -> Self {
        PENDING.with(|p| p.update(|n| *n += 1));
        PendingGuard
    }
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        PENDING.with(|p| p.update(|n| *n = n.saturating_sub(1)));
    }
}

/// One HTTP exchange: no retries, no renewal.
pub(crate) async fn send(req: &ApiRequest, token: Option<&str>) -> Result<Outcome, ApiError> {
    let _pending = PendingGuard::new();
    let endpoint = req.endpoint();
    let url = format!("{}{}", base_url(), req.path);
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let signal = controller.signal();
    if let Some(cancel) = &req.cancel {
        if !cancel.attach(&controller) {
            return Err(ApiError::Aborted);
        }
    }
    if req.method == Method::GET {
        // Leaving the page (or re-running the resource) cancels the read.
        let c = send_wrapper::SendWrapper::new(controller.clone());
        Owner::on_cleanup(move || c.abort());
    }
    let mut builder = RequestBuilder::new(&url)
        .method(req.method.clone())
        .header(
            "Accept",
            if req.binary {
                "application/pdf, image/*, application/json;q=0.9, */*;q=0.8"
            } else {
                "application/json"
            },
        )
        .abort_signal(Some(&signal));
    if let Some(t) = token {
        builder = builder.header("Authorization", &format!("Bearer {t}"));
    }
    let request = match &req.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .map_err(|_| ApiError::Network)?,
        None => builder.build().map_err(|_| ApiError::Network)?,
    };

    let exchange = async {
        let resp = request.send().await.map_err(|_| {
            if signal.aborted() {
                ApiError::Aborted
            } else {
                ApiError::Network
            }
        })?;
        let status = resp.status();
        let content_type = resp.headers().get("content-type").unwrap_or_default();
        if req.binary && (200..300).contains(&status) && !is_json_type(&content_type) {
            let bytes = resp.binary().await.map_err(|_| ApiError::Network)?;
            let filename =
                resp.headers().get("content-disposition").and_then(|d| disposition_filename(&d));
            let binary = Some(Binary { bytes, content_type, filename });
            return Ok(Outcome::Ok(Answer { value: Value::Null, info: Vec::new(), binary }));
        }
        let body = resp.text().await.map_err(|_| ApiError::Network)?;
        Ok::<_, ApiError>(interpret(status, &body, &endpoint))
    };
    let timer = gloo_timers::future::TimeoutFuture::new(req.timeout_ms);
    futures::pin_mut!(exchange);
    match select(exchange, timer).await {
        Either::Left((result, _)) => result,
        Either::Right(((), _)) => {
            controller.abort();
            Err(ApiError::Timeout)
        }
    }
}
