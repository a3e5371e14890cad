//! The "Domains" section of mock-api (catalog 40-60, 63, 64, 66-72) and
//! `GET /payment`, driven through the router with `oneshot` (no network).

mod common;

use axum::http::StatusCode;
use base64::Engine;
use common::{Reply, Session};
use mock_api::domain_data::{SIGN_TOKEN_EXPIRED, SIGN_TOKEN_USED, SIGN_TOKEN_VALID};
use serde_json::{json, Value};

/// The domain section's own answers.
trait DomainReply {
    fn assert_saved(&self);
    fn assert_pdf(&self, disposition: &str);
}

impl DomainReply for Reply {
    /// HostBill's "changes saved": HTTP 200 `{"info": ["success_changes_save"]}`.
    fn assert_saved(&self) {
        assert_eq!(self.ok_json(), json!({ "info": ["success_changes_save"] }), "{}", self.request);
    }

    /// A PDF with a `content-disposition` starting with `disposition`.
    fn assert_pdf(&self, disposition: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}: {}", self.request, self.text());
        assert_eq!(self.header("content-type"), "application/pdf");
        assert!(
            self.header("content-disposition").starts_with(disposition),
            "{}",
            self.header("content-disposition")
        );
        assert!(self.body.starts_with(b"%PDF-1.4") && self.body.ends_with(b"%%EOF\n"));
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn domain_list_has_the_reference_fields_as_strings() {
    let m = Session::demo().await;
    let v = m.get("/api/domain").await.json();
    let rows = v["domains"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    for row in rows {
        for k in [
            "id",
            "name",
            "expires",
            "recurring_amount",
            "date_created",
            "status",
            "period",
            "autorenew",
            "daytoexpire",
        ] {
            assert!(row[k].is_string(), "{k} in {row}");
        }
    }
    let soon: Vec<&Value> = rows
        .iter()
        .filter(|r| (0..=30).contains(&r["daytoexpire"].as_str().unwrap().parse::<i64>().unwrap()))
        .collect();
    assert!(soon.len() >= 3);
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    for tld in [".com", ".vn", ".id.vn", ".biz.vn"] {
        assert!(names.iter().any(|n| n.ends_with(tld)), "{tld}");
    }
    // the bulk account has 2,000
    let bulk = Session::login("bulk@bkns.vn", "Bulk@2026").await;
    assert_eq!(bulk.get("/api/domain").await.json()["domains"].as_array().unwrap().len(), 2000);
}

#[tokio::test]
async fn details_by_id_and_by_name() {
    let m = Session::login("api@example.com", "secret").await;
    let d = m.get("/api/domain/47").await.json();
    assert_eq!(d["details"]["name"], "testname.com");
    assert_eq!(d["details"]["nameservers"].as_array().unwrap().len(), 2);
    assert_eq!(d["details"]["idprotection"], "0");
    // the reference's quirk: by name gives a list, here two entries
    let by_name = m.get("/api/domain/name/TESTNAME.com").await.json();
    assert_eq!(by_name["details"].as_array().unwrap().len(), 2);
    assert_eq!(m.get("/api/domain/name/nothing.vn").await.json(), json!({"details": []}));
    // someone else's domain does not exist for this client
    m.get("/api/domain/301").await.assert_error(StatusCode::OK, "domain_not_found");
    let demo = Session::demo().await;
    demo.get("/api/domain/47").await.assert_error(StatusCode::OK, "domain_not_found");
    assert_eq!(demo.get("/api/domain/301/nonsense").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nameservers_are_validated_and_empty_means_defaults() {
    let m = Session::demo().await;
    assert_eq!(
        m.get("/api/domain/301/ns").await.json(),
        json!({"success": true, "nameservers": ["ns1.bkns.vn", "ns2.bkns.vn"]})
    );
    m.put(
        "/api/domain/301/ns",
        json!({"nameservers": ["ns1.example.net", "NS2.example.net", "ns3.example.net"]}),
    )
    .await
    .assert_saved();
    assert_eq!(
        m.get("/api/domain/301/ns").await.json()["nameservers"],
        json!(["ns1.example.net", "ns2.example.net", "ns3.example.net"])
    );
    assert_eq!(
        m.get("/api/domain/301").await.json()["details"]["nameservers"].as_array().unwrap().len(),
        3
    );
    for bad in [
        json!(["only.one.net"]),
        json!(["a.net", "a.net"]),
        json!(["bad_host", "ns2.x.net"]),
        json!(["a.net", "b.net", "c.net", "d.net", "e.net"]),
    ] {
        m.put("/api/domain/301/ns", json!({ "nameservers": bad }))
            .await
            .assert_error(StatusCode::OK, "nameservers_invalid");
    }
    m.put("/api/domain/301/ns", json!({"nameservers": ["a.net", "b.net"], "extra": 1}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    // the reference's sample sends a string
    m.put("/api/domain/301/ns", json!({"nameservers": "ns1.a.net, ns2.a.net"}))
        .await
        .assert_saved();
    m.put("/api/domain/301/ns", json!({"nameservers": []})).await.assert_saved();
    assert_eq!(
        m.get("/api/domain/301/ns").await.json()["nameservers"],
        json!(["ns1.bkns.vn", "ns2.bkns.vn"])
    );
}

#[tokio::test]
async fn child_nameservers() {
    let m = Session::demo().await;
    let reg = |host: &str, ip: &str| json!({"action": "registerNameServer", "nameserver": host, "ip": ip});
    m.post("/api/domain/301/reg", reg("ns1.nguyenvanan.vn", "203.0.113.10")).await.assert_saved();
    m.post("/api/domain/301/reg", reg("ns1.other.vn", "203.0.113.10"))
        .await
        .assert_error(StatusCode::OK, "nameserver_invalid");
    m.post("/api/domain/301/reg", reg("ns2.nguyenvanan.vn", "999.1.1.1"))
        .await
        .assert_error(StatusCode::OK, "ip_invalid");
    m.post(
        "/api/domain/301/reg",
        json!({"action": "registerNameServer", "nameserver": "ns2.nguyenvanan.vn"}),
    )
    .await
    .assert_error(StatusCode::OK, "data_format_error");
    let modify = json!({"action": "modifyNameServer", "nameserver": "ns1.nguyenvanan.vn", "oldip": "203.0.113.10", "newip": "2001:db8::1"});
    m.post("/api/domain/301/reg", modify).await.assert_saved();
    let del = json!({"action": "deleteNameServer", "nameserver": "ns1.nguyenvanan.vn"});
    m.post("/api/domain/301/reg", del.clone()).await.assert_saved();
    m.post("/api/domain/301/reg", del).await.assert_error(StatusCode::OK, "nameserver_not_found");
    m.post("/api/domain/301/reg", json!({"action": "nope"}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
}

#[tokio::test]
async fn epp_sync_and_lock() {
    let m = Session::demo().await;
    let epp = m.get("/api/domain/302/epp").await.json();
    assert_eq!(epp["epp"].as_str().unwrap().len(), 16);
    assert_eq!(
        m.get("/api/domain/302/sync").await.json(),
        json!({"success": true, "info": ["domain_synced"]})
    );
    assert_eq!(
        m.get("/api/domain/302/reglock").await.json(),
        json!({"success": true, "reglock": "1"})
    );
    assert_eq!(m.get("/api/domain/301/reglock").await.json()["reglock"], "0");
}

#[tokio::test]
async fn contacts_round_trip_with_exactly_the_get_fields() {
    let m = Session::demo().await;
    let v = m.get("/api/domain/302/contact").await.json();
    let info = v["contact_info"].as_object().unwrap();
    assert_eq!(info.keys().collect::<Vec<_>>(), ["admin", "billing", "registrant", "tech"]);
    let mut tech = info["tech"].clone();
    tech["firstname"] = json!("Bình");
    tech["email"] = json!("tech@banhmi-saigon.com");
    m.put("/api/domain/302/contact", json!({"contact_info": {"tech": tech.clone()}}))
        .await
        .assert_saved();
    let after = m.get("/api/domain/302/contact").await.json();
    assert_eq!(after["contact_info"]["tech"]["email"], "tech@banhmi-saigon.com");
    assert_eq!(after["contact_info"]["admin"]["email"], "demo@bkns.vn");
    let mut bad = tech.clone();
    bad["email"] = json!("not-an-email");
    m.put("/api/domain/302/contact", json!({"contact_info": {"tech": bad}}))
        .await
        .assert_error(StatusCode::OK, "emailformat_error");
    let mut extra = tech.clone();
    extra["fax"] = json!("1");
    m.put("/api/domain/302/contact", json!({"contact_info": {"tech": extra}}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    m.put("/api/domain/302/contact", json!({"contact_info": {"owner": tech}}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    let mut empty = info["tech"].clone();
    empty["phonenumber"] = json!("");
    m.put("/api/domain/302/contact", json!({"contact_info": {"admin": empty}}))
        .await
        .assert_error(StatusCode::OK, "contact_incomplete");
}

#[tokio::test]
async fn email_and_url_forwarding() {
    let m = Session::demo().await;
    assert_eq!(
        m.get("/api/domain/302/emforwarding").await.json(),
        json!({"success": true, "emforwarding": [{"prefix": "info", "forwardto": "demo@bkns.vn"}]})
    );
    let rules = json!({"emforwarding": [{"prefix": "sales", "forwardto": "an@gmail.com"}, {"prefix": "*", "forwardto": "demo@bkns.vn"}]});
    m.put("/api/domain/302/emforwarding", rules).await.assert_saved();
    assert_eq!(
        m.get("/api/domain/302/emforwarding").await.json()["emforwarding"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    m.put(
        "/api/domain/302/emforwarding",
        json!({"emforwarding": [{"prefix": "a b", "forwardto": "x@y.vn"}]}),
    )
    .await
    .assert_error(StatusCode::OK, "forwarding_prefix_invalid");
    m.put(
        "/api/domain/302/emforwarding",
        json!({"emforwarding": [{"prefix": "a", "forwardto": "nope"}]}),
    )
    .await
    .assert_error(StatusCode::OK, "emailformat_error");
    m.put("/api/domain/302/emforwarding", json!({"emforwarding": []})).await.assert_saved();
    assert_eq!(m.get("/api/domain/302/emforwarding").await.json()["emforwarding"], json!([]));

    m.put(
        "/api/domain/302/forwarding",
        json!({"url": "https://shop.example.vn/khuyen-mai", "type": "URL"}),
    )
    .await
    .assert_saved();
    m.put("/api/domain/302/forwarding", json!({"url": "ftp://x.vn", "type": "URL"}))
        .await
        .assert_error(StatusCode::OK, "url_invalid");
    m.put("/api/domain/302/forwarding", json!({"url": "https://x.vn", "type": "301"}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
}

#[tokio::test]
async fn autorenew_and_id_protection_take_a_switch() {
    let m = Session::demo().await;
    assert_eq!(
        m.get("/api/domain/301/autorenew").await.json(),
        json!({"success": true, "autorenew": "0"})
    );
    m.put("/api/domain/301/autorenew", json!({"switch": true})).await.assert_saved();
    assert_eq!(m.get("/api/domain/301/autorenew").await.json()["autorenew"], "1");
    assert_eq!(m.get("/api/domain/301").await.json()["details"]["autorenew"], "1");
    m.put("/api/domain/301/autorenew", json!({"switch": "0"})).await.assert_saved();
    assert_eq!(m.get("/api/domain/301/autorenew").await.json()["autorenew"], "0");
    m.put("/api/domain/301/autorenew", json!({"autorenew": "1"}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    m.put("/api/domain/301/autorenew", json!({"switch": "maybe"}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    m.put("/api/domain/301/idprotection", json!({"switch": true})).await.assert_saved();
    assert_eq!(m.get("/api/domain/301").await.json()["details"]["idprotection"], "1");
}

#[tokio::test]
async fn dnssec_keys() {
    let m = Session::demo().await;
    assert_eq!(
        m.get("/api/domain/302/dnssec/flags").await.json(),
        json!({"flags": {"256": "ZSK", "257": "KSK"}})
    );
    let keys = m.get("/api/domain/302/dnssec").await.json();
    assert_eq!(keys["keys"].as_array().unwrap().len(), 1);
    let key = json!({"flags": "257", "protocol": "3", "alg": "13", "pubkey": b64(&[7u8; 64])});
    m.put("/api/domain/302/dnssec", key.clone()).await.assert_saved();
    let keys = m.get("/api/domain/302/dnssec").await.json()["keys"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 2);
    let id = keys[1]["id"].as_str().unwrap().to_string();
    let mut bad = key.clone();
    bad["alg"] = json!("99");
    m.put("/api/domain/302/dnssec", bad).await.assert_error(StatusCode::OK, "dnssec_key_invalid");
    m.delete(&format!("/api/domain/302/dnssec/{id}")).await.assert_saved();
    m.delete(&format!("/api/domain/302/dnssec/{id}"))
        .await
        .assert_error(StatusCode::OK, "dnssec_key_not_found");
}

#[tokio::test]
async fn renew_uses_the_tld_prices_and_payment_methods() {
    let m = Session::demo().await;
    assert_eq!(
        m.get("/api/payment").await.json(),
        json!({"payments": {"1": "Chuyển khoản ngân hàng", "2": "Thẻ ATM nội địa (NAPAS)", "3": "Thẻ Visa / MasterCard", "4": "Ví MoMo"}})
    );
    let tlds = m.get("/api/domain/order").await.json();
    let vn = tlds["tlds"].as_array().unwrap().iter().find(|t| t["tld"] == ".vn").unwrap().clone();
    assert_eq!(
        vn["periods"][1],
        json!({"period": "2", "register": "1230000.00", "transfer": "680000.00", "renew": "960000.00", "redemption": "3000000.00"})
    );
    let r = m.post("/api/domain/301/renew", json!({"years": "2", "pay_method": 1})).await.json();
    assert_eq!(r["total"], "960000.00");
    assert_eq!(r["items"]["type"], "Domain Renew");
    assert!(r["invoice_id"].is_string() && r["order_num"].is_number());
    m.post("/api/domain/301/renew", json!({"years": "4", "pay_method": 1}))
        .await
        .assert_error(StatusCode::OK, "period_invalid");
    m.post("/api/domain/301/renew", json!({"years": "1", "pay_method": 77}))
        .await
        .assert_error(StatusCode::OK, "pay_method_invalid");
    m.post("/api/domain/310/renew", json!({"years": "1", "pay_method": 1}))
        .await
        .assert_error(StatusCode::OK, "renewnotavailable");
    m.post("/api/domain/301/renew", json!({"years": "1"}))
        .await
        .assert_error(StatusCode::OK, "data_format_error");
    // USD account: prices in USD
    let ex = Session::login("api@example.com", "secret").await;
    let com = ex.get("/api/domain/order").await.json()["tlds"][0].clone();
    assert_eq!(com["periods"][0]["renew"], "13.96");
}

#[tokio::test]
async fn documents_list_download_view_and_upload() {
    let m = Session::demo().await;
    let docs = m.get("/api/domain/301/documents").await.json();
    let doc = &docs["documents"][0];
    assert_eq!(doc["status"], "Pending");
    assert_eq!(doc["token"], SIGN_TOKEN_VALID);
    let d = m.get("/api/domain/301/documents/9001/download").await;
    d.assert_pdf("attachment; filename=\"nguyenvanan.vn-ban-khai.pdf\"");
    m.get("/api/domain/301/documents/9001/View").await.assert_pdf("inline");
    // public, as documented; someone else's token does not open it
    m.public_get("/api/domain/301/documents/9001/View").await.assert_pdf("inline");
    let ex = Session::login("api@example.com", "secret").await;
    ex.get("/api/domain/301/documents/9001/download")
        .await
        .assert_error(StatusCode::OK, "document_not_found");
    assert_eq!(
        m.get("/api/domain/301/documents/9001/view").await.status,
        StatusCode::NOT_FOUND,
        "the V is capital"
    );

    let scan = d.body.to_vec();
    let up = m
        .post(
            "/api/domain/301/documents/9001/upload",
            json!({"filename": "ban-khai-da-ky.pdf", "content": b64(&scan)}),
        )
        .await;
    assert_eq!(up.json(), json!({"success": true, "info": ["document_uploaded"]}));
    let doc = m.get("/api/domain/301/documents").await.json()["documents"][0].clone();
    assert_eq!(doc["status"], "Uploaded");
    assert_eq!(doc["uploaded_file"], "ban-khai-da-ky.pdf");
    assert!(doc.get("token").is_none());
    let png = mock_api::pdf::png_from(4, 4, |_, _| true);
    m.post(
        "/api/domain/301/documents/9001/upload",
        json!({"filename": "scan.png", "content": b64(&png)}),
    )
    .await;
    m.post(
        "/api/domain/301/documents/9001/upload",
        json!({"filename": "scan.pdf", "content": b64(&png)}),
    )
    .await
    .assert_error(StatusCode::OK, "file_type_invalid");
    m.post(
        "/api/domain/301/documents/9001/upload",
        json!({"filename": "x.txt", "content": b64(b"hello")}),
    )
    .await
    .assert_error(StatusCode::OK, "file_type_invalid");
    m.post("/api/domain/301/documents/9001/upload", json!({"filename": "x.pdf", "content": "%%%"}))
        .await
        .assert_error(StatusCode::OK, "file_invalid");
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    m.post(
        "/api/domain/301/documents/9001/upload",
        json!({"filename": "big.pdf", "content": b64(&big)}),
    )
    .await
    .assert_error(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    big.truncate(10 * 1024 * 1024);
    let r = m
        .post(
            "/api/domain/301/documents/9001/upload",
            json!({"filename": "big.pdf", "content": b64(&big)}),
        )
        .await;
    // exactly 10 MiB: accepted (the body, 13.3 MiB of base64, is under the limit)
    assert_eq!(r.json(), json!({"success": true, "info": ["document_uploaded"]}));
    m.post(
        "/api/domain/301/documents/9999/upload",
        json!({"filename": "a.pdf", "content": b64(&scan)}),
    )
    .await
    .assert_error(StatusCode::OK, "document_not_found");
}

#[tokio::test]
async fn signing_by_token() {
    let m = Session::demo().await;
    m.public_get(&format!("/api/domain/documents/view/{SIGN_TOKEN_VALID}"))
        .await
        .assert_pdf("inline");
    m.public_get("/api/domain/documents/view/nope")
        .await
        .assert_error(StatusCode::OK, "document_token_invalid");
    m.public_get(&format!("/api/domain/documents/view/{SIGN_TOKEN_USED}"))
        .await
        .assert_error(StatusCode::OK, "document_already_signed");
    m.public_get(&format!("/api/domain/documents/view/{SIGN_TOKEN_EXPIRED}"))
        .await
        .assert_error(StatusCode::OK, "document_token_expired");
    m.public_get(&format!("/api/domain/documents/download/uploaded/{SIGN_TOKEN_VALID}"))
        .await
        .assert_error(StatusCode::OK, "document_not_signed");
    m.public_get(&format!("/api/domain/documents/download/uploaded/{SIGN_TOKEN_USED}"))
        .await
        .assert_pdf("attachment");

    let blank = mock_api::pdf::png_from(200, 60, |_, _| false);
    let data_url = |png: &[u8]| format!("data:image/png;base64,{}", b64(png));
    let sign = |image: String| json!({"token": SIGN_TOKEN_VALID, "image": image});
    let r = m.mock.post("/api/domain/documents/signed", sign(data_url(&blank)), None).await;
    r.assert_error(StatusCode::OK, "signature_empty");
    let r = m.mock.post("/api/domain/documents/signed", sign("not base64!".into()), None).await;
    r.assert_error(StatusCode::OK, "signature_invalid");
    let ink =
        mock_api::pdf::png_from(200, 60, |x, y| (y as i32 - 30).abs() < 3 && x > 10 && x < 190);
    let r = m.mock.post("/api/domain/documents/signed", sign(data_url(&ink)), None).await;
    assert_eq!(r.json(), json!({"success": true, "info": ["document_signed"]}));
    // used now
    let again = m.mock.post("/api/domain/documents/signed", sign(b64(&ink)), None).await;
    again.assert_error(StatusCode::OK, "document_already_signed");
    let signed =
        m.public_get(&format!("/api/domain/documents/download/uploaded/{SIGN_TOKEN_VALID}")).await;
    signed.assert_pdf("attachment; filename=\"nguyenvanan.vn-ban-khai-signed.pdf\"");
    assert!(String::from_utf8_lossy(&signed.body).contains("/ImageMask true"));
    assert_eq!(m.get("/api/domain/301/documents").await.json()["documents"][0]["status"], "Signed");
    let extra = json!({"token": SIGN_TOKEN_VALID, "image": b64(&ink), "name": "x"});
    m.mock
        .post("/api/domain/documents/signed", extra, None)
        .await
        .assert_error(StatusCode::OK, "data_format_error");
}
