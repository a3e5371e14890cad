//! Who is logged in.
//!
//! The access token lives in the API client's memory and, for this tab's
//! next page load, in sessionStorage (`portal.access`, with the clock offset
//! measured when it came): a reload while it is good needs no renewal. The
//! refresh token lives in sessionStorage, or in localStorage when the user
//! ticked "remember me"; a page without a good access token restores the
//! session through `POST /token`.
//!
//! Renewal rules: the tokens are dropped only when `POST /token` itself is
//! refused (401, or `invalid_token`/`unauthorized` in its envelope);
//! anything else (429, a 403 page, HTML, an answer without a token, no
//! network) keeps them, and a restore is retried with backoff. Renewals
//! are serialised across tabs ([`crate::tab_lock`]): each reads the refresh
//! token only once it holds the lock, so no tab sends one that another has
//! just rotated. Logout ends the session here and in every tab first, then
//! revokes the live refresh token without renewing anything.

use crate::api::{self, ApiError};
use crate::{browser, tab_lock};
use leptos::prelude::*;
use std::cell::Cell;

const REFRESH_KEY: &str = "portal.refresh";
/// The access token kept for this tab's next page load.
const ACCESS_KEY: &str = "portal.access";
/// The cross-tab lock every renewal holds.
const RENEW_LOCK: &str = "portal.renew";
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
    /// Bumped whenever the tokens are cleared (the session ends, or a login
    /// replaces it): a renewal that started before must not store what it
    /// brings back.
    static EPOCH: Cell<u32> = const { Cell::new(0) };
    /// Bumped by each restore, so an older restore's retries stop.
    static RESTORE_RUN: Cell<u32> = const { Cell::new(0) };
}

fn epoch() -> u32 {
    EPOCH.with(Cell::get)
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

/// Forgets the tokens; a renewal that started before must not store what
/// it brings back, nor send the tokens of a session that came after.
fn clear_tokens() {
    EPOCH.with(|e| e.set(e.get().wrapping_add(1)));
    api::client::set_access_token(None);
    browser::session_remove(ACCESS_KEY);
    browser::session_remove(REFRESH_KEY);
    browser::local_remove(REFRESH_KEY);
}

/// Takes a token pair from `/login` or `/token`; keeps the old refresh
/// token when the answer has none. An answer without an access token is
/// an error that keeps the session (the server did not refuse us).
fn accept(pair: api::auth::TokenPair, previous_refresh: Option<String>) -> Result<(), ApiError> {
    if pair.token.is_empty() {
        return Err(ApiError::Decode { endpoint: "POST /token".into(), detail: "no token".into() });
    }
    api::client::set_access_token(Some(pair.token));
    if let Some(kept) = api::client::kept_access_token() {
        browser::session_set(ACCESS_KEY, &kept);
    }
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
    let started = epoch();
    tab_lock::exclusive(RENEW_LOCK, async move {
        // read only now: another tab may have rotated it while we waited
        let Some(rt) = stored_refresh() else {
            if epoch() == started {
                lost();
            }
            return Err(ApiError::Unauthorized);
        };
        match renew_with(&rt, started).await {
            Err(ApiError::Unauthorized) => {
                // rotated by a tab without the lock (an older portal)?
                if let Some(rt2) = stored_refresh().filter(|t| *t != rt) {
                    if let Ok(()) = renew_with(&rt2, started).await {
                        return Ok(());
                    }
                }
                if epoch() == started {
                    lost();
                }
                Err(ApiError::Unauthorized)
            }
            other => other,
        }
    })
    .await
}

/// One `POST /token`. Unauthorized only when the server refused the token
/// (or the session ended meanwhile); every other failure keeps it.
async fn renew_with(rt: &str, started: u32) -> Result<(), ApiError> {
    if epoch() != started {
        // the session ended (and another may have begun) while we waited
        return Err(ApiError::Unauthorized);
    }
    let pair = api::auth::refresh(rt).await?;
    if epoch() != started {
        // logged out while we asked: keep nothing
        return Err(ApiError::Unauthorized);
    }
    accept(pair, Some(rt.to_owned()))
}

/// Delay before the `attempt`-th automatic retry of a restore (1-based).
pub fn restore_retry_ms(attempt: u32) -> u32 {
    const STEPS: [u32; 5] = [2_000, 4_000, 8_000, 15_000, 30_000];
    STEPS[(attempt.max(1) as usize - 1).min(STEPS.len() - 1)]
}

/// Restores a session after a reload, if a refresh token was kept: with
/// this tab's access token while it is good, else through the shared
/// renewal, retried with backoff until it succeeds or is refused.
pub fn restore() {
    let run = RESTORE_RUN.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    });
    if stored_refresh().is_none() {
        set_state(SessionState::Anonymous);
        return;
    }
    REMEMBER.with(|r| r.set(browser::local_get(REFRESH_KEY).is_some()));
    if browser::session_get(ACCESS_KEY).is_some_and(|k| api::client::adopt_kept_access_token(&k)) {
        set_state(SessionState::Active);
        return;
    }
    set_state(SessionState::Restoring);
    let current = move || RESTORE_RUN.with(Cell::get) == run;
    wasm_bindgen_futures::spawn_local(async move {
        let mut attempt = 0;
        loop {
            match api::client::renew_now().await {
                Ok(()) if current() => return set_state(SessionState::Active),
                Err(ApiError::Unauthorized) => return, // lost() ran, or logged out
                Ok(()) => return,
                Err(_) => {}
            }
            if !current() || state() == SessionState::Anonymous {
                return;
            }
            set_state(SessionState::Unreachable);
            attempt += 1;
            gloo_timers::future::TimeoutFuture::new(restore_retry_ms(attempt)).await;
            if !current() || state() != SessionState::Unreachable {
                return;
            }
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

/// Logs out here and in every other tab: memory and storage are cleared
/// and the other tabs told first; then, without renewing anything, `POST
/// /logout` (only with an access token still good) and `POST /revoke` with
/// the live refresh token. A renewal under way is given a moment to finish,
/// so the token revoked is the one it leaves.
pub async fn logout() {
    let settled = std::pin::pin!(api::client::renewal_settled());
    let _ = futures::future::select(settled, gloo_timers::future::TimeoutFuture::new(3_000)).await;
    let refresh = stored_refresh();
    let access = api::client::usable_access_token();
    end_locally(EndReason::LoggedOut);
    broadcast("logout");
    if let Some(a) = access {
        let _ = api::auth::logout(&a).await;
    }
    if let Some(rt) = refresh {
        let _ = api::auth::revoke(&rt).await;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_retries_back_off_to_half_a_minute() {
        let d: Vec<u32> = (1..=7).map(restore_retry_ms).collect();
        assert_eq!(d, [2_000, 4_000, 8_000, 15_000, 30_000, 30_000, 30_000]);
        assert_eq!(restore_retry_ms(0), 2_000);
        assert_eq!(restore_retry_ms(u32::MAX), 30_000);
    }
}
