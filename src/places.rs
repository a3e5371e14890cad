//! Places of the address cascade (country → state → city → ward) and the
//! pure rules for matching them: names compared without diacritics or
//! division words ("Thành phố Hồ Chí Minh" is "Hồ Chí Minh"), how the level
//! below a chosen place is asked for, Việt Nam first among countries.
//! `api::location` fetches the lists; the cascade and the searchable select
//! use these rules; nothing here does I/O.

use crate::util::fold;

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

/// Orders countries: Việt Nam first, then by name (diacritics ignored).
pub fn sort_countries(list: &mut Vec<Place>) {
    let keys: Vec<(bool, String)> = list
        .iter()
        .map(|p| (!p.country_code().eq_ignore_ascii_case("VN"), fold(&p.name)))
        .collect();
    let order = crate::util::sorted_indices(list.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<Place>> = list.drain(..).map(Some).collect();
    list.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(id: &str, name: &str) -> Place {
        Place { id: id.into(), code: String::new(), name: name.into() }
    }

    #[test]
    fn viet_nam_comes_first() {
        let mut list = vec![
            named("AU", "Úc"),
            named("CN", "Trung Quốc"),
            named("DE", "Đức"),
            named("VN", "Việt Nam"),
        ];
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
        let list = vec![named("1", "Thành phố Hà Nội"), named("79", "Thành phố Hồ Chí Minh")];
        assert_eq!(find(&list, "Hồ Chí Minh").map(|p| p.id.as_str()), Some("79"));
        assert!(find(&list, "Đà Nẵng").is_none());
    }

    #[test]
    fn the_level_below_is_loaded_by_id_else_by_name() {
        let with_ids = vec![named("79", "Thành phố Hồ Chí Minh")];
        let names_only = vec![named("", "California")];
        assert_eq!(below("Thành phố Hồ Chí Minh", Some(&with_ids)), Below::ById("79".into()));
        assert_eq!(below("Hồ Chí Minh", Some(&with_ids)), Below::ById("79".into()));
        assert_eq!(below("California", Some(&names_only)), Below::ByName("California".into()));
        // a name the list does not know (kept from a draft): ask by name
        assert_eq!(below("Bình Dương", Some(&with_ids)), Below::ByName("Bình Dương".into()));
        assert_eq!(below("", Some(&with_ids)), Below::Wait);
        assert_eq!(below("California", None), Below::Wait);
    }
}
