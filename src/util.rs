//! Small pure helpers shared by pages and the API layer.

/// Percent-encodes everything but RFC 3986 unreserved characters, for a path
/// segment or a query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` sequences and `+` (as in a query string). Invalid
/// sequences are kept as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page to go to after login: only a local path ("/x"), never another
/// site ("//evil.com", "https://…", "/\\evil") and never the login page itself.
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/dashboard";
    let Some(n) = next.map(str::trim).filter(|n| !n.is_empty()) else { return HOME.into() };
    let login = n == "/login" || n.starts_with("/login?") || n.starts_with("/login/");
    let foreign = n.starts_with("//") || n.starts_with("/\\");
    let ok = n.starts_with('/') && !foreign && !n.chars().any(char::is_control) && !login;
    if ok {
        n.to_owned()
    } else {
        HOME.into()
    }
}

/// A plausible e-mail address: one `@`, something before it, a dot in the
/// domain, no spaces. The server has the last word.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// An e-mail address with its domain in ASCII (`an@tênmiền.vn` →
/// `an@xn--tnmin-hsa0954c.vn`), as the API takes it; the local part is
/// kept as typed. An address whose domain cannot be converted is returned
/// trimmed, for the server to judge.
pub fn email_ascii(s: &str) -> String {
    let s = s.trim();
    match s.rsplit_once('@') {
        Some((local, domain)) => match crate::idn::to_ascii(domain) {
            Ok(d) => format!("{local}@{d}"),
            Err(_) => s.to_owned(),
        },
        None => s.to_owned(),
    }
}

/// A version-4 UUID (RFC 9562) from 16 random bytes, lower-case hex
/// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. The bytes come from
/// `browser::random_bytes` (crypto.getRandomValues).
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Text for searching and comparing names: lower case, Vietnamese
/// diacritics removed ("Bến Nghé" → "ben nghe", "Đà Nẵng" → "da nang"),
/// also when typed as combining marks, and any run of punctuation or
/// spaces turned into one space.
pub fn fold(s: &str) -> String {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for ch in s.chars().flat_map(char::to_lowercase) {
        if ('\u{300}'..='\u{36f}').contains(&ch) {
            continue; // a combining accent (decomposed input)
        }
        let base = if ch.is_ascii() {
            ch
        } else {
            GROUPS.iter().find(|(_, v)| v.contains(ch)).map_or(ch, |(b, _)| *b)
        };
        if base.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(base);
        } else {
            gap = true;
        }
    }
    out
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m as i64 + 9) % 12) + 2) / 5 + d as i64 - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// (year, month, day) of a day number (days since 1970-01-01).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Today in the user's time zone, as a day number.
pub fn today() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        days_from_civil(d.get_full_year() as i64, d.get_month() + 1, d.get_date())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::browser::now_secs().div_euclid(86_400)
    }
}

/// The order of `len` items under `cmp` (stable). `sort_by` is compiled
/// anew for every element type and comparator (4-5 KB of wasm each); the
/// portal sorts through this one copy instead.
pub fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Stable sort of `v` under `cmp`, through [`sorted_indices`].
pub fn sort_with<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> std::cmp::Ordering) {
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Tests' random numbers: xorshift64*, a fixed sequence from the seed,
/// so a failure can be replayed (the fuzzed decoders, the X.509 readers).
#[cfg(test)]
pub(crate) struct Rng(pub(crate) u64);

#[cfg(test)]
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_through_one_copy() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_with(&mut v, &|a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_with(&mut empty, &|a, b| a.cmp(b));
        assert!(empty.is_empty());
        assert_eq!(sorted_indices(3, &|a, b| b.cmp(&a)), [2, 1, 0]);
    }

    #[test]
    fn encodes_and_decodes() {
        assert_eq!(percent_encode("/dashboard?x=1 y"), "%2Fdashboard%3Fx%3D1%20y");
        assert_eq!(percent_encode("bến"), "b%E1%BA%BFn");
        assert_eq!(percent_decode("%2Fdashboard%3Fx%3D1%20y"), "/dashboard?x=1 y");
        assert_eq!(percent_decode("b%E1%BA%BFn+x"), "bến x");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%4"), "%4");
    }

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/dashboard")), "/dashboard");
        assert_eq!(safe_next(Some("/domains/5?tab=ns")), "/domains/5?tab=ns");
        assert_eq!(safe_next(None), "/dashboard");
        assert_eq!(safe_next(Some("")), "/dashboard");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/login?next=/x")), "/dashboard");
        assert_eq!(safe_next(Some("/x\n")), "/x");
        assert_eq!(safe_next(Some("/x\u{0}y")), "/dashboard");
    }

    #[test]
    fn emails() {
        assert!(looks_like_email("demo@bkns.vn"));
        assert!(looks_like_email(" an.nguyen+test@congty.com.vn "));
        assert!(!looks_like_email("demo"));
        assert!(!looks_like_email("demo@bkns"));
        assert!(!looks_like_email("@bkns.vn"));
        assert!(!looks_like_email("a b@bkns.vn"));
        assert!(!looks_like_email("a@b@c.vn"));
        assert!(!looks_like_email("a@.vn"));
    }

    #[test]
    fn uuid_v4_shape() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = uuid_v4([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
        assert_ne!(uuid_v4([1; 16]), uuid_v4([2; 16]));
    }

    #[test]
    fn folding_ignores_case_diacritics_and_punctuation() {
        assert_eq!(fold("Phường Bến Nghé"), "phuong ben nghe");
        assert_eq!(fold("  ĐÀ   NẴNG, Việt-Nam "), "da nang viet nam");
        assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
        assert_eq!(fold("Bắc Kạn"), "bac kan");
        // decomposed input: "e" + circumflex + acute
        assert_eq!(fold("Be\u{302}\u{301}n Nghe\u{301}"), "ben nghe");
        assert_eq!(fold("Quận 1"), "quan 1");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn e_mail_domains_go_out_in_ascii() {
        assert_eq!(email_ascii(" an@Tênmiền.vn "), "an@xn--tnmin-hsa0954c.vn");
        assert_eq!(email_ascii("an@bkns.vn"), "an@bkns.vn");
        assert_eq!(email_ascii("no-at-sign"), "no-at-sign");
        assert_eq!(email_ascii("a@tên miền.vn"), "a@tên miền.vn");
    }
}
