//! The service's label, the customer's own name for it: read
//! (`GET /service/@id/label`) and, when offered, changed
//! (`POST /service/@id/label`).

use super::Ctx;
use crate::api::services::service as api;
use crate::api::ApiError;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, resource, Act};
use crate::ui::fields::{InputField, Note};
use crate::ui::text::SubmitButton;
use crate::ui::{error_text, resource_view};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The longest label the server takes.
pub const MAX_LABEL: usize = 100;

/// What is wrong with a label before it is sent, if anything.
pub fn label_problem(label: &str) -> Option<String> {
    let n = label.trim().chars().count();
    (n > MAX_LABEL).then(|| t_with("services.label_too_long", &[("max", &MAX_LABEL.to_string())]))
}

type SaveAct = Act<String, Result<Vec<String>, ApiError>>;

#[component]
pub fn LabelCard(ctx: Ctx, read: bool, change: bool) -> impl IntoView {
    let id = ctx.id();
    let label = resource(move || {
        let id = id.clone();
        let from_details = ctx.service.with_untracked(|d| d.label.0.clone());
        async move {
            if read {
                api::label(id).await
            } else {
                Ok(from_details)
            }
        }
    });
    let save: SaveAct = action(move |text: &String| {
        let (id, text) = (ctx.id(), text.clone());
        async move {
            let r = api::set_label(id, text).await;
            match &r {
                Ok(info) => {
                    crate::ui::toast::info(info, "services.label_saved");
                    ctx.reload();
                }
                // it may have been saved: show what the server has now
                Err(e) if e.outcome_unknown() => {
                    ctx.reload();
                    label.refetch();
                }
                Err(_) => {}
            }
            r
        }
    });
    let unknown = Signal::derive(move || {
        matches!(save.value().get(), Some(Err(e)) if e.outcome_unknown())
            .then(|| t("services.outcome_unknown"))
    });
    view! {
        <section class="card" aria-labelledby="svc-label-title" data-testid="label-card">
            <h2 id="svc-label-title">{tr("services.label")}</h2>
            <Note text=unknown class="alert alert-warn" role="alert"/>
            {resource_view(label, "services.label_error", move |current: String| {
                if change {
                    view! { <LabelForm current=current save=save/> }.into_any()
                } else if current.trim().is_empty() {
                    view! { <p class="muted" data-testid="label-value">{tr("services.no_label")}</p> }.into_any()
                } else {
                    view! { <p data-testid="label-value">{current}</p> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn LabelForm(current: String, save: SaveAct) -> impl IntoView {
    let value = RwSignal::new(current);
    let checked = RwSignal::new(false);
    let pending = save.pending();
    let error = Signal::derive(move || {
        if checked.get() {
            if let Some(p) = value.with(|v| label_problem(v)) {
                return Some(p);
            }
        }
        match save.value().get() {
            Some(Err(e)) if !e.outcome_unknown() && !pending.get() => Some(error_text(&e)),
            _ => None,
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if pending.get_untracked() {
            return;
        }
        if value.with_untracked(|v| label_problem(v)).is_some() {
            crate::browser::focus("svc-label");
            return;
        }
        save.clear();
        save.dispatch(value.get_untracked().trim().to_owned());
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <InputField label=tr("services.label_field") id="svc-label" name="label" value=value
                on_input=crate::ui::fields::setter(value) error=error hint=Some(tr("services.label_hint").into()) autocomplete="off"/>
            <SubmitButton pending=pending label="services.save_label"/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_at_most_a_hundred_characters() {
        assert!(label_problem("").is_none(), "an empty label clears it");
        assert!(label_problem(&"ệ".repeat(100)).is_none(), "characters, not bytes");
        assert!(label_problem(&format!("  {}  ", "a".repeat(100))).is_none(), "trimmed");
        assert!(label_problem(&"a".repeat(101)).is_some());
    }
}
