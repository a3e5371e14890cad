//! The renewal card: years at the TLD's renew price, a payment method,
//! and the invoice the order made.

use crate::api::billing::{self, PaymentMethod};
use crate::api::domains::{self, RenewOrder, Tld};
use crate::i18n::{self, t_with, tr};
use crate::outcome::{self, Ended};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::erase::{effect, resource};
use crate::ui::format::money;
use crate::ui::text::SubmitButton;
use crate::ui::{error_text, ErrorPanel, Loading};
use crate::vocab::Id;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Renewal (`POST /domain/@id/renew {years, pay_method}`) with the TLD's
/// renew prices (`GET /domain/order`) and payment methods (`GET /payment`).
#[component]
pub fn Renew(ctx: Ctx, status: String) -> impl IntoView {
    let tlds = resource(domains::tlds);
    let methods = resource(billing::payment_methods);
    let cur = ctx.currency;
    let renewable =
        matches!(logic::Status::of(&status), logic::Status::Active | logic::Status::Expired);
    let name = ctx.name.clone();
    let tld = {
        let name = name.clone();
        Memo::new(move |_| -> Option<Tld> {
            let list = tlds.get()?.ok()?;
            let names: Vec<String> = list.iter().map(|t| t.tld.0.clone()).collect();
            let m = logic::tld_match(&name, &names)?.clone();
            list.into_iter().find(|t| t.tld.0 == m)
        })
    };
    let years = RwSignal::new("1".to_string());
    let method = RwSignal::new(String::new());
    effect(move || {
        if let Some(Ok(m)) = methods.get() {
            if method.get_untracked().is_empty() {
                if let Some(first) = m.first() {
                    method.set(first.id.0.clone());
                }
            }
        }
    });
    let price_of = move |y: &str| -> Option<crate::api::loose::Decimal> {
        tld.get()?.periods.0.into_iter().find(|p| p.period.as_str() == y)?.renew.value
    };
    let currency_now = move || cur.get();
    let year_opts = Signal::derive(move || {
        let c = currency_now();
        tld.get()
            .map(|t| {
                t.periods
                    .0
                    .iter()
                    .filter(|p| p.renew.value.is_some_and(|v| !v.is_zero()))
                    .map(|p| {
                        let price =
                            p.renew.value.map(|v| money(v, &c, i18n::lang())).unwrap_or_default();
                        (
                            p.period.0.clone(),
                            t_with(
                                "domains.renew_option",
                                &[("n", p.period.as_str()), ("price", &price)],
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let method_opts = Signal::derive(move || match methods.get() {
        Some(Ok(m)) => m.into_iter().map(|PaymentMethod { id, name, .. }| (id.0, name.0)).collect(),
        _ => Vec::new(),
    });
    // how the last renewal ended; a lost answer is looked for among the
    // invoices before another renewal may be sent
    let ended = RwSignal::new(None::<Ended<RenewOrder>>);
    let id = ctx.id.clone();
    let renew = crate::ui::erase::action(move |(y, m, total): &(u32, Id, String)| {
        let (id, y, m, total) = (id.clone(), *y, m.clone(), total.clone());
        async move {
            let send = async move {
                let (order, info) = domains::renew(id, y, m).await?;
                crate::ui::toast::info(&info, "domains.renew_done_toast");
                Ok(order)
            };
            ended.try_set(Some(outcome::send_and_find(total, send).await));
        }
    });
    let recheck = crate::ui::erase::action(move |mark: &outcome::Mark| {
        let mark = mark.clone();
        async move {
            let r = outcome::settle(mark).await;
            ended.try_set(Some(r));
        }
    });
    let pending = Signal::derive(move || renew.pending().get() || recheck.pending().get());
    let unknown = move || ended.with(|e| e.as_ref().is_some_and(Ended::blocks));
    let confirm = ctx.confirm;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || unknown() {
            return;
        }
        let y = years.get_untracked();
        let m = method.get_untracked();
        let (Ok(n), false) = (y.parse::<u32>(), m.is_empty()) else { return };
        let price = price_of(&y);
        let raw_total = price.map(|p| p.to_string()).unwrap_or_default();
        let total =
            price.map(|p| money(p, &currency_now(), i18n::lang())).unwrap_or_else(|| "—".into());
        let method_name = method_opts
            .get_untracked()
            .into_iter()
            .find(|(k, _)| *k == m)
            .map(|(_, v)| v)
            .unwrap_or_default();
        let body = t_with(
            "domains.renew_confirm_body",
            &[("name", &name), ("n", &y), ("total", &total), ("method", &method_name)],
        );
        confirm.ask(Confirm::new(
            "domains.renew_confirm_title",
            body,
            "domains.renew_confirm",
            move || {
                ended.set(None);
                renew.dispatch((n, Id(m.clone()), raw_total.clone()));
            },
        ));
    };
    view! {
        <section class="card" id="renew" aria-labelledby="rn-title" data-testid="renew">
            <h2 id="rn-title">{tr("domains.renew")}</h2>
            {(!renewable).then(|| view! { <p class="muted">{tr("domains.renew_unavailable")}</p> })}
            {move || match (tlds.get(), methods.get()) {
                (None, _) | (_, None) => view! { <Loading/> }.into_any(),
                (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <ErrorPanel error=e what="domains.renew_load_error" on_retry=Callback::new(move |_| { tlds.refetch(); methods.refetch(); })/> }.into_any(),
                _ if year_opts.with(Vec::is_empty) => view! { <p class="muted">{tr("domains.renew_no_price")}</p> }.into_any(),
                _ => view! {
                    <form class="form" novalidate on:submit=on_submit.clone()>
                        <SelectField label="domains.renew_years" name="years" value=years options=year_opts/>
                        <SelectField label="domains.pay_method" name="pay_method" value=method options=method_opts/>
                        <p class="total" aria-live="polite">
                            {tr("domains.total")} ": "
                            <strong>{move || price_of(&years.get()).map(|p| money(p, &currency_now(), i18n::lang())).unwrap_or_else(|| "—".into())}</strong>
                        </p>
                        <SubmitButton pending=pending label="domains.renew_submit" busy="domains.renewing" blocked=Signal::derive(move || !renewable || unknown())/>
                    </form>
                }.into_any(),
            }}
            <RenewOutcome ended=ended pending=pending currency=cur recheck=Callback::new(move |m: outcome::Mark| { recheck.dispatch(m); })/>
        </section>
    }
}

/// How the last renewal ended: its invoice, the server's refusal, or for a
/// lost answer what the look found (with "check again" while unknown).
#[component]
fn RenewOutcome(
    ended: RwSignal<Option<Ended<RenewOrder>>>,
    pending: Signal<bool>,
    currency: Signal<String>,
    recheck: Callback<outcome::Mark>,
) -> impl IntoView {
    let invoice_note = move |invoice: &str, total: &crate::api::loose::Money| {
        t_with(
            "domains.renew_invoice",
            &[
                ("invoice", invoice),
                ("total", &crate::ui::format::money_text(total, &currency.get(), i18n::lang())),
            ],
        )
    };
    move || {
        match ended.get()? {
        _ if pending.get() => None,
        Ended::Refused(e) => Some(view! { <ErrorPanel error=e what="domains.renew_error"/> }.into_any()),
        Ended::Answered(o) => Some(view! {
            <div class="alert alert-info" role="status" data-testid="renew-result">
                <strong class="alert-title">{tr("domains.renew_done")}</strong>
                <p>{invoice_note(o.invoice_id.as_str(), &o.total)}</p>
            </div>
        }.into_any()),
        Ended::Found(i) => Some(view! {
            <div class="alert alert-info" role="status" data-testid="renew-result">
                <strong class="alert-title">{tr("domains.renew_done")}</strong>
                <p>{tr("domains.renew_found")}" "{invoice_note(i.id.as_str(), &i.total)}</p>
            </div>
        }.into_any()),
        Ended::NotDone => Some(view! {
            <p class="alert alert-info" role="alert" data-testid="renew-lost">{tr("domains.renew_not_done")}</p>
        }.into_any()),
        Ended::Unknown(mark, e) => Some(view! {
            <div class="alert alert-error" role="alert" data-testid="renew-lost">
                <p>{tr("domains.renew_unknown")}" "{error_text(&e)}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| recheck.run(mark.clone())>
                    {tr("common.check_again")}
                </button>
            </div>
        }.into_any()),
    }
    }
}
