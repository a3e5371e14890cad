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

/// Accessors that panic on a disposed signal, stored value or node ref.
const PANICKING: [&str; 11] = [
    ".set(",
    ".update(",
    ".get()",
    ".get_untracked()",
    ".with_untracked(",
    ".set_value(",
    ".get_value()",
    ".update_value(",
    ".with_value(",
    ".read()",
    ".write()",
];

/// Where a task touches reactive state after an `.await` with an accessor
/// that panics once the page that started it is gone: "path: line".
fn after_await(path: &str, src: &str) -> Vec<String> {
    let code = code(src);
    let mut found = Vec::new();
    for (start, _) in code.match_indices("async move {") {
        let body_start = start + "async move {".len();
        let mut depth = 1usize;
        let mut end = body_start;
        for (i, c) in code[body_start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = body_start + i;
                break;
            }
        }
        let block = &code[body_start..end];
        let Some(first_await) = block.find(".await") else { continue };
        for pat in PANICKING {
            for (at, _) in block[first_await..].match_indices(pat) {
                let line = code[..body_start + first_await + at].lines().count();
                found.push(format!("{path}:{line} {pat}"));
            }
        }
    }
    found
}

/// Issue 17, point 8: a task that outlives its page (a download, an
/// upload, an order) must not panic when it comes back: after its first
/// `.await` it reaches signals only through `try_*` accessors (with
/// `panic = "abort"`, one panic ends the whole app).
#[test]
fn tasks_touch_state_after_await_only_through_try_accessors() {
    let found: Vec<String> = rust_sources()
        .into_iter()
        .filter(|(path, _)| path != "layering.rs")
        .flat_map(|(path, src)| after_await(&path, &src))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_await_rule_sees_a_breach() {
    let bad = "fn f() { spawn(async move {\n    x().await;\n    shown.set(1);\n}); }";
    assert_eq!(after_await("a.rs", bad), ["a.rs:3 .set("]);
    let ok =
        "fn f() { shown.set(0); spawn(async move {\n    x().await;\n    shown.try_set(1);\n}); }";
    assert!(after_await("a.rs", ok).is_empty());
    let before =
        "fn f() { spawn(async move {\n    let v = s.get_untracked();\n    x(v).await;\n}); }";
    assert!(after_await("a.rs", before).is_empty());
}
