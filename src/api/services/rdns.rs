//! Reverse DNS (flows.md section 8): the service's addresses, their PTR
//! names, and changing them.
//!
//! The reference documents only the POST body (`ipaddress`: the IP as key,
//! the hostname as value); the answers follow the project's contract
//! (fixtures/api/service_ip.json, service_rdns.json), read loosely:
//! - `GET /service/@id/ip`: `{"ips": [{"ip", "type"}]}`, or plain strings,
//!   or an object keyed by id; the type, when missing, is told from the
//!   address.
//! - `GET /service/@id/rdns`: `{"rdns": {"<ip>": "<hostname>"}}`, PHP `[]`
//!   for none, or a list of `{"ip", "ptr"|"hostname"|"rdns"}`.

use super::{at, get};
use crate::api::client::{fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{field, list_items, read, scalar_text, under};
use crate::vocab::{Id, Text};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One address of the service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceIp {
    pub ip: String,
    /// "ipv4" or "ipv6"
    pub kind: String,
}

fn kind_of(ip: &str, said: &str) -> String {
    let said = said.trim().to_ascii_lowercase();
    match said.as_str() {
        "ipv4" | "4" | "v4" => "ipv4".into(),
        "ipv6" | "6" | "v6" => "ipv6".into(),
        _ if ip.contains(':') => "ipv6".into(),
        _ => "ipv4".into(),
    }
}

fn ips_of(v: &Value) -> Vec<ServiceIp> {
    let mut out: Vec<ServiceIp> = Vec::new();
    for item in list_items(field(v, &["ips", "ip", "ipaddresses", "addresses"]).clone()) {
        let (ip, said) = if item.is_object() {
            (
                read::<Text>(&item, &["ip", "ipaddress", "address"]).0,
                read::<Text>(&item, &["type", "version", "kind"]).0,
            )
        } else {
            (scalar_text(&item), String::new())
        };
        let ip = ip.trim().to_owned();
        if !ip.is_empty() && !out.iter().any(|x| x.ip == ip) {
            out.push(ServiceIp { kind: kind_of(&ip, &said), ip });
        }
    }
    out
}

/// `GET /service/@id/ip`.
pub async fn ips(service: &Id) -> Result<Vec<ServiceIp>, ApiError> {
    Ok(ips_of(&get(at(service, "/ip")).await?))
}

fn ptrs_of(v: &Value) -> BTreeMap<String, String> {
    // under "rdns", or the map itself
    let inner = under(v.clone(), &["rdns", "ptr", "records"]);
    let mut out = BTreeMap::new();
    match &inner {
        Value::Object(map) => {
            for (ip, host) in map {
                let host = if host.is_object() {
                    read::<Text>(host, &["ptr", "hostname", "rdns", "name"]).0
                } else {
                    scalar_text(host)
                };
                out.insert(ip.trim().to_owned(), host.trim().to_owned());
            }
        }
        Value::Array(items) => {
            for item in items {
                let ip = read::<Text>(item, &["ip", "ipaddress", "address"]).0;
                let host = read::<Text>(item, &["ptr", "hostname", "rdns", "name"]).0;
                out.insert(ip.trim().to_owned(), host.trim().to_owned());
            }
        }
        _ => {}
    }
    out.retain(|ip, host| !ip.is_empty() && !host.is_empty());
    out
}

/// `GET /service/@id/rdns`: the PTR name of each address that has one.
pub async fn ptrs(service: &Id) -> Result<BTreeMap<String, String>, ApiError> {
    Ok(ptrs_of(&get(at(service, "/rdns")).await?))
}

/// The request that sets PTR names; an empty name removes one.
pub fn set_ptrs_request(service: &Id, changes: &BTreeMap<String, String>) -> ApiRequest {
    ApiRequest::post(at(service, "/rdns")).json(&json!({ "ipaddress": changes }))
}

/// `POST /service/@id/rdns` with `{ipaddress: {"<ip>": "<hostname>"}}`: the
/// server's `info` messages.
pub async fn set_ptrs(
    service: &Id,
    changes: &BTreeMap<String, String>,
) -> Result<Vec<String>, ApiError> {
    fetch_with_info::<Value>(set_ptrs_request(service, changes)).await.map(|(_, info)| info)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IPS: &str = include_str!("../../../fixtures/api/service_ip.json");
    const RDNS: &str = include_str!("../../../fixtures/api/service_rdns.json");
    const RDNS_EMPTY: &str = include_str!("../../../fixtures/api/service_rdns_empty.json");
    const REQUEST: &str = include_str!("../../../fixtures/api/service_rdns.request.json");

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    fn ip(ip: &str, kind: &str) -> ServiceIp {
        ServiceIp { ip: ip.into(), kind: kind.into() }
    }

    #[test]
    fn the_contract_ips_are_read() {
        assert_eq!(
            ips_of(&parse(IPS)),
            [
                ip("103.28.37.50", "ipv4"),
                ip("103.28.37.51", "ipv4"),
                ip("2401:5f80:3000::50", "ipv6")
            ]
        );
    }

    #[test]
    fn ips_come_as_strings_keyed_objects_or_without_a_type() {
        let v = json!({"ips": ["10.0.0.1", " 2001:db8::1 ", "", "10.0.0.1"]});
        assert_eq!(ips_of(&v), [ip("10.0.0.1", "ipv4"), ip("2001:db8::1", "ipv6")]);
        let keyed = json!({"ips": {"7": {"ipaddress": "10.0.0.2", "version": 4}}});
        assert_eq!(ips_of(&keyed), [ip("10.0.0.2", "ipv4")]);
        assert!(ips_of(&json!({"ips": []})).is_empty());
        assert!(ips_of(&json!({})).is_empty());
    }

    #[test]
    fn ptrs_are_a_map_php_empty_or_a_list() {
        let m = ptrs_of(&parse(RDNS));
        assert_eq!(m.get("103.28.36.11").map(String::as_str), Some("web-01.bkns-demo.vn"));
        assert_eq!(m.len(), 1);
        assert!(ptrs_of(&parse(RDNS_EMPTY)).is_empty());
        assert!(ptrs_of(&json!({"rdns": {}})).is_empty());
        let list = json!({"rdns": [{"ip": "10.0.0.1", "ptr": "host.example.vn"},
                                   {"ip": "10.0.0.2", "hostname": ""}]});
        let m = ptrs_of(&list);
        assert_eq!(m.len(), 1, "an empty name is no PTR");
        assert_eq!(m["10.0.0.1"], "host.example.vn");
        let objects = json!({"rdns": {"10.0.0.3": {"ptr": "x.example.vn"}}});
        assert_eq!(ptrs_of(&objects)["10.0.0.3"], "x.example.vn");
        let bare = json!({"10.0.0.4": "y.example.vn"});
        assert_eq!(ptrs_of(&bare)["10.0.0.4"], "y.example.vn");
    }

    #[test]
    fn the_update_body_keys_hostnames_by_ip() {
        let mut changes = BTreeMap::new();
        changes.insert("103.28.37.50".to_owned(), "ds1.bkns-demo.vn".to_owned());
        changes.insert("2401:5f80:3000::50".to_owned(), String::new());
        let r = set_ptrs_request(&Id("303".into()), &changes);
        assert_eq!(r.endpoint(), "POST /service/303/rdns");
        let body = r.body.unwrap();
        assert_eq!(
            body,
            json!({"ipaddress": {"103.28.37.50": "ds1.bkns-demo.vn", "2401:5f80:3000::50": ""}})
        );
        let example = parse(REQUEST);
        assert_eq!(
            body.as_object().unwrap().keys().collect::<Vec<_>>(),
            example.as_object().unwrap().keys().collect::<Vec<_>>()
        );
    }
}
