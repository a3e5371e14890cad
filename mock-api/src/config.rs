//! Start-up configuration (command line and `MOCK_*` environment variables)
//! and the run-time [`Settings`] that `/__mock/config` can change.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Settings that tests may change while the server runs (`POST /__mock/config`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Lifetime of access tokens in seconds, read when a token is issued.
    pub token_ttl: u64,
    /// Lifetime of refresh tokens in seconds, read when a token is issued.
    pub refresh_ttl: u64,
    /// Delay added to every `/api` request, in milliseconds.
    pub latency_ms: u64,
    /// Probability (0..=1) that an `/api` request fails with an HTML 500 page.
    pub fail_rate: f64,
    /// Which `/api` requests `fail_rate` may fail: all of them, or reads
    /// (GET, HEAD) only.
    pub fail_methods: FailMethods,
    /// How long a VM stays `starting`/`stopping`/`rebooting` after a power
    /// action, in milliseconds (read whenever the VM is read).
    pub vm_power_ms: u64,
    /// How long a VM stays `rebuilding`, in milliseconds.
    pub vm_rebuild_ms: u64,
    /// Whether HostBill's standard `GET /service/@service_id/dns/@zone_id`
    /// lists a zone's records; when off it answers like a missing route
    /// (HTTP 404 `invalid method`).
    pub dns_listing: bool,
    /// Whether HostBill's standard `GET /tickets` and `GET /tickets/@number`
    /// answer; when off they answer like a missing route (HTTP 404
    /// `invalid method`).
    pub ticket_listing: bool,
    /// Whether the demo account is an affiliate; when off, the six
    /// `/affiliates/*` calls answer it `{"error":["affiliate_not_enrolled"]}`
    /// like every other account.
    pub affiliate_enrolled: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token_ttl: 900,
            refresh_ttl: 2_592_000,
            latency_ms: 0,
            fail_rate: 0.0,
            fail_methods: FailMethods::All,
            vm_power_ms: 4_000,
            vm_rebuild_ms: 6_000,
            dns_listing: true,
            ticket_listing: true,
            affiliate_enrolled: true,
        }
    }
}

/// Which requests the injected failures (`fail_rate`) apply to; written
/// `"all"` / `"get"` in JSON and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailMethods {
    /// Every `/api` request.
    #[default]
    All,
    /// Only reads: GET (and HEAD); writes always reach the handler.
    Get,
}

impl FailMethods {
    /// Whether a request with this method may be failed.
    pub fn applies_to(self, method: &axum::http::Method) -> bool {
        match self {
            FailMethods::All => true,
            FailMethods::Get => {
                method == axum::http::Method::GET || method == axum::http::Method::HEAD
            }
        }
    }
}

impl std::str::FromStr for FailMethods {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "all" => Ok(FailMethods::All),
            "get" => Ok(FailMethods::Get),
            _ => Err(format!("invalid value `{value}` (all or get)")),
        }
    }
}

impl Settings {
    /// Checks the value ranges; returns an error message for the first bad one.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fail_rate) {
            return Err(format!("fail_rate must be between 0 and 1, got {}", self.fail_rate));
        }
        if self.latency_ms > 600_000 {
            return Err(format!("latency_ms must be at most 600000, got {}", self.latency_ms));
        }
        for (name, v) in [("vm_power_ms", self.vm_power_ms), ("vm_rebuild_ms", self.vm_rebuild_ms)]
        {
            if v > 600_000 {
                return Err(format!("{name} must be at most 600000, got {v}"));
            }
        }
        Ok(())
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// Directory of the built web bundle (relative paths are relative to the cwd).
    pub dist: PathBuf,
    /// Initial settings; `POST /__mock/reset` returns to these.
    pub settings: Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            dist: PathBuf::from("dist"),
            settings: Settings::default(),
        }
    }
}

/// Why [`Config::parse`] did not produce a configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum CliError {
    /// `--help` / `-h` was given: print [`USAGE`] and exit successfully.
    Help,
    /// A bad option or value.
    Invalid(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Help => f.write_str(USAGE),
            CliError::Invalid(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for CliError {}

pub const USAGE: &str = "\
mock-api: in-memory emulation of the BKNS/HostBill client-area API

Usage: mock-api [OPTIONS]

Options (each also readable from the environment variable shown; the command line wins):
  --host HOST            address to bind           [MOCK_HOST, default 127.0.0.1]
  --port PORT            port to bind (0 = any)    [MOCK_PORT, default 8080]
  --dist DIR             built web bundle to serve [MOCK_DIST, default dist]
  --token-ttl SECS       access token lifetime     [MOCK_TOKEN_TTL, default 900]
  --refresh-ttl SECS     refresh token lifetime    [MOCK_REFRESH_TTL, default 2592000]
  --latency-ms MS        delay added to /api calls [MOCK_LATENCY_MS, default 0]
  --fail-rate P          share of /api calls answered with an HTML 500 (0..1)
                                                   [MOCK_FAIL_RATE, default 0]
  --fail-methods all|get which /api calls --fail-rate may fail: all, or GET (and
                         HEAD) only                 [MOCK_FAIL_METHODS, default all]
  --vm-power-ms MS       how long a VM power action takes
                                                   [MOCK_VM_POWER_MS, default 4000]
  --vm-rebuild-ms MS     how long a VM rebuild takes [MOCK_VM_REBUILD_MS, default 6000]
  --dns-listing BOOL     whether GET /service/@id/dns/@zone_id lists records
                         (true/false, on/off, 1/0)  [MOCK_DNS_LISTING, default true]
  --ticket-listing BOOL  whether GET /tickets and GET /tickets/@number answer
                         (true/false, on/off, 1/0)  [MOCK_TICKET_LISTING, default true]
  --affiliate-enrolled BOOL
                         whether the demo account is an affiliate (/affiliates/*)
                         (true/false, on/off, 1/0)  [MOCK_AFFILIATE_ENROLLED, default true]
  -h, --help             print this help

Options may be written `--port 8099` or `--port=8099`.
";

/// (option name, environment variable) pairs, in the order of [`USAGE`].
const OPTIONS: &[(&str, &str)] = &[
    ("host", "MOCK_HOST"),
    ("port", "MOCK_PORT"),
    ("dist", "MOCK_DIST"),
    ("token-ttl", "MOCK_TOKEN_TTL"),
    ("refresh-ttl", "MOCK_REFRESH_TTL"),
    ("latency-ms", "MOCK_LATENCY_MS"),
    ("fail-rate", "MOCK_FAIL_RATE"),
    ("fail-methods", "MOCK_FAIL_METHODS"),
    ("vm-power-ms", "MOCK_VM_POWER_MS"),
    ("vm-rebuild-ms", "MOCK_VM_REBUILD_MS"),
    ("dns-listing", "MOCK_DNS_LISTING"),
    ("ticket-listing", "MOCK_TICKET_LISTING"),
    ("affiliate-enrolled", "MOCK_AFFILIATE_ENROLLED"),
];

impl Config {
    /// Reads the process environment and command line.
    pub fn from_process() -> Result<Config, CliError> {
        Config::parse(std::env::vars(), std::env::args().skip(1))
    }

    /// Builds a configuration from `MOCK_*` variables in `env`, then the
    /// options in `args` (program name already removed), which win.
    pub fn parse<E, A>(env: E, args: A) -> Result<Config, CliError>
    where
        E: IntoIterator<Item = (String, String)>,
        A: IntoIterator<Item = String>,
    {
        let mut config = Config::default();
        let env: Vec<(String, String)> = env.into_iter().collect();
        for (name, var) in OPTIONS {
            if let Some((_, value)) = env.iter().find(|(k, v)| k == var && !v.trim().is_empty()) {
                config
                    .set(name, value.trim())
                    .map_err(|e| CliError::Invalid(format!("{var}: {e}")))?;
            }
        }

        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "-h" || arg == "--help" {
                return Err(CliError::Help);
            }
            let Some(opt) = arg.strip_prefix("--") else {
                return Err(CliError::Invalid(format!("unexpected argument `{arg}` (see --help)")));
            };
            let (name, value) = match opt.split_once('=') {
                Some((name, value)) => (name.to_string(), value.to_string()),
                None => {
                    if !OPTIONS.iter().any(|(n, _)| *n == opt) {
                        return Err(CliError::Invalid(format!(
                            "unknown option `--{opt}` (see --help)"
                        )));
                    }
                    let value = args.next().ok_or_else(|| {
                        CliError::Invalid(format!("option `--{opt}` needs a value"))
                    })?;
                    (opt.to_string(), value)
                }
            };
            config.set(&name, &value).map_err(|e| CliError::Invalid(format!("--{name}: {e}")))?;
        }
        config.settings.validate().map_err(CliError::Invalid)?;
        Ok(config)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        fn num<T: std::str::FromStr>(value: &str) -> Result<T, String> {
            value.parse().map_err(|_| format!("invalid value `{value}`"))
        }
        fn switch(value: &str) -> Result<bool, String> {
            match value.trim().to_ascii_lowercase().as_str() {
                "true" | "on" | "1" | "yes" => Ok(true),
                "false" | "off" | "0" | "no" => Ok(false),
                _ => Err(format!("invalid value `{value}` (true or false)")),
            }
        }
        match name {
            "host" if !value.is_empty() => self.host = value.to_string(),
            "host" => return Err("empty host".into()),
            "port" => self.port = num(value)?,
            "dist" => self.dist = PathBuf::from(value),
            "token-ttl" => self.settings.token_ttl = num(value)?,
            "refresh-ttl" => self.settings.refresh_ttl = num(value)?,
            "latency-ms" => self.settings.latency_ms = num(value)?,
            "vm-power-ms" => self.settings.vm_power_ms = num(value)?,
            "vm-rebuild-ms" => self.settings.vm_rebuild_ms = num(value)?,
            "dns-listing" => self.settings.dns_listing = switch(value)?,
            "ticket-listing" => self.settings.ticket_listing = switch(value)?,
            "affiliate-enrolled" => self.settings.affiliate_enrolled = switch(value)?,
            "fail-methods" => self.settings.fail_methods = value.parse()?,
            "fail-rate" => {
                let rate: f64 = num(value)?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("must be between 0 and 1, got `{value}`"));
                }
                self.settings.fail_rate = rate;
            }
            other => return Err(format!("unknown option `--{other}` (see --help)")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn env(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults() {
        let c = Config::parse(env(&[]), args(&[])).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.settings.token_ttl, 900);
        assert_eq!(c.settings.refresh_ttl, 2_592_000);
    }

    #[test]
    fn args_both_forms_and_env_fallback() {
        let c = Config::parse(
            env(&[("MOCK_PORT", "9000"), ("MOCK_LATENCY_MS", "25"), ("MOCK_DIST", " ")]),
            args(&["--port", "8099", "--fail-rate=0.5", "--dist", "web/dist", "--token-ttl", "1"]),
        )
        .unwrap();
        assert_eq!(c.port, 8099);
        assert_eq!(c.settings.latency_ms, 25);
        assert_eq!(c.settings.fail_rate, 0.5);
        assert_eq!(c.settings.token_ttl, 1);
        assert_eq!(c.dist, PathBuf::from("web/dist"));
        assert_eq!(c.host, "127.0.0.1");
        assert_eq!((c.settings.vm_power_ms, c.settings.vm_rebuild_ms), (4_000, 6_000));
    }

    #[test]
    fn vm_delays() {
        let c = Config::parse(env(&[("MOCK_VM_POWER_MS", "50")]), args(&["--vm-rebuild-ms=80"]))
            .unwrap();
        assert_eq!((c.settings.vm_power_ms, c.settings.vm_rebuild_ms), (50, 80));
    }

    #[test]
    fn dns_listing() {
        assert!(Config::parse(env(&[]), args(&[])).unwrap().settings.dns_listing);
        let off = Config::parse(env(&[("MOCK_DNS_LISTING", "off")]), args(&[])).unwrap();
        assert!(!off.settings.dns_listing);
        let on = Config::parse(env(&[("MOCK_DNS_LISTING", "0")]), args(&["--dns-listing=true"]));
        assert!(on.unwrap().settings.dns_listing);
        let off = Config::parse(env(&[]), args(&["--dns-listing", "false"])).unwrap();
        assert!(!off.settings.dns_listing);
        assert!(matches!(
            Config::parse(env(&[]), args(&["--dns-listing", "maybe"])),
            Err(CliError::Invalid(_))
        ));
    }

    #[test]
    fn ticket_listing() {
        assert!(Config::parse(env(&[]), args(&[])).unwrap().settings.ticket_listing);
        let off = Config::parse(env(&[("MOCK_TICKET_LISTING", "off")]), args(&[])).unwrap();
        assert!(!off.settings.ticket_listing && off.settings.dns_listing);
        let on =
            Config::parse(env(&[("MOCK_TICKET_LISTING", "no")]), args(&["--ticket-listing=on"]));
        assert!(on.unwrap().settings.ticket_listing);
        let off = Config::parse(env(&[]), args(&["--ticket-listing", "false"])).unwrap();
        assert!(!off.settings.ticket_listing);
        assert!(matches!(
            Config::parse(env(&[]), args(&["--ticket-listing", "2"])),
            Err(CliError::Invalid(_))
        ));
    }

    #[test]
    fn affiliate_enrolled() {
        assert!(Config::parse(env(&[]), args(&[])).unwrap().settings.affiliate_enrolled);
        let off = Config::parse(env(&[("MOCK_AFFILIATE_ENROLLED", "off")]), args(&[])).unwrap();
        assert!(!off.settings.affiliate_enrolled && off.settings.ticket_listing);
        let on = Config::parse(
            env(&[("MOCK_AFFILIATE_ENROLLED", "0")]),
            args(&["--affiliate-enrolled=yes"]),
        );
        assert!(on.unwrap().settings.affiliate_enrolled);
        let off = Config::parse(env(&[]), args(&["--affiliate-enrolled", "false"])).unwrap();
        assert!(!off.settings.affiliate_enrolled);
        assert!(matches!(
            Config::parse(env(&[]), args(&["--affiliate-enrolled", "maybe"])),
            Err(CliError::Invalid(_))
        ));
    }

    #[test]
    fn fail_methods() {
        let c = Config::parse(env(&[]), args(&[])).unwrap();
        assert_eq!(c.settings.fail_methods, FailMethods::All);
        let c = Config::parse(env(&[("MOCK_FAIL_METHODS", "GET")]), args(&[])).unwrap();
        assert_eq!(c.settings.fail_methods, FailMethods::Get);
        let c = Config::parse(env(&[("MOCK_FAIL_METHODS", "get")]), args(&["--fail-methods=all"]));
        assert_eq!(c.unwrap().settings.fail_methods, FailMethods::All);
        let c = Config::parse(env(&[]), args(&["--fail-methods", "get", "--fail-rate", "0.2"]));
        assert_eq!(c.unwrap().settings.fail_methods, FailMethods::Get);
        assert!(matches!(
            Config::parse(env(&[]), args(&["--fail-methods", "post"])),
            Err(CliError::Invalid(_))
        ));
        use axum::http::Method;
        assert!(FailMethods::Get.applies_to(&Method::GET));
        assert!(FailMethods::Get.applies_to(&Method::HEAD));
        assert!(!FailMethods::Get.applies_to(&Method::POST));
        assert!(FailMethods::All.applies_to(&Method::DELETE));
        assert_eq!(serde_json::to_value(FailMethods::Get).unwrap(), serde_json::json!("get"));
    }

    #[test]
    fn errors() {
        assert_eq!(Config::parse(env(&[]), args(&["--help"])), Err(CliError::Help));
        assert!(matches!(
            Config::parse(env(&[]), args(&["--nope", "1"])),
            Err(CliError::Invalid(_))
        ));
        assert!(matches!(Config::parse(env(&[]), args(&["--port"])), Err(CliError::Invalid(_))));
        assert!(matches!(
            Config::parse(env(&[]), args(&["--port", "x"])),
            Err(CliError::Invalid(_))
        ));
        assert!(matches!(
            Config::parse(env(&[]), args(&["--fail-rate", "2"])),
            Err(CliError::Invalid(_))
        ));
        assert!(matches!(Config::parse(env(&[]), args(&["stray"])), Err(CliError::Invalid(_))));
        assert!(matches!(
            Config::parse(env(&[]), args(&["--vm-power-ms", "600001"])),
            Err(CliError::Invalid(_))
        ));
        assert!(matches!(
            Config::parse(env(&[("MOCK_PORT", "http")]), args(&[])),
            Err(CliError::Invalid(_))
        ));
    }
}
