//! Where else the service can be managed: its virtual machines and
//! reverse DNS (pages of their own), and the methods of
//! `GET /service/@id/methods` this portal does not offer, named so the
//! customer knows to use the provider's site or support for them.

use super::Ctx;
use crate::app::href;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the service's VM and reverse-DNS pages, as offered, and to a
/// new support ticket about the service.
#[component]
pub fn LinksCard(ctx: Ctx, vms: bool, rdns: bool) -> impl IntoView {
    let id = ctx.id();
    view! {
        <section class="card" aria-labelledby="svc-links-title">
            <h2 id="svc-links-title">{tr("services.manage")}</h2>
            <div class="link-buttons">
                {vms.then(|| view! {
                    <A href=href::service_vms(id.as_str()) attr:class="btn btn-secondary" attr:data-testid="vms-link">{tr("services.vms_link")}</A>
                })}
                {rdns.then(|| view! {
                    <A href=href::service_rdns(id.as_str()) attr:class="btn btn-secondary" attr:data-testid="rdns-link">{tr("services.rdns_link")}</A>
                })}
                <A href=href::new_ticket_about("service", id.as_str()) attr:class="btn btn-secondary" attr:data-testid="ticket-link">{tr("services.ticket_about")}</A>
            </div>
        </section>
    }
}

/// The methods this portal does not offer, by the server's name for them.
#[component]
pub fn ElsewhereCard(methods: Vec<(String, String, String)>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="svc-elsewhere-title" data-testid="elsewhere">
            <h2 id="svc-elsewhere-title">{tr("services.elsewhere_title")}</h2>
            <p>{tr("services.elsewhere_text")}</p>
            <ul class="elsewhere-list">
                {methods
                    .into_iter()
                    .map(|(name, verb, route)| {
                        let shown = if name.is_empty() { route.clone() } else { name };
                        let detail = format!("{verb} {route}").trim().to_owned();
                        view! { <li><strong>{shown}</strong>" "<span class="muted">{detail}</span></li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
