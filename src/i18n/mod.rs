//! Vietnamese (default) and English.
//!
//! The texts live in `vi/<section>.json` and `en/<section>.json` beside this
//! file (flat keys, one file per portal section). The first load carries
//! only the Vietnamese texts of the shell and the public pages ([`CORE`]);
//! each section module brings its own files, both languages, and adds them
//! with [`register`] when it loads (`split.rs`); the English texts of the
//! shell come in a small module of their own on the first switch (or at
//! start when English was chosen before). Builds without code splitting
//! (tests, `trunk serve`) have every text from the start.
//!
//! The language is a reactive signal: `tr("key")` gives a closure that
//! re-renders on switch. The choice persists in `localStorage["lang"]`.

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

/// One section's texts in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Strings {
    pub name: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

/// The texts of `src/i18n/{vi,en}/<name>.json`.
#[macro_export]
macro_rules! strings {
    ($name:literal) => {
        $crate::i18n::Strings {
            name: $name,
            vi: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n/vi/", $name, ".json")),
            en: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n/en/", $name, ".json")),
        }
    };
}

/// The sections whose texts the shell, the login form and the error
/// messages need: Vietnamese in the first load, English on demand.
pub const CORE: &[&str] = &["common", "auth", "ui", "notifications"];

#[cfg_attr(not(portal_split), allow(dead_code))]
const CORE_VI: &[&str] = &[
    include_str!("vi/common.json"),
    include_str!("vi/auth.json"),
    include_str!("vi/ui.json"),
    include_str!("vi/notifications.json"),
];

/// The English of [`CORE`]; referenced only by the `english` module's entry
/// (`split::english_core`), so it is not in the first load.
pub const ENGLISH_CORE: &[&str] = &[
    include_str!("en/common.json"),
    include_str!("en/auth.json"),
    include_str!("en/ui.json"),
    include_str!("en/notifications.json"),
];

/// Every section file (tests, and builds without code splitting).
#[cfg(any(test, not(portal_split)))]
pub fn all_sections() -> Vec<Strings> {
    vec![
        crate::strings!("common"),
        crate::strings!("auth"),
        crate::strings!("ui"),
        crate::strings!("notifications"),
        crate::strings!("dashboard"),
        crate::strings!("ekyc"),
        crate::strings!("forms"),
        crate::strings!("signup"),
        crate::strings!("profile"),
        crate::strings!("contacts"),
        crate::strings!("domains"),
        crate::strings!("sign"),
        crate::strings!("cart"),
        crate::strings!("billing"),
        crate::strings!("services"),
        crate::strings!("vms"),
        crate::strings!("servers"),
        crate::strings!("dns"),
        crate::strings!("dns_check"),
        crate::strings!("support"),
        crate::strings!("ssl"),
        crate::strings!("affiliates"),
        crate::strings!("server"),
    ]
}

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

/// Parses a locale file. A broken file gives an empty table (keys then show
/// as themselves) rather than a crash; the host tests keep the files valid.
pub fn parse_table(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The texts known so far, per language, and which sections they cover.
struct Tables {
    vi: HashMap<String, String>,
    en: HashMap<String, String>,
    sections: Vec<&'static str>,
    english_core: bool,
}

impl Tables {
    fn new() -> Tables {
        let mut t = Tables {
            vi: HashMap::new(),
            en: HashMap::new(),
            sections: Vec::new(),
            english_core: false,
        };
        #[cfg(any(test, not(portal_split)))]
        {
            t.add(&all_sections());
            t.english_core = true;
        }
        #[cfg(all(portal_split, not(test)))]
        {
            for json in CORE_VI {
                t.vi.extend(parse_table(json));
            }
            t.sections.extend_from_slice(CORE);
        }
        t
    }

    fn add(&mut self, sections: &[Strings]) {
        for s in sections {
            if !self.sections.contains(&s.name) {
                self.sections.push(s.name);
                self.vi.extend(parse_table(s.vi));
                self.en.extend(parse_table(s.en));
            }
        }
    }
}

thread_local! {
    static LANG: ArcRwSignal<Lang> = ArcRwSignal::new(initial_lang());
    static TABLES: RefCell<Option<Tables>> = const { RefCell::new(None) };
}

fn with_tables<R>(f: impl FnOnce(&mut Tables) -> R) -> R {
    TABLES.with(|t| f(t.borrow_mut().get_or_insert_with(Tables::new)))
}

/// Adds a section's texts (when its module loads); a section already
/// known is skipped.
pub fn register(sections: &[Strings]) {
    with_tables(|t| t.add(sections));
}

fn initial_lang() -> Lang {
    crate::browser::local_get("lang").map(|c| Lang::from_code(&c)).unwrap_or_default()
}

/// Makes sure the English texts of the shell are here, loading their
/// module the first time. False when it could not be loaded.
pub async fn ensure_english() -> bool {
    if with_tables(|t| t.english_core) {
        return true;
    }
    match crate::split::english_core().await {
        Ok(files) => {
            with_tables(|t| {
                for json in files {
                    t.en.extend(parse_table(json));
                }
                t.english_core = true;
            });
            true
        }
        Err(_) => false,
    }
}

/// The current language (tracked when read inside a reactive scope).
pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

/// Switches the language; English is loaded first if it is not here yet
/// (the page stays in Vietnamese until it is, and if it cannot be loaded).
/// The choice is kept at once: a page opened before English arrives, or
/// the next visit, starts in it.
pub fn set_lang(lang: Lang) {
    crate::browser::local_set("lang", lang.code());
    let apply = move || show_in(lang);
    if lang == Lang::Vi || with_tables(|t| t.english_core) {
        apply();
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            if ensure_english().await {
                apply();
            }
        });
    }
}

/// Shows the page in a language without keeping the choice (English
/// could not be loaded at start: Vietnamese for now, English next time).
pub fn show_in(lang: Lang) {
    LANG.with(|l| l.set(lang));
    crate::browser::set_document_lang(lang.code());
}

/// Looks a key up in a language without tracking. A text not in English
/// (yet) is given in Vietnamese rather than as its key.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    with_tables(|t| match lang {
        Lang::Vi => t.vi.get(key).cloned(),
        Lang::En => t.en.get(key).or_else(|| t.vi.get(key)).cloned(),
    })
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

/// Reading the source for the keys it uses (host tests of i18n and split).
#[cfg(test)]
pub(crate) mod scan {
    use std::collections::BTreeSet;

    /// Every `.rs` file under src/: (path relative to src/, text).
    pub fn rust_sources() -> Vec<(String, String)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
        let mut found = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path.to_string_lossy().trim_start_matches(root).to_owned();
                    found.push((rel, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        found
    }

    /// The string literals of `src` shaped like a key of one of `namespaces`
    /// ("login.title").
    pub fn key_literals<'a>(
        src: &'a str,
        namespaces: &'a BTreeSet<&str>,
    ) -> impl Iterator<Item = &'a str> + 'a {
        src.split('"').skip(1).step_by(2).filter(move |lit| {
            lit.split_once('.').is_some_and(|(ns, rest)| {
                !rest.is_empty()
                    && lit.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                    })
                    && namespaces.contains(ns)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn full_table(lang: Lang) -> HashMap<String, String> {
        let mut all = HashMap::new();
        for s in all_sections() {
            all.extend(parse_table(if lang == Lang::Vi { s.vi } else { s.en }));
        }
        all
    }

    #[test]
    fn the_core_lists_match_their_files() {
        let core: Vec<Strings> =
            all_sections().into_iter().filter(|s| CORE.contains(&s.name)).collect();
        assert_eq!(core.len(), CORE.len());
        assert_eq!(core.iter().map(|s| s.vi).collect::<Vec<_>>(), CORE_VI.to_vec());
        assert_eq!(core.iter().map(|s| s.en).collect::<Vec<_>>(), ENGLISH_CORE.to_vec());
    }

    fn keys(json: &str) -> BTreeSet<String> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).expect("locale file is a JSON object");
        for (k, v) in &map {
            assert!(
                v.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{k} must be a non-empty string"
            );
        }
        map.keys().cloned().collect()
    }

    #[test]
    fn both_locales_have_the_same_keys() {
        for Strings { name: section, vi, en } in all_sections() {
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
                .map(|e| {
                    e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_owned()
                })
                .collect();
            files.sort();
            let mut listed: Vec<String> =
                all_sections().iter().map(|s| s.name.to_string()).collect();
            listed.sort();
            assert_eq!(files, listed, "files in {dir} vs all_sections()");
        }
        let mut seen = BTreeSet::new();
        for Strings { name: section, vi, .. } in all_sections() {
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
        for (path, src) in scan::rust_sources() {
            // tr("…"), t("…") and keys passed as props
            for lit in scan::key_literals(&src, &namespaces) {
                seen += 1;
                if !vi.contains_key(lit) {
                    missing.push(format!("{path}: {lit}"));
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
