//! The service's details as `GET /service/@id` gives them, and its login:
//! the username shown, the password hidden until revealed, both copyable.

use super::super::list::{cycle_text, status_text};
use super::Ctx;
use crate::api::services::service::{ServiceDetails, ServiceStatus};
use crate::i18n::{self, t, tr};
use crate::ui::dl_row;
use crate::ui::erase::dyn_view;
use crate::ui::format::{date, money_text};
use crate::ui::text::either_text;
use leptos::prelude::*;

#[component]
pub fn DetailsCard(ctx: Ctx) -> impl IntoView {
    let currency = ctx.currency;
    let rows = dyn_view(move || {
        let d: ServiceDetails = ctx.service.get();
        let lang = i18n::lang();
        let cur = currency.get();
        let status = status_text(ServiceStatus::of(d.status.as_str()), d.status.as_str());
        view! {
            <dl class="dl" data-testid="service-details">
                {dl_row("services.product", d.name.0.clone())}
                {dl_row("services.domain", d.domain.0.clone())}
                {dl_row("services.status", status)}
                {dl_row("services.cycle", cycle_text(d.billingcycle.as_str()))}
                {dl_row("services.amount", money_text(&d.total, &cur, lang))}
                {dl_row("services.first_payment", money_text(&d.firstpayment, &cur, lang))}
                {dl_row("services.created", date(d.date_created.as_str()))}
                {dl_row("services.next_due", date(d.next_due.as_str()))}
                {dl_row("services.next_invoice", date(d.next_invoice.as_str()))}
            </dl>
        }
        .into_any()
    });
    // a memo: a reload of the service does not hide a revealed password
    let login = Memo::new(move |_| {
        ctx.service.with(|d| (d.username.as_str().trim().to_owned(), d.password.0.clone()))
    });
    view! {
        <section class="card" aria-labelledby="svc-details-title">
            <h2 id="svc-details-title">{tr("services.details")}</h2>
            {rows}
            {move || {
                let (user, pass) = login.get();
                (!user.is_empty() || !pass.is_empty()).then(|| view! { <Credentials username=user password=pass/> })
            }}
        </section>
    }
}

/// The service's login: the password is not in the page until revealed.
#[component]
fn Credentials(username: String, password: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    let copied = RwSignal::new(None::<&'static str>);
    let password = StoredValue::new(password);
    let copy = move |what: &'static str, text: String| {
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&text).await;
            let _ = copied.try_set(ok.then_some(what));
            crate::ui::toast::show(t(if ok { "services.copied" } else { "services.copy_failed" }));
        });
    };
    let user = StoredValue::new(username.clone());
    let has_pass = password.with_value(|p| !p.is_empty());
    view! {
        <h3>{tr("services.login")}</h3>
        <dl class="dl credentials">
            {(!username.is_empty()).then(|| view! {
                <div class="dl-row">
                    <dt>{tr("services.username")}</dt>
                    <dd class="secret">
                        <code data-testid="service-username">{username.clone()}</code>
                        <button type="button" class="btn btn-secondary"
                            on:click=move |_| copy("user", user.get_value())>
                            {move || t(if copied.get() == Some("user") { "services.copied_short" } else { "services.copy_username" })}
                        </button>
                    </dd>
                </div>
            })}
            {has_pass.then(|| view! {
                <div class="dl-row">
                    <dt>{tr("services.password")}</dt>
                    <dd class="secret">
                        <code data-testid="service-password">
                            {move || if shown.get() { password.get_value() } else { "••••••••".to_string() }}
                        </code>
                        <button type="button" class="btn btn-secondary" aria-pressed=move || if shown.get() { "true" } else { "false" }
                            data-testid="reveal-password" on:click=move |_| shown.update(|s| *s = !*s)>
                            {either_text(shown.into(), "services.hide_password", "services.show_password")}
                        </button>
                        <button type="button" class="btn btn-secondary"
                            on:click=move |_| copy("pass", password.get_value())>
                            {move || t(if copied.get() == Some("pass") { "services.copied_short" } else { "services.copy_password" })}
                        </button>
                    </dd>
                </div>
            })}
        </dl>
    }
}
