//! Seed data: what the server holds at start and after `POST /__mock/reset`.

use std::collections::BTreeMap;

use crate::model::{Account, Balance, Client};

/// The demo account's login.
pub const DEMO_EMAIL: &str = "demo@bkns.vn";
pub const DEMO_PASSWORD: &str = "Demo@2026";
pub const DEMO_ID: &str = "1042";

/// The API doc's example account (catalog endpoint 6).
pub const EXAMPLE_EMAIL: &str = "api@example.com";
pub const EXAMPLE_PASSWORD: &str = "secret";
pub const EXAMPLE_ID: &str = "26";

fn s(v: &str) -> String {
    v.to_string()
}

/// All seeded accounts keyed by client id.
pub fn accounts() -> BTreeMap<String, Account> {
    let demo = Account {
        password: s(DEMO_PASSWORD),
        client: Client {
            id: s(DEMO_ID),
            email: s(DEMO_EMAIL),
            lastlogin: s("2026-01-12 08:41:17"),
            ip: s("113.161.72.15"),
            host: s("static.vnpt.vn"),
            firstname: s("An"),
            lastname: s("Nguyễn Văn"),
            companyname: s(""),
            address1: s("12 Nguyễn Huệ"),
            address2: s(""),
            city: s("Quận 1"),
            state: s("Hồ Chí Minh"),
            postcode: s("700000"),
            country: s("VN"),
            phonenumber: s("+84.903123456"),
            kind: s("Private"),
            taxid: s(""),
            ward: s("Phường Bến Nghé"),
            nationalid: s("079090001234"),
            birthday: s("15-03-1990"),
            zalonumber: s("0903123456"),
            currency_id: s("1"),
            datecreated: s("2023-05-12"),
            status: s("Active"),
            gender: s("male"),
        },
        balance: Balance {
            currency: s("VND"),
            acc_balance: s("1250000.00"),
            acc_credit: s("350000.00"),
        },
    };

    let example = Account {
        password: s(EXAMPLE_PASSWORD),
        client: Client {
            id: s(EXAMPLE_ID),
            email: s(EXAMPLE_EMAIL),
            lastlogin: s("2016-12-30 12:24:28"),
            ip: s("172.100.2.1"),
            host: s("hostname"),
            firstname: s("Joe"),
            lastname: s("Doe"),
            companyname: s(""),
            address1: s("Pretty View Lane"),
            address2: s("3294"),
            city: s("Santa Rosa"),
            state: s("California"),
            postcode: s("95401"),
            country: s("US"),
            phonenumber: s("+1.24123123"),
            kind: s("Private"),
            taxid: s(""),
            ward: s(""),
            nationalid: s(""),
            birthday: s(""),
            zalonumber: s(""),
            currency_id: s("2"),
            datecreated: s("2016-12-01"),
            status: s("Active"),
            gender: s(""),
        },
        balance: Balance { currency: s("USD"), acc_balance: s("123456.55"), acc_credit: s("0.00") },
    };

    [demo, example].into_iter().map(|a| (a.client.id.clone(), a)).collect()
}
