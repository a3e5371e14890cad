//! The domain order form's catalogues: the TLDs with their prices per
//! period (`GET /domain/order`, catalog endpoint 64: the types and their
//! decoder are here, the call is `api::domains::tlds`, which the renewal
//! form shares), a TLD's extra forms (`GET /domain/order/@id/form`, 61)
//! and whether a name is free (`GET /bkns/whois/@domain`, 65).

use super::product::Form;
use crate::api::client::{fetch, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{list_at, Id, LooseList, Money, Text};
use crate::api::raw;
use crate::util::percent_encode;
use serde_json::Value;

crate::loose_struct! {
    /// `GET /domain/order` → `tlds[]`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Tld {
        pub id: Id,
        pub tld: Text,
        pub periods: LooseList<TldPeriod>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct TldPeriod {
        pub period: Text,
        pub register: Money,
        pub transfer: Money,
        pub renew: Money,
        pub redemption: Money,
    }
}

impl TldPeriod {
    pub fn years(&self) -> u32 {
        self.period.as_str().trim().parse().unwrap_or(0)
    }
    /// The price of `action` (`register`, `transfer`, `renew`).
    pub fn price(&self, action: &str) -> &Money {
        match action {
            "transfer" => &self.transfer,
            "renew" => &self.renew,
            _ => &self.register,
        }
    }
}

impl Tld {
    /// `.com` whatever the server sends (`com`, `.COM`).
    pub fn suffix(&self) -> String {
        let t = self.tld.as_str().trim().to_ascii_lowercase();
        if t.starts_with('.') {
            t
        } else {
            format!(".{t}")
        }
    }
}

/// The TLDs of a `GET /domain/order` answer (read by `api::domains::tlds`).
pub(in crate::api) fn read_tlds(v: &Value) -> Vec<Tld> {
    list_at(v, "tlds")
}

/// `GET /domain/order/@id/form?tld_id=@id`: the TLD's extra forms (`data`).
pub async fn tld_forms(tld_id: String) -> Result<Vec<Form>, ApiError> {
    let id = percent_encode(&tld_id);
    raw::get(format!("/domain/order/{id}/form?tld_id={id}")).await.map(|v| read_forms(&v))
}

fn read_forms(v: &Value) -> Vec<Form> {
    list_at(v, "forms")
}

/// Availability of a domain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Available,
    Taken,
    Unknown,
}

/// `GET /bkns/whois/@domain` (public). The reference shows no answer; this
/// reads `available`/`status`/`result` in the spellings seen elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Whois {
    pub domain: String,
    pub availability: Availability,
    /// The registry's text, when sent.
    pub whois: String,
}

fn read_whois(domain: &str, v: &Value) -> Whois {
    let word = |s: &str| -> Availability {
        let s = s.trim().to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
        let is = |words: &[&str]| words.iter().any(|w| s == *w);
        if has(&["not registered", "chưa đăng ký", "not found", "no match"]) {
            Availability::Available
        } else if has(&[
            "unavail",
            "not avail",
            "registered",
            "taken",
            "exist",
            "đã đăng ký",
            "đã được đăng ký",
        ]) || is(&["active", "0", "false", "no"])
        {
            Availability::Taken
        } else if has(&["available", "free", "còn trống"]) || is(&["1", "true", "yes"]) {
            Availability::Available
        } else {
            Availability::Unknown
        }
    };
    let scalar = |v: &Value| match v {
        Value::Bool(b) => Some(if *b { Availability::Available } else { Availability::Taken }),
        Value::Number(n) => Some(if n.as_f64().unwrap_or(0.0) != 0.0 {
            Availability::Available
        } else {
            Availability::Taken
        }),
        Value::String(s) => Some(word(s)).filter(|a| *a != Availability::Unknown),
        _ => None,
    };
    let obj = v.as_object();
    let field = |k: &str| obj.and_then(|o| o.get(k));
    let availability = ["available", "avail", "status", "result"]
        .iter()
        .find_map(|k| field(k).and_then(scalar))
        .or_else(|| scalar(v))
        .unwrap_or(Availability::Unknown);
    let text = |k: &str| field(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let name = text("domain");
    Whois {
        domain: if name.is_empty() { domain.to_owned() } else { name },
        availability,
        whois: text("whois"),
    }
}

/// `GET /bkns/whois/@domain` (public): whether `domain` is free.
pub async fn whois(domain: &str) -> Result<Whois, ApiError> {
    let path = format!("/bkns/whois/{}", percent_encode(domain));
    let v: Value = fetch(ApiRequest::get(path).public()).await?;
    Ok(read_whois(domain, &v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Decimal;
    use crate::fixtures as fx;
    use serde_json::json;

    fn doc(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    fn d(s: &str) -> Option<Decimal> {
        Decimal::parse(s)
    }

    #[test]
    fn tlds_and_their_forms() {
        let a = read_tlds(&doc(fx::DOMAIN_ORDER));
        let t = &a[0];
        assert_eq!((t.id.as_str(), t.suffix().as_str()), ("6", ".com"));
        let p2 = &t.periods.0[1];
        assert_eq!(p2.years(), 2);
        assert_eq!(p2.price("register").value, d("20.00"));
        assert_eq!(p2.price("transfer").value, d("20.00"));
        assert_eq!(p2.price("renew").value, d("30.00"));
        assert_eq!(Tld { tld: Text("VN".into()), ..Default::default() }.suffix(), ".vn");

        let f = read_forms(&doc(fx::DOMAIN_ORDER_FORM));
        let kinds: Vec<_> = f.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(kinds, ["domaindnssupport", "select"]);
        assert_eq!(f[0].first_item_id.as_str(), "9067");
        assert_eq!(f[0].items.0[0].price.value, d("4"));
        assert!(!f[0].config.0.enableddefault.0);
    }

    #[test]
    fn whois_answers_in_many_shapes() {
        use Availability::*;
        let cases = [
            (json!({"domain": "an.vn", "status": "available", "available": true}), Available),
            (
                json!({"domain": "an.vn", "status": "registered", "available": false, "whois": "Registrar: X"}),
                Taken,
            ),
            (json!({"status": "Available"}), Available),
            (json!({"result": "taken"}), Taken),
            (json!({"available": "1"}), Available),
            (json!({"avail": 0}), Taken),
            (json!(true), Available),
            (json!("unavailable"), Taken),
            (json!({"something": "else"}), Unknown),
            (json!(null), Unknown),
        ];
        for (v, want) in cases {
            assert_eq!(read_whois("an.vn", &v).availability, want, "{v}");
        }
        let w = read_whois("x.vn", &json!({"status": "registered", "whois": "Registrar: X"}));
        assert_eq!((w.domain.as_str(), w.whois.as_str()), ("x.vn", "Registrar: X"));
    }
}
