//! The unfinished sign-up kept in localStorage (`portal.signup`, never a
//! password): the profile as typed, the currency and when it was saved.
//! `/signup` restores and saves it; `/ekyc` without a session merges a
//! card's fields into it and sends the visitor to [`FROM_CARD_URL`] (the
//! eKYC → sign-up handoff).
//!
//! A draft holds a person's identity number, phone and address on what may
//! be a shared computer, so it lives [`MAX_AGE_SECS`] (24 h) after its last
//! change and is dropped when read later. It is read field by field
//! ([`read`]): a field of the wrong type (a number, an object, null, from
//! an older version or a hand-edited storage) becomes text or empty, and
//! never costs the other fields.

use super::profile::Draft;
use crate::api::ekyc::CardFields;
use crate::api::loose::scalar_text;
use crate::browser;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The localStorage key of the draft.
pub const DRAFT_KEY: &str = "portal.signup";

/// Where `/ekyc` sends a visitor after "Use in sign-up": the form then
/// says it was filled from the card.
pub const FROM_CARD_URL: &str = "/signup?from=card";

/// How long a draft is kept after its last change: a day.
pub const MAX_AGE_SECS: i64 = 24 * 60 * 60;

/// What is kept of an unfinished sign-up: the profile and the currency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignupDraft {
    #[serde(flatten)]
    pub profile: Draft,
    pub currency: String,
    /// When it was saved (seconds since 1970, UTC); 0 for a draft kept
    /// before the time was (it is dated at its next save).
    pub saved_at: i64,
}

impl SignupDraft {
    /// Whether the user typed anything: the account type and the currency
    /// alone are the form's starting values, not something to offer back.
    pub fn is_blank(&self) -> bool {
        let mut typed = self.profile.clone();
        typed.fields.kind = String::new();
        typed == Draft::default()
    }
}

/// Reads a stored draft as of `now` (seconds): None when it is not a JSON
/// object, or when it is older than [`MAX_AGE_SECS`]. Every field is read
/// on its own: a number is taken as its text, anything else that is not
/// text (an object, a list, null) as empty, and the rest of the draft
/// stays. A draft without a time is kept (it predates the expiry).
pub fn read(json: &str, now: i64) -> Option<SignupDraft> {
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(json) else { return None };
    let saved_at = map.remove("saved_at").map(|t| scalar_text(&t).parse::<f64>().ok());
    let saved_at = match saved_at {
        None => 0,
        Some(Some(t)) if t.is_finite() && t >= 0.0 => t as i64,
        Some(_) => return None, // a time that cannot be read: its age is unknown
    };
    if saved_at > 0 && now - saved_at > MAX_AGE_SECS {
        return None;
    }
    let texts = map.into_iter().map(|(k, v)| (k, Value::String(scalar_text(&v)))).collect();
    let mut d: SignupDraft = serde_json::from_value(Value::Object(texts)).unwrap_or_default();
    d.saved_at = saved_at;
    Some(d)
}

/// The saved draft, when there is one that can be read and is recent; one
/// that cannot is removed.
pub fn saved() -> Option<SignupDraft> {
    let stored = browser::local_get(DRAFT_KEY)?;
    let draft = read(&stored, browser::now_secs());
    if draft.is_none() {
        forget();
    }
    draft
}

/// Keeps a draft for the next visit; false when the browser would not
/// (storage full or refused, private browsing).
pub fn save(d: &SignupDraft) -> bool {
    serde_json::to_string(d).is_ok_and(|json| browser::local_set(DRAFT_KEY, &json))
}

/// Forgets the draft (the sign-up went through).
pub fn forget() {
    browser::local_remove(DRAFT_KEY);
}

/// The saved draft (JSON, if any) with a card's fields put in, saved at
/// `now`: what the card did not give is kept; an unreadable or expired
/// draft starts afresh. Only the draft's own fields survive, so never a
/// password.
pub fn draft_with_card(saved: Option<&str>, card: &CardFields, now: i64) -> String {
    let mut d = saved.and_then(|s| read(s, now)).unwrap_or_default();
    crate::forms::profile::card::onto_draft(card, &mut d.profile);
    d.saved_at = now;
    serde_json::to_string(&d).unwrap_or_default()
}

/// Keeps a card's fields in the sign-up draft for `/signup` to show.
pub fn keep_card_for_signup(card: &CardFields) {
    let saved = browser::local_get(DRAFT_KEY);
    let now = browser::now_secs();
    browser::local_set(DRAFT_KEY, &draft_with_card(saved.as_deref(), card, now));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01 00:00 UTC
    const NOW: i64 = 1_767_225_600;
    const DAY: i64 = MAX_AGE_SECS;

    #[test]
    fn a_card_goes_into_the_draft_without_losing_it_or_keeping_a_password() {
        let card = CardFields {
            id_number: "079090001234".into(),
            name: "NGUYỄN VĂN AN".into(),
            birthday: "15/03/1990".into(),
            sex: "Nam".into(),
            ..Default::default()
        };
        // no draft yet
        let v: Value = serde_json::from_str(&draft_with_card(None, &card, NOW)).unwrap();
        assert_eq!(v["saved_at"], NOW);
        assert_eq!(v["lastname"], "Nguyễn Văn");
        assert_eq!(v["firstname"], "An");
        assert_eq!(v["birthday"], "1990-03-15");
        assert_eq!(v["gender"], "male");
        assert_eq!(v["nationalid"], "079090001234");
        assert_eq!(v["address1"], "", "the card had no address");
        // a draft being typed: its other fields and the currency stay; a
        // password slipped into storage is dropped
        let saved = r#"{"type": "Company", "companyname": "Sao Việt", "email": "an@example.vn", "address1": "27 Hàng Bạc",
            "currency": "USD", "postcode": "100000", "password": "Hoa@2026xyz"}"#;
        let json = draft_with_card(Some(saved), &card, NOW);
        assert!(!json.contains("password") && !json.contains("Hoa@2026xyz"), "{json}");
        let d: SignupDraft = serde_json::from_str(&json).unwrap();
        assert_eq!(d.profile.fields.kind, "Company");
        assert_eq!(d.profile.fields.companyname, "Sao Việt");
        assert_eq!(d.profile.fields.email, "an@example.vn");
        assert_eq!(d.profile.fields.address1, "27 Hàng Bạc");
        assert_eq!(d.profile.fields.firstname, "An");
        assert_eq!((d.currency.as_str(), d.profile.postcode.as_str()), ("USD", "100000"));
        // a broken draft is replaced by the card's fields
        let d: SignupDraft =
            serde_json::from_str(&draft_with_card(Some("{not json"), &card, NOW)).unwrap();
        assert_eq!(d.profile.fields.nationalid, "079090001234");
        // an expired one too: its e-mail is not carried over
        let old = format!(r#"{{"email": "an@example.vn", "saved_at": {}}}"#, NOW - 2 * DAY);
        let d = read(&draft_with_card(Some(&old), &card, NOW), NOW).unwrap();
        assert_eq!((d.profile.fields.email.as_str(), d.saved_at), ("", NOW));
    }

    #[test]
    fn a_draft_lives_a_day_after_its_last_save() {
        let at = |t: i64| format!(r#"{{"firstname": "An", "saved_at": {t}}}"#);
        assert_eq!(read(&at(NOW - 60), NOW).unwrap().saved_at, NOW - 60);
        assert!(read(&at(NOW - DAY), NOW).is_some(), "exactly a day: still kept");
        assert!(read(&at(NOW - DAY - 1), NOW).is_none());
        assert!(read(&format!(r#"{{"saved_at": "{}"}}"#, NOW - 2 * DAY), NOW).is_none());
        // a time that cannot be read gives no age to trust
        assert!(read(r#"{"firstname": "An", "saved_at": {"t": 1}}"#, NOW).is_none());
        assert!(read(r#"{"firstname": "An", "saved_at": -5}"#, NOW).is_none());
        // saved and read back: the same draft
        let mut d = SignupDraft { currency: "USD".into(), saved_at: NOW, ..Default::default() };
        d.profile.fields.firstname = "An".into();
        assert_eq!(read(&serde_json::to_string(&d).unwrap(), NOW + 5), Some(d));
    }

    #[test]
    fn a_draft_from_before_the_expiry_is_kept_undated() {
        let d = read(r#"{"firstname": "An", "email": "an@example.vn", "currency": "VND"}"#, NOW)
            .unwrap();
        assert_eq!((d.profile.fields.firstname.as_str(), d.saved_at), ("An", 0));
    }

    #[test]
    fn a_field_of_the_wrong_type_costs_only_itself() {
        let json = r#"{"firstname": "An", "email": {"x": 1}, "phonenumber": 903123456,
            "lastname": null, "postcode": ["700000"], "gender": true, "address1": "12 Nguyễn Huệ",
            "currency": "USD", "saved_at": 1767225600}"#;
        let d = read(json, NOW).unwrap();
        let f = &d.profile.fields;
        assert_eq!((f.firstname.as_str(), f.address1.as_str()), ("An", "12 Nguyễn Huệ"));
        assert_eq!(f.phonenumber, "903123456", "a number is kept as its digits");
        assert_eq!((f.email.as_str(), f.lastname.as_str()), ("", ""));
        assert_eq!(d.profile.postcode, "");
        assert_eq!(f.gender, "1");
        assert_eq!(d.currency, "USD");
        for junk in ["", "null", "[1, 2]", "\"text\"", "{not json"] {
            assert_eq!(read(junk, NOW), None, "{junk}");
        }
    }

    #[test]
    fn only_a_draft_with_something_typed_is_offered_back() {
        let mut d = SignupDraft { currency: "VND".into(), ..Default::default() };
        d.profile.fields.kind = "Private".into();
        assert!(d.is_blank());
        d.profile.postcode = "700000".into();
        assert!(!d.is_blank());
    }
}
