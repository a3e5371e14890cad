//! The profile form's rules, pure and host-tested: which fields must be
//! filled (`Rules`), the account types, what makes a phone number, an
//! identity document, a tax id or a birthday acceptable, the problem of a
//! field's value (an i18n key), and which field a server message is about.

use crate::util::{fold, looks_like_email};

/// Which fields must be filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    /// Sign-up and the profile: the doc's Required fields of `POST /signup`.
    Account,
    /// Contacts: nothing is Required in the doc; a name and an e-mail are.
    Contact,
}

/// Account types offered. Households are sent as `Company` (the API knows
/// only Private/Company); the choice picks the tax-id lookup.
pub const PRIVATE: &str = "Private";
pub const COMPANY: &str = "Company";
pub const HOUSEHOLD: &str = "Household";

/// The fields in screen order (for "focus the first bad one").
pub const ORDER: [&str; 17] = [
    "taxid",
    "companyname",
    "lastname",
    "firstname",
    "gender",
    "birthday",
    "nationalid",
    "email",
    "phonenumber",
    "zalonumber",
    "country",
    "state",
    "city",
    "ward",
    "address1",
    "postcode",
    "type",
];

/// A Vietnamese phone number: mobile `0903 123 456` / `+84 903 123 456`
/// (10 digits), landline `024 3826 1234` (11 digits); spaces, dots and
/// dashes allowed.
pub fn phone_ok(s: &str) -> bool {
    let compact: String =
        s.trim().chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let local = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{}", rest.trim_start_matches('0'))
    } else if compact.len() == 11 && compact.starts_with("84") {
        format!("0{}", &compact[2..])
    } else {
        compact
    };
    if !local.starts_with('0') || !local.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    match local.as_bytes().get(1) {
        Some(b'3' | b'5' | b'7' | b'8' | b'9') => local.len() == 10,
        Some(b'2') => local.len() == 11,
        _ => false,
    }
}

/// CMND (9 digits), CCCD (12 digits) or a passport number (a letter and
/// digits, 6 to 12 characters, e.g. `C1234567`).
pub fn national_id_ok(s: &str) -> bool {
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.len() == 9 || s.len() == 12;
    }
    (6..=12).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit())
}

/// A tax id (mã số thuế): 10 digits, 10-3 for a branch, or 12 digits
/// (household businesses registered with the owner's CCCD).
pub fn taxid_ok(s: &str) -> bool {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    match s.split_once('-') {
        Some((a, b)) => a.len() == 10 && b.len() == 3 && digits(a) && digits(b),
        None => (s.len() == 10 || s.len() == 12) && digits(s),
    }
}

/// Why a birthday (yyyy-mm-dd from the date input) is refused, if it is:
/// not a real date, before 1900, or after `today`.
pub fn birthday_problem(s: &str, today: (i64, u32, u32)) -> Option<&'static str> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts[..] else { return Some("form.birthday_invalid") };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Some("form.birthday_invalid");
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Some("form.birthday_invalid"),
    };
    if !(1..=days).contains(&d) || y < 1900 {
        return Some("form.birthday_invalid");
    }
    ((y, m, d) > today).then_some("form.birthday_future")
}

/// The i18n key of what is wrong with `value` in `field`, if anything.
/// `skipped` are the address levels the server has no entries for (a
/// province of Việt Nam's 2025 units has no district): nothing is asked
/// of them, whatever the rules.
pub fn problem(
    field: &str,
    value: &str,
    rules: Rules,
    kind: &str,
    today: (i64, u32, u32),
    skipped: &[&str],
) -> Option<&'static str> {
    if skipped.contains(&field) {
        return None;
    }
    let v = value.trim();
    let org = kind != PRIVATE && !kind.is_empty();
    let required = match rules {
        Rules::Account => {
            matches!(
                field,
                "firstname"
                    | "email"
                    | "phonenumber"
                    | "nationalid"
                    | "country"
                    | "state"
                    | "city"
                    | "ward"
                    | "address1"
            ) || (org && matches!(field, "companyname" | "taxid"))
        }
        Rules::Contact => matches!(field, "firstname" | "email"),
    };
    if v.is_empty() {
        return required.then_some(match field {
            "country" | "state" | "city" | "ward" => "form.required_pick",
            _ => "form.required",
        });
    }
    match field {
        "email" if !looks_like_email(v) => Some("form.email_invalid"),
        "phonenumber" | "zalonumber" if !phone_ok(v) => Some("form.phone_invalid"),
        "nationalid" if !national_id_ok(v) => Some("form.nationalid_invalid"),
        "taxid" if org && !taxid_ok(v) => Some("form.taxid_invalid"),
        "birthday" => birthday_problem(v, today),
        _ => None,
    }
}

/// The form field a server message is about: HostBill keys first
/// (`useralreadyexistsemail_error`), then the field named earliest in the
/// text (API names, English labels of the doc, Vietnamese labels).
pub fn field_for_message(msg: &str) -> Option<&'static str> {
    const KEYS: [(&str, &str); 4] = [
        ("useralreadyexistsemail_error", "email"),
        ("emailformat_error", "email"),
        ("passwordmatch_error", "password"),
        ("taxid_not_found", "taxid"),
    ];
    const WORDS: [(&str, &[&str]); 18] = [
        ("email", &["email", "e mail", "thu dien tu"]),
        ("zalonumber", &["zalo"]),
        ("phonenumber", &["phonenumber", "phone", "dien thoai", "sdt"]),
        (
            "nationalid",
            &["nationalid", "national id", "cccd", "cmnd", "passport", "ho chieu", "can cuoc"],
        ),
        ("taxid", &["taxid", "tax id", "tax code", "ma so thue", "mst"]),
        (
            "companyname",
            &["companyname", "company", "organization", "organisation", "cong ty", "to chuc"],
        ),
        ("firstname", &["firstname", "first name"]),
        ("lastname", &["lastname", "last name", "ho va ten dem"]),
        ("birthday", &["birthday", "date of birth", "ngay sinh"]),
        ("gender", &["gender", "gioi tinh"]),
        ("password", &["password", "mat khau"]),
        ("country", &["country", "quoc gia"]),
        ("state", &["state", "province", "tinh thanh", "tinh"]),
        ("city", &["city", "district", "quan huyen"]),
        ("ward", &["ward", "phuong xa", "xa phuong"]),
        ("address1", &["address1", "address", "dia chi"]),
        ("postcode", &["postcode", "post code", "zip", "ma buu chinh"]),
        ("currency", &["currency", "tien te"]),
    ];
    let m = msg.trim();
    if let Some((_, f)) = KEYS.iter().find(|(k, _)| m.eq_ignore_ascii_case(k)) {
        return Some(f);
    }
    let text = format!(" {} ", fold(m));
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (field, words) in WORDS {
        for w in words {
            if let Some(at) = text
                .find(&format!(" {w}"))
                .filter(|at| text[at + 1 + w.len()..].starts_with([' ', 's']))
            {
                let better = best
                    .is_none_or(|(b_at, b_len, _)| at < b_at || (at == b_at && w.len() > b_len));
                if better {
                    best = Some((at, w.len(), field));
                }
            }
        }
    }
    best.map(|(_, _, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::civil_from_days;

    const TODAY: (i64, u32, u32) = (2026, 1, 15);

    #[test]
    fn vietnamese_phone_numbers() {
        for ok in [
            "0903123456",
            "0903 123 456",
            "+84 903 123 456",
            "+84.903123456",
            "84903123456",
            "024 3826 1234",
            "0328.123.456",
        ] {
            assert!(phone_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "090312345",
            "09031234567",
            "0103123456",
            "+1 415 555 0100",
            "abc",
            "1234567890",
            "+84",
        ] {
            assert!(!phone_ok(bad), "{bad}");
        }
    }

    #[test]
    fn identity_documents_and_tax_ids() {
        assert!(national_id_ok("079090001234"));
        assert!(national_id_ok("123456789"));
        assert!(national_id_ok("C1234567"));
        assert!(national_id_ok("B12345678"));
        assert!(!national_id_ok("1234567890"));
        assert!(!national_id_ok("ABCDEFG"));
        assert!(!national_id_ok("12 34"));
        assert!(taxid_ok("0312345678"));
        assert!(taxid_ok("0312345678-001"));
        assert!(taxid_ok("079090001234"));
        assert!(!taxid_ok("031234567"));
        assert!(!taxid_ok("0312345678-1"));
    }

    #[test]
    fn birthdays() {
        assert_eq!(birthday_problem("1990-03-15", TODAY), None);
        assert_eq!(birthday_problem("2000-02-29", TODAY), None);
        assert_eq!(birthday_problem("2001-02-29", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("15/03/1990", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("1850-01-01", TODAY), Some("form.birthday_invalid"));
        assert_eq!(birthday_problem("2026-01-16", TODAY), Some("form.birthday_future"));
        assert_eq!(birthday_problem("2026-01-15", TODAY), None);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_468), (2026, 1, 15));
    }

    #[test]
    fn required_fields_follow_the_rules() {
        let p = |f, v, r, k| problem(f, v, r, k, TODAY, &[]);
        assert_eq!(p("firstname", " ", Rules::Account, PRIVATE), Some("form.required"));
        assert_eq!(p("ward", "", Rules::Account, PRIVATE), Some("form.required_pick"));
        assert_eq!(p("nationalid", "", Rules::Contact, PRIVATE), None);
        assert_eq!(p("email", "", Rules::Contact, PRIVATE), Some("form.required"));
        assert_eq!(p("taxid", "", Rules::Account, PRIVATE), None);
        assert_eq!(p("taxid", "", Rules::Account, HOUSEHOLD), Some("form.required"));
        assert_eq!(p("taxid", "123", Rules::Contact, COMPANY), Some("form.taxid_invalid"));
        assert_eq!(p("email", "an@", Rules::Account, PRIVATE), Some("form.email_invalid"));
        assert_eq!(p("zalonumber", "", Rules::Account, PRIVATE), None);
        assert_eq!(p("zalonumber", "12", Rules::Account, PRIVATE), Some("form.phone_invalid"));
        assert_eq!(p("birthday", "", Rules::Account, PRIVATE), None);
    }

    #[test]
    fn a_level_the_server_has_no_entries_for_is_not_required() {
        // a two-level province: no district, the ward typed
        let p = |f, v| problem(f, v, Rules::Account, PRIVATE, TODAY, &["city"]);
        assert_eq!(p("city", ""), None);
        assert_eq!(p("ward", ""), Some("form.required_pick"), "the ward is still asked");
        assert_eq!(p("ward", "Phường Sài Gòn"), None);
        assert_eq!(p("state", ""), Some("form.required_pick"));
        let none = |f| problem(f, "", Rules::Account, PRIVATE, TODAY, &["state", "city", "ward"]);
        assert_eq!(["state", "city", "ward"].map(none), [None, None, None]);
        assert_eq!(none("country"), Some("form.required_pick"), "never skipped");
    }

    #[test]
    fn server_messages_find_their_field() {
        let cases = [
            ("useralreadyexistsemail_error", Some("email")),
            ("Email Address is required", Some("email")),
            ("Address 1 is required", Some("address1")),
            ("Phone number is invalid", Some("phonenumber")),
            ("Zalo number is invalid", Some("zalonumber")),
            ("CCCD/Passport is invalid", Some("nationalid")),
            ("Tax ID is invalid", Some("taxid")),
            ("Organization is required", Some("companyname")),
            ("State is not in Country", Some("state")),
            ("City is not in State", Some("city")),
            ("Ward is not in City", Some("ward")),
            ("Birthday must be dd-mm-yyyy", Some("birthday")),
            ("Password is too short", Some("password")),
            ("Số điện thoại không hợp lệ", Some("phonenumber")),
            ("Mã số thuế không tồn tại", Some("taxid")),
            ("First Name is required", Some("firstname")),
            ("Something went wrong", None),
            ("Statement pending", None),
        ];
        for (msg, want) in cases {
            assert_eq!(field_for_message(msg), want, "{msg}");
        }
    }
}
