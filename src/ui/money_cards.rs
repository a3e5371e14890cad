//! The account's money at a glance: the amount due and the credit, as two
//! stat cards (the dashboard and `/billing` show them).

use crate::i18n::{self, tr};
use crate::ui::format::money_text;
use crate::vocab::Money;
use leptos::prelude::*;

/// The amount due (`due`, highlighted when above zero) and the `credit`,
/// both in `currency`.
pub fn money_cards(due: Money, credit: Money, currency: String) -> impl IntoView {
    let cur2 = currency.clone();
    let due_positive = due.value.is_some_and(|d| !d.is_zero() && !d.is_negative());
    view! {
        <article class="card stat" class:stat-due=due_positive data-testid="balance">
            <h2 class="stat-label">{tr("dashboard.balance")}</h2>
            <p class="stat-value">{move || money_text(&due, &currency, i18n::lang())}</p>
            <p class="muted">{tr("dashboard.balance_hint")}</p>
        </article>
        <article class="card stat" data-testid="credit">
            <h2 class="stat-label">{tr("dashboard.credit")}</h2>
            <p class="stat-value">{move || money_text(&credit, &cur2, i18n::lang())}</p>
            <p class="muted">{tr("dashboard.credit_hint")}</p>
        </article>
    }
}
