//! GETs whose answer is kept as JSON, for the section modules to read
//! loosely (see `loose::FromLoose`) before handing typed data out. Only
//! the api modules use these.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use serde_json::Value;

/// GETs `path`, the answer kept as JSON.
pub(super) async fn get(path: String) -> Result<Value, ApiError> {
    fetch::<Value>(ApiRequest::get(path)).await
}

/// GETs the first path the server offers: a path answered 404 / "invalid
/// method" makes it try the next one (a standard call and its older
/// variant); the last answer, or error, is returned.
pub(super) async fn get_first(paths: &[&str]) -> Result<Value, ApiError> {
    let mut last = Err(ApiError::NotSupported);
    for path in paths {
        last = get((*path).to_owned()).await;
        if last != Err(ApiError::NotSupported) {
            break;
        }
    }
    last
}
