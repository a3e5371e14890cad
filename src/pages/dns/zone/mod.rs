//! `/dns/:service/:zone`: one zone's records.
//!
//! The zone's name comes from `GET /dns` (a zone missing there was deleted,
//! perhaps in another tab: said, with the way back); the records from
//! HostBill's standard `GET /service/@id/dns/@zone_id`. Where the server
//! answers that call `invalid method`/404 the page says it cannot list
//! records and still lets the customer add them: those added here are
//! shown (without an id the server never told, so they cannot be changed
//! from here), and records changed here keep the id the change answered.
//!
//! - `table`: the records, filtered, sorted and paged (2,000 stay smooth);
//! - `form`: add or change one record, every type's checks before sending;
//! - `bulk`: mail presets and BIND import, added one by one with progress;
//! - `export`: the zone as BIND text, to copy or download.

pub mod bulk;
pub mod export;
pub mod form;
pub mod table;

use super::refusal_text;
use crate::api::dns as api;
use crate::app::href;
use crate::dns::{Draft, Record, RecordType};
use crate::i18n::{t, t_with, tr};
use crate::ui::dialog::{Confirm, ConfirmDialog, ConfirmState};
use crate::ui::erase::{dyn_view, resource};
use crate::ui::{toast, ErrorPanel, Loading};
use crate::vocab::{ApiError, Id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What the page found: the zone's name and its records, `None` when this
/// server cannot list them.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    Zone {
        name: String,
        records: Option<Vec<Record>>,
    },
    /// Not in `GET /dns` (deleted, or not the customer's).
    Gone,
}

async fn load(service: Id, zone: Id) -> Result<Found, ApiError> {
    let zones = api::zones().await?;
    let Some(z) = zones.zones.iter().find(|z| z.id == zone && z.service_id == service) else {
        return Ok(Found::Gone);
    };
    match api::records(&service, &zone, &z.name).await {
        Ok(list) => Ok(Found::Zone { name: z.name.clone(), records: Some(list.records) }),
        Err(ApiError::NotSupported) => Ok(Found::Zone { name: z.name.clone(), records: None }),
        Err(ApiError::Server { messages, .. })
            if messages.iter().any(|m| m == "zone_not_found") =>
        {
            Ok(Found::Gone)
        }
        Err(e) => Err(e),
    }
}

/// The zone's tools, in a module of their own (`split::dns_tools`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Presets,
    Import,
    Export,
}

/// Draws a tool (the entry of the tools' module).
pub fn render_tool(tool: Tool, ctx: Ctx) -> AnyView {
    match tool {
        Tool::Presets => view! { <bulk::Presets ctx=ctx/> }.into_any(),
        Tool::Import => view! { <bulk::Import ctx=ctx/> }.into_any(),
        Tool::Export => view! { <export::Export ctx=ctx/> }.into_any(),
    }
}

/// A tool, once its module is here: progress meanwhile, a message with a
/// retry if it cannot be loaded.
#[component]
fn ToolPanel(tool: Tool, ctx: Ctx) -> impl IntoView {
    let module = resource(crate::split::dns_tools);
    dyn_view(move || {
        match module.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(render)) => render(tool, ctx),
        Some(Err(_)) => view! {
            <ErrorPanel error=ApiError::Network what="app.section_failed" on_retry=Callback::new(move |_| module.refetch())/>
        }
        .into_any(),
    }
    })
}

/// The panel open under the table.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    Closed,
    Add(Draft),
    Change(Record),
    Presets,
    Import,
    Export,
}

/// The page's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub service: StoredValue<Id>,
    pub zone: StoredValue<Id>,
    /// ASCII, lower case.
    pub name: StoredValue<String>,
    pub records: RwSignal<Vec<Record>>,
    /// The server lists the zone's records.
    pub listing: RwSignal<bool>,
    pub panel: RwSignal<Panel>,
    /// The zone disappeared while the page was open.
    pub gone: RwSignal<bool>,
    /// A read after a change failed: the table may be out of date.
    pub stale: RwSignal<bool>,
}

impl Ctx {
    pub fn new(service: Id, zone: Id, name: String, records: Option<Vec<Record>>) -> Ctx {
        Ctx {
            service: StoredValue::new(service),
            zone: StoredValue::new(zone),
            name: StoredValue::new(name),
            listing: RwSignal::new(records.is_some()),
            records: RwSignal::new(records.unwrap_or_default()),
            panel: RwSignal::new(Panel::Closed),
            gone: RwSignal::new(false),
            stale: RwSignal::new(false),
        }
    }

    pub fn zone_name(&self) -> String {
        self.name.get_value()
    }

    /// Reads the records again (when the server lists them). Says whether
    /// the table now shows the server's records.
    pub async fn reread(self) -> bool {
        if !self.listing.get_untracked() {
            return false;
        }
        let (s, z, n) = (self.service.get_value(), self.zone.get_value(), self.name.get_value());
        match api::records(&s, &z, &n).await {
            Ok(list) => {
                let _ = self.records.try_set(list.records);
                let _ = self.stale.try_set(false);
                true
            }
            Err(ApiError::NotSupported) => {
                let _ = self.listing.try_set(false);
                false
            }
            // the part of the page that asked was closed
            Err(ApiError::Aborted) => false,
            Err(e) => {
                if e.messages().iter().any(|m| m == "zone_not_found") {
                    let _ = self.gone.try_set(true);
                }
                let _ = self.stale.try_set(true);
                false
            }
        }
    }

    /// After an add the server did not list: keep the record in the table
    /// (without an id), unless it is there already.
    pub fn keep_added(&self, r: Record) {
        let _ = self.records.try_update(|list| {
            if !list.iter().any(|x| same_record(x, &r)) {
                list.push(r);
            }
        });
    }

    /// After a change: the record with this id is now `r`.
    pub fn replace(&self, id: &str, r: Record) {
        let _ = self.records.try_update(|list| {
            if let Some(x) = list.iter_mut().find(|x| x.id.as_deref() == Some(id)) {
                *x = r;
            }
        });
    }

    /// A refusal that says the zone is gone closes the editor and says so.
    pub fn note_refusal(&self, e: &ApiError) {
        if e.messages().iter().any(|m| m == "zone_not_found") {
            self.gone.set(true);
        }
    }
}

/// The same record, ids aside (name, type, content, priority for MX/SRV).
pub fn same_record(a: &Record, b: &Record) -> bool {
    a.name == b.name
        && a.rtype == b.rtype
        && a.content.eq_ignore_ascii_case(&b.content)
        && (!a.rtype.has_priority() || a.priority == b.priority)
}

#[component]
pub fn ZonePage() -> impl IntoView {
    let params = use_params_map();
    let service = Signal::derive(move || Id(params.read().get("service").unwrap_or_default()));
    let zone = Signal::derive(move || Id(params.read().get("zone").unwrap_or_default()));
    crate::ui::page_title("dns.zone_title");
    let data = resource(move || load(service.get(), zone.get()));
    view! {
        <section class="page dns-zone-page">
            <nav class="crumbs" aria-label=tr("dns.crumbs")>
                <A href=href::DNS>{tr("dns.title")}</A>
            </nav>
            {dyn_view(move || match data.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! {
                    <h1>{tr("dns.zone_title")}</h1>
                    <ErrorPanel error=e what="dns.records_error" on_retry=Callback::new(move |_| data.refetch())/>
                }
                .into_any(),
                Some(Ok(Found::Gone)) => gone_view().into_any(),
                Some(Ok(Found::Zone { name, records })) => {
                    let ctx = Ctx::new(service.get_untracked(), zone.get_untracked(), name, records);
                    view! { <Zone ctx=ctx/> }.into_any()
                }
            })}
        </section>
    }
}

fn gone_view() -> impl IntoView {
    view! {
        <h1>{tr("dns.zone_title")}</h1>
        <div class="alert alert-warn" role="alert" data-testid="zone-gone">
            <p>{tr("dns.zone_gone")}</p>
            <A href=href::DNS attr:class="btn btn-secondary">{tr("dns.back_to_zones")}</A>
        </div>
    }
}

#[component]
fn Zone(ctx: Ctx) -> impl IntoView {
    let name = ctx.zone_name();
    let confirm = ConfirmState::new();
    let open = move |p: Panel| {
        ctx.panel.set(p);
        crate::browser::focus("zone-panel");
    };
    let ask_delete = Callback::new(move |r: Record| {
        let body = t_with(
            "dns.record_delete_body",
            &[
                ("type", r.rtype.as_str()),
                ("name", &crate::dns::full_name(&r.name, &ctx.zone_name())),
                ("content", &r.content),
            ],
        );
        confirm.ask(
            Confirm::new("dns.record_delete_title", body, "dns.record_delete", move || {
                delete_record(ctx, r.clone())
            })
            .danger(),
        );
    });
    let edit = Callback::new(move |r: Record| open(Panel::Change(r)));
    let panel = dyn_view(move || match ctx.panel.get() {
        Panel::Closed => ().into_any(),
        Panel::Add(d) => view! { <form::RecordForm ctx=ctx draft=d editing=None/> }.into_any(),
        Panel::Change(r) => {
            let d = Draft::from_record(&r);
            view! { <form::RecordForm ctx=ctx draft=d editing=Some(r)/> }.into_any()
        }
        Panel::Presets => view! { <ToolPanel tool=Tool::Presets ctx=ctx/> }.into_any(),
        Panel::Import => view! { <ToolPanel tool=Tool::Import ctx=ctx/> }.into_any(),
        Panel::Export => view! { <ToolPanel tool=Tool::Export ctx=ctx/> }.into_any(),
    });
    let tool = move |key: &'static str, p: Panel, testid: &'static str| {
        let current = p.clone();
        view! {
            <button type="button" class="btn btn-secondary" data-testid=testid
                aria-expanded=move || (std::mem::discriminant(&ctx.panel.get()) == std::mem::discriminant(&current)).to_string()
                aria-controls="zone-panel"
                on:click=move |_| open(p.clone())>
                {tr(key)}
            </button>
        }
    };
    view! {
        <h1 class="zone-title">{crate::idn::label(&name)}</h1>
        <div class="alert alert-warn" role="alert" hidden=move || !ctx.gone.get() data-testid="zone-gone">
            <p>{tr("dns.zone_gone")}</p>
            <A href=href::DNS attr:class="btn btn-secondary">{tr("dns.back_to_zones")}</A>
        </div>
        <div class="alert alert-info" role="status" hidden=move || ctx.listing.get() data-testid="no-listing">
            <p>{tr("dns.no_listing")}</p>
        </div>
        <p class="alert alert-warn" role="status" hidden=move || !ctx.stale.get()>
            {tr("dns.stale")}
            " "
            <button type="button" class="btn btn-ghost" on:click=move |_| {
                leptos::task::spawn_local(async move { ctx.reread().await; });
            }>{tr("common.refresh")}</button>
        </p>
        <div class="zone-tools" role="group" aria-label=tr("dns.tools")>
            <button type="button" class="btn btn-primary" data-testid="add-record"
                aria-controls="zone-panel"
                on:click=move |_| open(Panel::Add(Draft::new(RecordType::A)))>
                {tr("dns.add_record")}
            </button>
            {tool("dns.presets", Panel::Presets, "open-presets")}
            {tool("dns.import", Panel::Import, "open-import")}
            {tool("dns.export", Panel::Export, "open-export")}
        </div>
        <div id="zone-panel" tabindex="-1" class="zone-panel">{panel}</div>
        <table::RecordTable ctx=ctx on_edit=edit on_delete=ask_delete/>
        <ConfirmDialog state=confirm/>
    }
}

/// Deletes a record (asked first by the caller); the table follows.
fn delete_record(ctx: Ctx, r: Record) {
    let Some(id) = r.id.clone() else { return };
    leptos::task::spawn_local(async move {
        let (s, z) = (ctx.service.get_value(), ctx.zone.get_value());
        match api::delete_record(&s, &z, &id).await {
            Ok(_) => {
                toast::show(t("dns.record_deleted"));
                let _ =
                    ctx.records.try_update(|l| l.retain(|x| x.id.as_deref() != Some(id.as_str())));
                if ctx.panel.try_get_untracked() == Some(Panel::Change(r)) {
                    let _ = ctx.panel.try_set(Panel::Closed);
                }
                ctx.reread().await;
            }
            Err(e) if e.messages().iter().any(|m| m == "record_not_found") => {
                // deleted elsewhere: it is gone either way
                toast::show(t("dns.record_gone"));
                let _ =
                    ctx.records.try_update(|l| l.retain(|x| x.id.as_deref() != Some(id.as_str())));
                ctx.reread().await;
            }
            Err(e) if e.outcome_unknown() => {
                toast::show(t("dns.delete_record_unknown"));
                ctx.reread().await;
            }
            Err(e) => {
                ctx.note_refusal(&e);
                toast::show(refusal_text(&e));
            }
        }
    });
}
