//! Cart: catalogue, product configuration, quotes and orders, plus the
//! catalogues of the domain and certificate order forms and the contacts
//! they can use (catalog endpoints 14, 61, 62, 64, 65, 80-82, 116-120, and
//! HostBill's standard `GET /category/@id/product`).
//!
//! Decoding is loose (see `loose.rs`); request bodies are `Serialize`
//! structs so the host tests check them field by field against the
//! reference's examples.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{list_at, object_at, Flag, FromLoose, Id, LooseList, Money, PhpObject, Text};
use crate::util::percent_encode;
use serde::{Serialize, Serializer};
use serde_json::Value;

// ------------------------------------------------------------ loose helpers

/// A list that may also be one bare object (`"items": {"id": "10", ...}` in
/// the single-order answers, a list in `POST /order`).
#[derive(Clone, Debug, PartialEq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T: FromLoose> FromLoose for OneOrMany<T> {
    fn from_loose(v: &Value) -> Self {
        let single = v
            .as_object()
            .is_some_and(|o| !o.is_empty() && o.values().all(|x| !x.is_object() && !x.is_array()));
        if single {
            OneOrMany(vec![T::from_loose(v)])
        } else {
            OneOrMany(LooseList::<T>::from_loose(v).0)
        }
    }
}

/// An id sent to the API: a number when it is one (as in the reference's
/// request examples, `"product_id": 1080`), else the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumId(pub Id);

impl FromLoose for NumId {
    fn from_loose(v: &Value) -> Self {
        NumId(Id::from_loose(v))
    }
}

impl NumId {
    pub fn new(s: &str) -> Self {
        NumId(Id(s.trim().to_owned()))
    }
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Serialize for NumId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0.as_str();
        match t.parse::<u64>() {
            Ok(n) if !t.starts_with('0') || t == "0" => s.serialize_u64(n),
            _ => s.serialize_str(t),
        }
    }
}

// ------------------------------------------------------------ catalogue

crate::loose_struct! {
    /// `GET /category` → `categories[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Category {
        pub id: Id,
        pub name: Text,
        pub description: Text,
        pub slug: Text,
    }
}

/// What a category leads to in the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryKind {
    Products,
    Domains,
    Certificates,
}

impl Category {
    /// Domains and certificates have their own order forms; everything else
    /// lists products.
    pub fn kind(&self) -> CategoryKind {
        let s = format!("{} {}", self.slug.as_str(), self.name.as_str()).to_ascii_lowercase();
        if s.contains("domain") || s.contains("tên miền") {
            CategoryKind::Domains
        } else if s.contains("ssl") || s.contains("certificate") || s.contains("chứng chỉ") {
            CategoryKind::Certificates
        } else {
            CategoryKind::Products
        }
    }
}

/// `GET /category` (pages load it with `raw::get_first`).
pub fn categories_path() -> Vec<String> {
    vec!["/category".into()]
}

pub fn read_categories(v: &Value) -> Vec<Category> {
    list_at(v, "categories")
}

crate::loose_struct! {
    /// A billing cycle with its price (`periods[]` of a product, the items of
    /// the `cycle` select, the cycles of an addon).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CycleOption {
        pub title: Text,
        pub value: Text,
        pub price: Money,
        pub setup: Money,
        pub selected: Flag,
    }
}

impl CycleOption {
    /// The cycle code (`m`, `a`…): `value`, else `title`.
    pub fn code(&self) -> &str {
        if self.value.as_str().is_empty() {
            self.title.as_str()
        } else {
            self.value.as_str()
        }
    }
}

crate::loose_struct! {
    /// `GET /category/@id/product` → `products[]` (standard HostBill).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProductSummary {
        pub id: Id,
        pub name: Text,
        pub description: Text,
        pub stock: Flag,
        pub out_of_stock: Flag,
        pub periods: LooseList<CycleOption>,
    }
}

/// `GET /category/@category_id/product` (standard HostBill; not in the
/// provider's reference, so it may answer "not supported").
pub fn category_products_path(category_id: &str) -> Vec<String> {
    vec![format!("/category/{}/product", percent_encode(category_id))]
}

pub fn read_category_products(v: &Value) -> Vec<ProductSummary> {
    list_at(v, "products")
}

// ------------------------------------------------------------ product configuration

crate::loose_struct! {
    /// `GET /order/@product_id` → `product`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProductDetails {
        pub id: Id,
        pub category_name: Text,
        pub category_id: Id,
        pub name: Text,
        pub description: Text,
        pub price: Money,
        /// The default cycle code.
        pub recurring: Text,
        pub setup: Money,
        pub config: PhpObject<ProductConfig>,
        pub recurring_price: Money,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProductConfig {
        /// The `cycle` select and, when the product takes one, the `domain` input.
        pub product: LooseList<ConfigField>,
        pub forms: LooseList<Form>,
        pub addons: LooseList<Addon>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ConfigField {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub name: Text,
        pub items: LooseList<CycleOption>,
        pub value: Text,
    }
}

impl ConfigField {
    fn is(&self, what: &str) -> bool {
        self.id.as_str() == what || self.name.as_str() == what || self.title.as_str() == what
    }
}

impl ProductDetails {
    /// The billing cycles offered, with their prices.
    pub fn cycles(&self) -> Vec<CycleOption> {
        self.config
            .0
            .product
            .0
            .iter()
            .find(|f| f.is("cycle"))
            .map(|f| f.items.0.clone())
            .unwrap_or_default()
    }

    /// The cycle chosen when the configurator opens.
    pub fn default_cycle(&self) -> String {
        let cycles = self.cycles();
        let field = self.config.0.product.0.iter().find(|f| f.is("cycle"));
        cycles
            .iter()
            .find(|c| c.selected.0)
            .map(|c| c.code().to_owned())
            .or_else(|| field.map(|f| f.value.0.clone()).filter(|v| !v.is_empty()))
            .or_else(|| cycles.first().map(|c| c.code().to_owned()))
            .unwrap_or_else(|| self.recurring.0.clone())
    }

    /// Whether the product asks for a domain name.
    pub fn takes_domain(&self) -> bool {
        self.config.0.product.0.iter().any(|f| f.is("domain"))
    }
}

crate::loose_struct! {
    /// One configurable option (`config.forms[]`, and the TLD forms of
    /// `GET /domain/order/@id/form`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Form {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub first_item_id: Id => ["firstItemId"],
        pub description: Text,
        pub name: Text,
        pub required: Flag,
        pub multiple: Flag,
        pub config: PhpObject<FormConfig>,
        pub items: LooseList<FormItem>,
    }
}

impl Form {
    /// The item a single-value form (text, quantity) is sent under.
    pub fn value_item(&self) -> String {
        if !self.first_item_id.is_empty() {
            self.first_item_id.0.clone()
        } else {
            self.items.0.first().map(|i| i.id.0.clone()).unwrap_or_else(|| self.id.0.clone())
        }
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct FormConfig {
        pub conditionals: LooseList<Conditional>,
        /// `domaindnssupport`-style forms: checked by default.
        pub enableddefault: Flag,
        pub minvalue: Text => ["minvalue", "min"],
        pub maxvalue: Text => ["maxvalue", "max"],
        pub step: Text,
        pub unit: Text,
        pub initialval: Text => ["initialval", "initial"],
    }
}

crate::loose_struct! {
    /// "Show (or hide) form `target` when this form's value is `value`".
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Conditional {
        pub target: Id => ["target", "target_id", "targetid"],
        pub condition: Text,
        pub value: Text => ["value", "val"],
        pub action: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct FormItem {
        pub title: Text,
        pub value: Text,
        pub id: Id,
        pub price: Money,
        pub setup: Money,
        pub selected: Flag,
    }
}

crate::loose_struct! {
    /// `config.addons[]`: an `addon[<id>]` checkbox and an `addon_cycles[<id>]`
    /// select, each in `config`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Addon {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub description: Text,
        pub config: LooseList<AddonPart>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct AddonPart {
        pub kind: Text => ["type"],
        pub title: Text,
        pub name: Text,
        pub checked: Flag,
        pub items: LooseList<CycleOption>,
    }
}

impl Addon {
    pub fn cycles(&self) -> Vec<CycleOption> {
        self.config
            .0
            .iter()
            .find(|p| !p.items.0.is_empty())
            .map(|p| p.items.0.clone())
            .unwrap_or_default()
    }
    pub fn checked_by_default(&self) -> bool {
        self.config.0.iter().any(|p| p.kind.as_str() == "checkbox" && p.checked.0)
    }
}

/// `GET /order/@product_id`.
pub fn product_path(product_id: &str) -> Vec<String> {
    vec![format!("/order/{}", percent_encode(product_id))]
}

/// The product, or a decode error when the answer holds none.
pub fn read_product(v: &Value) -> Result<ProductDetails, ApiError> {
    let p: ProductDetails = object_at(v, "product");
    if p.id.is_empty() && p.name.as_str().is_empty() {
        return Err(ApiError::Decode {
            endpoint: "GET /order/@product_id".into(),
            detail: "no product".into(),
        });
    }
    Ok(p)
}

// ------------------------------------------------------------ order items (request bodies)

/// `custom` / `data`: form id → item id → value (quantity, 1, or text).
pub type CustomMap = serde_json::Map<String, Value>;

fn is_false(b: &bool) -> bool {
    !*b
}

/// One item of `POST /quote` and `POST /order`, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum OrderItem {
    Product(ProductItem),
    Certificate(CertificateItem),
    Domain(DomainItem),
}

/// Read back (the saved cart): by `type`; anything else is None.
impl FromLoose for Option<OrderItem> {
    fn from_loose(v: &Value) -> Self {
        Some(match v.get("type")?.as_str()? {
            "product" => OrderItem::Product(ProductItem::from_loose(v)),
            "certificate" => OrderItem::Certificate(CertificateItem::from_loose(v)),
            "domain" => OrderItem::Domain(DomainItem::from_loose(v)),
            _ => return None,
        })
    }
}

crate::loose_struct! {
    /// The fields of `POST /order/@product_id`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct ProductItem {
        pub product_id: NumId,
        #[serde(skip_serializing_if = "String::is_empty")]
        pub domain: String,
        pub cycle: String,
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        pub custom: CustomMap,
        /// `addon[<id>] = 1` for each chosen addon.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        pub addon: serde_json::Map<String, Value>,
        /// `addon_cycles[<id>] = <cycle>`.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        pub addon_cycles: serde_json::Map<String, Value>,
        #[serde(skip_serializing_if = "String::is_empty")]
        pub promocode: String,
    }
}

crate::loose_struct! {
    /// `{name, unit, locality, state, country, postalcode, address1, address2}`
    /// as `GET /certificate/@id` shows an organisation.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct Organization {
        pub name: String,
        pub unit: String,
        pub address1: String,
        pub locality: String,
        pub state: String,
        pub postalcode: String,
        pub country: String,
        pub phone: String,
    }
}

impl Organization {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
    }
}

crate::loose_struct! {
    /// The fields of `POST /certificate/order`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct CertificateItem {
        pub product_id: NumId,
        pub csr: String,
        pub years: u32,
        #[serde(skip_serializing_if = "String::is_empty")]
        pub approver_email: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub software: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub admin: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tech: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub billing: Option<NumId>,
        #[serde(skip_serializing_if = "Organization::is_empty")]
        pub organization: Organization,
    }
}

crate::loose_struct! {
    /// The fields of `POST /domain/order` (register, transfer) or a renewal
    /// `{domain_id, action: "renew", years}`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct DomainItem {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tld_id: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub domain_id: Option<NumId>,
        #[serde(skip_serializing_if = "String::is_empty")]
        pub name: String,
        pub action: String,
        pub years: u32,
        #[serde(skip_serializing_if = "String::is_empty")]
        pub epp: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub nameservers: Vec<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub registrant: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub admin: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tech: Option<NumId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub billing: Option<NumId>,
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        pub data: CustomMap,
    }
}

/// `POST /quote`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_method: Option<NumId>,
    pub output: &'static str,
    pub items: Vec<OrderItem>,
}

/// `POST /order`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderRequest {
    pub pay_method: NumId,
    pub items: Vec<OrderItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aff_id: Option<NumId>,
    #[serde(skip_serializing_if = "is_false")]
    pub ignore_errors: bool,
}

// ------------------------------------------------------------ quote

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Quote {
        pub summary: PhpObject<QuoteSummary>,
        pub items: LooseList<QuoteItem>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct QuoteSummary {
        pub subtotal: Money,
        pub total: Money,
        pub credit: Money,
        pub discount: Money,
        pub cost: Money,
        pub recurring: LooseList<RecurringLine>,
        pub tax: LooseList<TaxLine>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct RecurringLine {
        pub title: Text,
        pub price: Money,
        /// The cycle code.
        pub value: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct TaxLine {
        pub name: Text,
        pub tax: Money,
        /// The rate in percent.
        pub value: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct QuoteItem {
        pub product: PhpObject<QuoteProduct>,
        pub domains: LooseList<QuoteDomain>,
        pub coupon: Value,
        pub index: Text,
        pub valid: Option<Flag>,
        pub info: Vec<String>,
        pub error: Vec<String>,
    }
}

impl QuoteItem {
    /// Valid unless the server says `valid: false` or lists errors.
    pub fn is_valid(&self) -> bool {
        self.valid.is_none_or(|f| f.0) && self.error.is_empty()
    }
    /// The position of the request item this answers (`index`).
    pub fn position(&self) -> Option<usize> {
        self.index.as_str().trim().parse().ok()
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct QuoteProduct {
        pub id: Id,
        pub category_name: Text,
        pub name: Text,
        pub domain: Text,
        pub price: Money,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct QuoteDomain {
        pub name: Text,
        pub tld: Text,
        pub period: Text,
        pub price: Money,
    }
}

impl Quote {
    pub fn all_valid(&self) -> bool {
        self.items.0.iter().all(QuoteItem::is_valid)
    }
    /// The answer for request item `i` (by `index`, else by position).
    pub fn item(&self, i: usize) -> Option<&QuoteItem> {
        self.items
            .0
            .iter()
            .find(|q| q.position() == Some(i))
            .or_else(|| self.items.0.get(i).filter(|q| q.position().is_none()))
    }
}

pub fn quote_request(items: Vec<OrderItem>, pay_method: Option<&str>) -> ApiRequest {
    let body = QuoteRequest {
        pay_method: pay_method.filter(|p| !p.is_empty()).map(NumId::new),
        output: "short",
        items,
    };
    ApiRequest::post("/quote").json(&body)
}

pub async fn quote(items: Vec<OrderItem>, pay_method: Option<&str>) -> Result<Quote, ApiError> {
    fetch(quote_request(items, pay_method)).await
}

// ------------------------------------------------------------ order

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct OrderResult {
        pub order_num: Text,
        pub order_num_list: LooseList<Text>,
        pub invoice_id: Id,
        pub total: Money,
        pub items: OneOrMany<OrderedItem>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct OrderedItem {
        pub id: Id,
        pub kind: Text => ["type"],
        pub name: Text,
        pub product_id: Id,
    }
}

impl OrderResult {
    /// The order numbers, each once, in the order given.
    pub fn order_numbers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let all = std::iter::once(self.order_num.0.clone())
            .chain(self.order_num_list.0.iter().map(|t| t.0.clone()));
        for n in all {
            let n = n.trim().to_owned();
            if !n.is_empty() && !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

pub fn order_request(items: Vec<OrderItem>, pay_method: &str, aff_id: Option<&str>) -> ApiRequest {
    let body = OrderRequest {
        pay_method: NumId::new(pay_method),
        items,
        aff_id: aff_id.filter(|a| !a.is_empty()).map(NumId::new),
        ignore_errors: false,
    };
    // An order may take the server a while; it is never retried.
    ApiRequest::post("/order").json(&body).timeout_ms(60_000)
}

pub async fn order(
    items: Vec<OrderItem>,
    pay_method: &str,
    aff_id: Option<&str>,
) -> Result<OrderResult, ApiError> {
    fetch(order_request(items, pay_method, aff_id)).await
}

// ------------------------------------------------------------ domains

crate::loose_struct! {
    /// `GET /domain/order` → `tlds[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Tld {
        pub id: Id,
        pub tld: Text,
        pub periods: LooseList<TldPeriod>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct TldPeriod {
        pub period: Text,
        pub register: Money,
        pub transfer: Money,
        pub renew: Money,
        pub redemption: Money,
    }
}

impl TldPeriod {
    pub fn years(&self) -> u32 {
        self.period.as_str().trim().parse().unwrap_or(0)
    }
    /// The price of `action` (`register`, `transfer`, `renew`).
    pub fn price(&self, action: &str) -> &Money {
        match action {
            "transfer" => &self.transfer,
            "renew" => &self.renew,
            _ => &self.register,
        }
    }
}

impl Tld {
    /// `.com` whatever the server sends (`com`, `.COM`).
    pub fn suffix(&self) -> String {
        let t = self.tld.as_str().trim().to_ascii_lowercase();
        if t.starts_with('.') {
            t
        } else {
            format!(".{t}")
        }
    }
}

/// `GET /domain/order`.
pub fn tlds_path() -> Vec<String> {
    vec!["/domain/order".into()]
}

pub fn read_tlds(v: &Value) -> Vec<Tld> {
    list_at(v, "tlds")
}

/// `GET /domain/order/@id/form?tld_id=@id`: the TLD's extra forms (`data`).
pub fn tld_forms_path(tld_id: &str) -> Vec<String> {
    let id = percent_encode(tld_id);
    vec![format!("/domain/order/{id}/form?tld_id={id}")]
}

pub fn read_forms(v: &Value) -> Vec<Form> {
    list_at(v, "forms")
}

/// Availability of a domain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Available,
    Taken,
    Unknown,
}

/// `GET /bkns/whois/@domain` (public). The reference shows no answer; this
/// reads `available`/`status`/`result` in the spellings seen elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Whois {
    pub domain: String,
    pub availability: Availability,
    /// The registry's text, when sent.
    pub whois: String,
}

pub fn read_whois(domain: &str, v: &Value) -> Whois {
    let word = |s: &str| -> Availability {
        let s = s.trim().to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
        let is = |words: &[&str]| words.iter().any(|w| s == *w);
        if has(&["not registered", "chưa đăng ký", "not found", "no match"]) {
            Availability::Available
        } else if has(&[
            "unavail",
            "not avail",
            "registered",
            "taken",
            "exist",
            "đã đăng ký",
            "đã được đăng ký",
        ]) || is(&["active", "0", "false", "no"])
        {
            Availability::Taken
        } else if has(&["available", "free", "còn trống"]) || is(&["1", "true", "yes"]) {
            Availability::Available
        } else {
            Availability::Unknown
        }
    };
    let scalar = |v: &Value| match v {
        Value::Bool(b) => Some(if *b { Availability::Available } else { Availability::Taken }),
        Value::Number(n) => Some(if n.as_f64().unwrap_or(0.0) != 0.0 {
            Availability::Available
        } else {
            Availability::Taken
        }),
        Value::String(s) => Some(word(s)).filter(|a| *a != Availability::Unknown),
        _ => None,
    };
    let obj = v.as_object();
    let field = |k: &str| obj.and_then(|o| o.get(k));
    let availability = ["available", "avail", "status", "result"]
        .iter()
        .find_map(|k| field(k).and_then(scalar))
        .or_else(|| scalar(v))
        .unwrap_or(Availability::Unknown);
    let text = |k: &str| field(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let name = text("domain");
    Whois {
        domain: if name.is_empty() { domain.to_owned() } else { name },
        availability,
        whois: text("whois"),
    }
}

pub async fn whois(domain: &str) -> Result<Whois, ApiError> {
    let path = format!("/bkns/whois/{}", percent_encode(domain));
    let v: Value = fetch(ApiRequest::get(path).public()).await?;
    Ok(read_whois(domain, &v))
}

// ------------------------------------------------------------ certificates

crate::loose_struct! {
    /// `GET /certificate/order` → `products[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Certificate {
        pub id: Id,
        pub name: Text,
        pub description: Text,
        pub periods: LooseList<CertPeriod>,
        pub category: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CertPeriod {
        pub years: Text,
        pub price: Money,
        pub renew: Money,
    }
}

impl CertPeriod {
    pub fn years(&self) -> u32 {
        self.years.as_str().trim().parse().unwrap_or(0)
    }
}

/// `GET /certificate/order`.
pub fn certificates_path() -> Vec<String> {
    vec!["/certificate/order".into()]
}

pub fn read_certificates(v: &Value) -> Vec<Certificate> {
    list_at(v, "products")
}

crate::loose_struct! {
    /// `GET /certificate/order/@product_id/software` → `software[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Software {
        pub id: Id,
        pub name: Text,
    }
}

/// `GET /certificate/order/@product_id/software`.
pub fn software_path(product_id: &str) -> Vec<String> {
    vec![format!("/certificate/order/{}/software", percent_encode(product_id))]
}

pub fn read_software(v: &Value) -> Vec<Software> {
    list_at(v, "software")
}

// ------------------------------------------------------------ contacts

crate::loose_struct! {
    /// `GET /contact` → `contacts[]`: the people a domain or certificate can
    /// name as registrant, admin, tech or billing contact.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Contact {
        pub id: Id,
        pub email: Text,
        pub firstname: Text,
        pub lastname: Text,
        pub companyname: Text,
    }
}

impl Contact {
    /// "Trần Thị Bình <binh@congty.vn>".
    pub fn label(&self) -> String {
        let name = [self.lastname.as_str().trim(), self.firstname.as_str().trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        match (name.is_empty(), self.email.as_str().trim()) {
            (true, e) => e.to_owned(),
            (false, "") => name,
            (false, e) => format!("{name} <{e}>"),
        }
    }
}

/// `GET /contact`.
pub fn contacts_path() -> Vec<String> {
    vec!["/contact".into()]
}

pub fn read_contacts(v: &Value) -> Vec<Contact> {
    list_at(v, "contacts")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }
    use crate::api::loose::Decimal;
    use crate::fixtures as fx;
    use serde_json::json;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::parse(s)
    }

    #[test]
    fn categories_and_their_kinds() {
        let a: Vec<Category> = list_at(&doc(fx::CATEGORY), "categories");
        let names: Vec<_> = a.iter().map(|c| (c.id.as_str(), c.kind())).collect();
        assert_eq!(
            names,
            [
                ("10", CategoryKind::Products),
                ("6", CategoryKind::Domains),
                ("16", CategoryKind::Products)
            ]
        );
        let ssl = Category { name: Text("Chứng chỉ SSL".into()), ..Default::default() };
        assert_eq!(ssl.kind(), CategoryKind::Certificates);
    }

    #[test]
    fn products_of_a_category_with_cycle_prices() {
        let a: Vec<ProductSummary> = list_at(&doc(fx::CATEGORY_PRODUCTS), "products");
        let p = &a[0];
        assert_eq!(p.id.as_str(), "333");
        let cycles: Vec<_> =
            p.periods.0.iter().map(|c| (c.code().to_owned(), c.price.value)).collect();
        assert_eq!(cycles[0], ("m".into(), d("9.99")));
        assert_eq!(cycles[3], ("t".into(), d("299.7")));
        assert!(p.periods.0[0].selected.0);
    }

    #[test]
    fn repaired_product_configuration_decodes() {
        let a: ProductDetails = object_at(&doc(fx::ORDER_PRODUCT), "product");
        let p = a;
        assert_eq!(
            (p.id.as_str(), p.name.as_str(), p.category_id.as_str()),
            ("333", "Starter Hosting", "49")
        );
        assert_eq!(p.default_cycle(), "m");
        assert!(p.takes_domain());
        let cycles: Vec<_> = p.cycles().iter().map(|c| c.code().to_owned()).collect();
        assert_eq!(cycles, ["m", "a", "b", "t"]);
        let form = &p.config.0.forms.0[0];
        assert_eq!(
            (form.kind.as_str(), form.id.as_str(), form.first_item_id.as_str()),
            ("select", "1618", "10330")
        );
        assert_eq!(form.items.0.len(), 3);
        assert_eq!(form.items.0[2].title.as_str(), "2GB");
        let addon = &p.config.0.addons.0[0];
        assert_eq!(addon.id.as_str(), "31");
        assert!(!addon.checked_by_default());
        let ac: Vec<_> =
            addon.cycles().iter().map(|c| (c.code().to_owned(), c.price.value)).collect();
        assert_eq!(ac, [("m".into(), d("5")), ("q".into(), d("20")), ("a".into(), d("50"))]);
        assert_eq!(p.recurring_price.value, d("9.99"));
    }

    #[test]
    fn product_config_variants() {
        // no cycle select: the product's own `recurring` is the cycle
        let p: ProductDetails =
            serde_json::from_value(json!({"id": 5, "recurring": "a", "config": []})).unwrap();
        assert_eq!(p.default_cycle(), "a");
        assert!(!p.takes_domain());
        // forms keyed by id, items keyed by id, conditionals with other spellings
        let p: ProductDetails = serde_json::from_value(json!({"config": {"forms": {
            "7": {"type": "radio", "title": "PHP", "items": {"70": {"title": "8.2"}, "71": {"title": "8.3"}},
                  "config": {"conditionals": [{"targetid": 9, "val": "71", "action": "show"}]}}
        }}})).unwrap();
        let f = &p.config.0.forms.0[0];
        assert_eq!(f.id.as_str(), "7");
        assert_eq!(f.items.0.len(), 2);
        assert_eq!(f.value_item(), "70");
        let c = &f.config.0.conditionals.0[0];
        assert_eq!((c.target.as_str(), c.value.as_str()), ("9", "71"));
    }

    #[test]
    fn num_ids_are_numbers_when_they_are() {
        assert_eq!(serde_json::to_value(NumId::new("1080")).unwrap(), json!(1080));
        assert_eq!(serde_json::to_value(NumId::new("abc")).unwrap(), json!("abc"));
        assert_eq!(serde_json::to_value(NumId::new("007")).unwrap(), json!("007"));
        assert_eq!(serde_json::to_value(NumId::new("0")).unwrap(), json!(0));
        let back = NumId::from_loose(&json!(1080));
        assert_eq!(back.as_str(), "1080");
    }

    /// The reference's own `POST /quote` and `POST /order` bodies, built
    /// from our types, come out exactly as printed (ids as numbers).
    #[test]
    fn reference_request_bodies_are_reproduced() {
        let items = vec![
            OrderItem::Product(ProductItem {
                product_id: NumId::new("1080"),
                domain: "hosting.com".into(),
                cycle: "a".into(),
                ..Default::default()
            }),
            OrderItem::Certificate(CertificateItem {
                product_id: NumId::new("840"),
                csr: "-----BEGIN CERTIFICATE REQUEST----- (...)".into(),
                years: 1,
                approver_email: "admin@hosting.com".into(),
                ..Default::default()
            }),
            OrderItem::Domain(DomainItem {
                tld_id: Some(NumId::new("6")),
                name: "hosting.com".into(),
                action: "register".into(),
                years: 1,
                ..Default::default()
            }),
            OrderItem::Domain(DomainItem {
                domain_id: Some(NumId::new("1002")),
                action: "renew".into(),
                years: 1,
                ..Default::default()
            }),
        ];
        let doc: Value = serde_json::from_str(fx::QUOTE_REQUEST).unwrap();
        let ours = quote_request(items.clone(), None).body.unwrap();
        assert_eq!(ours["items"], doc["items"]);
        assert_eq!(ours["output"], "short");
        assert!(ours.get("pay_method").is_none());

        let doc: Value = serde_json::from_str(fx::ORDER_POST_REQUEST).unwrap();
        let req = order_request(items, "1", Some("55"));
        assert_eq!(req.endpoint(), "POST /order");
        let ours = req.body.unwrap();
        assert_eq!(ours["items"], doc["items"]);
        assert_eq!(ours["pay_method"], doc["pay_method"]);
        assert_eq!(ours["aff_id"], doc["aff_id"]);
        // ignore_errors is only sent when wanted (the doc's "No error" is not a bool)
        assert!(ours.get("ignore_errors").is_none());
        assert_eq!(ours.as_object().unwrap().len(), 3);
    }

    #[test]
    fn product_item_with_options_matches_single_order_example() {
        let doc: Value = serde_json::from_str(fx::ORDER_PRODUCT_POST_REQUEST).unwrap();
        let mut custom = CustomMap::new();
        custom.insert("1618".into(), json!({"10330": 1}));
        let item = ProductItem {
            product_id: NumId::new("333"),
            domain: "example.com".into(),
            cycle: "m".into(),
            custom,
            promocode: "T346F".into(),
            ..Default::default()
        };
        let v = serde_json::to_value(OrderItem::Product(item)).unwrap();
        for k in ["domain", "cycle", "custom", "promocode"] {
            assert_eq!(v[k], doc[k], "{k}");
        }
        assert_eq!(v["type"], "product");
        // addons go as addon[id]=1 and addon_cycles[id]=cycle, only when chosen
        assert!(v.get("addon").is_none() && v.get("addon_cycles").is_none());
        let with_addon = ProductItem {
            addon: [("31".to_string(), json!(1))].into_iter().collect(),
            addon_cycles: [("31".to_string(), json!("q"))].into_iter().collect(),
            ..Default::default()
        };
        let v = serde_json::to_value(&with_addon).unwrap();
        assert_eq!(v["addon"], json!({"31": 1}));
        assert_eq!(v["addon_cycles"], json!({"31": "q"}));
    }

    #[test]
    fn items_survive_storage() {
        let item = OrderItem::Domain(DomainItem {
            tld_id: Some(NumId::new("6")),
            name: "an.vn".into(),
            action: "transfer".into(),
            years: 2,
            epp: "X-1".into(),
            nameservers: vec!["ns1.bkns.vn".into()],
            ..Default::default()
        });
        let text = serde_json::to_string(&item).unwrap();
        let back: Option<OrderItem> = FromLoose::from_loose(&serde_json::from_str(&text).unwrap());
        assert_eq!(back, Some(item));
        assert_eq!(<Option<OrderItem>>::from_loose(&json!({"type": "spaceship"})), None);
    }

    #[test]
    fn repaired_quote_example_decodes() {
        let q: Quote = serde_json::from_str(fx::QUOTE).unwrap();
        let s = &q.summary.0;
        assert_eq!(s.subtotal.value, d("72.2"));
        assert_eq!(s.total.value, d("88.81"));
        assert_eq!(s.discount.value, d("0"));
        assert_eq!(s.tax.0[0].name.as_str(), "VAT");
        assert_eq!(s.tax.0[0].tax.value, d("16.61"));
        assert_eq!(s.tax.0[0].value.as_str(), "23");
        let rec: Vec<_> = s.recurring.0.iter().map(|r| (r.value.as_str(), r.price.value)).collect();
        assert_eq!(rec, [("a", d("81.18")), ("m", d("1.48"))]);
        assert_eq!(q.items.0.len(), 3);
        assert!(q.all_valid());
        assert_eq!(q.items.0[0].product.0.name.as_str(), "GeoTrust QuickSSL Premium");
        // the domain item: product null, domains keyed by name
        let third = q.item(2).unwrap();
        assert!(third.product.0.name.as_str().is_empty());
        assert_eq!(third.domains.0[0].name.as_str(), "hosting.com");
        assert_eq!(third.domains.0[0].price.value, d("12.00"));
    }

    #[test]
    fn the_quote_as_printed_is_invalid_json() {
        assert!(serde_json::from_str::<Value>(fx::QUOTE_AS_PRINTED).is_err());
    }

    #[test]
    fn invalid_quote_items() {
        let q: Quote = serde_json::from_value(json!({
            "summary": [],
            "items": [
                {"index": 1, "valid": false, "error": ["domain_unavailable"]},
                {"index": "0", "valid": "1", "error": []},
                {"index": 2, "error": "Bad CSR"}
            ]
        }))
        .unwrap();
        assert!(!q.all_valid());
        assert!(q.item(0).unwrap().is_valid());
        assert_eq!(q.item(1).unwrap().error, ["domain_unavailable"]);
        assert!(!q.item(2).unwrap().is_valid());
        assert_eq!(q.summary.0, QuoteSummary::default());
    }

    #[test]
    fn order_answers_in_both_shapes() {
        let multi: OrderResult = serde_json::from_str(fx::ORDER_POST).unwrap();
        assert_eq!(multi.order_numbers(), ["179534732"]);
        assert_eq!(multi.invoice_id.as_str(), "503425");
        assert_eq!(multi.total.value, d("94.40"));
        assert_eq!(multi.items.0.len(), 3);
        assert_eq!(multi.items.0[2].kind.as_str(), "Domain Register");
        for single in [fx::ORDER_PRODUCT_POST, fx::DOMAIN_ORDER_POST, fx::CERTIFICATE_ORDER_POST] {
            let r: OrderResult = serde_json::from_str(single).unwrap();
            assert_eq!(r.order_numbers().len(), 1);
            assert!(!r.invoice_id.is_empty());
            assert_eq!(r.items.0.len(), 1, "{single}");
            assert_eq!(r.items.0[0].id.as_str(), "10");
        }
        let r: OrderResult = serde_json::from_str(fx::ORDER_PRODUCT_POST).unwrap();
        assert_eq!((r.order_numbers()[0].as_str(), r.invoice_id.as_str()), ("873340995", "308979"));
    }

    #[test]
    fn tlds_and_their_forms() {
        let a: Vec<Tld> = list_at(&doc(fx::DOMAIN_ORDER), "tlds");
        let t = &a[0];
        assert_eq!((t.id.as_str(), t.suffix().as_str()), ("6", ".com"));
        let p2 = &t.periods.0[1];
        assert_eq!(p2.years(), 2);
        assert_eq!(p2.price("register").value, d("20.00"));
        assert_eq!(p2.price("transfer").value, d("20.00"));
        assert_eq!(p2.price("renew").value, d("30.00"));
        assert_eq!(Tld { tld: Text("VN".into()), ..Default::default() }.suffix(), ".vn");

        let f: Vec<Form> = list_at(&doc(fx::DOMAIN_ORDER_FORM), "forms");
        let kinds: Vec<_> = f.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(kinds, ["domaindnssupport", "select"]);
        assert_eq!(f[0].first_item_id.as_str(), "9067");
        assert_eq!(f[0].items.0[0].price.value, d("4"));
        assert!(!f[0].config.0.enableddefault.0);
    }

    #[test]
    fn whois_answers_in_many_shapes() {
        use Availability::*;
        let cases = [
            (json!({"domain": "an.vn", "status": "available", "available": true}), Available),
            (
                json!({"domain": "an.vn", "status": "registered", "available": false, "whois": "Registrar: X"}),
                Taken,
            ),
            (json!({"status": "Available"}), Available),
            (json!({"result": "taken"}), Taken),
            (json!({"available": "1"}), Available),
            (json!({"avail": 0}), Taken),
            (json!(true), Available),
            (json!("unavailable"), Taken),
            (json!({"something": "else"}), Unknown),
            (json!(null), Unknown),
        ];
        for (v, want) in cases {
            assert_eq!(read_whois("an.vn", &v).availability, want, "{v}");
        }
        let w = read_whois("x.vn", &json!({"status": "registered", "whois": "Registrar: X"}));
        assert_eq!((w.domain.as_str(), w.whois.as_str()), ("x.vn", "Registrar: X"));
    }

    #[test]
    fn certificates_and_software() {
        let a: Vec<Certificate> = list_at(&doc(fx::CERTIFICATE_ORDER), "products");
        let c = &a[0];
        assert_eq!((c.id.as_str(), c.name.as_str()), ("25", "InstantSSL"));
        assert_eq!(c.periods.0[1].years(), 2);
        assert_eq!(c.periods.0[1].price.value, d("48.75"));
        let s: Vec<Software> = list_at(&doc(fx::CERTIFICATE_SOFTWARE), "software");
        assert_eq!(s[0].id.as_str(), "0");
        assert_eq!(s[1].name.as_str(), "Apache-SSL (Ben-SSL, not Stronghold)");
    }

    #[test]
    fn contacts_decode_with_labels() {
        let a: Vec<Contact> = list_at(&doc(fx::CONTACTS), "contacts");
        assert_eq!(a[0].id.as_str(), "49");
        assert_eq!(a[0].label(), "Sue Mary <mary@example.com>");
        let bare = Contact { email: Text("x@y.vn".into()), ..Default::default() };
        assert_eq!(bare.label(), "x@y.vn");
    }
}
