//! One module per portal section. Pages call `api::` and `ui::` only.

pub mod contacts;
pub mod billing;
pub mod cart;
pub mod dashboard;
pub mod ekyc;
pub mod domains;
pub mod login;
pub mod not_found;
pub mod notifications;
pub mod password_reset;
pub mod profile;
pub mod signup;
