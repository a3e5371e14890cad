//! Pure checks for the order forms: domain names, nameservers, EPP codes,
//! PEM certificate requests. The server has the last word; these catch
//! typing mistakes before anything is sent.

use crate::api::cart::domain::Tld;

/// `https://WWW.Example.vn/path` → `www.example.vn`: trimmed, lower case,
/// without scheme, path or trailing dot; a Vietnamese (Unicode) name in its
/// ASCII form (`tênmiền.vn` → `xn--tnmin-hsa0954c.vn`). A name that cannot
/// be converted is left as typed (lower case), for [`domain_problem`] to
/// explain.
pub fn normalize_domain(input: &str) -> String {
    let s = bare_name(input);
    crate::idn::to_ascii(&s).unwrap_or(s)
}

/// What was typed, trimmed and lower case, without scheme, path or
/// trailing dot.
fn bare_name(input: &str) -> String {
    let s = input.trim().to_lowercase();
    let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(&s);
    s.split(['/', '?', '#']).next().unwrap_or_default().trim_end_matches('.').to_owned()
}

/// Why a typed domain name is not valid, as an i18n key: what is wrong
/// (a space, a character not allowed, a part too long…), else the general
/// message.
pub fn domain_problem(input: &str) -> &'static str {
    use crate::idn::IdnError;
    match crate::idn::to_ascii(&bare_name(input)) {
        Err(IdnError::Space) => "cart.domain_space",
        Err(IdnError::Char(_)) => "cart.domain_char",
        Err(IdnError::CombiningMark) => "cart.domain_combining",
        Err(IdnError::LabelTooLong) => "cart.domain_label_long",
        Err(IdnError::EmptyLabel) => "cart.domain_empty_label",
        Err(IdnError::Empty) => "cart.domain_required",
        Ok(a) if !a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') => {
            "cart.domain_char"
        }
        Ok(a) if !a.contains('.') => "cart.domain_one_label",
        Ok(a) if a.split('.').any(|l| l.starts_with('-') || l.ends_with('-')) => {
            "cart.domain_hyphen"
        }
        Ok(a) if a.len() > 253 => "cart.domain_too_long",
        Ok(_) => "cart.domain_invalid",
    }
}

/// A host name of ASCII labels (letters, digits, hyphens; no hyphen at
/// either end), at least two labels, at most 253 characters. Internationalised
/// names must be given in their `xn--` form.
pub fn valid_hostname(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    name.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        && labels.last().is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_lowercase()))
}

/// The TLD a full name belongs to: the longest matching suffix, so
/// `an.com.vn` is `.com.vn`, not `.vn`. Returns the TLD's index in `tlds`
/// and the label before it.
pub fn split_domain(name: &str, tlds: &[Tld]) -> Option<(usize, String)> {
    let name = normalize_domain(name);
    tlds.iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let suffix = t.suffix();
            let sld = name.strip_suffix(&suffix)?;
            (!sld.is_empty() && !sld.contains('.') && suffix.len() > 1)
                .then(|| (i, suffix.len(), sld.to_owned()))
        })
        .max_by_key(|(_, len, _)| *len)
        .map(|(i, _, sld)| (i, sld))
}

/// An EPP/auth code: 1–64 visible characters, no spaces.
pub fn valid_epp(code: &str) -> bool {
    let c = code.trim();
    !c.is_empty() && c.len() <= 64 && c.chars().all(|ch| ch.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Text;

    fn tlds() -> Vec<Tld> {
        [".com", ".vn", ".com.vn", "net"]
            .iter()
            .map(|t| Tld { tld: Text(t.to_string()), ..Default::default() })
            .collect()
    }

    #[test]
    fn domains_are_normalised_and_checked() {
        assert_eq!(normalize_domain("  HTTPS://Www.BKNS.vn/abc?x "), "www.bkns.vn");
        assert_eq!(normalize_domain("an.vn."), "an.vn");
        assert!(valid_hostname("an-nguyen.com.vn"));
        assert!(valid_hostname("xn--bn-nghe-8za.vn"));
        assert!(!valid_hostname("bến.vn"), "IDN must be given as xn--");
        assert!(valid_hostname(&normalize_domain("BẾN.vn")), "a Unicode name is converted");
        assert!(!valid_hostname("-an.vn"));
        assert!(!valid_hostname("an-.vn"));
        assert!(!valid_hostname("an"));
        assert!(!valid_hostname("an..vn"));
        assert!(!valid_hostname("a b.vn"));
        assert!(!valid_hostname("an.123"));
        assert!(!valid_hostname(&format!("{}.vn", "a".repeat(64))));
    }

    #[test]
    fn longest_tld_wins() {
        let t = tlds();
        assert_eq!(split_domain("an.com.vn", &t), Some((2, "an".into())));
        assert_eq!(split_domain("an.vn", &t), Some((1, "an".into())));
        assert_eq!(split_domain("AN.NET", &t), Some((3, "an".into())));
        assert_eq!(split_domain("an.org", &t), None);
        assert_eq!(split_domain("www.an.vn", &t), None, "subdomains are not registrable");
        assert_eq!(split_domain(".vn", &t), None);
    }

    #[test]
    fn epp_codes() {
        assert!(valid_epp("aB3$-x9!"));
        assert!(!valid_epp(""));
        assert!(!valid_epp("ab cd"));
        assert!(!valid_epp(&"x".repeat(65)));
    }

    #[test]
    fn vietnamese_names_are_accepted_in_their_ascii_form() {
        assert_eq!(normalize_domain("Tênmiền.vn"), "xn--tnmin-hsa0954c.vn");
        assert_eq!(normalize_domain("https://CÔNG-TY.com.vn/gioi-thieu"), "xn--cng-ty-ixa.com.vn");
        assert_eq!(normalize_domain("bánhmì-sàigòn.vn."), "xn--bnhm-sign-v1af9kod.vn");
        assert!(valid_hostname(&normalize_domain("tênmiền.vn")));
        assert_eq!(
            split_domain("công-ty.com.vn", &tlds()).map(|(_, sld)| sld),
            Some("xn--cng-ty-ixa".into())
        );
    }

    #[test]
    fn a_bad_name_says_what_is_wrong() {
        assert_eq!(domain_problem("tên miền.vn"), "cart.domain_space");
        assert_eq!(domain_problem("tên@miền.vn"), "cart.domain_char");
        assert_eq!(domain_problem("te\u{0302}nmie\u{0300}n.vn"), "cart.domain_combining");
        assert_eq!(domain_problem(&format!("{}.vn", "ệ".repeat(60))), "cart.domain_label_long");
        assert_eq!(domain_problem("a..vn"), "cart.domain_empty_label");
        assert_eq!(domain_problem("tênmiền"), "cart.domain_one_label");
        assert_eq!(domain_problem("-abc.vn"), "cart.domain_hyphen");
        assert_eq!(domain_problem(""), "cart.domain_required");
    }
}
