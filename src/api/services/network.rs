//! A VM's addresses and network interfaces (catalog endpoints 99-107):
//! its IPs, the pools new addresses come from, assigning one, and the
//! interfaces (list, one, update, add, remove).
//!
//! Undocumented answers, read as the contract gives them
//! (`{"ips": [...]}`, `{"pools": [...]}`, `{"interfaces": [...]}`,
//! `{"interface": {...}}`) and their variants. Query parameters follow the
//! reference (`type`, `iface`, `bridge`: the query string of a GET).

use super::vms::{list_in, Info, TextList};
use super::{get, vm_at};
use crate::api::client::{fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{data_object, FromLoose};
use crate::loose_struct;
use crate::util::percent_encode;
use crate::vocab::{Flag, Id, Text};
use serde::Serialize;
use serde_json::Value;

/// IPv4 or IPv6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpKind {
    V4,
    V6,
}

impl IpKind {
    /// The reference's word: "ipv4" / "ipv6".
    pub fn word(self) -> &'static str {
        match self {
            IpKind::V4 => "ipv4",
            IpKind::V6 => "ipv6",
        }
    }

    /// From a `type` the server sent ("ipv6", "IPv6", "6", "v6"), or else
    /// from the shape of the address.
    pub fn of(kind: &str, address: &str) -> IpKind {
        let k = kind.trim().to_ascii_lowercase();
        if k.ends_with('6') {
            IpKind::V6
        } else if k.ends_with('4') {
            IpKind::V4
        } else if address.contains(':') {
            IpKind::V6
        } else {
            IpKind::V4
        }
    }
}

loose_struct! {
    /// An address of the VM (`GET …/ips`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct IpAddress {
        pub id: Id => ["id", "ip_id"],
        pub ip: Text => ["ip", "address", "ipaddress"],
        pub kind: Text => ["type", "version", "kind"],
        pub iface: Text => ["iface", "interface"],
        pub gateway: Text,
        pub netmask: Text => ["netmask", "mask", "prefix"],
    }
}

impl IpAddress {
    pub fn ip_kind(&self) -> IpKind {
        IpKind::of(self.kind.as_str(), self.ip.as_str())
    }
}

loose_struct! {
    /// A pool new addresses come from (`GET …/ippool`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct IpPool {
        pub id: Id => ["id", "pool_id", "list"],
        pub name: Text => ["name", "label"],
        pub kind: Text => ["type", "version"],
        /// Addresses left ("" when the server does not say).
        pub free: Text => ["free", "available"],
    }
}

impl IpPool {
    pub fn ip_kind(&self) -> IpKind {
        IpKind::of(self.kind.as_str(), "")
    }
    /// No address left, as far as the server says.
    pub fn is_exhausted(&self) -> bool {
        self.free.as_str().trim() == "0"
    }
}

loose_struct! {
    /// A network interface of the VM.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Interface {
        pub id: Id => ["id", "iface", "name"],
        pub name: Text => ["iface", "name", "id"],
        pub mac: Text => ["mac", "macaddress", "hwaddr"],
        pub bridge: Text,
        pub firewall: Flag,
        /// Ids of the VM's addresses on it (`ips[].id`).
        pub ipv4: TextList,
        pub ipv6: TextList,
    }
}

/// What `GET …/ips` is asked for (all fields optional).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IpQuery {
    /// The reference's `type`.
    pub kind: Option<IpKind>,
    pub iface: String,
    /// Ignored by the server when `iface` is given.
    pub bridge: String,
}

impl IpQuery {
    /// `?type=…&iface=…&bridge=…` with only the fields set ("" when none).
    pub fn query(&self) -> String {
        let parts: Vec<String> = [
            ("type", self.kind.map(IpKind::word).unwrap_or_default()),
            ("iface", self.iface.trim()),
            ("bridge", self.bridge.trim()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// `POST …/ippool/@pool` (reference: `{"type", "iface"}`).
#[derive(Serialize, Debug, PartialEq)]
pub struct AssignBody<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub iface: &'a str,
}

/// An interface's settings, for update and add.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InterfaceBody {
    pub firewall: bool,
    /// Ids of the VM's IPv4 addresses to put on it.
    pub ipv4: Vec<Id>,
    pub ipv6: Vec<Id>,
}

/// The wire form of [`InterfaceBody`]: `{"firewall": "1"|"0", "ipv4":
/// [ids], "ipv6": [ids]}` (the reference's names; ids as strings).
#[derive(Serialize)]
struct InterfaceWire<'a> {
    firewall: &'static str,
    ipv4: &'a [Id],
    ipv6: &'a [Id],
}

/// An address just assigned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assigned {
    pub info: Info,
    pub ip: IpAddress,
}

// ------------------------------------------------------------------ requests

fn iface_at(service: &Id, vm: &Id, iface: &Id) -> String {
    vm_at(service, vm, &format!("/interfaces/{}", percent_encode(iface.as_str())))
}

fn pool_query(iface: &str, bridge: &str) -> String {
    IpQuery { kind: None, iface: iface.to_owned(), bridge: bridge.to_owned() }.query()
}

pub fn assign_request(service: &Id, vm: &Id, pool: &Id, kind: IpKind, iface: &str) -> ApiRequest {
    let path = vm_at(service, vm, &format!("/ippool/{}", percent_encode(pool.as_str())));
    ApiRequest::post(path).json(&AssignBody { kind: kind.word(), iface })
}

fn wire(body: &InterfaceBody) -> InterfaceWire<'_> {
    InterfaceWire {
        firewall: if body.firewall { "1" } else { "0" },
        ipv4: &body.ipv4,
        ipv6: &body.ipv6,
    }
}

pub fn update_interface_request(
    service: &Id,
    vm: &Id,
    iface: &Id,
    body: &InterfaceBody,
) -> ApiRequest {
    ApiRequest::put(iface_at(service, vm, iface)).json(&wire(body))
}

pub fn add_interface_request(service: &Id, vm: &Id, body: &InterfaceBody) -> ApiRequest {
    ApiRequest::post(vm_at(service, vm, "/interfaces")).json(&wire(body))
}

pub fn remove_interface_request(service: &Id, vm: &Id, iface: &Id) -> ApiRequest {
    ApiRequest::delete(iface_at(service, vm, iface))
}

// ------------------------------------------------------------------ decoding

fn ips_of(v: &Value) -> Vec<IpAddress> {
    list_in::<IpAddress>(v, "ips").into_iter().filter(|i| !i.ip.as_str().is_empty()).collect()
}

fn pools_of(v: &Value) -> Vec<IpPool> {
    list_in::<IpPool>(v, "pools").into_iter().filter(|p| !p.id.is_empty()).collect()
}

fn interfaces_of(v: &Value) -> Vec<Interface> {
    list_in::<Interface>(v, "interfaces").into_iter().filter(|i| !i.id.is_empty()).collect()
}

fn interface_of(v: &Value) -> Interface {
    data_object(v, &["interface", "iface"]).map(Interface::from_loose).unwrap_or_default()
}

fn assigned_of(v: &Value, info: Info) -> Assigned {
    // the address under "ip" (an object), or the answer itself (`{"ip": "1.2.3.4"}`)
    let ip = data_object(v, &["ip", "address"])
        .filter(|o| o.get("ip").is_some_and(Value::is_string) || o.get("id").is_some())
        .map(IpAddress::from_loose)
        .unwrap_or_default();
    Assigned { info, ip }
}

// ------------------------------------------------------------------ calls

/// `GET /service/@id/vms/@vmid/ips?type=&iface=&bridge=`.
pub async fn ips(service: &Id, vm: &Id, query: &IpQuery) -> Result<Vec<IpAddress>, ApiError> {
    Ok(ips_of(&get(vm_at(service, vm, &format!("/ips{}", query.query()))).await?))
}

/// `GET /service/@id/vms/@vmid/ippool?iface=&bridge=`.
pub async fn pools(
    service: &Id,
    vm: &Id,
    iface: &str,
    bridge: &str,
) -> Result<Vec<IpPool>, ApiError> {
    let path = vm_at(service, vm, &format!("/ippool{}", pool_query(iface, bridge)));
    Ok(pools_of(&get(path).await?))
}

/// `POST /service/@id/vms/@vmid/ippool/@pool` `{type, iface}`.
pub async fn assign_ip(
    service: &Id,
    vm: &Id,
    pool: &Id,
    kind: IpKind,
    iface: &str,
) -> Result<Assigned, ApiError> {
    let (v, info) =
        fetch_with_info::<Value>(assign_request(service, vm, pool, kind, iface)).await?;
    Ok(assigned_of(&v, info))
}

/// `GET /service/@id/vms/@vmid/interfaces`.
pub async fn interfaces(service: &Id, vm: &Id) -> Result<Vec<Interface>, ApiError> {
    Ok(interfaces_of(&get(vm_at(service, vm, "/interfaces")).await?))
}

/// `GET /service/@id/vms/@vmid/interfaces/@iface`.
pub async fn interface(service: &Id, vm: &Id, iface: &Id) -> Result<Interface, ApiError> {
    Ok(interface_of(&get(iface_at(service, vm, iface)).await?))
}

/// `PUT /service/@id/vms/@vmid/interfaces/@iface` `{firewall, ipv4, ipv6}`.
pub async fn update_interface(
    service: &Id,
    vm: &Id,
    iface: &Id,
    body: &InterfaceBody,
) -> Result<Info, ApiError> {
    let req = update_interface_request(service, vm, iface, body);
    Ok(fetch_with_info::<Value>(req).await?.1)
}

/// `POST /service/@id/vms/@vmid/interfaces` `{firewall, ipv4, ipv6}`: the
/// server's messages and the new interface's id ("" when not said).
pub async fn add_interface(
    service: &Id,
    vm: &Id,
    body: &InterfaceBody,
) -> Result<(Info, Id), ApiError> {
    let (v, info) = fetch_with_info::<Value>(add_interface_request(service, vm, body)).await?;
    Ok((info, interface_of(&v).id))
}

/// `DELETE /service/@id/vms/@vmid/interfaces/@iface`.
pub async fn remove_interface(service: &Id, vm: &Id, iface: &Id) -> Result<Info, ApiError> {
    Ok(fetch_with_info::<Value>(remove_interface_request(service, vm, iface)).await?.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(s: &str) -> Id {
        Id::from(s)
    }

    fn fixture(text: &str) -> Value {
        serde_json::from_str(text).expect("fixture is JSON")
    }

    #[test]
    fn the_contract_ips_decode() {
        let ips = ips_of(&fixture(include_str!("../../../fixtures/api/service_vm_ips.json")));
        assert_eq!(ips.len(), 2);
        assert_eq!((ips[0].id.as_str(), ips[0].ip.as_str()), ("9001", "103.28.36.11"));
        assert_eq!(ips[0].ip_kind(), IpKind::V4);
        assert_eq!(ips[0].gateway.as_str(), "103.28.36.1");
        assert_eq!(ips[1].ip_kind(), IpKind::V6);
    }

    #[test]
    fn ip_variants_decode() {
        let v = json!({"ips": {"9001": {"address": "1.2.3.4", "version": 4}, "9002": {"ip": "fe80::1"}, "x": {"id": 3}}});
        let ips = ips_of(&v);
        assert_eq!(ips.len(), 2, "the one without an address is skipped");
        let a = ips.iter().find(|i| i.id.as_str() == "9001").expect("keyed by id");
        assert_eq!((a.ip.as_str(), a.ip_kind()), ("1.2.3.4", IpKind::V4));
        let b = ips.iter().find(|i| i.id.as_str() == "9002").expect("keyed by id");
        assert_eq!(b.ip_kind(), IpKind::V6, "from the shape of the address");
        assert!(ips_of(&json!({"ips": []})).is_empty());
        assert_eq!(IpKind::of("IPv6", "1.2.3.4"), IpKind::V6);
    }

    #[test]
    fn the_ip_query_sends_only_what_is_set() {
        assert_eq!(IpQuery::default().query(), "");
        let q = IpQuery { kind: Some(IpKind::V6), iface: "net0".into(), bridge: String::new() };
        assert_eq!(q.query(), "?type=ipv6&iface=net0");
        let q = IpQuery { kind: None, iface: String::new(), bridge: "vm br".into() };
        assert_eq!(q.query(), "?bridge=vm%20br");
        assert_eq!(pool_query("", ""), "");
        assert_eq!(pool_query("0", "vmbr0"), "?iface=0&bridge=vmbr0");
    }

    #[test]
    fn the_contract_pools_decode() {
        let p = pools_of(&fixture(include_str!("../../../fixtures/api/service_vm_ippool.json")));
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].id.as_str(), p[0].name.as_str(), p[0].free.as_str()),
            ("11", "Public IPv4", "2")
        );
        assert_eq!((p[0].ip_kind(), p[1].ip_kind()), (IpKind::V4, IpKind::V6));
        assert!(!p[0].is_exhausted());
        let p = pools_of(
            &json!([{"id": 3, "name": "x", "type": "ipv4", "free": 0}, {"name": "no id"}]),
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].is_exhausted());
        assert!(
            !pools_of(&json!({"pools": [{"id": 1}]}))[0].is_exhausted(),
            "unknown is not empty"
        );
    }

    #[test]
    fn assigning_sends_type_and_iface_and_reads_the_new_address() {
        let r = assign_request(&id("302"), &id("5001"), &id("11"), IpKind::V4, "net0");
        assert_eq!(r.endpoint(), "POST /service/302/vms/5001/ippool/11");
        assert_eq!(r.body, Some(json!({"type": "ipv4", "iface": "net0"})));
        let v = fixture(include_str!("../../../fixtures/api/service_vm_ippool_post.json"));
        let a = assigned_of(&v, vec!["ip_assigned".into()]);
        assert_eq!((a.ip.id.as_str(), a.ip.ip.as_str()), ("9010", "103.28.36.20"));
        assert_eq!(a.info, ["ip_assigned"]);
        let a = assigned_of(&json!({"ip": "5.6.7.8"}), vec![]);
        assert_eq!(a.ip.ip.as_str(), "5.6.7.8");
        assert_eq!(assigned_of(&json!({}), vec![]).ip, IpAddress::default());
    }

    #[test]
    fn the_contract_interfaces_decode() {
        let l = interfaces_of(&fixture(include_str!(
            "../../../fixtures/api/service_vm_interfaces.json"
        )));
        assert_eq!(l.len(), 1);
        let i = &l[0];
        assert_eq!(
            (i.id.as_str(), i.mac.as_str(), i.bridge.as_str()),
            ("net0", "52:54:00:ab:cd:01", "vmbr0")
        );
        assert!(i.firewall.0);
        assert_eq!(
            (i.ipv4.0.as_slice(), i.ipv6.0.as_slice()),
            (&["9001".to_owned()][..], &["9002".to_owned()][..])
        );
        let one =
            interface_of(&fixture(include_str!("../../../fixtures/api/service_vm_interface.json")));
        assert_eq!(&one, i);
    }

    #[test]
    fn interface_variants_decode() {
        let l = interfaces_of(
            &json!({"interfaces": {"0": {"name": "net0", "firewall": "0", "ipv4": "9001,9003", "ipv6": []}}}),
        );
        assert_eq!((l[0].id.as_str(), l[0].name.as_str()), ("0", "net0"));
        assert!(!l[0].firewall.0);
        assert_eq!(l[0].ipv4.0, ["9001", "9003"]);
        let l = interfaces_of(
            &json!([{"iface": "net1", "firewall": true, "ipv4": [9001, {"id": 9004}]}]),
        );
        assert_eq!(l[0].id.as_str(), "net1");
        assert!(l[0].firewall.0);
        assert_eq!(l[0].ipv4.0, ["9001", "9004"]);
        assert_eq!(interface_of(&json!({"interface": []})).id.as_str(), "");
        assert!(interfaces_of(&json!({"interfaces": []})).is_empty());
    }

    #[test]
    fn interface_bodies_follow_the_reference() {
        let body = InterfaceBody { firewall: true, ipv4: vec![id("9001")], ipv6: vec![] };
        let r = update_interface_request(&id("302"), &id("5001"), &id("net0"), &body);
        assert_eq!(r.endpoint(), "PUT /service/302/vms/5001/interfaces/net0");
        assert_eq!(r.body, Some(json!({"firewall": "1", "ipv4": ["9001"], "ipv6": []})));
        let off = InterfaceBody { firewall: false, ipv4: vec![], ipv6: vec![id("9002")] };
        let r = add_interface_request(&id("302"), &id("5001"), &off);
        assert_eq!(r.endpoint(), "POST /service/302/vms/5001/interfaces");
        assert_eq!(r.body, Some(json!({"firewall": "0", "ipv4": [], "ipv6": ["9002"]})));
        let r = remove_interface_request(&id("302"), &id("5001"), &id("net/1"));
        assert_eq!(
            (r.endpoint(), r.body),
            ("DELETE /service/302/vms/5001/interfaces/net%2F1".into(), None)
        );
        let added = interface_of(&fixture(include_str!(
            "../../../fixtures/api/service_vm_interfaces_post.json"
        )));
        assert_eq!(added.id.as_str(), "net1");
    }
}
