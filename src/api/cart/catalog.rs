//! The catalogue: categories (`GET /category`, catalog endpoint 119) and
//! the products of one (HostBill's standard `GET /category/@id/product`,
//! not in the provider's reference).

use super::CycleOption;
use crate::api::error::ApiError;
use crate::api::loose::{list_at, Flag, Id, LooseList, Text};
use crate::api::raw;
use crate::util::percent_encode;
use serde_json::Value;

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

/// `GET /category`.
pub async fn categories() -> Result<Vec<Category>, ApiError> {
    raw::get("/category".into()).await.map(|v| read_categories(&v))
}

fn read_categories(v: &Value) -> Vec<Category> {
    list_at(v, "categories")
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
pub async fn category_products(category_id: String) -> Result<Vec<ProductSummary>, ApiError> {
    let path = format!("/category/{}/product", percent_encode(&category_id));
    raw::get(path).await.map(|v| read_category_products(&v))
}

fn read_category_products(v: &Value) -> Vec<ProductSummary> {
    list_at(v, "products")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Decimal;
    use crate::fixtures as fx;

    fn doc(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn categories_and_their_kinds() {
        let a = read_categories(&doc(fx::CATEGORY));
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
        let a = read_category_products(&doc(fx::CATEGORY_PRODUCTS));
        let p = &a[0];
        assert_eq!(p.id.as_str(), "333");
        let cycles: Vec<_> =
            p.periods.0.iter().map(|c| (c.code().to_owned(), c.price.value)).collect();
        assert_eq!(cycles[0], ("m".into(), Decimal::parse("9.99")));
        assert_eq!(cycles[3], ("t".into(), Decimal::parse("299.7")));
        assert!(p.periods.0[0].selected.0);
    }
}
