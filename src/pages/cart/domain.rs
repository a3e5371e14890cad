//! `/cart/domain`: availability (`GET /bkns/whois/@domain`), the TLD price
//! table (`GET /domain/order`), register or transfer (EPP code), the TLD's
//! extra forms (`GET /domain/order/@id/form` → `data`), optional
//! nameservers and contacts (`GET /contact`). With `?renew=<domain id>&name=
//! <domain>` (links from a domain's page) it adds a renewal instead.

use super::forms::{first_problem, ConfigForms};
use super::{account_currency, page_title};
use crate::api::cart::{Availability, Contact, DomainItem, NumId, OrderItem, Tld, Whois};
use crate::api::{self, ApiError};
use crate::cart::check::{normalize_domain, split_domain, valid_epp, valid_hostname};
use crate::cart::config::{custom, defaults, notes};
use crate::cart::{self, renewal};
use crate::i18n::{self, t, t_with, tr};
use crate::ui::format::money_text;
use crate::ui::select::{Choice, SelectField};
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::{error_text, resource_view, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn DomainPage() -> impl IntoView {
    page_title("cart.domain_title");
    let query = use_query_map();
    let renew_id = move || query.read().get("renew").filter(|r| !r.trim().is_empty());
    let renew_name = move || query.read().get("name").unwrap_or_default();
    let tlds = LocalResource::new(api::cart::tlds);
    let (_, currency) = account_currency();
    view! {
        <section class="page" aria-labelledby="domain-title">
            <p><A href="/cart">{tr("cart.back_to_catalogue")}</A></p>
            <h1 id="domain-title">{tr("cart.domain_title")}</h1>
            {resource_view(tlds, "cart.tlds_error", move |list: Vec<Tld>| {
                let for_table = list.clone();
                view! {
                    {match renew_id() {
                        Some(id) => view! { <RenewForm domain_id=id name=renew_name() tlds=list.clone() currency=currency/> }.into_any(),
                        None => view! { <DomainSearch tlds=list.clone() currency=currency/> }.into_any(),
                    }}
                    // its own reactive scope: a language or currency change redraws the table only
                    {move || price_table(&for_table, &currency.get())}
                }
            })}
        </section>
    }
}

/// The TLD price table: register, transfer and renew per period.
fn price_table(tlds: &[Tld], currency: &str) -> impl IntoView {
    let lang = i18n::lang();
    let rows: Vec<Vec<Cell>> = tlds
        .iter()
        .flat_map(|tld| {
            tld.periods.0.iter().map(move |p| {
                vec![
                    Cell::Text(tld.suffix()),
                    Cell::Text(t_with("cart.years", &[("n", p.period.as_str())])),
                    Cell::Num(money_text(&p.register, currency, lang)),
                    Cell::Num(money_text(&p.transfer, currency, lang)),
                    Cell::Num(money_text(&p.renew, currency, lang)),
                ]
            })
        })
        .collect();
    view! {
        <section class="card" aria-labelledby="tld-prices">
            <h2 id="tld-prices">{tr("cart.tld_prices")}</h2>
            <DataTable
                caption=tr("cart.tld_prices_caption")
                columns=vec![
                    Column::text("cart.col_tld"),
                    Column::text("cart.col_period"),
                    Column::num("cart.col_register"),
                    Column::num("cart.col_transfer"),
                    Column::num("cart.col_renew"),
                ]
                rows=rows
                testid="tld-prices"
            />
        </section>
    }
}

/// Search box, availability and, once checked, the order form.
#[component]
fn DomainSearch(tlds: Vec<Tld>, currency: Signal<String>) -> impl IntoView {
    let tlds = StoredValue::new(tlds);
    let typed = RwSignal::new(String::new());
    let tld_choice = RwSignal::new(tlds.with_value(|l| l.first().map(|t| t.id.0.clone()).unwrap_or_default()));
    let checked = RwSignal::new(false);
    // (full name, tld index) being looked at
    let target = RwSignal::new(None::<(String, usize)>);
    let lookup = Action::new_local(|name: &String| {
        let name = name.clone();
        async move { api::cart::whois(&name).await }
    });

    // the full name typed, or the label plus the chosen TLD
    let resolve = move || -> Result<(String, usize), String> {
        let raw = normalize_domain(&typed.get_untracked());
        if raw.is_empty() {
            return Err(t("cart.domain_required"));
        }
        tlds.with_value(|list| {
            if raw.contains('.') {
                match split_domain(&raw, list) {
                    Some((i, _)) if valid_hostname(&raw) => Ok((raw.clone(), i)),
                    Some(_) => Err(t("cart.domain_invalid")),
                    None => Err(t("cart.tld_not_offered")),
                }
            } else {
                let i = list.iter().position(|t| t.id.0 == tld_choice.get_untracked()).unwrap_or(0);
                let full = format!("{raw}{}", list.get(i).map(Tld::suffix).unwrap_or_default());
                if valid_hostname(&full) {
                    Ok((full, i))
                } else {
                    Err(t("cart.domain_invalid"))
                }
            }
        })
    };
    let search_err = RwSignal::new(None::<String>);
    let field_err = Signal::derive(move || if checked.get() { search_err.get() } else { None });
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        match resolve() {
            Ok((name, i)) => {
                search_err.set(None);
                target.set(Some((name.clone(), i)));
                lookup.dispatch(name);
            }
            Err(e) => {
                search_err.set(Some(e));
                crate::browser::focus("f-name");
            }
        }
    };
    let tld_options = Signal::derive(move || {
        tlds.with_value(|l| l.iter().map(|t| Choice::new(t.id.0.clone(), t.suffix())).collect::<Vec<_>>())
    });
    let pending = lookup.pending();
    let contacts = LocalResource::new(api::cart::contacts);

    view! {
        <form class="form card domain-search" novalidate on:submit=on_search role="search" aria-label=tr("cart.domain_search")>
            <div class="search-row">
                <TextField label="cart.domain_wanted" name="name" value=typed error=field_err inputmode="url"
                    autocomplete="off" hint="cart.domain_wanted_hint" required=true/>
                <SelectField label=tr("cart.tld") id="f-tld" name="tld_id" value=tld_choice options=tld_options/>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                {move || if pending.get() { t("cart.checking") } else { t("cart.check") }}
            </button>
        </form>
        {move || {
            let (name, i) = target.get()?;
            if pending.get() {
                return Some(view! { <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>{t("cart.checking")}</p> }.into_any());
            }
            let answer = lookup.value().get()?;
            let tld = tlds.with_value(|l| l.get(i).cloned())?;
            Some(match answer {
                Err(ApiError::Aborted) => ().into_any(),
                Err(e) => view! {
                    <div class="alert alert-error" role="alert">
                        <p>{error_text(&e)}</p>
                        <p>{t("cart.whois_failed")}</p>
                    </div>
                    <DomainOrderForm name=name tld=tld availability=Availability::Unknown contacts=contacts currency=currency/>
                }
                .into_any(),
                Ok(w) => {
                    let availability = w.availability;
                    view! {
                        {whois_view(&w)}
                        <DomainOrderForm name=name tld=tld availability=availability contacts=contacts currency=currency/>
                    }
                    .into_any()
                }
            })
        }}
    }
}

fn whois_view(w: &Whois) -> impl IntoView {
    let (class, key) = match w.availability {
        Availability::Available => ("alert alert-ok", "cart.available"),
        Availability::Taken => ("alert alert-info", "cart.taken"),
        Availability::Unknown => ("alert alert-info", "cart.availability_unknown"),
    };
    let text = t_with(key, &[("domain", &w.domain)]);
    let raw = w.whois.trim().to_owned();
    view! {
        <div class=class role="status" data-testid="whois">
            <p><strong>{text}</strong></p>
            {(!raw.is_empty()).then(|| view! {
                <details><summary>{t("cart.whois_details")}</summary><pre class="whois">{raw}</pre></details>
            })}
        </div>
    }
}

/// Contact choices: "the account's own details" (nothing sent) or a contact.
fn contact_options(list: &[Contact]) -> Vec<Choice> {
    std::iter::once(Choice::new("", t("cart.contact_self")))
        .chain(list.iter().map(|c| Choice::new(c.id.0.clone(), c.label())))
        .collect()
}

/// The contact selects (`registrant`, `admin`, …), or nothing when the
/// server has no contacts call.
/// `roles` are (API field, i18n label, value).
pub fn contact_selects(
    contacts: LocalResource<Result<Vec<Contact>, ApiError>>,
    roles: Vec<(&'static str, &'static str, RwSignal<String>)>,
) -> impl IntoView {
    move || match contacts.get() {
        Some(Ok(list)) if !list.is_empty() => Some(view! {
            <fieldset class="contacts">
                <legend>{t("cart.contacts")}</legend>
                <p class="hint">{t("cart.contacts_hint")}</p>
                {roles.iter().map(|&(field, label, sig)| {
                    let opts = contact_options(&list);
                    view! { <SelectField label=tr(label) id=format!("f-{field}") name=field value=sig options=opts/> }
                }).collect_view()}
            </fieldset>
        }),
        _ => None,
    }
}

#[component]
fn DomainOrderForm(
    name: String,
    tld: Tld,
    availability: Availability,
    contacts: LocalResource<Result<Vec<Contact>, ApiError>>,
    currency: Signal<String>,
) -> impl IntoView {
    let action = RwSignal::new(if availability == Availability::Taken { "transfer" } else { "register" }.to_string());
    let tld = StoredValue::new(tld);
    let first_years = tld.with_value(|t| t.periods.0.first().map(|p| p.period.0.clone()).unwrap_or_else(|| "1".into()));
    let years = RwSignal::new(first_years);
    let epp = RwSignal::new(String::new());
    let ns: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let roles: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let data = RwSignal::new(Default::default());
    let checked = RwSignal::new(false);
    let tld_id = tld.with_value(|t| t.id.0.clone());
    let forms = LocalResource::new(move || {
        let id = tld_id.clone();
        async move { api::cart::tld_forms(&id).await }
    });
    // the forms' defaults once they arrive
    Effect::new(move |_| {
        if let Some(Ok(f)) = forms.get() {
            data.set(defaults(&f));
        }
    });
    let form_list = move || match forms.get() {
        Some(Ok(f)) => f,
        _ => Vec::new(),
    };

    let epp_err = Signal::derive(move || {
        (checked.get() && action.get() == "transfer" && !valid_epp(&epp.get())).then(|| t("cart.epp_required"))
    });
    let ns_values = move || ns.iter().map(|s| normalize_domain(&s.get())).filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let ns_err = Signal::derive(move || {
        let list = ns_values();
        let bad = !list.is_empty() && (list.len() < 2 || !list.iter().all(|n| valid_hostname(n)));
        (checked.get() && bad).then(|| t("cart.ns_invalid"))
    });
    let period_options = Signal::derive(move || {
        let a = action.get();
        let cur = currency.get();
        tld.with_value(|t| {
            t.periods
                .0
                .iter()
                .map(|p| {
                    let price = money_text(p.price(&a), &cur, i18n::lang());
                    Choice::new(p.period.0.clone(), t_with("cart.years_price", &[("n", p.period.as_str()), ("price", &price)]))
                })
                .collect::<Vec<_>>()
        })
    });
    let navigate = use_navigate();
    let name2 = name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if epp_err.get_untracked().is_some() {
            crate::browser::focus("f-epp");
            return;
        }
        let f = form_list();
        if let Some(id) = data.with_untracked(|v| first_problem("tld", &f, v)) {
            crate::browser::focus(&id);
            return;
        }
        if ns_err.get_untracked().is_some() {
            crate::browser::focus("f-ns1");
            return;
        }
        let pick = |s: &RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.is_empty()).map(|v| NumId::new(&v));
        let item = DomainItem {
            tld_id: Some(NumId::new(&tld.with_value(|t| t.id.0.clone()))),
            name: name2.clone(),
            action: action.get_untracked(),
            years: years.get_untracked().parse().unwrap_or(1),
            epp: if action.get_untracked() == "transfer" { epp.get_untracked().trim().to_owned() } else { String::new() },
            nameservers: ns_values(),
            registrant: pick(&roles[0]),
            admin: pick(&roles[1]),
            tech: pick(&roles[2]),
            billing: pick(&roles[3]),
            data: data.with_untracked(|v| custom(&f, v)),
            domain_id: None,
        };
        let lines = data.with_untracked(|v| notes(&f, v));
        cart::update(|c| {
            c.add(name2.clone(), lines, OrderItem::Domain(item));
        });
        navigate("/cart", Default::default());
    };
    let title = t_with("cart.order_domain", &[("domain", &name)]);
    let radio = move |value: &'static str, label: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name="action" value=value prop:checked=move || action.get() == value
                    on:change=move |_| action.set(value.to_string())/>
                <span>{tr(label)}</span>
            </label>
        }
    };
    let role_fields = vec![
        ("registrant", "cart.contact_registrant", roles[0]),
        ("admin", "cart.contact_admin", roles[1]),
        ("tech", "cart.contact_tech", roles[2]),
        ("billing", "cart.contact_billing", roles[3]),
    ];
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="domain-order" aria-label=title.clone()>
            <h2>{title.clone()}</h2>
            <fieldset class="choices">
                <legend>{tr("cart.domain_action")}</legend>
                {radio("register", "cart.action_register")}
                {radio("transfer", "cart.action_transfer")}
            </fieldset>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years options=period_options/>
            <Show when=move || action.get() == "transfer">
                <TextField label="cart.epp" name="epp" value=epp error=epp_err required=true autocomplete="off" hint="cart.epp_hint"/>
            </Show>
            {move || match forms.get() {
                Some(Ok(f)) if !f.is_empty() => view! {
                    <fieldset class="tld-forms">
                        <legend>{t("cart.tld_data")}</legend>
                        <ConfigForms forms=f values=data currency=currency show_errors=checked prefix="tld" field="data"/>
                    </fieldset>
                }.into_any(),
                Some(Err(ApiError::NotSupported)) | Some(Ok(_)) => ().into_any(),
                Some(Err(e)) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                None => view! { <p class="muted" role="status">{t("cart.tld_data_loading")}</p> }.into_any(),
            }}
            <details class="nameservers">
                <summary>{tr("cart.ns_own")}</summary>
                <p class="hint">{tr("cart.ns_hint")}</p>
                {ns.iter().enumerate().map(|(i, s)| {
                    let label = ["cart.ns1", "cart.ns2", "cart.ns3", "cart.ns4"][i];
                    let err = if i == 0 { ns_err } else { Signal::stored(None) };
                    view! { <NsField label=label index=i value=*s error=err/> }
                }).collect_view()}
            </details>
            {contact_selects(contacts, role_fields)}
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}

/// A nameserver input (`nameservers[]`).
#[component]
fn NsField(label: &'static str, index: usize, value: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let id = format!("f-ns{}", index + 1);
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{tr(label)}</label>
            <input id=id name="nameservers[]" type="text" inputmode="url" autocomplete="off" bind:value=value
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby={ let e = err_id.clone(); move || error.get().is_some().then(|| e.clone()) }/>
            {move || error.get().map(|e| view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> })}
        </div>
    }
}

/// `?renew=<id>&name=<domain>`: a renewal `{type: domain, domain_id,
/// action: renew, years}` with the TLD's renew prices.
#[component]
fn RenewForm(domain_id: String, name: String, tlds: Vec<Tld>, currency: Signal<String>) -> impl IntoView {
    let shown_name = if name.trim().is_empty() { format!("#{domain_id}") } else { normalize_domain(&name) };
    let tld = split_domain(&shown_name, &tlds).and_then(|(i, _)| tlds.get(i).cloned());
    let years = RwSignal::new(tld.as_ref().and_then(|t| t.periods.0.first()).map(|p| p.period.0.clone()).unwrap_or_else(|| "1".into()));
    let periods = tld.clone();
    let options = Signal::derive(move || {
        let cur = currency.get();
        match &periods {
            Some(t) => t
                .periods
                .0
                .iter()
                .map(|p| {
                    let price = money_text(&p.renew, &cur, i18n::lang());
                    Choice::new(p.period.0.clone(), t_with("cart.years_price", &[("n", p.period.as_str()), ("price", &price)]))
                })
                .collect(),
            None => (1..=5).map(|n| Choice::new(n.to_string(), t_with("cart.years", &[("n", &n.to_string())]))).collect(),
        }
    });
    let navigate = use_navigate();
    let title = t_with("cart.renew_domain", &[("domain", &shown_name)]);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let y = years.get_untracked().parse().unwrap_or(1);
        let item = renewal(&domain_id, y);
        let title = shown_name.clone();
        cart::update(|c| {
            c.add(title, Vec::new(), item);
        });
        navigate("/cart", Default::default());
    };
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="domain-renew">
            <h2>{title}</h2>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years options=options/>
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}
