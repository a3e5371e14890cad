//! `/cart/ssl`: certificates (`GET /certificate/order`) with their periods,
//! server software (`GET /certificate/order/@product_id/software`), the
//! CSR (pasted and decoded by `x509::csr::check`, or made here by
//! `csr_tool`), approver e-mail, admin/tech/billing contacts and the
//! organisation's details. `?product=<name>&domain=<name>` (a renewal from
//! `/ssl/:id`) picks the product and starts the CSR generator's domain.

use super::csr_tool::{CsrGenerator, OrgFields};
use super::domain::contact_selects;
use crate::api;
use crate::api::cart::certificates::Certificate;
use crate::api::cart::items::{CertificateItem, OrderItem, Organization};
use crate::api::cart::NumId;
use crate::app::href;
use crate::cart;
use crate::i18n::{self, t, t_with, tr};
use crate::state::account_currency;
use crate::ui::erase::resource;
use crate::ui::fields::{setter, ChoiceItem, ChoiceList, InputField};
use crate::ui::format::money_text;
use crate::ui::select::{Choice, SelectField};
use crate::ui::{resource_view, TextField};
use crate::util::looks_like_email;
use crate::x509::csr::{check as check_csr, CsrProblem, Pasted};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn SslPage() -> impl IntoView {
    crate::ui::page_title("cart.ssl_title");
    let certs = resource(api::cart::certificates::list);
    let (_, currency) = account_currency();
    let query = use_query_map();
    let (want, domain) = query.with_untracked(|q| {
        (q.get("product").unwrap_or_default(), q.get("domain").unwrap_or_default())
    });
    view! {
        <section class="page" aria-labelledby="ssl-title">
            <p><A href=href::CART>{tr("cart.back_to_catalogue")}</A></p>
            <h1 id="ssl-title">{tr("cart.ssl_title")}</h1>
            {resource_view(certs, "cart.certs_error", move |list: Vec<Certificate>| {
                (!list.is_empty()).then(|| view! { <SslForm certs=list currency=currency want=want.clone() domain=domain.clone()/> })
            })}
        </section>
    }
}

/// "1 năm — 350.000 ₫" for each period.
fn period_choices(c: &Certificate, currency: &str) -> Vec<Choice> {
    c.periods
        .0
        .iter()
        .map(|p| {
            let price = money_text(&p.price, currency, i18n::lang());
            Choice::new(
                p.years.0.clone(),
                t_with("cart.years_price", &[("n", p.years.as_str()), ("price", &price)]),
            )
        })
        .collect()
}

fn check<F: Fn(&str) -> Option<&'static str> + Send + Sync + 'static>(
    checked: RwSignal<bool>,
    value: RwSignal<String>,
    rule: F,
) -> Signal<Option<String>> {
    Signal::derive(move || if checked.get() { rule(&value.get()).map(t) } else { None })
}

/// The i18n key of why a pasted CSR cannot be sent.
pub fn csr_problem_key(p: &CsrProblem) -> &'static str {
    match p {
        CsrProblem::NotPem => "cart.csr_invalid",
        CsrProblem::PrivateKey => "cart.csr_private_key",
        CsrProblem::WrongBlock(Pasted::Certificate) => "cart.csr_is_certificate",
        CsrProblem::WrongBlock(_) => "cart.csr_wrong_block",
        CsrProblem::NotBase64 | CsrProblem::NotDer | CsrProblem::Malformed(_) => "cart.csr_damaged",
        CsrProblem::NoCommonName => "cart.csr_no_cn",
        CsrProblem::WeakKey { .. } => "cart.csr_weak_key",
    }
}

/// The certificate named `want` (a renewal), else the first.
fn first_choice(certs: &[Certificate], want: &str) -> String {
    let want = want.trim();
    certs
        .iter()
        .find(|c| !want.is_empty() && c.name.as_str().trim().eq_ignore_ascii_case(want))
        .or(certs.first())
        .map(|c| c.id.0.clone())
        .unwrap_or_default()
}

#[component]
fn SslForm(
    certs: Vec<Certificate>,
    currency: Signal<String>,
    /// `?product=`: the certificate to start with, by name.
    want: String,
    /// `?domain=`: the domain of the CSR generator.
    domain: String,
) -> impl IntoView {
    let product = RwSignal::new(first_choice(&certs, &want));
    let certs = StoredValue::new(certs);
    let chosen = move || certs.with_value(|l| l.iter().find(|c| c.id.0 == product.get()).cloned());
    let first_period = move |id: &str| {
        certs.with_value(|l| {
            l.iter()
                .find(|c| c.id.0 == id)
                .and_then(|c| c.periods.0.first())
                .map(|p| p.years.0.clone())
        })
    };
    let years = RwSignal::new(first_period(&product.get_untracked()).unwrap_or_default());
    let year_options = Signal::derive(move || {
        chosen().map(|c| period_choices(&c, &currency.get())).unwrap_or_default()
    });
    let software = resource(move || api::cart::certificates::software(product.get()));
    let software_choice = RwSignal::new(String::new());
    let software_options = Signal::derive(move || {
        software
            .get()
            .and_then(Result::ok)
            .map(|l| {
                l.iter().map(|s| Choice::new(s.id.0.clone(), s.name.0.clone())).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let csr = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let org: [RwSignal<String>; 8] =
        std::array::from_fn(|i| RwSignal::new(if i == 6 { "VN".into() } else { String::new() }));
    let roles: [RwSignal<String>; 3] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let checked = RwSignal::new(false);
    let csr_err = check(checked, csr, |v| {
        if v.trim().is_empty() {
            Some("cart.csr_required")
        } else {
            check_csr(v).err().map(|p| csr_problem_key(&p))
        }
    });
    let approver_err = check(checked, approver, |v| {
        if v.trim().is_empty() {
            Some("cart.approver_required")
        } else if !looks_like_email(v) {
            Some("cart.approver_invalid")
        } else {
            None
        }
    });
    let contacts = resource(api::contacts::list);
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
        let pick = |s: &RwSignal<String>| {
            Some(s.get_untracked()).filter(|v| !v.is_empty()).map(|v| NumId::new(&v))
        };
        let item = CertificateItem {
            product_id: NumId::new(cert.id.as_str()),
            csr: csr.get_untracked().trim().to_owned(),
            years: years.get_untracked().parse().unwrap_or(1),
            approver_email: crate::util::email_ascii(&approver.get_untracked()),
            software: pick(&software_choice),
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
        let soft = software_choice.get_untracked();
        if let Some(name) = software_options
            .get_untracked()
            .into_iter()
            .find(|c| c.value == soft && !soft.is_empty())
        {
            notes.push(format!("{}: {}", t("cart.software"), name.label));
        }
        if !item.organization.is_empty() {
            notes.push(format!("{}: {}", t("cart.org_name"), item.organization.name));
        }
        let title = cert.name.0.clone();
        cart::update(|c| {
            c.add(title, notes, OrderItem::Certificate(item));
        });
        navigate(href::CART, Default::default());
    };

    let cert_items = Signal::derive(move || {
        let cur = currency.get();
        certs.with_value(|l| {
            l.iter()
                .map(|c| {
                    let prices = period_choices(c, &cur)
                        .into_iter()
                        .map(|p| p.label)
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let detail = [c.description.as_str().trim(), prices.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" — ");
                    ChoiceItem::new(c.id.0.clone(), c.name.0.clone(), detail)
                })
                .collect()
        })
    });
    let org_fields = [
        ("cart.org_name", "organization[name]", "organization"),
        ("cart.org_unit", "organization[unit]", "organization-title"),
        ("cart.org_address", "organization[address1]", "street-address"),
        ("cart.org_locality", "organization[locality]", "address-level2"),
        ("cart.org_state", "organization[state]", "address-level1"),
        ("cart.org_postalcode", "organization[postalcode]", "postal-code"),
        ("cart.org_country", "organization[country]", "country"),
        ("cart.org_phone", "organization[phone]", "tel"),
    ];
    let role_fields = vec![
        ("admin", "cart.contact_admin", roles[0]),
        ("tech", "cart.contact_tech", roles[1]),
        ("billing", "cart.contact_billing", roles[2]),
    ];
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="ssl-order">
            <ChoiceList legend=Some(tr("cart.certificate").into()) id="f-product_id" name="product_id" items=cert_items
                selected=Signal::derive(move || vec![product.get()]) on_change=Callback::new(move |(v, _): (String, bool)| {
                    // a new certificate: its first period
                    years.set(first_period(&v).unwrap_or_default());
                    product.set(v);
                })/>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years on_change=setter(years) options=year_options/>
            <SelectField label=tr("cart.software") id="f-software" name="software" value=software_choice on_change=setter(software_choice)
                options=software_options placeholder=Some(tr("cart.software_pick").into()) hint=Some(tr("cart.software_hint").into())/>
            <CsrGenerator csr=csr domain=domain org=Signal::derive(move || OrgFields {
                name: org[0].get(),
                unit: org[1].get(),
                locality: org[3].get(),
                state: org[4].get(),
                country: org[6].get(),
            })/>
            <InputField label=tr("cart.csr") id="f-csr" name="csr" value=csr on_input=setter(csr) multiline=true class="mono"
                hint=Some(tr("cart.csr_hint").into()) error=csr_err required=true/>
            <TextField label="cart.approver" name="approver_email" value=approver error=approver_err input_type="email"
                inputmode="email" autocomplete="email" required=true hint="cart.approver_hint"/>
            {contact_selects(contacts, role_fields)}
            <fieldset class="org">
                <legend>{tr("cart.org")}</legend>
                <p class="hint">{tr("cart.org_hint")}</p>
                {org_fields.iter().zip(org).map(|(&(label, name, autocomplete), value)| view! {
                    <TextField label=label name=name value=value error=Signal::stored(None::<String>) autocomplete=autocomplete/>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}
