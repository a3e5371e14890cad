//! The child nameservers card: register, change or delete glue records.

use super::err_signal;
use crate::api::domains::{self, ChildNameserverBody};
use crate::i18n::{t, t_with, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::pages::domains::{write_action, write_error};
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::text::{tw, SubmitButton};
use crate::ui::TextField;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Child nameservers / glue records (`POST /domain/@id/reg`).
#[component]
pub fn ChildNameservers(ctx: Ctx) -> impl IntoView {
    let action = RwSignal::new("register".to_string());
    let host = RwSignal::new(String::new());
    let ip = RwSignal::new(String::new());
    let old_ip = RwSignal::new(String::new());
    let host_err = RwSignal::new(None::<String>);
    let ip_err = RwSignal::new(None::<String>);
    let old_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |b: ChildNameserverBody| domains::child_nameserver(id.clone(), b),
        move || {
            host.set(String::new());
            ip.set(String::new());
            old_ip.set(String::new());
        },
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let domain = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (a, h, new_ip, old) = (
            action.get_untracked(),
            host.get_untracked().trim().to_ascii_lowercase(),
            ip.get_untracked(),
            old_ip.get_untracked(),
        );
        host_err.set(
            (!logic::valid_child_host(&h, &domain))
                .then(|| t_with("domains.glue_host_invalid", &[("name", &domain)])),
        );
        ip_err.set((a != "delete" && !logic::valid_ip(&new_ip)).then(|| t("domains.ip_invalid")));
        old_err.set((a == "modify" && !logic::valid_ip(&old)).then(|| t("domains.ip_invalid")));
        if host_err.get_untracked().is_some() {
            return crate::browser::focus("f-nameserver");
        }
        if old_err.get_untracked().is_some() {
            return crate::browser::focus("f-oldip");
        }
        if ip_err.get_untracked().is_some() {
            return crate::browser::focus(if a == "modify" { "f-newip" } else { "f-ip" });
        }
        let body = match a.as_str() {
            "modify" => ChildNameserverBody::Modify {
                nameserver: h,
                oldip: old.trim().into(),
                newip: new_ip.trim().into(),
            },
            "delete" => ChildNameserverBody::Delete { nameserver: h },
            _ => ChildNameserverBody::Register { nameserver: h, ip: new_ip.trim().into() },
        };
        if let ChildNameserverBody::Delete { nameserver } = &body {
            let text = t_with("domains.glue_delete_body", &[("host", nameserver)]);
            let b = body.clone();
            confirm.ask(
                Confirm::new("domains.glue_delete_title", text, "domains.glue_delete", move || {
                    save.dispatch(b.clone());
                })
                .danger(),
            );
        } else {
            save.dispatch(body);
        }
    };
    let options = Signal::derive(|| {
        vec![
            ("register".to_string(), t("domains.glue_register")),
            ("modify".to_string(), t("domains.glue_modify")),
            ("delete".to_string(), t("domains.glue_delete")),
        ]
    });
    view! {
        <section class="card" aria-labelledby="glue-title">
            <h2 id="glue-title">{tr("domains.glue")}</h2>
            <p class="muted">{tw("domains.glue_help", vec![("name", ctx.name.clone())])}</p>
            <form class="form" novalidate on:submit=on_submit>
                <SelectField label="domains.glue_action" name="action" value=action options=options/>
                <TextField label="domains.glue_host" name="nameserver" value=host error=err_signal(host_err) inputmode="url" autocomplete="off"/>
                <Show when=move || action.get() == "modify">
                    <TextField label="domains.glue_old_ip" name="oldip" value=old_ip error=err_signal(old_err) autocomplete="off"/>
                    <TextField label="domains.glue_new_ip" name="newip" value=ip error=err_signal(ip_err) autocomplete="off"/>
                </Show>
                <Show when=move || action.get() == "register">
                    <TextField label="domains.glue_ip" name="ip" value=ip error=err_signal(ip_err) autocomplete="off"/>
                </Show>
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.glue_submit"/>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}
