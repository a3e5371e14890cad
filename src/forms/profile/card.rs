//! What the fields read from an ID card give the customer's profile (`PUT
//! /details`) or an unfinished sign-up (its draft): pure, host-tested.
//!
//! Only what the OCR returned is carried over (nothing is blanked), in the
//! portal's terms: the full name split family name first ("Nguyễn Văn" |
//! "An", as the form's "Họ và tên đệm" | "Tên"), the card's capitals made
//! Title Case, the gender as `male`/`female`, the birthday dd-mm-yyyy for
//! the API and yyyy-mm-dd for the form, and the address without the area
//! levels the profile already names. Never a password.

use super::{birthday_problem, Draft};
use crate::api::ekyc::CardFields;
use crate::api::profile::{birthday_from_api, birthday_to_api, DetailsPatch};
use crate::places::same_place;
use crate::util::fold;

/// A name as printed on the card (capitals) in Title Case; a name already
/// in mixed case is kept as written.
pub fn name_case(s: &str) -> String {
    let words = s.split_whitespace();
    if s.chars().any(char::is_lowercase) {
        return words.collect::<Vec<_>>().join(" ");
    }
    words
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => {
                    first.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// (lastname, firstname) of a Vietnamese full name, written family name
/// first: the last word is the given name (tên), the words before it the
/// family and middle names (họ và tên đệm). One word is a given name only.
pub fn split_name(full: &str) -> (Option<String>, Option<String>) {
    let name = name_case(full);
    match name.rsplit_once(' ') {
        Some((last, first)) => (Some(last.to_owned()), Some(first.to_owned())),
        None if name.is_empty() => (None, None),
        None => (None, Some(name)),
    }
}

/// `male` / `female` from the card's "Nam" / "Nữ" (or Male/Female, M/F).
pub fn gender(sex: &str) -> Option<&'static str> {
    match fold(sex).as_str() {
        "nam" | "male" | "m" => Some("male"),
        "nu" | "female" | "f" => Some("female"),
        _ => None,
    }
}

/// The card's birthday (dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd) as yyyy-mm-dd,
/// when it is a real date from 1900 on.
pub fn birthday_iso(s: &str) -> Option<String> {
    let iso = birthday_from_api(s);
    (!iso.is_empty() && birthday_problem(&iso, (9999, 12, 31)).is_none()).then_some(iso)
}

/// The national id as read, without spaces or dots.
fn national_id(s: &str) -> Option<String> {
    let id: String = s.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    (!id.is_empty()).then_some(id)
}

/// The street part of the card's address: when its last comma-separated
/// parts name exactly the given area (`[ward, city, state]`, empty levels
/// skipped) they are dropped, since the profile holds them already.
/// Otherwise the whole address. `None` when nothing is left.
pub fn street(address: &str, area: [&str; 3]) -> Option<String> {
    let parts: Vec<&str> = address.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let levels: Vec<&str> = area.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
    let keep = if !levels.is_empty()
        && parts.len() >= levels.len()
        && parts[parts.len() - levels.len()..].iter().zip(&levels).all(|(p, a)| same_place(p, a))
    {
        parts.len() - levels.len()
    } else {
        parts.len()
    };
    let s = parts[..keep].join(", ");
    (!s.is_empty()).then_some(s)
}

/// The `PUT /details` body for a card: only the fields read. `area` is the
/// profile's `[ward, city, state]` (see [`street`]).
pub fn details_patch(card: &CardFields, area: [&str; 3]) -> DetailsPatch {
    let (lastname, firstname) = split_name(&card.name);
    DetailsPatch {
        lastname,
        firstname,
        gender: gender(&card.sex).map(str::to_owned),
        nationalid: national_id(&card.id_number),
        birthday: birthday_iso(&card.birthday).map(|d| birthday_to_api(&d)),
        address1: street(&card.address, area),
    }
}

/// Puts a card's fields into a sign-up draft (form terms: birthday
/// yyyy-mm-dd); what the card did not give stays as it was.
pub fn onto_draft(card: &CardFields, draft: &mut Draft) {
    let f = &mut draft.fields;
    let patch = details_patch(card, [f.ward.as_str(), f.city.as_str(), f.state.as_str()]);
    let set = |slot: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *slot = v;
        }
    };
    set(&mut f.lastname, patch.lastname);
    set(&mut f.firstname, patch.firstname);
    set(&mut f.gender, patch.gender);
    set(&mut f.nationalid, patch.nationalid);
    set(&mut f.birthday, birthday_iso(&card.birthday));
    set(&mut f.address1, patch.address1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::profile::ProfileFields;
    use serde_json::json;

    fn card() -> CardFields {
        CardFields {
            id_number: "079090001234".into(),
            name: "NGUYỄN VĂN AN".into(),
            birthday: "15/03/1990".into(),
            sex: "Nam".into(),
            nationality: "Việt Nam".into(),
            hometown: "Phường Bến Nghé, Quận 1, Hồ Chí Minh".into(),
            address: "12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, Hồ Chí Minh".into(),
            expiry: "15/03/2030".into(),
            issue_date: "20/04/2021".into(),
        }
    }

    #[test]
    fn vietnamese_names_split_family_name_first() {
        let s = |n: &str| split_name(n);
        assert_eq!(s("NGUYỄN VĂN AN"), (Some("Nguyễn Văn".into()), Some("An".into())));
        assert_eq!(s("TRẦN THỊ MINH KHAI"), (Some("Trần Thị Minh".into()), Some("Khai".into())));
        assert_eq!(s("ĐẶNG  ĐỨC"), (Some("Đặng".into()), Some("Đức".into())));
        assert_eq!(s("  Lê Thị Hoa "), (Some("Lê Thị".into()), Some("Hoa".into())));
        assert_eq!(
            s("McLEAN John"),
            (Some("McLEAN".into()), Some("John".into())),
            "mixed case is kept"
        );
        assert_eq!(s("HOA"), (None, Some("Hoa".into())));
        assert_eq!(s(" "), (None, None));
        assert_eq!(name_case("ỨNG ÂU ÝẾN"), "Ứng Âu Ýến");
    }

    #[test]
    fn genders_and_birthdays() {
        assert_eq!(gender("Nam"), Some("male"));
        assert_eq!(gender("NỮ"), Some("female"));
        assert_eq!(gender("Nu"), Some("female"));
        assert_eq!(gender("Female"), Some("female"));
        assert_eq!(gender("M"), Some("male"));
        assert_eq!(gender("Khác"), None);
        assert_eq!(gender(""), None);
        assert_eq!(birthday_iso("15/03/1990").as_deref(), Some("1990-03-15"));
        assert_eq!(birthday_iso("5-3-1990").as_deref(), Some("1990-03-05"));
        assert_eq!(birthday_iso("1990-03-15").as_deref(), Some("1990-03-15"));
        assert_eq!(birthday_iso("29/02/2000").as_deref(), Some("2000-02-29"));
        for bad in ["31/02/1990", "15/13/1990", "15/03/1890", "1990", "", "ngày 15"] {
            assert_eq!(birthday_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_street_drops_the_area_the_profile_names() {
        let addr = "12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, Hồ Chí Minh";
        assert_eq!(
            street(addr, ["Phường Bến Nghé", "Quận 1", "Thành phố Hồ Chí Minh"]).as_deref(),
            Some("12 Nguyễn Huệ")
        );
        // another district: the whole address is kept
        assert_eq!(
            street(addr, ["Phường Bến Thành", "Quận 1", "Hồ Chí Minh"]).as_deref(),
            Some(addr)
        );
        assert_eq!(street(addr, ["", "", ""]).as_deref(), Some(addr));
        // a two-level address (ward, province) against a profile without a district
        assert_eq!(
            street(
                "5 Lê Lợi, Phường Sài Gòn, TP Hồ Chí Minh",
                ["Phường Sài Gòn", "", "Hồ Chí Minh"]
            )
            .as_deref(),
            Some("5 Lê Lợi")
        );
        // nothing but the area: no street to copy
        assert_eq!(
            street(
                "Phường Bến Nghé, Quận 1, Hồ Chí Minh",
                ["Phường Bến Nghé", "Quận 1", "Hồ Chí Minh"]
            ),
            None
        );
        assert_eq!(street(" , ", ["", "", ""]), None);
        assert_eq!(street("", ["a", "b", "c"]), None);
    }

    #[test]
    fn the_profile_update_has_only_the_fields_read() {
        let p = details_patch(&card(), ["", "", ""]);
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            json!({
                "lastname": "Nguyễn Văn", "firstname": "An", "gender": "male", "nationalid": "079090001234",
                "birthday": "15-03-1990", "address1": "12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, Hồ Chí Minh"
            })
        );
        let p = details_patch(&card(), ["Phường Bến Nghé", "Quận 1", "Hồ Chí Minh"]);
        assert_eq!(p.address1.as_deref(), Some("12 Nguyễn Huệ"));

        // only an id and an unreadable birthday: one field, nothing blanked
        let partial = CardFields {
            id_number: "0790 9000 1234".into(),
            birthday: "??".into(),
            ..Default::default()
        };
        let v = serde_json::to_value(details_patch(&partial, ["", "", ""])).unwrap();
        assert_eq!(v, json!({"nationalid": "079090001234"}));
        assert!(details_patch(&CardFields::default(), ["", "", ""]).is_empty());
        // never a password, never more than these six fields
        let all = serde_json::to_value(details_patch(&card(), ["", "", ""])).unwrap();
        let keys: Vec<&String> = all.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 6);
        assert!(keys.iter().all(|k| [
            "lastname",
            "firstname",
            "gender",
            "nationalid",
            "birthday",
            "address1"
        ]
        .contains(&k.as_str())));
    }

    #[test]
    fn a_draft_gets_the_card_in_form_terms_and_keeps_the_rest() {
        let mut d = Draft {
            fields: ProfileFields {
                kind: "Private".into(),
                email: "an@example.vn".into(),
                lastname: "Cũ".into(),
                gender: "female".into(),
                state: "Thành phố Hồ Chí Minh".into(),
                city: "Quận 1".into(),
                ward: "Phường Bến Nghé".into(),
                phonenumber: "0903123456".into(),
                ..Default::default()
            },
            postcode: "700000".into(),
        };
        onto_draft(&card(), &mut d);
        let f = &d.fields;
        assert_eq!((f.lastname.as_str(), f.firstname.as_str()), ("Nguyễn Văn", "An"));
        assert_eq!(f.birthday, "1990-03-15", "the date input's format");
        assert_eq!(f.gender, "male");
        assert_eq!(f.nationalid, "079090001234");
        assert_eq!(f.address1, "12 Nguyễn Huệ");
        assert_eq!(
            (f.email.as_str(), f.phonenumber.as_str(), d.postcode.as_str()),
            ("an@example.vn", "0903123456", "700000")
        );

        // a card with only a name: the rest of the draft is untouched
        let before = d.clone();
        onto_draft(&CardFields { name: "LÊ THỊ HOA".into(), ..Default::default() }, &mut d);
        assert_eq!((d.fields.lastname.as_str(), d.fields.firstname.as_str()), ("Lê Thị", "Hoa"));
        assert_eq!(d.fields.nationalid, before.fields.nationalid);
        assert_eq!(d.fields.birthday, before.fields.birthday);
        assert_eq!(d.fields.address1, before.fields.address1);
        assert_eq!(d.fields.gender, before.fields.gender);
    }
}
