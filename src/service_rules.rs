//! The rules of the cloud-server pages, pure and host-tested: checking a
//! reverse-DNS host name (saying which rule failed), telling IPv4 from
//! IPv6 and ordering addresses, rating and generating passwords, and the
//! quota maths of a new VM. Messages are i18n keys (`servers.*`); the
//! pages translate them.

use crate::api::services::provision::{Flavor, Usage};
use crate::i18n::Lang;
use std::cmp::Ordering;
use std::net::IpAddr;

// ------------------------------------------------------------------ host names

/// Why a host name cannot be a PTR record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostError {
    /// A space or tab inside the name.
    Spaces,
    /// Letters with diacritics: the name must be written in punycode.
    Unicode,
    /// A character DNS names cannot hold (`_`, `/`, `:`, `@`...).
    Char(char),
    /// Two dots in a row, or a dot first.
    EmptyLabel,
    /// A part longer than 63 characters.
    LabelTooLong,
    /// A part starting or ending with a hyphen.
    Hyphen,
    /// `xn--` with nothing after it.
    Punycode,
    /// Longer than 253 characters.
    TooLong,
    /// One part only (`localhost`): a PTR names a full host.
    OneLabel,
    /// The last part is a number (an address, not a name).
    Numeric,
}

impl HostError {
    /// The i18n key of the message (`{char}` is filled by the page for
    /// [`HostError::Char`]).
    pub fn key(self) -> &'static str {
        match self {
            HostError::Spaces => "servers.host_spaces",
            HostError::Unicode => "servers.host_unicode",
            HostError::Char(_) => "servers.host_char",
            HostError::EmptyLabel => "servers.host_empty_label",
            HostError::LabelTooLong => "servers.host_label_long",
            HostError::Hyphen => "servers.host_hyphen",
            HostError::Punycode => "servers.host_punycode",
            HostError::TooLong => "servers.host_too_long",
            HostError::OneLabel => "servers.host_one_label",
            HostError::Numeric => "servers.host_numeric",
        }
    }
}

/// Checks a PTR host name as typed. Empty (after trimming) is `Ok("")`:
/// it removes the record. Otherwise labels of 1-63 letters, digits or
/// inner hyphens (IDN as `xn--` punycode), at least two of them, at most
/// 253 characters, one optional trailing dot. Gives the name to send:
/// trimmed, lower case, without the trailing dot.
pub fn check_hostname(input: &str) -> Result<String, HostError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    if s.chars().any(char::is_whitespace) {
        return Err(HostError::Spaces);
    }
    if let Some(c) = s.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.')) {
        return Err(if c.is_ascii() { HostError::Char(c) } else { HostError::Unicode });
    }
    let name = s.strip_suffix('.').unwrap_or(s);
    if name.len() > 253 {
        return Err(HostError::TooLong);
    }
    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        if label.is_empty() {
            return Err(HostError::EmptyLabel);
        }
        if label.len() > 63 {
            return Err(HostError::LabelTooLong);
        }
        if label.eq_ignore_ascii_case("xn--") {
            return Err(HostError::Punycode);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(HostError::Hyphen);
        }
    }
    if labels.len() < 2 {
        return Err(HostError::OneLabel);
    }
    if labels.last().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return Err(HostError::Numeric);
    }
    Ok(name.to_ascii_lowercase())
}

// ------------------------------------------------------------------ addresses

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpKind {
    V4,
    V6,
}

impl IpKind {
    /// "IPv4" / "IPv6" (the same in both languages).
    pub fn label(self) -> &'static str {
        match self {
            IpKind::V4 => "IPv4",
            IpKind::V6 => "IPv6",
        }
    }
}

/// Which family an address is of, if it is one (surrounding spaces and an
/// IPv6 zone or prefix length are ignored).
pub fn ip_kind(s: &str) -> Option<IpKind> {
    match parse_ip(s)? {
        IpAddr::V4(_) => Some(IpKind::V4),
        IpAddr::V6(_) => Some(IpKind::V6),
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    let s = s.split(['/', '%']).next().unwrap_or(s);
    let s = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(s);
    s.parse().ok()
}

/// Addresses in display order: IPv4 before IPv6, each by value
/// (`10.0.0.9` before `10.0.0.10`), anything unreadable last, by text.
pub fn ip_order(a: &str, b: &str) -> Ordering {
    fn key(s: &str) -> (u8, u128) {
        match parse_ip(s) {
            Some(IpAddr::V4(v)) => (0, u32::from(v) as u128),
            Some(IpAddr::V6(v)) => (1, u128::from(v)),
            None => (2, 0),
        }
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

// ------------------------------------------------------------------ passwords

/// How hard a password is to guess, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Weak,
    Fair,
    Good,
    Strong,
}

impl Level {
    /// 1-4, for a `<meter>`.
    pub fn score(self) -> u8 {
        self as u8 + 1
    }
    pub fn key(self) -> &'static str {
        match self {
            Level::Weak => "servers.pw_level_weak",
            Level::Fair => "servers.pw_level_fair",
            Level::Good => "servers.pw_level_good",
            Level::Strong => "servers.pw_level_strong",
        }
    }
}

/// A password's rating and the i18n key of the advice that goes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strength {
    pub level: Level,
    pub advice: &'static str,
}

/// Passwords (and roots of them) found at the top of every leaked list,
/// Vietnamese favourites included.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "matkhau",
    "123456",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty",
    "qwertyuiop",
    "abc123",
    "admin",
    "administrator",
    "root",
    "toor",
    "letmein",
    "welcome",
    "iloveyou",
    "anhyeuem",
    "emyeuanh",
    "111111",
    "000000",
    "123123",
    "changeme",
    "secret",
    "bkns",
    "vietnam",
    "hosting",
    "server",
    "default",
];

/// Runs typed on a keyboard row, read in both directions.
const ROWS: [&str; 4] = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];

/// Four or more characters in a row of the alphabet, of digits or of a
/// keyboard row (`abcd`, `4321`, `qwer`).
fn has_sequence(pw: &str) -> bool {
    let b: Vec<u8> = pw.to_ascii_lowercase().into_bytes();
    let stepped = b.windows(4).any(|w| {
        w.iter().all(u8::is_ascii_alphanumeric)
            && (w.windows(2).all(|p| p[1] == p[0].wrapping_add(1))
                || w.windows(2).all(|p| p[1] == p[0].wrapping_sub(1)))
    });
    let lower = pw.to_ascii_lowercase();
    let on_row = lower.as_bytes().windows(4).filter_map(|w| std::str::from_utf8(w).ok()).any(|w| {
        let rev: String = w.chars().rev().collect();
        ROWS.iter().any(|r| r.contains(w) || r.contains(rev.as_str()))
    });
    stepped || on_row
}

/// The same character three times in a row.
fn has_repeat(pw: &str) -> bool {
    let c: Vec<char> = pw.chars().collect();
    c.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// What the server accepts for a new VM: 8 characters or more, with a
/// letter and a digit.
pub fn password_acceptable(pw: &str) -> bool {
    pw.chars().count() >= 8
        && pw.chars().any(|c| c.is_alphabetic())
        && pw.chars().any(|c| c.is_ascii_digit())
}

/// Rates a password: length and kinds of characters count for it; being
/// (a root of) a common password, a run like `1234`/`qwer` or a character
/// repeated count against it. Anything the server would refuse is weak.
pub fn password_strength(pw: &str) -> Strength {
    let weak = |advice| Strength { level: Level::Weak, advice };
    let len = pw.chars().count();
    let root = pw
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '@' => 'a',
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '$' => 's',
            c => c,
        })
        .collect::<String>();
    let plain = pw.to_lowercase();
    if COMMON.contains(&plain.as_str())
        || COMMON.contains(&root.as_str())
        || COMMON.iter().any(|c| c.len() >= 6 && plain.contains(c) && len < c.len() + 6)
    {
        return weak("servers.pw_common");
    }
    if len < 8 {
        return weak("servers.pw_too_short");
    }
    if !password_acceptable(pw) {
        return weak("servers.pw_letter_digit");
    }
    let lower = pw.chars().any(|c| c.is_lowercase());
    let upper = pw.chars().any(|c| c.is_uppercase());
    let digit = pw.chars().any(|c| c.is_ascii_digit());
    let other = pw.chars().any(|c| !c.is_alphanumeric());
    let kinds = [lower, upper, digit, other].iter().filter(|k| **k).count();
    let sequence = has_sequence(pw);
    let repeat = has_repeat(pw);
    let score = 1
        + i32::from(len >= 12)
        + i32::from(len >= 16)
        + i32::from(kinds >= 3)
        + i32::from(kinds == 4)
        - i32::from(sequence)
        - i32::from(repeat);
    let level = match score {
        i32::MIN..=0 => Level::Weak,
        1 => Level::Fair,
        2 => Level::Good,
        // strong takes 12 characters at least, whatever their kinds
        _ if len < 12 => Level::Good,
        _ => Level::Strong,
    };
    let advice = if level == Level::Strong {
        "servers.pw_advice_strong"
    } else if sequence {
        "servers.pw_sequence"
    } else if repeat {
        "servers.pw_repeat"
    } else if kinds < 4 {
        "servers.pw_more_kinds"
    } else {
        "servers.pw_longer"
    };
    Strength { level, advice }
}

/// How long a generated password is.
pub const GENERATED_LEN: usize = 16;

const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
/// Symbols that need no quoting in a shell, a URL or a config file.
const SYMBOLS: &[u8] = b"!#%+-=?@^_";

/// A number below `n` from random bytes, without modulo bias (bytes past
/// the last whole multiple of `n` are drawn again; after 32 tries the
/// last one is used as it is).
fn below(n: usize, next: &mut impl FnMut() -> u8) -> usize {
    let limit = 256 - 256 % n;
    let mut b = next() as usize;
    for _ in 0..32 {
        if b < limit {
            break;
        }
        b = next() as usize;
    }
    b % n
}

/// A random password of [`GENERATED_LEN`] characters with at least one
/// lower-case letter, capital, digit and symbol, and no look-alikes
/// (`l`, `I`, `O`, `0`, `1`). `next` gives random bytes: the browser's
/// `crypto.getRandomValues` in the page.
pub fn generate_password(next: &mut impl FnMut() -> u8) -> String {
    let all: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS].concat();
    let mut out: Vec<u8> =
        [LOWER, UPPER, DIGITS, SYMBOLS].iter().map(|set| set[below(set.len(), next)]).collect();
    while out.len() < GENERATED_LEN {
        out.push(all[below(all.len(), next)]);
    }
    // Fisher-Yates, so the guaranteed kinds are not always first.
    for i in (1..out.len()).rev() {
        let j = below(i + 1, next);
        out.swap(i, j);
    }
    out.into_iter().map(char::from).collect()
}

// ------------------------------------------------------------------ quota

/// Usage above this share of the limit is shown as a warning.
pub const WARN_PERCENT: f64 = 85.0;

/// How much of the limit is used, in per cent (None without a limit; a
/// zero limit is full).
pub fn percent(used: f64, limit: Option<f64>) -> Option<f64> {
    let limit = limit?;
    Some(if limit <= 0.0 {
        if used > 0.0 {
            100.0
        } else {
            0.0
        }
    } else {
        used * 100.0 / limit
    })
}

/// Above [`WARN_PERCENT`] of the limit.
pub fn is_warning(used: f64, limit: Option<f64>) -> bool {
    percent(used, limit).is_some_and(|p| p > WARN_PERCENT)
}

/// What one new VM adds to the service's usage.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Planned {
    pub cpu: f64,
    /// MB
    pub memory: f64,
    /// GB
    pub disk: f64,
}

impl Planned {
    /// A VM of `flavor` with a disk of `disk` GB (as typed; nothing when
    /// it is not a number yet).
    pub fn of(flavor: Option<&Flavor>, disk: &str) -> Planned {
        let num = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0);
        Planned {
            cpu: flavor.and_then(|f| num(f.cpu.as_str())).unwrap_or(0.0),
            memory: flavor.and_then(|f| num(f.memory.as_str())).unwrap_or(0.0),
            disk: num(disk).unwrap_or(0.0),
        }
    }

    /// What it adds to the usage of `kind`: its vCPUs, memory, disk, and
    /// one VM.
    pub fn adds(&self, kind: &str) -> f64 {
        match kind {
            "cpu" => self.cpu,
            "memory" => self.memory,
            "disk" => self.disk,
            "vms" => 1.0,
            _ => 0.0,
        }
    }
}

/// A limit a new VM would pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Excess {
    pub kind: String,
    pub unit: String,
    /// The usage with the new VM.
    pub after: f64,
    pub limit: f64,
    /// `after - limit`
    pub over: f64,
}

/// The limits the planned VM would pass, in the order of `usage`.
pub fn over_quota(usage: &[Usage], planned: &Planned) -> Vec<Excess> {
    usage
        .iter()
        .filter_map(|u| {
            let add = planned.adds(&u.kind);
            let limit = u.limit?;
            let after = u.used + add;
            (add > 0.0 && after > limit).then(|| Excess {
                kind: u.kind.clone(),
                unit: u.unit.clone(),
                after,
                limit,
                over: after - limit,
            })
        })
        .collect()
}

/// The i18n key naming a kind of resource, if it is a known one.
pub fn kind_key(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "cpu" => "servers.kind_cpu",
        "memory" => "servers.kind_memory",
        "disk" => "servers.kind_disk",
        "bandwidth" => "servers.kind_bandwidth",
        "vms" => "servers.kind_vms",
        "ipv4" => "servers.kind_ipv4",
        "ipv6" => "servers.kind_ipv6",
        _ => return None,
    })
}

/// A figure as people read it: `6.144` (vi) / `6,144` (en), one decimal
/// when it has one (`312,5` / `312.5`).
pub fn figure(x: f64, lang: Lang) -> String {
    let (group_sep, dec_sep) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let tenths = (x.abs() * 10.0).round() as u128;
    let (int, frac) = (tenths / 10, tenths % 10);
    let digits = int.to_string();
    let mut out = String::new();
    if x < 0.0 && tenths > 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(ch);
    }
    if frac > 0 {
        out.push(dec_sep);
        out.push(char::from(b'0' + frac as u8));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Id, Text};

    #[test]
    fn good_host_names_are_accepted_and_normalised() {
        for (input, sent) in [
            ("web-01.bkns-demo.vn", "web-01.bkns-demo.vn"),
            ("  Mail.Example.COM  ", "mail.example.com"),
            ("host.example.vn.", "host.example.vn"),
            ("xn--my-cha-9ra.vn", "xn--my-cha-9ra.vn"),
            ("a.b", "a.b"),
            ("1host.example.vn", "1host.example.vn"),
            ("103-28-36-11.static.example.vn", "103-28-36-11.static.example.vn"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(check_hostname(input), Ok(sent.to_owned()), "{input:?}");
        }
        let longest_label = format!("{}.vn", "a".repeat(63));
        assert!(check_hostname(&longest_label).is_ok());
        // 253 characters in all: 3 labels of 63, one of 61
        let longest = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(61));
        assert_eq!(longest.len(), 253);
        assert!(check_hostname(&longest).is_ok());
        assert!(check_hostname(&format!("{longest}.")).is_ok(), "the trailing dot is free");
    }

    #[test]
    fn bad_host_names_say_which_rule_failed() {
        use HostError::*;
        for (input, err) in [
            ("web 01.example.vn", Spaces),
            ("web01.example.vn extra", Spaces),
            ("máy-chủ.vn", Unicode),
            ("web_01.example.vn", Char('_')),
            ("example.vn/", Char('/')),
            ("example.vn:80", Char(':')),
            ("user@example.vn", Char('@')),
            ("http://example.vn", Char(':')),
            ("web..example.vn", EmptyLabel),
            (".example.vn", EmptyLabel),
            ("example.vn..", EmptyLabel),
            ("-web.example.vn", Hyphen),
            ("web-.example.vn", Hyphen),
            ("web.-vn", Hyphen),
            ("xn--.vn", Punycode),
            ("localhost", OneLabel),
            ("localhost.", OneLabel),
            ("103.28.36.11", Numeric),
            ("host.123", Numeric),
        ] {
            assert_eq!(check_hostname(input), Err(err), "{input:?}");
        }
        assert_eq!(check_hostname(&format!("{}.vn", "a".repeat(64))), Err(LabelTooLong));
        let too_long = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(62));
        assert_eq!(check_hostname(&too_long), Err(TooLong));
    }

    #[test]
    fn every_host_error_has_its_own_message() {
        use HostError::*;
        let all = [
            Spaces,
            Unicode,
            Char('_'),
            EmptyLabel,
            LabelTooLong,
            Hyphen,
            Punycode,
            TooLong,
            OneLabel,
            Numeric,
        ];
        let keys: std::collections::BTreeSet<&str> = all.iter().map(|e| e.key()).collect();
        assert_eq!(keys.len(), all.len());
        for k in keys {
            assert!(crate::i18n::lookup(Lang::Vi, k).is_some(), "{k}");
        }
    }

    #[test]
    fn addresses_are_recognised() {
        assert_eq!(ip_kind("103.28.36.11"), Some(IpKind::V4));
        assert_eq!(ip_kind(" 2401:5f80:2000::11 "), Some(IpKind::V6));
        assert_eq!(ip_kind("::1"), Some(IpKind::V6));
        assert_eq!(ip_kind("fe80::1%eth0"), Some(IpKind::V6));
        assert_eq!(ip_kind("2001:db8::/64"), Some(IpKind::V6));
        assert_eq!(ip_kind("[2001:db8::1]"), Some(IpKind::V6));
        assert_eq!(ip_kind("::ffff:10.0.0.1"), Some(IpKind::V6));
        assert_eq!(ip_kind("10.0.0.0/24"), Some(IpKind::V4));
        for bad in ["", "256.1.1.1", "10.0.0", "2001:db8:::1", "host.example.vn", "1.2.3.4.5"] {
            assert_eq!(ip_kind(bad), None, "{bad}");
        }
        assert_eq!(IpKind::V6.label(), "IPv6");
    }

    #[test]
    fn addresses_sort_v4_first_then_by_value() {
        let mut ips = vec![
            "2401:5f80:3000::50",
            "zzz",
            "10.0.0.10",
            "2401:5f80:3000::9",
            "10.0.0.9",
            "103.28.37.50",
        ];
        ips.sort_by(|a, b| ip_order(a, b));
        assert_eq!(
            ips,
            [
                "10.0.0.9",
                "10.0.0.10",
                "103.28.37.50",
                "2401:5f80:3000::9",
                "2401:5f80:3000::50",
                "zzz"
            ]
        );
    }

    #[test]
    fn password_levels() {
        use Level::*;
        for (pw, level) in [
            ("", Weak),
            ("abc1", Weak),
            ("password", Weak),
            ("Password1", Weak),
            ("Matkhau2024", Weak),
            ("P@ssw0rd!", Weak),
            ("abcdefgh", Weak),
            ("12345678", Weak),
            ("hosting12345", Weak),
            ("abcd1234", Weak),
            ("aaaaaaa1", Weak),
            ("sunflower7", Fair),
            ("sunflower7gard", Good),
            ("Gar-den7", Good),
            ("Sunflower7garden", Strong),
            ("Tr0ub4dor&3x", Strong),
            ("correct horse battery 9", Strong),
        ] {
            assert_eq!(password_strength(pw).level, level, "{pw:?}");
        }
        assert_eq!(Weak.score(), 1);
        assert_eq!(Strong.score(), 4);
    }

    #[test]
    fn password_advice_names_the_problem() {
        assert_eq!(password_strength("short1").advice, "servers.pw_too_short");
        assert_eq!(password_strength("qwertyuiop").advice, "servers.pw_common");
        assert_eq!(password_strength("onlyletters").advice, "servers.pw_letter_digit");
        assert_eq!(password_strength("garden1234xyz").advice, "servers.pw_sequence");
        assert_eq!(password_strength("gardennn77xyzw").advice, "servers.pw_repeat");
        assert_eq!(password_strength("gardenrose77").advice, "servers.pw_more_kinds");
        assert_eq!(password_strength("Gar-den7").advice, "servers.pw_longer");
        assert_eq!(password_strength("Sunflower7garden").advice, "servers.pw_advice_strong");
        for s in [Level::Weak, Level::Fair, Level::Good, Level::Strong] {
            assert!(crate::i18n::lookup(Lang::En, s.key()).is_some());
        }
    }

    #[test]
    fn the_server_rule_for_passwords() {
        assert!(password_acceptable("abcdefg1"));
        assert!(!password_acceptable("abcdefg"), "too short");
        assert!(!password_acceptable("abcdefgh"), "no digit");
        assert!(!password_acceptable("12345678"), "no letter");
    }

    /// Bytes of a simple generator, standing in for the browser's crypto.
    fn bytes(seed: u32) -> impl FnMut() -> u8 {
        let mut x = seed.wrapping_mul(2_654_435_761).max(1);
        move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        }
    }

    #[test]
    fn generated_passwords_are_strong_and_acceptable() {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 1..300 {
            let pw = generate_password(&mut bytes(seed));
            assert_eq!(pw.chars().count(), GENERATED_LEN);
            assert!(pw.chars().any(|c| c.is_ascii_lowercase()), "{pw}");
            assert!(pw.chars().any(|c| c.is_ascii_uppercase()), "{pw}");
            assert!(pw.chars().any(|c| c.is_ascii_digit()), "{pw}");
            assert!(pw.bytes().any(|c| SYMBOLS.contains(&c)), "{pw}");
            assert!(!pw.contains(['l', 'I', 'O', '0', '1', '"', '\'', '\\', ' ', '$']), "{pw}");
            assert!(password_acceptable(&pw));
            assert_eq!(password_strength(&pw).level, Level::Strong, "{pw}");
            seen.insert(pw);
        }
        assert_eq!(seen.len(), 299, "no two alike");
    }

    #[test]
    fn a_stuck_random_source_still_ends() {
        let pw = generate_password(&mut || 255);
        assert_eq!(pw.chars().count(), GENERATED_LEN);
    }

    fn usage(kind: &str, used: f64, limit: Option<f64>, unit: &str) -> Usage {
        Usage { kind: kind.into(), used, limit, unit: unit.into() }
    }

    fn contract_usage() -> Vec<Usage> {
        vec![
            usage("cpu", 6.0, Some(8.0), "vCPU"),
            usage("memory", 6144.0, Some(8192.0), "MB"),
            usage("disk", 120.0, Some(200.0), "GB"),
            usage("bandwidth", 312.0, Some(1000.0), "GB"),
            usage("vms", 2.0, Some(4.0), ""),
            usage("ipv4", 2.0, Some(4.0), ""),
        ]
    }

    fn flavor(cpu: &str, memory: &str) -> Flavor {
        Flavor {
            id: Id("f".into()),
            name: Text::default(),
            cpu: Text(cpu.into()),
            memory: Text(memory.into()),
        }
    }

    #[test]
    fn a_vm_within_the_quota_passes_no_limit() {
        let u = contract_usage();
        // s2 with 40 GB fills CPU and memory exactly: allowed
        assert!(over_quota(&u, &Planned::of(Some(&flavor("2", "2048")), "40")).is_empty());
        assert!(over_quota(&u, &Planned::of(Some(&flavor("1", "1024")), "80")).is_empty());
    }

    #[test]
    fn an_oversized_vm_names_each_limit_and_by_how_much() {
        let u = contract_usage();
        let x = over_quota(&u, &Planned::of(Some(&flavor("8", "8192")), "100"));
        let summary: Vec<(&str, f64, f64, f64)> =
            x.iter().map(|e| (e.kind.as_str(), e.after, e.limit, e.over)).collect();
        assert_eq!(
            summary,
            [
                ("cpu", 14.0, 8.0, 6.0),
                ("memory", 14336.0, 8192.0, 6144.0),
                ("disk", 220.0, 200.0, 20.0)
            ]
        );
        assert_eq!(x[0].unit, "vCPU");
    }

    #[test]
    fn the_vm_count_is_a_limit_too_and_unlimited_kinds_never_are() {
        let mut u = contract_usage();
        u[4].used = 4.0;
        let x = over_quota(&u, &Planned::of(Some(&flavor("1", "1024")), "10"));
        assert_eq!(x.len(), 1);
        assert_eq!((x[0].kind.as_str(), x[0].over), ("vms", 1.0));
        let free = vec![usage("cpu", 100.0, None, "vCPU")];
        assert!(over_quota(&free, &Planned::of(Some(&flavor("64", "1")), "10")).is_empty());
        // nothing chosen yet adds nothing but the VM itself
        assert_eq!(Planned::of(None, "abc"), Planned::default());
        assert!(over_quota(&contract_usage(), &Planned::default()).is_empty());
    }

    #[test]
    fn usage_warns_above_85_percent() {
        assert_eq!(percent(6.0, Some(8.0)), Some(75.0));
        assert!(!is_warning(6.0, Some(8.0)));
        assert!(!is_warning(85.0, Some(100.0)));
        assert!(is_warning(86.0, Some(100.0)));
        assert!(is_warning(9.0, Some(8.0)));
        assert_eq!(percent(1.0, None), None);
        assert!(!is_warning(1.0, None));
        assert_eq!(percent(0.0, Some(0.0)), Some(0.0));
        assert!(is_warning(1.0, Some(0.0)));
    }

    #[test]
    fn figures_follow_the_language() {
        assert_eq!(figure(6144.0, Lang::Vi), "6.144");
        assert_eq!(figure(6144.0, Lang::En), "6,144");
        assert_eq!(figure(312.5, Lang::Vi), "312,5");
        assert_eq!(figure(1_000_000.0, Lang::En), "1,000,000");
        assert_eq!(figure(0.0, Lang::Vi), "0");
        assert_eq!(figure(-2.0, Lang::Vi), "-2");
        assert_eq!(kind_key("cpu"), Some("servers.kind_cpu"));
        assert_eq!(kind_key("gpu"), None);
    }
}
