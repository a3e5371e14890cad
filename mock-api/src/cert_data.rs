//! SSL certificates (catalog endpoints 77-79): the seeded certificate
//! services and the answers of `GET /certificate`, `GET /certificate/@id`
//! and `GET /certificate/@id/crt` (`routes::certificates`), against
//! `fixtures/api/contract-ssl-affiliates.md`.
//!
//! The PEMs are real X.509 made with `openssl` (`data/certs/`, see its
//! README.md): a private "BKNS Demo CA" root, an intermediate, and one leaf
//! per issued certificate, with fixed dates chosen around 2026-12-04 (so,
//! unlike most seeds, these dates do not move with today). A certificate is
//! issued when it has a leaf PEM; `crt` answers the leaf then the
//! intermediate.
//!
//! Besides the seeds, every certificate ordered through the shop
//! (`POST /certificate/order`, `POST /order` with a `certificate` item) is
//! listed as `Pending` (never issued), with what its order said.

use serde_json::{json, Map, Value};

use crate::customer::Contact;
use crate::model::Client;
use crate::seed::{DEMO_ID, EXAMPLE_ID};
use crate::shop::catalog::{self, cycle_title};
use crate::shop::{money_str, Holding};

/// The private root CA (`C=VN, O=BKNS Demo, CN=BKNS Demo CA`).
pub const ROOT_PEM: &str = include_str!("../data/certs/bkns-demo-ca.pem");
/// The intermediate CA every leaf is signed by.
pub const INTERMEDIATE_PEM: &str = include_str!("../data/certs/bkns-demo-intermediate.pem");

/// Error words (HTTP 200 `{"error": [word]}`).
pub mod word {
    /// Unknown id, or another client's certificate.
    pub const NOT_FOUND: &str = "certificate_not_found";
    /// `crt` of a certificate that was never issued (Pending, Cancelled).
    pub const NOT_ISSUED: &str = "certificate_not_issued";
}

/// The seeded certificate ids.
pub mod ids {
    /// Demo: Active, nguyenvanan.vn, ~300 days left on 2026-12-04 (EC).
    pub const ACTIVE: &str = "801";
    /// Demo: Active, banhmi-saigon.com, expires 2026-12-16 (RSA 2048).
    pub const EXPIRING: &str = "802";
    /// Demo: Expired on 2026-11-01, shop-an.com.
    pub const EXPIRED: &str = "803";
    /// Demo: Active OV, the IDN ánhdương.vn in punycode, Vietnamese O=.
    pub const IDN_OV: &str = "804";
    /// Demo: Pending, an-studio.id.vn (no crt, empty `cert_expires`).
    pub const PENDING: &str = "805";
    /// Demo: Cancelled before issue, phokhoe.com.vn.
    pub const CANCELLED: &str = "806";
    /// The reference's example (`api@example.com`): Pending.
    pub const EXAMPLE: &str = "300";
}

/// One certificate service as the API shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cert {
    pub id: String,
    pub client_id: String,
    pub domain: String,
    /// Product name.
    pub name: String,
    pub date_created: String,
    pub firstpayment: String,
    pub total: String,
    pub billingcycle: String,
    pub next_due: String,
    pub next_invoice: String,
    pub status: String,
    pub label: String,
    pub category: String,
    pub category_url: String,
    pub cert_email: String,
    pub cert_status: String,
    /// The leaf's notAfter, `YYYY-MM-DD HH:MM:SS` (UTC), or "".
    pub cert_expires: String,
    pub csr: String,
    /// The leaf PEM when issued.
    pub crt: Option<String>,
    /// `{admin, billing, tech}`, each a contact object or PHP's `[]`.
    pub contacts: Value,
    /// An object, or PHP's `[]` (no organisation: DV certificates).
    pub organization: Value,
    pub software: String,
}

impl Cert {
    /// A row of `GET /certificate` (the reference's fields).
    pub fn row(&self) -> Value {
        json!({
            "id": self.id, "domain": self.domain, "total": self.total, "status": self.status,
            "billingcycle": self.billingcycle, "next_due": self.next_due,
            "category": self.category, "category_url": self.category_url, "name": self.name,
            "cert_email": self.cert_email, "cert_status": self.cert_status,
            "cert_expires": self.cert_expires
        })
    }

    /// `GET /certificate/@id` → `service` (the reference's fields).
    pub fn detail(&self) -> Value {
        json!({
            "id": self.id, "date_created": self.date_created, "domain": self.domain,
            "firstpayment": self.firstpayment, "total": self.total,
            "billingcycle": self.billingcycle, "next_due": self.next_due,
            "next_invoice": self.next_invoice, "status": self.status, "label": self.label,
            "name": self.name, "cert_status": self.cert_status, "cert_expires": self.cert_expires,
            "csr": self.csr, "contacts": self.contacts, "organization": self.organization,
            "cert_email": self.cert_email, "software": self.software
        })
    }

    /// `GET /certificate/@id/crt` → the leaf then the intermediate, when issued.
    pub fn chain(&self) -> Option<String> {
        let leaf = self.crt.as_deref()?;
        Some(format!("{}\n{}\n", leaf.trim_end(), INTERMEDIATE_PEM.trim_end()))
    }
}

/// Splits a phone number into HostBill's numeric `PreFix` and `Phone`:
/// `+84.903123456` → (84, 903123456); `0912345678` in VN → (84, 912345678).
pub fn phone_parts(phone: &str, country: &str) -> (u64, u64) {
    let digits = |s: &str| -> u64 {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        d.trim_start_matches('0').parse().unwrap_or(0)
    };
    if let Some(rest) = phone.trim().strip_prefix('+') {
        if let Some((cc, number)) = rest.split_once(['.', ' ', '-']) {
            return (digits(cc), digits(number));
        }
    }
    let prefix = match country.trim().to_ascii_uppercase().as_str() {
        "VN" => 84,
        "US" | "CA" => 1,
        _ => 0,
    };
    (prefix, digits(phone))
}

/// The fields of a certificate contact, as the reference names them.
pub struct Person<'a> {
    pub first: &'a str,
    pub last: &'a str,
    pub city: &'a str,
    pub state: &'a str,
    pub postcode: &'a str,
    pub email: &'a str,
    pub country: &'a str,
    pub address1: &'a str,
    pub address2: &'a str,
    pub phone: &'a str,
    pub org: &'a str,
    pub job: &'a str,
}

/// `n/a` for empty text, as the reference's example does.
fn or_na(s: &str) -> &str {
    if s.trim().is_empty() {
        "n/a"
    } else {
        s
    }
}

/// A [`Person`] from an account holder or a contact (the same fields).
macro_rules! person_of {
    ($c:expr) => {
        Person {
            first: &$c.firstname,
            last: &$c.lastname,
            city: &$c.city,
            state: &$c.state,
            postcode: &$c.postcode,
            email: &$c.email,
            country: &$c.country,
            address1: &$c.address1,
            address2: &$c.ward,
            phone: &$c.phonenumber,
            org: &$c.companyname,
            job: "",
        }
    };
}

impl Person<'_> {
    /// The reference's contact object: strings, but `Phone` and `PreFix`
    /// JSON numbers.
    pub fn json(&self) -> Value {
        let (prefix, phone) = phone_parts(self.phone, self.country);
        json!({
            "FName": self.first, "LName": self.last, "City": self.city, "State": self.state,
            "PostalCode": or_na(self.postcode), "EmailAddress": self.email,
            "Country": self.country, "Address1": self.address1, "Address2": or_na(self.address2),
            "Phone": phone, "OrgName": or_na(self.org), "PreFix": prefix,
            "JobTitle": or_na(self.job)
        })
    }

    fn of_client(c: &Client) -> Person<'_> {
        person_of!(c)
    }

    fn of_contact(c: &Contact) -> Person<'_> {
        person_of!(c)
    }
}

/// The demo account holder as a certificate contact (its profile).
fn demo_admin() -> Value {
    Person {
        first: "An",
        last: "Nguyễn Văn",
        city: "Quận 1",
        state: "Hồ Chí Minh",
        postcode: "700000",
        email: "demo@bkns.vn",
        country: "VN",
        address1: "12 Nguyễn Huệ",
        address2: "Phường Bến Nghé",
        phone: "+84.903123456",
        org: "",
        job: "",
    }
    .json()
}

/// The demo's contact 50 (Bình, in Tỉnh Bình Dương) as technical contact.
fn demo_tech() -> Value {
    Person {
        first: "Bình",
        last: "Trần Thị",
        city: "Thành phố Thủ Dầu Một",
        state: "Tỉnh Bình Dương",
        postcode: "",
        email: "binh.tran@bkns.vn",
        country: "VN",
        address1: "45 Yersin",
        address2: "Phường Phú Cường",
        phone: "0912345678",
        org: "",
        job: "Kỹ thuật viên",
    }
    .json()
}

const CSR_801: &str = include_str!("../data/certs/801.csr.pem");
const CSR_802: &str = include_str!("../data/certs/802.csr.pem");
const CSR_803: &str = include_str!("../data/certs/803.csr.pem");
const CSR_804: &str = include_str!("../data/certs/804.csr.pem");
const CSR_805: &str = include_str!("../data/certs/805.csr.pem");
const CSR_806: &str = include_str!("../data/certs/806.csr.pem");
const CSR_300: &str = include_str!("../data/certs/300.csr.pem");
const CRT_801: &str = include_str!("../data/certs/801.crt.pem");
const CRT_802: &str = include_str!("../data/certs/802.crt.pem");
const CRT_803: &str = include_str!("../data/certs/803.crt.pem");
const CRT_804: &str = include_str!("../data/certs/804.crt.pem");

/// What varies between the demo's seeded certificates.
struct Spec {
    id: &'static str,
    domain: &'static str,
    product: &'static str,
    status: &'static str,
    cert_status: &'static str,
    /// (created, next_due, next_invoice)
    dates: (&'static str, &'static str, &'static str),
    /// (first payment, total, billing cycle)
    money: (&'static str, &'static str, &'static str),
    cert_expires: &'static str,
    csr: &'static str,
    crt: Option<&'static str>,
    label: &'static str,
    software: &'static str,
    organization: Value,
}

fn demo_cert(spec: Spec) -> Cert {
    let s = |v: &str| v.to_string();
    Cert {
        id: s(spec.id),
        client_id: s(DEMO_ID),
        domain: s(spec.domain),
        name: s(spec.product),
        date_created: s(spec.dates.0),
        firstpayment: s(spec.money.0),
        total: s(spec.money.1),
        billingcycle: s(spec.money.2),
        next_due: s(spec.dates.1),
        next_invoice: s(spec.dates.2),
        status: s(spec.status),
        label: s(spec.label),
        category: s("Chứng chỉ SSL"),
        category_url: s("ssl"),
        cert_email: format!("admin@{}", spec.domain),
        cert_status: s(spec.cert_status),
        cert_expires: s(spec.cert_expires),
        csr: s(spec.csr),
        crt: spec.crt.map(s),
        contacts: json!({ "admin": demo_admin(), "billing": [], "tech": demo_tech() }),
        organization: spec.organization,
        software: s(spec.software),
    }
}

/// The seeded certificates of every account, by id: the demo's six
/// (801-806) and the reference's example (300) for `api@example.com`.
/// The bulk account has none.
// Long: one literal of the seeded records, read top to bottom.
#[allow(clippy::too_many_lines)]
pub fn seed() -> Vec<Cert> {
    let dv = "PositiveSSL DV";
    let mut certs = vec![
        demo_cert(Spec {
            id: ids::ACTIVE,
            domain: "nguyenvanan.vn",
            product: dv,
            status: "Active",
            cert_status: "active",
            dates: ("2026-10-03", "2027-09-30", "2027-08-01"),
            money: ("350000.00", "350000.00", "Annually"),
            cert_expires: "2027-09-30 23:59:59",
            csr: CSR_801,
            crt: Some(CRT_801),
            label: "Website chính",
            software: "3",
            organization: json!([]),
        }),
        demo_cert(Spec {
            id: ids::EXPIRING,
            domain: "banhmi-saigon.com",
            product: "GeoTrust QuickSSL Premium",
            status: "Active",
            cert_status: "active",
            dates: ("2025-12-15", "2026-12-16", "2026-10-17"),
            money: ("1250000.00", "1250000.00", "Annually"),
            cert_expires: "2026-12-16 23:59:59",
            csr: CSR_802,
            crt: Some(CRT_802),
            label: "",
            software: "2",
            organization: json!([]),
        }),
        demo_cert(Spec {
            id: ids::EXPIRED,
            domain: "shop-an.com",
            product: dv,
            status: "Expired",
            cert_status: "expired",
            dates: ("2025-10-31", "2026-11-01", "2026-09-02"),
            money: ("350000.00", "350000.00", "Annually"),
            cert_expires: "2026-11-01 23:59:59",
            csr: CSR_803,
            crt: Some(CRT_803),
            label: "",
            software: "5",
            organization: json!([]),
        }),
        demo_cert(Spec {
            id: ids::IDN_OV,
            domain: "xn--nhdng-wqa16kod.vn",
            product: "Sectigo OV SSL",
            status: "Active",
            cert_status: "active",
            dates: ("2026-06-10", "2027-06-15", "2027-04-16"),
            money: ("1900000.00", "1900000.00", "Annually"),
            cert_expires: "2027-06-15 23:59:59",
            csr: CSR_804,
            crt: Some(CRT_804),
            label: "Ánh Dương",
            software: "4",
            organization: json!({
                "state": "Tỉnh Bình Dương", "country": "VN", "name": "Công ty TNHH Ánh Dương",
                "unit": "Phòng Kỹ thuật", "locality": "Thành phố Thủ Dầu Một",
                "postalcode": "n/a", "address2": "Phường Phú Cường",
                "address1": "25 Đại lộ Bình Dương"
            }),
        }),
        demo_cert(Spec {
            id: ids::PENDING,
            domain: "an-studio.id.vn",
            product: dv,
            status: "Pending",
            cert_status: "",
            dates: ("2026-12-01", "2026-12-01", "2026-12-01"),
            money: ("630000.00", "630000.00", "Biennially"),
            cert_expires: "",
            csr: CSR_805,
            crt: None,
            label: "",
            software: "3",
            organization: json!([]),
        }),
        demo_cert(Spec {
            id: ids::CANCELLED,
            domain: "phokhoe.com.vn",
            product: dv,
            status: "Cancelled",
            cert_status: "cancelled",
            dates: ("2026-08-20", "2026-08-20", "2026-08-20"),
            money: ("350000.00", "350000.00", "Annually"),
            cert_expires: "",
            csr: CSR_806,
            crt: None,
            label: "",
            software: "2",
            organization: json!([]),
        }),
    ];
    // The reference's example, field for field (its CSR made real).
    let mary = Person {
        first: "Mary",
        last: "Sue",
        city: "Santa Rosa",
        state: "California",
        postcode: "95401",
        email: "mary@example.com",
        country: "US",
        address1: "Pretty View Lane",
        address2: "3194",
        phone: "+1.24123223",
        org: "",
        job: "",
    }
    .json();
    certs.push(Cert {
        id: ids::EXAMPLE.into(),
        client_id: EXAMPLE_ID.into(),
        domain: "examplename.com".into(),
        name: "Comodo InstantSSL".into(),
        date_created: "2016-12-30".into(),
        firstpayment: "27.85".into(),
        total: "27.85".into(),
        billingcycle: "Annually".into(),
        next_due: "2017-12-30".into(),
        next_invoice: "2017-10-31".into(),
        status: "Pending".into(),
        label: String::new(),
        category: "GoGetSSL".into(),
        category_url: "gogetssl".into(),
        cert_email: "admin@example.com".into(),
        cert_status: String::new(),
        cert_expires: "2017-12-30 13:43:12".into(),
        csr: CSR_300.into(),
        crt: None,
        contacts: json!({ "admin": mary, "billing": mary, "tech": mary }),
        organization: json!({
            "state": "Texas", "country": "US", "name": "My Org name", "unit": "Dev",
            "locality": "SanAntonio", "postalcode": "n/a", "address2": "n/a", "address1": "n/a"
        }),
        software: "1".into(),
    });
    certs
}

/// A field of an order item as text (strings trimmed, numbers spelled).
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The organisation of a certificate order: its non-empty text fields, or
/// PHP's `[]`.
fn organization(item: &Value) -> Value {
    let mut out = Map::new();
    if let Some(org) = item.get("organization").filter(|o| o.is_object()) {
        for key in
            ["state", "country", "name", "unit", "locality", "postalcode", "address2", "address1"]
        {
            let v = text(org, key);
            if !v.is_empty() {
                out.insert(key.into(), Value::String(v));
            }
        }
    }
    if out.is_empty() {
        json!([])
    } else {
        Value::Object(out)
    }
}

/// A certificate ordered through the shop, as listed (`Pending`, never
/// issued). Contacts: the named contacts of the order; `admin` defaults to
/// the account holder, `tech` and `billing` to `[]`.
pub fn from_order(h: &Holding, client: Option<&Client>, contacts: &[Contact]) -> Cert {
    let item = &h.item;
    let product = catalog::certificate(&h.product_id);
    let (cycle, renew) = h.recurring.clone().unwrap_or_else(|| ("a".into(), h.first));
    let role = |key: &str| -> Value {
        let id = text(item, key);
        match contacts.iter().find(|c| !id.is_empty() && c.id == id) {
            Some(c) => Person::of_contact(c).json(),
            None if key == "admin" => client.map_or(json!([]), |c| Person::of_client(c).json()),
            None => json!([]),
        }
    };
    Cert {
        id: h.id.clone(),
        client_id: client.map(|c| c.id.clone()).unwrap_or_default(),
        domain: h.name.clone(),
        name: product.map_or_else(|| h.name.clone(), |p| p.name.to_string()),
        date_created: h.date.clone(),
        firstpayment: money_str(h.first),
        total: money_str(renew),
        billingcycle: cycle_title(&cycle).into(),
        next_due: h.date.clone(),
        next_invoice: h.date.clone(),
        status: h.status.clone(),
        label: String::new(),
        category: "Chứng chỉ SSL".into(),
        category_url: "ssl".into(),
        cert_email: text(item, "approver_email"),
        cert_status: String::new(),
        cert_expires: String::new(),
        csr: text(item, "csr"),
        crt: None,
        contacts: json!({ "admin": role("admin"), "billing": role("billing"), "tech": role("tech") }),
        organization: organization(item),
        software: text(item, "software"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(phone_parts("+84.903123456", "VN"), (84, 903_123_456));
        assert_eq!(phone_parts("0912345678", "VN"), (84, 912_345_678));
        assert_eq!(phone_parts("+1.24123223", "US"), (1, 24_123_223));
        assert_eq!(phone_parts("", "VN"), (84, 0));
    }

    #[test]
    fn seeds_are_consistent() {
        let certs = seed();
        for c in &certs {
            // issued ⇔ a PEM ⇔ Active or Expired with an expiry date
            let issued = matches!(c.status.as_str(), "Active" | "Expired");
            assert_eq!(c.crt.is_some(), issued, "{}", c.id);
            if issued {
                assert!(c.cert_expires.len() == 19, "{}", c.id);
            }
            assert!(c.csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----"), "{}", c.id);
            assert!(c
                .chain()
                .is_none_or(|p| p.matches("-----BEGIN CERTIFICATE-----").count() == 2));
        }
        assert_eq!(certs.iter().filter(|c| c.client_id == DEMO_ID).count(), 6);
    }
}
