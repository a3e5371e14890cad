//! The unfinished sign-up kept in localStorage (`portal.signup`, never a
//! password): the profile as typed and the currency. `/signup` restores
//! and saves it; `/ekyc` without a session merges a card's fields into it
//! and sends the visitor to [`FROM_CARD_URL`] (the eKYC → sign-up handoff).

use super::profile::Draft;
use crate::api::ekyc::CardFields;
use crate::browser;
use serde::{Deserialize, Serialize};

/// The localStorage key of the draft.
pub const DRAFT_KEY: &str = "portal.signup";

/// Where `/ekyc` sends a visitor after "Use in sign-up": the form then
/// says it was filled from the card.
pub const FROM_CARD_URL: &str = "/signup?from=card";

/// What is kept of an unfinished sign-up: the profile and the currency.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SignupDraft {
    #[serde(flatten)]
    pub profile: Draft,
    pub currency: String,
}

/// The saved draft, when there is one that can be read.
pub fn saved() -> Option<SignupDraft> {
    browser::local_get(DRAFT_KEY).and_then(|s| serde_json::from_str(&s).ok())
}

/// Keeps a draft for the next visit.
pub fn save(d: &SignupDraft) {
    if let Ok(json) = serde_json::to_string(d) {
        browser::local_set(DRAFT_KEY, &json);
    }
}

/// Forgets the draft (the sign-up went through).
pub fn forget() {
    browser::local_remove(DRAFT_KEY);
}

/// The saved draft (JSON, if any) with a card's fields put in: what the
/// card did not give is kept; an unreadable draft starts afresh. Only the
/// draft's own fields survive, so never a password.
pub fn draft_with_card(saved: Option<&str>, card: &CardFields) -> String {
    let mut d: SignupDraft = saved.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    crate::forms::profile::card::onto_draft(card, &mut d.profile);
    serde_json::to_string(&d).unwrap_or_default()
}

/// Keeps a card's fields in the sign-up draft for `/signup` to show.
pub fn keep_card_for_signup(card: &CardFields) {
    let saved = browser::local_get(DRAFT_KEY);
    browser::local_set(DRAFT_KEY, &draft_with_card(saved.as_deref(), card));
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let v: serde_json::Value = serde_json::from_str(&draft_with_card(None, &card)).unwrap();
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
        let json = draft_with_card(Some(saved), &card);
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
            serde_json::from_str(&draft_with_card(Some("{not json"), &card)).unwrap();
        assert_eq!(d.profile.fields.nationalid, "079090001234");
    }
}
