//! One module per portal section. Pages call `api::` and `ui::` only.

pub mod affiliates;
pub mod billing;
pub mod cart;
pub mod contacts;
pub mod dashboard;
pub mod dns;
pub mod domains;
pub mod ekyc;
pub mod login;
pub mod not_found;
pub mod notifications;
pub mod password_reset;
pub mod profile;
pub mod services;
pub mod signup;
pub mod ssl;
pub mod support;
