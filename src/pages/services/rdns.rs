//! `/services/:id/rdns`: the reverse DNS of a service's addresses (flows.md
//! section 8). Lists the IPs (`GET /service/@id/ip`) with their PTR name
//! (`GET /service/@id/rdns`), each editable in place and checked as it is
//! typed (`service_rules::check_hostname`: which rule failed, in the
//! page's language); an emptied name removes the record. "Save" sends only
//! the changed entries in one `POST /service/@id/rdns`, then reads the
//! records back. A refusal (`invalid_hostname`, `invalid_ip`) is shown at
//! its row when one entry was sent; a lost answer is said to be of unknown
//! outcome: the records are read again and the typed names kept.

use crate::api::services::rdns::{self, ServiceIp};
use crate::app::href;
use crate::i18n::{self, t, t_with, tr};
use crate::service_rules::{self as rules, HostError};
use crate::ui::erase::{action, busy_label, dyn_view, Act};
use crate::ui::{resource, resource_view, toast, ErrorPanel};
use crate::vocab::{ApiError, Id};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

type Ptrs = BTreeMap<String, String>;

#[component]
pub fn RdnsPage() -> impl IntoView {
    let params = use_params_map();
    let service = Signal::derive(move || Id(params.read().get("id").unwrap_or_default()));
    crate::ui::page_title("servers.rdns_title");
    let data = resource(move || {
        let s = service.get();
        async move {
            let (ips, ptrs) = futures::join!(rdns::ips(&s), rdns::ptrs(&s));
            Ok::<_, ApiError>((ips?, ptrs?))
        }
    });
    view! {
        <section class="page rdns-page">
            <nav class="crumbs" aria-label=tr("servers.crumbs")>
                <A href=href::SERVICES>{tr("services.title")}</A>
                " › "
                <A href=move || href::service(service.get().as_str())>
                    {move || t_with("servers.service_n", &[("id", service.get().as_str())])}
                </A>
            </nav>
            <h1>{tr("servers.rdns_title")}</h1>
            <p class="muted">{tr("servers.rdns_intro")}</p>
            {resource_view(data, "servers.rdns_error", move |(ips, ptrs)| {
                view! { <RdnsForm service=service.get_untracked() ips=ips ptrs=ptrs/> }
            })}
        </section>
    }
}

/// The text of a host-name problem.
pub fn host_error_text(e: HostError) -> String {
    match e {
        HostError::Char(c) => t_with(e.key(), &[("char", &c.to_string())]),
        _ => t(e.key()),
    }
}

/// The name a draft would send: checked and normalised, or as typed
/// (trimmed) when it does not pass.
fn normalised(draft: &str) -> String {
    rules::check_hostname(draft).unwrap_or_else(|_| draft.trim().to_owned())
}

/// The entries to send: those whose name differs from the saved one.
pub fn changes(drafts: &[(String, String)], saved: &Ptrs) -> Ptrs {
    drafts
        .iter()
        .filter_map(|(ip, draft)| {
            let now = normalised(draft);
            let before = saved.get(ip).map(|h| normalised(h)).unwrap_or_default();
            (now != before).then(|| (ip.clone(), now))
        })
        .collect()
}

/// The message shown at a row the server refused.
fn refusal_text(word: &str) -> String {
    match word.trim() {
        "invalid_hostname" => t("servers.ptr_invalid_host"),
        "invalid_ip" => t("servers.ptr_invalid_ip"),
        other => i18n::server_message(other),
    }
}

/// One address and what is typed for it.
#[derive(Clone)]
struct Row {
    ip: String,
    kind: &'static str,
    draft: RwSignal<String>,
    /// The server's refusal of this row, until it is edited.
    refused: RwSignal<Option<String>>,
}

impl Row {
    fn input_id(&self, n: usize) -> String {
        format!("ptr-{n}")
    }
}

#[derive(Clone, Copy)]
struct Form {
    service: StoredValue<Id>,
    rows: StoredValue<Vec<Row>>,
    saved: RwSignal<Ptrs>,
    note: RwSignal<Option<String>>,
    failure: RwSignal<Option<ApiError>>,
    unknown: RwSignal<bool>,
}

impl Form {
    fn drafts(&self, tracked: bool) -> Vec<(String, String)> {
        self.rows.with_value(|rows| {
            rows.iter()
                .map(|r| {
                    let d = if tracked { r.draft.get() } else { r.draft.get_untracked() };
                    (r.ip.clone(), d)
                })
                .collect()
        })
    }

    /// Takes the server's records as the saved state; with `reset`, the
    /// inputs show them too.
    fn read_back(&self, ptrs: Ptrs, reset: bool) {
        if reset {
            self.rows.with_value(|rows| {
                for r in rows {
                    r.draft.set(ptrs.get(&r.ip).cloned().unwrap_or_default());
                }
            });
        }
        self.saved.set(ptrs);
    }

    /// A refusal: at its row when one entry was sent, else above the button.
    fn refused(&self, e: &ApiError, sent: &Ptrs) {
        let one = (sent.len() == 1).then(|| sent.keys().next().cloned()).flatten();
        let rows = self.rows.get_value();
        let at = one.and_then(|ip| rows.iter().position(|r| r.ip == ip));
        match (at, e) {
            (Some(n), ApiError::Server { messages, .. }) if !messages.is_empty() => {
                let text: Vec<String> = messages.iter().map(|m| refusal_text(m)).collect();
                rows[n].refused.set(Some(text.join(" ")));
                crate::browser::focus(&rows[n].input_id(n));
            }
            _ => self.failure.set(Some(e.clone())),
        }
    }
}

#[component]
fn RdnsForm(service: Id, ips: Vec<ServiceIp>, ptrs: Ptrs) -> impl IntoView {
    if ips.is_empty() {
        return view! { <p class="empty" data-testid="rdns-empty">{tr("servers.rdns_no_ips")}</p> }
            .into_any();
    }
    let mut ips = ips;
    ips.sort_by(|a, b| rules::ip_order(&a.ip, &b.ip));
    let rows: Vec<Row> = ips
        .into_iter()
        .map(|x| Row {
            kind: match rules::ip_kind(&x.ip) {
                Some(k) => k.label(),
                None if x.kind == "ipv6" => "IPv6",
                None => "IPv4",
            },
            draft: RwSignal::new(ptrs.get(&x.ip).cloned().unwrap_or_default()),
            refused: RwSignal::new(None),
            ip: x.ip,
        })
        .collect();
    let form = Form {
        service: StoredValue::new(service),
        rows: StoredValue::new(rows),
        saved: RwSignal::new(ptrs),
        note: RwSignal::new(None),
        failure: RwSignal::new(None),
        unknown: RwSignal::new(false),
    };
    let save: Act<Ptrs, ()> = action(move |sent: &Ptrs| {
        let (sent, s) = (sent.clone(), form.service.get_value());
        async move {
            match rdns::set_ptrs(&s, &sent).await {
                Ok(info) => {
                    toast::info(&info, "servers.rdns_saved");
                    match rdns::ptrs(&s).await {
                        Ok(p) => form.read_back(p, true),
                        // saved, but not read back: the sent names are the records
                        Err(_) => {
                            let mut p = form.saved.try_get_untracked().unwrap_or_default();
                            for (ip, host) in &sent {
                                if host.is_empty() {
                                    p.remove(ip);
                                } else {
                                    p.insert(ip.clone(), host.clone());
                                }
                            }
                            form.read_back(p, true);
                        }
                    }
                }
                Err(ApiError::Network | ApiError::Timeout) => {
                    form.unknown.try_set(true);
                    if let Ok(p) = rdns::ptrs(&s).await {
                        form.read_back(p, false);
                    }
                }
                Err(e) => form.refused(&e, &sent),
            }
        }
    });
    let pending = save.pending();
    let pending_changes = Signal::derive(move || changes(&form.drafts(true), &form.saved.get()));
    let count = Signal::derive(move || pending_changes.with(BTreeMap::len));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form.note.set(None);
        form.failure.set(None);
        form.unknown.set(false);
        let sent = changes(&form.drafts(false), &form.saved.get_untracked());
        let rows = form.rows.get_value();
        let bad = rows.iter().position(|r| {
            sent.contains_key(&r.ip) && rules::check_hostname(&r.draft.get_untracked()).is_err()
        });
        if let Some(n) = bad {
            form.note.set(Some(t("servers.rdns_fix")));
            crate::browser::focus(&rows[n].input_id(n));
        } else if !sent.is_empty() {
            for r in &rows {
                r.refused.set(None);
            }
            save.dispatch(sent);
        }
    };
    let list = form
        .rows
        .get_value()
        .into_iter()
        .enumerate()
        .map(|(n, row)| row_view(n, row, form.saved))
        .collect_view();
    view! {
        <form class="form rdns-form" novalidate on:submit=on_submit>
            <ul class="rdns-list">{list}</ul>
            <p class="field-error" role="alert" hidden=move || form.note.with(Option::is_none)>
                {move || form.note.get().unwrap_or_default()}
            </p>
            <div class="alert alert-warn" role="alert" data-testid="rdns-unknown" hidden=move || !form.unknown.get()>
                <p>{tr("servers.rdns_unknown")}</p>
            </div>
            {dyn_view(move || match form.failure.get() {
                Some(e) => view! { <ErrorPanel error=e what="servers.rdns_refused"/> }.into_any(),
                None => ().into_any(),
            })}
            <div class="form-actions rdns-actions">
                <button type="submit" class="btn btn-primary" disabled=move || pending.get() || count.get() == 0>
                    {busy_label(pending, "servers.rdns_save", "ui.saving")}
                </button>
                <p class="muted" role="status" data-testid="rdns-count">
                    {move || match count.get() {
                        0 => t("servers.rdns_nothing"),
                        n => t_with("servers.rdns_pending_n", &[("n", &n.to_string())]),
                    }}
                </p>
            </div>
        </form>
    }
    .into_any()
}

fn row_view(n: usize, row: Row, saved: RwSignal<Ptrs>) -> impl IntoView {
    let id = row.input_id(n);
    let (status_id, err_id) = (format!("{id}-status"), format!("{id}-err"));
    let Row { ip, kind, draft, refused } = row;
    let before = {
        let ip = ip.clone();
        Signal::derive(move || saved.with(|s| s.get(&ip).cloned().unwrap_or_default()))
    };
    let changed = Signal::derive(move || normalised(&draft.get()) != normalised(&before.get()));
    let problem = Signal::derive(move || {
        rules::check_hostname(&draft.get()).err().map(host_error_text).or_else(|| refused.get())
    });
    let status = move || {
        let now = draft.get();
        if changed.get() && now.trim().is_empty() {
            t("servers.ptr_will_remove")
        } else if changed.get() {
            let was = before.get();
            if was.is_empty() {
                t("servers.ptr_changed")
            } else {
                format!(
                    "{} · {}",
                    t("servers.ptr_changed"),
                    t_with("servers.ptr_current", &[("host", &was)])
                )
            }
        } else if now.trim().is_empty() {
            t("servers.ptr_none")
        } else {
            String::new()
        }
    };
    let described = {
        let (status_id, err_id) = (status_id.clone(), err_id.clone());
        move || {
            if problem.with(Option::is_some) {
                format!("{status_id} {err_id}")
            } else {
                status_id.clone()
            }
        }
    };
    let undo_label = t_with("servers.ptr_undo_label", &[("ip", &ip)]);
    let undo_ip = ip.clone();
    view! {
        <li class="rdns-row" class:rdns-changed=changed data-testid="rdns-row" data-ip=ip.clone()>
            <label for=id.clone() class="rdns-label">
                <span class="visually-hidden">{tr("servers.ptr_label")}" "</span>
                <span class="mono rdns-ip">{ip.clone()}</span>
                " "
                <span class="badge">{kind}</span>
            </label>
            <div class="input-wrap rdns-edit" class:field-invalid=move || problem.with(Option::is_some)>
                <input id=id.clone() name=format!("ipaddress[{ip}]") type="text" inputmode="url"
                    autocomplete="off" autocapitalize="off" spellcheck="false"
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        draft.set(event_target_value(&ev));
                        refused.set(None);
                    }/>
                <button type="button" class="btn btn-ghost" hidden=move || !changed.get()
                    aria-label=undo_label
                    on:click=move |_| {
                        draft.set(saved.with_untracked(|s| s.get(&undo_ip).cloned().unwrap_or_default()));
                        refused.set(None);
                    }>
                    {tr("servers.ptr_undo")}
                </button>
            </div>
            <p class="muted rdns-status" id=status_id>{status}</p>
            <p class="field-error" id=err_id role="alert" hidden=move || problem.with(Option::is_none)>
                {move || problem.get().unwrap_or_default()}
            </p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved() -> Ptrs {
        [("103.28.36.11".to_owned(), "web-01.bkns-demo.vn".to_owned())].into_iter().collect()
    }

    fn drafts(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn only_changed_entries_are_sent() {
        let d = drafts(&[("103.28.36.11", "web-01.bkns-demo.vn"), ("103.28.36.12", "")]);
        assert!(changes(&d, &saved()).is_empty());
        // the same name typed differently is no change
        let d = drafts(&[("103.28.36.11", " WEB-01.bkns-demo.vn. ")]);
        assert!(changes(&d, &saved()).is_empty());
        let d = drafts(&[("103.28.36.11", ""), ("103.28.36.12", "Db-01.Bkns-Demo.vn")]);
        let c = changes(&d, &saved());
        assert_eq!(c.len(), 2);
        assert_eq!(c["103.28.36.11"], "", "emptied: removed");
        assert_eq!(c["103.28.36.12"], "db-01.bkns-demo.vn", "sent normalised");
    }

    #[test]
    fn an_invalid_name_counts_as_a_change_as_typed() {
        let c = changes(&drafts(&[("103.28.36.12", " bad_host.vn ")]), &saved());
        assert_eq!(c["103.28.36.12"], "bad_host.vn");
    }

    #[test]
    fn messages_name_the_rule_and_the_refusal() {
        assert_eq!(host_error_text(HostError::Char('_')), "Tên máy chủ không dùng được ký tự “_”.");
        assert_eq!(host_error_text(HostError::OneLabel), "Cần tên đầy đủ, ví dụ mail.congty.vn.");
        assert_eq!(refusal_text("invalid_ip"), "Địa chỉ này không thuộc dịch vụ.");
        assert_eq!(refusal_text("invalid_hostname"), "Máy chủ không chấp nhận tên này.");
        assert_eq!(refusal_text("something_else"), "something_else");
    }
}
