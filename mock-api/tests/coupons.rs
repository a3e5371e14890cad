//! `POST /domain/coupons/bkns_coupons` (catalog 135) against
//! fixtures/api/contract-ssl-affiliates.md: a client's own coupons for one
//! cart item, filtered by client, type and product; and the same codes
//! taken as `promocode` by `POST /quote` and `POST /order`.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{assert_business_error, mock, Mock};
use mock_api::shop::date_in;
use serde_json::{json, Value};

const URI: &str = "/api/domain/coupons/bkns_coupons";

async fn offered(m: &Mock, body: Value) -> Value {
    m.post(URI, body, None).await.ok_json()
}

fn codes(v: &Value) -> Vec<String> {
    v["coupons"]
        .as_array()
        .unwrap_or_else(|| panic!("no coupons list: {v}"))
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

fn ask(client: Value, kind: &str, id: Value, name: &str) -> Value {
    json!({"clientdata_coupons": client, "sap_coupons": name, "id_products_coupons": id, "type": kind})
}

#[tokio::test]
async fn the_demo_account_gets_its_coupons_for_the_right_items() {
    let m = mock();
    // the doc types the client id as int, its example sends a string: both work
    for client in [json!("1042"), json!(1042)] {
        let v = offered(&m, ask(client, "domain", json!("11"), ".vn")).await;
        assert_eq!(
            v,
            json!({"coupons": [{"code": "BKNS-VN15", "type": "percent", "value": "15",
                "description": "Giảm 15% khi đăng ký, chuyển về hoặc gia hạn tên miền .vn",
                "expires": date_in(90)}]})
        );
    }
    let demo = || json!("1042");
    // a domain: by TLD id, else by the name's TLD
    for (id, name, want) in [
        (json!(11), "anshop-moi.vn", vec!["BKNS-VN15"]),
        (json!("0"), "anshop-moi.vn", vec!["BKNS-VN15"]),
        (json!("x"), "vn", vec!["BKNS-VN15"]),
        (json!("12"), "anshop.com.vn", vec![]),
        (json!("0"), "anshop.com.vn", vec![]),
        (json!("6"), ".com", vec![]),
    ] {
        assert_eq!(
            codes(&offered(&m, ask(demo(), "DOMAIN", id.clone(), name)).await),
            want,
            "{id} {name}"
        );
    }
    // a product: only Cloud Hosting Doanh nghiệp (102)
    let v = offered(&m, ask(demo(), "product", json!("102"), "Cloud Hosting Doanh nghiệp")).await;
    assert_eq!(
        v["coupons"],
        json!([{"code": "BKNS-HOST50K", "type": "fixed", "value": "50000.00",
            "description": "Giảm 50.000 ₫ cho gói Cloud Hosting Doanh nghiệp", "expires": date_in(60)}])
    );
    let by_name = ask(demo(), "product", json!("0"), "cloud hosting doanh nghiệp");
    assert_eq!(codes(&offered(&m, by_name).await), ["BKNS-HOST50K"]);
    for id in ["101", "201", "202"] {
        assert_eq!(
            offered(&m, ask(demo(), "product", json!(id), "x")).await,
            json!({"coupons": []})
        );
    }
    // certificates: none
    let v = offered(&m, ask(demo(), "certificate", json!("401"), "PositiveSSL DV")).await;
    assert_eq!(v, json!({"coupons": []}));
}

#[tokio::test]
async fn other_clients_get_nothing() {
    let m = mock();
    for client in ["26", "2077", "9999", "abc"] {
        for (kind, id, name) in
            [("domain", "11", ".vn"), ("product", "102", "Cloud Hosting Doanh nghiệp")]
        {
            let v = offered(&m, ask(json!(client), kind, json!(id), name)).await;
            assert_eq!(v, json!({"coupons": []}), "client {client} {kind}");
        }
    }
}

#[tokio::test]
async fn bad_bodies_are_refused() {
    let m = mock();
    let full = ask(json!("1042"), "domain", json!("11"), ".vn");
    for field in ["clientdata_coupons", "sap_coupons", "id_products_coupons", "type"] {
        let mut body = full.clone();
        body.as_object_mut().unwrap().remove(field);
        m.post(URI, body, None).await.assert_error(StatusCode::OK, "missing_fields");
        let mut body = full.clone();
        body[field] = json!("  ");
        m.post(URI, body, None).await.assert_error(StatusCode::OK, "missing_fields");
    }
    m.post(URI, json!(null), None).await.assert_error(StatusCode::OK, "missing_fields");
    let bad = ask(json!("1042"), "idValue", json!("11"), ".vn");
    m.post(URI, bad, None).await.assert_error(StatusCode::OK, "invalid_type");
    // form-encoded works too; GET is not a route
    let form = "clientdata_coupons=1042&sap_coupons=.vn&id_products_coupons=11&type=domain";
    let r = m
        .request(
            Request::post(URI)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(codes(&r.ok_json()), ["BKNS-VN15"]);
    m.get(URI, None).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
}

fn vn_domain(name: &str) -> Value {
    json!({"type": "domain", "tld_id": 11, "name": name, "action": "register", "years": 1,
           "data": {"5101": {"51011": 1}, "5102": {"51021": "079090001234"}}})
}

fn hosting_102(domain: &str) -> Value {
    json!({"type": "product", "product_id": 102, "cycle": "a", "domain": domain})
}

fn summary(q: &Value) -> (Value, Value, Value, Value) {
    let s = &q["summary"];
    (s["subtotal"].clone(), s["discount"].clone(), s["tax"][0]["tax"].clone(), s["total"].clone())
}

#[tokio::test]
async fn the_offered_codes_discount_quotes_and_orders() {
    let m = mock();
    let t = m.demo().await;
    // .vn register 750,000: 15 % = 112,500 off
    let mut item = vn_domain("coupon-moi.vn");
    item["promocode"] = json!("bkns-vn15");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(q["items"][0]["valid"], true, "{}", q["items"][0]);
    assert_eq!(summary(&q), (json!(750000), json!(112500), json!(63750), json!(701250)));
    assert_eq!(q["items"][0]["coupon"], json!({"code": "BKNS-VN15", "discount": 112500}));

    // hosting 102 yearly 1,590,000: 50,000 off (the body's code)
    let q = m
        .post_ok(
            "/api/quote",
            json!({"promocode": "BKNS-HOST50K", "items": [hosting_102("coupon-moi.vn")]}),
            &t,
        )
        .await;
    assert_eq!(summary(&q), (json!(1590000), json!(50000), json!(154000), json!(1694000)));

    // one body code, two items: only the item it covers is discounted, no error
    let body = json!({"promocode": "BKNS-VN15", "pay_method": 1,
                      "items": [hosting_102("coupon-moi.vn"), vn_domain("coupon-moi.vn")]});
    let q = m.post_ok("/api/quote", body.clone(), &t).await;
    assert!(q["items"][0]["valid"] == true && q["items"][1]["valid"] == true, "{q}");
    assert_eq!(q["items"][0]["coupon"], json!({}));
    assert_eq!(summary(&q), (json!(2340000), json!(112500), json!(222750), json!(2450250)));

    // the order's invoice carries the discount line
    let r = m.post_ok("/api/order", body, &t).await;
    assert_eq!(r["total"], "2450250.00", "{r}");
    let inv = m.get_ok(&format!("/api/invoice/{}", r["invoice_id"].as_str().unwrap()), &t).await;
    let lines: Vec<(String, String)> = inv["invoice"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["description"].as_str().unwrap().to_owned(),
                l["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        lines.contains(&("Mã khuyến mãi BKNS-VN15".to_owned(), "-112500.00".to_owned())),
        "{lines:?}"
    );
}

#[tokio::test]
async fn codes_are_the_owners_and_for_their_items_only() {
    let m = mock();
    let t = m.demo().await;
    let quote_error = |q: &Value| (q["items"][0]["valid"].clone(), q["items"][0]["error"].clone());
    // named on an item it does not cover
    let mut item = hosting_102("coupon-moi.vn");
    item["promocode"] = json!("BKNS-VN15");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(quote_error(&q), (json!(false), json!(["promocode_not_applicable"])));
    let mut item = vn_domain("coupon-moi.vn");
    item["promocode"] = json!("BKNS-HOST50K");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(quote_error(&q), (json!(false), json!(["promocode_not_applicable"])));
    let mut item = vn_domain("coupon-moi.vn");
    item["promocode"] = json!("NOPE");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(quote_error(&q), (json!(false), json!(["invalid_promocode"])));
    // .com.vn is not .vn
    let mut item = vn_domain("coupon-moi.com.vn");
    item["tld_id"] = json!(12);
    item["promocode"] = json!("BKNS-VN15");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(quote_error(&q), (json!(false), json!(["promocode_not_applicable"])));

    // another account: the demo's coupons do not exist
    let bulk = m.login("bulk@bkns.vn", "Bulk@2026").await;
    let mut item = vn_domain("coupon-moi.vn");
    item["promocode"] = json!("BKNS-VN15");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &bulk).await;
    assert_eq!(quote_error(&q), (json!(false), json!(["invalid_promocode"])));
    let r = m
        .post_ok("/api/order", json!({"promocode": "BKNS-HOST50K", "pay_method": 1, "items": [hosting_102("coupon-moi.vn")]}), &bulk)
        .await;
    assert_business_error(&r, &["invalid_promocode"]);
}
