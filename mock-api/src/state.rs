//! Shared server state: settings, the in-memory "database" and the request
//! log, each behind its own mutex. Locks are held briefly and never across
//! an `.await`; the only nesting is db → settings (copying the settings
//! while issuing tokens), so never lock the db while holding settings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::auth::Keys;
use crate::config::{Config, Settings};
use crate::model::Account;
use crate::reqlog::RequestLog;
use crate::seed;

/// Cheap to clone; all clones share the same data.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    defaults: Settings,
    dist: PathBuf,
    keys: Keys,
    settings: Mutex<Settings>,
    db: Mutex<Db>,
    log: Mutex<RequestLog>,
}

/// A login session: one refresh token at a time plus the access tokens
/// issued with it, tied together by the JWT `sid` claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub client_id: String,
    /// `jti` of the only refresh token that may still be used (rotation).
    pub refresh_jti: String,
    /// Expiry (unix seconds) of that refresh token.
    pub refresh_exp: u64,
    /// `jti`s of access tokens ended by `/logout`.
    pub logged_out: HashSet<String>,
}

/// The mutable data.
#[derive(Debug, Clone, PartialEq)]
pub struct Db {
    /// Accounts by client id.
    pub accounts: BTreeMap<String, Account>,
    /// Live sessions by `sid`.
    pub sessions: HashMap<String, Session>,
    /// eKYC progress (routes/ekyc.rs).
    pub ekyc: crate::routes::ekyc::EkycStore,
    /// Contacts, logs, notifications, statuses, businesses (`customer.rs`).
    pub customer: crate::customer::CustomerData,
    /// Domains, documents and signing tokens of every account.
    pub domains: crate::domain_data::DomainDb,
    /// Invoices, orders, pending services and domains (see `shop`).
    pub shop: crate::shop::Shop,
    /// Services, VMs, IPs and reverse DNS (`service_data.rs`).
    pub services: crate::service_data::ServiceDb,
    /// DNS zones and records (`dns_data.rs`).
    pub dns: crate::dns_data::DnsDb,
    /// Ticket departments and tickets (`support_data.rs`).
    pub support: crate::support_data::SupportDb,
}

impl Db {
    pub fn seed() -> Db {
        let mut accounts = seed::accounts();
        let bulk = crate::domain_data::bulk_account();
        accounts.insert(bulk.client.id.clone(), bulk);
        let domains = crate::domain_data::seed();
        let mut shop = crate::shop::Shop::seed();
        // The shop renews the domains the Domains section lists (one seed).
        for (client, ledger) in shop.ledgers.iter_mut() {
            ledger.domains =
                domains.of_client(client).map(|d| (d.id.clone(), d.name.clone())).collect();
        }
        Db {
            accounts,
            sessions: HashMap::new(),
            ekyc: Default::default(),
            customer: crate::customer::seed(),
            domains,
            shop,
            services: crate::service_data::seed(),
            dns: crate::dns_data::seed(),
            support: crate::support_data::seed(),
        }
    }

    /// The account whose e-mail (case-insensitive) and password match.
    pub fn find_login(&self, email: &str, password: &str) -> Option<&Account> {
        let email = email.trim();
        self.accounts
            .values()
            .find(|a| a.client.email.eq_ignore_ascii_case(email) && a.password == password)
    }

    pub fn account(&self, client_id: &str) -> Option<&Account> {
        self.accounts.get(client_id)
    }

    pub fn account_mut(&mut self, client_id: &str) -> Option<&mut Account> {
        self.accounts.get_mut(client_id)
    }

    /// Drops sessions whose refresh token has expired.
    pub fn prune_sessions(&mut self, now: u64) {
        self.sessions.retain(|_, s| s.refresh_exp > now);
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in one handler must not take the whole mock down.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Fresh state from a configuration: seed data, the config's settings,
    /// an empty request log and a random JWT secret.
    pub fn new(config: &Config) -> Self {
        AppState {
            inner: Arc::new(Inner {
                defaults: config.settings,
                dist: config.dist.clone(),
                keys: Keys::random(),
                settings: Mutex::new(config.settings),
                db: Mutex::new(Db::seed()),
                log: Mutex::new(RequestLog::default()),
            }),
        }
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        *lock(&self.inner.settings)
    }

    pub fn set_settings(&self, settings: Settings) {
        *lock(&self.inner.settings) = settings;
    }

    /// The settings given at start (restored by [`AppState::reset`]).
    pub fn default_settings(&self) -> Settings {
        self.inner.defaults
    }

    pub fn db(&self) -> MutexGuard<'_, Db> {
        lock(&self.inner.db)
    }

    pub fn log(&self) -> MutexGuard<'_, RequestLog> {
        lock(&self.inner.log)
    }

    pub fn keys(&self) -> &Keys {
        &self.inner.keys
    }

    /// Directory of the web bundle.
    pub fn dist(&self) -> &Path {
        &self.inner.dist
    }

    /// Seed data, start-up settings, empty log. Every issued token becomes
    /// invalid because its session is gone.
    pub fn reset(&self) {
        self.set_settings(self.inner.defaults);
        *self.db() = Db::seed();
        *self.log() = RequestLog::default();
    }
}
