//! The addresses card: the VM's IPv4 and IPv6 addresses (`…/ips`), and
//! adding one from a pool (`…/ippool`, then `POST …/ippool/@pool`), the new
//! address shown once assigned; an empty pool says so.

use super::console::{error_message, Ctx};
use crate::api::services::network::{self, IpAddress, IpKind, IpPool};
use crate::i18n::{server_message, t, t_with, tr};
use crate::ui::choice::RadioGroup;
use crate::ui::erase::{action, dyn_view, resource};
use crate::ui::select::{Choice, SelectField};
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::text::SubmitButton;
use crate::ui::{resource_view, toast};
use crate::vocab::Id;
use leptos::prelude::*;

fn kind_text(k: IpKind) -> String {
    t(match k {
        IpKind::V4 => "vms.ipv4",
        IpKind::V6 => "vms.ipv6",
    })
}

fn ip_table(list: Vec<IpAddress>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|ip| {
            vec![
                Cell::Text(ip.ip.0.clone()),
                Cell::Text(kind_text(ip.ip_kind())),
                Cell::Text(ip.iface.0),
                Cell::Text(ip.gateway.0),
                Cell::Text(ip.netmask.0),
            ]
        })
        .collect();
    view! {
        <DataTable
            caption=move || t("vms.ips_title")
            caption_hidden=true
            testid="vm-ips"
            columns=vec![
                Column::text("vms.col_address"),
                Column::text("vms.col_type"),
                Column::text("vms.col_iface"),
                Column::text("vms.col_gateway"),
                Column::text("vms.col_netmask"),
            ]
            rows=rows
            empty=move || t("vms.no_ips")
        />
    }
}

/// "Public IPv4 · IPv4 · 2 free".
fn pool_label(p: &IpPool) -> String {
    let name = if p.name.as_str().is_empty() { p.id.0.clone() } else { p.name.0.clone() };
    let kind = kind_text(p.ip_kind());
    match p.free.as_str().trim() {
        "" => t_with("vms.pool_label", &[("name", &name), ("type", &kind)]),
        n => t_with("vms.pool_label_free", &[("name", &name), ("type", &kind), ("n", n)]),
    }
}

#[component]
pub fn IpsCard(ctx: Ctx) -> impl IntoView {
    let adding = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let c = ctx.clone();
    view! {
        <section class="card" aria-labelledby="vm-ips-title">
            <h2 id="vm-ips-title">{tr("vms.ips_title")}</h2>
            {resource_view(ctx.ips, "vms.ips_error", ip_table)}
            <p role="status" class="status-line" data-testid="ip-added">
                {move || added.get().map(|ip| t_with("vms.ip_added", &[("ip", &ip)])).unwrap_or_default()}
            </p>
            <button type="button" class="btn btn-secondary" aria-expanded=move || adding.get().to_string()
                aria-controls="vm-assign" data-testid="add-ip"
                on:click=move |_| adding.update(|a| *a = !*a)>
                {tr("vms.add_ip")}
            </button>
            <div id="vm-assign">
                {dyn_view(move || if adding.get() {
                    view! { <AssignForm ctx=c.clone() added=added/> }.into_any()
                } else {
                    ().into_any()
                })}
            </div>
        </section>
    }
}

#[component]
fn AssignForm(ctx: Ctx, added: RwSignal<Option<String>>) -> impl IntoView {
    let (s, v) = (ctx.service.clone(), ctx.vm_id.clone());
    let pools = resource(move || {
        let (s, v) = (s.clone(), v.clone());
        async move { network::pools(&s, &v, "", "").await }
    });
    view! {
        <div class="assign-ip">
            {resource_view(pools, "vms.pools_error", move |list| {
                view! { <PoolForm ctx=ctx.clone() pools=list added=added refetch=Callback::new(move |_| pools.refetch())/> }
            })}
        </div>
    }
}

#[component]
fn PoolForm(
    ctx: Ctx,
    pools: Vec<IpPool>,
    added: RwSignal<Option<String>>,
    refetch: Callback<()>,
) -> impl IntoView {
    if pools.is_empty() {
        return view! { <p class="muted" data-testid="no-pools">{tr("vms.no_pools")}</p> }
            .into_any();
    }
    let pool = RwSignal::new(if pools.len() == 1 { pools[0].id.0.clone() } else { String::new() });
    let ifaces: Vec<String> = match ctx.ifaces.get_untracked() {
        Some(Ok(l)) => l.iter().map(|i| i.name.0.clone()).filter(|n| !n.is_empty()).collect(),
        _ => Vec::new(),
    };
    let iface = RwSignal::new(ifaces.first().cloned().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let options: Vec<(String, String)> =
        pools.iter().map(|p| (p.id.0.clone(), pool_label(p))).collect();
    let iface_options: Vec<Choice> =
        ifaces.iter().map(|n| Choice::new(n.clone(), n.clone())).collect();
    let c = ctx.clone();
    let assign = action(move |(pool, kind, iface): &(Id, IpKind, String)| {
        let (c, pool, kind, iface) = (c.clone(), pool.clone(), *kind, iface.clone());
        async move {
            let r = network::assign_ip(&c.service, &c.vm_id, &pool, kind, &iface).await;
            match &r {
                Ok(a) => {
                    toast::info(&a.info, "vms.saved");
                    added.try_set(Some(a.ip.ip.0.clone()));
                    // the pools' counts changed (this form is drawn anew)
                    refetch.run(());
                }
                // kept in the form, with what was chosen
                Err(e) => {
                    error.try_set(Some(error_message(e)));
                }
            }
            if r.is_ok() || r.as_ref().is_err_and(crate::vocab::ApiError::outcome_unknown) {
                c.ips.refetch();
                c.ifaces.refetch();
                c.reload();
            }
            r
        }
    });
    let pending = assign.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let chosen = pool.get_untracked();
        let Some(p) = pools.iter().find(|p| p.id.0 == chosen) else {
            error.set(Some(t("vms.pool_required")));
            return;
        };
        if p.is_exhausted() {
            error.set(Some(server_message("ip_pool_exhausted")));
            return;
        }
        assign.dispatch((p.id.clone(), p.ip_kind(), iface.get_untracked()));
    };
    let has_ifaces = !iface_options.is_empty();
    view! {
        <form class="form" novalidate on:submit=submit data-testid="assign-form">
            <RadioGroup legend="vms.pool" name="pool" value=pool options=options error=error/>
            {has_ifaces.then(|| view! {
                <SelectField
                    label=move || t("vms.col_iface")
                    id="f-assign-iface"
                    name="iface"
                    value=iface
                    on_change=crate::ui::fields::setter(iface)
                    options=iface_options.clone()
                />
            })}
            <SubmitButton pending=pending label="vms.assign" busy="vms.assigning"/>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    #[test]
    fn a_pool_says_how_many_addresses_are_left_when_known() {
        let p = IpPool {
            id: Id::from("11"),
            name: Text("Public IPv4".into()),
            kind: Text("ipv4".into()),
            free: Text("2".into()),
        };
        let kind = kind_text(IpKind::V4);
        assert_eq!(
            pool_label(&p),
            t_with("vms.pool_label_free", &[("name", "Public IPv4"), ("type", &kind), ("n", "2")])
        );
        let p = IpPool { free: Text::default(), name: Text::default(), ..p };
        assert_eq!(pool_label(&p), t_with("vms.pool_label", &[("name", "11"), ("type", &kind)]));
    }
}
