//! Who is logged in.
//!
//! The access token lives in memory only (in the API client). The refresh
//! token lives in sessionStorage, or in localStorage when the user ticked
//! "remember me"; a reload restores the session through `POST /token`.
//! Logout reaches every open tab through a BroadcastChannel.

use crate::api::{self, ApiError};
use crate::browser;
use leptos::prelude::*;
use std::cell::Cell;

const REFRESH_KEY: &str = "portal.refresh";
#[cfg(target_arch = "wasm32")]
const CHANNEL: &str = "portal.session";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// A refresh token was found; `POST /token` is under way.
    Restoring,
    /// The restore could not reach the server; the user may retry.
    Unreachable,
    Anonymous,
    Active,
}

/// Why the last session ended, for the login page's notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    None,
    Expired,
    LoggedOut,
}

thread_local! {
    static STATE: ArcRwSignal<SessionState> = ArcRwSignal::new(SessionState::Anonymous);
    static ENDED: ArcRwSignal<EndReason> = ArcRwSignal::new(EndReason::None);
    static REMEMBER: Cell<bool> = const { Cell::new(false) };
}

/// The session state (tracked in reactive scopes).
pub fn state() -> SessionState {
    STATE.with(|s| s.get())
}

fn set_state(s: SessionState) {
    STATE.with(|st| st.set(s));
}

pub fn end_reason() -> EndReason {
    ENDED.with(|e| e.get())
}

fn set_end_reason(r: EndReason) {
    ENDED.with(|e| e.set(r));
}

/// The refresh token as stored now (another tab may have rotated it).
pub fn stored_refresh() -> Option<String> {
    browser::session_get(REFRESH_KEY)
        .or_else(|| browser::local_get(REFRESH_KEY))
        .filter(|t| !t.is_empty())
}

fn store_refresh(token: &str) {
    if REMEMBER.with(Cell::get) {
        browser::local_set(REFRESH_KEY, token);
        browser::session_remove(REFRESH_KEY);
    } else {
        browser::session_set(REFRESH_KEY, token);
        browser::local_remove(REFRESH_KEY);
    }
}

fn clear_tokens() {
    api::client::set_access_token(None);
    browser::session_remove(REFRESH_KEY);
    browser::local_remove(REFRESH_KEY);
}

/// Takes a token pair from `/login` or `/token`; keeps the old refresh
/// token when the answer has none.
fn accept(pair: api::auth::TokenPair, previous_refresh: Option<String>) -> Result<(), ApiError> {
    if pair.token.is_empty() {
        return Err(ApiError::Decode { endpoint: "POST /token".into(), detail: "no token".into() });
    }
    api::client::set_access_token(Some(pair.token));
    if let Some(r) = pair.refresh.or(previous_refresh) {
        store_refresh(&r);
    }
    Ok(())
}

pub async fn login(username: String, password: String, remember: bool) -> Result<(), ApiError> {
    let pair = api::auth::login(&username, &password).await?;
    REMEMBER.with(|r| r.set(remember));
    clear_tokens();
    accept(pair, None)?;
    set_end_reason(EndReason::None);
    set_state(SessionState::Active);
    Ok(())
}

/// Renews the access token with the stored refresh token. Called by the API
/// client through its single flight; never call it directly elsewhere.
pub async fn refresh_tokens() -> Result<(), ApiError> {
    let Some(rt) = stored_refresh() else {
        lost();
        return Err(ApiError::Unauthorized);
    };
    match api::auth::refresh(&rt).await {
        Ok(pair) => accept(pair, Some(rt)),
        Err(e) if e.is_transient() => Err(e),
        Err(_) => {
            // Another tab may have rotated the token while we asked.
            if let Some(rt2) = stored_refresh().filter(|t| *t != rt) {
                if let Ok(pair) = api::auth::refresh(&rt2).await {
                    return accept(pair, Some(rt2));
                }
            }
            lost();
            Err(ApiError::Unauthorized)
        }
    }
}

/// Restores a session after a reload, if a refresh token was kept.
pub fn restore() {
    if stored_refresh().is_none() {
        set_state(SessionState::Anonymous);
        return;
    }
    REMEMBER.with(|r| r.set(browser::local_get(REFRESH_KEY).is_some()));
    set_state(SessionState::Restoring);
    wasm_bindgen_futures::spawn_local(async {
        match refresh_tokens().await {
            Ok(()) => set_state(SessionState::Active),
            Err(e) if e.is_transient() => set_state(SessionState::Unreachable),
            Err(_) => {} // lost() already ran
        }
    });
}

/// The server refused our tokens for good: forget them. Protected pages
/// then send the visitor to the login page, which comes back afterwards.
pub fn lost() {
    clear_tokens();
    if state() != SessionState::Anonymous {
        set_end_reason(EndReason::Expired);
        set_state(SessionState::Anonymous);
    }
}

/// Logs out here and in every other tab: `POST /logout`, then `POST
/// /revoke` with the refresh token; storage cleared whatever they answer.
pub async fn logout() {
    let refresh = stored_refresh();
    if api::client::has_access_token() {
        let _ = api::auth::logout().await;
    }
    if let Some(rt) = refresh {
        let _ = api::auth::revoke(&rt).await;
    }
    end_locally(EndReason::LoggedOut);
    broadcast("logout");
}

fn end_locally(reason: EndReason) {
    clear_tokens();
    if reason == EndReason::LoggedOut {
        // the next person at this browser starts with an empty cart and
        // no list of tickets opened here
        crate::cart::forget();
        browser::local_remove(crate::state::KNOWN_TICKETS_KEY);
    }
    set_end_reason(reason);
    set_state(SessionState::Anonymous);
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static BC: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

#[cfg(target_arch = "wasm32")]
fn broadcast(msg: &str) {
    BC.with(|bc| {
        if let Some(bc) = bc {
            let _ = bc.post_message(&wasm_bindgen::JsValue::from_str(msg));
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn broadcast(_: &str) {}

/// Listens for logouts in other tabs. Call once at start.
#[cfg(target_arch = "wasm32")]
pub fn listen_other_tabs() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    BC.with(|bc| {
        if let Some(bc) = bc {
            let on_msg =
                Closure::<dyn Fn(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
                    if ev.data().as_string().as_deref() == Some("logout")
                        && state() != SessionState::Anonymous
                    {
                        end_locally(EndReason::LoggedOut);
                    }
                });
            bc.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
            on_msg.forget(); // lives as long as the page
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
pub fn listen_other_tabs() {}
