//! A lock shared by every tab of the portal: the Web Locks API
//! (`navigator.locks.request`), or, where a browser lacks it, a lease kept
//! in localStorage. Token renewal holds one (two tabs never send the same
//! refresh token, which the server rotates), and so does placing an order
//! (one order in flight per browser).
//!
//! The lease fallback is not atomic (storage has no compare-and-swap), so
//! it writes, waits a moment and reads back: two tabs racing within that
//! moment both see the later write and only its writer goes on. A lease
//! ends when released, or after [`LEASE_MS`] if its tab died holding it.

use std::future::Future;

/// How long a storage lease lasts without being released.
pub const LEASE_MS: i64 = 15_000;

/// A lease as kept in storage: `"<owner> <expires-at-ms>"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lease {
    pub owner: String,
    pub expires_ms: i64,
}

impl Lease {
    pub fn parse(s: &str) -> Option<Lease> {
        let (owner, exp) = s.trim().split_once(' ')?;
        let expires_ms = exp.trim().parse::<i64>().ok()?;
        (!owner.is_empty()).then(|| Lease { owner: owner.to_owned(), expires_ms })
    }

    pub fn text(&self) -> String {
        format!("{} {}", self.owner, self.expires_ms)
    }
}

/// Whether `me` may take the lease stored as `stored` at `now_ms`: nobody
/// holds it, it is ours, it ran out, or it cannot be read (a stuck value
/// must not block every tab for ever).
pub fn may_take(stored: Option<&str>, me: &str, now_ms: i64) -> bool {
    match stored.map(Lease::parse) {
        None => true,
        Some(None) => true,
        Some(Some(l)) => {
            l.owner == me || l.expires_ms <= now_ms || l.expires_ms > now_ms + LEASE_MS
        }
    }
}

/// Runs `job` holding the lock `name`, waiting for other tabs to finish
/// theirs. Without any lock support it simply runs.
pub async fn exclusive<T>(name: &str, job: impl Future<Output = T>) -> T {
    // held (when there is a lock) until the job is done
    let _held = imp::acquire(name, true).await;
    job.await
}

/// Runs `job` holding the lock `name` if no other tab holds it; None when
/// another tab does (nothing was run).
pub async fn if_free<T>(name: &str, job: impl Future<Output = T>) -> Option<T> {
    let _held = imp::acquire(name, false).await?;
    Some(job.await)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::{may_take, Lease, LEASE_MS};
    use crate::browser;
    use futures::channel::oneshot;
    use futures::future::{select, Either};
    use js_sys::{Function, Object, Promise, Reflect};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// Held while the job runs; dropping it releases the lock.
    pub enum Guard {
        /// Resolving this ends the Web Lock's callback promise.
        Web(Function),
        Lease(String),
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            match self {
                Guard::Web(release) => {
                    let _ = release.call0(&JsValue::UNDEFINED);
                }
                Guard::Lease(key) => {
                    let mine = browser::local_get(key)
                        .and_then(|s| Lease::parse(&s))
                        .is_some_and(|l| l.owner == tab_id());
                    if mine {
                        browser::local_remove(key);
                    }
                }
            }
        }
    }

    thread_local! {
        static TAB: String = {
            let b = browser::random_bytes();
            b.iter().take(8).map(|x| format!("{x:02x}")).collect()
        };
    }

    fn tab_id() -> String {
        TAB.with(Clone::clone)
    }

    /// `wait`: queue behind other tabs; else give up at once when held.
    /// None: no lock (only when `!wait` and another tab holds it, or when
    /// no lock of any kind works).
    pub async fn acquire(name: &str, wait: bool) -> Option<Guard> {
        match web_lock(name, wait).await {
            Ok(got) => got,
            Err(()) => lease(name, wait).await,
        }
    }

    /// Err when the Web Locks API is missing or refused the request.
    async fn web_lock(name: &str, wait: bool) -> Result<Option<Guard>, ()> {
        let nav = web_sys::window().ok_or(())?.navigator();
        let locks = Reflect::get(&nav, &"locks".into()).map_err(|_| ())?;
        if locks.is_undefined() || locks.is_null() {
            return Err(());
        }
        let request: Function =
            Reflect::get(&locks, &"request".into()).map_err(|_| ())?.dyn_into().map_err(|_| ())?;
        let options = Object::new();
        if !wait {
            Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).map_err(|_| ())?;
        }
        // the callback resolves `granted` and holds the lock until
        // `release` is called
        let release_fn: Rc<RefCell<Option<Function>>> = Rc::default();
        let release = {
            let slot = release_fn.clone();
            Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve))
        };
        let (tx, rx) = oneshot::channel::<bool>();
        let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
            let _ = tx.send(!lock.is_null());
            release.into()
        });
        let asked = request
            .call3(&locks, &JsValue::from_str(name), &options, &callback)
            .map_err(|_| ())?
            .dyn_into::<Promise>()
            .map_err(|_| ())?;
        // a request that fails (an opaque origin) settles before granting
        match select(rx, JsFuture::from(asked)).await {
            Either::Left((Ok(true), _)) => {
                let f = release_fn.borrow_mut().take().ok_or(())?;
                Ok(Some(Guard::Web(f)))
            }
            Either::Left((Ok(false), _)) => Ok(None),
            Either::Left((Err(_), _)) | Either::Right(_) => Err(()),
        }
    }

    async fn lease(name: &str, wait: bool) -> Option<Guard> {
        let key = format!("portal.lock.{name}");
        let me = tab_id();
        // a tab that cannot write storage cannot coordinate: it just runs
        let now_ms = || browser::now_ms() as i64;
        let started = now_ms();
        loop {
            let now = now_ms();
            if may_take(browser::local_get(&key).as_deref(), &me, now) {
                let lease = Lease { owner: me.clone(), expires_ms: now + LEASE_MS };
                if !browser::local_set(&key, &lease.text()) {
                    return Some(Guard::Lease(key));
                }
                gloo_timers::future::TimeoutFuture::new(40).await;
                let held = browser::local_get(&key).and_then(|s| Lease::parse(&s));
                if held.is_some_and(|l| l.owner == me) {
                    return Some(Guard::Lease(key));
                }
            }
            if !wait {
                return None;
            }
            if now_ms() - started > LEASE_MS + 1_000 {
                return Some(Guard::Lease(key));
            }
            gloo_timers::future::TimeoutFuture::new(100).await;
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub struct Guard;
    pub async fn acquire(_: &str, _: bool) -> Option<Guard> {
        Some(Guard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lease_text_round_trips() {
        let l = Lease { owner: "ab12".into(), expires_ms: 1_700_000_015_000 };
        assert_eq!(Lease::parse(&l.text()), Some(l));
        assert_eq!(Lease::parse(""), None);
        assert_eq!(Lease::parse("owner"), None);
        assert_eq!(Lease::parse(" 123"), None);
        assert_eq!(Lease::parse("a NaN"), None);
        assert_eq!(Lease::parse("a soon"), None);
    }

    #[test]
    fn who_may_take_a_lease() {
        let now = 1_000_000;
        let held = Lease { owner: "other".into(), expires_ms: now + 5_000 }.text();
        assert!(may_take(None, "me", now));
        assert!(!may_take(Some(&held), "me", now), "another tab holds it");
        assert!(may_take(Some(&held), "other", now), "our own lease");
        assert!(may_take(Some(&held), "me", now + 5_000), "it ran out");
        assert!(may_take(Some("garbage"), "me", now), "unreadable");
        let far = Lease { owner: "other".into(), expires_ms: now + 10 * LEASE_MS }.text();
        assert!(may_take(Some(&far), "me", now), "a clock jump must not block for ever");
    }

    #[test]
    fn without_browser_locks_jobs_run() {
        let out = futures::executor::block_on(exclusive("x", async { 7 }));
        assert_eq!(out, 7);
        let out = futures::executor::block_on(if_free("x", async { 8 }));
        assert_eq!(out, Some(8));
    }
}
