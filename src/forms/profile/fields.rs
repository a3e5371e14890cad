//! The profile form's field groups, each drawn from a [`ProfileForm`]:
//! account type and organisation (with the tax-id lookup), the person, and
//! the address (the cascade, the street and the post code).

use super::model::ProfileForm;
use super::rules::{taxid_ok, Rules, COMPANY, HOUSEHOLD, PRIVATE};
use crate::api::signup::{lookup_taxid, TaxLookup};
use crate::forms::address::AddressCascade;
use crate::i18n::{t, tr};
use crate::ui::choice::{RadioGroup, SelectField};
use crate::ui::erase::{action, dyn_view, effect};
use crate::ui::{error_text, TextField};
use crate::vocab::ApiError;
use leptos::prelude::*;

fn opts(list: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    list.iter().map(|(v, k)| ((*v).to_owned(), t(k))).collect()
}

/// Account type and, for organisations and household businesses, the tax
/// id (looked up: name and address are prefilled, a failed lookup never
/// blocks) and the company name.
#[component]
pub fn OrgFields(form: ProfileForm) -> impl IntoView {
    let kinds = Signal::derive(|| {
        opts(&[
            (PRIVATE, "form.kind_private"),
            (COMPANY, "form.kind_company"),
            (HOUSEHOLD, "form.kind_household"),
        ])
    });
    let lookup = action(|(kind, taxid): &(TaxLookup, String)| {
        let (kind, taxid) = (*kind, taxid.clone());
        async move { lookup_taxid(kind, &taxid).await }
    });
    let pending = lookup.pending();
    effect(move || {
        if let Some(Ok(Some(b))) = lookup.value().get() {
            form.prefill(&b);
        }
    });
    let run = move || {
        let taxid = form.taxid.get_untracked().trim().to_owned();
        if taxid_ok(&taxid) && !pending.get_untracked() {
            let kind = if form.kind.get_untracked() == HOUSEHOLD {
                TaxLookup::Household
            } else {
                TaxLookup::Business
            };
            lookup.dispatch((kind, taxid));
        }
    };
    let status = move || {
        dyn_view(move || {
            let (warn, text) = if pending.get() {
                (false, t("form.lookup_busy"))
            } else {
                match lookup.value().get() {
                    Some(Ok(Some(_))) => (false, t("form.lookup_done")),
                    Some(Ok(None)) | Some(Err(ApiError::Server { .. })) => {
                        (true, t("form.lookup_none"))
                    }
                    Some(Err(ApiError::Aborted)) | None => return ().into_any(),
                    Some(Err(e)) => {
                        (true, format!("{} {}", t("form.lookup_failed"), error_text(&e)))
                    }
                }
            };
            view! { <p class="lookup-status" class:lookup-warn=warn role="status" aria-live="polite">{text}</p> }.into_any()
        })
    };
    let org = Memo::new(move |_| form.is_org());
    let household = Memo::new(move |_| form.kind.get() == HOUSEHOLD);
    view! {
        <RadioGroup legend="form.kind" name="type" value=form.kind options=kinds/>
        {dyn_view(move || {
            if !org.get() {
                return ().into_any();
            }
            view! {
                <div class="taxid-row" on:change=move |_| run()>
                    <TextField
                        label="form.taxid" name="taxid" inputmode="numeric" autocomplete="off" required=true
                        hint="form.taxid_hint" value=form.taxid error=form.error("taxid")
                    />
                    <button
                        type="button"
                        class="btn btn-secondary"
                        disabled=pending
                        on:click=move |_| {
                            form.checked.set(true);
                            run()
                        }
                    >
                        {tr("form.lookup")}
                    </button>
                </div>
                {status()}
                <TextField
                    label=if household.get() { "form.companyname_household" } else { "form.companyname" }
                    name="companyname" autocomplete="organization" required=true
                    value=form.companyname error=form.error("companyname")
                />
            }
            .into_any()
        })}
    }
}

/// Names, gender, birthday, identity document, e-mail and phones.
#[component]
pub fn PersonFields(
    form: ProfileForm,
    /// Shown right under the e-mail field (e.g. "already registered").
    #[prop(optional, into)]
    email_note: Option<ViewFn>,
    /// Called when the e-mail field is left with a new value.
    #[prop(optional, into)]
    on_email: Option<Callback<String>>,
) -> impl IntoView {
    let genders = Signal::derive(|| {
        opts(&[
            ("", "form.gender_none"),
            ("male", "form.gender_male"),
            ("female", "form.gender_female"),
        ])
    });
    let account = form.rules == Rules::Account;
    view! {
        <div class="field-pair">
            <TextField label="form.lastname" name="lastname" autocomplete="family-name" value=form.lastname error=form.error("lastname")/>
            <TextField label="form.firstname" name="firstname" autocomplete="given-name" required=true value=form.firstname error=form.error("firstname")/>
        </div>
        <div class="field-pair">
            <SelectField label="form.gender" name="gender" autocomplete="sex" value=form.gender options=genders/>
            <TextField label="form.birthday" name="birthday" input_type="date" autocomplete="bday" value=form.birthday error=form.error("birthday")/>
        </div>
        <TextField
            label="form.nationalid" name="nationalid" autocomplete="off" required=account
            hint="form.nationalid_hint" value=form.nationalid error=form.error("nationalid")
        />
        <div on:change=move |ev| {
            if let Some(cb) = on_email {
                cb.run(event_target_value(&ev));
            }
        }>
            <TextField
                label="form.email" name="email" input_type="email" inputmode="email" autocomplete="email"
                required=true value=form.email error=form.error("email")
            />
        </div>
        {email_note.map(|v| dyn_view(move || v.run()))}
        <TextField
            label="form.phonenumber" name="phonenumber" input_type="tel" inputmode="tel" autocomplete="tel"
            required=account hint="form.phone_hint" value=form.phonenumber error=form.error("phonenumber")
        />
        <TextField
            label="form.zalonumber" name="zalonumber" input_type="tel" inputmode="tel" autocomplete="off"
            hint="form.zalo_hint" value=form.zalonumber error=form.error("zalonumber")
        />
    }
}

/// Country → state → city → ward, the street, and the post code if asked.
#[component]
pub fn AddressFields(form: ProfileForm, #[prop(optional)] with_postcode: bool) -> impl IntoView {
    let account = form.rules == Rules::Account;
    let error = Callback::new(move |f: &'static str| form.error(f).get());
    view! {
        <AddressCascade model=form.address required=account error=error/>
        <TextField
            label="form.address1" name="address1" autocomplete="address-line1" required=account
            hint="form.address1_hint" value=form.address1 error=form.error("address1")
        />
        {with_postcode.then(|| view! {
            <TextField label="form.postcode" name="postcode" inputmode="numeric" autocomplete="postal-code" value=form.postcode error=form.error("postcode")/>
        })}
    }
}
