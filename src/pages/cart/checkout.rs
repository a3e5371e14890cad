//! `/checkout`: the cart's final quote, payment methods with their fees
//! (`GET /payment/fees`: fee = fixed + total × percent / 100, shown before
//! paying), the promo code, and one `POST /order` for the whole cart. The
//! button cannot send twice: the action is guarded by a flag set before the
//! request leaves, not only by the disabled attribute, and an order whose
//! answer is lost is looked for before anything else ([`super::placing`]).
//! A refused order keeps the cart; the confirmation empties it and links
//! to the invoice.

use super::placing::{self, Placing, Send};
use super::quote::{LiveQuote, QuotePanel};
use super::CartLines;
use crate::api::billing::{currency_places, PaymentMethod};
use crate::api::cart::order::{OrderResult, Quote};
use crate::api::loose::{Decimal, Money};
use crate::api::{self, ApiError};
use crate::app::href;
use crate::cart;
use crate::i18n::{self, t, t_with, tr};
use crate::state::account_currency;
use crate::ui::erase::{effect, resource, Res};
use crate::ui::fields::{ChoiceItem, ChoiceList, Note};
use crate::ui::format::{money, money_text};
use crate::ui::{error_text, ErrorPanel, Loading, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

/// The fee of `method` on the quote's total, exact, in the account's unit.
pub fn fee_for(method: &PaymentMethod, total: &Money, currency: &str) -> Option<Decimal> {
    method.fee(total.value?, currency_places(currency))
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    crate::ui::page_title("checkout.title");
    let (_, currency) = account_currency();
    let methods = resource(api::billing::payment_methods);
    // the method chosen, else the first offered
    let chosen = RwSignal::new(String::new());
    let pay_method = Signal::derive(move || {
        let c = chosen.get();
        if !c.is_empty() {
            return c;
        }
        methods
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.first().map(|m| m.id.0.clone()))
            .unwrap_or_default()
    });

    let live = LiveQuote::new();
    effect(move || {
        let items = cart::with(|c| c.order_items());
        live.request(items, None);
    });
    let LiveQuote { quote, error: quote_err, loading, .. } = live;

    let phase = RwSignal::new(Placing::Idle);
    let client = crate::state::client_id();
    // one run at a time in this tab; the lock keeps other tabs out
    let running = StoredValue::new(false);
    let start = move |send: Option<Send>| {
        if running.get_value() {
            return;
        }
        // the account's id may be unknown (its details did not load): the
        // order still goes, kept as unsettled for whoever is signed in
        let who = client.get_untracked();
        running.set_value(true);
        leptos::task::spawn_local(async move {
            let end = placing::run(who, send, move |p| {
                phase.try_set(p);
            })
            .await;
            running.try_set_value(false);
            if matches!(end, Placing::Done { .. }) {
                gloo_timers::future::TimeoutFuture::new(30).await;
                crate::browser::focus("order-done");
            }
        });
    };
    // an order left unsettled (here or in another tab) is looked for first;
    // when the other tab settles it, this one may order again
    effect(move || {
        let who = client.get();
        let waiting = cart::unsettled(&who).is_some();
        let now = phase.get_untracked();
        if waiting && matches!(now, Placing::Idle | Placing::NotPlaced | Placing::Refused(_)) {
            start(None);
        } else if !waiting && now == Placing::OtherTab {
            phase.set(Placing::Idle);
        }
    });
    let pending =
        Signal::derive(move || matches!(phase.get(), Placing::Sending | Placing::Checking));
    let ready = move || {
        LiveQuote::ready(quote, quote_err, loading)
            && !pay_method.get().is_empty()
            && cart::count() > 0
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // the guard: a double click, a held Enter, a slow network or a lost
        // answer never sends a second order
        if phase.with_untracked(Placing::locked) || running.get_value() || !ready() {
            return;
        }
        let (items, aff) = cart::with_untracked(|c| (c.order_items(), c.aff().map(str::to_owned)));
        let total = quote.with_untracked(|q| {
            q.as_ref().map(|q| q.summary.0.total.raw.clone()).unwrap_or_default()
        });
        start(Some(Send { items, pay_method: pay_method.get_untracked(), aff, total }));
    };
    let check_again = move |_| start(None);

    let empty = Memo::new(move |_| cart::count() == 0);
    let aff = Memo::new(move |_| cart::with(|c| c.aff().map(str::to_owned)));
    let failure = Signal::derive(move || match phase.get() {
        Placing::Refused(e) => Some(format!(
            "{} {} {}",
            t("checkout.failed"),
            error_text(&e),
            t("checkout.failed_hint")
        )),
        _ => None,
    });
    let done = move || match phase.get() {
        Placing::Done { result, found } => Some((result, found)),
        _ => None,
    };

    view! {
        <section class="page" aria-labelledby="checkout-title">
            <h1 id="checkout-title">{tr("checkout.title")}</h1>
            {move || done().map(|(r, found)| confirmation(r, found, &currency.get()))}
            <div hidden=move || done().is_some()>
                <div class="card" hidden=move || !empty.get()>
                    <p data-testid="checkout-empty">{tr("checkout.empty")}</p>
                    <A href=href::CART attr:class="btn btn-primary">{tr("checkout.browse")}</A>
                </div>
                <div class="checkout" hidden=move || empty.get()>
                    <div class="checkout-main">
                        <section class="card" aria-labelledby="co-items">
                            <h2 id="co-items">{tr("checkout.items")}</h2>
                            <CartLines quote=quote currency=currency/>
                            <p><A href=href::CART>{tr("checkout.add_more")}</A></p>
                        </section>
                        <PromoForm currency=currency/>
                        <form class="card form" novalidate on:submit=on_submit aria-labelledby="co-pay" data-testid="checkout-form">
                            <h2 id="co-pay">{tr("checkout.payment")}</h2>
                            <PaymentChoices methods=methods pay_method=pay_method chosen=chosen quote=quote currency=currency/>
                            <Note class="muted" testid="affiliate"
                                text=Signal::derive(move || aff.get().map(|a| t_with("checkout.affiliate", &[("id", &a)])))/>
                            <Note class="alert alert-error" role="alert" testid="order-error" text=failure/>
                            <Unsettled phase=phase check_again=Callback::new(check_again)/>
                            <button type="submit" class="btn btn-primary btn-block"
                                disabled=move || !ready() || phase.with(Placing::locked)
                                aria-busy=move || pending.get().then_some("true")>
                                <span class="spinner" aria-hidden="true" hidden=move || !pending.get()></span>
                                {move || match phase.get() {
                                    Placing::Sending => t("checkout.placing"),
                                    Placing::Checking => t("checkout.checking"),
                                    Placing::NotPlaced => t("checkout.place_again"),
                                    _ => t("checkout.place"),
                                }}
                            </button>
                            <p class="hint">{tr("checkout.place_hint")}</p>
                        </form>
                    </div>
                    <QuotePanel live=live currency=currency/>
                </div>
            </div>
        </section>
    }
}

/// Says where an order whose answer was lost stands: being looked for,
/// not placed, or not known yet (with "check again"); or that another tab
/// is placing one.
#[component]
fn Unsettled(phase: RwSignal<Placing>, check_again: Callback<()>) -> impl IntoView {
    move || {
        let (class, key, again) = match phase.get() {
            Placing::Checking => ("alert alert-warn", "checkout.lost_checking", false),
            Placing::NotPlaced => ("alert alert-info", "checkout.lost_not_placed", false),
            Placing::Unchecked(_) => ("alert alert-error", "checkout.lost_unchecked", true),
            Placing::OtherTab => ("alert alert-warn", "checkout.other_tab", true),
            _ => return ().into_any(),
        };
        let detail = match phase.get_untracked() {
            Placing::Unchecked(e) => error_text(&e),
            _ => String::new(),
        };
        view! {
            <div class=class role="alert" data-testid="order-unsettled">
                <p>{tr(key)}" "{detail}</p>
                {again.then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=move |_| check_again.run(())>
                        {tr("common.check_again")}
                    </button>
                })}
            </div>
        }
        .into_any()
    }
}

/// The order went through: numbers, invoice, total, and where to pay.
/// `found`: its answer was lost and its invoice was found afterwards.
fn confirmation(r: OrderResult, found: bool, currency: &str) -> impl IntoView {
    let numbers = r.order_numbers().join(", ");
    let has_numbers = !numbers.is_empty();
    let total = money_text(&r.total, currency, i18n::lang());
    let invoice = r.invoice_id.0.clone();
    let href = href::invoice(&invoice);
    view! {
        <div class="card order-done" data-testid="order-done">
            <h2 id="order-done" tabindex="-1">{t("checkout.done")}</h2>
            {found.then(|| view! { <p data-testid="order-found">{t("checkout.found")}</p> })}
            <dl class="dl">
                {has_numbers.then(|| view! {
                    <div class="dl-row"><dt>{t("checkout.order_numbers")}</dt><dd data-testid="order-numbers">{numbers}</dd></div>
                })}
                <div class="dl-row"><dt>{t("checkout.invoice")}</dt><dd data-testid="order-invoice">{invoice.clone()}</dd></div>
                <div class="dl-row"><dt>{t("checkout.total")}</dt><dd class="num" data-testid="order-total">{total}</dd></div>
            </dl>
            <p>{t("checkout.done_hint")}</p>
            <div class="actions">
                <A href=href attr:class="btn btn-primary">{t_with("checkout.view_invoice", &[("id", &invoice)])}</A>
                <A href=href::CART attr:class="btn btn-secondary">{t("checkout.continue")}</A>
            </div>
        </div>
    }
}

/// The payment methods as radio buttons, each with its fee on this total
/// (and the estimated amount to pay with it).
#[component]
fn PaymentChoices(
    methods: Res<Result<Vec<PaymentMethod>, ApiError>>,
    pay_method: Signal<String>,
    chosen: RwSignal<String>,
    quote: RwSignal<Option<Quote>>,
    currency: Signal<String>,
) -> impl IntoView {
    let items = Signal::derive(move || {
        let list = methods.get().and_then(Result::ok).unwrap_or_default();
        let cur = currency.get();
        let total = quote.with(|q| q.as_ref().map(|q| q.summary.0.total.clone()));
        let lang = i18n::lang();
        list.iter()
            .map(|m| {
                let fee = total.as_ref().and_then(|tot| fee_for(m, tot, &cur));
                let mut detail = match fee {
                    Some(f) if f.is_zero() => t("checkout.no_fee"),
                    Some(f) => t_with("checkout.fee", &[("fee", &money(f, &cur, lang))]),
                    None => t("checkout.fee_unknown"),
                };
                let to_pay = total
                    .as_ref()
                    .and_then(|tot| tot.value)
                    .zip(fee.filter(|f| !f.is_zero()))
                    .and_then(|(a, b)| a.checked_add(b));
                if let Some(p) = to_pay {
                    detail = format!(
                        "{detail} · {}",
                        t_with("checkout.to_pay", &[("amount", &money(p, &cur, lang))])
                    );
                }
                ChoiceItem::new(m.id.0.clone(), m.name.0.clone(), detail)
            })
            .collect()
    });
    move || {
        match methods.get() {
        None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! {
            <ErrorPanel error=e what="checkout.methods_error" on_retry=Callback::new(move |_| methods.refetch())/>
        }
        .into_any(),
        Some(Ok(_)) => view! {
            <ChoiceList legend=Some(tr("checkout.method").into()) id="f-pay_method" name="pay_method" items=items
                selected=Signal::derive(move || vec![pay_method.get()])
                on_change=Callback::new(move |(v, _): (String, bool)| chosen.set(v)) testid="pay-methods"/>
        }
        .into_any(),
    }
    }
}

/// The promo code, kept with the cart and applied to every product.
#[component]
fn PromoForm(currency: Signal<String>) -> impl IntoView {
    let code = RwSignal::new(cart::with_untracked(|c| c.promocode.clone()));
    let applied = move || cart::with(|c| c.promocode.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let v = code.get_untracked().trim().to_uppercase();
        code.set(v.clone());
        cart::update(|c| c.set_promo(v));
    };
    let clear = move |_| {
        code.set(String::new());
        cart::update(|c| c.set_promo(String::new()));
    };
    view! {
        <form class="card form promo" novalidate on:submit=on_submit aria-labelledby="promo-title">
            <h2 id="promo-title">{tr("checkout.promo")}</h2>
            <TextField label="checkout.promo_label" name="promocode" value=code error=Signal::stored(None::<String>)
                autocomplete="off" hint="checkout.promo_hint"/>
            <CouponOffers code=code currency=currency/>
            <div class="actions">
                <button type="submit" class="btn btn-secondary">{tr("checkout.promo_apply")}</button>
                <span class="promo-applied" role="status" hidden=move || applied().is_empty()>
                    {move || t_with("checkout.promo_applied", &[("code", &applied())])}
                </span>
                <button type="button" class="btn btn-ghost" on:click=clear hidden=move || applied().is_empty()>{tr("checkout.promo_remove")}</button>
            </div>
        </form>
    }
}

/// The customer's own coupons for the cart's items
/// (`POST /domain/coupons/bkns_coupons`, one question per item), each
/// offered as the promo code for the items it was found for. Asked only
/// for the signed-in customer; nothing is shown when there are none or the
/// server does not answer.
#[component]
fn CouponOffers(code: RwSignal<String>, currency: Signal<String>) -> impl IntoView {
    use crate::api::cart::coupons::{self, Coupon};
    let client = crate::state::client_id();
    // (question, the cart line it is asked for): a memo, so choosing a
    // coupon (a cart change that leaves the lines alone) asks nothing again
    let asks = Memo::new(move |_| {
        let client = client.get();
        cart::with(|c| {
            c.lines
                .iter()
                .filter_map(|l| {
                    let q = coupons::queries(&client, std::iter::once((l.title.as_str(), &l.item)));
                    q.into_iter().next().map(|q| (q, l.key))
                })
                .collect::<Vec<_>>()
        })
    });
    let offers = resource(move || {
        let asks = asks.get();
        async move {
            let mut out: Vec<(Coupon, Vec<u32>)> = Vec::new();
            for (q, key) in asks {
                for c in coupons::for_item(&q).await.unwrap_or_default() {
                    match out.iter_mut().find(|(o, _)| o.code.eq_ignore_ascii_case(&c.code)) {
                        Some((_, keys)) => keys.push(key),
                        None => out.push((c, vec![key])),
                    }
                }
            }
            Ok::<_, ApiError>(out)
        }
    });
    move || {
        let list = offers.get().and_then(Result::ok).unwrap_or_default();
        if list.is_empty() {
            return ().into_any();
        }
        let applied = cart::with(|c| c.promocode.clone());
        let items = list
            .into_iter()
            .map(|(c, keys)| {
                let using = applied.eq_ignore_ascii_case(&c.code);
                let what = coupon_text(&c, &currency.get());
                let label = t_with("checkout.coupon_use", &[("code", &c.code)]);
                let use_it = {
                    let code_text = c.code.clone();
                    move |_| {
                        code.set(code_text.clone());
                        cart::update(|cart| cart.set_coupon(code_text.clone(), keys.clone()));
                    }
                };
                view! {
                    <li class="coupon">
                        <span><strong class="mono">{c.code.clone()}</strong>" — "{what}</span>
                        {if using {
                            view! { <span class="badge badge-success">{tr("checkout.coupon_in_use")}</span> }.into_any()
                        } else {
                            view! { <button type="button" class="btn btn-secondary" aria-label=label on:click=use_it>{tr("checkout.coupon_apply")}</button> }.into_any()
                        }}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="coupons" data-testid="coupons">
                <p>{tr("checkout.coupons_intro")}</p>
                <ul class="coupon-list">{items}</ul>
            </div>
        }
        .into_any()
    }
}

/// "15% off, until 31/03/2027 — .vn domains" from a coupon.
fn coupon_text(c: &crate::api::cart::coupons::Coupon, currency: &str) -> String {
    let off = match c.kind.as_str() {
        "percent" | "percentage" => t_with("checkout.coupon_percent", &[("n", &c.value)]),
        "fixed" | "amount" => t_with(
            "checkout.coupon_fixed",
            &[("amount", &money_text(&c.amount, currency, i18n::lang()))],
        ),
        _ => c.value.clone(),
    };
    let mut parts = vec![off];
    if !c.expires.is_empty() {
        parts.push(t_with(
            "checkout.coupon_until",
            &[("date", &crate::ui::format::date(&c.expires))],
        ));
    }
    if !c.description.is_empty() {
        parts.push(c.description.clone());
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")
}
