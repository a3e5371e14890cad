//! Lenient scalars for HostBill answers.
//!
//! HostBill sends the same field as `"47"` or `47`, money as `"10.00"` or
//! `9.99`, flags as `"1"`, `1`, `true` or `"Yes"`, and an empty object as `[]`
//! (PHP). Every type here accepts all of those and never panics; a value that
//! makes no sense becomes the type's empty/default value rather than a decode
//! failure of the whole answer.
//!
//! The rules, one place for every section: a scalar becomes text as
//! [`scalar_text`] reads it (strings as sent, numbers in their shortest form,
//! booleans "1"/"0", null ""); a flag is [`Flag::from_text`] of that text. The
//! helpers at the end read answers the reference leaves undocumented:
//! [`read`] (a field under one of several names), [`field_text`] (the first
//! filled one), [`yes_no`] (a verdict that may say nothing), [`under`],
//! [`objects`] and [`data_object`] (where the data sits).

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

pub use crate::vocab::{Decimal, Flag, Id, Money, Text};

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarText).map(Id)
    }
}

/// Text from any JSON scalar: strings as they are, numbers in their shortest
/// form, booleans as "1"/"0", null as "". Arrays and objects are skipped and
/// read as "".
struct ScalarText;

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        if v.is_finite() {
            Ok(v.to_string())
        } else {
            Ok(String::new())
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(if v { "1" } else { "0" }.to_owned())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(ScalarText)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(String::new())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
        Ok(String::new())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarText).map(Text)
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(self.0)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Flag::from_text(&d.deserialize_any(ScalarText)?))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_str(&self.raw),
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = d.deserialize_any(ScalarText)?;
        Ok(Money::parse(&t))
    }
}

/// An object that PHP may send as `[]` when empty (or as a list). Decodes
/// `{}`/`[]`/null to `T::default()`; a non-empty array of objects is read as
/// the first element when `T` is an object type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhpObject<T>(pub T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for PhpObject<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::Null => Ok(PhpObject(T::default())),
            serde_json::Value::Array(a) if a.is_empty() => Ok(PhpObject(T::default())),
            serde_json::Value::Array(mut a) => {
                T::deserialize(a.swap_remove(0)).map(PhpObject).map_err(de::Error::custom)
            }
            other => T::deserialize(other).map(PhpObject).map_err(de::Error::custom),
        }
    }
}

/// A list that may arrive as a JSON array, as an object keyed by id
/// (`{"1": {...}, "2": {...}}`, PHP's associative arrays), or as an object
/// wrapping one array under any key (`{"domains": [...]}`). Items that fail
/// to decode are skipped, never fatal.
#[derive(Clone, Debug, PartialEq)]
pub struct LooseList<T>(pub Vec<T>);

impl<T> Default for LooseList<T> {
    fn default() -> Self {
        LooseList(Vec::new())
    }
}

impl<T: serde::de::DeserializeOwned> LooseList<T> {
    pub fn from_value(v: serde_json::Value) -> Self {
        LooseList(
            list_items(v).into_iter().filter_map(|i| serde_json::from_value(i).ok()).collect(),
        )
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for LooseList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(LooseList::from_value(v))
    }
}

/// The items of something list-like, per the rules of [`LooseList`].
/// Keys of a keyed object are kept as `id` on items that lack one.
pub fn list_items(v: serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::Value;
    match v {
        Value::Array(a) => a,
        Value::Object(map) => {
            // One array under any key (skipping envelope flags) wins.
            let arrays: Vec<&String> =
                map.iter().filter(|(_, v)| v.is_array()).map(|(k, _)| k).collect();
            if arrays.len() == 1 {
                let k = arrays[0].clone();
                let mut map = map;
                return match map.remove(&k) {
                    Some(Value::Array(a)) => a,
                    _ => Vec::new(),
                };
            }
            // Otherwise an object of objects keyed by id.
            map.into_iter()
                .filter_map(|(k, v)| match v {
                    Value::Object(mut o) => {
                        o.entry("id").or_insert(Value::String(k));
                        Some(Value::Object(o))
                    }
                    Value::String(name) => {
                        let mut o = serde_json::Map::new();
                        o.insert("id".into(), Value::String(k));
                        o.insert("name".into(), Value::String(name));
                        Some(Value::Object(o))
                    }
                    _ => None,
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

// ------------------------------------------------------------ compact decoding

/// Reads a value from a JSON value with the same loose rules as the serde
/// impls above, without serde's generated visitors: a struct declared with
/// [`loose_struct!`] costs a few bytes of wasm per field instead of about a
/// kilobyte. Nothing fails: what makes no sense becomes the default.
pub trait FromLoose: Sized {
    fn from_loose(v: &serde_json::Value) -> Self;
    /// Whether a list item can be read as this type (structs want objects);
    /// other items are skipped.
    fn loose_accepts(_v: &serde_json::Value) -> bool {
        true
    }
}

static NULL: serde_json::Value = serde_json::Value::Null;

/// The first of `keys` present in an object (null when none is).
pub fn field<'a>(v: &'a serde_json::Value, keys: &[&str]) -> &'a serde_json::Value {
    keys.iter().find_map(|k| v.get(*k)).unwrap_or(&NULL)
}

/// Text of a scalar, as [`ScalarText`] reads it.
pub fn scalar_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) if f.is_finite() => f.to_string(),
            _ => String::new(),
        },
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        _ => String::new(),
    }
}

impl FromLoose for String {
    fn from_loose(v: &serde_json::Value) -> Self {
        scalar_text(v)
    }
}
impl FromLoose for Text {
    fn from_loose(v: &serde_json::Value) -> Self {
        Text(scalar_text(v))
    }
}
impl FromLoose for Id {
    fn from_loose(v: &serde_json::Value) -> Self {
        Id(scalar_text(v))
    }
}
impl FromLoose for Money {
    fn from_loose(v: &serde_json::Value) -> Self {
        Money::parse(&scalar_text(v))
    }
}
impl FromLoose for Flag {
    fn from_loose(v: &serde_json::Value) -> Self {
        Flag::from_text(&scalar_text(v))
    }
}
impl FromLoose for u32 {
    fn from_loose(v: &serde_json::Value) -> Self {
        Decimal::parse(&scalar_text(v))
            .filter(|d| !d.is_negative())
            .map_or(0, |d| d.parts(0).0.min(u32::MAX as u128) as u32)
    }
}
impl FromLoose for serde_json::Value {
    fn from_loose(v: &serde_json::Value) -> Self {
        v.clone()
    }
}
/// Messages: `["a", "b"]`, `"a"`, `{"k": "a"}`; empty ones dropped.
impl FromLoose for Vec<String> {
    fn from_loose(v: &serde_json::Value) -> Self {
        use serde_json::Value;
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => o.values().collect(),
            Value::Null | Value::Bool(false) => Vec::new(),
            other => vec![other],
        };
        items
            .into_iter()
            .map(scalar_text)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}
/// Missing or null → None.
impl<T: FromLoose> FromLoose for Option<T> {
    fn from_loose(v: &serde_json::Value) -> Self {
        (!v.is_null()).then(|| T::from_loose(v))
    }
}
impl<T: FromLoose> FromLoose for LooseList<T> {
    fn from_loose(v: &serde_json::Value) -> Self {
        LooseList(
            list_items(v.clone())
                .iter()
                .filter(|i| T::loose_accepts(i))
                .map(T::from_loose)
                .collect(),
        )
    }
}
impl<T: FromLoose + Default> FromLoose for PhpObject<T> {
    fn from_loose(v: &serde_json::Value) -> Self {
        match v {
            serde_json::Value::Array(a) => {
                PhpObject(a.first().map(T::from_loose).unwrap_or_default())
            }
            serde_json::Value::Null => PhpObject(T::default()),
            other => PhpObject(T::from_loose(other)),
        }
    }
}
/// A JSON object (`{"1618": {...}}`) as sent; anything else is empty.
impl FromLoose for serde_json::Map<String, serde_json::Value> {
    fn from_loose(v: &serde_json::Value) -> Self {
        v.as_object().cloned().unwrap_or_default()
    }
}

/// The list under `key` of an answer (`{"tlds": [...]}`), read loosely.
pub fn list_at<T: FromLoose>(v: &serde_json::Value, key: &str) -> Vec<T> {
    LooseList::<T>::from_loose(field(v, &[key])).0
}

/// The object under `key` of an answer (`{"invoice": {...}}`; PHP's `[]`
/// or nothing gives the default).
pub fn object_at<T: FromLoose + Default>(v: &serde_json::Value, key: &str) -> T {
    PhpObject::<T>::from_loose(field(v, &[key])).0
}

/// Declares a struct read loosely from JSON: every field through
/// [`FromLoose`] under its own name, or under the keys given with
/// `=> ["type", "kind"]` (the first present wins); a missing field gets
/// its type's default. The struct also implements `Deserialize` (through a
/// `serde_json::Value`), so it works with `client::fetch`, `LooseList`,
/// `PhpObject` and `serde_json::from_str`.
#[macro_export]
macro_rules! loose_struct {
    ($(#[$m:meta])* $vis:vis struct $name:ident {
        $($(#[$fm:meta])* $fvis:vis $field:ident : $ty:ty $(=> [$($key:literal),+])?),* $(,)?
    }) => {
        $(#[$m])* $vis struct $name { $($(#[$fm])* $fvis $field: $ty),* }
        impl $crate::api::loose::FromLoose for $name {
            fn from_loose(v: &serde_json::Value) -> Self {
                $name {
                    $($field: $crate::api::loose::FromLoose::from_loose(
                        $crate::api::loose::field(v, &$crate::loose_struct!(@keys $field $($($key),+)?)),
                    )),*
                }
            }
            fn loose_accepts(v: &serde_json::Value) -> bool {
                v.is_object()
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                Ok(<$name as $crate::api::loose::FromLoose>::from_loose(&v))
            }
        }
    };
    (@keys $field:ident) => { [stringify!($field)] };
    (@keys $field:ident $($key:literal),+) => { [$($key),+] };
}

/// The value of the first of `keys` present, read by the rules of
/// [`FromLoose`], as [`loose_struct!`] reads a field:
/// `read::<Text>(v, &["name", "domain"])`.
pub fn read<T: FromLoose>(v: &serde_json::Value, keys: &[&str]) -> T {
    T::from_loose(field(v, keys))
}

/// The first non-empty text among `keys` of a JSON object, trimmed (for
/// undocumented answers whose field names vary: `subject` or `title`...).
/// Keys match whatever their ASCII case and surrounding spaces (`"ID"`,
/// `"image_live_1 "`); values are read by [`scalar_text`], except that a
/// boolean is no text here (PHP sends `false` for "none").
pub fn field_text(v: &serde_json::Value, keys: &[&str]) -> String {
    let Some(o) = v.as_object() else { return String::new() };
    keys.iter()
        .flat_map(|k| o.iter().filter(move |(name, _)| name.trim().eq_ignore_ascii_case(k)))
        .filter(|(_, x)| !x.is_boolean())
        .map(|(_, x)| scalar_text(x).trim().to_owned())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// A verdict (a face match, a check's outcome) that may also say nothing.
/// A boolean as it is; a number: yes unless zero. Words, yes: "1", "true",
/// "yes", "match", "matched", "verified", "success", "ok", "pass",
/// "passed"; no: "0", "false", "no", "not_match", "not matched",
/// "notmatch", "unmatched", "mismatch", "failed", "fail", "rejected". Any
/// other text (a score like "0.41", "pending", "") and null, lists or
/// objects: `None`, so a verdict is never guessed from a word it does not
/// know.
pub fn yes_no(v: &serde_json::Value) -> Option<bool> {
    use serde_json::Value;
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(_) => Some(Flag::from_text(&scalar_text(v)).0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "match" | "matched" | "verified" | "success" | "ok" | "pass"
            | "passed" => Some(true),
            "0" | "false" | "no" | "not_match" | "not matched" | "notmatch" | "unmatched"
            | "mismatch" | "failed" | "fail" | "rejected" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The part of an answer under the first of `keys` present
/// (`{"keys": [...]}`), or the whole answer when it has none of them.
pub fn under(v: serde_json::Value, keys: &[&str]) -> serde_json::Value {
    match keys.iter().find_map(|k| v.get(*k)) {
        Some(inner) => inner.clone(),
        None => v,
    }
}

/// The objects of something list-like, per [`list_items`]; other items are
/// skipped.
pub fn objects(v: serde_json::Value) -> Vec<serde_json::Value> {
    list_items(v).into_iter().filter(serde_json::Value::is_object).collect()
}

/// The object holding an answer's data: the one under the first of `keys`
/// present (an object, or the first object of a list), or under one of
/// `keys` inside that one (`{"result": {"data": [{...}]}}`); else the answer
/// itself. `None` when the answer is not an object.
pub fn data_object<'a>(v: &'a serde_json::Value, keys: &[&str]) -> Option<&'a serde_json::Value> {
    fn as_object(v: &serde_json::Value) -> Option<&serde_json::Value> {
        match v {
            serde_json::Value::Object(_) => Some(v),
            serde_json::Value::Array(a) => a.iter().find(|x| x.is_object()),
            _ => None,
        }
    }
    if !v.is_object() {
        return None;
    }
    let Some(inner) = keys.iter().find_map(|k| v.get(*k).and_then(as_object)) else {
        return Some(v);
    };
    Some(keys.iter().find_map(|k| inner.get(*k).and_then(as_object)).unwrap_or(inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug, Default)]
    struct Row {
        #[serde(default)]
        id: Id,
        #[serde(default)]
        name: Text,
        #[serde(default)]
        on: Flag,
        #[serde(default)]
        price: Money,
    }

    #[test]
    fn ids_accept_strings_and_numbers() {
        let a: Id = serde_json::from_value(json!("47")).unwrap();
        let b: Id = serde_json::from_value(json!(47)).unwrap();
        assert_eq!(a, b);
        let n: Id = serde_json::from_value(json!(null)).unwrap();
        assert!(n.is_empty());
        let f: Id = serde_json::from_value(json!(3.0)).unwrap();
        assert_eq!(f.as_str(), "3");
    }

    #[test]
    fn flags_accept_every_spelling() {
        for v in [json!(true), json!(1), json!("1"), json!("true"), json!("Yes"), json!("on")] {
            assert!(serde_json::from_value::<Flag>(v.clone()).unwrap().0, "{v}");
        }
        for v in
            [json!(false), json!(0), json!("0"), json!(""), json!(null), json!("no"), json!([])]
        {
            assert!(!serde_json::from_value::<Flag>(v.clone()).unwrap().0, "{v}");
        }
    }

    #[test]
    fn money_is_exact() {
        let m: Money = serde_json::from_value(json!("123456.55")).unwrap();
        assert_eq!(m.value, Some(Decimal::new(12345655, 2)));
        let m: Money = serde_json::from_value(json!(9.99)).unwrap();
        assert_eq!(m.value, Some(Decimal::new(999, 2)));
        let m: Money = serde_json::from_value(json!("abc")).unwrap();
        assert_eq!(m.value, None);
        assert_eq!(m.raw, "abc");
        let m: Money = serde_json::from_value(json!("1,250,000.00")).unwrap();
        assert_eq!(m.value, Some(Decimal::new(125000000, 2)));
    }

    #[test]
    fn decimal_arithmetic_and_rounding() {
        let a = Decimal::parse("0.1").unwrap();
        let b = Decimal::parse("0.2").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "0.3");
        assert_eq!(b.checked_sub(a).unwrap().to_string(), "0.1");
        assert!(a.checked_sub(b).unwrap().is_negative());
        let p = Decimal::parse("2.5").unwrap();
        let total = Decimal::parse("199000").unwrap();
        // 2.5 % of 199000 = 4975
        assert_eq!(total.checked_mul(p).unwrap().shift_down(2).to_string(), "4975.000");
        assert_eq!(Decimal::parse("1.005").unwrap().round_to(2).to_string(), "1.01");
        assert_eq!(Decimal::parse("-1.005").unwrap().round_to(2).to_string(), "-1.01");
        assert_eq!(Decimal::parse("123456.55").unwrap().round_to(0).to_string(), "123457");
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1.2.3").is_none());
        assert!(Decimal::parse("-").is_none());
        assert!(Decimal::parse("99999999999999999999999999999999999999999999").is_none());
    }

    #[test]
    fn php_empty_array_is_empty_object() {
        #[derive(Deserialize, Default, Debug, PartialEq)]
        struct O {
            #[serde(default)]
            a: Text,
        }
        let o: PhpObject<O> = serde_json::from_value(json!([])).unwrap();
        assert_eq!(o.0, O::default());
        let o: PhpObject<O> = serde_json::from_value(json!({"a": 5})).unwrap();
        assert_eq!(o.0.a.as_str(), "5");
        let o: PhpObject<O> = serde_json::from_value(json!(null)).unwrap();
        assert_eq!(o.0, O::default());
    }

    #[test]
    fn lists_in_every_shape() {
        let bare: LooseList<Row> = serde_json::from_value(json!([{"id": 1, "name": "a"}])).unwrap();
        assert_eq!(bare.0.len(), 1);
        let wrapped: LooseList<Row> =
            serde_json::from_value(json!({"success": true, "rows": [{"id": "1"}, {"id": 2}]}))
                .unwrap();
        assert_eq!(wrapped.0.len(), 2);
        let keyed: LooseList<Row> =
            serde_json::from_value(json!({"10": {"name": "x", "on": "1"}, "11": "Bank transfer"}))
                .unwrap();
        assert_eq!(keyed.0.len(), 2);
        assert!(keyed.0.iter().any(|r| r.id.as_str() == "10" && r.on.0));
        assert!(keyed
            .0
            .iter()
            .any(|r| r.id.as_str() == "11" && r.name.as_str() == "Bank transfer"));
        let empty: LooseList<Row> = serde_json::from_value(json!([])).unwrap();
        assert!(empty.0.is_empty());
        let junk: LooseList<Row> = serde_json::from_value(json!("nope")).unwrap();
        assert!(junk.0.is_empty());
        // one bad item does not sink the list
        let mixed: LooseList<Row> =
            serde_json::from_value(json!([{"id": 1}, 7, {"id": 2}])).unwrap();
        assert_eq!(mixed.0.len(), 2);
    }

    #[test]
    fn field_text_takes_the_first_filled_key() {
        let v = json!({"title": "", "subject": "Hoá đơn", "id": 5, "x": [1]});
        assert_eq!(field_text(&v, &["title", "subject"]), "Hoá đơn");
        assert_eq!(field_text(&v, &["id"]), "5");
        assert_eq!(field_text(&v, &["x", "nope"]), "");
        assert_eq!(field_text(&json!("str"), &["a"]), "");
    }

    #[test]
    fn field_text_matches_keys_in_any_case_and_skips_booleans() {
        let v = json!({"ID ": 7.0, "Name": " LÊ C ", "title": false, "subject": "x", "n": 0.5});
        assert_eq!(field_text(&v, &["id"]), "7");
        assert_eq!(field_text(&v, &["name"]), "LÊ C");
        assert_eq!(field_text(&v, &["title", "subject"]), "x");
        assert_eq!(field_text(&v, &["n"]), "0.5");
    }

    #[test]
    fn read_takes_the_first_key_present_as_a_struct_field_would() {
        let v = json!({"name": "", "domain": "a.vn", "on": "Yes", "price": 9.99, "off": null});
        assert_eq!(read::<Text>(&v, &["name", "domain"]).as_str(), "");
        assert_eq!(read::<Text>(&v, &["domain"]).as_str(), "a.vn");
        assert!(read::<Flag>(&v, &["lock", "on"]).0);
        assert_eq!(read::<Money>(&v, &["price"]).value, Some(Decimal::new(999, 2)));
        assert_eq!(read::<Option<Flag>>(&v, &["off"]), None);
        assert_eq!(read::<Option<Flag>>(&v, &["on"]), Some(Flag(true)));
        assert_eq!(scalar_text(&json!(3.0)), "3");
        assert_eq!(scalar_text(&json!(1e20)), "100000000000000000000");
    }

    #[test]
    fn yes_no_reads_verdicts_and_may_say_nothing() {
        for v in [json!(true), json!(2), json!("1"), json!("Yes"), json!("verified"), json!("OK")] {
            assert_eq!(yes_no(&v), Some(true), "{v}");
        }
        for v in
            [json!(false), json!(0), json!(0.0), json!("0"), json!("not matched"), json!("failed")]
        {
            assert_eq!(yes_no(&v), Some(false), "{v}");
        }
        // a score or an unknown word is not a verdict
        for v in [json!(null), json!(""), json!("pending"), json!("0.41"), json!("on"), json!([])] {
            assert_eq!(yes_no(&v), None, "{v}");
        }
    }

    #[test]
    fn where_the_data_sits() {
        assert_eq!(under(json!({"keys": [1]}), &["flags", "keys"]), json!([1]));
        assert_eq!(under(json!([1]), &["keys"]), json!([1]));
        assert_eq!(objects(json!({"rows": [{"id": 1}, 2, "x", {"id": 3}]})).len(), 2);
        let v = json!({"result": {"data": [7, {"id": "001"}]}});
        assert_eq!(data_object(&v, &["data", "result"]), Some(&json!({"id": "001"})));
        let v = json!({"data": [], "result": {"id": 2}});
        assert_eq!(data_object(&v, &["data", "result"]), Some(&json!({"id": 2})));
        let v = json!({"id": 3});
        assert_eq!(data_object(&v, &["data"]), Some(&v));
        assert_eq!(data_object(&json!([{"id": 1}]), &["data"]), None);
    }

    #[test]
    fn unknown_fields_and_missing_fields() {
        let r: Row = serde_json::from_value(json!({"id": 3, "extra": {"deep": [1, 2]}})).unwrap();
        assert_eq!(r.id.as_str(), "3");
        assert_eq!(r.name.as_str(), "");
        assert!(!r.on.0);
        assert_eq!(r.price.value, None);
    }

    #[test]
    fn compact_decoding_follows_the_same_rules() {
        crate::loose_struct! {
            #[derive(Debug, Default, PartialEq)]
            struct R {
                id: Id,
                kind: Text => ["type", "kind"],
                on: Flag,
                price: Money,
                n: u32,
                list: LooseList<Text>,
                inner: PhpObject<Inner>,
                msgs: Vec<String>,
                maybe: Option<Flag>,
            }
        }
        crate::loose_struct! {
            #[derive(Debug, Default, PartialEq)]
            struct Inner { a: Text }
        }
        let r: R = serde_json::from_value(json!({
            "id": 47, "type": "select", "on": "Yes", "price": 9.99, "n": "3",
            "list": [1, "b"], "inner": [], "msgs": ["x", "", 5], "extra": {"deep": 1}
        }))
        .unwrap();
        assert_eq!(r.id.as_str(), "47");
        assert_eq!(r.kind.as_str(), "select");
        assert!(r.on.0);
        assert_eq!(r.price.value, Some(Decimal::new(999, 2)));
        assert_eq!(r.n, 3);
        assert_eq!(r.list.0, [Text("1".into()), Text("b".into())]);
        assert_eq!(r.inner.0, Inner::default());
        assert_eq!(r.msgs, ["x", "5"]);
        assert_eq!(r.maybe, None);
        let r: R = serde_json::from_value(
            json!({"kind": "radio", "inner": {"a": false}, "msgs": "one", "maybe": 0}),
        )
        .unwrap();
        assert_eq!((r.kind.as_str(), r.inner.0.a.as_str()), ("radio", "0"));
        assert_eq!(r.msgs, ["one"]);
        assert_eq!(r.maybe, Some(Flag(false)));
        // lists of structs skip what is not an object; PHP keyed objects work
        let l: LooseList<Inner> = FromLoose::from_loose(&json!({"7": {"a": "x"}, "8": 3}));
        assert_eq!(l.0.len(), 1);
        let l: LooseList<Inner> = FromLoose::from_loose(&json!([{"a": 1}, "junk", {"a": 2}]));
        assert_eq!(l.0.len(), 2);
        assert_eq!(R::from_loose(&json!(null)), R::default());
        assert_eq!(<u32 as FromLoose>::from_loose(&json!(-4)), 0);
    }

    #[test]
    fn one_list_beside_scalars_is_the_list() {
        let items =
            list_items(json!({"countries": [{"id": 1}, {"id": 2}], "server_time": 1_700_000_000}));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["id"], 1);
    }
}
