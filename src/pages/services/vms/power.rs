//! The power card: start, graceful shutdown, stop, reboot, reset. Only the
//! commands that make sense in the VM's state are enabled (the others say
//! why); stop, reboot and reset ask first. A command shows as pending at
//! once, then the page watches the VM until it settles (`console`).

use super::console::{error_message, Ctx};
use super::rules::{asks_first, power_blocked, Command};
use crate::api::services::vms::{self, PowerAction};
use crate::api::ApiError;
use crate::i18n::{t, t_with, tr};
use crate::ui::dialog::Confirm;
use crate::ui::erase::{action, dyn_view, Act};
use crate::ui::toast;
use leptos::prelude::*;

type PowerAct = Act<PowerAction, Result<Vec<String>, ApiError>>;

/// The action that sends a power command and follows it: a toast with the
/// server's words and a watch on success; a refusal stays in the action
/// (and the VM is read again); an unknown outcome is watched too.
pub fn power_action(ctx: &Ctx) -> PowerAct {
    let ctx = ctx.clone();
    action(move |a: &PowerAction| {
        let (ctx, a) = (ctx.clone(), *a);
        let before = ctx.vm.with_untracked(|d| d.state());
        async move {
            let r = vms::power(&ctx.service, &ctx.vm_id, a).await;
            match &r {
                Ok(info) => {
                    toast::info(info, "vms.sent");
                    ctx.follow(Command::Power(a), before, false);
                }
                Err(e) if e.outcome_unknown() => ctx.follow(Command::Power(a), before, true),
                Err(_) => ctx.reload(),
            }
            r
        }
    })
}

/// Sends `a` (asking first when it is destructive).
pub fn run_power(ctx: &Ctx, act: PowerAct, a: PowerAction) {
    if !asks_first(a) {
        act.dispatch(a);
        return;
    }
    let name = ctx.name();
    let body = t_with(&format!("vms.confirm_{}_body", a.word()), &[("name", &name)]);
    let title = confirm_title(a);
    ctx.confirm.ask(Confirm::new(title, body, label_key(a), move || act.dispatch(a)).danger());
}

fn confirm_title(a: PowerAction) -> &'static str {
    match a {
        PowerAction::Stop => "vms.confirm_stop_title",
        PowerAction::Reset => "vms.confirm_reset_title",
        _ => "vms.confirm_reboot_title",
    }
}

/// The button's label (i18n key).
pub fn label_key(a: PowerAction) -> &'static str {
    match a {
        PowerAction::Start => "vms.start",
        PowerAction::Stop => "vms.stop",
        PowerAction::Shutdown => "vms.shutdown",
        PowerAction::Reboot => "vms.reboot",
        PowerAction::Reset => "vms.reset",
        PowerAction::Unrescue => "vms.unrescue",
    }
}

/// The button's label while its command is under way.
pub fn pending_key(a: PowerAction) -> &'static str {
    match a {
        PowerAction::Start => "vms.starting",
        PowerAction::Stop => "vms.stopping",
        PowerAction::Shutdown => "vms.shutting_down",
        PowerAction::Reboot => "vms.rebooting",
        PowerAction::Reset => "vms.resetting",
        PowerAction::Unrescue => "vms.leaving_rescue",
    }
}

/// One command's button, its pending state and why it is off.
/// `clicked` is the command of `act` last clicked (one per action).
pub fn power_button(
    ctx: &Ctx,
    act: PowerAct,
    clicked: RwSignal<Option<PowerAction>>,
    a: PowerAction,
) -> impl IntoView {
    let pending = act.pending();
    let busy = ctx.busy;
    // pending at once: from the click until the VM settles
    let mine = Signal::derive(move || {
        (pending.get() && clicked.get() == Some(a)) || busy.get() == Some(Command::Power(a))
    });
    let c = ctx.clone();
    let why = Signal::derive(move || power_blocked(&c.status(), a));
    let c = ctx.clone();
    let off = Signal::derive(move || pending.get() || c.locked() || why.get().is_some());
    let reason_id = format!("why-{}", a.word());
    let rid = reason_id.clone();
    let c = ctx.clone();
    let danger = asks_first(a);
    view! {
        <div class="power-row">
            <button
                type="button"
                class="btn"
                class:btn-secondary=!danger
                class:btn-danger=danger
                data-action=a.word()
                disabled=off
                aria-busy=move || if mine.get() { "true" } else { "false" }
                aria-describedby=move || why.get().map(|_| rid.clone())
                on:click=move |_| {
                    act.clear();
                    clicked.set(Some(a));
                    run_power(&c, act, a);
                }
            >
                {dyn_view(move || if mine.get() {
                    view! { <span class="spinner" aria-hidden="true"></span>{t(pending_key(a))} }.into_any()
                } else {
                    t(label_key(a)).into_any()
                })}
            </button>
            <span class="muted power-why" id=reason_id hidden=move || why.get().is_none() || mine.get()>
                {move || why.get().map(t).unwrap_or_default()}
            </span>
        </div>
    }
}

/// The error of the last command, if any (a refusal translated).
pub fn power_error(act: PowerAct) -> impl IntoView {
    dyn_view(move || {
        match act.value().get() {
        Some(Err(e)) if !act.pending().get() => {
            view! { <p class="field-error" role="alert" data-testid="power-error">{error_message(&e)}</p> }
                .into_any()
        }
        _ => ().into_any(),
    }
    })
}

#[component]
pub fn PowerCard(ctx: Ctx) -> impl IntoView {
    let act = power_action(&ctx);
    let clicked = RwSignal::new(None);
    let buttons = [
        PowerAction::Start,
        PowerAction::Shutdown,
        PowerAction::Stop,
        PowerAction::Reboot,
        PowerAction::Reset,
    ]
    .into_iter()
    .map(|a| power_button(&ctx, act, clicked, a))
    .collect_view();
    view! {
        <section class="card" aria-labelledby="vm-power-title">
            <h2 id="vm-power-title">{tr("vms.power")}</h2>
            <p class="muted">{tr("vms.power_help")}</p>
            <div class="power-buttons" data-testid="power-buttons">{buttons}</div>
            {power_error(act)}
        </section>
    }
}
