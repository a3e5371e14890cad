//! `/services/:id/vms/:vmid`: one VM's console. The VM is read once, then
//! kept up to date by the commands' watch (see `console`); each card is its
//! own file.

use super::console::{Ctx, Note, POLL_MS};
use super::interfaces::InterfacesCard;
use super::ips::IpsCard;
use super::overview::OverviewCard;
use super::power::PowerCard;
use super::rebuild::RebuildCard;
use super::rescue::RescueCard;
use super::status_pill;
use crate::api::services::vms::{self, VmDetails};
use crate::app::href;
use crate::i18n::tr;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::erase::{dyn_view, resource};
use crate::ui::resource_view;
use crate::vocab::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VmPage(
    /// How often the VM is read while a command is under way (tests
    /// shorten it).
    #[prop(default = POLL_MS)]
    poll_ms: u32,
) -> impl IntoView {
    let params = use_params_map();
    let service = move || Id(params.read().get("id").unwrap_or_default());
    let vm_id = move || Id(params.read().get("vmid").unwrap_or_default());
    let first = resource(move || {
        let (s, v) = (service(), vm_id());
        async move { vms::details(&s, &v).await.map(|d| (s, v, d)) }
    });
    // the VM's name once read ("Virtual machine" meanwhile, or on an error)
    crate::ui::page_title_with(move || match first.get() {
        Some(Ok((_, _, d))) => d.name(),
        _ => crate::i18n::t("vms.vm_title"),
    });
    let list_href = move || href::service_vms(service().as_str());
    view! {
        <section class="page vm-page">
            <nav class="crumbs" aria-label=tr("vms.crumbs")>
                <A href=list_href>{tr("vms.back_to_list")}</A>
            </nav>
            {resource_view(first, "vms.vm_error", move |(s, v, d)| {
                view! { <Console d=d service=s vm_id=v poll_ms=poll_ms/> }
            })}
        </section>
    }
}

#[component]
fn Console(d: VmDetails, service: Id, vm_id: Id, poll_ms: u32) -> impl IntoView {
    let name = d.name();
    let ctx = Ctx::new(d, service, vm_id, poll_ms);
    let status = Signal::derive({
        let ctx = ctx.clone();
        move || ctx.status()
    });
    let confirm = ctx.confirm;
    view! {
        <div class="page-head">
            <div>
                <h1 id="vm-title">{name}</h1>
                <p class="muted">{tr("vms.state")} ": " {status_pill(status)}</p>
            </div>
        </div>
        <NoteLine ctx=ctx.clone()/>
        <Gone ctx=ctx.clone()/>
        <div class="settings-grid vm-cards">
            <OverviewCard ctx=ctx.clone()/>
            <PowerCard ctx=ctx.clone()/>
            <RescueCard ctx=ctx.clone()/>
            <RebuildCard ctx=ctx.clone()/>
            <IpsCard ctx=ctx.clone()/>
            <InterfacesCard ctx=ctx.clone()/>
        </div>
        <ConfirmDialog state=confirm/>
    }
}

/// The polite live region saying what the page is waiting for, what
/// happened, or that nothing changed yet (with "check again").
#[component]
fn NoteLine(ctx: Ctx) -> impl IntoView {
    let text = Signal::derive({
        let ctx = ctx.clone();
        move || ctx.note_text()
    });
    let waiting = Signal::derive({
        let ctx = ctx.clone();
        move || ctx.busy.get().is_some()
    });
    let again = ctx.clone();
    let check_again = dyn_view(move || match again.note.get() {
        Some(Note::TimedOut(c, before)) => {
            let me = again.clone();
            view! {
                <button type="button" class="btn btn-secondary" data-testid="check-again"
                    on:click=move |_| me.follow(c, before.clone(), false)>
                    {tr("vms.check_again")}
                </button>
            }
            .into_any()
        }
        _ => ().into_any(),
    });
    view! {
        <div class="vm-note" class:vm-note-empty=move || text.get().is_empty()>
            <p role="status" aria-live="polite" data-testid="vm-note">
                {move || waiting.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                {text}
            </p>
            {check_again}
        </div>
    }
}

/// The VM disappeared while the page watched it.
#[component]
fn Gone(ctx: Ctx) -> impl IntoView {
    let href = href::service_vms(ctx.service.as_str());
    let name = ctx.name();
    view! {
        <div class="alert alert-error" role="alert" data-testid="vm-gone" hidden=move || !ctx.gone.get()>
            <p>{crate::ui::text::tw("vms.gone", vec![("name", name)])}</p>
            <A href=href attr:class="btn btn-secondary">{tr("vms.back_to_list")}</A>
        </div>
    }
}
