//! The nameservers card: 2-4 hosts, or none for the provider's defaults.

use super::err_signal;
use crate::api::domains;
use crate::i18n::{t, t_with, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic::{self, NsError};
use crate::pages::domains::{write_action, write_error};
use crate::ui::dialog::Confirm;
use crate::ui::erase::{effect, resource};
use crate::ui::text::{field_error, SubmitButton};
use crate::ui::{Loading, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Nameservers (`GET`/`PUT /domain/@id/ns`): 2-4 hosts, or all empty for
/// the provider's defaults. Changing them can take a site offline: asks.
#[component]
pub fn Nameservers(ctx: Ctx, current: Vec<String>) -> impl IntoView {
    let id = ctx.id.clone();
    let ns = resource(move || domains::nameservers(id.clone()));
    let fields: [RwSignal<String>; 4] =
        std::array::from_fn(|i| RwSignal::new(current.get(i).cloned().unwrap_or_default()));
    // Fill the inputs from GET /ns once it answers (it is the authority).
    effect(move || {
        if let Some(Ok(list)) = ns.get() {
            for (i, f) in fields.iter().enumerate() {
                f.set(list.get(i).cloned().unwrap_or_default());
            }
        }
    });
    let errors: [RwSignal<Option<String>>; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let form_error = RwSignal::new(None::<String>);
    let details = ctx.details;
    let id = ctx.id.clone();
    let save = write_action(
        move |hosts: Vec<String>| domains::set_nameservers(id.clone(), hosts),
        move || {
            ns.refetch();
            details.refetch();
        },
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        for e in &errors {
            e.set(None);
        }
        form_error.set(None);
        let inputs: Vec<String> = fields.iter().map(|f| f.get_untracked()).collect();
        match logic::validate_nameservers(&inputs) {
            Ok(hosts) => {
                let body = if hosts.is_empty() {
                    t_with("domains.ns_default_body", &[("name", &name)])
                } else {
                    t_with(
                        "domains.ns_confirm_body",
                        &[("name", &name), ("hosts", &hosts.join(", "))],
                    )
                };
                confirm.ask(Confirm::new(
                    "domains.ns_confirm_title",
                    body,
                    "domains.ns_save",
                    move || {
                        save.dispatch(hosts.clone());
                    },
                ));
            }
            Err(NsError::Invalid(i)) => {
                errors[i].set(Some(t("domains.ns_invalid")));
                crate::browser::focus(&format!("f-ns{}", i + 1));
            }
            Err(NsError::Duplicate(i)) => {
                errors[i].set(Some(t("domains.ns_duplicate")));
                crate::browser::focus(&format!("f-ns{}", i + 1));
            }
            Err(NsError::TooFew) | Err(NsError::TooMany) => {
                form_error.set(Some(t("domains.ns_count")));
                crate::browser::focus("f-ns2");
            }
        }
    };
    const LABELS: [&str; 4] = ["domains.ns1", "domains.ns2", "domains.ns3", "domains.ns4"];
    const NAMES: [&str; 4] = ["ns1", "ns2", "ns3", "ns4"];
    view! {
        <section class="card" aria-labelledby="ns-title" data-testid="nameservers">
            <h2 id="ns-title">{tr("domains.nameservers")}</h2>
            <p class="muted">{tr("domains.ns_help")}</p>
            {move || ns.get().is_none().then(|| view! { <Loading/> })}
            <form class="form" novalidate on:submit=on_submit>
                {(0..4).map(|i| view! {
                    <TextField label=LABELS[i] name=NAMES[i] value=fields[i] error=err_signal(errors[i]) inputmode="url" autocomplete="off"/>
                }).collect_view()}
                {field_error(form_error.into(), None)}
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.ns_save"/>
                    <button type="button" class="btn btn-ghost" disabled=pending on:click=move |_| {
                        for f in &fields { f.set(String::new()); }
                    }>{tr("domains.ns_use_default")}</button>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}
