//! Location: the address cascade country → state → city → ward (catalog
//! 128-133, all public, none with an example answer).
//!
//! Answers are read loosely: a list may be a bare array, wrapped in one key
//! (`{"states": [...]}`), or a PHP map keyed by id or code (`{"VN": "Việt
//! Nam"}`); an item may be an object with `id`/`code` and `name`, or just a
//! name. A level whose items have no id is continued through the by-name
//! calls (`/location/state/city/@name`, `/location/city/ward/@name`).
//! Each list is fetched once per session (successful answers are cached).
//! The places and the rules for matching them are `crate::places`.

use super::client::{call, ApiRequest};
use super::error::ApiError;
use super::loose::field_text;
use crate::places::{sort_countries, Below, Place};
use crate::util::percent_encode;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

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

/// A state that ceases to exist, from `GET /willexpired/@code/state`.
///
/// The reference documents this call only as a copy of the state lookup
/// ("Get state", parameter "Country Code"). The portal reads it as what its
/// name says: the states of the country that will expire, i.e. Việt Nam's
/// provinces merged away by the July 2025 reform (63 → 34), each with the
/// unit it joined (DESIGN.md, "Provinces that cease to exist"). An answer
/// that is not such a list reads as none, so the notice stays hidden.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expiring {
    pub name: String,
    /// The unit it joined ("" when not said).
    pub merged_into: String,
    /// `YYYY-MM-DD` ("" when not said).
    pub expires: String,
}

pub fn read_expiring(v: Value) -> Vec<Expiring> {
    super::loose::objects(super::loose::under(v, &["states", "data"]))
        .iter()
        .map(|o| Expiring {
            name: field_text(o, &["name", "state"]),
            merged_into: field_text(o, &["merged_into", "new_name", "new_state", "successor"]),
            expires: field_text(o, &["expires", "expired", "date", "effective"]),
        })
        .filter(|e| !e.name.is_empty())
        .collect()
}

/// The states of `country` that cease to exist (cached per session).
pub async fn expiring_states(country: &str) -> Result<Vec<Expiring>, ApiError> {
    let path = format!("/willexpired/{}/state", percent_encode(country.trim()));
    if let Some(hit) = EXPIRING.with(|c| c.borrow().get(&path).cloned()) {
        return Ok(hit);
    }
    let answer = call(ApiRequest::get(path.clone()).public()).await?;
    let list = read_expiring(answer.value);
    EXPIRING.with(|c| c.borrow_mut().insert(path, list.clone()));
    Ok(list)
}

thread_local! {
    static EXPIRING: RefCell<HashMap<String, Vec<Expiring>>> = RefCell::new(HashMap::new());
}

/// The entry for a state name, compared without marks, case or the
/// "Tỉnh"/"Thành phố" prefix.
pub fn expiring_entry<'a>(list: &'a [Expiring], state: &str) -> Option<&'a Expiring> {
    fn key(s: &str) -> String {
        let f = crate::util::fold(s);
        ["tinh ", "thanh pho "]
            .iter()
            .find_map(|p| f.strip_prefix(p))
            .map_or(f.clone(), str::to_owned)
    }
    let want = key(state);
    (!want.is_empty()).then(|| list.iter().find(|e| key(&e.name) == want)).flatten()
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
    fn provinces_that_cease_to_exist() {
        let list = read_expiring(json!({"country": "VN", "expires": "2025-07-01", "states": [
            {"id": "74", "name": "Tỉnh Bình Dương", "merged_into": "Thành phố Hồ Chí Minh",
             "expires": "2025-07-01"},
            {"id": "2", "name": "Tỉnh Hà Giang", "merged_into_id": "8"},
            {"id": "9"}
        ]}));
        assert_eq!(list.len(), 2, "no name, no entry");
        let e = expiring_entry(&list, "Bình Dương").unwrap();
        assert_eq!(e.merged_into, "Thành phố Hồ Chí Minh");
        assert!(expiring_entry(&list, "tinh binh duong").is_some());
        assert!(expiring_entry(&list, "Tỉnh Hà Giang").is_some());
        assert!(expiring_entry(&list, "Thành phố Hồ Chí Minh").is_none());
        assert!(expiring_entry(&list, "").is_none());
        assert!(read_expiring(json!({"states": []})).is_empty());
        assert!(read_expiring(json!("Country Code")).is_empty(), "an unknown shape: none");
    }

    #[test]
    fn a_list_beside_scalars_is_read_as_the_list() {
        let v = json!({"countries": [{"code": "VN", "name": "Việt Nam"}, {"code": "US", "name": "Hoa Kỳ"}],
                       "server_time": 1_700_000_000, "version": "2"});
        let names: Vec<String> = places(v).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Việt Nam", "Hoa Kỳ"]);
        let v =
            json!({"states": [{"id": "79", "name": "Thành phố Hồ Chí Minh"}], "count": 1, "ts": 5});
        assert_eq!(places(v).len(), 1);
    }
}
