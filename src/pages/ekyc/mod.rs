//! `/ekyc` (and `/ekyc?domain=<id>[&name=<domain name>]`): identity check.
//!
//! Card front (camera or file) → quality checks in wasm (the first failure
//! blocks with advice, later ones warn) → JPEG ≤ 250 KB → `POST
//! /ekyc/ocr/recognition` with a fresh UUID `request_id` → the fields read
//! → four guided face frames with a countdown → `POST
//! /ekyc/faceid/verifications` (or `/verification` with `domainsid` for a
//! domain) → verified / not matched (retry) / error. For a domain, the
//! domain eKYC and VNNIC checks follow (see [`DomainChecks`]).
//!
//! The same `request_id` is used through the flow; "start again" makes a
//! new one. Uploads show their progress and can be cancelled.
//!
//! The fields read can be copied into the customer's profile (`PUT
//! /details`, hidden when the server does not offer it). A visitor who is
//! not logged in (`guest`: the OCR call is public, face verification is
//! not) gets the card steps only, and "Use in sign-up" puts the fields into
//! the sign-up draft. See [`copy`] for what is carried over.

pub mod copy;

use crate::api::client::CancelHandle;
use crate::api::ekyc::{
    self, CardFields, EkycCodeRequest, FaceImages, FaceRequest, FaceResult, OcrRequest,
    PromoRequest, VnnicFaceRequest,
};
use crate::api::{self, ApiError};
use crate::browser;
use crate::i18n::{self, t, t_with, tr};
use crate::pages::profile::{edit_supported, mark_edit_unsupported};
use crate::pages::signup::{keep_card_for_signup, FROM_CARD_URL};
use crate::state::AccountCtx;
use crate::ui::camera::{Camera, Facing, Guide};
use crate::ui::erase::{action, busy_label, dyn_view, effect};
use crate::ui::image::encode::{MAX_BYTES, MAX_LONG_SIDE};
use crate::ui::image::quality::{check_card_timed, verdict, Issue, Verdict};
use crate::ui::image::{Encoded, Picture};
use crate::ui::{error_text, ErrorPanel, TextField};
use crate::util::login_url_for;
use crate::util::uuid_v4;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The face frames, in the order of the API fields `image_live`,
/// `image_live_1`, `image_live_2`, `image_live_3`.
pub const FACE_PROMPTS: [&str; 4] =
    ["ekyc.face_straight", "ekyc.face_left", "ekyc.face_right", "ekyc.face_again"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Card,
    CardReview,
    Reading,
    Fields,
    Face,
    Verifying,
    Result,
}

/// Why an upload step failed.
#[derive(Clone, Debug, PartialEq)]
enum Failure {
    Image,
    Api(ApiError),
}

impl Failure {
    fn cancelled(&self) -> bool {
        matches!(self, Failure::Api(ApiError::Aborted))
    }
}

/// An upload in progress: `done` of `total` steps, what is happening.
#[derive(Clone, Debug, Default, PartialEq)]
struct Progress {
    done: u32,
    total: u32,
    label: String,
    /// Cancel is offered while the request is on the wire.
    sending: bool,
}

fn new_request_id() -> String {
    uuid_v4(browser::random_bytes())
}

/// Encodes one picture, reporting progress.
async fn encode(pic: &Picture) -> Result<Encoded, Failure> {
    pic.encode_jpeg(MAX_LONG_SIDE, MAX_BYTES).await.map_err(|_| Failure::Image)
}

fn kb(bytes: usize) -> String {
    bytes.div_ceil(1024).to_string()
}

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

#[component]
pub fn EkycPage(
    /// Not logged in: the card steps only, for the sign-up form.
    #[prop(optional)]
    guest: bool,
) -> impl IntoView {
    let query = use_query_map();
    let domain_id = Memo::new(move |_| {
        query.read().get("domain").map(|d| d.trim().to_owned()).filter(|d| !d.is_empty())
    });
    let domain_name = Memo::new(move |_| query.read().get("name").unwrap_or_default());
    crate::ui::page_title("ekyc.title");

    let step = RwSignal::new(Step::Card);
    let request_id = RwSignal::new(new_request_id());
    let failures = RwSignal::new(0u32);
    let review = RwSignal::new(None::<(Vec<Issue>, Verdict, Picture)>);
    let card = RwSignal::new(None::<Encoded>);
    let fields = RwSignal::new(None::<CardFields>);
    let faces = RwSignal::new(Vec::<Picture>::new());
    let face_images = RwSignal::new(None::<FaceImages>);
    let progress = RwSignal::new(Progress::default());
    let cancel = StoredValue::new(CancelHandle::new());
    let notice = RwSignal::new(None::<&'static str>);
    // Microseconds of the last card's checks (grey, blur, exposure), for
    // the end-to-end timing test: `data-check-us` on the page.
    let check_us = RwSignal::new(None::<[u32; 3]>);

    // Card → encode → OCR.
    let read_card = crate::ui::erase::action(move |pic: &Picture| {
        let pic = pic.clone();
        async move {
            progress.set(Progress {
                done: 0,
                total: 2,
                label: t("ekyc.p_encoding"),
                sending: false,
            });
            let enc = encode(&pic).await?;
            let handle = CancelHandle::new();
            cancel.set_value(handle.clone());
            progress.set(Progress {
                done: 1,
                total: 2,
                label: t_with("ekyc.p_sending", &[("kb", &kb(enc.bytes))]),
                sending: true,
            });
            let body =
                OcrRequest { request_id: request_id.get_untracked(), image: enc.base64.clone() };
            let read = ekyc::recognise(&body, Some(&handle)).await.map_err(Failure::Api)?;
            Ok::<_, Failure>((enc, read))
        }
    });
    let account = use_context::<AccountCtx>();
    let copied = action(move |card: &CardFields| {
        // The profile already names its area: only the street is copied.
        let area = match account.and_then(|a| a.details.get_untracked()) {
            Some(Ok(c)) => [c.ward.0, c.city.0, c.state.0],
            _ => Default::default(),
        };
        let patch = copy::details_patch(card, [&area[0], &area[1], &area[2]]);
        async move { api::profile::patch_details(&patch).await }
    });
    effect(move || match read_card.value().get() {
        Some(Ok((enc, read))) => {
            copied.clear();
            card.set(Some(enc));
            fields.set(Some(read));
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

    // Faces → encode → verification.
    let verify = crate::ui::erase::action(move |pics: &Vec<Picture>| {
        let pics = pics.clone();
        async move {
            let card_b64 = card.get_untracked().map(|c| c.base64).unwrap_or_default();
            let images = match face_images.get_untracked() {
                Some(done) if pics.is_empty() => done,
                _ => {
                    let total = pics.len() as u32 + 1;
                    let mut out = Vec::with_capacity(pics.len());
                    for (i, p) in pics.iter().enumerate() {
                        progress.set(Progress {
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
                    face_images.set(Some(images.clone()));
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
            let handle = CancelHandle::new();
            cancel.set_value(handle.clone());
            progress.set(Progress {
                done: 4,
                total: 5,
                label: t_with("ekyc.p_sending", &[("kb", &kb(bytes))]),
                sending: true,
            });
            let body = FaceRequest {
                request_id: request_id.get_untracked(),
                images,
                domainsid: domain_id.get_untracked(),
            };
            ekyc::verify_face(&body, Some(&handle)).await.map_err(Failure::Api)
        }
    });
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

    let retake_card = move || {
        review.set(None);
        step.set(Step::Card);
    };
    let retake_face = move || {
        faces.set(Vec::new());
        face_images.set(None);
        notice.set(None);
        step.set(Step::Face);
    };
    let start_over = move || {
        request_id.set(new_request_id());
        failures.set(0);
        review.set(None);
        card.set(None);
        fields.set(None);
        faces.set(Vec::new());
        face_images.set(None);
        notice.set(None);
        step.set(Step::Card);
    };

    let busy = Signal::derive(move || read_card.pending().get() || verify.pending().get());
    let at = move |which: Step| step.get() == which;
    // The failure of the step on screen (reading or verifying), if any.
    let failure = move || match step.get() {
        _ if busy.get() => None,
        Step::Reading => read_card.value().get().and_then(|r| r.err()),
        Step::Result => verify.value().get().and_then(|r| r.err()),
        _ => None,
    };
    let matched = move || verify.value().get().and_then(|r| r.ok());
    let warn = move || review.with(|r| r.as_ref().is_some_and(|(_, v, _)| *v == Verdict::Warn));
    let use_anyway = move |_| {
        if let Some((_, _, pic)) = review.get_untracked() {
            step.set(Step::Reading);
            read_card.dispatch(pic);
        }
    };

    // Static panels shown with `hidden` (one view each keeps the wasm
    // small); the cameras mount only on their step, so they stop after it.
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
                    {tr("ekyc.guest_note")} " " <A href=login_url_for("/ekyc")>{tr("ekyc.guest_login")}</A>
                </p>
            })}
            <ol class="ekyc-steps" aria-label=tr("ekyc.steps")>
                <li class:current=move || matches!(step.get(), Step::Card | Step::CardReview | Step::Reading)>{tr("ekyc.step_card")}</li>
                <li class:current=move || at(Step::Fields)>{tr("ekyc.step_fields")}</li>
                <li hidden=guest class:current=move || matches!(step.get(), Step::Face | Step::Verifying)>{tr("ekyc.step_face")}</li>
                <li hidden=guest class:current=move || at(Step::Result)>{tr("ekyc.step_result")}</li>
            </ol>
            <p class="alert alert-info" role="status" hidden=move || notice.get().is_none()>
                {move || notice.get().map(t).unwrap_or_default()}
            </p>

            <div class="card ekyc-panel" hidden=move || !at(Step::Card)>
                <h2>{tr("ekyc.card_title")}</h2>
                <p class="muted">{tr("ekyc.card_help")}</p>
                {move || at(Step::Card).then(|| view! {
                    <Camera
                        facing=Facing::Environment
                        guide=Guide::Card
                        primer="ekyc.card_primer"
                        shutter="ekyc.card_shutter"
                        name="image"
                        on_picture=on_card
                        busy=busy
                    />
                })}
            </div>

            <div class="card ekyc-panel" data-testid="quality" hidden=move || !at(Step::CardReview)>
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
                    <button type="button" class="btn btn-primary" on:click=move |_| retake_card()>{tr("ekyc.retake")}</button>
                    <button type="button" class="btn btn-secondary" hidden=move || !warn() on:click=use_anyway>
                        {tr("ekyc.use_anyway")}
                    </button>
                </div>
            </div>

            <div class="card ekyc-panel" data-testid="ocr-fields" hidden=move || !at(Step::Fields)>
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
                    <button type="button" class="btn btn-secondary" on:click=move |_| retake_card()>{tr("ekyc.retake")}</button>
                </div>
            </div>

            <div class="card ekyc-panel" hidden=move || !at(Step::Face)>
                <h2>{tr("ekyc.face_title")}</h2>
                <p class="muted">{tr("ekyc.face_help")}</p>
                <ol class="face-shots" aria-label=tr("ekyc.face_progress")>
                    {FACE_PROMPTS.iter().enumerate().map(|(i, k)| view! {
                        <li class:done=move || faces.with(|f| f.len() > i)>{tr(k)}</li>
                    }).collect_view()}
                </ol>
                {move || at(Step::Face).then(|| view! {
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
                        busy=busy
                    />
                })}
            </div>

            <div class="card ekyc-panel" hidden=move || !(at(Step::Reading) || at(Step::Verifying)) || failure().is_some()>
                <h2>{move || if at(Step::Reading) { t("ekyc.reading") } else { t("ekyc.verifying") }}</h2>
                <div class="upload-progress" role="status" aria-live="polite" data-testid="upload-progress">
                    <progress max=move || progress.with(|p| p.total) value=move || progress.with(|p| p.done) aria-label=tr("ekyc.progress")></progress>
                    <p><span class="spinner" aria-hidden="true"></span>" "{move || progress.with(|p| p.label.clone())}</p>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        hidden=move || !progress.with(|p| p.sending)
                        on:click=move |_| cancel.with_value(|c| c.cancel())
                    >
                        {tr("ekyc.cancel_upload")}
                    </button>
                </div>
            </div>

            <div class="card ekyc-panel" data-testid="ekyc-result" hidden=move || !(at(Step::Result) || failure().is_some())>
                {move || match (failure(), matched()) {
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
                                <button type="button" class="btn btn-secondary" on:click=move |_| if reading { retake_card() } else { retake_face() }>
                                    {tr(if reading { "ekyc.retake" } else { "ekyc.retry_face" })}
                                </button>
                            </div>
                        }.into_any()
                    }
                    (_, Some(r)) if at(Step::Result) => {
                        let ok = r.matched;
                        view! {
                            {result_view(&r)}
                            <div class="actions" hidden=ok>
                                <button type="button" class="btn btn-primary" on:click=move |_| retake_face()>{tr("ekyc.retry_face")}</button>
                                <button type="button" class="btn btn-secondary" on:click=move |_| start_over()>{tr("ekyc.start_over")}</button>
                            </div>
                            {(ok && domain_id.get_untracked().is_none()).then(|| view! {
                                <a class="btn btn-primary" href="/dashboard">{tr("ekyc.done")}</a>
                            })}
                            {ok.then(|| domain_id.get_untracked()).flatten().map(|id| view! {
                                <DomainChecks
                                    domainsid=id
                                    initial_name=domain_name.get_untracked()
                                    request_id=request_id.get_untracked()
                                    images=face_images.get_untracked().unwrap_or_default()
                                    card_number=fields.get_untracked().map(|f| f.id_number).unwrap_or_default()
                                />
                            })}
                        }.into_any()
                    }
                    _ => ().into_any(),
                }}
            </div>
        </section>
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
fn CopyToProfile(
    fields: RwSignal<Option<CardFields>>,
    copied: crate::ui::erase::Act<CardFields, Result<Vec<String>, ApiError>>,
) -> impl IntoView {
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

/// The domain checks after a verified face for `/ekyc?domain=<id>`: the
/// domain eKYC (`ekyccode` then `ekyccodeup`), VNNIC's face-ID
/// verification, and the VNNIC promo code for `.id.vn` / `.biz.vn`.
#[component]
fn DomainChecks(
    domainsid: String,
    initial_name: String,
    request_id: String,
    images: FaceImages,
    card_number: String,
) -> impl IntoView {
    let account = use_context::<AccountCtx>();
    let client_id = move || match account.and_then(|a| a.details.get()) {
        Some(Ok(c)) => c.id.0,
        _ => String::new(),
    };
    let domain = RwSignal::new(initial_name);
    let contact = RwSignal::new(String::new());
    let nost = RwSignal::new(card_number);
    effect(move || {
        let id = client_id();
        if contact.get_untracked().is_empty() && !id.is_empty() {
            contact.set(id);
        }
    });
    let checked = RwSignal::new(false);
    let domain_err = Signal::derive(move || {
        let d = domain.get();
        (checked.get() && !(d.contains('.') && !d.trim().contains(' ') && d.trim().len() > 3))
            .then(|| t("ekyc.domain_invalid"))
    });
    let contact_err = Signal::derive(move || {
        let c = contact.get();
        (checked.get() && (c.trim().is_empty() || !c.trim().chars().all(|ch| ch.is_ascii_digit())))
            .then(|| t("ekyc.contact_invalid"))
    });
    let valid =
        move || domain_err.get_untracked().is_none() && contact_err.get_untracked().is_none();

    let ekyc_action = crate::ui::erase::action({
        let domainsid = domainsid.clone();
        move |_: &()| {
            let body = EkycCodeRequest {
                request_id: request_id.clone(),
                images: images.clone(),
                domainsid: domainsid.clone(),
                request_token: uuid_v4(browser::random_bytes()),
            };
            async move { ekyc::domain_ekyc(&body, None).await }
        }
    });
    let vnnic_action = crate::ui::erase::action(|b: &VnnicFaceRequest| {
        let b = b.clone();
        async move { ekyc::vnnic_face(&b).await }
    });
    let promo_action = crate::ui::erase::action(|b: &PromoRequest| {
        let b = b.clone();
        async move {
            let code = ekyc::vnnic_promo(&b).await?;
            browser::local_set(
                ekyc::PROMO_STORAGE_KEY,
                &ekyc::promo_storage_value(&b.domain, &code),
            );
            Ok::<_, ApiError>(code)
        }
    });

    // Both forms: validate, then the (contact id, domain name) to send.
    let ready = move |ev: SubmitEvent, pending: bool| {
        ev.prevent_default();
        checked.set(true);
        (!pending && valid()).then(|| {
            (contact.get_untracked().trim().to_owned(), domain.get_untracked().trim().to_owned())
        })
    };
    let on_vnnic = move |ev: SubmitEvent| {
        if let Some((id, domain)) = ready(ev, vnnic_action.pending().get_untracked()) {
            vnnic_action.dispatch(VnnicFaceRequest {
                id,
                domain,
                nost: nost.get_untracked().trim().to_owned(),
            });
        }
    };
    let on_promo = move |ev: SubmitEvent| {
        if let Some((id, domain)) = ready(ev, promo_action.pending().get_untracked()) {
            promo_action.dispatch(PromoRequest { id, domain });
        }
    };

    view! {
        <section class="domain-checks" aria-labelledby="dc-title" data-testid="domain-checks">
            <h2 id="dc-title">{tr("ekyc.dc_title")}</h2>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_ekyc")}</h3>
                <p class="muted">{tr("ekyc.dc_ekyc_help")}</p>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || ekyc_action.pending().get() || matches!(ekyc_action.value().get(), Some(Ok(_)))
                    on:click=move |_| { ekyc_action.dispatch(()); }
                >
                    {move || if ekyc_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_ekyc_send") }}
                </button>
                {outcome(Signal::derive(move || ekyc_action.value().get().map(|r| r.map(status_text))), "dc-ekyc-ok")}
            </div>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_vnnic")}</h3>
                <form class="form" novalidate on:submit=on_vnnic>
                    <TextField label="ekyc.dc_domain" name="domain" value=domain error=domain_err required=true autocomplete="off" inputmode="url" hint="ekyc.dc_domain_hint"/>
                    <TextField label="ekyc.dc_contact" name="id" value=contact error=contact_err required=true inputmode="numeric" autocomplete="off" hint="ekyc.dc_contact_hint"/>
                    <TextField label="ekyc.dc_nost" name="nost" value=nost error=Signal::derive(|| None::<String>) autocomplete="off" hint="ekyc.dc_nost_hint"/>
                    <button type="submit" class="btn btn-primary" disabled=move || vnnic_action.pending().get()>
                        {move || if vnnic_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_vnnic_send") }}
                    </button>
                </form>
                {outcome(Signal::derive(move || vnnic_action.value().get().map(|r| r.map(status_text))), "dc-vnnic-ok")}
            </div>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_promo")}</h3>
                <p class="muted">{tr("ekyc.dc_promo_help")}</p>
                <form novalidate on:submit=on_promo>
                    <button
                        type="submit"
                        class="btn btn-primary"
                        disabled=move || promo_action.pending().get() || !ekyc::promo_eligible(&domain.get())
                    >
                        {move || if promo_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_promo_send") }}
                    </button>
                </form>
                {move || (!ekyc::promo_eligible(&domain.get())).then(|| view! { <p class="muted">{tr("ekyc.dc_promo_only")}</p> })}
                {move || match promo_action.value().get() {
                    Some(Ok(code)) => view! {
                        <div class="alert alert-ok" role="status" data-testid="promo-code">
                            <p>{tr("ekyc.dc_promo_code")}" "<strong class="promo">{code}</strong></p>
                            <p>{tr("ekyc.dc_promo_kept")}</p>
                        </div>
                    }.into_any(),
                    Some(Err(e)) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}

/// What a domain check answered: the server's messages, else its status.
fn status_text((status, info): (String, Vec<String>)) -> String {
    let s = info.iter().map(|m| crate::i18n::server_message(m)).collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        t_with("ekyc.status", &[("status", &status)])
    } else {
        s
    }
}

/// An action's outcome: a success line (`testid`) or the error, announced.
fn outcome(value: Signal<Option<Result<String, ApiError>>>, testid: &'static str) -> AnyView {
    (move || match value.get() {
        Some(Ok(text)) => {
            view! { <p class="alert alert-ok" role="status" data-testid=testid>{text}</p> }
                .into_any()
        }
        Some(Err(e)) => {
            view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any()
        }
        None => ().into_any(),
    })
    .into_any()
}
