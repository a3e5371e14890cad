//! The rebuild card: pick an OS template (`GET /service/@id/templates`),
//! confirm by typing the VM's name (the button waits for an exact match),
//! send, then watch the VM until it is back.

use super::console::{error_message, Ctx};
use super::rules::{rebuild_blocked, Command};
use crate::api::services::provision::{self, Template};
use crate::api::services::vms;
use crate::api::ApiError;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, dyn_view, resource};
use crate::ui::select::{Choice, SelectField};
use crate::ui::text::SubmitButton;
use crate::ui::{resource_view, toast};
use crate::vocab::Id;
use leptos::prelude::*;

/// The template's option text: its name, and the disk it needs when the
/// VM's is smaller.
fn option_label(tpl: &Template, vm_disk: &str) -> String {
    let need = tpl.min_disk.as_str().trim().parse::<u64>().ok();
    let have = vm_disk.trim().parse::<u64>().ok();
    let name = if tpl.name.as_str().is_empty() { tpl.id.0.clone() } else { tpl.name.0.clone() };
    match (need, have) {
        (Some(n), Some(h)) if n > h => {
            t_with("vms.template_needs", &[("name", &name), ("n", &n.to_string())])
        }
        _ => name,
    }
}

#[component]
pub fn RebuildCard(ctx: Ctx) -> impl IntoView {
    let service = ctx.service.clone();
    let templates = resource(move || {
        let s = service.clone();
        async move { provision::templates(&s).await }
    });
    view! {
        <section class="card" aria-labelledby="vm-rebuild-title">
            <h2 id="vm-rebuild-title">{tr("vms.rebuild_title")}</h2>
            <p class="muted">{tr("vms.rebuild_help")}</p>
            {resource_view(templates, "vms.templates_error", move |list| {
                view! { <RebuildForm ctx=ctx.clone() templates=list/> }
            })}
        </section>
    }
}

#[component]
fn RebuildForm(ctx: Ctx, templates: Vec<Template>) -> impl IntoView {
    let template = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let template_error = RwSignal::new(None::<String>);
    let vm_disk = ctx.vm.with_untracked(|d| d.disk.0.clone());
    let options = Signal::derive({
        let templates = templates.clone();
        move || {
            templates
                .iter()
                .map(|tpl| Choice::new(tpl.id.0.clone(), option_label(tpl, &vm_disk)))
                .collect::<Vec<_>>()
        }
    });
    let c = ctx.clone();
    let send = action(move |tpl: &Id| {
        let (c, tpl) = (c.clone(), tpl.clone());
        let before = c.vm.with_untracked(|d| d.state());
        async move {
            let r = vms::rebuild(&c.service, &c.vm_id, &tpl).await;
            match &r {
                Ok(info) => {
                    toast::info(info, "vms.sent");
                    typed.try_set(String::new());
                    c.follow(Command::Rebuild, before, false);
                }
                Err(e) if e.outcome_unknown() => c.follow(Command::Rebuild, before, true),
                Err(e) if e.messages().iter().any(|m| m == "invalid_template") => {
                    template_error.try_set(Some(crate::ui::error_text(e)));
                }
                Err(_) => c.reload(),
            }
            r
        }
    });
    let pending = send.pending();
    let name = ctx.name();
    let c = ctx.clone();
    let why = Signal::derive(move || rebuild_blocked(&c.status()));
    let n = name.clone();
    let c = ctx.clone();
    let blocked = Signal::derive(move || {
        typed.get() != n || template.get().is_empty() || why.get().is_some() || c.locked()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        template_error.set(None);
        let tpl = template.get_untracked();
        if tpl.is_empty() {
            template_error.set(Some(t("vms.template_required")));
            return;
        }
        send.clear();
        send.dispatch(Id(tpl));
    };
    let hint = t_with("vms.rebuild_type_name", &[("name", &name)]);
    view! {
        <form class="form" novalidate on:submit=submit data-testid="rebuild-form">
            <SelectField
                label=move || t("vms.template")
                id="f-rebuild-template"
                name="template"
                value=template
                on_change=crate::ui::fields::setter(template)
                options=options
                error=template_error
                placeholder=Some(leptos::text_prop::TextProp::from(move || t("vms.template_pick")))
                required=true
            />
            <div class="field">
                <label for="f-rebuild-confirm">{move || hint.clone()}</label>
                <input id="f-rebuild-confirm" name="confirm_name" type="text" autocomplete="off"
                    spellcheck="false" bind:value=typed/>
            </div>
            <p class="alert alert-warn">{tr("vms.rebuild_warning")}</p>
            <p class="muted" hidden=move || why.get().is_none()>{move || why.get().map(t).unwrap_or_default()}</p>
            <SubmitButton pending=pending label="vms.rebuild" busy="vms.rebuilding" blocked=blocked/>
            {dyn_view(move || match send.value().get() {
                Some(Err(e)) if !pending.get() && !matches!(&e, ApiError::Server { messages, .. } if messages.iter().any(|m| m == "invalid_template")) => {
                    view! { <p class="field-error" role="alert">{error_message(&e)}</p> }.into_any()
                }
                _ => ().into_any(),
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl(name: &str, min_disk: &str) -> Template {
        use crate::vocab::Text;
        Template {
            id: Id::from("x"),
            name: Text(name.into()),
            os: Text::default(),
            min_disk: Text(min_disk.into()),
        }
    }

    #[test]
    fn a_template_needing_a_bigger_disk_says_so() {
        assert_eq!(option_label(&tpl("Debian 12", ""), "40"), "Debian 12");
        assert_eq!(option_label(&tpl("Windows", "40"), "40"), "Windows");
        assert_eq!(
            option_label(&tpl("Windows", "60"), "40"),
            t_with("vms.template_needs", &[("name", "Windows"), ("n", "60")])
        );
        assert_eq!(option_label(&tpl("", ""), "40"), "x");
    }
}
