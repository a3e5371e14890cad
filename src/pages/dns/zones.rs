//! `/dns`: every zone of `GET /dns` (name, service) with a filter, the
//! "add a zone" form and deleting a zone behind a confirmation that asks
//! for its name.
//!
//! Creating a zone answers no id: the list is read again and the new zone
//! found by name, then opened. A lost answer (time-out, network) is said to
//! be of unknown outcome: the list is read again, and the form, with what
//! was typed, stays.

use super::{refusal_text, service_text};
use crate::api::dns::{self as api, Zone, Zones};
use crate::api::services::service as services;
use crate::app::href;
use crate::dns::check::{check_zone_name, ZoneError};
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::SelectField;
use crate::ui::dialog::{Confirm, ConfirmDialog, ConfirmState};
use crate::ui::erase::{action, busy_label, dyn_view, resource, resource_view};
use crate::ui::toast;
use crate::util::fold;
use crate::vocab::{ApiError, Id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The zones and the services' names (id, name); the names are a nicety:
/// without them a service is shown by its number.
type Loaded = (Zones, Vec<(String, String)>);

async fn load() -> Result<Loaded, ApiError> {
    let (zones, list) = futures::join!(api::zones(), services::list());
    let names = list
        .map(|l| l.into_iter().map(|s| (s.id.0.clone(), s.display_name())).collect())
        .unwrap_or_default();
    Ok((zones?, names))
}

/// The indices of the zones whose name (ASCII or Unicode) or service
/// matches `text` (folded).
pub fn filter_zones(zones: &[Zone], text: &str) -> Vec<usize> {
    let q = fold(text);
    zones
        .iter()
        .enumerate()
        .filter(|(_, z)| {
            q.is_empty()
                || fold(&format!("{} {} {}", z.name, crate::idn::to_unicode(&z.name), z.service_id))
                    .contains(&q)
        })
        .map(|(i, _)| i)
        .collect()
}

#[component]
pub fn ZonesPage() -> impl IntoView {
    crate::ui::page_title("dns.title");
    let data = resource(load);
    let query = use_query_map();
    // `?domain=<name>` (a domain's page): its zone, or the add form for it
    let domain = query.with_untracked(|m| m.get("domain").unwrap_or_default());
    let navigate = use_navigate();
    view! {
        <section class="page dns-page" aria-labelledby="dns-title">
            <div class="page-head">
                <h1 id="dns-title">{tr("dns.title")}</h1>
                <button type="button" class="btn btn-secondary" on:click=move |_| data.refetch()>{tr("common.refresh")}</button>
            </div>
            <p class="muted">{tr("dns.intro")}</p>
            {resource_view(data, "dns.zones_error", move |(zones, names): Loaded| {
                if let Some(z) = (!domain.is_empty()).then(|| zones.of_domain(&domain)).flatten() {
                    let to = href::dns_zone(z.service_id.as_str(), z.id.as_str());
                    let nav = navigate.clone();
                    leptos::task::spawn_local(async move {
                        nav(&to, NavigateOptions { replace: true, ..Default::default() });
                    });
                    return view! { <crate::ui::Loading/> }.into_any();
                }
                let reload = Callback::new(move |_| data.refetch());
                let prefill = crate::idn::to_unicode(&domain);
                view! {
                    {(!prefill.is_empty()).then(|| view! {
                        <p class="alert alert-info" role="status" data-testid="no-zone-for-domain">
                            {t_with("dns.no_zone_for", &[("domain", &prefill)])}
                        </p>
                    })}
                    <ZoneList zones=zones names=names prefill=prefill.clone() reload=reload/>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn ZoneList(
    zones: Zones,
    names: Vec<(String, String)>,
    prefill: String,
    reload: Callback<()>,
) -> impl IntoView {
    if zones.service_ids.is_empty() && zones.zones.is_empty() {
        return view! {
            <div class="empty-state" data-testid="dns-no-service">
                <p class="empty">{tr("dns.no_service")}</p>
                <A href=href::CART attr:class="btn btn-primary">{tr("dns.order_service")}</A>
            </div>
        }
        .into_any();
    }
    let names = StoredValue::new(names);
    let list = StoredValue::new(zones.zones.clone());
    let text = RwSignal::new(String::new());
    let shown = Memo::new(move |_| text.with(|q| list.with_value(|l| filter_zones(l, q))));
    let confirm = ConfirmState::new();
    let deleting = RwSignal::new(None::<Id>);
    let delete = action(move |z: &Zone| {
        let z = z.clone();
        async move {
            deleting.set(Some(z.id.clone()));
            let r = api::delete_zone(&z.service_id, &z.id).await;
            deleting.try_set(None);
            match &r {
                Ok(_) => {
                    toast::show(t("dns.zone_deleted"));
                    reload.run(());
                }
                // deleted in another tab: the list is out of date
                Err(ApiError::Server { messages, .. })
                    if messages.iter().any(|m| m == "zone_not_found") =>
                {
                    toast::show(t("dns.zone_gone"));
                    reload.run(());
                }
                Err(e) if e.outcome_unknown() => {
                    toast::show(t("dns.delete_unknown"));
                    reload.run(());
                }
                Err(_) => {}
            }
            r.map(|_| ())
        }
    });
    let ask_delete = move |z: Zone| {
        let name = z.name.clone();
        let body = t_with("dns.zone_delete_body", &[("zone", &crate::idn::label(&name))]);
        confirm.ask(
            Confirm::new("dns.zone_delete_title", body, "dns.zone_delete", move || {
                delete.dispatch(z.clone())
            })
            .danger()
            .typed(name),
        );
    };
    let rows = dyn_view(move || {
        let idx = shown.get();
        if idx.is_empty() {
            return view! { <p class="empty">{tr("dns.no_zone_match")}</p> }.into_any();
        }
        let labels = [t("dns.col_zone"), t("dns.col_service"), t("dns.col_actions")];
        let body = list.with_value(|l| {
            idx.iter()
                .filter_map(|&i| l.get(i).cloned())
                .map(|z| {
                    let service = names.with_value(|n| service_text(n, z.service_id.as_str()));
                    let id = z.id.clone();
                    let label = t_with("dns.zone_delete_n", &[("zone", &crate::idn::label(&z.name))]);
                    let zz = z.clone();
                    view! {
                        <tr>
                            <td data-label=labels[0].clone()>
                                <a href=href::dns_zone(z.service_id.as_str(), z.id.as_str())>{crate::idn::label(&z.name)}</a>
                            </td>
                            <td data-label=labels[1].clone()>{service}</td>
                            <td data-label=labels[2].clone()>
                                <button type="button" class="btn btn-ghost btn-danger-text" aria-label=label
                                    disabled=move || deleting.get().is_some_and(|d| d == id)
                                    on:click=move |_| ask_delete(zz.clone())>
                                    {tr("dns.delete")}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        });
        crate::ui::table::plain_table("", "dns-zones", t("dns.title"), &labels, &[], body)
    });
    let delete_error = dyn_view(move || match delete.value().get() {
        Some(Err(e))
            if !e.outcome_unknown() && !e.messages().iter().any(|m| m == "zone_not_found") =>
        {
            view! { <p class="alert alert-error" role="alert">{refusal_text(&e)}</p> }.into_any()
        }
        _ => ().into_any(),
    });
    let service_ids = zones.service_ids.clone();
    let has_zones = !zones.zones.is_empty();
    view! {
        {has_zones.then(|| view! {
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="f-q">{tr("dns.search")}</label>
                    <input id="f-q" name="q" type="search" autocomplete="off" bind:value=text/>
                </div>
            </form>
        })}
        {delete_error}
        {if has_zones { rows.into_any() } else { view! { <p class="empty" data-testid="dns-no-zones">{tr("dns.no_zones")}</p> }.into_any() }}
        <NewZone service_ids=service_ids names=names.get_value() prefill=prefill reload=reload/>
        <ConfirmDialog state=confirm/>
    }
    .into_any()
}

/// The text of a zone-name problem.
fn zone_error_text(e: &ZoneError) -> String {
    t(e.key())
}

#[component]
fn NewZone(
    service_ids: Vec<Id>,
    names: Vec<(String, String)>,
    prefill: String,
    reload: Callback<()>,
) -> impl IntoView {
    if service_ids.is_empty() {
        return view! { <p class="muted">{tr("dns.no_service_for_new")}</p> }.into_any();
    }
    let first = service_ids.first().map(|s| s.0.clone()).unwrap_or_default();
    let service = RwSignal::new(first);
    let name = RwSignal::new(prefill);
    let name_error = RwSignal::new(None::<String>);
    let unknown = RwSignal::new(false);
    let options = Signal::derive(move || {
        service_ids
            .iter()
            .map(|s| (s.0.clone(), service_text(&names, s.as_str())))
            .collect::<Vec<_>>()
    });
    // The ASCII form the server will get, when it differs from what is typed.
    let ascii = move || {
        let typed = name.get();
        match check_zone_name(&typed) {
            Ok(a) if a != typed.trim().to_lowercase().trim_end_matches('.') => {
                Some(t_with("dns.zone_as_ascii", &[("ascii", &a)]))
            }
            _ => None,
        }
    };
    let navigate = use_navigate();
    let create = action(move |(svc, zone): &(Id, String)| {
        let (svc, zone, navigate) = (svc.clone(), zone.clone(), navigate.clone());
        async move {
            let r = api::create_zone(&svc, &zone).await;
            let outcome = match &r {
                Ok(_) => None,
                Err(e) if e.outcome_unknown() => Some(true),
                Err(_) => return r.map(|_| ()),
            };
            // No id in the answer: read the list and find the zone by name.
            let found = api::zones().await.ok().and_then(|z| z.of_domain(&zone).cloned());
            match (found, outcome) {
                (Some(z), _) => {
                    toast::show(t("dns.zone_created"));
                    navigate(
                        &href::dns_zone(z.service_id.as_str(), z.id.as_str()),
                        Default::default(),
                    );
                }
                (None, Some(_)) => {
                    unknown.try_set(true);
                }
                (None, None) => {
                    // created, but not listed yet
                    toast::show(t("dns.zone_created"));
                    reload.run(());
                }
            }
            r.map(|_| ())
        }
    });
    let pending = create.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        unknown.set(false);
        create.clear();
        match check_zone_name(&name.get_untracked()) {
            Err(e) => {
                name_error.set(Some(zone_error_text(&e)));
                crate::browser::focus("f-zone-name");
            }
            Ok(ascii) => {
                name_error.set(None);
                create.dispatch((Id(service.get_untracked()), ascii));
            }
        }
    };
    // A refusal about the name shows at the name; others above the button.
    let refusal = move || match create.value().get() {
        Some(Err(e)) if !e.outcome_unknown() => Some(e),
        _ => None,
    };
    let at_name = move || {
        refusal()
            .filter(|e| e.messages().iter().any(|m| m == "zone_exists" || m == "zone_name_invalid"))
    };
    let shown_error = move || at_name().map(|e| refusal_text(&e)).or_else(|| name_error.get());
    view! {
        <section class="card new-zone" aria-labelledby="new-zone-title">
            <h2 id="new-zone-title">{tr("dns.new_zone")}</h2>
            <form class="form" novalidate on:submit=submit data-testid="new-zone">
                <SelectField label="dns.service" name="service" value=service options=options id="f-zone-service".to_string()/>
                <div class="field">
                    <label for="f-zone-name">{tr("dns.zone_name")}</label>
                    <input id="f-zone-name" name="name" type="text" autocomplete="off" spellcheck="false"
                        autocapitalize="none" inputmode="url" placeholder="ten-mien.vn"
                        aria-invalid=move || shown_error().is_some().to_string()
                        aria-describedby="f-zone-name-hint f-zone-name-error"
                        prop:value=move || name.get()
                        on:input=move |ev| { name.set(event_target_value(&ev)); name_error.set(None); }/>
                    <p class="hint" id="f-zone-name-hint">{move || ascii().unwrap_or_else(|| t("dns.zone_name_hint"))}</p>
                    <p class="field-error" id="f-zone-name-error" role="alert" hidden=move || shown_error().is_none()>
                        {move || shown_error().unwrap_or_default()}
                    </p>
                </div>
                <div class="alert alert-warn" role="alert" hidden=move || !unknown.get() data-testid="zone-unknown">
                    {tr("dns.create_unknown")}
                </div>
                {move || refusal().filter(|_| at_name().is_none()).map(|e| view! {
                    <p class="alert alert-error" role="alert">{refusal_text(&e)}</p>
                })}
                <button type="submit" class="btn btn-primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {busy_label(pending, "dns.create_zone", "dns.creating_zone")}
                </button>
            </form>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(id: &str, name: &str, service: &str) -> Zone {
        Zone { id: id.into(), name: name.into(), service_id: service.into() }
    }

    #[test]
    fn the_filter_finds_zones_by_ascii_unicode_or_service() {
        let zones = [
            zone("1", "bkns-demo.vn", "301"),
            zone("2", "xn--tnmin-hsa0954c.vn", "302"),
            zone("3", "banhmi-saigon.com", "302"),
        ];
        assert_eq!(filter_zones(&zones, ""), [0, 1, 2]);
        assert_eq!(filter_zones(&zones, "BKNS"), [0]);
        assert_eq!(filter_zones(&zones, "302"), [1, 2]);
        assert_eq!(filter_zones(&zones, "TÊNMIỀN"), [1], "the Unicode form, marks folded");
        assert_eq!(filter_zones(&zones, "zzz"), Vec::<usize>::new());
    }
}
