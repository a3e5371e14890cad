//! `/signup`: a new customer creates an account in one pass (`POST
//! /signup` with exactly the documented fields), is logged in with the
//! same credentials and is offered identity verification next. An
//! unfinished sign-up is kept in localStorage for a day (never the
//! passwords); a restored one is said, with its date and a way to discard
//! it; a browser that will not keep it is told once. A failed submit keeps
//! every field and shows the server's messages next to the fields they
//! name.
//!
//! A sign-up whose answer was lost (time-out, connection lost, 5xx: the
//! account may exist) is never simply offered again: the form stays locked
//! and the page logs in with the e-mail and password just sent to find out
//! ([`lost_signup`]): logged in, it goes on as after a sign-up; refused,
//! nothing was created and the form opens again; still no answer, it stays
//! locked with "check again".

use crate::api::signup::{email_registered, SignupBody};
use crate::api::ApiError;
use crate::app::href;
use crate::browser;
use crate::forms::profile::{AddressFields, Draft, OrgFields, PersonFields, ProfileForm, Rules};
use crate::forms::signup_draft::{self, SignupDraft};
use crate::i18n::{self, t, t_with, tr};
use crate::session::{self, SessionState};
use crate::ui::choice::SelectField;
use crate::ui::erase::{action, dyn_view, effect, Act};
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

/// What a login with the credentials just sent says of a sign-up whose
/// answer was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LostSignup {
    /// Logged in: the account exists; go on as after a sign-up.
    Created,
    /// The server refused the credentials: there is no such account, so
    /// the sign-up did not happen and may be sent again.
    NotCreated,
    /// No answer again (or one that says nothing about the account): the
    /// form stays locked.
    Unknown,
}

/// Reads the login's outcome. Only a refusal from the server itself
/// (HTTP 401, or a HostBill error such as `wronglogin` below 500) says
/// the account does not exist; a time-out, a lost connection, a 5xx, a
/// rate limit (429) or an answer without a token say nothing, so the form
/// stays locked rather than invite a second account.
pub fn lost_signup(login: &Result<(), ApiError>) -> LostSignup {
    match login {
        Ok(()) => LostSignup::Created,
        Err(ApiError::Unauthorized) => LostSignup::NotCreated,
        Err(ApiError::Server { status, .. }) if *status < 500 && *status != 429 => {
            LostSignup::NotCreated
        }
        Err(_) => LostSignup::Unknown,
    }
}

/// How long after a lost answer the first login is tried: the server may
/// still be creating the account when the client gives up waiting.
pub const RECHECK_DELAY_MS: u32 = 2_000;

/// The state of a sign-up whose answer was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lost {
    /// Logging in to find out.
    Checking,
    /// The login got no answer either.
    Unreachable,
}

/// Finding out what became of a sign-up whose answer was lost: a login
/// with the e-mail and password sent (kept in memory only), read by
/// [`lost_signup`].
#[derive(Clone, Copy)]
struct LostCheck {
    state: RwSignal<Option<Lost>>,
    /// The credentials of the last send.
    sent: StoredValue<Option<(String, String)>>,
    recheck: Act<(String, String, u32), Result<(), ApiError>>,
}

impl LostCheck {
    /// Created → `welcome`; not created → the form opens with a message in
    /// `general`; no answer → locked, waiting for "check again".
    fn new(general: RwSignal<Vec<String>>, welcome: Callback<Registered>) -> Self {
        let recheck = action(|(email, password, wait): &(String, String, u32)| {
            let (email, password, wait) = (email.clone(), password.clone(), *wait);
            async move {
                if wait > 0 {
                    gloo_timers::future::TimeoutFuture::new(wait).await;
                }
                session::login(email, password, false).await
            }
        });
        let state = RwSignal::new(None::<Lost>);
        effect(move || {
            let Some(r) = recheck.value().get() else { return };
            match lost_signup(&r) {
                LostSignup::Created => welcome.run(Ok(())),
                LostSignup::NotCreated => {
                    state.set(None);
                    general.set(vec![t("signup.lost_not_created")]);
                    browser::focus("signup-errors");
                }
                LostSignup::Unknown => state.set(Some(Lost::Unreachable)),
            }
        });
        LostCheck { state, sent: StoredValue::new(None), recheck }
    }

    /// Locks the form and logs in after `wait` ms.
    fn check(&self, wait: u32) {
        if let Some((email, password)) = self.sent.get_value() {
            self.state.set(Some(Lost::Checking));
            self.recheck.dispatch((email, password, wait));
        }
    }
}

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
    let welcome = Callback::new(move |logged_in: Registered| {
        signup_draft::forget();
        done.set(Some(logged_in));
        browser::scroll_into_view("signup-title");
    });
    let lost = LostCheck::new(general, welcome);
    effect(move || match submit.value().get() {
        Some(Ok(logged_in)) => welcome.run(logged_in),
        Some(Err(e)) if e.outcome_unknown() => lost.check(RECHECK_DELAY_MS),
        Some(Err(e)) => form.failed(&e, Some(password.get_untracked()), general, "signup-errors"),
        None => {}
    });
    let frozen = Signal::derive(move || lost.state.get().is_some());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || frozen.get_untracked() {
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
        lost.sent.set_value(Some((body.profile.email.clone(), body.password.clone())));
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
                registered_email.try_set(Some(email));
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

    // "Already logged in" is not shown while this very sign-up logs in
    // (after its answer, or to find out what became of a lost one).
    let checking = lost.recheck.pending();
    let logged_in_already = Memo::new(move |_| {
        session::state() == SessionState::Active
            && done.with(Option::is_none)
            && !pending.get()
            && !checking.get()
            && lost.state.get().is_none()
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
                        // locked while a lost sign-up is looked for
                        <fieldset class="form-lock" disabled=frozen>
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
                        </fieldset>
                        {dyn_view(move || if not_kept.get() {
                            view! { <p class="alert alert-warn" role="alert" data-testid="draft-not-kept">{tr("signup.draft_not_kept")}</p> }.into_any()
                        } else {
                            view! { <p class="hint">{tr("signup.draft_note")}</p> }.into_any()
                        })}
                        <LostNote lost=lost.state on_check=Callback::new(move |_| lost.check(0))/>
                        <SubmitButton pending=pending blocked=frozen label="signup.submit" busy="signup.submitting" block=true/>
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

/// A sign-up whose answer was lost: looking for the account, or, when that
/// got no answer either, "check again" (the form stays locked).
#[component]
fn LostNote(lost: RwSignal<Option<Lost>>, on_check: Callback<()>) -> impl IntoView {
    dyn_view(move || match lost.get() {
        None => ().into_any(),
        Some(Lost::Checking) => view! {
            <div class="alert alert-warn" role="status" data-testid="signup-lost">
                <p>
                    <span class="spinner" aria-hidden="true"></span>
                    {tr("signup.lost_checking")}
                </p>
            </div>
        }
        .into_any(),
        Some(Lost::Unreachable) => view! {
            <div class="alert alert-warn" role="alert" data-testid="signup-lost">
                <p>{tr("signup.lost_unreachable")}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| on_check.run(())>
                    {tr("signup.lost_check_again")}
                </button>
            </div>
        }
        .into_any(),
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
    fn a_lost_sign_up_is_read_from_a_login_with_its_credentials() {
        let server = |status| Err(ApiError::Server { status, messages: vec!["wronglogin".into()] });
        let cases = [
            (Ok(()), LostSignup::Created),
            (server(200), LostSignup::NotCreated),
            (server(400), LostSignup::NotCreated),
            (Err(ApiError::Unauthorized), LostSignup::NotCreated),
            (Err(ApiError::Timeout), LostSignup::Unknown),
            (Err(ApiError::Network), LostSignup::Unknown),
            (server(503), LostSignup::Unknown),
            (server(429), LostSignup::Unknown),
            (Err(ApiError::Http { status: 502 }), LostSignup::Unknown),
            (Err(ApiError::Http { status: 403 }), LostSignup::Unknown),
            (
                Err(ApiError::Decode { endpoint: "POST /login".into(), detail: "no token".into() }),
                LostSignup::Unknown,
            ),
            (Err(ApiError::NotSupported), LostSignup::Unknown),
            (Err(ApiError::Aborted), LostSignup::Unknown),
        ];
        for (login, want) in cases {
            assert_eq!(lost_signup(&login), want, "{login:?}");
        }
    }

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
