//! Step 4, the outcome: verified, not matched (retake the face or start
//! again), or the failure of the reading or verifying upload (send again,
//! retake). A verified face for a domain goes on to [`DomainChecks`].

use super::domain_checks::DomainChecks;
use super::flow::{Flow, Step};
use super::upload::Failure;
use crate::api::ekyc::FaceResult;
use crate::api::ApiError;
use crate::i18n::{t_with, tr};
use crate::ui::ErrorPanel;
use leptos::prelude::*;

#[component]
pub fn ResultStep(flow: Flow) -> impl IntoView {
    let Flow { step, verify, .. } = flow;
    let matched = move || verify.value().get().and_then(|r| r.ok());
    view! {
        <div class="card ekyc-panel" data-testid="ekyc-result" hidden=move || !(flow.at(Step::Result) || flow.failure().is_some())>
            {move || match (flow.failure(), matched()) {
                (Some(f), _) if !f.cancelled() => {
                    let e = match f { Failure::Api(e) => e, Failure::Image => ApiError::Decode { endpoint: String::new(), detail: String::new() } };
                    let reading = step.get_untracked() == Step::Reading;
                    view! {
                        <h2 class="result result-error">{tr(if reading { "ekyc.ocr_failed" } else { "ekyc.result_error" })}</h2>
                        <ErrorPanel error=e/>
                        <div class="actions">
                            <button type="button" class="btn btn-primary" hidden=reading on:click=move |_| {
                                step.set(Step::Verifying);
                                verify.dispatch(Vec::new());
                            }>{tr("ekyc.send_again")}</button>
                            <button type="button" class="btn btn-secondary" on:click=move |_| if reading { flow.retake_card() } else { flow.retake_face() }>
                                {tr(if reading { "ekyc.retake" } else { "ekyc.retry_face" })}
                            </button>
                        </div>
                    }.into_any()
                }
                (_, Some(r)) if flow.at(Step::Result) => {
                    let ok = r.matched;
                    view! {
                        {result_view(&r)}
                        <div class="actions" hidden=ok>
                            <button type="button" class="btn btn-primary" on:click=move |_| flow.retake_face()>{tr("ekyc.retry_face")}</button>
                            <button type="button" class="btn btn-secondary" on:click=move |_| flow.start_over()>{tr("ekyc.start_over")}</button>
                        </div>
                        {(ok && flow.domain_id.get_untracked().is_none()).then(|| view! {
                            <a class="btn btn-primary" href="/dashboard">{tr("ekyc.done")}</a>
                        })}
                        {ok.then(|| flow.domain_id.get_untracked()).flatten().map(|id| view! {
                            <DomainChecks
                                domainsid=id
                                initial_name=flow.domain_name.get_untracked()
                                request_id=flow.request_id.get_untracked()
                                images=flow.face_images.get_untracked().unwrap_or_default()
                                card_number=flow.fields.get_untracked().map(|f| f.id_number).unwrap_or_default()
                            />
                        })}
                    }.into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}

fn result_view(r: &FaceResult) -> impl IntoView {
    let score = r.score.map(|s| format!("{}%", (s * 100.0).round() as u32));
    let (class, title, help) = if r.matched {
        ("result result-ok", "ekyc.result_ok", "ekyc.result_ok_help")
    } else {
        ("result result-bad", "ekyc.result_no", "ekyc.result_no_help")
    };
    view! {
        <h2 class=class>{tr(title)}</h2>
        <p>{tr(help)}</p>
        {score.map(|s| view! { <p class="muted">{move || t_with("ekyc.score", &[("score", &s)])}</p> })}
    }
}
