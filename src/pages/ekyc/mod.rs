//! `/ekyc` (and `/ekyc?domain=<id>[&name=<domain name>]`): identity check.
//!
//! Card front (camera or file) → quality checks in wasm (the first failure
//! blocks with advice, later ones warn) → JPEG ≤ 250 KB → `POST
//! /ekyc/ocr/recognition` with a fresh UUID `request_id` → the fields read
//! → four guided face frames with a countdown → `POST
//! /ekyc/faceid/verifications` (or `/verification` with `domainsid` for a
//! domain) → verified / not matched (retry) / error. For a domain, the
//! domain eKYC and VNNIC checks follow (see [`domain_checks`]).
//!
//! The same `request_id` is used through the flow; "start again" makes a
//! new one. Uploads show their progress and can be cancelled.
//!
//! The fields read can be copied into the customer's profile (`PUT
//! /details`, hidden when the server does not offer it). A visitor who is
//! not logged in (`guest`: the OCR call is public, face verification is
//! not) gets the card steps only, and "Use in sign-up" puts the fields into
//! the sign-up draft. See [`copy`] for what is carried over.
//!
//! One file per step, in the order of the page: [`card`] (picture, checks,
//! OCR), [`fields`] (what was read, copied to the profile or the sign-up),
//! [`face`] (live frames, verification), [`upload`] (the progress panel of
//! either upload), [`result`] and [`domain_checks`]. They share one
//! [`flow::Flow`] of signals.

mod card;
mod domain_checks;
mod face;
mod fields;
mod flow;
mod result;
mod upload;

use crate::app::href;
use crate::i18n::{t, t_with, tr};
use card::CardStep;
use face::FaceStep;
use fields::FieldsStep;
use flow::{Flow, Step};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use result::ResultStep;
use upload::UploadProgress;

/// `/ekyc`: the whole check for a logged-in customer. A visitor (no
/// session, no `?domain=`) gets the card steps only, to fill in the
/// sign-up form: the OCR call is public, face verification and the domain
/// checks need an account, so `?domain=` still asks to log in.
#[component]
pub fn EkycRoute() -> impl IntoView {
    let query = use_query_map();
    let guest = Memo::new(move |_| {
        crate::session::state() == crate::session::SessionState::Anonymous
            && query.read().get("domain").is_none()
    });
    crate::ui::erase::dyn_view(move || {
        if guest.get() {
            view! { <EkycPage guest=true/> }.into_any()
        } else {
            view! { <crate::app::RequireAuth><EkycPage/></crate::app::RequireAuth> }.into_any()
        }
    })
}

/// The page: title, the list of steps, the notice, then every step's panel
/// (static panels shown with `hidden`: one view each keeps the wasm small).
#[component]
pub fn EkycPage(
    /// Not logged in: the card steps only, for the sign-up form.
    #[prop(optional)]
    guest: bool,
) -> impl IntoView {
    crate::ui::page_title("ekyc.title");
    let flow = Flow::new(guest);
    let Flow { step, notice, check_us, domain_id, domain_name, .. } = flow;

    view! {
        <section
            class="page ekyc"
            aria-labelledby="ekyc-title"
            data-check-us=move || check_us.get().map(|[g, b, e]| format!("{g} {b} {e}"))
        >
            <div class="page-head">
                <div>
                    <h1 id="ekyc-title">{tr("ekyc.title")}</h1>
                    <p class="muted">
                        {move || match domain_id.get() {
                            Some(_) if !domain_name.get().is_empty() => t_with("ekyc.for_domain", &[("domain", &domain_name.get())]),
                            Some(id) => t_with("ekyc.for_domain_id", &[("id", &id)]),
                            None => t("ekyc.subtitle"),
                        }}
                    </p>
                </div>
            </div>
            {guest.then(|| view! {
                <p class="alert alert-info" data-testid="ekyc-guest">
                    {tr("ekyc.guest_note")} " " <A href=href::login_then(href::EKYC)>{tr("ekyc.guest_login")}</A>
                </p>
            })}
            <ol class="ekyc-steps" aria-label=tr("ekyc.steps")>
                <li class:current=move || matches!(step.get(), Step::Card | Step::CardReview | Step::Reading)>{tr("ekyc.step_card")}</li>
                <li class:current=move || flow.at(Step::Fields)>{tr("ekyc.step_fields")}</li>
                <li hidden=guest class:current=move || matches!(step.get(), Step::Face | Step::Verifying)>{tr("ekyc.step_face")}</li>
                <li hidden=guest class:current=move || flow.at(Step::Result)>{tr("ekyc.step_result")}</li>
            </ol>
            <p class="alert alert-info" role="status" hidden=move || notice.get().is_none()>
                {move || notice.get().map(t).unwrap_or_default()}
            </p>
            <CardStep flow=flow/>
            <FieldsStep flow=flow/>
            <FaceStep flow=flow/>
            <UploadProgress flow=flow/>
            <ResultStep flow=flow/>
        </section>
    }
}
