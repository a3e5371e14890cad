//! Cancelling the service (`POST /service/@id/cancel`): at the end of the
//! billing period (the default) or at once, with a reason, behind a
//! confirmation that names the service. Not offered once the service is
//! cancelled or a cancellation waits (the page says so instead).

use super::Ctx;
use crate::api::services::service::{self as api, CancelRequest};
use crate::api::ApiError;
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::RadioGroup;
use crate::ui::dialog::Confirm;
use crate::ui::erase::action;
use crate::ui::error_text;
use crate::ui::fields::{InputField, Note};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The longest reason sent.
pub const MAX_REASON: usize = 1000;

/// What is wrong with a reason before it is sent, if anything.
pub fn reason_problem(reason: &str) -> Option<String> {
    let n = reason.trim().chars().count();
    if n == 0 {
        Some(t("services.reason_required"))
    } else if n > MAX_REASON {
        Some(t_with("services.reason_too_long", &[("max", &MAX_REASON.to_string())]))
    } else {
        None
    }
}

/// The confirmation's text, naming the service.
pub fn confirm_text(name: &str, immediate: bool) -> String {
    let key = if immediate { "services.cancel_confirm_now" } else { "services.cancel_confirm_end" };
    t_with(key, &[("name", name)])
}

#[component]
pub fn CancelCard(ctx: Ctx) -> impl IntoView {
    // "0": at the end of the period, "1": at once
    let when = RwSignal::new("0".to_string());
    let reason = RwSignal::new(String::new());
    let checked = RwSignal::new(false);
    let send = action(move |req: &CancelRequest| {
        let (id, req) = (ctx.id(), req.clone());
        async move {
            let r = api::cancel(id, req).await;
            match &r {
                Ok(info) => {
                    crate::ui::toast::info(info, "services.cancel_sent");
                    ctx.reload();
                }
                Err(e) if e.outcome_unknown() => ctx.reload(),
                Err(_) => {}
            }
            r
        }
    });
    let pending = send.pending();
    let reason_err =
        Signal::derive(move || checked.get().then(|| reason.with(|r| reason_problem(r))).flatten());
    let outcome = Signal::derive(move || {
        let r: Option<Result<Vec<String>, ApiError>> = send.value().get();
        match r {
            Some(Err(e)) if e.outcome_unknown() => Some(t("services.outcome_unknown")),
            Some(Err(e)) => Some(error_text(&e)),
            _ => None,
        }
    });
    let options = Signal::derive(|| {
        vec![
            ("0".to_string(), t("services.cancel_end_of_period")),
            ("1".to_string(), t("services.cancel_immediately")),
        ]
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if pending.get_untracked() {
            return;
        }
        if reason.with_untracked(|r| reason_problem(r)).is_some() {
            crate::browser::focus("svc-cancel-reason");
            return;
        }
        let immediate = when.get_untracked() == "1";
        let req = CancelRequest { immediate, reason: reason.get_untracked().trim().to_owned() };
        let ask = Confirm::new(
            "services.cancel_confirm_title",
            confirm_text(&ctx.name(), immediate),
            "services.cancel_confirm",
            move || {
                send.clear();
                send.dispatch(req.clone());
            },
        );
        ctx.confirm.ask(ask.danger());
    };
    view! {
        <section class="card" aria-labelledby="svc-cancel-title" data-testid="cancel-card">
            <h2 id="svc-cancel-title">{tr("services.cancel_title")}</h2>
            <p class="muted">{tr("services.cancel_help")}</p>
            <form class="form" novalidate on:submit=on_submit>
                <RadioGroup legend="services.cancel_when" name="immediate" value=when options=options/>
                <InputField label=tr("services.cancel_reason") id="svc-cancel-reason" name="reason" value=reason
                    on_input=crate::ui::fields::setter(reason) multiline=true required=true error=reason_err/>
                <Note text=outcome class="alert alert-error" role="alert" testid="cancel-error"/>
                <button type="submit" class="btn btn-danger" disabled=pending>
                    {crate::ui::erase::busy_label(pending, "services.cancel_submit", "services.cancelling")}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert!(reason_problem("").is_some());
        assert!(reason_problem("   \n ").is_some(), "spaces are no reason");
        assert!(reason_problem("Chuyển sang gói khác").is_none());
        assert!(reason_problem(&"ă".repeat(MAX_REASON)).is_none());
        assert!(reason_problem(&"a".repeat(MAX_REASON + 1)).is_some());
    }
}
