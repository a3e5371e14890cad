//! The reference's example answers, copied into the repo (see fixtures/api).

pub const LOGIN: &str = include_str!("../fixtures/api/login.json");
pub const TOKEN: &str = include_str!("../fixtures/api/token.json");
pub const LOGOUT: &str = include_str!("../fixtures/api/logout.json");
pub const REVOKE: &str = include_str!("../fixtures/api/revoke.json");
pub const DETAILS: &str = include_str!("../fixtures/api/details.json");
pub const BALANCE: &str = include_str!("../fixtures/api/balance.json");
pub const BALANCE_AS_PRINTED: &str = include_str!("../fixtures/api/balance.as-printed.txt");
pub const PAYMENT: &str = include_str!("../fixtures/api/payment.json");
pub const DOMAIN_LIST: &str = include_str!("../fixtures/api/domain.json");
pub const DOMAIN_DETAILS: &str = include_str!("../fixtures/api/domain-id.json");
pub const DOMAIN_BY_NAME: &str = include_str!("../fixtures/api/domain-name.json");
pub const DOMAIN_TLDS: &str = include_str!("../fixtures/api/domain-order.json");
pub const DOMAIN_NS_SAVED: &str = include_str!("../fixtures/api/domain-ns-put.json");
