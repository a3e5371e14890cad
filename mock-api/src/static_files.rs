//! Serves the built web bundle (`--dist`) at `/` as a single-page app.
//!
//! * A path that matches a file serves it (precompressed `.br`/`.gz`
//!   siblings when the client accepts them; MIME from the extension, so
//!   `.wasm` is `application/wasm`).
//! * Any other GET/HEAD path answers `index.html` with status 200, so deep
//!   links such as `/dashboard` or `/login?next=/x` work. Exception: a
//!   missing file with an asset extension (`.js`, `.wasm`, `.css`, ...) is a
//!   plain 404, so a stale page never receives HTML in place of its code.
//! * Files whose name carries a content hash (`name-<16 hex>.ext`, as
//!   scripts/build.sh writes them) get `Cache-Control: public,
//!   max-age=31536000, immutable`; everything else (`index.html`,
//!   `config.json`, the favicon, the SPA fallback) `no-cache`, the rule of
//!   the deployment's nginx map (deploy/nginx/portal.conf).
//! * Every answer carries the deployment's security headers
//!   ([`crate::security`], added in [`crate::app`]).
//! * Without `index.html` in the dist directory every path answers 503 with
//!   a short plain-text note on how to build the bundle.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;

pub const CACHE_INDEX: &str = "no-cache";
pub const CACHE_ASSET: &str = "public, max-age=31536000, immutable";

/// Extensions treated as bundle assets: missing ones are 404, not index.html.
const ASSET_EXTENSIONS: &[&str] = &[
    "js",
    "mjs",
    "wasm",
    "css",
    "map",
    "json",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "ico",
    "webp",
    "avif",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "txt",
    "xml",
    "webmanifest",
    "br",
    "gz",
];

/// Whether the last path segment is `<name>-<16 lowercase hex>.<ext>` (ext
/// of lowercase letters and digits): nginx's `~-[0-9a-f]{16}\.[a-z0-9]+$`.
pub fn hashed_name(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = last.rsplit_once('.') else { return false };
    let ext_ok =
        !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let hash_ok = stem.len() >= 17
        && stem.as_bytes()[stem.len() - 17] == b'-'
        && stem.as_bytes()[stem.len() - 16..]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
    ext_ok && hash_ok
}

fn looks_like_asset(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            ASSET_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(ext))
        }
        _ => false,
    }
}

/// Router fallback: everything outside `/api` and `/__mock`.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let dist = state.dist();
    let index = dist.join("index.html");
    if !index.is_file() {
        return missing_dist(dist);
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [("allow", "GET, HEAD")],
            "405 Method Not Allowed\n",
        )
            .into_response();
    }

    let path = req.uri().path().to_owned();
    let retry = clone_head(&req);
    let dir = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let mut response = match dir.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    let mut fallback = false;

    if response.status() == StatusCode::NOT_FOUND {
        if looks_like_asset(&path) {
            return (StatusCode::NOT_FOUND, format!("404 Not Found: {path}\n")).into_response();
        }
        let file = ServeFile::new(&index).precompressed_br().precompressed_gzip();
        response = match file.oneshot(retry).await {
            Ok(r) => r.map(Body::new),
            Err(never) => match never {},
        };
        fallback = true;
    }

    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let value = if !fallback && hashed_name(&path) { CACHE_ASSET } else { CACHE_INDEX };
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// A body-less copy of a request (method, URI, version, headers).
fn clone_head(req: &Request) -> Request {
    let mut copy = Request::new(Body::empty());
    *copy.method_mut() = req.method().clone();
    *copy.uri_mut() = req.uri().clone();
    *copy.version_mut() = req.version();
    *copy.headers_mut() = req.headers().clone();
    copy
}

fn missing_dist(dist: &Path) -> Response {
    let shown = std::fs::canonicalize(dist).unwrap_or_else(|_| {
        std::env::current_dir().map(|d| d.join(dist)).unwrap_or_else(|_| dist.to_path_buf())
    });
    let text = format!(
        "mock-api is running, but there is no web bundle to serve: {}/index.html does not exist.\n\
         \n\
         Build the portal first (for example `trunk build --release`, which writes dist/),\n\
         or point the server at the bundle with --dist DIR (or MOCK_DIST).\n\
         \n\
         The API is served at /api and the test controls at /__mock either way.\n",
        shown.display()
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(CONTENT_TYPE, "text/plain; charset=utf-8"), (CACHE_CONTROL, "no-store")],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::{hashed_name, looks_like_asset};

    #[test]
    fn hashed_names() {
        assert!(hashed_name("/portal_bg-0123456789abcdef.wasm"));
        assert!(hashed_name("/style-fedcba9876543210.css"));
        assert!(hashed_name("/__wasm_split-0123456789abcdef.js"));
        assert!(hashed_name("-0123456789abcdef.js"));
        assert!(!hashed_name("/config.json"));
        assert!(!hashed_name("/index.html"));
        assert!(!hashed_name("/portal-0123456789ABCDEF.js"));
        assert!(!hashed_name("/portal-0123456789abcde.js"));
        assert!(!hashed_name("/portal_0123456789abcdef.js"));
        assert!(!hashed_name("/portal-0123456789abcdef.js.br"));
        assert!(!hashed_name("/portal-0123456789abcdef.JS"));
        assert!(!hashed_name("/portal-0123456789abcdef"));
    }

    #[test]
    fn asset_detection() {
        assert!(looks_like_asset("/pkg/portal-1a2b.wasm"));
        assert!(looks_like_asset("/app.JS"));
        assert!(!looks_like_asset("/dashboard"));
        assert!(!looks_like_asset("/"));
        assert!(!looks_like_asset("/.well-known"));
        assert!(!looks_like_asset("/domains/example.vn"));
        assert!(!looks_like_asset("/users/john.doe"));
    }
}
