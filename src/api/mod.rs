//! The only code that knows HTTP. Pages call `api::<section>::<call>()` and
//! get `Result<T, ApiError>`.

pub mod account;
pub mod auth;
pub mod billing;
pub mod client;
pub mod domains;
pub mod error;
pub mod loose;
pub mod refresh;

pub use error::ApiError;
