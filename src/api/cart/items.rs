//! The items of an order, tagged by `type`: a product (the fields of
//! `POST /order/@product_id`, catalog endpoint 116), a certificate (`POST
//! /certificate/order`, 82) or a domain (`POST /domain/order`, 62, or a
//! renewal). The portal sends them all inside one `POST /quote` or `POST
//! /order` (see [`super::order`]); the client-side cart stores them.

use super::NumId;
use crate::api::loose::FromLoose;
use serde::Serialize;
use serde_json::Value;

/// `custom` / `data`: form id → item id → value (quantity, 1, or text).
pub type CustomMap = serde_json::Map<String, Value>;

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
        /// One of the customer's own coupons offered for this domain
        /// (`api::cart::coupons`). The reference gives domain orders no
        /// promo field: the portal sends one only when the customer chose
        /// such a coupon, and the quote shows whether the server took it.
        #[serde(skip_serializing_if = "String::is_empty")]
        pub promocode: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures as fx;
    use serde_json::json;

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
}
