//! "A late answer never overwrites a newer one": every request is numbered
//! and only the answer to the newest request is shown.

use std::cell::Cell;

/// The rule itself, pure: an answer numbered `answer` is shown only when it
/// answers the newest request (`issued`) and nothing newer is on screen
/// (`shown`).
pub fn accept(issued: u64, shown: u64, answer: u64) -> bool {
    answer == issued && answer > shown
}

/// Request numbering for one live view (for instance the configurator's
/// quote). Cheap to share behind an `Rc` or a `StoredValue`.
#[derive(Debug, Default)]
pub struct Latest {
    issued: Cell<u64>,
    shown: Cell<u64>,
}

impl Latest {
    /// Numbers a new request; every older one becomes stale.
    pub fn issue(&self) -> u64 {
        let n = self.issued.get() + 1;
        self.issued.set(n);
        n
    }

    /// Still the newest request (checked before sending, after a debounce).
    pub fn is_current(&self, n: u64) -> bool {
        n == self.issued.get()
    }

    /// Whether the answer to request `n` may be shown; records it if so.
    pub fn take(&self, n: u64) -> bool {
        let ok = accept(self.issued.get(), self.shown.get(), n);
        if ok {
            self.shown.set(n);
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_answer_is_shown() {
        let l = Latest::default();
        let a = l.issue();
        let b = l.issue();
        let c = l.issue();
        assert!(!l.is_current(a) && !l.is_current(b) && l.is_current(c));
        // answers arrive out of order: b, c, a
        assert!(!l.take(b), "b is older than c");
        assert!(l.take(c));
        assert!(!l.take(a), "a arrived late: it must not overwrite c");
        assert!(!l.take(c), "the same answer is not applied twice");
    }

    #[test]
    fn a_newer_request_makes_an_answer_in_flight_stale() {
        let l = Latest::default();
        let a = l.issue();
        let b = l.issue();
        // a answers while b is still in flight: stale, not shown
        assert!(!l.take(a));
        assert!(l.take(b));
        let c = l.issue();
        assert!(l.take(c));
    }

    #[test]
    fn the_pure_rule() {
        assert!(accept(3, 2, 3));
        assert!(!accept(3, 2, 2));
        assert!(!accept(3, 3, 3));
        assert!(!accept(3, 0, 4), "an unknown future number is refused");
        assert!(accept(1, 0, 1));
    }
}
