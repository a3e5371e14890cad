//! `/dashboard`: who is logged in (`GET /details`) and the money side
//! (`GET /balance`) in the account currency.

pub mod documents;
pub mod services;
pub mod status;
pub mod tickets;

use crate::api::{account::Client, billing::Balance};
use crate::i18n::{t, t_with, tr};
use crate::state::{self, AccountCtx};
use crate::ui::format::date;
use crate::ui::money_cards::money_cards;
use crate::ui::resource_view;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let account = expect_context::<AccountCtx>();
    let (balance, currency) = state::account_currency();
    crate::ui::page_title("dashboard.title");

    let greeting = move || match account.details.get() {
        Some(Ok(c)) if !c.display_name().is_empty() => {
            t_with("dashboard.greeting", &[("name", &c.display_name())])
        }
        _ => t("dashboard.greeting_anon"),
    };
    let busy = move || state::pending() > 0;
    let refresh = move |_| {
        account.details.refetch();
        balance.refetch();
    };

    view! {
        <section class="page" aria-labelledby="dash-title">
            <div class="page-head">
                <div>
                    <h1 id="dash-title">{tr("dashboard.title")}</h1>
                    <p class="muted greeting">{greeting}</p>
                </div>
                <button type="button" class="btn btn-secondary" on:click=refresh disabled=busy aria-busy=move || busy().then_some("true")>
                    {move || if busy() { t("common.refreshing") } else { t("common.refresh") }}
                </button>
            </div>
            <div class="cards">
                {resource_view(balance, "dashboard.money_error", |b: Balance| money_cards(b.acc_balance, b.acc_credit, b.currency.0))}
            </div>
            <services::ServicesCard currency=currency/>
            <status::StatusUpdates/>
            <documents::PendingDocumentsCard/>
            <tickets::TicketsCard/>
            <section class="card" aria-labelledby="acc-title">
                <h2 id="acc-title">{tr("dashboard.account")}</h2>
                {resource_view(account.details, "dashboard.details_error", details_list)}
            </section>
        </section>
    }
}

fn details_list(c: Client) -> impl IntoView {
    let row = crate::ui::dl_row;
    view! {
        <dl class="dl" data-testid="account-details">
            {row("account.name", c.full_name())}
            {row("account.id", c.id.0.clone())}
            {row("account.email", c.email.0.clone())}
            {row("account.phone", c.phonenumber.0.clone())}
            {(!c.companyname.0.trim().is_empty()).then(|| row("account.company", c.companyname.0.clone()))}
            {row("account.address", c.address())}
            {row("account.lastlogin", date(&c.lastlogin.0))}
        </dl>
    }
}
