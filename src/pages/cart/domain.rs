//! `/cart/domain`: availability (`GET /bkns/whois/@domain`), the TLD price
//! table (`GET /domain/order`), register or transfer (EPP code), the TLD's
//! extra forms (`GET /domain/order/@id/form` → `data`), optional
//! nameservers and contacts (`GET /contact`). With `?renew=<domain id>&name=
//! <domain>` (links from a domain's page) it adds a renewal instead.

use super::forms::{first_problem, ConfigForms};
use crate::api::cart::domain::{Availability, Tld, Whois};
use crate::api::cart::items::{DomainItem, OrderItem};
use crate::api::cart::NumId;
use crate::api::contacts::ContactSummary;
use crate::api::{self, ApiError};
use crate::app::href;
use crate::cart::check::{
    domain_problem, normalize_domain, split_domain, valid_epp, valid_hostname,
};
use crate::cart::config::{custom, notes, FormValues};
use crate::cart::{self, renewal};
use crate::i18n::{self, t, t_with, tr};
use crate::state::account_currency;
use crate::ui::erase::{resource, Res};
use crate::ui::fields::{setter, ChoiceItem, ChoiceList, InputField};
use crate::ui::format::money_text;
use crate::ui::select::{Choice, SelectField};
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::{error_text, resource_view, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The account's contacts (`GET /contact`), loaded once per form.
pub type Contacts = Res<Result<Vec<ContactSummary>, ApiError>>;

#[component]
pub fn DomainPage() -> impl IntoView {
    crate::ui::page_title("cart.domain_title");
    let query = use_query_map();
    let tlds = resource(api::domains::tlds);
    let (_, currency) = account_currency();
    view! {
        <section class="page" aria-labelledby="domain-title">
            <p><A href=href::CART>{tr("cart.back_to_catalogue")}</A></p>
            <h1 id="domain-title">{tr("cart.domain_title")}</h1>
            {resource_view(tlds, "cart.tlds_error", move |list: Vec<Tld>| {
                let renew = query.read().get("renew").filter(|r| !r.trim().is_empty());
                let form = match renew {
                    Some(id) => {
                        let name = query.read().get("name").unwrap_or_default();
                        view! { <RenewForm domain_id=id name=name tlds=list.clone() currency=currency/> }.into_any()
                    }
                    None => view! { <DomainSearch tlds=list.clone() currency=currency/> }.into_any(),
                };
                // its own reactive scope: a language or currency change redraws the table only
                view! { {form} {move || price_table(&list, &currency.get())} }
            })}
        </section>
    }
}

/// The TLD price table: register, transfer and renew per period.
fn price_table(tlds: &[Tld], currency: &str) -> impl IntoView {
    let lang = i18n::lang();
    let m = |x| money_text(x, currency, lang);
    let mut rows = Vec::new();
    for tld in tlds {
        for p in &tld.periods.0 {
            rows.push(vec![
                Cell::Text(tld.suffix()),
                Cell::Text(t_with("cart.years", &[("n", p.period.as_str())])),
                Cell::Num(m(&p.register)),
                Cell::Num(m(&p.transfer)),
                Cell::Num(m(&p.renew)),
            ]);
        }
    }
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

/// The name typed (full, or a label plus the chosen TLD) → (full name,
/// index of its TLD), or what is wrong with it.
fn resolve(typed: &str, tld_id: &str, tlds: &[Tld]) -> Result<(String, usize), String> {
    let raw = normalize_domain(typed);
    if raw.is_empty() {
        return Err(t("cart.domain_required"));
    }
    let (full, i) = if raw.contains('.') {
        match split_domain(&raw, tlds) {
            Some((i, _)) => (raw, i),
            None => return Err(t("cart.tld_not_offered")),
        }
    } else {
        let i = tlds.iter().position(|t| t.id.0 == tld_id).unwrap_or(0);
        (format!("{raw}{}", tlds.get(i).map(Tld::suffix).unwrap_or_default()), i)
    };
    if valid_hostname(&full) {
        Ok((full, i))
    } else {
        Err(t(domain_problem(typed)))
    }
}

/// Search box, availability and, once checked, the order form.
#[component]
fn DomainSearch(tlds: Vec<Tld>, currency: Signal<String>) -> impl IntoView {
    let tld_options: Vec<Choice> =
        tlds.iter().map(|t| Choice::new(t.id.0.clone(), t.suffix())).collect();
    let tlds = StoredValue::new(tlds);
    let typed = RwSignal::new(String::new());
    let tld_choice =
        RwSignal::new(tlds.with_value(|l| l.first().map(|t| t.id.0.clone()).unwrap_or_default()));
    let search_err = RwSignal::new(None::<String>);
    // (full name, tld index) being looked at
    let target = RwSignal::new(None::<(String, usize)>);
    let lookup = crate::ui::erase::action(|name: &String| {
        let name = name.clone();
        async move { api::cart::domain::whois(&name).await }
    });
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        match tlds.with_value(|l| resolve(&typed.get_untracked(), &tld_choice.get_untracked(), l)) {
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
    let pending = lookup.pending();
    let contacts = resource(api::contacts::list);
    let result = move || {
        let (name, i) = target.get()?;
        if pending.get() {
            return Some(view! { <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>{t("cart.checking")}</p> }.into_any());
        }
        let answer = lookup.value().get()?;
        let tld = tlds.with_value(|l| l.get(i).cloned())?;
        let (status, availability) = match answer {
            Err(ApiError::Aborted) => return None,
            Err(e) => (
                view! { <div class="alert alert-error" role="alert"><p>{error_text(&e)}</p><p>{t("cart.whois_failed")}</p></div> }.into_any(),
                Availability::Unknown,
            ),
            Ok(w) => (whois_view(&w).into_any(), w.availability),
        };
        Some(view! {
            {status}
            <DomainOrderForm name=name tld=tld availability=availability contacts=contacts currency=currency/>
        }
        .into_any())
    };
    view! {
        <form class="form card domain-search" novalidate on:submit=on_search role="search" aria-label=tr("cart.domain_search")>
            <div class="search-row">
                <TextField label="cart.domain_wanted" name="name" value=typed error=search_err inputmode="url"
                    autocomplete="off" hint="cart.domain_wanted_hint" required=true/>
                <SelectField label=tr("cart.tld") id="f-tld" name="tld_id" value=tld_choice on_change=setter(tld_choice) options=tld_options/>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{tr("cart.check")}</button>
        </form>
        {result}
    }
}

fn whois_view(w: &Whois) -> impl IntoView {
    let (class, key) = match w.availability {
        Availability::Available => ("alert alert-ok", "cart.available"),
        Availability::Taken => ("alert alert-info", "cart.taken"),
        Availability::Unknown => ("alert alert-info", "cart.availability_unknown"),
    };
    let text = t_with(key, &[("domain", &crate::idn::label(&w.domain))]);
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

/// The contact selects (`registrant`, `admin`, …: "my account" or one of
/// `GET /contact`), or nothing when the server has no contacts call.
/// `roles` are (API field, i18n label, value).
pub fn contact_selects(
    contacts: Contacts,
    roles: Vec<(&'static str, &'static str, RwSignal<String>)>,
) -> impl IntoView {
    move || {
        let list = contacts.get()?.ok().filter(|l| !l.is_empty())?;
        let options: Vec<Choice> = std::iter::once(Choice::new("", t("cart.contact_self")))
            .chain(list.iter().map(|c| Choice::new(c.id.0.clone(), contact_label(c))))
            .collect();
        Some(view! {
            <fieldset class="contacts">
                <legend>{t("cart.contacts")}</legend>
                <p class="hint">{t("cart.contacts_hint")}</p>
                {roles
                    .iter()
                    .map(|&(field, label, sig)| view! {
                        <SelectField label=tr(label) id=format!("f-{field}") name=field value=sig on_change=setter(sig) options=options.clone()/>
                    })
                    .collect_view()}
            </fieldset>
        })
    }
}

/// "Trần Thị Bình <binh@congty.vn>", or the name or the e-mail alone.
fn contact_label(c: &ContactSummary) -> String {
    let name = c.full_name();
    match (name.is_empty(), c.email.as_str().trim()) {
        (true, e) => e.to_owned(),
        (false, "") => name,
        (false, e) => format!("{name} <{e}>"),
    }
}

fn some_id(s: &RwSignal<String>) -> Option<NumId> {
    Some(s.get_untracked()).filter(|v| !v.is_empty()).map(|v| NumId::new(&v))
}

#[component]
fn DomainOrderForm(
    name: String,
    tld: Tld,
    availability: Availability,
    contacts: Contacts,
    currency: Signal<String>,
) -> impl IntoView {
    let action = RwSignal::new(
        if availability == Availability::Taken { "transfer" } else { "register" }.to_string(),
    );
    let years = RwSignal::new(
        tld.periods.0.first().map(|p| p.period.0.clone()).unwrap_or_else(|| "1".into()),
    );
    let epp = RwSignal::new(String::new());
    let ns: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let roles: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let data = RwSignal::new(FormValues::default());
    let checked = RwSignal::new(false);
    let tld_id = tld.id.0.clone();
    let forms = resource(move || api::cart::domain::tld_forms(tld_id.clone()));
    let form_list = move || forms.get().and_then(Result::ok).unwrap_or_default();
    let tld = StoredValue::new(tld);

    let epp_err = Signal::derive(move || {
        (checked.get() && action.get() == "transfer" && !valid_epp(&epp.get()))
            .then(|| t("cart.epp_required"))
    });
    let ns_values = move || {
        ns.iter().map(|s| normalize_domain(&s.get())).filter(|s| !s.is_empty()).collect::<Vec<_>>()
    };
    let ns_err = Signal::derive(move || {
        let list = ns_values();
        let bad = !list.is_empty() && (list.len() < 2 || !list.iter().all(|n| valid_hostname(n)));
        (checked.get() && bad).then(|| t("cart.ns_invalid"))
    });
    let period_options = Signal::derive(move || {
        let (a, cur) = (action.get(), currency.get());
        tld.with_value(|t| {
            t.periods
                .0
                .iter()
                .map(|p| {
                    let price = money_text(p.price(&a), &cur, i18n::lang());
                    Choice::new(
                        p.period.0.clone(),
                        t_with("cart.years_price", &[("n", p.period.as_str()), ("price", &price)]),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let navigate = use_navigate();
    let domain = name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        let f = form_list();
        let bad = if epp_err.get_untracked().is_some() {
            Some("f-epp".to_string())
        } else if let Some(id) = data.with_untracked(|v| first_problem("tld", &f, v)) {
            Some(id)
        } else if ns_err.get_untracked().is_some() {
            Some("ns-1".to_string())
        } else {
            None
        };
        if let Some(id) = bad {
            crate::browser::focus(&id);
            return;
        }
        let transfer = action.get_untracked() == "transfer";
        let item = DomainItem {
            tld_id: Some(NumId::new(&tld.with_value(|t| t.id.0.clone()))),
            name: domain.clone(),
            action: action.get_untracked(),
            years: years.get_untracked().parse().unwrap_or(1),
            epp: if transfer { epp.get_untracked().trim().to_owned() } else { String::new() },
            nameservers: ns_values(),
            registrant: some_id(&roles[0]),
            admin: some_id(&roles[1]),
            tech: some_id(&roles[2]),
            billing: some_id(&roles[3]),
            data: data.with_untracked(|v| custom(&f, v)),
            domain_id: None,
            promocode: String::new(),
        };
        let lines = data.with_untracked(|v| notes(&f, v));
        cart::update(|c| {
            c.add(crate::idn::label(&domain), lines, OrderItem::Domain(item));
        });
        navigate(href::CART, Default::default());
    };
    let actions = vec![
        ChoiceItem::new("register", t("cart.action_register"), ""),
        ChoiceItem::new("transfer", t("cart.action_transfer"), ""),
    ];
    let title = t_with("cart.order_domain", &[("domain", &crate::idn::label(&name))]);
    let role_fields = vec![
        ("registrant", "cart.contact_registrant", roles[0]),
        ("admin", "cart.contact_admin", roles[1]),
        ("tech", "cart.contact_tech", roles[2]),
        ("billing", "cart.contact_billing", roles[3]),
    ];
    let tld_forms = move || {
        match forms.get() {
        Some(Ok(f)) if !f.is_empty() => Some(view! {
            <div class="tld-forms">
                <p class="muted">{t("cart.tld_data")}</p>
                <ConfigForms forms=f values=data currency=currency show_errors=checked prefix="tld" field="data"/>
            </div>
        }
        .into_any()),
        Some(Err(e)) if e != ApiError::NotSupported && e != ApiError::Aborted => {
            Some(view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any())
        }
        _ => None,
    }
    };
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="domain-order" aria-label=title.clone()>
            <h2>{title.clone()}</h2>
            <ChoiceList legend=Some(tr("cart.domain_action").into()) id="f-action" name="action" items=actions
                selected=Signal::derive(move || vec![action.get()]) on_change=Callback::new(move |(v, _): (String, bool)| action.set(v))/>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years on_change=setter(years) options=period_options/>
            <div hidden=move || action.get() != "transfer">
                <TextField label="cart.epp" name="epp" value=epp error=epp_err required=true autocomplete="off" hint="cart.epp_hint"/>
            </div>
            {tld_forms}
            <details class="nameservers">
                <summary>{tr("cart.ns_own")}</summary>
                <p class="hint">{tr("cart.ns_hint")}</p>
                {ns.iter().enumerate().map(|(i, s)| {
                    let label = t_with("cart.ns_n", &[("n", &(i + 1).to_string())]);
                    let error = if i == 0 { ns_err } else { Signal::stored(None) };
                    view! { <InputField label=label id=format!("ns-{}", i + 1) name="nameservers[]" value=*s on_input=setter(*s)
                        error=error inputmode="url"/> }
                }).collect_view()}
            </details>
            {contact_selects(contacts, role_fields)}
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}

/// `?renew=<id>&name=<domain>`: a renewal `{type: domain, domain_id,
/// action: renew, years}` with the TLD's renew prices.
#[component]
fn RenewForm(
    domain_id: String,
    name: String,
    tlds: Vec<Tld>,
    currency: Signal<String>,
) -> impl IntoView {
    let shown_name =
        if name.trim().is_empty() { format!("#{domain_id}") } else { normalize_domain(&name) };
    let tld = split_domain(&shown_name, &tlds).and_then(|(i, _)| tlds.get(i).cloned());
    let years = RwSignal::new(
        tld.as_ref()
            .and_then(|t| t.periods.0.first())
            .map(|p| p.period.0.clone())
            .unwrap_or_else(|| "1".into()),
    );
    let options = Signal::derive(move || {
        let cur = currency.get();
        match &tld {
            Some(t) => t
                .periods
                .0
                .iter()
                .map(|p| {
                    let price = money_text(&p.renew, &cur, i18n::lang());
                    Choice::new(
                        p.period.0.clone(),
                        t_with("cart.years_price", &[("n", p.period.as_str()), ("price", &price)]),
                    )
                })
                .collect(),
            None => (1..=5)
                .map(|n| Choice::new(n.to_string(), t_with("cart.years", &[("n", &n.to_string())])))
                .collect(),
        }
    });
    let navigate = use_navigate();
    let title = t_with("cart.renew_domain", &[("domain", &shown_name)]);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let item = renewal(&domain_id, years.get_untracked().parse().unwrap_or(1));
        let line_title = shown_name.clone();
        cart::update(|c| {
            c.add(line_title, Vec::new(), item);
        });
        navigate(href::CART, Default::default());
    };
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="domain-renew">
            <h2>{title}</h2>
            <SelectField label=tr("cart.period") id="f-years" name="years" value=years on_change=setter(years) options=options/>
            <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::{LooseList, Text};

    #[test]
    fn a_contact_is_named_by_name_and_e_mail() {
        let l: LooseList<ContactSummary> = serde_json::from_str(crate::fixtures::CONTACTS).unwrap();
        assert_eq!(contact_label(&l.0[0]), "Sue Mary <mary@example.com>");
        let bare = ContactSummary { email: Text("x@y.vn".into()), ..Default::default() };
        assert_eq!(contact_label(&bare), "x@y.vn");
        let without_mail =
            ContactSummary { firstname: Text(" Bình ".into()), ..Default::default() };
        assert_eq!(contact_label(&without_mail), "Bình");
    }
}
