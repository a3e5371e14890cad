//! The deployment's nginx files (deploy/nginx/) against mock-api and the
//! README: the README shows them as they are, and the rules mock-api's
//! static server copies (cache map, body size) say the same in both.

use std::path::PathBuf;

use mock_api::limits::BODY_LIMIT;
use mock_api::static_files::{hashed_name, CACHE_ASSET, CACHE_INDEX};

fn repo(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const FILES: [&str; 3] = [
    "deploy/nginx/portal.conf",
    "deploy/nginx/portal/http.conf",
    "deploy/nginx/portal/server.conf",
];

/// The README's ```nginx blocks.
fn readme_blocks() -> Vec<String> {
    let readme = repo("README.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim_start() == "```nginx" => current = Some(String::new()),
            Some(text) if line.trim_start() == "```" => {
                blocks.push(std::mem::take(text));
                current = None;
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn the_readme_shows_the_deploy_files_as_they_are() {
    let blocks = readme_blocks();
    for file in FILES {
        let text = repo(file);
        assert!(text.starts_with(&format!("# {file}")), "{file} names itself on its first line");
        let shown = blocks.iter().find(|b| b.starts_with(&format!("# {file}")));
        let shown = shown.unwrap_or_else(|| panic!("README.md has no ```nginx block of {file}"));
        assert_eq!(shown, &text, "README.md's copy of {file} differs from the file");
    }
}

#[test]
fn the_cache_map_is_the_static_servers_rule() {
    let conf = repo("deploy/nginx/portal.conf");
    let map: Vec<(String, String)> = conf
        .split("map $uri $portal_cache_control {")
        .nth(1)
        .expect("the cache map")
        .split("\n}")
        .next()
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.strip_suffix(';').expect(l);
            let (k, v) = l.split_once(char::is_whitespace).unwrap();
            (k.trim().trim_matches('"').to_string(), v.trim().trim_matches('"').to_string())
        })
        .collect();
    assert_eq!(
        map,
        [
            ("~^/api/".to_string(), String::new()),
            (r"~-[0-9a-f]{16}\.[a-z0-9]+$".to_string(), CACHE_ASSET.to_string()),
            ("default".to_string(), CACHE_INDEX.to_string()),
        ]
    );
    // hashed_name is that regex (spot checks of its edges).
    assert!(hashed_name("/portal_bg-0123456789abcdef.wasm"));
    assert!(!hashed_name("/config.json") && !hashed_name("/portal-0123456789abcdef.js.br"));
}

#[test]
fn the_apis_own_security_headers_are_replaced() {
    // A proxied answer gets the server's add_header lines; the API's own
    // headers of those names are hidden, so none arrives twice.
    let conf = repo("deploy/nginx/portal.conf");
    let api = conf.split("location ^~ /api/ {").nth(1).expect("the /api/ location");
    let api = api.split("\n    }").next().unwrap();
    let hidden: Vec<String> = api
        .lines()
        .filter_map(|l| l.trim().strip_prefix("proxy_hide_header "))
        .map(|h| h.trim_end_matches(';').to_ascii_lowercase())
        .collect();
    let sent: Vec<String> =
        mock_api::security::headers().iter().map(|(n, _)| n.as_str().to_string()).collect();
    assert_eq!(hidden, sent);
}

#[test]
fn nginx_takes_the_bodies_mock_api_takes() {
    let conf = repo("deploy/nginx/portal.conf");
    let line = conf.lines().map(str::trim).find(|l| l.starts_with("client_max_body_size "));
    let size = line.expect("client_max_body_size").trim_end_matches(';').split(' ').nth(1).unwrap();
    let mib: usize = size.strip_suffix('m').expect("in megabytes").parse().unwrap();
    assert_eq!(mib * 1024 * 1024, BODY_LIMIT);
}

#[test]
fn the_csp_header_is_compatible_with_the_pages_meta_csp() {
    // Both policies apply: the header must not restrict what the meta one
    // allows. It only sets directives the meta tag cannot carry or sets
    // the same way.
    let html = repo("index.html");
    let meta = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("index.html's meta CSP");
    let header = mock_api::security::headers()
        .iter()
        .find(|(n, _)| n == "content-security-policy")
        .map(|(_, v)| v.to_str().unwrap().to_string())
        .unwrap();
    for directive in header.split(';').map(str::trim) {
        let name = directive.split(' ').next().unwrap();
        if name == "frame-ancestors" {
            continue; // ignored in a meta tag: the reason for the header
        }
        let in_meta = meta.split(';').map(str::trim).find(|d| d.split(' ').next() == Some(name));
        assert_eq!(in_meta, Some(directive), "{name}: the header must match the meta CSP");
    }
}
