//! App-wide state, in one place: who is signed in and their account, the
//! account currency, the requests under way, and whether `PUT /details` is
//! offered. The session's tokens and lifecycle are `crate::session`; the
//! cart's lines and their count are `crate::cart`.

use crate::api::{self, account::Client, billing::Balance, ApiError};
use crate::session::{self, SessionState};
use crate::ui::erase::{resource, Res};
use leptos::prelude::*;
use std::cell::Cell;

/// The signed-in client's details, loaded once per session (when it
/// becomes active) and shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct AccountCtx {
    pub details: Res<Result<Client, ApiError>>,
}

impl AccountCtx {
    /// Provided once, by the app shell.
    pub fn provide() {
        let details = resource(move || {
            let active = session::state() == SessionState::Active;
            async move {
                if active {
                    api::account::details().await
                } else {
                    Err(ApiError::Unauthorized)
                }
            }
        });
        provide_context(AccountCtx { details });
    }
}

/// The signed-in client's id, reactive ("" until the details are in).
pub fn client_id() -> Signal<String> {
    let account = use_context::<AccountCtx>();
    Signal::derive(move || {
        account
            .and_then(|a| a.details.get())
            .and_then(Result::ok)
            .map(|c| c.id.0)
            .unwrap_or_default()
    })
}

/// The account's balance (`GET /balance`) and its currency: "" until the
/// balance is known, then the server's code (money is shown as VND while
/// the code is empty, see `ui::format::money_text`).
pub fn account_currency() -> (Res<Result<Balance, ApiError>>, Signal<String>) {
    let balance = resource(api::billing::balance);
    let currency = Signal::derive(move || {
        balance.get().and_then(|r| r.ok()).map(|b| b.currency.0).unwrap_or_default()
    });
    (balance, currency)
}

/// Requests under way (reactive), for progress indicators.
pub fn pending() -> u32 {
    api::client::pending()
}

thread_local! {
    /// `PUT /details` answered "not supported" in this session.
    static EDIT_UNSUPPORTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether `PUT /details` may be offered (not refused as unsupported in
/// this session): the profile edit and eKYC's "copy to my profile".
pub fn edit_supported() -> bool {
    !EDIT_UNSUPPORTED.with(Cell::get)
}

/// `PUT /details` answered "not supported": hide it for the session.
pub fn mark_edit_unsupported() {
    EDIT_UNSUPPORTED.with(|c| c.set(true));
}

/// Where the tickets opened from this browser are kept (per account),
/// for servers that do not list tickets; cleared at logout.
pub const KNOWN_TICKETS_KEY: &str = "portal.tickets";

/// Every account's ticket numbers (client id → numbers, newest first).
type KnownTickets = std::collections::BTreeMap<String, Vec<String>>;

fn all_known_tickets() -> KnownTickets {
    crate::browser::local_get(KNOWN_TICKETS_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// The ticket numbers an account opened from this browser, newest first.
pub fn known_tickets(client: &str) -> Vec<String> {
    all_known_tickets().remove(client).unwrap_or_default()
}

/// Keeps a ticket number for the account (at most the 50 newest).
pub fn remember_ticket(client: &str, number: &str) {
    let mut all = all_known_tickets();
    let list = all.entry(client.to_owned()).or_default();
    list.retain(|n| n != number);
    list.insert(0, number.to_owned());
    list.truncate(50);
    if let Ok(s) = serde_json::to_string(&all) {
        crate::browser::local_set(KNOWN_TICKETS_KEY, &s);
    }
}
