//! Billing: balance and credit.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{Id, LooseList, Money, PhpObject, Text};
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

/// A payment method: `GET /payment` → `{"payments": {"<id>": "<name>"}}`
/// (an object keyed by id; a list of `{id, name}` is read too).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct PaymentMethod {
    pub id: Id,
    pub name: Text,
}

#[derive(Deserialize, Default)]
struct PaymentsAnswer {
    #[serde(default)]
    payments: LooseList<PaymentMethod>,
}

pub async fn payment_methods() -> Result<Vec<PaymentMethod>, ApiError> {
    let a: PaymentsAnswer = fetch(ApiRequest::get("/payment")).await?;
    Ok(a.payments.0.into_iter().filter(|m| !m.id.is_empty()).collect())
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

    #[test]
    fn payment_methods_reference_example() {
        let a: PaymentsAnswer = serde_json::from_str(crate::fixtures::PAYMENT).unwrap();
        let mut m: Vec<(String, String)> = a.payments.0.into_iter().map(|p| (p.id.0, p.name.0)).collect();
        m.sort();
        assert_eq!(m, [("10".into(), "BankTransfer".into()), ("9".into(), "PayPal".into())]);
        let list: PaymentsAnswer =
            serde_json::from_value(serde_json::json!({"payments": [{"id": 10, "name": "BankTransfer"}]})).unwrap();
        assert_eq!(list.payments.0[0].id.as_str(), "10");
        let empty: PaymentsAnswer = serde_json::from_value(serde_json::json!({"payments": []})).unwrap();
        assert!(empty.payments.0.is_empty());
    }
}
