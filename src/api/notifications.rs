//! Portal notifications and status updates (catalog 19-22). The reference
//! has no example answers: lists are read in any shape, fields under the
//! names HostBill installs use.

use super::client::{call, fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{field_text, objects, read, Flag};
use crate::util::percent_encode;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notification {
    pub id: String,
    /// What it is about (`Invoice`, `Service`, `Domain`...), and which one.
    pub rel_type: String,
    pub rel_id: String,
    pub subject: String,
    /// Plain text (any HTML tags the server put in are removed).
    pub message: String,
    pub date: String,
    /// Acknowledged already.
    pub seen: bool,
}

/// HTML to plain text: tags dropped (block tags become spaces), the common
/// entities decoded, spaces collapsed. The result is shown as text.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '<' if !in_tag
                && chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == '/' || *c == '!') =>
            {
                in_tag = true
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn notifications_from(v: Value) -> Vec<Notification> {
    objects(v)
        .iter()
        .map(|x| Notification {
            id: field_text(x, &["id", "notification_id"]),
            rel_type: field_text(x, &["rel_type", "type", "related_type"]),
            rel_id: field_text(x, &["rel_id", "related_id"]),
            subject: plain_text(&field_text(x, &["subject", "title", "name"])),
            message: plain_text(&field_text(
                x,
                &["message", "body", "content", "text", "description"],
            )),
            date: field_text(x, &["date", "created", "created_at", "datetime", "time"]),
            seen: read::<Option<Flag>>(x, &["seen", "read", "acknowledged", "ack", "is_read"])
                .or_else(|| read::<Option<Flag>>(x, &["new", "unread"]).map(|n| Flag(!n.0)))
                .is_some_and(|f| f.0),
        })
        .filter(|n| !n.id.is_empty())
        .collect()
}

/// The count in a `/notifications/new` answer: a `count`/`total`/`new`
/// number when there is one, else the number of listed notifications.
pub fn new_count_from(v: Value) -> u32 {
    for k in ["count", "total", "new", "unread"] {
        if let Some(n) = v
            .get(k)
            .and_then(|x| x.as_u64().or_else(|| x.as_str().and_then(|s| s.trim().parse().ok())))
        {
            return n.min(u32::MAX as u64) as u32;
        }
    }
    if let Some(n) = v.as_u64() {
        return n.min(u32::MAX as u64) as u32;
    }
    notifications_from(v).iter().filter(|n| !n.seen).count() as u32
}

fn filter_query(rel_type: Option<&str>) -> String {
    match rel_type.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("?rel_type={}", percent_encode(t)),
        None => String::new(),
    }
}

/// Newest first (HostBill's `YYYY-MM-DD HH:MM:SS` dates compare as text),
/// whatever order the server sent; equal dates keep its order.
pub fn newest_first(mut l: Vec<Notification>) -> Vec<Notification> {
    crate::util::sort_with(&mut l, &|a, b| b.date.cmp(&a.date));
    l
}

/// `GET /notifications[?rel_type=]`, newest first.
pub async fn list(rel_type: Option<&str>) -> Result<Vec<Notification>, ApiError> {
    let v: Value =
        fetch(ApiRequest::get(format!("/notifications{}", filter_query(rel_type)))).await?;
    Ok(newest_first(notifications_from(v)))
}

/// `GET /notifications/new`: how many are new (for the bell).
pub async fn new_count() -> Result<u32, ApiError> {
    let v: Value = fetch(ApiRequest::get("/notifications/new").timeout_ms(10_000)).await?;
    Ok(new_count_from(v))
}

/// `PUT /notifications/@id/ack`: marks one as read.
pub async fn ack(id: &str) -> Result<(), ApiError> {
    call(ApiRequest::put(format!("/notifications/{}/ack", percent_encode(id)))).await.map(|_| ())
}

/// A status update (maintenance, incident) from `GET /statuses`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusUpdate {
    pub id: String,
    pub title: String,
    pub description: String,
    /// As sent (`Scheduled`, `In Progress`, `Resolved`...).
    pub status: String,
    pub date: String,
}

impl StatusUpdate {
    /// Finished incidents are listed after the open ones.
    pub fn resolved(&self) -> bool {
        let s = self.status.to_ascii_lowercase();
        ["resolved", "closed", "completed", "done", "fixed"].iter().any(|w| s.contains(w))
    }
}

pub fn statuses_from(v: Value) -> Vec<StatusUpdate> {
    let mut l: Vec<StatusUpdate> = objects(v)
        .iter()
        .map(|x| StatusUpdate {
            id: field_text(x, &["id"]),
            title: plain_text(&field_text(x, &["title", "name", "subject"])),
            description: plain_text(&field_text(x, &["description", "message", "body", "content"])),
            status: field_text(x, &["status", "state"]),
            date: field_text(x, &["date", "start", "created", "lastupdate"]),
        })
        .filter(|s| !s.title.is_empty())
        .collect();
    crate::util::sort_with(&mut l, &|a, b| {
        a.resolved().cmp(&b.resolved()).then_with(|| b.date.cmp(&a.date))
    });
    l
}

/// `GET /statuses`: every status update, open ones first.
pub async fn statuses() -> Result<Vec<StatusUpdate>, ApiError> {
    let v: Value = fetch(ApiRequest::get("/statuses")).await?;
    Ok(statuses_from(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notifications_in_several_shapes() {
        let l = notifications_from(json!({"notifications": [
            {"id": "305", "rel_type": "Invoice", "rel_id": "2026011", "subject": "Hoá đơn", "message": "<p>Đến hạn <b>20/01</b> &amp; quá hạn</p>", "date": "2026-01-12 09:15:00", "seen": "0"},
            {"id": 302, "type": "Ticket", "title": "Phản hồi", "body": "ok", "read": true},
            {"id": "9", "subject": "Mới", "new": "1"},
            {"subject": "no id"}
        ]}));
        assert_eq!(l.len(), 3);
        assert_eq!(l[0].message, "Đến hạn 20/01 & quá hạn");
        assert!(!l[0].seen);
        assert_eq!(l[1].rel_type, "Ticket");
        assert!(l[1].seen);
        assert!(!l[2].seen);
        assert!(notifications_from(json!([])).is_empty());
        assert!(notifications_from(json!({"notifications": []})).is_empty());
    }

    #[test]
    fn new_count_from_a_number_or_a_list() {
        assert_eq!(new_count_from(json!({"count": "4"})), 4);
        assert_eq!(new_count_from(json!({"total": 2, "notifications": []})), 2);
        assert_eq!(new_count_from(json!(7)), 7);
        assert_eq!(
            new_count_from(
                json!({"notifications": [{"id": "1"}, {"id": "2"}, {"id": "3", "seen": "1"}]})
            ),
            2
        );
        assert_eq!(new_count_from(json!([])), 0);
        assert_eq!(new_count_from(json!(null)), 0);
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(plain_text("<script>x</script>a&lt;b&gt;"), "x a<b>");
        assert_eq!(plain_text("  a \n\n b "), "a b");
        assert_eq!(plain_text("1 < 2 <br/>3"), "1 < 2 3");
    }

    #[test]
    fn statuses_open_first() {
        let l = statuses_from(json!({"statuses": [
            {"id": "5", "title": "Xong", "status": "Resolved", "date": "2026-01-02 01:00:00"},
            {"id": "7", "title": "Bảo trì", "status": "Scheduled", "date": "2026-01-20 23:00:00"},
            {"id": "6", "title": "Sự cố", "status": "In Progress", "date": "2026-01-12 07:30:00", "description": "Đang xử lý"}
        ]}));
        let ids: Vec<&str> = l.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["7", "6", "5"]);
        assert_eq!(l[1].description, "Đang xử lý");
        assert!(l[2].resolved());
        assert_eq!(filter_query(Some(" Invoice ")), "?rel_type=Invoice");
        assert_eq!(filter_query(Some("")), "");
    }

    #[test]
    fn notifications_come_newest_first_whatever_the_server_order() {
        let v = json!([
            {"id": "1", "subject": "a", "date": "2024-04-30 09:00:00"},
            {"id": "2", "subject": "b", "date": "2024-05-02 08:00:00"},
            {"id": "3", "subject": "c", "date": "2024-05-01 23:59:59"},
            {"id": "4", "subject": "d", "date": "2024-05-02 08:00:00"}
        ]);
        let ids: Vec<String> =
            newest_first(notifications_from(v)).into_iter().map(|n| n.id).collect();
        assert_eq!(ids, ["2", "4", "3", "1"]);
    }
}
