//! eKYC and domain/VNNIC checks (routes/ekyc.rs), driven with
//! `tower::ServiceExt::oneshot`.

mod common;

use axum::http::StatusCode;
use base64::Engine;
use common::mock;
use serde_json::{json, Value};

/// A base64 JPEG (or PNG) of a `w`×`h` gradient shifted by `seed`.
fn image_b64(w: u32, h: u32, seed: u8, png: bool) -> String {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x as u8).wrapping_add(seed), (y as u8).wrapping_mul(2), seed])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let format = if png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
    img.write_to(&mut out, format).unwrap();
    base64::engine::general_purpose::STANDARD.encode(out.into_inner())
}

fn face_body(distinct: bool) -> Value {
    let live = |i: u8| image_b64(64, 64, if distinct { i * 40 } else { 0 }, false);
    json!({
        "request_id": "3f2b8c1e-9d4a-4c7b-8e21-5a6f0b9c1d2e",
        "image_live": live(0),
        "image_live_1": live(1),
        "image_live_2": live(2),
        "image_live_3": live(3),
        "image_card": image_b64(120, 76, 9, true),
    })
}

#[tokio::test]
async fn ocr_reads_a_jpeg_or_png_card_and_is_public() {
    let m = mock();
    for png in [false, true] {
        let v = m
            .post(
                "/api/ekyc/ocr/recognition",
                json!({"request_id": "r-1", "image": image_b64(200, 126, 1, png)}),
                None,
            )
            .await
            .ok_json();
        assert_eq!(v["success"], json!(true));
        assert_eq!(v["request_id"], json!("r-1"));
        assert_eq!(v["data"]["id"], json!("079090001234"));
        assert_eq!(v["data"]["name"], json!("NGUYỄN VĂN AN"));
        assert_eq!(v["data"]["birthday"], json!("15/03/1990"));
        assert_eq!(v["data"]["image_width"], json!("200"));
    }
}

#[tokio::test]
async fn ocr_rejects_what_is_not_a_decodable_jpeg_or_png() {
    let m = mock();
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let jpeg = image_b64(40, 30, 0, false);
    let bad = [
        json!({"request_id": "r", "image": ""}),
        json!({"request_id": "r"}),
        json!({"request_id": "r", "image": "not base64 !!"}),
        json!({"request_id": "r", "image": b64(b"GIF89a....")}),
        json!({"request_id": "r", "image": b64(&[0xff, 0xd8, 0xff, 0xe0, 0, 0])}),
        // the data: prefix is not part of the value
        json!({"request_id": "r", "image": format!("data:image/jpeg;base64,{jpeg}")}),
    ];
    for body in bad {
        m.post("/api/ekyc/ocr/recognition", body.clone(), None)
            .await
            .assert_error(StatusCode::OK, "ekyc_image_invalid");
    }
    m.post("/api/ekyc/ocr/recognition", json!({"image": jpeg}), None)
        .await
        .assert_error(StatusCode::OK, "ekyc_request_id_missing");
}

#[tokio::test]
async fn account_face_verification_scores_and_matches() {
    let m = mock();
    let t = m.demo().await;
    let v = m.post("/api/ekyc/faceid/verifications", face_body(true), Some(&t)).await.ok_json();
    assert_eq!(v["match"], json!(true));
    assert_eq!(v["score"], json!("0.93"));
    assert_eq!(v["request_id"], json!("3f2b8c1e-9d4a-4c7b-8e21-5a6f0b9c1d2e"));

    // four identical frames: a still picture, not matched
    let v = m.post("/api/ekyc/faceid/verifications", face_body(false), Some(&t)).await.json();
    assert_eq!(v["match"], json!(false));
    assert_eq!(v["score"], json!("0.41"));
}

#[tokio::test]
async fn face_verification_rejects_a_bad_image_or_the_doc_key_with_a_space() {
    let m = mock();
    let t = m.demo().await;
    for field in ["image_live", "image_live_1", "image_live_2", "image_live_3", "image_card"] {
        let mut body = face_body(true);
        body[field] = json!("aGVsbG8=");
        m.post("/api/ekyc/faceid/verifications", body, Some(&t))
            .await
            .assert_error(StatusCode::OK, "ekyc_image_invalid");
    }
    // the doc's sample key "image_live_1 " is not read as image_live_1
    let mut body = face_body(true);
    let v = body.as_object_mut().unwrap().remove("image_live_1").unwrap();
    body["image_live_1 "] = v;
    m.post("/api/ekyc/faceid/verifications", body, Some(&t))
        .await
        .assert_error(StatusCode::OK, "ekyc_image_invalid");
}

#[tokio::test]
async fn domain_face_verification_needs_one_of_the_clients_domains() {
    let m = mock();
    let t = m.demo().await;
    let mut body = face_body(true);
    body["domainsid"] = json!("301");
    let v = m.post("/api/ekyc/faceid/verification", body.clone(), Some(&t)).await.json();
    assert_eq!(v["match"], json!(true));
    assert_eq!(v["domainsid"], json!("301"));
    for other in ["47", "999", ""] {
        body["domainsid"] = json!(other);
        m.post("/api/ekyc/faceid/verification", body.clone(), Some(&t))
            .await
            .assert_error(StatusCode::OK, "domain_not_found");
    }
}

#[tokio::test]
async fn ekyccode_then_ekyccodeup_with_the_same_token() {
    let m = mock();
    let mut body = face_body(true);
    body["domainsid"] = json!("303");
    body["request_token"] = json!("tok-1");
    let v = m.post("/api/domain/ekyc/ekyccode", body.clone(), None).await.json();
    assert_eq!(v["success"], json!(true));
    assert_eq!(v["status"], json!("pending"));
    assert_eq!(v["info"], json!(["ekyc_received"]));

    // wrong domain or unknown token
    m.post(
        "/api/domain/ekyc/ekyccodeup",
        json!({"request_token": "tok-1", "domainsid": "301"}),
        None,
    )
    .await
    .assert_error(StatusCode::OK, "ekyc_request_token_invalid");
    m.post(
        "/api/domain/ekyc/ekyccodeup",
        json!({"request_token": "nope", "domainsid": "303"}),
        None,
    )
    .await
    .assert_error(StatusCode::OK, "ekyc_request_token_invalid");
    let v = m
        .post(
            "/api/domain/ekyc/ekyccodeup",
            json!({"request_token": "tok-1", "domainsid": "303"}),
            None,
        )
        .await
        .json();
    assert_eq!(v["status"], json!("verified"));
    // a token is used once
    m.post(
        "/api/domain/ekyc/ekyccodeup",
        json!({"request_token": "tok-1", "domainsid": "303"}),
        None,
    )
    .await
    .assert_error(StatusCode::OK, "ekyc_request_token_invalid");

    // still pictures and unknown domains are refused
    let mut still = face_body(false);
    still["domainsid"] = json!("303");
    still["request_token"] = json!("tok-2");
    m.post("/api/domain/ekyc/ekyccode", still, None)
        .await
        .assert_error(StatusCode::OK, "ekyc_face_not_matched");
    body["domainsid"] = json!("999");
    m.post("/api/domain/ekyc/ekyccode", body, None)
        .await
        .assert_error(StatusCode::OK, "domain_not_found");
}

#[tokio::test]
async fn vnnic_faceid_and_promocode() {
    let m = mock();
    let v = m
        .post(
            "/api/domain/vnnic/faceidverifitele",
            json!({"id": "1042", "domain": "nguyenvanan.vn", "nost": "079090001234"}),
            None,
        )
        .await
        .json();
    assert_eq!(v["status"], json!("sent"));
    assert_eq!(v["info"], json!(["vnnic_faceid_sent"]));
    m.post(
        "/api/domain/vnnic/faceidverifitele",
        json!({"id": "26", "domain": "nguyenvanan.vn"}),
        None,
    )
    .await
    .assert_error(StatusCode::OK, "domain_not_found");

    // numbers for ids are accepted, the code is stable per domain
    let a = m
        .post("/api/domain/vnnic/promocode", json!({"id": 1042, "domain": "an-studio.id.vn"}), None)
        .await
        .json();
    let b = m
        .post(
            "/api/domain/vnnic/promocode",
            json!({"id": "1042", "domain": "AN-Studio.id.vn"}),
            None,
        )
        .await
        .json();
    let code = a["promocode"].as_str().unwrap();
    assert!(code.starts_with("VNNIC-") && code.len() == 14, "{code}");
    assert_eq!(a["promocode"], b["promocode"]);
    let c = m
        .post(
            "/api/domain/vnnic/promocode",
            json!({"id": "1042", "domain": "congtyan.biz.vn"}),
            None,
        )
        .await
        .json();
    assert_ne!(c["promocode"], a["promocode"]);
    m.post("/api/domain/vnnic/promocode", json!({"id": "1042", "domain": "nguyenvanan.vn"}), None)
        .await
        .assert_error(StatusCode::OK, "promocode_not_eligible");
    m.post("/api/domain/vnnic/promocode", json!({"id": "26", "domain": "an-studio.id.vn"}), None)
        .await
        .assert_error(StatusCode::OK, "domain_not_found");
}
