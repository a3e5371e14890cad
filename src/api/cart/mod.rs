//! Cart: the catalogue, product configuration, quotes and orders, plus the
//! catalogues of the domain and certificate order forms. One file per
//! topic, each naming the catalog endpoints it covers:
//!
//! - [`catalog`]: categories and their products (119, and HostBill's
//!   standard `GET /category/@id/product`);
//! - [`product`]: a product's configuration (120);
//! - [`items`]: the items of an order, as the cart keeps and sends them
//!   (the bodies of 116, 62 and 82, sent inside 117 and 118);
//! - [`order`]: quotes and orders (117, 118);
//! - [`domain`]: the domain order form: TLDs and their forms, whois (61, 64
//!   and 65; the TLD list itself is fetched by `api::domains::tlds`);
//! - [`certificates`]: certificates and server software (80, 81);
//! - [`coupons`]: the customer's own discount codes for the cart's items (135).
//!
//! The contacts an order can name are `api::contacts::list` (14).
//!
//! Decoding is loose (see `loose.rs`); request bodies are `Serialize`
//! structs so the host tests check them field by field against the
//! reference's examples. This file holds what the topics share: ids sent
//! as numbers and billing cycles with their prices.

pub mod catalog;
pub mod certificates;
pub mod coupons;
pub mod domain;
pub mod items;
pub mod order;
pub mod product;

use crate::api::loose::{Flag, FromLoose, Id, Money, Text};
use serde::{Serialize, Serializer};
use serde_json::Value;

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn num_ids_are_numbers_when_they_are() {
        assert_eq!(serde_json::to_value(NumId::new("1080")).unwrap(), json!(1080));
        assert_eq!(serde_json::to_value(NumId::new("abc")).unwrap(), json!("abc"));
        assert_eq!(serde_json::to_value(NumId::new("007")).unwrap(), json!("007"));
        assert_eq!(serde_json::to_value(NumId::new("0")).unwrap(), json!(0));
        let back = NumId::from_loose(&json!(1080));
        assert_eq!(back.as_str(), "1080");
    }
}
