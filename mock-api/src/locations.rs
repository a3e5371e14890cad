//! Address data for the location endpoints (catalog 128-133), read once from
//! `data/locations.json` (built by `data/make_locations.py` from the PyPI
//! package `vietnam-provinces` 0.6.0: every Vietnamese province, district
//! and ward as of 2025-01-04, before the July 2025 reform; plus a few other
//! countries whose states and cities have names but no ids).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const RAW: &str = include_str!("../data/locations.json");

/// One place: Vietnamese places have a numeric GSO code, others only a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: Option<u32>,
    pub name: String,
}

/// `[code, name, children]` of the Vietnamese data.
type Coded<T> = (u32, String, T);
/// `[name, children]` of the other countries.
type Named<T> = (String, T);

/// Vietnam: province → district → (ward id, ward name).
type VnTree = Vec<Coded<Vec<Coded<Vec<(u32, String)>>>>>;
/// Other countries by code: state → city → names.
type OtherTree = HashMap<String, Vec<Named<Vec<Named<Vec<String>>>>>>;

#[derive(Deserialize)]
struct File {
    source: String,
    countries: Vec<(String, String)>,
    vn: VnTree,
    other: OtherTree,
}

/// The parsed data with indexes by id.
pub struct Locations {
    pub source: String,
    pub countries: Vec<(String, String)>,
    /// Country code → states.
    states: HashMap<String, Vec<Place>>,
    /// State key → cities. Keys: `"#<id>"` for Vietnamese states, else the name.
    cities: HashMap<String, Vec<Place>>,
    /// City key → wards, keyed like `cities`.
    wards: HashMap<String, Vec<Place>>,
}

fn key(place: &Place) -> String {
    match place.id {
        Some(id) => format!("#{id}"),
        None => place.name.clone(),
    }
}

impl Locations {
    fn parse(raw: &str) -> Locations {
        let file: File = serde_json::from_str(raw).expect("data/locations.json is valid");
        let mut states = HashMap::new();
        let mut cities = HashMap::new();
        let mut wards = HashMap::new();
        let vn: Vec<Place> = file
            .vn
            .iter()
            .map(|(id, name, _)| Place { id: Some(*id), name: name.clone() })
            .collect();
        for (sid, _, ds) in &file.vn {
            let list = ds
                .iter()
                .map(|(id, name, _)| Place { id: Some(*id), name: name.clone() })
                .collect();
            cities.insert(format!("#{sid}"), list);
            for (did, _, ws) in ds {
                let list = ws
                    .iter()
                    .map(|(id, name)| Place { id: Some(*id), name: name.clone() })
                    .collect();
                wards.insert(format!("#{did}"), list);
            }
        }
        states.insert("VN".to_string(), vn);
        for (code, ss) in &file.other {
            let list = ss.iter().map(|(n, _)| Place { id: None, name: n.clone() }).collect();
            states.insert(code.clone(), list);
            for (state, cs) in ss {
                let list = cs.iter().map(|(n, _)| Place { id: None, name: n.clone() }).collect();
                cities.insert(state.clone(), list);
                for (city, ws) in cs {
                    let list = ws.iter().map(|n| Place { id: None, name: n.clone() }).collect();
                    wards.insert(city.clone(), list);
                }
            }
        }
        Locations { source: file.source, countries: file.countries, states, cities, wards }
    }

    pub fn get() -> &'static Locations {
        static DATA: OnceLock<Locations> = OnceLock::new();
        DATA.get_or_init(|| Locations::parse(RAW))
    }

    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
            .map(|(_, n)| n.as_str())
    }

    /// States of a country (by code, case-insensitive).
    pub fn states(&self, country: &str) -> Option<&[Place]> {
        self.states.get(&country.trim().to_ascii_uppercase()).map(Vec::as_slice)
    }

    pub fn cities_by_state_id(&self, id: &str) -> Option<&[Place]> {
        self.cities.get(&format!("#{}", id.trim())).map(Vec::as_slice)
    }

    pub fn wards_by_city_id(&self, id: &str) -> Option<&[Place]> {
        self.wards.get(&format!("#{}", id.trim())).map(Vec::as_slice)
    }

    /// Cities of the first state (any country) with this name.
    pub fn cities_by_state_name(&self, name: &str) -> Option<&[Place]> {
        let state = self.states.values().flatten().find(|p| same_name(&p.name, name))?;
        self.cities.get(&key(state)).map(Vec::as_slice)
    }

    /// Wards of the first city (any state) with this name.
    pub fn wards_by_city_name(&self, name: &str) -> Option<&[Place]> {
        let city = self.cities.values().flatten().find(|p| same_name(&p.name, name))?;
        self.wards.get(&key(city)).map(Vec::as_slice)
    }

    /// Whether state → city → ward is a real chain in `country`. Levels the
    /// data does not know (e.g. wards abroad) accept any non-empty text.
    pub fn check_address(
        &self,
        country: &str,
        state: &str,
        city: &str,
        ward: &str,
    ) -> Result<(), &'static str> {
        let states = self.states(country).ok_or("country")?;
        let Some(st) = states.iter().find(|p| same_name(&p.name, state)) else {
            return if states.is_empty() { Ok(()) } else { Err("state") };
        };
        let cities = self.cities.get(&key(st)).map(Vec::as_slice).unwrap_or_default();
        let Some(ct) = cities.iter().find(|p| same_name(&p.name, city)) else {
            return if cities.is_empty() { Ok(()) } else { Err("city") };
        };
        let wards = self.wards.get(&key(ct)).map(Vec::as_slice).unwrap_or_default();
        if wards.is_empty() || wards.iter().any(|p| same_name(&p.name, ward)) {
            Ok(())
        } else {
            Err("ward")
        }
    }
}

/// Names compared without case, surrounding spaces, or a leading
/// "Thành phố"/"Tỉnh" (the seeded demo address says just "Hồ Chí Minh").
pub fn same_name(a: &str, b: &str) -> bool {
    fn core(s: &str) -> String {
        let s = s.trim().to_lowercase();
        for p in ["thành phố ", "tỉnh "] {
            if let Some(rest) = s.strip_prefix(p) {
                return rest.trim().to_string();
            }
        }
        s
    }
    core(a) == core(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_complete() {
        let l = Locations::get();
        assert!(l.source.contains("vietnam-provinces"));
        assert_eq!(l.states("VN").unwrap().len(), 63);
        assert_eq!(l.country_name("vn"), Some("Việt Nam"));
        let hcm =
            l.states("VN").unwrap().iter().find(|p| p.name == "Thành phố Hồ Chí Minh").unwrap();
        assert_eq!(hcm.id, Some(79));
        let q1 = l.cities_by_state_id("79").unwrap().iter().find(|p| p.name == "Quận 1").unwrap();
        assert!(l
            .wards_by_city_id(&q1.id.unwrap().to_string())
            .unwrap()
            .iter()
            .any(|w| w.name == "Phường Bến Nghé"));
        assert_eq!(l.cities_by_state_name("California").unwrap().len(), 4);
        assert!(l.wards_by_city_name("Santa Rosa").unwrap().is_empty());
        assert!(same_name("Hồ Chí Minh", "Thành phố Hồ Chí Minh"));
        assert!(l.check_address("VN", "Hồ Chí Minh", "Quận 1", "Phường Bến Nghé").is_ok());
        assert_eq!(
            l.check_address("VN", "Thành phố Hà Nội", "Quận 1", "Phường Bến Nghé"),
            Err("city")
        );
        assert_eq!(l.check_address("XX", "a", "b", "c"), Err("country"));
        assert!(l.check_address("US", "California", "Santa Rosa", "Any ward").is_ok());
    }
}
