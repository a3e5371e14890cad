//! `GET /willexpired/@code/state` (catalog 134, public) against
//! fixtures/api/contract-ssl-affiliates.md: Vietnam's provinces merged away
//! by the July 2025 reform, named exactly as `GET /location/VN/state`
//! names them, and a seeded address in one of them.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{keys, mock, Session};
use serde_json::{json, Value};

#[tokio::test]
async fn vietnam_lists_the_provinces_that_disappear() {
    let m = mock();
    let v = m.get("/api/willexpired/VN/state", None).await.ok_json();
    assert_eq!(keys(&v), BTreeSet::from(["states".to_string()]));
    let list = v["states"].as_array().unwrap();
    assert_eq!(list.len(), 29, "63 provinces → 34 units");

    let location = m.get("/api/location/VN/state", None).await.ok_json();
    let names: BTreeMap<String, String> = location["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["name"].as_str().unwrap().to_owned()))
        .collect();
    let expiring: BTreeSet<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    for s in list {
        assert_eq!(
            keys(s),
            ["id", "name", "merged_into_id", "merged_into", "expires"].map(String::from).into()
        );
        let id = s["id"].as_str().unwrap();
        assert_eq!(names.get(id).map(String::as_str), s["name"].as_str(), "{id}: /location's name");
        let into = s["merged_into_id"].as_str().unwrap();
        assert_eq!(names.get(into).map(String::as_str), s["merged_into"].as_str(), "{into}");
        assert!(!expiring.contains(into), "{into} survives");
        assert_eq!(s["expires"], "2025-07-01");
    }
    let find = |name: &str| list.iter().find(|s| s["name"] == name).cloned();
    assert_eq!(
        find("Tỉnh Bình Dương"),
        Some(json!({"id": "74", "name": "Tỉnh Bình Dương", "merged_into_id": "79",
                    "merged_into": "Thành phố Hồ Chí Minh", "expires": "2025-07-01"}))
    );
    assert_eq!(find("Tỉnh Hoà Bình").unwrap()["merged_into"], "Tỉnh Phú Thọ");
    // survivors and the 11 unchanged provinces are not listed
    for kept in ["Thành phố Hồ Chí Minh", "Thành phố Hà Nội", "Thành phố Huế", "Tỉnh Cao Bằng"]
    {
        assert!(find(kept).is_none(), "{kept}");
    }
    // lower case works; other countries have none
    assert_eq!(m.get("/api/willexpired/vn/state", None).await.ok_json(), v);
    for code in ["US", "JP", "XX"] {
        let r = m.get(&format!("/api/willexpired/{code}/state"), None).await.ok_json();
        assert_eq!(r, json!({"states": []}), "{code}");
    }
}

#[tokio::test]
async fn a_demo_contact_lives_in_an_expiring_province() {
    let s = Session::demo().await;
    let list = s.public_get("/api/willexpired/VN/state").await.ok_json();
    let expiring: Vec<&Value> = list["states"].as_array().unwrap().iter().collect();
    let contact = &s.ok("/api/contact/50").await["contact"];
    assert_eq!(
        (contact["state"].as_str(), contact["city"].as_str(), contact["ward"].as_str()),
        (Some("Tỉnh Bình Dương"), Some("Thành phố Thủ Dầu Một"), Some("Phường Phú Cường"))
    );
    assert!(expiring.iter().any(|e| e["name"] == contact["state"]));
    // the account's own address is in a surviving one
    let me = &s.ok("/api/details").await["client"];
    assert!(!expiring.iter().any(|e| mock_api::locations::same_name(
        e["name"].as_str().unwrap(),
        me["state"].as_str().unwrap()
    )));
}
