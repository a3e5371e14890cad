//! The state of one pass through `/ekyc`, shared by its steps: which step
//! is on screen, what has been gathered so far (card, fields read, face
//! frames), the three calls and the moves back (retake, start over).

use super::card::{read_card, ReadCard};
use super::face::{verify, Verify};
use super::fields::{copy_to_profile, CopyCard};
use super::upload::{Failure, Upload};
use crate::api::ekyc::{CardFields, FaceImages};
use crate::browser;
use crate::ui::image::quality::{Issue, Verdict};
use crate::ui::image::{Encoded, Picture};
use crate::util::uuid_v4;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Card,
    CardReview,
    Reading,
    Fields,
    Face,
    Verifying,
    Result,
}

/// A card picture the checks refused: what is wrong, how bad, the picture.
pub type Review = (Vec<Issue>, Verdict, Picture);

/// Everything the steps share, as signals (`Copy`: each step takes the
/// whole flow).
#[derive(Clone, Copy)]
pub struct Flow {
    /// Not logged in: the card steps only, for the sign-up form.
    pub guest: bool,
    /// `?domain=<id>`: the face check is for this domain.
    pub domain_id: Memo<Option<String>>,
    /// `?name=<domain name>`, for the subtitle and the domain checks.
    pub domain_name: Memo<String>,
    pub step: RwSignal<Step>,
    /// Sent with every upload of the flow; "start again" makes a new one.
    pub request_id: RwSignal<String>,
    /// Card pictures refused so far (a later refusal only warns).
    pub failures: RwSignal<u32>,
    pub review: RwSignal<Option<Review>>,
    /// The card front as sent to OCR (sent again with the faces).
    pub card: RwSignal<Option<Encoded>>,
    pub fields: RwSignal<Option<CardFields>>,
    /// The face frames taken so far.
    pub faces: RwSignal<Vec<Picture>>,
    /// The frames as sent, kept for "send again" and the domain checks.
    pub face_images: RwSignal<Option<FaceImages>>,
    pub upload: Upload,
    /// An i18n key shown above the steps (cancelled, unreadable picture).
    pub notice: RwSignal<Option<&'static str>>,
    /// Microseconds of the last card's checks (grey, blur, exposure), for
    /// the end-to-end timing test: `data-check-us` on the page.
    pub check_us: RwSignal<Option<[u32; 3]>>,
    pub read_card: ReadCard,
    pub copied: CopyCard,
    pub verify: Verify,
    /// An upload (reading or verifying) is running.
    pub busy: Signal<bool>,
}

pub fn new_request_id() -> String {
    uuid_v4(browser::random_bytes())
}

impl Flow {
    pub fn new(guest: bool) -> Flow {
        let query = use_query_map();
        let domain_id = Memo::new(move |_| {
            query.read().get("domain").map(|d| d.trim().to_owned()).filter(|d| !d.is_empty())
        });
        let domain_name = Memo::new(move |_| query.read().get("name").unwrap_or_default());
        let request_id = RwSignal::new(new_request_id());
        let card = RwSignal::new(None::<Encoded>);
        let face_images = RwSignal::new(None::<FaceImages>);
        let upload = Upload::new();
        let read_card = read_card(upload, request_id);
        let verify = verify(upload, request_id, card, face_images, domain_id);
        Flow {
            guest,
            domain_id,
            domain_name,
            step: RwSignal::new(Step::Card),
            request_id,
            failures: RwSignal::new(0),
            review: RwSignal::new(None),
            card,
            fields: RwSignal::new(None),
            faces: RwSignal::new(Vec::new()),
            face_images,
            upload,
            notice: RwSignal::new(None),
            check_us: RwSignal::new(None),
            read_card,
            copied: copy_to_profile(),
            verify,
            busy: Signal::derive(move || read_card.pending().get() || verify.pending().get()),
        }
    }

    /// Whether `which` is the step on screen (tracked).
    pub fn at(self, which: Step) -> bool {
        self.step.get() == which
    }

    /// The failure of the step on screen (reading or verifying), if any.
    pub fn failure(self) -> Option<Failure> {
        match self.step.get() {
            _ if self.busy.get() => None,
            Step::Reading => self.read_card.value().get().and_then(|r| r.err()),
            Step::Result => self.verify.value().get().and_then(|r| r.err()),
            _ => None,
        }
    }

    /// Back to the card picture.
    pub fn retake_card(self) {
        self.review.set(None);
        self.step.set(Step::Card);
    }

    /// Back to the first face frame.
    pub fn retake_face(self) {
        self.faces.set(Vec::new());
        self.face_images.set(None);
        self.notice.set(None);
        self.step.set(Step::Face);
    }

    /// Everything forgotten, with a new `request_id`.
    pub fn start_over(self) {
        self.request_id.set(new_request_id());
        self.failures.set(0);
        self.review.set(None);
        self.card.set(None);
        self.fields.set(None);
        self.faces.set(Vec::new());
        self.face_images.set(None);
        self.notice.set(None);
        self.step.set(Step::Card);
    }
}
