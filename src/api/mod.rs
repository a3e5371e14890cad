//! The only code that knows HTTP. Pages call `api::<section>::<call>()` and
//! get `Result<T, ApiError>`.

pub mod account;
pub mod affiliates;
pub mod auth;
pub mod billing;
pub mod cart;
pub mod certificates;
pub mod client;
pub mod contacts;
pub mod dns;
pub mod domains;
pub mod ekyc;
pub mod error;
#[cfg(test)]
mod fuzz;
pub mod location;
pub mod loose;
pub mod notifications;
pub mod profile;
mod raw;
pub mod refresh;
pub mod services;
pub mod signup;
pub mod support;

pub use error::ApiError;
