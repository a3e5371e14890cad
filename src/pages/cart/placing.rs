//! Placing the order so that it is never placed twice.
//!
//! Everything that may send `POST /order`, or decide that it may be sent
//! again, runs holding the cross-tab lock `portal.order`
//! ([`crate::tab_lock`]): two tabs never place one at the same time. Before
//! sending, the invoices the account has are noted ([`crate::outcome`]) and
//! the order is kept as unsettled in localStorage ([`cart::Unsettled`]), so
//! every tab knows. When its answer is lost (no answer, a time-out, a
//! 5xx), the order stays unsettled and the page looks for its invoice
//! before offering anything: found, the order went through and the cart
//! is emptied; not found, it may be sent again; the look failing keeps the
//! page locked with "check again". A tab that opens the checkout while an
//! order is unsettled looks first too.

use crate::api::cart::items::OrderItem;
use crate::api::cart::order::OrderResult;
use crate::api::{self, ApiError};
use crate::cart::{self, Unsettled};
use crate::outcome::{self, Ended};
use crate::tab_lock;

const ORDER_LOCK: &str = "portal.order";

/// Where the order stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Placing {
    #[default]
    Idle,
    Sending,
    /// Another tab holds the lock (sending or looking).
    OtherTab,
    /// The server refused it: the cart may be fixed and sent again.
    Refused(ApiError),
    /// Its answer was lost: looking for its invoice.
    Checking,
    /// The look found no invoice: it was not placed.
    NotPlaced,
    /// The look itself failed: still unknown; check again.
    Unchecked(ApiError),
    /// Placed: from its answer, or `found` from its invoice.
    Done {
        result: OrderResult,
        found: bool,
    },
}

impl Placing {
    /// No order may be sent from this state.
    pub fn locked(&self) -> bool {
        matches!(
            self,
            Placing::Sending
                | Placing::Checking
                | Placing::Unchecked(_)
                | Placing::OtherTab
                | Placing::Done { .. }
        )
    }
}

/// What to send.
#[derive(Clone, Debug)]
pub struct Send {
    pub items: Vec<OrderItem>,
    pub pay_method: String,
    pub aff: Option<String>,
    /// The quote's total, to know the invoice when the list cannot be read.
    pub total: String,
}

/// Sends the order (`Some`) or only settles an unsettled one (`None`),
/// telling each step through `report`. Returns the final state.
pub async fn run(client: String, send: Option<Send>, report: impl Fn(Placing)) -> Placing {
    let job = async {
        if let Some(u) = cart::unsettled(&client) {
            return settle(u, &report).await;
        }
        let Some(send) = send else { return Placing::Idle };
        report(Placing::Sending);
        let mark = outcome::mark(send.total.clone()).await;
        let u = Unsettled { client: client.clone(), mark };
        cart::set_unsettled(Some(u.clone()));
        match api::cart::order::place(send.items, &send.pay_method, send.aff.as_deref()).await {
            Ok(result) => {
                cart::set_unsettled(None);
                cart::update(cart::Cart::clear_items);
                Placing::Done { result, found: false }
            }
            Err(e) if e.outcome_unknown() => settle(u, &report).await,
            Err(e) => {
                cart::set_unsettled(None);
                Placing::Refused(e)
            }
        }
    };
    let end = tab_lock::if_free(ORDER_LOCK, job).await.unwrap_or(Placing::OtherTab);
    report(end.clone());
    end
}

/// Looks for an unsettled order's invoice (holding the lock).
async fn settle(u: Unsettled, report: &impl Fn(Placing)) -> Placing {
    report(Placing::Checking);
    match outcome::settle::<()>(u.mark).await {
        Ended::Found(inv) => {
            cart::set_unsettled(None);
            cart::update(cart::Cart::clear_items);
            let inv = *inv;
            let result = OrderResult { invoice_id: inv.id, total: inv.total, ..Default::default() };
            Placing::Done { result, found: true }
        }
        Ended::Unknown(_, e) => Placing::Unchecked(e),
        _ => {
            cart::set_unsettled(None);
            Placing::NotPlaced
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_may_send_again() {
        let open = [
            Placing::Idle,
            Placing::Refused(ApiError::Decode {
                endpoint: "POST /order".into(),
                detail: "x".into(),
            }),
            Placing::NotPlaced,
        ];
        assert!(open.iter().all(|p| !p.locked()));
        let shut = [
            Placing::Sending,
            Placing::OtherTab,
            Placing::Checking,
            Placing::Unchecked(ApiError::Network),
            Placing::Done { result: OrderResult::default(), found: true },
        ];
        assert!(shut.iter().all(Placing::locked));
    }
}
