//! Location: the address cascade country → state → city → ward (catalog
//! 128-133, all public, none with an example answer).
//!
//! Answers are read loosely: a list may be a bare array, wrapped in one key
//! (`{"states": [...]}`), or a PHP map keyed by id or code (`{"VN": "Việt
//! Nam"}`); an item may be an object with `id`/`code` and `name`, or just a
//! name. A level whose items have no id is continued through the by-name
//! calls (`/location/state/city/@name`, `/location/city/ward/@name`).
//! Each list is fetched once per session (successful answers are cached).

use super::client::{call, ApiRequest};
use super::error::ApiError;
use super::loose::field_text;
use crate::util::{fold, percent_encode};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

/// One choice of a level. `id` is empty when the server gave only names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub id: String,
    /// Country code (`VN`); empty for other levels.
    pub code: String,
    pub name: String,
}

impl Place {
    /// What identifies a country in `/location/@code/state`.
    pub fn country_code(&self) -> &str {
        if self.code.is_empty() {
            &self.id
        } else {
            &self.code
        }
    }
}

const ENVELOPE: [&str; 5] = ["success", "status", "info", "message", "count"];

/// The items of a location answer, in the server's order.
pub fn places(v: Value) -> Vec<Place> {
    let mut v = v;
    // Unwrap `{"states": [...]}` (a lone list under any key, next to
    // envelope flags), but not a map of items keyed by id.
    while let Value::Object(map) = &v {
        let mut lists = map
            .iter()
            .filter(|(k, x)| !ENVELOPE.contains(&k.as_str()) && (x.is_array() || x.is_object()));
        let (Some((key, x)), None) = (lists.next(), lists.next()) else { break };
        if x.get("name").is_some() || key.chars().all(|c| c.is_ascii_digit()) {
            break; // one item of a map keyed by id
        }
        let key = key.clone();
        v = match v {
            Value::Object(mut m) => m.remove(&key).unwrap_or(Value::Null),
            other => other,
        };
    }
    let items: Vec<(Option<String>, Value)> = match v {
        Value::Array(a) => a.into_iter().map(|x| (None, x)).collect(),
        Value::Object(m) => m
            .into_iter()
            .filter(|(k, _)| !ENVELOPE.contains(&k.as_str()))
            .map(|(k, x)| (Some(k), x))
            .collect(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|(key, x)| {
            let place = match &x {
                Value::String(name) => Place {
                    id: key.unwrap_or_default(),
                    code: String::new(),
                    name: name.trim().to_owned(),
                },
                Value::Object(_) => Place {
                    id: Some(field_text(
                        &x,
                        &["id", "state_id", "city_id", "ward_id", "district_id", "province_id"],
                    ))
                    .filter(|s| !s.is_empty())
                    .or(key)
                    .unwrap_or_default(),
                    code: field_text(&x, &["code", "iso", "country_code", "iso2"]),
                    name: field_text(&x, &["name", "title", "label", "text", "value"]),
                },
                _ => return None,
            };
            (!place.name.is_empty()).then_some(place)
        })
        .collect()
}

/// Division words that one list may use and another may not ("Thành phố
/// Hồ Chí Minh" vs "Hồ Chí Minh"), folded.
const DIVISIONS: [&str; 9] =
    ["thanh pho ", "tinh ", "quan ", "huyen ", "thi xa ", "thi tran ", "phuong ", "xa ", "tp "];

/// A folded name without its leading division word ("thanh pho ha noi" →
/// "ha noi"); the name itself when that would leave nothing.
pub fn without_division(folded: &str) -> &str {
    DIVISIONS
        .iter()
        .find_map(|d| folded.strip_prefix(d))
        .filter(|r| !r.is_empty())
        .unwrap_or(folded)
}

/// Whether two names denote the same place: equal once folded, or equal
/// without their division word.
pub fn same_place(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && (a == b || without_division(&a) == without_division(&b))
}

/// The place of `list` called `name` (exact folded match first).
pub fn find<'a>(list: &'a [Place], name: &str) -> Option<&'a Place> {
    let f = fold(name);
    list.iter()
        .find(|p| fold(&p.name) == f)
        .or_else(|| list.iter().find(|p| same_place(&p.name, name)))
}

/// How to load the level below a chosen place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Below {
    /// Nothing chosen yet, or the chosen level's list is not loaded.
    Wait,
    ById(String),
    ByName(String),
}

/// Decides how to load the level below `chosen` (a name) given the list it
/// was picked from: by id when the list has one for it, else by name.
pub fn below(chosen: &str, list: Option<&[Place]>) -> Below {
    let chosen = chosen.trim();
    let Some(list) = list.filter(|_| !chosen.is_empty()) else { return Below::Wait };
    match find(list, chosen) {
        Some(p) if !p.id.is_empty() => Below::ById(p.id.clone()),
        Some(p) => Below::ByName(p.name.clone()),
        None => Below::ByName(chosen.to_owned()),
    }
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Vec<Place>>> = RefCell::new(HashMap::new());
}

async fn cached(path: String) -> Result<Vec<Place>, ApiError> {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&path).cloned()) {
        return Ok(hit);
    }
    let answer = call(ApiRequest::get(path.clone()).public()).await?;
    let list = places(answer.value);
    CACHE.with(|c| c.borrow_mut().insert(path, list.clone()));
    Ok(list)
}

/// Countries, Việt Nam first, then by name.
pub async fn countries() -> Result<Vec<Place>, ApiError> {
    let mut list = cached("/location/countries".into()).await?;
    sort_countries(&mut list);
    Ok(list)
}

pub fn sort_countries(list: &mut Vec<Place>) {
    let keys: Vec<(bool, String)> = list
        .iter()
        .map(|p| (!p.country_code().eq_ignore_ascii_case("VN"), fold(&p.name)))
        .collect();
    let order = crate::util::sorted_indices(list.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<Place>> = list.drain(..).map(Some).collect();
    list.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

pub async fn states(country_code: &str) -> Result<Vec<Place>, ApiError> {
    cached(format!("/location/{}/state", percent_encode(country_code.trim()))).await
}

/// Cities of a state: `/location/state/@id/city`, or by name.
pub async fn cities(state: &Below) -> Result<Vec<Place>, ApiError> {
    match state {
        Below::ById(id) => cached(format!("/location/state/{}/city", percent_encode(id))).await,
        Below::ByName(n) => cached(format!("/location/state/city/{}", percent_encode(n))).await,
        Below::Wait => Ok(Vec::new()),
    }
}

/// Wards of a city: `/location/city/@id/ward`, or by name.
pub async fn wards(city: &Below) -> Result<Vec<Place>, ApiError> {
    match city {
        Below::ById(id) => cached(format!("/location/city/{}/ward", percent_encode(id))).await,
        Below::ByName(n) => cached(format!("/location/city/ward/{}", percent_encode(n))).await,
        Below::Wait => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(v: Value) -> Vec<(String, String, String)> {
        places(v).into_iter().map(|p| (p.id, p.code, p.name)).collect()
    }

    fn p(id: &str, code: &str, name: &str) -> (String, String, String) {
        (id.into(), code.into(), name.into())
    }

    #[test]
    fn every_answer_shape() {
        // PHP map keyed by code, wrapped
        assert_eq!(
            names(json!({"countries": {"VN": "Việt Nam", "US": "Hoa Kỳ"}})),
            vec![p("US", "", "Hoa Kỳ"), p("VN", "", "Việt Nam")]
        );
        // bare map keyed by code
        assert_eq!(names(json!({"VN": "Việt Nam"})), vec![p("VN", "", "Việt Nam")]);
        // objects with code, wrapped next to envelope flags
        assert_eq!(
            names(json!({"success": true, "data": [{"code": "VN", "name": "Việt Nam"}]})),
            vec![p("", "VN", "Việt Nam")]
        );
        // ids as numbers or strings, names under another key
        assert_eq!(
            names(
                json!({"states": [{"id": 79, "name": "Thành phố Hồ Chí Minh"}, {"state_id": "1", "title": "Hà Nội"}]})
            ),
            vec![p("79", "", "Thành phố Hồ Chí Minh"), p("1", "", "Hà Nội")]
        );
        // names only
        assert_eq!(
            names(json!({"states": ["California", "Texas"]})),
            vec![p("", "", "California"), p("", "", "Texas")]
        );
        assert_eq!(names(json!(["Quận 1"])), vec![p("", "", "Quận 1")]);
        // a map of objects keyed by id (one or several)
        assert_eq!(names(json!({"760": {"name": "Quận 1"}})), vec![p("760", "", "Quận 1")]);
        assert_eq!(
            names(json!({"cities": {"760": {"name": "Quận 1"}, "761": {"name": "Quận 12"}}})),
            vec![p("760", "", "Quận 1"), p("761", "", "Quận 12")]
        );
        // junk items are skipped; junk answers are empty
        assert_eq!(
            names(json!({"wards": [{"id": 1}, 5, null, {"name": "Phường Bến Nghé"}]})),
            vec![p("", "", "Phường Bến Nghé")]
        );
        assert!(names(json!(null)).is_empty());
        assert!(names(json!({"wards": []})).is_empty());
        assert!(names(json!([])).is_empty());
    }

    #[test]
    fn viet_nam_comes_first() {
        let mut list = places(
            json!({"countries": {"AU": "Úc", "VN": "Việt Nam", "DE": "Đức", "CN": "Trung Quốc"}}),
        );
        sort_countries(&mut list);
        let order: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(order, ["Việt Nam", "Đức", "Trung Quốc", "Úc"]);
    }

    #[test]
    fn country_code_prefers_code() {
        let c = Place { id: "704".into(), code: "VN".into(), name: "Việt Nam".into() };
        assert_eq!(c.country_code(), "VN");
        let c = Place { id: "VN".into(), ..Default::default() };
        assert_eq!(c.country_code(), "VN");
    }

    #[test]
    fn names_match_across_spellings() {
        assert!(same_place("Hồ Chí Minh", "Thành phố Hồ Chí Minh"));
        assert!(same_place("phuong ben nghe", "Phường Bến Nghé"));
        assert!(same_place("Quận 1", "quan 1"));
        assert!(!same_place("Quận 1", "Quận 12"));
        assert!(!same_place("", ""));
        let list = vec![
            Place { id: "1".into(), code: String::new(), name: "Thành phố Hà Nội".into() },
            Place {
                id: "79".into(), code: String::new(), name: "Thành phố Hồ Chí Minh".into()
            },
        ];
        assert_eq!(find(&list, "Hồ Chí Minh").map(|p| p.id.as_str()), Some("79"));
        assert!(find(&list, "Đà Nẵng").is_none());
    }

    #[test]
    fn the_level_below_is_loaded_by_id_else_by_name() {
        let with_ids = vec![Place {
            id: "79".into(),
            code: String::new(),
            name: "Thành phố Hồ Chí Minh".into(),
        }];
        let names_only =
            vec![Place { id: String::new(), code: String::new(), name: "California".into() }];
        assert_eq!(below("Thành phố Hồ Chí Minh", Some(&with_ids)), Below::ById("79".into()));
        assert_eq!(below("Hồ Chí Minh", Some(&with_ids)), Below::ById("79".into()));
        assert_eq!(below("California", Some(&names_only)), Below::ByName("California".into()));
        // a name the list does not know (kept from a draft): ask by name
        assert_eq!(below("Bình Dương", Some(&with_ids)), Below::ByName("Bình Dương".into()));
        assert_eq!(below("", Some(&with_ids)), Below::Wait);
        assert_eq!(below("California", None), Below::Wait);
    }
}
