//! GETs whose answer is kept as JSON and read afterwards with a section's
//! `read_*` function (loosely, see `loose::FromLoose`). Every page resource
//! built on [`get_first`] has the same async type, so the resource
//! machinery exists once in the wasm instead of once per endpoint.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use serde_json::Value;

/// GETs the first path the server offers: a path answered 404 / "invalid
/// method" makes it try the next one (a standard call and its older
/// variant); the last answer, or error, is returned.
pub async fn get_first(paths: Vec<String>) -> Result<Value, ApiError> {
    let mut last = Err(ApiError::NotSupported);
    for path in paths {
        last = fetch::<Value>(ApiRequest::get(path)).await;
        if last != Err(ApiError::NotSupported) {
            break;
        }
    }
    last
}
