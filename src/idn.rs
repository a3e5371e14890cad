//! Internationalised domain names: Unicode labels ↔ their `xn--` ASCII
//! form (RFC 3492 punycode), pure and host-tested. No mapping tables: each
//! label is lower-cased (`char::to_lowercase`) and encoded as typed, so
//! letters must come precomposed (`ê`, not `e` + a combining circumflex);
//! combining marks are refused rather than turned into another name.
//!
//! The character rules of a given kind of name (`_`, `*`, the TLD…) are the
//! caller's: ASCII labels are passed through lower-cased.

/// Why a name has no ASCII form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdnError {
    /// Nothing to convert.
    Empty,
    /// Two dots in a row, or a dot first.
    EmptyLabel,
    /// A space (or another blank) inside the name.
    Space,
    /// A character no domain name can hold (symbols, emoji, controls).
    Char(char),
    /// An accent typed as a separate combining mark (decomposed Unicode).
    CombiningMark,
    /// A label longer than 63 characters once converted.
    LabelTooLong,
}

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points.max(1);
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> char {
    // 0..25 → a..z, 26..35 → 0..9
    let b = if d < 26 { b'a' + d as u8 } else { b'0' + (d - 26) as u8 };
    char::from(b)
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

/// RFC 3492 encoding of `input` (without the `xn--` prefix); `None` on
/// overflow (not reachable with DNS-sized labels).
pub fn punycode_encode(input: &str) -> Option<String> {
    let chars: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let total = chars.len() as u32;
    while handled < total {
        let m = chars.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

/// RFC 3492 decoding (input without `xn--`, any case); `None` when it is
/// not valid punycode.
pub fn punycode_decode(input: &str) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (basic, rest) = match input.rfind('-') {
        Some(i) => (input.get(..i)?, input.get(i + 1..)?),
        None => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = rest.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        let c = char::from_u32(n)?;
        if c.is_ascii() {
            return None;
        }
        out.insert(i as usize, c);
        i += 1;
    }
    Some(out.into_iter().collect())
}

/// Dots as typed on some keyboards (ideographic and full-width full stops).
fn is_dot(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{ff0e}' | '\u{ff61}')
}

/// The ASCII form of one label (already known non-empty).
fn label_to_ascii(label: &str) -> Result<String, IdnError> {
    let lower: String = label.chars().flat_map(char::to_lowercase).collect();
    if lower.chars().any(char::is_whitespace) {
        return Err(IdnError::Space);
    }
    if let Some(c) = lower.chars().find(|c| c.is_control()) {
        return Err(IdnError::Char(c));
    }
    if lower.is_ascii() {
        return if lower.len() > 63 { Err(IdnError::LabelTooLong) } else { Ok(lower) };
    }
    for c in lower.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            return Err(IdnError::CombiningMark);
        }
        if !c.is_ascii() && !c.is_alphanumeric() {
            return Err(IdnError::Char(c));
        }
    }
    let encoded = punycode_encode(&lower).ok_or(IdnError::LabelTooLong)?;
    let ascii = format!("xn--{encoded}");
    if ascii.len() > 63 {
        return Err(IdnError::LabelTooLong);
    }
    Ok(ascii)
}

/// The ASCII form of a name (`Tênmiền.vn` → `xn--tnmin-hsa0954c.vn`): each
/// label lower-cased, non-ASCII labels as `xn--` + punycode. One trailing
/// dot is kept. Refuses empty labels, blanks, symbols, combining marks and
/// labels over 63 characters once converted.
pub fn to_ascii(name: &str) -> Result<String, IdnError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(IdnError::Empty);
    }
    let (body, dot) = match name.char_indices().last() {
        Some((i, c)) if is_dot(c) && i > 0 => (name.get(..i).unwrap_or(name), "."),
        _ => (name, ""),
    };
    let mut out = Vec::new();
    for label in body.split(is_dot) {
        if label.is_empty() {
            return Err(IdnError::EmptyLabel);
        }
        out.push(label_to_ascii(label)?);
    }
    Ok(out.join(".") + dot)
}

/// A name for people: Unicode, with the ASCII form beside it when they
/// differ (`tênmiền.vn (xn--tnmin-hsa0954c.vn)`).
pub fn label(ascii: &str) -> String {
    let shown = to_unicode(ascii);
    if shown == ascii {
        shown
    } else {
        format!("{shown} ({ascii})")
    }
}

/// The Unicode form of a name for display: each valid `xn--` label decoded,
/// anything else kept as it is.
pub fn to_unicode(name: &str) -> String {
    name.split('.')
        .map(|label| {
            let prefix = label.get(..4).filter(|p| p.eq_ignore_ascii_case("xn--"));
            let decoded = prefix
                .and_then(|_| label.get(4..))
                .and_then(punycode_decode)
                .map(|u| u.to_lowercase());
            match decoded {
                // Only a label that encodes back to itself (in any case),
                // and not an ASCII-only payload.
                Some(u)
                    if !u.is_ascii()
                        && punycode_encode(&u).is_some_and(|e| {
                            label.get(4..).is_some_and(|l| l.eq_ignore_ascii_case(&e))
                        }) =>
                {
                    u
                }
                _ => label.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3492_samples() {
        // Section 7.1 of RFC 3492 (lower-cased where the RFC mixes case).
        let samples = [
            // (A) Arabic (Egyptian)
            (
                "\u{644}\u{64a}\u{647}\u{645}\u{627}\u{628}\u{62a}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64a}\u{61f}",
                "egbpdaj6bu4bxfgehfvwxn",
            ),
            // (B) Chinese (simplified)
            ("\u{4ed6}\u{4eec}\u{4e3a}\u{4ec0}\u{4e48}\u{4e0d}\u{8bf4}\u{4e2d}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
            // (L) 3<nen>B<gumi><kinpachi><sensei>
            ("3\u{5e74}b\u{7d44}\u{91d1}\u{516b}\u{5148}\u{751f}", "3b-ww4c5e180e575a65lsy2b"),
            // (S) -> $1.00 <-  (all basic)
            ("-> $1.00 <-", "-> $1.00 <--"),
            // (Q) <pafii>de<runba>
            ("\u{30d1}\u{30d5}\u{30a3}\u{30fc}de\u{30eb}\u{30f3}\u{30d0}", "de-jg4avhby1noc0d"),
        ];
        for (u, p) in samples {
            assert_eq!(punycode_encode(u).as_deref(), Some(p), "{u}");
            assert_eq!(punycode_decode(p).as_deref(), Some(u), "{p}");
        }
        // Vietnamese sample (D) of the RFC, mixed case there: decoding is
        // case-insensitive.
        let viet =
            "T\u{1ea1}isaoh\u{1ecd}kh\u{f4}ngth\u{1ec3}ch\u{1ec9}n\u{f3}iti\u{1ebf}ngVi\u{1ec7}t";
        let p = "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g";
        assert_eq!(punycode_decode(p).as_deref(), Some(viet));
        assert_eq!(punycode_encode(viet).as_deref(), Some(p));
    }

    #[test]
    fn well_known_names() {
        assert_eq!(to_ascii("bücher").as_deref(), Ok("xn--bcher-kva"));
        assert_eq!(to_ascii("münchen.de").as_deref(), Ok("xn--mnchen-3ya.de"));
        assert_eq!(to_ascii("MÜNCHEN.DE.").as_deref(), Ok("xn--mnchen-3ya.de."));
        assert_eq!(to_ascii("例え.jp").as_deref(), Ok("xn--r8jz45g.jp"));
        assert_eq!(to_unicode("xn--bcher-kva.example"), "bücher.example");
        assert_eq!(to_unicode("XN--MNCHEN-3YA.de"), "münchen.de");
    }

    #[test]
    fn vietnamese_names() {
        for (u, a) in [
            ("tênmiền.vn", "xn--tnmin-hsa0954c.vn"),
            ("công-ty.com.vn", "xn--cng-ty-ixa.com.vn"),
            ("bánhmì-sàigòn.vn", "xn--bnhm-sign-v1af9kod.vn"),
            ("Tênmiền.vn", "xn--tnmin-hsa0954c.vn"),
            ("việtnam.vn", "xn--vitnam-jk8b.vn"),
        ] {
            assert_eq!(to_ascii(u).as_deref(), Ok(a), "{u}");
            assert_eq!(to_unicode(a), u.to_lowercase(), "{a}");
        }
        // Ideographic full stop as the separator.
        assert_eq!(to_ascii("tênmiền\u{3002}vn").as_deref(), Ok("xn--tnmin-hsa0954c.vn"));
    }

    #[test]
    fn ascii_labels_pass_through_lower_cased() {
        assert_eq!(to_ascii("WWW.Example.COM").as_deref(), Ok("www.example.com"));
        assert_eq!(to_ascii("_sip._tcp").as_deref(), Ok("_sip._tcp"));
        assert_eq!(to_ascii("xn--bcher-kva.de").as_deref(), Ok("xn--bcher-kva.de"));
        assert_eq!(to_unicode("www.example.com"), "www.example.com");
    }

    #[test]
    fn refusals_name_the_problem() {
        assert_eq!(to_ascii(""), Err(IdnError::Empty));
        assert_eq!(to_ascii("   "), Err(IdnError::Empty));
        assert_eq!(to_ascii("a..vn"), Err(IdnError::EmptyLabel));
        assert_eq!(to_ascii(".vn"), Err(IdnError::EmptyLabel));
        assert_eq!(to_ascii("tên miền.vn"), Err(IdnError::Space));
        assert_eq!(to_ascii("a b.vn"), Err(IdnError::Space));
        assert_eq!(to_ascii("tên✓.vn"), Err(IdnError::Char('✓')));
        assert_eq!(to_ascii("😀.vn"), Err(IdnError::Char('😀')));
        // "tê" typed as t + e + combining circumflex.
        assert_eq!(to_ascii("te\u{302}n.vn"), Err(IdnError::CombiningMark));
        assert_eq!(to_ascii(&"a".repeat(64)), Err(IdnError::LabelTooLong));
        assert!(to_ascii(&"a".repeat(63)).is_ok());
        // 60 letters with an accent: more than 63 once encoded.
        assert_eq!(to_ascii(&format!("{}ê", "a".repeat(59))), Err(IdnError::LabelTooLong));
    }

    #[test]
    fn round_trips() {
        for u in [
            "tênmiền",
            "công-ty",
            "bánhmì-sàigòn",
            "đàlạt",
            "phởhànội",
            "ñandú",
            "россия",
            "ελληνικά",
            "中文",
            "a-ê-b",
        ] {
            let a = to_ascii(u).unwrap();
            assert!(a.starts_with("xn--") && a.is_ascii(), "{a}");
            assert_eq!(to_unicode(&a), u, "{a}");
        }
    }

    #[test]
    fn invalid_punycode_is_kept() {
        assert_eq!(punycode_decode("99999999999999999"), None);
        assert_eq!(punycode_decode("ab!"), None);
        assert_eq!(to_unicode("xn--99999999999.vn"), "xn--99999999999.vn");
        assert_eq!(to_unicode("xn--.vn"), "xn--.vn");
        assert_eq!(to_unicode("xn--abc-.vn"), "xn--abc-.vn");
        assert_eq!(to_unicode(""), "");
    }
}
