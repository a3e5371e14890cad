//! The one signature pad: draw with a finger, pen or mouse.
//!
//! - Pointer events on a canvas whose class sets `touch-action: none`, so
//!   the page does not scroll under the finger; pointer capture keeps a
//!   stroke going when the finger leaves the pad.
//! - Strokes are kept as data in "pad units" (the pad is 1000 units wide),
//!   so a resize or rotation redraws the same drawing at the new size.
//! - Smoothed: quadratic curves through the midpoints of the samples; the
//!   width follows the pen's speed (slow is thick, fast is thin), with the
//!   speed itself smoothed.
//! - The canvas is sized in device pixels (`devicePixelRatio`), so lines
//!   are sharp on phones.
//! - Undo removes the last stroke; clear removes all; `is_empty` tells
//!   whether anything was drawn; `export_png` gives a PNG data URL trimmed
//!   to the ink, at the device pixel ratio.
//!
//! The maths is in [`geom`] (pure, host-tested).

use crate::i18n::tr;
use crate::ui::erase::effect;
use leptos::html;
use leptos::prelude::*;

pub mod geom {
    //! Stroke maths: smoothing, width from speed, bounds. No browser here.

    /// Logical width of the pad; heights follow the pad's aspect ratio.
    pub const PAD_UNITS: f64 = 1000.0;

    /// One sample: position in pad units, time in ms, width in pad units.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point {
        pub x: f64,
        pub y: f64,
        pub t: f64,
        pub w: f64,
    }

    /// One stroke: from pen down to pen up. `v` is the smoothed speed at
    /// the last point (units/ms), carried to compute the next width.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Stroke {
        pub points: Vec<Point>,
        pub v: f64,
    }

    /// The pen: widths in pad units, how much a new speed sample counts,
    /// and the speed (units/ms) at which the line is thinnest.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Pen {
        pub min_width: f64,
        pub max_width: f64,
        pub velocity_weight: f64,
        pub max_velocity: f64,
    }

    pub const PEN: Pen =
        Pen { min_width: 4.0, max_width: 11.0, velocity_weight: 0.7, max_velocity: 6.0 };

    /// Width for a (smoothed) speed: `max_width` at rest, `min_width` at
    /// `max_velocity` and beyond, linear between.
    pub fn width_for(v: f64, pen: &Pen) -> f64 {
        let k = if pen.max_velocity > 0.0 { (v / pen.max_velocity).clamp(0.0, 1.0) } else { 1.0 };
        pen.max_width - (pen.max_width - pen.min_width) * k
    }

    impl Stroke {
        /// Starts a stroke; the first point gets the resting width.
        pub fn start(x: f64, y: f64, t: f64, pen: &Pen) -> Stroke {
            Stroke { points: vec![Point { x, y, t, w: width_for(0.0, pen) }], v: 0.0 }
        }

        /// Adds a sample. Samples closer than a unit to the last one are
        /// skipped (they add noise, not shape). Returns whether it was kept.
        pub fn push(&mut self, x: f64, y: f64, t: f64, pen: &Pen) -> bool {
            let Some(last) = self.points.last().copied() else {
                *self = Stroke::start(x, y, t, pen);
                return true;
            };
            let d = ((x - last.x).powi(2) + (y - last.y).powi(2)).sqrt();
            if d < 1.0 {
                return false;
            }
            let dt = (t - last.t).max(1.0);
            let v = pen.velocity_weight * (d / dt) + (1.0 - pen.velocity_weight) * self.v;
            self.v = v;
            // The width moves toward its target, so it never jumps.
            let w = 0.5 * last.w + 0.5 * width_for(v, pen);
            self.points.push(Point { x, y, t, w });
            true
        }
    }

    /// A piece of the smoothed line: a quadratic curve from `a` through
    /// control `c` to `b`, its width going from `wa` to `wb`.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Segment {
        pub a: (f64, f64),
        pub c: (f64, f64),
        pub b: (f64, f64),
        pub wa: f64,
        pub wb: f64,
    }

    fn mid(p: &Point, q: &Point) -> (f64, f64) {
        ((p.x + q.x) / 2.0, (p.y + q.y) / 2.0)
    }

    /// Segment `i` (0..points.len()) of a stroke: the curves run from
    /// midpoint to midpoint with the samples as controls; the first starts
    /// at the first sample and the last ends at the last one. A single
    /// sample is a dot (a zero-length segment).
    pub fn segment(points: &[Point], i: usize) -> Option<Segment> {
        let n = points.len();
        if i >= n {
            return None;
        }
        if n == 1 {
            let p = points[0];
            return Some(Segment { a: (p.x, p.y), c: (p.x, p.y), b: (p.x, p.y), wa: p.w, wb: p.w });
        }
        let p = &points[i];
        let (a, wa) = if i == 0 {
            ((p.x, p.y), p.w)
        } else {
            (mid(&points[i - 1], p), (points[i - 1].w + p.w) / 2.0)
        };
        let (b, wb) = if i + 1 == n {
            ((p.x, p.y), p.w)
        } else {
            (mid(p, &points[i + 1]), (p.w + points[i + 1].w) / 2.0)
        };
        Some(Segment { a, c: (p.x, p.y), b, wa, wb })
    }

    /// Every segment of a stroke.
    pub fn segments(points: &[Point]) -> Vec<Segment> {
        (0..points.len()).filter_map(|i| segment(points, i)).collect()
    }

    impl Segment {
        /// Points along the curve with their widths (`steps + 1` of them).
        pub fn sample(&self, steps: usize) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
            let steps = steps.max(1);
            (0..=steps).map(move |k| {
                let t = k as f64 / steps as f64;
                let u = 1.0 - t;
                let x = u * u * self.a.0 + 2.0 * u * t * self.c.0 + t * t * self.b.0;
                let y = u * u * self.a.1 + 2.0 * u * t * self.c.1 + t * t * self.b.1;
                (x, y, self.wa + (self.wb - self.wa) * t)
            })
        }

        /// Enough steps for a smooth curve: one per ~2 units of length.
        pub fn steps(&self) -> usize {
            let len = ((self.c.0 - self.a.0).hypot(self.c.1 - self.a.1))
                + ((self.b.0 - self.c.0).hypot(self.b.1 - self.c.1));
            ((len / 2.0).ceil() as usize).clamp(1, 64)
        }
    }

    /// A rectangle in pad units.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Rect {
        pub x0: f64,
        pub y0: f64,
        pub x1: f64,
        pub y1: f64,
    }

    impl Rect {
        pub fn width(&self) -> f64 {
            self.x1 - self.x0
        }
        pub fn height(&self) -> f64 {
            self.y1 - self.y0
        }
    }

    /// The box around the ink: every drawn point grown by half its width.
    /// None when nothing is drawn.
    pub fn ink_bounds(strokes: &[Stroke]) -> Option<Rect> {
        let mut r: Option<Rect> = None;
        for s in strokes {
            for seg in segments(&s.points) {
                for (x, y, w) in seg.sample(seg.steps()) {
                    let h = w / 2.0;
                    let b = r.get_or_insert(Rect { x0: x - h, y0: y - h, x1: x + h, y1: y + h });
                    b.x0 = b.x0.min(x - h);
                    b.y0 = b.y0.min(y - h);
                    b.x1 = b.x1.max(x + h);
                    b.y1 = b.y1.max(y + h);
                }
            }
        }
        r
    }

    /// Pixel size of the exported image: the ink box at `scale` CSS px per
    /// unit, plus `pad_px` CSS px on each side, times the device pixel ratio.
    pub fn export_size(ink: &Rect, scale: f64, dpr: f64, pad_px: f64) -> (u32, u32) {
        let w = ((ink.width() * scale + 2.0 * pad_px) * dpr).ceil().max(1.0);
        let h = ((ink.height() * scale + 2.0 * pad_px) * dpr).ceil().max(1.0);
        (w as u32, h as u32)
    }
}

use geom::{Stroke, PAD_UNITS, PEN};

/// Margin around the ink in the exported PNG, CSS px.
pub const EXPORT_PAD_PX: f64 = 4.0;
/// Ink colour.
pub const INK: &str = "#14213d";

/// The drawing, shared by the pad and the page that submits it.
#[derive(Clone, Copy)]
pub struct SignatureState {
    pub strokes: RwSignal<Vec<Stroke>>,
    /// CSS px per pad unit at the current size.
    scale: RwSignal<f64>,
    /// Bumped to ask the pad to redraw everything.
    redraw: RwSignal<u32>,
}

impl Default for SignatureState {
    fn default() -> Self {
        Self::new()
    }
}

impl SignatureState {
    pub fn new() -> Self {
        SignatureState {
            strokes: RwSignal::new(Vec::new()),
            scale: RwSignal::new(0.4),
            redraw: RwSignal::new(0),
        }
    }
    /// Nothing drawn (reactive).
    pub fn is_empty(&self) -> bool {
        self.strokes.with(|s| s.iter().all(|s| s.points.is_empty()))
    }
    pub fn stroke_count(&self) -> usize {
        self.strokes.with(Vec::len)
    }
    /// Removes the last stroke.
    pub fn undo(&self) {
        self.strokes.update(|s| {
            s.pop();
        });
        self.redraw.update(|n| *n += 1);
    }
    pub fn clear(&self) {
        self.strokes.update(Vec::clear);
        self.redraw.update(|n| *n += 1);
    }
    /// The drawing as a PNG data URL, trimmed to the ink, at `dpr` device
    /// pixels per CSS px; None when empty.
    pub fn export_png(&self, dpr: f64) -> Option<String> {
        let strokes = self.strokes.get_untracked();
        let ink = geom::ink_bounds(&strokes)?;
        let scale = self.scale.get_untracked();
        let (w, h) = geom::export_size(&ink, scale, dpr, EXPORT_PAD_PX);
        web::export(&strokes, &ink, scale, dpr, w, h)
    }
}

/// `window.devicePixelRatio` (1 when unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| *r > 0.0).unwrap_or(1.0)
}

mod web {
    use super::geom::{self, Rect, Stroke};
    use super::INK;
    use wasm_bindgen::JsCast;
    use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

    pub fn context(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
        c.get_context("2d").ok().flatten()?.dyn_into().ok()
    }

    /// Draws one segment with the current transform (pad units).
    pub fn draw_segment(ctx: &CanvasRenderingContext2d, seg: &geom::Segment) {
        if seg.a == seg.b && seg.a == seg.c {
            ctx.begin_path();
            let _ = ctx.arc(seg.a.0, seg.a.1, seg.wa / 2.0, 0.0, std::f64::consts::TAU);
            ctx.fill();
            return;
        }
        let mut prev: Option<(f64, f64)> = None;
        for (x, y, w) in seg.sample(seg.steps()) {
            if let Some((px, py)) = prev {
                ctx.begin_path();
                ctx.set_line_width(w);
                ctx.move_to(px, py);
                ctx.line_to(x, y);
                ctx.stroke();
            }
            prev = Some((x, y));
        }
    }

    pub fn prepare(ctx: &CanvasRenderingContext2d) {
        ctx.set_stroke_style_str(INK);
        ctx.set_fill_style_str(INK);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
    }

    /// Clears the canvas and draws every stroke at `k` device px per unit.
    pub fn redraw_all(canvas: &HtmlCanvasElement, strokes: &[Stroke], k: f64) {
        let Some(ctx) = context(canvas) else { return };
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        let _ = ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0);
        prepare(&ctx);
        for s in strokes {
            for seg in geom::segments(&s.points) {
                draw_segment(&ctx, &seg);
            }
        }
    }

    pub fn export(
        strokes: &[Stroke],
        ink: &Rect,
        scale: f64,
        dpr: f64,
        w: u32,
        h: u32,
    ) -> Option<String> {
        let canvas: HtmlCanvasElement =
            web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(w);
        canvas.set_height(h);
        let ctx = context(&canvas)?;
        let k = scale * dpr;
        let pad = super::EXPORT_PAD_PX * dpr;
        let _ = ctx.set_transform(k, 0.0, 0.0, k, pad - ink.x0 * k, pad - ink.y0 * k);
        prepare(&ctx);
        for s in strokes {
            for seg in geom::segments(&s.points) {
                draw_segment(&ctx, &seg);
            }
        }
        canvas.to_data_url_with_type("image/png").ok()
    }
}

/// The pad, with undo and clear. `label` is the i18n key of its accessible
/// name (e.g. "Sign here with your finger or mouse").
#[component]
pub fn SignaturePad(state: SignatureState, label: &'static str) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let drawing = StoredValue::new_local(None::<i32>);

    // Device px per pad unit, from the canvas's CSS size.
    let fit = move || {
        let Some(c) = canvas.get_untracked() else { return };
        let css_w = c.client_width() as f64;
        let css_h = c.client_height() as f64;
        if css_w <= 0.0 {
            return;
        }
        let dpr = device_pixel_ratio();
        let (pw, ph) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
        if c.width() != pw || c.height() != ph {
            c.set_width(pw);
            c.set_height(ph);
        }
        state.scale.set(css_w / PAD_UNITS);
        state.redraw.update(|n| *n += 1);
    };

    // Redraw on undo/clear/resize.
    effect(move || {
        state.redraw.track();
        let Some(c) = canvas.get() else { return };
        let k = state.scale.get_untracked() * device_pixel_ratio();
        state.strokes.with_untracked(|s| web::redraw_all(&c, s, k));
    });

    // Keep the drawing through resizes and rotations.
    effect(move || {
        let Some(c) = canvas.get() else { return };
        fit();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |_| fit());
        if let Ok(obs) =
            web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(cb.as_ref()))
        {
            obs.observe(&c);
            let obs = send_wrapper::SendWrapper::new(obs);
            let cb = send_wrapper::SendWrapper::new(cb);
            on_cleanup(move || {
                obs.disconnect();
                drop(cb);
            });
        }
    });

    // Pad units of a pointer event.
    let units = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        if r.width() <= 0.0 {
            return None;
        }
        let k = PAD_UNITS / r.width();
        Some(((ev.client_x() as f64 - r.left()) * k, (ev.client_y() as f64 - r.top()) * k))
    };
    // Draws the newest settled segment (the one before the last sample).
    let draw_tail = move |final_piece: bool| {
        let Some(c) = canvas.get_untracked() else { return };
        let Some(ctx) = web::context(&c) else { return };
        let k = state.scale.get_untracked() * device_pixel_ratio();
        let _ = ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0);
        web::prepare(&ctx);
        state.strokes.with_untracked(|s| {
            if let Some(last) = s.last() {
                let n = last.points.len();
                let i = if final_piece { n.saturating_sub(1) } else { n.saturating_sub(2) };
                if let Some(seg) = geom::segment(&last.points, i) {
                    web::draw_segment(&ctx, &seg);
                }
            }
        });
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() > 0 || drawing.get_value().is_some() {
            return;
        }
        ev.prevent_default();
        let Some((x, y)) = units(&ev) else { return };
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        drawing.set_value(Some(ev.pointer_id()));
        state.strokes.update(|s| s.push(Stroke::start(x, y, ev.time_stamp(), &PEN)));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if drawing.get_value() != Some(ev.pointer_id()) {
            return;
        }
        ev.prevent_default();
        // Fast pens deliver several samples per frame.
        let coalesced = ev.get_coalesced_events();
        let samples: Vec<web_sys::PointerEvent> = if coalesced.length() > 0 {
            coalesced.iter().filter_map(|e| wasm_bindgen::JsCast::dyn_into(e).ok()).collect()
        } else {
            vec![ev]
        };
        for e in samples {
            let Some((x, y)) = units(&e) else { continue };
            let mut kept = false;
            state.strokes.update(|s| {
                if let Some(last) = s.last_mut() {
                    kept = last.push(x, y, e.time_stamp(), &PEN);
                }
            });
            if kept {
                draw_tail(false);
            }
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if drawing.get_value() != Some(ev.pointer_id()) {
            return;
        }
        drawing.set_value(None);
        draw_tail(true);
    };

    view! {
        <div class="sigpad">
            <canvas
                node_ref=canvas
                class="sigpad-canvas"
                role="img"
                aria-label=tr(label)
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
            ></canvas>
            <p class="sigpad-baseline" aria-hidden="true">"×"</p>
            <div class="sigpad-tools">
                <button type="button" class="btn btn-secondary" disabled=move || state.is_empty() on:click=move |_| state.undo()>
                    {tr("ui.undo")}
                </button>
                <button type="button" class="btn btn-secondary" disabled=move || state.is_empty() on:click=move |_| state.clear()>
                    {tr("ui.clear")}
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::geom::*;

    fn stroke(samples: &[(f64, f64, f64)]) -> Stroke {
        let mut s = Stroke::start(samples[0].0, samples[0].1, samples[0].2, &PEN);
        for &(x, y, t) in &samples[1..] {
            s.push(x, y, t, &PEN);
        }
        s
    }

    #[test]
    fn width_follows_speed() {
        assert_eq!(width_for(0.0, &PEN), PEN.max_width);
        assert_eq!(width_for(PEN.max_velocity * 3.0, &PEN), PEN.min_width);
        let mid = width_for(PEN.max_velocity / 2.0, &PEN);
        assert!((mid - (PEN.min_width + PEN.max_width) / 2.0).abs() < 1e-9);
        // slow strokes end thicker than fast ones
        let slow =
            stroke(&[(0.0, 0.0, 0.0), (10.0, 0.0, 100.0), (20.0, 0.0, 200.0), (30.0, 0.0, 300.0)]);
        let fast =
            stroke(&[(0.0, 0.0, 0.0), (100.0, 0.0, 5.0), (200.0, 0.0, 10.0), (300.0, 0.0, 15.0)]);
        let (ws, wf) = (slow.points.last().unwrap().w, fast.points.last().unwrap().w);
        assert!(ws > wf, "slow {ws} vs fast {wf}");
        assert!(wf >= PEN.min_width && ws <= PEN.max_width);
    }

    #[test]
    fn velocity_is_smoothed_and_widths_never_jump() {
        // a sudden burst of speed only moves the width part of the way
        let s = stroke(&[(0.0, 0.0, 0.0), (2.0, 0.0, 100.0), (400.0, 0.0, 101.0)]);
        let (w1, w2) = (s.points[1].w, s.points[2].w);
        assert!(w2 < w1);
        assert!(w1 - w2 <= (PEN.max_width - PEN.min_width) / 2.0 + 1e-9);
        assert!(s.v < 400.0 / 1.0, "speed is filtered, not raw");
    }

    #[test]
    fn tiny_moves_are_skipped() {
        let mut s = Stroke::start(10.0, 10.0, 0.0, &PEN);
        assert!(!s.push(10.3, 10.4, 5.0, &PEN));
        assert!(s.push(12.0, 10.0, 10.0, &PEN));
        assert_eq!(s.points.len(), 2);
    }

    #[test]
    fn smoothing_runs_through_midpoints() {
        let s = stroke(&[(0.0, 0.0, 0.0), (100.0, 0.0, 100.0), (100.0, 100.0, 200.0)]);
        let segs = segments(&s.points);
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[0].a, (0.0, 0.0));
        assert_eq!(segs[0].b, (50.0, 0.0));
        assert_eq!(segs[1].a, (50.0, 0.0));
        assert_eq!(segs[1].c, (100.0, 0.0));
        assert_eq!(segs[1].b, (100.0, 50.0));
        assert_eq!(segs[2].b, (100.0, 100.0));
        // consecutive segments join exactly, widths too
        for w in segs.windows(2) {
            assert_eq!(w[0].b, w[1].a);
            assert!((w[0].wb - w[1].wa).abs() < 1e-9);
        }
        // the curve stays inside the corner it rounds
        for (x, y, _) in segs[1].sample(10) {
            assert!((50.0..=100.0).contains(&x) && (0.0..=50.0).contains(&y));
        }
        // a tap is a dot
        let dot = Stroke::start(5.0, 5.0, 0.0, &PEN);
        let d = segments(&dot.points);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].a, d[0].b), ((5.0, 5.0), (5.0, 5.0)));
    }

    #[test]
    fn ink_bounds_and_export_size() {
        assert_eq!(ink_bounds(&[]), None);
        let dot = Stroke::start(100.0, 50.0, 0.0, &PEN);
        let r = ink_bounds(&[dot]).unwrap();
        let h = PEN.max_width / 2.0;
        assert_eq!(r, Rect { x0: 100.0 - h, y0: 50.0 - h, x1: 100.0 + h, y1: 50.0 + h });
        let line = stroke(&[(100.0, 200.0, 0.0), (300.0, 200.0, 50.0), (500.0, 200.0, 100.0)]);
        let r = ink_bounds(&[line]).unwrap();
        assert!((r.x0 - (100.0 - PEN.max_width / 2.0)).abs() < 1e-9);
        assert!(r.x1 <= 500.0 + PEN.max_width / 2.0 && r.x1 >= 500.0 + PEN.min_width / 2.0);
        assert!(r.y0 < 200.0 && r.y1 > 200.0 && r.height() <= PEN.max_width);
        // 0.4 CSS px per unit, 4 px margin, DPR 2
        let rect = Rect { x0: 0.0, y0: 0.0, x1: 500.0, y1: 100.0 };
        assert_eq!(export_size(&rect, 0.4, 2.0, 4.0), (416, 96));
        assert_eq!(export_size(&rect, 0.4, 1.0, 4.0), (208, 48));
        assert_eq!(
            export_size(&Rect { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 }, 1.0, 1.0, 0.0),
            (1, 1)
        );
    }
}
