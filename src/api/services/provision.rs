//! Creating a virtual machine: the OS templates (also used by rebuild),
//! the quota and offers, the networks, and the create call.
//!
//! None of these answers has an example in the reference; the shapes are
//! those of fixtures/api/contract-services.md (fixtures/api/service_resources.json,
//! service_networks.json, service_vm_create.json), read loosely:
//! - `GET /service/@id/resources`: `{"resources": {"cpu": {"used", "limit",
//!   "unit"}, ...}, "flavors": [...], "security_groups": [...],
//!   "keypairs": [...]}`; a kind may also come as a list item naming itself
//!   (`{"name": "cpu", ...}`), figures as numbers or strings, the limit as
//!   `limit`/`max`/`total`/`quota` or as `used` + `available`/`free`; a
//!   negative, missing or "unlimited" limit means none.
//! - `POST /service/@id/vms`: the reference's body (`label`, `template`,
//!   `flavor`, `disk`, `security_group`, `keypair`, `password`), empty
//!   optional fields left out; the answer names the new VM under `vm.id`
//!   (also `vm_id` or `id`).

use super::{at, get};
use crate::api::client::{fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{field, list_at, read, scalar_text, Decimal};
use crate::loose_struct;
use crate::vocab::{Id, Text};
use serde_json::{json, Map, Value};

loose_struct! {
    /// An OS image a VM can be created or rebuilt from
    /// (`GET /service/@id/templates`, undocumented: `{"templates": [...]}`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Template {
        pub id: Id => ["id", "template_id"],
        pub name: Text => ["name", "label", "title"],
        /// "linux", "windows", ...
        pub os: Text => ["os", "type", "distro"],
        /// The smallest disk it needs (GB), when the server says.
        pub min_disk: Text => ["min_disk", "mindisk"],
    }
}

/// `GET /service/@id/templates`: the templates that have an id.
pub async fn templates(service: &Id) -> Result<Vec<Template>, ApiError> {
    Ok(templates_of(&get(at(service, "/templates")).await?))
}

fn templates_of(v: &Value) -> Vec<Template> {
    list_at::<Template>(v, "templates").into_iter().filter(|t| !t.id.is_empty()).collect()
}

// ------------------------------------------------------------------ resources

/// How much of one resource the service uses, out of how much.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Usage {
    /// "cpu", "memory", "disk", "bandwidth", "vms", "ipv4", ... (lower case)
    pub kind: String,
    pub used: f64,
    /// None: no limit (or none said).
    pub limit: Option<f64>,
    /// "vCPU", "MB", "GB", or empty for counts.
    pub unit: String,
}

loose_struct! {
    /// A VM size offered (`flavors`): its vCPUs and memory (MB).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Flavor {
        pub id: Id => ["id", "flavor_id"],
        pub name: Text => ["name", "label", "title"],
        pub cpu: Text => ["cpu", "vcpu", "vcpus", "cpus", "cores"],
        pub memory: Text => ["memory", "ram", "mem"],
    }
}

loose_struct! {
    /// A security group or an SSH key pair offered for a new VM.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Offer {
        pub id: Id => ["id", "name"],
        pub name: Text => ["name", "label", "title", "id"],
    }
}

/// `GET /service/@id/resources`: the usage of each kind, and what a new
/// VM can be made of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resources {
    /// Known kinds first (cpu, memory, disk, bandwidth, vms, ipv4, ipv6),
    /// then the others by name.
    pub usage: Vec<Usage>,
    pub flavors: Vec<Flavor>,
    pub security_groups: Vec<Offer>,
    pub keypairs: Vec<Offer>,
}

impl Resources {
    /// The usage of `kind`, if the server reports it.
    pub fn of(&self, kind: &str) -> Option<&Usage> {
        self.usage.iter().find(|u| u.kind == kind)
    }
}

/// The order usage is shown in.
const KINDS: [&str; 7] = ["cpu", "memory", "disk", "bandwidth", "vms", "ipv4", "ipv6"];

/// Keys that are offers, not usage, when the kinds sit at the top level.
const NOT_USAGE: [&str; 4] = ["flavors", "security_groups", "keypairs", "info"];

/// A figure: a number or numeric text (`"6"`, `6`, `"312.5"`).
fn number(v: &Value) -> Option<f64> {
    let d = Decimal::parse(&scalar_text(v))?;
    d.to_string().parse::<f64>().ok().filter(|f| f.is_finite())
}

fn usage_of(kind: &str, v: &Value) -> Option<Usage> {
    if !v.is_object() {
        return None;
    }
    let used = number(field(v, &["used", "usage", "current", "value"])).unwrap_or(0.0);
    let limit = match number(field(v, &["limit", "max", "total", "quota"])) {
        Some(l) => Some(l),
        None => number(field(v, &["available", "free", "left"])).map(|a| used + a),
    }
    .filter(|l| *l >= 0.0);
    let unit = read::<Text>(v, &["unit", "units"]).0;
    Some(Usage { kind: kind.trim().to_ascii_lowercase(), used, limit, unit })
}

fn usage_list(v: &Value) -> Vec<Usage> {
    let mut out: Vec<Usage> = match v {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !NOT_USAGE.contains(&k.as_str()))
            .filter_map(|(k, x)| usage_of(k, x))
            .collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|x| usage_of(&read::<Text>(x, &["name", "kind", "type", "id"]).0, x))
            .collect(),
        _ => Vec::new(),
    };
    out.retain(|u| !u.kind.is_empty());
    let rank = |k: &str| KINDS.iter().position(|x| *x == k).unwrap_or(KINDS.len());
    out.sort_by(|a, b| rank(&a.kind).cmp(&rank(&b.kind)).then_with(|| a.kind.cmp(&b.kind)));
    out
}

fn resources_of(v: &Value) -> Resources {
    // The kinds sit under "resources", or at the top level next to the offers.
    let usage = match v.get("resources") {
        Some(r) => usage_list(r),
        None => usage_list(v),
    };
    let offers = |key: &str| -> Vec<Offer> {
        list_at::<Offer>(v, key).into_iter().filter(|o| !o.id.is_empty()).collect()
    };
    Resources {
        usage,
        flavors: list_at::<Flavor>(v, "flavors").into_iter().filter(|f| !f.id.is_empty()).collect(),
        security_groups: offers("security_groups"),
        keypairs: offers("keypairs"),
    }
}

/// `GET /service/@id/resources`.
pub async fn resources(service: &Id) -> Result<Resources, ApiError> {
    Ok(resources_of(&get(at(service, "/resources")).await?))
}

// ------------------------------------------------------------------ networks

loose_struct! {
    /// A network a new VM joins (`GET /service/@id/networks`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Network {
        pub id: Id => ["id", "network_id"],
        pub name: Text => ["name", "label", "title"],
        /// "public" or "private"
        pub kind: Text => ["type", "kind"],
        pub cidr: Text => ["cidr", "subnet", "network", "range"],
    }
}

fn networks_of(v: &Value) -> Vec<Network> {
    list_at::<Network>(v, "networks")
        .into_iter()
        .filter(|n| !n.id.is_empty() || !n.name.0.is_empty())
        .collect()
}

/// `GET /service/@id/networks`.
pub async fn networks(service: &Id) -> Result<Vec<Network>, ApiError> {
    Ok(networks_of(&get(at(service, "/networks")).await?))
}

// ------------------------------------------------------------------ create

/// What the create form sends (`POST /service/@id/vms`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewVm {
    pub label: String,
    pub template: String,
    pub flavor: String,
    /// GB
    pub disk: String,
    /// Empty: the server's default.
    pub security_group: String,
    /// Empty: none.
    pub keypair: String,
    pub password: String,
}

/// The request that creates a VM: the reference's fields, optional ones
/// left out when empty.
pub fn create_vm_request(service: &Id, vm: &NewVm) -> ApiRequest {
    let mut body = Map::new();
    for (k, v, required) in [
        ("label", &vm.label, true),
        ("template", &vm.template, true),
        ("flavor", &vm.flavor, true),
        ("disk", &vm.disk, true),
        ("security_group", &vm.security_group, false),
        ("keypair", &vm.keypair, false),
        ("password", &vm.password, false),
    ] {
        let v = if k == "password" { v.as_str() } else { v.trim() };
        if required || !v.is_empty() {
            body.insert(k.to_owned(), json!(v));
        }
    }
    ApiRequest::post(at(service, "/vms")).json(&Value::Object(body))
}

/// The new VM's id in the answer, when there is one.
fn created_id(v: &Value) -> Option<Id> {
    let id = match v.get("vm") {
        Some(vm) if vm.is_object() => read::<Id>(vm, &["id", "vm_id"]),
        Some(vm) if !vm.is_null() => Id(scalar_text(vm)),
        _ => read::<Id>(v, &["vm_id", "id"]),
    };
    (!id.is_empty()).then_some(id)
}

/// `POST /service/@id/vms`: the new VM's id (when the server names it)
/// and the server's `info` messages.
pub async fn create_vm(service: &Id, vm: &NewVm) -> Result<(Option<Id>, Vec<String>), ApiError> {
    let (v, info) = fetch_with_info::<Value>(create_vm_request(service, vm)).await?;
    Ok((created_id(&v), info))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOURCES: &str = include_str!("../../../fixtures/api/service_resources.json");
    const NETWORKS: &str = include_str!("../../../fixtures/api/service_networks.json");
    const CREATED: &str = include_str!("../../../fixtures/api/service_vm_create.json");
    const CREATE_REQUEST: &str =
        include_str!("../../../fixtures/api/service_vm_create.request.json");

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn templates_are_read_from_a_list_or_a_keyed_object() {
        let list = json!({"templates": [
            {"id": "ubuntu-22.04", "name": "Ubuntu 22.04 LTS", "os": "linux"},
            {"id": 7, "name": "Windows Server 2022", "os": "windows", "min_disk": 40},
            {"name": "no id"}
        ]});
        let t = templates_of(&list);
        assert_eq!(t.len(), 2);
        assert_eq!((t[1].id.as_str(), t[1].min_disk.as_str()), ("7", "40"));
        let keyed = json!({"templates": {"debian-12": {"name": "Debian 12"}}});
        assert_eq!(templates_of(&keyed)[0].id.as_str(), "debian-12");
        assert!(templates_of(&json!({"templates": []})).is_empty());
    }

    #[test]
    fn the_contract_resources_are_read_in_display_order() {
        let r = resources_of(&parse(RESOURCES));
        let kinds: Vec<&str> = r.usage.iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(kinds, ["cpu", "memory", "disk", "bandwidth", "vms", "ipv4"]);
        let cpu = r.of("cpu").unwrap();
        assert_eq!((cpu.used, cpu.limit, cpu.unit.as_str()), (6.0, Some(8.0), "vCPU"));
        assert_eq!(r.of("memory").unwrap().limit, Some(8192.0));
        assert_eq!(r.of("vms").unwrap().unit, "");
        assert_eq!(r.flavors.len(), 4);
        assert_eq!(
            (r.flavors[1].id.as_str(), r.flavors[1].cpu.as_str(), r.flavors[1].memory.as_str()),
            ("s2", "2", "2048")
        );
        assert_eq!(r.security_groups[1].name.as_str(), "web (80, 443, 22)");
        assert_eq!(r.keypairs[0].id.as_str(), "kp-1");
    }

    #[test]
    fn usage_figures_are_read_loosely() {
        let v = json!({"resources": [
            {"name": "Disk", "used": 120, "available": "80", "unit": "GB"},
            {"name": "bandwidth", "usage": "312.5", "max": "unlimited"},
            {"kind": "cpu", "used": "2", "limit": -1},
            {"used": 1, "limit": 2},
            "garbage"
        ]});
        let r = resources_of(&v);
        let kinds: Vec<&str> = r.usage.iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(kinds, ["cpu", "disk", "bandwidth"], "unnamed items are dropped");
        assert_eq!(r.of("disk").unwrap().limit, Some(200.0), "used + available");
        assert_eq!(r.of("bandwidth").unwrap().used, 312.5);
        assert_eq!(r.of("bandwidth").unwrap().limit, None, "unlimited");
        assert_eq!(r.of("cpu").unwrap().limit, None, "-1 is no limit");
        // the kinds at the top level, offers beside them, PHP [] for none
        let top = json!({"cpu": {"used": 1, "limit": 4}, "flavors": [], "keypairs": []});
        let r = resources_of(&top);
        assert_eq!(r.usage.len(), 1);
        assert!(r.flavors.is_empty() && r.keypairs.is_empty() && r.security_groups.is_empty());
        assert_eq!(resources_of(&json!({"resources": []})), Resources::default());
        // offers keyed by id, numbers for figures
        let keyed = json!({"flavors": {"s1": {"name": "1 vCPU", "vcpu": 1, "ram": 1024}},
                           "security_groups": {"sg-1": "default"}});
        let r = resources_of(&keyed);
        assert_eq!((r.flavors[0].id.as_str(), r.flavors[0].memory.as_str()), ("s1", "1024"));
        assert_eq!(r.security_groups[0].name.as_str(), "default");
    }

    #[test]
    fn networks_are_read_from_the_contract_and_variants() {
        let n = networks_of(&parse(NETWORKS));
        assert_eq!(n.len(), 2);
        assert_eq!(
            (n[0].name.as_str(), n[0].kind.as_str(), n[0].cidr.as_str()),
            ("Public", "public", "103.28.36.0/24")
        );
        let keyed = json!({"networks": {"net-1": {"name": "LAN", "subnet": "10.0.0.0/8"}}});
        assert_eq!(networks_of(&keyed)[0].cidr.as_str(), "10.0.0.0/8");
        assert!(networks_of(&json!({"networks": []})).is_empty());
    }

    #[test]
    fn the_create_body_has_the_reference_fields() {
        let vm = NewVm {
            label: " web-03 ".into(),
            template: "ubuntu-24.04".into(),
            flavor: "s2".into(),
            disk: "40".into(),
            security_group: "sg-web".into(),
            keypair: "kp-1".into(),
            password: " Secret-Pass 9".into(),
        };
        let r = create_vm_request(&Id("302".into()), &vm);
        assert_eq!(r.endpoint(), "POST /service/302/vms");
        let body = r.body.unwrap();
        assert_eq!(
            body,
            json!({"label": "web-03", "template": "ubuntu-24.04", "flavor": "s2", "disk": "40",
                   "security_group": "sg-web", "keypair": "kp-1", "password": " Secret-Pass 9"})
        );
        // the same keys as the reference's example
        let example = parse(CREATE_REQUEST);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&body), keys(&example));
        // optional fields left out when empty; required ones always sent
        let bare = NewVm { label: "a".into(), ..NewVm::default() };
        let body = create_vm_request(&Id("302".into()), &bare).body.unwrap();
        assert_eq!(body, json!({"label": "a", "template": "", "flavor": "", "disk": ""}));
    }

    #[test]
    fn the_new_vm_id_is_found_where_it_may_be() {
        assert_eq!(created_id(&parse(CREATED)), Some(Id("5003".into())));
        assert_eq!(created_id(&json!({"vm_id": 77})), Some(Id("77".into())));
        assert_eq!(created_id(&json!({"vm": "78"})), Some(Id("78".into())));
        assert_eq!(created_id(&json!({"vm": []})), None);
        assert_eq!(created_id(&json!({"success": true})), None);
    }
}
