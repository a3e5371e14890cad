//! Section "Willexpired" (catalog endpoint 134), public:
//! `GET /willexpired/@code/state`. The reference copies the entry of
//! `GET /location/@code/state` ("Get state", "Country Code"); the lead's
//! reading: the states of that country that will cease to exist, i.e. the
//! Vietnamese provinces merged away by the July 2025 reform (Resolution
//! 202/2025/QH15, 63 → 34 units).
//!
//! `VN` → `{"states": [{"id", "name", "merged_into_id", "merged_into",
//! "expires"}]}`: the 29 provinces whose name disappears (not the surviving
//! ones), with the GSO code and exact name `GET /location/VN/state` gives,
//! the surviving unit's code and name (as `/location` gives them too) and
//! `"2025-07-01"`. Any other code → `{"states": []}`. The mapping is data:
//! `data/willexpired.json` (its `source` names the resolution).

use std::sync::OnceLock;

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::state::AppState;

const RAW: &str = include_str!("../../data/willexpired.json");

pub fn router() -> Router<AppState> {
    Router::new().route("/willexpired/{code}/state", get(states))
}

/// One expiring province.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Expiring {
    pub id: String,
    pub name: String,
    pub merged_into_id: String,
    pub merged_into: String,
}

/// `data/willexpired.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Reform {
    pub source: String,
    pub country: String,
    pub expires: String,
    pub states: Vec<Expiring>,
}

pub fn reform() -> &'static Reform {
    static DATA: OnceLock<Reform> = OnceLock::new();
    DATA.get_or_init(|| serde_json::from_str(RAW).expect("data/willexpired.json is valid"))
}

/// The answer for a country code (case-insensitive).
pub fn answer(code: &str) -> Value {
    let r = reform();
    if !code.trim().eq_ignore_ascii_case(&r.country) {
        return json!({ "states": [] });
    }
    let states: Vec<Value> = r
        .states
        .iter()
        .map(|s| {
            json!({
                "id": s.id, "name": s.name, "merged_into_id": s.merged_into_id,
                "merged_into": s.merged_into, "expires": r.expires
            })
        })
        .collect();
    json!({ "states": states })
}

async fn states(Path(code): Path<String>) -> Json<Value> {
    Json(answer(&code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locations::Locations;
    use std::collections::BTreeSet;

    #[test]
    fn mapping_matches_the_location_data() {
        let r = reform();
        let vn = Locations::get().states("VN").unwrap();
        let name_of = |id: &str| {
            vn.iter().find(|p| p.id.map(|i| i.to_string()).as_deref() == Some(id)).map(|p| &p.name)
        };
        let expiring: BTreeSet<&str> = r.states.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(expiring.len(), 29, "63 - 34 provinces lose their name");
        let survivors: BTreeSet<&str> =
            r.states.iter().map(|s| s.merged_into_id.as_str()).collect();
        assert_eq!(survivors.len(), 23, "23 merged groups");
        for s in &r.states {
            assert_eq!(name_of(&s.id), Some(&s.name), "{}", s.id);
            assert_eq!(name_of(&s.merged_into_id), Some(&s.merged_into), "{}", s.id);
            assert!(!expiring.contains(s.merged_into_id.as_str()), "{} survives", s.merged_into);
        }
        // 63 = 29 expiring + 23 survivors + 11 unchanged
        assert_eq!(vn.len() - expiring.len() - survivors.len(), 11);
        assert!(r.source.contains("202/2025/QH15"));
    }
}
