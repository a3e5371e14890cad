//! The VM's overview card: state, resources (CPU, memory, disk), template,
//! flavour, addresses and creation date, following the VM as it changes.

use super::console::Ctx;
use super::status_text;
use crate::api::services::vms::VmDetails;
use crate::i18n::{t, t_with, tr};
use crate::ui::format::date;
use leptos::prelude::*;

/// "2 GB" for 2048 MB, "1536 MB" otherwise; as sent when not a number.
pub fn memory_text(mb: &str) -> String {
    match mb.trim().parse::<u64>() {
        Ok(n) if n >= 1024 && n % 1024 == 0 => t_with("vms.gb", &[("n", &(n / 1024).to_string())]),
        Ok(n) => t_with("vms.mb", &[("n", &n.to_string())]),
        Err(_) => mb.trim().to_owned(),
    }
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s
    }
}

/// One row of the card, following the VM.
fn row(ctx: &Ctx, key: &'static str, f: fn(&VmDetails) -> String) -> impl IntoView {
    let vm = ctx.vm;
    view! {
        <div class="dl-row">
            <dt>{tr(key)}</dt>
            <dd>{move || or_dash(vm.with(f))}</dd>
        </div>
    }
}

#[component]
pub fn OverviewCard(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="vm-ov-title">
            <h2 id="vm-ov-title">{tr("vms.overview")}</h2>
            <dl class="dl" data-testid="vm-overview">
                {row(&ctx, "vms.state", |d| status_text(&d.state()))}
                {row(&ctx, "vms.cpu", |d| {
                    if d.cpu.as_str().is_empty() { String::new() } else { t_with("vms.vcpu", &[("n", d.cpu.as_str())]) }
                })}
                {row(&ctx, "vms.memory", |d| memory_text(d.memory.as_str()))}
                {row(&ctx, "vms.disk", |d| {
                    if d.disk.as_str().is_empty() { String::new() } else { t_with("vms.gb", &[("n", d.disk.as_str())]) }
                })}
                {row(&ctx, "vms.template", |d| d.template.0.clone())}
                {row(&ctx, "vms.flavor", |d| d.flavor.0.clone())}
                {row(&ctx, "vms.ipv4", |d| d.ipv4.0.join(", "))}
                {row(&ctx, "vms.ipv6", |d| d.ipv6.0.join(", "))}
                {row(&ctx, "vms.hostname", |d| d.hostname.0.clone())}
                {row(&ctx, "vms.created", |d| date(d.created.as_str()))}
            </dl>
            <p class="muted">{move || t("vms.overview_help")}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_shown_in_gb_when_whole() {
        assert_eq!(memory_text("2048"), crate::i18n::t_with("vms.gb", &[("n", "2")]));
        assert_eq!(memory_text("1536"), crate::i18n::t_with("vms.mb", &[("n", "1536")]));
        assert_eq!(memory_text(" lots "), "lots");
    }
}
