//! `/billing`: balance and credit (`GET /balance`), invoices (`GET
//! /invoice`); `/billing/invoices/:id`: one invoice (`GET /invoice/@id`)
//! with its lines, tax and status, and "pay with credit" (`POST
//! /invoice/@id/credit`, optional amount). Both invoice calls are standard
//! HostBill but absent from the provider's reference: when the server
//! answers 404 / "invalid method" the pages say so and still let the
//! customer pay an invoice by its number.

use crate::api::billing::{invoice_status, Balance, Invoice, InvoiceStatus, InvoiceSummary};
use crate::api::loose::Money;
use crate::api::{self, ApiError};
use crate::app::href;
use crate::i18n::{self, server_message, t, t_with, tr};
use crate::state::account_currency;
use crate::ui::erase::{resource, Res};
use crate::ui::fields::Note;
use crate::ui::format::{date, money_text, parse_amount};
use crate::ui::money_cards::money_cards;
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::{error_text, resource_view, ErrorPanel, Loading, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Translated status and its badge tone.
pub fn status_badge(status: &str) -> (String, &'static str) {
    match invoice_status(status) {
        InvoiceStatus::Paid => (t("billing.status_paid"), "ok"),
        InvoiceStatus::Unpaid => (t("billing.status_unpaid"), "warn"),
        InvoiceStatus::Cancelled => (t("billing.status_cancelled"), "muted"),
        InvoiceStatus::Refunded => (t("billing.status_refunded"), "muted"),
        InvoiceStatus::Other => (status.to_owned(), "muted"),
    }
}

#[component]
pub fn BillingPage() -> impl IntoView {
    crate::ui::page_title("billing.title");
    let (balance, currency) = account_currency();
    let invoices = resource(api::billing::invoices);
    view! {
        <section class="page" aria-labelledby="billing-title">
            <h1 id="billing-title">{tr("billing.title")}</h1>
            <div class="cards">{resource_view(balance, "dashboard.money_error", |b: Balance| money_cards(b.acc_balance, b.acc_credit, b.currency.0))}</div>
            <section class="card" aria-labelledby="inv-title">
                <h2 id="inv-title">{tr("billing.invoices")}</h2>
                {move || match invoices.get() {
                    None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                    Some(Err(ApiError::NotSupported)) => view! {
                        <p class="alert alert-info" role="status" data-testid="invoices-unsupported">{t("billing.list_unsupported")}</p>
                        <PayByNumber/>
                    }
                    .into_any(),
                    Some(Err(e)) => view! {
                        <ErrorPanel error=e what="billing.invoices_error" on_retry=Callback::new(move |_| invoices.refetch())/>
                    }
                    .into_any(),
                    Some(Ok(list)) => invoice_table(list, &currency.get()).into_any(),
                }}
            </section>
        </section>
    }
}

fn invoice_table(list: Vec<InvoiceSummary>, account_currency: &str) -> impl IntoView {
    let lang = i18n::lang();
    let rows = list
        .into_iter()
        .map(|i| {
            let cur =
                if i.currency.as_str().is_empty() { account_currency } else { i.currency.as_str() };
            let (status, tone) = status_badge(i.status.as_str());
            let number = if i.number.as_str().trim().is_empty() {
                format!("#{}", i.id)
            } else {
                i.number.0.clone()
            };
            vec![
                Cell::Link { href: href::invoice(i.id.as_str()), text: number },
                Cell::Text(date(i.date.as_str())),
                Cell::Text(date(i.duedate.as_str())),
                Cell::Num(money_text(&i.total, cur, lang)),
                Cell::Badge { text: status, tone },
            ]
        })
        .collect();
    view! {
        <DataTable
            caption=tr("billing.invoices_caption")
            columns=vec![
                Column::text("billing.col_number"),
                Column::text("billing.col_date"),
                Column::text("billing.col_due"),
                Column::num("billing.col_total"),
                Column::text("billing.col_status"),
            ]
            rows=rows
            testid="invoices"
            empty=tr("billing.no_invoices")
        />
    }
}

/// When the server cannot list invoices: open one by its number.
#[component]
fn PayByNumber() -> impl IntoView {
    let number = RwSignal::new(String::new());
    let checked = RwSignal::new(false);
    let err = Signal::derive(move || {
        let v = number.get();
        let ok =
            !v.trim().is_empty() && v.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        (checked.get() && !ok).then(|| t("billing.number_invalid"))
    });
    let navigate = use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if err.get_untracked().is_some() {
            crate::browser::focus("f-invoice_id");
            return;
        }
        navigate(&href::invoice(number.get_untracked().trim()), Default::default());
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <TextField label="billing.open_number" name="invoice_id" value=number error=err inputmode="numeric"
                autocomplete="off" hint="billing.open_number_hint" required=true/>
            <button type="submit" class="btn btn-secondary">{tr("billing.open")}</button>
        </form>
    }
}

#[component]
pub fn InvoicePage() -> impl IntoView {
    crate::ui::page_title("billing.invoice_title");
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let invoice = resource(move || api::billing::invoice(id()));
    let (balance, currency) = account_currency();
    let refresh = Callback::new(move |_| {
        invoice.refetch();
        balance.refetch();
    });
    // Paying stays on the page while the invoice reloads: shown for an
    // unpaid invoice, and for one the server cannot show.
    let state = move || invoice.get();
    let payable = Signal::derive(move || match state() {
        Some(Ok(inv)) => invoice_status(inv.status.as_str()) == InvoiceStatus::Unpaid,
        Some(Err(ApiError::NotSupported)) => true,
        _ => false,
    });
    let due = Signal::derive(move || match state() {
        Some(Ok(inv)) => Some(if inv.balance.value.is_some() { inv.balance } else { inv.total }),
        _ => None,
    });
    let heading = move || t_with("billing.invoice_heading", &[("number", &format!("#{}", id()))]);
    view! {
        <section class="page" aria-labelledby="invoice-title">
            <p><A href=href::BILLING>{tr("billing.back")}</A></p>
            {move || match state() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Err(ApiError::NotSupported)) => view! {
                    <h1 id="invoice-title">{heading}</h1>
                    <p class="alert alert-info" role="status" data-testid="invoice-unsupported">{t("billing.detail_unsupported")}</p>
                }
                .into_any(),
                Some(Err(e)) => view! {
                    <h1 id="invoice-title">{heading}</h1>
                    <ErrorPanel error=e what="billing.invoice_error" on_retry=Callback::new(move |_| invoice.refetch())/>
                }
                .into_any(),
                Some(Ok(inv)) => invoice_view(inv).into_any(),
            }}
            <PayWithCredit invoice_id=Signal::derive(id) balance=balance currency=currency due=due payable=payable on_paid=refresh/>
        </section>
    }
}

fn invoice_view(inv: Invoice) -> impl IntoView {
    let lang = i18n::lang();
    let cur = inv.currency.0.clone();
    let m = |x: &Money| money_text(x, &cur, lang);
    let number = if inv.number.as_str().trim().is_empty() {
        format!("#{}", inv.id)
    } else {
        inv.number.0.clone()
    };
    let (status, tone) = status_badge(inv.status.as_str());
    let rows: Vec<Vec<Cell>> = inv
        .items
        .0
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.description.0.clone()),
                Cell::Text(if l.taxed.0 { t("billing.taxed_yes") } else { t("billing.taxed_no") }),
                Cell::Num(m(if l.linetotal.value.is_some() { &l.linetotal } else { &l.amount })),
            ]
        })
        .collect();
    let nonzero = |x: &Money| x.value.is_some_and(|d| !d.is_zero());
    let row = |label: String, value: String, class: &'static str| {
        view! { <div class=format!("dl-row {class}")><dt>{label}</dt><dd class="num">{value}</dd></div> }
    };
    let tax_label = |rate: &str| {
        let r = rate.trim();
        if r.is_empty() || r == "0" {
            t("billing.tax")
        } else {
            t_with("billing.tax_rate", &[("rate", r)])
        }
    };
    view! {
        <div class="page-head">
            <h1 id="invoice-title">{t_with("billing.invoice_heading", &[("number", &number)])}</h1>
            <span class=format!("badge badge-{tone}") data-testid="invoice-status">{status}</span>
        </div>
        <section class="card" data-testid="invoice">
            <dl class="dl">
                <div class="dl-row"><dt>{t("billing.date")}</dt><dd>{date(inv.date.as_str())}</dd></div>
                <div class="dl-row"><dt>{t("billing.due")}</dt><dd>{date(inv.duedate.as_str())}</dd></div>
                {(!inv.datepaid.as_str().trim().is_empty()).then(|| view! {
                    <div class="dl-row"><dt>{t("billing.paid_on")}</dt><dd>{date(inv.datepaid.as_str())}</dd></div>
                })}
            </dl>
            <DataTable
                caption=tr("billing.lines_caption")
                columns=vec![Column::text("billing.col_description"), Column::text("billing.col_taxed"), Column::num("billing.col_amount")]
                rows=rows
                testid="invoice-lines"
                empty=tr("billing.no_lines")
            />
            <dl class="dl quote-totals" data-testid="invoice-totals">
                {row(t("billing.subtotal"), m(&inv.subtotal), "")}
                {row(tax_label(inv.taxrate.as_str()), m(&inv.tax), "")}
                {nonzero(&inv.tax2).then(|| row(tax_label(inv.taxrate2.as_str()), m(&inv.tax2), ""))}
                {row(t("billing.total"), m(&inv.total), "total")}
                {nonzero(&inv.credit).then(|| row(t("billing.credit_applied"), m(&inv.credit), ""))}
                {inv.balance.value.is_some().then(|| row(t("billing.balance_due"), m(&inv.balance), "due"))}
            </dl>
        </section>
    }
}

/// After a credit payment whose answer was lost: true when the account's
/// credit went down from `before` (it went through), false when it did
/// not; an error when the balance cannot be read (still unknown).
async fn settle_credit(before: Option<api::loose::Decimal>) -> Result<bool, ApiError> {
    gloo_timers::future::TimeoutFuture::new(1_500).await;
    let now = api::billing::balance().await?.acc_credit.value;
    credit_went_down(before, now).ok_or_else(|| ApiError::Decode {
        endpoint: "GET /balance".into(),
        detail: "no credit amount to compare".into(),
    })
}

/// Whether the credit is lower now than before; None when either is not
/// known (then nothing can be said).
pub fn credit_went_down(
    before: Option<api::loose::Decimal>,
    now: Option<api::loose::Decimal>,
) -> Option<bool> {
    let d = before?.checked_sub(now?)?;
    Some(!d.is_zero() && !d.is_negative())
}

/// "Pay with credit": the whole amount the credit covers, or a part.
#[component]
fn PayWithCredit(
    invoice_id: Signal<String>,
    balance: Res<Result<Balance, ApiError>>,
    /// The account's currency (from `balance`).
    currency: Signal<String>,
    /// What is left to pay, when known.
    due: Signal<Option<Money>>,
    /// Whether the form is offered (the outcome of a payment stays shown).
    payable: Signal<bool>,
    on_paid: Callback<()>,
) -> impl IntoView {
    let amount = RwSignal::new(String::new());
    let checked = RwSignal::new(false);
    let credit = move || balance.get().and_then(|r| r.ok());
    let amount_err = Signal::derive(move || {
        if !checked.get() {
            return None;
        }
        let raw = amount.get();
        if raw.trim().is_empty() {
            return None;
        }
        match parse_amount(&raw, &currency.get()) {
            None => Some(t("billing.amount_invalid")),
            Some(a) if a.is_zero() => Some(t("billing.amount_invalid")),
            Some(a) => {
                let available = credit().and_then(|b| b.acc_credit.value);
                let over = available
                    .and_then(|c| a.checked_sub(c))
                    .is_some_and(|d| !d.is_negative() && !d.is_zero());
                over.then(|| t("billing.amount_over_credit"))
            }
        }
    });
    let done = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let sending = StoredValue::new(false);
    // a payment whose answer was lost: the credit before it, until the
    // balance read afterwards says whether it went through
    let unsettled = RwSignal::new(None::<Option<api::loose::Decimal>>);
    let check = crate::ui::erase::action(move |before: &Option<api::loose::Decimal>| {
        let before = *before;
        async move {
            match settle_credit(before).await {
                Ok(true) => {
                    sending.try_set_value(false);
                    unsettled.try_set(None);
                    failed.try_set(None);
                    done.try_set(Some(t("billing.credit_found")));
                    on_paid.run(());
                }
                Ok(false) => {
                    sending.try_set_value(false);
                    unsettled.try_set(None);
                    failed.try_set(Some(t("billing.credit_not_done")));
                }
                Err(e) => {
                    failed.try_set(Some(format!(
                        "{} {}",
                        t("billing.credit_unknown"),
                        error_text(&e)
                    )));
                }
            }
        }
    });
    let pay =
        crate::ui::erase::action(move |(id, value): &(String, Option<api::loose::Decimal>)| {
            let (id, value) = (id.clone(), *value);
            let before = credit().and_then(|b| b.acc_credit.value);
            async move {
                let r = api::billing::apply_credit(&id, value).await;
                if r.as_ref().is_err_and(ApiError::outcome_unknown) {
                    // stays locked until the balance says what happened
                    unsettled.try_set(Some(before));
                    failed.try_set(Some(t("billing.credit_checking")));
                    check.dispatch(before);
                    return;
                }
                sending.try_set_value(false);
                match r {
                    Ok((res, _info)) => {
                        let (status, _) = status_badge(res.invoice_status.as_str());
                        let applied = money_text(
                            &res.applied,
                            &currency.try_get_untracked().unwrap_or_default(),
                            i18n::lang(),
                        );
                        done.try_set(Some(t_with(
                            "billing.credit_done",
                            &[("amount", &applied), ("status", &status)],
                        )));
                        amount.try_set(String::new());
                        checked.try_set(false);
                        on_paid.run(());
                    }
                    Err(e) => {
                        failed.try_set(Some(match &e {
                            ApiError::Server { messages, .. } if !messages.is_empty() => messages
                                .iter()
                                .map(|m| server_message(m))
                                .collect::<Vec<_>>()
                                .join(" "),
                            _ => error_text(&e),
                        }));
                    }
                }
            }
        });
    let pending = Signal::derive(move || pay.pending().get() || check.pending().get());
    let locked = move || pending.get() || unsettled.with(Option::is_some);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_value()
            || pay.pending().get_untracked()
            || unsettled.with_untracked(Option::is_some)
        {
            return;
        }
        checked.set(true);
        if amount_err.get_untracked().is_some() {
            crate::browser::focus("f-amount");
            return;
        }
        let raw = amount.get_untracked();
        let value = if raw.trim().is_empty() { None } else { parse_amount(&raw, &currency.get()) };
        sending.set_value(true);
        done.set(None);
        failed.set(None);
        pay.dispatch((invoice_id.get_untracked(), value));
    };
    let no_credit = move || {
        credit().is_some_and(|b| b.acc_credit.value.is_none_or(|c| c.is_zero() || c.is_negative()))
    };
    view! {
        <section class="card pay-credit" aria-labelledby="pay-credit-title"
            hidden=move || !payable.get() && done.with(Option::is_none) && failed.with(Option::is_none)>
            <h2 id="pay-credit-title">{tr("billing.pay_credit")}</h2>
            <p data-testid="credit-available">{move || {
                let cur = currency.get();
                match credit() {
                    Some(b) => t_with("billing.credit_available", &[("amount", &money_text(&b.acc_credit, &cur, i18n::lang()))]),
                    None => t("common.loading"),
                }
            }}</p>
            <p class="muted" hidden=move || due.with(Option::is_none)>
                {move || due.get().map(|d| t_with("billing.due_amount", &[("amount", &money_text(&d, &currency.get(), i18n::lang()))])).unwrap_or_default()}
            </p>
            <Note text=done class="alert alert-ok" role="status" testid="credit-result"/>
            <Note text=failed class="alert alert-error" role="alert" testid="credit-error"/>
            <p class="muted" data-testid="no-credit" hidden=move || !no_credit() || !payable.get()>{tr("billing.no_credit")}</p>
            <form class="form" novalidate on:submit=on_submit aria-busy=move || pending.get().then_some("true")
                hidden=move || no_credit() || !payable.get()>
                <TextField label="billing.amount" name="amount" value=amount error=amount_err inputmode="decimal"
                    autocomplete="off" hint="billing.amount_hint"/>
                <button type="submit" class="btn btn-primary" disabled=locked>
                    {move || if pending.get() { t("billing.paying") } else { t("billing.pay") }}
                </button>
            </form>
            <p hidden=move || unsettled.with(Option::is_none) || pending.get()>
                <button type="button" class="btn btn-secondary" data-testid="credit-check"
                    on:click=move |_| { if let Some(b) = unsettled.get_untracked() { check.dispatch(b); } }>
                    {tr("common.check_again")}
                </button>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::credit_went_down;
    use crate::api::loose::Decimal;

    #[test]
    fn a_lost_credit_payment_is_read_from_the_credit() {
        let d = Decimal::parse;
        assert_eq!(credit_went_down(d("500000"), d("390000")), Some(true));
        assert_eq!(credit_went_down(d("500000"), d("500000.00")), Some(false));
        assert_eq!(credit_went_down(d("500000"), d("600000")), Some(false));
        assert_eq!(credit_went_down(None, d("1")), None);
        assert_eq!(credit_went_down(d("1"), None), None);
    }
}
