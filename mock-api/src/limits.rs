//! Size limits on everything mock-api decodes from a request, and the one
//! answer for going over them: HTTP 413 `{"error": ["file_too_large"]}`
//! (the word the real API uses for a too-large document upload). Data that
//! cannot be decoded keeps each call's own HTTP 200 business error
//! (`ekyc_image_invalid`, `signature_invalid`, `file_invalid`), as before.
//!
//! | what | limit | why |
//! |---|---|---|
//! | request body under `/api` ([`BODY_LIMIT`]) | 14 MiB | the biggest legitimate body is a 10 MiB document upload as base64 (13.33 MiB) in JSON |
//! | document upload, decoded ([`UPLOAD_MAX`]) | 10 MiB | the reference's limit; the portal checks it before sending |
//! | eKYC image, decoded ([`EKYC_IMAGE_MAX`]) | 4 MiB | the portal sends JPEGs of at most 250 KB (1440 px); 16 times that |
//! | eKYC image, pixels ([`IMAGE_MAX_SIDE`], [`IMAGE_MAX_ALLOC`]) | 8192 px a side, 64 MiB of pixels | a 16-megapixel RGBA photo; a JPEG/PNG "bomb" claims far more |
//! | signature PNG, decoded ([`SIGNATURE_MAX`]) | 2 MiB | a canvas export of a few strokes is tens of KB |
//! | signature PNG, inflated ([`PNG_MAX_SIDE`], [`PNG_MAX_INFLATED`]) | 4096 px a side, 32 MiB | checked on the header before inflating, and inflation stops there |
//! | CSR text ([`CSR_MAX`]) | 64 KiB | a CSR is 1-3 KB of PEM |

use axum::http::StatusCode;
use base64::Engine;

use crate::envelope::ApiError;

/// The error word of every "over the limit" answer (HTTP 413).
pub const FILE_TOO_LARGE: &str = "file_too_large";

/// Largest document upload (`POST /domain/@id/documents/@doc/upload`), decoded.
pub const UPLOAD_MAX: usize = 10 * 1024 * 1024;

/// Largest request body accepted under `/api` (and `/__mock`): a
/// [`UPLOAD_MAX`] file as base64 plus room for the JSON around it.
pub const BODY_LIMIT: usize = 14 * 1024 * 1024;

/// Largest eKYC image (one field of an OCR or face-ID call), decoded.
pub const EKYC_IMAGE_MAX: usize = 4 * 1024 * 1024;
/// Largest width or height of an eKYC image.
pub const IMAGE_MAX_SIDE: u32 = 8192;
/// Largest pixel buffer an eKYC image may decode to (bytes).
pub const IMAGE_MAX_ALLOC: u64 = 64 * 1024 * 1024;

/// Largest signature image (`POST /domain/documents/signed`), decoded.
pub const SIGNATURE_MAX: usize = 2 * 1024 * 1024;
/// Largest width or height of a signature PNG.
pub const PNG_MAX_SIDE: u32 = 4096;
/// Largest inflated (filtered, uncompressed) size of a signature PNG.
pub const PNG_MAX_INFLATED: usize = 32 * 1024 * 1024;

/// Largest PEM text read as a CSR.
pub const CSR_MAX: usize = 64 * 1024;

// The body limit must fit the biggest legitimate upload.
const _: () = assert!(base64_len(UPLOAD_MAX) + 64 * 1024 < BODY_LIMIT);

/// HTTP 413 `{"error": ["file_too_large"]}`.
pub fn too_large() -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, FILE_TOO_LARGE)
}

/// Length of the padded base64 text of `bytes` bytes.
pub const fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Over a limit: answered with [`too_large`].
    TooLarge,
    /// Not what was expected: the call's own business error.
    Invalid,
}

impl DecodeError {
    /// The answer: 413 `file_too_large`, or HTTP 200 `{"error": [invalid]}`.
    pub fn into_api(self, invalid: &str) -> ApiError {
        match self {
            DecodeError::TooLarge => too_large(),
            DecodeError::Invalid => ApiError::business(invalid),
        }
    }
}

/// Decodes standard (padded) base64 of at most `max` bytes. The text's
/// length is checked before anything is decoded.
pub fn decode_base64(text: &str, max: usize) -> Result<Vec<u8>, DecodeError> {
    if text.len() > base64_len(max) {
        return Err(DecodeError::TooLarge);
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|_| DecodeError::Invalid)?;
    if bytes.len() > max {
        return Err(DecodeError::TooLarge);
    }
    Ok(bytes)
}

/// The decoder limits of an eKYC image.
pub fn image_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(IMAGE_MAX_SIDE);
    limits.max_image_height = Some(IMAGE_MAX_SIDE);
    limits.max_alloc = Some(IMAGE_MAX_ALLOC);
    limits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_limits() {
        let b64 = |n: usize| base64::engine::general_purpose::STANDARD.encode(vec![7u8; n]);
        assert_eq!(base64_len(0), 0);
        assert_eq!(base64_len(1), 4);
        assert_eq!(base64_len(3), 4);
        assert_eq!(base64_len(4), 8);
        assert_eq!(decode_base64(&b64(10), 10), Ok(vec![7u8; 10]));
        assert_eq!(decode_base64(&b64(11), 10), Err(DecodeError::TooLarge));
        // a text far too long is refused before decoding
        assert_eq!(decode_base64(&"!".repeat(100), 10), Err(DecodeError::TooLarge));
        assert_eq!(decode_base64("!!!!", 10), Err(DecodeError::Invalid));
        assert_eq!(decode_base64("", 10), Ok(vec![]));
    }

    #[test]
    fn answers() {
        let e = DecodeError::TooLarge.into_api("x");
        assert_eq!(
            (e.status, e.keys),
            (StatusCode::PAYLOAD_TOO_LARGE, vec!["file_too_large".into()])
        );
        let e = DecodeError::Invalid.into_api("signature_invalid");
        assert_eq!((e.status, e.keys), (StatusCode::OK, vec!["signature_invalid".into()]));
    }
}
