//! `/password-reset`: `POST /passwordreset {email}` (HostBill standard; not
//! in the BKNS reference). The same neutral confirmation whatever the
//! server says about the address (no account enumeration); a clear message
//! when the server does not offer the call; network trouble is said as such
//! with the form kept for another try.

use crate::api::ApiError;
use crate::app::href;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, dyn_view};
use crate::ui::text::SubmitButton;
use crate::ui::{error_text, TextField};
use crate::util::looks_like_email;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

/// What the page says after a request.
#[derive(Clone, Debug, PartialEq)]
pub enum ResetOutcome {
    /// Sent, or refused for a reason we do not reveal.
    Neutral,
    NotOffered,
    /// No answer: try again.
    Failed(ApiError),
}

pub fn outcome(r: Result<(), ApiError>) -> ResetOutcome {
    match r {
        Ok(()) | Err(ApiError::Server { .. }) | Err(ApiError::Unauthorized) => {
            ResetOutcome::Neutral
        }
        Err(ApiError::NotSupported) => ResetOutcome::NotOffered,
        Err(e) => ResetOutcome::Failed(e),
    }
}

#[component]
pub fn PasswordResetPage() -> impl IntoView {
    crate::ui::page_title("reset.title");
    let email = RwSignal::new(String::new());
    let checked = RwSignal::new(false);
    let email_err = Signal::derive(move || {
        let v = email.get();
        checked.get().then(|| {
            if v.trim().is_empty() {
                Some(t("form.required"))
            } else if !looks_like_email(&v) {
                Some(t("form.email_invalid"))
            } else {
                None
            }
        })?
    });
    let send = action(|e: &String| {
        let e = e.clone();
        async move { outcome(crate::api::signup::password_reset(&e).await) }
    });
    let pending = send.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        checked.set(true);
        if email_err.get_untracked().is_some() {
            crate::browser::focus("f-email");
            return;
        }
        send.dispatch(email.get_untracked().trim().to_owned());
    };
    let busy = Signal::derive(move || pending.get().then_some("true"));
    let body = dyn_view(move || {
        let result = if pending.get() { None } else { send.value().get() };
        match result {
            Some(ResetOutcome::Neutral) => view! {
                <div class="alert alert-info" role="status">
                    <p>{t_with("reset.sent", &[("email", email.get_untracked().trim())])}</p>
                </div>
                <A href=href::LOGIN attr:class="btn btn-primary btn-block">{tr("reset.back")}</A>
            }
            .into_any(),
            Some(ResetOutcome::NotOffered) => view! {
                <div class="alert alert-error" role="alert">
                    <strong class="alert-title">{tr("reset.not_offered_title")}</strong>
                    <p>{tr("reset.not_offered")}</p>
                </div>
                <A href=href::LOGIN attr:class="btn btn-secondary btn-block">{tr("reset.back")}</A>
            }
            .into_any(),
            other => view! {
                <p class="muted">{tr("reset.intro")}</p>
                {match other {
                    Some(ResetOutcome::Failed(e)) => view! {
                        <div class="alert alert-error" role="alert">
                            <strong class="alert-title">{tr("reset.failed")}</strong>
                            <p>{error_text(&e)}</p>
                        </div>
                    }
                    .into_any(),
                    _ => ().into_any(),
                }}
                <form class="form" novalidate on:submit=on_submit aria-busy=busy>
                    <TextField
                        label="form.email" name="email" input_type="email" inputmode="email" autocomplete="email"
                        required=true value=email error=email_err
                    />
                    <SubmitButton pending=pending label="reset.submit" busy="reset.sending" block=true/>
                </form>
                <p class="auth-links"><A href=href::LOGIN>{tr("reset.back")}</A></p>
            }
            .into_any(),
        }
    });
    view! {
        <section class="auth-card" aria-labelledby="reset-title">
            <h1 id="reset-title">{tr("reset.title")}</h1>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_never_revealed() {
        assert_eq!(outcome(Ok(())), ResetOutcome::Neutral);
        let unknown = ApiError::Server { status: 200, messages: vec!["emailnotfound".into()] };
        assert_eq!(outcome(Err(unknown)), ResetOutcome::Neutral);
        assert_eq!(outcome(Err(ApiError::NotSupported)), ResetOutcome::NotOffered);
        assert_eq!(outcome(Err(ApiError::Network)), ResetOutcome::Failed(ApiError::Network));
        assert_eq!(
            outcome(Err(ApiError::Http { status: 502 })),
            ResetOutcome::Failed(ApiError::Http { status: 502 })
        );
    }
}
