//! Support tickets: catalog endpoints 34-39 (departments, open a ticket,
//! reply, close, re-open, attachments) and HostBill's standard listing
//! (`GET /tickets`, `GET /tickets/@number`), which the reference does not
//! document: a server may answer them `invalid method`/404
//! (`ApiError::NotSupported`), and the portal then knows only the tickets
//! it opened (fixtures/api/contract-support.md).
//!
//! Answers are read loosely: ids and numbers as strings or numbers, lists
//! as arrays, objects keyed by id or PHP `[]`; a new ticket's number comes
//! back as a JSON number and is kept as text like every other. Every
//! subject and message body goes through [`html_to_text`]: staff replies
//! are HTML and nothing of their markup may reach the page. Dates stay as
//! the server wrote them (`YYYY-MM-DD HH:MM:SS`, which sorts as text).

use super::client::{fetch, fetch_binary, fetch_with_info, ApiRequest};
use super::error::{ApiError, Binary};
use super::loose::{field, field_text, objects, read, scalar_text, under};
use crate::rich_text::html_to_text;
use crate::util::percent_encode;
use crate::vocab::{Id, Text};
use serde_json::{json, Value};

/// A department a ticket can be opened in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Department {
    pub id: Id,
    pub name: String,
    /// Text (may be empty).
    pub description: String,
}

/// A ticket's status, as HostBill names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TicketStatus {
    Open,
    /// Staff replied last: the ticket waits for the customer.
    Answered,
    /// The customer replied last.
    ClientReply,
    InProgress,
    OnHold,
    Closed,
    /// A status this portal does not know (see the row's `status_raw`).
    #[default]
    Other,
}

impl TicketStatus {
    /// The choices of the list's status filter.
    pub const FILTERS: [TicketStatus; 4] = [
        TicketStatus::Open,
        TicketStatus::Answered,
        TicketStatus::ClientReply,
        TicketStatus::Closed,
    ];

    /// The server's word: "Open", "Answered", "Customer-Reply" or
    /// "Client-Reply", "In-Progress", "On Hold", "Closed", in any case, with
    /// spaces, hyphens or underscores alike (or none).
    pub fn of(s: &str) -> TicketStatus {
        let word: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
            .collect::<String>()
            .to_lowercase();
        match word.as_str() {
            "open" | "opened" | "new" | "reopened" => TicketStatus::Open,
            "answered" => TicketStatus::Answered,
            "customerreply" | "clientreply" => TicketStatus::ClientReply,
            "inprogress" => TicketStatus::InProgress,
            "onhold" => TicketStatus::OnHold,
            "closed" => TicketStatus::Closed,
            _ => TicketStatus::Other,
        }
    }

    /// The status in an address (`?status=client-reply`).
    pub fn code(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::Answered => "answered",
            TicketStatus::ClientReply => "client-reply",
            TicketStatus::InProgress => "in-progress",
            TicketStatus::OnHold => "on-hold",
            TicketStatus::Closed => "closed",
            TicketStatus::Other => "other",
        }
    }

    /// The status of a [`code`](Self::code) (or of any spelling [`of`](Self::of)
    /// reads); `None` for anything else.
    pub fn from_code(s: &str) -> Option<TicketStatus> {
        match TicketStatus::of(s) {
            TicketStatus::Other => {
                s.trim().eq_ignore_ascii_case("other").then_some(TicketStatus::Other)
            }
            known => Some(known),
        }
    }

    /// The text key of its label.
    pub fn key(self) -> &'static str {
        match self {
            TicketStatus::Open => "support.status_open",
            TicketStatus::Answered => "support.status_answered",
            TicketStatus::ClientReply => "support.status_client_reply",
            TicketStatus::InProgress => "support.status_in_progress",
            TicketStatus::OnHold => "support.status_on_hold",
            TicketStatus::Closed => "support.status_closed",
            TicketStatus::Other => "support.status_other",
        }
    }

    /// The tone of its badge.
    pub fn tone(self) -> &'static str {
        match self {
            TicketStatus::Open => "info",
            TicketStatus::Answered => "warn",
            TicketStatus::Closed => "muted",
            TicketStatus::ClientReply
            | TicketStatus::InProgress
            | TicketStatus::OnHold
            | TicketStatus::Other => "neutral",
        }
    }

    pub fn is_closed(self) -> bool {
        self == TicketStatus::Closed
    }

    /// Staff answered: the next move is the customer's.
    pub fn awaits_customer(self) -> bool {
        self == TicketStatus::Answered
    }
}

/// One ticket of the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TicketRow {
    pub number: String,
    pub subject: String,
    pub department: String,
    pub status: TicketStatus,
    pub status_raw: String,
    pub date: String,
    pub last_reply: String,
    /// a staff reply not opened yet (client_read "0")
    pub unread: bool,
    /// who replied last: true = staff (Answered), false = the customer
    pub staff_last: bool,
}

/// A file of a message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    /// What [`attachment`] asks for.
    pub id: String,
    pub name: String,
    /// Bytes, when the server said.
    pub size: Option<u64>,
}

/// One message of a thread.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The reply's id; empty for the opening message.
    pub id: String,
    pub author: String,
    pub staff: bool,
    pub date: String,
    /// text (html_to_text), line breaks kept
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// A ticket and its messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Thread {
    /// The ticket as the list shows it; `last_reply`, when the server sends
    /// none, is the last message's date. `unread`: a staff reply not seen
    /// before this read.
    pub ticket: TicketRow,
    /// the opening message first (ticket.body, author ticket.name, staff
    /// false, its attachments), then the replies oldest first (sorted by
    /// date, stable)
    pub messages: Vec<Message>,
}

impl Thread {
    /// Whether staff wrote the last message.
    pub fn staff_last(&self) -> bool {
        self.messages.last().is_some_and(|m| m.staff)
    }
}

// ------------------------------------------------------------------ reading

fn text(v: &Value, keys: &[&str]) -> String {
    read::<Text>(v, keys).0.trim().to_owned()
}

/// A subject as one line of text.
fn subject_of(v: &Value) -> String {
    let s = html_to_text(&read::<Text>(v, &["subject", "title"]).0);
    s.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn number_of(v: &Value) -> String {
    text(v, &["ticket_number", "tid", "number", "id"])
}

fn department_of(v: &Value) -> String {
    text(v, &["deptname", "department", "dept_name", "dept"])
}

/// `client_read` "0" (or 0, false): a staff reply not seen yet.
fn unread_of(v: &Value) -> bool {
    text(v, &["client_read"]) == "0"
}

/// A size in bytes: a whole number, as a number or as text.
fn size_of(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64().filter(|f| f.is_finite() && *f >= 0.0 && f.fract() == 0.0).map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The departments of `GET /ticket/departments`: `{"depts": [...]}`,
/// `{"departments": ...}`, a bare list or an object keyed by id (of
/// objects or of names). Entries without an id or a name are left out.
pub fn departments_of(v: &Value) -> Vec<Department> {
    objects(under(v.clone(), &["depts", "departments"]))
        .iter()
        .map(|d| Department {
            id: Id(text(d, &["id", "dept_id", "deptid"])),
            name: text(d, &["name", "deptname"]),
            description: html_to_text(&read::<Text>(d, &["description", "desc"]).0),
        })
        .filter(|d| !d.id.is_empty() && !d.name.is_empty())
        .collect()
}

fn row_of(v: &Value) -> TicketRow {
    let status_raw = text(v, &["status"]);
    let status = TicketStatus::of(&status_raw);
    TicketRow {
        number: number_of(v),
        subject: subject_of(v),
        department: department_of(v),
        status,
        status_raw,
        date: text(v, &["date"]),
        last_reply: text(v, &["lastreply", "last_reply"]),
        unread: unread_of(v),
        staff_last: status == TicketStatus::Answered,
    }
}

/// The tickets of `GET /tickets`, latest activity first (`lastreply`, else
/// `date`, descending; equal ones keep the server's order), whatever order
/// the server sent. Entries without a number are left out.
pub fn tickets_of(v: &Value) -> Vec<TicketRow> {
    let mut rows: Vec<TicketRow> = objects(under(v.clone(), &["tickets"]))
        .iter()
        .map(row_of)
        .filter(|r| !r.number.is_empty())
        .collect();
    rows.sort_by(|a, b| activity(b).cmp(activity(a)));
    rows
}

fn activity(r: &TicketRow) -> &str {
    if r.last_reply.is_empty() {
        &r.date
    } else {
        &r.last_reply
    }
}

fn attachments_of(v: &Value) -> Vec<Attachment> {
    objects(field(v, &["attachments", "files"]).clone())
        .iter()
        .map(|a| {
            let id = text(a, &["id", "attachment_id", "file_id"]);
            let name = text(a, &["filename", "name", "file"]);
            Attachment {
                name: if name.is_empty() { id.clone() } else { name },
                id,
                size: size_of(field(a, &["size", "filesize"])),
            }
        })
        .filter(|a| !a.id.is_empty())
        .collect()
}

fn is_staff(v: &Value) -> bool {
    let kind = text(v, &["type", "author_type"]).to_ascii_lowercase();
    matches!(kind.as_str(), "admin" | "staff" | "operator" | "support")
}

fn reply_of(v: &Value) -> Message {
    Message {
        id: text(v, &["id", "reply_id"]),
        author: text(v, &["name", "author"]),
        staff: is_staff(v),
        date: text(v, &["date"]),
        body: html_to_text(&read::<Text>(v, &["body", "message"]).0),
        attachments: attachments_of(v),
    }
}

/// The object under `key`: an object, or the first object of a list.
fn object_under<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v.get(key)? {
        o @ Value::Object(_) => Some(o),
        Value::Array(a) => a.iter().find(|x| x.is_object()),
        _ => None,
    }
}

/// The thread of `GET /tickets/@number`: `{"ticket": {...}, "replies":
/// [...]}` (the replies beside the ticket, as the contract has them, or
/// inside it). `None` when there is no ticket or it has no number.
pub fn thread_of(v: &Value) -> Option<Thread> {
    let t = object_under(v, "ticket")?;
    let mut ticket = row_of(t);
    if ticket.number.is_empty() {
        return None;
    }
    let beside = objects(field(v, &["replies"]).clone());
    let replies = if beside.is_empty() { objects(field(t, &["replies"]).clone()) } else { beside };
    let mut replies: Vec<Message> = replies.iter().map(reply_of).collect();
    replies.sort_by(|a, b| a.date.cmp(&b.date));
    let opening = Message {
        id: String::new(),
        author: text(t, &["name", "author"]),
        staff: false,
        date: text(t, &["date"]),
        body: html_to_text(&read::<Text>(t, &["body", "message"]).0),
        attachments: attachments_of(t),
    };
    if ticket.last_reply.is_empty() {
        ticket.last_reply = replies.last().map_or_else(|| opening.date.clone(), |m| m.date.clone());
    }
    let mut messages = vec![opening];
    messages.extend(replies);
    Some(Thread { ticket, messages })
}

/// The number of a new ticket: `{"ticket": 865650}` (the reference's
/// answer, a number), `{"ticket": "865650"}`, `{"ticket": {"ticket_number":
/// ...}}`, `{"ticket_number": ...}`, or the bare number.
pub fn created_number(v: &Value) -> Option<String> {
    let n = match v {
        Value::Object(_) => match field(v, &["ticket", "ticket_number", "tid", "number"]) {
            t @ Value::Object(_) => number_of(t),
            Value::Array(a) => a.iter().find(|x| x.is_object()).map(number_of).unwrap_or_default(),
            other => scalar_text(other).trim().to_owned(),
        },
        Value::Number(_) | Value::String(_) => scalar_text(v).trim().to_owned(),
        _ => String::new(),
    };
    (!n.is_empty()).then_some(n)
}

/// A ticket to open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewTicket {
    pub dept_id: String,
    pub subject: String,
    pub body: String,
}

// ---------------------------------------------------------------- requests

fn ticket_path(number: &str, rest: &str) -> String {
    format!("/tickets/{}{rest}", percent_encode(number.trim()))
}

/// `POST /tickets` `{"dept_id", "subject", "body"}`, `dept_id` a number
/// when it is one (as the reference sends it).
pub fn create_request(t: &NewTicket) -> ApiRequest {
    let dept = t.dept_id.trim();
    let dept_id = match dept.parse::<u64>() {
        Ok(n) if dept.bytes().all(|b| b.is_ascii_digit()) => json!(n),
        _ => json!(dept),
    };
    ApiRequest::post("/tickets").json(&json!({
        "dept_id": dept_id,
        "subject": t.subject.trim(),
        "body": t.body.trim(),
    }))
}

/// `POST /tickets/@number` `{"body"}`.
pub fn reply_request(number: &str, body: &str) -> ApiRequest {
    ApiRequest::post(ticket_path(number, "")).json(&json!({ "body": body.trim() }))
}

fn attachment_request(number: &str, file: &str) -> ApiRequest {
    let path = format!(
        "/ticket/attachment/{}?number={}",
        percent_encode(file.trim()),
        percent_encode(number.trim())
    );
    ApiRequest::get(path).timeout_ms(60_000)
}

/// The `info` of a call that answers `{"status": true}`; `{"status":
/// false}` (no error given) is a refusal.
fn status_info(v: &Value, info: Vec<String>) -> Result<Vec<String>, ApiError> {
    if v.get("status") == Some(&Value::Bool(false)) {
        return Err(ApiError::Server { status: 200, messages: info });
    }
    Ok(info)
}

// ------------------------------------------------------------------- calls

/// `GET /ticket/departments`.
pub async fn departments() -> Result<Vec<Department>, ApiError> {
    Ok(departments_of(&fetch::<Value>(ApiRequest::get("/ticket/departments")).await?))
}

/// `GET /tickets` (HostBill standard): `ApiError::NotSupported` when the
/// server cannot list tickets.
pub async fn list() -> Result<Vec<TicketRow>, ApiError> {
    Ok(tickets_of(&fetch::<Value>(ApiRequest::get("/tickets")).await?))
}

/// A ticket waiting for the customer (the last reply is staff's), as the
/// dashboard lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    pub number: String,
    pub subject: String,
    pub unread: bool,
}

/// The `Answered` tickets of a `GET /tickets` answer, latest reply first.
/// Kept apart from [`tickets_of`] on purpose: the dashboard is on a cold
/// route with a size budget, and this reads only three fields, with the
/// plain field helpers the shell already carries.
pub fn waiting_of(v: &Value) -> Vec<(String, Waiting)> {
    let mut out: Vec<(String, Waiting)> = objects(under(v.clone(), &["tickets"]))
        .iter()
        .filter(|t| field_text(t, &["status"]).trim().eq_ignore_ascii_case("answered"))
        .map(|t| {
            let when = field_text(t, &["lastreply", "last_reply", "date"]);
            let w = Waiting {
                number: field_text(t, &["ticket_number", "tid", "number", "id"]),
                subject: field_text(t, &["subject", "title"]),
                unread: field_text(t, &["client_read"]).trim() == "0",
            };
            (when, w)
        })
        .filter(|(_, w)| !w.number.is_empty())
        .collect();
    crate::util::sort_with(&mut out, &|a, b| b.0.cmp(&a.0));
    out
}

/// `GET /tickets`, for the dashboard: the tickets waiting for the customer.
pub async fn waiting() -> Result<Vec<Waiting>, ApiError> {
    let v = fetch::<Value>(ApiRequest::get("/tickets")).await?;
    Ok(waiting_of(&v).into_iter().map(|(_, w)| w).collect())
}

/// `GET /tickets/@number` (HostBill standard; `ApiError::NotSupported`
/// when the server lacks it). An answer without a ticket is
/// `ApiError::Decode`.
pub async fn thread(number: &str) -> Result<Thread, ApiError> {
    let req = ApiRequest::get(ticket_path(number, ""));
    let endpoint = req.endpoint();
    thread_of(&fetch::<Value>(req).await?)
        .ok_or(ApiError::Decode { endpoint, detail: "no ticket in the answer".to_owned() })
}

/// `POST /tickets`: the new ticket's number (`ApiError::Decode` when the
/// answer has none).
pub async fn create(t: &NewTicket) -> Result<String, ApiError> {
    let req = create_request(t);
    let endpoint = req.endpoint();
    created_number(&fetch::<Value>(req).await?)
        .ok_or(ApiError::Decode { endpoint, detail: "no ticket number in the answer".to_owned() })
}

/// `POST /tickets/@number`: the server's `info` (`["reply_added"]`).
pub async fn reply(number: &str, body: &str) -> Result<Vec<String>, ApiError> {
    fetch_with_info::<Value>(reply_request(number, body)).await.map(|(_, info)| info)
}

/// `PUT /tickets/@number/close`.
pub async fn close(number: &str) -> Result<Vec<String>, ApiError> {
    let (v, info) =
        fetch_with_info::<Value>(ApiRequest::put(ticket_path(number, "/close"))).await?;
    status_info(&v, info)
}

/// `PUT /tickets/@number/open`: re-opens a closed ticket.
pub async fn reopen(number: &str) -> Result<Vec<String>, ApiError> {
    let (v, info) = fetch_with_info::<Value>(ApiRequest::put(ticket_path(number, "/open"))).await?;
    status_info(&v, info)
}

/// `GET /ticket/attachment/@file?number=@number`: the file (an error
/// comes as JSON and is an error here).
pub async fn attachment(number: &str, file: &str) -> Result<Binary, ApiError> {
    fetch_binary(attachment_request(number, file)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPTS: &str = include_str!("../../fixtures/api/support_departments.contract.json");
    const TICKETS: &str = include_str!("../../fixtures/api/support_tickets.contract.json");
    const TICKETS_HB: &str = include_str!("../../fixtures/api/support_tickets.json");
    const ANSWERED: &str = include_str!("../../fixtures/api/support_thread_answered.contract.json");
    const OPEN: &str = include_str!("../../fixtures/api/support_thread_open.contract.json");
    const TICKET_HB: &str = include_str!("../../fixtures/api/support_ticket.json");
    const POSTED: &str = include_str!("../../fixtures/api/support_ticket_post.json");
    const POST_REQ: &str = include_str!("../../fixtures/api/support_ticket_post.request.json");
    const REPLY_REQ: &str = include_str!("../../fixtures/api/support_reply_post.request.json");
    const STATUS_OK: &str = include_str!("../../fixtures/api/support_ticket_close.json");

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    fn numbers(rows: &[TicketRow]) -> Vec<&str> {
        rows.iter().map(|r| r.number.as_str()).collect()
    }

    fn dept(id: &str, name: &str, description: &str) -> Department {
        Department { id: id.into(), name: name.into(), description: description.into() }
    }

    #[test]
    fn the_contract_departments_are_read() {
        let d = departments_of(&parse(DEPTS));
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].id, Id::from("1"));
        assert_eq!(d[0].name, "Kỹ thuật");
        assert!(d[0].description.starts_with("Sự cố hosting"));
        assert_eq!(d[2], dept("3", "Thanh toán", ""));
    }

    #[test]
    fn departments_come_in_odd_shapes() {
        let numbers = json!({"departments": [{"id": 1, "name": "A", "description": null},
                                             {"id": 2}, {"name": "no id"}, "junk", 7]});
        assert_eq!(departments_of(&numbers), [dept("1", "A", "")]);
        let keyed = json!({"depts": {"4": {"name": "Kỹ thuật", "description": "<p>24/7</p>"},
                                     "5": {"deptname": " B "}}});
        assert_eq!(departments_of(&keyed), [dept("4", "Kỹ thuật", "24/7"), dept("5", "B", "")]);
        let names = json!({"1": "Một", "2": "Hai"});
        assert_eq!(departments_of(&names), [dept("1", "Một", ""), dept("2", "Hai", "")]);
        let bare = json!([{"id": "9", "name": "C"}]);
        assert_eq!(departments_of(&bare), [dept("9", "C", "")]);
        for empty in [json!({"depts": []}), json!([]), json!({}), json!("x"), json!(null), json!(3)]
        {
            assert!(departments_of(&empty).is_empty(), "{empty}");
        }
    }

    #[test]
    fn the_contract_list_is_read_newest_first() {
        let rows = tickets_of(&parse(TICKETS));
        assert_eq!(numbers(&rows), ["530871", "482913", "517204", "561447", "402618", "449382"]);
        let first = &rows[0];
        assert_eq!(
            *first,
            TicketRow {
                number: "530871".into(),
                subject: "Tư vấn nâng cấp gói Cloud VPS lên 8 GB RAM".into(),
                department: "Kinh doanh".into(),
                status: TicketStatus::ClientReply,
                status_raw: "Client-Reply".into(),
                date: "2026-12-02 14:02:36".into(),
                last_reply: "2026-12-03 08:47:52".into(),
                unread: false,
                staff_last: false,
            }
        );
        let unread: Vec<&str> =
            rows.iter().filter(|r| r.unread).map(|r| r.number.as_str()).collect();
        assert_eq!(unread, ["517204"]);
        let staff: Vec<&str> =
            rows.iter().filter(|r| r.staff_last).map(|r| r.number.as_str()).collect();
        assert_eq!(staff, ["517204", "402618"]);
        let statuses: Vec<TicketStatus> = rows.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                TicketStatus::ClientReply,
                TicketStatus::Open,
                TicketStatus::Answered,
                TicketStatus::InProgress,
                TicketStatus::Answered,
                TicketStatus::Closed
            ]
        );
        assert_eq!(rows[5].subject, "Xác nhận chuyển khoản hóa đơn #3102");
    }

    #[test]
    fn hostbills_example_list_is_read() {
        let rows = tickets_of(&parse(TICKETS_HB));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].number, "736633");
        assert_eq!(rows[0].department, "Billing");
        assert_eq!(rows[0].status, TicketStatus::Open);
        assert_eq!(rows[0].last_reply, "2020-09-12 11:10:03");
        assert!(!rows[0].unread && !rows[0].staff_last);
    }

    /// A fixed permutation (a small LCG), so the test is repeatable.
    fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
        let mut s = seed;
        for i in (1..items.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            items.swap(i, (s >> 33) as usize % (i + 1));
        }
        items
    }

    #[test]
    fn the_list_is_sorted_whatever_the_servers_order() {
        let items = parse(TICKETS)["tickets"].as_array().unwrap().clone();
        let expected = numbers(&tickets_of(&parse(TICKETS)))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        for seed in 0..20 {
            let mut list = shuffled(items.clone(), seed);
            if seed % 2 == 1 {
                list.reverse();
            }
            let rows = tickets_of(&json!({ "tickets": list }));
            assert_eq!(numbers(&rows), expected, "seed {seed}");
        }
        // 120 tickets every 2 days, numbers not in order, sent shuffled
        let bulk: Vec<Value> = (0..120u32)
            .map(|i| {
                let day = 1 + i % 28;
                let month = 1 + i / 28;
                json!({"ticket_number": 600_000 + (i * 7919) % 100_000,
                       "date": format!("2026-{month:02}-{day:02} 10:00:00"),
                       "lastreply": format!("2026-{month:02}-{day:02} 12:00:00"),
                       "status": "Open", "subject": format!("Gia hạn tên miền #{}", i + 1)})
            })
            .collect();
        let rows = tickets_of(&json!({ "tickets": shuffled(bulk, 42) }));
        assert_eq!(rows.len(), 120);
        assert_eq!(rows[0].subject, "Gia hạn tên miền #120");
        assert_eq!(rows[119].subject, "Gia hạn tên miền #1");
        assert!(rows.windows(2).all(|w| w[0].last_reply >= w[1].last_reply));
    }

    #[test]
    fn the_list_falls_back_on_the_date_and_reads_odd_shapes() {
        let v = json!({"tickets": {
            "111": {"date": "2026-01-01 00:00:00", "status": "Open", "subject": "<b>A</b>"},
            "222": {"tid": 222, "date": "2026-01-03 00:00:00", "client_read": 0,
                    "status": "answered"},
            "x": {"number": "333", "date": "2026-01-01 00:00:00",
                  "lastreply": "2026-01-02 00:00:00", "status": "On Hold"},
            "y": {"subject": "no number", "id": ""},
            "z": 5
        }});
        let rows = tickets_of(&v);
        assert_eq!(numbers(&rows), ["222", "333", "111"]);
        assert!(rows[0].unread && rows[0].staff_last);
        assert_eq!(rows[1].status, TicketStatus::OnHold);
        assert_eq!(rows[1].status_raw, "On Hold");
        assert_eq!(rows[2].subject, "A");
        // the number read from the key of a keyed object
        assert_eq!(rows[2].number, "111");
        let numeric = json!([{"id": 5, "lastreply": "2026-02-01 00:00:00", "status": 3}]);
        let rows = tickets_of(&numeric);
        assert_eq!(numbers(&rows), ["5"]);
        assert_eq!(rows[0].status, TicketStatus::Other);
        for empty in [json!({"tickets": []}), json!([]), json!({}), json!("x"), json!(null)] {
            assert!(tickets_of(&empty).is_empty(), "{empty}");
        }
    }

    #[test]
    fn the_answered_thread_neutralises_the_staff_html() {
        let t = thread_of(&parse(ANSWERED)).unwrap();
        assert_eq!(t.ticket.number, "517204");
        assert_eq!(t.ticket.subject, "Chứng chỉ SSL không hiển thị ổ khóa trên trình duyệt");
        assert_eq!(t.ticket.department, "Kỹ thuật");
        assert_eq!(t.ticket.status, TicketStatus::Answered);
        assert_eq!(t.ticket.status_raw, "Answered");
        assert_eq!(t.ticket.date, "2026-12-01 20:31:55");
        assert_eq!(t.ticket.last_reply, "2026-12-02 09:14:22");
        assert!(t.ticket.unread);
        assert!(t.staff_last());
        assert_eq!(t.messages.len(), 2);
        let opening = &t.messages[0];
        assert_eq!(opening.author, "An Nguyễn Văn");
        assert!(!opening.staff);
        assert_eq!(opening.date, t.ticket.date);
        assert!(opening.body.starts_with("Chào BKNS,\nMình đã cài"));
        assert!(opening.body.ends_with("Nhờ kỹ thuật kiểm tra giúp mình."));
        assert!(opening.attachments.is_empty());
        let staff = &t.messages[1];
        assert_eq!(staff.id, "3416");
        assert_eq!(staff.author, "Trần Minh Khoa");
        assert!(staff.staff);
        let body = &staff.body;
        for bad in ["<", ">", "javascript", "onerror", "onclick", "alert", "script", "xss"] {
            assert!(!body.contains(bad), "{bad} in {body:?}");
        }
        assert!(body.starts_with("Chào anh An,\n"), "{body:?}");
        assert!(body.contains("https://www.bkns.vn/huong-dan/cai-dat-ssl"), "{body:?}");
        assert!(body.contains("Bấm vào đây để kiểm tra lại"));
        assert!(body.contains("bkns-demo.vn"));
        assert!(body.lines().count() >= 5, "line breaks kept: {body:?}");
        assert!(body.ends_with("Kỹ thuật BKNS"), "{body:?}");
        assert_eq!(
            staff.attachments,
            [
                Attachment {
                    id: "2302".into(),
                    name: "ket-qua-kiem-tra-ssl.png".into(),
                    size: Some(462)
                },
                Attachment {
                    id: "2303".into(),
                    name: "huong-dan-khac-phuc-mixed-content.pdf".into(),
                    size: Some(1280)
                },
            ]
        );
    }

    #[test]
    fn the_open_thread_has_the_opening_messages_file() {
        let t = thread_of(&parse(OPEN)).unwrap();
        assert_eq!(t.ticket.number, "482913");
        assert_eq!(t.ticket.status, TicketStatus::Open);
        assert!(!t.ticket.unread);
        assert!(!t.staff_last());
        assert_eq!(t.messages.len(), 1);
        assert_eq!(
            t.messages[0].attachments,
            [Attachment { id: "2301".into(), name: "error_log.txt".into(), size: Some(662) }]
        );
        assert_eq!(
            t.messages[0].body,
            "Sau khi đổi phiên bản PHP của hosting Starter sang 8.2, website WordPress báo lỗi \
             500 Internal Server Error.\nMình gửi kèm file error_log."
        );
    }

    #[test]
    fn hostbills_example_thread_is_read() {
        let t = thread_of(&parse(TICKET_HB)).unwrap();
        assert_eq!(t.ticket.number, "736633");
        assert_eq!(t.ticket.subject, "Lore Ipsum");
        assert_eq!(t.ticket.department, "Billing");
        assert_eq!(t.ticket.status, TicketStatus::Answered);
        assert!(!t.ticket.unread);
        // no lastreply in HostBill's example: the last message's date
        assert_eq!(t.ticket.last_reply, "2016-12-30 12:51:04");
        assert_eq!(t.messages.len(), 2);
        assert_eq!(t.messages[0].author, "Joe Doe");
        assert_eq!(t.messages[1].author, "Suppport Staff");
        assert!(t.staff_last());
        assert_eq!(
            t.messages[1].body,
            "Vestibulum ac diam sit amet quam\nvehicula elementum sed sit amet dui.\n\
             Praesent sapien massa\n\n-- Maecenas efficitur elit est --"
        );
        assert!(t.messages[1].attachments.is_empty());
    }

    #[test]
    fn replies_are_sorted_oldest_first_wherever_they_are() {
        let inside = json!({"ticket": {"tid": 77, "date": "2026-01-01 08:00:00",
        "status": "Customer-Reply", "body": "a &lt; b",
        "attachments": [],
        "replies": {
            "3": {"date": "2026-01-03 08:00:00", "type": "Client", "body": "ba"},
            "1": {"date": "2026-01-02 08:00:00", "type": "Admin", "body": "<p>một</p>",
                  "attachments": {"9": {"filename": "a.txt", "size": 12}}},
            "2": {"date": "2026-01-02 08:00:00", "type": "admin", "body": "hai",
                  "attachments": [{"id": 8, "name": "b.png", "size": "big"},
                                  {"filename": "no id"}]}
        }}});
        let t = thread_of(&inside).unwrap();
        assert_eq!(t.ticket.number, "77");
        assert_eq!(t.ticket.status, TicketStatus::ClientReply);
        let ids: Vec<&str> = t.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["", "1", "2", "3"]);
        assert_eq!(t.messages[0].body, "a < b");
        assert_eq!(t.messages[1].body, "một");
        assert!(t.messages[1].staff && t.messages[2].staff && !t.messages[3].staff);
        assert!(!t.staff_last());
        assert_eq!(t.ticket.last_reply, "2026-01-03 08:00:00");
        assert_eq!(
            t.messages[1].attachments,
            [Attachment { id: "9".into(), name: "a.txt".into(), size: Some(12) }]
        );
        assert_eq!(
            t.messages[2].attachments,
            [Attachment { id: "8".into(), name: "b.png".into(), size: None }]
        );
        // beside the ticket, shuffled: equal dates keep their order
        let beside = json!({"ticket": {"ticket_number": "5"}, "replies": [
            {"id": "c", "date": "2026-01-03"}, {"id": "a", "date": "2026-01-01"},
            {"id": "b1", "date": "2026-01-02"}, {"id": "b2", "date": "2026-01-02"}, "junk"]});
        let t = thread_of(&beside).unwrap();
        let ids: Vec<&str> = t.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["", "a", "b1", "b2", "c"]);
        // PHP's list around the ticket
        let listed = json!({"ticket": [{"ticket_number": 6}], "replies": []});
        assert_eq!(thread_of(&listed).unwrap().messages.len(), 1);
    }

    #[test]
    fn a_thread_without_a_ticket_is_none() {
        for v in [
            json!({}),
            json!({"ticket": []}),
            json!({"ticket": null}),
            json!({"ticket": "517204"}),
            json!({"ticket": {"subject": "no number"}, "replies": []}),
            json!({"replies": [{"id": "1"}]}),
            json!([]),
            json!("garbage"),
            json!(null),
        ] {
            assert_eq!(thread_of(&v), None, "{v}");
        }
    }

    #[test]
    fn the_new_number_is_read_in_every_form() {
        assert_eq!(created_number(&parse(POSTED)).as_deref(), Some("865650"));
        assert_eq!(created_number(&json!({"ticket": "865650"})).as_deref(), Some("865650"));
        assert_eq!(created_number(&json!({"ticket": " 865651 "})).as_deref(), Some("865651"));
        assert_eq!(
            created_number(&json!({"ticket": {"ticket_number": 865652}})).as_deref(),
            Some("865652")
        );
        assert_eq!(created_number(&json!({"ticket_number": "865653"})).as_deref(), Some("865653"));
        assert_eq!(created_number(&json!(865654)).as_deref(), Some("865654"));
        assert_eq!(created_number(&json!("865655")).as_deref(), Some("865655"));
        for none in [
            json!({}),
            json!({"ticket": ""}),
            json!({"ticket": null}),
            json!({"ticket": []}),
            json!({"ticket": {}}),
            json!({"info": ["ok"]}),
            json!([]),
            json!(null),
        ] {
            assert_eq!(created_number(&none), None, "{none}");
        }
    }

    #[test]
    fn the_request_bodies_match_the_reference() {
        let t = NewTicket {
            dept_id: "1".into(),
            subject: "Subject".into(),
            body: "Message ...".into(),
        };
        let r = create_request(&t);
        assert_eq!(r.endpoint(), "POST /tickets");
        assert_eq!(r.body.unwrap(), parse(POST_REQ));
        let odd = NewTicket { dept_id: " 2b ".into(), subject: " S ".into(), body: "B\n".into() };
        assert_eq!(
            create_request(&odd).body.unwrap(),
            json!({"dept_id": "2b", "subject": "S", "body": "B"})
        );
        let plus = NewTicket { dept_id: "+3".into(), ..NewTicket::default() };
        assert_eq!(create_request(&plus).body.unwrap()["dept_id"], json!("+3"));
        let r = reply_request("530871", "reply text ..");
        assert_eq!(r.endpoint(), "POST /tickets/530871");
        assert_eq!(r.body.unwrap(), parse(REPLY_REQ));
    }

    #[test]
    fn paths_encode_every_part() {
        assert_eq!(reply_request("1/2", "x").path, "/tickets/1%2F2");
        assert_eq!(ticket_path(" 449382 ", "/open"), "/tickets/449382/open");
        assert_eq!(ticket_path("a?b", "/close"), "/tickets/a%3Fb/close");
        let r = attachment_request("517204", "2302");
        assert_eq!(r.path, "/ticket/attachment/2302?number=517204");
        assert_eq!(r.endpoint(), "GET /ticket/attachment/2302");
        let r = attachment_request("5&x=1", "../a b");
        assert_eq!(r.path, "/ticket/attachment/..%2Fa%20b?number=5%26x%3D1");
    }

    #[test]
    fn a_false_status_is_a_refusal() {
        assert_eq!(status_info(&parse(STATUS_OK), vec![]), Ok(vec![]));
        assert_eq!(status_info(&Value::Null, vec!["x".into()]), Ok(vec!["x".into()]));
        assert_eq!(
            status_info(&json!({"status": false}), vec![]),
            Err(ApiError::Server { status: 200, messages: vec![] })
        );
    }

    #[test]
    fn statuses_are_read_in_every_spelling() {
        use TicketStatus::*;
        let cases = [
            ("Open", Open),
            (" open ", Open),
            ("OPEN", Open),
            ("Answered", Answered),
            ("answered", Answered),
            ("Customer-Reply", ClientReply),
            ("Client-Reply", ClientReply),
            ("client reply", ClientReply),
            ("CLIENT_REPLY", ClientReply),
            ("customer_reply", ClientReply),
            ("ClientReply", ClientReply),
            ("In-Progress", InProgress),
            ("in progress", InProgress),
            ("IN_PROGRESS", InProgress),
            ("On Hold", OnHold),
            ("On-Hold", OnHold),
            ("on_hold", OnHold),
            ("Closed", Closed),
            ("closed", Closed),
            ("", Other),
            ("Sent", Other),
            ("Đã đóng", Other),
            ("3", Other),
        ];
        for (word, status) in cases {
            assert_eq!(TicketStatus::of(word), status, "{word:?}");
        }
    }

    #[test]
    fn status_codes_keys_and_tones() {
        use TicketStatus::*;
        let all = [Open, Answered, ClientReply, InProgress, OnHold, Closed, Other];
        for s in all {
            assert_eq!(TicketStatus::from_code(s.code()), Some(s), "{s:?}");
            assert!(s.key().contains(".status_"));
        }
        let codes: Vec<&str> = all.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            ["open", "answered", "client-reply", "in-progress", "on-hold", "closed", "other"]
        );
        assert_eq!(TicketStatus::from_code("Customer-Reply"), Some(ClientReply));
        assert_eq!(TicketStatus::from_code("bogus"), None);
        assert_eq!(TicketStatus::from_code(""), None);
        let tones: Vec<&str> = all.iter().map(|s| s.tone()).collect();
        assert_eq!(tones, ["info", "warn", "neutral", "neutral", "neutral", "muted", "neutral"]);
        assert_eq!(ClientReply.key(), "support.status_client_reply");
        assert_eq!(OnHold.key(), "support.status_on_hold");
        assert!(Closed.is_closed() && !Open.is_closed());
        assert!(Answered.awaits_customer() && !ClientReply.awaits_customer());
        assert_eq!(TicketStatus::FILTERS, [Open, Answered, ClientReply, Closed]);
    }

    #[test]
    fn sizes_are_whole_bytes() {
        assert_eq!(size_of(&json!(462)), Some(462));
        assert_eq!(size_of(&json!("1280")), Some(1280));
        assert_eq!(size_of(&json!(" 7 ")), Some(7));
        assert_eq!(size_of(&json!(3.0)), Some(3));
        for none in [json!(-1), json!(1.5), json!("1 KB"), json!(""), json!(null), json!([])] {
            assert_eq!(size_of(&none), None, "{none}");
        }
    }

    #[test]
    fn the_dashboard_reads_the_answered_tickets_latest_first() {
        let v: Value = serde_json::from_str(
            r#"{"tickets":[{"ticket_number":"1","subject":"a","status":"Open","lastreply":"2026-12-03 10:00:00"},
            {"ticket_number":"2","subject":"b","status":"Answered","client_read":"0","lastreply":"2026-12-01 10:00:00"},
            {"ticket_number":3,"subject":"c","status":"answered","client_read":"1","lastreply":"2026-12-02 10:00:00"},
            {"subject":"no number","status":"Answered"}]}"#,
        )
        .unwrap();
        let w: Vec<Waiting> = waiting_of(&v).into_iter().map(|(_, w)| w).collect();
        assert_eq!(w.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(), ["3", "2"]);
        assert!(w[1].unread && !w[0].unread);
        assert!(waiting_of(&serde_json::json!([])).is_empty());
    }
}
