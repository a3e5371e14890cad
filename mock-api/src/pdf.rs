//! Small, valid PDF documents written by hand (no external tool): the
//! registration documents of the domain section, and their signed copies
//! with the customer's drawn signature stamped on the page.
//!
//! A document is one A4 page: a catalog, a page tree, Helvetica (built-in
//! font, WinAnsi), one content stream and, when signed, an image mask made
//! from the signature PNG. The cross-reference table carries the real byte
//! offsets, so strict readers (pdf.js, Chromium's viewer) open it.

use std::fmt::Write as _;

/// A decoded signature: 1-bit ink mask, row-major, `true` = ink.
#[derive(Debug, Clone, PartialEq)]
pub struct InkMask {
    pub width: u32,
    pub height: u32,
    pub ink: Vec<bool>,
}

impl InkMask {
    pub fn ink_pixels(&self) -> usize {
        self.ink.iter().filter(|i| **i).count()
    }
}

/// What goes on the page.
pub struct Page<'a> {
    pub title: &'a str,
    pub lines: &'a [String],
    /// The signature and the line printed under it.
    pub signature: Option<(&'a InkMask, String)>,
}

/// Text for Helvetica/WinAnsi: Vietnamese letters lose their marks
/// ("Nguyễn" → "Nguyen"), anything else non-ASCII becomes '?', and PDF
/// string delimiters are escaped.
pub fn pdf_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let c = fold_vietnamese(ch);
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// The base letter of a Vietnamese letter with marks.
pub fn fold_vietnamese(ch: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    if ch.is_ascii() {
        return ch;
    }
    GROUPS.iter().find(|(set, _)| set.contains(ch)).map(|(_, base)| *base).unwrap_or(ch)
}

/// Writes the objects and the cross-reference table.
struct Writer {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Writer {
    fn new() -> Self {
        let mut out = Vec::new();
        out.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
        Writer { out, offsets: Vec::new() }
    }

    /// Object number `offsets.len() + 1` with this dictionary/body.
    fn object(&mut self, body: &[u8]) {
        self.offsets.push(self.out.len());
        let n = self.offsets.len();
        self.out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn stream(&mut self, dict: &str, data: &[u8]) {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.object(&body);
    }

    fn finish(mut self) -> Vec<u8> {
        let xref = self.out.len();
        let n = self.offsets.len() + 1;
        let mut table = format!("xref\n0 {n}\n0000000000 65535 f \n");
        for off in &self.offsets {
            let _ = writeln!(table, "{off:010} 00000 n ");
        }
        let _ = write!(table, "trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        self.out.extend_from_slice(table.as_bytes());
        self.out
    }
}

/// One A4 page with a title, lines of text and an optional signature.
pub fn document(page: &Page) -> Vec<u8> {
    let mut content = String::new();
    content.push_str("BT /F1 15 Tf 56 780 Td (");
    content.push_str(&pdf_text(page.title));
    content.push_str(") Tj ET\n");
    content.push_str("0.6 w 56 766 m 539 766 l S\n");
    let mut y = 740;
    for line in page.lines {
        let _ = writeln!(content, "BT /F1 11 Tf 56 {y} Td ({}) Tj ET", pdf_text(line));
        y -= 18;
    }
    if let Some((mask, caption)) = &page.signature {
        // Fit the signature in a 220 x 80 pt box, keeping its shape.
        let (w, h) = (mask.width.max(1) as f64, mask.height.max(1) as f64);
        let scale = (220.0 / w).min(80.0 / h);
        let (dw, dh) = (w * scale, h * scale);
        let top = (y - 20) as f64;
        let _ = writeln!(
            content,
            "q 0.05 0.15 0.45 rg {dw:.2} 0 0 {dh:.2} 300 {:.2} cm /Sig Do Q",
            top - dh
        );
        let _ = writeln!(
            content,
            "BT /F1 9 Tf 300 {:.2} Td ({}) Tj ET",
            top - dh - 14.0,
            pdf_text(caption)
        );
    }

    let mut w = Writer::new();
    w.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    w.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    let xobject = if page.signature.is_some() { " /XObject << /Sig 6 0 R >>" } else { "" };
    w.object(
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 4 0 R >>{xobject} >> /Contents 5 0 R >>"
        )
        .as_bytes(),
    );
    w.object(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    w.stream("", content.as_bytes());
    if let Some((mask, _)) = &page.signature {
        let row = mask.width.div_ceil(8) as usize;
        let mut bits = vec![0u8; row * mask.height as usize];
        for yy in 0..mask.height as usize {
            for xx in 0..mask.width as usize {
                if mask.ink[yy * mask.width as usize + xx] {
                    bits[yy * row + xx / 8] |= 0x80 >> (xx % 8);
                }
            }
        }
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bits, 6);
        w.stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} /ImageMask true \
                 /Decode [1 0] /Filter /FlateDecode",
                mask.width, mask.height
            ),
            &packed,
        );
    }
    w.finish()
}

/// Why a signature image was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    NotPng,
    Unsupported,
    Corrupt,
    /// Wider or taller than [`crate::limits::PNG_MAX_SIDE`], or inflating
    /// to more than [`crate::limits::PNG_MAX_INFLATED`].
    TooLarge,
}

/// Decodes a (non-interlaced, 8-bit) PNG into an ink mask: dark, opaque
/// pixels are ink. Enough for canvas exports; anything else is refused. The
/// size the header announces is checked before inflating, and inflation
/// stops at that size (a "PNG bomb" is refused, not inflated).
pub fn png_ink(data: &[u8]) -> Result<InkMask, PngError> {
    const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if data.len() < 33 || &data[..8] != SIG {
        return Err(PngError::NotPng);
    }
    let mut pos = 8;
    let mut header = None;
    let mut idat = Vec::new();
    while pos + 12 <= data.len() {
        let len =
            u32::from_be_bytes([data[pos], data[pos + 1], data[pos + 2], data[pos + 3]]) as usize;
        let kind = &data[pos + 4..pos + 8];
        let start = pos + 8;
        let end = start.checked_add(len).ok_or(PngError::Corrupt)?;
        if end + 4 > data.len() {
            return Err(PngError::Corrupt);
        }
        let chunk = &data[start..end];
        match kind {
            b"IHDR" if len == 13 => {
                let w = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                let h = u32::from_be_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
                header = Some((w, h, chunk[8], chunk[9], chunk[12]));
            }
            b"IDAT" => idat.extend_from_slice(chunk),
            b"IEND" => break,
            _ => {}
        }
        pos = end + 4;
    }
    let (width, height, depth, color, interlace) = header.ok_or(PngError::Corrupt)?;
    let channels = match color {
        0 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return Err(PngError::Unsupported),
    };
    use crate::limits::{PNG_MAX_INFLATED, PNG_MAX_SIDE};
    if width > PNG_MAX_SIDE || height > PNG_MAX_SIDE {
        return Err(PngError::TooLarge);
    }
    if depth != 8 || interlace != 0 || width == 0 || height == 0 {
        return Err(PngError::Unsupported);
    }
    let stride = width as usize * channels;
    let expected = (stride + 1) * height as usize;
    if expected > PNG_MAX_INFLATED {
        return Err(PngError::TooLarge);
    }
    let raw =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&idat, expected).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => PngError::TooLarge,
                _ => PngError::Corrupt,
            }
        })?;
    if raw.len() < expected {
        return Err(PngError::Corrupt);
    }
    let mut prev = vec![0u8; stride];
    let mut cur = vec![0u8; stride];
    let mut ink = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height as usize {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let filter = line[0];
        for i in 0..stride {
            let a = if i >= channels { cur[i - channels] as i16 } else { 0 };
            let b = prev[i] as i16;
            let c = if i >= channels { prev[i - channels] as i16 } else { 0 };
            let x = line[i + 1];
            cur[i] = match filter {
                0 => x,
                1 => x.wrapping_add(a as u8),
                2 => x.wrapping_add(b as u8),
                3 => x.wrapping_add(((a + b) / 2) as u8),
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    x.wrapping_add(pred as u8)
                }
                _ => return Err(PngError::Corrupt),
            };
        }
        for px in cur.chunks(channels) {
            let (lum, alpha) = match channels {
                1 => (px[0] as u32, 255),
                2 => (px[0] as u32, px[1] as u32),
                3 => ((px[0] as u32 * 3 + px[1] as u32 * 6 + px[2] as u32) / 10, 255),
                _ => ((px[0] as u32 * 3 + px[1] as u32 * 6 + px[2] as u32) / 10, px[3] as u32),
            };
            ink.push(alpha > 96 && lum < 160);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Ok(InkMask { width, height, ink })
}

/// Writes an 8-bit grey+alpha PNG (for tests and seeds): ink where `f` is true.
pub fn png_from(width: u32, height: u32, f: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0u8);
        for x in 0..width {
            if f(x, y) {
                raw.extend_from_slice(&[20, 255]);
            } else {
                raw.extend_from_slice(&[0, 0]);
            }
        }
    }
    png_with_idat(width, height, 4, &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6))
}

/// A PNG of 8-bit samples whose header says `width`×`height` in colour type
/// `color` (0 grey, 2 RGB, 4 grey+alpha, 6 RGBA) and whose one IDAT chunk
/// is `idat` as given: for tests of what the decoders refuse (a header
/// that promises more than the data, a tiny IDAT that inflates to a lot).
pub fn png_with_idat(width: u32, height: u32, color: u8, idat: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, color, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", idat);
    chunk(b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the header, the trailer and that every xref offset points at
    /// its "N 0 obj".
    pub fn assert_valid_pdf(pdf: &[u8]) {
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let at = |off: usize, what: &str| pdf[off..].starts_with(what.as_bytes());
        let sx = (0..pdf.len()).rev().find(|&i| at(i, "startxref\n")).unwrap();
        let tail = String::from_utf8_lossy(&pdf[sx + 10..]).to_string();
        let xref: usize = tail.lines().next().unwrap().parse().unwrap();
        assert!(at(xref, "xref\n"));
        let table = String::from_utf8_lossy(&pdf[xref..sx]).to_string();
        let entries: Vec<&str> = table.lines().skip(3).take_while(|l| l.ends_with(" n ")).collect();
        assert!(entries.len() >= 5);
        for (i, e) in entries.iter().enumerate() {
            let off: usize = e[..10].parse().unwrap();
            assert!(at(off, &format!("{} 0 obj", i + 1)), "object {}", i + 1);
        }
    }

    #[test]
    fn unsigned_document_is_valid() {
        let lines =
            vec!["Ten mien: nguyenvanan.vn".to_string(), "Chủ thể: Nguyễn Văn An (x)".to_string()];
        let pdf = document(&Page { title: "Bản khai", lines: &lines, signature: None });
        assert_valid_pdf(&pdf);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Chu the: Nguyen Van An \\(x\\)) Tj"));
        assert!(!text.contains("/XObject"));
    }

    #[test]
    fn png_round_trip_and_signed_document() {
        let png = png_from(40, 10, |x, y| y == 5 && x > 3);
        let mask = png_ink(&png).unwrap();
        assert_eq!((mask.width, mask.height), (40, 10));
        assert_eq!(mask.ink_pixels(), 36);
        let pdf =
            document(&Page { title: "t", lines: &[], signature: Some((&mask, "Signed".into())) });
        assert_valid_pdf(&pdf);
        assert!(String::from_utf8_lossy(&pdf).contains("/ImageMask true"));
        assert_eq!(png_ink(b"not a png at all, definitely not"), Err(PngError::NotPng));
        let mut broken = png.clone();
        broken.truncate(40);
        assert!(png_ink(&broken).is_err());
    }

    #[test]
    fn png_bombs_are_refused_before_or_while_inflating() {
        use crate::limits::{PNG_MAX_INFLATED, PNG_MAX_SIDE};
        let zlib = |n: usize| miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; n], 9);
        // Within the limits: a header that matches its data decodes.
        let ok = png_with_idat(100, 100, 6, &zlib(401 * 100));
        assert_eq!(png_ink(&ok).unwrap().ink_pixels(), 0);
        // Too wide or too tall, whatever the data.
        let wide = png_with_idat(PNG_MAX_SIDE + 1, 1, 0, &zlib(10));
        assert_eq!(png_ink(&wide).err(), Some(PngError::TooLarge));
        assert_eq!(
            png_ink(&png_with_idat(1, 100_000, 0, &zlib(10))).err(),
            Some(PngError::TooLarge)
        );
        // Within the sides, but the header promises more than 32 MiB.
        let huge = png_with_idat(PNG_MAX_SIDE, PNG_MAX_SIDE, 6, &zlib(10));
        assert!((PNG_MAX_SIDE as usize * 4 + 1) * PNG_MAX_SIDE as usize > PNG_MAX_INFLATED);
        assert_eq!(png_ink(&huge).err(), Some(PngError::TooLarge));
        // A 100x100 header over 8 MiB of zeros (8 KiB compressed):
        // inflation stops at the 40,100 bytes the header allows.
        let idat = zlib(8 * 1024 * 1024);
        assert!(idat.len() < 16 * 1024, "{}", idat.len());
        let bomb = png_with_idat(100, 100, 6, &idat);
        assert_eq!(png_ink(&bomb).err(), Some(PngError::TooLarge));
        // Less data than the header says: corrupt.
        let short = png_with_idat(100, 100, 6, &zlib(1000));
        assert_eq!(png_ink(&short).err(), Some(PngError::Corrupt));
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(pdf_text("Đăng ký tên miền"), "Dang ky ten mien");
        assert_eq!(pdf_text("中"), "?");
    }
}
