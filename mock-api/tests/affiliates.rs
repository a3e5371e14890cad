//! The affiliate calls (catalog 8-13) against
//! fixtures/api/contract-ssl-affiliates.md: shapes (everything a string),
//! figures that agree with each other, commissions spread over 14 months,
//! accounts that are not affiliates, and the `affiliate_enrolled` switch.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::{keys, Session};
use mock_api::domain_data::{civil_from_days, today};
use serde_json::{json, Value};

const CALLS: [(&str, &str); 6] = [
    ("/api/affiliates/summary", "affiliate"),
    ("/api/affiliates/campaigns", "campaigns"),
    ("/api/affiliates/commissions", "commissions"),
    ("/api/affiliates/payouts", "payouts"),
    ("/api/affiliates/vouchers", "vouchers"),
    ("/api/affiliates/commissionplans", "commissionplans"),
];

fn set(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|k| k.to_string()).collect()
}

/// Every leaf is a string (numbers included), arrays of strings allowed.
fn all_strings(v: &Value, at: &str) {
    match v {
        Value::String(_) => {}
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, at)),
        Value::Object(o) => o.iter().for_each(|(k, x)| all_strings(x, &format!("{at}.{k}"))),
        other => panic!("{at} is not a string: {other}"),
    }
}

/// "1234.00" → 1234 (whole đồng).
fn dong(v: &Value) -> i64 {
    let s = v.as_str().unwrap();
    let (int, frac) = s.split_once('.').unwrap();
    assert_eq!(frac.len(), 2, "two decimals: {s}");
    int.parse().unwrap()
}

#[tokio::test]
async fn the_demo_account_is_an_affiliate() {
    let s = Session::demo().await;
    for (uri, key) in CALLS {
        let v = s.ok(uri).await;
        assert_eq!(keys(&v), set(&[key]), "{uri}");
        all_strings(&v, uri);
    }
    assert_eq!(
        s.ok("/api/affiliates/summary").await,
        json!({"affiliate": {"id": "7", "status": "Active", "date_created": "2024-03-11",
            "currency": "VND", "balance": "1250000.00", "total_commissions": "3450000.00",
            "total_withdrawn": "2200000.00", "visits": "412", "referrals": "23", "conversion": "5.58"}})
    );

    let campaigns =
        s.ok("/api/affiliates/campaigns").await["campaigns"].as_array().unwrap().clone();
    assert_eq!(campaigns.len(), 3);
    let sum = |k: &str| -> i64 {
        campaigns.iter().map(|c| c[k].as_str().unwrap().parse::<i64>().unwrap()).sum()
    };
    assert_eq!((sum("visits"), sum("signups")), (412, 23), "the summary's visits and referrals");
    for c in &campaigns {
        assert_eq!(keys(c), set(&["id", "name", "url", "visits", "signups", "date_created"]));
        assert!(c["url"].as_str().unwrap().starts_with("https://"));
    }

    let payouts = s.ok("/api/affiliates/payouts").await["payouts"].as_array().unwrap().clone();
    assert_eq!(payouts.len(), 3);
    for p in &payouts {
        assert_eq!(keys(p), set(&["id", "date", "amount", "method", "status"]));
    }
    assert_eq!(payouts.iter().map(|p| dong(&p["amount"])).sum::<i64>(), 2_200_000);

    let vouchers = s.ok("/api/affiliates/vouchers").await["vouchers"].as_array().unwrap().clone();
    assert_eq!(vouchers.len(), 2);
    for v in &vouchers {
        assert_eq!(keys(v), set(&["id", "code", "type", "value", "uses", "max_uses", "expires"]));
        assert!(["percent", "fixed"].contains(&v["type"].as_str().unwrap()));
    }

    let plans = s.ok("/api/affiliates/commissionplans").await["commissionplans"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(plans.len(), 3);
    for p in &plans {
        assert_eq!(keys(p), set(&["id", "name", "type", "rate", "recurring", "products"]));
        assert!(["0", "1"].contains(&p["recurring"].as_str().unwrap()));
        assert!(p["products"].as_array().is_some_and(|a| !a.is_empty()));
    }
}

#[tokio::test]
async fn commissions_add_up_and_spread_over_fourteen_months() {
    let s = Session::demo().await;
    let list = s.ok("/api/affiliates/commissions").await["commissions"].as_array().unwrap().clone();
    assert_eq!(list.len(), 30);
    let total = |status: Option<&str>| -> i64 {
        list.iter()
            .filter(|c| status.is_none_or(|st| c["status"] == st))
            .map(|c| dong(&c["amount"]))
            .sum()
    };
    assert_eq!(total(None), 3_450_000, "total_commissions");
    assert_eq!(total(Some("Paid")), 2_200_000, "total_withdrawn");
    assert_eq!(total(Some("Approved")) + total(Some("Pending")), 1_250_000, "balance");

    let (y, m, _) = civil_from_days(today());
    let month_index = |date: &str| -> i64 {
        let (yy, mm) = (date[..4].parse::<i64>().unwrap(), date[5..7].parse::<i64>().unwrap());
        y * 12 + i64::from(m) - (yy * 12 + mm)
    };
    let mut months = BTreeSet::new();
    let mut last = "9999-99-99".to_string();
    let today_text = mock_api::shop::date_in(0);
    for c in &list {
        assert_eq!(
            keys(c),
            set(&["id", "date", "order_id", "referral", "product", "amount", "status"])
        );
        assert!(["Pending", "Approved", "Paid"].contains(&c["status"].as_str().unwrap()));
        assert!(c["referral"].as_str().unwrap().contains("***"), "masked: {}", c["referral"]);
        let date = c["date"].as_str().unwrap().to_string();
        assert!(date <= last, "newest first");
        assert!(date <= today_text, "not in the future: {date}");
        let ago = month_index(&date);
        assert!((0..14).contains(&ago), "{date} within the last 14 months");
        months.insert(ago);
        last = date;
    }
    assert_eq!(months.len(), 11, "three months of the fourteen without any");
    assert!(!months.contains(&2) && !months.contains(&7) && !months.contains(&11));
    let ids: BTreeSet<&str> = list.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 30, "distinct ids");
}

#[tokio::test]
async fn other_accounts_are_not_enrolled() {
    let bulk = Session::bulk().await;
    let example = bulk.mock.example().await;
    for (uri, _) in CALLS {
        bulk.get(uri).await.assert_error(StatusCode::OK, "affiliate_not_enrolled");
        bulk.mock
            .get(uri, Some(&example))
            .await
            .assert_error(StatusCode::OK, "affiliate_not_enrolled");
    }
}

#[tokio::test]
async fn the_switch_unenrolls_the_demo_account() {
    let s = Session::demo().await;
    s.mock.config(json!({"affiliate_enrolled": false})).await;
    for (uri, _) in CALLS {
        s.get(uri).await.assert_error(StatusCode::OK, "affiliate_not_enrolled");
    }
    s.mock.config(json!({"affiliate_enrolled": true})).await;
    assert_eq!(s.ok("/api/affiliates/summary").await["affiliate"]["id"], "7");
    // a reset restores the start value
    s.mock.config(json!({"affiliate_enrolled": false})).await;
    s.mock.post("/__mock/reset", json!(null), None).await;
    assert_eq!(s.mock.get("/__mock/config", None).await.json()["affiliate_enrolled"], true);
}
