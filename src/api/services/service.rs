//! One service and the list of them (catalog 83, 86-90): `GET /service`,
//! `GET /service/@id`, what the service offers (`GET /service/@id/methods`),
//! its label, and cancelling it. The rules the pages share about a service
//! (its status group, days to the next due date) live here too: the list,
//! the service's page and the dashboard read them.
//!
//! # The body of `POST /service/@id/cancel`
//!
//! The reference cuts the description of `immediate` off ("set to"), types
//! it as a string and sends a string in its example. HostBill's other
//! deployments say "false to terminate at the end of the billing period,
//! true to terminate immediately" (hostbill-standard.md §2.9). The portal
//! sends **`"1"` or `"0"`**: a string as the reference types it, and one
//! that PHP reads the right way (`"false"`, a non-empty string, would be
//! true in PHP and terminate the service at once).

use super::{at, get};
use crate::api::client::{fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{
    field, list_at, object_at, read, under, FromLoose, LooseList, Money, Text,
};
use crate::loose_struct;
use crate::vocab::Id;
use serde_json::{json, Value};

/// Success messages of a write (`{"info": [...]}`), for a toast.
pub type Info = Vec<String>;

loose_struct! {
    /// One row of `GET /service`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ServiceRow {
        pub id: Id,
        /// The product's name ("Starter Hosting").
        pub name: Text => ["name", "product", "product_name"],
        pub domain: Text => ["domain", "hostname"],
        /// The customer's own label, when set.
        pub label: Text,
        pub total: Money => ["total", "recurring_amount", "amount"],
        pub status: Text,
        pub billingcycle: Text => ["billingcycle", "billing_cycle", "cycle"],
        pub next_due: Text => ["next_due", "nextduedate", "next_due_date"],
        pub category: Text,
        pub category_url: Text,
    }
}

loose_struct! {
    /// `GET /service/@id` → `service`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ServiceDetails {
        pub id: Id,
        pub name: Text => ["name", "product", "product_name"],
        pub domain: Text => ["domain", "hostname"],
        pub label: Text,
        pub status: Text,
        pub date_created: Text => ["date_created", "regdate"],
        pub firstpayment: Money,
        pub total: Money => ["total", "recurring_amount", "amount"],
        pub billingcycle: Text => ["billingcycle", "billing_cycle", "cycle"],
        pub next_due: Text => ["next_due", "nextduedate", "next_due_date"],
        pub next_invoice: Text,
        pub username: Text,
        pub password: Text,
        /// "end_of_period" (or "immediate") once a cancellation was asked
        /// for and the service still runs.
        pub cancel_requested: Text,
    }
}

/// What the customer calls the service: its label, else its domain, else
/// the product's name.
pub fn display_name(label: &Text, domain: &Text, name: &Text) -> String {
    [label, domain, name]
        .iter()
        .map(|t| t.as_str().trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_owned()
}

impl ServiceRow {
    pub fn display_name(&self) -> String {
        display_name(&self.label, &self.domain, &self.name)
    }
}

impl ServiceDetails {
    pub fn display_name(&self) -> String {
        display_name(&self.label, &self.domain, &self.name)
    }
    /// A cancellation was asked for and waits for the end of the period.
    pub fn cancel_pending(&self) -> bool {
        let t = self.cancel_requested.as_str().trim().to_ascii_lowercase();
        !matches!(t.as_str(), "" | "0" | "false" | "no")
    }
}

// ------------------------------------------------------------------ status

/// The status groups of a service (HostBill's account statuses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceStatus {
    Active,
    Pending,
    Suspended,
    Cancelled,
    Terminated,
    /// Fraud, or a word this portal does not know.
    Other,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 6] = [
        ServiceStatus::Active,
        ServiceStatus::Pending,
        ServiceStatus::Suspended,
        ServiceStatus::Cancelled,
        ServiceStatus::Terminated,
        ServiceStatus::Other,
    ];

    pub fn of(s: &str) -> ServiceStatus {
        match s.trim().to_ascii_lowercase().as_str() {
            "active" => ServiceStatus::Active,
            s if s.starts_with("pending") => ServiceStatus::Pending,
            "suspended" => ServiceStatus::Suspended,
            "cancelled" | "canceled" => ServiceStatus::Cancelled,
            "terminated" => ServiceStatus::Terminated,
            _ => ServiceStatus::Other,
        }
    }

    /// The code used in links (`/services?status=active`).
    pub fn code(self) -> &'static str {
        match self {
            ServiceStatus::Active => "active",
            ServiceStatus::Pending => "pending",
            ServiceStatus::Suspended => "suspended",
            ServiceStatus::Cancelled => "cancelled",
            ServiceStatus::Terminated => "terminated",
            ServiceStatus::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// Over: nothing runs and nothing is billed any more.
    pub fn is_closed(self) -> bool {
        matches!(self, ServiceStatus::Cancelled | ServiceStatus::Terminated)
    }

    /// The badge tone (`ui::table::Cell::Badge`).
    pub fn tone(self) -> &'static str {
        match self {
            ServiceStatus::Active => "ok",
            ServiceStatus::Pending => "warn",
            ServiceStatus::Suspended => "danger",
            _ => "muted",
        }
    }
}

/// The day number (days since 1970-01-01) of `YYYY-MM-DD` (a time part
/// is ignored); None for an empty, zero or malformed date.
pub fn day_of(date: &str) -> Option<i64> {
    let d = date.trim().get(..10)?;
    let mut it = d.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&day) && y > 1900)
        .then(|| crate::util::days_from_civil(y, m, day))
}

/// Days from `today` to the next due date (negative once past).
pub fn days_to_due(next_due: &str, today: i64) -> Option<i64> {
    day_of(next_due).map(|d| d - today)
}

// ------------------------------------------------------------------ methods

/// What `GET /service/@id/methods` offers, recognised from the route and
/// the HTTP method (the names are free text and vary between deployments).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceMethod {
    LabelRead,
    LabelChange,
    UpgradeOptions,
    UpgradeRequest,
    Cancel,
    /// `GET /service/@id/vms`
    VmList,
    /// `POST /service/@id/vms`
    VmCreate,
    /// Anything under `/service/@id/vms/@vmid` (power, rebuild, IPs...).
    VmControl,
    Templates,
    Resources,
    Networks,
    /// `GET /service/@id/ip`
    Ips,
    RdnsRead,
    RdnsWrite,
    /// A method this portal does not offer: shown by name as available
    /// elsewhere.
    Unknown {
        name: String,
        method: String,
        route: String,
    },
}

loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    struct MethodRow {
        name: Text => ["name", "title"],
        method: Text => ["method", "verb", "type"],
        route: Text => ["route", "path", "url"],
    }
}

/// The route below `/service/<id>`, lower case, without a trailing
/// slash: `/service/@id/upgrade` → `/upgrade`, `/api/service/301/vms/@vmid/start`
/// → `/vms/@vmid/start`. None when it is not a service route.
fn service_rest(route: &str) -> Option<String> {
    let r = route.trim().replace("\\/", "/").to_ascii_lowercase();
    let r = r.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
    let r = r.strip_prefix("/api").unwrap_or(r);
    let r = r.trim_start_matches('/');
    let rest = r.strip_prefix("service/")?;
    let rest = rest.split_once('/').map_or("", |(_, tail)| tail);
    Some(if rest.is_empty() { String::new() } else { format!("/{rest}") })
}

impl ServiceMethod {
    /// Recognises one method; what is not known stays `Unknown`.
    pub fn recognise(name: &str, method: &str, route: &str) -> ServiceMethod {
        let verb = method.trim().to_ascii_uppercase();
        let known = service_rest(route).and_then(|rest| {
            Some(match (verb.as_str(), rest.as_str()) {
                ("GET", "/label") => ServiceMethod::LabelRead,
                ("POST" | "PUT", "/label") => ServiceMethod::LabelChange,
                ("GET", "/upgrade") => ServiceMethod::UpgradeOptions,
                ("POST", "/upgrade") => ServiceMethod::UpgradeRequest,
                ("POST", "/cancel") => ServiceMethod::Cancel,
                ("GET", "/vms") => ServiceMethod::VmList,
                ("POST", "/vms") => ServiceMethod::VmCreate,
                (_, r) if r.starts_with("/vms/") => ServiceMethod::VmControl,
                ("GET", "/templates") => ServiceMethod::Templates,
                ("GET", "/resources") => ServiceMethod::Resources,
                ("GET", "/networks") => ServiceMethod::Networks,
                ("GET", "/ip") => ServiceMethod::Ips,
                ("GET", "/rdns") => ServiceMethod::RdnsRead,
                ("POST" | "PUT", "/rdns") => ServiceMethod::RdnsWrite,
                _ => return None,
            })
        });
        known.unwrap_or_else(|| ServiceMethod::Unknown {
            name: name.trim().to_owned(),
            method: verb,
            route: route.trim().to_owned(),
        })
    }
}

/// The methods of one service, with the questions the page asks of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Methods(pub Vec<ServiceMethod>);

impl Methods {
    pub fn has(&self, m: &ServiceMethod) -> bool {
        self.0.contains(m)
    }
    pub fn label_read(&self) -> bool {
        self.has(&ServiceMethod::LabelRead)
    }
    pub fn label_change(&self) -> bool {
        self.has(&ServiceMethod::LabelChange)
    }
    /// Options to show and a request to estimate and order with: both are
    /// needed to upgrade.
    pub fn upgrade(&self) -> bool {
        self.has(&ServiceMethod::UpgradeOptions) && self.has(&ServiceMethod::UpgradeRequest)
    }
    pub fn cancel(&self) -> bool {
        self.has(&ServiceMethod::Cancel)
    }
    /// The service has virtual machines to list (its VM pages apply).
    pub fn vms(&self) -> bool {
        self.has(&ServiceMethod::VmList)
    }
    /// Reverse DNS can be read or changed (the rDNS page applies).
    pub fn rdns(&self) -> bool {
        self.has(&ServiceMethod::RdnsRead) || self.has(&ServiceMethod::RdnsWrite)
    }
    /// An upgrade offered by half (options without a request, or the other
    /// way round): it cannot be done here.
    pub fn half_upgrade(&self) -> bool {
        !self.upgrade()
            && (self.has(&ServiceMethod::UpgradeOptions)
                || self.has(&ServiceMethod::UpgradeRequest))
    }
    /// The methods this portal does not know: (name, verb, route).
    pub fn elsewhere(&self) -> Vec<(String, String, String)> {
        self.0
            .iter()
            .filter_map(|m| match m {
                ServiceMethod::Unknown { name, method, route } => {
                    Some((name.clone(), method.clone(), route.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

fn methods_of(v: &Value) -> Methods {
    Methods(
        list_at::<MethodRow>(v, "methods")
            .into_iter()
            .filter(|m| !m.route.as_str().trim().is_empty() || !m.name.as_str().trim().is_empty())
            .map(|m| ServiceMethod::recognise(m.name.as_str(), m.method.as_str(), m.route.as_str()))
            .collect(),
    )
}

// ------------------------------------------------------------------ bodies

/// `POST /service/@id/cancel`: when, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelRequest {
    /// Terminate now rather than at the end of the billing period.
    pub immediate: bool,
    pub reason: String,
}

impl CancelRequest {
    /// `{"immediate": "1"|"0", "reason": "..."}` (see the module's note).
    pub fn body(&self) -> Value {
        json!({
            "immediate": if self.immediate { "1" } else { "0" },
            "reason": self.reason.trim(),
        })
    }
}

/// `POST /service/@id/label`: `{"label": "..."}`.
pub fn label_body(label: &str) -> Value {
    json!({ "label": label.trim() })
}

// ------------------------------------------------------------------ calls

async fn write(req: ApiRequest) -> Result<Info, ApiError> {
    fetch_with_info::<Value>(req).await.map(|(_, info)| info)
}

/// `GET /service`: the services that have an id.
pub async fn list() -> Result<Vec<ServiceRow>, ApiError> {
    Ok(rows_of(get("/service".into()).await?))
}

fn rows_of(v: Value) -> Vec<ServiceRow> {
    LooseList::<ServiceRow>::from_loose(&under(v, &["services"]))
        .0
        .into_iter()
        .filter(|s| !s.id.is_empty())
        .collect()
}

/// `GET /service/@id`. An answer without a service (PHP's `[]`) is
/// "service not found".
pub async fn details(id: Id) -> Result<ServiceDetails, ApiError> {
    details_of(&get(at(&id, "")).await?)
}

fn details_of(v: &Value) -> Result<ServiceDetails, ApiError> {
    let d: ServiceDetails = object_at(v, "service");
    if d.id.is_empty() {
        return Err(ApiError::Server { status: 200, messages: vec!["service_not_found".into()] });
    }
    Ok(d)
}

/// `GET /service/@id/methods`.
pub async fn methods(id: Id) -> Result<Methods, ApiError> {
    Ok(methods_of(&get(at(&id, "/methods")).await?))
}

/// `GET /service/@id/label`.
pub async fn label(id: Id) -> Result<String, ApiError> {
    Ok(label_of(&get(at(&id, "/label")).await?))
}

fn label_of(v: &Value) -> String {
    let inner = field(v, &["label", "service"]);
    let t: Text = if inner.is_object() { read(inner, &["label"]) } else { read(v, &["label"]) };
    t.0
}

/// `POST /service/@id/label` with `{label}`.
pub async fn set_label(id: Id, label: String) -> Result<Info, ApiError> {
    write(set_label_request(&id, &label)).await
}

pub fn set_label_request(id: &Id, label: &str) -> ApiRequest {
    ApiRequest::post(at(id, "/label")).json(&label_body(label))
}

/// `POST /service/@id/cancel` with `{immediate, reason}`.
pub async fn cancel(id: Id, request: CancelRequest) -> Result<Info, ApiError> {
    write(cancel_request(&id, &request)).await
}

pub fn cancel_request(id: &Id, request: &CancelRequest) -> ApiRequest {
    ApiRequest::post(at(id, "/cancel")).json(&request.body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Decimal;

    fn v(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    const LIST: &str = include_str!("../../../fixtures/api/service.json");
    const DETAILS: &str = include_str!("../../../fixtures/api/service-id.json");
    const METHODS: &str = include_str!("../../../fixtures/api/service-methods.json");
    const LABEL: &str = include_str!("../../../fixtures/api/service-label.json");
    const LABEL_POST: &str = include_str!("../../../fixtures/api/service-label-post.json");
    const CANCEL: &str = include_str!("../../../fixtures/api/service-cancel.json");

    #[test]
    fn the_reference_list_decodes() {
        let rows = rows_of(v(LIST));
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (r.id.as_str(), r.name.as_str(), r.domain.as_str()),
            ("301", "Starter Hosting", "examplename.com")
        );
        assert_eq!(r.total.value, Some(Decimal::new(999, 2)));
        assert_eq!((r.status.as_str(), r.billingcycle.as_str()), ("Pending", "Monthly"));
        assert_eq!(
            (r.next_due.as_str(), r.category.as_str(), r.category_url.as_str()),
            ("2017-12-30", "Hosting", "hosting")
        );
        assert_eq!(r.display_name(), "examplename.com", "no label: the domain");
    }

    #[test]
    fn list_variants_decode() {
        let rows = rows_of(json!({"services": {
            "7": {"name": "VPS", "total": 150000, "status": "Active", "label": "web"},
            "8": {"name": "Mail", "domain": "", "next_due": "0000-00-00"}
        }}));
        assert_eq!(rows.len(), 2);
        let vps = rows.iter().find(|r| r.id.as_str() == "7").unwrap();
        assert_eq!(vps.total.value, Some(Decimal::new(150000, 0)));
        assert_eq!(vps.display_name(), "web", "the label first");
        let mail = rows.iter().find(|r| r.id.as_str() == "8").unwrap();
        assert_eq!(mail.display_name(), "Mail", "no label, no domain: the product");
        assert!(rows_of(json!({"services": []})).is_empty());
        assert!(rows_of(json!([{"id": 3}, "junk", {"name": "no id"}])).len() == 1);
        assert!(rows_of(json!("nope")).is_empty());
    }

    #[test]
    fn the_reference_details_decode_with_the_credentials() {
        let d = details_of(&v(DETAILS)).unwrap();
        assert_eq!(
            (d.id.as_str(), d.name.as_str(), d.status.as_str()),
            ("301", "Starter Hosting", "Active")
        );
        assert_eq!((d.username.as_str(), d.password.as_str()), ("examplen", "pdtzc"));
        assert_eq!(
            (d.date_created.as_str(), d.next_invoice.as_str()),
            ("2016-12-30", "2017-01-27")
        );
        assert_eq!(d.firstpayment.value, Some(Decimal::new(999, 2)));
        assert_eq!(d.label.as_str(), "");
        assert!(!d.cancel_pending());
    }

    #[test]
    fn a_missing_service_is_not_found_and_a_cancel_request_is_seen() {
        for empty in [json!({"service": []}), json!({}), json!({"service": {"name": "x"}})] {
            assert_eq!(
                details_of(&empty),
                Err(ApiError::Server { status: 200, messages: vec!["service_not_found".into()] })
            );
        }
        let d = details_of(&json!({"service": {"id": 5, "cancel_requested": "end_of_period"}}))
            .unwrap();
        assert!(d.cancel_pending());
        let d = details_of(&json!({"service": [{"id": 5, "cancel_requested": "0"}]})).unwrap();
        assert!(!d.cancel_pending(), "a one-item list is the object; \"0\" is no request");
        let d = details_of(&json!({"service": {"id": 5, "cancel_requested": 1}})).unwrap();
        assert!(d.cancel_pending());
    }

    #[test]
    fn the_reference_methods_are_recognised() {
        let m = methods_of(&v(METHODS));
        assert_eq!(
            m.0,
            [
                ServiceMethod::UpgradeRequest,
                ServiceMethod::UpgradeOptions,
                ServiceMethod::LabelChange,
                ServiceMethod::LabelRead,
                ServiceMethod::Cancel
            ]
        );
        assert!(m.upgrade() && m.label_read() && m.label_change() && m.cancel());
        assert!(!m.vms() && !m.rdns());
        assert!(m.elsewhere().is_empty());
    }

    #[test]
    fn methods_are_recognised_from_route_and_verb() {
        let r = ServiceMethod::recognise;
        let cases = [
            ("GET", "/service/@id/vms", ServiceMethod::VmList),
            ("POST", "/service/@id/vms", ServiceMethod::VmCreate),
            ("POST", "/service/@id/vms/@vmid/reboot", ServiceMethod::VmControl),
            ("GET", "/service/@id/vms/@vmid/ips", ServiceMethod::VmControl),
            ("get", "/service/@id/templates", ServiceMethod::Templates),
            ("GET", "/service/@id/resources", ServiceMethod::Resources),
            ("GET", "/service/@id/networks", ServiceMethod::Networks),
            ("GET", "/service/@id/ip", ServiceMethod::Ips),
            ("GET", "/service/@id/rdns", ServiceMethod::RdnsRead),
            ("POST", "/service/@id/rdns", ServiceMethod::RdnsWrite),
            // another deployment's spelling: the id, /api, a trailing slash, escaped slashes
            ("GET", "/api/service/301/label/", ServiceMethod::LabelRead),
            ("POST", "\\/service\\/@id\\/cancel", ServiceMethod::Cancel),
            ("PUT", "/Service/@id/Label", ServiceMethod::LabelChange),
        ];
        for (verb, route, want) in cases {
            assert_eq!(r("whatever", verb, route), want, "{verb} {route}");
        }
    }

    #[test]
    fn unknown_methods_are_kept_by_name() {
        let m = methods_of(&json!({"methods": [
            {"name": "Service label", "method": "GET", "route": "/service/@id/label"},
            {"name": "Backup schedule", "method": "GET", "route": "/service/@id/backups"},
            {"name": "Cancel Service", "method": "GET", "route": "/service/@id/cancel"},
            {"name": "DNS zones", "method": "GET", "route": "/dns"},
            {"name": "", "method": "", "route": ""}
        ]}));
        assert_eq!(m.0.len(), 4, "an empty entry is dropped");
        assert_eq!(
            m.0[1],
            ServiceMethod::Unknown {
                name: "Backup schedule".into(),
                method: "GET".into(),
                route: "/service/@id/backups".into()
            }
        );
        assert!(!m.cancel(), "cancelling is a POST: a GET on /cancel is not it");
        let elsewhere: Vec<String> = m.elsewhere().into_iter().map(|e| e.0).collect();
        assert_eq!(elsewhere, ["Backup schedule", "Cancel Service", "DNS zones"]);
        // half an upgrade cannot be used here
        let half = methods_of(
            &json!({"methods": [{"name": "Upgrade Options", "method": "GET", "route": "/service/@id/upgrade"}]}),
        );
        assert!(!half.upgrade() && half.half_upgrade());
        assert!(half.elsewhere().is_empty());
        assert!(!m.half_upgrade());
        assert!(methods_of(&json!({"methods": []})).0.is_empty());
    }

    #[test]
    fn label_answers_decode() {
        assert_eq!(label_of(&v(LABEL)), "example");
        assert_eq!(label_of(&json!({"label": 42})), "42");
        assert_eq!(label_of(&json!({"label": null})), "");
        assert_eq!(label_of(&json!({"label": {"label": "nested"}})), "nested");
        let saved = crate::api::error::interpret(200, LABEL_POST, "POST /service/301/label");
        assert!(matches!(saved, crate::api::error::Outcome::Ok(a) if a.info == ["label_updated"]));
        let sent = crate::api::error::interpret(200, CANCEL, "POST /service/301/cancel");
        assert!(matches!(sent, crate::api::error::Outcome::Ok(a) if a.info == ["cancell_sent"]));
    }

    #[test]
    fn label_body_is_the_trimmed_label() {
        let r = set_label_request(&Id("301".into()), "  web shop ");
        assert_eq!(r.endpoint(), "POST /service/301/label");
        assert_eq!(r.body, Some(json!({"label": "web shop"})));
    }

    #[test]
    fn cancel_body_field_by_field() {
        let at_end =
            CancelRequest { immediate: false, reason: " Chuyển nhà cung cấp ".into() };
        let r = cancel_request(&Id("301".into()), &at_end);
        assert_eq!(r.endpoint(), "POST /service/301/cancel");
        let body = r.body.unwrap();
        assert_eq!(body["immediate"], json!("0"), "a string PHP reads as false");
        assert_eq!(body["reason"], json!("Chuyển nhà cung cấp"));
        assert_eq!(body.as_object().unwrap().len(), 2);
        let now = CancelRequest { immediate: true, reason: "x".into() };
        assert_eq!(now.body()["immediate"], json!("1"));
    }

    #[test]
    fn statuses_and_due_days() {
        for (raw, want) in [
            ("Active", ServiceStatus::Active),
            ("pending", ServiceStatus::Pending),
            ("Pending Transfer", ServiceStatus::Pending),
            ("Suspended", ServiceStatus::Suspended),
            ("Canceled", ServiceStatus::Cancelled),
            ("Terminated", ServiceStatus::Terminated),
            ("Fraud", ServiceStatus::Other),
            ("", ServiceStatus::Other),
        ] {
            assert_eq!(ServiceStatus::of(raw), want, "{raw}");
        }
        for s in ServiceStatus::ALL {
            assert_eq!(ServiceStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(ServiceStatus::from_code("nope"), None);
        assert!(ServiceStatus::Cancelled.is_closed() && !ServiceStatus::Suspended.is_closed());
        let today = day_of("2026-03-01").unwrap();
        assert_eq!(days_to_due("2026-03-15", today), Some(14));
        assert_eq!(days_to_due("2026-02-26 00:00:00", today), Some(-3));
        assert_eq!(days_to_due("0000-00-00", today), None);
        assert_eq!(days_to_due("", today), None);
        assert_eq!(days_to_due("2026-13-01", today), None);
    }
}
