//! The interfaces card: the VM's network interfaces (MAC, bridge, firewall,
//! addresses), adding one, editing one (firewall on/off, which of the VM's
//! addresses it carries) and removing one (asks first; the server keeps the
//! last one and says so).

use super::console::{error_message, Ctx};
use crate::api::services::network::{self, Interface, InterfaceBody, IpAddress, IpKind};
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::CheckField;
use crate::ui::dialog::Confirm;
use crate::ui::erase::{action, dyn_view, resource};
use crate::ui::text::SubmitButton;
use crate::ui::{resource_view, toast};
use crate::vocab::Id;
use leptos::prelude::*;

/// Which form is open: none, "add", or the edit of one interface.
#[derive(Clone, Debug, PartialEq)]
enum Open {
    None,
    Add,
    Edit(Id),
}

/// The addresses an interface carries, by their ids (an id the VM does
/// not list is shown as sent).
fn addresses(i: &Interface, ips: &[IpAddress]) -> String {
    let text: Vec<String> = i
        .ipv4
        .0
        .iter()
        .chain(i.ipv6.0.iter())
        .map(|id| {
            ips.iter().find(|ip| ip.id.0 == *id).map_or_else(|| id.clone(), |ip| ip.ip.0.clone())
        })
        .collect();
    if text.is_empty() {
        t("vms.no_addresses")
    } else {
        text.join(", ")
    }
}

/// The body for the ids ticked, split by kind as the VM's addresses say.
pub fn body_of(firewall: bool, ticked: &[String], ips: &[IpAddress]) -> InterfaceBody {
    let mut body = InterfaceBody { firewall, ..InterfaceBody::default() };
    for ip in ips.iter().filter(|ip| ticked.contains(&ip.id.0) && !ip.id.is_empty()) {
        match ip.ip_kind() {
            IpKind::V4 => body.ipv4.push(ip.id.clone()),
            IpKind::V6 => body.ipv6.push(ip.id.clone()),
        }
    }
    body
}

fn known_ips(ctx: &Ctx) -> Vec<IpAddress> {
    match ctx.ips.get_untracked() {
        Some(Ok(l)) => l,
        _ => Vec::new(),
    }
}

#[component]
pub fn InterfacesCard(ctx: Ctx) -> impl IntoView {
    let open = RwSignal::new(Open::None);
    let c = ctx.clone();
    let remove = action(move |iface: &Id| {
        let (c, iface) = (c.clone(), iface.clone());
        async move {
            let r = network::remove_interface(&c.service, &c.vm_id, &iface).await;
            if let Ok(info) = &r {
                toast::info(info, "vms.saved");
            }
            if r.is_ok() || r.as_ref().is_err_and(crate::vocab::ApiError::outcome_unknown) {
                c.ifaces.refetch();
                c.ips.refetch();
            }
            r
        }
    });
    let c = ctx.clone();
    let list = move |l: Vec<Interface>| {
        // read tracked: the VM's addresses may arrive after its interfaces,
        // and the list then names them instead of showing their ids
        let ips = match c.ips.get() {
            Some(Ok(l)) => l,
            _ => Vec::new(),
        };
        let items = l.into_iter().map(|i| iface_view(&c, i, &ips, open, remove)).collect_view();
        view! { <div class="iface-list" data-testid="vm-interfaces">{items}</div> }
    };
    let c = ctx.clone();
    let form = dyn_view(move || {
        match open.get() {
        Open::Add => view! { <InterfaceForm ctx=c.clone() iface=None initial=Interface::default() open=open/> }.into_any(),
        Open::Edit(id) => view! { <EditInterface ctx=c.clone() iface=id open=open/> }.into_any(),
        Open::None => ().into_any(),
    }
    });
    let pending = remove.pending();
    view! {
        <section class="card" aria-labelledby="vm-ifaces-title">
            <h2 id="vm-ifaces-title">{tr("vms.ifaces_title")}</h2>
            {resource_view(ctx.ifaces, "vms.ifaces_error", list)}
            {dyn_view(move || match remove.value().get() {
                Some(Err(e)) if !pending.get() => view! { <p class="field-error" role="alert" data-testid="iface-error">{error_message(&e)}</p> }.into_any(),
                _ => ().into_any(),
            })}
            <button type="button" class="btn btn-secondary" data-testid="add-iface"
                aria-expanded=move || (open.get() == Open::Add).to_string()
                on:click=move |_| open.update(|o| *o = if *o == Open::Add { Open::None } else { Open::Add })>
                {tr("vms.add_iface")}
            </button>
            {form}
        </section>
    }
}

fn iface_view(
    ctx: &Ctx,
    i: Interface,
    ips: &[IpAddress],
    open: RwSignal<Open>,
    remove: crate::ui::erase::Act<Id, Result<Vec<String>, crate::api::ApiError>>,
) -> impl IntoView {
    let name = if i.name.as_str().is_empty() { i.id.0.clone() } else { i.name.0.clone() };
    let row = |key: &'static str, value: String| view! { <div class="dl-row"><dt>{tr(key)}</dt><dd>{value}</dd></div> };
    let firewall = t(if i.firewall.0 { "vms.on" } else { "vms.off" });
    let (edit_id, del_id) = (i.id.clone(), i.id.clone());
    let confirm = ctx.confirm;
    let vm_name = ctx.name();
    let n = name.clone();
    let ask = move |_| {
        remove.clear();
        let body = t_with("vms.confirm_remove_iface_body", &[("iface", &n), ("name", &vm_name)]);
        let id = del_id.clone();
        confirm.ask(
            Confirm::new("vms.confirm_remove_iface_title", body, "vms.remove", move || {
                remove.dispatch(id.clone())
            })
            .danger(),
        );
    };
    let pending = remove.pending();
    view! {
        <article class="iface" data-iface=i.id.0.clone()>
            <h3>{name.clone()}</h3>
            <dl class="dl">
                {row("vms.mac", i.mac.0.clone())}
                {row("vms.bridge", i.bridge.0.clone())}
                {row("vms.firewall", firewall)}
                {row("vms.addresses", addresses(&i, ips))}
            </dl>
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" data-testid="edit-iface"
                    aria-label=t_with("vms.edit_iface", &[("iface", &name)])
                    on:click=move |_| open.set(Open::Edit(edit_id.clone()))>
                    {tr("vms.edit")}
                </button>
                <button type="button" class="btn btn-danger" data-testid="remove-iface" disabled=pending
                    aria-label=t_with("vms.remove_iface", &[("iface", &name)])
                    on:click=ask>
                    {tr("vms.remove")}
                </button>
            </div>
        </article>
    }
}

/// Editing: the interface read afresh (`GET …/interfaces/@iface`).
#[component]
fn EditInterface(ctx: Ctx, iface: Id, open: RwSignal<Open>) -> impl IntoView {
    let (s, v, i) = (ctx.service.clone(), ctx.vm_id.clone(), iface.clone());
    let current = resource(move || {
        let (s, v, i) = (s.clone(), v.clone(), i.clone());
        async move { network::interface(&s, &v, &i).await }
    });
    resource_view(current, "vms.iface_error", move |initial| {
        view! { <InterfaceForm ctx=ctx.clone() iface=Some(iface.clone()) initial=initial open=open/> }
    })
}

/// The add/edit form: firewall and the VM's addresses to carry.
#[component]
fn InterfaceForm(
    ctx: Ctx,
    iface: Option<Id>,
    initial: Interface,
    open: RwSignal<Open>,
) -> impl IntoView {
    let firewall = RwSignal::new(if iface.is_some() { initial.firewall.0 } else { true });
    let ticked = RwSignal::new(
        initial.ipv4.0.iter().chain(initial.ipv6.0.iter()).cloned().collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<String>);
    let ips = known_ips(&ctx);
    let c = ctx.clone();
    let target = iface.clone();
    let save = action(move |body: &InterfaceBody| {
        let (c, body, target) = (c.clone(), body.clone(), target.clone());
        async move {
            let r = match &target {
                Some(i) => network::update_interface(&c.service, &c.vm_id, i, &body).await,
                None => {
                    network::add_interface(&c.service, &c.vm_id, &body).await.map(|(info, _)| info)
                }
            };
            match &r {
                Ok(info) => {
                    toast::info(info, "vms.saved");
                    c.ifaces.refetch();
                    c.ips.refetch();
                    open.try_set(Open::None);
                }
                Err(e) => {
                    error.try_set(Some(error_message(e)));
                    if e.outcome_unknown() {
                        c.ifaces.refetch();
                    }
                }
            }
            r
        }
    });
    let pending = save.pending();
    let all = ips.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        save.dispatch(body_of(firewall.get_untracked(), &ticked.get_untracked(), &all));
    };
    let prefix = iface.as_ref().map_or_else(|| "new".to_owned(), |i| i.0.clone());
    let boxes = ips
        .into_iter()
        .filter(|ip| !ip.id.is_empty())
        .map(|ip| {
            let id = ip.id.0.clone();
            let (a, b) = (id.clone(), id.clone());
            let control = format!("f-iface-{prefix}-ip-{id}");
            let for_control = control.clone();
            view! {
                <label class="check" for=for_control>
                    <input type="checkbox" id=control name="ips" value=id
                        prop:checked=move || ticked.with(|t| t.contains(&a))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ticked.update(|t| {
                                t.retain(|x| *x != b);
                                if on { t.push(b.clone()); }
                            });
                        }/>
                    <span>{ip.ip.0.clone()}</span>
                </label>
            }
        })
        .collect_view();
    let title = match &iface {
        Some(i) => t_with("vms.edit_iface", &[("iface", i.as_str())]),
        None => t("vms.add_iface"),
    };
    view! {
        <form class="form iface-form" novalidate on:submit=submit data-testid="iface-form">
            <h3>{title}</h3>
            <CheckField label="vms.firewall_on" name="firewall" checked=firewall id=format!("f-iface-{prefix}-firewall")/>
            <fieldset class="field">
                <legend>{tr("vms.addresses")}</legend>
                {boxes}
            </fieldset>
            {crate::ui::text::field_error(error.into(), None)}
            <div class="form-actions">
                <SubmitButton pending=pending label="vms.save"/>
                <button type="button" class="btn btn-secondary" on:click=move |_| open.set(Open::None)>
                    {tr("vms.cancel")}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    fn ip(id: &str, addr: &str) -> IpAddress {
        IpAddress { id: Id::from(id), ip: Text(addr.into()), ..IpAddress::default() }
    }

    #[test]
    fn the_ticked_addresses_are_sent_by_kind() {
        let ips =
            [ip("9001", "103.28.36.11"), ip("9002", "2401:5f80::11"), ip("9003", "103.28.36.20")];
        let b = body_of(true, &["9002".into(), "9003".into(), "nope".into()], &ips);
        assert_eq!(
            b,
            InterfaceBody {
                firewall: true,
                ipv4: vec![Id::from("9003")],
                ipv6: vec![Id::from("9002")]
            }
        );
        assert_eq!(body_of(false, &[], &ips), InterfaceBody::default());
    }

    #[test]
    fn an_interface_lists_its_addresses() {
        let ips = [ip("9001", "103.28.36.11")];
        let i = Interface {
            ipv4: crate::api::services::vms::TextList(vec!["9001".into(), "7".into()]),
            ..Interface::default()
        };
        assert_eq!(addresses(&i, &ips), "103.28.36.11, 7");
    }
}
