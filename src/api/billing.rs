//! Billing (catalog endpoints 30-33): balance and credit, payment methods
//! and their fees, invoices (standard HostBill `GET /invoice`, `GET
//! /invoice/@id`) and paying an invoice from credit.

use super::client::{fetch, fetch_with_info, ApiRequest};
use super::error::ApiError;
use super::loose::{list_at, object_at, Decimal, Flag, Id, LooseList, Money, PhpObject, Text};
use super::raw;
use crate::util::percent_encode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

crate::loose_struct! {
    /// A payment method: `GET /payment/fees` → `payments[]` with fees, or
    /// `GET /payment` → `payments: {"<id>": "<name>"}` (no fees).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct PaymentMethod {
        pub id: Id,
        pub name: Text,
        pub fixed_fee: Money,
        pub percent_fee: Money,
    }
}

impl PaymentMethod {
    /// The fee on `total`: `fixed_fee + total × percent_fee / 100`, exact,
    /// rounded half up to `places` decimals (0 for VND). None when a fee
    /// cannot be read.
    pub fn fee(&self, total: Decimal, places: u32) -> Option<Decimal> {
        let fixed = if self.fixed_fee.raw.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.fixed_fee.value
        };
        let percent = if self.percent_fee.raw.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.percent_fee.value
        };
        let variable = total.checked_mul(percent?)?.shift_down(2);
        Some(fixed?.checked_add(variable)?.round_to(places))
    }
}

/// Decimal places of money in `currency`: none for VND.
pub fn currency_places(currency: &str) -> u32 {
    let c = currency.trim();
    if c.is_empty() || c.eq_ignore_ascii_case("VND") {
        0
    } else {
        2
    }
}

/// The payment methods: with their fees (`GET /payment/fees`), else, when
/// the server does not offer the fees, names only (`GET /payment`). A
/// method without an id cannot be chosen, so it is left out.
pub async fn payment_methods() -> Result<Vec<PaymentMethod>, ApiError> {
    raw::get_first(&["/payment/fees", "/payment"]).await.map(|v| read_payment_methods(&v))
}

/// Either answer: `[{id, name, fixed_fee, percent_fee}]` or `{"<id>": "<name>"}`.
fn read_payment_methods(v: &Value) -> Vec<PaymentMethod> {
    let all: Vec<PaymentMethod> = list_at(v, "payments");
    all.into_iter().filter(|m| !m.id.is_empty()).collect()
}

crate::loose_struct! {
    /// `GET /invoice` → `invoices[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct InvoiceSummary {
        pub id: Id,
        pub number: Text,
        pub date: Text,
        pub duedate: Text,
        pub datepaid: Text,
        pub total: Money,
        pub status: Text,
        pub currency: Text,
    }
}

crate::loose_struct! {
    /// `GET /invoice/@id` → `invoice`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Invoice {
        pub id: Id,
        pub number: Text,
        pub status: Text,
        pub date: Text,
        pub duedate: Text,
        pub datepaid: Text,
        pub subtotal: Money,
        pub credit: Money,
        pub tax: Money,
        pub taxrate: Text,
        pub tax2: Money,
        pub taxrate2: Text,
        pub total: Money,
        /// What is left to pay, when the server says (not in every HostBill).
        pub balance: Money,
        pub notes: Text,
        pub items: LooseList<InvoiceLine>,
        pub currency: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct InvoiceLine {
        pub id: Id,
        pub kind: Text => ["type"],
        pub description: Text,
        pub amount: Money,
        pub taxed: Flag,
        pub qty: Text,
        pub linetotal: Money,
    }
}

/// Invoice states as HostBill spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvoiceStatus {
    Paid,
    Unpaid,
    Cancelled,
    Refunded,
    Other,
}

pub fn invoice_status(s: &str) -> InvoiceStatus {
    match s.trim().to_ascii_lowercase().as_str() {
        "paid" => InvoiceStatus::Paid,
        "unpaid" | "overdue" | "partially paid" | "partiallypaid" => InvoiceStatus::Unpaid,
        "cancelled" | "canceled" => InvoiceStatus::Cancelled,
        "refunded" => InvoiceStatus::Refunded,
        _ => InvoiceStatus::Other,
    }
}

/// `GET /invoice` (standard HostBill, not in the provider's reference).
pub async fn invoices() -> Result<Vec<InvoiceSummary>, ApiError> {
    raw::get("/invoice".into()).await.map(|v| read_invoices(&v))
}

/// Newest first, whatever order the server sends: by date
/// (`yyyy-mm-dd[ hh:mm:ss]` sorts as text), then by id for the same day;
/// a stable sort keeps the server's order for what is still equal.
fn read_invoices(v: &Value) -> Vec<InvoiceSummary> {
    let mut list: Vec<InvoiceSummary> = list_at(v, "invoices");
    let id_num = |i: &InvoiceSummary| i.id.as_str().trim().parse::<u64>().unwrap_or(0);
    crate::util::sort_with(&mut list, &|a, b| {
        b.date.as_str().trim().cmp(a.date.as_str().trim()).then(id_num(b).cmp(&id_num(a)))
    });
    list
}

/// `GET /invoice/@id` (standard HostBill, not in the provider's reference).
pub async fn invoice(id: String) -> Result<Invoice, ApiError> {
    raw::get(format!("/invoice/{}", percent_encode(&id))).await.map(|v| read_invoice(&v))
}

fn read_invoice(v: &Value) -> Invoice {
    object_at(v, "invoice")
}

/// `POST /invoice/@id/credit` body: `amount` only when the user chose one
/// (without it the server applies what pays the invoice in full).
#[derive(Serialize, Debug, PartialEq)]
pub struct CreditBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}

crate::loose_struct! {
    /// `{"success": true, "invoice_status": "Paid", "applied": 2.1}`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CreditResult {
        pub success: Flag,
        pub invoice_status: Text,
        pub applied: Money,
    }
}

pub fn credit_request(invoice_id: &str, amount: Option<Decimal>) -> ApiRequest {
    let body = CreditBody { amount: amount.map(|a| a.to_string()) };
    ApiRequest::post(format!("/invoice/{}/credit", percent_encode(invoice_id))).json(&body)
}

pub async fn apply_credit(
    invoice_id: &str,
    amount: Option<Decimal>,
) -> Result<(CreditResult, Vec<String>), ApiError> {
    fetch_with_info(credit_request(invoice_id, amount)).await
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
        assert_eq!(
            b.acc_credit.value,
            Some(Decimal::ZERO.checked_add(Decimal::new(0, 2)).unwrap())
        );
    }

    #[test]
    fn the_doc_as_printed_is_invalid_json() {
        assert!(
            serde_json::from_str::<serde_json::Value>(crate::fixtures::BALANCE_AS_PRINTED).is_err()
        );
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
        let v: Value = serde_json::from_str(crate::fixtures::PAYMENT).unwrap();
        let mut m: Vec<(String, String)> =
            read_payment_methods(&v).into_iter().map(|p| (p.id.0, p.name.0)).collect();
        m.sort();
        assert_eq!(m, [("10".into(), "BankTransfer".into()), ("9".into(), "PayPal".into())]);
        let list = read_payment_methods(
            &serde_json::json!({"payments": [{"id": 10, "name": "BankTransfer"}]}),
        );
        assert_eq!(list[0].id.as_str(), "10");
        assert!(read_payment_methods(&serde_json::json!({"payments": []})).is_empty());
        // a method without an id cannot be chosen: left out
        let list = read_payment_methods(&serde_json::json!({"payments": [
            {"id": "", "name": "Nowhere"}, {"name": "Nobody"}, {"id": 4, "name": "MoMo"}
        ]}));
        let names: Vec<_> = list.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["MoMo"]);
    }
}

#[cfg(test)]
mod payment_tests {
    use super::*;

    fn doc(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }
    use crate::fixtures as fx;
    use serde_json::json;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn repaired_fees_example_decodes_and_the_printed_one_does_not() {
        let a: Vec<PaymentMethod> = list_at(&doc(fx::PAYMENT_FEES), "payments");
        let names: Vec<_> = a.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
        assert_eq!(
            names,
            [("1", "Bank Transfer"), ("2", "Stripe"), ("4", "Credit Card"), ("5", "PayPal")]
        );
        assert_eq!(a[1].percent_fee.value, Some(d("2.9")));
        assert!(serde_json::from_str::<serde_json::Value>(fx::PAYMENT_FEES_AS_PRINTED).is_err());
    }

    #[test]
    fn payment_names_without_fees() {
        let a: Vec<PaymentMethod> = list_at(&doc(fx::PAYMENT), "payments");
        let mut names: Vec<_> = a.iter().map(|p| (p.id.0.clone(), p.name.0.clone())).collect();
        names.sort();
        assert_eq!(
            names,
            [("10".to_string(), "BankTransfer".to_string()), ("9".into(), "PayPal".into())]
        );
        // no fee fields: the fee is zero, not unknown
        assert!(a[0].fee(d("100"), 2).is_some_and(|f| f.is_zero()));
    }

    /// fee = fixed + total × percent / 100, exactly, on decimals.
    #[test]
    fn fee_maths_on_decimals() {
        let a: Vec<PaymentMethod> = list_at(&doc(fx::PAYMENT_FEES), "payments");
        let stripe = &a[1]; // 0.5 + 2.9 %
        assert_eq!(stripe.fee(d("88.81"), 2).unwrap().to_string(), "3.08"); // 0.5 + 2.57549
        assert_eq!(stripe.fee(d("100"), 2).unwrap().to_string(), "3.40");
        let card = &a[2]; // 0.1 + 2.4 %
        assert_eq!(card.fee(d("0.1"), 2).unwrap().to_string(), "0.10"); // 0.1 + 0.0024
        assert_eq!(card.fee(d("72.2"), 2).unwrap().to_string(), "1.83"); // 0.1 + 1.7328
        let bank = &a[0];
        assert!(bank.fee(d("1234567"), 0).unwrap().is_zero());
        // VND: no decimals, half up
        let napas = PaymentMethod {
            fixed_fee: Money::parse("1100"),
            percent_fee: Money::parse("1.1"),
            ..Default::default()
        };
        assert_eq!(napas.fee(d("1089000"), 0).unwrap().to_string(), "13079"); // 1100 + 11979
        assert_eq!(napas.fee(d("45"), 0).unwrap().to_string(), "1100"); // 1100 + 0.495
        assert_eq!(napas.fee(d("50"), 0).unwrap().to_string(), "1101"); // 1100 + 0.55
                                                                        // 0.1 + 0.2 is 0.3 here (it is not in f64)
        let tiny = PaymentMethod {
            fixed_fee: Money::parse("0.1"),
            percent_fee: Money::parse("0.2"),
            ..Default::default()
        };
        assert_eq!(tiny.fee(d("100"), 2).unwrap().to_string(), "0.30");
        // an unreadable fee is not guessed
        let bad = PaymentMethod { fixed_fee: Money::parse("n/a"), ..Default::default() };
        assert_eq!(bad.fee(d("100"), 2), None);
        assert_eq!(currency_places("VND"), 0);
        assert_eq!(currency_places("usd"), 2);
    }

    #[test]
    fn invoices_come_newest_first_whatever_the_server_order() {
        let v = serde_json::json!({"invoices": [
            {"id": "3101", "date": "2024-04-30", "status": "Paid"},
            {"id": "3103", "date": "2024-05-02", "status": "Unpaid"},
            {"id": "3099", "date": "", "status": "Paid"},
            {"id": "3102", "date": "2024-05-02", "status": "Paid"},
            {"id": "3104", "date": "2024-06-01 08:00:00", "status": "Unpaid"}
        ]});
        let ids: Vec<String> = read_invoices(&v).iter().map(|i| i.id.as_str().to_owned()).collect();
        assert_eq!(ids, ["3104", "3103", "3102", "3101", "3099"]);
    }

    #[test]
    fn invoices_decode() {
        let a = read_invoices(&doc(fx::INVOICE_LIST));
        let i = &a[0];
        assert_eq!(
            (i.id.as_str(), i.number.as_str(), i.status.as_str()),
            ("308976", "2016/12/1", "Paid")
        );
        assert_eq!(i.total.value, Some(d("19.65")));
        let a = read_invoice(&doc(fx::INVOICE));
        let inv = a;
        assert_eq!(inv.subtotal.value, Some(d("16.24")));
        assert_eq!(inv.tax.value, Some(d("3.41")));
        assert_eq!(inv.taxrate.as_str(), "21");
        assert_eq!(inv.total.value, Some(d("19.65")));
        assert_eq!(inv.items.0.len(), 2);
        assert_eq!(inv.items.0[1].description.as_str(), "PayPal Payment Fee");
        assert!(inv.items.0[1].taxed.0);
        assert_eq!(inv.balance.value, None);
        assert_eq!(invoice_status(&inv.status.0), InvoiceStatus::Paid);
        assert_eq!(invoice_status("Unpaid"), InvoiceStatus::Unpaid);
        assert_eq!(invoice_status("Cancelled"), InvoiceStatus::Cancelled);
        assert_eq!(invoice_status("Collections"), InvoiceStatus::Other);
    }

    #[test]
    fn credit_body_and_answer() {
        let r = credit_request("308976", None);
        assert_eq!(r.endpoint(), "POST /invoice/308976/credit");
        assert_eq!(r.body, Some(json!({})));
        let r = credit_request("12", Some(d("200000")));
        assert_eq!(r.body, Some(json!({"amount": "200000"})));
        let c: CreditResult = serde_json::from_str(fx::INVOICE_CREDIT).unwrap();
        assert!(c.success.0);
        assert_eq!(c.invoice_status.as_str(), "Paid");
        assert_eq!(c.applied.value, Some(d("2.1")));
    }
}
