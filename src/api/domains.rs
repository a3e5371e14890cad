//! Domains (catalog 40-60, 63, 64, 66-72): list, details, every setting,
//! renewal, registration documents and token signing.
//!
//! # Bodies the reference leaves undocumented
//!
//! The reference documents bodies only for `PUT /ns` (`nameservers`),
//! `POST /renew` (`years`, `pay_method`), the upload (`filename`,
//! `content`) and the signature (`token`, `image`). Every other write is
//! defined HERE, and nowhere else, by the `*Body` structs below; each
//! follows the matching GET answer or HostBill (hostbill-standard.md):
//!
//! | call | body | from |
//! |---|---|---|
//! | `PUT /domain/@id/autorenew` | `{"switch": bool}` | HostBill toggles: `PUT /reglock` and `PUT /idprotection` take `switch` (HostBill registrar client, hostbill-standard §3.4) |
//! | `PUT /domain/@id/idprotection` | `{"switch": bool}` | same |
//! | `PUT /domain/@id/contact` | `{"contact_info": {"registrant"\|"admin"\|"tech"\|"billing": {firstname, lastname, companyname, email, phonenumber, address1, address2, ward, city, state, postcode, country, nationalid}}}` | the GET answer `{"contact_info": {...}}`; the fields of `GET /details`/sign-up |
//! | `PUT /domain/@id/emforwarding` | `{"emforwarding": [{"prefix", "forwardto"}]}` | the GET answer (whole list replaced) |
//! | `PUT /domain/@id/forwarding` | `{"url", "type": "URL"\|"FRAME"}` | HostBill's forwarding record types `URL`/`FRAME` (`GET /domain/@id/dns/types`) |
//! | `PUT /domain/@id/dnssec` | `{"flags", "protocol": "3", "alg", "pubkey"}` | the GET answer's key fields (DNSKEY data, flags from `GET /dnssec/flags`) |
//! | `POST /domain/@id/reg` | `{"action": "registerNameServer"\|"modifyNameServer"\|"deleteNameServer", "nameserver", "ip"\|"oldip"+"newip"}` | HostBill registrar client |
//!
//! The reads without an example are decoded loosely (aliases below, lists
//! in any `LooseList` shape), so a deployment that names a field a little
//! differently still works.

use super::client::{fetch, fetch_binary, fetch_with_info, ApiRequest};
use super::error::{ApiError, Binary};
use super::loose::{field, object_at, objects, read, scalar_text, under, Flag, Id, Money, Text};
use crate::util::percent_encode;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Success messages of a write (`{"info": [...]}`), to show as a toast.
pub type Info = Vec<String>;

// ------------------------------------------------------------------ answers
//
// Read by hand from the JSON value (not with derived `Deserialize`) with the
// helpers of `loose.rs`: the same tolerance (numbers or strings, missing
// fields empty, several names for one field) for a fraction of the wasm code.

/// A list of host names: an array of strings, an object of strings, or one
/// string separated by commas/spaces. Empty entries are dropped.
pub fn hosts(v: &Value) -> Vec<String> {
    let parts: Vec<String> = match v {
        Value::String(s) => s.split([',', ' ', '\n']).map(str::to_owned).collect(),
        Value::Array(a) => a.iter().map(scalar_text).collect(),
        Value::Object(o) => o.values().map(scalar_text).collect(),
        _ => Vec::new(),
    };
    parts.into_iter().map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect()
}

/// One row of `GET /domain`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomainRow {
    pub id: Id,
    pub name: Text,
    pub expires: Text,
    pub recurring_amount: Money,
    pub date_created: Text,
    pub status: Text,
    pub period: Text,
    pub autorenew: Flag,
    pub daytoexpire: Text,
}

impl DomainRow {
    pub fn from_json(v: &Value) -> Self {
        DomainRow {
            id: read(v, &["id"]),
            name: read(v, &["name", "domain"]),
            expires: read(v, &["expires", "expirydate"]),
            recurring_amount: read(v, &["recurring_amount"]),
            date_created: read(v, &["date_created", "regdate"]),
            status: read(v, &["status"]),
            period: read(v, &["period"]),
            autorenew: read(v, &["autorenew"]),
            daytoexpire: read(v, &["daytoexpire"]),
        }
    }
}

/// `GET /domain/@id` → `details` (and the items of `GET /domain/name/@name`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomainDetails {
    pub id: Id,
    pub name: Text,
    pub date_created: Text,
    pub firstpayment: Money,
    pub recurring_amount: Money,
    pub period: Text,
    pub expires: Text,
    pub status: Text,
    pub next_due: Text,
    pub next_invoice: Text,
    pub idprotection: Flag,
    pub nameservers: Vec<String>,
    pub autorenew: Flag,
}

impl DomainDetails {
    pub fn from_json(v: &Value) -> Self {
        DomainDetails {
            id: read(v, &["id"]),
            name: read(v, &["name", "domain"]),
            date_created: read(v, &["date_created", "regdate"]),
            firstpayment: read(v, &["firstpayment"]),
            recurring_amount: read(v, &["recurring_amount"]),
            period: read(v, &["period"]),
            expires: read(v, &["expires", "expirydate"]),
            status: read(v, &["status"]),
            next_due: read(v, &["next_due"]),
            next_invoice: read(v, &["next_invoice"]),
            idprotection: read(v, &["idprotection"]),
            nameservers: hosts(field(v, &["nameservers"])),
            autorenew: read(v, &["autorenew"]),
        }
    }
}

/// A domain contact: the fields of `GET/PUT /domain/@id/contact`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Contact {
    pub firstname: Text,
    pub lastname: Text,
    pub companyname: Text,
    pub email: Text,
    pub phonenumber: Text,
    pub address1: Text,
    pub address2: Text,
    pub ward: Text,
    pub city: Text,
    pub state: Text,
    pub postcode: Text,
    pub country: Text,
    pub nationalid: Text,
}

impl Contact {
    pub fn from_json(v: &Value) -> Self {
        Contact {
            firstname: read(v, &["firstname"]),
            lastname: read(v, &["lastname"]),
            companyname: read(v, &["companyname"]),
            email: read(v, &["email"]),
            phonenumber: read(v, &["phonenumber"]),
            address1: read(v, &["address1"]),
            address2: read(v, &["address2"]),
            ward: read(v, &["ward"]),
            city: read(v, &["city"]),
            state: read(v, &["state"]),
            postcode: read(v, &["postcode"]),
            country: read(v, &["country"]),
            nationalid: read(v, &["nationalid"]),
        }
    }
}

/// The four contact roles, in the order pages show them.
pub const CONTACT_ROLES: [&str; 4] = ["registrant", "admin", "tech", "billing"];

/// `contact_info`: one contact per role.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Contacts {
    pub registrant: Contact,
    pub admin: Contact,
    pub tech: Contact,
    pub billing: Contact,
}

impl Contacts {
    /// `{"contact_info": {role: {...}}}` (also under `contacts`).
    pub fn from_answer(v: &Value) -> Self {
        let info: Value = object_at(v, "contact_info");
        let info = if info.is_object() { info } else { object_at(v, "contacts") };
        let role = |r: &str| Contact::from_json(&object_at(&info, r));
        Contacts {
            registrant: role("registrant"),
            admin: role("admin"),
            tech: role("tech"),
            billing: role("billing"),
        }
    }
    pub fn get(&self, role: &str) -> &Contact {
        match role {
            "admin" => &self.admin,
            "tech" => &self.tech,
            "billing" => &self.billing,
            _ => &self.registrant,
        }
    }
    pub fn get_mut(&mut self, role: &str) -> &mut Contact {
        match role {
            "admin" => &mut self.admin,
            "tech" => &mut self.tech,
            "billing" => &mut self.billing,
            _ => &mut self.registrant,
        }
    }
}

/// One e-mail forwarding rule: `prefix@domain` → `forwardto`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct ForwardRule {
    pub prefix: Text,
    pub forwardto: Text,
}

/// A value and its label (DNSSEC flags).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    pub id: Id,
    pub name: Text,
}

/// A DNSSEC key of `GET /domain/@id/dnssec`; `id` is what DELETE takes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DnssecKey {
    pub id: Id,
    pub flags: Text,
    pub protocol: Text,
    pub alg: Text,
    pub pubkey: Text,
}

/// A TLD and its prices (`GET /domain/order`): the cart's reading.
pub use super::cart::domain::{Tld, TldPeriod};

/// The order a renewal creates (shaped like `POST /domain/order`'s answer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenewOrder {
    pub order_num: Text,
    pub invoice_id: Id,
    pub total: Money,
}

/// A registration document of `GET /domain/@id/documents`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub id: Id,
    pub name: Text,
    pub status: Text,
    pub date_created: Text,
    pub date_signed: Text,
    pub filename: Text,
    /// The signing token, when the server offers online signing.
    pub token: Text,
    pub uploaded_file: Text,
}

impl Document {
    pub fn from_json(v: &Value) -> Self {
        Document {
            id: read(v, &["id", "document_id"]),
            name: read(v, &["name", "title", "type"]),
            status: read(v, &["status"]),
            date_created: read(v, &["date_created"]),
            date_signed: read(v, &["date_signed"]),
            filename: read(v, &["filename"]),
            token: read(v, &["token"]),
            uploaded_file: read(v, &["uploaded_file"]),
        }
    }

    /// Waiting for the customer's signature (nothing signed or uploaded yet).
    pub fn needs_signature(&self) -> bool {
        let s = self.status.as_str().trim().to_ascii_lowercase();
        matches!(
            s.as_str(),
            "pending"
                | "waiting"
                | "unsigned"
                | "new"
                | "awaiting signature"
                | "waiting for signature"
                | "0"
        )
    }
}

// ------------------------------------------------------------------ bodies

/// `PUT /domain/@id/ns` (documented): 2-4 hosts, or none for the
/// provider's defaults.
#[derive(Serialize, Debug, PartialEq)]
pub struct NameserversBody<'a> {
    pub nameservers: &'a [String],
}

/// `POST /domain/@id/reg`: child nameservers (glue records).
#[derive(Serialize, Debug, PartialEq, Clone)]
#[serde(tag = "action")]
pub enum ChildNameserverBody {
    #[serde(rename = "registerNameServer")]
    Register { nameserver: String, ip: String },
    #[serde(rename = "modifyNameServer")]
    Modify { nameserver: String, oldip: String, newip: String },
    #[serde(rename = "deleteNameServer")]
    Delete { nameserver: String },
}

/// `PUT /domain/@id/autorenew` and `PUT /domain/@id/idprotection`.
#[derive(Serialize, Debug, PartialEq)]
pub struct SwitchBody {
    pub switch: bool,
}

/// `PUT /domain/@id/contact`.
#[derive(Serialize, Debug, PartialEq)]
pub struct ContactsBody<'a> {
    pub contact_info: &'a Contacts,
}

/// `PUT /domain/@id/emforwarding`: the whole list.
#[derive(Serialize, Debug, PartialEq)]
pub struct EmailForwardingBody<'a> {
    pub emforwarding: &'a [ForwardRule],
}

/// URL forwarding types: a redirect, or the target shown in a frame.
pub const FORWARDING_TYPES: [&str; 2] = ["URL", "FRAME"];

/// `PUT /domain/@id/forwarding`.
#[derive(Serialize, Debug, PartialEq)]
pub struct UrlForwardingBody<'a> {
    pub url: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
}

/// DNSKEY protocol, always 3 (RFC 4034).
pub const DNSSEC_PROTOCOL: &str = "3";

/// DNSSEC algorithms offered (IANA numbers and names).
pub const DNSSEC_ALGORITHMS: [(&str, &str); 6] = [
    ("8", "RSA/SHA-256"),
    ("10", "RSA/SHA-512"),
    ("13", "ECDSA P-256/SHA-256"),
    ("14", "ECDSA P-384/SHA-384"),
    ("15", "Ed25519"),
    ("16", "Ed448"),
];

/// `PUT /domain/@id/dnssec`: adds a key.
#[derive(Serialize, Debug, PartialEq)]
pub struct DnssecKeyBody<'a> {
    pub flags: &'a str,
    pub protocol: &'a str,
    pub alg: &'a str,
    pub pubkey: &'a str,
}

/// `POST /domain/@id/renew` (documented: `years` a string, `pay_method` an int).
#[derive(Serialize, Debug, PartialEq)]
pub struct RenewBody {
    pub years: String,
    #[serde(serialize_with = "int_if_numeric")]
    pub pay_method: String,
}

fn int_if_numeric<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    match v.parse::<u64>() {
        Ok(n) => s.serialize_u64(n),
        Err(_) => s.serialize_str(v),
    }
}

/// `POST /domain/@id/documents/@documentid/upload` (documented).
#[derive(Serialize, Debug, PartialEq)]
pub struct UploadBody<'a> {
    pub filename: &'a str,
    /// The file, base64 (standard alphabet, padded).
    pub content: &'a str,
}

/// How the drawn signature is sent: a PNG data URL.
pub const SIGNATURE_PREFIX: &str = "data:image/png;base64,";

/// `POST /domain/documents/signed` (documented fields).
#[derive(Serialize, Debug, PartialEq)]
pub struct SignBody<'a> {
    pub token: &'a str,
    /// `data:image/png;base64,...`
    pub image: &'a str,
}

// ------------------------------------------------------------------ requests

fn at(id: &Id, rest: &str) -> String {
    format!("/domain/{}{rest}", percent_encode(id.as_str()))
}

fn doc_path(id: &Id, doc: &Id, action: &str) -> String {
    at(id, &format!("/documents/{}/{action}", percent_encode(doc.as_str())))
}

pub fn nameservers_request(id: &Id, hosts: &[String]) -> ApiRequest {
    ApiRequest::put(at(id, "/ns")).json(&NameserversBody { nameservers: hosts })
}
pub fn child_nameserver_request(id: &Id, body: &ChildNameserverBody) -> ApiRequest {
    ApiRequest::post(at(id, "/reg")).json(body)
}
pub fn autorenew_request(id: &Id, on: bool) -> ApiRequest {
    ApiRequest::put(at(id, "/autorenew")).json(&SwitchBody { switch: on })
}
pub fn idprotection_request(id: &Id, on: bool) -> ApiRequest {
    ApiRequest::put(at(id, "/idprotection")).json(&SwitchBody { switch: on })
}
pub fn contacts_request(id: &Id, contacts: &Contacts) -> ApiRequest {
    ApiRequest::put(at(id, "/contact")).json(&ContactsBody { contact_info: contacts })
}
pub fn email_forwarding_request(id: &Id, rules: &[ForwardRule]) -> ApiRequest {
    ApiRequest::put(at(id, "/emforwarding")).json(&EmailForwardingBody { emforwarding: rules })
}
pub fn url_forwarding_request(id: &Id, url: &str, kind: &str) -> ApiRequest {
    ApiRequest::put(at(id, "/forwarding")).json(&UrlForwardingBody { url, kind })
}
pub fn dnssec_add_request(id: &Id, flags: &str, alg: &str, pubkey: &str) -> ApiRequest {
    let pubkey: String = pubkey.split_whitespace().collect();
    ApiRequest::put(at(id, "/dnssec")).json(&DnssecKeyBody {
        flags,
        protocol: DNSSEC_PROTOCOL,
        alg,
        pubkey: &pubkey,
    })
}
pub fn dnssec_delete_request(id: &Id, key: &Id) -> ApiRequest {
    ApiRequest::delete(at(id, &format!("/dnssec/{}", percent_encode(key.as_str()))))
}
pub fn renew_request(id: &Id, years: u32, pay_method: &Id) -> ApiRequest {
    ApiRequest::post(at(id, "/renew"))
        .json(&RenewBody { years: years.to_string(), pay_method: pay_method.0.clone() })
}
pub fn upload_request(id: &Id, doc: &Id, filename: &str, content_b64: &str) -> ApiRequest {
    // 10 MB become 13.4 MB of base64: give the upload time on a slow line.
    ApiRequest::post(doc_path(id, doc, "upload"))
        .timeout_ms(180_000)
        .json(&UploadBody { filename, content: content_b64 })
}
pub fn sign_request(token: &str, png_data_url: &str) -> ApiRequest {
    ApiRequest::post("/domain/documents/signed")
        .public()
        .timeout_ms(60_000)
        .json(&SignBody { token, image: png_data_url })
}

async fn write(req: ApiRequest) -> Result<Info, ApiError> {
    fetch_with_info::<Value>(req).await.map(|(_, info)| info)
}

// ------------------------------------------------------------------ calls

async fn get(path: String) -> Result<Value, ApiError> {
    fetch::<Value>(ApiRequest::get(path)).await
}

/// `GET /domain`.
pub async fn list() -> Result<Vec<DomainRow>, ApiError> {
    Ok(domain_rows(get("/domain".into()).await?))
}

fn domain_rows(v: Value) -> Vec<DomainRow> {
    objects(v).iter().map(DomainRow::from_json).filter(|d| !d.id.is_empty()).collect()
}

/// `GET /domain/name/@name`: a list (several domains may share a name).
pub async fn by_name(name: &str) -> Result<Vec<DomainDetails>, ApiError> {
    let v = get(format!("/domain/name/{}", percent_encode(name.trim()))).await?;
    Ok(details_list(v))
}

fn details_list(v: Value) -> Vec<DomainDetails> {
    let inner = under(v, &["details"]);
    let list = if inner.get("id").is_some() {
        vec![DomainDetails::from_json(&inner)]
    } else {
        objects(inner).iter().map(DomainDetails::from_json).collect()
    };
    list.into_iter().filter(|d| !d.id.is_empty()).collect()
}

/// `GET /domain/@id`.
pub async fn details(id: Id) -> Result<DomainDetails, ApiError> {
    Ok(DomainDetails::from_json(&object_at(&get(at(&id, "")).await?, "details")))
}

/// `GET /domain/@id/ns`.
pub async fn nameservers(id: Id) -> Result<Vec<String>, ApiError> {
    Ok(hosts(field(&get(at(&id, "/ns")).await?, &["nameservers"])))
}

/// `PUT /domain/@id/ns`.
pub async fn set_nameservers(id: Id, hosts: Vec<String>) -> Result<Info, ApiError> {
    write(nameservers_request(&id, &hosts)).await
}

/// `POST /domain/@id/reg`.
pub async fn child_nameserver(id: Id, body: ChildNameserverBody) -> Result<Info, ApiError> {
    write(child_nameserver_request(&id, &body)).await
}

/// `GET /domain/@id/epp`.
pub async fn epp_code(id: Id) -> Result<String, ApiError> {
    Ok(read::<Text>(&get(at(&id, "/epp")).await?, &["epp", "eppcode", "epp_code", "code"]).0)
}

/// `GET /domain/@id/sync`.
pub async fn sync(id: Id) -> Result<Info, ApiError> {
    write(ApiRequest::get(at(&id, "/sync"))).await
}

/// `GET /domain/@id/reglock`: true when locked.
pub async fn registrar_lock(id: Id) -> Result<bool, ApiError> {
    Ok(read::<Flag>(&get(at(&id, "/reglock")).await?, &["reglock", "lock", "locked", "status"]).0)
}

/// `GET /domain/@id/autorenew`.
pub async fn autorenew(id: Id) -> Result<bool, ApiError> {
    Ok(read::<Flag>(&get(at(&id, "/autorenew")).await?, &["autorenew", "status", "enabled"]).0)
}

/// `PUT /domain/@id/autorenew`.
pub async fn set_autorenew(id: Id, on: bool) -> Result<Info, ApiError> {
    write(autorenew_request(&id, on)).await
}

/// `PUT /domain/@id/idprotection`.
pub async fn set_idprotection(id: Id, on: bool) -> Result<Info, ApiError> {
    write(idprotection_request(&id, on)).await
}

/// `GET /domain/@id/contact`.
pub async fn contacts(id: Id) -> Result<Contacts, ApiError> {
    Ok(Contacts::from_answer(&get(at(&id, "/contact")).await?))
}

/// `PUT /domain/@id/contact`.
pub async fn set_contacts(id: Id, contacts: Contacts) -> Result<Info, ApiError> {
    write(contacts_request(&id, &contacts)).await
}

/// `GET /domain/@id/emforwarding`.
pub async fn email_forwarding(id: Id) -> Result<Vec<ForwardRule>, ApiError> {
    Ok(rules_of(get(at(&id, "/emforwarding")).await?))
}

/// The rules in an e-mail forwarding answer, whatever the wrapping.
fn rules_of(v: Value) -> Vec<ForwardRule> {
    objects(under(v, &["emforwarding", "forwarding"]))
        .iter()
        .map(|r| ForwardRule {
            prefix: read(r, &["prefix", "source", "from"]),
            forwardto: read(r, &["forwardto", "destination", "to"]),
        })
        .filter(|r| !r.prefix.0.is_empty() || !r.forwardto.0.is_empty())
        .collect()
}

/// `PUT /domain/@id/emforwarding`.
pub async fn set_email_forwarding(id: Id, rules: Vec<ForwardRule>) -> Result<Info, ApiError> {
    write(email_forwarding_request(&id, &rules)).await
}

/// `PUT /domain/@id/forwarding`.
pub async fn set_url_forwarding(id: Id, url: String, kind: String) -> Result<Info, ApiError> {
    write(url_forwarding_request(&id, &url, &kind)).await
}

/// `GET /domain/@id/dnssec/flags`.
pub async fn dnssec_flags(id: Id) -> Result<Vec<Choice>, ApiError> {
    Ok(flags_of(get(at(&id, "/dnssec/flags")).await?))
}

fn flags_of(v: Value) -> Vec<Choice> {
    let mut f: Vec<Choice> = objects(under(v, &["flags"]))
        .iter()
        .map(|c| Choice {
            id: read(c, &["id", "value", "flag"]),
            name: read(c, &["name", "label", "title"]),
        })
        .filter(|c| !c.id.is_empty())
        .collect();
    crate::util::sort_with(&mut f, &|a, b| a.id.cmp(&b.id));
    f
}

/// `GET /domain/@id/dnssec`.
pub async fn dnssec_keys(id: Id) -> Result<Vec<DnssecKey>, ApiError> {
    Ok(keys_of(get(at(&id, "/dnssec")).await?))
}

fn keys_of(v: Value) -> Vec<DnssecKey> {
    objects(under(v, &["keys"]))
        .iter()
        .map(|k| DnssecKey {
            id: read(k, &["id", "key", "keyid", "keytag"]),
            flags: read(k, &["flags"]),
            protocol: read(k, &["protocol"]),
            alg: read(k, &["alg", "algorithm"]),
            pubkey: read(k, &["pubkey", "publickey", "public_key", "pubKey"]),
        })
        .filter(|k| !k.id.is_empty())
        .collect()
}

/// `PUT /domain/@id/dnssec`.
pub async fn add_dnssec_key(
    id: Id,
    flags: String,
    alg: String,
    pubkey: String,
) -> Result<Info, ApiError> {
    write(dnssec_add_request(&id, &flags, &alg, &pubkey)).await
}

/// `DELETE /domain/@id/dnssec/@key`.
pub async fn delete_dnssec_key(id: Id, key: Id) -> Result<Info, ApiError> {
    write(dnssec_delete_request(&id, &key)).await
}

/// `GET /domain/order`: TLDs and their prices.
pub async fn tlds() -> Result<Vec<Tld>, ApiError> {
    Ok(super::cart::domain::read_tlds(&get("/domain/order".into()).await?))
}

/// `POST /domain/@id/renew`.
pub async fn renew(id: Id, years: u32, pay_method: Id) -> Result<(RenewOrder, Info), ApiError> {
    let (v, info) = fetch_with_info::<Value>(renew_request(&id, years, &pay_method)).await?;
    Ok((order_of(&v), info))
}

fn order_of(v: &Value) -> RenewOrder {
    RenewOrder {
        order_num: read(v, &["order_num"]),
        invoice_id: read(v, &["invoice_id"]),
        total: read(v, &["total"]),
    }
}

/// `GET /domain/@id/documents`.
pub async fn documents(id: Id) -> Result<Vec<Document>, ApiError> {
    Ok(documents_of(get(at(&id, "/documents")).await?))
}

fn documents_of(v: Value) -> Vec<Document> {
    objects(v).iter().map(Document::from_json).filter(|d| !d.id.is_empty()).collect()
}

/// `GET …/documents/@documentid/View` (the capital V is the API's).
pub async fn view_document(id: Id, doc: Id) -> Result<Binary, ApiError> {
    fetch_binary(ApiRequest::get(doc_path(&id, &doc, "View")).timeout_ms(60_000)).await
}

/// `GET …/documents/@documentid/download` (`application/pdf`).
pub async fn download_document(id: Id, doc: Id) -> Result<Binary, ApiError> {
    fetch_binary(ApiRequest::get(doc_path(&id, &doc, "download")).timeout_ms(60_000)).await
}

/// `POST …/documents/@documentid/upload`.
pub async fn upload_document(
    id: Id,
    doc: Id,
    filename: String,
    content_b64: String,
) -> Result<Info, ApiError> {
    write(upload_request(&id, &doc, &filename, &content_b64)).await
}

/// `GET /domain/documents/view/@token` (public): the document to sign.
pub async fn view_by_token(token: &str) -> Result<Binary, ApiError> {
    let path = format!("/domain/documents/view/{}", percent_encode(token.trim()));
    fetch_binary(ApiRequest::get(path).public().timeout_ms(60_000)).await
}

/// `POST /domain/documents/signed` (public).
pub async fn sign(token: String, png_data_url: String) -> Result<Info, ApiError> {
    write(sign_request(&token, &png_data_url)).await
}

/// `GET /domain/documents/download/uploaded/@token` (public): the signed copy.
pub async fn download_signed(token: &str) -> Result<Binary, ApiError> {
    let path = format!("/domain/documents/download/uploaded/{}", percent_encode(token.trim()));
    fetch_binary(ApiRequest::get(path).public().timeout_ms(60_000)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Decimal;
    use serde_json::json;

    fn id(s: &str) -> Id {
        Id::from(s)
    }

    fn body(req: &ApiRequest) -> Value {
        req.body.clone().expect("a body")
    }

    fn v(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn reference_examples_decode() {
        let l = domain_rows(v(crate::fixtures::DOMAIN_LIST));
        let r = &l[0];
        assert_eq!(
            (r.id.as_str(), r.name.as_str(), r.daytoexpire.as_str()),
            ("47", "testname.com", "365")
        );
        assert!(r.autorenew.0);
        assert_eq!(r.recurring_amount.value, Some(Decimal::new(1500, 2)));
        let d =
            DomainDetails::from_json(&object_at(&v(crate::fixtures::DOMAIN_DETAILS), "details"));
        assert_eq!(d.nameservers.len(), 4);
        assert!(!d.idprotection.0);
        assert_eq!(d.next_due.as_str(), "2017-12-30");
        assert_eq!(d.firstpayment.value, Some(Decimal::new(1000, 2)));
        let n = details_list(v(crate::fixtures::DOMAIN_BY_NAME));
        assert_eq!(n.len(), 2);
        assert_eq!(n[1].status.as_str(), "Expired");
        let t = super::super::cart::domain::read_tlds(&v(crate::fixtures::DOMAIN_TLDS));
        assert_eq!(t[0].tld.as_str(), ".com");
        assert_eq!(t[0].periods.0[1].renew.value, Some(Decimal::new(3000, 2)));
        let saved = crate::api::error::interpret(
            200,
            crate::fixtures::DOMAIN_NS_SAVED,
            "PUT /domain/47/ns",
        );
        assert!(
            matches!(saved, crate::api::error::Outcome::Ok(a) if a.info == ["success_changes_save"])
        );
    }

    #[test]
    fn loose_variants_decode() {
        // details as a one-element list, nameservers as an object or a string, ids as numbers
        let d = DomainDetails::from_json(&object_at(
            &json!({"details": [{"id": 5, "nameservers": {"ns1": "A.example.net", "ns2": ""}}]}),
            "details",
        ));
        assert_eq!(d.id.as_str(), "5");
        assert_eq!(d.nameservers, ["a.example.net"]);
        assert_eq!(
            details_list(json!({"details": {"id": "9", "name": "x.vn"}}))[0].name.as_str(),
            "x.vn"
        );
        assert!(details_list(json!({"details": []})).is_empty());
        assert_eq!(hosts(&json!("ns1.a.vn, ns2.a.vn")), ["ns1.a.vn", "ns2.a.vn"]);
        assert_eq!(
            read::<Text>(&json!({"success": true, "eppcode": "x#1"}), &["epp", "eppcode"]).as_str(),
            "x#1"
        );
        assert!(read::<Flag>(&json!({"locked": true}), &["reglock", "locked"]).0);
        assert!(read::<Flag>(&json!({"autorenew": 1}), &["autorenew"]).0);
        assert!(!read::<Flag>(&json!({"autorenew": "0"}), &["autorenew"]).0);
        assert_eq!(scalar_text(&json!(3.0)), "3");
        let c = Contacts::from_answer(
            &json!({"contact_info": {"registrant": {"email": "a@b.vn", "fax": "1"}, "admin": []}}),
        );
        assert_eq!(c.registrant.email.as_str(), "a@b.vn");
        assert_eq!(c.admin, Contact::default());
        assert_eq!(
            Contacts::from_answer(&json!({"contacts": {"tech": {"email": "t@b.vn"}}}))
                .tech
                .email
                .as_str(),
            "t@b.vn"
        );
        assert_eq!(rules_of(json!({"success": true, "emforwarding": [{"prefix": "info", "forwardto": "a@b.vn"}]})).len(), 1);
        assert_eq!(rules_of(json!({"emforwarding": []})).len(), 0);
        assert_eq!(rules_of(json!([{"from": "x", "to": "y@z.vn"}]))[0].prefix.as_str(), "x");
        let f = flags_of(json!({"flags": {"257": "KSK", "256": "ZSK"}}));
        assert_eq!(
            f.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect::<Vec<_>>(),
            [("256", "ZSK"), ("257", "KSK")]
        );
        let k = keys_of(
            json!({"success": true, "keys": [{"id": "1", "flags": 257, "algorithm": "13", "pubkey": "abc"}, {"flags": "256"}]}),
        );
        assert_eq!(k.len(), 1);
        assert_eq!((k[0].alg.as_str(), k[0].flags.as_str()), ("13", "257"));
        let docs = documents_of(
            json!({"documents": [{"id": "9", "name": "Bản khai", "status": "Pending", "token": "t"}, {"id": 10, "status": "Signed"}, "junk"]}),
        );
        assert_eq!(docs.len(), 2);
        assert!(docs[0].needs_signature());
        assert!(!docs[1].needs_signature());
        let o = order_of(&json!({"order_num": 5, "invoice_id": 7, "total": "960000.00"}));
        assert_eq!((o.order_num.as_str(), o.invoice_id.as_str()), ("5", "7"));
        assert!(domain_rows(json!("nope")).is_empty());
    }

    #[test]
    fn nameserver_body() {
        let hosts = vec!["ns1.a.vn".to_string(), "ns2.a.vn".to_string()];
        let r = nameservers_request(&id("47"), &hosts);
        assert_eq!(r.endpoint(), "PUT /domain/47/ns");
        assert_eq!(body(&r), json!({"nameservers": ["ns1.a.vn", "ns2.a.vn"]}));
        assert_eq!(body(&nameservers_request(&id("47"), &[])), json!({"nameservers": []}));
        assert!(r.auth);
    }

    #[test]
    fn child_nameserver_bodies() {
        let reg = ChildNameserverBody::Register {
            nameserver: "ns1.a.vn".into(),
            ip: "203.0.113.5".into(),
        };
        let r = child_nameserver_request(&id("47"), &reg);
        assert_eq!(r.endpoint(), "POST /domain/47/reg");
        assert_eq!(
            body(&r),
            json!({"action": "registerNameServer", "nameserver": "ns1.a.vn", "ip": "203.0.113.5"})
        );
        let m = ChildNameserverBody::Modify {
            nameserver: "ns1.a.vn".into(),
            oldip: "1.1.1.1".into(),
            newip: "2.2.2.2".into(),
        };
        assert_eq!(
            body(&child_nameserver_request(&id("47"), &m)),
            json!({"action": "modifyNameServer", "nameserver": "ns1.a.vn", "oldip": "1.1.1.1", "newip": "2.2.2.2"})
        );
        let d = ChildNameserverBody::Delete { nameserver: "ns1.a.vn".into() };
        assert_eq!(
            body(&child_nameserver_request(&id("47"), &d)),
            json!({"action": "deleteNameServer", "nameserver": "ns1.a.vn"})
        );
    }

    #[test]
    fn switch_bodies() {
        let r = autorenew_request(&id("47"), true);
        assert_eq!(r.endpoint(), "PUT /domain/47/autorenew");
        assert_eq!(body(&r), json!({"switch": true}));
        let r = idprotection_request(&id("47"), false);
        assert_eq!(r.endpoint(), "PUT /domain/47/idprotection");
        assert_eq!(body(&r), json!({"switch": false}));
    }

    #[test]
    fn contact_body_has_every_role_and_exactly_the_get_fields() {
        let mut c = Contacts::default();
        c.get_mut("tech").email = Text("tech@a.vn".into());
        c.get_mut("registrant").lastname = Text("Nguyễn".into());
        let r = contacts_request(&id("47"), &c);
        assert_eq!(r.endpoint(), "PUT /domain/47/contact");
        let b = body(&r);
        let info = b["contact_info"].as_object().unwrap();
        assert_eq!(b.as_object().unwrap().len(), 1);
        let mut roles: Vec<&str> = info.keys().map(String::as_str).collect();
        roles.sort();
        assert_eq!(roles, ["admin", "billing", "registrant", "tech"]);
        let fields: Vec<&str> =
            info["tech"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = vec![
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
        want.sort();
        let mut got = fields.clone();
        got.sort();
        assert_eq!(got, want);
        assert_eq!(info["tech"]["email"], "tech@a.vn");
        assert_eq!(info["registrant"]["lastname"], "Nguyễn");
        assert_eq!(info["admin"]["email"], "");
    }

    #[test]
    fn forwarding_bodies() {
        let rules =
            vec![ForwardRule { prefix: Text("info".into()), forwardto: Text("a@b.vn".into()) }];
        let r = email_forwarding_request(&id("47"), &rules);
        assert_eq!(r.endpoint(), "PUT /domain/47/emforwarding");
        assert_eq!(body(&r), json!({"emforwarding": [{"prefix": "info", "forwardto": "a@b.vn"}]}));
        assert_eq!(body(&email_forwarding_request(&id("47"), &[])), json!({"emforwarding": []}));
        let r = url_forwarding_request(&id("47"), "https://a.vn/x", "FRAME");
        assert_eq!(r.endpoint(), "PUT /domain/47/forwarding");
        assert_eq!(body(&r), json!({"url": "https://a.vn/x", "type": "FRAME"}));
    }

    #[test]
    fn dnssec_bodies() {
        let r = dnssec_add_request(&id("47"), "257", "13", " AbC\n dEf== ");
        assert_eq!(r.endpoint(), "PUT /domain/47/dnssec");
        assert_eq!(
            body(&r),
            json!({"flags": "257", "protocol": "3", "alg": "13", "pubkey": "AbCdEf=="})
        );
        let r = dnssec_delete_request(&id("47"), &id("k/1"));
        assert_eq!(r.endpoint(), "DELETE /domain/47/dnssec/k%2F1");
        assert!(r.body.is_none());
    }

    #[test]
    fn renew_upload_and_sign_bodies() {
        let r = renew_request(&id("47"), 2, &id("10"));
        assert_eq!(r.endpoint(), "POST /domain/47/renew");
        assert_eq!(body(&r), json!({"years": "2", "pay_method": 10}));
        assert_eq!(
            body(&renew_request(&id("47"), 1, &id("bank"))),
            json!({"years": "1", "pay_method": "bank"})
        );
        let r = upload_request(&id("47"), &id("9"), "scan.pdf", "JVBERi0=");
        assert_eq!(r.endpoint(), "POST /domain/47/documents/9/upload");
        assert_eq!(body(&r), json!({"filename": "scan.pdf", "content": "JVBERi0="}));
        assert!(r.timeout_ms >= 120_000);
        let r = sign_request("tok", "data:image/png;base64,AAAA");
        assert_eq!(r.endpoint(), "POST /domain/documents/signed");
        assert_eq!(body(&r), json!({"token": "tok", "image": "data:image/png;base64,AAAA"}));
        assert!(!r.auth, "signing links are public");
    }

    #[test]
    fn paths_are_encoded_and_view_keeps_its_capital() {
        assert_eq!(doc_path(&id("47"), &id("9"), "View"), "/domain/47/documents/9/View");
        assert_eq!(at(&id("4 7"), "/ns"), "/domain/4%207/ns");
    }
}
