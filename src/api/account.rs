//! Clientarea: the account's own details.

use super::client::{fetch, ApiRequest};
use super::error::ApiError;
use super::loose::{Id, PhpObject, Text};
use serde::Deserialize;

/// `GET /details` → `{"client": {...}}`. Every field is optional and loose.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Client {
    pub id: Id,
    pub email: Text,
    pub lastlogin: Text,
    pub firstname: Text,
    pub lastname: Text,
    pub companyname: Text,
    pub address1: Text,
    pub address2: Text,
    pub ward: Text,
    pub city: Text,
    pub state: Text,
    pub postcode: Text,
    pub country: Text,
    pub phonenumber: Text,
    // BKNS sign-up fields (not in the doc's example of `GET /details`).
    #[serde(rename = "type")]
    pub kind: Text,
    pub taxid: Text,
    pub gender: Text,
    pub nationalid: Text,
    /// dd-mm-yyyy
    pub birthday: Text,
    pub zalonumber: Text,
}

impl Client {
    /// "Nguyễn Văn An": family name first, as Vietnamese names are written.
    pub fn full_name(&self) -> String {
        join_nonempty(&[self.lastname.as_str(), self.firstname.as_str()], " ")
    }

    /// The name to greet with: the given name, else the e-mail.
    pub fn display_name(&self) -> String {
        let n = self.full_name();
        if n.is_empty() {
            self.email.0.clone()
        } else {
            n
        }
    }

    pub fn address(&self) -> String {
        join_nonempty(
            &[
                self.address1.as_str(),
                self.address2.as_str(),
                self.ward.as_str(),
                self.city.as_str(),
                self.state.as_str(),
                self.country.as_str(),
            ],
            ", ",
        )
    }
}

fn join_nonempty(parts: &[&str], sep: &str) -> String {
    parts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(sep)
}

#[derive(Deserialize, Default)]
struct DetailsAnswer {
    #[serde(default)]
    client: PhpObject<Client>,
}

pub async fn details() -> Result<Client, ApiError> {
    let a: DetailsAnswer = fetch(ApiRequest::get("/details")).await?;
    Ok(a.client.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_example_decodes() {
        let a: DetailsAnswer = serde_json::from_str(crate::fixtures::DETAILS).unwrap();
        let c = a.client.0;
        assert_eq!(c.id.as_str(), "26");
        assert_eq!(c.email.as_str(), "api@example.com");
        assert_eq!(c.full_name(), "Doe Joe");
        assert_eq!(c.address(), "Pretty View Lane, 3294, Santa Rosa, California, US");
    }

    #[test]
    fn loose_variants_decode() {
        let a: DetailsAnswer =
            serde_json::from_value(serde_json::json!({"client": {"id": 26, "firstname": null, "email": "x@y.vn", "extra": [1]}}))
                .unwrap();
        assert_eq!(a.client.0.id.as_str(), "26");
        assert_eq!(a.client.0.display_name(), "x@y.vn");
        let a: DetailsAnswer = serde_json::from_value(serde_json::json!({"client": []})).unwrap();
        assert_eq!(a.client.0, Client::default());
        let a: DetailsAnswer = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(a.client.0, Client::default());
    }
}
