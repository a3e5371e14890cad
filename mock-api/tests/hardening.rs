//! Hardening (issue 17, point 11): size limits on every decoder of uploaded
//! data and on request bodies, the request log's redaction, and `/__mock`
//! answering same-origin callers only. Driven with `oneshot` (no network).

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use common::{mock, Mock};
use mock_api::domain_data::SIGN_TOKEN_VALID;
use mock_api::limits::{self, BODY_LIMIT, EKYC_IMAGE_MAX, IMAGE_MAX_SIDE, SIGNATURE_MAX};
use mock_api::pdf::png_with_idat;
use mock_api::redact::{secret_stand_in, short_sha256, thousands};
use serde_json::json;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn zlib_zeros(n: usize) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; n], 9)
}

/// A real JPEG of `w`×`h`.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

async fn ocr(m: &Mock, image: &str) -> common::Reply {
    m.post("/api/ekyc/ocr/recognition", json!({"request_id": "r-1", "image": image}), None).await
}

// ---------------------------------------------------------------- body limit

#[tokio::test]
async fn a_body_over_the_limit_is_413_whether_announced_or_not() {
    let m = mock();
    // Announced by Content-Length: refused before it is read.
    let r = m
        .request(
            Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, (BODY_LIMIT + 1).to_string())
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // Not announced (no Content-Length): refused once the limit is passed.
    let r = m
        .request(
            Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(vec![b' '; BODY_LIMIT + 1]))
                .unwrap(),
        )
        .await;
    r.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // Both are logged with their status and no body.
    let log = m.get("/__mock/requests", None).await.json();
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert!(log.as_array().unwrap().iter().all(|e| e["status"] == 413 && e["body"].is_null()));
}

// ---------------------------------------------------------------- eKYC images

#[tokio::test]
async fn ekyc_images_over_the_limits_are_413() {
    let m = mock();
    // A real card photo is accepted.
    assert_eq!(ocr(&m, &b64(&jpeg(640, 400))).await.ok_json()["data"]["image_width"], "640");
    // Longer than the base64 of 4 MiB: refused before decoding.
    let long = "A".repeat(limits::base64_len(EKYC_IMAGE_MAX) + 4);
    ocr(&m, &long).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // A PNG header of 20000x20000 (a bomb: a few bytes of IDAT).
    let bomb = png_with_idat(20_000, 20_000, 2, &zlib_zeros(1000));
    ocr(&m, &b64(&bomb)).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // Within 8192 px a side, but 8000x8000 RGB is 183 MiB of pixels (> 64 MiB).
    let side = IMAGE_MAX_SIDE - 192;
    let big = png_with_idat(side, side, 2, &zlib_zeros(1000));
    ocr(&m, &b64(&big)).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // The same for the face check, whichever field carries it.
    let small = b64(&jpeg(64, 64));
    let r = m
        .post(
            "/api/domain/ekyc/ekyccode",
            json!({"request_id": "r", "request_token": "t", "domainsid": "303",
                   "image_live": small, "image_live_1": small, "image_live_2": b64(&bomb),
                   "image_live_3": small, "image_card": small}),
            None,
        )
        .await;
    r.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // What cannot be decoded keeps its business error (HTTP 200).
    ocr(&m, "bm90IGFuIGltYWdl").await.assert_error(StatusCode::OK, "ekyc_image_invalid");
    let broken = png_with_idat(100, 100, 2, b"not zlib");
    ocr(&m, &b64(&broken)).await.assert_error(StatusCode::OK, "ekyc_image_invalid");
}

// ---------------------------------------------------------------- signatures

async fn sign(m: &Mock, image: String) -> common::Reply {
    m.post("/api/domain/documents/signed", json!({"token": SIGN_TOKEN_VALID, "image": image}), None)
        .await
}

#[tokio::test]
async fn signature_pngs_over_the_limits_are_413() {
    let m = mock();
    let url = |png: &[u8]| format!("data:image/png;base64,{}", b64(png));
    // Over 2 MiB of base64.
    let long =
        format!("data:image/png;base64,{}", "A".repeat(limits::base64_len(SIGNATURE_MAX) + 4));
    sign(&m, long).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // A PNG bomb: a 600x200 header over 16 MiB of zeros (16 KiB compressed).
    let idat = zlib_zeros(16 * 1024 * 1024);
    assert!(idat.len() < 32 * 1024);
    let bomb = png_with_idat(600, 200, 6, &idat);
    sign(&m, url(&bomb)).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // A header over 4096 px, or over 32 MiB once inflated.
    let wide = png_with_idat(5000, 10, 6, &zlib_zeros(10));
    sign(&m, url(&wide)).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    let huge = png_with_idat(4096, 4096, 6, &zlib_zeros(10));
    sign(&m, url(&huge)).await.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    // Undecodable: the call's own word, HTTP 200; nothing was signed.
    sign(&m, "%%%".into()).await.assert_error(StatusCode::OK, "signature_invalid");
    sign(&m, url(b"GIF89a")).await.assert_error(StatusCode::OK, "signature_invalid");
    let ink = mock_api::pdf::png_from(200, 60, |x, y| y == 30 && x > 10);
    assert_eq!(sign(&m, url(&ink)).await.ok_json()["info"], json!(["document_signed"]));
}

#[tokio::test]
async fn a_csr_over_64_kib_is_not_read() {
    let pem = format!(
        "-----BEGIN CERTIFICATE REQUEST-----\n{}\n-----END CERTIFICATE REQUEST-----",
        "A".repeat(limits::CSR_MAX)
    );
    assert_eq!(mock_api::shop::engine::csr_common_name(&pem), None);
}

// ---------------------------------------------------------------- request log

#[tokio::test]
async fn the_request_log_redacts_passwords_tokens_and_images() {
    let m = mock();
    let (_, refresh) = m.demo_pair().await;
    m.post("/api/token", json!({"refresh_token": refresh}), None).await.ok_json();
    m.request(
        Request::post("/api/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=api%40example.com&password=secret"))
            .unwrap(),
    )
    .await;
    let card = jpeg(320, 200);
    ocr(&m, &b64(&card)).await.ok_json();
    let sig = mock_api::pdf::png_from(200, 60, |x, y| y == 30 && x > 10);
    let url = format!("data:image/png;base64,{}", b64(&sig));
    sign(&m, url.clone()).await.ok_json();

    let log = m.get("/__mock/requests", None).await.json();
    let body = |i: usize| log[i]["body"].clone();
    assert_eq!(
        body(0),
        json!({"username": "demo@bkns.vn", "password": "[redacted sha256:6269bdc44514c668]"})
    );
    assert_eq!(body(1), json!({"refresh_token": secret_stand_in(&refresh)}));
    assert_eq!(
        body(2),
        json!({"username": "api@example.com", "password": secret_stand_in("secret")})
    );
    let card_b64 = b64(&card);
    let shown =
        format!("[image/jpeg {} bytes sha256:{}]", thousands(card.len()), short_sha256(&card_b64));
    assert_eq!(body(3), json!({"request_id": "r-1", "image": shown}));
    assert_eq!(
        log[3]["bytes"],
        json!(format!(r#"{{"request_id":"r-1","image":"{card_b64}"}}"#).len())
    );
    let shown =
        format!("[data:image/png {} bytes sha256:{}]", thousands(sig.len()), short_sha256(&url));
    assert_eq!(body(4), json!({"token": secret_stand_in(SIGN_TOKEN_VALID), "image": shown}));
    // Nothing secret is left anywhere in the log.
    let text = log.to_string();
    for secret in ["Demo@2026", refresh.as_str(), "secret\"", &card_b64[..40], SIGN_TOKEN_VALID] {
        assert!(!text.contains(secret), "{secret} in the log");
    }
    // The handlers saw the real values: the refresh worked, the card was read.
    assert_eq!(log[1]["status"], 200);
    assert_eq!(log[3]["status"], 200);
}

#[tokio::test]
async fn the_request_log_redacts_tokens_in_paths_and_queries() {
    let m = mock();
    m.get(&format!("/api/domain/documents/view/{SIGN_TOKEN_VALID}"), None).await;
    m.get(&format!("/api/domain/documents/download/uploaded/{SIGN_TOKEN_VALID}"), None).await;
    m.get("/api/domain/documents/view/", None).await;
    m.get("/api/countries?refresh_token=abc&lang=vi&token=", None).await;

    let log = m.get("/__mock/requests", None).await.json();
    let stand_in = secret_stand_in(SIGN_TOKEN_VALID);
    assert_eq!(log[0]["path"], format!("/domain/documents/view/{stand_in}"));
    assert_eq!(log[0]["status"], 200, "the handler saw the real token");
    assert_eq!(log[1]["path"], format!("/domain/documents/download/uploaded/{stand_in}"));
    // no token, nothing to hide
    assert_eq!(log[2]["path"], "/domain/documents/view/");
    assert_eq!(log[3]["query"], format!("refresh_token={}&lang=vi&token=", secret_stand_in("abc")));
    assert!(!log.to_string().contains(SIGN_TOKEN_VALID));
}

// ---------------------------------------------------------------- /__mock same origin

async fn control(m: &Mock, headers: &[(&str, &str)]) -> common::Reply {
    let mut req = Request::post("/__mock/reset");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    m.request(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn mock_controls_answer_same_origin_callers_only() {
    let m = mock();
    let host = ("host", "127.0.0.1:8091");
    // curl, Playwright's request fixture: no Origin, no Sec-Fetch-Site.
    assert_eq!(control(&m, &[]).await.status, StatusCode::OK);
    assert_eq!(control(&m, &[host]).await.status, StatusCode::OK);
    // The portal's own page.
    let own = [host, ("origin", "http://127.0.0.1:8091"), ("sec-fetch-site", "same-origin")];
    assert_eq!(control(&m, &own).await.status, StatusCode::OK);
    // Another site, a sibling port, a sandboxed frame, a sibling subdomain.
    for refused in [
        vec![host, ("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")],
        vec![host, ("origin", "http://127.0.0.1:8090")],
        vec![host, ("origin", "null")],
        vec![host, ("sec-fetch-site", "same-site")],
        vec![host, ("sec-fetch-site", "cross-site")],
    ] {
        let r = control(&m, &refused).await;
        r.assert_error(StatusCode::FORBIDDEN, "cross-origin request refused");
    }
    // GETs too (the request log), and unknown paths.
    let r = m
        .request(
            Request::get("/__mock/requests")
                .header("host", "127.0.0.1:8091")
                .header("origin", "http://evil.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // No CORS on /__mock any more: a preflight from elsewhere is refused.
    let r = m
        .request(
            Request::options("/__mock/config")
                .header("host", "127.0.0.1:8091")
                .header("origin", "http://evil.example")
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.header("access-control-allow-origin"), "");
    // The API keeps its CORS for any origin.
    let r = m
        .request(
            Request::get("/api/details")
                .header("origin", "http://evil.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.header("access-control-allow-origin"), "*");
}

// ---------------------------------------------------------------- headers

#[tokio::test]
async fn every_answer_carries_the_deployment_headers() {
    let m = mock();
    for uri in ["/", "/api/details", "/__mock/health", "/__mock/nope"] {
        let r = m.get(uri, None).await;
        for (name, value) in mock_api::security::headers() {
            assert_eq!(r.headers.get(name), Some(value), "{name} on {uri}");
        }
    }
    let r = m.get("/api/details", None).await;
    assert!(r.header("content-security-policy").contains("frame-ancestors 'none'"));
}
