//! The DNSSEC card: the domain's keys, adding one, removing one.

use crate::api::domains;
use crate::i18n::{t, t_with, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::pages::domains::{write_action, write_error};
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::erase::resource;
use crate::ui::text::{field_error, invalid, SubmitButton};
use crate::vocab::Id;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// DNSSEC keys: list (`GET /dnssec`), add (`PUT`), remove (`DELETE`, asks).
#[component]
pub fn Dnssec(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let keys = resource(move || domains::dnssec_keys(id.clone()));
    let id = ctx.id.clone();
    let flags = resource(move || domains::dnssec_flags(id.clone()));
    let flag = RwSignal::new("257".to_string());
    let alg = RwSignal::new("13".to_string());
    let pubkey = RwSignal::new(String::new());
    let key_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let add = write_action(
        move |(f, a, k): (String, String, String)| domains::add_dnssec_key(id.clone(), f, a, k),
        move || {
            pubkey.set(String::new());
            keys.refetch();
        },
    );
    let id = ctx.id.clone();
    let remove = write_action(
        move |key: Id| domains::delete_dnssec_key(id.clone(), key),
        move || keys.refetch(),
    );
    let (adding, removing) = (add.pending(), remove.pending());
    let confirm = ctx.confirm;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if adding.get_untracked() {
            return;
        }
        if !logic::valid_pubkey(&pubkey.get_untracked()) {
            key_err.set(Some(t("domains.pubkey_invalid")));
            return crate::browser::focus("f-pubkey");
        }
        key_err.set(None);
        add.dispatch((flag.get_untracked(), alg.get_untracked(), pubkey.get_untracked()));
    };
    let flag_opts = Signal::derive(move || match flags.get() {
        Some(Ok(list)) if !list.is_empty() => list
            .into_iter()
            .map(|c| (c.id.0.clone(), format!("{} ({})", c.id.0, c.name.0)))
            .collect(),
        _ => vec![("257".into(), "257 (KSK)".into()), ("256".into(), "256 (ZSK)".into())],
    });
    let alg_opts = Signal::derive(|| {
        domains::DNSSEC_ALGORITHMS
            .iter()
            .map(|(n, name)| (n.to_string(), format!("{n} – {name}")))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card card-wide" aria-labelledby="ds-title">
            <h2 id="ds-title">{tr("domains.dnssec")}</h2>
            <p class="muted">{tr("domains.dnssec_help")}</p>
            {crate::ui::resource_view(keys, "domains.dnssec_error", move |list| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr("domains.dnssec_none")}</p> }.into_any();
                }
                view! {
                    <ul class="key-list">
                        {list.into_iter().map(|k| {
                            let key = k.id.clone();
                            let label = format!("{} · {} · alg {}", k.id, k.flags, k.alg);
                            let l2 = label.clone();
                            view! {
                                <li class="key">
                                    <span><strong>{label}</strong><br/><code class="pubkey">{k.pubkey.0.clone()}</code></span>
                                    <button type="button" class="btn btn-ghost" disabled=removing on:click=move |_| {
                                        let key = key.clone();
                                        let body = t_with("domains.dnssec_delete_body", &[("key", &l2)]);
                                        confirm.ask(Confirm::new("domains.dnssec_delete_title", body, "domains.remove", move || {
                                            remove.dispatch(key.clone());
                                        }).danger());
                                    }>{tr("domains.remove")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {write_error(remove, "domains.save_error")}
            <h3>{tr("domains.dnssec_add")}</h3>
            <form class="form" novalidate on:submit=on_submit>
                <SelectField label="domains.dnssec_flags" name="flags" value=flag options=flag_opts/>
                <SelectField label="domains.dnssec_alg" name="alg" value=alg options=alg_opts/>
                <div class="field" class:field-invalid=move || key_err.get().is_some()>
                    <label for="f-pubkey">{tr("domains.dnssec_pubkey")}</label>
                    <textarea id="f-pubkey" name="pubkey" rows="3" autocomplete="off" spellcheck="false"
                        aria-invalid=invalid(key_err.into())
                        aria-describedby=move || key_err.get().is_some().then_some("f-pubkey-err")
                        prop:value=move || pubkey.get()
                        on:input=move |ev| pubkey.set(event_target_value(&ev))></textarea>
                    {field_error(key_err.into(), Some("f-pubkey-err".into()))}
                </div>
                <div class="form-actions">
                    <SubmitButton pending=adding label="domains.dnssec_add"/>
                </div>
            </form>
            {write_error(add, "domains.save_error")}
        </section>
    }
}
