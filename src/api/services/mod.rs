//! Services, catalog endpoints 83-115 (flows.md sections 6-8): one module
//! per topic, one function per endpoint.
//!
//! Most answers past `/service`, `/service/@id`, `/methods`, `/upgrade`,
//! `/label` and `/cancel` are undocumented in shape: they are read loosely
//! (numbers or strings, a list or a keyed object, PHP `[]` for nothing).

pub mod network;
pub mod provision;
pub mod rdns;
pub mod service;
pub mod upgrade;
pub mod vms;

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use crate::util::percent_encode;
use crate::vocab::Id;
use serde_json::Value;

/// `/service/<id><rest>`, the id percent-encoded.
fn at(id: &Id, rest: &str) -> String {
    format!("/service/{}{rest}", percent_encode(id.as_str()))
}

/// `/service/<id>/vms/<vmid><rest>`.
fn vm_at(id: &Id, vmid: &Id, rest: &str) -> String {
    at(id, &format!("/vms/{}{rest}", percent_encode(vmid.as_str())))
}

/// A GET whose answer is read loosely.
async fn get(path: String) -> Result<Value, ApiError> {
    fetch::<Value>(ApiRequest::get(path)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_their_ids() {
        assert_eq!(at(&Id("301".into()), "/label"), "/service/301/label");
        assert_eq!(
            vm_at(&Id("3/2".into()), &Id("a b".into()), "/ips"),
            "/service/3%2F2/vms/a%20b/ips"
        );
    }
}
