//! The portal's domain vocabulary: identifiers, text, flags, exact
//! decimals, money and the one error model of a call. Plain data, shared by `api` (which decodes them
//! leniently from HostBill answers, see `api::loose`) and `ui` (which shows
//! them); neither depends on the other through these types.

use std::fmt;

/// An identifier: kept as the text the server sent (`"47"` and `47` are equal).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(s.to_owned())
    }
}

/// Loose text: a string field that may arrive as a number, bool or null.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A yes/no flag: `true`, `1`, `"1"`, `"true"`, `"yes"`, `"on"` are true;
/// everything else (including null and garbage) is false.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Flag {
    /// Reads the many spellings of yes: `"1"`, `"true"`, `"yes"`, `"on"`,
    /// `"y"`, `"active"`, `"enabled"` and any non-zero number.
    pub fn from_text(t: &str) -> Flag {
        let t = t.trim().to_ascii_lowercase();
        Flag(
            matches!(t.as_str(), "1" | "true" | "yes" | "on" | "y" | "active" | "enabled")
                || Decimal::parse(&t).is_some_and(|d| !d.is_zero()),
        )
    }
}

/// An exact decimal amount: `mantissa / 10^scale`. Never an f64.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The largest scale we keep; HostBill sends at most 4 decimals for money.
const MAX_SCALE: u32 = 8;

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    pub fn new(mantissa: i128, scale: u32) -> Self {
        Decimal { mantissa, scale }
    }

    /// Parses `"1234.50"`, `"-3"`, `"1,234.50"` (thousands commas), `"9.99"`,
    /// `"1e3"` is refused. Surrounding spaces are ignored.
    pub fn parse(s: &str) -> Option<Decimal> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let (neg, body) = match s.as_bytes()[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let mut mantissa: i128 = 0;
        let mut scale: u32 = 0;
        let mut seen_dot = false;
        let mut digits = 0usize;
        for ch in body.chars() {
            match ch {
                '0'..='9' => {
                    if seen_dot {
                        if scale >= MAX_SCALE {
                            continue; // beyond our precision: truncate
                        }
                        scale += 1;
                    }
                    mantissa = mantissa.checked_mul(10)?.checked_add((ch as u8 - b'0') as i128)?;
                    digits += 1;
                }
                '.' if !seen_dot => seen_dot = true,
                ',' if !seen_dot => {}
                _ => return None,
            }
        }
        if digits == 0 {
            return None;
        }
        Some(Decimal { mantissa: if neg { -mantissa } else { mantissa }, scale })
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    fn rescale(&self, scale: u32) -> Option<i128> {
        if scale >= self.scale {
            self.mantissa.checked_mul(10i128.checked_pow(scale - self.scale)?)
        } else {
            None
        }
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        Some(Decimal { mantissa: self.rescale(scale)?.checked_add(other.rescale(scale)?)?, scale })
    }

    /// `self - other`, exact.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(Decimal { mantissa: other.mantissa.checked_neg()?, scale: other.scale })
    }

    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let d = Decimal {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            scale: self.scale + other.scale,
        };
        Some(d.round_to(MAX_SCALE.min(d.scale)))
    }

    /// Divides by 10^n exactly (shifts the scale), e.g. percent → fraction.
    pub fn shift_down(self, n: u32) -> Decimal {
        let d = Decimal { mantissa: self.mantissa, scale: self.scale + n };
        if d.scale > MAX_SCALE {
            d.round_to(MAX_SCALE)
        } else {
            d
        }
    }

    /// Rounds half away from zero to `places` decimals.
    pub fn round_to(self, places: u32) -> Decimal {
        if places >= self.scale {
            return self;
        }
        let drop = self.scale - places;
        let div = 10i128.pow(drop);
        let q = self.mantissa / div;
        let r = self.mantissa % div;
        let q = if r.abs() * 2 >= div { q + self.mantissa.signum() } else { q };
        Decimal { mantissa: q, scale: places }
    }

    /// Integer part and fraction digits (exactly `places` of them) of |self|.
    pub fn parts(self, places: u32) -> (u128, String) {
        let r = self.round_to(places);
        let m = r.mantissa.unsigned_abs();
        let scale = r.scale;
        let div = 10u128.pow(scale);
        let int = m / div;
        let mut frac = if scale > 0 {
            format!("{:0width$}", m % div, width = scale as usize)
        } else {
            String::new()
        };
        while (frac.len() as u32) < places {
            frac.push('0');
        }
        (int, frac)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (int, frac) = self.parts(self.scale);
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        if frac.is_empty() {
            write!(f, "{int}")
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

/// A money amount as the server sent it. Unparseable text is kept (for
/// display) with `value` = None.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Money {
    pub value: Option<Decimal>,
    pub raw: String,
}

impl Money {
    pub fn parse(s: &str) -> Money {
        Money { value: Decimal::parse(s), raw: s.to_owned() }
    }
}

/// What can go wrong with a call to the API (read by `ui` to say what to
/// do; made by `api::error` from the answer).
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, connection reset).
    Network,
    /// No answer within the client's time limit.
    Timeout,
    /// Cancelled because the page that asked was left. Never shown.
    Aborted,
    /// The access token was refused and could not be renewed: log in again.
    Unauthorized,
    /// The session is fine but this account may not do this (a contact
    /// without the privilege: HTTP 403 "Unauthorized", or a refusal that a
    /// freshly renewed token meets again). The session is kept.
    Forbidden,
    /// The server does not offer this call (HTTP 404 or `invalid method`).
    NotSupported,
    /// HostBill said no: `{"error": [...]}` (with whatever HTTP status).
    Server { status: u16, messages: Vec<String> },
    /// An HTTP error status without a HostBill error body (e.g. a 502 page).
    Http { status: u16 },
    /// The answer could not be read as the expected shape.
    Decode { endpoint: String, detail: String },
}

impl ApiError {
    /// Worth trying again automatically (safe methods only).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout => true,
            ApiError::Http { status } => *status >= 500,
            ApiError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// A write whose outcome is unknown: it may have reached the server
    /// (no answer, a time-out, a 5xx after sending). Never retried blindly.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout => true,
            ApiError::Http { status } | ApiError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The server's messages, if it sent any.
    pub fn messages(&self) -> &[String] {
        match self {
            ApiError::Server { messages, .. } => messages,
            _ => &[],
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => f.write_str("network error"),
            ApiError::Timeout => f.write_str("timeout"),
            ApiError::Aborted => f.write_str("aborted"),
            ApiError::Unauthorized => f.write_str("unauthorized"),
            ApiError::Forbidden => f.write_str("forbidden"),
            ApiError::NotSupported => f.write_str("not supported"),
            ApiError::Server { messages, .. } => f.write_str(&messages.join("; ")),
            ApiError::Http { status } => write!(f, "HTTP {status}"),
            ApiError::Decode { endpoint, detail } => {
                write!(f, "cannot read answer of {endpoint}: {detail}")
            }
        }
    }
}

impl std::error::Error for ApiError {}
