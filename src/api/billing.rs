//! Billing: balance and credit.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{Money, PhpObject, Text};
use serde::Deserialize;

/// `GET /balance` → `{"success": true, "details": {currency, acc_balance,
/// acc_credit}}`. `acc_balance` is the total of unpaid invoices, not funds.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Balance {
    pub currency: Text,
    pub acc_balance: Money,
    pub acc_credit: Money,
}

#[derive(Deserialize, Default)]
struct BalanceAnswer {
    #[serde(default)]
    details: PhpObject<Balance>,
}

pub async fn balance() -> Result<Balance, ApiError> {
    let a: BalanceAnswer = fetch(ApiRequest::get("/balance")).await?;
    Ok(a.details.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Decimal;

    #[test]
    fn repaired_reference_example_decodes() {
        let a: BalanceAnswer = serde_json::from_str(crate::fixtures::BALANCE).unwrap();
        let b = a.details.0;
        assert_eq!(b.currency.as_str(), "USD");
        assert_eq!(b.acc_balance.value, Some(Decimal::new(12345655, 2)));
        assert_eq!(b.acc_credit.value, Some(Decimal::ZERO.checked_add(Decimal::new(0, 2)).unwrap()));
    }

    #[test]
    fn the_doc_as_printed_is_invalid_json() {
        assert!(serde_json::from_str::<serde_json::Value>(crate::fixtures::BALANCE_AS_PRINTED).is_err());
    }

    #[test]
    fn numbers_instead_of_strings() {
        let a: BalanceAnswer = serde_json::from_value(
            serde_json::json!({"details": {"currency": "VND", "acc_balance": 1250000, "acc_credit": 350000.5}}),
        )
        .unwrap();
        assert_eq!(a.details.0.acc_balance.value, Some(Decimal::new(1250000, 0)));
        assert_eq!(a.details.0.acc_credit.value, Some(Decimal::new(3500005, 1)));
    }
}
