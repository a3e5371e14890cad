//! The certificate order form's catalogues: certificates with their
//! periods and prices (`GET /certificate/order`, catalog endpoint 80) and
//! the server software a certificate can be made for (`GET
//! /certificate/order/@product_id/software`, 81).

use crate::api::error::ApiError;
use crate::api::loose::{list_at, Id, LooseList, Money, Text};
use crate::api::raw;
use crate::util::percent_encode;
use serde_json::Value;

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

/// `GET /certificate/order`: the certificates on offer.
pub async fn list() -> Result<Vec<Certificate>, ApiError> {
    raw::get("/certificate/order".into()).await.map(|v| read_certificates(&v))
}

fn read_certificates(v: &Value) -> Vec<Certificate> {
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
pub async fn software(product_id: String) -> Result<Vec<Software>, ApiError> {
    let path = format!("/certificate/order/{}/software", percent_encode(&product_id));
    raw::get(path).await.map(|v| read_software(&v))
}

fn read_software(v: &Value) -> Vec<Software> {
    list_at(v, "software")
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
    fn certificates_and_software() {
        let a = read_certificates(&doc(fx::CERTIFICATE_ORDER));
        let c = &a[0];
        assert_eq!((c.id.as_str(), c.name.as_str()), ("25", "InstantSSL"));
        assert_eq!(c.periods.0[1].years(), 2);
        assert_eq!(c.periods.0[1].price.value, Decimal::parse("48.75"));
        let s = read_software(&doc(fx::CERTIFICATE_SOFTWARE));
        assert_eq!(s[0].id.as_str(), "0");
        assert_eq!(s[1].name.as_str(), "Apache-SSL (Ben-SSL, not Stronghold)");
    }
}
