//! The customer's certificates: catalog endpoints 77-79 (`GET /certificate`,
//! `GET /certificate/@id`, `GET /certificate/@id/crt`). Ordering one is the
//! cart's business (`api::cart::certificates`).
//!
//! The list and the details follow the reference's examples, read loosely
//! (ids as text, `contacts.billing` as PHP `[]`, `Phone` as a number). The
//! certificate itself has no documented answer ("Return X.509 certificate
//! data"): the portal takes the PEM blocks out of whatever comes, a JSON
//! answer holding the PEM text anywhere (`{"crt": "-----BEGIN..."}`), the
//! PEM as text, or the DER bytes of one certificate
//! (fixtures/api/contract-ssl-affiliates.md).

use super::client::{call, fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{field, scalar_text, under, FromLoose, Money, Text};
use crate::loose_struct;
use crate::util::percent_encode;
use crate::vocab::Id;
use serde_json::Value;

loose_struct! {
    /// One row of `GET /certificate` (`sslservices`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CertRow {
        pub id: Id,
        pub domain: Text,
        /// The product ("Comodo InstantSSL").
        pub name: Text => ["name", "product"],
        pub status: Text,
        pub total: Money,
        pub billingcycle: Text,
        pub next_due: Text,
        pub category: Text,
        /// The approver e-mail.
        pub cert_email: Text,
        /// The certificate authority's word on it (may be empty).
        pub cert_status: Text,
        /// `YYYY-MM-DD HH:MM:SS`, empty before it is issued.
        pub cert_expires: Text,
    }
}

loose_struct! {
    /// `GET /certificate/@id` → `service`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CertDetails {
        pub id: Id,
        pub domain: Text,
        pub name: Text => ["name", "product"],
        pub label: Text,
        pub status: Text,
        pub date_created: Text,
        pub firstpayment: Money,
        pub total: Money,
        pub billingcycle: Text,
        pub next_due: Text,
        pub next_invoice: Text,
        pub cert_status: Text,
        pub cert_expires: Text,
        pub cert_email: Text,
        pub csr: Text,
        /// A server software id (the order's `software`).
        pub software: Text,
    }
}

/// A contact or the organisation as the server gave it: its fields in the
/// server's order, empty ones left out.
pub type Fields = Vec<(String, String)>;

/// Everything `GET /certificate/@id` gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Certificate {
    pub details: CertDetails,
    /// `contacts`: admin, billing, tech (each possibly empty).
    pub contacts: Vec<(String, Fields)>,
    pub organization: Fields,
}

/// The scalar fields of an object, as text, empties and "n/a" left out.
pub fn fields_of(v: &Value) -> Fields {
    let Some(o) = v.as_object() else { return Vec::new() };
    o.iter()
        .filter(|(_, x)| !x.is_object() && !x.is_array() && !x.is_null())
        .map(|(k, x)| (k.clone(), scalar_text(x).trim().to_owned()))
        .filter(|(_, x)| !x.is_empty() && !x.eq_ignore_ascii_case("n/a"))
        .collect()
}

/// Reads `GET /certificate/@id`.
pub fn read_certificate(v: &Value) -> Certificate {
    let s = under(v.clone(), &["service", "certificate"]);
    let contacts = match field(&s, &["contacts"]) {
        Value::Object(o) => o.iter().map(|(role, c)| (role.clone(), fields_of(c))).collect(),
        _ => Vec::new(),
    };
    Certificate {
        details: CertDetails::from_loose(&s),
        contacts,
        organization: fields_of(field(&s, &["organization", "organisation"])),
    }
}

pub async fn list() -> Result<Vec<CertRow>, ApiError> {
    let v: Value = fetch(ApiRequest::get("/certificate")).await?;
    Ok(read_list(v))
}

/// The rows of `GET /certificate`, per the loose list rules.
pub fn read_list(v: Value) -> Vec<CertRow> {
    super::loose::objects(under(v, &["sslservices", "certificates"]))
        .iter()
        .map(CertRow::from_loose)
        .collect()
}

pub async fn details(id: Id) -> Result<Certificate, ApiError> {
    let v: Value = fetch(ApiRequest::get(at(&id, ""))).await?;
    Ok(read_certificate(&v))
}

/// `GET /certificate/@id/crt`: the PEM text of the certificate (and its
/// chain when the server sends one). A `Decode` error when the answer
/// holds no certificate.
pub async fn crt(id: Id) -> Result<String, ApiError> {
    let req = ApiRequest::get(at(&id, "/crt")).binary();
    let endpoint = req.endpoint();
    let answer = call(req).await?;
    let pem = match answer.binary {
        Some(b) => pem_of_bytes(&b.bytes),
        None => pem_in_json(&answer.value),
    };
    pem.ok_or(ApiError::Decode { endpoint, detail: "no certificate in the answer".to_owned() })
}

fn at(id: &Id, rest: &str) -> String {
    format!("/certificate/{}{rest}", percent_encode(id.as_str()))
}

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";

/// The PEM of a file answer: PEM text as it is, DER bytes of one
/// certificate encoded.
pub fn pem_of_bytes(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains(BEGIN) {
            return Some(text.trim().to_owned() + "\n");
        }
    }
    crate::x509::Certificate::from_der(bytes)
        .ok()
        .map(|_| crate::x509::pem::encode("CERTIFICATE", bytes))
}

/// The first string holding a certificate anywhere in a JSON answer
/// (depth-first, in the server's order).
pub fn pem_in_json(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.contains(BEGIN) => Some(s.trim().to_owned() + "\n"),
        Value::Array(a) => a.iter().find_map(pem_in_json),
        Value::Object(o) => o.values().find_map(pem_in_json),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_reference_list() {
        let rows = read_list(json!({"sslservices": [{"id": "300", "domain": "examplename.com",
            "total": "27.85", "status": "Pending", "billingcycle": "Annually",
            "next_due": "2017-12-30", "category": "GoGetSSL", "category_url": "gogetssl",
            "name": "Comodo InstantSSL", "cert_email": "admin@example.com", "cert_status": "",
            "cert_expires": "2017-12-30 13:43:12"}]}));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].id.as_str(), "300");
        assert_eq!(rows[0].name.as_str(), "Comodo InstantSSL");
        assert_eq!(rows[0].cert_expires.as_str(), "2017-12-30 13:43:12");
        // keyed by id, numbers for ids, PHP [] for none
        let rows = read_list(json!({"sslservices": {"301": {"domain": "a.vn", "total": 10}}}));
        assert_eq!((rows[0].id.as_str(), rows[0].domain.as_str()), ("301", "a.vn"));
        assert!(read_list(json!({"sslservices": []})).is_empty());
        assert!(read_list(json!("nonsense")).is_empty());
    }

    #[test]
    fn the_reference_details() {
        let c = read_certificate(&json!({"service": {"id": "300", "date_created": "2016-12-30",
            "domain": "examplename.com", "status": "Pending", "name": "Comodo InstantSSL",
            "csr": "-----BEGIN CERTIFICATE REQUEST----- ...",
            "contacts": {"admin": {"FName": "Mary", "LName": "Sue", "Phone": 24123223,
                "OrgName": "n/a", "PreFix": 1}, "billing": [], "tech": {}},
            "organization": {"state": "Texas", "country": "US", "name": "My Org name",
                "postalcode": "n/a"},
            "cert_email": "admin@example.com", "software": "1"}}));
        assert_eq!(c.details.id.as_str(), "300");
        assert_eq!(c.details.software.as_str(), "1");
        let admin = &c.contacts.iter().find(|(r, _)| r == "admin").unwrap().1;
        assert!(admin.contains(&("Phone".into(), "24123223".into())));
        assert!(!admin.iter().any(|(k, _)| k == "OrgName"), "n/a is no value");
        assert!(c.contacts.iter().any(|(r, f)| r == "billing" && f.is_empty()));
        assert_eq!(c.organization.len(), 3);
        // no `service` wrapper, a wrong type: what is there, no panic
        assert_eq!(read_certificate(&json!({"id": 5})).details.id.as_str(), "5");
        assert_eq!(read_certificate(&json!([1, 2])), Certificate::default());
    }

    #[test]
    fn the_certificate_is_found_in_any_answer() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        assert_eq!(pem_in_json(&json!({"crt": pem})).as_deref(), Some(&*format!("{pem}\n")));
        assert!(pem_in_json(&json!({"data": {"x": [1, {"cert": pem}]}})).is_some());
        assert_eq!(pem_in_json(&json!({"crt": ""})), None);
        assert!(pem_of_bytes(pem.as_bytes()).is_some());
        assert_eq!(pem_of_bytes(b"\x30\x03\x02\x01"), None, "not a certificate");
    }
}
