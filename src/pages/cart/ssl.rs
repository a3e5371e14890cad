//! `/cart/ssl`: certificates (`GET /certificate/order`) with their periods,
//! server software (`GET /certificate/order/@product_id/software`), the
//! CSR (PEM checked), approver e-mail, admin/tech/billing contacts and the
//! organisation's details.

use super::domain::contact_selects;
use super::{account_currency, page_title};
use crate::api::cart::{CertificateItem, Certificate, NumId, OrderItem, Organization};
use crate::api::{self, ApiError};
use crate::cart::{self, check::is_pem_csr};
use crate::i18n::{self, t, t_with, tr};
use crate::ui::format::money_text;
use crate::ui::select::{Choice, SelectField};
use crate::ui::{error_text, resource_view, TextField};
use crate::util::looks_like_email;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SslPage() -> impl IntoView {
    page_title("cart.ssl_title");
    let certs = LocalResource::new(api::cart::certificates);
    let (_, currency) = account_currency();
    view! {
        <section class="page" aria-labelledby="ssl-title">
            <p><A href="/cart">{tr("cart.back_to_catalogue")}</A></p>
            <h1 id="ssl-title">{tr("cart.ssl_title")}</h1>
            {resource_view(certs, "cart.certs_error", move |list: Vec<Certificate>| {
                if list.is_empty() {
                    view! { <p class="muted">{t("cart.no_certs")}</p> }.into_any()
                } else {
                    view! { <SslForm certs=list currency=currency/> }.into_any()
                }
            })}
        </section>
    }
}

fn periods_text(c: &Certificate, currency: &str) -> String {
    c.periods
        .0
        .iter()
        .map(|p| {
            let price = money_text(&p.price, currency, i18n::lang());
            t_with("cart.years_price", &[("n", p.years.as_str()), ("price", &price)])
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn SslForm(certs: Vec<Certificate>, currency: Signal<String>) -> impl IntoView {
    let certs = StoredValue::new(certs);
    let product = RwSignal::new(certs.with_value(|c| c.first().map(|c| c.id.0.clone()).unwrap_or_default()));
    let chosen = move || certs.with_value(|l| l.iter().find(|c| c.id.0 == product.get()).cloned());
    let years = RwSignal::new(String::new());
    // a new certificate: its first period
    Effect::new(move |_| {
        let first = chosen().and_then(|c| c.periods.0.first().map(|p| p.years.0.clone())).unwrap_or_default();
        years.set(first);
    });
    let year_options = Signal::derive(move || {
        let cur = currency.get();
        chosen()
            .map(|c| {
                c.periods
                    .0
                    .iter()
                    .map(|p| {
                        let price = money_text(&p.price, &cur, i18n::lang());
                        Choice::new(p.years.0.clone(), t_with("cart.years_price", &[("n", p.years.as_str()), ("price", &price)]))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let software = LocalResource::new(move || {
        let id = product.get();
        async move { api::cart::software(&id).await }
    });
    let software_choice = RwSignal::new(String::new());
    let software_options = Signal::derive(move || match software.get() {
        Some(Ok(list)) => list.iter().map(|s| Choice::new(s.id.0.clone(), s.name.0.clone())).collect(),
        _ => Vec::new(),
    });
    let csr = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let org: [RwSignal<String>; 8] = std::array::from_fn(|_| RwSignal::new(String::new()));
    org[6].set("VN".into());
    let roles: [RwSignal<String>; 3] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let checked = RwSignal::new(false);

    let csr_err = Signal::derive(move || {
        let v = csr.get();
        checked.get().then(|| if v.trim().is_empty() { Some(t("cart.csr_required")) } else if !is_pem_csr(&v) { Some(t("cart.csr_invalid")) } else { None }).flatten()
    });
    let approver_err = Signal::derive(move || {
        let v = approver.get();
        checked.get().then(|| if v.trim().is_empty() { Some(t("cart.approver_required")) } else if !looks_like_email(&v) { Some(t("cart.approver_invalid")) } else { None }).flatten()
    });
    let contacts = LocalResource::new(api::cart::contacts);
    let navigate = use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if csr_err.get_untracked().is_some() {
            crate::browser::focus("f-csr");
            return;
        }
        if approver_err.get_untracked().is_some() {
            crate::browser::focus("f-approver_email");
            return;
        }
        let Some(cert) = chosen() else { return };
        let v = |i: usize| org[i].get_untracked().trim().to_owned();
        let pick = |s: &RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.is_empty()).map(|v| NumId::new(&v));
        let item = CertificateItem {
            product_id: NumId::new(cert.id.as_str()),
            csr: csr.get_untracked().trim().to_owned(),
            years: years.get_untracked().parse().unwrap_or(1),
            approver_email: approver.get_untracked().trim().to_owned(),
            software: Some(software_choice.get_untracked()).filter(|s| !s.is_empty()).map(|s| NumId::new(&s)),
            admin: pick(&roles[0]),
            tech: pick(&roles[1]),
            billing: pick(&roles[2]),
            organization: Organization {
                name: v(0),
                unit: v(1),
                address1: v(2),
                locality: v(3),
                state: v(4),
                postalcode: v(5),
                country: v(6),
                phone: v(7),
            },
        };
        let mut notes = vec![format!("{}: {}", t("cart.approver"), item.approver_email)];
        if let Some(s) = software.get_untracked().and_then(|r| r.ok()).and_then(|l| {
            l.into_iter().find(|s| Some(s.id.as_str()) == item.software.as_ref().map(NumId::as_str))
        }) {
            notes.push(format!("{}: {}", t("cart.software"), s.name.as_str()));
        }
        if !item.organization.is_empty() {
            notes.push(format!("{}: {}", t("cart.org_name"), item.organization.name));
        }
        let title = cert.name.0.clone();
        cart::update(|c| {
            c.add(title, notes, OrderItem::Certificate(item));
        });
        navigate("/cart", Default::default());
    };

    let cert_choices = move || {
        let cur = currency.get();
        certs.with_value(|l| {
            l.iter()
                .map(|c| {
                    let id = c.id.0.clone();
                    let input_id = format!("cert-{id}");
                    let value = id.clone();
                    let desc = c.description.0.trim().to_owned();
                    view! {
                        <label class="check cert-choice" for=input_id.clone()>
                            <input type="radio" id=input_id.clone() name="product_id" value=value
                                prop:checked=move || product.get() == id
                                on:change={ let id = c.id.0.clone(); move |_| product.set(id.clone()) }/>
                            <span>
                                <strong>{c.name.0.clone()}</strong>
                                {(!desc.is_empty()).then(|| view! { <span class="muted">{desc}</span> })}
                                <span class="cert-prices num">{periods_text(c, &cur)}</span>
                            </span>
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let field = |label: &'static str, name: &'static str, value: RwSignal<String>, autocomplete: &'static str| {
        view! { <TextField label=label name=name value=value error=Signal::stored(None::<String>) autocomplete=autocomplete/> }
    };
    let role_fields = vec![
        ("admin", "cart.contact_admin", roles[0]),
        ("tech", "cart.contact_tech", roles[1]),
        ("billing", "cart.contact_billing", roles[2]),
    ];
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="ssl-order">
            <fieldset class="choices">
                <legend>{tr("cart.certificate")}</legend>
                {cert_choices}
            </fieldset>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years options=year_options/>
            {move || match software.get() {
                Some(Err(e)) if e != ApiError::NotSupported && e != ApiError::Aborted => Some(view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any()),
                _ => None,
            }}
            <SelectField label=tr("cart.software") id="f-software" name="software" value=software_choice options=software_options
                placeholder=tr("cart.software_pick") hint=tr("cart.software_hint")/>
            <div class="field" class:field-invalid=move || csr_err.get().is_some()>
                <label for="f-csr">{tr("cart.csr")}<span class="req" aria-hidden="true">" *"</span></label>
                <p class="hint" id="f-csr-hint">{tr("cart.csr_hint")}</p>
                <textarea id="f-csr" name="csr" rows="8" class="mono" spellcheck="false" autocomplete="off" aria-required="true"
                    aria-invalid=move || csr_err.get().is_some().then_some("true")
                    aria-describedby=move || if csr_err.get().is_some() { "f-csr-hint f-csr-err" } else { "f-csr-hint" }
                    bind:value=csr></textarea>
                {move || csr_err.get().map(|e| view! { <p class="field-error" id="f-csr-err" role="alert">{e}</p> })}
            </div>
            <TextField label="cart.approver" name="approver_email" value=approver error=approver_err input_type="email"
                inputmode="email" autocomplete="email" required=true hint="cart.approver_hint"/>
            {contact_selects(contacts, role_fields)}
            <fieldset class="org">
                <legend>{tr("cart.org")}</legend>
                <p class="hint">{tr("cart.org_hint")}</p>
                {field("cart.org_name", "organization[name]", org[0], "organization")}
                {field("cart.org_unit", "organization[unit]", org[1], "organization-title")}
                {field("cart.org_address", "organization[address1]", org[2], "street-address")}
                {field("cart.org_locality", "organization[locality]", org[3], "address-level2")}
                {field("cart.org_state", "organization[state]", org[4], "address-level1")}
                {field("cart.org_postalcode", "organization[postalcode]", org[5], "postal-code")}
                {field("cart.org_country", "organization[country]", org[6], "country")}
                {field("cart.org_phone", "organization[phone]", org[7], "tel")}
            </fieldset>
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}
