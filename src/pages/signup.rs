//! `/signup`: a new customer creates an account in one pass (`POST
//! /signup` with exactly the documented fields), is logged in with the
//! same credentials and is offered identity verification next. An
//! unfinished sign-up is kept in localStorage for a day (never the
//! passwords); a restored one is said, with its date and a way to discard
//! it; a browser that will not keep it is told once. A failed submit keeps
//! every field and shows the server's messages next to the fields they
//! name.

use crate::api::signup::{email_registered, SignupBody};
use crate::api::ApiError;
use crate::app::href;
use crate::browser;
use crate::forms::profile::{AddressFields, Draft, OrgFields, PersonFields, ProfileForm, Rules};
use crate::forms::signup_draft::{self, SignupDraft};
use crate::i18n::{self, t, t_with, tr};
use crate::session::{self, SessionState};
use crate::ui::choice::SelectField;
use crate::ui::erase::{action, dyn_view, effect};
use crate::ui::text::SubmitButton;
use crate::ui::{error_text, TextField};
use crate::util::looks_like_email;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The password's problem (i18n key), if any.
pub fn password_problem(p: &str) -> Option<&'static str> {
    if p.is_empty() {
        Some("form.required")
    } else if p.chars().count() < 8 {
        Some("signup.password_short")
    } else {
        None
    }
}

pub fn confirm_problem(p: &str, confirm: &str) -> Option<&'static str> {
    if confirm.is_empty() {
        Some("form.required")
    } else if p != confirm {
        Some("signup.password_mismatch")
    } else {
        None
    }
}

/// After `client_registered`: did the automatic login work?
type Registered = Result<(), ApiError>;

#[component]
pub fn SignupPage() -> impl IntoView {
    crate::ui::page_title("signup.title");
    let form = ProfileForm::new(Rules::Account);
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let currency = RwSignal::new("VND".to_owned());
    let general = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<Registered>);
    let registered_email = RwSignal::new(None::<String>);
    let query = use_query_map();
    let from_card = query.with_untracked(|q| q.get("from").as_deref() == Some("card"));

    let restored = keep_draft(&form, currency, done, from_card);
    let not_kept = restored.not_kept;

    let submit = action(|(body,): &(SignupBody,)| {
        let body = body.clone();
        async move {
            crate::api::signup::signup(&body).await?;
            // Registered: log in with the same credentials.
            Ok::<Registered, ApiError>(
                session::login(body.profile.email.clone(), body.password.clone(), false).await,
            )
        }
    });
    let pending = submit.pending();
    effect(move || match submit.value().get() {
        Some(Ok(logged_in)) => {
            signup_draft::forget();
            done.set(Some(logged_in));
            browser::scroll_into_view("signup-title");
        }
        Some(Err(e)) => form.failed(&e, Some(password.get_untracked()), general, "signup-errors"),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        general.set(Vec::new());
        let bad = form.first_invalid();
        let pw = password.get_untracked();
        let bad = bad
            .or_else(|| password_problem(&pw).map(|_| "password"))
            .or_else(|| confirm_problem(&pw, &confirm.get_untracked()).map(|_| "password_confirm"));
        if let Some(f) = bad {
            browser::focus(&format!("f-{f}"));
            return;
        }
        let body =
            SignupBody { profile: form.fields(), password: pw, currency: currency.get_untracked() };
        submit.dispatch((body,));
    };

    // "Is this e-mail registered already?" when the field is left.
    let check_email = Callback::new(move |email: String| {
        let email = email.trim().to_owned();
        if !looks_like_email(&email) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(true) = email_registered(&email).await {
                registered_email.set(Some(email));
            }
        });
    });
    let email_note = move || {
        let show =
            registered_email.get().is_some_and(|e| e.eq_ignore_ascii_case(form.email.get().trim()));
        if !show {
            return ().into_any();
        }
        view! {
            <p class="alert alert-info email-note" role="status">
                {tr("signup.email_registered")} " "
                <A href=href::LOGIN>{tr("signup.login_instead")}</A>
                " · "
                <A href=href::PASSWORD_RESET>{tr("signup.reset_instead")}</A>
            </p>
        }
        .into_any()
    };

    // "Already logged in" is not shown while this very sign-up logs in.
    let logged_in_already = Memo::new(move |_| {
        session::state() == SessionState::Active && done.with(Option::is_none) && !pending.get()
    });
    let busy = Signal::derive(move || pending.get().then_some("true"));
    view! {
        <section class="page signup" aria-labelledby="signup-title">
            {dyn_view(move || match done.get() {
                Some(result) => view! { <Welcome result=result/> }.into_any(),
                None if logged_in_already.get() => view! {
                    <h1 id="signup-title">{tr("signup.title")}</h1>
                    <p class="alert alert-info" role="status">
                        {tr("signup.already_logged_in")} " "
                        <A href=href::DASHBOARD>{tr("signup.to_dashboard")}</A>
                    </p>
                }
                .into_any(),
                None => view! {
                    <div class="page-head">
                        <div>
                            <h1 id="signup-title">{tr("signup.title")}</h1>
                            <p class="muted">{tr("signup.subtitle")} " " <A href=href::LOGIN>{tr("signup.have_account")}</A></p>
                        </div>
                    </div>
                    <FromCardNote from_card=from_card/>
                    <RestoredNote restored=restored/>
                    <div id="signup-errors" tabindex="-1"><SignupErrors form=form general=general/></div>
                    <form class="form form-wide" novalidate on:submit=on_submit aria-busy=busy>
                        <fieldset class="form-section">
                            <legend>{tr("signup.section_type")}</legend>
                            <OrgFields form=form/>
                        </fieldset>
                        <fieldset class="form-section">
                            <legend>{tr("signup.section_person")}</legend>
                            <PersonFields form=form on_email=check_email email_note=email_note/>
                        </fieldset>
                        <fieldset class="form-section">
                            <legend>{tr("signup.section_address")}</legend>
                            <AddressFields form=form/>
                        </fieldset>
                        <LoginFields form=form password=password confirm=confirm currency=currency/>
                        {dyn_view(move || if not_kept.get() {
                            view! { <p class="alert alert-warn" role="alert" data-testid="draft-not-kept">{tr("signup.draft_not_kept")}</p> }.into_any()
                        } else {
                            view! { <p class="hint">{tr("signup.draft_note")}</p> }.into_any()
                        })}
                        <SubmitButton pending=pending label="signup.submit" busy="signup.submitting" block=true/>
                    </form>
                }
                .into_any(),
            })}
        </section>
    }
}

/// The draft this visit started from, and whether the browser refused to
/// keep one.
#[derive(Clone, Copy)]
struct Restored {
    /// When the draft shown was saved (`Some(0)`: before drafts were
    /// dated); None when nothing is offered back (or after "discard").
    saved_at: RwSignal<Option<i64>>,
    not_kept: RwSignal<bool>,
    form: ProfileForm,
    currency: RwSignal<String>,
}

impl Restored {
    /// Forgets the draft and empties the form (the passwords were never
    /// in it).
    fn discard(&self) {
        signup_draft::forget();
        let mut blank = Draft::default();
        blank.fields.kind = crate::forms::profile::rules::PRIVATE.into();
        self.form.restore(&blank);
        self.form.checked.set(false);
        self.form.server.set(Vec::new());
        self.currency.set("VND".into());
        self.saved_at.set(None);
        browser::focus("signup-title");
    }
}

/// Restores an unfinished sign-up (offered back unless the visitor comes
/// from `/ekyc`, which just wrote it), then saves it on every change until
/// `done`: dated, only when something changed (so a visit does not make
/// an old draft young again), removed when nothing is typed. A failed save
/// is remembered for the form's notice.
fn keep_draft(
    form: &ProfileForm,
    currency: RwSignal<String>,
    done: RwSignal<Option<Registered>>,
    from_card: bool,
) -> Restored {
    let form = *form;
    let restored =
        Restored { saved_at: RwSignal::new(None), not_kept: RwSignal::new(false), form, currency };
    let start = signup_draft::saved();
    if let Some(d) = &start {
        form.restore(&d.profile);
        if d.currency == "VND" || d.currency == "USD" {
            currency.set(d.currency.clone());
        }
        if !d.is_blank() && !from_card {
            restored.saved_at.set(Some(d.saved_at));
        }
    }
    // What the form holds once restored: saved again only when it changes.
    let last = StoredValue::new(
        start.is_some().then(|| (untrack(|| form.draft()), currency.get_untracked())),
    );
    effect(move || {
        let content = (form.draft(), currency.get());
        if done.with(Option::is_some) || last.with_value(|l| l.as_ref() == Some(&content)) {
            return;
        }
        let d = SignupDraft {
            profile: content.0.clone(),
            currency: content.1.clone(),
            saved_at: browser::now_secs(),
        };
        last.set_value(Some(content));
        if d.is_blank() {
            signup_draft::forget();
        } else if !signup_draft::save(&d) && !restored.not_kept.get_untracked() {
            restored.not_kept.set(true);
        }
    });
    restored
}

/// "We kept what you typed on <date>", with a button that discards it.
#[component]
fn RestoredNote(restored: Restored) -> impl IntoView {
    dyn_view(move || {
        let Some(at) = restored.saved_at.get() else { return ().into_any() };
        let text = if at > 0 {
            let when =
                crate::ui::format::moment_local(at, browser::utc_offset_minutes(), i18n::lang());
            t_with("signup.draft_restored", &[("date", &when)])
        } else {
            t("signup.draft_restored_undated")
        };
        view! {
            <div class="alert alert-info draft-restored" role="status" data-testid="draft-restored">
                <p>{text}</p>
                <button type="button" class="btn btn-secondary btn-small" on:click=move |_| restored.discard()>
                    {tr("signup.draft_discard")}
                </button>
            </div>
        }
        .into_any()
    })
}

/// The login part of the form: password twice and the account currency.
#[component]
fn LoginFields(
    form: ProfileForm,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    currency: RwSignal<String>,
) -> impl IntoView {
    let pw_error = Signal::derive(move || {
        if form.checked.get() {
            if let Some(k) = password_problem(&password.get()) {
                return Some(t(k));
            }
        }
        let p = password.get();
        form.server.with(|l| {
            l.iter()
                .find(|e| e.field == Some("password") && e.value == p)
                .map(|e| i18n::server_message(&e.message))
        })
    });
    let confirm_error = Signal::derive(move || {
        form.checked
            .get()
            .then(|| confirm_problem(&password.get(), &confirm.get()).map(t))
            .flatten()
    });
    let currencies = Signal::derive(|| {
        vec![
            ("VND".to_owned(), t("signup.currency_vnd")),
            ("USD".to_owned(), t("signup.currency_usd")),
        ]
    });
    view! {
        <fieldset class="form-section">
            <legend>{tr("signup.section_login")}</legend>
            <TextField
                label="signup.password" name="password" input_type="password" autocomplete="new-password"
                required=true revealable=true hint="signup.password_hint" value=password error=pw_error
            />
            <TextField
                label="signup.password_confirm" name="password_confirm" input_type="password"
                autocomplete="new-password" required=true value=confirm error=confirm_error
            />
            <SelectField label="signup.currency" name="currency" value=currency options=currencies hint="signup.currency_hint"/>
        </fieldset>
    }
}

/// What went wrong with the last submit: the server's general messages,
/// or a pointer to the fields it named.
#[component]
fn SignupErrors(form: ProfileForm, general: RwSignal<Vec<String>>) -> impl IntoView {
    dyn_view(move || {
        let general = general.get();
        if !general.is_empty() {
            view! {
                <div class="alert alert-error" role="alert">
                    <strong class="alert-title">{tr("signup.failed")}</strong>
                    {general.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </div>
            }
            .into_any()
        } else if form.server.with(|s| !s.is_empty()) {
            view! { <p class="alert alert-error" role="alert">{tr("signup.fix_fields")}</p> }
                .into_any()
        } else {
            ().into_any()
        }
    })
}

/// After an ID card was read on `/ekyc`: say the form was filled from it;
/// otherwise offer to start there.
#[component]
fn FromCardNote(from_card: bool) -> impl IntoView {
    if from_card {
        view! { <p class="alert alert-info" role="status" data-testid="from-card">{tr("signup.from_card_done")}</p> }.into_any()
    } else {
        view! {
            <p class="from-card">
                {tr("signup.from_card_hint")} " " <A href=href::EKYC>{tr("signup.from_card")}</A>
            </p>
        }
        .into_any()
    }
}

#[component]
fn Welcome(result: Registered) -> impl IntoView {
    // Identity verification comes next; without the automatic login it
    // starts with logging in.
    let ekyc = if result.is_ok() { href::EKYC.to_owned() } else { href::login_then(href::EKYC) };
    view! {
        <div class="card welcome" role="status">
            <h1 id="signup-title" tabindex="-1">{tr("signup.done_title")}</h1>
            {match result {
                Ok(()) => view! { <p>{tr("signup.done_logged_in")}</p> }.into_any(),
                Err(e) => view! {
                    <div class="alert alert-error" role="alert">
                        <p>{tr("signup.done_login_failed")} " " {move || error_text(&e)}</p>
                        <A href=href::LOGIN attr:class="btn btn-secondary">{tr("signup.login_instead")}</A>
                    </div>
                }
                .into_any(),
            }}
            <h2>{tr("signup.next_title")}</h2>
            <p>{tr("signup.next_ekyc")}</p>
            <div class="actions">
                <A href=ekyc attr:class="btn btn-primary">{tr("signup.verify_now")}</A>
                <A href=href::DASHBOARD attr:class="btn btn-secondary">{tr("signup.to_dashboard")}</A>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords() {
        assert_eq!(password_problem(""), Some("form.required"));
        assert_eq!(password_problem("short7!"), Some("signup.password_short"));
        assert_eq!(password_problem("Đủ8kýtự"), Some("signup.password_short"));
        assert_eq!(password_problem("long-enough"), None);
        assert_eq!(confirm_problem("a", ""), Some("form.required"));
        assert_eq!(confirm_problem("abcdefgh", "abcdefgH"), Some("signup.password_mismatch"));
        assert_eq!(confirm_problem("abcdefgh", "abcdefgh"), None);
    }
}
