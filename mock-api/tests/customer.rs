//! Sign-up, profile, contacts, notifications, statuses, business lookups
//! and the location cascade, driven through the router with
//! `tower::ServiceExt::oneshot` (no network).

mod common;

use common::mock;
use serde_json::{json, Value};

fn signup_body() -> Value {
    json!({
        "type": "Private", "companyname": "", "taxid": "", "gender": "female",
        "lastname": "Lê Thị", "firstname": "Hoa", "email": "hoa.le@example.vn",
        "phonenumber": "0987654321", "zalonumber": "0987654321", "nationalid": "001190012345",
        "birthday": "05-11-1990", "country": "VN", "state": "Thành phố Hà Nội",
        "city": "Quận Hoàn Kiếm", "ward": "Phường Hàng Bạc", "address1": "27 Hàng Bạc",
        "password": "Hoa@2026xyz", "currency": "VND"
    })
}

// ------------------------------------------------------------------ sign-up

#[tokio::test]
async fn signup_creates_an_account_that_can_log_in() {
    let m = mock();
    let v = m.post("/api/signup", signup_body(), None).await.ok_json();
    assert_eq!(v, json!({"info": ["client_registered"]}));
    let token = m.login("hoa.le@example.vn", "Hoa@2026xyz").await;
    let d = m.get_ok("/api/details", &token).await;
    assert_eq!(d["client"]["firstname"], "Hoa");
    assert_eq!(d["client"]["ward"], "Phường Hàng Bạc");
    assert_eq!(d["client"]["birthday"], "05-11-1990");
    assert_eq!(d["client"]["gender"], "female");
    let b = m.get_ok("/api/balance", &token).await;
    assert_eq!(b["details"]["currency"], "VND");
    // the new account has a welcome notification and a log line
    let n = m.get_ok("/api/notifications/new", &token).await;
    assert_eq!(n["notifications"].as_array().unwrap().len(), 1);
    let l = m.get_ok("/api/logs", &token).await;
    assert_eq!(l["logs"][0]["action"], "Tạo tài khoản");
}

#[tokio::test]
async fn signup_errors_name_their_fields_with_http_200() {
    let m = mock();
    let v = m.post("/api/signup", json!({"type": "Company"}), None).await.ok_json();
    let errors: Vec<&str> =
        v["error"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    for e in [
        "Organization is required",
        "Tax ID is required",
        "First Name is required",
        "Email Address is required",
        "Phone is required",
        "CCCD/Passport is required",
        "Ward is required",
        "Address 1 is required",
        "Password is required",
    ] {
        assert!(errors.contains(&e), "{e} missing in {errors:?}");
    }
    // bad formats, a ward in the wrong district, an e-mail already used
    let mut body = signup_body();
    body["email"] = json!("demo@bkns.vn");
    body["phonenumber"] = json!("12345");
    body["nationalid"] = json!("1234");
    body["birthday"] = json!("1990-11-05");
    body["ward"] = json!("Phường Bến Nghé");
    let v = m.post("/api/signup", body, None).await.json();
    assert_eq!(
        v,
        json!({"error": ["Phone number is invalid", "CCCD/Passport is invalid", "Birthday must be dd-mm-yyyy",
                         "Ward is not in City", "useralreadyexistsemail_error"]})
    );
    // nothing was created
    let v = m
        .post("/api/login", json!({"username": "demo@bkns.vn", "password": "Hoa@2026xyz"}), None)
        .await
        .json();
    assert_eq!(v, json!({"error": ["wronglogin"]}));
}

#[tokio::test]
async fn organisation_signup_needs_company_and_taxid() {
    let m = mock();
    let mut body = signup_body();
    body["type"] = json!("Company");
    body["companyname"] = json!("CÔNG TY TNHH GIẢI PHÁP SỐ SAO VIỆT");
    body["taxid"] = json!("0312345678");
    body["email"] = json!("ketoan@saoviet.vn");
    let v = m.post("/api/signup", body, None).await.ok_json();
    assert_eq!(v["info"][0], "client_registered");
    let token = m.login("ketoan@saoviet.vn", "Hoa@2026xyz").await;
    let d = m.get_ok("/api/details", &token).await;
    assert_eq!(d["client"]["type"], "Company");
    assert_eq!(d["client"]["taxid"], "0312345678");
}

#[tokio::test]
async fn password_reset_and_email_lookup() {
    let m = mock();
    let v = m.post("/api/passwordreset", json!({"email": "demo@bkns.vn"}), None).await.ok_json();
    assert_eq!(v, json!({"info": ["forgetthanks2"]}));
    let v = m.post("/api/passwordreset", json!({"email": "nobody@bkns.vn"}), None).await.ok_json();
    assert_eq!(v, json!({"error": ["emailnotfound"]}));
    let v = m.get("/api/clientarea/emailloginbkns?name=DEMO%40bkns.vn", None).await.ok_json();
    assert_eq!(v, json!({"exists": true}));
    let v = m.get("/api/clientarea/emailloginbkns?name=x%40y.vn", None).await.ok_json();
    assert_eq!(v, json!({"exists": false}));
}

#[tokio::test]
async fn tax_id_lookups() {
    let m = mock();
    let v = m.get("/api/clientarea/businessinfo?taxid=0312345678", None).await.ok_json();
    assert_eq!(v["success"], true);
    assert_eq!(v["data"]["name"], "CÔNG TY TNHH GIẢI PHÁP SỐ SAO VIỆT");
    assert_eq!(v["data"]["ward"], "Phường Bến Thành");
    let v = m.get("/api/clientarea/businessinfo?taxid=0399999999", None).await.ok_json();
    assert_eq!(v, json!({"error": ["taxid_not_found"]}));
    let v = m.get("/api/clientarea/businessinfo?taxid=abc", None).await.ok_json();
    assert_eq!(v, json!({"error": ["Tax ID is invalid"]}));
    let v = m.get("/api/clientarea/gethouseholds?taxid=8012345678", None).await.ok_json();
    assert_eq!(v["households"][0]["name"], "HỘ KINH DOANH TẠP HOÁ MINH ANH");
    let v = m.get("/api/clientarea/gethouseholds?taxid=8099999999", None).await.ok_json();
    assert_eq!(v["households"], json!([]));
}

// ------------------------------------------------------------------ location

#[tokio::test]
async fn location_cascade_by_id_and_by_name() {
    let m = mock();
    let c = m.get("/api/location/countries", None).await.ok_json();
    assert_eq!(c["countries"]["VN"], "Việt Nam");
    assert_eq!(c["countries"]["US"], "Hoa Kỳ");
    let s = m.get("/api/location/VN/state", None).await.ok_json();
    let states = s["states"].as_array().unwrap();
    assert_eq!(states.len(), 63);
    let hcm = states.iter().find(|p| p["name"] == "Thành phố Hồ Chí Minh").unwrap();
    assert_eq!(hcm["id"], "79");
    let cities = m.get("/api/location/state/79/city", None).await.ok_json();
    let q1 = cities["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Quận 1")
        .unwrap()
        .clone();
    assert_eq!(q1["id"], "760");
    let wards = m.get("/api/location/city/760/ward", None).await.ok_json();
    let names: Vec<&str> =
        wards["wards"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Phường Bến Nghé"), "{names:?}");
    assert_eq!(names.len(), 10);
    // by name, with percent-encoded Vietnamese
    let by_name = m
        .get(
            "/api/location/state/city/Th%C3%A0nh%20ph%E1%BB%91%20H%E1%BB%93%20Ch%C3%AD%20Minh",
            None,
        )
        .await
        .ok_json();
    assert_eq!(by_name, cities);
    let w = m.get("/api/location/city/ward/Qu%E1%BA%ADn%201", None).await.ok_json();
    assert_eq!(w, wards);
    // other countries: names only
    let us = m.get("/api/location/us/state", None).await.ok_json();
    assert_eq!(us["states"][0], "California");
    let ca = m.get("/api/location/state/city/California", None).await.ok_json();
    assert_eq!(ca["cities"], json!(["Los Angeles", "San Francisco", "San Jose", "Santa Rosa"]));
    let sr = m.get("/api/location/city/ward/Santa%20Rosa", None).await.ok_json();
    assert_eq!(sr, json!({"wards": []}));
    // unknown → empty lists; public (no token needed)
    assert_eq!(m.get("/api/location/XX/state", None).await.ok_json(), json!({"states": []}));
    assert_eq!(
        m.get("/api/location/state/999999/city", None).await.ok_json(),
        json!({"cities": []})
    );
}

// ------------------------------------------------------------------ profile and logs

#[tokio::test]
async fn put_details_changes_only_what_is_sent() {
    let m = mock();
    let t = m.demo().await;
    let v = m
        .put_ok(
            "/api/details",
            json!({"phonenumber": "0911222333", "address1": "14 Nguyễn Huệ"}),
            &t,
        )
        .await;
    assert_eq!(v, json!({"info": ["client_info_updated"]}));
    let d = m.get_ok("/api/details", &t).await;
    assert_eq!(d["client"]["phonenumber"], "0911222333");
    assert_eq!(d["client"]["address1"], "14 Nguyễn Huệ");
    assert_eq!(d["client"]["firstname"], "An");
    let v = m
        .put_ok("/api/details", json!({"email": "api@example.com", "birthday": "1/1/1990"}), &t)
        .await;
    assert_eq!(
        v,
        json!({"error": ["Birthday must be dd-mm-yyyy", "useralreadyexistsemail_error"]})
    );
    let logs = m.get_ok("/api/logs", &t).await;
    let logs = logs["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 24);
    assert_eq!(logs[0]["action"], "Cập nhật thông tin tài khoản");
    assert!(logs
        .iter()
        .all(|l| l["id"].is_string() && l["date"].is_string() && l["ip"].is_string()));
}

#[tokio::test]
async fn put_details_takes_the_fields_read_from_an_id_card() {
    // what /ekyc's "copy to my profile" sends: only the fields read
    let m = mock();
    let t = m.login("api@example.com", "secret").await;
    let card = json!({
        "lastname": "Nguyễn Văn", "firstname": "An", "gender": "male", "nationalid": "079090001234",
        "birthday": "15-03-1990", "address1": "12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, Hồ Chí Minh"
    });
    assert_eq!(
        m.put_ok("/api/details", card.clone(), &t).await,
        json!({"info": ["client_info_updated"]})
    );
    let c = &m.get_ok("/api/details", &t).await["client"];
    for (k, v) in card.as_object().unwrap() {
        assert_eq!(&c[k], v, "{k}");
    }
    // what was not sent is unchanged
    assert_eq!(c["email"], "api@example.com");
    assert_eq!(c["phonenumber"], "+1.24123123");
    assert_eq!(c["country"], "US");
    assert_eq!(c["city"], "Santa Rosa");
    // a misread id is refused and nothing changes
    let v = m.put_ok("/api/details", json!({"nationalid": "07909", "firstname": "Bình"}), &t).await;
    assert_eq!(v, json!({"error": ["CCCD/Passport is invalid"]}));
    assert_eq!(m.get_ok("/api/details", &t).await["client"]["firstname"], "An");
}

// ------------------------------------------------------------------ contacts

#[tokio::test]
async fn contact_list_and_details_match_the_doc_shapes() {
    let m = mock();
    let t = m.login("api@example.com", "secret").await;
    let v = m.get_ok("/api/contact", &t).await;
    assert_eq!(
        v,
        json!({"contacts": [{"email": "mary@example.com", "id": "49", "firstname": "Mary", "lastname": "Sue",
                              "companyname": "", "company": "0", "lastlogin": "0000-00-00 00:00:00"}]})
    );
    let v = m.get_ok("/api/contact/49", &t).await;
    assert_eq!(v["contact"]["privileges"], json!({"support": ["tickets", "newticket"]}));
    assert_eq!(v["contact"]["type"], "Private");
    let p = m.get_ok("/api/contact/privileges", &t).await;
    assert_eq!(p["privileges"]["services"]["332"][0], "basic");
    assert_eq!(p["privileges"]["domains"]["full"], 1);
    // another account's contact is not visible
    let demo = m.demo().await;
    assert_eq!(m.get_ok("/api/contact/49", &demo).await, json!({"error": ["Contact not found"]}));
}

#[tokio::test]
async fn contact_add_and_edit_with_privileges() {
    let m = mock();
    let t = m.demo().await;
    let body = json!({
        "password": "Lan@2026", "type": "Private", "firstname": "Lan", "lastname": "Phạm",
        "email": "lan.pham@example.vn", "phonenumber": "0977000111", "country": "VN",
        "state": "Thành phố Đà Nẵng", "city": "Quận Sơn Trà", "ward": "Phường Phước Mỹ", "address1": "1 Võ Văn Kiệt",
        "postcode": "550000", "telegramnotifications": ["1"], "zalonotifications": [],
        "privileges": {"billing": ["emails", "payinvoice"], "services": {"1201": ["basic", "billing"]}, "domains": {"full": 1}}
    });
    let v = m.post_ok("/api/contact", body, &t).await;
    assert_eq!(v, json!({"contact_id": "51", "info": ["profile_added"]}));
    let c = m.get_ok("/api/contact/51", &t).await["contact"].clone();
    assert_eq!(
        c["privileges"],
        json!({"billing": ["emails", "payinvoice"], "services": {"1201": ["basic", "billing"]}, "domains": {"full": 1}})
    );
    assert_eq!(c["telegramnotifications"], json!(["1"]));
    assert!(c.get("password").is_none(), "the password is never shown");

    let v = m
        .put_ok(
            "/api/contact/51",
            json!({"lastname": "Phạm Thị", "privileges": {"support": ["tickets"]}}),
            &t,
        )
        .await;
    assert_eq!(v, json!({"info": ["profile_updated"]}));
    let c = m.get_ok("/api/contact/51", &t).await["contact"].clone();
    assert_eq!(c["lastname"], "Phạm Thị");
    assert_eq!(c["firstname"], "Lan");
    assert_eq!(c["privileges"], json!({"support": ["tickets"]}));
    // emptied privileges are PHP's []
    m.put_ok("/api/contact/51", json!({"privileges": {}}), &t).await;
    assert_eq!(m.get_ok("/api/contact/51", &t).await["contact"]["privileges"], json!([]));
    let list = m.get_ok("/api/contact", &t).await;
    assert_eq!(list["contacts"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn contact_errors() {
    let m = mock();
    let t = m.demo().await;
    let v = m
        .post_ok("/api/contact", json!({"email": "x@y.vn", "privileges": {"billing": ["fly"]}}), &t)
        .await;
    assert_eq!(v, json!({"error": ["Privileges are invalid"]}));
    let v = m.post_ok("/api/contact", json!({"email": "demo@bkns.vn"}), &t).await;
    assert_eq!(v, json!({"error": ["useralreadyexistsemail_error"]}));
    let v = m.post_ok("/api/contact", json!({"firstname": "A"}), &t).await;
    assert_eq!(v, json!({"error": ["Email Address is required"]}));
    let v = m.put_ok("/api/contact/999", json!({}), &t).await;
    assert_eq!(v, json!({"error": ["Contact not found"]}));
}

// ------------------------------------------------------------------ notifications and statuses

#[tokio::test]
async fn notifications_filter_and_ack() {
    let m = mock();
    let t = m.demo().await;
    let all = m.get_ok("/api/notifications", &t).await;
    assert_eq!(all["notifications"].as_array().unwrap().len(), 5);
    let invoices = m.get_ok("/api/notifications?rel_type=Invoice", &t).await;
    assert_eq!(invoices["notifications"].as_array().unwrap().len(), 2);
    let new = m.get_ok("/api/notifications/new", &t).await;
    assert_eq!(new["notifications"].as_array().unwrap().len(), 3);
    assert_eq!(
        m.put_ok("/api/notifications/305/ack", json!({}), &t).await,
        json!({"status": true})
    );
    let new = m.get_ok("/api/notifications/new", &t).await;
    assert_eq!(new["notifications"].as_array().unwrap().len(), 2);
    // acknowledging twice is harmless; unknown ids are an error
    m.put_ok("/api/notifications/305/ack", json!({}), &t).await;
    assert_eq!(
        m.put_ok("/api/notifications/1/ack", json!({}), &t).await,
        json!({"error": ["Notification not found"]})
    );
}

#[tokio::test]
async fn statuses_list_filter_and_details() {
    let m = mock();
    let t = m.demo().await;
    let all = m.get_ok("/api/statuses", &t).await;
    assert_eq!(all["statuses"].as_array().unwrap().len(), 3);
    let open = m.get_ok("/api/statuses?status=In%20Progress", &t).await;
    assert_eq!(open["statuses"][0]["id"], "6");
    let d = m.put_ok("/api/statuses/6", json!({}), &t).await;
    assert_eq!(d["details"]["title"], "Chậm phản hồi DNS khu vực miền Nam");
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let m = mock();
    m.post("/api/signup", signup_body(), None).await.ok_json();
    let t = m.demo().await;
    m.put_ok("/api/notifications/305/ack", json!({}), &t).await;
    m.post("/__mock/reset", json!({}), None).await.ok_json();
    let t = m.demo().await;
    assert_eq!(
        m.get_ok("/api/notifications/new", &t).await["notifications"].as_array().unwrap().len(),
        3
    );
    let v = m
        .post(
            "/api/login",
            json!({"username": "hoa.le@example.vn", "password": "Hoa@2026xyz"}),
            None,
        )
        .await
        .json();
    assert_eq!(v, json!({"error": ["wronglogin"]}));
}
