//! One module per portal section. Pages call `api::` and `ui::` only.

pub mod billing;
pub mod cart;
pub mod dashboard;
pub mod login;
pub mod not_found;
