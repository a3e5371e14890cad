//! Domains, their settings, registration documents and signing tokens:
//! the data behind `routes::domains`, and its seed.
//!
//! Dates are kept as days since 1970-01-01 and seeded relative to today, so
//! "expires within 30 days" stays true whenever the mock is started.

use std::collections::BTreeMap;

use crate::seed::{DEMO_ID, EXAMPLE_ID};

/// The third seeded account: 2,000 domains, for the list's speed checks.
pub const BULK_EMAIL: &str = "bulk@bkns.vn";
pub const BULK_PASSWORD: &str = "Bulk@2026";
pub const BULK_ID: &str = "2077";
pub const BULK_DOMAINS: usize = 2_000;

/// Signing tokens of the demo account (as e-mailed links `/sign/<token>`).
pub const SIGN_TOKEN_VALID: &str = "sg7Kq2vX9mP4tR8wZ3nB6cY1";
/// Already used: its document was signed.
pub const SIGN_TOKEN_USED: &str = "sgU5hD8jL2fN7pQ4rT9vW1xA";
/// Past its validity.
pub const SIGN_TOKEN_EXPIRED: &str = "sgE3kM6oS9uV2yB5dG8iJ4lC";

/// The provider's nameservers, used when a customer clears theirs.
pub const DEFAULT_NAMESERVERS: [&str; 2] = ["ns1.bkns.vn", "ns2.bkns.vn"];

/// Fields of a domain contact, as `GET/PUT /domain/@id/contact` carry them.
pub const CONTACT_FIELDS: &[&str] = &[
    "firstname",
    "lastname",
    "companyname",
    "email",
    "phonenumber",
    "address1",
    "address2",
    "ward",
    "city",
    "state",
    "postcode",
    "country",
    "nationalid",
];
pub const CONTACT_ROLES: &[&str] = &["registrant", "admin", "tech", "billing"];

pub type Contact = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq)]
pub struct DnssecKey {
    pub id: String,
    pub flags: String,
    pub protocol: String,
    pub alg: String,
    pub pubkey: String,
}

/// `Pending` (waiting for the customer's signature), `Uploaded` (a scan was
/// sent, awaiting review), `Signed` (signed online), `Approved`.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub name: String,
    /// Short ASCII slug for file names, e.g. `ban-khai`.
    pub slug: String,
    pub status: String,
    pub date_created: i64,
    pub date_signed: Option<i64>,
    /// The e-mailed signing token, while the document waits for signature.
    pub token: Option<String>,
    /// The uploaded scan: file name and bytes.
    pub upload: Option<(String, Vec<u8>)>,
    /// The PDF produced by online signing.
    pub signed_pdf: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub status: String,
    pub date_created: i64,
    pub expires: i64,
    pub period: u32,
    pub firstpayment: String,
    pub recurring_amount: String,
    pub idprotection: bool,
    pub autorenew: bool,
    pub reglock: bool,
    pub epp: String,
    pub nameservers: Vec<String>,
    /// Child nameservers (glue): host → IP.
    pub glue: BTreeMap<String, String>,
    pub contacts: BTreeMap<String, Contact>,
    /// E-mail forwarding: (prefix, forward to).
    pub emforwarding: Vec<(String, String)>,
    /// URL forwarding: (url, type).
    pub forwarding: Option<(String, String)>,
    pub dnssec: Vec<DnssecKey>,
    pub documents: Vec<Document>,
}

impl Domain {
    /// The domain's TLD as the price list names it: `.id.vn`, `.com`.
    pub fn tld(&self) -> String {
        tld_of(&self.name)
    }
}

/// The longest known suffix: `a.id.vn` → `.id.vn`, `a.vn` → `.vn`.
pub fn tld_of(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut best = String::new();
    for t in tlds() {
        if lower.ends_with(t.0) && t.0.len() > best.len() {
            best = t.0.to_string();
        }
    }
    if best.is_empty() {
        lower.rfind('.').map(|i| lower[i..].to_string()).unwrap_or_default()
    } else {
        best
    }
}

/// State of a signing token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Valid,
    Used,
    Expired,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignToken {
    pub domain_id: String,
    pub document_id: String,
    pub state: TokenState,
}

/// Everything domain-related, for every account.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainDb {
    pub domains: BTreeMap<String, Domain>,
    pub tokens: BTreeMap<String, SignToken>,
    pub next_order: u64,
    pub next_invoice: u64,
    pub next_key: u64,
}

impl DomainDb {
    /// A domain of this client (someone else's is as good as missing).
    pub fn owned(&self, client_id: &str, id: &str) -> Option<&Domain> {
        self.domains.get(id).filter(|d| d.client_id == client_id)
    }

    pub fn owned_mut(&mut self, client_id: &str, id: &str) -> Option<&mut Domain> {
        self.domains.get_mut(id).filter(|d| d.client_id == client_id)
    }

    pub fn of_client<'a>(&'a self, client_id: &'a str) -> impl Iterator<Item = &'a Domain> + 'a {
        self.domains.values().filter(move |d| d.client_id == client_id)
    }
}

/// The bulk account (2,000 domains), added to the seeded accounts.
pub fn bulk_account() -> crate::model::Account {
    use crate::model::{Account, Balance, Client};
    Account {
        password: s(BULK_PASSWORD),
        client: Client {
            id: s(BULK_ID),
            email: s(BULK_EMAIL),
            lastlogin: s("2026-01-10 09:12:00"),
            ip: s("14.161.20.3"),
            host: s("static.fpt.vn"),
            firstname: s("Bình"),
            lastname: s("Trần Thanh"),
            companyname: s("Công ty TNHH Bình Minh"),
            address1: s("88 Lê Lợi"),
            address2: s(""),
            city: s("Quận 1"),
            state: s("Hồ Chí Minh"),
            postcode: s("700000"),
            country: s("VN"),
            phonenumber: s("+84.912000111"),
            kind: s("Company"),
            taxid: s("0312345678"),
            ward: s("Phường Bến Thành"),
            nationalid: s(""),
            birthday: s(""),
            gender: s("male"),
            zalonumber: s(""),
            currency_id: s("1"),
            datecreated: s("2019-03-01"),
            status: s("Active"),
        },
        balance: Balance {
            currency: s("VND"),
            acc_balance: s("0.00"),
            acc_credit: s("5000000.00"),
        },
    }
}

// ------------------------------------------------------------------ dates

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD`.
pub fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today (UTC), as a day number.
pub fn today() -> i64 {
    (crate::auth::now() / 86_400) as i64
}

// ------------------------------------------------------------------ prices

/// The TLDs the provider sells and their 1-year renew price in VND: the
/// shop's list (`GET /domain/order`), so every section quotes one price.
fn tlds() -> Vec<(&'static str, u64)> {
    crate::shop::catalog::tlds()
        .iter()
        .map(|t| {
            (t.tld, t.periods.iter().find(|p| p.years == 1).map_or(0, |p| (p.renew / 100) as u64))
        })
        .collect()
}

/// A price in the account's currency: VND as is, USD at 25,000 VND.
pub fn price(vnd: u64, currency: &str) -> String {
    if currency.eq_ignore_ascii_case("USD") {
        let cents = (vnd * 100 + 12_500) / 25_000;
        format!("{}.{:02}", cents / 100, cents % 100)
    } else {
        format!("{vnd}.00")
    }
}

// ------------------------------------------------------------------ seed

fn s(v: &str) -> String {
    v.to_string()
}

fn contact(first: &str, last: &str, email: &str, phone: &str, company: &str) -> Contact {
    let mut c: Contact = CONTACT_FIELDS.iter().map(|f| (f.to_string(), String::new())).collect();
    c.insert(s("firstname"), s(first));
    c.insert(s("lastname"), s(last));
    c.insert(s("email"), s(email));
    c.insert(s("phonenumber"), s(phone));
    c.insert(s("companyname"), s(company));
    c.insert(s("address1"), s("12 Nguyễn Huệ"));
    c.insert(s("ward"), s("Phường Bến Nghé"));
    c.insert(s("city"), s("Quận 1"));
    c.insert(s("state"), s("Hồ Chí Minh"));
    c.insert(s("postcode"), s("700000"));
    c.insert(s("country"), s("VN"));
    c.insert(s("nationalid"), s("079090001234"));
    c
}

fn four_roles(c: Contact) -> BTreeMap<String, Contact> {
    CONTACT_ROLES.iter().map(|r| (r.to_string(), c.clone())).collect()
}

fn epp_for(id: &str) -> String {
    let mut x: u64 =
        id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#$%";
    (0..16)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            A[(x >> 33) as usize % A.len()] as char
        })
        .collect()
}

struct Spec<'a> {
    id: &'a str,
    client: &'a str,
    name: &'a str,
    status: &'a str,
    created_ago: i64,
    expires_in: i64,
    autorenew: bool,
}

fn domain(spec: Spec, today: i64, who: &Contact) -> Domain {
    let tld = tld_of(spec.name);
    let renew = tlds().iter().find(|t| t.0 == tld).map(|t| t.1).unwrap_or(300_000);
    let currency = if spec.client == EXAMPLE_ID { "USD" } else { "VND" };
    Domain {
        id: s(spec.id),
        client_id: s(spec.client),
        name: s(spec.name),
        status: s(spec.status),
        date_created: today - spec.created_ago,
        expires: today + spec.expires_in,
        period: 1,
        firstpayment: price(renew, currency),
        recurring_amount: price(renew, currency),
        idprotection: false,
        autorenew: spec.autorenew,
        reglock: !tld.ends_with(".vn"),
        epp: epp_for(spec.id),
        nameservers: DEFAULT_NAMESERVERS.iter().map(|n| n.to_string()).collect(),
        glue: BTreeMap::new(),
        contacts: four_roles(who.clone()),
        emforwarding: Vec::new(),
        forwarding: None,
        dnssec: Vec::new(),
        documents: Vec::new(),
    }
}

fn document(
    id: &str,
    name: &str,
    slug: &str,
    status: &str,
    created: i64,
    token: Option<&str>,
) -> Document {
    Document {
        id: s(id),
        name: s(name),
        slug: s(slug),
        status: s(status),
        date_created: created,
        date_signed: None,
        token: token.map(s),
        upload: None,
        signed_pdf: None,
    }
}

const DECLARATION: &str = "Bản khai đăng ký tên miền";

/// The seed: demo account domains (a mix of TLDs, some expiring within 30
/// days, some with documents waiting for a signature), the reference's two
/// `testname.com` entries for the example account, and 2,000 generated
/// domains for the bulk account.
// Long: one literal of the seeded records, read top to bottom.
#[allow(clippy::too_many_lines)]
pub fn seed() -> DomainDb {
    let today = today();
    let an = contact("An", "Nguyễn Văn", "demo@bkns.vn", "+84.903123456", "");
    let mut domains = BTreeMap::new();
    let demo = |id, name, status, created_ago, expires_in, autorenew| Spec {
        id,
        client: DEMO_ID,
        name,
        status,
        created_ago,
        expires_in,
        autorenew,
    };
    let specs = [
        demo("301", "nguyenvanan.vn", "Active", 353, 12, false),
        demo("302", "banhmi-saigon.com", "Active", 530, 200, true),
        demo("303", "an-studio.id.vn", "Active", 340, 25, false),
        demo("304", "congtyan.biz.vn", "Pending", 3, 362, true),
        demo("305", "phokhoe.com.vn", "Active", 275, 90, true),
        demo("306", "an-nguyen.net", "Expired", 375, -10, false),
        demo("307", "shop-an.com", "Active", 700, 400, true),
        demo("308", "thucphamsach.vn", "Active", 362, 3, true),
        demo("309", "anphat.com", "Active", 337, 28, false),
        demo("310", "blog-cu.com", "Cancelled", 900, -200, false),
        demo("311", "nhahang-an.vn", "Active", 120, 245, true),
        demo("312", "an-travel.id.vn", "Active", 30, 335, true),
    ];
    for spec in specs {
        let d = domain(spec, today, &an);
        domains.insert(d.id.clone(), d);
    }
    let set_docs = |domains: &mut BTreeMap<String, Domain>, id: &str, docs: Vec<Document>| {
        if let Some(d) = domains.get_mut(id) {
            d.documents = docs;
        }
    };
    set_docs(
        &mut domains,
        "301",
        vec![document(
            "9001",
            DECLARATION,
            "ban-khai",
            "Pending",
            today - 2,
            Some(SIGN_TOKEN_VALID),
        )],
    );
    set_docs(
        &mut domains,
        "303",
        vec![document(
            "9002",
            DECLARATION,
            "ban-khai",
            "Pending",
            today - 40,
            Some(SIGN_TOKEN_EXPIRED),
        )],
    );
    let mut signed =
        document("9004", "Giấy cam kết sử dụng tên miền", "cam-ket", "Signed", today - 3, None);
    signed.date_signed = Some(today - 1);
    set_docs(
        &mut domains,
        "304",
        vec![document("9003", DECLARATION, "ban-khai", "Pending", today - 3, None), signed],
    );
    set_docs(
        &mut domains,
        "305",
        vec![document("9005", DECLARATION, "ban-khai", "Approved", today - 270, None)],
    );
    if let Some(d) = domains.get_mut("302") {
        d.idprotection = true;
        d.emforwarding = vec![(s("info"), s("demo@bkns.vn"))];
        d.dnssec = vec![DnssecKey {
            id: s("1"),
            flags: s("257"),
            protocol: s("3"),
            alg: s("13"),
            pubkey: s("mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="),
        }];
        d.nameservers = vec![s("ns1.cloudflare.com"), s("ns2.cloudflare.com")];
    }

    // The API reference's example: two entries named testname.com.
    let joe = contact("Joe", "Doe", "api@example.com", "+1.24123123", "");
    let ex = |id, status, created_ago, expires_in| Spec {
        id,
        client: EXAMPLE_ID,
        name: "testname.com",
        status,
        created_ago,
        expires_in,
        autorenew: true,
    };
    for spec in [ex("47", "Active", 200, 165), ex("48", "Expired", 380, -15)] {
        let d = domain(spec, today, &joe);
        domains.insert(d.id.clone(), d);
    }

    // The bulk account: 2,000 domains over every TLD and status.
    let bulk = contact("Bình", "Trần Thanh", BULK_EMAIL, "+84.912000111", "Công ty TNHH Bình Minh");
    let statuses = ["Active", "Active", "Active", "Active", "Expired", "Pending", "Cancelled"];
    let words = ["an", "binh", "minh", "phat", "tam", "viet", "saigon", "hanoi", "cafe", "shop"];
    let tlds = [".com", ".vn", ".id.vn", ".biz.vn", ".com.vn", ".net"];
    for i in 0..BULK_DOMAINS {
        let name = format!(
            "{}{}-{:04}{}",
            words[i % words.len()],
            words[(i / 10) % words.len()],
            i,
            tlds[i % tlds.len()]
        );
        let id = (100_000 + i).to_string();
        let status = statuses[i % statuses.len()];
        let expires_in = ((i * 37) % 800) as i64 - 60;
        let spec = Spec {
            id: &id,
            client: BULK_ID,
            name: &name,
            status,
            created_ago: 400,
            expires_in,
            autorenew: i % 3 == 0,
        };
        let d = domain(spec, today, &bulk);
        domains.insert(d.id.clone(), d);
    }

    let mut tokens = BTreeMap::new();
    for (token, domain_id, document_id, state) in [
        (SIGN_TOKEN_VALID, "301", "9001", TokenState::Valid),
        (SIGN_TOKEN_USED, "304", "9004", TokenState::Used),
        (SIGN_TOKEN_EXPIRED, "303", "9002", TokenState::Expired),
    ] {
        tokens.insert(
            s(token),
            SignToken { domain_id: s(domain_id), document_id: s(document_id), state },
        );
    }
    let mut db =
        DomainDb { domains, tokens, next_order: 563_647_700, next_invoice: 309_100, next_key: 10 };
    // The used token's document carries a signed PDF already.
    let sig = crate::pdf::png_from(120, 40, |x, y| {
        let fx = x as f64 / 120.0;
        let curve = 20.0 + 12.0 * (fx * 9.0).sin();
        (y as f64 - curve).abs() < 1.6 && x > 6 && x < 114
    });
    if let Ok(mask) = crate::pdf::png_ink(&sig) {
        let pdf = signed_pdf(&db, "304", "9004", &mask, today - 1);
        if let Some(doc) =
            db.domains.get_mut("304").and_then(|d| d.documents.iter_mut().find(|x| x.id == "9004"))
        {
            doc.signed_pdf = pdf;
        }
    }
    db
}

/// The text of a registration document.
pub fn document_lines(d: &Domain, doc: &Document) -> Vec<String> {
    let reg = d.contacts.get("registrant");
    let field = |k: &str| reg.and_then(|c| c.get(k)).cloned().unwrap_or_default();
    vec![
        format!("Ten mien / Domain: {}", d.name),
        format!("Ma tai lieu / Document no.: {}-{}", d.id, doc.id),
        format!("Chu the / Registrant: {} {}", field("lastname"), field("firstname")),
        format!("To chuc / Organisation: {}", field("companyname")),
        format!("So dinh danh / ID number: {}", field("nationalid")),
        format!("E-mail: {}", field("email")),
        format!("Dien thoai / Phone: {}", field("phonenumber")),
        format!(
            "Dia chi / Address: {}, {}, {}, {}",
            field("address1"),
            field("ward"),
            field("city"),
            field("state")
        ),
        format!("Ngay lap / Date: {}", ymd(doc.date_created)),
        String::new(),
        "Chu the cam ket thong tin tren la dung su that va chiu trach nhiem".into(),
        "ve viec su dung ten mien theo quy dinh cua phap luat Viet Nam.".into(),
        "The registrant confirms the details above and accepts the rules".into(),
        "for the use of Vietnamese domain names.".into(),
    ]
}

/// The PDF of a document as issued (unsigned).
pub fn document_pdf(d: &Domain, doc: &Document) -> Vec<u8> {
    let lines = document_lines(d, doc);
    crate::pdf::document(&crate::pdf::Page { title: &doc.name, lines: &lines, signature: None })
}

/// The PDF of a document signed online with `mask` on day `day`.
pub fn signed_pdf(
    db: &DomainDb,
    domain_id: &str,
    doc_id: &str,
    mask: &crate::pdf::InkMask,
    day: i64,
) -> Option<Vec<u8>> {
    let d = db.domains.get(domain_id)?;
    let doc = d.documents.iter().find(|x| x.id == doc_id)?;
    let lines = document_lines(d, doc);
    Some(crate::pdf::document(&crate::pdf::Page {
        title: &doc.name,
        lines: &lines,
        signature: Some((mask, format!("Da ky dien tu / Signed electronically: {}", ymd(day)))),
    }))
}

/// `<domain>-<slug>.pdf`, the name a downloaded document gets.
pub fn file_name(d: &Domain, doc: &Document, suffix: &str) -> String {
    format!("{}-{}{}.pdf", d.name, doc.slug, suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(ymd(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(ymd(days_from_civil(2026, 12, 31) + 1), "2027-01-01");
        for z in [-1000, 0, 19_000, 20_500, 30_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn tlds_and_prices() {
        assert_eq!(tld_of("a.id.vn"), ".id.vn");
        assert_eq!(tld_of("A.VN"), ".vn");
        assert_eq!(tld_of("x.com.vn"), ".com.vn");
        assert_eq!(tld_of("x.org"), ".org");
        assert_eq!(price(329_000, "VND"), "329000.00");
        assert_eq!(price(329_000, "USD"), "13.16");
    }

    #[test]
    fn seed_has_what_the_journeys_need() {
        let db = seed();
        let demo: Vec<&Domain> = db.of_client(DEMO_ID).collect();
        let today = today();
        assert!(demo.iter().any(|d| d.expires - today <= 30 && d.expires >= today));
        for t in [".com", ".vn", ".id.vn", ".biz.vn"] {
            assert!(demo.iter().any(|d| d.tld() == t), "{t}");
        }
        assert!(demo.iter().any(|d| d.documents.iter().any(|x| x.status == "Pending")));
        assert_eq!(db.of_client(BULK_ID).count(), BULK_DOMAINS);
        assert_eq!(db.tokens.len(), 3);
        let used = &db.domains["304"].documents[1];
        assert!(used.signed_pdf.as_ref().is_some_and(|p| p.starts_with(b"%PDF")));
        assert_ne!(epp_for("301"), epp_for("302"));
    }
}
