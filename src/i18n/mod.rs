//! Vietnamese (default) and English.
//!
//! The texts live in `vi/<section>.json` and `en/<section>.json` beside this
//! file (flat keys, one file per portal section), are compiled into the
//! bundle and read once per language. A new section adds its file to
//! [`SECTIONS`]. The language is a
//! reactive signal: `tr("key")` gives a closure that re-renders on switch.
//! The choice persists in `localStorage["lang"]`.

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// (section, Vietnamese, English) locale files.
macro_rules! sections {
    ($($name:literal),* $(,)?) => {
        pub const SECTIONS: &[(&str, &str, &str)] = &[
            $(($name, include_str!(concat!("vi/", $name, ".json")), include_str!(concat!("en/", $name, ".json")))),*
        ];
    };
}
sections!["common", "auth", "dashboard", "ekyc", "forms", "signup", "profile", "contacts", "notifications", "ui", "domains", "cart", "billing"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Lang {
        if code.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

type Table = Rc<HashMap<String, String>>;

/// Parses a locale file. A broken file gives an empty table (keys then show
/// as themselves) rather than a crash; the host tests keep the files valid.
pub fn parse_table(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Every section's texts for one language.
pub fn full_table(lang: Lang) -> HashMap<String, String> {
    let mut all = HashMap::new();
    for (_, vi, en) in SECTIONS {
        all.extend(parse_table(match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }));
    }
    all
}

thread_local! {
    static LANG: ArcRwSignal<Lang> = ArcRwSignal::new(initial_lang());
    static TABLES: RefCell<[Option<Table>; 2]> = const { RefCell::new([None, None]) };
}

fn initial_lang() -> Lang {
    crate::browser::local_get("lang").map(|c| Lang::from_code(&c)).unwrap_or_default()
}

fn table(lang: Lang) -> Table {
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        let slot = &mut t[lang as usize];
        slot.get_or_insert_with(|| Rc::new(full_table(lang))).clone()
    })
}

/// The current language (tracked when read inside a reactive scope).
pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
    crate::browser::local_set("lang", lang.code());
    crate::browser::set_document_lang(lang.code());
}

/// Looks a key up in a language without tracking.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    table(lang).get(key).cloned()
}

/// The text for `key` in the current language; the key itself if missing.
pub fn t(key: &str) -> String {
    lookup(lang(), key).unwrap_or_else(|| key.to_owned())
}

/// `t` with `{name}` placeholders filled in.
pub fn t_with(key: &str, args: &[(&str, &str)]) -> String {
    fill(&t(key), args)
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// A reactive text for views and attributes: `{tr("login.title")}`.
pub fn tr(key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || t(key)
}

/// A message from the server: known HostBill language keys are translated,
/// anything else is shown as the server wrote it.
pub fn server_message(msg: &str) -> String {
    let key = format!("api.{}", msg.trim());
    lookup(lang(), &key).unwrap_or_else(|| msg.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(json: &str) -> BTreeSet<String> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).expect("locale file is a JSON object");
        for (k, v) in &map {
            assert!(v.as_str().is_some_and(|s| !s.trim().is_empty()), "{k} must be a non-empty string");
        }
        map.keys().cloned().collect()
    }

    #[test]
    fn both_locales_have_the_same_keys() {
        for (section, vi, en) in SECTIONS {
            let vi = keys(vi);
            let en = keys(en);
            let only_vi: Vec<_> = vi.difference(&en).collect();
            let only_en: Vec<_> = en.difference(&vi).collect();
            assert!(
                only_vi.is_empty() && only_en.is_empty(),
                "{section}: only in vi: {only_vi:?}; only in en: {only_en:?}"
            );
        }
    }

    #[test]
    fn every_locale_file_is_listed_and_no_key_is_defined_twice() {
        for lang in ["vi", "en"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n/").to_owned() + lang;
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_owned())
                .collect();
            files.sort();
            let mut listed: Vec<String> = SECTIONS.iter().map(|(n, _, _)| n.to_string()).collect();
            listed.sort();
            assert_eq!(files, listed, "files in {dir} vs SECTIONS");
        }
        let mut seen = BTreeSet::new();
        for (section, vi, _) in SECTIONS {
            for k in keys(vi) {
                assert!(seen.insert(k.clone()), "{k} defined again in {section}");
            }
        }
    }

    #[test]
    fn placeholders_match_between_locales() {
        let vi = full_table(Lang::Vi);
        let en = full_table(Lang::En);
        let holes = |s: &str| -> BTreeSet<String> {
            s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(str::to_owned).collect()
        };
        for (k, v) in &vi {
            assert_eq!(holes(v), holes(&en[k]), "placeholders differ for {k}");
        }
    }

    /// Every key the code asks for exists (so no user ever sees a raw key).
    #[test]
    fn every_key_used_in_the_source_exists() {
        let vi = full_table(Lang::Vi);
        let namespaces: BTreeSet<&str> = vi.keys().filter_map(|k| k.split('.').next()).collect();
        let mut missing = Vec::new();
        let mut seen = 0;
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let src = std::fs::read_to_string(&path).unwrap();
                    // Every string literal shaped like a key of a known
                    // namespace ("login.title") must be a key: this covers
                    // tr("…"), t("…") and keys passed as props.
                    for lit in src.split('"').skip(1).step_by(2) {
                        let Some((ns, rest)) = lit.split_once('.') else { continue };
                        let shaped = !rest.is_empty()
                            && lit.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
                        if shaped && namespaces.contains(ns) {
                            seen += 1;
                            if !vi.contains_key(lit) {
                                missing.push(format!("{}: {lit}", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(seen > 20, "the scan found only {seen} keys: is it still reading the source?");
        assert!(missing.is_empty(), "keys missing from the locales: {missing:#?}");
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("Xin chào, {name}!", &[("name", "An")]), "Xin chào, An!");
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("EN"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Vi);
        assert_eq!(Lang::Vi.other(), Lang::En);
    }
}
