//! Section "DNS" (catalog endpoints 121-127) and the standard zone listing,
//! against fixtures/api/contract-dns.md: the reference's quirks, the
//! `dns_listing` switch, every refusal, the bulk zone, and isolation.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{assert_business_error, keys, Session};
use serde_json::{json, Value};

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

const DNS: &str = include_str!("../../fixtures/api/dns.json");
const ZONE_POST: &str = include_str!("../../fixtures/api/dns_zone_post.json");
const ZONE_POST_REQUEST: &str = include_str!("../../fixtures/api/dns_zone_post.request.json");
const ZONE_DELETE: &str = include_str!("../../fixtures/api/dns_zone_delete.json");
const SERVICE_LIST: &str = include_str!("../../fixtures/api/dns_service_list.json");
const RECORD_POST: &str = include_str!("../../fixtures/api/dns_record_post.json");
const RECORD_POST_A: &str = include_str!("../../fixtures/api/dns_record_post.request.json");
const RECORD_POST_SRV: &str = include_str!("../../fixtures/api/dns_record_post_srv.request.json");
const RECORD_PUT: &str = include_str!("../../fixtures/api/dns_record_put.json");
const RECORD_DELETE: &str = include_str!("../../fixtures/api/dns_record_delete.contract.json");
const DETAILS_STANDARD: &str = include_str!("../../fixtures/api/dns_zone_details.json");
const DETAILS_SMALL: &str = include_str!("../../fixtures/api/dns_zone_details.contract.json");
const DETAILS_EVERY_TYPE: &str =
    include_str!("../../fixtures/api/dns_zone_details_every_type.contract.json");

impl Session {
    /// The records of a zone, from the standard listing.
    async fn records(&self, service: &str, zone: &str) -> Vec<Value> {
        let v = self.ok(&format!("/api/service/{service}/dns/{zone}")).await;
        v["records"].as_array().unwrap_or_else(|| panic!("no records: {v}")).clone()
    }

    /// Creates a zone and returns its id, read back from `GET /dns`.
    async fn new_zone(&self, service: &str, name: &str) -> String {
        let v = self.post(&format!("/api/service/{service}/dns"), json!({ "name": name })).await;
        let created = format!("Domain zone {name} was created successfully.");
        assert_eq!(v.ok_json(), json!({ "info": [created] }));
        let list = self.ok("/api/dns").await;
        let zone = list["zones"].as_array().unwrap().iter().find(|z| z["name"] == name).unwrap();
        assert_eq!(zone["service_id"], service);
        zone["domain_id"].as_str().unwrap().to_string()
    }
}

// ---------------------------------------------------------------- GET /dns

#[tokio::test]
async fn list_has_the_reference_shape_and_the_seed() {
    let s = Session::demo().await;
    let v = s.ok("/api/dns").await;
    assert_eq!(keys(&v), keys(&fixture(DNS)));
    assert_eq!(keys(&v["zones"][0]), keys(&fixture(DNS)["zones"][0]));
    assert_eq!(
        v,
        json!({
            "service_ids": ["301", "302"],
            "zones": [
                {"domain_id": "7001", "name": "bkns-demo.vn", "service_id": "301"},
                {"domain_id": "7002", "name": "banhmi-saigon.com", "service_id": "302"},
            ]
        })
    );
}

#[tokio::test]
async fn each_account_sees_only_its_own() {
    let example = Session::login("api@example.com", "secret").await;
    assert_eq!(example.ok("/api/dns").await, json!({"service_ids": [], "zones": []}));
    let b = Session::bulk().await;
    assert_eq!(
        b.ok("/api/dns").await,
        json!({"service_ids": ["10001"],
               "zones": [{"domain_id": "7003", "name": "binhminh-dns.vn", "service_id": "10001"}]})
    );
    // Another account's service, zone and records, by every route.
    let s = Session::demo().await;
    let foreign = [
        (Method::GET, "/api/service/10001/dns/7003", None),
        (Method::DELETE, "/api/service/10001/dns/7003", None),
        (Method::POST, "/api/service/10001/dns", Some(json!({"name": "x-demo.vn"}))),
        (Method::POST, "/api/service/10001/dns/7003/records", Some(json!({"type": "A"}))),
        (Method::PUT, "/api/service/10001/dns/7003/records/90029", Some(json!({"type": "A"}))),
        (Method::DELETE, "/api/service/10001/dns/7003/records/90029", None),
    ];
    for (method, uri, body) in foreign {
        let r = s.mock.send(method, uri, body, Some(&s.token)).await;
        r.assert_error(StatusCode::OK, "service_not_found");
    }
    // Another account's zone id under one's own service.
    s.get("/api/service/301/dns/7003").await.assert_error(StatusCode::OK, "zone_not_found");
    s.delete("/api/service/301/dns/7003").await.assert_error(StatusCode::OK, "zone_not_found");
    s.delete("/api/service/301/dns/7003/records/90029")
        .await
        .assert_error(StatusCode::OK, "zone_not_found");
    // Nothing changed for the owner (same server).
    let owner = s.mock.login("bulk@bkns.vn", "Bulk@2026").await;
    let v = s.mock.get_ok("/api/service/10001/dns/7003", &owner).await;
    assert_eq!(v["records"].as_array().unwrap().len(), 2_000);
    example
        .get("/api/service/301/dns/7001")
        .await
        .assert_error(StatusCode::OK, "service_not_found");
}

// ---------------------------------------------------------------- zones

#[tokio::test]
async fn list_for_service_answers_invalid_method_as_documented() {
    let s = Session::demo().await;
    for service in ["301", "302", "303", "999"] {
        let r = s.get(&format!("/api/service/{service}/dns")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json(), fixture(SERVICE_LIST));
    }
}

#[tokio::test]
async fn create_and_delete_a_zone() {
    let s = Session::demo().await;
    // The reference's body and answer: no id.
    let r = s.post("/api/service/302/dns", fixture(ZONE_POST_REQUEST)).await;
    assert_eq!(r.ok_json(), fixture(ZONE_POST));
    let list = s.ok("/api/dns").await;
    assert_eq!(
        list["zones"][2],
        json!({"domain_id": "7004", "name": "testzone.com", "service_id": "302"})
    );
    // A new zone has its SOA and the provider's name servers.
    let records = s.records("302", "7004").await;
    let types: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["type"].as_str().unwrap(), r["content"].as_str().unwrap()))
        .collect();
    assert_eq!(types[1..], [("NS", "ns1.bkns.vn"), ("NS", "ns2.bkns.vn")]);
    assert_eq!(types[0].0, "SOA");
    // Upper case and a trailing dot are normalised.
    assert_eq!(s.new_zone("301", "xn--tnmin-tva.vn").await, "7005");
    let r = s.post("/api/service/301/dns", json!({"name": " Shop-An.COM. "})).await;
    assert_eq!(r.ok_json(), json!({"info": ["Domain zone shop-an.com was created successfully."]}));

    // Deleting: the reference's answer, then the zone is gone.
    let r = s.delete("/api/service/302/dns/7004").await;
    assert_eq!(r.ok_json(), fixture(ZONE_DELETE));
    let list = s.ok("/api/dns").await;
    assert!(list["zones"].as_array().unwrap().iter().all(|z| z["domain_id"] != "7004"), "{list}");
    s.get("/api/service/302/dns/7004").await.assert_error(StatusCode::OK, "zone_not_found");
    s.delete("/api/service/302/dns/7004").await.assert_error(StatusCode::OK, "zone_not_found");
    // The zone under another of the caller's services is not found.
    s.delete("/api/service/302/dns/7001").await.assert_error(StatusCode::OK, "zone_not_found");
    // A deleted name can be created again.
    assert_eq!(s.new_zone("302", "testzone.com").await, "7007");
}

#[tokio::test]
async fn zone_refusals() {
    let s = Session::demo().await;
    let cases = [
        ("301", json!({"name": "tênmiền.vn"}), "zone_name_invalid"),
        ("301", json!({"name": "has space.vn"}), "zone_name_invalid"),
        ("301", json!({"name": "localhost"}), "zone_name_invalid"),
        ("301", json!({"name": ""}), "zone_name_invalid"),
        ("301", json!({}), "zone_name_invalid"),
        ("301", json!({"name": "BKNS-demo.vn"}), "zone_exists"),
        // Zone names are unique on the server, whoever holds them.
        ("301", json!({"name": "binhminh-dns.vn"}), "zone_exists"),
        ("303", json!({"name": "new-zone.vn"}), "dns_not_supported"),
        ("999", json!({"name": "new-zone.vn"}), "service_not_found"),
    ];
    for (service, body, word) in cases {
        let r = s.post(&format!("/api/service/{service}/dns"), body.clone()).await;
        assert_eq!(r.ok_json(), json!({ "error": [word] }), "{service} {body}");
    }
    assert_eq!(s.ok("/api/dns").await["zones"].as_array().unwrap().len(), 2);
    s.get("/api/service/303/dns/7001").await.assert_error(StatusCode::OK, "dns_not_supported");
    s.get("/api/service/301/dns/abc").await.assert_error(StatusCode::OK, "zone_not_found");
}

// ---------------------------------------------------------------- the standard listing

#[tokio::test]
async fn listing_has_hostbill_standard_shape() {
    let s = Session::demo().await;
    let small = s.ok("/api/service/302/dns/7002").await;
    assert_eq!(small, fixture(DETAILS_SMALL));
    let every = s.ok("/api/service/301/dns/7001").await;
    assert_eq!(every, fixture(DETAILS_EVERY_TYPE));
    // The same keys and value types as HostBill's example.
    let standard = fixture(DETAILS_STANDARD);
    assert_eq!(keys(&every), keys(&standard));
    assert!(every["service_id"].is_number());
    for r in every["records"].as_array().unwrap() {
        assert_eq!(keys(r), keys(&standard["records"][0]), "{r}");
        assert!(r["id"].is_string() && r["ttl"].is_number() && r["priority"].is_number(), "{r}");
    }
    let types: BTreeSet<&str> =
        every["records"].as_array().unwrap().iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT"].into_iter().collect()
    );
}

#[tokio::test]
async fn the_listing_can_be_switched_off() {
    let s = Session::demo().await;
    s.mock.config(json!({"dns_listing": false})).await;
    s.get("/api/service/301/dns/7001").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    // Everything else still works, and the record is there once it is back on.
    let body = json!({"name": "new", "ttl": 300, "type": "A", "content": "1.2.3.4"});
    let added = s.post("/api/service/301/dns/7001/records", body).await.ok_json();
    assert_eq!(added["info"], json!(["dnsnewrecordadded", "A"]));
    assert_eq!(s.ok("/api/dns").await["zones"].as_array().unwrap().len(), 2);
    s.mock.config(json!({"dns_listing": true})).await;
    let records = s.records("301", "7001").await;
    assert!(records.iter().any(|r| r["name"] == "new" && r["content"] == "1.2.3.4"));
    // A reset restores the start-up setting.
    s.mock.config(json!({"dns_listing": false})).await;
    s.mock.post("/__mock/reset", json!(null), None).await;
    let token = s.mock.demo().await;
    assert_eq!(s.mock.get("/api/service/301/dns/7001", Some(&token)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_bulk_zone_has_two_thousand_records() {
    let b = Session::bulk().await;
    let records = b.records("10001", "7003").await;
    assert_eq!(records.len(), 2_000);
    let ids: BTreeSet<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2_000);
    let types: BTreeSet<&str> = records.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(types.len(), 9, "{types:?}");
    let ttls: BTreeSet<u64> = records.iter().map(|r| r["ttl"].as_u64().unwrap()).collect();
    assert!(ttls.len() >= 4, "{ttls:?}");
    let body = json!({"name": "extra", "type": "A", "content": "10.9.9.9", "ttl": 600});
    b.post("/api/service/10001/dns/7003/records", body).await.ok_json();
    assert_eq!(b.records("10001", "7003").await.len(), 2_001);
}

// ---------------------------------------------------------------- records

#[tokio::test]
async fn add_record_answers_without_id_as_the_reference() {
    let s = Session::demo().await;
    let zone = s.new_zone("301", "example.com").await;
    let uri = format!("/api/service/301/dns/{zone}/records");
    // The reference's SRV body gets the reference's answer, to the letter.
    let r = s.post(&uri, fixture(RECORD_POST_SRV)).await.ok_json();
    assert_eq!(r, fixture(RECORD_POST));
    // The reference's A body: ttl and priority strings, priority 0 for A.
    let r = s.post(&uri, fixture(RECORD_POST_A)).await.ok_json();
    assert_eq!(
        r,
        json!({"record": {"name": "example.com", "type": "A", "ttl": "3600", "priority": "0",
                          "content": "192.168.1.2"},
               "info": ["dnsnewrecordadded", "A"]})
    );
    assert!(r["record"].get("id").is_none());
    // The listing gives them ids, relative names and canonical contents.
    let records = s.records("301", &zone).await;
    let last: Vec<Value> = records[3..]
        .iter()
        .map(|r| json!([r["name"], r["type"], r["ttl"], r["priority"], r["content"]]))
        .collect();
    assert_eq!(
        last,
        [
            json!(["_sip._tcp", "SRV", 3600, 10, "10 5060 vc01.example.com"]),
            json!(["@", "A", 3600, 0, "192.168.1.2"]),
        ]
    );
    assert!(records[3]["id"].is_string() && records[3]["id"] != records[4]["id"]);
}

#[tokio::test]
async fn srv_content_as_array_string_or_form_fields() {
    let s = Session::demo().await;
    let uri = "/api/service/301/dns/7001/records";
    let body = |name: &str, content: Value| json!({"name": name, "ttl": 3600, "priority": 5, "type": "srv", "content": content});
    let r = s.post(uri, body("_a._tcp", json!(["1", "80", "web.bkns-demo.vn."]))).await.ok_json();
    assert_eq!(r["record"]["content"], json!(["1", "80", "web.bkns-demo.vn."]));
    assert_eq!(r["record"]["type"], "SRV");
    s.post(uri, body("_b._tcp", json!("2 443 web.bkns-demo.vn"))).await.ok_json();
    // A form-encoded body: content[]=...
    let req = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {}", s.token))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "name=_c._udp&ttl=600&priority=0&type=SRV&content[]=3&content[]=53&content[]=ns.bkns.vn",
        ))
        .unwrap();
    s.mock.request(req).await.ok_json();
    let records = s.records("301", "7001").await;
    let srv: Vec<(&str, &str)> = records
        .iter()
        .filter(|r| r["type"] == "SRV")
        .map(|r| (r["name"].as_str().unwrap(), r["content"].as_str().unwrap()))
        .collect();
    assert_eq!(
        srv[2..],
        [
            ("_a._tcp", "1 80 web.bkns-demo.vn"),
            ("_b._tcp", "2 443 web.bkns-demo.vn"),
            ("_c._udp", "3 53 ns.bkns.vn")
        ]
    );
}

#[tokio::test]
async fn edit_and_delete_a_record() {
    let s = Session::demo().await;
    let zone = s.new_zone("302", "example.com").await;
    let uri = format!("/api/service/302/dns/{zone}/records");
    s.post(&uri, json!({"name": "test", "type": "A", "content": "10.0.0.1"})).await.ok_json();
    let id = s.records("302", &zone).await[3]["id"].as_str().unwrap().to_string();
    // The reference's edit body: the answer has the reference's keys, id.
    let r = s.put(&format!("{uri}/{id}"), fixture(RECORD_POST_A)).await.ok_json();
    let reference = fixture(RECORD_PUT);
    assert_eq!(keys(&r), keys(&reference));
    assert_eq!(keys(&r["record"]), keys(&reference["record"]));
    assert_eq!(
        r,
        json!({"record": {"id": id, "type": "A", "ttl": "3600", "name": "@", "priority": 0,
                          "content": "192.168.1.2"},
               "info": ["The record was updated successfully."]})
    );
    // Changing the type; SRV sent as an array comes back canonical.
    let srv = json!({"name": "_sip._tcp", "ttl": 600, "priority": 1, "type": "SRV",
                     "content": [5, 5061, "sip.example.com"]});
    let r = s.put(&format!("{uri}/{id}"), srv).await.ok_json();
    assert_eq!(r["record"]["content"], "5 5061 sip.example.com");
    assert_eq!(
        (r["record"]["ttl"].clone(), r["record"]["priority"].clone()),
        (json!("600"), json!(1))
    );
    let listed = s.records("302", &zone).await;
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3]["id"], id.as_str());
    assert_eq!(listed[3]["name"], "_sip._tcp");
    // Delete, then it is gone.
    let r = s.delete(&format!("{uri}/{id}")).await.ok_json();
    assert_eq!(r, fixture(RECORD_DELETE));
    assert_eq!(s.records("302", &zone).await.len(), 3);
    s.delete(&format!("{uri}/{id}")).await.assert_error(StatusCode::OK, "record_not_found");
    let r = s.put(&format!("{uri}/{id}"), fixture(RECORD_POST_A)).await;
    r.assert_error(StatusCode::OK, "record_not_found");
}

#[tokio::test]
async fn soa_is_read_only() {
    let s = Session::demo().await;
    let soa = "/api/service/301/dns/7001/records/90001";
    s.delete(soa).await.assert_error(StatusCode::OK, "record_readonly");
    let body = json!({"name": "@", "type": "A", "content": "1.2.3.4"});
    s.put(soa, body).await.assert_error(StatusCode::OK, "record_readonly");
    let body = json!({"name": "@", "type": "SOA", "content": "ns1.bkns.vn. x. 1 2 3 4 5"});
    let r = s.post("/api/service/301/dns/7001/records", body).await.ok_json();
    assert_business_error(&r, &["record_type_invalid"]);
}

#[tokio::test]
async fn every_refusal() {
    let s = Session::demo().await;
    let long = "x".repeat(256);
    let r = |name: &str, rtype: &str, priority: Value, content: Value| json!({"name": name, "ttl": 3600, "priority": priority, "type": rtype, "content": content});
    let cases = [
        (r("x", "PTR", json!(0), json!("a.example.com")), "record_type_invalid"),
        (json!({"name": "x", "content": "1.2.3.4"}), "record_type_invalid"),
        (r("tên", "A", json!(0), json!("1.2.3.4")), "record_name_invalid"),
        (r("www.other.vn.", "A", json!(0), json!("1.2.3.4")), "record_name_invalid"),
        (json!({"type": "A", "content": "1.2.3.4"}), "record_name_invalid"),
        (json!({"name": "x", "type": "A", "ttl": 59, "content": "1.2.3.4"}), "record_ttl_invalid"),
        (
            json!({"name": "x", "type": "A", "ttl": 86401, "content": "1.2.3.4"}),
            "record_ttl_invalid",
        ),
        (r("x", "MX", json!(65536), json!("mail.bkns-demo.vn")), "record_priority_invalid"),
        (r("x", "MX", json!("high"), json!("mail.bkns-demo.vn")), "record_priority_invalid"),
        (r("x", "SRV", json!(-1), json!([1, 1, "a.bkns-demo.vn"])), "record_priority_invalid"),
        (r("x", "A", json!(0), json!("256.1.1.1")), "record_ipv4_invalid"),
        (r("x", "A", json!(0), json!("2001:db8::1")), "record_ipv4_invalid"),
        (r("x", "AAAA", json!(0), json!("2001:db8::g")), "record_ipv6_invalid"),
        (r("x", "CNAME", json!(0), json!("not a host")), "record_host_invalid"),
        (r("x", "MX", json!(10), json!("1.2.3.4")), "record_host_invalid"),
        (r("x", "NS", json!(0), json!("ns1")), "record_host_invalid"),
        (r("x", "SRV", json!(0), json!([1, 1, "-bad-.vn"])), "record_host_invalid"),
        (r("x", "TXT", json!(0), json!("")), "record_txt_invalid"),
        (r("x", "TXT", json!(0), json!("\"unclosed")), "record_txt_invalid"),
        (r("x", "TXT", json!(0), json!(long)), "record_txt_too_long"),
        (r("x", "SRV", json!(0), json!([1, "a.bkns-demo.vn"])), "record_srv_invalid"),
        (r("x", "SRV", json!(0), json!([65536, 1, "a.bkns-demo.vn"])), "record_weight_invalid"),
        (r("x", "SRV", json!(0), json!([1, 65536, "a.bkns-demo.vn"])), "record_port_invalid"),
        (r("x", "CAA", json!(0), json!("0 policy \"x\"")), "record_caa_invalid"),
        (r("www", "A", json!(0), json!("103.28.36.10")), "record_duplicate"),
        (r("@", "MX", json!(10), json!("MAIL.bkns-demo.vn.")), "record_duplicate"),
        (r("www", "CNAME", json!(0), json!("x.example.com")), "record_cname_conflict"),
        (r("ftp", "A", json!(0), json!("1.2.3.4")), "record_cname_conflict"),
    ];
    let before = s.records("301", "7001").await;
    for (body, word) in cases {
        let v = s.post("/api/service/301/dns/7001/records", body.clone()).await.ok_json();
        assert_eq!(v, json!({ "error": [word] }), "{body}");
    }
    assert_eq!(s.records("301", "7001").await, before);
    // Editing is checked the same way, the record itself left out.
    let www = "/api/service/301/dns/7001/records/90005";
    let same = r("www", "A", json!(0), json!("103.28.36.10"));
    s.put(www, same).await.ok_json();
    let clash = r("www", "AAAA", json!(0), json!("2401:5f80:2000::10"));
    s.put(www, clash).await.assert_error(StatusCode::OK, "record_duplicate");
    let cname = r("www", "CNAME", json!(0), json!("x.example.com"));
    s.put(www, cname).await.assert_error(StatusCode::OK, "record_cname_conflict");
    // Unknown zone and record ids.
    let body = r("x", "A", json!(0), json!("1.2.3.4"));
    let r = s.post("/api/service/301/dns/7999/records", body.clone()).await;
    r.assert_error(StatusCode::OK, "zone_not_found");
    s.put("/api/service/301/dns/7001/records/1", body)
        .await
        .assert_error(StatusCode::OK, "record_not_found");
    let r = s.post("/api/service/303/dns/7001/records", json!({})).await;
    r.assert_error(StatusCode::OK, "dns_not_supported");
}
