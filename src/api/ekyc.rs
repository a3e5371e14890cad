//! eKYC: ID-card OCR, live face verification (catalog endpoints 24-26) and
//! the domain / VNNIC identity checks (73-76).
//!
//! None of these calls has an example answer in the reference, so every
//! answer is read tolerantly: the card fields may sit at the top level or
//! under `data` / `result` / `card` (an object or a one-item list) and go by
//! several names; the face result may be a `match` flag, a `status` word or
//! only a `score` (0..1 or 0..100). Images are base64 JPEG without a
//! `data:` prefix (see `ui::image`).

use super::client::{fetch_with_info, ApiRequest, CancelHandle};
use super::error::ApiError;
use super::loose::{data_object, field, field_text, yes_no};
use serde::Serialize;
use serde_json::Value;

/// Uploads carry up to five pictures of ≤ 250 KB: allow a slow network.
pub const UPLOAD_TIMEOUT_MS: u32 = 90_000;

/// Score from which a face is taken as matching when the server sends only
/// a score.
pub const MATCH_SCORE: f64 = 0.8;

/// `POST /ekyc/ocr/recognition` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OcrRequest {
    pub request_id: String,
    /// Base64 JPEG of the card front.
    pub image: String,
}

/// The four live frames and the card, base64 JPEG each. The doc's samples
/// spell the second key `"image_live_1 "` (trailing space): sent without.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FaceImages {
    /// Looking straight.
    pub image_live: String,
    /// Turned left.
    pub image_live_1: String,
    /// Turned right.
    pub image_live_2: String,
    /// Straight again.
    pub image_live_3: String,
    /// The card front sent to OCR.
    pub image_card: String,
}

/// `POST /ekyc/faceid/verifications` body, or `/verification` with
/// `domainsid`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FaceRequest {
    pub request_id: String,
    #[serde(flatten)]
    pub images: FaceImages,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domainsid: Option<String>,
}

/// `POST /domain/ekyc/ekyccode` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EkycCodeRequest {
    pub request_id: String,
    #[serde(flatten)]
    pub images: FaceImages,
    pub domainsid: String,
    pub request_token: String,
}

/// `POST /domain/ekyc/ekyccodeup` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EkycCodeUpRequest {
    pub request_token: String,
    pub domainsid: String,
}

/// `POST /domain/vnnic/faceidverifitele` body: contact id, domain name and
/// `nost` (undocumented; the portal sends the ID-card number read by OCR).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VnnicFaceRequest {
    pub id: String,
    pub domain: String,
    pub nost: String,
}

/// `POST /domain/vnnic/promocode` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromoRequest {
    pub id: String,
    pub domain: String,
}

/// What the OCR read on the card (empty strings for what it did not).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardFields {
    pub id_number: String,
    pub name: String,
    pub birthday: String,
    pub sex: String,
    pub nationality: String,
    pub hometown: String,
    pub address: String,
    pub expiry: String,
    pub issue_date: String,
}

impl CardFields {
    /// (i18n key of the label, value) of the fields read, in card order.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        [
            ("ekyc.f_id_number", &self.id_number),
            ("ekyc.f_name", &self.name),
            ("ekyc.f_birthday", &self.birthday),
            ("ekyc.f_sex", &self.sex),
            ("ekyc.f_nationality", &self.nationality),
            ("ekyc.f_hometown", &self.hometown),
            ("ekyc.f_address", &self.address),
            ("ekyc.f_expiry", &self.expiry),
            ("ekyc.f_issue_date", &self.issue_date),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_owned()))
        .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.rows().is_empty()
    }
}

/// Reads the card fields from an OCR answer of any plausible shape.
pub fn card_fields(v: &Value) -> CardFields {
    let Some(o) = data_object(v, &["data", "result", "card", "ocr"]) else {
        return CardFields::default();
    };
    CardFields {
        id_number: field_text(
            o,
            &[
                "id",
                "id_number",
                "idnumber",
                "number",
                "nationalid",
                "national_id",
                "cccd",
                "cmnd",
                "so",
            ],
        ),
        name: field_text(o, &["name", "fullname", "full_name", "ho_ten"]),
        birthday: field_text(
            o,
            &["birthday", "dob", "birth_day", "birthdate", "date_of_birth", "ngay_sinh"],
        ),
        sex: field_text(o, &["sex", "gender", "gioi_tinh"]),
        nationality: field_text(o, &["nationality", "nation", "quoc_tich"]),
        hometown: field_text(
            o,
            &["home", "hometown", "home_town", "origin", "place_of_origin", "que_quan"],
        ),
        address: field_text(o, &["address", "residence", "place_of_residence", "noi_thuong_tru"]),
        expiry: field_text(
            o,
            &["doe", "expiry", "expire", "expiry_date", "date_of_expiry", "valid_until"],
        ),
        issue_date: field_text(o, &["issue_date", "issued", "doi", "date_of_issue"]),
    }
}

/// The outcome of a face verification.
#[derive(Clone, Debug, PartialEq)]
pub struct FaceResult {
    pub matched: bool,
    /// 0..=1 when the server sent a score.
    pub score: Option<f64>,
}

/// Reads a face verification answer; `None` when it says nothing usable.
pub fn face_result(v: &Value) -> Option<FaceResult> {
    let o = data_object(v, &["data", "result"])?;
    let score = ["score", "similarity", "confidence", "sim", "prob"].iter().find_map(|k| {
        let n: f64 = field_text(o, &[k]).trim_end_matches('%').trim().parse().ok()?;
        let n = if n > 1.0 { n / 100.0 } else { n };
        (0.0..=1.0).contains(&n).then_some(n)
    });
    let matched = ["match", "matched", "is_match", "ismatch", "verified", "result", "status"]
        .iter()
        .find_map(|k| yes_no(field(o, &[k])))
        .or_else(|| score.map(|s| s >= MATCH_SCORE))?;
    Some(FaceResult { matched, score })
}

/// A status word of a domain check (`status`, else "ok" for `success`).
pub fn status_word(v: &Value) -> String {
    let Some(o) = data_object(v, &["data", "result"]) else { return String::new() };
    let s = field_text(o, &["status", "state"]);
    if s.is_empty() && yes_no(field(o, &["success"])) == Some(true) {
        "ok".into()
    } else {
        s
    }
}

/// The promo code of a `promocode` answer.
pub fn promo_code(v: &Value) -> String {
    data_object(v, &["data", "result"])
        .map(|o| field_text(o, &["promocode", "promo_code", "code", "coupon", "voucher"]))
        .unwrap_or_default()
}

fn upload(path: &str, body: &impl Serialize, cancel: Option<&CancelHandle>) -> ApiRequest {
    let req = ApiRequest::post(path).json(body).timeout_ms(UPLOAD_TIMEOUT_MS);
    match cancel {
        Some(c) => req.cancellable(c.clone()),
        None => req,
    }
}

/// `POST /ekyc/ocr/recognition` (public in the doc).
pub async fn recognise(
    body: &OcrRequest,
    cancel: Option<&CancelHandle>,
) -> Result<CardFields, ApiError> {
    let (v, _): (Value, _) =
        fetch_with_info(upload("/ekyc/ocr/recognition", body, cancel).public()).await?;
    Ok(card_fields(&v))
}

/// `POST /ekyc/faceid/verifications`, or `/ekyc/faceid/verification` when
/// the body names a domain.
pub async fn verify_face(
    body: &FaceRequest,
    cancel: Option<&CancelHandle>,
) -> Result<FaceResult, ApiError> {
    let path = if body.domainsid.is_some() {
        "/ekyc/faceid/verification"
    } else {
        "/ekyc/faceid/verifications"
    };
    let endpoint = format!("POST {path}");
    let (v, _): (Value, _) = fetch_with_info(upload(path, body, cancel)).await?;
    face_result(&v)
        .ok_or_else(|| ApiError::Decode { endpoint, detail: "no match flag or score".into() })
}

/// `POST /domain/ekyc/ekyccode` then, when accepted, `POST
/// /domain/ekyc/ekyccodeup` with the same token and domain. Gives the
/// final status word and the server's info messages.
pub async fn domain_ekyc(
    body: &EkycCodeRequest,
    cancel: Option<&CancelHandle>,
) -> Result<(String, Vec<String>), ApiError> {
    let (_, _): (Value, _) =
        fetch_with_info(upload("/domain/ekyc/ekyccode", body, cancel).public()).await?;
    let up = EkycCodeUpRequest {
        request_token: body.request_token.clone(),
        domainsid: body.domainsid.clone(),
    };
    let (v, info): (Value, _) =
        fetch_with_info(ApiRequest::post("/domain/ekyc/ekyccodeup").json(&up).public()).await?;
    Ok((status_word(&v), info))
}

/// `POST /domain/vnnic/faceidverifitele`.
pub async fn vnnic_face(body: &VnnicFaceRequest) -> Result<(String, Vec<String>), ApiError> {
    let (v, info): (Value, _) =
        fetch_with_info(ApiRequest::post("/domain/vnnic/faceidverifitele").json(body).public())
            .await?;
    Ok((status_word(&v), info))
}

/// `POST /domain/vnnic/promocode`: the code, or a decode error when the
/// answer carries none.
pub async fn vnnic_promo(body: &PromoRequest) -> Result<String, ApiError> {
    let (v, _): (Value, _) =
        fetch_with_info(ApiRequest::post("/domain/vnnic/promocode").json(body).public()).await?;
    let code = promo_code(&v);
    if code.is_empty() {
        return Err(ApiError::Decode {
            endpoint: "POST /domain/vnnic/promocode".into(),
            detail: "no code".into(),
        });
    }
    Ok(code)
}

/// Whether VNNIC gives free promo codes for this domain name.
pub fn promo_eligible(domain: &str) -> bool {
    let d = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    (d.ends_with(".id.vn") || d.ends_with(".biz.vn")) && !d.starts_with('.')
}

/// localStorage key under which the VNNIC promo code waits for the cart:
/// `{"domain": "<name>", "code": "<promo code>"}`.
pub const PROMO_STORAGE_KEY: &str = "bkns.cart.vnnic_promocode";

/// The JSON stored under [`PROMO_STORAGE_KEY`].
pub fn promo_storage_value(domain: &str, code: &str) -> String {
    serde_json::json!({ "domain": domain.trim().to_ascii_lowercase(), "code": code }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn images() -> FaceImages {
        FaceImages {
            image_live: "L0".into(),
            image_live_1: "L1".into(),
            image_live_2: "L2".into(),
            image_live_3: "L3".into(),
            image_card: "C".into(),
        }
    }

    #[test]
    fn face_bodies_field_by_field() {
        let b = FaceRequest { request_id: "rid".into(), images: images(), domainsid: None };
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(
            v,
            json!({"request_id": "rid", "image_live": "L0", "image_live_1": "L1", "image_live_2": "L2", "image_live_3": "L3", "image_card": "C"})
        );
        assert!(v.get("image_live_1 ").is_none(), "no trailing space in the key");
        let b = FaceRequest { domainsid: Some("301".into()), ..b };
        assert_eq!(serde_json::to_value(&b).unwrap()["domainsid"], json!("301"));

        let e = EkycCodeRequest {
            request_id: "rid".into(),
            images: images(),
            domainsid: "303".into(),
            request_token: "tok".into(),
        };
        let v = serde_json::to_value(&e).unwrap();
        let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "domainsid",
                "image_card",
                "image_live",
                "image_live_1",
                "image_live_2",
                "image_live_3",
                "request_id",
                "request_token"
            ]
        );
    }

    #[test]
    fn small_bodies_field_by_field() {
        assert_eq!(
            serde_json::to_value(OcrRequest { request_id: "r".into(), image: "AAA".into() })
                .unwrap(),
            json!({"request_id": "r", "image": "AAA"})
        );
        assert_eq!(
            serde_json::to_value(EkycCodeUpRequest {
                request_token: "t".into(),
                domainsid: "303".into()
            })
            .unwrap(),
            json!({"request_token": "t", "domainsid": "303"})
        );
        assert_eq!(
            serde_json::to_value(VnnicFaceRequest {
                id: "1042".into(),
                domain: "a.vn".into(),
                nost: "0790".into()
            })
            .unwrap(),
            json!({"id": "1042", "domain": "a.vn", "nost": "0790"})
        );
        assert_eq!(
            serde_json::to_value(PromoRequest { id: "1042".into(), domain: "a.id.vn".into() })
                .unwrap(),
            json!({"id": "1042", "domain": "a.id.vn"})
        );
    }

    #[test]
    fn card_fields_from_the_mock_shape() {
        let v: Value =
            serde_json::from_str(include_str!("../../fixtures/api/ekyc_ocr.json")).unwrap();
        let f = card_fields(&v);
        assert_eq!(f.id_number, "079090001234");
        assert_eq!(f.name, "NGUYỄN VĂN AN");
        assert_eq!(f.birthday, "15/03/1990");
        assert_eq!(f.expiry, "15/03/2030");
        assert_eq!(f.rows().len(), 9);
    }

    #[test]
    fn card_fields_from_other_shapes() {
        let flat = json!({"id_number": 79090001234u64, "fullname": "Trần Thị B", "dob": "01-02-1999", "extra": {"x": 1}});
        let f = card_fields(&flat);
        assert_eq!(f.id_number, "79090001234");
        assert_eq!(f.name, "Trần Thị B");
        assert_eq!(f.birthday, "01-02-1999");
        let listed =
            json!({"result": {"data": [{"ID": "001", "Name": "LÊ C", "Address": "Hà Nội"}]}});
        let f = card_fields(&listed);
        assert_eq!(
            (f.id_number.as_str(), f.name.as_str(), f.address.as_str()),
            ("001", "LÊ C", "Hà Nội")
        );
        assert!(card_fields(&json!([])).is_empty());
        assert!(card_fields(&json!({"data": []})).is_empty());
        assert!(card_fields(&json!("text")).is_empty());
    }

    #[test]
    fn face_results_of_several_shapes() {
        assert_eq!(
            face_result(&json!({"match": true, "score": "0.93"})),
            Some(FaceResult { matched: true, score: Some(0.93) })
        );
        assert_eq!(
            face_result(&json!({"data": {"matched": "0", "similarity": 41}})),
            Some(FaceResult { matched: false, score: Some(0.41) })
        );
        assert_eq!(
            face_result(&json!({"result": {"status": "verified"}})),
            Some(FaceResult { matched: true, score: None })
        );
        assert_eq!(
            face_result(&json!({"score": "87%"})),
            Some(FaceResult { matched: true, score: Some(0.87) })
        );
        assert_eq!(face_result(&json!({"score": 0.5})).map(|r| r.matched), Some(false));
        assert_eq!(face_result(&json!({"success": true})), None);
        // a boolean is no score; a score's key in any case
        assert_eq!(face_result(&json!({"score": true})), None);
        assert_eq!(
            face_result(&json!({"Score": 12})),
            Some(FaceResult { matched: false, score: Some(0.12) })
        );
        assert_eq!(face_result(&json!([])), None);
    }

    #[test]
    fn domain_answers() {
        assert_eq!(status_word(&json!({"status": "verified", "info": ["x"]})), "verified");
        assert_eq!(status_word(&json!({"success": "1"})), "ok");
        assert_eq!(promo_code(&json!({"success": true, "promocode": "VNNIC-AB"})), "VNNIC-AB");
        assert_eq!(promo_code(&json!({"data": {"code": "X1"}})), "X1");
        assert_eq!(promo_code(&json!({"data": []})), "");
        assert!(promo_eligible("an.id.vn"));
        assert!(promo_eligible("Shop.BIZ.vn."));
        assert!(!promo_eligible("an.vn"));
        assert!(!promo_eligible(".id.vn"));
        assert_eq!(promo_storage_value(" A.id.vn", "C1"), r#"{"code":"C1","domain":"a.id.vn"}"#);
    }
}
