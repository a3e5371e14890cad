//! `/domains/:id`: the domain's details (`GET /domain/@id`) and every
//! setting the API offers, each card with its own loading, success toast
//! and error. Destructive or costly changes ask first.

use super::settings::{
    ChildNameservers, Contacts, Dnssec, EmailForwarding, Nameservers, Renew, UrlForwarding,
};
use super::{days_text, logic, on_off, status_badge, write_action, write_error};
use crate::api::domains::{self, DomainDetails};
use crate::api::loose::Id;
use crate::app::href;
use crate::i18n::{self, t, t_with, tr};
use crate::ui::dialog::{Confirm, ConfirmDialog, ConfirmState};
use crate::ui::erase::resource;
use crate::ui::format::{date, money_text};
use crate::ui::text::{either_text, tw};
use crate::ui::{error_text, resource_view, Loading};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What every card of the page shares.
#[derive(Clone)]
pub struct Ctx {
    pub id: Id,
    pub name: String,
    pub details: crate::ui::erase::Res<Result<DomainDetails, crate::api::ApiError>>,
    /// The account currency (`GET /balance`), read once for the page.
    pub currency: Signal<String>,
    pub confirm: ConfirmState,
}

#[component]
pub fn DomainDetail() -> impl IntoView {
    let params = use_params_map();
    let id = move || Id(params.read().get("id").unwrap_or_default());
    let details = resource(move || domains::details(id()));
    let confirm = ConfirmState::new();
    let (_, currency) = crate::state::account_currency();
    view! {
        <section class="page domain-page">
            <nav class="crumbs" aria-label=tr("domains.crumbs")>
                <A href=href::DOMAINS>{tr("domains.title")}</A>
            </nav>
            {resource_view(details, "domains.details_error", move |d| {
                let ctx = Ctx { id: d.id.clone(), name: d.name.0.clone(), details, currency, confirm };
                view! { <Page d=d ctx=ctx/> }
            })}
            <ConfirmDialog state=confirm/>
        </section>
    }
}

#[component]
fn Page(d: DomainDetails, ctx: Ctx) -> impl IntoView {
    let name = d.name.0.clone();
    crate::ui::page_title_with({
        let name = name.clone();
        move || name.clone()
    });
    let days = logic::days_left(d.expires.as_str(), logic::today());
    let status = logic::Status::of(d.status.as_str());
    let soon = matches!(status, logic::Status::Active | logic::Status::Pending)
        && days.is_some_and(|x| (0..=logic::SOON_DAYS).contains(&x));
    let docs_href = href::domain_documents(ctx.id.as_str());
    // VNNIC asks holders of Vietnamese domains to prove who they are.
    let ekyc_href = logic::is_vn(&name).then(|| href::ekyc_for_domain(ctx.id.as_str(), &name));
    let expires = d.expires.0.clone();
    view! {
        <div class="page-head">
            <div>
                <h1 id="domain-title">{crate::idn::label(&name)}</h1>
                <p class="muted">
                    {status_badge(d.status.0.clone())} " "
                    {tw("domains.expires_on", vec![("date", date(&expires))])} " · "
                    <span class:text-warn=soon>{move || days_text(days)}</span>
                </p>
            </div>
            <SyncButton ctx=ctx.clone()/>
        </div>
        {soon.then(|| view! {
            <div class="alert alert-warn" role="status">
                <p>{tw("domains.soon_detail", vec![("n", days.unwrap_or(0).to_string())])}</p>
                <a class="btn btn-secondary" href="#renew">{tr("domains.renew_now")}</a>
            </div>
        })}
        <PendingDocuments ctx=ctx.clone() href=docs_href.clone()/>
        <div class="settings-grid">
            <Overview d=d.clone() cur=ctx.currency/>
            <AutoRenew ctx=ctx.clone()/>
            <IdProtection ctx=ctx.clone() on=d.idprotection.0/>
            <Security ctx=ctx.clone()/>
            <Nameservers ctx=ctx.clone() current=d.nameservers.clone()/>
            <DnsZone name=name.clone()/>
            <ChildNameservers ctx=ctx.clone()/>
            <Contacts ctx=ctx.clone()/>
            <EmailForwarding ctx=ctx.clone()/>
            <UrlForwarding ctx=ctx.clone()/>
            <Dnssec ctx=ctx.clone()/>
            <Renew ctx=ctx.clone() status=d.status.0.clone()/>
            <section class="card" aria-labelledby="docs-title">
                <h2 id="docs-title">{tr("documents.title")}</h2>
                <p class="muted">{tr("documents.intro")}</p>
                <A href=docs_href attr:class="btn btn-secondary">{tr("documents.open")}</A>
            </section>
            <section class="card" aria-labelledby="help-title">
                <h2 id="help-title">{tr("domains.help_title")}</h2>
                <p class="muted">{tr("domains.help_intro")}</p>
                <A href=href::new_ticket_about("domain", ctx.id.as_str()) attr:class="btn btn-secondary" attr:data-testid="ticket-link">{tr("domains.ticket_about")}</A>
            </section>
            {ekyc_href.map(|href| view! {
                <section class="card" aria-labelledby="ekyc-title">
                    <h2 id="ekyc-title">{tr("domains.ekyc_title")}</h2>
                    <p class="muted">{tr("domains.ekyc_intro")}</p>
                    <A href=href attr:class="btn btn-secondary">{tr("domains.ekyc_open")}</A>
                </section>
            })}
        </div>
    }
}

/// The way to the domain's DNS zone: `/dns?domain=<name>` opens the zone
/// when the customer has one of that name and offers to create it when not
/// (the DNS section reads `GET /dns`; this page does not, so the domain
/// section carries none of the DNS code).
#[component]
fn DnsZone(name: String) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="dns-zone-title" data-testid="domain-dns">
            <h2 id="dns-zone-title">{tr("domains.dns_title")}</h2>
            <p class="muted">{tr("domains.dns_intro")}</p>
            <A href=href::dns_for_domain(&name) attr:class="btn btn-secondary">{tr("domains.dns_open")}</A>
        </section>
    }
}

/// A banner when documents of this domain wait for a signature.
#[component]
fn PendingDocuments(ctx: Ctx, href: String) -> impl IntoView {
    let id = ctx.id.clone();
    let docs = resource(move || domains::documents(id.clone()));
    move || {
        let n = match docs.get() {
            Some(Ok(list)) => list.iter().filter(|d| d.needs_signature()).count(),
            _ => 0,
        };
        let href = href.clone();
        (n > 0).then(|| {
            view! {
                <div class="alert alert-attention" role="status" data-testid="pending-docs">
                    <strong class="alert-title">{tw("documents.pending_banner", vec![("n", n.to_string())])}</strong>
                    <p>{tr("documents.pending_help")}</p>
                    <A href=href attr:class="btn btn-primary">{tr("documents.sign_now")}</A>
                </div>
            }
        })
    }
}

#[component]
fn Overview(d: DomainDetails, cur: Signal<String>) -> impl IntoView {
    let amount = d.recurring_amount.clone();
    let row = |key: &'static str, value: String| view! { <div class="dl-row"><dt>{tr(key)}</dt><dd>{value}</dd></div> };
    view! {
        <section class="card" aria-labelledby="ov-title">
            <h2 id="ov-title">{tr("domains.overview")}</h2>
            <dl class="dl">
                {row("domains.created", date(d.date_created.as_str()))}
                {row("domains.col_expires", date(d.expires.as_str()))}
                {row("domains.next_due", date(d.next_due.as_str()))}
                {row("domains.period", t_with("domains.years", &[("n", d.period.as_str())]))}
                <div class="dl-row">
                    <dt>{tr("domains.recurring")}</dt>
                    <dd>{move || money_text(&amount, &cur.get(), i18n::lang())}</dd>
                </div>
            </dl>
        </section>
    }
}

/// Synchronise with the registry (`GET /domain/@id/sync`).
#[component]
fn SyncButton(ctx: Ctx) -> impl IntoView {
    let details = ctx.details;
    let sync = write_action(domains::sync, move || details.refetch());
    let pending = sync.pending();
    let id = ctx.id.clone();
    view! {
        <div class="head-actions">
            <button type="button" class="btn btn-secondary" disabled=pending on:click=move |_| {
                sync.dispatch(id.clone());
            }>
                {either_text(pending.into(), "domains.syncing", "domains.sync")}
            </button>
            {write_error(sync, "domains.sync_error")}
        </div>
    }
}

/// A labelled on/off switch (a checkbox with `role="switch"`).
#[component]
fn Switch(
    id: &'static str,
    label: &'static str,
    on: Signal<bool>,
    disabled: Signal<bool>,
    on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="switch" for=id>
            <input
                id=id
                name="switch"
                type="checkbox"
                role="switch"
                prop:checked=on
                aria-checked=move || if on.get() { "true" } else { "false" }
                disabled=disabled
                on:change=move |ev| {
                    let want = event_target_checked(&ev);
                    // The box follows the server, not the click.
                    if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                        el.set_checked(on.get_untracked());
                    }
                    on_toggle.run(want);
                }
            />
            <span class="switch-track" aria-hidden="true"></span>
            <span>{tr(label)}</span>
        </label>
    }
}

/// Auto-renew (`GET`/`PUT /domain/@id/autorenew`); turning it off asks first.
#[component]
fn AutoRenew(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let state = resource(move || domains::autorenew(id.clone()));
    let id = ctx.id.clone();
    let set = write_action(
        move |on: bool| domains::set_autorenew(id.clone(), on),
        move || state.refetch(),
    );
    let pending = set.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let on = Signal::derive(move || matches!(state.get(), Some(Ok(true))));
    let toggle = Callback::new(move |want: bool| {
        if want {
            set.dispatch(true);
        } else {
            let body = t_with("domains.autorenew_off_body", &[("name", &name)]);
            confirm.ask(
                Confirm::new(
                    "domains.autorenew_off_title",
                    body,
                    "domains.autorenew_off",
                    move || {
                        set.dispatch(false);
                    },
                )
                .danger(),
            );
        }
    });
    view! {
        <section class="card" aria-labelledby="ar-title" data-testid="autorenew">
            <h2 id="ar-title">{tr("domains.autorenew")}</h2>
            <p class="muted">{tr("domains.autorenew_help")}</p>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <p class="field-error" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(_)) => view! {
                    <Switch id="f-autorenew" label="domains.autorenew_switch" on=on disabled=pending.into() on_toggle=toggle/>
                    <p class="status-line" aria-live="polite">{move || if pending.get() { t("domains.saving") } else { on_off(on.get()) }}</p>
                }.into_any(),
            }}
            {write_error(set, "domains.save_error")}
        </section>
    }
}

/// ID protection (`PUT /domain/@id/idprotection`); both ways ask first
/// (it may cost, and turning it off publishes the owner's details).
#[component]
fn IdProtection(ctx: Ctx, on: bool) -> impl IntoView {
    let details = ctx.details;
    let id = ctx.id.clone();
    let current = RwSignal::new(on);
    let set = write_action(
        move |on: bool| {
            let id = id.clone();
            async move {
                let r = domains::set_idprotection(id, on).await;
                if r.is_ok() {
                    current.try_set(on);
                }
                r
            }
        },
        move || details.refetch(),
    );
    let pending = set.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let toggle = Callback::new(move |want: bool| {
        let (title, body, label) = if want {
            (
                "domains.idp_on_title",
                t_with("domains.idp_on_body", &[("name", &name)]),
                "domains.idp_on",
            )
        } else {
            (
                "domains.idp_off_title",
                t_with("domains.idp_off_body", &[("name", &name)]),
                "domains.idp_off",
            )
        };
        let c = Confirm::new(title, body, label, move || {
            set.dispatch(want);
        });
        confirm.ask(if want { c } else { c.danger() });
    });
    view! {
        <section class="card" aria-labelledby="idp-title">
            <h2 id="idp-title">{tr("domains.idprotection")}</h2>
            <p class="muted">{tr("domains.idprotection_help")}</p>
            <Switch id="f-idprotection" label="domains.idprotection_switch" on=current.into() disabled=pending.into() on_toggle=toggle/>
            <p class="status-line" aria-live="polite">{move || if pending.get() { t("domains.saving") } else { on_off(current.get()) }}</p>
            {write_error(set, "domains.save_error")}
        </section>
    }
}

/// EPP code (revealed on demand, with a copy button) and the registrar
/// lock (`GET /domain/@id/epp`, `GET /domain/@id/reglock`).
#[component]
fn Security(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let reveal = crate::ui::erase::action(move |_: &()| domains::epp_code(id.clone()));
    let pending = reveal.pending();
    let id = ctx.id.clone();
    let lock = resource(move || domains::registrar_lock(id.clone()));
    let copied = RwSignal::new(false);
    let copy = move |code: String| {
        if let Some(w) = web_sys::window() {
            let p = w.navigator().clipboard().write_text(&code);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
                copied.try_set(ok);
                if ok {
                    crate::ui::toast::show(t("domains.epp_copied"));
                }
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="sec-title">
            <h2 id="sec-title">{tr("domains.security")}</h2>
            <h3>{tr("domains.epp")}</h3>
            <p class="muted">{tr("domains.epp_help")}</p>
            {move || match reveal.value().get() {
                Some(Ok(code)) if !pending.get() => {
                    let c = code.clone();
                    view! {
                        <div class="epp-code">
                            <code data-testid="epp-code">{code}</code>
                            <button type="button" class="btn btn-secondary" on:click=move |_| copy(c.clone())>
                                {either_text(copied.into(), "domains.copied", "domains.copy")}
                            </button>
                        </div>
                    }.into_any()
                }
                other => view! {
                    <button type="button" class="btn btn-secondary" disabled=pending on:click=move |_| { reveal.dispatch(()); }>
                        {either_text(pending.into(), "domains.revealing", "domains.reveal_epp")}
                    </button>
                    {match other {
                        Some(Err(e)) => Some(view! { <p class="field-error" role="alert">{error_text(&e)}</p> }),
                        _ => None,
                    }}
                }.into_any(),
            }}
            <h3>{tr("domains.reglock")}</h3>
            <p aria-live="polite">
                {move || match lock.get() {
                    None => t("common.loading"),
                    Some(Ok(true)) => t("domains.locked"),
                    Some(Ok(false)) => t("domains.unlocked"),
                    Some(Err(e)) => error_text(&e),
                }}
            </p>
            <p class="muted">{tr("domains.reglock_help")}</p>
        </section>
    }
}
