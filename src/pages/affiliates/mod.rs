//! `/affiliates`: the customer's affiliate programme. The summary comes
//! first (`GET /affiliates/summary`): a customer outside the programme
//! gets the server's `affiliate_not_enrolled`, shown as information (what
//! the programme is, and how to join through support), and nothing else
//! is asked. Otherwise the page shows the figures, the referral links
//! with a QR code, and five parts that each load on their own (one
//! failing shows its error and retry; the others still show):
//! commissions (a chart of 12 months and the list), campaigns, payouts,
//! vouchers and commission plans.

mod chart;
mod lists;
mod summary;

use crate::api::affiliates::{self as api, Status};
use crate::app::href;
use crate::i18n::{self, t, tr, Lang};
use crate::ui::erase::{dyn_view, resource, resource_view};
use crate::ui::Loading;
use crate::vocab::{ApiError, Decimal};
use leptos::prelude::*;
use leptos_router::components::A;

/// Where the page stands once the summary has answered.
#[derive(Clone, Debug, PartialEq)]
enum Membership {
    Waiting,
    /// Outside the programme: the server's word for it.
    Outside(String),
    /// In it, or not known (the summary failed): the parts are shown.
    Inside,
}

#[component]
pub fn AffiliatesPage() -> impl IntoView {
    crate::ui::page_title("affiliates.title");
    let summary = resource(api::summary);
    let membership = Memo::new(move |_| match summary.get() {
        None | Some(Err(ApiError::Aborted)) => Membership::Waiting,
        Some(Err(e)) if api::not_enrolled(&e) => {
            Membership::Outside(e.messages().first().cloned().unwrap_or_default())
        }
        Some(_) => Membership::Inside,
    });
    let currency = Signal::derive(move || {
        summary.get().and_then(Result::ok).map(|s| s.currency).unwrap_or_default()
    });
    view! {
        <section class="page affiliates-page" aria-labelledby="affiliates-title">
            <div class="page-head">
                <h1 id="affiliates-title">{tr("affiliates.title")}</h1>
            </div>
            {dyn_view(move || match membership.get() {
                Membership::Waiting => view! { <Loading/> }.into_any(),
                Membership::Outside(word) => not_enrolled(&word).into_any(),
                Membership::Inside => view! {
                    {resource_view(summary, "affiliates.summary_error", summary::summary_view)}
                    <chart::Commissions currency=currency/>
                    {lists::campaigns()}
                    {lists::payouts(currency)}
                    {lists::vouchers(currency)}
                    {lists::plans(currency)}
                }
                .into_any(),
            })}
        </section>
    }
}

/// The refusal in the customer's words: the server's text when `server`
/// knows the word, else this page's.
fn refusal_text(word: &str) -> String {
    let server = i18n::server_message(word);
    if word.trim().is_empty() || server == word {
        t("affiliates.not_enrolled")
    } else {
        server
    }
}

/// Information, not an error: what the programme is and how to join.
fn not_enrolled(word: &str) -> impl IntoView {
    let word = word.to_owned();
    view! {
        <div class="alert alert-info aff-join" role="status" data-testid="aff-not-enrolled">
            <h2>{move || refusal_text(&word)}</h2>
            <p>{tr("affiliates.about")}</p>
            <p>{tr("affiliates.join_how")}</p>
            <A href=href::NEW_TICKET attr:class="btn btn-primary" attr:data-testid="aff-contact">
                {tr("affiliates.contact_support")}
            </A>
        </div>
    }
}

/// A commission's or payout's status as a badge (an unknown word as sent).
fn status_badge(status: Status, raw: &str) -> impl IntoView {
    let text = match status {
        Status::Other if !raw.trim().is_empty() => raw.trim().to_owned(),
        s => t(s.key()),
    };
    view! { <span class=format!("badge badge-{}", status.tone())>{text}</span> }
}

/// A whole number with the language's group separator: `1.234` / `1,234`.
pub fn count_text(n: Option<u32>, lang: Lang) -> String {
    let Some(n) = n else { return "—".into() };
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A percent with at most two decimals: `5,58%` / `5.58%`.
pub fn percent_text(d: Decimal, lang: Lang) -> String {
    let s = d.round_to(2).to_string();
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    let s = if lang == Lang::Vi { s.replace('.', ",") } else { s.to_owned() };
    format!("{s}%")
}

/// Copies `text`, saying how it went in a toast.
fn copy(text: String) {
    leptos::task::spawn_local(async move {
        let ok = crate::browser::copy_text(&text).await;
        crate::ui::toast::show(t(if ok { "affiliates.copied" } else { "affiliates.copy_failed" }));
    });
}

/// A "copy" button whose name says what it copies (`what`, already in
/// the page's language) after the visible word.
fn copy_button(text: String, what: String) -> impl IntoView {
    view! {
        <button type="button" class="btn btn-secondary aff-copy" on:click=move |_| copy(text.clone())>
            {tr("affiliates.copy")}
            <span class="visually-hidden">" "{what}</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_percents_follow_the_language() {
        assert_eq!(count_text(Some(412), Lang::Vi), "412");
        assert_eq!(count_text(Some(1_234_567), Lang::Vi), "1.234.567");
        assert_eq!(count_text(Some(1_234), Lang::En), "1,234");
        assert_eq!(count_text(None, Lang::En), "—");
        let p = |s: &str, l| percent_text(Decimal::parse(s).unwrap(), l);
        assert_eq!(p("5.58", Lang::Vi), "5,58%");
        assert_eq!(p("5.58", Lang::En), "5.58%");
        assert_eq!(p("10", Lang::Vi), "10%");
        assert_eq!(p("10.50", Lang::En), "10.5%");
        assert_eq!(p("3.14159", Lang::En), "3.14%");
        assert_eq!(p("0", Lang::En), "0%");
    }

    #[test]
    fn the_refusal_is_said_in_the_servers_words_else_the_pages() {
        let server = i18n::server_message("affiliate_not_enrolled");
        assert_ne!(server, "affiliate_not_enrolled", "server.json knows the word");
        assert_eq!(refusal_text("affiliate_not_enrolled"), server);
        // a kin word `server` does not know: the page's own text
        assert_eq!(refusal_text("not_affiliate"), t("affiliates.not_enrolled"));
        assert_eq!(refusal_text(""), t("affiliates.not_enrolled"));
    }
}
