//! Section "Support" (catalog endpoints 34-39) and HostBill's standard
//! `GET /tickets` and `GET /tickets/@number`, against
//! fixtures/api/contract-support.md: the reference's answers, the status
//! flips, attachments, the `ticket_listing` switch, the staff-reply hook,
//! every refusal, and isolation between accounts.
//!
//! The seed's dates are relative to today; the `*.contract.json` fixtures
//! show them as on 2026-12-04 and are shifted before comparing.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{keys, mock_with, Session};
use mock_api::domain_data::{civil_from_days, days_from_civil, today};
use mock_api::{Config, Settings};
use serde_json::{json, Value};

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

const TICKET_POST: &str = include_str!("../../fixtures/api/support_ticket_post.json");
const TICKET_POST_REQUEST: &str =
    include_str!("../../fixtures/api/support_ticket_post.request.json");
const REPLY_POST: &str = include_str!("../../fixtures/api/support_reply_post.json");
const REPLY_POST_REQUEST: &str = include_str!("../../fixtures/api/support_reply_post.request.json");
const TICKET_OPEN: &str = include_str!("../../fixtures/api/support_ticket_open.json");
const TICKET_CLOSE: &str = include_str!("../../fixtures/api/support_ticket_close.json");
const LIST_STANDARD: &str = include_str!("../../fixtures/api/support_tickets.json");
const THREAD_STANDARD: &str = include_str!("../../fixtures/api/support_ticket.json");
const DEPARTMENTS: &str = include_str!("../../fixtures/api/support_departments.contract.json");
const LIST_DEMO: &str = include_str!("../../fixtures/api/support_tickets.contract.json");
const THREAD_ANSWERED: &str =
    include_str!("../../fixtures/api/support_thread_answered.contract.json");
const THREAD_OPEN: &str = include_str!("../../fixtures/api/support_thread_open.contract.json");
const STAFF_REPLY: &str = include_str!("../../fixtures/api/support_staff_reply.contract.json");

/// The day the contract fixtures were written (their dates are that day's).
const FIXTURE_DAY: (i64, u32, u32) = (2026, 12, 4);

/// A contract fixture with its "YYYY-MM-DD HH:MM:SS" dates moved to today.
fn dated(text: &str) -> Value {
    fn shift(v: &mut Value, by: i64) {
        match v {
            Value::String(s) if is_stamp(s) => {
                let (y, m, d) = (s[..4].parse().unwrap(), s[5..7].parse().unwrap(), &s[8..10]);
                let (y, m, d) = civil_from_days(days_from_civil(y, m, d.parse().unwrap()) + by);
                *s = format!("{y:04}-{m:02}-{d:02}{}", &s[10..]);
            }
            Value::Array(items) => items.iter_mut().for_each(|i| shift(i, by)),
            Value::Object(map) => map.values_mut().for_each(|i| shift(i, by)),
            _ => {}
        }
    }
    let mut v = fixture(text);
    let (y, m, d) = FIXTURE_DAY;
    shift(&mut v, today() - days_from_civil(y, m, d));
    v
}

/// "YYYY-MM-DD HH:MM:SS".
fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

impl Session {
    /// The row of ticket `number` in `GET /tickets`.
    async fn row(&self, number: &str) -> Value {
        let list = self.ok("/api/tickets").await;
        let rows = list["tickets"].as_array().unwrap();
        rows.iter().find(|t| t["ticket_number"] == number).cloned().unwrap_or(Value::Null)
    }

    async fn status_of(&self, number: &str) -> String {
        self.row(number).await["status"].as_str().unwrap().to_string()
    }

    /// `POST /__mock/tickets/@number/staff-reply`, no token.
    async fn staff_reply(&self, number: &str, body: Value) -> common::Reply {
        self.mock.post(&format!("/__mock/tickets/{number}/staff-reply"), body, None).await
    }
}

// ---------------------------------------------------------------- departments

#[tokio::test]
async fn departments_as_the_contract() {
    let s = Session::demo().await;
    let v = s.ok("/api/ticket/departments").await;
    assert_eq!(v, fixture(DEPARTMENTS));
    let depts = v["depts"].as_array().unwrap();
    assert_eq!(depts.len(), 3);
    assert!(depts.iter().any(|d| d["description"] == ""), "one has no description");
    // The same for every account.
    let example = Session::login("api@example.com", "secret").await;
    assert_eq!(example.ok("/api/ticket/departments").await, v);
}

// ---------------------------------------------------------------- list and thread

#[tokio::test]
async fn list_has_hostbill_standard_shape_and_the_seed() {
    let s = Session::demo().await;
    let v = s.ok("/api/tickets").await;
    assert_eq!(keys(&v), keys(&fixture(LIST_STANDARD)));
    assert_eq!(keys(&v["tickets"][0]), keys(&fixture(LIST_STANDARD)["tickets"][0]));
    assert_eq!(v, dated(LIST_DEMO));
    let rows = v["tickets"].as_array().unwrap();
    let statuses: BTreeSet<&str> = rows.iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses,
        BTreeSet::from(["Open", "Answered", "Client-Reply", "In-Progress", "Closed"])
    );
    // Latest activity first.
    let last: Vec<&str> = rows.iter().map(|t| t["lastreply"].as_str().unwrap()).collect();
    assert!(last.windows(2).all(|w| w[0] >= w[1]), "{last:?}");
    assert!(rows.iter().all(|t| is_stamp(t["date"].as_str().unwrap())));
    let unread: Vec<&Value> = rows.iter().filter(|t| t["client_read"] == "0").collect();
    assert_eq!(unread.len(), 1);
    assert_eq!(unread[0]["ticket_number"], "517204");
}

#[tokio::test]
async fn each_account_sees_only_its_own() {
    let example = Session::login("api@example.com", "secret").await;
    assert_eq!(example.ok("/api/tickets").await, json!({"tickets": []}));
    let b = Session::bulk().await;
    let v = b.ok("/api/tickets").await;
    let rows = v["tickets"].as_array().unwrap();
    assert_eq!(rows.len(), 120);
    let numbers: BTreeSet<&str> =
        rows.iter().map(|t| t["ticket_number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), 120);
    assert!(numbers.iter().all(|n| n.len() == 6 && n.starts_with('6')));
    let statuses: BTreeSet<&str> = rows.iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.len(), 5);
    assert_eq!(rows.iter().filter(|t| t["client_read"] == "0").count(), 12);
    let depts: BTreeSet<&str> = rows.iter().map(|t| t["deptname"].as_str().unwrap()).collect();
    assert_eq!(depts, BTreeSet::from(["Kinh doanh", "Kỹ thuật", "Thanh toán"]));
    // Another account's ticket, by every route.
    let bulk_ticket = rows[0]["ticket_number"].as_str().unwrap().to_string();
    let demo = b.mock.demo().await;
    for (method, uri, body) in [
        (Method::GET, format!("/api/tickets/{bulk_ticket}"), None),
        (Method::POST, format!("/api/tickets/{bulk_ticket}"), Some(json!({"body": "x"}))),
        (Method::PUT, format!("/api/tickets/{bulk_ticket}/open"), None),
        (Method::PUT, format!("/api/tickets/{bulk_ticket}/close"), None),
        (Method::GET, "/api/tickets/517204".to_string(), None),
        (Method::GET, "/api/ticket/attachment/2302?number=517204".to_string(), None),
    ] {
        let token = if uri.contains("517204") { &b.token } else { &demo };
        let r = b.mock.send(method, &uri, body, Some(token)).await;
        r.assert_error(StatusCode::OK, "ticket_not_found");
    }
    // Nothing changed for the owner.
    assert_eq!(b.row(&bulk_ticket).await, rows[0]);
}

#[tokio::test]
async fn thread_has_hostbill_standard_shape_and_hostile_html() {
    let s = Session::demo().await;
    let v = s.ok("/api/tickets/517204").await;
    let standard = fixture(THREAD_STANDARD);
    assert_eq!(keys(&v), keys(&standard));
    assert!(keys(&v["ticket"]).is_superset(&keys(&standard["ticket"])));
    assert!(keys(&v["replies"][0]).is_superset(&keys(&standard["replies"][0])));
    assert_eq!(v, dated(THREAD_ANSWERED));
    let staff = &v["replies"][0];
    assert_eq!(staff["type"], "Admin");
    let html = staff["body"].as_str().unwrap();
    for hostile in [
        "<p>",
        "<br>",
        "<a href=\"https://",
        "javascript:",
        "<img src=x onerror=alert(1)>",
        "<script>",
        "<div onclick=",
        "<em>Kỹ thuật <u>BKNS</u></em>",
    ] {
        assert!(html.contains(hostile), "{hostile}");
    }
    let files: Vec<&str> = staff["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["ket-qua-kiem-tra-ssl.png", "huong-dan-khac-phuc-mixed-content.pdf"]);
    // The open ticket: no reply yet, a .txt on the opening message.
    assert_eq!(s.ok("/api/tickets/482913").await, dated(THREAD_OPEN));
}

#[tokio::test]
async fn reading_the_thread_marks_it_read() {
    let s = Session::demo().await;
    assert_eq!(s.row("517204").await["client_read"], "0");
    // The answer shows the thread as it was (the new reply still unread)…
    assert_eq!(s.ok("/api/tickets/517204").await["ticket"]["client_read"], "0");
    // …then it is read.
    assert_eq!(s.row("517204").await["client_read"], "1");
    assert_eq!(s.ok("/api/tickets/517204").await["ticket"]["client_read"], "1");
    assert_eq!(s.status_of("517204").await, "Answered");
}

#[tokio::test]
async fn the_long_thread_comes_oldest_first() {
    let s = Session::demo().await;
    let v = s.ok("/api/tickets/402618").await;
    let replies = v["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 12);
    let dates: Vec<&str> = replies.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    assert!(v["ticket"]["date"].as_str().unwrap() < dates[0]);
    assert_eq!(v["ticket"]["lastreply"], dates[11]);
    let types: BTreeSet<&str> = replies.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(types, BTreeSet::from(["Admin", "Client"]));
    let ids: BTreeSet<&str> = replies.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 12);
    assert!(replies.iter().all(|r| r["status"] == "Sent" && r["attachments"] == json!([])));
}

// ---------------------------------------------------------------- create

#[tokio::test]
async fn create_answers_the_reference_example() {
    let s = Session::demo().await;
    let r = s.post("/api/tickets", fixture(TICKET_POST_REQUEST)).await;
    assert_eq!(r.ok_json(), fixture(TICKET_POST));
    assert!(r.json()["ticket"].is_u64(), "a number, as the reference");
    let row = s.row("865650").await;
    assert_eq!(row["status"], "Open");
    assert_eq!(row["deptname"], "Kỹ thuật");
    assert_eq!(row["client_read"], "1");
    assert_eq!(row["date"], row["lastreply"]);
    // Newest first in the list.
    assert_eq!(s.ok("/api/tickets").await["tickets"][0]["ticket_number"], "865650");
    let t = s.ok("/api/tickets/865650").await;
    assert_eq!(t["ticket"]["subject"], "Subject");
    assert_eq!(t["ticket"]["body"], "Message ...");
    assert_eq!(t["ticket"]["name"], "An Nguyễn Văn");
    assert_eq!(t["ticket"]["email"], "demo@bkns.vn");
    assert_eq!(t["replies"], json!([]));
    // The next number; a form-encoded body and a string dept_id work too.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/tickets")
        .header(header::AUTHORIZATION, format!("Bearer {}", s.token))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("dept_id=3&subject=H%C3%B3a+%C4%91%C6%A1n&body=Xin+ch%C3%A0o"))
        .unwrap();
    assert_eq!(s.mock.request(req).await.ok_json(), json!({"ticket": 865651}));
    assert_eq!(s.row("865651").await["subject"], "Hóa đơn");
    assert_eq!(s.row("865651").await["deptname"], "Thanh toán");
}

#[tokio::test]
async fn create_refusals() {
    let s = Session::demo().await;
    for (body, word) in [
        (json!({"subject": "s", "body": "b"}), "ticketdept_dontexists"),
        (json!({"dept_id": 9, "subject": "s", "body": "b"}), "ticketdept_dontexists"),
        (json!({"dept_id": "abc", "subject": "s", "body": "b"}), "ticketdept_dontexists"),
        (json!({"dept_id": 1, "body": "b"}), "empty_subject_line"),
        (json!({"dept_id": 1, "subject": "  \r\n ", "body": "b"}), "empty_subject_line"),
        (json!({"dept_id": 1, "subject": "s"}), "empty_message"),
        (json!({"dept_id": "2", "subject": "s", "body": ""}), "empty_message"),
        (json!({"dept_id": 9, "subject": "", "body": ""}), "ticketdept_dontexists"),
        (json!({"dept_id": 1, "subject": "", "body": ""}), "empty_subject_line"),
    ] {
        s.post("/api/tickets", body.clone()).await.assert_error(StatusCode::OK, word);
    }
    s.post("/api/tickets", json!(null)).await.assert_error(StatusCode::OK, "ticketdept_dontexists");
    assert_eq!(s.ok("/api/tickets").await["tickets"].as_array().unwrap().len(), 6);
}

// ---------------------------------------------------------------- replies, close, re-open

#[tokio::test]
async fn replies_flip_the_status_and_a_closed_ticket_refuses() {
    let s = Session::demo().await;
    let t = "561447";
    assert_eq!(s.status_of(t).await, "In-Progress");
    let before = s.row(t).await["lastreply"].clone();
    let r = s.post(&format!("/api/tickets/{t}"), fixture(REPLY_POST_REQUEST)).await;
    assert_eq!(r.ok_json(), fixture(REPLY_POST));
    assert_eq!(s.status_of(t).await, "Client-Reply");
    assert_ne!(s.row(t).await["lastreply"], before);
    let thread = s.ok(&format!("/api/tickets/{t}")).await;
    let last = thread["replies"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["type"], &last["body"], &last["name"]),
        (&json!("Client"), &json!("reply text .."), &json!("An Nguyễn Văn"))
    );
    assert_eq!(last["date"], thread["ticket"]["lastreply"]);

    // Close, refuse, re-open, reply again.
    let close = format!("/api/tickets/{t}/close");
    let open = format!("/api/tickets/{t}/open");
    assert_eq!(s.put(&close, json!(null)).await.ok_json(), fixture(TICKET_CLOSE));
    assert_eq!(s.status_of(t).await, "Closed");
    s.post(&format!("/api/tickets/{t}"), json!({"body": "còn lỗi"}))
        .await
        .assert_error(StatusCode::OK, "ticket_closed");
    s.put(&close, json!(null)).await.assert_error(StatusCode::OK, "cantclosestaff");
    assert_eq!(s.put(&open, json!(null)).await.ok_json(), fixture(TICKET_OPEN));
    assert_eq!(s.status_of(t).await, "Open");
    s.put(&open, json!(null)).await.assert_error(StatusCode::OK, "cantreopen");
    s.post(&format!("/api/tickets/{t}"), json!({"body": "còn lỗi"})).await.ok_json();
    assert_eq!(s.status_of(t).await, "Client-Reply");
    let replies = s.ok(&format!("/api/tickets/{t}")).await["replies"].as_array().unwrap().len();
    assert_eq!(replies, 5);

    // The seeded closed ticket: refuses until re-opened.
    let c = "449382";
    s.post(&format!("/api/tickets/{c}"), json!({"body": "x"}))
        .await
        .assert_error(StatusCode::OK, "ticket_closed");
    s.put(&format!("/api/tickets/{c}/open"), json!(null)).await.ok_json();
    s.post(&format!("/api/tickets/{c}"), json!({"body": "Cảm ơn"})).await.ok_json();
    assert_eq!(s.status_of(c).await, "Client-Reply");
}

#[tokio::test]
async fn a_reply_marks_an_unread_ticket_read() {
    let s = Session::demo().await;
    s.post("/api/tickets/517204", json!({"body": "Mình sửa xong rồi"})).await.ok_json();
    let row = s.row("517204").await;
    assert_eq!((&row["status"], &row["client_read"]), (&json!("Client-Reply"), &json!("1")));
}

#[tokio::test]
async fn reply_open_close_refusals() {
    let s = Session::demo().await;
    for number in ["999999", "abc", "865650", "6012345"] {
        for (method, uri, body) in [
            (Method::POST, format!("/api/tickets/{number}"), Some(json!({"body": "x"}))),
            (Method::PUT, format!("/api/tickets/{number}/open"), None),
            (Method::PUT, format!("/api/tickets/{number}/close"), None),
            (Method::GET, format!("/api/tickets/{number}"), None),
        ] {
            let r = s.mock.send(method, &uri, body, Some(&s.token)).await;
            r.assert_error(StatusCode::OK, "ticket_not_found");
        }
    }
    for body in [json!({}), json!({"body": "   "}), json!({"body": ["x"]}), json!(null)] {
        s.post("/api/tickets/482913", body).await.assert_error(StatusCode::OK, "empty_message");
    }
    for open in ["482913", "517204", "530871", "561447", "402618"] {
        let r = s.put(&format!("/api/tickets/{open}/open"), json!(null)).await;
        r.assert_error(StatusCode::OK, "cantreopen");
    }
    let r = s.put("/api/tickets/449382/close", json!(null)).await;
    r.assert_error(StatusCode::OK, "cantclosestaff");
    // Nothing changed.
    assert_eq!(s.ok("/api/tickets").await, dated(LIST_DEMO));
}

// ---------------------------------------------------------------- attachments

#[tokio::test]
async fn attachments_download_with_their_type() {
    let s = Session::demo().await;
    for (file, number, mime, name, magic) in [
        ("2302", "517204", "image/png", "ket-qua-kiem-tra-ssl.png", &b"\x89PNG\r\n\x1a\n"[..]),
        (
            "2303",
            "517204",
            "application/pdf",
            "huong-dan-khac-phuc-mixed-content.pdf",
            &b"%PDF-1.4"[..],
        ),
        ("2301", "482913", "text/plain; charset=utf-8", "error_log.txt", &b"[03-Dec-2026"[..]),
    ] {
        let r = s.get(&format!("/api/ticket/attachment/{file}?number={number}")).await;
        assert_eq!(r.status, StatusCode::OK, "{file}: {}", r.text());
        assert_eq!(r.header("content-type"), mime);
        assert_eq!(r.header("content-disposition"), format!("attachment; filename=\"{name}\""));
        assert!(r.body.starts_with(magic), "{file}");
        // The size the thread lists is the body's.
        let thread = s.ok(&format!("/api/tickets/{number}")).await;
        let listed = thread["ticket"]["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .chain(
                thread["replies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|r| r["attachments"].as_array().unwrap().iter()),
            )
            .find(|a| a["id"] == file)
            .cloned()
            .unwrap();
        assert_eq!(
            (&listed["filename"], &listed["size"]),
            (&json!(name), &json!(r.body.len().to_string()))
        );
    }
    let png = s.get("/api/ticket/attachment/2302?number=517204").await;
    assert!(mock_api::pdf::png_ink(&png.body).unwrap().ink_pixels() > 200);
    let pdf = s.get("/api/ticket/attachment/2303?number=517204").await;
    assert!(pdf.body.ends_with(b"%%EOF\n"));
}

#[tokio::test]
async fn attachment_refusals() {
    let s = Session::demo().await;
    for (uri, word) in [
        ("/api/ticket/attachment/2302", "ticket_not_found"),
        ("/api/ticket/attachment/2302?number=", "ticket_not_found"),
        ("/api/ticket/attachment/2302?number=999999", "ticket_not_found"),
        // A file of another ticket of the same account.
        ("/api/ticket/attachment/2302?number=482913", "attachment_not_found"),
        ("/api/ticket/attachment/2301?number=517204", "attachment_not_found"),
        ("/api/ticket/attachment/9999?number=517204", "attachment_not_found"),
        ("/api/ticket/attachment/ket-qua-kiem-tra-ssl.png?number=517204", "attachment_not_found"),
    ] {
        s.get(uri).await.assert_error(StatusCode::OK, word);
    }
    let example = Session::login("api@example.com", "secret").await;
    example
        .get("/api/ticket/attachment/2302?number=517204")
        .await
        .assert_error(StatusCode::OK, "ticket_not_found");
}

// ---------------------------------------------------------------- the switch

#[tokio::test]
async fn the_listing_can_be_switched_off() {
    let s = Session::demo().await;
    s.mock.config(json!({"ticket_listing": false})).await;
    s.get("/api/tickets").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.get("/api/tickets/517204").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.get("/api/tickets/999999").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    // After the token check.
    s.public_get("/api/tickets").await.assert_unauthorized();
    s.public_get("/api/tickets/517204").await.assert_unauthorized();
    // Everything else works.
    assert_eq!(s.ok("/api/ticket/departments").await, fixture(DEPARTMENTS));
    assert_eq!(
        s.post("/api/tickets", fixture(TICKET_POST_REQUEST)).await.ok_json(),
        fixture(TICKET_POST)
    );
    s.post("/api/tickets/865650", json!({"body": "thêm thông tin"})).await.ok_json();
    s.put("/api/tickets/865650/close", json!(null)).await.ok_json();
    s.put("/api/tickets/865650/open", json!(null)).await.ok_json();
    let r = s.get("/api/ticket/attachment/2302?number=517204").await;
    assert_eq!(r.status, StatusCode::OK);
    // Reading while off does not mark the ticket read.
    s.mock.config(json!({"ticket_listing": true})).await;
    assert_eq!(s.row("517204").await["client_read"], "0");
    let row = s.row("865650").await;
    assert_eq!(row["status"], "Open");
    assert_eq!(s.ok("/api/tickets/865650").await["replies"].as_array().unwrap().len(), 1);
    // A reset restores the start-up setting.
    s.mock.config(json!({"ticket_listing": false})).await;
    s.mock.post("/__mock/reset", json!(null), None).await;
    let token = s.mock.demo().await;
    assert_eq!(s.mock.get("/api/tickets", Some(&token)).await.status, StatusCode::OK);
    assert!(
        s.mock.get_ok("/api/tickets/865650", &token).await["error"] == json!(["ticket_not_found"])
    );
}

#[tokio::test]
async fn the_listing_can_start_switched_off() {
    let m = mock_with(Config {
        dist: PathBuf::from("/nonexistent"),
        settings: Settings { ticket_listing: false, ..Default::default() },
        ..Config::default()
    });
    assert_eq!(m.get("/__mock/config", None).await.json()["ticket_listing"], json!(false));
    let token = m.demo().await;
    m.get("/api/tickets", Some(&token)).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    m.post("/__mock/reset", json!(null), None).await;
    let token = m.demo().await;
    m.get("/api/tickets", Some(&token)).await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    m.post("/__mock/config", json!({"ticket_listing": true}), None).await;
    assert_eq!(m.get("/api/tickets", Some(&token)).await.status, StatusCode::OK);
    let r = m.post("/__mock/config", json!({"ticket_listing": "off"}), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

// ---------------------------------------------------------------- the staff-reply hook

#[tokio::test]
async fn the_staff_reply_hook_makes_a_new_unread_reply() {
    let s = Session::demo().await;
    let t = "530871";
    assert_eq!(s.row(t).await["client_read"], "1");
    let r = s.staff_reply(t, json!({"body": "<p>Đã nâng cấp xong lúc 23:00.</p>"})).await;
    let v = r.ok_json();
    assert_eq!(keys(&v), keys(&dated(STAFF_REPLY)));
    assert_eq!(v["status"], true);
    let reply = &v["reply"];
    assert!(is_stamp(reply["date"].as_str().unwrap()));
    let mut expected = dated(STAFF_REPLY);
    expected["reply"]["id"] = reply["id"].clone();
    expected["reply"]["date"] = reply["date"].clone();
    assert_eq!(v, expected);
    let row = s.row(t).await;
    assert_eq!(
        (&row["status"], &row["client_read"], &row["lastreply"]),
        (&json!("Answered"), &json!("0"), &reply["date"])
    );
    let thread = s.ok(&format!("/api/tickets/{t}")).await;
    assert_eq!(thread["ticket"]["client_read"], "0");
    assert_eq!(thread["replies"].as_array().unwrap().last().unwrap(), reply);
    assert_eq!(s.row(t).await["client_read"], "1");
    // Defaults; a closed ticket is answered too; form bodies work.
    let v = s.staff_reply("449382", json!(null)).await.ok_json();
    assert_eq!(v["reply"]["name"], "Nguyễn Thị Hạnh");
    assert!(v["reply"]["body"].as_str().unwrap().starts_with("<p>"));
    assert_eq!(s.status_of("449382").await, "Answered");
    let req = Request::builder()
        .method(Method::POST)
        .uri("/__mock/tickets/482913/staff-reply")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("body=Xin+ch%C3%A0o&name=L%C3%AA+V%C4%83n+T%C3%A2m"))
        .unwrap();
    let v = s.mock.request(req).await.ok_json();
    assert_eq!(
        (&v["reply"]["body"], &v["reply"]["name"]),
        (&json!("Xin chào"), &json!("Lê Văn Tâm"))
    );
    // Any account's ticket; unknown numbers are 404.
    let bulk_token = s.mock.login("bulk@bkns.vn", "Bulk@2026").await;
    let first = |v: Value| v["tickets"][0].clone();
    let row = first(s.mock.get_ok("/api/tickets", &bulk_token).await);
    let number = row["ticket_number"].as_str().unwrap();
    assert_eq!(row["client_read"], "1");
    s.staff_reply(number, json!({"body": "x"})).await.ok_json();
    let row = first(s.mock.get_ok("/api/tickets", &bulk_token).await);
    assert_eq!((&row["ticket_number"], &row["client_read"]), (&json!(number), &json!("0")));
    s.staff_reply("999999", json!({"body": "x"}))
        .await
        .assert_error(StatusCode::NOT_FOUND, "ticket_not_found");
    // Works while the listing is off (the hook is not the API).
    s.mock.config(json!({"ticket_listing": false})).await;
    s.staff_reply(t, json!({"body": "y"})).await.ok_json();
}

// ---------------------------------------------------------------- auth

#[tokio::test]
async fn basic_auth_works_and_no_token_is_401() {
    let s = Session::demo().await;
    let basic = base64_demo();
    let req = Request::builder()
        .uri("/api/tickets")
        .header(header::AUTHORIZATION, format!("Basic {basic}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(s.mock.request(req).await.ok_json(), dated(LIST_DEMO));
    // without a token every support route is 401: tests/api.rs's table
    // Unknown support routes are HostBill's 404.
    s.get("/api/tickets/517204/delete").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
    s.delete("/api/tickets/517204").await.assert_error(StatusCode::NOT_FOUND, "invalid method");
}

/// base64("demo@bkns.vn:Demo@2026").
fn base64_demo() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode("demo@bkns.vn:Demo@2026")
}
