//! The reference's example answers, copied into the repo (see fixtures/api).

pub const LOGIN: &str = include_str!("../fixtures/api/login.json");
pub const TOKEN: &str = include_str!("../fixtures/api/token.json");
pub const LOGOUT: &str = include_str!("../fixtures/api/logout.json");
pub const REVOKE: &str = include_str!("../fixtures/api/revoke.json");
pub const DETAILS: &str = include_str!("../fixtures/api/details.json");
pub const BALANCE: &str = include_str!("../fixtures/api/balance.json");
pub const BALANCE_AS_PRINTED: &str = include_str!("../fixtures/api/balance.as-printed.txt");
