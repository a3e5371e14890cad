//! Support tickets: the model, the seed and the rules of the Support
//! section (catalog 34-39) and of HostBill's standard `GET /tickets` and
//! `GET /tickets/@number`. The shapes and every error word are the contract
//! in `fixtures/api/contract-support.md`.
//!
//! * Departments are the provider's, the same for every account.
//! * A ticket is addressed by its number (6 digits, a string in the
//!   answers except the `ticket` number `POST /tickets` answers); it
//!   belongs to one client. Its opening message is the ticket's own `body`;
//!   the replies follow, oldest first.
//! * Statuses: `Open`, `Answered` (staff replied last), `Client-Reply`
//!   (the customer replied last), `In-Progress`, `Closed`.
//! * `client_read` is "0" while a staff reply has not been seen: a staff
//!   reply clears it, reading the thread sets it again.
//! * Dates are UTC "YYYY-MM-DD HH:MM:SS"; the seed's are relative to today.

use serde_json::{json, Value};

use crate::domain_data::{today, ymd, BULK_ID};
use crate::seed::DEMO_ID;

/// The error words (`{"error": [word]}`, HTTP 200).
pub mod word {
    /// Unknown or missing `dept_id` (HostBill's key).
    pub const DEPT_NOT_FOUND: &str = "ticketdept_dontexists";
    /// Blank subject (HostBill's key).
    pub const EMPTY_SUBJECT: &str = "empty_subject_line";
    /// Blank message (HostBill's key).
    pub const EMPTY_MESSAGE: &str = "empty_message";
    /// The number is not one of the caller's tickets.
    pub const TICKET_NOT_FOUND: &str = "ticket_not_found";
    /// A reply to a closed ticket (re-open it first).
    pub const TICKET_CLOSED: &str = "ticket_closed";
    /// Re-opening a ticket that is not closed (HostBill's key).
    pub const CANT_REOPEN: &str = "cantreopen";
    /// Closing a ticket that is already closed (HostBill's key).
    pub const CANT_CLOSE: &str = "cantclosestaff";
    /// The file is not an attachment of that ticket.
    pub const ATTACHMENT_NOT_FOUND: &str = "attachment_not_found";
}

/// Ticket statuses, as HostBill spells them.
pub mod status {
    pub const OPEN: &str = "Open";
    pub const ANSWERED: &str = "Answered";
    pub const CLIENT_REPLY: &str = "Client-Reply";
    pub const IN_PROGRESS: &str = "In-Progress";
    pub const CLOSED: &str = "Closed";
    pub const ALL: [&str; 5] = [OPEN, ANSWERED, CLIENT_REPLY, IN_PROGRESS, CLOSED];
}

use word::*;

/// The number the first new ticket gets (the reference's example answer);
/// the next ones count up, skipping numbers in use.
pub const FIRST_NEW_NUMBER: u64 = 865_650;
/// Tickets of the bulk account.
pub const BULK_TICKETS: usize = 120;
/// Who signs a staff reply sent through the test hook without a name.
pub const DEFAULT_STAFF: &str = "Nguyễn Thị Hạnh";

/// A ticket department.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub id: String,
    pub name: String,
    /// May be empty.
    pub description: String,
}

/// A file attached to a ticket's message.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub id: String,
    pub filename: String,
    /// The Content-Type it is served with.
    pub mime: String,
    pub data: Vec<u8>,
}

impl Attachment {
    /// `{id, filename, size}`, size in bytes as a string.
    pub fn row(&self) -> Value {
        json!({ "id": self.id, "filename": self.filename, "size": self.data.len().to_string() })
    }
}

/// One reply of a thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub id: String,
    /// Staff (`"Admin"`) or the customer (`"Client"`).
    pub admin: bool,
    pub name: String,
    pub date: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

impl Reply {
    /// `{id, name, date, body, status: "Sent", type: "Admin"|"Client",
    /// attachments}`.
    pub fn row(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "date": self.date,
            "body": self.body,
            "status": "Sent",
            "type": if self.admin { "Admin" } else { "Client" },
            "attachments": self.attachments.iter().map(Attachment::row).collect::<Vec<_>>(),
        })
    }
}

/// A support ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub number: String,
    pub client_id: String,
    pub dept_id: String,
    pub subject: String,
    /// The customer's name and e-mail as HostBill records them.
    pub name: String,
    pub email: String,
    pub date: String,
    /// The opening message.
    pub body: String,
    /// Attachments of the opening message.
    pub attachments: Vec<Attachment>,
    pub status: String,
    /// False while a staff reply is unseen.
    pub client_read: bool,
    pub lastreply: String,
    /// Oldest first.
    pub replies: Vec<Reply>,
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

impl Ticket {
    /// A row of `GET /tickets` (HostBill's example fields, all strings).
    pub fn list_row(&self, deptname: &str) -> Value {
        json!({
            "client_read": flag(self.client_read),
            "ticket_number": self.number,
            "date": self.date,
            "deptname": deptname,
            "subject": self.subject,
            "status": self.status,
            "lastreply": self.lastreply,
        })
    }

    /// `GET /tickets/@number`: HostBill's `ticket` (plus `dept_id`,
    /// `lastreply`, `attachments`) and `replies`.
    pub fn thread(&self, deptname: &str) -> Value {
        json!({
            "ticket": {
                "date": self.date,
                "ticket_number": self.number,
                "name": self.name,
                "email": self.email,
                "subject": self.subject,
                "body": self.body,
                "status": self.status,
                "client_read": flag(self.client_read),
                "deptname": deptname,
                "dept_id": self.dept_id,
                "lastreply": self.lastreply,
                "attachments": self.attachments.iter().map(Attachment::row).collect::<Vec<_>>(),
            },
            "replies": self.replies.iter().map(Reply::row).collect::<Vec<_>>(),
        })
    }

    /// Every attachment of the ticket, opening message and replies.
    pub fn files(&self) -> impl Iterator<Item = &Attachment> {
        self.attachments.iter().chain(self.replies.iter().flat_map(|r| r.attachments.iter()))
    }
}

/// Departments, every ticket, the id counters.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportDb {
    pub departments: Vec<Department>,
    pub tickets: Vec<Ticket>,
    next_number: u64,
    next_reply: u64,
}

/// A message as sent: a string (numbers in their JSON spelling), trimmed;
/// `None` when absent or blank.
fn message(body: &Value, key: &str) -> Option<String> {
    let text = match body.get(key)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// The server's "now" as HostBill writes it.
pub fn now() -> String {
    crate::shop::now_stamp()
}

impl SupportDb {
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The department's name ("" when it no longer exists).
    pub fn dept_name(&self, id: &str) -> &str {
        self.department(id).map_or("", |d| d.name.as_str())
    }

    /// The client's tickets, latest activity first (`lastreply`
    /// descending, then number descending).
    pub fn of_client(&self, client_id: &str) -> Vec<&Ticket> {
        let mut list: Vec<&Ticket> =
            self.tickets.iter().filter(|t| t.client_id == client_id).collect();
        list.sort_by(|a, b| b.lastreply.cmp(&a.lastreply).then(b.number.cmp(&a.number)));
        list
    }

    pub fn ticket(&self, client_id: &str, number: &str) -> Result<&Ticket, &'static str> {
        self.tickets
            .iter()
            .find(|t| t.number == number.trim() && t.client_id == client_id)
            .ok_or(TICKET_NOT_FOUND)
    }

    fn ticket_mut(&mut self, client_id: &str, number: &str) -> Result<&mut Ticket, &'static str> {
        self.tickets
            .iter_mut()
            .find(|t| t.number == number.trim() && t.client_id == client_id)
            .ok_or(TICKET_NOT_FOUND)
    }

    fn new_reply_id(&mut self) -> String {
        self.next_reply += 1;
        self.next_reply.to_string()
    }

    /// `POST /tickets` `{dept_id, subject, body}`: checks department,
    /// subject, message (first failure answers) and opens the ticket;
    /// returns its number.
    pub fn create(
        &mut self,
        client_id: &str,
        name: &str,
        email: &str,
        body: &Value,
    ) -> Result<u64, &'static str> {
        let dept = match body.get("dept_id") {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s.trim().to_string(),
            _ => String::new(),
        };
        if self.department(&dept).is_none() {
            return Err(DEPT_NOT_FOUND);
        }
        let subject = message(body, "subject").ok_or(EMPTY_SUBJECT)?;
        let text = message(body, "body").ok_or(EMPTY_MESSAGE)?;
        while self.tickets.iter().any(|t| t.number == self.next_number.to_string()) {
            self.next_number += 1;
        }
        let number = self.next_number;
        self.next_number += 1;
        let date = now();
        self.tickets.push(Ticket {
            number: number.to_string(),
            client_id: client_id.into(),
            dept_id: dept,
            subject,
            name: name.into(),
            email: email.into(),
            date: date.clone(),
            body: text,
            attachments: Vec::new(),
            status: status::OPEN.into(),
            client_read: true,
            lastreply: date,
            replies: Vec::new(),
        });
        Ok(number)
    }

    /// `POST /tickets/@number` `{body}`: the customer's reply; the ticket
    /// becomes `Client-Reply` (and read). A closed ticket refuses.
    pub fn reply(
        &mut self,
        client_id: &str,
        number: &str,
        name: &str,
        body: &Value,
    ) -> Result<(), &'static str> {
        let t = self.ticket_mut(client_id, number)?;
        if t.status == status::CLOSED {
            return Err(TICKET_CLOSED);
        }
        let text = message(body, "body").ok_or(EMPTY_MESSAGE)?;
        let id = self.new_reply_id();
        let t = self.ticket_mut(client_id, number)?;
        let date = now();
        t.replies.push(Reply {
            id,
            admin: false,
            name: name.into(),
            date: date.clone(),
            body: text,
            attachments: Vec::new(),
        });
        t.status = status::CLIENT_REPLY.into();
        t.client_read = true;
        t.lastreply = date;
        Ok(())
    }

    /// `PUT /tickets/@number/open`: a closed ticket becomes `Open`.
    pub fn reopen(&mut self, client_id: &str, number: &str) -> Result<(), &'static str> {
        let t = self.ticket_mut(client_id, number)?;
        if t.status != status::CLOSED {
            return Err(CANT_REOPEN);
        }
        t.status = status::OPEN.into();
        Ok(())
    }

    /// `PUT /tickets/@number/close`: any other status becomes `Closed`.
    pub fn close(&mut self, client_id: &str, number: &str) -> Result<(), &'static str> {
        let t = self.ticket_mut(client_id, number)?;
        if t.status == status::CLOSED {
            return Err(CANT_CLOSE);
        }
        t.status = status::CLOSED.into();
        Ok(())
    }

    /// `GET /tickets/@number`: the thread as it was, then marks it read.
    pub fn read(&mut self, client_id: &str, number: &str) -> Result<Value, &'static str> {
        let t = self.ticket(client_id, number)?;
        let thread = t.thread(self.dept_name(&t.dept_id));
        self.ticket_mut(client_id, number)?.client_read = true;
        Ok(thread)
    }

    /// The attachment `file` of ticket `number` of this client.
    pub fn attachment(
        &self,
        client_id: &str,
        number: &str,
        file: &str,
    ) -> Result<&Attachment, &'static str> {
        let t = self.ticket(client_id, number)?;
        t.files().find(|a| a.id == file.trim()).ok_or(ATTACHMENT_NOT_FOUND)
    }

    /// Test hook: a staff reply to any account's ticket. The ticket becomes
    /// `Answered` and unread. Returns the reply's row.
    pub fn staff_reply(
        &mut self,
        number: &str,
        name: &str,
        body: &str,
    ) -> Result<Value, &'static str> {
        if !self.tickets.iter().any(|t| t.number == number.trim()) {
            return Err(TICKET_NOT_FOUND);
        }
        let id = self.new_reply_id();
        let t =
            self.tickets.iter_mut().find(|t| t.number == number.trim()).ok_or(TICKET_NOT_FOUND)?;
        let reply = Reply {
            id,
            admin: true,
            name: name.into(),
            date: now(),
            body: body.into(),
            attachments: Vec::new(),
        };
        t.lastreply = reply.date.clone();
        t.status = status::ANSWERED.into();
        t.client_read = false;
        let row = reply.row();
        t.replies.push(reply);
        Ok(row)
    }
}

// ------------------------------------------------------------------ seed

/// Ticket numbers of the demo account's seed.
pub mod demo {
    /// Open, no reply yet; a .txt attached to the opening message.
    pub const OPEN: &str = "482913";
    /// Answered, staff reply unread: hostile HTML, a PNG and a PDF.
    pub const ANSWERED: &str = "517204";
    /// Client-Reply.
    pub const CLIENT_REPLY: &str = "530871";
    /// Closed: refuses a reply until re-opened.
    pub const CLOSED: &str = "449382";
    /// In-Progress.
    pub const IN_PROGRESS: &str = "561447";
    /// Answered and read, a thread of 12 replies.
    pub const LONG: &str = "402618";
    /// Attachment ids: the .txt of 482913, the PNG and PDF of 517204.
    pub const TXT: &str = "2301";
    pub const PNG: &str = "2302";
    pub const PDF: &str = "2303";
}

/// `YYYY-MM-DD HH:MM:SS`, `days` before today.
fn ago(days: i64, time: &str) -> String {
    format!("{} {time}", ymd(today() - days))
}

fn s(v: &str) -> String {
    v.to_string()
}

const DEMO_NAME: &str = "An Nguyễn Văn";
const DEMO_EMAIL: &str = "demo@bkns.vn";

/// The hostile staff reply of ticket 517204: paragraphs, line breaks, a
/// real link, a `javascript:` link, an image with `onerror`, a script,
/// nested tags.
pub const HOSTILE_HTML: &str = "<p>Chào anh An,</p>\r\n<p>Bộ phận Kỹ thuật đã kiểm tra tên miền <b>bkns-demo.vn</b>: chứng chỉ SSL đã cài đúng, nhưng trang chủ còn tải ảnh qua <code>http://</code> (lỗi <i>mixed content</i>) nên trình duyệt không hiện ổ khóa.<br>Anh xem ảnh chụp kết quả kiểm tra và hướng dẫn đính kèm.</p>\r\n<ul><li>Hướng dẫn chi tiết: <a href=\"https://www.bkns.vn/huong-dan/cai-dat-ssl\" target=\"_blank\">www.bkns.vn/huong-dan/cai-dat-ssl</a></li><li><a href=\"javascript:alert('xss')\">Bấm vào đây để kiểm tra lại</a></li></ul>\r\n<img src=x onerror=alert(1)>\r\n<script>alert('xss')</script>\r\n<div onclick=\"alert(2)\"><p>Trân trọng,<br><strong>Trần Minh Khoa</strong><br><span style=\"color:#888\"><em>Kỹ thuật <u>BKNS</u></em></span></p></div>";

/// A small PNG: a padlock with a check mark (160×100, grey on transparent).
pub fn seed_png() -> Vec<u8> {
    crate::pdf::png_from(160, 100, |x, y| {
        let (x, y) = (x as i32, y as i32);
        // Shackle: a ring above the body.
        let (dx, dy) = (x - 80, y - 38);
        let r2 = dx * dx + dy * dy;
        let shackle = y <= 40 && (400..=676).contains(&r2);
        let body = (50..=110).contains(&x) && (40..=90).contains(&y);
        let border = body && !((54..=106).contains(&x) && (44..=86).contains(&y));
        // Check mark inside the body.
        let tick = ((64..=76).contains(&x) && (y - (x - 64 + 58)).abs() <= 1)
            || ((76..=96).contains(&x) && (y - (70 - (x - 76))).abs() <= 1);
        shackle || border || tick
    })
}

/// A small PDF: the SSL installation guide.
pub fn seed_pdf() -> Vec<u8> {
    let lines: Vec<String> = [
        "Ten mien: bkns-demo.vn - Chung chi: Let's Encrypt R11",
        "1. Kiem tra chung chi bang https://www.ssllabs.com/ssltest/",
        "2. Tim cac duong dan http:// trong ma nguon va co so du lieu",
        "3. Doi thanh https:// hoac duong dan tuong doi",
        "4. Bat chuyen huong HTTP -> HTTPS trong .htaccess",
        "5. Xoa bo nho dem (cache) cua trinh duyet va CDN",
        "Ho tro 24/7: 1900 1830 - kythuat@bkns.vn",
    ]
    .iter()
    .map(|l| s(l))
    .collect();
    crate::pdf::document(&crate::pdf::Page {
        title: "BKNS - Huong dan khac phuc loi mixed content sau khi cai SSL",
        lines: &lines,
        signature: None,
    })
}

/// A small text file: the PHP error log of ticket 482913.
pub const SEED_TXT: &str = "[03-Dec-2026 08:12:41 UTC] PHP Fatal error:  Uncaught Error: Call to undefined function create_function() in /home/bknsdemo/public_html/wp-content/plugins/revslider/includes/framework/functions-wordpress.class.php:258\nStack trace:\n#0 /home/bknsdemo/public_html/wp-settings.php(453): include_once()\n#1 /home/bknsdemo/public_html/wp-config.php(96): require_once('/home/bknsdemo/...')\n#2 {main}\n  thrown in /home/bknsdemo/public_html/wp-content/plugins/revslider/includes/framework/functions-wordpress.class.php on line 258\n[03-Dec-2026 08:12:44 UTC] PHP Warning:  Undefined array key \"HTTP_X_FORWARDED_PROTO\" in /home/bknsdemo/public_html/wp-config.php on line 23\n";

fn attachment(id: &str, filename: &str, mime: &str, data: Vec<u8>) -> Attachment {
    Attachment { id: s(id), filename: s(filename), mime: s(mime), data }
}

/// A seed reply: (admin, name, days ago, time, body).
type Row<'a> = (bool, &'a str, i64, &'a str, &'a str);

struct Draft<'a> {
    number: &'a str,
    dept: &'a str,
    subject: &'a str,
    date: (i64, &'a str),
    body: &'a str,
    status: &'a str,
    client_read: bool,
    replies: Vec<Row<'a>>,
}

impl SupportDb {
    fn seed_ticket(&mut self, client: (&str, &str, &str), d: Draft) -> &mut Ticket {
        let replies: Vec<Reply> = d
            .replies
            .iter()
            .map(|(admin, name, days, time, body)| Reply {
                id: self.new_reply_id(),
                admin: *admin,
                name: s(name),
                date: ago(*days, time),
                body: s(body),
                attachments: Vec::new(),
            })
            .collect();
        let date = ago(d.date.0, d.date.1);
        let lastreply = replies.last().map_or(date.clone(), |r| r.date.clone());
        self.tickets.push(Ticket {
            number: s(d.number),
            client_id: s(client.0),
            dept_id: s(d.dept),
            subject: s(d.subject),
            name: s(client.1),
            email: s(client.2),
            date,
            body: s(d.body),
            attachments: Vec::new(),
            status: s(d.status),
            client_read: d.client_read,
            lastreply,
            replies,
        });
        let last = self.tickets.len() - 1;
        &mut self.tickets[last]
    }
}

const KHOA: &str = "Trần Minh Khoa";
const HANH: &str = "Nguyễn Thị Hạnh";
const LINH: &str = "Phạm Thùy Linh";

/// The seed: three departments; the demo account's six tickets (every
/// status, see [`demo`]); the bulk account's 120; none for the example
/// account.
#[allow(clippy::too_many_lines)] // the demo's six threads are data
pub fn seed() -> SupportDb {
    let mut db = SupportDb {
        departments: vec![
            Department {
                id: s("1"),
                name: s("Kỹ thuật"),
                description: s("Sự cố hosting, VPS, máy chủ, email, DNS và chứng chỉ SSL (24/7)"),
            },
            Department {
                id: s("2"),
                name: s("Kinh doanh"),
                description: s("Tư vấn dịch vụ, báo giá, nâng cấp gói và chuyển tên miền về BKNS"),
            },
            Department { id: s("3"), name: s("Thanh toán"), description: String::new() },
        ],
        tickets: Vec::new(),
        next_number: FIRST_NEW_NUMBER,
        next_reply: 3_400,
    };
    let me = (DEMO_ID, DEMO_NAME, DEMO_EMAIL);

    let t = db.seed_ticket(
        me,
        Draft {
            number: demo::LONG,
            dept: "1",
            subject: "Email không gửi được ra ngoài (SMTP báo lỗi 550)",
            date: (12, "08:05:31"),
            body: "Chào BKNS,\r\nTừ sáng nay email @bkns-demo.vn gửi ra Gmail đều bị trả về với lỗi \"550 5.7.1 Message rejected\". Gửi nội bộ vẫn bình thường.\r\nNhờ kỹ thuật kiểm tra giúp.",
            status: status::ANSWERED,
            client_read: true,
            replies: vec![
                (true, KHOA, 12, "08:41:10", "<p>Chào anh An,</p><p>Em đã nhận yêu cầu. Anh gửi giúp em <b>toàn bộ thư báo lỗi</b> (bounce) để em kiểm tra header nhé.</p>"),
                (false, DEMO_NAME, 12, "09:02:47", "Mình gửi lại nội dung thư báo lỗi:\r\n550 5.7.1 [103.28.36.12] Our system has detected that this message is likely unsolicited mail."),
                (true, KHOA, 12, "09:35:02", "<p>IP gửi thư <code>103.28.36.12</code> đang nằm trong danh sách đen của Spamhaus.<br>Em đang gửi yêu cầu gỡ, thường mất 2-24 giờ.</p>"),
                (false, DEMO_NAME, 12, "10:10:15", "Vậy trong lúc chờ mình có cách nào gửi được không?"),
                (true, KHOA, 12, "10:22:40", "<p>Em đã tạm chuyển tài khoản của anh sang cụm gửi thư <b>smtp2.bkns.vn</b>. Anh thử gửi lại giúp em.</p>"),
                (false, DEMO_NAME, 12, "11:05:09", "Đã gửi được ra Gmail, nhưng Outlook vẫn vào thư mục Spam."),
                (true, HANH, 11, "08:15:00", "<p>Chào anh,</p><p>Tên miền chưa có bản ghi <b>DKIM</b> và <b>DMARC</b>. Em gửi anh bản ghi cần thêm:</p><p><code>default._domainkey</code> TXT <code>v=DKIM1; k=rsa; p=…</code><br><code>_dmarc</code> TXT <code>v=DMARC1; p=quarantine</code></p>"),
                (false, DEMO_NAME, 11, "09:40:33", "Mình đã thêm 2 bản ghi trong trang quản lý DNS."),
                (true, HANH, 11, "10:02:18", "<p>Em đã kiểm tra, DKIM và DMARC đều hợp lệ. Spamhaus cũng đã gỡ IP <code>103.28.36.12</code>.</p>"),
                (false, DEMO_NAME, 10, "14:20:51", "Hôm nay Outlook đã nhận vào Inbox. Cảm ơn các bạn."),
                (true, HANH, 10, "14:45:06", "<p>Dạ, em chuyển tài khoản của anh về cụm gửi thư chính nhé.</p>"),
                (true, KHOA, 9, "09:00:00", "<p>Đã chuyển xong. Nếu còn vấn đề anh cứ phản hồi trên yêu cầu này.</p><p>Trân trọng,<br>Kỹ thuật BKNS</p>"),
            ],
        },
    );
    debug_assert_eq!(t.replies.len(), 12);

    db.seed_ticket(
        me,
        Draft {
            number: demo::CLOSED,
            dept: "3",
            subject: "Xác nhận chuyển khoản hóa đơn #3102",
            date: (30, "15:12:09"),
            body: "Mình đã chuyển khoản 150.000 đ cho hóa đơn #3102 qua Vietcombank lúc 14:55, nội dung \"BKNS 3102\". Nhờ kế toán xác nhận giúp.",
            status: status::CLOSED,
            client_read: true,
            replies: vec![
                (true, LINH, 29, "09:20:44", "<p>Chào anh An,</p><p>Kế toán chưa thấy giao dịch trên sao kê. Anh gửi giúp em <b>ảnh ủy nhiệm chi</b> nhé.</p>"),
                (false, DEMO_NAME, 29, "10:01:13", "Mình gửi mã giao dịch: FT26334912077."),
                (true, LINH, 28, "08:30:00", "<p>Em đã tìm thấy giao dịch. Hóa đơn sẽ được cập nhật trong ngày. Em xin đóng yêu cầu.</p>"),
            ],
        },
    );

    let t = db.seed_ticket(
        me,
        Draft {
            number: demo::ANSWERED,
            dept: "1",
            subject: "Chứng chỉ SSL không hiển thị ổ khóa trên trình duyệt",
            date: (3, "20:31:55"),
            body: "Chào BKNS,\r\nMình đã cài chứng chỉ SSL miễn phí cho bkns-demo.vn nhưng Chrome vẫn báo \"Không bảo mật\" và không hiện ổ khóa.\r\nNhờ kỹ thuật kiểm tra giúp mình.",
            status: status::ANSWERED,
            client_read: false,
            replies: vec![(true, KHOA, 2, "09:14:22", HOSTILE_HTML)],
        },
    );
    t.replies[0].attachments = vec![
        attachment(demo::PNG, "ket-qua-kiem-tra-ssl.png", "image/png", seed_png()),
        attachment(
            demo::PDF,
            "huong-dan-khac-phuc-mixed-content.pdf",
            "application/pdf",
            seed_pdf(),
        ),
    ];

    db.seed_ticket(
        me,
        Draft {
            number: demo::IN_PROGRESS,
            dept: "2",
            subject: "Chuyển tên miền banhmi-saigon.com về BKNS",
            date: (5, "10:48:03"),
            body: "Mình muốn chuyển tên miền banhmi-saigon.com từ nhà đăng ký khác về BKNS. Mã EPP mình đã có, nhờ hướng dẫn các bước.",
            status: status::IN_PROGRESS,
            client_read: true,
            replies: vec![
                (true, LINH, 5, "11:30:19", "<p>Chào anh,</p><p>Anh đặt đơn chuyển tên miền tại mục <b>Tên miền → Chuyển về BKNS</b> và nhập mã EPP. Em sẽ theo dõi và báo lại khi nhà đăng ký cũ xác nhận.</p>"),
                (false, DEMO_NAME, 4, "16:05:40", "Mình đã đặt đơn và thanh toán rồi."),
                (true, LINH, 4, "16:40:12", "<p>Em đã gửi yêu cầu sang nhà đăng ký cũ, thời gian xử lý 5-7 ngày. Trạng thái yêu cầu chuyển sang <i>Đang xử lý</i>.</p>"),
            ],
        },
    );

    db.seed_ticket(
        me,
        Draft {
            number: demo::CLIENT_REPLY,
            dept: "2",
            subject: "Tư vấn nâng cấp gói Cloud VPS lên 8 GB RAM",
            date: (2, "14:02:36"),
            body: "VPS web-01 thường xuyên hết RAM vào giờ cao điểm. Mình muốn nâng lên 8 GB RAM, 4 vCPU. Chi phí và thời gian gián đoạn thế nào?",
            status: status::CLIENT_REPLY,
            client_read: true,
            replies: vec![
                (true, HANH, 2, "15:10:27", "<p>Chào anh An,</p><p>Nâng cấp lên 4 vCPU / 8 GB RAM là <b>640.000 đ/tháng</b> (chưa VAT). VPS cần khởi động lại khoảng 2 phút.</p>"),
                (false, DEMO_NAME, 1, "08:47:52", "Mình đồng ý. Có thể nâng cấp lúc 23:00 tối nay được không?"),
            ],
        },
    );

    let t = db.seed_ticket(
        me,
        Draft {
            number: demo::OPEN,
            dept: "1",
            subject: "Website báo lỗi 500 sau khi nâng cấp PHP 8.2",
            date: (1, "08:20:17"),
            body: "Sau khi đổi phiên bản PHP của hosting Starter sang 8.2, website WordPress báo lỗi 500 Internal Server Error.\r\nMình gửi kèm file error_log.",
            status: status::OPEN,
            client_read: true,
            replies: Vec::new(),
        },
    );
    t.attachments = vec![attachment(
        demo::TXT,
        "error_log.txt",
        "text/plain; charset=utf-8",
        SEED_TXT.as_bytes().to_vec(),
    )];

    seed_bulk(&mut db);
    db
}

/// The bulk account's 120 tickets: numbers 6xxxxx (distinct, not in
/// order), every status and department, dates over the last 240 days.
fn seed_bulk(db: &mut SupportDb) {
    const SUBJECTS: [&str; 8] = [
        "Gia hạn tên miền",
        "Không truy cập được cPanel",
        "Yêu cầu xuất hóa đơn VAT",
        "Cài đặt chứng chỉ SSL cho tên miền phụ",
        "Tăng dung lượng hosting",
        "Cấu hình bản ghi MX",
        "Sao lưu dữ liệu VPS",
        "Đổi thông tin chủ thể tên miền",
    ];
    const TIMES: [&str; 4] = ["08:15:00", "10:42:31", "14:05:12", "16:58:47"];
    let me = (BULK_ID, "Bình Trần Thanh", crate::domain_data::BULK_EMAIL);
    for i in 0..BULK_TICKETS {
        let number = (600_000 + (i * 7_919 + 1_234) % 100_000).to_string();
        let st = status::ALL[i % status::ALL.len()];
        let days = 240 - 2 * i as i64;
        let time = TIMES[i % TIMES.len()];
        let subject = format!("{} #{}", SUBJECTS[i % SUBJECTS.len()], i + 1);
        let body = format!("Yêu cầu số {} của Công ty TNHH Bình Minh: {}.", i + 1, subject);
        let replies: Vec<Row> = match st {
            status::OPEN => Vec::new(),
            status::CLIENT_REPLY => vec![
                (true, HANH, days, "17:30:00", "<p>Em đã nhận yêu cầu và đang kiểm tra.</p>"),
                (false, "Bình Trần Thanh", days - 1, time, "Nhờ bạn xử lý sớm giúp."),
            ],
            _ => vec![(
                true,
                KHOA,
                days - 1,
                "09:00:00",
                "<p>Đã xử lý xong, anh kiểm tra lại giúp em.</p>",
            )],
        };
        db.seed_ticket(
            me,
            Draft {
                number: &number,
                dept: ["1", "2", "3"][i % 3],
                subject: &subject,
                date: (days, time),
                body: &body,
                status: st,
                // Every tenth answered ticket still has an unseen reply.
                client_read: !(st == status::ANSWERED && i % 10 == 1),
                replies,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn seed_is_consistent() {
        let db = seed();
        let numbers: BTreeSet<&str> = db.tickets.iter().map(|t| t.number.as_str()).collect();
        assert_eq!(numbers.len(), db.tickets.len(), "numbers are unique");
        assert!(numbers.iter().all(|n| n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit())));
        assert_eq!(db.of_client(DEMO_ID).len(), 6);
        assert_eq!(db.of_client(BULK_ID).len(), BULK_TICKETS);
        assert!(db.of_client(crate::seed::EXAMPLE_ID).is_empty());
        for client in [DEMO_ID, BULK_ID] {
            let statuses: BTreeSet<&str> =
                db.of_client(client).iter().map(|t| t.status.as_str()).collect();
            assert_eq!(statuses, status::ALL.into_iter().collect(), "{client}");
        }
        let reply_ids: BTreeSet<&str> =
            db.tickets.iter().flat_map(|t| t.replies.iter().map(|r| r.id.as_str())).collect();
        assert_eq!(reply_ids.len(), db.tickets.iter().map(|t| t.replies.len()).sum::<usize>());
        for t in &db.tickets {
            assert!(db.department(&t.dept_id).is_some());
            assert!(t.replies.windows(2).all(|w| w[0].date <= w[1].date), "{}", t.number);
            assert!(t.date <= t.lastreply && t.lastreply < now(), "{}", t.number);
        }
        let answered = db.ticket(DEMO_ID, demo::ANSWERED).unwrap();
        assert!(!answered.client_read);
        assert_eq!(answered.files().count(), 2);
        assert!(crate::pdf::png_ink(&seed_png()).unwrap().ink_pixels() > 200);
    }

    #[test]
    fn status_rules() {
        let mut db = seed();
        let t = demo::OPEN;
        assert_eq!(db.reopen(DEMO_ID, t), Err(CANT_REOPEN));
        db.reply(DEMO_ID, t, DEMO_NAME, &json!({"body": " ok "})).unwrap();
        assert_eq!(db.ticket(DEMO_ID, t).unwrap().status, status::CLIENT_REPLY);
        assert_eq!(db.ticket(DEMO_ID, t).unwrap().replies[0].body, "ok");
        db.close(DEMO_ID, t).unwrap();
        assert_eq!(db.close(DEMO_ID, t), Err(CANT_CLOSE));
        assert_eq!(db.reply(DEMO_ID, t, DEMO_NAME, &json!({"body": "x"})), Err(TICKET_CLOSED));
        db.reopen(DEMO_ID, t).unwrap();
        assert_eq!(db.ticket(DEMO_ID, t).unwrap().status, status::OPEN);
        assert_eq!(db.reply(DEMO_ID, t, DEMO_NAME, &json!({"body": "  "})), Err(EMPTY_MESSAGE));
        assert_eq!(db.reply(BULK_ID, t, DEMO_NAME, &json!({"body": "x"})), Err(TICKET_NOT_FOUND));
        let row = db.staff_reply(t, HANH, "<p>Xong</p>").unwrap();
        assert_eq!(row["type"], "Admin");
        let t = db.ticket(DEMO_ID, t).unwrap();
        assert_eq!((t.status.as_str(), t.client_read), (status::ANSWERED, false));
    }

    #[test]
    fn new_numbers_count_up_from_the_reference_example() {
        let mut db = seed();
        let body = json!({"dept_id": 1, "subject": "Subject", "body": "Message ..."});
        assert_eq!(db.create(DEMO_ID, DEMO_NAME, DEMO_EMAIL, &body), Ok(FIRST_NEW_NUMBER));
        assert_eq!(db.create(DEMO_ID, DEMO_NAME, DEMO_EMAIL, &body), Ok(FIRST_NEW_NUMBER + 1));
        for (bad, word) in [
            (json!({"subject": "s", "body": "b"}), DEPT_NOT_FOUND),
            (json!({"dept_id": "9", "subject": "s", "body": "b"}), DEPT_NOT_FOUND),
            (json!({"dept_id": "2", "subject": " ", "body": "b"}), EMPTY_SUBJECT),
            (json!({"dept_id": "2", "subject": "s"}), EMPTY_MESSAGE),
        ] {
            assert_eq!(db.create(DEMO_ID, DEMO_NAME, DEMO_EMAIL, &bad), Err(word), "{bad}");
        }
    }
}
