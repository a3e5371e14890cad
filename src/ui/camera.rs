//! A reusable camera with a file-upload fallback.
//!
//! 1. A primer says why the camera is needed before the browser asks
//!    (a permission prompt out of the blue is often refused).
//! 2. `getUserMedia` with the width constrained only (`ideal: 1280`; width
//!    and height together break some phones) and `facingMode` "environment"
//!    (rear, for documents) or "user" (front, for the face).
//! 3. A live preview under a guide frame (ID-card ratio 85.6 × 54 mm, or an
//!    oval for a face), an optional prompt, and a shutter that takes
//!    `shots` pictures, each after a `countdown`.
//! 4. A clear screen for each failure: permission refused (with how to turn
//!    it back on), no camera, camera busy, anything else.
//! 5. `<input type="file" accept="image/*" capture>` always offered: each
//!    file chosen is one picture, turned upright by its EXIF orientation.
//!
//! Every camera track stops when the component goes away.

use super::image::Picture;
use crate::i18n::{t, tr};
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Which camera to ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facing {
    /// The rear camera (documents).
    Environment,
    /// The front camera (selfies).
    User,
}

impl Facing {
    /// The `facingMode` value (also the file input's `capture` hint).
    pub fn mode(self) -> &'static str {
        match self {
            Facing::Environment => "environment",
            Facing::User => "user",
        }
    }
}

/// The guide drawn over the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guide {
    /// A rectangle of an ID card's ratio (85.6 × 54 mm).
    Card,
    /// An oval for a face.
    Face,
}

/// Where the camera is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraState {
    Primer,
    Starting,
    Live,
    /// `NotAllowedError` / `SecurityError`: the user or the browser refused.
    Denied,
    /// `NotFoundError` / `OverconstrainedError`: no suitable camera.
    NotFound,
    /// `NotReadableError` / `AbortError`: another app holds the camera.
    Busy,
    /// No camera API (old browser, page not on https) or anything else.
    Failed,
}

impl CameraState {
    /// Lower-case name (the `data-state` attribute of the component).
    pub fn as_str(self) -> &'static str {
        match self {
            CameraState::Primer => "primer",
            CameraState::Starting => "starting",
            CameraState::Live => "live",
            CameraState::Denied => "denied",
            CameraState::NotFound => "notfound",
            CameraState::Busy => "busy",
            CameraState::Failed => "failed",
        }
    }

    /// The state for a `getUserMedia` rejection's `name`.
    pub fn from_error(name: &str) -> CameraState {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraState::Denied,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraState::NotFound
            }
            "NotReadableError" | "AbortError" | "TrackStartError" => CameraState::Busy,
            _ => CameraState::Failed,
        }
    }

    /// (i18n key of the title, of what to do) for a failure state.
    pub fn failure_keys(self) -> Option<(&'static str, &'static str)> {
        match self {
            CameraState::Denied => Some(("camera.denied_title", "camera.denied_help")),
            CameraState::NotFound => Some(("camera.notfound_title", "camera.notfound_help")),
            CameraState::Busy => Some(("camera.busy_title", "camera.busy_help")),
            CameraState::Failed => Some(("camera.failed_title", "camera.failed_help")),
            _ => None,
        }
    }
}

type StreamSlot = Arc<Mutex<Option<SendWrapper<web_sys::MediaStream>>>>;

fn stop_stream(slot: &StreamSlot) {
    let stream = slot.lock().ok().and_then(|mut s| s.take());
    if let Some(stream) = stream {
        for track in stream.get_tracks().iter() {
            track.unchecked_into::<web_sys::MediaStreamTrack>().stop();
        }
    }
}

fn error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

/// `getUserMedia({video: {width: {ideal: 1280}, facingMode}, audio: false})`.
async fn open_camera(facing: Facing) -> Result<web_sys::MediaStream, String> {
    let devices = web_sys::window()
        .ok_or_else(String::new)?
        .navigator()
        .media_devices()
        .map_err(|e| error_name(&e))?;
    if devices.is_undefined() || devices.is_null() {
        return Err(String::new());
    }
    let width = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&width, &"ideal".into(), &JsValue::from(1280));
    let video = web_sys::MediaTrackConstraints::new();
    video.set_width(&width);
    video.set_facing_mode_str(facing.mode());
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio_bool(false);
    let promise =
        devices.get_user_media_with_constraints(&constraints).map_err(|e| error_name(&e))?;
    let stream = JsFuture::from(promise).await.map_err(|e| error_name(&e))?;
    stream.dyn_into().map_err(|_| String::new())
}

/// The camera's moving parts, shared by its handlers: what it shows, the
/// stream it holds and whether the component is still mounted (a camera
/// that opens after the page was left is closed at once).
#[derive(Clone)]
struct Cam {
    state: RwSignal<CameraState>,
    count: RwSignal<Option<u32>>,
    shooting: RwSignal<bool>,
    upload_error: RwSignal<bool>,
    video_ref: NodeRef<html::Video>,
    slot: StreamSlot,
    alive: Arc<AtomicBool>,
}

impl Cam {
    fn new() -> Self {
        let cam = Cam {
            state: RwSignal::new(CameraState::Primer),
            count: RwSignal::new(None),
            shooting: RwSignal::new(false),
            upload_error: RwSignal::new(false),
            video_ref: NodeRef::new(),
            slot: Arc::default(),
            alive: Arc::new(AtomicBool::new(true)),
        };
        let (slot, alive) = (cam.slot.clone(), cam.alive.clone());
        on_cleanup(move || {
            alive.store(false, Ordering::SeqCst);
            stop_stream(&slot);
        });
        cam
    }

    fn alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }

    /// Asks for the camera and shows its preview (or the failure's screen).
    fn start(&self, facing: Facing) {
        self.state.set(CameraState::Starting);
        let cam = self.clone();
        leptos::task::spawn_local(async move {
            let result = open_camera(facing).await;
            let keep = |stream| {
                if let Ok(mut s) = cam.slot.lock() {
                    *s = Some(SendWrapper::new(stream));
                }
            };
            if !cam.alive() {
                if let Ok(stream) = result {
                    keep(stream);
                    stop_stream(&cam.slot);
                }
                return;
            }
            match result {
                Ok(stream) => {
                    if let Some(video) = cam.video_ref.try_get_untracked().flatten() {
                        video.set_src_object(Some(&stream));
                        if let Ok(p) = video.play() {
                            let _ = JsFuture::from(p).await;
                        }
                    }
                    stop_stream(&cam.slot);
                    keep(stream);
                    if cam.alive() {
                        cam.state.try_set(CameraState::Live);
                    } else {
                        stop_stream(&cam.slot);
                    }
                }
                Err(name) => {
                    cam.state.try_set(CameraState::from_error(&name));
                }
            }
        });
    }

    /// Takes `shots` pictures, each after `countdown` seconds.
    fn shoot(&self, shots: u32, countdown: u32, on_picture: Callback<Picture>) {
        self.shooting.set(true);
        let cam = self.clone();
        leptos::task::spawn_local(async move {
            for _ in 0..shots {
                for n in (1..=countdown).rev() {
                    cam.count.try_set(Some(n));
                    gloo_timers::future::TimeoutFuture::new(1000).await;
                    if !cam.alive() {
                        return;
                    }
                }
                cam.count.try_set(None);
                let Some(video) = cam.video_ref.try_get_untracked().flatten() else { return };
                if let Ok(p) = Picture::from_video(&video) {
                    on_picture.run(p);
                }
                // The parent may have moved on (last shot): stop here.
                gloo_timers::future::TimeoutFuture::new(300).await;
                if !cam.alive() {
                    return;
                }
            }
            cam.shooting.try_set(false);
        });
    }

    /// Reads a chosen file as a picture (or says it cannot be read).
    fn take_file(&self, ev: leptos::ev::Event, on_picture: Callback<Picture>) {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        self.upload_error.set(false);
        let cam = self.clone();
        leptos::task::spawn_local(async move {
            let result = Picture::from_blob(&file).await;
            if !cam.alive() {
                return;
            }
            match result {
                Ok(p) => on_picture.run(p),
                Err(_) => {
                    cam.upload_error.try_set(true);
                }
            }
        });
    }
}

#[component]
pub fn Camera(
    facing: Facing,
    guide: Guide,
    /// i18n key: why the camera is needed (shown before the browser asks).
    primer: &'static str,
    /// i18n key of the shutter button.
    shutter: &'static str,
    /// HTML name of the file input (the API field the picture feeds).
    name: &'static str,
    /// Gets every picture taken or chosen.
    on_picture: Callback<Picture>,
    /// A prompt over the preview (e.g. "turn left"), reactive.
    #[prop(optional, into)]
    prompt: Option<Signal<String>>,
    /// Pictures taken per press of the shutter.
    #[prop(default = 1)]
    shots: u32,
    /// Seconds counted down before each picture.
    #[prop(default = 0)]
    countdown: u32,
    /// While true the shutter and the upload are disabled.
    #[prop(optional, into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let cam = Cam::new();
    let Cam { state, count, shooting, upload_error, video_ref, .. } = cam.clone();
    let start_primer = {
        let cam = cam.clone();
        move || cam.start(facing)
    };
    let start_retry = start_primer.clone();
    let shoot = {
        let cam = cam.clone();
        move |_| {
            let ready = state.get_untracked() == CameraState::Live;
            if ready && !shooting.get_untracked() && !busy.get_untracked() {
                cam.shoot(shots, countdown, on_picture);
            }
        }
    };
    let on_file = move |ev| cam.take_file(ev, on_picture);

    let guide_class = match guide {
        Guide::Card => "cam-guide cam-guide-card",
        Guide::Face => "cam-guide cam-guide-face",
    };
    let is = move |s: CameraState| state.get() == s;
    let failure = move || state.get().failure_keys();
    let input_id = format!("cam-file-{name}");

    // One static tree whose parts are shown with `hidden` (smaller wasm
    // than a view per state).
    view! {
        <div class="camera" data-state=move || state.get().as_str()>
            <div class="cam-primer card" hidden=move || !is(CameraState::Primer)>
                <span class="cam-primer-icon" aria-hidden="true"></span>
                <p>{tr(primer)}</p>
                <p class="muted">{tr("camera.primer_privacy")}</p>
                <button type="button" class="btn btn-primary btn-block" on:click={
                    let start = start_primer.clone();
                    move |_| start()
                }>
                    {tr("camera.allow")}
                </button>
            </div>
            <div class="cam-stage" hidden=move || !(is(CameraState::Live) || is(CameraState::Starting))>
                <video
                    node_ref=video_ref
                    class="cam-video"
                    class:cam-mirror=facing == Facing::User
                    autoplay=true
                    muted=true
                    playsinline=true
                    aria-label=tr("camera.preview")
                ></video>
                <div class=guide_class aria-hidden="true"></div>
                <p class="cam-prompt" aria-live="polite" data-testid="cam-prompt" hidden=prompt.is_none()>
                    {move || prompt.map(|p| p.get()).unwrap_or_default()}
                </p>
                <p class="cam-count" aria-live="assertive" hidden=move || count.get().is_none()>
                    {move || count.get().map(|n| n.to_string()).unwrap_or_default()}
                </p>
            </div>
            <p class="loading" role="status" hidden=move || !is(CameraState::Starting)>
                <span class="spinner" aria-hidden="true"></span>
                {tr("camera.starting")}
            </p>
            <button
                type="button"
                class="btn btn-primary btn-block cam-shutter"
                hidden=move || !is(CameraState::Live)
                on:click=shoot
                disabled=move || shooting.get() || busy.get()
            >
                {move || if shooting.get() { t("camera.shooting") } else { t(shutter) }}
            </button>
            <div class="alert alert-error cam-error" role="alert" data-testid="camera-error" hidden=move || failure().is_none()>
                <strong class="alert-title">{move || failure().map(|(title, _)| t(title)).unwrap_or_default()}</strong>
                <p>{move || failure().map(|(_, help)| t(help)).unwrap_or_default()}</p>
                <p>{tr("camera.use_upload")}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| start_retry()>
                    {tr("camera.retry")}
                </button>
            </div>
            <div class="cam-upload">
                <input
                    id=input_id.clone()
                    class="cam-file"
                    type="file"
                    accept="image/*"
                    capture=facing.mode()
                    name=name
                    on:change=on_file
                    disabled=move || busy.get() || shooting.get()
                />
                <label for=input_id class="btn btn-secondary btn-block">{tr("camera.upload")}</label>
                <p class="field-error" role="alert" hidden=move || !upload_error.get()>{tr("camera.unreadable")}</p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_map_to_screens() {
        assert_eq!(CameraState::from_error("NotAllowedError"), CameraState::Denied);
        assert_eq!(CameraState::from_error("SecurityError"), CameraState::Denied);
        assert_eq!(CameraState::from_error("NotFoundError"), CameraState::NotFound);
        assert_eq!(CameraState::from_error("OverconstrainedError"), CameraState::NotFound);
        assert_eq!(CameraState::from_error("NotReadableError"), CameraState::Busy);
        assert_eq!(CameraState::from_error(""), CameraState::Failed);
        for s in
            [CameraState::Denied, CameraState::NotFound, CameraState::Busy, CameraState::Failed]
        {
            assert!(s.failure_keys().is_some());
        }
        assert_eq!(CameraState::Live.failure_keys(), None);
        assert_eq!(Facing::Environment.mode(), "environment");
        assert_eq!(Facing::User.mode(), "user");
    }
}
