//! Section "Services" (catalog endpoints 83-115): services, VMs, IPs,
//! interfaces and reverse DNS, against the contract of issue 12.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{assert_business_error, keys, mock, Session};
use mock_api::domain_data::{today, ymd};
use serde_json::{json, Value};

fn day(offset: i64) -> String {
    ymd(today() + offset)
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

impl Session {
    async fn post_ok(&self, uri: &str, body: Value) -> Value {
        self.post(uri, body).await.ok_json()
    }

    async fn vm_status(&self, vmid: &str) -> String {
        let v = self.ok(&format!("/api/service/302/vms/{vmid}")).await;
        v["vm"]["status"].as_str().unwrap_or_else(|| panic!("no status: {v}")).to_string()
    }
}

// ---------------------------------------------------------------- list, details, methods

#[tokio::test]
async fn list_has_the_reference_shape_and_the_seed() {
    let s = Session::demo().await;
    let v = s.ok("/api/service").await;
    let rows = v["services"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["301", "302", "303", "304", "305", "306", "307"]);
    // The reference's example row: these fields, all strings.
    let reference = set(&[
        "id",
        "domain",
        "total",
        "status",
        "billingcycle",
        "next_due",
        "category",
        "category_url",
        "name",
    ]);
    for r in rows {
        assert_eq!(keys(r), reference, "{r}");
        assert!(r.as_object().unwrap().values().all(Value::is_string), "{r}");
    }
    assert_eq!(
        rows[0],
        json!({
            "id": "301", "domain": "bkns-demo.vn", "total": "99000.00", "status": "Active",
            "billingcycle": "Monthly", "next_due": day(10), "category": "Hosting",
            "category_url": "hosting", "name": "Starter Hosting"
        })
    );
    assert_eq!(rows[2]["next_due"], day(200));
    assert_eq!(
        (rows[3]["status"].as_str(), rows[3]["next_due"].as_str()),
        (Some("Cancelled"), Some(""))
    );
    assert_eq!(rows[4]["next_due"], day(5));
    assert_eq!(
        (rows[5]["status"].as_str(), rows[5]["next_due"].clone()),
        (Some("Suspended"), json!(day(-3)))
    );
    assert_eq!(rows[6]["status"], "Pending");

    let example = Session::login("api@example.com", "secret").await;
    assert_eq!(example.ok("/api/service").await, json!({"services": []}));
}

#[tokio::test]
async fn details_have_the_reference_shape() {
    let s = Session::demo().await;
    let v = s.ok("/api/service/302").await;
    let d = &v["service"];
    assert_eq!(
        keys(d),
        set(&[
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
            "username",
            "password",
            "name",
        ])
    );
    assert!(d.as_object().unwrap().values().all(Value::is_string), "{d}");
    assert_eq!(d["id"], "302");
    assert_eq!(d["name"], "Cloud VPS");
    assert_eq!(d["next_due"], day(25));
    assert_eq!(d["label"], "");
    assert!(
        !d["username"].as_str().unwrap().is_empty() && d["password"].as_str().unwrap().len() >= 8
    );
    s.get("/api/service/999").await.assert_error(StatusCode::OK, "service_not_found");
}

#[tokio::test]
async fn methods_are_per_service() {
    let s = Session::demo().await;
    // 305 offers exactly the reference's example.
    assert_eq!(
        s.ok("/api/service/305/methods").await,
        json!({"methods": [
            {"name": "Upgrade Request", "method": "POST", "route": "/service/@id/upgrade"},
            {"name": "Upgrade Options", "method": "GET", "route": "/service/@id/upgrade"},
            {"name": "Change service label", "method": "POST", "route": "/service/@id/label"},
            {"name": "Service label", "method": "GET", "route": "/service/@id/label"},
            {"name": "Cancel Service", "method": "POST", "route": "/service/@id/cancel"}
        ]})
    );
    let routes = |v: &Value| -> Vec<String> {
        v["methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{} {}", m["method"].as_str().unwrap(), m["route"].as_str().unwrap()))
            .collect()
    };
    let cloud = routes(&s.ok("/api/service/302/methods").await);
    for r in [
        "GET /service/@id/vms",
        "POST /service/@id/vms",
        "GET /service/@id/templates",
        "GET /service/@id/resources",
        "GET /service/@id/networks",
        "GET /service/@id/ip",
        "GET /service/@id/rdns",
        "POST /service/@id/rdns",
        "POST /service/@id/cancel",
    ] {
        assert!(cloud.contains(&r.to_string()), "{r} in {cloud:?}");
    }
    let dedicated = s.ok("/api/service/303/methods").await;
    assert!(dedicated["methods"].as_array().unwrap().contains(
        &json!({"name": "Backup schedule", "method": "GET", "route": "/service/@id/backups"})
    ));
    assert_eq!(routes(&s.ok("/api/service/304/methods").await), ["GET /service/@id/label"]);
    assert_eq!(
        routes(&s.ok("/api/service/306/methods").await),
        ["POST /service/@id/label", "GET /service/@id/label", "GET /service/@id/vms"]
    );
}

#[tokio::test]
async fn one_client_cannot_see_another_clients_service() {
    let m = mock();
    let other = m.example().await;
    let demo = m.demo().await;
    for uri in [
        "/api/service/301",
        "/api/service/301/methods",
        "/api/service/301/label",
        "/api/service/302/vms",
        "/api/service/302/vms/5001",
        "/api/service/302/rdns",
        "/api/service/305/upgrade",
    ] {
        m.get(uri, Some(&other)).await.assert_error(StatusCode::OK, "service_not_found");
    }
    m.post("/api/service/302/vms/5001/stop", json!(null), Some(&other))
        .await
        .assert_error(StatusCode::OK, "service_not_found");
    m.post("/api/service/301/cancel", json!({"immediate": "1", "reason": "x"}), Some(&other))
        .await
        .assert_error(StatusCode::OK, "service_not_found");
    m.post("/api/service/301/label", json!({"label": "mine"}), Some(&other))
        .await
        .assert_error(StatusCode::OK, "service_not_found");
    // Nothing changed for the owner.
    let d = m.get_ok("/api/service/301", &demo).await;
    assert_eq!(
        (d["service"]["status"].as_str(), d["service"]["label"].as_str()),
        (Some("Active"), Some(""))
    );
    let vm = m.get_ok("/api/service/302/vms/5001", &demo).await;
    assert_eq!(vm["vm"]["status"], "running");
}

#[tokio::test]
async fn bulk_account_has_1000_services() {
    let s = Session::bulk().await;
    let v = s.ok("/api/service").await;
    let rows = v["services"].as_array().unwrap();
    assert_eq!(rows.len(), 1_000);
    let ids: BTreeSet<u32> =
        rows.iter().map(|r| r["id"].as_str().unwrap().parse().unwrap()).collect();
    assert_eq!(ids, (10_001..=11_000).collect());
    let statuses: BTreeSet<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["Active", "Cancelled", "Pending", "Suspended", "Terminated"].into());
    let cycles: BTreeSet<&str> = rows.iter().map(|r| r["billingcycle"].as_str().unwrap()).collect();
    assert_eq!(cycles, ["Annually", "Monthly", "Quarterly"].into());
    assert!(rows.iter().any(|r| r["name"] == "Hosting Doanh Nghiệp"));
    assert!(rows.iter().any(|r| r["domain"].as_str().unwrap().contains("máy-chủ")));
    let dues: Vec<i64> = rows
        .iter()
        .map(|r| {
            let d = r["next_due"].as_str().unwrap();
            (0..=800).map(|k| k - 400).find(|k| day(*k) == d).unwrap_or_else(|| panic!("{d}"))
        })
        .collect();
    assert!(dues.iter().any(|d| *d < -300) && dues.iter().any(|d| *d > 300));
    // Label only.
    assert_eq!(s.ok("/api/service/10001/methods").await["methods"].as_array().unwrap().len(), 2);
    s.get("/api/service/10001/vms").await.assert_error(StatusCode::OK, "vms_not_supported");
}

// ---------------------------------------------------------------- label

#[tokio::test]
async fn label_read_change_and_refusals() {
    let s = Session::demo().await;
    assert_eq!(s.ok("/api/service/301/label").await, json!({"label": ""}));
    assert_eq!(
        s.post_ok("/api/service/301/label", json!({"label": "Web chính của công ty"})).await,
        json!({"success": true, "info": ["label_updated"]})
    );
    assert_eq!(s.ok("/api/service/301/label").await, json!({"label": "Web chính của công ty"}));
    assert_eq!(s.ok("/api/service/301").await["service"]["label"], "Web chính của công ty");
    let list = s.ok("/api/service").await;
    assert_eq!(list["services"][0]["label"], "Web chính của công ty");
    assert!(list["services"][1].get("label").is_none());

    let long = "ữ".repeat(101);
    s.post("/api/service/301/label", json!({"label": long}))
        .await
        .assert_error(StatusCode::OK, "label_too_long");
    assert!(s.post_ok("/api/service/301/label", json!({"label": "ữ".repeat(100)})).await["info"]
        .is_array());
    // 304 offers reading only.
    s.post("/api/service/304/label", json!({"label": "x"}))
        .await
        .assert_error(StatusCode::OK, "method_not_available");
    // Empty clears.
    s.post_ok("/api/service/301/label", json!({"label": ""})).await;
    assert_eq!(s.ok("/api/service/301/label").await, json!({"label": ""}));
}

// ---------------------------------------------------------------- cancel

#[tokio::test]
async fn cancel_at_period_end_then_immediately() {
    let s = Session::demo().await;
    s.post("/api/service/301/cancel", json!({"immediate": "0", "reason": " "}))
        .await
        .assert_error(StatusCode::OK, "cancel_reason_required");
    assert_eq!(
        s.post_ok(
            "/api/service/301/cancel",
            json!({"immediate": "0", "reason": "Chuyển nhà cung cấp"})
        )
        .await,
        json!({"info": ["cancell_sent"]})
    );
    let d = s.ok("/api/service/301").await;
    assert_eq!(
        (d["service"]["status"].as_str(), d["service"]["cancel_requested"].as_str()),
        (Some("Active"), Some("end_of_period"))
    );
    s.post("/api/service/301/cancel", json!({"immediate": false, "reason": "again"}))
        .await
        .assert_error(StatusCode::OK, "service_already_cancelled");
    // Then immediately (true, as a JSON bool).
    assert_eq!(
        s.post_ok("/api/service/301/cancel", json!({"immediate": true, "reason": "now"})).await,
        json!({"info": ["cancell_sent"]})
    );
    let d = s.ok("/api/service/301").await;
    assert_eq!(d["service"]["status"], "Cancelled");
    assert!(d["service"].get("cancel_requested").is_none());
    s.post("/api/service/301/cancel", json!({"immediate": "1", "reason": "x"}))
        .await
        .assert_error(StatusCode::OK, "service_already_cancelled");
    let methods = s.ok("/api/service/301/methods").await;
    assert!(!methods.to_string().contains("/cancel"), "{methods}");
    // Seeded as cancelled; a service whose methods have no cancel.
    s.post("/api/service/304/cancel", json!({"immediate": "1", "reason": "x"}))
        .await
        .assert_error(StatusCode::OK, "service_already_cancelled");
    s.post("/api/service/306/cancel", json!({"immediate": "1", "reason": "x"}))
        .await
        .assert_error(StatusCode::OK, "method_not_available");
}

#[tokio::test]
async fn immediate_cancel_with_form_encoding() {
    let s = Session::demo().await;
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/service/307/cancel")
        .header(header::AUTHORIZATION, format!("Bearer {}", s.token))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("immediate=1&reason=Kh%C3%B4ng+d%C3%B9ng+n%E1%BB%AFa"))
        .unwrap();
    assert_eq!(s.mock.request(req).await.ok_json(), json!({"info": ["cancell_sent"]}));
    assert_eq!(s.ok("/api/service/307").await["service"]["status"], "Cancelled");
}

// ---------------------------------------------------------------- upgrade

#[tokio::test]
async fn upgrade_options_of_305() {
    let s = Session::demo().await;
    let item = |id: &str, name: &str, price: i64, selected: bool| json!({"id": id, "name": name, "price": price, "setup_price": 0, "selected": selected});
    let mut extra_v4 = item("9990", "IPv4", 60000, false);
    extra_v4["qty"] = json!(0);
    let mut extra_v6 = item("9991", "IPv6 /64", 20000, false);
    extra_v6["qty"] = json!(0);
    assert_eq!(
        s.ok("/api/service/305/upgrade").await,
        json!({
            "resources": [
                {"id": 1557, "name": "Bandwidth", "type": "select", "items": [
                    item("9953", "100 GB", 1, true), item("10103", "500 GB", 5, false),
                    item("10104", "1 TB", 10, false)]},
                {"id": 1558, "name": "Disk space (GB)", "type": "slider", "min": 10, "max": 200,
                 "step": 10, "value": 20, "items": [item("9960", "GB", 2000, true)]},
                {"id": 1559, "name": "Email accounts", "type": "qty", "min": 1, "max": 100,
                 "step": 1, "value": 10, "items": [item("9970", "account", 5000, true)]},
                {"id": 1561, "name": "PHP version", "type": "radio", "items": [
                    item("9980", "PHP 8.1", 0, true), item("9981", "PHP 8.3", 0, false)]},
                {"id": 1562, "name": "Extra IP", "type": "selectqty", "items": [extra_v4, extra_v6]}
            ],
            "package": [
                {"id": "41", "name": "Hosting Plus", "price": "99000.00", "selected": true},
                {"id": "42", "name": "Hosting Pro", "price": "199000.00", "selected": false}
            ],
            "cycle": [
                {"id": "m", "name": "Monthly", "selected": false},
                {"id": "q", "name": "Quarterly", "selected": true},
                {"id": "a", "name": "Annually", "selected": false}
            ]
        })
    );
    for id in ["301", "302", "303", "304"] {
        s.get(&format!("/api/service/{id}/upgrade"))
            .await
            .assert_error(StatusCode::OK, "upgrade_not_available");
        s.post(&format!("/api/service/{id}/upgrade"), json!({"send": false}))
            .await
            .assert_error(StatusCode::OK, "upgrade_not_available");
    }
}

#[tokio::test]
async fn upgrade_estimate_then_order() {
    let s = Session::demo().await;
    let estimate = s
        .post_ok("/api/service/305/upgrade", json!({"resources": {"1557": "10103"}, "send": false}))
        .await;
    assert_eq!(
        estimate,
        json!({"estimate": {
            "items": [{"name": "Bandwidth: 500 GB", "price": "12.00"}],
            "subtotal": "12.00", "tax": "1.20", "total": "13.20", "currency": "VND"
        }})
    );
    // Every kind of resource, a package and a cycle.
    let body = json!({
        "resources": {"1557": "10103", "1558": "40", "1559": "10", "1561": "9981", "1562": {"9990": "2"}},
        "package": "42", "cycle": "a", "send": false
    });
    let e = s.post_ok("/api/service/305/upgrade", body.clone()).await;
    let names: Vec<&str> = e["estimate"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Package: Hosting Pro",
            "Billing cycle: Annually",
            "Bandwidth: 500 GB",
            "Disk space (GB): 40",
            "Extra IP: 2 × IPv4"
        ]
    );
    // 1,200,000 + 1,791,000 + 48 + 480,000 + 1,440,000
    assert_eq!(e["estimate"]["subtotal"], "4911048.00");
    assert_eq!(e["estimate"]["total"], "5402152.80");

    for bad in [
        json!({"resources": {"1558": "205"}}),
        json!({"resources": {"1557": "777"}}),
        json!({"resources": {"1562": {"9990": "-1"}}}),
        json!({"package": "99"}),
    ] {
        s.post("/api/service/305/upgrade", bad)
            .await
            .assert_error(StatusCode::OK, "invalid_upgrade_option");
    }
    // Ordering nothing is refused; ordering the change makes an invoice.
    s.post("/api/service/305/upgrade", json!({"send": true}))
        .await
        .assert_error(StatusCode::OK, "invalid_upgrade_option");
    let (due_before, _) = s.mock.balance(&s.token).await;
    let mut order = body;
    order["send"] = json!(true);
    let r = s.post_ok("/api/service/305/upgrade", order).await;
    assert_eq!(r["info"], json!(["upgrade_request_sent"]));
    let invoice = r["invoice_id"].as_str().unwrap().to_string();
    let inv = s.ok(&format!("/api/invoice/{invoice}")).await;
    assert_eq!(inv["invoice"]["status"], "Unpaid", "{inv}");
    assert_eq!(inv["invoice"]["total"], json!(5402152.8));
    let (due_after, _) = s.mock.balance(&s.token).await;
    assert_eq!(due_before, "1250000.00");
    assert_eq!(due_after, "6652152.80");
}

// ---------------------------------------------------------------- VMs

#[tokio::test]
async fn vm_list_and_details() {
    let s = Session::demo().await;
    assert_eq!(
        s.ok("/api/service/302/vms").await,
        json!({"vms": [
            {"id": "5001", "label": "web-01", "status": "running", "template": "Ubuntu 22.04", "ipv4": "103.28.36.11"},
            {"id": "5002", "label": "db-01", "status": "stopped", "template": "Debian 12", "ipv4": "103.28.36.12"}
        ]})
    );
    assert_eq!(
        s.ok("/api/service/302/vms/5001").await,
        json!({"vm": {
            "id": "5001", "label": "web-01", "hostname": "web-01.bkns-demo.vn", "status": "running",
            "template": "Ubuntu 22.04", "template_id": "ubuntu-22.04", "flavor": "s2", "cpu": "2",
            "memory": "2048", "disk": "40", "ipv4": ["103.28.36.11"], "ipv6": ["2401:5f80:2000::11"],
            "created": day(-95), "rescue": "0"
        }})
    );
    let db = s.ok("/api/service/302/vms/5002").await;
    assert_eq!(
        (
            db["vm"]["flavor"].clone(),
            db["vm"]["cpu"].clone(),
            db["vm"]["memory"].clone(),
            db["vm"]["disk"].clone(),
            db["vm"]["ipv6"].clone()
        ),
        (json!("s4"), json!("4"), json!("4096"), json!("80"), json!([]))
    );
    assert_eq!(s.ok("/api/service/306/vms").await, json!({"vms": []}));
    s.get("/api/service/302/vms/9999").await.assert_error(StatusCode::OK, "vm_not_found");
    s.get("/api/service/306/vms/5001").await.assert_error(StatusCode::OK, "vm_not_found");
    for id in ["301", "303", "307"] {
        s.get(&format!("/api/service/{id}/vms"))
            .await
            .assert_error(StatusCode::OK, "vms_not_supported");
        s.post(&format!("/api/service/{id}/vms/5001/start"), json!(null))
            .await
            .assert_error(StatusCode::OK, "vms_not_supported");
    }
    // A cloud that does not offer them.
    s.get("/api/service/306/templates").await.assert_error(StatusCode::OK, "method_not_available");
}

#[tokio::test]
async fn power_state_machine_with_the_delay_setting() {
    let s = Session::demo().await;
    // A long delay to watch the transitional state.
    s.mock.config(json!({"vm_power_ms": 60_000})).await;
    assert_eq!(
        s.post_ok("/api/service/302/vms/5001/stop", json!(null)).await,
        json!({"info": ["vm_stop_sent"]})
    );
    assert_eq!(s.vm_status("5001").await, "stopping");
    assert_eq!(s.ok("/api/service/302/vms").await["vms"][0]["status"], "stopping");
    for action in ["start", "stop", "shutdown", "reboot", "reset", "rescue", "unrescue"] {
        s.post(&format!("/api/service/302/vms/5001/{action}"), json!(null))
            .await
            .assert_error(StatusCode::OK, "vm_busy");
    }
    s.post("/api/service/302/vms/5001/rebuild", json!({"template": "debian-12"}))
        .await
        .assert_error(StatusCode::OK, "vm_busy");
    // The delay is read at each read: shrinking it ends the transition.
    s.mock.config(json!({"vm_power_ms": 0})).await;
    assert_eq!(s.vm_status("5001").await, "stopped");
    s.post("/api/service/302/vms/5001/stop", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_already_stopped");
    s.post("/api/service/302/vms/5001/shutdown", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_already_stopped");
    s.post("/api/service/302/vms/5001/reboot", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_not_running");
    s.post("/api/service/302/vms/5001/reset", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_not_running");
    assert_eq!(
        s.post_ok("/api/service/302/vms/5001/start", json!(null)).await,
        json!({"info": ["vm_start_sent"]})
    );
    assert_eq!(s.vm_status("5001").await, "running");
    s.post("/api/service/302/vms/5001/start", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_already_running");
    // 5002 (stopped): each action shows its transition, then its end.
    for (action, during, after) in [
        ("start", "starting", "running"),
        ("reboot", "rebooting", "running"),
        ("reset", "rebooting", "running"),
        ("shutdown", "stopping", "stopped"),
    ] {
        s.mock.config(json!({"vm_power_ms": 60_000})).await;
        assert_eq!(
            s.post_ok(&format!("/api/service/302/vms/5002/{action}"), json!(null)).await,
            json!({"info": [format!("vm_{action}_sent")]})
        );
        assert_eq!(s.vm_status("5002").await, during, "{action}");
        s.mock.config(json!({"vm_power_ms": 0})).await;
        assert_eq!(s.vm_status("5002").await, after, "{action}");
    }
}

#[tokio::test]
async fn reboot_comes_back_after_real_time() {
    let s = Session::demo().await;
    s.mock.config(json!({"vm_power_ms": 1_500})).await;
    assert_eq!(
        s.post_ok("/api/service/302/vms/5001/reboot", json!(null)).await,
        json!({"info": ["vm_reboot_sent"]})
    );
    assert_eq!(s.vm_status("5001").await, "rebooting");
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(s.vm_status("5001").await, "running");
}

#[tokio::test]
async fn default_delays_are_four_and_six_seconds() {
    let m = mock();
    let c = m.get("/__mock/config", None).await.json();
    assert_eq!((c["vm_power_ms"].clone(), c["vm_rebuild_ms"].clone()), (json!(4000), json!(6000)));
}

#[tokio::test]
async fn rescue_and_unrescue() {
    let s = Session::demo().await;
    s.post("/api/service/302/vms/5001/unrescue", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_not_in_rescue");
    let r = s.post_ok("/api/service/302/vms/5001/rescue", json!(null)).await;
    assert_eq!(r["info"], json!(["vm_rescue_sent"]));
    assert_eq!(r["rescue"]["username"], "root");
    let password = r["rescue"]["password"].as_str().unwrap();
    assert_eq!(password.len(), 12);
    assert!(password.chars().all(|c| c.is_ascii_alphanumeric()));
    let vm = s.ok("/api/service/302/vms/5001").await;
    assert_eq!(
        (vm["vm"]["status"].as_str(), vm["vm"]["rescue"].as_str()),
        (Some("rescue"), Some("1"))
    );
    s.post("/api/service/302/vms/5001/rescue", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_already_in_rescue");
    assert_eq!(
        s.post_ok("/api/service/302/vms/5001/unrescue", json!(null)).await,
        json!({"info": ["vm_unrescue_sent"]})
    );
    let vm = s.ok("/api/service/302/vms/5001").await;
    assert_eq!(
        (vm["vm"]["status"].as_str(), vm["vm"]["rescue"].as_str()),
        (Some("running"), Some("0"))
    );
    // A stopped VM boots into rescue.
    s.post_ok("/api/service/302/vms/5002/rescue", json!(null)).await;
    assert_eq!(s.vm_status("5002").await, "rescue");
}

#[tokio::test]
async fn rebuild_with_a_template() {
    let s = Session::demo().await;
    for bad in [json!({"template": "plan9"}), json!({}), json!(null)] {
        s.post("/api/service/302/vms/5001/rebuild", bad)
            .await
            .assert_error(StatusCode::OK, "invalid_template");
    }
    s.mock.config(json!({"vm_rebuild_ms": 60_000, "vm_power_ms": 0})).await;
    assert_eq!(
        s.post_ok("/api/service/302/vms/5001/rebuild", json!({"template": "ubuntu-24.04"})).await,
        json!({"info": ["vm_rebuild_sent"]})
    );
    // The power delay (0) does not end a rebuild.
    assert_eq!(s.vm_status("5001").await, "rebuilding");
    s.post("/api/service/302/vms/5001/reboot", json!(null))
        .await
        .assert_error(StatusCode::OK, "vm_busy");
    s.mock.config(json!({"vm_rebuild_ms": 0})).await;
    let vm = s.ok("/api/service/302/vms/5001").await;
    assert_eq!(
        (
            vm["vm"]["status"].as_str(),
            vm["vm"]["template"].as_str(),
            vm["vm"]["template_id"].as_str()
        ),
        (Some("running"), Some("Ubuntu 24.04"), Some("ubuntu-24.04"))
    );
    // A stopped VM may be rebuilt; it runs afterwards.
    s.post_ok("/api/service/302/vms/5002/rebuild", json!({"template": "windows-2022"})).await;
    assert_eq!(s.vm_status("5002").await, "running");
}

#[tokio::test]
async fn templates_resources_and_networks() {
    let s = Session::demo().await;
    assert_eq!(
        s.ok("/api/service/302/templates").await,
        json!({"templates": [
            {"id": "ubuntu-22.04", "name": "Ubuntu 22.04 LTS", "os": "linux"},
            {"id": "ubuntu-24.04", "name": "Ubuntu 24.04 LTS", "os": "linux"},
            {"id": "debian-12", "name": "Debian 12", "os": "linux"},
            {"id": "almalinux-9", "name": "AlmaLinux 9", "os": "linux"},
            {"id": "windows-2022", "name": "Windows Server 2022", "os": "windows", "min_disk": "40"}
        ]})
    );
    assert_eq!(
        s.ok("/api/service/302/resources").await,
        json!({
            "resources": {
                "cpu": {"used": "6", "limit": "8", "unit": "vCPU"},
                "memory": {"used": "6144", "limit": "8192", "unit": "MB"},
                "disk": {"used": "120", "limit": "200", "unit": "GB"},
                "bandwidth": {"used": "312", "limit": "1000", "unit": "GB"},
                "vms": {"used": "2", "limit": "4", "unit": ""},
                "ipv4": {"used": "2", "limit": "4", "unit": ""}
            },
            "flavors": [
                {"id": "s1", "name": "1 vCPU · 1 GB", "cpu": "1", "memory": "1024"},
                {"id": "s2", "name": "2 vCPU · 2 GB", "cpu": "2", "memory": "2048"},
                {"id": "s4", "name": "4 vCPU · 4 GB", "cpu": "4", "memory": "4096"},
                {"id": "s8", "name": "8 vCPU · 8 GB", "cpu": "8", "memory": "8192"}
            ],
            "security_groups": [{"id": "sg-default", "name": "default"}, {"id": "sg-web", "name": "web (80, 443, 22)"}],
            "keypairs": [{"id": "kp-1", "name": "laptop-ed25519"}]
        })
    );
    assert_eq!(
        s.ok("/api/service/302/networks").await,
        json!({"networks": [
            {"id": "net-public", "name": "Public", "type": "public", "cidr": "103.28.36.0/24"},
            {"id": "net-private", "name": "Private", "type": "private", "cidr": "10.10.0.0/24"}
        ]})
    );
    for uri in
        ["/api/service/301/templates", "/api/service/303/resources", "/api/service/305/networks"]
    {
        s.get(uri).await.assert_error(StatusCode::OK, "vms_not_supported");
    }
}

fn new_vm(label: &str, flavor: &str, disk: &str) -> Value {
    json!({
        "label": label, "template": "ubuntu-24.04", "flavor": flavor, "disk": disk,
        "security_group": "sg-web", "keypair": "kp-1", "password": "Sao-Mai-2026"
    })
}

#[tokio::test]
async fn create_vm_within_the_quota() {
    let s = Session::demo().await;
    // 2 vCPU, 2048 MB, 80 GB and 2 VMs left.
    s.post("/api/service/302/vms", new_vm("big", "s4", "40"))
        .await
        .assert_error(StatusCode::OK, "quota_exceeded");
    s.post("/api/service/302/vms", new_vm("fat", "s1", "100"))
        .await
        .assert_error(StatusCode::OK, "quota_exceeded");
    s.mock.config(json!({"vm_power_ms": 60_000})).await;
    let r = s.post_ok("/api/service/302/vms", new_vm("Web 02", "s2", "40")).await;
    assert_eq!(r, json!({"info": ["vm_created"], "vm": {"id": "5003"}}));
    let vm = s.ok("/api/service/302/vms/5003").await;
    assert_eq!(vm["vm"]["status"], "starting");
    assert_eq!(vm["vm"]["hostname"], "web-02.bkns-demo.vn");
    assert_eq!(vm["vm"]["ipv4"], json!(["103.28.36.13"]));
    assert_eq!(vm["vm"]["created"], day(0));
    s.mock.config(json!({"vm_power_ms": 0})).await;
    assert_eq!(s.vm_status("5003").await, "running");
    let res = s.ok("/api/service/302/resources").await;
    assert_eq!(
        [
            &res["resources"]["cpu"]["used"],
            &res["resources"]["memory"]["used"],
            &res["resources"]["disk"]["used"],
            &res["resources"]["vms"]["used"],
            &res["resources"]["ipv4"]["used"]
        ],
        [&json!("8"), &json!("8192"), &json!("160"), &json!("3"), &json!("3")]
    );
    // Now the CPU is used up.
    s.post("/api/service/302/vms", new_vm("tiny", "s1", "10"))
        .await
        .assert_error(StatusCode::OK, "quota_exceeded");
    assert_eq!(s.ok("/api/service/302/vms").await["vms"].as_array().unwrap().len(), 3);
    // A suspended cloud does not offer it.
    s.post("/api/service/306/vms", new_vm("x", "s1", "10"))
        .await
        .assert_error(StatusCode::OK, "method_not_available");
}

#[tokio::test]
async fn create_vm_names_every_wrong_field() {
    let s = Session::demo().await;
    let v = s.post_ok("/api/service/302/vms", json!({})).await;
    assert_business_error(
        &v,
        &[
            "invalid_label",
            "invalid_template",
            "invalid_flavor",
            "invalid_disk",
            "invalid_password",
        ],
    );
    let with = |field: &str, value: Value| {
        let mut b = new_vm("ok", "s1", "20");
        b[field] = value;
        b
    };
    for (body, key) in [
        (with("label", json!("  ")), "invalid_label"),
        (with("label", json!("x".repeat(65))), "invalid_label"),
        (with("template", json!("plan9")), "invalid_template"),
        (with("flavor", json!("s3")), "invalid_flavor"),
        (with("disk", json!("9")), "invalid_disk"),
        (with("disk", json!(501)), "invalid_disk"),
        (with("disk", json!("ten")), "invalid_disk"),
        (with("security_group", json!("sg-nope")), "invalid_security_group"),
        (with("keypair", json!("kp-9")), "invalid_keypair"),
        (with("password", json!("Ab1")), "invalid_password"),
        (with("password", json!("abcdefgh")), "invalid_password"),
        (with("password", json!("12345678")), "invalid_password"),
    ] {
        let v = s.post_ok("/api/service/302/vms", body.clone()).await;
        assert_business_error(&v, &[key]);
    }
    // Windows needs 40 GB.
    let mut win = new_vm("win", "s1", "30");
    win["template"] = json!("windows-2022");
    assert_business_error(&s.post_ok("/api/service/302/vms", win.clone()).await, &["invalid_disk"]);
    win["disk"] = json!("40");
    assert_eq!(s.post_ok("/api/service/302/vms", win).await["info"], json!(["vm_created"]));
    // Security group and key pair are optional.
    let mut plain = new_vm("plain", "s1", "10");
    plain.as_object_mut().unwrap().retain(|k, _| k != "security_group" && k != "keypair");
    assert_eq!(s.post_ok("/api/service/302/vms", plain).await["vm"]["id"], "5004");
}

// ---------------------------------------------------------------- IPs, pools, interfaces

#[tokio::test]
async fn vm_ips_and_their_filters() {
    let s = Session::demo().await;
    assert_eq!(
        s.ok("/api/service/302/vms/5001/ips").await,
        json!({"ips": [
            {"id": "9001", "ip": "103.28.36.11", "type": "ipv4", "iface": "net0", "gateway": "103.28.36.1", "netmask": "255.255.255.0"},
            {"id": "9002", "ip": "2401:5f80:2000::11", "type": "ipv6", "iface": "net0", "gateway": "2401:5f80:2000::1", "netmask": "64"}
        ]})
    );
    let ids = |v: Value| -> Vec<String> {
        v["ips"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(s.ok("/api/service/302/vms/5001/ips?type=ipv6").await), ["9002"]);
    assert_eq!(ids(s.ok("/api/service/302/vms/5001/ips?type=ipv4&iface=0").await), ["9001"]);
    assert_eq!(
        ids(s.ok("/api/service/302/vms/5001/ips?iface=net0&bridge=vmbr9").await),
        ["9001", "9002"]
    );
    assert!(ids(s.ok("/api/service/302/vms/5001/ips?iface=net7").await).is_empty());
    assert!(ids(s.ok("/api/service/302/vms/5001/ips?bridge=vmbr9").await).is_empty());
    assert_eq!(ids(s.ok("/api/service/302/vms/5002/ips").await), ["9003"]);
}

#[tokio::test]
async fn ip_pool_runs_out_on_the_third_ipv4() {
    let s = Session::demo().await;
    let pools = json!({"pools": [
        {"id": "11", "name": "Public IPv4", "type": "ipv4", "free": "2"},
        {"id": "12", "name": "Public IPv6", "type": "ipv6", "free": "50"}
    ]});
    assert_eq!(s.ok("/api/service/302/vms/5001/ippool").await, pools);
    assert_eq!(s.ok("/api/service/302/vms/5001/ippool?iface=net0").await, pools);
    assert_eq!(s.ok("/api/service/302/vms/5001/ippool?bridge=vmbr9").await, json!({"pools": []}));

    let first = s
        .post_ok("/api/service/302/vms/5001/ippool/11", json!({"type": "ipv4", "iface": "net0"}))
        .await;
    assert_eq!(first["info"], json!(["ip_assigned"]));
    assert_eq!(
        (first["ip"]["ip"].as_str(), first["ip"]["type"].as_str()),
        (Some("103.28.36.13"), Some("ipv4"))
    );
    let new_id = first["ip"]["id"].as_str().unwrap().to_string();
    let second = s
        .post_ok("/api/service/302/vms/5002/ippool/11", json!({"type": "ipv4", "iface": "0"}))
        .await;
    assert_eq!(second["ip"]["ip"], "103.28.36.14");
    s.post("/api/service/302/vms/5001/ippool/11", json!({"type": "ipv4", "iface": "net0"}))
        .await
        .assert_error(StatusCode::OK, "ip_pool_exhausted");
    assert_eq!(s.ok("/api/service/302/vms/5001/ippool").await["pools"][0]["free"], "0");
    // The new address is the VM's, on its interface, and the service's.
    let ips = s.ok("/api/service/302/vms/5001/ips?type=ipv4").await;
    assert_eq!(ips["ips"][1]["id"].as_str(), Some(new_id.as_str()));
    assert_eq!(
        s.ok("/api/service/302/vms/5001/interfaces/net0").await["interface"]["ipv4"],
        json!(["9001", new_id])
    );
    assert!(s.ok("/api/service/302/ip").await.to_string().contains("103.28.36.14"));
    assert_eq!(s.ok("/api/service/302/resources").await["resources"]["ipv4"]["used"], "4");
    // IPv6 still has addresses; the body is optional.
    let v6 = s.post_ok("/api/service/302/vms/5001/ippool/12", json!(null)).await;
    assert_eq!(v6["ip"]["type"], "ipv6");
    // Refusals.
    s.post("/api/service/302/vms/5001/ippool/12", json!({"type": "ipv4"}))
        .await
        .assert_error(StatusCode::OK, "invalid_type");
    s.post("/api/service/302/vms/5001/ippool/99", json!({"type": "ipv4"}))
        .await
        .assert_error(StatusCode::OK, "invalid_pool");
    s.post("/api/service/302/vms/5001/ippool/12", json!({"iface": "net5"}))
        .await
        .assert_error(StatusCode::OK, "invalid_iface");
}

#[tokio::test]
async fn interfaces_list_edit_add_remove() {
    let s = Session::demo().await;
    let net0 = json!({"id": "net0", "iface": "net0", "mac": "52:54:00:ab:cd:01", "bridge": "vmbr0",
                      "firewall": "1", "ipv4": ["9001"], "ipv6": ["9002"]});
    assert_eq!(
        s.ok("/api/service/302/vms/5001/interfaces").await,
        json!({"interfaces": [net0.clone()]})
    );
    assert_eq!(s.ok("/api/service/302/vms/5001/interfaces/net0").await, json!({"interface": net0}));
    assert_eq!(s.ok("/api/service/302/vms/5001/interfaces/0").await["interface"]["id"], "net0");
    s.get("/api/service/302/vms/5001/interfaces/net3")
        .await
        .assert_error(StatusCode::OK, "interface_not_found");

    // Edit: firewall off, IPv6 off the interface.
    assert_eq!(
        s.mock
            .put_ok(
                "/api/service/302/vms/5001/interfaces/net0",
                json!({"firewall": "0", "ipv6": []}),
                &s.token
            )
            .await,
        json!({"info": ["interface_updated"]})
    );
    let i = s.ok("/api/service/302/vms/5001/interfaces/net0").await;
    assert_eq!(
        (
            i["interface"]["firewall"].clone(),
            i["interface"]["ipv4"].clone(),
            i["interface"]["ipv6"].clone()
        ),
        (json!("0"), json!(["9001"]), json!([]))
    );
    for bad in [json!({"ipv4": ["9003"]}), json!({"ipv4": ["9002"]}), json!({"ipv6": "9001"})] {
        s.put("/api/service/302/vms/5001/interfaces/net0", bad)
            .await
            .assert_error(StatusCode::OK, "invalid_ip");
    }
    s.put("/api/service/302/vms/5001/interfaces/net0", json!({"firewall": "maybe"}))
        .await
        .assert_error(StatusCode::OK, "invalid_firewall");

    // Add one with the IPv6 address.
    assert_eq!(
        s.post_ok(
            "/api/service/302/vms/5001/interfaces",
            json!({"firewall": "1", "ipv6": ["9002"]})
        )
        .await,
        json!({"info": ["interface_added"], "interface": {"id": "net1"}})
    );
    let list = s.ok("/api/service/302/vms/5001/interfaces").await;
    assert_eq!(list["interfaces"][1]["ipv6"], json!(["9002"]));
    assert_eq!(list["interfaces"][1]["mac"], "52:54:00:ab:cd:03");
    // Move the IPv4 address there (it leaves net0).
    s.mock
        .put_ok("/api/service/302/vms/5001/interfaces/1", json!({"ipv4": ["9001"]}), &s.token)
        .await;
    assert_eq!(
        s.ok("/api/service/302/vms/5001/interfaces/net0").await["interface"]["ipv4"],
        json!([])
    );
    assert_eq!(
        s.ok("/api/service/302/vms/5001/ips?iface=net1").await["ips"].as_array().unwrap().len(),
        2
    );

    // Remove it; the last one stays.
    assert_eq!(
        s.delete("/api/service/302/vms/5001/interfaces/net1").await.ok_json(),
        json!({"info": ["interface_removed"]})
    );
    s.delete("/api/service/302/vms/5001/interfaces/net0")
        .await
        .assert_error(StatusCode::OK, "interface_last");
    s.delete("/api/service/302/vms/5001/interfaces/net1")
        .await
        .assert_error(StatusCode::OK, "interface_not_found");
    assert_eq!(
        s.ok("/api/service/302/vms/5001/interfaces").await["interfaces"].as_array().unwrap().len(),
        1
    );
}

// ---------------------------------------------------------------- service IPs and reverse DNS

#[tokio::test]
async fn service_ips() {
    let s = Session::demo().await;
    assert_eq!(
        s.ok("/api/service/302/ip").await,
        json!({"ips": [
            {"ip": "103.28.36.11", "type": "ipv4"},
            {"ip": "2401:5f80:2000::11", "type": "ipv6"},
            {"ip": "103.28.36.12", "type": "ipv4"}
        ]})
    );
    assert_eq!(
        s.ok("/api/service/303/ip").await,
        json!({"ips": [
            {"ip": "103.28.37.50", "type": "ipv4"},
            {"ip": "103.28.37.51", "type": "ipv4"},
            {"ip": "2401:5f80:3000::50", "type": "ipv6"}
        ]})
    );
    s.get("/api/service/301/ip").await.assert_error(StatusCode::OK, "method_not_available");
    s.get("/api/service/301/rdns").await.assert_error(StatusCode::OK, "method_not_available");
}

#[tokio::test]
async fn rdns_set_remove_and_invalid() {
    let s = Session::demo().await;
    assert_eq!(
        s.ok("/api/service/302/rdns").await,
        json!({"rdns": {"103.28.36.11": "web-01.bkns-demo.vn"}})
    );
    assert_eq!(s.ok("/api/service/303/rdns").await, json!({"rdns": []}));

    // Set two at once (one IPv6 written another way), and remove one.
    assert_eq!(
        s.post_ok(
            "/api/service/302/rdns",
            json!({"ipaddress": {
                "103.28.36.12": "DB-01.bkns-demo.vn.", "2401:5f80:2000:0::11": "v6.bkns-demo.vn"
            }})
        )
        .await,
        json!({"info": ["rdns_updated"]})
    );
    s.post_ok("/api/service/302/rdns", json!({"ipaddress": {"103.28.36.11": ""}})).await;
    assert_eq!(
        s.ok("/api/service/302/rdns").await,
        json!({"rdns": {"103.28.36.12": "db-01.bkns-demo.vn", "2401:5f80:2000::11": "v6.bkns-demo.vn"}})
    );

    // Wrong entries change nothing.
    let before = s.ok("/api/service/302/rdns").await;
    for (body, key) in [
        (json!({"ipaddress": {"103.28.37.50": "a.bkns-demo.vn"}}), "invalid_ip"),
        (json!({"ipaddress": {"not-an-ip": "a.bkns-demo.vn"}}), "invalid_ip"),
        (json!({"ipaddress": {}}), "invalid_ip"),
        (json!({}), "invalid_ip"),
        (
            json!({"ipaddress": {"103.28.36.12": "x.bkns-demo.vn", "103.28.36.11": "bad_host!.vn"}}),
            "invalid_hostname",
        ),
        (json!({"ipaddress": {"103.28.36.11": "nodot"}}), "invalid_hostname"),
        (json!({"ipaddress": {"103.28.36.11": "-a.bkns-demo.vn"}}), "invalid_hostname"),
        (
            json!({"ipaddress": {"103.28.36.11": format!("{}.vn", "a".repeat(64))}}),
            "invalid_hostname",
        ),
        (json!({"ipaddress": {"103.28.36.11": 5}}), "invalid_hostname"),
    ] {
        s.post("/api/service/302/rdns", body.clone()).await.assert_error(StatusCode::OK, key);
    }
    assert_eq!(s.ok("/api/service/302/rdns").await, before);

    // Form encoding, PHP style, on the dedicated server.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/service/303/rdns")
        .header(header::AUTHORIZATION, format!("Bearer {}", s.token))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("ipaddress%5B103.28.37.50%5D=ds1.bkns-demo.vn"))
        .unwrap();
    assert_eq!(s.mock.request(req).await.ok_json(), json!({"info": ["rdns_updated"]}));
    assert_eq!(
        s.ok("/api/service/303/rdns").await,
        json!({"rdns": {"103.28.37.50": "ds1.bkns-demo.vn"}})
    );
}

// ---------------------------------------------------------------- routing

#[tokio::test]
async fn unknown_vm_routes_are_invalid_method() {
    let s = Session::demo().await;
    s.post("/api/service/302/vms/5001/explode", json!(null))
        .await
        .assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.get("/api/service/302/vms/5001/start")
        .await
        .assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.delete("/api/service/302").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.get("/api/service/303/backups").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let s = Session::demo().await;
    s.post_ok("/api/service/302/vms/5001/rescue", json!(null)).await;
    s.post_ok("/api/service/301/label", json!({"label": "x"})).await;
    assert_eq!(s.mock.post("/__mock/reset", json!(null), None).await.status, StatusCode::OK);
    let s2 = Session { token: s.mock.demo().await, mock: s.mock };
    assert_eq!(s2.vm_status("5001").await, "running");
    assert_eq!(s2.ok("/api/service/301/label").await, json!({"label": ""}));
}
