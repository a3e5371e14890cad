//! Services: the list, one service (label, upgrade, cancel), its virtual
//! machines (power, rebuild, IPs, interfaces), creating a VM, reverse DNS.

pub mod list;
pub mod rdns;
pub mod resources;
pub mod service;
pub mod vm_create;
pub mod vms;
