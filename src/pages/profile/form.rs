//! The profile form parts shared by sign-up, the contact form and the
//! profile edit: account type and organisation (with the tax-id lookup),
//! personal fields, and the address (the [`AddressCascade`] plus street
//! and post code). One [`ProfileForm`] model holds the values; validation
//! and the mapping of server messages to fields are pure and host-tested.

use crate::api::profile::{birthday_from_api, birthday_to_api, ProfileFields};
use crate::api::signup::{lookup_taxid, Business, TaxLookup};
use crate::api::ApiError;
use crate::i18n::{self, t, tr};
use crate::ui::address::{AddressCascade, AddressModel};
use crate::ui::choice::{RadioGroup, SelectField};
use crate::ui::erase::{action, dyn_view, effect};
use crate::ui::{error_text, TextField};
use crate::util::{fold, looks_like_email};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which fields must be filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    /// Sign-up and the profile: the doc's Required fields of `POST /signup`.
    Account,
    /// Contacts: nothing is Required in the doc; a name and an e-mail are.
    Contact,
}

/// Account types offered. Households are sent as `Company` (the API knows
/// only Private/Company); the choice picks the tax-id lookup.
pub const PRIVATE: &str = "Private";
pub const COMPANY: &str = "Company";
pub const HOUSEHOLD: &str = "Household";

/// The fields in screen order (for "focus the first bad one").
pub const ORDER: [&str; 17] = [
    "taxid",
    "companyname",
    "lastname",
    "firstname",
    "gender",
    "birthday",
    "nationalid",
    "email",
    "phonenumber",
    "zalonumber",
    "country",
    "state",
    "city",
    "ward",
    "address1",
    "postcode",
    "type",
];

// ------------------------------------------------------------------ pure checks

/// A Vietnamese phone number: mobile `0903 123 456` / `+84 903 123 456`
/// (10 digits), landline `024 3826 1234` (11 digits); spaces, dots and
/// dashes allowed.
pub fn phone_ok(s: &str) -> bool {
    let compact: String =
        s.trim().chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let local = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{}", rest.trim_start_matches('0'))
    } else if compact.len() == 11 && compact.starts_with("84") {
        format!("0{}", &compact[2..])
    } else {
        compact
    };
    if !local.starts_with('0') || !local.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    match local.as_bytes().get(1) {
        Some(b'3' | b'5' | b'7' | b'8' | b'9') => local.len() == 10,
        Some(b'2') => local.len() == 11,
        _ => false,
    }
}

/// CMND (9 digits), CCCD (12 digits) or a passport number (a letter and
/// digits, 6 to 12 characters, e.g. `C1234567`).
pub fn national_id_ok(s: &str) -> bool {
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.len() == 9 || s.len() == 12;
    }
    (6..=12).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit())
}

/// A tax id (mã số thuế): 10 digits, 10-3 for a branch, or 12 digits
/// (household businesses registered with the owner's CCCD).
pub fn taxid_ok(s: &str) -> bool {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    match s.split_once('-') {
        Some((a, b)) => a.len() == 10 && b.len() == 3 && digits(a) && digits(b),
        None => (s.len() == 10 || s.len() == 12) && digits(s),
    }
}

pub use crate::util::civil_from_days;

/// Why a birthday (yyyy-mm-dd from the date input) is refused, if it is:
/// not a real date, before 1900, or after `today`.
pub fn birthday_problem(s: &str, today: (i64, u32, u32)) -> Option<&'static str> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts[..] else { return Some("form.birthday_invalid") };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Some("form.birthday_invalid");
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Some("form.birthday_invalid"),
    };
    if !(1..=days).contains(&d) || y < 1900 {
        return Some("form.birthday_invalid");
    }
    ((y, m, d) > today).then_some("form.birthday_future")
}

/// The i18n key of what is wrong with `value` in `field`, if anything.
pub fn problem(
    field: &str,
    value: &str,
    rules: Rules,
    kind: &str,
    today: (i64, u32, u32),
) -> Option<&'static str> {
    let v = value.trim();
    let org = kind != PRIVATE && !kind.is_empty();
    let required = match rules {
        Rules::Account => {
            matches!(
                field,
                "firstname"
                    | "email"
                    | "phonenumber"
                    | "nationalid"
                    | "country"
                    | "state"
                    | "city"
                    | "ward"
                    | "address1"
            ) || (org && matches!(field, "companyname" | "taxid"))
        }
        Rules::Contact => matches!(field, "firstname" | "email"),
    };
    if v.is_empty() {
        return required.then_some(match field {
            "country" | "state" | "city" | "ward" => "form.required_pick",
            _ => "form.required",
        });
    }
    match field {
        "email" if !looks_like_email(v) => Some("form.email_invalid"),
        "phonenumber" | "zalonumber" if !phone_ok(v) => Some("form.phone_invalid"),
        "nationalid" if !national_id_ok(v) => Some("form.nationalid_invalid"),
        "taxid" if org && !taxid_ok(v) => Some("form.taxid_invalid"),
        "birthday" => birthday_problem(v, today),
        _ => None,
    }
}

/// The form field a server message is about: HostBill keys first
/// (`useralreadyexistsemail_error`), then the field named earliest in the
/// text (API names, English labels of the doc, Vietnamese labels).
pub fn field_for_message(msg: &str) -> Option<&'static str> {
    const KEYS: [(&str, &str); 4] = [
        ("useralreadyexistsemail_error", "email"),
        ("emailformat_error", "email"),
        ("passwordmatch_error", "password"),
        ("taxid_not_found", "taxid"),
    ];
    const WORDS: [(&str, &[&str]); 18] = [
        ("email", &["email", "e mail", "thu dien tu"]),
        ("zalonumber", &["zalo"]),
        ("phonenumber", &["phonenumber", "phone", "dien thoai", "sdt"]),
        (
            "nationalid",
            &["nationalid", "national id", "cccd", "cmnd", "passport", "ho chieu", "can cuoc"],
        ),
        ("taxid", &["taxid", "tax id", "tax code", "ma so thue", "mst"]),
        (
            "companyname",
            &["companyname", "company", "organization", "organisation", "cong ty", "to chuc"],
        ),
        ("firstname", &["firstname", "first name"]),
        ("lastname", &["lastname", "last name", "ho va ten dem"]),
        ("birthday", &["birthday", "date of birth", "ngay sinh"]),
        ("gender", &["gender", "gioi tinh"]),
        ("password", &["password", "mat khau"]),
        ("country", &["country", "quoc gia"]),
        ("state", &["state", "province", "tinh thanh", "tinh"]),
        ("city", &["city", "district", "quan huyen"]),
        ("ward", &["ward", "phuong xa", "xa phuong"]),
        ("address1", &["address1", "address", "dia chi"]),
        ("postcode", &["postcode", "post code", "zip", "ma buu chinh"]),
        ("currency", &["currency", "tien te"]),
    ];
    let m = msg.trim();
    if let Some((_, f)) = KEYS.iter().find(|(k, _)| m.eq_ignore_ascii_case(k)) {
        return Some(f);
    }
    let text = format!(" {} ", fold(m));
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (field, words) in WORDS {
        for w in words {
            if let Some(at) = text
                .find(&format!(" {w}"))
                .filter(|at| text[at + 1 + w.len()..].starts_with([' ', 's']))
            {
                let better = best
                    .is_none_or(|(b_at, b_len, _)| at < b_at || (at == b_at && w.len() > b_len));
                if better {
                    best = Some((at, w.len(), field));
                }
            }
        }
    }
    best.map(|(_, _, f)| f)
}

// ------------------------------------------------------------------ the model

/// A server message tied to a field and to the value it was about: it is
/// hidden as soon as the user changes that value.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerError {
    pub field: Option<&'static str>,
    pub message: String,
    pub value: String,
}

/// Saved values of an unfinished form as typed (never a password): the
/// profile fields in the form's terms (`type` may be `Household`, the
/// birthday is yyyy-mm-dd) and the post code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    #[serde(flatten)]
    pub fields: ProfileFields,
    pub postcode: String,
}

#[derive(Clone, Copy)]
pub struct ProfileForm {
    pub rules: Rules,
    pub kind: RwSignal<String>,
    pub companyname: RwSignal<String>,
    pub taxid: RwSignal<String>,
    pub gender: RwSignal<String>,
    pub lastname: RwSignal<String>,
    pub firstname: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phonenumber: RwSignal<String>,
    pub zalonumber: RwSignal<String>,
    pub nationalid: RwSignal<String>,
    /// yyyy-mm-dd (the date input's format)
    pub birthday: RwSignal<String>,
    pub address: AddressModel,
    pub address1: RwSignal<String>,
    pub postcode: RwSignal<String>,
    /// Set by the first submit: client-side errors show from then on.
    pub checked: RwSignal<bool>,
    pub server: RwSignal<Vec<ServerError>>,
}

fn today() -> (i64, u32, u32) {
    civil_from_days(crate::util::today())
}

impl ProfileForm {
    pub fn new(rules: Rules) -> Self {
        let s = || RwSignal::new(String::new());
        ProfileForm {
            rules,
            kind: RwSignal::new(PRIVATE.into()),
            companyname: s(),
            taxid: s(),
            gender: s(),
            lastname: s(),
            firstname: s(),
            email: s(),
            phonenumber: s(),
            zalonumber: s(),
            nationalid: s(),
            birthday: s(),
            address: AddressModel::new(),
            address1: s(),
            postcode: s(),
            checked: RwSignal::new(false),
            server: RwSignal::new(Vec::new()),
        }
    }

    /// The signal holding a field (None for fields the model lacks).
    pub fn signal(&self, field: &str) -> Option<RwSignal<String>> {
        Some(match field {
            "type" => self.kind,
            "companyname" => self.companyname,
            "taxid" => self.taxid,
            "gender" => self.gender,
            "lastname" => self.lastname,
            "firstname" => self.firstname,
            "email" => self.email,
            "phonenumber" => self.phonenumber,
            "zalonumber" => self.zalonumber,
            "nationalid" => self.nationalid,
            "birthday" => self.birthday,
            "country" => self.address.country,
            "state" => self.address.state,
            "city" => self.address.city,
            "ward" => self.address.ward,
            "address1" => self.address1,
            "postcode" => self.postcode,
            _ => return None,
        })
    }

    pub fn is_org(&self) -> bool {
        self.kind.get() != PRIVATE
    }

    /// The client-side problem of a field (tracked), translated.
    fn client_problem(&self, field: &str) -> Option<String> {
        let sig = self.signal(field)?;
        if matches!(field, "companyname" | "taxid") && !self.is_org() {
            return None;
        }
        problem(field, &sig.get(), self.rules, &self.kind.get(), today()).map(t)
    }

    /// The error to show under a field (reactive): the client check after
    /// the first submit, else a server message still about this value.
    pub fn error(&self, field: &'static str) -> Signal<Option<String>> {
        let form = *self;
        Signal::derive(move || {
            if form.checked.get() {
                if let Some(p) = form.client_problem(field) {
                    return Some(p);
                }
            }
            let current = form.signal(field).map(|s| s.get()).unwrap_or_default();
            form.server.with(|list| {
                list.iter()
                    .find(|e| e.field == Some(field) && e.value == current)
                    .map(|e| i18n::server_message(&e.message))
            })
        })
    }

    /// Checks every field; the first bad one in screen order, if any.
    pub fn first_invalid(&self) -> Option<&'static str> {
        self.checked.set(true);
        ORDER.into_iter().find(|f| untrack(|| self.client_problem(f)).is_some())
    }

    /// Keeps the server's messages: those naming a field go under it, the
    /// others are returned for the form's top alert.
    pub fn take_server_errors(
        &self,
        e: &ApiError,
        extra: impl Fn(&'static str) -> Option<String>,
    ) -> Vec<String> {
        let mut general = Vec::new();
        let mut list = Vec::new();
        for m in e.messages() {
            let field = field_for_message(m);
            let value =
                field.and_then(|f| self.signal(f).map(|s| s.get_untracked()).or_else(|| extra(f)));
            match (field, value) {
                (Some(f), Some(v)) => {
                    list.push(ServerError { field: Some(f), message: m.clone(), value: v })
                }
                _ => general.push(m.clone()),
            }
        }
        self.server.set(list);
        general
    }

    /// Checks every field; focuses the first bad one. True when all is well.
    pub fn check_all(&self) -> bool {
        match self.first_invalid() {
            Some(f) => {
                crate::browser::focus(&format!("f-{f}"));
                false
            }
            None => true,
        }
    }

    /// After a failed save: the server's messages go under the fields they
    /// name (the password's too, when given), the rest into `general`
    /// (with what went wrong when the server did not answer); focus moves
    /// to the first field named, else to the element `fallback`.
    pub fn failed(
        &self,
        e: &ApiError,
        password: Option<String>,
        general: RwSignal<Vec<String>>,
        fallback: &str,
    ) {
        let mut msgs: Vec<String> = self
            .take_server_errors(e, |f| if f == "password" { password.clone() } else { None })
            .iter()
            .map(|m| i18n::server_message(m))
            .collect();
        if !matches!(e, ApiError::Server { .. }) {
            msgs.push(error_text(e));
        }
        general.set(msgs);
        let first = ORDER
            .into_iter()
            .chain(["password"])
            .find(|f| e.messages().iter().any(|m| field_for_message(m) == Some(*f)));
        crate::browser::focus(
            &first.map(|f| format!("f-{f}")).unwrap_or_else(|| fallback.to_owned()),
        );
    }

    /// Every value as typed (tracked).
    fn raw(&self) -> ProfileFields {
        let [country, state, city, ward] =
            [self.address.country, self.address.state, self.address.city, self.address.ward];
        ProfileFields {
            kind: self.kind.get(),
            companyname: self.companyname.get(),
            taxid: self.taxid.get(),
            gender: self.gender.get(),
            lastname: self.lastname.get(),
            firstname: self.firstname.get(),
            email: self.email.get(),
            phonenumber: self.phonenumber.get(),
            zalonumber: self.zalonumber.get(),
            nationalid: self.nationalid.get(),
            birthday: self.birthday.get(),
            country: country.get(),
            state: state.get(),
            city: city.get(),
            ward: ward.get(),
            address1: self.address1.get(),
        }
    }

    /// Sets every value as given (form terms).
    fn set_raw(&self, f: &ProfileFields) {
        if [PRIVATE, COMPANY, HOUSEHOLD].contains(&f.kind.as_str()) {
            self.kind.set(f.kind.clone());
        }
        for (sig, v) in [
            (self.companyname, &f.companyname),
            (self.taxid, &f.taxid),
            (self.gender, &f.gender),
            (self.lastname, &f.lastname),
            (self.firstname, &f.firstname),
            (self.email, &f.email),
            (self.phonenumber, &f.phonenumber),
            (self.zalonumber, &f.zalonumber),
            (self.nationalid, &f.nationalid),
            (self.birthday, &f.birthday),
            (self.address1, &f.address1),
        ] {
            sig.set(v.clone());
        }
        self.address.set(&f.country, &f.state, &f.city, &f.ward);
    }

    /// The fields for the API body: trimmed, the type as the API knows it,
    /// organisation fields only for organisations, birthday dd-mm-yyyy.
    pub fn fields(&self) -> ProfileFields {
        let raw = untrack(|| self.raw());
        let org = raw.kind != PRIVATE;
        let t = |s: &str| s.trim().to_owned();
        let org_only = |s: &str| if org { t(s) } else { String::new() };
        ProfileFields {
            kind: if org { COMPANY } else { PRIVATE }.into(),
            companyname: org_only(&raw.companyname),
            taxid: org_only(&raw.taxid),
            gender: t(&raw.gender),
            lastname: t(&raw.lastname),
            firstname: t(&raw.firstname),
            email: t(&raw.email),
            phonenumber: t(&raw.phonenumber),
            zalonumber: t(&raw.zalonumber),
            nationalid: t(&raw.nationalid),
            birthday: birthday_to_api(&raw.birthday),
            country: t(&raw.country),
            state: t(&raw.state),
            city: t(&raw.city),
            ward: t(&raw.ward),
            address1: t(&raw.address1),
        }
    }

    /// Fills the form from saved data (API values; birthday dd-mm-yyyy).
    pub fn load(&self, f: &ProfileFields, postcode: &str) {
        let t = |s: &str| s.trim().to_owned();
        self.set_raw(&ProfileFields {
            kind: if f.kind.eq_ignore_ascii_case(COMPANY) {
                COMPANY.into()
            } else {
                PRIVATE.into()
            },
            gender: f.gender.trim().to_ascii_lowercase(),
            birthday: birthday_from_api(&f.birthday),
            country: f.country.trim().to_ascii_uppercase(),
            companyname: t(&f.companyname),
            taxid: t(&f.taxid),
            lastname: t(&f.lastname),
            firstname: t(&f.firstname),
            email: t(&f.email),
            phonenumber: t(&f.phonenumber),
            zalonumber: t(&f.zalonumber),
            nationalid: t(&f.nationalid),
            state: t(&f.state),
            city: t(&f.city),
            ward: t(&f.ward),
            address1: t(&f.address1),
        });
        self.postcode.set(t(postcode));
    }

    /// The values to keep for an unfinished form (tracked).
    pub fn draft(&self) -> Draft {
        Draft { fields: self.raw(), postcode: self.postcode.get() }
    }

    pub fn restore(&self, d: &Draft) {
        self.set_raw(&d.fields);
        self.postcode.set(d.postcode.clone());
    }

    /// Puts a tax-id lookup's findings in the form (the user may edit them).
    pub fn prefill(&self, b: &Business) {
        self.companyname.set(b.name.clone());
        if !b.address1.is_empty() {
            self.address1.set(b.address1.clone());
        }
        if !b.state.is_empty() {
            let country =
                if b.country.is_empty() { "VN".to_owned() } else { b.country.to_ascii_uppercase() };
            self.address.set(&country, &b.state, &b.city, &b.ward);
        }
    }
}

// ------------------------------------------------------------------ views

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

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: (i64, u32, u32) = (2026, 1, 15);

    #[test]
    fn vietnamese_phone_numbers() {
        for ok in [
            "0903123456",
            "0903 123 456",
            "+84 903 123 456",
            "+84.903123456",
            "84903123456",
            "024 3826 1234",
            "0328.123.456",
        ] {
            assert!(phone_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "090312345",
            "09031234567",
            "0103123456",
            "+1 415 555 0100",
            "abc",
            "1234567890",
            "+84",
        ] {
            assert!(!phone_ok(bad), "{bad}");
        }
    }

    #[test]
    fn identity_documents_and_tax_ids() {
        assert!(national_id_ok("079090001234"));
        assert!(national_id_ok("123456789"));
        assert!(national_id_ok("C1234567"));
        assert!(national_id_ok("B12345678"));
        assert!(!national_id_ok("1234567890"));
        assert!(!national_id_ok("ABCDEFG"));
        assert!(!national_id_ok("12 34"));
        assert!(taxid_ok("0312345678"));
        assert!(taxid_ok("0312345678-001"));
        assert!(taxid_ok("079090001234"));
        assert!(!taxid_ok("031234567"));
        assert!(!taxid_ok("0312345678-1"));
    }

    #[test]
    fn birthdays() {
        assert_eq!(birthday_problem("1990-03-15", TODAY), None);
        assert_eq!(birthday_problem("2000-02-29", TODAY), None);
        assert_eq!(birthday_problem("2001-02-29", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("15/03/1990", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("1850-01-01", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("2026-01-16", TODAY), Some("form.birthday_future"));
        assert_eq!(birthday_problem("2026-01-15", TODAY), None);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_468), (2026, 1, 15));
    }

    #[test]
    fn required_fields_follow_the_rules() {
        let p = |f, v, r, k| problem(f, v, r, k, TODAY);
        assert_eq!(p("firstname", " ", Rules::Account, PRIVATE), Some("form.required"));
        assert_eq!(p("ward", "", Rules::Account, PRIVATE), Some("form.required_pick"));
        assert_eq!(p("nationalid", "", Rules::Contact, PRIVATE), None);
        assert_eq!(p("email", "", Rules::Contact, PRIVATE), Some("form.required"));
        assert_eq!(p("taxid", "", Rules::Account, PRIVATE), None);
        assert_eq!(p("taxid", "", Rules::Account, HOUSEHOLD), Some("form.required"));
        assert_eq!(p("taxid", "123", Rules::Contact, COMPANY), Some("form.taxid_invalid"));
        assert_eq!(p("email", "an@", Rules::Account, PRIVATE), Some("form.email_invalid"));
        assert_eq!(p("zalonumber", "", Rules::Account, PRIVATE), None);
        assert_eq!(p("zalonumber", "12", Rules::Account, PRIVATE), Some("form.phone_invalid"));
        assert_eq!(p("birthday", "", Rules::Account, PRIVATE), None);
    }

    #[test]
    fn the_model_converts_between_the_api_and_the_form() {
        let api = ProfileFields {
            kind: "Company".into(),
            companyname: " SAO VIỆT ".into(),
            taxid: "0312345678".into(),
            gender: "Female".into(),
            firstname: "Hoa".into(),
            birthday: "05-11-1990".into(),
            country: "vn".into(),
            state: "Thành phố Hà Nội".into(),
            ..Default::default()
        };
        let f = ProfileForm::new(Rules::Account);
        f.load(&api, " 100000 ");
        assert_eq!(f.birthday.get_untracked(), "1990-11-05", "the date input's format");
        assert_eq!(f.gender.get_untracked(), "female");
        assert_eq!(f.postcode.get_untracked(), "100000");
        let out = f.fields();
        assert_eq!(out.birthday, "05-11-1990");
        assert_eq!(out.companyname, "SAO VIỆT");
        assert_eq!(out.country, "VN");
        // a household is a Company for the API; a private person sends no company
        f.kind.set(HOUSEHOLD.into());
        assert_eq!(f.fields().kind, COMPANY);
        f.kind.set(PRIVATE.into());
        assert_eq!((f.fields().companyname.as_str(), f.fields().taxid.as_str()), ("", ""));
        // a draft keeps the form's own terms
        f.kind.set(HOUSEHOLD.into());
        let d = untrack(|| f.draft());
        let g = ProfileForm::new(Rules::Account);
        g.restore(&d);
        assert_eq!(untrack(|| g.draft()), d);
        assert_eq!(g.kind.get_untracked(), HOUSEHOLD);
    }

    #[test]
    fn server_messages_find_their_field() {
        let cases = [
            ("useralreadyexistsemail_error", Some("email")),
            ("Email Address is required", Some("email")),
            ("Address 1 is required", Some("address1")),
            ("Phone number is invalid", Some("phonenumber")),
            ("Zalo number is invalid", Some("zalonumber")),
            ("CCCD/Passport is invalid", Some("nationalid")),
            ("Tax ID is invalid", Some("taxid")),
            ("Organization is required", Some("companyname")),
            ("State is not in Country", Some("state")),
            ("City is not in State", Some("city")),
            ("Ward is not in City", Some("ward")),
            ("Birthday must be dd-mm-yyyy", Some("birthday")),
            ("Password is too short", Some("password")),
            ("Số điện thoại không hợp lệ", Some("phonenumber")),
            ("Mã số thuế không tồn tại", Some("taxid")),
            ("First Name is required", Some("firstname")),
            ("Something went wrong", None),
            ("Statement pending", None),
        ];
        for (msg, want) in cases {
            assert_eq!(field_for_message(msg), want, "{msg}");
        }
    }
}
