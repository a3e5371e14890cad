//! Commerce: the catalogue ([`catalog`]), the quote engine and order
//! placement ([`engine`]), and each account's invoices, pending services,
//! domains and certificates ([`Ledger`]). Money is exact: `Cents` are
//! hundredths of the account's currency unit.

pub mod catalog;
pub mod engine;
pub mod render;

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// Hundredths of a currency unit (VND amounts still carry ".00").
pub type Cents = i64;

/// `123456` → `"1234.56"`, `-5` → `"-0.05"`.
pub fn money_str(c: Cents) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let a = c.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// An amount as a JSON number, as the quote and invoice examples print
/// them: `72.2`, `0`, `1089000`.
pub fn money_num(c: Cents) -> Value {
    if c % 100 == 0 {
        json!(c / 100)
    } else {
        // two decimals at most: the shortest f64 text is exact here
        json!(c as f64 / 100.0)
    }
}

/// Parses `"1234.5"`, `"1,234.50"`, `2.1` (JSON) into cents. More than two
/// decimals, signs other than a leading minus, or anything else: None.
pub fn parse_money(v: &Value) -> Option<Cents> {
    let text = match v {
        Value::String(s) => s.trim().replace(',', ""),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let (neg, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let c = int.checked_mul(100)?.checked_add(frac)?;
    Some(if neg { -c } else { c })
}

/// `percent`% of `c`, rounded half up.
pub fn percent_of(c: Cents, percent: i64) -> Cents {
    (c * percent + 50).div_euclid(100)
}

/// Today as `YYYY-MM-DD` (UTC) shifted by `days`.
pub fn date_in(days: i64) -> String {
    let secs =
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400) + days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Now as `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn now_stamp() -> String {
    let secs =
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let t = secs.rem_euclid(86_400);
    format!("{} {:02}:{:02}:{:02}", date_in(0), t / 3600, t % 3600 / 60, t % 60)
}

pub use crate::domain_data::civil_from_days;

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceLine {
    pub id: String,
    pub kind: String,
    pub item_id: String,
    pub description: String,
    pub amount: Cents,
    pub taxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    pub id: String,
    pub number: String,
    pub status: String,
    pub date: String,
    pub duedate: String,
    pub datepaid: String,
    pub lines: Vec<InvoiceLine>,
    pub taxrate: i64,
    /// Credit applied so far.
    pub credit: Cents,
    pub currency: String,
}

impl Invoice {
    pub fn subtotal(&self) -> Cents {
        self.lines.iter().map(|l| l.amount).sum()
    }
    pub fn tax(&self) -> Cents {
        percent_of(self.lines.iter().filter(|l| l.taxed).map(|l| l.amount).sum(), self.taxrate)
    }
    pub fn total(&self) -> Cents {
        self.subtotal() + self.tax()
    }
    /// Left to pay.
    pub fn balance(&self) -> Cents {
        if self.status == "Unpaid" {
            (self.total() - self.credit).max(0)
        } else {
            0
        }
    }

    /// `GET /invoice` item (standard HostBill shape).
    pub fn summary_json(&self) -> Value {
        json!({
            "id": self.id, "date": self.date, "dateorig": self.date, "duedate": self.duedate,
            "paybefore": self.duedate, "total": money_str(self.total()), "datepaid": self.datepaid,
            "status": self.status, "merge_id": null, "number": self.number, "currency": self.currency
        })
    }

    /// `GET /invoice/@id` → `invoice` (standard HostBill shape, plus the
    /// `balance` left to pay).
    pub fn detail_json(&self, client: &crate::model::Client) -> Value {
        let items: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                json!({
                    "id": l.id, "invoice_id": self.id, "type": l.kind, "item_id": l.item_id,
                    "description": l.description, "amount": money_str(l.amount),
                    "taxed": if l.taxed { "1" } else { "0" }, "qty": "1.00", "linetotal": money_str(l.amount)
                })
            })
            .collect();
        json!({
            "id": self.id, "status": self.status, "date": self.date, "duedate": self.duedate,
            "paybefore": self.duedate, "datepaid": self.datepaid,
            "subtotal": money_num(self.subtotal()), "credit": money_num(self.credit),
            "tax": money_num(self.tax()), "taxrate": self.taxrate, "tax2": 0, "taxrate2": 0,
            "taxexempt": "0", "total": money_num(self.total()), "balance": money_num(self.balance()),
            "rate": 1, "rate2": 0, "rate3": 1, "notes": "", "items": items,
            "client": {
                "id": client.id, "email": client.email, "firstname": client.firstname,
                "lastname": client.lastname, "companyname": client.companyname,
                "address1": client.address1, "address2": client.address2, "city": client.city,
                "state": client.state, "postcode": client.postcode, "country": client.country,
                "phonenumber": client.phonenumber
            },
            "number": self.number, "currency": self.currency
        })
    }
}

/// A service, domain or certificate created by an order (or seeded).
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    pub id: String,
    /// "Hosting", "Domain Register", "Domain Transfer", "Domain Renew", "SSL".
    pub kind: String,
    pub name: String,
    pub product_id: String,
    pub status: String,
    pub order_num: u64,
    pub invoice_id: String,
    /// The referring affiliate (`aff_id` of the order), if any.
    pub aff_id: String,
    /// Order date, `YYYY-MM-DD`.
    pub date: String,
    /// First payment, before tax, after the discount.
    pub first: Cents,
    /// The first recurring (cycle, amount before tax), if any.
    pub recurring: Option<(String, Cents)>,
    /// The order item as sent (a certificate's CSR, approver e-mail,
    /// contacts, organisation and software are read from it).
    pub item: Value,
}

/// One account's commerce.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ledger {
    pub invoices: Vec<Invoice>,
    /// Services, domains and certificates, newest last.
    pub holdings: Vec<Holding>,
    /// Domains the account owns: (domain id, name).
    pub domains: Vec<(String, String)>,
    /// Ids of the contacts `GET /contact` lists (the order forms name them);
    /// copied from the customer store before each quote or order.
    pub contact_ids: Vec<String>,
}

/// Everybody's commerce plus the id counters.
#[derive(Debug, Clone, PartialEq)]
pub struct Shop {
    pub ledgers: BTreeMap<String, Ledger>,
    pub next_id: u64,
    pub next_order: u64,
}

impl Shop {
    pub fn ledger(&mut self, client_id: &str) -> &mut Ledger {
        self.ledgers.entry(client_id.to_owned()).or_default()
    }

    pub fn new_id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    /// Makes an invoice dated today, due in 7 days, of `lines` (kind,
    /// item id, description, amount, taxed), in `currency`, for the client:
    /// kept in its ledger (`GET /invoice` lists it) and returned. Nothing
    /// to pay makes it paid at once.
    pub fn issue_invoice(
        &mut self,
        client_id: &str,
        currency: &str,
        lines: Vec<(String, String, String, Cents, bool)>,
    ) -> Invoice {
        let lines = lines
            .into_iter()
            .map(|(kind, item_id, description, amount, taxed)| InvoiceLine {
                id: self.new_id(),
                kind,
                item_id,
                description,
                amount,
                taxed,
            })
            .collect();
        let id = self.new_id();
        let today = date_in(0);
        let mut invoice = Invoice {
            number: format!("{}/{}/{}", &today[..4], &today[5..7], id),
            id,
            status: "Unpaid".into(),
            date: today,
            duedate: date_in(7),
            datepaid: String::new(),
            lines,
            taxrate: catalog::VAT_PERCENT,
            credit: 0,
            currency: currency.to_owned(),
        };
        if invoice.total() <= 0 {
            invoice.status = "Paid".into();
            invoice.datepaid = now_stamp();
        }
        self.ledger(client_id).invoices.push(invoice.clone());
        invoice
    }

    /// Whether anybody holds (or has ordered) the domain.
    pub fn is_registered(&self, name: &str) -> bool {
        let n = name.to_ascii_lowercase();
        catalog::REGISTERED_ELSEWHERE.contains(&n.as_str())
            || n.split('.').next().is_some_and(|sld| sld.contains("taken"))
            || self
                .ledgers
                .values()
                .any(|l| l.domains.iter().any(|(_, d)| d.eq_ignore_ascii_case(&n)))
    }

    /// Seed: the demo account's unpaid invoices add up to its `acc_balance`
    /// (1,100,000 + 150,000 = 1,250,000 VND); the doc's example account has
    /// the doc's paid invoice and an unpaid one of 123,456.55 USD.
    pub fn seed() -> Shop {
        let line =
            |id: &str, kind: &str, description: &str, amount: Cents, taxed: bool| InvoiceLine {
                id: id.into(),
                kind: kind.into(),
                item_id: "0".into(),
                description: description.into(),
                amount,
                taxed,
            };
        let inv = |id: &str,
                   number: &str,
                   status: &str,
                   date: &str,
                   due: &str,
                   paid: &str,
                   lines,
                   rate,
                   cur: &str| Invoice {
            id: id.into(),
            number: number.into(),
            status: status.into(),
            date: date.into(),
            duedate: due.into(),
            datepaid: paid.into(),
            lines,
            taxrate: rate,
            credit: 0,
            currency: cur.into(),
        };
        let demo = Ledger {
            invoices: vec![
                inv(
                    "3101",
                    "2025/11/0412",
                    "Paid",
                    "2025-11-03",
                    "2025-11-10",
                    "2025-11-04 09:12:40",
                    vec![line(
                        "9001",
                        "Hosting",
                        "Cloud Hosting Cơ bản (nguyenvanan.vn) - 12 tháng",
                        50_000_000,
                        true,
                    )],
                    10,
                    "VND",
                ),
                inv(
                    "3102",
                    "2026/01/0057",
                    "Unpaid",
                    "2026-01-05",
                    "2026-01-12",
                    "",
                    vec![line(
                        "9002",
                        "Hosting",
                        "Cloud Hosting Doanh nghiệp (anshop.com.vn) - gia hạn 12 tháng",
                        100_000_000,
                        true,
                    )],
                    10,
                    "VND",
                ),
                inv(
                    "3103",
                    "2026/01/0058",
                    "Unpaid",
                    "2026-01-06",
                    "2026-01-20",
                    "",
                    vec![line(
                        "9003",
                        "Domain",
                        "Gia hạn tên miền nguyenvanan.vn - 1 năm (phí duy trì, không chịu VAT)",
                        15_000_000,
                        false,
                    )],
                    10,
                    "VND",
                ),
            ],
            holdings: Vec::new(),
            domains: vec![
                ("301".into(), "nguyenvanan.vn".into()),
                ("302".into(), "anshop.com.vn".into()),
            ],
            contact_ids: Vec::new(),
        };
        let example = Ledger {
            invoices: vec![
                Invoice {
                    lines: vec![
                        line("12305", "Other", "Example Service", 1500, true),
                        line("12309", "Other", "PayPal Payment Fee", 124, true),
                    ],
                    ..inv(
                        "308976",
                        "2016/12/1",
                        "Paid",
                        "2016-12-30",
                        "2017-01-06",
                        "2016-12-30 12:40:47",
                        vec![],
                        21,
                        "USD",
                    )
                },
                inv(
                    "308977",
                    "2017/01/1",
                    "Unpaid",
                    "2017-01-02",
                    "2017-01-09",
                    "",
                    vec![line("12310", "Other", "Dedicated Server - 12 months", 12_345_655, false)],
                    21,
                    "USD",
                ),
            ],
            holdings: Vec::new(),
            domains: vec![("47".into(), "testname.com".into())],
            contact_ids: Vec::new(),
        };
        Shop {
            ledgers: [("1042".to_string(), demo), ("26".to_string(), example)].into(),
            next_id: 4000,
            next_order: 563_647_679,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_and_numbers() {
        assert_eq!(money_str(125_000_000), "1250000.00");
        assert_eq!(money_str(-5), "-0.05");
        assert_eq!(money_num(7220), json!(72.2));
        assert_eq!(money_num(108_900_000), json!(1_089_000));
        assert_eq!(money_num(1661), json!(16.61));
        assert_eq!(parse_money(&json!("200000")), Some(20_000_000));
        assert_eq!(parse_money(&json!(2.1)), Some(210));
        assert_eq!(parse_money(&json!("1,234.5")), Some(123_450));
        assert_eq!(parse_money(&json!("1.234")), None);
        assert_eq!(parse_money(&json!("abc")), None);
        assert_eq!(parse_money(&json!("")), None);
        assert_eq!(parse_money(&json!(null)), None);
        assert_eq!(percent_of(7220, 23), 1661);
        assert_eq!(percent_of(5, 10), 1, "half up");
    }

    #[test]
    fn seeded_unpaid_invoices_match_the_balance() {
        let shop = Shop::seed();
        let unpaid =
            |id: &str| -> Cents { shop.ledgers[id].invoices.iter().map(Invoice::balance).sum() };
        assert_eq!(unpaid("1042"), 125_000_000);
        assert_eq!(unpaid("26"), 12_345_655);
        // the doc's example invoice: 16.24 + 21 % = 19.65
        let doc = &shop.ledgers["26"].invoices[0];
        assert_eq!((doc.subtotal(), doc.tax(), doc.total()), (1624, 341, 1965));
    }

    #[test]
    fn calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(date_in(0).len(), 10);
    }
}
