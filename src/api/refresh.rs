//! The pure parts of token renewal: one shared refresh for every caller,
//! reading a JWT's times, deciding when to renew early, and the GET retry
//! policy. No browser here, so the host tests drive all of it.

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::future::Future;

/// Runs at most one job at a time; callers that arrive while it runs share
/// its result instead of starting another.
pub struct SingleFlight<T: Clone + 'static> {
    slot: RefCell<Option<Shared<LocalBoxFuture<'static, T>>>>,
}

impl<T: Clone + 'static> Default for SingleFlight<T> {
    fn default() -> Self {
        SingleFlight { slot: RefCell::new(None) }
    }
}

impl<T: Clone + 'static> SingleFlight<T> {
    /// Joins the job in flight, or starts `make()` when there is none.
    pub async fn run<F, Fut>(&self, make: F) -> T
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = T> + 'static,
    {
        let existing = self.slot.borrow().clone();
        let fut = match existing {
            Some(f) => f,
            None => {
                let f = make().boxed_local().shared();
                *self.slot.borrow_mut() = Some(f.clone());
                f
            }
        };
        let out = fut.clone().await;
        // The first caller to finish frees the slot for the next job.
        let mut slot = self.slot.borrow_mut();
        if slot.as_ref().is_some_and(|s| s.ptr_eq(&fut)) {
            *slot = None;
        }
        out
    }

    /// Waits for the job in flight, if any, without starting one.
    pub async fn settled(&self) {
        let existing = self.slot.borrow().clone();
        if let Some(f) = existing {
            let _ = f.await;
        }
    }

    pub fn in_flight(&self) -> bool {
        self.slot.borrow().is_some()
    }
}

/// The times a JWT carries, in seconds since the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenTimes {
    pub exp: i64,
    pub iat: Option<i64>,
}

/// Reads `exp` (and `iat`) from a JWT without checking its signature (the
/// server does that). Anything that is not a JWT gives None.
pub fn jwt_times(token: &str) -> Option<TokenTimes> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let num = |k: &str| v.get(k).and_then(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()));
    Some(TokenTimes { exp: num("exp")?, iat: num("iat") })
}

/// An access token as the client keeps it: with the difference between the
/// server's clock (its `iat`) and ours when it arrived, so that a phone whose
/// clock is off does not renew on every call.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessToken {
    pub token: String,
    pub times: Option<TokenTimes>,
    /// server clock minus local clock, in seconds
    pub clock_offset: i64,
}

impl AccessToken {
    pub fn new(token: String, local_now: i64) -> Self {
        let times = jwt_times(&token);
        let clock_offset = times.and_then(|t| t.iat).map(|iat| iat - local_now).unwrap_or(0);
        AccessToken { token, times, clock_offset }
    }

    /// How the token is kept for this tab's next page load: the clock
    /// offset measured when it arrived, then the token.
    pub fn kept(&self) -> String {
        format!("{} {}", self.clock_offset, self.token)
    }

    /// Reads [`Self::kept`]; None for anything else.
    pub fn from_kept(s: &str) -> Option<Self> {
        let (offset, token) = s.trim().split_once(' ')?;
        let clock_offset = offset.parse().ok()?;
        let token = token.trim();
        (!token.is_empty() && !token.contains(' ')).then(|| AccessToken {
            token: token.to_owned(),
            times: jwt_times(token),
            clock_offset,
        })
    }

    /// True when the token should be renewed before use: it has expired or
    /// expires within a tenth of its lifetime (at most 30 s).
    pub fn needs_refresh(&self, local_now: i64) -> bool {
        let Some(t) = self.times else { return false };
        let lifetime = t.iat.map(|iat| t.exp - iat).unwrap_or(300).max(0);
        let margin = (lifetime / 10).min(30);
        local_now + self.clock_offset >= t.exp - margin
    }
}

/// Delay before GET retry number `attempt` (1-based), in milliseconds;
/// None when no more retries are allowed.
pub fn retry_delay_ms(attempt: u32, jitter_0_to_1: f64) -> Option<u32> {
    const BASE: [u32; 2] = [400, 1200];
    let base = *BASE.get(attempt.checked_sub(1)? as usize)?;
    let jitter = (base as f64 * 0.25 * jitter_0_to_1.clamp(0.0, 1.0)) as u32;
    Some(base + jitter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use futures::channel::oneshot;
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use std::cell::Cell;
    use std::rc::Rc;

    fn jwt(payload: &str) -> String {
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!("{}.{}.sig", e.encode(r#"{"alg":"HS256","typ":"JWT"}"#), e.encode(payload))
    }

    #[test]
    fn ten_concurrent_callers_share_one_refresh() {
        let sf: Rc<SingleFlight<Result<u32, ()>>> = Rc::new(SingleFlight::default());
        let calls = Rc::new(Cell::new(0));
        let (tx, rx) = oneshot::channel::<u32>();
        let rx = Rc::new(RefCell::new(Some(rx)));
        let results = Rc::new(RefCell::new(Vec::new()));
        let mut pool = LocalPool::new();
        for _ in 0..10 {
            let (sf, calls, rx, results) = (sf.clone(), calls.clone(), rx.clone(), results.clone());
            pool.spawner()
                .spawn_local(async move {
                    let r = sf
                        .run(|| {
                            calls.set(calls.get() + 1);
                            let rx = rx.borrow_mut().take().expect("make runs once");
                            async move { rx.await.map_err(|_| ()) }
                        })
                        .await;
                    results.borrow_mut().push(r);
                })
                .unwrap();
        }
        pool.run_until_stalled();
        assert_eq!(calls.get(), 1);
        assert!(sf.in_flight());
        assert!(results.borrow().is_empty());
        tx.send(7).unwrap();
        pool.run_until_stalled();
        assert_eq!(results.borrow().len(), 10);
        assert!(results.borrow().iter().all(|r| *r == Ok(7)));
        assert!(!sf.in_flight());

        // a later expiry starts a fresh refresh
        let sf2 = sf.clone();
        let calls2 = calls.clone();
        let out = pool.run_until(async move {
            sf2.run(|| {
                calls2.set(calls2.get() + 1);
                async { Ok(8) }
            })
            .await
        });
        assert_eq!(out, Ok(8));
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn failed_refresh_is_shared_too_and_frees_the_slot() {
        let sf: SingleFlight<Result<u32, ()>> = SingleFlight::default();
        let mut pool = LocalPool::new();
        let r = pool.run_until(sf.run(|| async { Err(()) }));
        assert_eq!(r, Err(()));
        assert!(!sf.in_flight());
    }

    #[test]
    fn reads_jwt_times() {
        let t = jwt(r#"{"sub":"1","iat":1000,"exp":1900}"#);
        assert_eq!(jwt_times(&t), Some(TokenTimes { exp: 1900, iat: Some(1000) }));
        let t = jwt(r#"{"exp":"1900"}"#);
        assert_eq!(jwt_times(&t), Some(TokenTimes { exp: 1900, iat: None }));
        assert_eq!(jwt_times("opaque-token"), None);
        assert_eq!(jwt_times("a.%%%.c"), None);
        assert_eq!(jwt_times(&jwt(r#"{"sub":"1"}"#)), None);
    }

    #[test]
    fn renews_shortly_before_expiry() {
        // 900 s token: renew in the last 30 s
        let tok = AccessToken::new(jwt(r#"{"iat":1000,"exp":1900}"#), 1000);
        assert!(!tok.needs_refresh(1000));
        assert!(!tok.needs_refresh(1869));
        assert!(tok.needs_refresh(1870));
        assert!(tok.needs_refresh(5000));
        // 3 s token: renew only at expiry
        let tok = AccessToken::new(jwt(r#"{"iat":1000,"exp":1003}"#), 1000);
        assert!(!tok.needs_refresh(1002));
        assert!(tok.needs_refresh(1003));
        // opaque tokens are renewed only when the server refuses them
        let tok = AccessToken::new("opaque".into(), 1000);
        assert!(!tok.needs_refresh(i64::MAX / 2));
    }

    #[test]
    fn a_wrong_local_clock_does_not_cause_renewal_storms() {
        // the phone is one hour ahead of the server
        let tok = AccessToken::new(jwt(r#"{"iat":1000,"exp":1900}"#), 4600);
        assert!(!tok.needs_refresh(4600));
        assert!(!tok.needs_refresh(5400));
        assert!(tok.needs_refresh(5470));
    }

    #[test]
    fn a_kept_token_keeps_its_clock_offset() {
        // arrived when the phone was an hour ahead; read back later
        let tok = AccessToken::new(jwt(r#"{"iat":1000,"exp":1900}"#), 4600);
        let back = AccessToken::from_kept(&tok.kept()).expect("kept form reads back");
        assert_eq!(back, tok);
        assert!(!back.needs_refresh(5000));
        assert!(back.needs_refresh(5480));
        assert_eq!(AccessToken::from_kept(""), None);
        assert_eq!(AccessToken::from_kept("x token"), None);
        assert_eq!(AccessToken::from_kept("12 "), None);
        assert_eq!(AccessToken::from_kept("12 a b"), None);
    }

    #[test]
    fn waiting_for_a_flight_starts_none() {
        let sf: SingleFlight<u32> = SingleFlight::default();
        futures::executor::block_on(sf.settled());
        assert!(!sf.in_flight());
    }

    #[test]
    fn get_retry_policy() {
        assert_eq!(retry_delay_ms(0, 0.0), None);
        assert_eq!(retry_delay_ms(1, 0.0), Some(400));
        assert_eq!(retry_delay_ms(2, 1.0), Some(1500));
        assert_eq!(retry_delay_ms(3, 0.5), None);
    }
}
