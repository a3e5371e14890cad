//! The domain section: `/domains` (list), `/domains/:id` (details and every
//! setting), `/domains/:id/documents` (registration documents) and the
//! public `/sign/:token` (signing an e-mailed document).

pub mod detail;
pub mod documents;
pub mod list;
pub mod settings;
pub mod sign;

use crate::api::domains::Info;
use crate::api::ApiError;
/// The section's rules (statuses, expiry, filters, checks), kept outside
/// `pages` because the dashboard reads them too.
pub use crate::domain_rules as logic;
use crate::i18n::{t, t_with};
use crate::ui::{toast, ErrorPanel};
use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;
use logic::Status;
use std::future::Future;
use std::rc::Rc;

type WriteFn<I> = Rc<dyn Fn(I) -> LocalBoxFuture<'static, Result<Info, ApiError>>>;

/// A write (PUT/POST/DELETE): on success the server's `info` becomes a
/// toast and `after` runs (to refetch what changed); a failure stays in the
/// action for [`write_error`] to show in the card. Boxed like `ui::erase::resource`.
pub fn write_action<I, F, Fut>(
    f: F,
    after: impl Fn() + Copy + 'static,
) -> crate::ui::erase::Act<I, Result<Info, ApiError>>
where
    I: Clone + 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = Result<Info, ApiError>> + 'static,
{
    let f: WriteFn<I> = Rc::new(move |input: I| {
        let fut = f(input);
        async move {
            let r = fut.await;
            if let Ok(info) = &r {
                toast::info(info, "domains.saved");
                after();
            }
            r
        }
        .boxed_local()
    });
    write_boxed(f)
}

fn write_boxed<I: Clone + 'static>(
    f: WriteFn<I>,
) -> crate::ui::erase::Act<I, Result<Info, ApiError>> {
    crate::ui::erase::action(move |input: &I| f(input.clone()))
}

/// The announced error of a write, with what to do.
pub fn write_error<I: 'static>(
    a: crate::ui::erase::Act<I, Result<Info, ApiError>>,
    what: &'static str,
) -> impl IntoView {
    move || match a.value().get() {
        Some(Err(e)) if !a.pending().get() => Some(view! { <ErrorPanel error=e what=what/> }),
        _ => None,
    }
}

/// "12 days left", "expired 3 days ago", "expires today".
pub fn days_text(days: Option<i64>) -> String {
    match days {
        None => "—".into(),
        Some(0) => t("domains.expires_today"),
        Some(d) if d > 0 => t_with("domains.days_left", &[("n", &d.to_string())]),
        Some(d) => t_with("domains.days_ago", &[("n", &(-d).to_string())]),
    }
}

/// A status as a coloured badge, in the user's language.
pub fn status_badge(raw: String) -> impl IntoView {
    let s = Status::of(&raw);
    view! { <span class=s.css()>{move || if s == Status::Other && !raw.is_empty() { raw.clone() } else { t(s.key()) }}</span> }
}

/// "On"/"Off".
pub fn on_off(b: bool) -> String {
    t(if b { "domains.on" } else { "domains.off" })
}
