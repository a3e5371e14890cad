//! `/support/new`: a new ticket. Department (`GET /ticket/departments`,
//! with its description), subject and message, and optionally the service
//! or domain it is about (`?service=<id>` / `?domain=<id>` fill it in),
//! named at the top of the message. Checked in the page's language; the
//! draft is kept in sessionStorage, so a reload or a failed send loses
//! nothing (a browser that will not keep it is told so, once).
//!
//! One ticket per click: the button locks while sending; an answer that
//! never came (time-out, network) may mean the ticket exists, so the form
//! stays locked and the page points to the list instead of inviting a
//! second send. On success: the new ticket's thread.

use crate::api::domains;
use crate::api::services::service as services;
use crate::api::support::{self as api, Department, NewTicket};
use crate::app::href;
use crate::browser;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, busy_label, dyn_view, effect, resource};
use crate::ui::{ErrorPanel, Loading};
use crate::vocab::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::{Deserialize, Serialize};

const DRAFT_KEY: &str = "portal.ticket_draft";

/// Subject length the form accepts.
pub const SUBJECT_MAX: usize = 200;
/// Message lengths the form accepts.
pub const BODY_MIN: usize = 10;
pub const BODY_MAX: usize = 20_000;

/// What is typed, kept across reloads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub dept: String,
    /// `service:<id>` or `domain:<id>`, or "".
    pub about: String,
    pub subject: String,
    pub body: String,
}

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Dept,
    Subject,
    Body,
}

/// The form's checks: the first problem of each field (i18n keys).
pub fn problems(d: &Draft, depts: &[Department]) -> Vec<(Field, &'static str)> {
    let mut out = Vec::new();
    if !depts.iter().any(|x| x.id.0 == d.dept) {
        out.push((Field::Dept, "support.dept_required"));
    }
    let subject = d.subject.trim().chars().count();
    if subject == 0 {
        out.push((Field::Subject, "support.subject_required"));
    } else if subject > SUBJECT_MAX {
        out.push((Field::Subject, "support.subject_too_long"));
    }
    let body = d.body.trim().chars().count();
    if body == 0 {
        out.push((Field::Body, "support.body_required"));
    } else if body < BODY_MIN {
        out.push((Field::Body, "support.body_too_short"));
    } else if body > BODY_MAX {
        out.push((Field::Body, "support.body_too_long"));
    }
    out
}

/// The message sent: the related service or domain named first.
pub fn message(body: &str, about: Option<&str>) -> String {
    match about.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => format!("{a}\n\n{}", body.trim()),
        None => body.trim().to_owned(),
    }
}

/// The server's refusal words and the field they are about.
fn refused_field(word: &str) -> Option<Field> {
    match word.trim() {
        "ticketdept_dontexists" => Some(Field::Dept),
        "empty_subject_line" => Some(Field::Subject),
        "empty_message" => Some(Field::Body),
        _ => None,
    }
}

fn input_id(f: Field) -> &'static str {
    match f {
        Field::Dept => "f-dept",
        Field::Subject => "f-subject",
        Field::Body => "f-body",
    }
}

/// What the form needs: departments (required) and the customer's
/// services and domains (a nicety: without them no picker).
type Loaded = (Vec<Department>, Vec<(String, String)>);

async fn load() -> Result<Loaded, ApiError> {
    let (depts, svc, dom) = futures::join!(api::departments(), services::list(), domains::list());
    let mut about = Vec::new();
    for s in svc.unwrap_or_default() {
        let label =
            t_with("support.about_service", &[("name", &s.display_name()), ("id", s.id.as_str())]);
        about.push((format!("service:{}", s.id), label));
    }
    for d in dom.unwrap_or_default() {
        let label =
            t_with("support.about_domain", &[("name", &crate::idn::to_unicode(d.name.as_str()))]);
        about.push((format!("domain:{}", d.id), label));
    }
    Ok((depts?, about))
}

#[component]
pub fn NewTicketPage() -> impl IntoView {
    crate::ui::page_title("support.new");
    let data = resource(load);
    let query = use_query_map();
    let about = query.with_untracked(|m| {
        m.get("service")
            .map(|s| format!("service:{s}"))
            .or_else(|| m.get("domain").map(|d| format!("domain:{d}")))
            .unwrap_or_default()
    });
    view! {
        <section class="page support-new" aria-labelledby="new-ticket-title">
            <nav class="crumbs" aria-label=tr("support.crumbs")>
                <A href=href::SUPPORT>{tr("support.title")}</A>
            </nav>
            <h1 id="new-ticket-title">{tr("support.new")}</h1>
            {dyn_view(move || match data.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Ok((depts, items))) => view! { <TicketForm depts=depts items=items about=about.clone()/> }.into_any(),
                Some(Err(e)) => view! {
                    <ErrorPanel error=e what="support.depts_error" on_retry=Callback::new(move |_| data.refetch())/>
                }
                .into_any(),
            })}
        </section>
    }
}

/// How the last send ended.
#[derive(Clone, Debug, PartialEq)]
enum Sent {
    /// The answer never came: the ticket may exist.
    Unknown,
    Refused(ApiError),
}

#[component]
fn TicketForm(
    depts: Vec<Department>,
    items: Vec<(String, String)>,
    about: String,
) -> impl IntoView {
    let mut start: Draft = browser::session_get(DRAFT_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    if !about.is_empty() && items.iter().any(|(k, _)| *k == about) {
        start.about = about;
    }
    if start.dept.is_empty() && depts.len() == 1 {
        start.dept = depts.first().map(|d| d.id.0.clone()).unwrap_or_default();
    }
    let draft = RwSignal::new(start);
    // kept on every change; a refusal (storage full, private browsing) is
    // said once, and the form goes on working
    let not_kept = RwSignal::new(false);
    effect(move || {
        let kept =
            serde_json::to_string(&draft.get()).is_ok_and(|s| browser::session_set(DRAFT_KEY, &s));
        if !kept && !not_kept.get_untracked() {
            not_kept.set(true);
        }
    });
    let depts = StoredValue::new(depts);
    let items = StoredValue::new(items);
    let shown = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<(Field, String)>::new());
    let outcome = RwSignal::new(None::<Sent>);
    let error = move |f: Field| -> Option<String> {
        if let Some((_, m)) = server_errors.with(|e| e.iter().find(|(x, _)| *x == f).cloned()) {
            return Some(m);
        }
        if !shown.get() {
            return None;
        }
        draft
            .with(|d| depts.with_value(|ds| problems(d, ds)))
            .into_iter()
            .find(|(x, _)| *x == f)
            .map(|(_, k)| t(k))
    };
    let navigate = use_navigate();
    let client = crate::state::client_id();
    let send = action(move |t: &NewTicket| {
        let (t, navigate) = (t.clone(), navigate.clone());
        let client = client.get_untracked();
        async move {
            match api::create(&t).await {
                Ok(number) => {
                    crate::state::remember_ticket(&client, &number);
                    browser::session_remove(DRAFT_KEY);
                    crate::ui::toast::show(crate::i18n::t_with(
                        "support.created",
                        &[("number", &number)],
                    ));
                    navigate(&href::ticket(&number), Default::default());
                }
                Err(e) if e.outcome_unknown() => {
                    let _ = outcome.try_set(Some(Sent::Unknown));
                }
                Err(e) => {
                    let at: Vec<(Field, String)> = e
                        .messages()
                        .iter()
                        .filter_map(|m| {
                            refused_field(m).map(|f| (f, crate::i18n::server_message(m)))
                        })
                        .collect();
                    if let Some((f, _)) = at.first() {
                        browser::focus(input_id(*f));
                    }
                    let _ = server_errors.try_set(at);
                    let _ = outcome.try_set(Some(Sent::Refused(e)));
                }
            }
        }
    });
    let pending = send.pending();
    // after an answer that never came, no second send from this form
    let locked = move || pending.get() || outcome.with(|o| o == &Some(Sent::Unknown));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if locked() {
            return;
        }
        shown.set(true);
        server_errors.set(Vec::new());
        outcome.set(None);
        let d = draft.get_untracked();
        let found = depts.with_value(|ds| problems(&d, ds));
        if let Some((f, _)) = found.first() {
            browser::focus(input_id(*f));
            return;
        }
        let about =
            items.with_value(|i| i.iter().find(|(k, _)| *k == d.about).map(|(_, l)| l.clone()));
        send.dispatch(NewTicket {
            dept_id: d.dept.clone(),
            subject: d.subject.trim().to_owned(),
            body: message(&d.body, about.as_deref()),
        });
    };
    let dept_options = depts.with_value(|ds| {
        ds.iter()
            .map(|d| view! { <option value=d.id.0.clone()>{d.name.clone()}</option> })
            .collect_view()
    });
    let description = move || {
        let id = draft.with(|d| d.dept.clone());
        depts
            .with_value(|ds| ds.iter().find(|d| d.id.0 == id).map(|d| d.description.clone()))
            .filter(|s| !s.trim().is_empty())
    };
    let about_options = items.with_value(|i| {
        i.iter().map(|(k, l)| view! { <option value=k.clone()>{l.clone()}</option> }).collect_view()
    });
    let has_items = items.with_value(|i| !i.is_empty());
    let err_view = move |f: Field| {
        let id = format!("{}-error", input_id(f));
        view! { <p class="field-error" id=id role="alert" hidden=move || error(f).is_none()>{move || error(f).unwrap_or_default()}</p> }
    };
    let invalid = move |f: Field| move || error(f).is_some().to_string();
    view! {
        <form class="form ticket-form" novalidate on:submit=submit data-testid="ticket-form">
            <div class="field">
                <label for="f-dept">{tr("support.department")}" "<span class="req" aria-hidden="true">"*"</span></label>
                <select id="f-dept" name="dept_id" required aria-describedby="f-dept-hint f-dept-error" aria-invalid=invalid(Field::Dept)
                    prop:value=move || draft.with(|d| d.dept.clone())
                    on:change=move |ev| draft.update(|d| d.dept = event_target_value(&ev))>
                    <option value="">{tr("support.dept_pick")}</option>
                    {dept_options}
                </select>
                <p class="hint" id="f-dept-hint">{move || description().unwrap_or_else(|| t("support.dept_hint"))}</p>
                {err_view(Field::Dept)}
            </div>
            {has_items.then(|| view! {
                <div class="field">
                    <label for="f-about">{tr("support.about")}</label>
                    <select id="f-about" name="about" aria-describedby="f-about-hint"
                        prop:value=move || draft.with(|d| d.about.clone())
                        on:change=move |ev| draft.update(|d| d.about = event_target_value(&ev))>
                        <option value="">{tr("support.about_none")}</option>
                        {about_options}
                    </select>
                    <p class="hint" id="f-about-hint">{tr("support.about_hint")}</p>
                </div>
            })}
            <div class="field">
                <label for="f-subject">{tr("support.subject")}" "<span class="req" aria-hidden="true">"*"</span></label>
                <input id="f-subject" name="subject" type="text" required maxlength=SUBJECT_MAX.to_string()
                    aria-describedby="f-subject-error" aria-invalid=invalid(Field::Subject)
                    prop:value=move || draft.with(|d| d.subject.clone())
                    on:input=move |ev| draft.update(|d| d.subject = event_target_value(&ev))/>
                {err_view(Field::Subject)}
            </div>
            <div class="field">
                <label for="f-body">{tr("support.message")}" "<span class="req" aria-hidden="true">"*"</span></label>
                <textarea id="f-body" name="body" rows="8" required aria-describedby="f-body-hint f-body-error" aria-invalid=invalid(Field::Body)
                    prop:value=move || draft.with(|d| d.body.clone())
                    on:input=move |ev| draft.update(|d| d.body = event_target_value(&ev))></textarea>
                <p class="hint" id="f-body-hint">{tr("support.message_hint")}</p>
                {err_view(Field::Body)}
            </div>
            {move || not_kept.get().then(|| view! {
                <p class="alert alert-warn" role="alert" data-testid="draft-not-kept">{tr("support.draft_not_kept")}</p>
            })}
            {move || match outcome.get() {
                Some(Sent::Unknown) => view! {
                    <div class="alert alert-warn" role="alert" data-testid="ticket-unknown">
                        <p>{tr("support.create_unknown")}</p>
                        <A href=href::SUPPORT attr:class="btn btn-secondary">{tr("support.see_list")}</A>
                    </div>
                }
                .into_any(),
                Some(Sent::Refused(e)) if server_errors.with(Vec::is_empty) => view! {
                    <p class="alert alert-error" role="alert">{crate::ui::error_text(&e)}</p>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            <button type="submit" class="btn btn-primary" disabled=locked aria-busy=move || pending.get().to_string()>
                {busy_label(pending, "support.send", "support.sending")}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Id;

    fn depts() -> Vec<Department> {
        vec![Department {
            id: Id::from("1"), name: "Kỹ thuật".into(), description: String::new()
        }]
    }

    #[test]
    fn the_form_names_each_problem() {
        let mut d = Draft::default();
        let p = problems(&d, &depts());
        assert_eq!(
            p.iter().map(|x| x.0).collect::<Vec<_>>(),
            [Field::Dept, Field::Subject, Field::Body]
        );
        d.dept = "1".into();
        d.subject = "  Website lỗi 500 ".into();
        d.body = "ngắn".into();
        assert_eq!(problems(&d, &depts()), [(Field::Body, "support.body_too_short")]);
        d.body = "Trang chủ báo lỗi 500 từ sáng nay.".into();
        assert!(problems(&d, &depts()).is_empty());
        d.subject = "x".repeat(SUBJECT_MAX + 1);
        assert_eq!(problems(&d, &depts()), [(Field::Subject, "support.subject_too_long")]);
        d.dept = "9".into();
        assert_eq!(problems(&d, &depts())[0], (Field::Dept, "support.dept_required"));
    }

    #[test]
    fn the_related_item_is_named_first() {
        assert_eq!(
            message("  Xin chào ", Some("Dịch vụ: Cloud VPS (#302)")),
            "Dịch vụ: Cloud VPS (#302)\n\nXin chào"
        );
        assert_eq!(message("Xin chào", None), "Xin chào");
        assert_eq!(refused_field("empty_message"), Some(Field::Body));
        assert_eq!(refused_field("other"), None);
    }
}
