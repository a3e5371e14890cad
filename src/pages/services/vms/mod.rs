//! A cloud service's virtual machines: `/services/:id/vms` (the list) and
//! `/services/:id/vms/:vmid` (one VM's console: state, power, rescue,
//! rebuild, addresses and interfaces). Creating a VM and the service's
//! resources are pages of their own (`vm_create`, `resources`).

pub mod console;
pub mod detail;
pub mod interfaces;
pub mod ips;
pub mod list;
pub mod overview;
pub mod poll;
pub mod power;
pub mod rebuild;
pub mod rescue;
pub mod rules;

pub use detail::VmPage;
pub use list::VmListPage;

use crate::api::services::vms::VmStatus;
use crate::i18n::t;
use leptos::prelude::*;

/// A status in the user's language (an unknown word as the server sent it).
pub fn status_text(status: &VmStatus) -> String {
    match status {
        VmStatus::Other(raw) => raw.clone(),
        VmStatus::Unknown => t("vms.status_unknown"),
        s => t(&format!("vms.status_{}", s.word())),
    }
}

/// A status as a coloured pill, following `status`.
pub fn status_pill(status: Signal<VmStatus>) -> impl IntoView {
    view! {
        <span
            class=move || format!("badge badge-{} vm-status", rules::tone(&status.get()))
            data-status=move || status.get().word()
        >
            {move || status_text(&status.get())}
        </span>
    }
}
