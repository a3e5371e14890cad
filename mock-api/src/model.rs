//! The data the mock keeps per account. Field names and the "everything is a
//! string" typing follow the API examples (catalog endpoint 6 and 30).

use serde::{Deserialize, Serialize};

/// One client-area account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Login password (compared as is).
    pub password: String,
    /// What `GET /details` returns under `client`.
    pub client: Client,
    /// What `GET /balance` returns under `details`.
    pub balance: Balance,
}

/// `GET /details` → `client`. The first fifteen fields are the doc's example
/// in its order; the rest are extra fields a HostBill install carries
/// (clients must ignore fields they do not know).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: String,
    pub email: String,
    pub lastlogin: String,
    pub ip: String,
    pub host: String,
    pub firstname: String,
    pub lastname: String,
    pub companyname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub phonenumber: String,
    // --- extra fields (not in the doc's example) ---
    /// "Private" or "Company".
    #[serde(rename = "type")]
    pub kind: String,
    pub taxid: String,
    pub ward: String,
    pub nationalid: String,
    /// Day-month-year, as the sign-up form labels it ("ngày-tháng-năm").
    pub birthday: String,
    pub zalonumber: String,
    pub currency_id: String,
    pub datecreated: String,
    pub status: String,
    /// "male", "female" or empty (sign-up's `gender`; values undocumented).
    #[serde(default)]
    pub gender: String,
}

/// `GET /balance` → `details`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    pub currency: String,
    /// Unpaid invoices total (not spendable money).
    pub acc_balance: String,
    /// Spendable account credit.
    pub acc_credit: String,
}
