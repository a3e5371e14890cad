//! `/services/:id`: one service. Its details (`GET /service/@id`, with the
//! login hidden until revealed) and the actions `GET /service/@id/methods`
//! offers, and only those: the label, an upgrade with a live estimate,
//! cancelling, links to the VM and reverse-DNS pages, and the methods this
//! portal does not offer, named as available elsewhere.
//!
//! The service is loaded once and kept in a signal the cards read; after a
//! write it is read again ([`Ctx::reload`]) without drawing the page anew,
//! so what a card shows (a message, a link to an invoice) stays.

pub mod cancel;
pub mod details;
pub mod label;
pub mod more;
pub mod upgrade;

use super::list::status_text;
use crate::api::services::service::{self as api, Methods, ServiceDetails, ServiceStatus};
use crate::api::ApiError;
use crate::app::href;
use crate::i18n::{t, t_with, tr};
use crate::ui::dialog::{ConfirmDialog, ConfirmState};
use crate::ui::erase::{dyn_view, resource, Res};
use crate::ui::resource_view;
use crate::vocab::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What the cards of the page share. Copy.
#[derive(Clone, Copy)]
pub struct Ctx {
    id: StoredValue<Id>,
    current: RwSignal<Option<ServiceDetails>>,
    /// The service as last read.
    pub service: Signal<ServiceDetails>,
    /// The account currency (`GET /balance`), read once for the page.
    pub currency: Signal<String>,
    pub confirm: ConfirmState,
}

impl Ctx {
    pub fn id(&self) -> Id {
        self.id.get_value()
    }

    /// The name the customer knows the service by (label, domain, product).
    pub fn name(&self) -> String {
        self.service.with_untracked(ServiceDetails::display_name)
    }

    /// Reads the service again after a write (status, label, cancellation).
    pub fn reload(&self) {
        let (id, current) = (self.id(), self.current);
        leptos::task::spawn_local(async move {
            if let Ok(d) = api::details(id).await {
                // the page may be gone meanwhile
                let _ = current.try_set(Some(d));
            }
        });
    }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    // drawn anew when the address names another service (back, forward)
    dyn_view(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        view! { <ServiceView id=Id(id)/> }.into_any()
    })
}

/// The page of service `id` (also mounted alone by the browser tests).
#[component]
pub fn ServiceView(id: Id) -> impl IntoView {
    let details = resource({
        let id = id.clone();
        move || api::details(id.clone())
    });
    let methods = resource({
        let id = id.clone();
        move || api::methods(id.clone())
    });
    let current = RwSignal::new(None::<ServiceDetails>);
    let (_, currency) = crate::state::account_currency();
    let confirm = ConfirmState::new();
    let number = id.0.clone();
    let title = Signal::derive(move || {
        current
            .get()
            .or_else(|| details.get().and_then(Result::ok))
            .map(|d| d.display_name())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| t_with("services.service_n", &[("id", &number)]))
    });
    crate::ui::page_title_with(move || title.get());
    let id = StoredValue::new(id);
    view! {
        <section class="page service-page" aria-labelledby="service-title">
            <nav class="crumbs" aria-label=tr("services.crumbs")>
                <A href=href::SERVICES>{tr("services.title")}</A>
            </nav>
            <h1 id="service-title">{title}</h1>
            {resource_view(details, "services.load_error", move |first: ServiceDetails| {
                let service = Signal::derive(move || current.get().unwrap_or_else(|| first.clone()));
                let ctx = Ctx { id, current, service, currency, confirm };
                view! { <Loaded ctx=ctx methods=methods/> }
            })}
            <ConfirmDialog state=confirm/>
        </section>
    }
}

#[component]
fn Loaded(ctx: Ctx, methods: Res<Result<Methods, ApiError>>) -> impl IntoView {
    let s = ctx.service;
    let status = Signal::derive(move || s.with(|d| ServiceStatus::of(d.status.as_str())));
    let state_line = move || {
        s.with(|d| {
            let st = ServiceStatus::of(d.status.as_str());
            let product = d.name.as_str().trim().to_owned();
            (product, status_text(st, d.status.as_str()), st.tone())
        })
    };
    let notice = Signal::derive(move || {
        let st = status.get();
        if st.is_closed() {
            Some(t_with("services.closed_notice", &[("status", &status_text(st, ""))]))
        } else if s.with(ServiceDetails::cancel_pending) {
            Some(t("services.cancel_pending_notice"))
        } else {
            None
        }
    });
    view! {
        <p class="service-state">
            {move || {
                let (product, text, tone) = state_line();
                view! {
                    <span class="muted">{product}</span>
                    " "
                    <span class=format!("badge badge-{tone}") data-testid="service-status">{text}</span>
                }
            }}
        </p>
        <crate::ui::fields::Note text=notice class="alert alert-info" role="status" testid="service-notice"/>
        <div class="service-cards">
            <details::DetailsCard ctx=ctx/>
            {resource_view(methods, "services.methods_error", move |m: Methods| view! { <Actions ctx=ctx methods=m/> })}
        </div>
    }
}

/// The cards of what the service offers.
#[component]
fn Actions(ctx: Ctx, methods: Methods) -> impl IntoView {
    // memos: the cards are drawn again only when these change, not on
    // every reload of the service (which would lose what a card shows)
    let closed =
        Memo::new(move |_| ctx.service.with(|d| ServiceStatus::of(d.status.as_str()).is_closed()));
    let cancellable =
        Memo::new(move |_| !closed.get() && !ctx.service.with(ServiceDetails::cancel_pending));
    let (read, change) = (methods.label_read(), methods.label_change());
    let (can_upgrade, can_cancel) = (methods.upgrade(), methods.cancel());
    let links = methods.vms() || methods.rdns();
    let mut elsewhere = methods.elsewhere();
    if methods.half_upgrade() {
        elsewhere.push((t("services.upgrade_title"), String::new(), String::new()));
    }
    let nothing = !(read || change || can_upgrade || can_cancel || links) && elsewhere.is_empty();
    view! {
        {(read || change).then(|| view! { <label::LabelCard ctx=ctx read=read change=change/> })}
        <more::LinksCard ctx=ctx vms=methods.vms() rdns=methods.rdns()/>
        {can_upgrade.then(|| dyn_view(move || {
            if closed.get() { ().into_any() } else { view! { <upgrade::UpgradeCard ctx=ctx/> }.into_any() }
        }))}
        {can_cancel.then(|| dyn_view(move || {
            if cancellable.get() { view! { <cancel::CancelCard ctx=ctx/> }.into_any() } else { ().into_any() }
        }))}
        {(!elsewhere.is_empty()).then(|| view! { <more::ElsewhereCard methods=elsewhere/> })}
        {nothing.then(|| view! { <section class="card"><p class="muted">{tr("services.no_actions")}</p></section> })}
    }
}
