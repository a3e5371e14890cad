//! Step 2, the fields read from the card: shown, then copied into the
//! customer's profile (`PUT /details`) or, for a visitor, into the sign-up
//! form (see `forms::profile::card` for what is carried over).

use super::flow::{Flow, Step};
use crate::api::ekyc::CardFields;
use crate::api::{self, ApiError};
use crate::forms::profile::card as copy;
use crate::forms::signup_draft::{keep_card_for_signup, FROM_CARD_URL};
use crate::i18n::{self, t, tr};
use crate::state::AccountCtx;
use crate::state::{edit_supported, mark_edit_unsupported};
use crate::ui::erase::{action, busy_label, dyn_view, effect, Act};
use crate::ui::error_text;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// "Copy to my profile": the card's fields in, the server's messages out.
pub type CopyCard = Act<CardFields, Result<Vec<String>, ApiError>>;

/// `PUT /details` with what the card gives the profile.
pub fn copy_to_profile() -> CopyCard {
    let account = use_context::<AccountCtx>();
    action(move |card: &CardFields| {
        // The profile already names its area: only the street is copied.
        let area = match account.and_then(|a| a.details.get_untracked()) {
            Some(Ok(c)) => [c.ward.0, c.city.0, c.state.0],
            _ => Default::default(),
        };
        let patch = copy::details_patch(card, [&area[0], &area[1], &area[2]]);
        async move { api::profile::update_details(&api::profile::DetailsUpdate::Some(patch)).await }
    })
}

/// The fields read, what to do with them, and the way on to the face.
#[component]
pub fn FieldsStep(flow: Flow) -> impl IntoView {
    let Flow { guest, fields, copied, notice, step, .. } = flow;
    view! {
        <div class="card ekyc-panel" data-testid="ocr-fields" hidden=move || !flow.at(Step::Fields)>
            <h2>{tr("ekyc.fields_title")}</h2>
            {move || fields.get().map(fields_view)}
            {if guest {
                view! { <ForSignup fields=fields/> }.into_any()
            } else {
                view! { <CopyToProfile fields=fields copied=copied/> }.into_any()
            }}
            <div class="actions">
                <button type="button" class="btn btn-primary" hidden=guest on:click=move |_| { notice.set(None); step.set(Step::Face) }>
                    {tr("ekyc.to_face")}
                </button>
                <button type="button" class="btn btn-secondary" on:click=move |_| flow.retake_card()>{tr("ekyc.retake")}</button>
            </div>
        </div>
    }
}

fn fields_view(f: CardFields) -> impl IntoView {
    if f.is_empty() {
        return view! { <p class="alert alert-warn" role="status">{tr("ekyc.fields_empty")}</p> }
            .into_any();
    }
    view! {
        <dl class="dl">
            {f.rows().into_iter().map(|(k, v)| view! {
                <div class="dl-row"><dt>{tr(k)}</dt><dd>{v}</dd></div>
            }).collect_view()}
        </dl>
        <p class="muted">{tr("ekyc.fields_hint")}</p>
    }
    .into_any()
}

/// "Copy to my profile": `PUT /details` with the fields read (only those),
/// then the account's details are fetched again. Hidden when there is
/// nothing to copy or the server does not offer the update.
#[component]
fn CopyToProfile(fields: RwSignal<Option<CardFields>>, copied: CopyCard) -> impl IntoView {
    let account = use_context::<AccountCtx>();
    let supported = RwSignal::new(edit_supported());
    let pending = copied.pending();
    effect(move || match copied.value().get() {
        Some(Ok(_)) => {
            if let Some(a) = account {
                a.details.refetch();
            }
        }
        Some(Err(ApiError::NotSupported)) => {
            mark_edit_unsupported();
            supported.set(false);
        }
        _ => {}
    });
    let copyable = move || {
        fields.with(|f| {
            f.as_ref().is_some_and(|f| !copy::details_patch(f, Default::default()).is_empty())
        })
    };
    let done = move || matches!(copied.value().get(), Some(Ok(_)));
    let on_click = move |_| {
        if let Some(f) = fields.get_untracked() {
            if !pending.get_untracked() {
                copied.dispatch(f);
            }
        }
    };
    view! {
        <div class="ekyc-copy" hidden=move || !(supported.get() && copyable())>
            <p class="muted">{tr("ekyc.copy_help")}</p>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() || done() on:click=on_click>
                {busy_label(pending, "ekyc.copy_profile", "ekyc.copying")}
            </button>
        </div>
        {dyn_view(move || match copied.value().get() {
            Some(Ok(info)) => {
                let text = info.first().map(|m| i18n::server_message(m)).unwrap_or_else(|| t("ekyc.copied"));
                view! {
                    <p class="alert alert-info" role="status" data-testid="copy-ok">
                        {text} " " <A href="/account">{tr("ekyc.see_profile")}</A>
                    </p>
                }
                .into_any()
            }
            Some(Err(ApiError::NotSupported)) => {
                view! { <p class="alert alert-error" role="alert">{tr("ekyc.copy_unsupported")}</p> }.into_any()
            }
            Some(Err(e)) => view! {
                <p class="alert alert-error" role="alert">{tr("ekyc.copy_failed")} " " {error_text(&e)}</p>
            }
            .into_any(),
            None => ().into_any(),
        })}
    }
}

/// "Use in sign-up" for a visitor: the fields go into the sign-up draft
/// and `/signup` opens with them.
#[component]
fn ForSignup(fields: RwSignal<Option<CardFields>>) -> impl IntoView {
    let navigate = use_navigate();
    let empty = move || fields.with(|f| f.as_ref().is_none_or(CardFields::is_empty));
    let on_click = move |_| {
        if let Some(f) = fields.get_untracked() {
            keep_card_for_signup(&f);
        }
        navigate(FROM_CARD_URL, Default::default());
    };
    view! {
        <div class="ekyc-copy" hidden=empty>
            <p class="muted">{tr("ekyc.signup_help")}</p>
            <button type="button" class="btn btn-primary" on:click=on_click>{tr("ekyc.use_signup")}</button>
        </div>
    }
}
