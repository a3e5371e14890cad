//! The customer's own profile: the fields sign-up, contacts and `PUT
//! /details` share, the edit itself (HostBill standard, not in the BKNS
//! reference: pages hide it on `ApiError::NotSupported`) and the activity
//! log (`GET /logs`, catalog 7, no example).

use super::client::{fetch, fetch_with_info, ApiRequest};
use super::error::ApiError;
use super::loose::{field_text, list_items};
use serde::{Deserialize, Serialize};

/// The profile fields of `POST /signup` (catalog 5), in its order. Contacts
/// and `PUT /details` send the same set (plus their own fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    /// "Private" or "Company" (the doc lists no values; HostBill's).
    #[serde(rename = "type")]
    pub kind: String,
    pub companyname: String,
    pub taxid: String,
    pub gender: String,
    pub lastname: String,
    pub firstname: String,
    pub email: String,
    pub phonenumber: String,
    pub zalonumber: String,
    pub nationalid: String,
    /// dd-mm-yyyy ("Ngày sinh (ngày-tháng-năm)"), see [`birthday_to_api`].
    pub birthday: String,
    /// Country code (`VN`).
    pub country: String,
    pub state: String,
    pub city: String,
    pub ward: String,
    pub address1: String,
}

/// `<input type="date">` gives yyyy-mm-dd; the API wants dd-mm-yyyy.
/// Anything else is sent as typed (the server then says what is wrong).
pub fn birthday_to_api(form: &str) -> String {
    let s = form.trim();
    match s.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}-{m}-{y}"),
        _ => s.to_owned(),
    }
}

/// The API's birthday (dd-mm-yyyy, or dd/mm/yyyy, or already yyyy-mm-dd)
/// for a date input; "" when it cannot be read.
pub fn birthday_from_api(api: &str) -> String {
    let s = api.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let date = |d: &str, m: &str, y: &str| {
        y.len() == 4 && digits(d) && digits(m) && digits(y) && d.len() <= 2 && m.len() <= 2
    };
    match parts[..] {
        [d, m, y] if date(d, m, y) => format!("{y}-{m:0>2}-{d:0>2}"),
        [y, m, d] if date(d, m, y) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => String::new(),
    }
}

/// `PUT /details`: the profile fields and the post code.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DetailsBody {
    #[serde(flatten)]
    pub profile: ProfileFields,
    pub postcode: String,
}

/// `PUT /details` with some fields only (the server changes only what is
/// sent): what an ID card read by OCR gives a profile. Absent fields are
/// not sent, so nothing is blanked; there is no password among them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DetailsPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// `male` / `female`, as the profile form sends it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationalid: Option<String>,
    /// dd-mm-yyyy, see [`birthday_to_api`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
}

impl DetailsPatch {
    pub fn is_empty(&self) -> bool {
        *self == DetailsPatch::default()
    }
}

/// What `PUT /details` is sent: the whole profile (the account page) or
/// only some fields (what an ID card gave, from eKYC).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DetailsUpdate {
    Whole(Box<DetailsBody>),
    Some(DetailsPatch),
}

/// `PUT /details` → the server's `info` messages (e.g. `client_info_updated`).
pub async fn update_details(body: &DetailsUpdate) -> Result<Vec<String>, ApiError> {
    let (_, info) =
        fetch_with_info::<serde_json::Value>(ApiRequest::put("/details").json(body)).await?;
    Ok(info)
}

/// One line of the activity log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogEntry {
    pub id: String,
    /// As sent (`2026-01-12 08:41:17`); shown through `ui::format::date`.
    pub date: String,
    pub action: String,
    pub ip: String,
}

/// Reads `GET /logs`: any list shape, field names as HostBill installs
/// spell them. Newest first.
pub fn log_entries(v: serde_json::Value) -> Vec<LogEntry> {
    let mut out: Vec<LogEntry> = list_items(v)
        .iter()
        .map(|x| LogEntry {
            id: field_text(x, &["id", "log_id"]),
            date: field_text(x, &["date", "datetime", "time", "created", "created_at", "logtime"]),
            action: field_text(
                x,
                &["action", "description", "entry", "message", "change", "text", "details"],
            ),
            ip: field_text(x, &["ip", "ipaddress", "ip_address", "from"]),
        })
        .filter(|l| !l.action.is_empty() || !l.date.is_empty())
        .collect();
    // "yyyy-mm-dd hh:mm:ss" sorts as text; a stable sort keeps the server's
    // order for equal or unreadable dates.
    crate::util::sort_with(&mut out, &|a, b| b.date.cmp(&a.date));
    out
}

pub async fn logs() -> Result<Vec<LogEntry>, ApiError> {
    let v: serde_json::Value = fetch(ApiRequest::get("/logs")).await?;
    Ok(log_entries(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn birthdays_go_out_as_dd_mm_yyyy() {
        assert_eq!(birthday_to_api("1990-03-15"), "15-03-1990");
        assert_eq!(birthday_to_api(""), "");
        assert_eq!(birthday_to_api("15/03/1990"), "15/03/1990");
        assert_eq!(birthday_from_api("15-03-1990"), "1990-03-15");
        assert_eq!(birthday_from_api("5/3/1990"), "1990-03-05");
        assert_eq!(birthday_from_api("1990-03-15"), "1990-03-15");
        assert_eq!(birthday_from_api("yesterday"), "");
        assert_eq!(birthday_from_api(""), "");
        for d in ["2000-02-29", "1975-12-01"] {
            assert_eq!(birthday_from_api(&birthday_to_api(d)), d);
        }
    }

    #[test]
    fn details_body_is_the_profile_plus_postcode() {
        let body = DetailsBody {
            profile: ProfileFields {
                kind: "Private".into(),
                firstname: "An".into(),
                ..Default::default()
            },
            postcode: "700000".into(),
        };
        // as sent: the update's variant adds no wrapping
        let v = serde_json::to_value(DetailsUpdate::Whole(Box::new(body))).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 17);
        assert_eq!(v["type"], "Private");
        assert_eq!(v["postcode"], "700000");
    }

    #[test]
    fn a_details_patch_sends_only_what_it_has() {
        assert!(DetailsPatch::default().is_empty());
        assert_eq!(serde_json::to_value(DetailsPatch::default()).unwrap(), json!({}));
        let p = DetailsPatch {
            nationalid: Some("079090001234".into()),
            birthday: Some("15-03-1990".into()),
            ..Default::default()
        };
        assert!(!p.is_empty());
        assert_eq!(
            serde_json::to_value(DetailsUpdate::Some(p)).unwrap(),
            json!({"nationalid": "079090001234", "birthday": "15-03-1990"})
        );
    }

    #[test]
    fn logs_in_several_shapes_newest_first() {
        let l = log_entries(json!({"logs": [
            {"id": "1", "date": "2025-12-06 08:00:05", "action": "Đăng nhập", "ip": "1.2.3.4"},
            {"id": 2, "datetime": "2026-01-05 09:07:05", "description": "Đăng xuất", "ipaddress": "1.2.3.5"},
            {"junk": true}
        ]}));
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].action, "Đăng xuất");
        assert_eq!(l[0].id, "2");
        assert_eq!(l[1].ip, "1.2.3.4");
        assert!(log_entries(json!([])).is_empty());
        assert!(log_entries(json!({"logs": []})).is_empty());
        let keyed = log_entries(json!({"7": {"date": "2026-01-01 00:00:00", "entry": "x"}}));
        assert_eq!(keyed[0].id, "7");
    }
}
