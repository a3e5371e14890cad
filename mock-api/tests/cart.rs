//! The Cart section: catalogue, product configuration, quote engine, orders
//! (with invoices and pending services/domains), domain and certificate
//! catalogues, whois and contacts.

mod common;

use common::{assert_business_error, mock, CSR};
use serde_json::{json, Value};

fn hosting(cycle: &str, domain: &str) -> Value {
    json!({"type": "product", "product_id": 101, "cycle": cycle, "domain": domain,
           "custom": {"1101": {"11011": 1}, "1103": {"11031": 1}}})
}

fn summary(q: &Value) -> (Value, Value, Value, Value) {
    let s = &q["summary"];
    (s["subtotal"].clone(), s["discount"].clone(), s["tax"][0]["tax"].clone(), s["total"].clone())
}

#[tokio::test]
async fn categories_and_their_products() {
    let m = mock();
    let t = m.demo().await;
    let v = m.get_ok("/api/category", &t).await;
    let slugs: Vec<&str> =
        v["categories"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["hosting", "vps", "domains", "ssl"]);
    assert!(v["categories"][0]["id"].is_string(), "ids are strings");

    let v = m.get_ok("/api/category/10/product", &t).await;
    let products = v["products"].as_array().unwrap();
    assert_eq!(products.len(), 2);
    assert_eq!(products[0]["id"], "101");
    let periods = products[0]["periods"].as_array().unwrap();
    assert_eq!(
        periods[0],
        json!({"title": "m", "value": "m", "price": 59000, "setup": 0, "selected": true})
    );
    assert_eq!(periods.len(), 5);
    assert_eq!(
        m.get_ok("/api/category/20/product", &t).await["products"].as_array().unwrap().len(),
        2
    );
    assert_business_error(&m.get_ok("/api/category/99/product", &t).await, &["category_not_found"]);
}

#[tokio::test]
async fn product_configuration_has_every_form_type() {
    let m = mock();
    let t = m.demo().await;
    let v = m.get_ok("/api/order/201", &t).await;
    let p = &v["product"];
    assert_eq!((p["id"].as_str(), p["recurring"].as_str()), (Some("201"), Some("m")));
    let cycle = &p["config"]["product"][0];
    assert_eq!(cycle["id"], "cycle");
    let codes: Vec<&str> =
        cycle["items"].as_array().unwrap().iter().map(|i| i["value"].as_str().unwrap()).collect();
    assert_eq!(codes, ["m", "q", "s", "a", "b", "t"]);
    assert_eq!(p["config"]["product"].as_array().unwrap().len(), 1, "a VPS takes no domain");
    let forms = p["config"]["forms"].as_array().unwrap();
    let kinds: Vec<&str> = forms.iter().map(|f| f["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["select", "input", "slider", "checkbox", "qty", "textarea", "checkbox"]);
    assert_eq!(forms[0]["name"], "custom[2101]");
    assert_eq!(forms[1]["name"], "custom[2102][21021]");
    assert_eq!(forms[0]["firstItemId"], 21011);
    assert_eq!(forms[0]["required"], true);
    assert_eq!(
        forms[0]["config"]["conditionals"],
        json!([{"target": "2105", "condition": "equals", "value": "21014", "action": "show"}])
    );
    assert_eq!(forms[2]["config"]["maxvalue"], 16);
    assert_eq!(forms[2]["config"]["step"], 2);
    assert_eq!(forms[0]["items"][3]["price"], 300000);
    let addon = &p["config"]["addons"][0];
    assert_eq!(addon["type"], "subitem");
    assert_eq!(
        addon["config"][0],
        json!({"type": "checkbox", "title": "add", "name": "addon[44]", "checked": false})
    );
    assert_eq!(addon["config"][1]["name"], "addon_cycles[44]");
    assert_eq!(p["config"]["subproducts"], json!([]));

    let hosting = m.get_ok("/api/order/101", &t).await;
    let fields = hosting["product"]["config"]["product"].as_array().unwrap();
    assert_eq!(
        fields[1],
        json!({"type": "input", "title": "domain", "id": "domain", "name": "domain", "value": null})
    );
    let dns = &hosting["product"]["config"]["forms"][2];
    assert_eq!(
        (dns["type"].as_str(), dns["config"]["enableddefault"].as_i64()),
        (Some("domaindnssupport"), Some(1))
    );
    assert_business_error(&m.get_ok("/api/order/999", &t).await, &["product_not_found"]);
}

#[tokio::test]
async fn quote_follows_the_cycle_and_options_with_10_percent_vat() {
    let m = mock();
    let t = m.demo().await;
    let q = m.post_ok("/api/quote", json!({"items": [hosting("m", "anshop.vn")]}), &t).await;
    assert_eq!(summary(&q), (json!(59000), json!(0), json!(5900), json!(64900)));
    assert_eq!(q["summary"]["tax"][0], json!({"name": "VAT", "tax": 5900, "value": 10}));
    assert_eq!(
        q["summary"]["recurring"],
        json!([{"title": "Monthly", "price": 64900, "value": "m"}])
    );
    assert_eq!(q["items"][0]["valid"], true);
    assert_eq!(q["items"][0]["index"], 0);
    assert_eq!(q["items"][0]["product"]["name"], "Cloud Hosting Cơ bản");

    // annual with daily backups: 599,000 + 12 × 20,000
    let mut item = hosting("a", "anshop.vn");
    item["custom"]["1102"] = json!({"11021": 1});
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(summary(&q), (json!(839000), json!(0), json!(83900), json!(922900)));
    assert_eq!(q["summary"]["recurring"][0]["value"], "a");
}

#[tokio::test]
async fn vps_options_quantities_conditionals_and_addons() {
    let m = mock();
    let t = m.demo().await;
    let vps = |os: &str, rds: i64| {
        json!({"type": "product", "product_id": "201", "cycle": "a",
               "custom": {"2101": {os: 1}, "2102": {"21021": "vps1.anshop.vn"}, "2103": {"21031": 4},
                          "2104": {"21041": 1}, "2105": {"21051": rds}, "2107": {"21071": 1}},
               "addon": {"44": 1}, "addon_cycles": {"44": "a"}})
    };
    // Windows: 2,149,000 + 12 × (300,000 + 2 × 120,000 + 4 × 50,000 + 40,000) + 790,000
    let q = m.post_ok("/api/quote", json!({"items": [vps("21014", 2)]}), &t).await;
    assert_eq!(summary(&q), (json!(12299000), json!(0), json!(1229900), json!(13528900)));
    assert_eq!(
        q["summary"]["recurring"],
        json!([{"title": "Annually", "price": 13528900, "value": "a"}])
    );
    // Linux: the RDS form is hidden, so its quantity is not charged
    let q = m.post_ok("/api/quote", json!({"items": [vps("21011", 2)]}), &t).await;
    assert_eq!(q["summary"]["subtotal"], json!(12299000 - 3600000 - 2880000));
    // addon on its own cycle: a separate recurring line
    let mut item = vps("21011", 0);
    item["addon_cycles"]["44"] = json!("m");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    let cycles: Vec<&str> = q["summary"]["recurring"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    assert_eq!(cycles, ["m", "a"]);
}

#[tokio::test]
async fn invalid_items_say_why() {
    let m = mock();
    let t = m.demo().await;
    let errors =
        |q: &Value, i: usize| (q["items"][i]["valid"].clone(), q["items"][i]["error"].clone());
    let items = json!([
        hosting("m", ""),
        {"type": "product", "product_id": 201, "cycle": "m", "custom": {"2101": {"21011": 1}, "2103": {"21031": 3}}},
        hosting("x", "an.vn"),
        {"type": "product", "product_id": 101, "cycle": "m", "domain": "an.vn", "promocode": "NOPE"},
        {"type": "product", "product_id": 999}
    ]);
    let q = m.post_ok("/api/quote", json!({"items": items}), &t).await;
    assert_eq!(errors(&q, 0), (json!(false), json!(["domain_required"])));
    assert_eq!(
        errors(&q, 1),
        (json!(false), json!(["missing_required_option", "invalid_quantity"]))
    );
    assert_eq!(errors(&q, 2), (json!(false), json!(["invalid_cycle"])));
    assert_eq!(errors(&q, 3), (json!(false), json!(["invalid_promocode"])));
    assert_eq!(errors(&q, 4), (json!(false), json!(["product_not_found"])));
    assert_eq!(q["summary"]["total"], json!(0), "invalid items are not summed");
}

#[tokio::test]
async fn promo_codes() {
    let m = mock();
    let t = m.demo().await;
    let mut item = hosting("m", "an.vn");
    item["promocode"] = json!("bkns10");
    let q = m.post_ok("/api/quote", json!({"items": [item.clone()]}), &t).await;
    assert_eq!(summary(&q), (json!(59000), json!(5900), json!(5310), json!(58410)));
    assert_eq!(q["items"][0]["coupon"], json!({"code": "BKNS10", "discount": 5900}));
    item["promocode"] = json!("GIAM50K");
    let q = m.post_ok("/api/quote", json!({"items": [item]}), &t).await;
    assert_eq!(summary(&q), (json!(59000), json!(50000), json!(900), json!(9900)));
}

#[tokio::test]
async fn domains_certificates_and_renewals_in_one_quote() {
    let m = mock();
    let t = m.demo().await;
    let items = json!([
        hosting("m", "anshop-moi.vn"),
        {"type": "domain", "tld_id": 11, "name": "anshop-moi.vn", "action": "register", "years": 1,
         "data": {"5101": {"51011": 1}, "5102": {"51021": "079090001234"}, "5103": {"51031": 1}}},
        {"type": "domain", "domain_id": 301, "action": "renew", "years": 1},
        {"type": "certificate", "product_id": 401, "csr": CSR, "years": 1, "approver_email": "admin@anshop.vn", "software": 3}
    ]);
    let q = m
        .post_ok("/api/quote", json!({"pay_method": 1, "output": "short", "items": items}), &t)
        .await;
    for i in 0..4 {
        assert_eq!(q["items"][i]["valid"], true, "item {i}: {}", q["items"][i]);
    }
    assert_eq!(summary(&q), (json!(1639000), json!(0), json!(163900), json!(1802900)));
    assert_eq!(
        q["summary"]["recurring"],
        json!([{"title": "Monthly", "price": 64900, "value": "m"}, {"title": "Annually", "price": 1441000, "value": "a"}])
    );
    let d = &q["items"][1]["domains"]["anshop-moi.vn"];
    assert_eq!(
        (d["tld"].as_str(), d["price"].as_str(), d["period"].as_i64()),
        (Some(".vn"), Some("750000.00"), Some(1))
    );
    assert_eq!(q["items"][1]["product"], Value::Null);
    assert_eq!(q["items"][2]["domains"]["nguyenvanan.vn"]["price"], "480000.00");
    assert_eq!(q["items"][3]["product"]["domain"], "anshop.vn", "read from the CSR");
}

#[tokio::test]
async fn domain_and_certificate_rules() {
    let m = mock();
    let t = m.demo().await;
    let items = json!([
        {"type": "domain", "tld_id": 6, "name": "google.com", "action": "register", "years": 1},
        {"type": "domain", "tld_id": 6, "name": "google.com", "action": "transfer", "years": 1},
        {"type": "domain", "tld_id": 6, "name": "chuacoai-123.com", "action": "transfer", "years": 1, "epp": "X"},
        {"type": "domain", "tld_id": 11, "name": "moi.vn", "action": "register", "years": 1},
        {"type": "domain", "tld_id": 6, "name": "moi.com", "action": "register", "years": 3},
        {"type": "domain", "domain_id": 999, "action": "renew", "years": 1},
        {"type": "domain", "tld_id": 6, "name": "moi2.com", "action": "register", "years": 1, "nameservers": ["ns1.bkns.vn"]},
        {"type": "certificate", "product_id": 401, "csr": "example.com", "years": 1},
        {"type": "certificate", "product_id": 402, "csr": CSR, "years": 1, "approver_email": "a@anshop.vn"},
        {"type": "domain", "tld_id": 6, "name": "moi3.com", "action": "register", "years": 1, "admin": 12345},
        {"type": "domain", "tld_id": 6, "name": "bkns.vn", "action": "register", "years": 1}
    ]);
    let q = m.post_ok("/api/quote", json!({"items": items}), &t).await;
    let errs: Vec<Value> =
        q["items"].as_array().unwrap().iter().map(|i| i["error"].clone()).collect();
    assert_eq!(
        errs,
        [
            json!(["domain_unavailable"]),
            json!(["epp_required"]),
            json!(["domain_not_registered"]),
            json!(["missing_required_option"]),
            json!(["invalid_period"]),
            json!(["renew_not_found"]),
            json!(["invalid_nameservers"]),
            json!(["invalid_csr", "approver_email_required"]),
            json!(["organization_required"]),
            json!(["invalid_contact"]),
            json!(["invalid_domain"]),
        ]
    );
}

#[tokio::test]
async fn an_order_creates_one_invoice_pending_services_and_raises_the_balance() {
    let m = mock();
    let t = m.demo().await;
    let items = json!([
        hosting("m", "anshop-moi.vn"),
        {"type": "domain", "tld_id": 11, "name": "anshop-moi.vn", "action": "register", "years": 1,
         "data": {"5101": {"51011": 1}, "5102": {"51021": "079090001234"}}},
        {"type": "domain", "domain_id": 301, "action": "renew", "years": 1},
        {"type": "certificate", "product_id": 401, "csr": CSR, "years": 1, "approver_email": "admin@anshop.vn"}
    ]);
    let r =
        m.post_ok("/api/order", json!({"pay_method": 2, "items": items, "aff_id": 55}), &t).await;
    // total 1,802,900 + NAPAS fee (1,100 + 1.1 % = 20,932)
    assert_eq!(r["total"], "1823832.00");
    let nums = r["order_num_list"].as_array().unwrap();
    assert_eq!(nums.len(), 4);
    assert!(nums.iter().all(|n| n.is_u64() && *n == nums[0]));
    let kinds: Vec<&str> =
        r["items"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Hosting", "Domain Register", "Domain Renew", "SSL"]);
    assert!(r["items"][0]["id"].is_string() && r["items"][0]["product_id"] == "101");
    let invoice_id = r["invoice_id"].as_str().unwrap().to_owned();

    // the invoice: lines, untaxed fee, 10 % VAT
    let inv = &m.get_ok(&format!("/api/invoice/{invoice_id}"), &t).await["invoice"];
    assert_eq!(inv["status"], "Unpaid");
    assert_eq!(
        (inv["subtotal"].clone(), inv["tax"].clone(), inv["total"].clone()),
        (json!(1659932), json!(163900), json!(1823832))
    );
    let fee = inv["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (fee["description"].as_str(), fee["amount"].as_str(), fee["taxed"].as_str()),
        (Some("Phí thanh toán - Thẻ ATM nội địa (NAPAS)"), Some("20932.00"), Some("0"))
    );
    // pending services, the new domain is now taken, the balance went up
    {
        let db = m.state.db();
        let ledger = &db.shop.ledgers["1042"];
        let statuses: Vec<(&str, &str, &str)> = ledger
            .holdings
            .iter()
            .map(|h| (h.kind.as_str(), h.status.as_str(), h.aff_id.as_str()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("Hosting", "Pending", "55"),
                ("Domain Register", "Pending", "55"),
                ("Domain Renew", "Active", "55"),
                ("SSL", "Pending", "55")
            ]
        );
    }
    let w = m.get("/api/bkns/whois/anshop-moi.vn", None).await.json();
    assert_eq!(w["status"], "registered");
    assert_eq!(m.balance(&t).await, ("3073832.00".into(), "350000.00".into()));
    let list = m.get_ok("/api/invoice", &t).await;
    assert_eq!(list["invoices"][0]["id"], invoice_id.as_str(), "newest first");
}

#[tokio::test]
async fn a_rejected_order_changes_nothing() {
    let m = mock();
    let t = m.demo().await;
    let items = json!([hosting("m", ""), hosting("m", "ok.vn")]);
    let r = m.post_ok("/api/order", json!({"pay_method": 1, "items": items}), &t).await;
    assert_business_error(&r, &["domain_required"]);
    assert_business_error(
        &m.post_ok("/api/order", json!({"pay_method": 77, "items": [hosting("m", "a.vn")]}), &t)
            .await,
        &["invalid_pay_method"],
    );
    assert_business_error(
        &m.post_ok("/api/order", json!({"pay_method": 1, "items": []}), &t).await,
        &["empty_order"],
    );
    assert_eq!(m.balance(&t).await.0, "1250000.00");
    assert_eq!(m.get_ok("/api/invoice", &t).await["invoices"].as_array().unwrap().len(), 3);
    // ignore_errors: the valid items go through
    let r = m
        .post_ok("/api/order", json!({"pay_method": 1, "ignore_errors": true, "items": items}), &t)
        .await;
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["total"], "64900.00");
}

#[tokio::test]
async fn single_item_orders_answer_with_one_item_object() {
    let m = mock();
    let t = m.demo().await;
    let r = m
        .post_ok("/api/order/101", json!({"domain": "example-moi.vn", "cycle": "m", "pay_method": "1", "promocode": "BKNS10", "aff_id": 55}), &t)
        .await;
    assert!(r["order_num"].is_u64());
    assert_eq!(r["total"], "58410.00");
    assert_eq!(r["items"]["type"], "Hosting");
    let r = m
        .post_ok("/api/domain/order", json!({"name": "moi-mua.com", "years": "1", "action": "register", "tld_id": "6", "pay_method": 1}), &t)
        .await;
    assert_eq!(
        (r["items"]["type"].as_str(), r["items"]["name"].as_str()),
        (Some("Domain Register"), Some("moi-mua.com"))
    );
    assert_eq!(r["total"], "328900.00");
    let r = m
        .post_ok("/api/certificate/order", json!({"product_id": 403, "csr": CSR, "years": 2, "pay_method": 1, "approver_email": "admin@anshop.vn"}), &t)
        .await;
    assert_eq!(r["items"]["type"], "SSL");
    assert_eq!(r["total"], "2530000.00");
}

#[tokio::test]
async fn tlds_forms_whois_certificates_and_contacts() {
    let m = mock();
    let t = m.demo().await;
    let v = m.get_ok("/api/domain/order", &t).await;
    let com = &v["tlds"][0];
    assert_eq!((com["id"].as_str(), com["tld"].as_str()), (Some("6"), Some(".com")));
    assert_eq!(
        com["periods"][0],
        json!({"period": "1", "register": "299000.00", "transfer": "279000.00", "renew": "349000.00", "redemption": "1200000.00"})
    );
    let f = m.get_ok("/api/domain/order/11/form?tld_id=11", &t).await;
    let kinds: Vec<&str> =
        f["forms"].as_array().unwrap().iter().map(|f| f["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["select", "input", "domaindnssupport"]);
    assert_eq!(
        m.get_ok("/api/domain/order/13/form", &t).await["forms"].as_array().unwrap().len(),
        3
    );
    assert_business_error(&m.get_ok("/api/domain/order/99/form", &t).await, &["tld_not_found"]);

    // whois is public
    let w = m.get("/api/bkns/whois/ten-mien-moi.vn", None).await.ok_json();
    assert_eq!(
        w,
        json!({"domain": "ten-mien-moi.vn", "status": "available", "available": true, "whois": ""})
    );
    let w = m.get("/api/bkns/whois/nguyenvanan.vn", None).await.json();
    assert_eq!((w["available"].as_bool(), w["status"].as_str()), (Some(false), Some("registered")));
    assert!(w["whois"].as_str().unwrap().contains("Domain Name: nguyenvanan.vn"));
    assert_business_error(
        &m.get("/api/bkns/whois/not_a_domain", None).await.json(),
        &["invalid_domain"],
    );

    let c = m.get_ok("/api/certificate/order", &t).await;
    assert_eq!(
        c["products"][0]["periods"][0],
        json!({"years": 1, "price": 350000, "renew": 350000})
    );
    assert_eq!(c["products"][0]["category_url"], "ssl");
    let s = m.get_ok("/api/certificate/order/401/software", &t).await;
    assert_eq!(s["software"][0], json!({"id": 0, "name": "AOL"}));
    assert_business_error(
        &m.get_ok("/api/certificate/order/9/software", &t).await,
        &["product_not_found"],
    );

    // contacts come from the contacts store (routes/contacts.rs)
    let contacts = m.get_ok("/api/contact", &t).await;
    assert_eq!(contacts["contacts"][0]["id"], "50");
    let ex = m.example().await;
    assert_eq!(m.get_ok("/api/contact", &ex).await["contacts"][0]["id"], "49");
}

#[tokio::test]
async fn usd_accounts_see_converted_prices() {
    let m = mock();
    let t = m.example().await;
    let p = m.get_ok("/api/category/10/product", &t).await;
    // 59,000 VND at 25,000 VND/USD
    assert_eq!(p["products"][0]["periods"][0]["price"], json!(2.36));
    let q = m.post_ok("/api/quote", json!({"items": [hosting("m", "joe.com")]}), &t).await;
    assert_eq!(summary(&q), (json!(2.36), json!(0), json!(0.24), json!(2.6)));
    let fees = m.get_ok("/api/payment/fees", &t).await;
    assert_eq!(
        fees["payments"][1],
        json!({"id": 2, "name": "Stripe", "fixed_fee": "0.5", "percent_fee": "2.9"})
    );
}
