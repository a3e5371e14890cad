//! Step 1, the ID card: its front by camera or file → quality checks in
//! wasm (the first failure blocks with advice, later ones warn) → JPEG ≤
//! 250 KB → `POST /ekyc/ocr/recognition` → the fields read.

use super::flow::{Flow, Step};
use super::upload::{encode, kb, Failure, Progress, Upload};
use crate::api::ekyc::{self, CardFields, OcrRequest};
use crate::i18n::{t, t_with, tr};
use crate::ui::camera::{Camera, Facing, Guide};
use crate::ui::erase::{action, effect, Act};
use crate::ui::image::quality::{check_card_timed, verdict, Verdict};
use crate::ui::image::{Encoded, Picture};
use leptos::prelude::*;

/// The card read: what was sent and what the OCR found.
pub type ReadCard = Act<Picture, Result<(Encoded, CardFields), Failure>>;

/// Card → encode → OCR, with the flow's `request_id`.
pub fn read_card(upload: Upload, request_id: RwSignal<String>) -> ReadCard {
    action(move |pic: &Picture| {
        let pic = pic.clone();
        async move {
            upload.progress.set(Progress {
                done: 0,
                total: 2,
                label: t("ekyc.p_encoding"),
                sending: false,
            });
            let enc = encode(&pic).await?;
            let handle = upload.new_cancel();
            upload.progress.try_set(Progress {
                done: 1,
                total: 2,
                label: t_with("ekyc.p_sending", &[("kb", &kb(enc.bytes))]),
                sending: true,
            });
            let body = OcrRequest {
                request_id: request_id.try_get_untracked().unwrap_or_default(),
                image: enc.base64.clone(),
            };
            let read = ekyc::recognise(&body, Some(&handle)).await.map_err(Failure::Api)?;
            Ok::<_, Failure>((enc, read))
        }
    })
}

/// The card's camera, then the advice when the picture is refused.
#[component]
pub fn CardStep(flow: Flow) -> impl IntoView {
    let Flow { step, failures, review, notice, check_us, read_card, .. } = flow;
    effect(move || match read_card.value().get() {
        Some(Ok((enc, read))) => {
            flow.copied.clear();
            flow.card.set(Some(enc));
            flow.fields.set(Some(read));
            step.set(Step::Fields);
        }
        Some(Err(f)) if f.cancelled() => {
            notice.set(Some("ekyc.cancelled"));
            step.set(Step::Card);
        }
        _ => {}
    });

    let on_card = Callback::new(move |pic: Picture| {
        notice.set(None);
        let report = match pic.rgba() {
            Ok(px) => {
                let perf = web_sys::window().and_then(|w| w.performance());
                let (report, ms) = check_card_timed(&px, pic.width(), pic.height(), || {
                    perf.as_ref().map_or(0.0, |p| p.now())
                });
                check_us.set(Some(ms.map(|m| (m * 1000.0) as u32)));
                report
            }
            Err(_) => {
                notice.set(Some("camera.unreadable"));
                return;
            }
        };
        match verdict(&report, failures.get_untracked()) {
            Verdict::Pass => {
                step.set(Step::Reading);
                read_card.dispatch(pic);
            }
            v => {
                failures.update(|n| *n += 1);
                review.set(Some((report.issues, v, pic)));
                step.set(Step::CardReview);
            }
        }
    });

    let warn = move || review.with(|r| r.as_ref().is_some_and(|(_, v, _)| *v == Verdict::Warn));
    let use_anyway = move |_| {
        if let Some((_, _, pic)) = review.get_untracked() {
            step.set(Step::Reading);
            read_card.dispatch(pic);
        }
    };

    // The camera mounts only on its step, so it stops after it.
    view! {
        <div class="card ekyc-panel" hidden=move || !flow.at(Step::Card)>
            <h2>{tr("ekyc.card_title")}</h2>
            <p class="muted">{tr("ekyc.card_help")}</p>
            {move || flow.at(Step::Card).then(|| view! {
                <Camera
                    facing=Facing::Environment
                    guide=Guide::Card
                    primer="ekyc.card_primer"
                    shutter="ekyc.card_shutter"
                    name="image"
                    on_picture=on_card
                    busy=flow.busy
                />
            })}
        </div>

        <div class="card ekyc-panel" data-testid="quality" hidden=move || !flow.at(Step::CardReview)>
            <div class="alert" class:alert-error=move || !warn() class:alert-warn=warn role="alert">
                <strong class="alert-title">
                    {move || if warn() { t("ekyc.q_warn_title") } else { t("ekyc.q_block_title") }}
                </strong>
                <ul class="advice">
                    {move || review.with(|r| r.as_ref().map(|(issues, _, _)| issues.clone()).unwrap_or_default())
                        .into_iter()
                        .map(|i| view! { <li>{tr(i.advice_key())}</li> })
                        .collect_view()}
                </ul>
            </div>
            <div class="actions">
                <button type="button" class="btn btn-primary" on:click=move |_| flow.retake_card()>{tr("ekyc.retake")}</button>
                <button type="button" class="btn btn-secondary" hidden=move || !warn() on:click=use_anyway>
                    {tr("ekyc.use_anyway")}
                </button>
            </div>
        </div>
    }
}
