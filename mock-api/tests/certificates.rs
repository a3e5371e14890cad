//! Section "SSL Certificates", the certificate services (catalog 77-79)
//! against fixtures/api/contract-ssl-affiliates.md: the reference's list
//! and detail fields (all strings but the contacts' `Phone`/`PreFix`), the
//! seeded states, real X.509 chains (parsed here as DER), refusals, other
//! accounts, and certificates ordered through the shop.

mod common;

use axum::http::StatusCode;
use base64::Engine;
use common::{assert_business_error, keys, mock, Session, CSR};
use mock_api::cert_data::ids;
use serde_json::{json, Value};

// ---------------------------------------------------------------- a small DER reader

/// One DER element: tag and contents.
#[derive(Clone, Copy, Debug)]
struct Tlv<'a> {
    tag: u8,
    body: &'a [u8],
}

/// Reads one element off the front of `b`; panics on malformed DER.
fn read(b: &[u8]) -> (Tlv<'_>, &[u8]) {
    let tag = b[0];
    let (len, head) = match b[1] {
        n if n < 0x80 => (n as usize, 2),
        n => {
            let count = (n & 0x7f) as usize;
            assert!((1..=3).contains(&count), "length of {count} bytes");
            let len = b[2..2 + count].iter().fold(0usize, |a, x| a << 8 | *x as usize);
            (len, 2 + count)
        }
    };
    assert!(b.len() >= head + len, "element overruns its buffer");
    (Tlv { tag, body: &b[head..head + len] }, &b[head + len..])
}

/// The elements inside a constructed element.
fn children<'a>(t: &Tlv<'a>) -> Vec<Tlv<'a>> {
    let mut out = Vec::new();
    let mut rest = t.body;
    while !rest.is_empty() {
        let (c, r) = read(rest);
        out.push(c);
        rest = r;
    }
    out
}

const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_O: &[u8] = &[0x55, 0x04, 0x0a];
const OID_SAN: &[u8] = &[0x55, 0x1d, 0x11];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// What the tests read from a certificate.
#[derive(Debug)]
struct X509 {
    issuer_cn: String,
    subject_cn: String,
    subject_o: Option<String>,
    not_after: String,
    sans: Vec<String>,
    key_oid: Vec<u8>,
}

fn attribute(name: &Tlv, oid: &[u8]) -> Option<String> {
    children(name).iter().flat_map(children).find_map(|atv| {
        let parts = children(&atv);
        (parts[0].tag == 0x06 && parts[0].body == oid)
            .then(|| String::from_utf8(parts[1].body.to_vec()).expect("UTF-8 name"))
    })
}

/// `YYMMDDHHMMSSZ` (UTCTime) → `YYYY-MM-DD HH:MM:SS`.
fn utc_time(t: &Tlv) -> String {
    assert_eq!(t.tag, 0x17, "UTCTime");
    let s = std::str::from_utf8(t.body).unwrap();
    assert!(s.len() == 13 && s.ends_with('Z'), "{s}");
    format!("20{}-{}-{} {}:{}:{}", &s[0..2], &s[2..4], &s[4..6], &s[6..8], &s[8..10], &s[10..12])
}

/// Parses a DER certificate (Certificate ::= SEQUENCE {tbsCertificate,
/// signatureAlgorithm, signatureValue}).
fn x509(der: &[u8]) -> X509 {
    let (cert, rest) = read(der);
    assert!(rest.is_empty() && cert.tag == 0x30, "one SEQUENCE");
    let top = children(&cert);
    assert_eq!(top.iter().map(|t| t.tag).collect::<Vec<_>>(), [0x30, 0x30, 0x03]);
    let tbs = children(&top[0]);
    // [0] version v3, serial, signature, issuer, validity, subject, spki, [3] extensions
    assert_eq!(tbs[0].tag, 0xa0);
    assert_eq!(children(&tbs[0])[0].body, [2], "X.509 v3");
    assert_eq!(tbs[1].tag, 0x02, "serial");
    let (issuer, validity, subject, spki) = (&tbs[3], children(&tbs[4]), &tbs[5], &tbs[6]);
    let key_oid = children(&children(spki)[0])[0].body.to_vec();
    let ext = tbs.iter().find(|t| t.tag == 0xa3).expect("extensions");
    let mut sans = Vec::new();
    for e in children(&children(ext)[0]) {
        let parts = children(&e);
        if parts[0].body == OID_SAN {
            let (names, _) = read(parts.last().unwrap().body);
            for n in children(&names) {
                assert_eq!(n.tag, 0x82, "dNSName");
                sans.push(String::from_utf8(n.body.to_vec()).unwrap());
            }
        }
    }
    X509 {
        issuer_cn: attribute(issuer, OID_CN).unwrap(),
        subject_cn: attribute(subject, OID_CN).unwrap(),
        subject_o: attribute(subject, OID_O),
        not_after: utc_time(&validity[1]),
        sans,
        key_oid,
    }
}

/// The DER blocks of a PEM text with their labels, checking the markers
/// and the base64.
fn pem_blocks(text: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    while let Some(begin) = lines.next() {
        let label = begin
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
            .unwrap_or_else(|| panic!("not a BEGIN line: {begin}"))
            .to_string();
        let mut b64 = String::new();
        for line in lines.by_ref() {
            if line == format!("-----END {label}-----") {
                break;
            }
            assert!(line.len() <= 64, "PEM lines are at most 64 characters");
            b64.push_str(line);
        }
        let der = base64::engine::general_purpose::STANDARD.decode(&b64).expect("base64");
        out.push((label, der));
    }
    out
}

// ---------------------------------------------------------------- list and details

const ROW_KEYS: [&str; 12] = [
    "id",
    "domain",
    "total",
    "status",
    "billingcycle",
    "next_due",
    "category",
    "category_url",
    "name",
    "cert_email",
    "cert_status",
    "cert_expires",
];

const DETAIL_KEYS: [&str; 18] = [
    "id",
    "date_created",
    "domain",
    "firstpayment",
    "total",
    "billingcycle",
    "next_due",
    "next_invoice",
    "status",
    "label",
    "name",
    "cert_status",
    "cert_expires",
    "csr",
    "contacts",
    "organization",
    "cert_email",
    "software",
];

const CONTACT_KEYS: [&str; 13] = [
    "FName",
    "LName",
    "City",
    "State",
    "PostalCode",
    "EmailAddress",
    "Country",
    "Address1",
    "Address2",
    "Phone",
    "OrgName",
    "PreFix",
    "JobTitle",
];

fn key_set(list: &[&str]) -> std::collections::BTreeSet<String> {
    list.iter().map(|k| k.to_string()).collect()
}

#[tokio::test]
async fn the_demo_list_has_every_state_as_strings() {
    let s = Session::demo().await;
    let v = s.ok("/api/certificate").await;
    assert_eq!(keys(&v), key_set(&["sslservices"]));
    let rows = v["sslservices"].as_array().unwrap();
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            assert_eq!(keys(r), key_set(&ROW_KEYS), "{r}");
            assert!(r.as_object().unwrap().values().all(Value::is_string), "all strings: {r}");
            let f = |k: &str| r[k].as_str().unwrap();
            (f("id"), f("domain"), f("status"), f("cert_expires"))
        })
        .collect();
    assert_eq!(
        got,
        [
            (ids::ACTIVE, "nguyenvanan.vn", "Active", "2027-09-30 23:59:59"),
            (ids::EXPIRING, "banhmi-saigon.com", "Active", "2026-12-16 23:59:59"),
            (ids::EXPIRED, "shop-an.com", "Expired", "2026-11-01 23:59:59"),
            (ids::IDN_OV, "xn--nhdng-wqa16kod.vn", "Active", "2027-06-15 23:59:59"),
            (ids::PENDING, "an-studio.id.vn", "Pending", ""),
            (ids::CANCELLED, "phokhoe.com.vn", "Cancelled", ""),
        ]
    );
    assert_eq!(
        rows[0],
        json!({"id": "801", "domain": "nguyenvanan.vn", "total": "350000.00", "status": "Active",
               "billingcycle": "Annually", "next_due": "2027-09-30", "category": "Chứng chỉ SSL",
               "category_url": "ssl", "name": "PositiveSSL DV", "cert_email": "admin@nguyenvanan.vn",
               "cert_status": "active", "cert_expires": "2027-09-30 23:59:59"})
    );
    // the bulk account has none
    let b = Session::bulk().await;
    assert_eq!(b.ok("/api/certificate").await, json!({"sslservices": []}));
}

#[tokio::test]
async fn details_have_the_reference_fields() {
    let s = Session::demo().await;
    for row in s.ok("/api/certificate").await["sslservices"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let v = s.ok(&format!("/api/certificate/{id}")).await;
        assert_eq!(keys(&v), key_set(&["service"]));
        let d = &v["service"];
        assert_eq!(keys(d), key_set(&DETAIL_KEYS), "{id}");
        for (k, val) in d.as_object().unwrap() {
            if !["contacts", "organization"].contains(&k.as_str()) {
                assert!(val.is_string(), "{id}.{k} is a string: {val}");
            }
        }
        for k in ROW_KEYS.iter().filter(|k| !k.starts_with("category")) {
            assert_eq!(d[k], row[k], "{id}.{k} as in the list");
        }
        // a real CSR
        let csr = pem_blocks(d["csr"].as_str().unwrap());
        assert_eq!(csr.len(), 1);
        assert_eq!(csr[0].0, "CERTIFICATE REQUEST");
        assert_eq!(read(&csr[0].1).0.tag, 0x30);
        // contacts: admin and tech objects (Phone and PreFix numbers), billing PHP's []
        let c = &d["contacts"];
        assert_eq!(keys(c), key_set(&["admin", "billing", "tech"]));
        assert_eq!(c["billing"], json!([]), "{id}");
        for role in ["admin", "tech"] {
            assert_eq!(keys(&c[role]), key_set(&CONTACT_KEYS), "{id} {role}");
            assert!(c[role]["Phone"].is_u64() && c[role]["PreFix"].is_u64(), "{}", c[role]);
        }
        assert_eq!(
            (c["admin"]["Phone"].clone(), c["admin"]["PreFix"].clone()),
            (json!(903123456), json!(84))
        );
        assert_eq!(c["tech"]["State"], "Tỉnh Bình Dương");
    }
    let ov = &s.ok("/api/certificate/804").await["service"];
    assert_eq!(ov["organization"]["name"], "Công ty TNHH Ánh Dương");
    assert_eq!(ov["software"], "4");
    let dv = &s.ok("/api/certificate/801").await["service"];
    assert_eq!(dv["organization"], json!([]), "no organisation: PHP's empty array");
    assert_eq!(
        (dv["label"].as_str(), dv["next_invoice"].as_str()),
        (Some("Website chính"), Some("2027-08-01"))
    );
}

#[tokio::test]
async fn the_example_account_has_the_reference_example() {
    let m = mock();
    let t = m.example().await;
    let list = m.get_ok("/api/certificate", &t).await;
    assert_eq!(
        list,
        json!({"sslservices": [{"id": "300", "domain": "examplename.com", "total": "27.85",
            "status": "Pending", "billingcycle": "Annually", "next_due": "2017-12-30",
            "category": "GoGetSSL", "category_url": "gogetssl", "name": "Comodo InstantSSL",
            "cert_email": "admin@example.com", "cert_status": "",
            "cert_expires": "2017-12-30 13:43:12"}]})
    );
    let mut d = m.get_ok("/api/certificate/300", &t).await;
    let csr = d["service"].as_object_mut().unwrap().remove("csr").unwrap();
    assert!(csr.as_str().unwrap().starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    let mary = json!({"FName": "Mary", "LName": "Sue", "City": "Santa Rosa", "State": "California",
        "PostalCode": "95401", "EmailAddress": "mary@example.com", "Country": "US",
        "Address1": "Pretty View Lane", "Address2": "3194", "Phone": 24123223, "OrgName": "n/a",
        "PreFix": 1, "JobTitle": "n/a"});
    assert_eq!(
        d,
        json!({"service": {"id": "300", "date_created": "2016-12-30", "domain": "examplename.com",
            "firstpayment": "27.85", "total": "27.85", "billingcycle": "Annually",
            "next_due": "2017-12-30", "next_invoice": "2017-10-31", "status": "Pending", "label": "",
            "name": "Comodo InstantSSL", "cert_status": "", "cert_expires": "2017-12-30 13:43:12",
            "contacts": {"admin": mary, "billing": mary, "tech": mary},
            "organization": {"state": "Texas", "country": "US", "name": "My Org name", "unit": "Dev",
                "locality": "SanAntonio", "postalcode": "n/a", "address2": "n/a", "address1": "n/a"},
            "cert_email": "admin@example.com", "software": "1"}})
    );
    assert_business_error(
        &m.get_ok("/api/certificate/300/crt", &t).await,
        &["certificate_not_issued"],
    );
}

// ---------------------------------------------------------------- crt

#[tokio::test]
async fn issued_certificates_download_a_real_chain() {
    let s = Session::demo().await;
    for (id, domain, rsa) in [
        (ids::ACTIVE, "nguyenvanan.vn", false),
        (ids::EXPIRING, "banhmi-saigon.com", true),
        (ids::EXPIRED, "shop-an.com", false),
        (ids::IDN_OV, "xn--nhdng-wqa16kod.vn", false),
    ] {
        let v = s.ok(&format!("/api/certificate/{id}/crt")).await;
        assert_eq!(keys(&v), key_set(&["crt"]));
        let pem = v["crt"].as_str().unwrap();
        let blocks = pem_blocks(pem);
        assert_eq!(blocks.len(), 2, "{id}: leaf then intermediate");
        assert!(blocks.iter().all(|(label, _)| label == "CERTIFICATE"));
        let (leaf, inter) = (x509(&blocks[0].1), x509(&blocks[1].1));
        assert_eq!(leaf.subject_cn, domain, "{id}");
        assert_eq!(leaf.issuer_cn, "BKNS Demo Intermediate CA");
        assert_eq!(inter.subject_cn, "BKNS Demo Intermediate CA");
        assert_eq!(inter.issuer_cn, "BKNS Demo CA");
        assert_eq!(leaf.sans, [domain.to_string(), format!("www.{domain}")]);
        assert_eq!(leaf.key_oid, if rsa { OID_RSA } else { OID_EC }, "{id}");
        let d = s.ok(&format!("/api/certificate/{id}")).await;
        assert_eq!(d["service"]["cert_expires"], leaf.not_after.as_str(), "{id}: notAfter");
        if id == ids::IDN_OV {
            assert_eq!(leaf.subject_o.as_deref(), Some("Công ty TNHH Ánh Dương"));
        }
    }
}

#[tokio::test]
async fn certificates_never_issued_are_refused() {
    let s = Session::demo().await;
    for id in [ids::PENDING, ids::CANCELLED] {
        let r = s.get(&format!("/api/certificate/{id}/crt")).await;
        r.assert_error(StatusCode::OK, "certificate_not_issued");
    }
}

#[tokio::test]
async fn unknown_and_other_accounts_certificates_are_not_found() {
    let m = mock();
    let demo = m.demo().await;
    let example = m.example().await;
    for (token, uri) in [
        (&demo, "/api/certificate/300"),
        (&demo, "/api/certificate/300/crt"),
        (&demo, "/api/certificate/999"),
        (&demo, "/api/certificate/abc/crt"),
        (&example, "/api/certificate/801"),
        (&example, "/api/certificate/801/crt"),
    ] {
        m.get(uri, Some(token)).await.assert_error(StatusCode::OK, "certificate_not_found");
    }
    // the order catalogue keeps its routes
    assert!(m.get_ok("/api/certificate/order", &demo).await["products"].is_array());
}

#[tokio::test]
async fn ordered_certificates_are_listed_as_pending() {
    let s = Session::demo().await;
    let order = json!({"product_id": 402, "csr": CSR, "years": 2, "pay_method": 1,
        "approver_email": "admin@anshop.vn", "software": 3, "tech": 50,
        "organization": {"name": "Công ty TNHH An Shop", "country": "VN", "state": "Tỉnh Bình Dương"}});
    let r = s.post("/api/certificate/order", order).await.ok_json();
    let id = r["items"]["id"].as_str().unwrap().to_owned();
    let rows = s.ok("/api/certificate").await["sslservices"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 7);
    let row = rows.last().unwrap();
    assert_eq!(keys(row), key_set(&ROW_KEYS));
    assert_eq!(
        (row["id"].as_str(), row["domain"].as_str(), row["status"].as_str(), row["name"].as_str()),
        (Some(id.as_str()), Some("anshop.vn"), Some("Pending"), Some("Sectigo OV SSL"))
    );
    assert_eq!(
        (row["total"].as_str(), row["billingcycle"].as_str(), row["cert_expires"].as_str()),
        (Some("3500000.00"), Some("Biennially"), Some(""))
    );
    let d = &s.ok(&format!("/api/certificate/{id}")).await["service"];
    assert_eq!(keys(d), key_set(&DETAIL_KEYS));
    assert_eq!(d["csr"].as_str().unwrap().trim(), CSR.trim());
    assert_eq!(
        (d["cert_email"].as_str(), d["software"].as_str()),
        (Some("admin@anshop.vn"), Some("3"))
    );
    assert_eq!(d["contacts"]["admin"]["EmailAddress"], "demo@bkns.vn", "the account holder");
    assert_eq!(d["contacts"]["tech"]["EmailAddress"], "binh.tran@bkns.vn", "contact 50");
    assert_eq!(d["contacts"]["billing"], json!([]));
    assert_eq!(
        d["organization"],
        json!({"name": "Công ty TNHH An Shop", "country": "VN", "state": "Tỉnh Bình Dương"})
    );
    s.get(&format!("/api/certificate/{id}/crt"))
        .await
        .assert_error(StatusCode::OK, "certificate_not_issued");
}
