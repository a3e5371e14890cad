//! The uploads of the flow (the card to OCR, the faces to verification):
//! encoding a picture, the progress shown while it goes, its cancel button,
//! and why it failed.

use super::flow::{Flow, Step};
use crate::api::client::CancelHandle;
use crate::api::ApiError;
use crate::i18n::{t, tr};
use crate::ui::image::encode::{MAX_BYTES, MAX_LONG_SIDE};
use crate::ui::image::{Encoded, Picture};
use leptos::prelude::*;

/// Why an upload step failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Image,
    Api(ApiError),
}

impl Failure {
    pub fn cancelled(&self) -> bool {
        matches!(self, Failure::Api(ApiError::Aborted))
    }
}

/// An upload in progress: `done` of `total` steps, what is happening.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub label: String,
    /// Cancel is offered while the request is on the wire.
    pub sending: bool,
}

/// The progress of the running upload and what cancels its request.
#[derive(Clone, Copy)]
pub struct Upload {
    pub progress: RwSignal<Progress>,
    pub cancel: StoredValue<CancelHandle>,
}

impl Upload {
    pub fn new() -> Upload {
        Upload {
            progress: RwSignal::new(Progress::default()),
            cancel: StoredValue::new(CancelHandle::new()),
        }
    }

    /// A new cancel handle for the request about to leave (what the
    /// cancel button then cancels).
    pub fn new_cancel(self) -> CancelHandle {
        let handle = CancelHandle::new();
        self.cancel.set_value(handle.clone());
        handle
    }
}

/// Encodes one picture as the API takes it (JPEG ≤ 250 KB).
pub async fn encode(pic: &Picture) -> Result<Encoded, Failure> {
    pic.encode_jpeg(MAX_LONG_SIDE, MAX_BYTES).await.map_err(|_| Failure::Image)
}

pub fn kb(bytes: usize) -> String {
    bytes.div_ceil(1024).to_string()
}

/// The panel shown while the card is read or the faces verified.
#[component]
pub fn UploadProgress(flow: Flow) -> impl IntoView {
    let Flow { upload: Upload { progress, cancel }, .. } = flow;
    view! {
        <div class="card ekyc-panel" hidden=move || !(flow.at(Step::Reading) || flow.at(Step::Verifying)) || flow.failure().is_some()>
            <h2>{move || if flow.at(Step::Reading) { t("ekyc.reading") } else { t("ekyc.verifying") }}</h2>
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
    }
}
