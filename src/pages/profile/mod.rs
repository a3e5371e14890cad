//! `/account`: the profile from `GET /details`, editable with `PUT
//! /details` (HostBill standard, absent from the BKNS reference: when the
//! server answers 404 / "invalid method" the edit is hidden for the rest of
//! the session and the page says why), and the activity log (`GET /logs`)
//! as a table with paging.

use crate::api::account::Client;
use crate::api::profile::{DetailsBody, DetailsUpdate, LogEntry, ProfileFields};
use crate::api::{self, ApiError};
use crate::forms::account::{errors_view, notice_view, AccountTabs};
use crate::forms::profile::{AddressFields, OrgFields, PersonFields, ProfileForm, Rules};
use crate::i18n::{self, t, tr};
use crate::state::{self, AccountCtx};
use crate::ui::erase::{action, dyn_view, effect, resource, resource_view};
use crate::ui::format::date;
use crate::ui::pager::{page_range, Pager};
use crate::ui::table::{Cell as TableCell, Column, DataTable};
use crate::ui::text::SubmitButton;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The API fields of a client, for the edit form.
pub fn fields_of(c: &Client) -> ProfileFields {
    ProfileFields {
        kind: c.kind.0.clone(),
        companyname: c.companyname.0.clone(),
        taxid: c.taxid.0.clone(),
        gender: c.gender.0.clone(),
        lastname: c.lastname.0.clone(),
        firstname: c.firstname.0.clone(),
        email: c.email.0.clone(),
        phonenumber: c.phonenumber.0.clone(),
        zalonumber: c.zalonumber.0.clone(),
        nationalid: c.nationalid.0.clone(),
        birthday: c.birthday.0.clone(),
        country: c.country.0.clone(),
        state: c.state.0.clone(),
        city: c.city.0.clone(),
        ward: c.ward.0.clone(),
        address1: c.address1.0.clone(),
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    crate::ui::page_title("profile.title");
    let account = expect_context::<AccountCtx>();
    let editing = RwSignal::new(false);
    let supported = RwSignal::new(state::edit_supported());
    let notice = RwSignal::new(None::<(bool, String)>);
    let logs = resource(api::profile::logs);
    let can_edit =
        move || supported.get() && !editing.get() && matches!(account.details.get(), Some(Ok(_)));

    view! {
        <section class="page" aria-labelledby="profile-title">
            <div class="page-head">
                <h1 id="profile-title">{tr("profile.title")}</h1>
            </div>
            <AccountTabs/>
            {notice_view(notice)}
            <section class="card" aria-labelledby="profile-details">
                <div class="card-head">
                    <h2 id="profile-details">{tr("profile.details")}</h2>
                    {dyn_view(move || if can_edit() {
                        view! {
                            <button type="button" class="btn btn-secondary" on:click=move |_| {
                                notice.set(None);
                                editing.set(true);
                            }>
                                {tr("profile.edit")}
                            </button>
                        }
                        .into_any()
                    } else {
                        ().into_any()
                    })}
                </div>
                {resource_view(account.details, "dashboard.details_error", move |c: Client| {
                    if editing.get() {
                        view! { <ProfileEditor client=c editing=editing supported=supported notice=notice logs=logs/> }.into_any()
                    } else {
                        view! { <ProfileView client=c/> }.into_any()
                    }
                })}
            </section>
            <section class="card" aria-labelledby="log-title">
                <h2 id="log-title">{tr("logs.title")}</h2>
                {resource_view(logs, "logs.error", |entries: Vec<LogEntry>| view! { <LogTable entries=entries/> }.into_any())}
            </section>
        </section>
    }
}

fn kind_label(c: &Client) -> String {
    if c.kind.0.eq_ignore_ascii_case("company") {
        t("form.kind_company")
    } else {
        t("form.kind_private")
    }
}

#[component]
fn ProfileView(client: Client) -> impl IntoView {
    let c = client;
    let row = crate::ui::dl_row;
    let birthday = api::profile::birthday_from_api(&c.birthday.0);
    let birthday = if birthday.is_empty() { c.birthday.0.clone() } else { date(&birthday) };
    let gender = match c.gender.0.to_ascii_lowercase().as_str() {
        "male" => t("form.gender_male"),
        "female" => t("form.gender_female"),
        other => other.to_owned(),
    };
    let company = !c.companyname.0.trim().is_empty() || c.kind.0.eq_ignore_ascii_case("company");
    view! {
        <dl class="dl" data-testid="profile">
            {row("form.kind", kind_label(&c))}
            {company.then(|| view! {
                {row("form.companyname", c.companyname.0.clone())}
                {row("form.taxid", c.taxid.0.clone())}
            })}
            {row("account.name", c.full_name())}
            {row("form.gender", gender)}
            {row("form.birthday", birthday)}
            {row("form.nationalid", c.nationalid.0.clone())}
            {row("account.email", c.email.0.clone())}
            {row("account.phone", c.phonenumber.0.clone())}
            {row("form.zalonumber", c.zalonumber.0.clone())}
            {row("account.address", c.address())}
        </dl>
        <crate::forms::expiring::ExpiringNotice country=c.country.0.clone() state=c.state.0.clone()/>
    }
}

#[component]
fn ProfileEditor(
    client: Client,
    editing: RwSignal<bool>,
    supported: RwSignal<bool>,
    notice: RwSignal<Option<(bool, String)>>,
    /// Refetched after a save (the server logs the change).
    logs: crate::ui::erase::Res<Result<Vec<LogEntry>, ApiError>>,
) -> impl IntoView {
    let account = expect_context::<AccountCtx>();
    let form = ProfileForm::new(Rules::Account);
    form.load(&fields_of(&client), &client.postcode.0);
    let general = RwSignal::new(Vec::<String>::new());
    let save = action(|body: &DetailsBody| {
        let body = body.clone();
        async move { api::profile::update_details(&DetailsUpdate::Whole(Box::new(body))).await }
    });
    let pending = save.pending();
    effect(move || match save.value().get() {
        Some(Ok(info)) => {
            let text =
                info.first().map(|m| i18n::server_message(m)).unwrap_or_else(|| t("profile.saved"));
            notice.set(Some((true, text)));
            editing.set(false);
            account.details.refetch();
            logs.refetch();
        }
        Some(Err(ApiError::NotSupported)) => {
            state::mark_edit_unsupported();
            supported.set(false);
            editing.set(false);
            notice.set(Some((false, t("profile.edit_unsupported"))));
        }
        Some(Err(e)) => form.failed(&e, None, general, "profile-errors"),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        general.set(Vec::new());
        if !form.check_all() {
            return;
        }
        save.dispatch(DetailsBody {
            profile: form.fields(),
            postcode: form.postcode.get_untracked().trim().to_owned(),
        });
    };
    view! {
        <form class="form" novalidate on:submit=on_submit aria-busy=Signal::derive(move || pending.get().then_some("true"))>
            <div id="profile-errors" tabindex="-1">{errors_view("profile.save_failed", general)}</div>
            <OrgFields form=form/>
            <PersonFields form=form/>
            <AddressFields form=form with_postcode=true/>
            <div class="form-actions">
                <SubmitButton pending=pending label="profile.save" busy="profile.saving"/>
                <button type="button" class="btn btn-secondary" disabled=pending on:click=move |_| editing.set(false)>
                    {tr("profile.cancel")}
                </button>
            </div>
        </form>
    }
}

const LOGS_PER_PAGE: usize = 10;

#[component]
fn LogTable(entries: Vec<LogEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="muted">{tr("logs.empty")}</p> }.into_any();
    }
    let total = entries.len();
    let entries = StoredValue::new(entries);
    let page = RwSignal::new(0usize);
    let table = dyn_view(move || {
        let range = page_range(total, LOGS_PER_PAGE, page.get());
        let rows = entries.with_value(|all| {
            all[range]
                .iter()
                .map(|e| {
                    let ip = if e.ip.is_empty() { "—".to_owned() } else { e.ip.clone() };
                    vec![
                        TableCell::Text(date(&e.date)),
                        TableCell::Text(e.action.clone()),
                        TableCell::Text(ip),
                    ]
                })
                .collect()
        });
        let columns =
            vec![Column::text("logs.date"), Column::text("logs.action"), Column::text("logs.ip")];
        view! { <DataTable caption=move || t("logs.title") columns=columns rows=rows testid="logs" caption_hidden=true/> }.into_any()
    });
    view! {
        {table}
        <Pager page=page len=total per=LOGS_PER_PAGE/>
    }
    .into_any()
}
