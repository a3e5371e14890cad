//! Per-account data behind sign-up, profile, contacts and notifications
//! (catalog endpoints 5, 7, 14-23, 27-29 and HostBill's `PUT /details`,
//! `POST /passwordreset`): contacts with privileges, the activity log,
//! portal notifications, status updates, and the businesses the tax-id
//! lookups find. Seeded here; kept in [`crate::state::Db::customer`].
//!
//! None of these answers has an example in the reference (except contacts
//! and privileges), so the shapes are plausible HostBill ones: lists wrapped
//! in one key, ids and flags as strings, `[]` for an empty object.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::seed::{DEMO_ID, EXAMPLE_ID};

/// A contact (sub-user) of an account, as `GET /contact/@id` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub firstname: String,
    pub lastname: String,
    pub companyname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub phonenumber: String,
    #[serde(rename = "type")]
    pub kind: String,
    // --- BKNS fields (the sign-up set) ---
    pub taxid: String,
    pub gender: String,
    pub zalonumber: String,
    pub nationalid: String,
    pub birthday: String,
    pub ward: String,
    pub telegramnotifications: Vec<String>,
    pub zalonotifications: Vec<String>,
    /// Same shape as `GET /contact/privileges`, `[]` when empty (PHP).
    pub privileges: Value,
    pub lastlogin: String,
    /// "lets this contact log in"; never shown.
    #[serde(skip)]
    pub password: Option<String>,
}

impl Contact {
    pub fn empty(id: String) -> Contact {
        Contact {
            id,
            email: String::new(),
            firstname: String::new(),
            lastname: String::new(),
            companyname: String::new(),
            address1: String::new(),
            address2: String::new(),
            city: String::new(),
            state: String::new(),
            postcode: String::new(),
            country: String::new(),
            phonenumber: String::new(),
            kind: "Private".into(),
            taxid: String::new(),
            gender: String::new(),
            zalonumber: String::new(),
            nationalid: String::new(),
            birthday: String::new(),
            ward: String::new(),
            telegramnotifications: Vec::new(),
            zalonotifications: Vec::new(),
            privileges: json!([]),
            lastlogin: "0000-00-00 00:00:00".into(),
            password: None,
        }
    }

    /// The row of `GET /contact` (the doc's example fields).
    pub fn summary(&self) -> Value {
        json!({
            "email": self.email,
            "id": self.id,
            "firstname": self.firstname,
            "lastname": self.lastname,
            "companyname": self.companyname,
            "company": if self.kind == "Company" { "1" } else { "0" },
            "lastlogin": self.lastlogin,
        })
    }
}

/// One line of `GET /logs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub id: String,
    pub date: String,
    pub action: String,
    pub ip: String,
}

/// A portal notification (`GET /notifications`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notification {
    pub id: String,
    pub rel_type: String,
    pub rel_id: String,
    pub subject: String,
    pub message: String,
    pub date: String,
    /// "1" once acknowledged (`PUT /notifications/@id/ack`).
    pub seen: String,
}

/// A service status update (`GET /statuses`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusUpdate {
    pub id: String,
    pub title: String,
    pub description: String,
    /// "Scheduled", "In Progress" or "Resolved".
    pub status: String,
    pub priority: String,
    pub date: String,
    pub lastupdate: String,
}

/// What the tax-id lookups know about a business.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Business {
    pub taxid: String,
    pub name: String,
    pub address: String,
    pub address1: String,
    pub ward: String,
    pub city: String,
    pub state: String,
    pub country: String,
    pub status: String,
}

/// The mutable data of this module.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerData {
    /// Client id → contacts.
    pub contacts: BTreeMap<String, Vec<Contact>>,
    pub next_contact_id: u64,
    /// Client id → privilege tree of `GET /contact/privileges`.
    pub privileges: BTreeMap<String, Value>,
    /// Client id → activity log, newest first.
    pub logs: BTreeMap<String, Vec<LogEntry>>,
    pub next_log_id: u64,
    /// Client id → notifications, newest first.
    pub notifications: BTreeMap<String, Vec<Notification>>,
    pub statuses: Vec<StatusUpdate>,
    /// Companies (`/clientarea/businessinfo`) by tax id.
    pub businesses: BTreeMap<String, Business>,
    /// Household businesses (`/clientarea/gethouseholds`) by tax id.
    pub households: BTreeMap<String, Business>,
    /// E-mails a password reset was requested for (in order).
    pub password_resets: Vec<String>,
}

impl CustomerData {
    /// Appends an activity-log line for a client (newest first).
    pub fn log(&mut self, client_id: &str, action: &str, date: String) {
        self.next_log_id += 1;
        let entry = LogEntry {
            id: self.next_log_id.to_string(),
            date,
            action: action.to_string(),
            ip: "127.0.0.1".into(),
        };
        self.logs.entry(client_id.to_string()).or_default().insert(0, entry);
    }
}

/// The privilege tree of the doc's example, with this account's service
/// and domain ids.
pub fn privilege_tree(services: &[&str], domains: &[&str]) -> Value {
    let mut s = serde_json::Map::new();
    s.insert("full".into(), json!(1));
    for id in services {
        s.insert(
            (*id).into(),
            json!(["basic", "billing", "cancelation", "upgrade", "notify", "logindetails"]),
        );
    }
    let mut d = serde_json::Map::new();
    d.insert("full".into(), json!(1));
    for id in domains {
        d.insert((*id).into(), json!(["basic", "renew", "notify", "contactinfo", "nameservers"]));
    }
    json!({
        "billing": ["emails", "payinvoice", "orders", "balance", "addfunds", "creditcard"],
        "support": ["newticket", "tickets", "closeticket", "emails"],
        "misc": ["editmain", "emails", "editipaccess", "manageprofiles", "affiliates"],
        "services": s,
        "domains": d,
    })
}

fn s(v: &str) -> String {
    v.to_string()
}

fn business(
    taxid: &str,
    name: &str,
    address1: &str,
    ward: &str,
    city: &str,
    state: &str,
) -> Business {
    Business {
        taxid: s(taxid),
        name: s(name),
        address: format!("{address1}, {ward}, {city}, {state}"),
        address1: s(address1),
        ward: s(ward),
        city: s(city),
        state: s(state),
        country: s("VN"),
        status: s("Đang hoạt động"),
    }
}

fn note(
    id: &str,
    rel_type: &str,
    rel_id: &str,
    subject: &str,
    message: &str,
    date: &str,
    seen: bool,
) -> Notification {
    Notification {
        id: s(id),
        rel_type: s(rel_type),
        rel_id: s(rel_id),
        subject: s(subject),
        message: s(message),
        date: s(date),
        seen: s(if seen { "1" } else { "0" }),
    }
}

/// Seed data (also after `POST /__mock/reset`).
// Long: one literal of the seeded records, read top to bottom.
#[allow(clippy::too_many_lines)]
pub fn seed() -> CustomerData {
    let mary = Contact {
        email: s("mary@example.com"),
        firstname: s("Mary"),
        lastname: s("Sue"),
        address1: s("Pretty View Lane"),
        address2: s("3194"),
        city: s("Santa Rosa"),
        state: s("California"),
        postcode: s("95401"),
        country: s("US"),
        phonenumber: s("+1.24123123"),
        privileges: json!({"support": ["tickets", "newticket"]}),
        ..Contact::empty(s("49"))
    };
    // In a province the July 2025 reform merges away (Bình Dương → Thành
    // phố Hồ Chí Minh; `GET /willexpired/VN/state` lists it).
    let binh = Contact {
        email: s("binh.tran@bkns.vn"),
        firstname: s("Bình"),
        lastname: s("Trần Thị"),
        address1: s("45 Yersin"),
        city: s("Thành phố Thủ Dầu Một"),
        state: s("Tỉnh Bình Dương"),
        ward: s("Phường Phú Cường"),
        country: s("VN"),
        phonenumber: s("0912345678"),
        gender: s("female"),
        nationalid: s("079190004321"),
        birthday: s("02-09-1991"),
        zalonotifications: Vec::new(),
        telegramnotifications: vec![s("1")],
        privileges: json!({"billing": ["emails", "payinvoice"], "support": ["newticket", "tickets"], "domains": {"full": 1}}),
        lastlogin: s("2026-01-08 14:02:11"),
        ..Contact::empty(s("50"))
    };

    let mut logs = BTreeMap::new();
    let demo_logs: Vec<LogEntry> = (0..23u32)
        .map(|i| {
            let day = 28 - i; // 2026-01-05 .. 2025-12-06, newest first
            let (month, d) = if day > 23 { (1, day - 23) } else { (12, day + 8) };
            let year = if month == 1 { 2026 } else { 2025 };
            let action = match i % 4 {
                0 => "Đăng nhập vào khu vực khách hàng",
                1 => "Xem hoá đơn #2025120",
                2 => "Đổi địa chỉ e-mail nhận thông báo",
                _ => "Đăng xuất",
            };
            LogEntry {
                id: (100 + 23 - i).to_string(),
                date: format!("{year}-{month:02}-{d:02} {:02}:{:02}:05", 8 + i % 10, (i * 7) % 60),
                action: action.to_string(),
                ip: format!("113.161.72.{}", 10 + i % 5),
            }
        })
        .collect();
    logs.insert(s(DEMO_ID), demo_logs);
    logs.insert(
        s(EXAMPLE_ID),
        vec![LogEntry {
            id: s("90"),
            date: s("2016-12-30 12:24:28"),
            action: s("Login"),
            ip: s("172.100.2.1"),
        }],
    );

    let mut notifications = BTreeMap::new();
    notifications.insert(
        s(DEMO_ID),
        vec![
            note(
                "305",
                "Invoice",
                "2026011",
                "Hoá đơn #2026011 chờ thanh toán",
                "Hoá đơn #2026011 trị giá 1.250.000 ₫ đến hạn ngày 20/01/2026.",
                "2026-01-12 09:15:00",
                false,
            ),
            note(
                "304",
                "Service",
                "1201",
                "Hosting BKNS Starter sắp hết hạn",
                "Dịch vụ hosting congtyan.vn hết hạn ngày 05/02/2026. Gia hạn để tránh gián đoạn.",
                "2026-01-10 08:00:00",
                false,
            ),
            note(
                "303",
                "Domain",
                "523",
                "Tên miền congtyan.vn sắp hết hạn",
                "Tên miền congtyan.vn sẽ hết hạn sau 30 ngày.",
                "2026-01-06 08:00:00",
                false,
            ),
            note(
                "302",
                "Ticket",
                "771",
                "Yêu cầu hỗ trợ #771 đã có phản hồi",
                "<p>Kỹ thuật viên đã trả lời yêu cầu <b>#771</b>.</p>",
                "2025-12-28 16:40:00",
                true,
            ),
            note(
                "301",
                "Invoice",
                "2025120",
                "Đã nhận thanh toán hoá đơn #2025120",
                "Cảm ơn quý khách đã thanh toán.",
                "2025-12-20 10:05:00",
                true,
            ),
        ],
    );
    notifications.insert(
        s(EXAMPLE_ID),
        vec![note(
            "201",
            "Invoice",
            "1203",
            "Invoice #1203 is due",
            "Please pay invoice #1203.",
            "2016-12-29 09:00:00",
            false,
        )],
    );

    let statuses = vec![
        StatusUpdate {
            id: s("7"),
            title: s("Bảo trì hệ thống máy chủ email HN-02"),
            description: s("Dịch vụ email trên cụm HN-02 có thể gián đoạn tối đa 30 phút trong thời gian bảo trì."),
            status: s("Scheduled"),
            priority: s("Medium"),
            date: s("2026-01-20 23:00:00"),
            lastupdate: s("2026-01-12 10:00:00"),
        },
        StatusUpdate {
            id: s("6"),
            title: s("Chậm phản hồi DNS khu vực miền Nam"),
            description: s("Một số truy vấn DNS tại TP.HCM phản hồi chậm. Kỹ thuật đang xử lý."),
            status: s("In Progress"),
            priority: s("High"),
            date: s("2026-01-12 07:30:00"),
            lastupdate: s("2026-01-12 08:10:00"),
        },
        StatusUpdate {
            id: s("5"),
            title: s("Nâng cấp hạ tầng lưu trữ VPS"),
            description: s("Đã hoàn tất nâng cấp, mọi VPS hoạt động bình thường."),
            status: s("Resolved"),
            priority: s("Low"),
            date: s("2026-01-02 01:00:00"),
            lastupdate: s("2026-01-02 04:00:00"),
        },
    ];

    let mut businesses = BTreeMap::new();
    for b in [
        business(
            "0312345678",
            "CÔNG TY TNHH GIẢI PHÁP SỐ SAO VIỆT",
            "Tầng 5, 123 Nguyễn Thị Minh Khai",
            "Phường Bến Thành",
            "Quận 1",
            "Thành phố Hồ Chí Minh",
        ),
        business(
            "0109876543",
            "CÔNG TY CỔ PHẦN CÔNG NGHỆ HỒ GƯƠM",
            "18 Tràng Tiền",
            "Phường Tràng Tiền",
            "Quận Hoàn Kiếm",
            "Thành phố Hà Nội",
        ),
        business(
            "0401234567",
            "CÔNG TY TNHH DU LỊCH BIỂN XANH",
            "99 Võ Nguyên Giáp",
            "Phường Phước Mỹ",
            "Quận Sơn Trà",
            "Thành phố Đà Nẵng",
        ),
    ] {
        businesses.insert(b.taxid.clone(), b);
    }
    let mut households = BTreeMap::new();
    for b in [
        business(
            "8012345678",
            "HỘ KINH DOANH TẠP HOÁ MINH ANH",
            "27 Hàng Bạc",
            "Phường Hàng Bạc",
            "Quận Hoàn Kiếm",
            "Thành phố Hà Nội",
        ),
        business(
            "079090001234",
            "HỘ KINH DOANH CƠM TẤM AN",
            "12 Nguyễn Huệ",
            "Phường Bến Nghé",
            "Quận 1",
            "Thành phố Hồ Chí Minh",
        ),
    ] {
        households.insert(b.taxid.clone(), b);
    }

    let mut privileges = BTreeMap::new();
    privileges.insert(s(DEMO_ID), privilege_tree(&["1201", "1202"], &["523"]));
    privileges.insert(s(EXAMPLE_ID), privilege_tree(&["332"], &["523"]));

    let mut contacts = BTreeMap::new();
    contacts.insert(s(DEMO_ID), vec![binh]);
    contacts.insert(s(EXAMPLE_ID), vec![mary]);

    CustomerData {
        contacts,
        next_contact_id: 51,
        privileges,
        logs,
        next_log_id: 200,
        notifications,
        statuses,
        businesses,
        households,
        password_resets: Vec::new(),
    }
}
