//! Pure rules of the upload encoding: the target size of a picture and the
//! choice of JPEG quality so the file fits a byte budget. The browser side
//! (canvas, `toBlob`) is in `super`.

/// Longest side of an uploaded picture, in pixels.
pub const MAX_LONG_SIDE: u32 = 1440;
/// Largest file sent, in bytes.
pub const MAX_BYTES: usize = 250 * 1024;
/// Qualities tried, best first bounds.
pub const Q_MAX: f64 = 0.92;
pub const Q_MIN: f64 = 0.30;
/// At most this many encodings per picture.
pub const MAX_STEPS: u32 = 7;

/// The size to draw a `w`×`h` picture at: scaled down (never up) so its
/// long side is at most `max_long`, keeping the ratio; at least 1×1.
pub fn fit(w: u32, h: u32, max_long: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max_long || long == 0 {
        return (w.max(1), h.max(1));
    }
    let scale =
        |v: u32| ((v as u64 * max_long as u64 + long as u64 / 2) / long as u64).max(1) as u32;
    (scale(w), scale(h))
}

/// Binary search of the JPEG quality: the highest quality tried whose file
/// fits `max_bytes`. Drive it with [`QualitySearch::next`] /
/// [`QualitySearch::record`] (encoding is asynchronous in the browser).
#[derive(Clone, Debug)]
pub struct QualitySearch {
    lo: f64,
    hi: f64,
    steps: u32,
    max_bytes: usize,
    /// (quality, size) of the best fitting encoding so far.
    pub best: Option<(f64, usize)>,
    /// Smallest encoding seen (used when nothing fits).
    pub smallest: Option<(f64, usize)>,
}

impl QualitySearch {
    pub fn new(max_bytes: usize) -> Self {
        QualitySearch { lo: Q_MIN, hi: Q_MAX, steps: 0, max_bytes, best: None, smallest: None }
    }

    /// The next quality to try, or `None` when done. Tries the top quality
    /// first (most pictures fit at once), then bisects.
    pub fn next(&self) -> Option<f64> {
        if self.steps >= MAX_STEPS {
            return None;
        }
        match (self.steps, self.best) {
            (0, _) => Some(Q_MAX),
            (_, Some((q, _))) if q >= Q_MAX => None,
            (1, None) => Some(Q_MIN),
            _ if self.hi - self.lo < 0.04 => None,
            _ => Some(((self.lo + self.hi) / 2.0 * 100.0).round() / 100.0),
        }
    }

    /// The size an encoding at `quality` gave.
    pub fn record(&mut self, quality: f64, size: usize) {
        self.steps += 1;
        if self.smallest.is_none_or(|(_, s)| size < s) {
            self.smallest = Some((quality, size));
        }
        if size <= self.max_bytes {
            if self.best.is_none_or(|(q, _)| quality > q) {
                self.best = Some((quality, size));
            }
            self.lo = self.lo.max(quality);
        } else {
            self.hi = self.hi.min(quality);
        }
        // Nothing fits even at the lowest quality: stop, shrink the picture.
        if self.steps >= 2 && self.best.is_none() && quality <= Q_MIN {
            self.steps = MAX_STEPS;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_scales_the_long_side_down_only() {
        assert_eq!(fit(1280, 720, 1440), (1280, 720));
        assert_eq!(fit(1920, 1080, 1440), (1440, 810));
        assert_eq!(fit(3024, 4032, 1440), (1080, 1440));
        assert_eq!(fit(4000, 10, 1440), (1440, 4));
        assert_eq!(fit(10000, 1, 1440), (1440, 1));
        assert_eq!(fit(0, 0, 1440), (1, 1));
    }

    /// Runs a search against a size model (bytes as a function of quality).
    fn search(model: impl Fn(f64) -> usize) -> (QualitySearch, u32) {
        let mut s = QualitySearch::new(MAX_BYTES);
        let mut n = 0;
        while let Some(q) = s.next() {
            assert!((Q_MIN..=Q_MAX).contains(&q), "{q}");
            s.record(q, model(q));
            n += 1;
        }
        (s, n)
    }

    #[test]
    fn a_small_picture_keeps_the_top_quality_in_one_encoding() {
        let (s, n) = search(|q| (q * 100_000.0) as usize);
        assert_eq!(n, 1);
        assert_eq!(s.best.map(|b| b.0), Some(Q_MAX));
    }

    #[test]
    fn a_large_picture_gets_the_highest_quality_that_fits() {
        // size grows steeply with quality, as JPEG does
        let model = |q: f64| (60_000.0 + 900_000.0 * q * q * q) as usize;
        let (s, n) = search(model);
        let (q, size) = s.best.expect("something fits");
        assert!(size <= MAX_BYTES);
        assert!(n <= MAX_STEPS);
        // within one bisection step of the true limit (q ≈ 0.60)
        assert!(model(q + 0.05) > MAX_BYTES, "q={q} could be higher");
        assert!(q > 0.5, "q={q}");
    }

    #[test]
    fn nothing_fits_stops_early_and_reports_the_smallest() {
        let (s, n) = search(|q| MAX_BYTES * 3 + (q * 1000.0) as usize);
        assert_eq!(s.best, None);
        assert_eq!(s.smallest.map(|x| x.0), Some(Q_MIN));
        assert_eq!(n, 2);
    }
}
