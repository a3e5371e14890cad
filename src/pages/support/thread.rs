//! `/support/:number`: a ticket's thread (`GET /tickets/@number`), oldest
//! first, staff and customer told apart, times in the reader's zone. Bodies
//! are text (`rich_text`: the server's HTML reduced, line breaks kept,
//! `https://` addresses made links). Attachments are listed with name and
//! size and downloaded through the API client, never shown in the page.
//! Reply, close and re-open; while the page is visible it reads the thread
//! again every 30 s and says when a new reply came (stops when hidden or
//! left). A server without the thread call still lets the customer reply,
//! close and re-open by number.

use super::{size_text, status_badge, text_with_links, when};
use crate::api::support::{self as api, Attachment, Message, Thread};
use crate::app::href;
use crate::browser;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, busy_label, dyn_view, effect, resource};
use crate::ui::{toast, ErrorPanel, Loading};
use crate::vocab::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// How often a visible thread is read again.
pub const CHECK_MS: u32 = 30_000;

/// What the page can offer, from the last read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Loading,
    /// The thread is shown; the ticket is open or closed.
    Open,
    Closed,
    /// The server cannot show threads: reply, close, re-open by number.
    Blind,
    Failed,
}

fn mode_of(r: Option<&Result<Thread, ApiError>>) -> Mode {
    match r {
        None | Some(Err(ApiError::Aborted)) => Mode::Loading,
        Some(Ok(t)) if t.ticket.status.is_closed() => Mode::Closed,
        Some(Ok(_)) => Mode::Open,
        Some(Err(ApiError::NotSupported)) => Mode::Blind,
        Some(Err(_)) => Mode::Failed,
    }
}

/// The replies that came since `before` messages were seen, from staff.
pub fn new_staff_replies(before: usize, now: &[Message]) -> usize {
    now.iter().skip(before).filter(|m| m.staff).count()
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    crate::ui::page_title_with(move || t_with("support.ticket_n", &[("number", &number.get())]));
    let thread = resource(move || {
        let n = number.get();
        async move { api::thread(&n).await }
    });
    // the number of messages last shown, and the news since
    let seen = StoredValue::new(None::<usize>);
    let news = RwSignal::new(None::<String>);
    effect(move || {
        if let Some(Ok(th)) = thread.get() {
            let n = th.messages.len();
            if let Some(before) = seen.get_value() {
                if new_staff_replies(before, &th.messages) > 0 {
                    news.set(Some(t("support.new_reply_came")));
                }
            }
            seen.set_value(Some(n));
        }
    });
    // every 30 s while visible; at once on coming back after 30 s
    let last = StoredValue::new(browser::now_ms());
    let check = move || {
        last.set_value(browser::now_ms());
        if mode_of(thread.get_untracked().as_ref()) != Mode::Loading {
            thread.refetch();
        }
    };
    if let Ok(h) = set_interval_with_handle(
        move || {
            if browser::page_visible() {
                check();
            }
        },
        Duration::from_millis(CHECK_MS.into()),
    ) {
        on_cleanup(move || h.clear());
    }
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if browser::page_visible() && browser::now_ms() - last.get_value() >= f64::from(CHECK_MS) {
            check();
        }
    });
    on_cleanup(move || listener.remove());

    let mode = Memo::new(move |_| mode_of(thread.get().as_ref()));
    let reload = Callback::new(move |_| thread.refetch());
    let body = dyn_view(move || match thread.get() {
        None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
        Some(Ok(th)) => thread_view(&number.get_untracked(), th).into_any(),
        Some(Err(ApiError::NotSupported)) => view! {
            <h1>{t_with("support.ticket_n", &[("number", &number.get_untracked())])}</h1>
            <div class="alert alert-info" role="status" data-testid="no-thread">
                <p>{tr("support.no_thread")}</p>
            </div>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <h1>{t_with("support.ticket_n", &[("number", &number.get_untracked())])}</h1>
            <ErrorPanel error=e what="support.thread_error" on_retry=reload/>
        }
        .into_any(),
    });
    let text = RwSignal::new(String::new());
    let actions = dyn_view(move || match mode.get() {
        Mode::Loading | Mode::Failed => ().into_any(),
        m => view! { <Actions number=number.get_untracked() mode=m text=text reload=reload/> }
            .into_any(),
    });
    view! {
        <section class="page ticket-page">
            <nav class="crumbs" aria-label=tr("support.crumbs")>
                <A href=href::SUPPORT>{tr("support.title")}</A>
            </nav>
            <p class="alert alert-info" role="status" aria-live="polite" hidden=move || news.with(Option::is_none) data-testid="news">
                {move || news.get().unwrap_or_default()}
            </p>
            {body}
            {actions}
        </section>
    }
}

fn thread_view(number: &str, th: Thread) -> impl IntoView {
    let subject = if th.ticket.subject.is_empty() {
        t_with("support.ticket_n", &[("number", number)])
    } else {
        th.ticket.subject.clone()
    };
    let unread_from =
        th.ticket.unread.then(|| th.messages.iter().rposition(|m| !m.staff).map_or(0, |i| i + 1));
    let messages = th
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| message_view(number, m, unread_from.is_some_and(|u| i >= u && m.staff)))
        .collect_view();
    view! {
        <h1 class="ticket-subject">{subject}</h1>
        <p class="muted ticket-meta">
            {format!("#{number}")} " · " {th.ticket.department.clone()} " · " {status_badge(th.ticket.status, &th.ticket.status_raw)}
            " · " {t_with("support.opened_on", &[("date", &when(&th.ticket.date))])}
        </p>
        <ol class="thread" data-testid="thread">{messages}</ol>
    }
}

fn message_view(number: &str, m: &Message, new: bool) -> impl IntoView {
    let who = if m.staff { t("support.staff") } else { t("support.you") };
    let author = if m.author.trim().is_empty() {
        who.clone()
    } else {
        format!("{} · {who}", m.author.trim())
    };
    let files = (!m.attachments.is_empty()).then(|| {
        let items = m
            .attachments
            .iter()
            .map(|a| view! { <li><Download number=number.to_owned() file=a.clone()/></li> })
            .collect_view();
        view! { <ul class="attachments" aria-label=t("support.attachments")>{items}</ul> }
    });
    view! {
        <li class="message" class:message-staff=m.staff class:message-client=!m.staff class:message-new=new>
            <header class="message-head">
                <span class="message-author">{author}</span>
                <time class="muted" datetime=m.date.clone()>{when(&m.date)}</time>
                {new.then(|| view! { <span class="badge badge-new">{t("support.new_reply")}</span> })}
            </header>
            <div class="message-body">{text_with_links(&m.body)}</div>
            {files}
        </li>
    }
}

/// The type a downloaded file is saved with: PNG, JPEG and PDF as what
/// their bytes say they are, anything else as plain bytes (never a type
/// the server chose; `ui::file_drop::saved_as`). The name stays the
/// attachment's own: a customer's `.docx` is saved as one.
pub fn saved_type(bytes: &[u8]) -> &'static str {
    crate::ui::file_drop::saved_as(bytes).0
}

/// An attachment: its name and size, downloaded on click.
#[component]
fn Download(number: String, file: Attachment) -> impl IntoView {
    let name =
        if file.name.trim().is_empty() { t("support.attachment") } else { file.name.clone() };
    let label = format!("{name} {}", size_text(file.size));
    let (n, id, fname) = (number.clone(), file.id.clone(), name.clone());
    let get = action(move |_: &()| {
        let (n, id, fname) = (n.clone(), id.clone(), fname.clone());
        async move {
            let r = api::attachment(&n, &id).await;
            if let Ok(b) = &r {
                let name = b.filename.clone().unwrap_or(fname);
                #[cfg(target_arch = "wasm32")]
                if !crate::ui::file_drop::save(&b.bytes, saved_type(&b.bytes), &name) {
                    toast::show(t("support.download_failed"));
                }
                #[cfg(not(target_arch = "wasm32"))]
                let _ = name;
            }
            r.map(|_| ())
        }
    });
    let pending = get.pending();
    view! {
        <button type="button" class="btn btn-ghost attachment" disabled=move || pending.get()
            aria-label=t_with("support.download", &[("name", &label)]) on:click=move |_| get.dispatch(())>
            <span aria-hidden="true">"📎 "</span>{label.clone()}
        </button>
        {move || match get.value().get() {
            Some(Err(e)) => view! { <span class="field-error" role="alert">{crate::ui::error_text(&e)}</span> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// Reply, close and re-open.
#[component]
fn Actions(
    number: String,
    mode: Mode,
    text: RwSignal<String>,
    reload: Callback<()>,
) -> impl IntoView {
    let number = StoredValue::new(number);
    let problem = RwSignal::new(None::<String>);
    let unknown = RwSignal::new(false);
    let send = action(move |body: &String| {
        let (n, body) = (number.get_value(), body.clone());
        async move {
            match api::reply(&n, &body).await {
                Ok(info) => {
                    let _ = text.try_set(String::new());
                    toast::info(&info, "support.reply_sent");
                    reload.run(());
                }
                Err(e) if e.outcome_unknown() => {
                    let _ = unknown.try_set(true);
                    reload.run(());
                }
                Err(e) => {
                    let _ = problem.try_set(Some(crate::ui::error_text(&e)));
                }
            }
        }
    });
    let pending = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        unknown.set(false);
        let body = text.get_untracked();
        let len = body.trim().chars().count();
        if len == 0 {
            problem.set(Some(t("support.body_required")));
            browser::focus("f-reply");
            return;
        }
        if len > super::new::BODY_MAX {
            problem.set(Some(t("support.body_too_long")));
            browser::focus("f-reply");
            return;
        }
        problem.set(None);
        send.dispatch(body.trim().to_owned());
    };
    let change = action(move |close: &bool| {
        let (n, close) = (number.get_value(), *close);
        async move {
            let r = if close { api::close(&n).await } else { api::reopen(&n).await };
            match &r {
                Ok(_) => toast::show(t(if close { "support.closed" } else { "support.reopened" })),
                Err(e) => toast::show(crate::ui::error_text(e)),
            }
            reload.run(());
        }
    });
    let changing = change.pending();
    let can_reply = mode != Mode::Closed;
    let close_button = (mode != Mode::Closed).then(|| view! {
        <button type="button" class="btn btn-secondary" data-testid="close-ticket" disabled=move || changing.get()
            on:click=move |_| change.dispatch(true)>{busy_label(changing, "support.close", "support.working")}</button>
    });
    let reopen_button = (mode != Mode::Open).then(|| view! {
        <button type="button" class="btn btn-secondary" data-testid="reopen-ticket" disabled=move || changing.get()
            on:click=move |_| change.dispatch(false)>{busy_label(changing, "support.reopen", "support.working")}</button>
    });
    view! {
        {can_reply.then(|| view! {
            <section class="card reply" aria-labelledby="reply-title">
                <h2 id="reply-title">{tr("support.reply")}</h2>
                <form class="form" novalidate on:submit=submit data-testid="reply-form">
                    <div class="field">
                        <label for="f-reply">{tr("support.your_reply")}</label>
                        <textarea id="f-reply" name="body" rows="5" aria-describedby="f-reply-error"
                            aria-invalid=move || problem.with(Option::is_some).to_string()
                            prop:value=move || text.get() on:input=move |ev| { text.set(event_target_value(&ev)); problem.set(None); }></textarea>
                        <p class="field-error" id="f-reply-error" role="alert" hidden=move || problem.with(Option::is_none)>
                            {move || problem.get().unwrap_or_default()}
                        </p>
                    </div>
                    <div class="alert alert-warn" role="alert" hidden=move || !unknown.get() data-testid="reply-unknown">
                        {tr("support.reply_unknown")}
                    </div>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                        {busy_label(pending, "support.send_reply", "support.sending")}
                    </button>
                </form>
            </section>
        })}
        {(mode == Mode::Closed).then(|| view! { <p class="muted" data-testid="closed-note">{tr("support.closed_note")}</p> })}
        <div class="link-buttons ticket-actions">{close_button}{reopen_button}</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(staff: bool) -> Message {
        Message { staff, ..Default::default() }
    }

    #[test]
    fn only_new_staff_replies_are_news() {
        let now = [msg(false), msg(true), msg(false), msg(true)];
        assert_eq!(new_staff_replies(2, &now), 1);
        assert_eq!(new_staff_replies(4, &now), 0);
        assert_eq!(new_staff_replies(0, &now), 2);
        assert_eq!(new_staff_replies(9, &now), 0);
    }

    #[test]
    fn downloads_take_the_type_their_bytes_show() {
        assert_eq!(saved_type(b"%PDF-1.4 ..."), "application/pdf");
        assert_eq!(saved_type(b"<svg onload=alert(1)>"), "application/octet-stream");
        assert_eq!(saved_type(b"<html>"), "application/octet-stream");
    }
}
