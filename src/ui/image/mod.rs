//! Pictures for uploads: taken from a `<video>` (camera) or a file, checked
//! ([`quality`]) and encoded as JPEG within a byte budget ([`encode`]) by the
//! browser's canvas (no image codec in the wasm). Uploaded files are turned
//! upright with `createImageBitmap(file, {imageOrientation: "from-image"})`,
//! which applies the EXIF orientation.

pub mod encode;
pub mod quality;

use base64::Engine;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A picture held in a canvas at its full resolution. Cheap to clone; safe
/// to keep in signals (the wasm has one thread).
#[derive(Clone, Debug)]
pub struct Picture {
    canvas: SendWrapper<HtmlCanvasElement>,
}

/// Why a picture could not be made or encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// The file is not an image the browser can decode.
    Unreadable,
    /// The camera gave no frame yet.
    NoFrame,
    /// The canvas failed (out of memory, tainted).
    Canvas,
}

/// An encoded picture ready to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// Base64 of the JPEG, without a `data:` prefix.
    pub base64: String,
    pub bytes: usize,
    pub width: u32,
    pub height: u32,
    pub quality: f64,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn canvas(w: u32, h: u32) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), ImageError> {
    let c: HtmlCanvasElement = document()
        .and_then(|d| d.create_element("canvas").ok())
        .ok_or(ImageError::Canvas)?
        .unchecked_into();
    c.set_width(w.max(1));
    c.set_height(h.max(1));
    let ctx = c
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|x| x.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or(ImageError::Canvas)?;
    Ok((c, ctx))
}

impl Picture {
    /// The current frame of a playing video, at the camera's resolution.
    pub fn from_video(video: &web_sys::HtmlVideoElement) -> Result<Picture, ImageError> {
        let (w, h) = (video.video_width(), video.video_height());
        if w == 0 || h == 0 {
            return Err(ImageError::NoFrame);
        }
        let (c, ctx) = canvas(w, h)?;
        ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w as f64, h as f64)
            .map_err(|_| ImageError::Canvas)?;
        Ok(Picture { canvas: SendWrapper::new(c) })
    }

    /// A picture from an image file (or any blob), turned upright by its
    /// EXIF orientation.
    pub async fn from_blob(blob: &web_sys::Blob) -> Result<Picture, ImageError> {
        let window = web_sys::window().ok_or(ImageError::Canvas)?;
        let opts = web_sys::ImageBitmapOptions::new();
        opts.set_image_orientation(web_sys::ImageOrientation::FromImage);
        let promise = window
            .create_image_bitmap_with_blob_and_image_bitmap_options(blob, &opts)
            .map_err(|_| ImageError::Unreadable)?;
        let bitmap: web_sys::ImageBitmap =
            JsFuture::from(promise).await.map_err(|_| ImageError::Unreadable)?.unchecked_into();
        let (w, h) = (bitmap.width(), bitmap.height());
        let (c, ctx) = canvas(w, h)?;
        let drawn = ctx.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0);
        bitmap.close();
        drawn.map_err(|_| ImageError::Canvas)?;
        Ok(Picture { canvas: SendWrapper::new(c) })
    }

    pub fn width(&self) -> u32 {
        self.canvas.width()
    }

    pub fn height(&self) -> u32 {
        self.canvas.height()
    }

    /// The RGBA pixels, for [`quality`].
    pub fn rgba(&self) -> Result<Vec<u8>, ImageError> {
        let ctx = self
            .canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|x| x.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or(ImageError::Canvas)?;
        let data = ctx
            .get_image_data(0.0, 0.0, self.width() as f64, self.height() as f64)
            .map_err(|_| ImageError::Canvas)?;
        Ok(data.data().0)
    }

    fn scaled(&self, w: u32, h: u32) -> Result<HtmlCanvasElement, ImageError> {
        if (w, h) == (self.width(), self.height()) {
            return Ok((*self.canvas).clone());
        }
        let (c, ctx) = canvas(w, h)?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &self.canvas,
            0.0,
            0.0,
            w as f64,
            h as f64,
        )
        .map_err(|_| ImageError::Canvas)?;
        Ok(c)
    }

    /// JPEG, long side ≤ `max_long`, file ≤ `max_bytes` (quality searched,
    /// then the picture shrunk when even the lowest quality is too big).
    pub async fn encode_jpeg(
        &self,
        max_long: u32,
        max_bytes: usize,
    ) -> Result<Encoded, ImageError> {
        let mut long = max_long;
        for _ in 0..4 {
            let (w, h) = encode::fit(self.width(), self.height(), long);
            let c = self.scaled(w, h)?;
            let mut search = encode::QualitySearch::new(max_bytes);
            let mut best: Option<(f64, web_sys::Blob)> = None;
            while let Some(q) = search.next() {
                let blob = to_jpeg(&c, q).await.ok_or(ImageError::Canvas)?;
                let size = blob.size() as usize;
                search.record(q, size);
                if size <= max_bytes && best.as_ref().is_none_or(|(bq, _)| q > *bq) {
                    best = Some((q, blob));
                }
            }
            if let Some((quality, blob)) = best {
                let bytes = blob_bytes(&blob).await.ok_or(ImageError::Canvas)?;
                return Ok(Encoded {
                    base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                    bytes: bytes.len(),
                    width: w,
                    height: h,
                    quality,
                });
            }
            long = long * 3 / 4;
        }
        Err(ImageError::Canvas)
    }
}

async fn to_jpeg(c: &HtmlCanvasElement, quality: f64) -> Option<web_sys::Blob> {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if c.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from_f64(quality),
        )
        .is_err()
        {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    JsFuture::from(promise).await.ok()?.dyn_into::<web_sys::Blob>().ok()
}

async fn blob_bytes(blob: &web_sys::Blob) -> Option<Vec<u8>> {
    let buf = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}
