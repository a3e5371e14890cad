//! Support (flows.md section 9): `/support`, the customer's tickets;
//! `/support/new`, a new ticket; `/support/:number`, a ticket's thread with
//! replies, close and re-open, and attachments.
//!
//! The list and the thread come from HostBill's standard `GET /tickets` and
//! `GET /tickets/@number`, which a BKNS server may not answer: then the
//! list shows the tickets opened from this browser (`state::known_tickets`,
//! per account, cleared at logout) and a way to open one by its number.

pub mod list;
pub mod new;
pub mod thread;

use crate::api::support::TicketStatus;
use crate::i18n::{self, t};
use crate::rich_text::{linkify, Piece};
use leptos::prelude::*;

/// A status in the customer's language (an unknown word as sent).
pub fn status_text(status: TicketStatus, raw: &str) -> String {
    match status {
        TicketStatus::Other if !raw.trim().is_empty() => raw.trim().to_owned(),
        s => t(s.key()),
    }
}

/// A status as a badge.
pub fn status_badge(status: TicketStatus, raw: &str) -> impl IntoView {
    let class = format!("badge badge-{}", status.tone());
    view! { <span class=class>{status_text(status, raw)}</span> }
}

/// A server time in the reader's zone and language.
pub fn when(s: &str) -> String {
    crate::ui::format::date_time_local(s, crate::browser::utc_offset_minutes(), i18n::lang())
}

/// Text with line breaks kept and `https://` addresses as links (opening
/// elsewhere, without the portal as referrer or opener).
pub fn text_with_links(text: &str) -> impl IntoView {
    let lines = text.split('\n').enumerate().map(|(i, line)| {
        let pieces = linkify(line)
            .into_iter()
            .map(|p| match p {
                Piece::Text(s) => s.into_any(),
                Piece::Link(url) => view! {
                    <a href=url.clone() rel="noopener noreferrer" target="_blank">{url.clone()}</a>
                }
                .into_any(),
            })
            .collect_view();
        view! { {(i > 0).then(|| view! { <br/> })}{pieces} }
    });
    lines.collect_view()
}

/// A file size for people (`462 B`, `1,3 KB`, `2,4 MB`).
pub fn size_text(bytes: Option<u64>) -> String {
    let Some(b) = bytes else { return String::new() };
    let comma = i18n::lang() == i18n::Lang::Vi;
    let fmt = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        format!("{} {unit}", if comma { s.replace('.', ",") } else { s })
    };
    match b {
        0..=1023 => format!("{b} B"),
        1024..=1_048_575 => fmt(b as f64 / 1024.0, "KB"),
        _ => fmt(b as f64 / 1_048_576.0, "MB"),
    }
}
