//! The Billing section: payment methods with fees, invoices (standard
//! HostBill list and detail) and paying an invoice from credit.

mod common;

use common::{assert_business_error, mock};
use serde_json::json;

#[tokio::test]
async fn payment_methods_with_and_without_fees() {
    let m = mock();
    let t = m.demo().await;
    let fees = m.get_ok("/api/payment/fees", &t).await;
    assert_eq!(
        fees["payments"][1],
        json!({"id": 2, "name": "Thẻ ATM nội địa (NAPAS)", "fixed_fee": "1100", "percent_fee": "1.1"})
    );
    assert_eq!(fees["payments"].as_array().unwrap().len(), 4);
    // GET /payment: an object keyed by method id, as in the reference
    let names = m.get_ok("/api/payment", &t).await;
    assert_eq!(names["payments"]["1"], "Chuyển khoản ngân hàng");
    assert_eq!(names["payments"].as_object().unwrap().len(), 4);
    let ex = m.example().await;
    assert_eq!(m.get_ok("/api/payment", &ex).await["payments"]["5"], "PayPal");
}

#[tokio::test]
async fn invoices_list_and_detail() {
    let m = mock();
    let t = m.demo().await;
    let list = m.get_ok("/api/invoice", &t).await;
    let rows: Vec<(&str, &str, &str)> = list["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (i["id"].as_str().unwrap(), i["status"].as_str().unwrap(), i["total"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("3103", "Unpaid", "150000.00"),
            ("3102", "Unpaid", "1100000.00"),
            ("3101", "Paid", "550000.00")
        ]
    );
    for k in
        ["date", "dateorig", "duedate", "paybefore", "datepaid", "merge_id", "number", "currency"]
    {
        assert!(list["invoices"][0].get(k).is_some(), "{k}");
    }
    let inv = &m.get_ok("/api/invoice/3102", &t).await["invoice"];
    assert_eq!(
        (inv["subtotal"].clone(), inv["tax"].clone(), inv["taxrate"].clone()),
        (json!(1000000), json!(100000), json!(10))
    );
    assert_eq!(
        (inv["total"].clone(), inv["credit"].clone(), inv["balance"].clone()),
        (json!(1100000), json!(0), json!(1100000))
    );
    assert_eq!(inv["items"][0]["linetotal"], "1000000.00");
    assert_eq!(inv["client"]["email"], "demo@bkns.vn");
    assert_eq!(inv["currency"], "VND");
    // the untaxed .vn fee
    let vn = &m.get_ok("/api/invoice/3103", &t).await["invoice"];
    assert_eq!(
        (vn["tax"].clone(), vn["total"].clone(), vn["items"][0]["taxed"].clone()),
        (json!(0), json!(150000), json!("0"))
    );
    // someone else's invoice is not found
    assert_business_error(&m.get_ok("/api/invoice/308976", &t).await, &["invoice_not_found"]);
    // the doc's example invoice on the doc's example account
    let ex = m.example().await;
    let doc = &m.get_ok("/api/invoice/308976", &ex).await["invoice"];
    assert_eq!(
        (doc["subtotal"].clone(), doc["tax"].clone(), doc["total"].clone()),
        (json!(16.24), json!(3.41), json!(19.65))
    );
    assert_eq!(doc["items"][1]["description"], "PayPal Payment Fee");
    assert_eq!(doc["number"], "2016/12/1");
}

#[tokio::test]
async fn paying_with_credit_in_full_and_in_part() {
    let m = mock();
    let t = m.demo().await;
    // no amount: what pays the invoice in full
    let r = m.post_ok("/api/invoice/3103/credit", json!({}), &t).await;
    assert_eq!(r, json!({"success": true, "invoice_status": "Paid", "applied": 150000}));
    assert_eq!(m.balance(&t).await, ("1100000.00".into(), "200000.00".into()));
    let paid = &m.get_ok("/api/invoice/3103", &t).await["invoice"];
    assert_eq!((paid["status"].as_str(), paid["balance"].clone()), (Some("Paid"), json!(0)));
    assert!(!paid["datepaid"].as_str().unwrap().is_empty());

    // a part: the invoice stays unpaid, with the credit recorded
    let r = m.post_ok("/api/invoice/3102/credit", json!({"amount": "50000"}), &t).await;
    assert_eq!(r, json!({"success": true, "invoice_status": "Unpaid", "applied": 50000}));
    let inv = &m.get_ok("/api/invoice/3102", &t).await["invoice"];
    assert_eq!((inv["credit"].clone(), inv["balance"].clone()), (json!(50000), json!(1050000)));
    assert_eq!(m.balance(&t).await, ("1050000.00".into(), "150000.00".into()));

    // more than the credit
    assert_business_error(
        &m.post_ok("/api/invoice/3102/credit", json!({"amount": 200000}), &t).await,
        &["insufficient_credit"],
    );
    // bad amounts
    for bad in [json!("-5"), json!("abc"), json!(0), json!("1.234")] {
        assert_business_error(
            &m.post_ok("/api/invoice/3102/credit", json!({"amount": bad}), &t).await,
            &["invalid_amount"],
        );
    }
    // a paid invoice, an unknown one
    assert_business_error(
        &m.post_ok("/api/invoice/3103/credit", json!({}), &t).await,
        &["invoice_not_unpaid"],
    );
    assert_business_error(
        &m.post_ok("/api/invoice/9/credit", json!({}), &t).await,
        &["invoice_not_found"],
    );
    // the rest of the credit, as a number
    let r = m.post_ok("/api/invoice/3102/credit", json!({"amount": 150000}), &t).await;
    assert_eq!(r["applied"], 150000);
    assert_eq!(m.balance(&t).await, ("900000.00".into(), "0.00".into()));
    assert_business_error(
        &m.post_ok("/api/invoice/3102/credit", json!({}), &t).await,
        &["insufficient_credit"],
    );
}

#[tokio::test]
async fn reset_restores_invoices_and_credit() {
    let m = mock();
    let t = m.demo().await;
    m.post_ok("/api/invoice/3103/credit", json!({}), &t).await;
    m.state.reset();
    let t = m.demo().await;
    assert_eq!(m.balance(&t).await, ("1250000.00".into(), "350000.00".into()));
    assert_eq!(m.get_ok("/api/invoice/3103", &t).await["invoice"]["status"], "Unpaid");
}
