//! Public account calls: `POST /signup` (catalog 5), HostBill's standard
//! `POST /passwordreset`, and the lookups the sign-up form makes (catalog
//! 27-29: business info and household businesses by tax id, "is this
//! e-mail registered"). None of the lookups has an example answer.

use super::client::{call, fetch_with_info, ApiRequest};
use super::error::ApiError;
use super::loose::{field_text, list_items, Flag};
use super::profile::ProfileFields;
use crate::util::percent_encode;
use serde::Serialize;
use serde_json::Value;

/// `POST /signup`: exactly the documented fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SignupBody {
    #[serde(flatten)]
    pub profile: ProfileFields,
    pub password: String,
    /// "VND" or "USD" (the doc lists no values).
    pub currency: String,
}

pub fn signup_request(body: &SignupBody) -> ApiRequest {
    ApiRequest::post("/signup").public().json(body).timeout_ms(30_000)
}

/// Creates the account; gives the `info` messages (`client_registered`).
pub async fn signup(body: &SignupBody) -> Result<Vec<String>, ApiError> {
    let (_, info) = fetch_with_info::<Value>(signup_request(body)).await?;
    Ok(info)
}

#[derive(Serialize)]
struct ResetBody<'a> {
    email: &'a str,
}

/// `POST /passwordreset {email}`.
pub async fn password_reset(email: &str) -> Result<(), ApiError> {
    let req = ApiRequest::post("/passwordreset").public().json(&ResetBody { email: email.trim() });
    call(req).await.map(|_| ())
}

/// What a tax-id lookup found, for prefilling the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Business {
    pub name: String,
    /// Street part of the address.
    pub address1: String,
    pub ward: String,
    pub city: String,
    pub state: String,
    pub country: String,
}

/// Reads a lookup answer: the record itself, or wrapped in one key
/// (`data`, `business`, `households`...), or the first of a list. `None`
/// when it names no business.
pub fn business_from(v: Value) -> Option<Business> {
    let record = match &v {
        Value::Object(o)
            if o.keys()
                .any(|k| matches!(k.as_str(), "name" | "companyname" | "company_name" | "ten")) =>
        {
            v
        }
        _ => list_items(v).into_iter().find(Value::is_object)?,
    };
    let record = match record.get("data").or_else(|| record.get("business")) {
        Some(inner) if inner.is_object() => inner.clone(),
        _ => record,
    };
    let name = field_text(
        &record,
        &["name", "companyname", "company_name", "ten", "title", "business_name"],
    );
    if name.is_empty() {
        return None;
    }
    let ward = field_text(&record, &["ward", "phuong"]);
    let city = field_text(&record, &["city", "district", "quan"]);
    let state = field_text(&record, &["state", "province", "tinh"]);
    let mut address1 = field_text(&record, &["address1", "street"]);
    if address1.is_empty() {
        // "street, ward, city, state": keep the parts that are not one of
        // the named levels.
        let full = field_text(&record, &["address", "diachi", "full_address"]);
        let levels = [ward.as_str(), city.as_str(), state.as_str()];
        let mut parts: Vec<&str> =
            full.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        while parts.len() > 1
            && parts.last().is_some_and(|p| {
                levels.iter().any(|l| !l.is_empty() && crate::util::fold(l) == crate::util::fold(p))
            })
        {
            parts.pop();
        }
        address1 = parts.join(", ");
    }
    let country = field_text(&record, &["country", "country_code"]);
    Some(Business { name, address1, ward, city, state, country })
}

/// Which lookup a tax id goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxLookup {
    Business,
    Household,
}

/// `GET /clientarea/businessinfo?taxid=` or `GET /clientarea/gethouseholds?taxid=`.
/// `Ok(None)` when nothing is found.
pub async fn lookup_taxid(kind: TaxLookup, taxid: &str) -> Result<Option<Business>, ApiError> {
    let path = match kind {
        TaxLookup::Business => "/clientarea/businessinfo",
        TaxLookup::Household => "/clientarea/gethouseholds",
    };
    let req = ApiRequest::get(format!("{path}?taxid={}", percent_encode(taxid.trim())))
        .public()
        .timeout_ms(10_000);
    Ok(business_from(call(req).await?.value))
}

/// `GET /clientarea/emailloginbkns?name=`: whether an account already uses
/// this e-mail (`{"exists": true}`; `found`/`registered` also read).
pub async fn email_registered(email: &str) -> Result<bool, ApiError> {
    let req = ApiRequest::get(format!(
        "/clientarea/emailloginbkns?name={}",
        percent_encode(email.trim())
    ))
    .public();
    let v = call(req).await?.value;
    let flag = |k: &str| {
        v.get(k).and_then(|x| serde_json::from_value::<Flag>(x.clone()).ok()).is_some_and(|f| f.0)
    };
    Ok(flag("exists") || flag("found") || flag("registered"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The doc's request example for `POST /signup`, copied into fixtures.
    const DOC_EXAMPLE: &str = include_str!("../../fixtures/api/signup.request.json");

    fn sample() -> SignupBody {
        SignupBody {
            profile: ProfileFields {
                kind: "Private".into(),
                gender: "female".into(),
                lastname: "Lê Thị".into(),
                firstname: "Hoa".into(),
                email: "hoa@example.vn".into(),
                phonenumber: "0987654321".into(),
                nationalid: "001190012345".into(),
                birthday: super::super::profile::birthday_to_api("1990-11-05"),
                country: "VN".into(),
                state: "Thành phố Hà Nội".into(),
                city: "Quận Hoàn Kiếm".into(),
                ward: "Phường Hàng Bạc".into(),
                address1: "27 Hàng Bạc".into(),
                ..Default::default()
            },
            password: "secret-pw".into(),
            currency: "VND".into(),
        }
    }

    #[test]
    fn signup_body_holds_exactly_the_documented_fields() {
        let doc: Value = serde_json::from_str(DOC_EXAMPLE).unwrap();
        let req = signup_request(&sample());
        let body = req.body.clone().unwrap();
        let sent: Vec<&String> = body.as_object().unwrap().keys().collect();
        let documented: Vec<&String> = doc.as_object().unwrap().keys().collect();
        let mut a = sent.clone();
        let mut b = documented.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "signup body keys vs the doc's example");
        assert!(!sent.iter().any(|k| k.contains("confirm")), "the confirmation is never sent");
        assert_eq!(body["birthday"], "05-11-1990", "dd-mm-yyyy");
        assert_eq!(body["type"], "Private");
        assert_eq!(body["password"], "secret-pw");
        assert!(body.as_object().unwrap().values().all(Value::is_string));
        assert!(!req.auth, "sign-up is public");
        assert_eq!(req.endpoint(), "POST /signup");
    }

    #[test]
    fn business_answers_in_several_shapes() {
        let mock = json!({"success": true, "data": {"taxid": "0312345678", "name": "CÔNG TY TNHH SAO VIỆT",
            "address": "Tầng 5, 123 Nguyễn Thị Minh Khai, Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh",
            "address1": "Tầng 5, 123 Nguyễn Thị Minh Khai", "ward": "Phường Bến Thành", "city": "Quận 1",
            "state": "Thành phố Hồ Chí Minh", "country": "VN"}});
        let b = business_from(mock).unwrap();
        assert_eq!(b.name, "CÔNG TY TNHH SAO VIỆT");
        assert_eq!(b.address1, "Tầng 5, 123 Nguyễn Thị Minh Khai");
        assert_eq!(b.state, "Thành phố Hồ Chí Minh");
        // a list of households; the street is cut from the full address
        let list = json!({"success": true, "households": [{"name": "HKD MINH ANH",
            "address": "27 Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Thành phố Hà Nội",
            "ward": "Phường Hàng Bạc", "city": "Quận Hoàn Kiếm", "state": "Thành phố Hà Nội"}]});
        let b = business_from(list).unwrap();
        assert_eq!(b.address1, "27 Hàng Bạc");
        assert_eq!(b.city, "Quận Hoàn Kiếm");
        // a bare record under other names
        let b = business_from(json!({"companyname": "X", "address": "1 A"})).unwrap();
        assert_eq!((b.name.as_str(), b.address1.as_str()), ("X", "1 A"));
        // nothing found
        assert_eq!(business_from(json!({"success": true, "households": []})), None);
        assert_eq!(business_from(json!({"success": false})), None);
        assert_eq!(business_from(json!(null)), None);
    }
}
