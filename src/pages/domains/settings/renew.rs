//! The renewal card: years at the TLD's renew price, a payment method,
//! and the invoice the order made.

use crate::api::billing::{self, PaymentMethod};
use crate::api::domains::{self, RenewOrder, Tld};
use crate::i18n::{self, t_with, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::erase::{effect, resource};
use crate::ui::format::money;
use crate::ui::text::SubmitButton;
use crate::ui::{ErrorPanel, Loading};
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
    let result = RwSignal::new(None::<RenewOrder>);
    let id = ctx.id.clone();
    let renew = crate::ui::erase::action(move |(y, m): &(u32, Id)| {
        let (id, y, m) = (id.clone(), *y, m.clone());
        async move {
            let r = domains::renew(id, y, m).await;
            if let Ok((order, info)) = &r {
                result.set(Some(order.clone()));
                crate::ui::toast::info(info, "domains.renew_done_toast");
            }
            r.map(|(o, _)| o)
        }
    });
    let pending = renew.pending();
    let confirm = ctx.confirm;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let y = years.get_untracked();
        let m = method.get_untracked();
        let (Ok(n), false) = (y.parse::<u32>(), m.is_empty()) else { return };
        let total = price_of(&y)
            .map(|p| money(p, &currency_now(), i18n::lang()))
            .unwrap_or_else(|| "—".into());
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
                renew.dispatch((n, Id(m.clone())));
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
                        <SubmitButton pending=pending label="domains.renew_submit" busy="domains.renewing" blocked=Signal::derive(move || !renewable)/>
                    </form>
                }.into_any(),
            }}
            {move || match renew.value().get() {
                Some(Err(e)) if !pending.get() => Some(view! { <ErrorPanel error=e what="domains.renew_error"/> }.into_any()),
                _ => result.get().map(|o| {
                    let total = o.total.clone();
                    view! {
                        <div class="alert alert-info" role="status" data-testid="renew-result">
                            <strong class="alert-title">{tr("domains.renew_done")}</strong>
                            <p>{move || t_with("domains.renew_invoice", &[
                                ("invoice", o.invoice_id.as_str()),
                                ("total", &crate::ui::format::money_text(&total, &currency_now(), i18n::lang())),
                            ])}</p>
                        </div>
                    }.into_any()
                }),
            }}
        </section>
    }
}
