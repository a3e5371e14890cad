//! Services, their virtual machines, IP addresses and reverse DNS: the data
//! behind `routes::services` and `routes::vms`, and its seed (the contract
//! of issue 12, `fixtures/api/contract-services.md` when it was written).
//!
//! A VM's power state changes a few seconds after an action: the action
//! records a [`Pending`] transition with its start time, and every read
//! settles it ([`Vm::settle`]) once the delay of the mock's settings
//! (`vm_power_ms`, `vm_rebuild_ms`) has passed. The delay is read when the
//! VM is read, so a test may stretch it to watch the transitional state and
//! then shrink it to see the end.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use rand::Rng;

use crate::domain_data::{today, BULK_ID};
use crate::seed::DEMO_ID;

/// How many services the bulk account holds.
pub const BULK_SERVICES: usize = 1_000;

/// What a service is; only clouds have VMs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Hosting,
    Cloud,
    Dedicated,
    Email,
}

/// One entry of `GET /service/@id/methods`: the reference's name, the HTTP
/// verb and the route written with `@id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    pub name: &'static str,
    pub verb: &'static str,
    pub route: &'static str,
}

const fn m(name: &'static str, verb: &'static str, route: &'static str) -> Method {
    Method { name, verb, route }
}

pub const UPGRADE_POST: Method = m("Upgrade Request", "POST", "/service/@id/upgrade");
pub const UPGRADE_GET: Method = m("Upgrade Options", "GET", "/service/@id/upgrade");
pub const LABEL_POST: Method = m("Change service label", "POST", "/service/@id/label");
pub const LABEL_GET: Method = m("Service label", "GET", "/service/@id/label");
pub const CANCEL: Method = m("Cancel Service", "POST", "/service/@id/cancel");
pub const VMS_GET: Method = m("List VMs", "GET", "/service/@id/vms");
pub const VMS_POST: Method = m("Create VM", "POST", "/service/@id/vms");
pub const TEMPLATES: Method = m("List OS templates", "GET", "/service/@id/templates");
pub const RESOURCES: Method = m("Resources", "GET", "/service/@id/resources");
pub const NETWORKS: Method = m("List available networks", "GET", "/service/@id/networks");
pub const IP: Method = m("IP Addresses", "GET", "/service/@id/ip");
pub const RDNS_GET: Method = m("Reverse DNS", "GET", "/service/@id/rdns");
pub const RDNS_POST: Method = m("Update rDNS", "POST", "/service/@id/rdns");
/// A method the portal does not know (it must cope).
pub const BACKUPS: Method = m("Backup schedule", "GET", "/service/@id/backups");

const HOSTING_METHODS: &[Method] = &[LABEL_POST, LABEL_GET, CANCEL];
/// In the reference example's order.
const UPGRADABLE_METHODS: &[Method] = &[UPGRADE_POST, UPGRADE_GET, LABEL_POST, LABEL_GET, CANCEL];
const CLOUD_METHODS: &[Method] = &[
    LABEL_POST, LABEL_GET, CANCEL, VMS_GET, VMS_POST, TEMPLATES, RESOURCES, NETWORKS, IP, RDNS_GET,
    RDNS_POST,
];
const DEDICATED_METHODS: &[Method] =
    &[LABEL_POST, LABEL_GET, CANCEL, IP, RDNS_GET, RDNS_POST, BACKUPS];
const SUSPENDED_CLOUD_METHODS: &[Method] = &[LABEL_POST, LABEL_GET, VMS_GET];
const LABEL_ONLY_GET: &[Method] = &[LABEL_GET];
const LABEL_METHODS: &[Method] = &[LABEL_POST, LABEL_GET];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpKind {
    V4,
    V6,
}

impl IpKind {
    pub fn name(self) -> &'static str {
        match self {
            IpKind::V4 => "ipv4",
            IpKind::V6 => "ipv6",
        }
    }

    pub fn parse(s: &str) -> Option<IpKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ipv4" | "4" | "v4" => Some(IpKind::V4),
            "ipv6" | "6" | "v6" => Some(IpKind::V6),
            _ => None,
        }
    }
}

/// An IP pool of a cloud service: the addresses still free, handed out in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    pub id: String,
    pub name: String,
    pub kind: IpKind,
    pub bridge: String,
    pub free: Vec<String>,
}

/// An address of a VM, on one interface (or on none: `iface` empty).
#[derive(Debug, Clone, PartialEq)]
pub struct VmIp {
    pub id: String,
    pub ip: String,
    pub kind: IpKind,
    pub iface: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Iface {
    /// `net0`, `net1`, …; also addressed by its number (`0`).
    pub id: String,
    pub mac: String,
    pub bridge: String,
    pub firewall: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Power {
    Running,
    Stopped,
}

/// A transition under way: shown as `starting`, `stopping`, `rebooting`
/// or `rebuilding` until its delay has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transit {
    Starting,
    Stopping,
    Rebooting,
    Rebuilding,
}

impl Transit {
    pub fn status(self) -> &'static str {
        match self {
            Transit::Starting => "starting",
            Transit::Stopping => "stopping",
            Transit::Rebooting => "rebooting",
            Transit::Rebuilding => "rebuilding",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub transit: Transit,
    /// When the action was taken (unix milliseconds).
    pub since_ms: u64,
    /// The power state at the end.
    pub then: Power,
    /// The template a rebuild installs.
    pub template: Option<String>,
}

/// How long transitions last (from the mock's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delays {
    pub power_ms: u64,
    pub rebuild_ms: u64,
}

impl Delays {
    pub fn of(settings: &crate::config::Settings) -> Delays {
        Delays { power_ms: settings.vm_power_ms, rebuild_ms: settings.vm_rebuild_ms }
    }
}

/// A power or rescue action (`POST …/vms/@vmid/<action>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    Stop,
    Shutdown,
    Reboot,
    Reset,
    Rescue,
    Unrescue,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Stop => "stop",
            Action::Shutdown => "shutdown",
            Action::Reboot => "reboot",
            Action::Reset => "reset",
            Action::Rescue => "rescue",
            Action::Unrescue => "unrescue",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vm {
    pub id: String,
    pub label: String,
    pub hostname: String,
    pub template_id: String,
    pub flavor: String,
    pub cpu: u32,
    pub memory: u32,
    pub disk: u32,
    pub created: i64,
    pub power: Power,
    pub rescue: bool,
    pub pending: Option<Pending>,
    pub ips: Vec<VmIp>,
    pub interfaces: Vec<Iface>,
}

/// Now, in unix milliseconds.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

impl Vm {
    /// Ends the pending transition once its delay has passed.
    pub fn settle(&mut self, now_ms: u64, delays: Delays) {
        let Some(p) = &self.pending else { return };
        let delay =
            if p.transit == Transit::Rebuilding { delays.rebuild_ms } else { delays.power_ms };
        if now_ms < p.since_ms.saturating_add(delay) {
            return;
        }
        self.power = p.then;
        if let Some(t) = &p.template {
            self.template_id = t.clone();
        }
        self.pending = None;
    }

    /// `running`, `stopped`, `rescue` or a transitional status.
    pub fn status(&self) -> &'static str {
        match (&self.pending, self.power, self.rescue) {
            (Some(p), _, _) => p.transit.status(),
            (None, _, true) => "rescue",
            (None, Power::Running, false) => "running",
            (None, Power::Stopped, false) => "stopped",
        }
    }

    /// The name of the installed template (`Ubuntu 22.04`).
    pub fn template_name(&self) -> String {
        template(&self.template_id).map(Template::short_name).unwrap_or_default()
    }

    fn begin(&mut self, transit: Transit, then: Power, now_ms: u64, template: Option<String>) {
        // A power cycle or a rebuild leaves rescue mode.
        self.rescue = false;
        self.pending = Some(Pending { transit, since_ms: now_ms, then, template });
    }

    /// Applies a power or rescue action, or says why not (the error word).
    /// Rescue answers the rescue system's root password.
    pub fn act(&mut self, action: Action, now_ms: u64) -> Result<Option<String>, &'static str> {
        if self.pending.is_some() {
            return Err("vm_busy");
        }
        let running = self.power == Power::Running;
        match action {
            Action::Start if running => return Err("vm_already_running"),
            Action::Start => self.begin(Transit::Starting, Power::Running, now_ms, None),
            Action::Stop | Action::Shutdown if !running => return Err("vm_already_stopped"),
            Action::Stop | Action::Shutdown => {
                self.begin(Transit::Stopping, Power::Stopped, now_ms, None);
            }
            Action::Reboot | Action::Reset if !running => return Err("vm_not_running"),
            Action::Reboot | Action::Reset => {
                self.begin(Transit::Rebooting, Power::Running, now_ms, None);
            }
            Action::Rescue if self.rescue => return Err("vm_already_in_rescue"),
            Action::Rescue => {
                self.rescue = true;
                self.power = Power::Running;
                return Ok(Some(random_password(12)));
            }
            Action::Unrescue if !self.rescue => return Err("vm_not_in_rescue"),
            Action::Unrescue => {
                self.rescue = false;
                self.power = Power::Running;
            }
        }
        Ok(None)
    }

    /// Reinstalls with `template` (already checked); the VM runs at the end.
    pub fn rebuild(&mut self, template: &str, now_ms: u64) -> Result<(), &'static str> {
        if self.pending.is_some() {
            return Err("vm_busy");
        }
        self.begin(Transit::Rebuilding, Power::Running, now_ms, Some(template.to_string()));
        Ok(())
    }

    /// An interface by name (`net0`) or number (`0`).
    pub fn iface_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.interfaces.iter().position(|i| i.id == name || i.id.strip_prefix("net") == Some(name))
    }

    /// Ids of the addresses of one kind on an interface.
    pub fn iface_ips(&self, iface: &str, kind: IpKind) -> Vec<String> {
        self.ips
            .iter()
            .filter(|ip| ip.iface == iface && ip.kind == kind)
            .map(|ip| ip.id.clone())
            .collect()
    }

    pub fn first_ip(&self, kind: IpKind) -> Option<&VmIp> {
        self.ips.iter().find(|ip| ip.kind == kind)
    }
}

/// Letters and digits, from the thread RNG (rescue passwords).
pub fn random_password(len: usize) -> String {
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..len).map(|_| A[rng.gen_range(0..A.len())] as char).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: String,
    pub client_id: String,
    /// The product's name (`Starter Hosting`).
    pub name: String,
    pub category: String,
    pub category_url: String,
    pub domain: String,
    pub status: String,
    /// `Monthly`, `Quarterly`, `Annually`.
    pub billingcycle: String,
    pub total: String,
    pub firstpayment: String,
    pub date_created: i64,
    pub next_due: Option<i64>,
    pub label: String,
    pub username: String,
    pub password: String,
    pub kind: Kind,
    pub methods: &'static [Method],
    /// A cancellation at the end of the billing period was requested.
    pub cancel_requested: bool,
    /// The package of an upgradable service (`GET /service/@id/upgrade`).
    pub package: String,
    pub vms: Vec<Vm>,
    pub pools: Vec<Pool>,
    /// Addresses of the service itself (dedicated servers); clouds list
    /// their VMs' addresses.
    pub own_ips: Vec<(String, IpKind)>,
    /// PTR records: IP → host name.
    pub rdns: BTreeMap<String, String>,
}

impl Service {
    pub fn offers(&self, method: Method) -> bool {
        self.methods.iter().any(|x| x.verb == method.verb && x.route == method.route)
    }

    /// Cancelled or terminated: nothing to cancel any more.
    pub fn is_closed(&self) -> bool {
        self.status == "Cancelled" || self.status == "Terminated"
    }

    /// The service's addresses: its own, then its VMs' (in VM order).
    pub fn ips(&self) -> Vec<(String, IpKind)> {
        let mut out = self.own_ips.clone();
        for vm in &self.vms {
            out.extend(vm.ips.iter().map(|ip| (ip.ip.clone(), ip.kind)));
        }
        out
    }

    pub fn settle(&mut self, now_ms: u64, delays: Delays) {
        for vm in &mut self.vms {
            vm.settle(now_ms, delays);
        }
    }

    pub fn vm(&self, vmid: &str) -> Option<&Vm> {
        self.vms.iter().find(|v| v.id == vmid)
    }

    pub fn vm_mut(&mut self, vmid: &str) -> Option<&mut Vm> {
        self.vms.iter_mut().find(|v| v.id == vmid)
    }

    /// Quota use: (cpu, memory MB, disk GB, VMs, IPv4 addresses).
    pub fn usage(&self) -> Usage {
        let mut u = Usage { vms: self.vms.len() as u32, ..Usage::default() };
        for vm in &self.vms {
            u.cpu += vm.cpu;
            u.memory += vm.memory;
            u.disk += vm.disk;
            u.ipv4 += vm.ips.iter().filter(|ip| ip.kind == IpKind::V4).count() as u32;
        }
        u
    }

    /// The billing cycle's code: `m`, `q`, `a`.
    pub fn cycle_code(&self) -> &'static str {
        cycle_code(&self.billingcycle).unwrap_or("m")
    }
}

/// `Monthly`/`m` → `m`, `Quarterly`/`q` → `q`, `Annually`/`a` → `a`.
pub fn cycle_code(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_lowercase().as_str() {
        "m" | "monthly" => Some("m"),
        "q" | "quarterly" => Some("q"),
        "a" | "annually" => Some("a"),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub cpu: u32,
    pub memory: u32,
    pub disk: u32,
    pub vms: u32,
    pub ipv4: u32,
}

/// The quota of the cloud service (`GET /service/@id/resources`).
pub const LIMITS: Usage = Usage { cpu: 8, memory: 8192, disk: 200, vms: 4, ipv4: 4 };
/// Bandwidth this month (GB): used, limit.
pub const BANDWIDTH: (u32, u32) = (312, 1000);
/// Disk sizes a new VM may have (GB).
pub const DISK_RANGE: std::ops::RangeInclusive<u32> = 10..=500;

/// Everything service-related, for every account.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDb {
    pub services: BTreeMap<String, Service>,
    pub next_vm: u64,
    pub next_ip: u64,
    pub next_mac: u32,
}

impl ServiceDb {
    /// A service of this client (someone else's is as good as missing).
    pub fn owned(&self, client_id: &str, id: &str) -> Option<&Service> {
        self.services.get(id).filter(|s| s.client_id == client_id)
    }

    pub fn owned_mut(&mut self, client_id: &str, id: &str) -> Option<&mut Service> {
        self.services.get_mut(id).filter(|s| s.client_id == client_id)
    }

    pub fn of_client<'a>(&'a self, client_id: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services.values().filter(move |s| s.client_id == client_id)
    }

    pub fn new_vm_id(&mut self) -> String {
        self.next_vm += 1;
        self.next_vm.to_string()
    }

    pub fn new_ip_id(&mut self) -> String {
        self.next_ip += 1;
        self.next_ip.to_string()
    }

    pub fn new_mac(&mut self) -> String {
        self.next_mac += 1;
        mac(self.next_mac)
    }
}

/// `52:54:00:ab:cd:01` for 1, counting up.
pub fn mac(n: u32) -> String {
    let v = 0x00ab_cd00 + n;
    format!("52:54:00:{:02x}:{:02x}:{:02x}", (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff)
}

// ------------------------------------------------------------------ catalogues

/// An OS template (`GET /service/@id/templates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub id: &'static str,
    pub name: &'static str,
    pub os: &'static str,
    /// Smallest disk (GB); shown in the list when above the general minimum.
    pub min_disk: u32,
}

impl Template {
    /// The name a VM shows: without "LTS".
    pub fn short_name(&self) -> String {
        self.name.trim_end_matches(" LTS").to_string()
    }
}

pub const TEMPLATE_LIST: &[Template] = &[
    Template { id: "ubuntu-22.04", name: "Ubuntu 22.04 LTS", os: "linux", min_disk: 10 },
    Template { id: "ubuntu-24.04", name: "Ubuntu 24.04 LTS", os: "linux", min_disk: 10 },
    Template { id: "debian-12", name: "Debian 12", os: "linux", min_disk: 10 },
    Template { id: "almalinux-9", name: "AlmaLinux 9", os: "linux", min_disk: 10 },
    Template { id: "windows-2022", name: "Windows Server 2022", os: "windows", min_disk: 40 },
];

pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATE_LIST.iter().find(|t| t.id == id.trim())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    pub id: &'static str,
    pub name: &'static str,
    pub cpu: u32,
    pub memory: u32,
}

pub const FLAVORS: &[Flavor] = &[
    Flavor { id: "s1", name: "1 vCPU · 1 GB", cpu: 1, memory: 1024 },
    Flavor { id: "s2", name: "2 vCPU · 2 GB", cpu: 2, memory: 2048 },
    Flavor { id: "s4", name: "4 vCPU · 4 GB", cpu: 4, memory: 4096 },
    Flavor { id: "s8", name: "8 vCPU · 8 GB", cpu: 8, memory: 8192 },
];

pub fn flavor(id: &str) -> Option<&'static Flavor> {
    FLAVORS.iter().find(|f| f.id == id.trim())
}

pub const SECURITY_GROUPS: &[(&str, &str)] =
    &[("sg-default", "default"), ("sg-web", "web (80, 443, 22)")];
pub const KEYPAIRS: &[(&str, &str)] = &[("kp-1", "laptop-ed25519")];
/// (id, name, type, cidr).
pub const NETWORKS_LIST: &[(&str, &str, &str, &str)] = &[
    ("net-public", "Public", "public", "103.28.36.0/24"),
    ("net-private", "Private", "private", "10.10.0.0/24"),
];

/// Gateway and netmask of an address of the cloud's public network.
pub fn gateway(kind: IpKind) -> (&'static str, &'static str) {
    match kind {
        IpKind::V4 => ("103.28.36.1", "255.255.255.0"),
        IpKind::V6 => ("2401:5f80:2000::1", "64"),
    }
}

// ------------------------------------------------------------------ upgrade options

/// The kinds of upgrade resource, as the reference names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResKind {
    Select,
    Radio,
    /// Quantity with `min`, `max`, `step` and the current `value`.
    Slider {
        min: u32,
        max: u32,
        step: u32,
        value: u32,
    },
    Qty {
        min: u32,
        max: u32,
        step: u32,
        value: u32,
    },
    /// Items each with a quantity (at most `max`).
    SelectQty {
        max: u32,
    },
}

impl ResKind {
    pub fn name(self) -> &'static str {
        match self {
            ResKind::Select => "select",
            ResKind::Radio => "radio",
            ResKind::Slider { .. } => "slider",
            ResKind::Qty { .. } => "qty",
            ResKind::SelectQty { .. } => "selectqty",
        }
    }
}

/// An item of a resource: id, name, monthly price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpItem {
    pub id: &'static str,
    pub name: &'static str,
    pub price: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpResource {
    pub id: u32,
    pub name: &'static str,
    pub kind: ResKind,
    pub items: &'static [UpItem],
    /// The item in use (select, radio; the unit of slider and qty).
    pub selected: &'static str,
}

const fn item(id: &'static str, name: &'static str, price: i64) -> UpItem {
    UpItem { id, name, price }
}

/// The upgrade options of "Hosting Plus" (service 305).
pub const UPGRADE_RESOURCES: &[UpResource] = &[
    UpResource {
        id: 1557,
        name: "Bandwidth",
        kind: ResKind::Select,
        items: &[item("9953", "100 GB", 1), item("10103", "500 GB", 5), item("10104", "1 TB", 10)],
        selected: "9953",
    },
    UpResource {
        id: 1558,
        name: "Disk space (GB)",
        kind: ResKind::Slider { min: 10, max: 200, step: 10, value: 20 },
        items: &[item("9960", "GB", 2000)],
        selected: "9960",
    },
    UpResource {
        id: 1559,
        name: "Email accounts",
        kind: ResKind::Qty { min: 1, max: 100, step: 1, value: 10 },
        items: &[item("9970", "account", 5000)],
        selected: "9970",
    },
    UpResource {
        id: 1561,
        name: "PHP version",
        kind: ResKind::Radio,
        items: &[item("9980", "PHP 8.1", 0), item("9981", "PHP 8.3", 0)],
        selected: "9980",
    },
    UpResource {
        id: 1562,
        name: "Extra IP",
        kind: ResKind::SelectQty { max: 16 },
        items: &[item("9990", "IPv4", 60000), item("9991", "IPv6 /64", 20000)],
        selected: "",
    },
];

/// Packages an upgradable service may move to: id, name, monthly price.
pub const PACKAGES: &[(&str, &str, i64)] =
    &[("41", "Hosting Plus", 99_000), ("42", "Hosting Pro", 199_000)];
/// Cycles offered by the upgrade: code, title, months.
pub const CYCLES: &[(&str, &str, i64)] =
    &[("m", "Monthly", 1), ("q", "Quarterly", 3), ("a", "Annually", 12)];

pub fn cycle_months(code: &str) -> i64 {
    CYCLES.iter().find(|c| c.0 == code).map_or(1, |c| c.2)
}

// ------------------------------------------------------------------ seed

fn s(v: &str) -> String {
    v.to_string()
}

/// A password that stays the same for a service id (FNV + LCG).
fn password_for(id: &str) -> String {
    let mut x: u64 =
        id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            A[(x >> 33) as usize % A.len()] as char
        })
        .collect()
}

/// The control-panel user name: the first 8 ASCII letters/digits of the domain.
fn username_for(domain: &str) -> String {
    domain.chars().filter(char::is_ascii_alphanumeric).take(8).collect::<String>().to_lowercase()
}

struct Spec<'a> {
    id: &'a str,
    client: &'a str,
    name: &'a str,
    category: (&'a str, &'a str),
    domain: &'a str,
    status: &'a str,
    cycle: &'a str,
    total: &'a str,
    created_ago: i64,
    next_due: Option<i64>,
    kind: Kind,
    methods: &'static [Method],
}

fn service(spec: Spec, today: i64) -> Service {
    Service {
        id: s(spec.id),
        client_id: s(spec.client),
        name: s(spec.name),
        category: s(spec.category.0),
        category_url: s(spec.category.1),
        domain: s(spec.domain),
        status: s(spec.status),
        billingcycle: s(spec.cycle),
        total: s(spec.total),
        firstpayment: s(spec.total),
        date_created: today - spec.created_ago,
        next_due: spec.next_due.map(|d| today + d),
        label: String::new(),
        username: username_for(spec.domain),
        password: password_for(spec.id),
        kind: spec.kind,
        methods: spec.methods,
        cancel_requested: false,
        package: String::new(),
        vms: Vec::new(),
        pools: Vec::new(),
        own_ips: Vec::new(),
        rdns: BTreeMap::new(),
    }
}

struct VmSpec<'a> {
    id: &'a str,
    label: &'a str,
    template: &'a str,
    flavor: &'a Flavor,
    disk: u32,
    created: i64,
    power: Power,
    /// (id, address, kind) on net0.
    ips: &'a [(&'a str, &'a str, IpKind)],
    mac: u32,
}

fn vm(spec: VmSpec) -> Vm {
    Vm {
        id: s(spec.id),
        label: s(spec.label),
        hostname: format!("{}.bkns-demo.vn", spec.label),
        template_id: s(spec.template),
        flavor: s(spec.flavor.id),
        cpu: spec.flavor.cpu,
        memory: spec.flavor.memory,
        disk: spec.disk,
        created: spec.created,
        power: spec.power,
        rescue: false,
        pending: None,
        ips: spec
            .ips
            .iter()
            .map(|(id, ip, kind)| VmIp { id: s(id), ip: s(ip), kind: *kind, iface: s("net0") })
            .collect(),
        interfaces: vec![Iface {
            id: s("net0"),
            mac: mac(spec.mac),
            bridge: s("vmbr0"),
            firewall: true,
        }],
    }
}

/// The cloud server "302": two VMs, two pools, one PTR.
fn seed_cloud(svc: &mut Service, today: i64) {
    let s2 = &FLAVORS[1];
    let s4 = &FLAVORS[2];
    svc.vms = vec![
        vm(VmSpec {
            id: "5001",
            label: "web-01",
            template: "ubuntu-22.04",
            flavor: s2,
            disk: 40,
            created: today - 95,
            power: Power::Running,
            ips: &[
                ("9001", "103.28.36.11", IpKind::V4),
                ("9002", "2401:5f80:2000::11", IpKind::V6),
            ],
            mac: 1,
        }),
        vm(VmSpec {
            id: "5002",
            label: "db-01",
            template: "debian-12",
            flavor: s4,
            disk: 80,
            created: today - 60,
            power: Power::Stopped,
            ips: &[("9003", "103.28.36.12", IpKind::V4)],
            mac: 2,
        }),
    ];
    svc.pools = vec![
        Pool {
            id: s("11"),
            name: s("Public IPv4"),
            kind: IpKind::V4,
            bridge: s("vmbr0"),
            free: vec![s("103.28.36.13"), s("103.28.36.14")],
        },
        Pool {
            id: s("12"),
            name: s("Public IPv6"),
            kind: IpKind::V6,
            bridge: s("vmbr0"),
            free: (0..50).map(|k| format!("2401:5f80:2000::{:x}", 0x100 + k)).collect(),
        },
    ];
    svc.rdns.insert(s("103.28.36.11"), s("web-01.bkns-demo.vn"));
}

/// The seed: the demo account's seven services (hosting, a cloud server with
/// two VMs, a dedicated server, a cancelled one, one with an upgrade, a
/// suspended cloud without VMs, a pending e-mail plan) and the bulk
/// account's 1,000. The example account has none.
pub fn seed() -> ServiceDb {
    let today = today();
    let hosting = ("Hosting", "hosting");
    let cloud = ("Cloud", "cloud");
    let dedicated = ("Dedicated", "dedicated");
    let email = ("Email", "email");
    // id, product, category, domain, status, cycle, total, created (days
    // ago), next due (days from today), kind, methods
    #[rustfmt::skip]
    let rows = [
        ("301", "Starter Hosting", hosting, "bkns-demo.vn", "Active", "Monthly", "99000.00", 355, Some(10), Kind::Hosting, HOSTING_METHODS),
        ("302", "Cloud VPS", cloud, "vps.bkns-demo.vn", "Active", "Monthly", "450000.00", 95, Some(25), Kind::Cloud, CLOUD_METHODS),
        ("303", "Dedicated Server E3", dedicated, "ds1.bkns-demo.vn", "Active", "Annually", "24000000.00", 165, Some(200), Kind::Dedicated, DEDICATED_METHODS),
        ("304", "Business Hosting", hosting, "old-shop.vn", "Cancelled", "Monthly", "199000.00", 400, None, Kind::Hosting, LABEL_ONLY_GET),
        ("305", "Hosting Plus", hosting, "shop-demo.vn", "Active", "Quarterly", "297000.00", 85, Some(5), Kind::Hosting, UPGRADABLE_METHODS),
        ("306", "Cloud VPS Mini", cloud, "mini.bkns-demo.vn", "Suspended", "Monthly", "150000.00", 63, Some(-3), Kind::Cloud, SUSPENDED_CLOUD_METHODS),
        ("307", "Email Business", email, "mail.bkns-demo.vn", "Pending", "Monthly", "60000.00", 1, Some(30), Kind::Email, HOSTING_METHODS),
    ];
    let mut services = BTreeMap::new();
    for (id, name, category, domain, status, cycle, total, ago, due, kind, methods) in rows {
        let spec = Spec {
            id,
            client: DEMO_ID,
            name,
            category,
            domain,
            status,
            cycle,
            total,
            created_ago: ago,
            next_due: due,
            kind,
            methods,
        };
        let svc = service(spec, today);
        services.insert(svc.id.clone(), svc);
    }
    if let Some(svc) = services.get_mut("302") {
        seed_cloud(svc, today);
    }
    if let Some(svc) = services.get_mut("303") {
        svc.own_ips = vec![
            (s("103.28.37.50"), IpKind::V4),
            (s("103.28.37.51"), IpKind::V4),
            (s("2401:5f80:3000::50"), IpKind::V6),
        ];
    }
    if let Some(svc) = services.get_mut("305") {
        svc.package = s("41");
    }
    for svc in bulk(today) {
        services.insert(svc.id.clone(), svc);
    }
    ServiceDb { services, next_vm: 5002, next_ip: 9003, next_mac: 2 }
}

/// The bulk account's services: ids 10001..11000, every status, cycle and
/// kind, names and domains with Vietnamese diacritics, due dates within
/// ±400 days; label only.
fn bulk(today: i64) -> impl Iterator<Item = Service> {
    // (product, category, category_url, kind, monthly price)
    const PRODUCTS: [(&str, &str, &str, Kind, u64); 6] = [
        ("Hosting Doanh Nghiệp", "Hosting", "hosting", Kind::Hosting, 199_000),
        ("Hosting Cá Nhân", "Hosting", "hosting", Kind::Hosting, 59_000),
        ("Cloud VPS", "Cloud", "cloud", Kind::Cloud, 450_000),
        ("Máy Chủ Riêng", "Dedicated", "dedicated", Kind::Dedicated, 2_000_000),
        ("Email Doanh Nghiệp", "Email", "email", Kind::Email, 60_000),
        ("WordPress Tốc Độ Cao", "Hosting", "hosting", Kind::Hosting, 99_000),
    ];
    const WORDS: [&str; 8] =
        ["máy-chủ", "cửa-hàng", "shop", "phở-ngon", "binhminh", "công-ty", "quán-cà-phê", "anphat"];
    const TLDS: [&str; 5] = [".vn", ".com", ".com.vn", ".net", ".id.vn"];
    const STATUSES: [&str; 7] =
        ["Active", "Active", "Active", "Suspended", "Pending", "Cancelled", "Terminated"];
    const CYCLES_: [(&str, u64); 3] = [("Monthly", 1), ("Quarterly", 3), ("Annually", 12)];
    (0..BULK_SERVICES).map(move |i| {
        let (name, category, url, kind, monthly) = PRODUCTS[i % PRODUCTS.len()];
        let (cycle, months) = CYCLES_[(i / 7) % CYCLES_.len()];
        let id = (10_001 + i).to_string();
        let domain = format!("{}-{}{}", WORDS[(i / 3) % WORDS.len()], i + 1, TLDS[i % TLDS.len()]);
        let total = format!("{}.00", monthly * months);
        let next_due = ((i * 53) % 801) as i64 - 400;
        service(
            Spec {
                id: &id,
                client: BULK_ID,
                name,
                category: (category, url),
                domain: &domain,
                status: STATUSES[i % STATUSES.len()],
                cycle,
                total: &total,
                created_ago: 420 + (i % 300) as i64,
                next_due: Some(next_due),
                kind,
                methods: LABEL_METHODS,
            },
            today,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: Delays = Delays { power_ms: 4000, rebuild_ms: 6000 };

    fn web01() -> Vm {
        seed().services["302"].vms[0].clone()
    }

    #[test]
    fn power_cycle_settles_after_the_delay() {
        let mut vm = web01();
        assert_eq!(vm.status(), "running");
        assert_eq!(vm.act(Action::Stop, 1_000), Ok(None));
        assert_eq!(vm.status(), "stopping");
        assert_eq!(vm.act(Action::Start, 2_000), Err("vm_busy"));
        vm.settle(4_999, D);
        assert_eq!(vm.status(), "stopping");
        vm.settle(5_000, D);
        assert_eq!(vm.status(), "stopped");
        assert_eq!(vm.act(Action::Shutdown, 6_000), Err("vm_already_stopped"));
        assert_eq!(vm.act(Action::Reboot, 6_000), Err("vm_not_running"));
        assert_eq!(vm.act(Action::Reset, 6_000), Err("vm_not_running"));
        assert_eq!(vm.act(Action::Start, 6_000), Ok(None));
        assert_eq!(vm.status(), "starting");
        vm.settle(10_000, D);
        assert_eq!(vm.status(), "running");
        assert_eq!(vm.act(Action::Start, 10_000), Err("vm_already_running"));
    }

    #[test]
    fn rescue_and_rebuild() {
        let mut vm = web01();
        assert_eq!(vm.act(Action::Unrescue, 0), Err("vm_not_in_rescue"));
        let pw = vm.act(Action::Rescue, 0).unwrap().unwrap();
        assert_eq!(pw.len(), 12);
        assert_eq!(vm.status(), "rescue");
        assert_eq!(vm.act(Action::Rescue, 0), Err("vm_already_in_rescue"));
        assert_eq!(vm.act(Action::Start, 0), Err("vm_already_running"));
        assert_eq!(vm.act(Action::Unrescue, 0), Ok(None));
        assert_eq!(vm.status(), "running");
        vm.rebuild("debian-12", 100).unwrap();
        assert_eq!(vm.status(), "rebuilding");
        assert_eq!(vm.rebuild("debian-12", 200), Err("vm_busy"));
        vm.settle(4_200, D);
        assert_eq!(vm.status(), "rebuilding", "a rebuild takes the longer delay");
        vm.settle(6_100, D);
        assert_eq!((vm.status(), vm.template_name().as_str()), ("running", "Debian 12"));
    }

    #[test]
    fn seed_matches_the_contract() {
        let db = seed();
        assert_eq!(db.of_client(DEMO_ID).count(), 7);
        assert_eq!(db.of_client(BULK_ID).count(), BULK_SERVICES);
        assert_eq!(db.of_client(crate::seed::EXAMPLE_ID).count(), 0);
        let cloud = &db.services["302"];
        assert_eq!(cloud.usage(), Usage { cpu: 6, memory: 6144, disk: 120, vms: 2, ipv4: 2 });
        assert_eq!(cloud.vms[1].status(), "stopped");
        assert_eq!(cloud.vms[0].interfaces[0].mac, "52:54:00:ab:cd:01");
        assert_eq!(cloud.pools[0].free.len(), 2);
        assert_eq!(cloud.pools[1].free.len(), 50);
        let bulk: Vec<&Service> = db.of_client(BULK_ID).collect();
        for status in ["Active", "Suspended", "Pending", "Cancelled", "Terminated"] {
            assert!(bulk.iter().any(|s| s.status == status), "{status}");
        }
        assert!(bulk.iter().any(|s| s.domain.contains('ữ') || s.domain.contains('ủ')));
        assert_ne!(password_for("301"), password_for("302"));
        assert_eq!(username_for("examplename.com"), "examplen");
    }
}
