//! The customer's own discount codes (catalog 135, "Mã giảm giá theo người
//! dùng"): `POST /domain/coupons/bkns_coupons` with `clientdata_coupons`
//! (the client id), `sap_coupons` (the item's name), `id_products_coupons`
//! (its product or TLD id) and `type`.
//!
//! The reference describes `type` only as "type giam gai" (discount type).
//! The portal sends the kind of item the coupon is asked for: `domain`
//! (name: the domain, id: its TLD id), `product` (name and product id) or
//! `certificate` (product name and id), and reads the answer loosely: a
//! list of coupons, each a code with what it takes off
//! (fixtures/api/contract-ssl-affiliates.md). The call is public on the
//! server, yet it names a client: the portal sends it only for the
//! signed-in customer's own id, never without one.

use super::items::OrderItem;
use crate::api::client::{fetch, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{field_text, objects, read, under, Money};
use serde::Serialize;
use serde_json::Value;

/// One request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CouponQuery {
    pub clientdata_coupons: String,
    pub sap_coupons: String,
    pub id_products_coupons: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// A code the customer may use.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coupon {
    pub code: String,
    /// "percent", "fixed" or what the server says.
    pub kind: String,
    /// The figure as sent ("15" for 15 %, "50000" for a fixed amount).
    pub value: String,
    /// The same figure as money (for a fixed amount).
    pub amount: Money,
    pub description: String,
    pub expires: String,
}

/// The questions to ask for a cart's items (title, item), one per
/// distinct item, none without a client id.
pub fn queries<'a>(
    client: &str,
    items: impl Iterator<Item = (&'a str, &'a OrderItem)>,
) -> Vec<CouponQuery> {
    let client = client.trim();
    if client.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<CouponQuery> = Vec::new();
    for (title, item) in items {
        let (kind, name, id) = match item {
            OrderItem::Domain(d) => (
                "domain",
                d.name.clone(),
                d.tld_id.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default(),
            ),
            OrderItem::Product(p) => {
                ("product", title.to_owned(), p.product_id.as_str().to_owned())
            }
            OrderItem::Certificate(c) => {
                ("certificate", title.to_owned(), c.product_id.as_str().to_owned())
            }
        };
        if name.trim().is_empty() && id.trim().is_empty() {
            continue;
        }
        let q = CouponQuery {
            clientdata_coupons: client.to_owned(),
            sap_coupons: name,
            id_products_coupons: id,
            kind,
        };
        if !out.contains(&q) {
            out.push(q);
        }
    }
    out
}

/// The coupons of an answer: `{"coupons": [...]}`, a bare list, a keyed
/// object; items without a code are skipped.
pub fn read_coupons(v: Value) -> Vec<Coupon> {
    objects(under(v, &["coupons", "data", "result"]))
        .iter()
        .map(|c| Coupon {
            code: field_text(c, &["code", "coupon", "promocode", "coupon_code"]),
            kind: field_text(c, &["type", "discount_type", "kind"]).to_ascii_lowercase(),
            value: field_text(c, &["value", "discount", "amount"]),
            amount: read::<Money>(c, &["value", "discount", "amount"]),
            description: field_text(c, &["description", "name", "title"]),
            expires: field_text(c, &["expires", "expiry", "expiry_date", "end_date"]),
        })
        .filter(|c| !c.code.is_empty())
        .collect()
}

/// Asks for one item's coupons.
pub async fn for_item(q: &CouponQuery) -> Result<Vec<Coupon>, ApiError> {
    let v: Value = fetch(ApiRequest::post("/domain/coupons/bkns_coupons").json(q).public()).await?;
    Ok(read_coupons(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cart::items::{CertificateItem, DomainItem, ProductItem};
    use crate::api::cart::NumId;
    use serde_json::json;

    #[test]
    fn one_question_per_item_and_none_without_a_client() {
        let dom = OrderItem::Domain(DomainItem {
            tld_id: Some(NumId::new("5")),
            name: "tênmiền.vn".into(),
            action: "register".into(),
            years: 1,
            ..Default::default()
        });
        let prod =
            OrderItem::Product(ProductItem { product_id: NumId::new("101"), ..Default::default() });
        let cert = OrderItem::Certificate(CertificateItem {
            product_id: NumId::new("840"),
            ..Default::default()
        });
        let items = [("tênmiền.vn", &dom), ("Hosting", &prod), ("Hosting", &prod), ("SSL", &cert)];
        let qs = queries("7", items.iter().copied());
        assert_eq!(qs.len(), 3, "the same product once");
        assert_eq!(
            serde_json::to_value(&qs[0]).unwrap(),
            json!({"clientdata_coupons": "7", "sap_coupons": "tênmiền.vn",
                   "id_products_coupons": "5", "type": "domain"})
        );
        assert_eq!((qs[1].kind, qs[1].id_products_coupons.as_str()), ("product", "101"));
        assert_eq!((qs[2].kind, qs[2].sap_coupons.as_str()), ("certificate", "SSL"));
        assert!(queries(" ", items.iter().copied()).is_empty(), "never without a client");
    }

    #[test]
    fn coupons_are_read_loosely() {
        let c = read_coupons(json!({"coupons": [
            {"code": "BKNS-VN15", "type": "Percent", "value": "15", "description": "Tên miền .vn",
             "expires": "2027-03-31"},
            {"type": "fixed"},
            {"coupon": "HOST50K", "discount": 50000}
        ]}));
        assert_eq!(c.len(), 2, "no code, no coupon");
        assert_eq!((c[0].code.as_str(), c[0].kind.as_str()), ("BKNS-VN15", "percent"));
        assert_eq!((c[1].code.as_str(), c[1].value.as_str()), ("HOST50K", "50000"));
        assert!(read_coupons(json!({"coupons": []})).is_empty());
        assert!(read_coupons(json!("x")).is_empty());
    }
}
