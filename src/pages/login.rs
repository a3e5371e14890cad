//! `/login`: e-mail and password, "remember me", translated errors, and
//! back to `?next=` afterwards.

use crate::app::href;
use crate::i18n::{t, tr};
use crate::session::{self, EndReason, SessionState};
use crate::ui::erase::effect;
use crate::ui::{error_text, TextField};
use crate::util::{looks_like_email, safe_next};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

fn email_error(v: &str) -> Option<String> {
    if v.trim().is_empty() {
        Some(t("login.email_required"))
    } else if !looks_like_email(v) {
        Some(t("login.email_invalid"))
    } else {
        None
    }
}

fn password_error(v: &str) -> Option<String> {
    v.is_empty().then(|| t("login.password_required"))
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || safe_next(query.read().get("next").as_deref());

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    // Field errors appear after the first submit, then follow the typing.
    let checked = RwSignal::new(false);
    let email_err =
        Signal::derive(move || checked.get().then(|| email_error(&email.get())).flatten());
    let password_err =
        Signal::derive(move || checked.get().then(|| password_error(&password.get())).flatten());

    let login = crate::ui::erase::action(|(u, p, r): &(String, String, bool)| {
        session::login(u.clone(), p.clone(), *r)
    });
    let pending = login.pending();

    // Logged in (now or already): go where the visitor was heading.
    let navigate = use_navigate();
    effect(move || {
        if session::state() == SessionState::Active {
            navigate(&next(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    crate::ui::page_title("login.title");
    // While the form is filled in, the page after it loads in the background.
    effect(move || {
        let after =
            query.read_untracked().get("next").and_then(|n| crate::split::Section::of_path(&n));
        crate::split::prefetch(after.unwrap_or(crate::split::Section::Dashboard));
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        checked.set(true);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if email_error(&e).is_some() {
            crate::browser::focus("f-username");
            return;
        }
        if password_error(&p).is_some() {
            crate::browser::focus("f-password");
            return;
        }
        login.dispatch((e.trim().to_owned(), p, remember.get_untracked()));
    };

    let failure = move || match login.value().get() {
        Some(Err(e)) if !pending.get() => Some(error_text(&e)),
        _ => None,
    };
    let notice = move || match session::end_reason() {
        EndReason::Expired => Some(t("session.expired")),
        EndReason::LoggedOut => Some(t("session.logged_out")),
        EndReason::None => None,
    };

    view! {
        <section class="auth-card" aria-labelledby="login-title">
            <h1 id="login-title">{tr("login.title")}</h1>
            <p class="muted">{tr("login.subtitle")}</p>
            {move || notice().map(|n| view! { <p class="alert alert-info" role="status">{n}</p> })}
            {move || failure().map(|f| view! {
                <div class="alert alert-error" role="alert">
                    <strong class="alert-title">{tr("login.failed")}</strong>
                    <p>{f}</p>
                </div>
            })}
            <form class="form" novalidate on:submit=on_submit aria-busy=move || pending.get().then_some("true")>
                <TextField
                    label="login.email"
                    name="username"
                    input_type="email"
                    autocomplete="username"
                    inputmode="email"
                    required=true
                    value=email
                    error=email_err
                />
                <TextField
                    label="login.password"
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    revealable=true
                    value=password
                    error=password_err
                />
                <label class="check">
                    <input type="checkbox" name="remember" bind:checked=remember/>
                    <span>{tr("login.remember")}</span>
                </label>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                    {move || if pending.get() {
                        view! { <span class="spinner" aria-hidden="true"></span>{t("login.submitting")} }.into_any()
                    } else {
                        view! { {t("login.submit")} }.into_any()
                    }}
                </button>
            </form>
            <p class="auth-links">
                <A href=href::PASSWORD_RESET>{tr("reset.forgot")}</A>
                <A href=href::SIGNUP>{tr("signup.no_account")}</A>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        assert!(email_error("").is_some());
        assert!(email_error("   ").is_some());
        assert!(email_error("demo").is_some());
        assert!(email_error("demo@bkns.vn").is_none());
        assert!(password_error("").is_some());
        assert!(password_error(" ").is_none());
    }
}
