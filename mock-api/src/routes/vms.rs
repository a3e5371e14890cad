//! Section "Services", the cloud calls (catalog endpoints 91-109, 113-115):
//! VMs and their power, rebuild, IPs, IP pools and interfaces; templates,
//! resources (quota) and networks of the service.
//!
//! A service that is not a cloud answers `vms_not_supported`; a cloud that
//! does not offer the call in its `/methods`, `method_not_available` (the
//! per-VM calls go with `GET /service/@id/vms`). Unknown VM:
//! `vm_not_found`; unknown interface: `interface_not_found`. Body fields
//! that are wrong answer `invalid_<field>` (several at once for a new VM).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::services::{err, offered, parse_flag, scalar, with_service};
use crate::auth::Authed;
use crate::body::Payload;
use crate::domain_data::ymd;
use crate::envelope::{info, ApiError};
use crate::service_data::{
    self as data, Action, Iface, IpKind, Kind, Method, Pending, Power, Service, Transit, Usage, Vm,
    VmIp, FLAVORS, KEYPAIRS, LIMITS, NETWORKS_LIST, SECURITY_GROUPS, TEMPLATE_LIST,
};
use crate::state::AppState;

/// Most interfaces a VM may have.
pub const MAX_INTERFACES: usize = 8;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/service/{id}/vms", get(list).post(create))
        .route("/service/{id}/vms/{vmid}", get(detail))
        .route("/service/{id}/vms/{vmid}/start", power(Action::Start))
        .route("/service/{id}/vms/{vmid}/stop", power(Action::Stop))
        .route("/service/{id}/vms/{vmid}/shutdown", power(Action::Shutdown))
        .route("/service/{id}/vms/{vmid}/reboot", power(Action::Reboot))
        .route("/service/{id}/vms/{vmid}/reset", power(Action::Reset))
        .route("/service/{id}/vms/{vmid}/rescue", power(Action::Rescue))
        .route("/service/{id}/vms/{vmid}/unrescue", power(Action::Unrescue))
        .route("/service/{id}/vms/{vmid}/rebuild", post(rebuild))
        .route("/service/{id}/vms/{vmid}/ips", get(vm_ips))
        .route("/service/{id}/vms/{vmid}/ippool", get(pools))
        .route("/service/{id}/vms/{vmid}/ippool/{pool}", post(assign_ip))
        .route("/service/{id}/vms/{vmid}/interfaces", get(interfaces).post(add_interface))
        .route(
            "/service/{id}/vms/{vmid}/interfaces/{iface}",
            get(interface).put(put_interface).delete(delete_interface),
        )
        .route("/service/{id}/templates", get(templates))
        .route("/service/{id}/resources", get(resources))
        .route("/service/{id}/networks", get(networks))
}

// ------------------------------------------------------------------ helpers

/// Refuses VM calls on a service that is not a cloud or does not offer them.
fn cloud(s: &Service, method: Method) -> Result<(), ApiError> {
    if s.kind != Kind::Cloud {
        return Err(err("vms_not_supported"));
    }
    offered(s, method)
}

fn vm_not_found() -> ApiError {
    err("vm_not_found")
}

/// Runs `f` on a VM of the caller's cloud service (settled to the present).
fn with_vm<T>(
    state: &AppState,
    authed: &Authed,
    id: &str,
    vmid: &str,
    f: impl FnOnce(&mut Vm) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    with_service(state, authed, id, |s| {
        cloud(s, data::VMS_GET)?;
        f(s.vm_mut(vmid).ok_or_else(vm_not_found)?)
    })
}

fn addresses(vm: &Vm, kind: IpKind) -> Vec<&str> {
    vm.ips.iter().filter(|ip| ip.kind == kind).map(|ip| ip.ip.as_str()).collect()
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

// ------------------------------------------------------------------ VMs

/// `GET /service/@id/vms` → `{"vms": [{id, label, status, template, ipv4}]}`.
async fn list(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::VMS_GET)?;
        let rows: Vec<Value> = s
            .vms
            .iter()
            .map(|vm| {
                json!({
                    "id": vm.id,
                    "label": vm.label,
                    "status": vm.status(),
                    "template": vm.template_name(),
                    "ipv4": vm.first_ip(IpKind::V4).map(|ip| ip.ip.as_str()).unwrap_or(""),
                })
            })
            .collect();
        Ok(Json(json!({ "vms": rows })))
    })
}

fn vm_json(vm: &Vm) -> Value {
    json!({
        "id": vm.id,
        "label": vm.label,
        "hostname": vm.hostname,
        "status": vm.status(),
        "template": vm.template_name(),
        "template_id": vm.template_id,
        "flavor": vm.flavor,
        "cpu": vm.cpu.to_string(),
        "memory": vm.memory.to_string(),
        "disk": vm.disk.to_string(),
        "ipv4": addresses(vm, IpKind::V4),
        "ipv6": addresses(vm, IpKind::V6),
        "created": ymd(vm.created),
        "rescue": flag(vm.rescue),
    })
}

/// `GET /service/@id/vms/@vmid` → `{"vm": {...}}`.
async fn detail(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| Ok(Json(json!({ "vm": vm_json(vm) }))))
}

/// `POST /service/@id/vms/@vmid/<action>` (no body) → `{"info":
/// ["vm_<action>_sent"]}`; rescue adds `{"rescue": {username, password}}`.
fn power(action: Action) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>,
              authed: Authed,
              Path((id, vmid)): Path<(String, String)>| async move {
            let now = data::now_ms();
            with_vm(&state, &authed, &id, &vmid, |vm| {
                let rescue = vm.act(action, now).map_err(err)?;
                let mut out = json!({ "info": [format!("vm_{}_sent", action.name())] });
                if let Some(password) = rescue {
                    out["rescue"] = json!({ "username": "root", "password": password });
                }
                Ok(Json(out))
            })
        },
    )
}

/// `POST /service/@id/vms/@vmid/rebuild` `{template}` → `{"info":
/// ["vm_rebuild_sent"]}`; unknown template (or one needing a larger disk):
/// `invalid_template`.
async fn rebuild(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
    body: Payload,
) -> Result<Response, ApiError> {
    let now = data::now_ms();
    let template = body.str("template").and_then(|t| data::template(&t));
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let t =
            template.filter(|t| t.min_disk <= vm.disk).ok_or_else(|| err("invalid_template"))?;
        vm.rebuild(t.id, now).map_err(err)?;
        Ok(info("vm_rebuild_sent"))
    })
}

/// A host-name label from a VM label: lower-case ASCII letters, digits, `-`.
fn host_label(label: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in label.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(63).collect();
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// A new VM's fields, checked.
struct NewVm {
    label: String,
    template: &'static data::Template,
    flavor: &'static data::Flavor,
    disk: u32,
}

/// Checks a `POST /service/@id/vms` body; every wrong field is named.
fn check_new_vm(body: &Payload) -> Result<NewVm, ApiError> {
    let mut wrong: Vec<String> = Vec::new();
    let label = body.non_empty("label").map(|l| l.trim().to_string());
    if label.as_ref().is_none_or(|l| l.chars().count() > 64) {
        wrong.push("invalid_label".into());
    }
    let template = body.str("template").and_then(|t| data::template(&t));
    if template.is_none() {
        wrong.push("invalid_template".into());
    }
    let flavor = body.str("flavor").and_then(|f| data::flavor(&f));
    if flavor.is_none() {
        wrong.push("invalid_flavor".into());
    }
    let min = template.map_or(*data::DISK_RANGE.start(), |t| t.min_disk);
    let disk = body.str("disk").and_then(|d| d.trim().parse::<u32>().ok());
    if disk.is_none_or(|d| !data::DISK_RANGE.contains(&d) || d < min) {
        wrong.push("invalid_disk".into());
    }
    let known = |list: &[(&str, &str)], field: &str| {
        body.non_empty(field).is_none_or(|v| list.iter().any(|(id, _)| *id == v.trim()))
    };
    if !known(SECURITY_GROUPS, "security_group") {
        wrong.push("invalid_security_group".into());
    }
    if !known(KEYPAIRS, "keypair") {
        wrong.push("invalid_keypair".into());
    }
    let password = body.str("password").unwrap_or_default();
    let strong = password.chars().count() >= 8
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(char::is_alphabetic);
    if !strong {
        wrong.push("invalid_password".into());
    }
    match (label, template, flavor, disk) {
        (Some(label), Some(template), Some(flavor), Some(disk)) if wrong.is_empty() => {
            Ok(NewVm { label, template, flavor, disk })
        }
        _ => Err(ApiError { status: axum::http::StatusCode::OK, keys: wrong }),
    }
}

/// `POST /service/@id/vms` `{label, template, flavor, disk, security_group,
/// keypair, password}` → `{"info": ["vm_created"], "vm": {"id"}}`; the VM
/// is `starting`, then running, with an address of each pool that has one
/// left. Over the quota: `quota_exceeded`.
async fn create(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let now = data::now_ms();
    let mut db = state.db();
    let services = &mut db.services;
    let s = services.owned(&authed.client_id, &id).ok_or_else(|| err("service_not_found"))?;
    cloud(s, data::VMS_POST)?;
    let new = check_new_vm(&body)?;
    let used = s.usage();
    let after = Usage {
        cpu: used.cpu + new.flavor.cpu,
        memory: used.memory + new.flavor.memory,
        disk: used.disk + new.disk,
        vms: used.vms + 1,
        ipv4: used.ipv4,
    };
    if after.cpu > LIMITS.cpu
        || after.memory > LIMITS.memory
        || after.disk > LIMITS.disk
        || after.vms > LIMITS.vms
    {
        return Err(err("quota_exceeded"));
    }
    let parent = s.domain.split_once('.').map_or(s.domain.clone(), |(_, rest)| rest.to_string());
    let vm_id = services.new_vm_id();
    let mac = services.new_mac();
    let ip_ids = [services.new_ip_id(), services.new_ip_id()];
    let s = services.owned_mut(&authed.client_id, &id).ok_or_else(|| err("service_not_found"))?;
    let mut ips = Vec::new();
    for (kind, ip_id) in [IpKind::V4, IpKind::V6].into_iter().zip(ip_ids) {
        let pool = s.pools.iter_mut().find(|p| p.kind == kind && !p.free.is_empty());
        if let Some(pool) = pool {
            let ip = pool.free.remove(0);
            ips.push(VmIp { id: ip_id, ip, kind, iface: "net0".into() });
        }
    }
    s.vms.push(Vm {
        hostname: format!("{}.{parent}", host_label(&new.label, &format!("vm-{vm_id}"))),
        id: vm_id.clone(),
        label: new.label,
        template_id: new.template.id.to_string(),
        flavor: new.flavor.id.to_string(),
        cpu: new.flavor.cpu,
        memory: new.flavor.memory,
        disk: new.disk,
        created: crate::domain_data::today(),
        power: Power::Stopped,
        rescue: false,
        pending: Some(Pending {
            transit: Transit::Starting,
            since_ms: now,
            then: Power::Running,
            template: None,
        }),
        ips,
        interfaces: vec![Iface { id: "net0".into(), mac, bridge: "vmbr0".into(), firewall: true }],
    });
    Ok(Json(json!({ "info": ["vm_created"], "vm": { "id": vm_id } })))
}

// ------------------------------------------------------------------ service catalogues

/// `GET /service/@id/templates` → `{"templates": [{id, name, os, min_disk?}]}`.
async fn templates(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::TEMPLATES)?;
        let rows: Vec<Value> = TEMPLATE_LIST
            .iter()
            .map(|t| {
                let mut row = json!({ "id": t.id, "name": t.name, "os": t.os });
                if t.min_disk > *data::DISK_RANGE.start() {
                    row["min_disk"] = json!(t.min_disk.to_string());
                }
                row
            })
            .collect();
        Ok(Json(json!({ "templates": rows })))
    })
}

fn meter(used: u32, limit: u32, unit: &str) -> Value {
    json!({ "used": used.to_string(), "limit": limit.to_string(), "unit": unit })
}

/// `GET /service/@id/resources` → `{resources: {cpu, memory, disk,
/// bandwidth, vms, ipv4: {used, limit, unit}}, flavors, security_groups,
/// keypairs}`; the use follows the live VMs.
async fn resources(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::RESOURCES)?;
        let u = s.usage();
        let pairs = |list: &[(&str, &str)]| -> Vec<Value> {
            list.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect()
        };
        let flavors: Vec<Value> = FLAVORS
            .iter()
            .map(|f| {
                json!({ "id": f.id, "name": f.name, "cpu": f.cpu.to_string(), "memory": f.memory.to_string() })
            })
            .collect();
        Ok(Json(json!({
            "resources": {
                "cpu": meter(u.cpu, LIMITS.cpu, "vCPU"),
                "memory": meter(u.memory, LIMITS.memory, "MB"),
                "disk": meter(u.disk, LIMITS.disk, "GB"),
                "bandwidth": meter(data::BANDWIDTH.0, data::BANDWIDTH.1, "GB"),
                "vms": meter(u.vms, LIMITS.vms, ""),
                "ipv4": meter(u.ipv4, LIMITS.ipv4, ""),
            },
            "flavors": flavors,
            "security_groups": pairs(SECURITY_GROUPS),
            "keypairs": pairs(KEYPAIRS),
        })))
    })
}

/// `GET /service/@id/networks` → `{"networks": [{id, name, type, cidr}]}`.
async fn networks(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::NETWORKS)?;
        let rows: Vec<Value> = NETWORKS_LIST
            .iter()
            .map(|(id, name, kind, cidr)| json!({ "id": id, "name": name, "type": kind, "cidr": cidr }))
            .collect();
        Ok(Json(json!({ "networks": rows })))
    })
}

// ------------------------------------------------------------------ IPs and pools

/// The interface named by `iface` (name or number), else the interfaces on
/// `bridge`; `None` means no filter. An unknown name matches nothing.
fn iface_filter(vm: &Vm, q: &HashMap<String, String>) -> Option<Vec<String>> {
    let given = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    if let Some(name) = given("iface") {
        return Some(
            vm.iface_index(name).map(|i| vm.interfaces[i].id.clone()).into_iter().collect(),
        );
    }
    let bridge = given("bridge")?;
    Some(vm.interfaces.iter().filter(|i| i.bridge == bridge).map(|i| i.id.clone()).collect())
}

/// `GET /service/@id/vms/@vmid/ips?type=&iface=&bridge=` → `{"ips": [{id,
/// ip, type, iface, gateway, netmask}]}`.
async fn vm_ips(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let kind = q.get("type").map(|t| t.trim()).filter(|t| !t.is_empty());
        let ifaces = iface_filter(vm, &q);
        let rows: Vec<Value> = vm
            .ips
            .iter()
            .filter(|ip| kind.is_none_or(|k| IpKind::parse(k) == Some(ip.kind)))
            .filter(|ip| ifaces.as_ref().is_none_or(|list| list.contains(&ip.iface)))
            .map(|ip| {
                let (gateway, netmask) = data::gateway(ip.kind);
                json!({
                    "id": ip.id, "ip": ip.ip, "type": ip.kind.name(), "iface": ip.iface,
                    "gateway": gateway, "netmask": netmask,
                })
            })
            .collect();
        Ok(Json(json!({ "ips": rows })))
    })
}

/// `GET /service/@id/vms/@vmid/ippool?iface=&bridge=` → `{"pools": [{id,
/// name, type, free}]}` (the pools of the interface's bridge).
async fn pools(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::VMS_GET)?;
        let vm = s.vm(&vmid).ok_or_else(vm_not_found)?;
        let bridges: Option<Vec<String>> = iface_filter(vm, &q).map(|ids| {
            vm.interfaces.iter().filter(|i| ids.contains(&i.id)).map(|i| i.bridge.clone()).collect()
        });
        let rows: Vec<Value> = s
            .pools
            .iter()
            .filter(|p| bridges.as_ref().is_none_or(|b| b.contains(&p.bridge)))
            .map(|p| {
                json!({ "id": p.id, "name": p.name, "type": p.kind.name(), "free": p.free.len().to_string() })
            })
            .collect();
        Ok(Json(json!({ "pools": rows })))
    })
}

/// `POST /service/@id/vms/@vmid/ippool/@pool` `{type, iface}` → `{"info":
/// ["ip_assigned"], "ip": {id, ip, type}}`. Both fields are optional (the
/// pool's type, the first interface); wrong ones: `invalid_type`,
/// `invalid_iface`; unknown pool `invalid_pool`; none left
/// `ip_pool_exhausted`.
async fn assign_ip(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid, pool)): Path<(String, String, String)>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let kind = body.non_empty("type");
    let iface = body.non_empty("iface");
    let ip_id = state.db().services.new_ip_id();
    with_service(&state, &authed, &id, |s| {
        cloud(s, data::VMS_GET)?;
        let vm = s.vm(&vmid).ok_or_else(vm_not_found)?;
        let iface = match &iface {
            Some(name) => vm.iface_index(name).ok_or_else(|| err("invalid_iface"))?,
            None => 0,
        };
        let iface =
            vm.interfaces.get(iface).map(|i| i.id.clone()).ok_or_else(|| err("invalid_iface"))?;
        let p =
            s.pools.iter_mut().find(|p| p.id == pool.trim()).ok_or_else(|| err("invalid_pool"))?;
        if kind.as_deref().is_some_and(|k| IpKind::parse(k) != Some(p.kind)) {
            return Err(err("invalid_type"));
        }
        if p.free.is_empty() {
            return Err(err("ip_pool_exhausted"));
        }
        let ip = VmIp { id: ip_id, ip: p.free.remove(0), kind: p.kind, iface };
        let out = json!({ "info": ["ip_assigned"], "ip": { "id": ip.id, "ip": ip.ip, "type": ip.kind.name() } });
        s.vm_mut(&vmid).ok_or_else(vm_not_found)?.ips.push(ip);
        Ok(Json(out))
    })
}

// ------------------------------------------------------------------ interfaces

fn iface_json(vm: &Vm, i: &Iface) -> Value {
    json!({
        "id": i.id,
        "iface": i.id,
        "mac": i.mac,
        "bridge": i.bridge,
        "firewall": flag(i.firewall),
        "ipv4": vm.iface_ips(&i.id, IpKind::V4),
        "ipv6": vm.iface_ips(&i.id, IpKind::V6),
    })
}

fn iface_not_found() -> ApiError {
    err("interface_not_found")
}

/// `GET /service/@id/vms/@vmid/interfaces` → `{"interfaces": [{id, iface,
/// mac, bridge, firewall, ipv4: [ip ids], ipv6: [ip ids]}]}`.
async fn interfaces(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let rows: Vec<Value> = vm.interfaces.iter().map(|i| iface_json(vm, i)).collect();
        Ok(Json(json!({ "interfaces": rows })))
    })
}

/// `GET …/interfaces/@iface` (`net0` or `0`) → `{"interface": {...}}`.
async fn interface(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid, iface)): Path<(String, String, String)>,
) -> Result<Json<Value>, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let i = vm.iface_index(&iface).ok_or_else(iface_not_found)?;
        Ok(Json(json!({ "interface": iface_json(vm, &vm.interfaces[i]) })))
    })
}

/// A list of IP ids: an array, or one string of ids separated by commas or
/// spaces, or a number. `None` when absent (leave as is).
fn id_list(v: Option<&Value>) -> Result<Option<Vec<String>>, ApiError> {
    let ids = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| scalar(x).ok_or_else(|| err("invalid_ip")))
            .collect::<Result<_, _>>()?,
        Some(Value::String(s)) => s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::Number(n)) => vec![n.to_string()],
        Some(_) => return Err(err("invalid_ip")),
    };
    let ids: Vec<String> = ids.into_iter().filter(|x: &String| !x.is_empty()).collect();
    Ok(Some(ids))
}

/// The body of `PUT`/`POST …/interfaces`: firewall and the IP ids per kind.
struct IfaceBody {
    firewall: Option<bool>,
    ips: [(IpKind, Option<Vec<String>>); 2],
}

fn iface_body(vm: &Vm, body: &Payload) -> Result<IfaceBody, ApiError> {
    let firewall = match body.0.get("firewall") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_flag(v).ok_or_else(|| err("invalid_firewall"))?),
    };
    let v4 = id_list(body.0.get("ipv4"))?;
    let v6 = id_list(body.0.get("ipv6"))?;
    for (kind, list) in [(IpKind::V4, &v4), (IpKind::V6, &v6)] {
        for ip_id in list.iter().flatten() {
            if !vm.ips.iter().any(|ip| &ip.id == ip_id && ip.kind == kind) {
                return Err(err("invalid_ip"));
            }
        }
    }
    Ok(IfaceBody { firewall, ips: [(IpKind::V4, v4), (IpKind::V6, v6)] })
}

/// Puts the listed addresses on `iface` and takes the others of those kinds off.
fn apply_ips(vm: &mut Vm, iface: &str, body: &IfaceBody) {
    for (kind, list) in &body.ips {
        let Some(list) = list else { continue };
        for ip in vm.ips.iter_mut().filter(|ip| ip.kind == *kind) {
            if list.contains(&ip.id) {
                ip.iface = iface.to_string();
            } else if ip.iface == iface {
                ip.iface.clear();
            }
        }
    }
}

/// `PUT …/interfaces/@iface` `{firewall, ipv4: [ip ids], ipv6: [ip ids]}`
/// → `{"info": ["interface_updated"]}`; an id the VM does not have:
/// `invalid_ip`.
async fn put_interface(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid, iface)): Path<(String, String, String)>,
    body: Payload,
) -> Result<Response, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let i = vm.iface_index(&iface).ok_or_else(iface_not_found)?;
        let parsed = iface_body(vm, &body)?;
        let name = vm.interfaces[i].id.clone();
        if let Some(on) = parsed.firewall {
            vm.interfaces[i].firewall = on;
        }
        apply_ips(vm, &name, &parsed);
        Ok(info("interface_updated"))
    })
}

/// `POST …/interfaces` (same body) → `{"info": ["interface_added"],
/// "interface": {"id": "net1"}}`; at most 8: `quota_exceeded`.
async fn add_interface(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid)): Path<(String, String)>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let mac = state.db().services.new_mac();
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let parsed = iface_body(vm, &body)?;
        if vm.interfaces.len() >= MAX_INTERFACES {
            return Err(err("quota_exceeded"));
        }
        let n =
            (0..).find(|n| !vm.interfaces.iter().any(|i| i.id == format!("net{n}"))).unwrap_or(0);
        let name = format!("net{n}");
        vm.interfaces.push(Iface {
            id: name.clone(),
            mac,
            bridge: "vmbr0".into(),
            firewall: parsed.firewall.unwrap_or(true),
        });
        apply_ips(vm, &name, &parsed);
        Ok(Json(json!({ "info": ["interface_added"], "interface": { "id": name } })))
    })
}

/// `DELETE …/interfaces/@iface` → `{"info": ["interface_removed"]}`; its
/// addresses stay with the VM, on no interface. The last one:
/// `interface_last`.
async fn delete_interface(
    State(state): State<AppState>,
    authed: Authed,
    Path((id, vmid, iface)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    with_vm(&state, &authed, &id, &vmid, |vm| {
        let i = vm.iface_index(&iface).ok_or_else(iface_not_found)?;
        if vm.interfaces.len() == 1 {
            return Err(err("interface_last"));
        }
        let gone = vm.interfaces.remove(i);
        for ip in vm.ips.iter_mut().filter(|ip| ip.iface == gone.id) {
            ip.iface.clear();
        }
        Ok(info("interface_removed"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        assert_eq!(host_label("Web 02", "x"), "web-02");
        assert_eq!(host_label("  --máy chủ--  ", "x"), "m-y-ch");
        assert_eq!(host_label("…", "vm-5003"), "vm-5003");
    }

    #[test]
    fn id_lists() {
        assert_eq!(id_list(None), Ok(None));
        assert_eq!(
            id_list(Some(&json!(["9001", 9002]))),
            Ok(Some(vec!["9001".into(), "9002".into()]))
        );
        assert_eq!(
            id_list(Some(&json!("9001, 9003"))),
            Ok(Some(vec!["9001".into(), "9003".into()]))
        );
        assert_eq!(id_list(Some(&json!(""))), Ok(Some(vec![])));
        assert_eq!(id_list(Some(&json!({"a": 1}))), Err(err("invalid_ip")));
    }
}
