//! Quotes and orders: `POST /quote` (catalog endpoint 118) prices the
//! cart's items as the server would bill them, `POST /order` (117) orders
//! them all at once. Both take the items of [`super::items`].

use super::items::OrderItem;
use super::NumId;
use crate::api::client::{fetch, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{Flag, FromLoose, Id, LooseList, Money, PhpObject, Text};
use serde::Serialize;
use serde_json::Value;

fn is_false(b: &bool) -> bool {
    !*b
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

fn quote_request(items: Vec<OrderItem>, pay_method: Option<&str>) -> ApiRequest {
    let body = QuoteRequest {
        pay_method: pay_method.filter(|p| !p.is_empty()).map(NumId::new),
        output: "short",
        items,
    };
    ApiRequest::post("/quote").json(&body)
}

/// `POST /quote`: the price of `items`, each checked.
pub async fn quote(items: Vec<OrderItem>, pay_method: Option<&str>) -> Result<Quote, ApiError> {
    fetch(quote_request(items, pay_method)).await
}

// ------------------------------------------------------------ order

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

fn order_request(items: Vec<OrderItem>, pay_method: &str, aff_id: Option<&str>) -> ApiRequest {
    let body = OrderRequest {
        pay_method: NumId::new(pay_method),
        items,
        aff_id: aff_id.filter(|a| !a.is_empty()).map(NumId::new),
        ignore_errors: false,
    };
    // An order may take the server a while; it is never retried.
    ApiRequest::post("/order").json(&body).timeout_ms(60_000)
}

/// `POST /order`: orders `items`, paid with `pay_method`.
pub async fn place(
    items: Vec<OrderItem>,
    pay_method: &str,
    aff_id: Option<&str>,
) -> Result<OrderResult, ApiError> {
    fetch(order_request(items, pay_method, aff_id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cart::items::{CertificateItem, DomainItem, ProductItem};
    use crate::api::loose::Decimal;
    use crate::fixtures as fx;
    use serde_json::json;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::parse(s)
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
}
