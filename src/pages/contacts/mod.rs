//! `/account/contacts` (list, `GET /contact`) and `/account/contacts/:id`
//! (view and edit with `GET`/`PUT /contact/@id`; `new` adds with `POST
//! /contact`). The form uses the same parts as sign-up, plus an optional
//! password (add only: "lets this contact log in"), the Telegram/Zalo
//! notification choices and the privilege editor.

pub mod privileges;

use crate::api::contacts::{
    self, Choice, Contact, ContactBody, ContactSummary, PrivilegeTree, Privileges,
};
use crate::app::href;
use crate::forms::account::{errors_view, notice_view, AccountTabs};
use crate::forms::profile::{AddressFields, OrgFields, PersonFields, ProfileForm, Rules};
use crate::i18n::{self, t, tr};
use crate::ui::choice::CheckField;
use crate::ui::erase::{action, effect, resource, resource_view};
use crate::ui::format::date;
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::text::SubmitButton;
use crate::ui::TextField;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use privileges::PrivilegeEditor;

#[component]
pub fn ContactsPage() -> impl IntoView {
    crate::ui::page_title("contacts.title");
    let list = resource(contacts::list);
    view! {
        <section class="page" aria-labelledby="contacts-title">
            <div class="page-head">
                <h1 id="contacts-title">{tr("profile.title")}</h1>
                <A href=href::new_contact() attr:class="btn btn-primary">{tr("contacts.add")}</A>
            </div>
            <AccountTabs/>
            <section class="card" aria-labelledby="contacts-h2">
                <h2 id="contacts-h2">{tr("contacts.title")}</h2>
                <p class="muted">{tr("contacts.intro")}</p>
                {resource_view(list, "contacts.load_error", |rows: Vec<ContactSummary>| view! { <ContactTable rows=rows/> }.into_any())}
            </section>
        </section>
    }
}

#[component]
fn ContactTable(rows: Vec<ContactSummary>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty" data-testid="contacts-empty">{tr("contacts.empty")}</p> }
            .into_any();
    }
    let columns = vec![
        Column::text("account.name"),
        Column::text("account.email"),
        Column::text("account.company"),
        Column::text("contacts.lastlogin"),
    ];
    let rows = rows
        .into_iter()
        .map(|c| {
            let name = c.full_name();
            let text = if name.is_empty() { c.email.0.clone() } else { name };
            let href = href::contact(c.id.as_str());
            vec![
                Cell::Link { href, text },
                Cell::Text(c.email.0),
                Cell::Text(c.companyname.0),
                Cell::Text(date(&c.lastlogin.0)),
            ]
        })
        .collect();
    view! { <DataTable caption=move || t("contacts.title") columns=columns rows=rows testid="contacts" caption_hidden=true/> }.into_any()
}

/// `/account/contacts/:id`; `new` is the add form.
#[component]
pub fn ContactPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let tree = resource(contacts::privileges);
    let contact = resource(move || {
        let id = id();
        async move {
            if id == "new" {
                Ok(None)
            } else {
                contacts::get(&id).await.map(Some)
            }
        }
    });
    // A saved message outlives the form (which is rebuilt when the contact
    // is reloaded after a save).
    // (The page stays when `new` becomes the new contact's id.)
    let notice = RwSignal::new(None::<(bool, String)>);
    effect(move || {
        if query.read().get("added").is_some() {
            notice.set(Some((true, t("contacts.added"))));
        }
    });
    let heading = move || if id() == "new" { "contacts.add_title" } else { "contacts.edit_title" };
    crate::ui::page_title_with(move || t(heading()));
    view! {
        <section class="page" aria-labelledby="contact-title">
            <p class="back"><A href=href::CONTACTS>{tr("contacts.back")}</A></p>
            <h1 id="contact-title">{Signal::derive(move || t(heading()))}</h1>
            <div id="contact-notice" tabindex="-1">{notice_view(notice)}</div>
            {resource_view(tree, "contacts.privileges_error", move |tree: PrivilegeTree| {
                resource_view(contact, "contacts.load_error", move |c: Option<Contact>| {
                    let key = c.as_ref().map(|c| c.id.clone()).unwrap_or_default();
                    view! { <ContactForm contact=c tree=tree.clone() refetch=Callback::new(move |_| contact.refetch()) key=key notice=notice/> }
                        .into_any()
                })
                .into_any()
            })}
        </section>
    }
}

/// What a submit gave.
#[derive(Clone)]
enum Saved {
    Added(String),
    Updated(Vec<String>),
}

#[component]
fn ContactForm(
    contact: Option<Contact>,
    tree: PrivilegeTree,
    refetch: Callback<()>,
    /// The contact's id ("" when adding).
    key: String,
    notice: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let adding = contact.is_none();
    let form = ProfileForm::new(Rules::Contact);
    let telegram = RwSignal::new(false);
    // On = receive Zalo notices (the API's `zalonotifications` turns them off).
    let zalo = RwSignal::new(true);
    let password = RwSignal::new(String::new());
    let granted = RwSignal::new(Privileges::default());
    if let Some(c) = &contact {
        form.load(&c.profile, &c.postcode);
        telegram.set(c.telegramnotifications.0);
        zalo.set(!c.zalonotifications.0);
        granted.set(Privileges::from_value(&c.privileges));
    } else {
        form.address.country.set("VN".into());
    }
    let tree = StoredValue::new(tree);
    let general = RwSignal::new(Vec::<String>::new());
    let pw_error = Signal::derive(move || {
        let p = password.get();
        (form.checked.get() && !p.is_empty() && p.chars().count() < 8)
            .then(|| t("signup.password_short"))
    });
    let save = action(move |body: &ContactBody| {
        let body = body.clone();
        let id = key.clone();
        async move {
            if id.is_empty() {
                contacts::add(&body).await.map(|(id, _)| Saved::Added(id))
            } else {
                contacts::update(&id, &body).await.map(Saved::Updated)
            }
        }
    });
    let pending = save.pending();
    let navigate = use_navigate();
    effect(move || match save.value().get() {
        Some(Ok(Saved::Added(id))) if !id.is_empty() => {
            let url = format!("{}?added=1", href::contact(&id));
            navigate(&url, NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Ok(Saved::Added(_))) => navigate(href::CONTACTS, NavigateOptions::default()),
        Some(Ok(Saved::Updated(info))) => {
            notice.set(Some((
                true,
                info.first()
                    .map(|m| i18n::server_message(m))
                    .unwrap_or_else(|| t("contacts.saved")),
            )));
            general.set(Vec::new());
            refetch.run(());
            crate::browser::focus("contact-notice");
        }
        Some(Err(e)) => {
            notice.set(None);
            form.failed(&e, Some(password.get_untracked()), general, "contact-errors");
        }
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        general.set(Vec::new());
        notice.set(None);
        if !form.check_all() {
            return;
        }
        if pw_error.get_untracked().is_some() {
            crate::browser::focus("f-password");
            return;
        }
        let pw = password.get_untracked();
        let body = ContactBody {
            profile: form.fields(),
            postcode: form.postcode.get_untracked().trim().to_owned(),
            telegramnotifications: Choice(telegram.get_untracked()).to_list(),
            zalonotifications: Choice(!zalo.get_untracked()).to_list(),
            privileges: tree.with_value(|t| granted.with_untracked(|g| g.to_value(t))),
            password: (adding && !pw.is_empty()).then_some(pw),
        };
        save.dispatch(body);
    };
    view! {
        <div id="contact-errors" tabindex="-1">{errors_view("contacts.save_failed", general)}</div>
        <form class="form form-wide" novalidate on:submit=on_submit aria-busy=Signal::derive(move || pending.get().then_some("true"))>
            <fieldset class="form-section">
                <legend>{tr("contacts.section_person")}</legend>
                <PersonFields form=form/>
                {adding.then(|| view! {
                    <TextField
                        label="contacts.password" name="password" input_type="password" autocomplete="new-password"
                        revealable=true hint="contacts.password_hint" value=password error=pw_error
                    />
                })}
            </fieldset>
            <fieldset class="form-section">
                <legend>{tr("contacts.section_org")}</legend>
                <OrgFields form=form/>
            </fieldset>
            <fieldset class="form-section">
                <legend>{tr("signup.section_address")}</legend>
                <crate::forms::expiring::ExpiringNotice country=form.address.country state=form.address.state/>
                <AddressFields form=form with_postcode=true/>
            </fieldset>
            <fieldset class="form-section">
                <legend>{tr("contacts.section_notify")}</legend>
                <CheckField label="contacts.telegram" name="telegramnotifications[]" checked=telegram hint="contacts.telegram_hint"/>
                <CheckField label="contacts.zalo" name="zalonotifications[]" checked=zalo hint="contacts.zalo_hint"/>
            </fieldset>
            <fieldset class="form-section">
                <legend>{tr("contacts.section_privileges")}</legend>
                <PrivilegeEditor tree=tree granted=granted/>
            </fieldset>
            <SubmitButton pending=pending label={if adding { "contacts.submit_add" } else { "contacts.submit_edit" }} busy="contacts.saving" block=true/>
        </form>
    }
}
