//! The profile form's model: one [`ProfileForm`] of signals for every
//! field, the errors it shows (its own checks after the first submit, the
//! server's messages while the value they were about is unchanged), its
//! conversion to and from the API's fields, and the [`Draft`] of an
//! unfinished form.

use super::rules::{field_for_message, problem, Rules, COMPANY, HOUSEHOLD, ORDER, PRIVATE};
use crate::api::profile::{birthday_from_api, birthday_to_api, ProfileFields};
use crate::api::signup::Business;
use crate::forms::address::{sent_levels, AddressModel};
use crate::i18n::{self, t};
use crate::ui::error_text;
use crate::util::civil_from_days;
use crate::vocab::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
        let skipped = self.address.skipped.get();
        problem(field, &sig.get(), self.rules, &self.kind.get(), today(), &skipped).map(t)
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

    /// The field a server message is about, unless the form does not show
    /// it (an address level skipped): then the message is a general one.
    fn shown_field(&self, msg: &str) -> Option<&'static str> {
        field_for_message(msg).filter(|f| !self.address.skipped.with_untracked(|s| s.contains(f)))
    }

    /// Keeps the server's messages: those naming a field shown go under
    /// it, the others are returned for the form's top alert.
    pub fn take_server_errors(
        &self,
        e: &ApiError,
        extra: impl Fn(&'static str) -> Option<String>,
    ) -> Vec<String> {
        let mut general = Vec::new();
        let mut list = Vec::new();
        for m in e.messages() {
            let field = self.shown_field(m);
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
            .find(|f| e.messages().iter().any(|m| self.shown_field(m) == Some(*f)));
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
    /// organisation fields only for organisations, birthday dd-mm-yyyy,
    /// the address levels the server has no entries for empty.
    pub fn fields(&self) -> ProfileFields {
        let raw = untrack(|| self.raw());
        let [country, state, city, ward] = self
            .address
            .skipped
            .with_untracked(|s| sent_levels([&raw.country, &raw.state, &raw.city, &raw.ward], s));
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
            country,
            state,
            city,
            ward,
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // a level the server has no entries for goes out empty; the draft keeps it
        f.address.set("VN", "Thành phố Hồ Chí Minh", "Quận 1", "Phường Sài Gòn");
        f.address.skipped.set(vec!["city"]);
        assert_eq!((f.fields().city.as_str(), f.fields().ward.as_str()), ("", "Phường Sài Gòn"));
        assert_eq!(untrack(|| f.draft()).fields.city, "Quận 1");
        f.address.skipped.set(Vec::new());
        // a draft keeps the form's own terms
        f.kind.set(HOUSEHOLD.into());
        let d = untrack(|| f.draft());
        let g = ProfileForm::new(Rules::Account);
        g.restore(&d);
        assert_eq!(untrack(|| g.draft()), d);
        assert_eq!(g.kind.get_untracked(), HOUSEHOLD);
    }

    #[test]
    fn a_server_message_about_a_skipped_level_is_said_above_the_form() {
        let f = ProfileForm::new(Rules::Account);
        f.address.set("VN", "Thành phố Hồ Chí Minh", "", "Phường Sài Gòn");
        f.address.skipped.set(vec!["city"]);
        let e = ApiError::Server {
            status: 200,
            messages: vec!["City is required".into(), "Ward is not in City".into()],
        };
        let general = f.take_server_errors(&e, |_| None);
        assert_eq!(general, ["City is required"], "no city field to put it under");
        let fields: Vec<_> = f.server.get_untracked().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Some("ward")]);
    }
}
