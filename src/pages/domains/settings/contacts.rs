//! The contacts card: registrant, admin, tech and billing, one form per
//! role (switching roles keeps what was typed), all saved together.

use super::err_signal;
use crate::api::domains::{self, Contact, Contacts as ContactsData, CONTACT_ROLES};
use crate::i18n::{t, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::{write_action, write_error};
use crate::ui::choice::SelectField;
use crate::ui::erase::resource;
use crate::ui::text::SubmitButton;
use crate::ui::TextField;
use crate::util::looks_like_email;
use crate::vocab::{ApiError, Text};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

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
