//! Runtime configuration, read from `/config.json` at start so that one
//! bundle can be pointed at any API (see the README).

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Config {
    #[serde(default = "default_api")]
    pub api_base_url: String,
}

fn default_api() -> String {
    "/api".into()
}

impl Default for Config {
    fn default() -> Self {
        Config { api_base_url: default_api() }
    }
}

impl Config {
    pub fn parse(text: &str) -> Option<Config> {
        let c: Config = serde_json::from_str(text).ok()?;
        let url = c.api_base_url.trim();
        let ok = url.starts_with('/') && !url.starts_with("//")
            || url.starts_with("https://")
            || url.starts_with("http://");
        ok.then(|| Config { api_base_url: url.trim_end_matches('/').to_owned() })
    }
}

/// Fetches `/config.json` (absolute, so deep links work).
pub async fn load() -> Result<Config, String> {
    let resp = gloo_net::http::Request::get("/config.json")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = resp.text().await.map_err(|e| e.to_string())?;
    Config::parse(&text).ok_or_else(|| "invalid config.json".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        assert_eq!(Config::parse(r#"{"api_base_url": "/api"}"#).unwrap().api_base_url, "/api");
        assert_eq!(
            Config::parse(r#"{"api_base_url": "https://my.bkns.net/api/", "extra": 1}"#)
                .unwrap()
                .api_base_url,
            "https://my.bkns.net/api"
        );
        assert_eq!(Config::parse("{}").unwrap().api_base_url, "/api");
        assert!(Config::parse(r#"{"api_base_url": "javascript:alert(1)"}"#).is_none());
        assert!(Config::parse(r#"{"api_base_url": "//evil.example/api"}"#).is_none());
        assert!(Config::parse("not json").is_none());
    }
}
