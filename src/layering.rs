//! The layering rules of DESIGN.md ("Shape of the code"), checked on the
//! sources so that a new file cannot quietly break them:
//! - `vocab` depends on nothing of the portal; `api` never on `ui`, `pages`
//!   or `forms`; `ui` never on `api`, `pages` or `forms` (components take
//!   data and callbacks); the shared parts (`forms`, `state`, `places`,
//!   `domain_rules`, `cart`) never on a page;
//! - a page never imports another section's page (a section's own shared
//!   parts excepted), and never handles raw JSON (`serde_json::Value`).

use crate::i18n::scan::rust_sources;

/// The code of a file outside its `#[cfg(test)]` module (tests may reach
/// anywhere).
fn code(src: &str) -> &str {
    src.split("#[cfg(test)]\nmod tests").next().unwrap_or(src)
}

fn breaches(under: &str, forbidden: &[&str]) -> Vec<String> {
    rust_sources()
        .into_iter()
        .filter(|(path, _)| path.starts_with(under))
        .flat_map(|(path, src)| {
            forbidden
                .iter()
                .filter(|f| code(&src).contains(*f))
                .map(|f| format!("{path} uses {f}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn lower_layers_do_not_reach_up() {
    let mut found = breaches("vocab", &["crate::"]);
    found.extend(breaches("api/", &["crate::ui", "crate::pages", "crate::forms", "crate::state"]));
    found.extend(breaches("ui/", &["crate::api", "crate::pages", "crate::forms", "crate::state"]));
    for shared in ["forms/", "state.rs", "places.rs", "domain_rules.rs", "cart/"] {
        found.extend(breaches(shared, &["crate::pages"]));
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn pages_keep_to_their_section() {
    let mut found = Vec::new();
    for (path, src) in rust_sources() {
        let Some(rest) = path.strip_prefix("pages/") else { continue };
        let section = rest.split(['/', '.']).next().unwrap_or_default();
        for (i, _) in code(&src).match_indices("crate::pages::") {
            let other = code(&src)[i + "crate::pages::".len()..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default();
            if other != section {
                found.push(format!("{path} imports pages::{other}"));
            }
        }
        if code(&src).contains("serde_json::Value") || code(&src).contains("use serde_json::{") {
            found.push(format!("{path} handles raw JSON"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_rules_see_a_breach() {
    assert_eq!(code("a\n#[cfg(test)]\nmod tests { crate::api }"), "a\n");
    assert!(!breaches("ui/", &["leptos"]).is_empty());
}
