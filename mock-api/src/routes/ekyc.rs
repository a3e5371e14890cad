//! eKYC (catalog endpoints 24-26) and the domain / VNNIC identity checks
//! (73-76).
//!
//! The reference has no example answer for any of these calls, so the
//! shapes below are plausible HostBill-style answers (`success`, string
//! numbers, `info` keys); the portal decodes them loosely. Images are base64
//! (no `data:` prefix) of a JPEG or PNG; anything else is answered with HTTP
//! 200 `{"error": ["ekyc_image_invalid"]}`, and an image over the limits of
//! [`crate::limits`] (4 MiB, 8192 px a side, 64 MiB of pixels) with HTTP 413
//! `{"error": ["file_too_large"]}`.
//!
//! * `POST /ekyc/ocr/recognition` (public) `{request_id, image}` → the
//!   fields of a Vietnamese citizen ID card (CCCD) under `data`.
//! * `POST /ekyc/faceid/verifications` (Bearer) `{request_id, image_live,
//!   image_live_1, image_live_2, image_live_3, image_card}` → `{match,
//!   score, liveness}`. Four identical live frames are a still picture: no
//!   liveness, no match.
//! * `POST /ekyc/faceid/verification` (Bearer): the same plus `domainsid`,
//!   which must be one of the client's domains.
//! * `POST /domain/ekyc/ekyccode` (public) the same images plus
//!   `domainsid`, `request_token` → remembered as pending.
//! * `POST /domain/ekyc/ekyccodeup` (public) `{request_token, domainsid}` →
//!   confirms a pending `ekyccode` for that domain.
//! * `POST /domain/vnnic/faceidverifitele` (public) `{id, domain, nost}`:
//!   contact `id` must hold `domain`.
//! * `POST /domain/vnnic/promocode` (public) `{id, domain}` → a VNNIC promo
//!   code for `.id.vn` / `.biz.vn` domains of that contact.
//!
//! Domain ids and names are checked against the Domains section's data
//! (`domain_data.rs`).

use std::collections::{BTreeSet, HashMap};

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::envelope::ApiError;
use crate::limits;
use crate::state::AppState;

pub const IMAGE_INVALID: &str = "ekyc_image_invalid";
pub const REQUEST_ID_MISSING: &str = "ekyc_request_id_missing";
pub const DOMAIN_NOT_FOUND: &str = "domain_not_found";
pub const TOKEN_INVALID: &str = "ekyc_request_token_invalid";
pub const NOT_ELIGIBLE: &str = "promocode_not_eligible";
pub const FACE_NOT_MATCHED: &str = "ekyc_face_not_matched";

/// Face images of every face-ID call, in the order of the reference.
/// (`image_live_1` without the trailing space the doc's samples carry.)
pub const FACE_FIELDS: [&str; 5] =
    ["image_live", "image_live_1", "image_live_2", "image_live_3", "image_card"];

/// eKYC progress kept in the db (cleared by `/__mock/reset`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EkycStore {
    /// `request_token` of `ekyccode` → its `domainsid`.
    pub pending: HashMap<String, String>,
    /// Domain ids confirmed by `ekyccodeup`.
    pub confirmed: BTreeSet<String>,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ekyc/ocr/recognition", post(ocr))
        .route("/ekyc/faceid/verifications", post(verify_account))
        .route("/ekyc/faceid/verification", post(verify_domain))
        .route("/domain/ekyc/ekyccode", post(ekyccode))
        .route("/domain/ekyc/ekyccodeup", post(ekyccodeup))
        .route("/domain/vnnic/faceidverifitele", post(faceidverifitele))
        .route("/domain/vnnic/promocode", post(promocode))
}

/// Pixels of a base64 JPEG/PNG, or `ekyc_image_invalid`; over the limits
/// (encoded or decoded size, dimensions, pixel memory) HTTP 413.
pub fn decode_image(b64: Option<String>) -> Result<image::RgbImage, ApiError> {
    let invalid = || ApiError::business(IMAGE_INVALID);
    let b64 = b64.filter(|s| !s.trim().is_empty()).ok_or_else(invalid)?;
    let bytes = limits::decode_base64(b64.trim(), limits::EKYC_IMAGE_MAX)
        .map_err(|e| e.into_api(IMAGE_INVALID))?;
    let format = image::guess_format(&bytes).map_err(|_| invalid())?;
    if !matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png) {
        return Err(invalid());
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    reader.limits(limits::image_limits());
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => limits::too_large(),
        _ => invalid(),
    })?;
    Ok(img.to_rgb8())
}

fn request_id(body: &Payload) -> Result<String, ApiError> {
    body.non_empty("request_id").ok_or_else(|| ApiError::business(REQUEST_ID_MISSING))
}

/// Whether the domain with this id exists (and `client`, when given, owns
/// it), in the Domains section's data.
fn domain_by_id(state: &AppState, id: &str, client: Option<&str>) -> Option<()> {
    let db = state.db();
    db.domains
        .domains
        .get(id.trim())
        .filter(|d| client.is_none_or(|c| c == d.client_id))
        .map(|_| ())
}

/// Whether `contact` (a client id) holds a domain of this name.
fn domain_by_name(state: &AppState, contact: &str, name: &str) -> Option<()> {
    let db = state.db();
    let found =
        db.domains.of_client(contact.trim()).any(|d| d.name.eq_ignore_ascii_case(name.trim()));
    found.then_some(())
}

/// `POST /ekyc/ocr/recognition`.
async fn ocr(body: Payload) -> Result<Json<Value>, ApiError> {
    let request_id = request_id(&body)?;
    let img = decode_image(body.str("image"))?;
    Ok(Json(json!({
        "success": true,
        "request_id": request_id,
        "data": {
            "type": "cccd_chip_front",
            "id": "079090001234",
            "name": "NGUYỄN VĂN AN",
            "birthday": "15/03/1990",
            "sex": "Nam",
            "nationality": "Việt Nam",
            "home": "Phường Bến Nghé, Quận 1, Hồ Chí Minh",
            "address": "12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, Hồ Chí Minh",
            "doe": "15/03/2030",
            "issue_date": "20/04/2021",
            "confidence": "0.97",
            "image_width": img.width().to_string(),
        }
    })))
}

/// Decodes the five face-ID images and scores them.
fn face_check(body: &Payload) -> Result<(bool, &'static str), ApiError> {
    let mut images = Vec::with_capacity(FACE_FIELDS.len());
    for field in FACE_FIELDS {
        images.push(decode_image(body.str(field))?);
    }
    // Four identical live frames: a photo held up to the camera.
    let live = &images[..4];
    let liveness = live.iter().any(|i| i != &live[0]);
    Ok((liveness, if liveness { "0.93" } else { "0.41" }))
}

fn face_answer(request_id: &str, live: bool, score: &str) -> Value {
    json!({
        "success": true,
        "request_id": request_id,
        "match": live,
        "liveness": live,
        "score": score,
    })
}

/// `POST /ekyc/faceid/verifications` (account level).
async fn verify_account(_authed: Authed, body: Payload) -> Result<Json<Value>, ApiError> {
    let request_id = request_id(&body)?;
    let (live, score) = face_check(&body)?;
    Ok(Json(face_answer(&request_id, live, score)))
}

/// `POST /ekyc/faceid/verification` (for one of the client's domains).
async fn verify_domain(
    State(state): State<AppState>,
    authed: Authed,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let request_id = request_id(&body)?;
    let domainsid = body.non_empty("domainsid").unwrap_or_default();
    domain_by_id(&state, &domainsid, Some(&authed.client_id))
        .ok_or_else(|| ApiError::business(DOMAIN_NOT_FOUND))?;
    let (live, score) = face_check(&body)?;
    let mut answer = face_answer(&request_id, live, score);
    answer["domainsid"] = json!(domainsid);
    Ok(Json(answer))
}

/// `POST /domain/ekyc/ekyccode`.
async fn ekyccode(State(state): State<AppState>, body: Payload) -> Result<Json<Value>, ApiError> {
    request_id(&body)?;
    let domainsid = body.non_empty("domainsid").unwrap_or_default();
    domain_by_id(&state, &domainsid, None).ok_or_else(|| ApiError::business(DOMAIN_NOT_FOUND))?;
    let token = body.non_empty("request_token").ok_or_else(|| ApiError::business(TOKEN_INVALID))?;
    let (live, _) = face_check(&body)?;
    if !live {
        return Err(ApiError::business(FACE_NOT_MATCHED));
    }
    state.db().ekyc.pending.insert(token.clone(), domainsid.clone());
    Ok(Json(json!({
        "success": true,
        "status": "pending",
        "request_token": token,
        "domainsid": domainsid,
        "info": ["ekyc_received"],
    })))
}

/// `POST /domain/ekyc/ekyccodeup`.
async fn ekyccodeup(State(state): State<AppState>, body: Payload) -> Result<Json<Value>, ApiError> {
    let token = body.non_empty("request_token").unwrap_or_default();
    let domainsid = body.non_empty("domainsid").unwrap_or_default();
    let mut db = state.db();
    if db.ekyc.pending.get(&token) != Some(&domainsid) {
        return Err(ApiError::business(TOKEN_INVALID));
    }
    db.ekyc.pending.remove(&token);
    db.ekyc.confirmed.insert(domainsid.clone());
    Ok(Json(json!({
        "success": true,
        "status": "verified",
        "domainsid": domainsid,
        "info": ["ekyc_confirmed"],
    })))
}

/// `POST /domain/vnnic/faceidverifitele`.
async fn faceidverifitele(
    State(state): State<AppState>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let contact = body.non_empty("id").unwrap_or_default();
    let domain = body.non_empty("domain").unwrap_or_default();
    domain_by_name(&state, &contact, &domain)
        .ok_or_else(|| ApiError::business(DOMAIN_NOT_FOUND))?;
    Ok(Json(json!({
        "success": true,
        "status": "sent",
        "domain": domain.trim().to_ascii_lowercase(),
        "info": ["vnnic_faceid_sent"],
    })))
}

/// A stable promo code per domain name (FNV-1a, base 32).
pub fn promo_code(domain: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in domain.trim().to_ascii_lowercase().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let tail: String = (0..8).map(|i| ALPHABET[((h >> (i * 5)) & 31) as usize] as char).collect();
    format!("VNNIC-{tail}")
}

/// `POST /domain/vnnic/promocode`.
async fn promocode(State(state): State<AppState>, body: Payload) -> Result<Json<Value>, ApiError> {
    let contact = body.non_empty("id").unwrap_or_default();
    let domain = body.non_empty("domain").unwrap_or_default().trim().to_ascii_lowercase();
    domain_by_name(&state, &contact, &domain)
        .ok_or_else(|| ApiError::business(DOMAIN_NOT_FOUND))?;
    if !(domain.ends_with(".id.vn") || domain.ends_with(".biz.vn")) {
        return Err(ApiError::business(NOT_ELIGIBLE));
    }
    Ok(Json(json!({
        "success": true,
        "promocode": promo_code(&domain),
        "domain": domain,
    })))
}
