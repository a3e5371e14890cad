//! Image quality checks before an upload, pure Rust over an RGBA buffer
//! (what `CanvasRenderingContext2D.getImageData` gives), so the host tests
//! cover them and the wasm runs them in a few milliseconds:
//!
//! - resolution: the picture must be at least [`MIN_CARD_WIDTH`] wide;
//! - blur: variance of the 4-neighbour Laplacian of the grey image (a sharp
//!   picture has strong edges, a blurred one almost none);
//! - glare / exposure: the share of saturated (near white) and of very dark
//!   pixels.
//!
//! Each measure works on the grey image; [`Grey::from_rgba`] makes it once.

/// An ID card photo narrower than this cannot be read reliably.
pub const MIN_CARD_WIDTH: u32 = 1000;
/// Below this Laplacian variance a picture is blurred (shaken or out of
/// focus). Typical in-focus card photos score several hundred.
pub const MIN_SHARPNESS: f64 = 60.0;
/// Grey level from which a pixel counts as saturated (glare).
pub const SATURATED_LEVEL: u8 = 250;
/// Grey level up to which a pixel counts as dark.
pub const DARK_LEVEL: u8 = 25;
/// More saturated pixels than this share: a lamp reflection or overexposure.
pub const MAX_SATURATED_SHARE: f64 = 0.06;
/// More dark pixels than this share: too dark to read.
pub const MAX_DARK_SHARE: f64 = 0.55;

/// An 8-bit grey image.
#[derive(Clone, Debug, PartialEq)]
pub struct Grey {
    pub width: u32,
    pub height: u32,
    pub px: Vec<u8>,
}

impl Grey {
    /// Luma (BT.601 weights, integer maths) of an RGBA buffer. A buffer
    /// shorter than `width × height × 4` gives the pixels it has.
    pub fn from_rgba(rgba: &[u8], width: u32, height: u32) -> Grey {
        let n = (width as usize * height as usize).min(rgba.len() / 4);
        let px = rgba
            .chunks_exact(4)
            .take(n)
            .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32) >> 8) as u8)
            .collect();
        let height = if width == 0 { 0 } else { (n / width as usize) as u32 };
        Grey { width, height, px }
    }
}

/// Variance of the Laplacian (`4·p − up − down − left − right`) over the
/// inner pixels; 0 for images smaller than 3×3.
pub fn sharpness(g: &Grey) -> f64 {
    let (w, h) = (g.width as usize, g.height as usize);
    if w < 3 || h < 3 || g.px.len() < w * h {
        return 0.0;
    }
    let (mut sum, mut sum_sq) = (0i64, 0i64);
    for y in 1..h - 1 {
        let row = y * w;
        let (up, mid, down) =
            (&g.px[row - w..row], &g.px[row..row + w], &g.px[row + w..row + 2 * w]);
        for x in 1..w - 1 {
            let l = 4 * mid[x] as i32
                - mid[x - 1] as i32
                - mid[x + 1] as i32
                - up[x] as i32
                - down[x] as i32;
            sum += l as i64;
            sum_sq += (l * l) as i64;
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    sum_sq as f64 / n - mean * mean
}

/// (share of saturated pixels, share of dark pixels), each 0..=1.
pub fn exposure(g: &Grey) -> (f64, f64) {
    if g.px.is_empty() {
        return (0.0, 0.0);
    }
    let (mut bright, mut dark) = (0usize, 0usize);
    for &p in &g.px {
        bright += (p >= SATURATED_LEVEL) as usize;
        dark += (p <= DARK_LEVEL) as usize;
    }
    let n = g.px.len() as f64;
    (bright as f64 / n, dark as f64 / n)
}

/// What is wrong with a picture, in the order the advice is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Narrower than [`MIN_CARD_WIDTH`]: move closer or use a better camera.
    TooSmall,
    /// Blurred: hold still, let the camera focus.
    Blurry,
    /// Glare or overexposure: avoid the lamp reflection.
    Glare,
    /// Too dark: find more light.
    TooDark,
}

impl Issue {
    /// i18n key of the advice for this issue.
    pub fn advice_key(self) -> &'static str {
        match self {
            Issue::TooSmall => "ekyc.q_too_small",
            Issue::Blurry => "ekyc.q_blurry",
            Issue::Glare => "ekyc.q_glare",
            Issue::TooDark => "ekyc.q_dark",
        }
    }
}

/// The measures of one picture and what they mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub width: u32,
    pub height: u32,
    pub sharpness: f64,
    pub saturated: f64,
    pub dark: f64,
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Runs every check on a picture of an ID card.
pub fn check_card(rgba: &[u8], width: u32, height: u32) -> Report {
    check_card_timed(rgba, width, height, || 0.0).0
}

/// [`check_card`], also giving the milliseconds (by `clock`) of the grey
/// conversion, the blur check and the exposure check.
pub fn check_card_timed(
    rgba: &[u8],
    width: u32,
    height: u32,
    clock: impl Fn() -> f64,
) -> (Report, [f64; 3]) {
    let t0 = clock();
    let g = Grey::from_rgba(rgba, width, height);
    let t1 = clock();
    let sharp = sharpness(&g);
    let t2 = clock();
    let (saturated, dark) = exposure(&g);
    let t3 = clock();
    let mut issues = Vec::new();
    if width < MIN_CARD_WIDTH {
        issues.push(Issue::TooSmall);
    }
    if sharp < MIN_SHARPNESS {
        issues.push(Issue::Blurry);
    }
    if saturated > MAX_SATURATED_SHARE {
        issues.push(Issue::Glare);
    }
    if dark > MAX_DARK_SHARE {
        issues.push(Issue::TooDark);
    }
    (
        Report { width, height, sharpness: sharp, saturated, dark, issues },
        [t1 - t0, t2 - t1, t3 - t2],
    )
}

/// What the user may do after a failed check: the first failure blocks
/// (retake), from the second one on it is a warning they may override.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Block,
    Warn,
}

/// `failures_before`: how many earlier pictures failed in this step.
pub fn verdict(report: &Report, failures_before: u32) -> Verdict {
    match (report.ok(), failures_before) {
        (true, _) => Verdict::Pass,
        (false, 0) => Verdict::Block,
        (false, _) => Verdict::Warn,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A card-like RGBA test picture: light background, dark "text" strokes
    /// and small noise (deterministic LCG).
    pub fn sharp_card(w: u32, h: u32) -> Vec<u8> {
        let mut seed = 12345u32;
        let mut out = Vec::with_capacity((w * h * 4) as usize);
        for y in 0..h {
            for x in 0..w {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let noise = (seed >> 16) as u8 % 9;
                let text = (y / 6) % 4 == 1 && (x / 5) % 3 != 0;
                let v = if text { 40 } else { 200 } + noise;
                out.extend_from_slice(&[v, v.saturating_sub(10), v.saturating_add(5), 255]);
            }
        }
        out
    }

    /// A horizontal then vertical box blur of radius `r`.
    pub fn blurred(rgba: &[u8], w: u32, h: u32, r: i32) -> Vec<u8> {
        let (w, h) = (w as i32, h as i32);
        let get = |buf: &[u8], x: i32, y: i32, c: usize| {
            buf[((y.clamp(0, h - 1) * w + x.clamp(0, w - 1)) * 4) as usize + c] as u32
        };
        let mut tmp = rgba.to_vec();
        for y in 0..h {
            for x in 0..w {
                for c in 0..3 {
                    let s: u32 = (-r..=r).map(|d| get(rgba, x + d, y, c)).sum();
                    tmp[((y * w + x) * 4) as usize + c] = (s / (2 * r as u32 + 1)) as u8;
                }
            }
        }
        let mut out = tmp.clone();
        for y in 0..h {
            for x in 0..w {
                for c in 0..3 {
                    let s: u32 = (-r..=r).map(|d| get(&tmp, x, y + d, c)).sum();
                    out[((y * w + x) * 4) as usize + c] = (s / (2 * r as u32 + 1)) as u8;
                }
            }
        }
        out
    }

    fn brighten(rgba: &[u8], add: u8) -> Vec<u8> {
        rgba.chunks_exact(4)
            .flat_map(|p| {
                [p[0].saturating_add(add), p[1].saturating_add(add), p[2].saturating_add(add), 255]
            })
            .collect()
    }

    #[test]
    fn a_sharp_well_lit_card_passes() {
        let img = sharp_card(1280, 720);
        let r = check_card(&img, 1280, 720);
        assert!(r.ok(), "{r:?}");
        assert!(r.sharpness > 10.0 * MIN_SHARPNESS, "{r:?}");
        assert_eq!(verdict(&r, 0), Verdict::Pass);
    }

    #[test]
    fn a_blurred_card_is_blurry() {
        let (w, h) = (1100, 300);
        let img = blurred(&sharp_card(w, h), w, h, 4);
        let r = check_card(&img, w, h);
        assert_eq!(r.issues, vec![Issue::Blurry], "{r:?}");
        // mild blur keeps the picture usable
        let mild = blurred(&sharp_card(w, h), w, h, 1);
        assert!(check_card(&mild, w, h).ok());
    }

    #[test]
    fn an_overexposed_card_has_glare_and_a_dark_one_is_dark() {
        let (w, h) = (1200, 300);
        let img = brighten(&sharp_card(w, h), 60);
        let r = check_card(&img, w, h);
        assert!(r.issues.contains(&Issue::Glare), "{r:?}");
        assert!(r.saturated > 0.5);

        // a lamp reflection: a white patch over a tenth of the card
        let mut spot = sharp_card(w, h);
        for y in 100..220 {
            for x in 400..700 {
                let i = ((y * w + x) * 4) as usize;
                spot[i..i + 3].copy_from_slice(&[255, 255, 255]);
            }
        }
        assert_eq!(check_card(&spot, w, h).issues, vec![Issue::Glare]);

        let dark: Vec<u8> = sharp_card(w, h)
            .chunks_exact(4)
            .flat_map(|p| [p[0] / 10, p[1] / 10, p[2] / 10, 255])
            .collect();
        assert!(check_card(&dark, w, h).issues.contains(&Issue::TooDark));
    }

    #[test]
    fn a_small_picture_is_too_small() {
        let img = sharp_card(640, 480);
        assert_eq!(check_card(&img, 640, 480).issues, vec![Issue::TooSmall]);
        assert_eq!(check_card(&sharp_card(1000, 300), 1000, 300).issues, vec![]);
    }

    #[test]
    fn first_failure_blocks_then_warns() {
        let r = check_card(&sharp_card(640, 480), 640, 480);
        assert_eq!(verdict(&r, 0), Verdict::Block);
        assert_eq!(verdict(&r, 1), Verdict::Warn);
        assert_eq!(verdict(&r, 5), Verdict::Warn);
    }

    #[test]
    fn degenerate_buffers_do_not_panic() {
        assert_eq!(sharpness(&Grey::from_rgba(&[], 0, 0)), 0.0);
        assert_eq!(exposure(&Grey::from_rgba(&[], 10, 10)), (0.0, 0.0));
        let short = Grey::from_rgba(&[1, 2, 3, 255, 4, 5, 6, 255], 100, 100);
        assert_eq!(short.px.len(), 2);
        assert_eq!(sharpness(&short), 0.0);
        let r = check_card(&[0; 7], 3, 3);
        assert!(!r.ok());
    }

    /// Each check on a 1280×720 frame, timed (host, release: `cargo test
    /// --release -- --ignored --nocapture timing`). The browser figure is
    /// measured by tests/ekyc.rs.
    #[test]
    fn timing_on_a_1280x720_frame() {
        let img = sharp_card(1280, 720);
        let t = std::time::Instant::now();
        let g = Grey::from_rgba(&img, 1280, 720);
        let grey = t.elapsed();
        let t = std::time::Instant::now();
        let s = sharpness(&g);
        let blur = t.elapsed();
        let t = std::time::Instant::now();
        let e = exposure(&g);
        let glare = t.elapsed();
        println!("1280x720: grey {grey:?}, blur {blur:?} ({s:.0}), exposure {glare:?} ({e:?})");
        if !cfg!(debug_assertions) {
            for d in [grey, blur, glare] {
                assert!(d.as_millis() <= 30, "{d:?}");
            }
        }
    }
}
