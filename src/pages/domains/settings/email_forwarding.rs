//! The e-mail forwarding card: the whole list of rules, edited and saved
//! at once.

use crate::api::domains::{self, ForwardRule};
use crate::i18n::{t, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::pages::domains::{write_action, write_error};
use crate::ui::erase::resource;
use crate::ui::text::{field_error, tw, SubmitButton};
use crate::util::looks_like_email;
use crate::vocab::{ApiError, Text};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// E-mail forwarding (`GET`/`PUT /domain/@id/emforwarding`): the whole
/// list is edited and saved at once.
#[component]
pub fn EmailForwarding(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let data = resource(move || domains::email_forwarding(id.clone()));
    let name = ctx.name.clone();
    view! {
        <section class="card" aria-labelledby="emf-title">
            <h2 id="emf-title">{tr("domains.emforwarding")}</h2>
            <p class="muted">{tw("domains.emforwarding_help", vec![("name", name.clone())])}</p>
            {crate::ui::resource_view(data, "domains.emforwarding_error", move |rules| view! { <ForwardingRules ctx=ctx.clone() initial=rules reload=data/> })}
        </section>
    }
}

#[component]
fn ForwardingRules(
    ctx: Ctx,
    initial: Vec<ForwardRule>,
    reload: crate::ui::erase::Res<Result<Vec<ForwardRule>, ApiError>>,
) -> impl IntoView {
    type Line = (u32, RwSignal<String>, RwSignal<String>);
    let next = StoredValue::new(0u32);
    let mk = move |p: String, f: String| -> Line {
        let n = next.get_value();
        next.set_value(n + 1);
        (n, RwSignal::new(p), RwSignal::new(f))
    };
    let lines = RwSignal::new(
        initial.into_iter().map(|r| mk(r.prefix.0, r.forwardto.0)).collect::<Vec<Line>>(),
    );
    let error = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |rules: Vec<ForwardRule>| domains::set_email_forwarding(id.clone(), rules),
        move || reload.refetch(),
    );
    let pending = save.pending();
    let domain = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let mut rules = Vec::new();
        for (n, p, f) in lines.get_untracked() {
            let (p, f) = (
                p.get_untracked().trim().to_ascii_lowercase(),
                f.get_untracked().trim().to_owned(),
            );
            if p.is_empty() && f.is_empty() {
                continue;
            }
            if !logic::valid_prefix(&p) {
                error.set(Some(t("domains.prefix_invalid")));
                return crate::browser::focus(&format!("f-prefix{n}"));
            }
            if !looks_like_email(&f) {
                error.set(Some(t("login.email_invalid")));
                return crate::browser::focus(&format!("f-forwardto{n}"));
            }
            rules.push(ForwardRule {
                prefix: Text(p),
                forwardto: Text(crate::util::email_ascii(&f)),
            });
        }
        save.dispatch(rules);
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <ul class="rule-list">
                {move || lines.get().into_iter().map(|line| { let domain = domain.clone(); view! {
                    <li class="rule">
                        <div class="field">
                            <label for=format!("f-prefix{}", line.0)>{tr("domains.prefix")}</label>
                            <div class="input-wrap">
                                <input id=format!("f-prefix{}", line.0) name="prefix" autocomplete="off" bind:value=line.1/>
                                <span class="suffix">"@" {domain.clone()}</span>
                            </div>
                        </div>
                        <div class="field">
                            <label for=format!("f-forwardto{}", line.0)>{tr("domains.forwardto")}</label>
                            <input id=format!("f-forwardto{}", line.0) name="forwardto" type="email" autocomplete="email" bind:value=line.2/>
                        </div>
                        <button type="button" class="btn btn-ghost" on:click=move |_| lines.update(|l| l.retain(|x| x.0 != line.0))>
                            {tr("domains.remove")}
                        </button>
                    </li>
                } }).collect_view()}
            </ul>
            {move || lines.with(Vec::is_empty).then(|| view! { <p class="muted">{tr("domains.no_rules")}</p> })}
            {field_error(error.into(), None)}
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| {
                    let l = mk(String::new(), String::new());
                    lines.update(|v| v.push(l));
                }>{tr("domains.add_rule")}</button>
                <SubmitButton pending=pending label="domains.save"/>
            </div>
        </form>
        {write_error(save, "domains.save_error")}
    }
}
