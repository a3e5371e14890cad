//! Step 3, the live face: four guided frames with a countdown → JPEGs →
//! `POST /ekyc/faceid/verifications` with the card (or `/verification`
//! with `domainsid` for a domain).

use super::flow::{Flow, Step};
use super::upload::{encode, kb, Failure, Progress, Upload};
use crate::api::ekyc::{self, FaceImages, FaceRequest, FaceResult};
use crate::i18n::{t, t_with, tr};
use crate::ui::camera::{Camera, Facing, Guide};
use crate::ui::erase::{action, effect, Act};
use crate::ui::image::{Encoded, Picture};
use leptos::prelude::*;

/// The face frames, in the order of the API fields `image_live`,
/// `image_live_1`, `image_live_2`, `image_live_3`.
pub const FACE_PROMPTS: [&str; 4] =
    ["ekyc.face_straight", "ekyc.face_left", "ekyc.face_right", "ekyc.face_again"];

/// The face verification: the frames in (none: send the last ones again),
/// the outcome out.
pub type Verify = Act<Vec<Picture>, Result<FaceResult, Failure>>;

/// Faces → encode → verification, with the card sent to OCR, the flow's
/// `request_id` and the domain when there is one.
pub fn verify(
    upload: Upload,
    request_id: RwSignal<String>,
    card: RwSignal<Option<Encoded>>,
    face_images: RwSignal<Option<FaceImages>>,
    domain_id: Memo<Option<String>>,
) -> Verify {
    action(move |pics: &Vec<Picture>| {
        let pics = pics.clone();
        async move {
            let card_b64 = card.get_untracked().map(|c| c.base64).unwrap_or_default();
            let images = match face_images.get_untracked() {
                Some(done) if pics.is_empty() => done,
                _ => {
                    let total = pics.len() as u32 + 1;
                    let mut out = Vec::with_capacity(pics.len());
                    for (i, p) in pics.iter().enumerate() {
                        upload.progress.set(Progress {
                            done: i as u32,
                            total,
                            label: t_with(
                                "ekyc.p_encoding_n",
                                &[("n", &(i + 1).to_string()), ("total", &pics.len().to_string())],
                            ),
                            sending: false,
                        });
                        out.push(encode(p).await?.base64);
                    }
                    let mut it = out.into_iter();
                    let images = FaceImages {
                        image_live: it.next().unwrap_or_default(),
                        image_live_1: it.next().unwrap_or_default(),
                        image_live_2: it.next().unwrap_or_default(),
                        image_live_3: it.next().unwrap_or_default(),
                        image_card: card_b64,
                    };
                    face_images.try_set(Some(images.clone()));
                    images
                }
            };
            let bytes: usize = [
                &images.image_live,
                &images.image_live_1,
                &images.image_live_2,
                &images.image_live_3,
                &images.image_card,
            ]
            .iter()
            .map(|s| s.len() * 3 / 4)
            .sum();
            let handle = upload.new_cancel();
            upload.progress.try_set(Progress {
                done: 4,
                total: 5,
                label: t_with("ekyc.p_sending", &[("kb", &kb(bytes))]),
                sending: true,
            });
            let body = FaceRequest {
                request_id: request_id.try_get_untracked().unwrap_or_default(),
                images,
                domainsid: domain_id.try_get_untracked().unwrap_or_default(),
            };
            ekyc::verify_face(&body, Some(&handle)).await.map_err(Failure::Api)
        }
    })
}

/// The face camera and the frames taken; the fourth frame sends them.
#[component]
pub fn FaceStep(flow: Flow) -> impl IntoView {
    let Flow { step, faces, face_images, notice, verify, .. } = flow;
    effect(move || {
        if let Some(r) = verify.value().get() {
            if matches!(&r, Err(f) if f.cancelled()) {
                notice.set(Some("ekyc.cancelled"));
                faces.set(Vec::new());
                step.set(Step::Face);
            } else {
                step.set(Step::Result);
            }
        }
    });

    let on_face = Callback::new(move |pic: Picture| {
        if step.get_untracked() != Step::Face
            || faces.with_untracked(|f| f.len()) >= FACE_PROMPTS.len()
        {
            return;
        }
        faces.update(|f| f.push(pic));
        if faces.with_untracked(|f| f.len()) == FACE_PROMPTS.len() {
            face_images.set(None);
            step.set(Step::Verifying);
            verify.dispatch(faces.get_untracked());
        }
    });
    let face_prompt = Signal::derive(move || {
        let n = faces.with(|f| f.len()).min(FACE_PROMPTS.len() - 1);
        t_with(
            "ekyc.face_step",
            &[("n", &(n + 1).to_string()), ("total", &FACE_PROMPTS.len().to_string())],
        ) + " · "
            + &t(FACE_PROMPTS[n])
    });

    // The camera mounts only on its step, so it stops after it.
    view! {
        <div class="card ekyc-panel" hidden=move || !flow.at(Step::Face)>
            <h2>{tr("ekyc.face_title")}</h2>
            <p class="muted">{tr("ekyc.face_help")}</p>
            <ol class="face-shots" aria-label=tr("ekyc.face_progress")>
                {FACE_PROMPTS.iter().enumerate().map(|(i, k)| view! {
                    <li class:done=move || faces.with(|f| f.len() > i)>{tr(k)}</li>
                }).collect_view()}
            </ol>
            {move || flow.at(Step::Face).then(|| view! {
                <Camera
                    facing=Facing::User
                    guide=Guide::Face
                    primer="ekyc.face_primer"
                    shutter="ekyc.face_shutter"
                    name="image_live"
                    on_picture=on_face
                    prompt=face_prompt
                    shots=4
                    countdown=3
                    busy=flow.busy
                />
            })}
        </div>
    }
}
