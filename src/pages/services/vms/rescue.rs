//! The rescue card: boot the VM into the rescue system (asks first) and
//! show the login the server gives, once, with copy buttons; leave rescue.

use super::console::{error_message, Ctx};
use super::power::{power_action, power_button, power_error};
use super::rules::rescue_blocked;
use crate::api::services::vms::{self, PowerAction, RescueAccess};
use crate::i18n::{t, t_with, tr};
use crate::ui::dialog::Confirm;
use crate::ui::erase::{action, dyn_view};
use crate::ui::text::either_text;
use crate::ui::toast;
use leptos::prelude::*;

/// Copies `text`; `done` says whether it worked.
fn copy(text: String, done: RwSignal<bool>) {
    leptos::task::spawn_local(async move {
        let ok = crate::browser::copy_text(&text).await;
        done.try_set(ok);
        if ok {
            toast::show(t("vms.copied"));
        }
    });
}

/// A value with its copy button.
fn secret_row(label: String, value: String, testid: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let v = value.clone();
    view! {
        <div class="dl-row secret-row">
            <dt>{label}</dt>
            <dd>
                <code data-testid=testid>{value}</code>
                <button type="button" class="btn btn-secondary" on:click=move |_| copy(v.clone(), copied)>
                    {either_text(copied.into(), "vms.copied", "vms.copy")}
                </button>
            </dd>
        </div>
    }
}

/// The rescue login, shown once.
fn access_view(a: RescueAccess, shown: RwSignal<Option<RescueAccess>>) -> impl IntoView {
    let mut rows = Vec::new();
    if !a.username.is_empty() {
        rows.push(
            secret_row(t("vms.rescue_username"), a.username.clone(), "rescue-username").into_any(),
        );
    }
    if !a.password.is_empty() {
        rows.push(
            secret_row(t("vms.rescue_password"), a.password.clone(), "rescue-password").into_any(),
        );
    }
    for (k, v) in a.other {
        rows.push(secret_row(k, v, "rescue-other").into_any());
    }
    let nothing = rows.is_empty();
    view! {
        <div class="alert alert-warn rescue-access" role="status" data-testid="rescue-access">
            <strong class="alert-title">{tr("vms.rescue_access_title")}</strong>
            <p>{move || if nothing { t("vms.rescue_no_access") } else { t("vms.rescue_once") }}</p>
            <dl class="dl">{rows}</dl>
            <button type="button" class="btn btn-primary" on:click=move |_| shown.set(None)>
                {tr("vms.rescue_saved")}
            </button>
        </div>
    }
}

#[component]
pub fn RescueCard(ctx: Ctx) -> impl IntoView {
    let shown = RwSignal::new(None::<RescueAccess>);
    let c = ctx.clone();
    let rescue = action(move |_: &()| {
        let c = c.clone();
        async move {
            let r = vms::rescue(&c.service, &c.vm_id).await;
            if let Ok(a) = &r {
                toast::info(&a.info, "vms.sent");
                shown.try_set(Some(a.clone()));
            }
            // the status changes at once (or the refusal says why): read it
            c.reload();
            r
        }
    });
    let pending = rescue.pending();
    let c = ctx.clone();
    let why = Signal::derive(move || rescue_blocked(&c.status()));
    let c = ctx.clone();
    let off = Signal::derive(move || pending.get() || c.locked() || why.get().is_some());
    let c = ctx.clone();
    let ask = move |_| {
        rescue.clear();
        let body = t_with("vms.confirm_rescue_body", &[("name", &c.name())]);
        c.confirm.ask(
            Confirm::new("vms.confirm_rescue_title", body, "vms.rescue", move || {
                rescue.dispatch(())
            })
            .danger(),
        );
    };
    let leave = power_action(&ctx);
    let clicked = RwSignal::new(None);
    view! {
        <section class="card" aria-labelledby="vm-rescue-title">
            <h2 id="vm-rescue-title">{tr("vms.rescue_title")}</h2>
            <p class="muted">{tr("vms.rescue_help")}</p>
            <div class="power-buttons">
                <div class="power-row">
                    <button type="button" class="btn btn-danger" data-action="rescue" disabled=off
                        aria-busy=move || if pending.get() { "true" } else { "false" }
                        aria-describedby=move || why.get().map(|_| "why-rescue")
                        on:click=ask>
                        {crate::ui::erase::busy_label(pending, "vms.rescue", "vms.entering_rescue")}
                    </button>
                    <span class="muted power-why" id="why-rescue" hidden=move || why.get().is_none()>
                        {move || why.get().map(t).unwrap_or_default()}
                    </span>
                </div>
                {power_button(&ctx, leave, clicked, PowerAction::Unrescue)}
            </div>
            {dyn_view(move || match rescue.value().get() {
                Some(Err(e)) if !pending.get() => view! { <p class="field-error" role="alert">{error_message(&e)}</p> }.into_any(),
                _ => ().into_any(),
            })}
            {power_error(leave)}
            {dyn_view(move || match shown.get() {
                Some(a) => access_view(a, shown).into_any(),
                None => ().into_any(),
            })}
        </section>
    }
}
