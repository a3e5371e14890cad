//! The live quote: every change asks `POST /quote` again after a short
//! pause, and only the answer to the newest request is shown (see
//! `cart::Latest`). The summary shows what the server computed: subtotal,
//! discount, each tax line, total and the recurring amounts.

use crate::api::cart::items::OrderItem;
use crate::api::cart::order::{Quote, QuoteItem};
use crate::api::loose::Money;
use crate::api::{self, ApiError};
use crate::cart::Latest;
use crate::i18n::{self, server_message, t, t_with, tr};
use crate::ui::error_text;
use crate::ui::fields::Note;
use crate::ui::format::money_text;
use crate::ui::select::cycle_name;
use leptos::prelude::*;

/// Pause after the last change before asking for a quote.
pub const DEBOUNCE_MS: u32 = 300;

/// A quote that follows its inputs. Copy: signals and the request
/// numbering live in the reactive arena of the page that made it.
#[derive(Clone, Copy)]
pub struct LiveQuote {
    pub quote: RwSignal<Option<Quote>>,
    pub error: RwSignal<Option<ApiError>>,
    pub loading: RwSignal<bool>,
    latest: StoredValue<Latest, LocalStorage>,
}

impl LiveQuote {
    pub fn new() -> Self {
        LiveQuote {
            quote: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            latest: StoredValue::new_local(Latest::default()),
        }
    }

    /// Asks for a quote of `items` (after [`DEBOUNCE_MS`]); any request made
    /// before is superseded.
    pub fn request(&self, items: Vec<OrderItem>, pay_method: Option<String>) {
        let Some(n) = self.latest.try_with_value(Latest::issue) else { return };
        if items.is_empty() {
            self.latest.try_with_value(|l| l.take(n));
            self.quote.set(None);
            self.error.set(None);
            self.loading.set(false);
            return;
        }
        self.loading.set(true);
        let (latest, quote, error, loading) = (self.latest, self.quote, self.error, self.loading);
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
            // the page may be gone (None), or a newer change came
            if latest.try_with_value(|l| l.is_current(n)) != Some(true) {
                return;
            }
            let answer = api::cart::order::quote(items, pay_method.as_deref()).await;
            if latest.try_with_value(|l| l.take(n)) != Some(true) {
                return; // a newer request is under way or answered, or the page is gone
            }
            match answer {
                Ok(q) => {
                    quote.try_set(Some(q));
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    }

    /// Ready to order: an answer for the current inputs, every item valid.
    /// (Reads signals only, so it can be copied into views.)
    pub fn ready(
        quote: RwSignal<Option<Quote>>,
        error: RwSignal<Option<ApiError>>,
        loading: RwSignal<bool>,
    ) -> bool {
        !loading.get()
            && error.get().is_none()
            && quote.with(|q| q.as_ref().is_some_and(Quote::all_valid))
    }
}

impl Default for LiveQuote {
    fn default() -> Self {
        Self::new()
    }
}

/// The server's errors for one item, translated.
pub fn item_errors(item: &QuoteItem) -> Vec<String> {
    let mut out: Vec<String> = item.error.iter().map(|m| server_message(m)).collect();
    if out.is_empty() && !item.is_valid() {
        out.push(t("cart.item_invalid"));
    }
    out
}

fn money_row(label: String, amount: &Money, currency: &str, class: &'static str) -> impl IntoView {
    let text = money_text(amount, currency, i18n::lang());
    view! {
        <div class=format!("dl-row {class}")>
            <dt>{label}</dt>
            <dd class="num">{text}</dd>
        </div>
    }
}

/// The totals of a quote. `items_label` names the items' prices when the
/// caller lists them elsewhere.
pub fn summary_view(q: &Quote, currency: &str) -> impl IntoView {
    let s = q.summary.0.clone();
    let discount = s.discount.value.is_some_and(|d| !d.is_zero());
    let taxes = s.tax.0.clone();
    let recurring = s.recurring.0.clone();
    let cur = currency.to_owned();
    view! {
        <dl class="dl quote-totals" data-testid="quote-totals">
            {money_row(t("cart.subtotal"), &s.subtotal, &cur, "")}
            {discount.then(|| money_row(t("cart.discount"), &s.discount, &cur, "discount"))}
            {taxes
                .iter()
                .map(|tax| {
                    let rate = tax.value.as_str().trim();
                    let label = if rate.is_empty() {
                        tax.name.0.clone()
                    } else {
                        t_with("cart.tax_line", &[("name", tax.name.as_str()), ("rate", rate)])
                    };
                    money_row(label, &tax.tax, &cur, "")
                })
                .collect_view()}
            {money_row(t("cart.total"), &s.total, &cur, "total")}
        </dl>
        {(!recurring.is_empty()).then(|| {
            view! {
                <p class="muted recurring-title">{t("cart.recurring")}</p>
                <ul class="recurring" data-testid="quote-recurring">
                    {recurring
                        .iter()
                        .map(|r| {
                            let cycle = if r.value.as_str().is_empty() { r.title.0.clone() } else { cycle_name(r.value.as_str()) };
                            let price = money_text(&r.price, &cur, i18n::lang());
                            view! { <li>{t_with("cart.recurring_line", &[("cycle", &cycle), ("price", &price)])}</li> }
                        })
                        .collect_view()}
                </ul>
            }
        })}
    }
}

/// The live quote panel: progress while asking, the server's totals, the
/// errors of invalid items, or what went wrong.
#[component]
pub fn QuotePanel(live: LiveQuote, #[prop(into)] currency: Signal<String>) -> impl IntoView {
    let LiveQuote { quote, error, loading, .. } = live;
    view! {
        <section class="card quote" aria-labelledby="quote-title" aria-busy=move || loading.get().then_some("true")>
            <h2 id="quote-title">{tr("cart.quote_title")}</h2>
            <p class="quote-status muted" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true" hidden=move || !loading.get()></span>
                {move || if loading.get() { t("cart.quoting") } else { String::new() }}
            </p>
            <Note class="alert alert-error" role="alert"
                text=Signal::derive(move || error.get().map(|e| format!("{} {}", error_text(&e), t("cart.quote_failed_hint"))))/>
            {move || {
                quote.with(|q| {
                    q.as_ref().map(|q| {
                        let problems: Vec<String> = q.items.0.iter().flat_map(item_errors).collect();
                        view! {
                            <div class:stale=move || loading.get()>
                                {summary_view(q, &currency.get())}
                            </div>
                            {(!problems.is_empty()).then(|| view! {
                                <div class="alert alert-error" role="alert" data-testid="quote-errors">
                                    <strong class="alert-title">{t("cart.item_errors")}</strong>
                                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                </div>
                            })}
                        }
                    })
                })
            }}
        </section>
    }
}
