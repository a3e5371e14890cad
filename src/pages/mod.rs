//! One module per portal section. Pages call `api::` and `ui::` only.

pub mod dashboard;
pub mod domains;
pub mod login;
pub mod not_found;
