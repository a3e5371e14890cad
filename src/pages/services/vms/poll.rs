//! A bounded poller: calls a check every few seconds, only while the page
//! is visible, for at most a time limit, until the check says it is done;
//! it stops when the component that made it unmounts (the handle's state
//! is disposed with it) or when it is started again.
//!
//! ```ignore
//! let poller = Poller::new(); // in a component
//! poller.start(
//!     Timing { first_ms: 2_000, every_ms: 2_000, limit_ms: 120_000 },
//!     move || async move { if settled().await { Step::Done } else { Step::Again } }.boxed_local(),
//!     move || say_it_has_not_changed_yet(),
//! );
//! ```
//!
//! Hidden time does not count toward the limit: a page in a background tab
//! sends nothing and, once shown again, goes on where it paused.

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use std::rc::Rc;

/// What the check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Not yet: check again after `every_ms`.
    Again,
    /// Done: stop.
    Done,
}

/// When to check (milliseconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Before the first check.
    pub first_ms: u32,
    /// Between checks.
    pub every_ms: u32,
    /// Visible time after which the poller gives up.
    pub limit_ms: u32,
}

impl Timing {
    /// Every `every_ms` (the first check too), for at most `limit_ms`.
    pub const fn every(every_ms: u32, limit_ms: u32) -> Timing {
        Timing { first_ms: every_ms, every_ms, limit_ms }
    }
}

type Check = Rc<dyn Fn() -> LocalBoxFuture<'static, Step>>;

/// A handle on one poll at a time (see the module doc).
#[derive(Clone, Copy)]
pub struct Poller {
    /// Which run is the current one: a run that is no longer it stops.
    run: StoredValue<u32>,
    active: RwSignal<bool>,
    /// The owner checks run under: a child of the component's, so leaving
    /// the page aborts a read under way (and nothing else does).
    scope: StoredValue<Owner>,
}

impl Default for Poller {
    fn default() -> Self {
        Self::new()
    }
}

impl Poller {
    /// Call in a component: the poll ends when that component unmounts.
    pub fn new() -> Self {
        // Unmounting disposes `run`: a run that can no longer read it stops.
        let scope = Owner::current().map(|o| o.child()).unwrap_or_default();
        Poller {
            run: StoredValue::new(0),
            active: RwSignal::new(false),
            scope: StoredValue::new(scope),
        }
    }

    /// Whether a poll is under way.
    pub fn active(&self) -> Signal<bool> {
        self.active.into()
    }

    /// Ends the poll under way, if any (its `on_timeout` is not called).
    pub fn stop(&self) {
        self.run.try_update_value(|r| *r = r.wrapping_add(1));
        self.active.try_set(false);
    }

    /// Starts polling with `check` (ending any earlier poll); calls
    /// `on_timeout` if `check` never said [`Step::Done`] within the limit.
    pub fn start(
        &self,
        timing: Timing,
        check: impl Fn() -> LocalBoxFuture<'static, Step> + 'static,
        on_timeout: impl FnOnce() + 'static,
    ) {
        self.start_boxed(timing, Rc::new(check), Box::new(on_timeout));
    }

    /// Runs a one-off task (a single read) under the poller's scope: it is
    /// aborted, not left running, when the page is left.
    pub fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        let Some(scope) = self.scope.try_get_value() else { return };
        leptos::task::spawn_local(scope.with(|| ScopedFuture::new_untracked(task)));
    }

    fn start_boxed(&self, timing: Timing, check: Check, on_timeout: Box<dyn FnOnce()>) {
        self.stop();
        let Some(me) = self.run.try_get_value() else { return };
        let this = *self;
        let current = move || this.run.try_get_value() == Some(me);
        self.active.set(true);
        let task = async move {
            let mut wait = timing.first_ms;
            let mut spent = 0u32;
            loop {
                gloo_timers::future::TimeoutFuture::new(wait).await;
                wait = timing.every_ms;
                if !current() {
                    return;
                }
                if !crate::browser::page_visible() {
                    continue;
                }
                spent = spent.saturating_add(timing.every_ms.max(1));
                let Some(scope) = this.scope.try_get_value() else { return };
                let step = scope.with(|| ScopedFuture::new_untracked(check())).await;
                // what the check registered (its request's abort) is done with
                scope.cleanup();
                if !current() {
                    return;
                }
                if step == Step::Done {
                    this.active.try_set(false);
                    return;
                }
                if spent >= timing.limit_ms {
                    this.active.try_set(false);
                    on_timeout();
                    return;
                }
            }
        };
        // Not tied to an `Owner` clone: holding one would keep the page's
        // owner (and so this poll) alive after the page is left.
        leptos::task::spawn_local(task);
    }
}
