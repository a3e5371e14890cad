//! Every answer decoder and the envelope reader fed arbitrary and mutated
//! JSON (host test): types swapped, nulls, huge and negative numbers,
//! numbers as strings, deep nesting, PHP `[]`/`{}`, the reference's
//! examples (fixtures/api) with fields removed or changed. None may panic;
//! a typed decode of a wrong shape is `ApiError::Decode` or a default,
//! never a crash.
//!
//! `FUZZ_CASES` (default 2,000) is the number of values per decoder;
//! `scripts/fuzz.sh` runs 100,000 in all and prints the count.

use super::error::{decode, interpret};
use serde_json::{json, Map, Value};

use crate::util::Rng;

const KEYS: [&str; 24] = [
    "id", "name", "domain", "status", "total", "price", "date", "items", "error", "info",
    "success", "token", "data", "list", "value", "type", "expires", "next_due", "amount",
    "currency", "label", "code", "summary", "services",
];

/// A scalar of the kinds HostBill sends, and some it should not.
fn scalar(r: &mut Rng) -> Value {
    match r.below(12) {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => json!(r.next() as i64),
        3 => json!(f64::MAX),
        4 => json!(-1.5e300),
        5 => json!("0000-00-00 00:00:00"),
        6 => json!("1e400"),
        7 => json!(""),
        8 => json!("  42.50 "),
        9 => json!("tên miền ✓ \u{0}"),
        10 => json!(u64::MAX),
        _ => json!(format!("{}", r.next() % 1000)),
    }
}

/// A random value, nested up to `depth`.
fn value(r: &mut Rng, depth: u32) -> Value {
    if depth == 0 || r.below(3) == 0 {
        return scalar(r);
    }
    match r.below(4) {
        0 => Value::Array(Vec::new()), // PHP's empty object
        1 => Value::Array((0..r.below(4)).map(|_| value(r, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..r.below(6) {
                m.insert(KEYS[r.below(KEYS.len())].to_owned(), value(r, depth - 1));
            }
            Value::Object(m)
        }
    }
}

/// `v` with one change somewhere: a field removed, a value replaced by a
/// random one, a list emptied, an object turned into PHP `[]`.
fn mutate(r: &mut Rng, v: &mut Value) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[r.below(keys.len())];
            match r.below(4) {
                0 => {
                    m.remove(k);
                }
                1 => {
                    m.insert(k.clone(), value(r, 3));
                }
                2 => *v = Value::Array(Vec::new()),
                _ => {
                    if let Some(inner) = m.get_mut(k) {
                        mutate(r, inner);
                    }
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = r.below(a.len());
            if r.below(3) == 0 {
                a.clear();
            } else {
                mutate(r, &mut a[i]);
            }
        }
        _ => *v = scalar(r),
    }
}

/// A value `n` levels deep.
fn deep(n: usize) -> Value {
    (0..n).fold(json!(1), |v, i| if i % 2 == 0 { json!([v]) } else { json!({"data": v}) })
}

fn examples() -> Vec<Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            if let Ok(v) = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            {
                out.push(v);
            }
        }
    }
    assert!(out.len() > 50, "fixtures/api read: {}", out.len());
    out
}

fn cases() -> usize {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
}

/// Every decoder once on `v` (and its envelope as text).
fn feed(v: &Value) {
    use super::*;
    macro_rules! typed {
        // a typed decode either reads the value or says Decode, naming
        // the call; no other error and no panic
        ($($t:ty),* $(,)?) => { $(
            if let Err(e) = decode::<$t>("fuzz", v.clone()) {
                assert!(
                    matches!(&e, crate::vocab::ApiError::Decode { endpoint, .. } if endpoint == "fuzz"),
                    "{}: {e:?}",
                    stringify!($t)
                );
            }
        )* };
    }
    typed!(
        account::Client,
        billing::Balance,
        billing::Invoice,
        billing::PaymentMethod,
        billing::CreditResult,
        cart::catalog::Category,
        cart::catalog::ProductSummary,
        cart::certificates::Certificate,
        cart::domain::Tld,
        cart::order::OrderResult,
        cart::order::Quote,
        cart::product::ProductDetails,
        certificates::CertDetails,
        certificates::CertRow,
        services::network::Interface,
        services::network::IpPool,
        services::provision::Template,
        services::service::ServiceDetails,
        services::service::ServiceRow,
        services::upgrade::Estimate,
        services::vms::VmDetails,
        services::vms::VmRow,
        loose::LooseList<services::service::ServiceRow>,
    );
    let _ = (ekyc::card_fields(v), ekyc::face_result(v), ekyc::status_word(v), ekyc::promo_code(v));
    let _ =
        (profile::log_entries(v.clone()), loose::list_items(v.clone()), loose::objects(v.clone()));
    let _ = (certificates::read_certificate(v), certificates::read_list(v.clone()));
    let _ = certificates::pem_in_json(v);
    let _ =
        (notifications::notifications_from(v.clone()), notifications::new_count_from(v.clone()));
    let _ = notifications::statuses_from(v.clone());
    let _ = (location::places(v.clone()), location::read_expiring(v.clone()));
    let _ = (contacts::contact_from(v), contacts::PrivilegeTree::from_value(v));
    let _ = contacts::Privileges::from_value(v);
    let _ = (support::departments_of(v), support::tickets_of(v), support::thread_of(v));
    let _ = (support::created_number(v), support::waiting_of(v));
    let _ = (cart::product::read_product(v), cart::coupons::read_coupons(v.clone()));
    let _ = signup::business_from(v.clone());
    let _ = (affiliates::summary_of(v), affiliates::campaigns_of(v), affiliates::commissions_of(v));
    let _ = (affiliates::payouts_of(v), affiliates::vouchers_of(v), affiliates::plans_of(v));
    let _ =
        (domains::hosts(v), domains::DomainRow::from_json(v), domains::DomainDetails::from_json(v));
    let _ = (
        domains::Contact::from_json(v),
        domains::Contacts::from_answer(v),
        domains::Document::from_json(v),
    );
    let text = v.to_string();
    for status in [200, 400, 401, 403, 404, 429, 500] {
        let _ = interpret(status, &text, "fuzz");
    }
}

#[test]
fn random_json_never_panics_a_decoder() {
    let mut r = Rng(0x51ed_270b_27f4_3a91);
    let n = cases();
    for _ in 0..n {
        feed(&value(&mut r, 5));
    }
    eprintln!("fuzz: {n} random values through every decoder");
}

#[test]
fn the_reference_examples_changed_never_panic_a_decoder() {
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let examples = examples();
    let n = cases();
    for i in 0..n {
        let mut v = examples[i % examples.len()].clone();
        for _ in 0..1 + r.below(3) {
            mutate(&mut r, &mut v);
        }
        feed(&v);
    }
    eprintln!("fuzz: {n} changed examples through every decoder");
}

#[test]
fn deep_nesting_and_odd_envelopes_never_panic() {
    for v in [
        deep(200),
        json!([]),
        json!({}),
        json!({"error": []}),
        json!({"error": [[], {}]}),
        json!({"error": "text"}),
        json!({"success": false}),
        json!({"info": null}),
    ] {
        feed(&v);
    }
    for body in ["", "<html>", "{", "null", "[]", "\u{feff}{}", "{\"error\":[\"invalid method\"]}"]
    {
        let _ = interpret(200, body, "fuzz");
        let _ = interpret(500, body, "fuzz");
    }
}

#[test]
fn a_wrong_shape_is_a_decode_error_not_a_panic() {
    // a typed struct that needs an object: a scalar is Decode (or a default)
    match decode::<crate::api::billing::Balance>("fuzz", json!("nonsense")) {
        Ok(_) | Err(crate::vocab::ApiError::Decode { .. }) => {}
        Err(e) => panic!("unexpected {e:?}"),
    }
}
