//! Security headers of every answer (the bundle, `/api`, `/__mock`): the
//! ones the deployment's nginx configuration sends, read from that file
//! (`deploy/nginx/portal.conf`, its `add_header Name "value" always;`
//! lines) at build time, so mock-api and nginx cannot drift apart. The
//! e2e journeys therefore run under the same Content-Security-Policy
//! header, Permissions-Policy and framing rules as a deployment.

use std::sync::LazyLock;

use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;

/// The deployment's nginx server block.
pub const NGINX_CONF: &str = include_str!("../../deploy/nginx/portal.conf");

/// The literal `add_header` lines of an nginx configuration, as (name,
/// value). Lines whose value is a variable (`$portal_cache_control`) are
/// left out; an `add_header` line of any other form is an error, so a
/// change to the file cannot silently drop a header here.
pub fn literal_add_headers(conf: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for line in conf.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("add_header ") else { continue };
        let (name, value) = rest.trim_start().split_once(' ').ok_or(format!("`{line}`"))?;
        let value = value.trim_start();
        if value.starts_with('$') {
            continue;
        }
        let literal = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix("\" always;"))
            .filter(|v| !v.contains('"'))
            .ok_or_else(|| format!("not `add_header Name \"value\" always;`: `{line}`"))?;
        out.push((name.to_string(), literal.to_string()));
    }
    Ok(out)
}

/// The headers, parsed once.
pub fn headers() -> &'static [(HeaderName, HeaderValue)] {
    static HEADERS: LazyLock<Vec<(HeaderName, HeaderValue)>> = LazyLock::new(|| {
        literal_add_headers(NGINX_CONF)
            .expect("deploy/nginx/portal.conf: add_header lines")
            .into_iter()
            .map(|(n, v)| {
                let name = HeaderName::from_bytes(n.as_bytes()).expect("header name");
                (name, HeaderValue::from_str(&v).expect("header value"))
            })
            .collect()
    });
    &HEADERS
}

/// `map_response` layer: adds the headers to an answer.
pub async fn add(mut response: Response) -> Response {
    let h = response.headers_mut();
    for (name, value) in headers() {
        h.insert(name.clone(), value.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deployment_headers_parse() {
        let names: Vec<&str> = headers().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-security-policy",
                "x-frame-options",
                "x-content-type-options",
                "referrer-policy",
                "strict-transport-security",
                "permissions-policy"
            ]
        );
        let get = |n: &str| headers().iter().find(|(h, _)| h == n).unwrap().1.to_str().unwrap();
        let csp = get("content-security-policy");
        for d in ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"] {
            assert!(csp.contains(d), "{csp}");
        }
        // Only directives that do not depend on the build or the API's
        // address: the meta CSP of index.html governs scripts and fetches.
        for d in ["default-src", "script-src", "connect-src", "img-src", "media-src"] {
            assert!(!csp.contains(d), "{csp}");
        }
        assert_eq!(get("x-frame-options"), "DENY");
        assert_eq!(get("x-content-type-options"), "nosniff");
        assert_eq!(get("referrer-policy"), "strict-origin-when-cross-origin");
        assert!(get("strict-transport-security").starts_with("max-age="));
        assert!(get("permissions-policy").contains("camera=(self)"));
    }

    #[test]
    fn add_header_forms() {
        let conf = "x\n  add_header A \"1; 2\" always;\nadd_header Cache-Control $v;\n";
        assert_eq!(literal_add_headers(conf), Ok(vec![("A".into(), "1; 2".into())]));
        assert!(literal_add_headers("add_header A \"1\";").is_err());
        assert!(literal_add_headers("add_header A 1 always;").is_err());
        assert!(literal_add_headers("add_header A;").is_err());
    }
}
