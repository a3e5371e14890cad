//! The virtual machines of a cloud service (catalog endpoints 91-98, 114,
//! 115): the list, one VM, the power commands, rescue and rebuild.
//!
//! None of these answers is documented; the shapes read are the contract's
//! (`{"vms": [...]}`, `{"vm": {...}}`, `{"info": [...]}`, rescue's
//! `{"rescue": {"username", "password"}}`) and their obvious variants:
//! numbers for strings, a keyed object for a list, an address list as a
//! string, `[]` for nothing.

use super::{at, get, vm_at};
use crate::api::client::{fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{data_object, field, scalar_text, FromLoose, LooseList};
use crate::loose_struct;
use crate::vocab::{Flag, Id, Text};
use serde::Serialize;
use serde_json::Value;

/// Success messages of a write (`{"info": [...]}`), shown translated.
pub type Info = Vec<String>;

/// What a VM is doing, as the server says it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum VmStatus {
    Running,
    Stopped,
    Starting,
    Stopping,
    Rebooting,
    Rebuilding,
    Rescue,
    /// A word we do not know (or nothing), kept as sent.
    Other(String),
    #[default]
    Unknown,
}

impl VmStatus {
    /// Reads the server's word (any case, a few synonyms).
    pub fn parse(raw: &str) -> VmStatus {
        let word = raw.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match word.as_str() {
            "" => VmStatus::Unknown,
            "running" | "online" | "on" | "active" | "started" => VmStatus::Running,
            "stopped" | "offline" | "off" | "shutoff" | "shut_off" | "poweroff" => {
                VmStatus::Stopped
            }
            "starting" | "booting" | "powering_on" => VmStatus::Starting,
            "stopping" | "shutting_down" | "powering_off" => VmStatus::Stopping,
            "rebooting" | "restarting" | "resetting" => VmStatus::Rebooting,
            "rebuilding" | "reinstalling" | "installing" => VmStatus::Rebuilding,
            "rescue" | "rescued" | "in_rescue" | "rescue_mode" => VmStatus::Rescue,
            _ => VmStatus::Other(raw.trim().to_owned()),
        }
    }

    /// On its way from one state to another: power commands wait.
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            VmStatus::Starting | VmStatus::Stopping | VmStatus::Rebooting | VmStatus::Rebuilding
        )
    }

    /// The word, for i18n keys (`vms.status.<word>`) and styles; "other"
    /// for a word we do not know.
    pub fn word(&self) -> &'static str {
        match self {
            VmStatus::Running => "running",
            VmStatus::Stopped => "stopped",
            VmStatus::Starting => "starting",
            VmStatus::Stopping => "stopping",
            VmStatus::Rebooting => "rebooting",
            VmStatus::Rebuilding => "rebuilding",
            VmStatus::Rescue => "rescue",
            VmStatus::Other(_) | VmStatus::Unknown => "other",
        }
    }
}

impl FromLoose for VmStatus {
    fn from_loose(v: &Value) -> Self {
        VmStatus::parse(&scalar_text(v))
    }
}

/// Addresses or ids sent as a list (`["a", "b"]`, `[{"ip": "a"}]`), a keyed
/// object, or one string (`"a"`, `"a, b"`). Objects give their first field
/// among `ip`, `address`, `ipaddress`, `id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextList(pub Vec<String>);

impl FromLoose for TextList {
    fn from_loose(v: &Value) -> Self {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => o.values().collect(),
            Value::String(s) => {
                return TextList(
                    s.split([',', ' ', ';'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                )
            }
            Value::Number(_) => vec![v],
            _ => Vec::new(),
        };
        TextList(
            items
                .into_iter()
                .map(|i| match i {
                    Value::Object(_) => {
                        scalar_text(field(i, &["ip", "address", "ipaddress", "id"]))
                    }
                    other => scalar_text(other),
                })
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    }
}

loose_struct! {
    /// A line of `GET /service/@id/vms`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct VmRow {
        pub id: Id => ["id", "vmid", "vm_id"],
        pub label: Text => ["label", "name", "hostname"],
        pub status: VmStatus => ["status", "state", "power"],
        pub template: Text => ["template", "os", "template_name"],
        pub ipv4: TextList => ["ipv4", "ip", "ips"],
    }
}

loose_struct! {
    /// `GET /service/@id/vms/@vmid`: one VM.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct VmDetails {
        pub id: Id => ["id", "vmid", "vm_id"],
        pub label: Text => ["label", "name"],
        pub hostname: Text,
        pub status: VmStatus => ["status", "state", "power"],
        pub template: Text => ["template", "os", "template_name"],
        pub template_id: Id => ["template_id", "os_id"],
        pub flavor: Text => ["flavor", "plan"],
        /// vCPUs.
        pub cpu: Text => ["cpu", "cpus", "vcpu"],
        /// MB.
        pub memory: Text => ["memory", "ram"],
        /// GB.
        pub disk: Text => ["disk", "storage"],
        pub ipv4: TextList => ["ipv4", "ip"],
        pub ipv6: TextList,
        pub created: Text => ["created", "date_created"],
        /// Booted into the rescue system.
        pub rescue: Flag,
    }
}

impl VmDetails {
    /// The name to show: the label, else the hostname, else the id.
    pub fn name(&self) -> String {
        [&self.label.0, &self.hostname.0, &self.id.0]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .cloned()
            .unwrap_or_default()
    }

    /// The status, with the rescue flag winning over a plain "running".
    pub fn state(&self) -> VmStatus {
        match &self.status {
            VmStatus::Running | VmStatus::Unknown if self.rescue.0 => VmStatus::Rescue,
            s => s.clone(),
        }
    }
}

/// A power command (`POST …/vms/@vmid/<word>`, no body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PowerAction {
    Start,
    Stop,
    /// Graceful: asks the operating system to shut down.
    Shutdown,
    Reboot,
    /// Hard: like pressing the reset button.
    Reset,
    /// Leaves the rescue system.
    Unrescue,
}

impl PowerAction {
    pub const ALL: [PowerAction; 6] = [
        PowerAction::Start,
        PowerAction::Shutdown,
        PowerAction::Stop,
        PowerAction::Reboot,
        PowerAction::Reset,
        PowerAction::Unrescue,
    ];

    /// The path word (also the i18n key part).
    pub fn word(self) -> &'static str {
        match self {
            PowerAction::Start => "start",
            PowerAction::Stop => "stop",
            PowerAction::Shutdown => "shutdown",
            PowerAction::Reboot => "reboot",
            PowerAction::Reset => "reset",
            PowerAction::Unrescue => "unrescue",
        }
    }
}

/// What `POST …/rescue` gives: how to log in to the rescue system.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RescueAccess {
    pub info: Info,
    pub username: String,
    pub password: String,
    /// Any other field the server sent (host, port...), as (name, value).
    pub other: Vec<(String, String)>,
}

/// `POST …/rebuild` (reference: `{"template": "templateValue"}`).
#[derive(Serialize, Debug, PartialEq)]
pub struct RebuildBody<'a> {
    pub template: &'a str,
}

// ------------------------------------------------------------------ requests

pub fn power_request(service: &Id, vm: &Id, action: PowerAction) -> ApiRequest {
    ApiRequest::post(vm_at(service, vm, &format!("/{}", action.word())))
}

pub fn rescue_request(service: &Id, vm: &Id) -> ApiRequest {
    ApiRequest::post(vm_at(service, vm, "/rescue"))
}

pub fn rebuild_request(service: &Id, vm: &Id, template: &Id) -> ApiRequest {
    ApiRequest::post(vm_at(service, vm, "/rebuild"))
        .json(&RebuildBody { template: template.as_str() })
}

// ------------------------------------------------------------------ decoding

/// The list under `key`, or the answer itself when it is the list.
pub(super) fn list_in<T: FromLoose>(v: &Value, key: &str) -> Vec<T> {
    LooseList::<T>::from_loose(v.get(key).unwrap_or(v)).0
}

fn rows_of(v: &Value) -> Vec<VmRow> {
    list_in::<VmRow>(v, "vms").into_iter().filter(|r| !r.id.is_empty()).collect()
}

fn details_of(v: &Value) -> VmDetails {
    data_object(v, &["vm", "details"]).map(VmDetails::from_loose).unwrap_or_default()
}

fn rescue_of(v: &Value, info: Info) -> RescueAccess {
    let access = data_object(v, &["rescue", "credentials", "access"]).unwrap_or(&Value::Null);
    let mut out = RescueAccess { info, ..RescueAccess::default() };
    let Some(o) = access.as_object() else { return out };
    for (k, x) in o {
        let text = scalar_text(x).trim().to_owned();
        if text.is_empty() || matches!(k.as_str(), "info" | "success" | "status") {
            continue;
        }
        match k.to_ascii_lowercase().as_str() {
            "username" | "user" | "login" if out.username.is_empty() => out.username = text,
            "password" | "pass" | "root_password" if out.password.is_empty() => out.password = text,
            _ => out.other.push((k.clone(), text)),
        }
    }
    out
}

// ------------------------------------------------------------------ calls

async fn write(req: ApiRequest) -> Result<(Value, Info), ApiError> {
    fetch_with_info::<Value>(req).await
}

/// `GET /service/@id/vms`: the service's VMs (those with an id).
pub async fn list(service: &Id) -> Result<Vec<VmRow>, ApiError> {
    Ok(rows_of(&get(at(service, "/vms")).await?))
}

/// `GET /service/@id/vms/@vmid`.
pub async fn details(service: &Id, vm: &Id) -> Result<VmDetails, ApiError> {
    Ok(details_of(&get(vm_at(service, vm, "")).await?))
}

/// `POST /service/@id/vms/@vmid/{start,stop,shutdown,reboot,reset,unrescue}`.
pub async fn power(service: &Id, vm: &Id, action: PowerAction) -> Result<Info, ApiError> {
    Ok(write(power_request(service, vm, action)).await?.1)
}

/// `POST /service/@id/vms/@vmid/rescue`: boots the rescue system; the
/// answer carries its login, shown once.
pub async fn rescue(service: &Id, vm: &Id) -> Result<RescueAccess, ApiError> {
    let (v, info) = write(rescue_request(service, vm)).await?;
    Ok(rescue_of(&v, info))
}

/// `POST /service/@id/vms/@vmid/rebuild` `{template}`.
pub async fn rebuild(service: &Id, vm: &Id, template: &Id) -> Result<Info, ApiError> {
    Ok(write(rebuild_request(service, vm, template)).await?.1)
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
    fn the_contract_list_decodes() {
        let rows = rows_of(&fixture(include_str!("../../../fixtures/api/service_vms.json")));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].id.as_str(), rows[0].label.as_str(), &rows[0].status),
            ("5001", "web-01", &VmStatus::Running)
        );
        assert_eq!(rows[0].ipv4.0, ["103.28.36.11"]);
        assert_eq!(rows[1].status, VmStatus::Stopped);
        assert_eq!(rows[1].template.as_str(), "Debian 12");
    }

    #[test]
    fn list_variants_decode() {
        assert!(rows_of(&json!({"vms": []})).is_empty());
        assert!(rows_of(&json!({"vms": {}})).is_empty());
        let keyed = json!({"vms": {"7": {"name": "a", "state": "Online", "ip": ["1.2.3.4", {"ip": "5.6.7.8"}]}, "x": 3}});
        let r = rows_of(&keyed);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].id.as_str(), r[0].label.as_str()), ("7", "a"));
        assert_eq!(r[0].status, VmStatus::Running);
        assert_eq!(r[0].ipv4.0, ["1.2.3.4", "5.6.7.8"]);
        let numbers = json!([{"id": 9, "label": 12, "status": "paused"}]);
        let r = rows_of(&numbers);
        assert_eq!((r[0].id.as_str(), r[0].label.as_str()), ("9", "12"));
        assert_eq!(r[0].status, VmStatus::Other("paused".into()));
        // a line without an id cannot be opened: skipped
        assert!(rows_of(&json!({"vms": [{"label": "ghost"}]})).is_empty());
    }

    #[test]
    fn the_contract_details_decode() {
        let d = details_of(&fixture(include_str!("../../../fixtures/api/service_vm.json")));
        assert_eq!(d.id.as_str(), "5001");
        assert_eq!(d.name(), "web-01");
        assert_eq!(d.state(), VmStatus::Running);
        assert_eq!((d.cpu.as_str(), d.memory.as_str(), d.disk.as_str()), ("2", "2048", "40"));
        assert_eq!(d.ipv4.0, ["103.28.36.11"]);
        assert_eq!(d.ipv6.0, ["2401:5f80:2000::11"]);
        assert_eq!(d.template_id.as_str(), "ubuntu-22.04");
        assert!(!d.rescue.0);
    }

    #[test]
    fn details_variants_decode() {
        // numbers, an address as a string, the rescue flag, no wrapper
        let d = details_of(&json!({"id": 5, "hostname": "h1", "cpu": 4, "memory": 4096,
            "ipv4": "1.1.1.1, 2.2.2.2", "ipv6": [], "status": "running", "rescue": 1}));
        assert_eq!((d.id.as_str(), d.cpu.as_str(), d.memory.as_str()), ("5", "4", "4096"));
        assert_eq!(d.name(), "h1");
        assert_eq!(d.ipv4.0, ["1.1.1.1", "2.2.2.2"]);
        assert!(d.ipv6.0.is_empty());
        assert_eq!(d.state(), VmStatus::Rescue);
        // the VM as a one-element list, or PHP's [] for nothing
        let d = details_of(&json!({"vm": [{"id": "6", "label": "x", "status": "STOPPED"}]}));
        assert_eq!((d.id.as_str(), d.state()), ("6", VmStatus::Stopped));
        assert_eq!(details_of(&json!({"vm": []})).id.as_str(), "");
        assert_eq!(details_of(&json!(null)), VmDetails::default());
    }

    #[test]
    fn statuses_and_which_are_transitional() {
        let cases = [
            ("running", VmStatus::Running, false),
            ("Stopped", VmStatus::Stopped, false),
            ("starting", VmStatus::Starting, true),
            ("stopping", VmStatus::Stopping, true),
            ("rebooting", VmStatus::Rebooting, true),
            ("rebuilding", VmStatus::Rebuilding, true),
            ("rescue", VmStatus::Rescue, false),
            ("shutting down", VmStatus::Stopping, true),
            ("", VmStatus::Unknown, false),
            ("migrating", VmStatus::Other("migrating".into()), false),
        ];
        for (raw, status, transitional) in cases {
            let s = VmStatus::parse(raw);
            assert_eq!(s, status, "{raw}");
            assert_eq!(s.is_transitional(), transitional, "{raw}");
        }
        assert_eq!(VmStatus::parse("migrating").word(), "other");
    }

    #[test]
    fn power_commands_post_to_their_word_without_a_body() {
        let expected = [
            (PowerAction::Start, "start"),
            (PowerAction::Stop, "stop"),
            (PowerAction::Shutdown, "shutdown"),
            (PowerAction::Reboot, "reboot"),
            (PowerAction::Reset, "reset"),
            (PowerAction::Unrescue, "unrescue"),
        ];
        assert_eq!(PowerAction::ALL.len(), expected.len());
        for (action, word) in expected {
            let r = power_request(&id("302"), &id("5001"), action);
            assert_eq!(r.endpoint(), format!("POST /service/302/vms/5001/{word}"));
            assert!(r.body.is_none(), "{word}");
        }
        let r = rescue_request(&id("302"), &id("50 1"));
        assert_eq!((r.endpoint(), r.body), ("POST /service/302/vms/50%201/rescue".into(), None));
    }

    #[test]
    fn rebuild_sends_the_template_as_the_reference_names_it() {
        let r = rebuild_request(&id("302"), &id("5001"), &id("debian-12"));
        assert_eq!(r.endpoint(), "POST /service/302/vms/5001/rebuild");
        let body = r.body.expect("a body");
        assert_eq!(body, json!({"template": "debian-12"}));
        let reference: Value = json!({"template": "templateValue"});
        let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys(&body), keys(&reference));
    }

    #[test]
    fn rescue_access_is_read_loosely() {
        let v = fixture(include_str!("../../../fixtures/api/service_vm_rescue.json"));
        let a = rescue_of(&v, vec!["vm_rescue_sent".into()]);
        assert_eq!((a.username.as_str(), a.password.as_str()), ("root", "Xk3v9Qp2Lm7a"));
        assert!(a.other.is_empty());
        assert_eq!(a.info, ["vm_rescue_sent"]);
        // at the top level, other names, numbers, extra fields kept
        let a = rescue_of(&json!({"user": "admin", "pass": 1234, "host": "10.0.0.2"}), vec![]);
        assert_eq!((a.username.as_str(), a.password.as_str()), ("admin", "1234"));
        assert_eq!(a.other, [("host".to_owned(), "10.0.0.2".to_owned())]);
        // nothing sent: nothing shown
        let a = rescue_of(&json!({"rescue": []}), vec![]);
        assert!(a.username.is_empty() && a.password.is_empty() && a.other.is_empty());
    }
}
