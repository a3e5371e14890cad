//! The profile fields shared by `POST /signup`, `PUT /details` and
//! `POST`/`PUT /contact`, read from a body and checked the way a BKNS
//! install would: business errors come back as HTTP 200 `{"error": [...]}`
//! with one message per problem, each naming its field by the doc's label
//! ("Phone is required"), or a HostBill language key
//! (`useralreadyexistsemail_error`, `emailformat_error`).

use crate::body::Payload;
use crate::locations::Locations;

/// Profile fields in the order of the sign-up doc (endpoint 5), plus
/// `postcode` (contacts, `PUT /details`).
pub const FIELDS: [&str; 17] = [
    "type",
    "companyname",
    "taxid",
    "gender",
    "lastname",
    "firstname",
    "email",
    "phonenumber",
    "zalonumber",
    "nationalid",
    "birthday",
    "country",
    "state",
    "city",
    "ward",
    "address1",
    "postcode",
];

/// The doc's label of a field, used in error messages.
pub fn label(field: &str) -> &'static str {
    match field {
        "type" => "Account Type",
        "companyname" => "Organization",
        "taxid" => "Tax ID",
        "gender" => "Gender",
        "lastname" => "Last Name",
        "firstname" => "First Name",
        "email" => "Email Address",
        "phonenumber" => "Phone",
        "zalonumber" => "Zalo",
        "nationalid" => "CCCD/Passport",
        "birthday" => "Birthday",
        "country" => "Country",
        "state" => "State",
        "city" => "City",
        "ward" => "Ward",
        "address1" => "Address 1",
        "postcode" => "Post code",
        "password" => "Password",
        "currency" => "Currency",
        _ => "Field",
    }
}

/// A value of the body, trimmed; `None` when absent.
pub fn field(body: &Payload, name: &str) -> Option<String> {
    body.str(name).map(|s| s.trim().to_string())
}

pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(' ')
}

/// A Vietnamese phone number (`0903123456`, `+84 903 123 456`,
/// `+84.903123456`, landlines `024 3826 1234`) or an international one.
pub fn valid_phone(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let local = if let Some(rest) = digits.strip_prefix("84").filter(|_| plus || digits.len() >= 11)
    {
        format!("0{rest}")
    } else if plus {
        return (8..=15).contains(&digits.len());
    } else {
        digits.to_string()
    };
    local.starts_with('0') && (10..=11).contains(&local.len())
}

/// 9 (CMND) or 12 (CCCD) digits, or a passport number.
pub fn valid_national_id(s: &str) -> bool {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.len() == 9 || s.len() == 12;
    }
    (6..=12).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// A tax id: 10 digits, 10 + "-" + 3 digits (branch), or 12 digits
/// (household businesses use the owner's CCCD).
pub fn valid_taxid(s: &str) -> bool {
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    match s.split_once('-') {
        Some((a, b)) => a.len() == 10 && b.len() == 3 && digits(a) && digits(b),
        None => (s.len() == 10 || s.len() == 12) && digits(s),
    }
}

/// `dd-mm-yyyy`, a real calendar date.
pub fn valid_birthday(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 2 || parts[1].len() != 2 || parts[2].len() != 4 {
        return false;
    }
    let (Ok(d), Ok(m), Ok(y)) =
        (parts[0].parse::<u32>(), parts[1].parse::<u32>(), parts[2].parse::<u32>())
    else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

/// Which checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `POST /signup`: the doc's Required fields must be there.
    Signup,
    /// `PUT /details`, `POST`/`PUT /contact`: only what is sent is checked.
    Update,
}

/// Checks the profile fields of a body; returns the error messages.
pub fn check(body: &Payload, mode: Mode) -> Vec<String> {
    let mut errors = Vec::new();
    let get = |f: &str| field(body, f).unwrap_or_default();
    let kind = get("type");
    let company = kind.eq_ignore_ascii_case("company");
    if !kind.is_empty() && !company && !kind.eq_ignore_ascii_case("private") {
        errors.push("Account Type is invalid".to_string());
    }
    if mode == Mode::Signup {
        let mut required = vec![
            "firstname",
            "email",
            "phonenumber",
            "nationalid",
            "country",
            "state",
            "city",
            "ward",
            "address1",
        ];
        if company {
            required.splice(0..0, ["companyname", "taxid"]);
        }
        for f in required {
            if get(f).is_empty() {
                errors.push(format!("{} is required", label(f)));
            }
        }
    } else if company {
        for f in ["companyname", "taxid"] {
            if body.str(f).is_some() && get(f).is_empty() {
                errors.push(format!("{} is required", label(f)));
            }
        }
    }
    let email = get("email");
    if !email.is_empty() && !looks_like_email(&email) {
        errors.push("emailformat_error".into());
    }
    for f in ["phonenumber", "zalonumber"] {
        let v = get(f);
        if !v.is_empty() && !valid_phone(&v) {
            errors.push(format!("{} number is invalid", label(f)));
        }
    }
    let id = get("nationalid");
    if !id.is_empty() && !valid_national_id(&id) {
        errors.push("CCCD/Passport is invalid".into());
    }
    let tax = get("taxid");
    if !tax.is_empty() && !valid_taxid(&tax) {
        errors.push("Tax ID is invalid".into());
    }
    let bday = get("birthday");
    if !bday.is_empty() && !valid_birthday(&bday) {
        errors.push("Birthday must be dd-mm-yyyy".into());
    }
    let (country, state, city, ward) = (get("country"), get("state"), get("city"), get("ward"));
    if !country.is_empty() {
        let data = Locations::get();
        if data.country_name(&country).is_none() {
            errors.push("Country is invalid".into());
        } else if !state.is_empty() && !city.is_empty() && !ward.is_empty() {
            match data.check_address(&country, &state, &city, &ward) {
                Ok(()) => {}
                Err("state") => errors.push("State is not in Country".into()),
                Err("city") => errors.push("City is not in State".into()),
                Err(_) => errors.push("Ward is not in City".into()),
            }
        }
    }
    errors
}

/// Reads a string-list field that may come as an array, a single string or
/// be absent (`telegramnotifications`, `zalonotifications`).
pub fn string_list(body: &Payload, name: &str) -> Option<Vec<String>> {
    match body.0.get(name)? {
        serde_json::Value::Array(a) => Some(
            a.iter()
                .filter_map(|v| match v {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Bool(true) => Some("1".into()),
                    _ => None,
                })
                .filter(|s| !s.trim().is_empty())
                .collect(),
        ),
        serde_json::Value::String(s) if s.trim().is_empty() => Some(Vec::new()),
        serde_json::Value::String(s) => Some(vec![s.clone()]),
        serde_json::Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Local time as HostBill writes it: `2026-01-12 08:41:17` (UTC here).
pub fn now_text() -> String {
    crate::shop::now_stamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn phones() {
        for ok in [
            "0903123456",
            "+84903123456",
            "+84.903123456",
            "84903123456",
            "024 3826 1234",
            "+1.24123123",
        ] {
            assert!(valid_phone(ok), "{ok}");
        }
        for bad in ["", "12345", "abc", "090312345", "+84", "0903-123-45x"] {
            assert!(!valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn ids_dates_taxids() {
        assert!(valid_national_id("079090001234"));
        assert!(valid_national_id("123456789"));
        assert!(valid_national_id("C1234567"));
        assert!(!valid_national_id("1234567890"));
        assert!(!valid_national_id("12345"));
        assert!(valid_taxid("0312345678"));
        assert!(valid_taxid("0312345678-001"));
        assert!(!valid_taxid("031234567"));
        assert!(valid_birthday("29-02-2000"));
        assert!(!valid_birthday("29-02-2001"));
        assert!(!valid_birthday("2000-02-01"));
        assert_eq!(now_text().len(), 19);
    }

    #[test]
    fn signup_requires_the_documented_fields() {
        let errors = check(&Payload(json!({"type": "Company"})), Mode::Signup);
        assert!(errors.contains(&"Organization is required".to_string()));
        assert!(errors.contains(&"Tax ID is required".to_string()));
        assert!(errors.contains(&"Ward is required".to_string()));
        assert!(check(&Payload(json!({})), Mode::Update).is_empty());
    }
}
