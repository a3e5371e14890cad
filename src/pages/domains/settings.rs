//! The editable cards of `/domains/:id`: nameservers, child nameservers,
//! contacts, e-mail and URL forwarding, DNSSEC and renewal.

use super::detail::Ctx;
use super::logic::{self, NsError};
use super::{write_action, write_error};
use crate::api::billing::{self, PaymentMethod};
use crate::api::domains::{
    self, ChildNameserverBody, Contact, Contacts as ContactsData, ForwardRule, RenewOrder, Tld,
    CONTACT_ROLES,
};
use crate::api::loose::{Id, Text};
use crate::api::ApiError;
use crate::i18n::{self, t, t_with, tr};
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::erase::{effect, resource};
use crate::ui::format::money;
use crate::ui::text::{field_error, invalid, tw, SubmitButton};
use crate::ui::{ErrorPanel, Loading, TextField};
use crate::util::looks_like_email;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

fn err_signal(s: RwSignal<Option<String>>) -> Signal<Option<String>> {
    s.into()
}

/// Nameservers (`GET`/`PUT /domain/@id/ns`): 2-4 hosts, or all empty for
/// the provider's defaults. Changing them can take a site offline: asks.
#[component]
pub fn Nameservers(ctx: Ctx, current: Vec<String>) -> impl IntoView {
    let id = ctx.id.clone();
    let ns = resource(move || domains::nameservers(id.clone()));
    let fields: [RwSignal<String>; 4] =
        std::array::from_fn(|i| RwSignal::new(current.get(i).cloned().unwrap_or_default()));
    // Fill the inputs from GET /ns once it answers (it is the authority).
    effect(move || {
        if let Some(Ok(list)) = ns.get() {
            for (i, f) in fields.iter().enumerate() {
                f.set(list.get(i).cloned().unwrap_or_default());
            }
        }
    });
    let errors: [RwSignal<Option<String>>; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let form_error = RwSignal::new(None::<String>);
    let details = ctx.details;
    let id = ctx.id.clone();
    let save = write_action(
        move |hosts: Vec<String>| domains::set_nameservers(id.clone(), hosts),
        move || {
            ns.refetch();
            details.refetch();
        },
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        for e in &errors {
            e.set(None);
        }
        form_error.set(None);
        let inputs: Vec<String> = fields.iter().map(|f| f.get_untracked()).collect();
        match logic::validate_nameservers(&inputs) {
            Ok(hosts) => {
                let body = if hosts.is_empty() {
                    t_with("domains.ns_default_body", &[("name", &name)])
                } else {
                    t_with(
                        "domains.ns_confirm_body",
                        &[("name", &name), ("hosts", &hosts.join(", "))],
                    )
                };
                confirm.ask(Confirm::new(
                    "domains.ns_confirm_title",
                    body,
                    "domains.ns_save",
                    move || {
                        save.dispatch(hosts.clone());
                    },
                ));
            }
            Err(NsError::Invalid(i)) => {
                errors[i].set(Some(t("domains.ns_invalid")));
                crate::browser::focus(&format!("f-ns{}", i + 1));
            }
            Err(NsError::Duplicate(i)) => {
                errors[i].set(Some(t("domains.ns_duplicate")));
                crate::browser::focus(&format!("f-ns{}", i + 1));
            }
            Err(NsError::TooFew) | Err(NsError::TooMany) => {
                form_error.set(Some(t("domains.ns_count")));
                crate::browser::focus("f-ns2");
            }
        }
    };
    const LABELS: [&str; 4] = ["domains.ns1", "domains.ns2", "domains.ns3", "domains.ns4"];
    const NAMES: [&str; 4] = ["ns1", "ns2", "ns3", "ns4"];
    view! {
        <section class="card" aria-labelledby="ns-title" data-testid="nameservers">
            <h2 id="ns-title">{tr("domains.nameservers")}</h2>
            <p class="muted">{tr("domains.ns_help")}</p>
            {move || ns.get().is_none().then(|| view! { <Loading/> })}
            <form class="form" novalidate on:submit=on_submit>
                {(0..4).map(|i| view! {
                    <TextField label=LABELS[i] name=NAMES[i] value=fields[i] error=err_signal(errors[i]) inputmode="url" autocomplete="off"/>
                }).collect_view()}
                {field_error(form_error.into(), None)}
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.ns_save"/>
                    <button type="button" class="btn btn-ghost" disabled=pending on:click=move |_| {
                        for f in &fields { f.set(String::new()); }
                    }>{tr("domains.ns_use_default")}</button>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}

/// Child nameservers / glue records (`POST /domain/@id/reg`).
#[component]
pub fn ChildNameservers(ctx: Ctx) -> impl IntoView {
    let action = RwSignal::new("register".to_string());
    let host = RwSignal::new(String::new());
    let ip = RwSignal::new(String::new());
    let old_ip = RwSignal::new(String::new());
    let host_err = RwSignal::new(None::<String>);
    let ip_err = RwSignal::new(None::<String>);
    let old_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |b: ChildNameserverBody| domains::child_nameserver(id.clone(), b),
        move || {
            host.set(String::new());
            ip.set(String::new());
            old_ip.set(String::new());
        },
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let domain = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (a, h, new_ip, old) = (
            action.get_untracked(),
            host.get_untracked().trim().to_ascii_lowercase(),
            ip.get_untracked(),
            old_ip.get_untracked(),
        );
        host_err.set(
            (!logic::valid_child_host(&h, &domain))
                .then(|| t_with("domains.glue_host_invalid", &[("name", &domain)])),
        );
        ip_err.set((a != "delete" && !logic::valid_ip(&new_ip)).then(|| t("domains.ip_invalid")));
        old_err.set((a == "modify" && !logic::valid_ip(&old)).then(|| t("domains.ip_invalid")));
        if host_err.get_untracked().is_some() {
            return crate::browser::focus("f-nameserver");
        }
        if old_err.get_untracked().is_some() {
            return crate::browser::focus("f-oldip");
        }
        if ip_err.get_untracked().is_some() {
            return crate::browser::focus(if a == "modify" { "f-newip" } else { "f-ip" });
        }
        let body = match a.as_str() {
            "modify" => ChildNameserverBody::Modify {
                nameserver: h,
                oldip: old.trim().into(),
                newip: new_ip.trim().into(),
            },
            "delete" => ChildNameserverBody::Delete { nameserver: h },
            _ => ChildNameserverBody::Register { nameserver: h, ip: new_ip.trim().into() },
        };
        if let ChildNameserverBody::Delete { nameserver } = &body {
            let text = t_with("domains.glue_delete_body", &[("host", nameserver)]);
            let b = body.clone();
            confirm.ask(
                Confirm::new("domains.glue_delete_title", text, "domains.glue_delete", move || {
                    save.dispatch(b.clone());
                })
                .danger(),
            );
        } else {
            save.dispatch(body);
        }
    };
    let options = Signal::derive(|| {
        vec![
            ("register".to_string(), t("domains.glue_register")),
            ("modify".to_string(), t("domains.glue_modify")),
            ("delete".to_string(), t("domains.glue_delete")),
        ]
    });
    view! {
        <section class="card" aria-labelledby="glue-title">
            <h2 id="glue-title">{tr("domains.glue")}</h2>
            <p class="muted">{tw("domains.glue_help", vec![("name", ctx.name.clone())])}</p>
            <form class="form" novalidate on:submit=on_submit>
                <SelectField label="domains.glue_action" name="action" value=action options=options/>
                <TextField label="domains.glue_host" name="nameserver" value=host error=err_signal(host_err) inputmode="url" autocomplete="off"/>
                <Show when=move || action.get() == "modify">
                    <TextField label="domains.glue_old_ip" name="oldip" value=old_ip error=err_signal(old_err) autocomplete="off"/>
                    <TextField label="domains.glue_new_ip" name="newip" value=ip error=err_signal(ip_err) autocomplete="off"/>
                </Show>
                <Show when=move || action.get() == "register">
                    <TextField label="domains.glue_ip" name="ip" value=ip error=err_signal(ip_err) autocomplete="off"/>
                </Show>
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.glue_submit"/>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}

/// Registrant, admin, tech and billing contacts (`GET`/`PUT /domain/@id/contact`).
#[component]
pub fn Contacts(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let data = resource(move || domains::contacts(id.clone()));
    view! {
        <section class="card card-wide" aria-labelledby="ct-title">
            <h2 id="ct-title">{tr("domains.contacts")}</h2>
            <p class="muted">{tr("domains.contacts_help")}</p>
            {crate::ui::resource_view(data, "domains.contacts_error", move |c| view! { <ContactsForm ctx=ctx.clone() initial=c reload=data/> })}
        </section>
    }
}

type Fields = [RwSignal<String>; 13];

const CONTACT_FIELDS: [(&str, &str, &str); 13] = [
    ("lastname", "domains.c_lastname", "family-name"),
    ("firstname", "domains.c_firstname", "given-name"),
    ("companyname", "domains.c_company", "organization"),
    ("email", "domains.c_email", "email"),
    ("phonenumber", "domains.c_phone", "tel"),
    ("nationalid", "domains.c_nationalid", "off"),
    ("address1", "domains.c_address1", "address-line1"),
    ("address2", "domains.c_address2", "address-line2"),
    ("ward", "domains.c_ward", "address-level3"),
    ("city", "domains.c_city", "address-level2"),
    ("state", "domains.c_state", "address-level1"),
    ("postcode", "domains.c_postcode", "postal-code"),
    ("country", "domains.c_country", "country"),
];

fn field_of(c: &Contact, name: &str) -> String {
    match name {
        "firstname" => &c.firstname,
        "lastname" => &c.lastname,
        "companyname" => &c.companyname,
        "email" => &c.email,
        "phonenumber" => &c.phonenumber,
        "address1" => &c.address1,
        "address2" => &c.address2,
        "ward" => &c.ward,
        "city" => &c.city,
        "state" => &c.state,
        "postcode" => &c.postcode,
        "country" => &c.country,
        _ => &c.nationalid,
    }
    .0
    .clone()
}

fn contact_of(f: &Fields) -> Contact {
    let v = |i: usize| Text(f[i].get_untracked().trim().to_owned());
    Contact {
        lastname: v(0),
        firstname: v(1),
        companyname: v(2),
        email: v(3),
        phonenumber: v(4),
        nationalid: v(5),
        address1: v(6),
        address2: v(7),
        ward: v(8),
        city: v(9),
        state: v(10),
        postcode: v(11),
        country: v(12),
    }
}

#[component]
fn ContactsForm(
    ctx: Ctx,
    initial: ContactsData,
    reload: crate::ui::erase::Res<Result<ContactsData, ApiError>>,
) -> impl IntoView {
    let role = RwSignal::new("registrant".to_string());
    // One set of fields per role, so switching roles keeps what was typed.
    let sets: Vec<Fields> = CONTACT_ROLES
        .iter()
        .map(|r| {
            let c = initial.get(r);
            std::array::from_fn(|i| RwSignal::new(field_of(c, CONTACT_FIELDS[i].0)))
        })
        .collect();
    let sets = StoredValue::new(sets);
    let errors: [RwSignal<Option<String>>; 13] = std::array::from_fn(|_| RwSignal::new(None));
    let id = ctx.id.clone();
    let save = write_action(
        move |c: ContactsData| domains::set_contacts(id.clone(), c),
        move || reload.refetch(),
    );
    let pending = save.pending();
    let idx = move || CONTACT_ROLES.iter().position(|r| *r == role.get()).unwrap_or(0);
    let copy_registrant = move |_| {
        let i = idx();
        sets.with_value(|s| {
            for (to, from) in s[i].iter().zip(&s[0]) {
                to.set(from.get_untracked());
            }
        });
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let i = idx();
        let current = sets.with_value(|s| contact_of(&s[i]));
        for e in &errors {
            e.set(None);
        }
        let mut first_bad = None;
        let mut bad = |k: usize, key: &str| {
            errors[k].set(Some(t(key)));
            first_bad.get_or_insert(k);
        };
        if current.companyname.0.is_empty() && current.lastname.0.is_empty() {
            bad(0, "domains.c_required");
        }
        if current.companyname.0.is_empty() && current.firstname.0.is_empty() {
            bad(1, "domains.c_required");
        }
        if !looks_like_email(current.email.as_str()) {
            bad(3, "login.email_invalid");
        }
        if current.phonenumber.0.is_empty() {
            bad(4, "domains.c_required");
        }
        if let Some(k) = first_bad {
            crate::browser::focus(&format!("f-{}", CONTACT_FIELDS[k].0));
            return;
        }
        // Send every role: the one edited and the others as they are.
        let mut all = ContactsData::default();
        sets.with_value(|s| {
            for (n, r) in CONTACT_ROLES.iter().enumerate() {
                *all.get_mut(r) = contact_of(&s[n]);
            }
        });
        save.dispatch(all);
    };
    let role_opts = Signal::derive(|| {
        CONTACT_ROLES
            .iter()
            .map(|r| (r.to_string(), t(&format!("domains.role_{r}"))))
            .collect::<Vec<_>>()
    });
    view! {
        <form class="form contact-form" novalidate on:submit=on_submit>
            <SelectField label="domains.contact_role" name="role" value=role options=role_opts/>
            {move || {
                let i = idx();
                let set = sets.with_value(|s| s[i]);
                view! {
                    <div class="form-grid">
                        {(0..13).map(|k| {
                            let (name, label, ac) = CONTACT_FIELDS[k];
                            view! { <TextField label=label name=name value=set[k] error=err_signal(errors[k]) autocomplete=ac input_type=if name == "email" { "email" } else if name == "phonenumber" { "tel" } else { "text" }/> }
                        }).collect_view()}
                    </div>
                }
            }}
            <div class="form-actions">
                <SubmitButton pending=pending label="domains.contacts_save"/>
                <Show when=move || role.get() != "registrant">
                    <button type="button" class="btn btn-ghost" on:click=copy_registrant>{tr("domains.copy_registrant")}</button>
                </Show>
            </div>
        </form>
        {write_error(save, "domains.save_error")}
    }
}

/// E-mail forwarding (`GET`/`PUT /domain/@id/emforwarding`): the whole
/// list is edited and saved at once.
#[component]
pub fn EmailForwarding(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let data = resource(move || domains::email_forwarding(id.clone()));
    let name = ctx.name.clone();
    view! {
        <section class="card" aria-labelledby="emf-title">
            <h2 id="emf-title">{tr("domains.emforwarding")}</h2>
            <p class="muted">{tw("domains.emforwarding_help", vec![("name", name.clone())])}</p>
            {crate::ui::resource_view(data, "domains.emforwarding_error", move |rules| view! { <ForwardingRules ctx=ctx.clone() initial=rules reload=data/> })}
        </section>
    }
}

#[component]
fn ForwardingRules(
    ctx: Ctx,
    initial: Vec<ForwardRule>,
    reload: crate::ui::erase::Res<Result<Vec<ForwardRule>, ApiError>>,
) -> impl IntoView {
    type Line = (u32, RwSignal<String>, RwSignal<String>);
    let next = StoredValue::new(0u32);
    let mk = move |p: String, f: String| -> Line {
        let n = next.get_value();
        next.set_value(n + 1);
        (n, RwSignal::new(p), RwSignal::new(f))
    };
    let lines = RwSignal::new(
        initial.into_iter().map(|r| mk(r.prefix.0, r.forwardto.0)).collect::<Vec<Line>>(),
    );
    let error = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |rules: Vec<ForwardRule>| domains::set_email_forwarding(id.clone(), rules),
        move || reload.refetch(),
    );
    let pending = save.pending();
    let domain = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let mut rules = Vec::new();
        for (n, p, f) in lines.get_untracked() {
            let (p, f) = (
                p.get_untracked().trim().to_ascii_lowercase(),
                f.get_untracked().trim().to_owned(),
            );
            if p.is_empty() && f.is_empty() {
                continue;
            }
            if !logic::valid_prefix(&p) {
                error.set(Some(t("domains.prefix_invalid")));
                return crate::browser::focus(&format!("f-prefix{n}"));
            }
            if !looks_like_email(&f) {
                error.set(Some(t("login.email_invalid")));
                return crate::browser::focus(&format!("f-forwardto{n}"));
            }
            rules.push(ForwardRule { prefix: Text(p), forwardto: Text(f) });
        }
        save.dispatch(rules);
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <ul class="rule-list">
                {move || lines.get().into_iter().map(|line| { let domain = domain.clone(); view! {
                    <li class="rule">
                        <div class="field">
                            <label for=format!("f-prefix{}", line.0)>{tr("domains.prefix")}</label>
                            <div class="input-wrap">
                                <input id=format!("f-prefix{}", line.0) name="prefix" autocomplete="off" bind:value=line.1/>
                                <span class="suffix">"@" {domain.clone()}</span>
                            </div>
                        </div>
                        <div class="field">
                            <label for=format!("f-forwardto{}", line.0)>{tr("domains.forwardto")}</label>
                            <input id=format!("f-forwardto{}", line.0) name="forwardto" type="email" autocomplete="email" bind:value=line.2/>
                        </div>
                        <button type="button" class="btn btn-ghost" on:click=move |_| lines.update(|l| l.retain(|x| x.0 != line.0))>
                            {tr("domains.remove")}
                        </button>
                    </li>
                } }).collect_view()}
            </ul>
            {move || lines.with(Vec::is_empty).then(|| view! { <p class="muted">{tr("domains.no_rules")}</p> })}
            {field_error(error.into(), None)}
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| {
                    let l = mk(String::new(), String::new());
                    lines.update(|v| v.push(l));
                }>{tr("domains.add_rule")}</button>
                <SubmitButton pending=pending label="domains.save"/>
            </div>
        </form>
        {write_error(save, "domains.save_error")}
    }
}

/// URL forwarding (`PUT /domain/@id/forwarding`). The API has no read, so
/// the form starts empty and says so.
#[component]
pub fn UrlForwarding(ctx: Ctx) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let kind = RwSignal::new(domains::FORWARDING_TYPES[0].to_string());
    let url_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |(u, k): (String, String)| domains::set_url_forwarding(id.clone(), u, k),
        || {},
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let u = url.get_untracked().trim().to_owned();
        if !logic::valid_url(&u) {
            url_err.set(Some(t("domains.url_invalid")));
            return crate::browser::focus("f-url");
        }
        url_err.set(None);
        let k = kind.get_untracked();
        let body = t_with("domains.fwd_confirm_body", &[("name", &name), ("url", &u)]);
        confirm.ask(Confirm::new("domains.fwd_confirm_title", body, "domains.save", move || {
            save.dispatch((u.clone(), k.clone()));
        }));
    };
    let kinds = Signal::derive(|| {
        vec![
            ("URL".to_string(), t("domains.fwd_redirect")),
            ("FRAME".to_string(), t("domains.fwd_frame")),
        ]
    });
    view! {
        <section class="card" aria-labelledby="fwd-title">
            <h2 id="fwd-title">{tr("domains.urlforwarding")}</h2>
            <p class="muted">{tr("domains.urlforwarding_help")}</p>
            <form class="form" novalidate on:submit=on_submit>
                <TextField label="domains.fwd_url" name="url" value=url error=err_signal(url_err) input_type="url" inputmode="url" autocomplete="url" hint="domains.fwd_url_hint"/>
                <SelectField label="domains.fwd_type" name="type" value=kind options=kinds/>
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.save"/>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}

/// DNSSEC keys: list (`GET /dnssec`), add (`PUT`), remove (`DELETE`, asks).
#[component]
pub fn Dnssec(ctx: Ctx) -> impl IntoView {
    let id = ctx.id.clone();
    let keys = resource(move || domains::dnssec_keys(id.clone()));
    let id = ctx.id.clone();
    let flags = resource(move || domains::dnssec_flags(id.clone()));
    let flag = RwSignal::new("257".to_string());
    let alg = RwSignal::new("13".to_string());
    let pubkey = RwSignal::new(String::new());
    let key_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let add = write_action(
        move |(f, a, k): (String, String, String)| domains::add_dnssec_key(id.clone(), f, a, k),
        move || {
            pubkey.set(String::new());
            keys.refetch();
        },
    );
    let id = ctx.id.clone();
    let remove = write_action(
        move |key: Id| domains::delete_dnssec_key(id.clone(), key),
        move || keys.refetch(),
    );
    let (adding, removing) = (add.pending(), remove.pending());
    let confirm = ctx.confirm;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if adding.get_untracked() {
            return;
        }
        if !logic::valid_pubkey(&pubkey.get_untracked()) {
            key_err.set(Some(t("domains.pubkey_invalid")));
            return crate::browser::focus("f-pubkey");
        }
        key_err.set(None);
        add.dispatch((flag.get_untracked(), alg.get_untracked(), pubkey.get_untracked()));
    };
    let flag_opts = Signal::derive(move || match flags.get() {
        Some(Ok(list)) if !list.is_empty() => list
            .into_iter()
            .map(|c| (c.id.0.clone(), format!("{} ({})", c.id.0, c.name.0)))
            .collect(),
        _ => vec![("257".into(), "257 (KSK)".into()), ("256".into(), "256 (ZSK)".into())],
    });
    let alg_opts = Signal::derive(|| {
        domains::DNSSEC_ALGORITHMS
            .iter()
            .map(|(n, name)| (n.to_string(), format!("{n} – {name}")))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card card-wide" aria-labelledby="ds-title">
            <h2 id="ds-title">{tr("domains.dnssec")}</h2>
            <p class="muted">{tr("domains.dnssec_help")}</p>
            {crate::ui::resource_view(keys, "domains.dnssec_error", move |list| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr("domains.dnssec_none")}</p> }.into_any();
                }
                view! {
                    <ul class="key-list">
                        {list.into_iter().map(|k| {
                            let key = k.id.clone();
                            let label = format!("{} · {} · alg {}", k.id, k.flags, k.alg);
                            let l2 = label.clone();
                            view! {
                                <li class="key">
                                    <span><strong>{label}</strong><br/><code class="pubkey">{k.pubkey.0.clone()}</code></span>
                                    <button type="button" class="btn btn-ghost" disabled=removing on:click=move |_| {
                                        let key = key.clone();
                                        let body = t_with("domains.dnssec_delete_body", &[("key", &l2)]);
                                        confirm.ask(Confirm::new("domains.dnssec_delete_title", body, "domains.remove", move || {
                                            remove.dispatch(key.clone());
                                        }).danger());
                                    }>{tr("domains.remove")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {write_error(remove, "domains.save_error")}
            <h3>{tr("domains.dnssec_add")}</h3>
            <form class="form" novalidate on:submit=on_submit>
                <SelectField label="domains.dnssec_flags" name="flags" value=flag options=flag_opts/>
                <SelectField label="domains.dnssec_alg" name="alg" value=alg options=alg_opts/>
                <div class="field" class:field-invalid=move || key_err.get().is_some()>
                    <label for="f-pubkey">{tr("domains.dnssec_pubkey")}</label>
                    <textarea id="f-pubkey" name="pubkey" rows="3" autocomplete="off" spellcheck="false"
                        aria-invalid=invalid(key_err.into())
                        aria-describedby=move || key_err.get().is_some().then_some("f-pubkey-err")
                        prop:value=move || pubkey.get()
                        on:input=move |ev| pubkey.set(event_target_value(&ev))></textarea>
                    {field_error(key_err.into(), Some("f-pubkey-err".into()))}
                </div>
                <div class="form-actions">
                    <SubmitButton pending=adding label="domains.dnssec_add"/>
                </div>
            </form>
            {write_error(add, "domains.save_error")}
        </section>
    }
}

/// Renewal (`POST /domain/@id/renew {years, pay_method}`) with the TLD's
/// renew prices (`GET /domain/order`) and payment methods (`GET /payment`).
#[component]
pub fn Renew(ctx: Ctx, status: String) -> impl IntoView {
    let tlds = resource(domains::tlds);
    let methods = resource(billing::payment_methods);
    let cur = ctx.currency;
    let renewable =
        matches!(logic::Status::of(&status), logic::Status::Active | logic::Status::Expired);
    let name = ctx.name.clone();
    let tld = {
        let name = name.clone();
        Memo::new(move |_| -> Option<Tld> {
            let list = tlds.get()?.ok()?;
            let names: Vec<String> = list.iter().map(|t| t.tld.0.clone()).collect();
            let m = logic::tld_match(&name, &names)?.clone();
            list.into_iter().find(|t| t.tld.0 == m)
        })
    };
    let years = RwSignal::new("1".to_string());
    let method = RwSignal::new(String::new());
    effect(move || {
        if let Some(Ok(m)) = methods.get() {
            if method.get_untracked().is_empty() {
                if let Some(first) = m.first() {
                    method.set(first.id.0.clone());
                }
            }
        }
    });
    let price_of = move |y: &str| -> Option<crate::api::loose::Decimal> {
        tld.get()?.periods.0.into_iter().find(|p| p.period.as_str() == y)?.renew.value
    };
    let currency_now = move || cur.get();
    let year_opts = Signal::derive(move || {
        let c = currency_now();
        tld.get()
            .map(|t| {
                t.periods
                    .0
                    .iter()
                    .filter(|p| p.renew.value.is_some_and(|v| !v.is_zero()))
                    .map(|p| {
                        let price =
                            p.renew.value.map(|v| money(v, &c, i18n::lang())).unwrap_or_default();
                        (
                            p.period.0.clone(),
                            t_with(
                                "domains.renew_option",
                                &[("n", p.period.as_str()), ("price", &price)],
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let method_opts = Signal::derive(move || match methods.get() {
        Some(Ok(m)) => m.into_iter().map(|PaymentMethod { id, name, .. }| (id.0, name.0)).collect(),
        _ => Vec::new(),
    });
    let result = RwSignal::new(None::<RenewOrder>);
    let id = ctx.id.clone();
    let renew = crate::ui::erase::action(move |(y, m): &(u32, Id)| {
        let (id, y, m) = (id.clone(), *y, m.clone());
        async move {
            let r = domains::renew(id, y, m).await;
            if let Ok((order, info)) = &r {
                result.set(Some(order.clone()));
                crate::ui::toast::info(info, "domains.renew_done_toast");
            }
            r.map(|(o, _)| o)
        }
    });
    let pending = renew.pending();
    let confirm = ctx.confirm;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let y = years.get_untracked();
        let m = method.get_untracked();
        let (Ok(n), false) = (y.parse::<u32>(), m.is_empty()) else { return };
        let total = price_of(&y)
            .map(|p| money(p, &currency_now(), i18n::lang()))
            .unwrap_or_else(|| "—".into());
        let method_name = method_opts
            .get_untracked()
            .into_iter()
            .find(|(k, _)| *k == m)
            .map(|(_, v)| v)
            .unwrap_or_default();
        let body = t_with(
            "domains.renew_confirm_body",
            &[("name", &name), ("n", &y), ("total", &total), ("method", &method_name)],
        );
        confirm.ask(Confirm::new(
            "domains.renew_confirm_title",
            body,
            "domains.renew_confirm",
            move || {
                renew.dispatch((n, Id(m.clone())));
            },
        ));
    };
    view! {
        <section class="card" id="renew" aria-labelledby="rn-title" data-testid="renew">
            <h2 id="rn-title">{tr("domains.renew")}</h2>
            {(!renewable).then(|| view! { <p class="muted">{tr("domains.renew_unavailable")}</p> })}
            {move || match (tlds.get(), methods.get()) {
                (None, _) | (_, None) => view! { <Loading/> }.into_any(),
                (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <ErrorPanel error=e what="domains.renew_load_error" on_retry=Callback::new(move |_| { tlds.refetch(); methods.refetch(); })/> }.into_any(),
                _ if year_opts.with(Vec::is_empty) => view! { <p class="muted">{tr("domains.renew_no_price")}</p> }.into_any(),
                _ => view! {
                    <form class="form" novalidate on:submit=on_submit.clone()>
                        <SelectField label="domains.renew_years" name="years" value=years options=year_opts/>
                        <SelectField label="domains.pay_method" name="pay_method" value=method options=method_opts/>
                        <p class="total" aria-live="polite">
                            {tr("domains.total")} ": "
                            <strong>{move || price_of(&years.get()).map(|p| money(p, &currency_now(), i18n::lang())).unwrap_or_else(|| "—".into())}</strong>
                        </p>
                        <SubmitButton pending=pending label="domains.renew_submit" busy="domains.renewing" blocked=Signal::derive(move || !renewable)/>
                    </form>
                }.into_any(),
            }}
            {move || match renew.value().get() {
                Some(Err(e)) if !pending.get() => Some(view! { <ErrorPanel error=e what="domains.renew_error"/> }.into_any()),
                _ => result.get().map(|o| {
                    let total = o.total.clone();
                    view! {
                        <div class="alert alert-info" role="status" data-testid="renew-result">
                            <strong class="alert-title">{tr("domains.renew_done")}</strong>
                            <p>{move || t_with("domains.renew_invoice", &[
                                ("invoice", o.invoice_id.as_str()),
                                ("total", &crate::ui::format::money_text(&total, &currency_now(), i18n::lang())),
                            ])}</p>
                        </div>
                    }.into_any()
                }),
            }}
        </section>
    }
}
