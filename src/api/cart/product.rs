//! A product's configuration (`GET /order/@product_id`, catalog endpoint
//! 120): its billing cycles, the domain it may take, its option forms
//! (also the shape of a TLD's extra forms) and its addons.

use super::CycleOption;
use crate::api::error::ApiError;
use crate::api::loose::{object_at, Flag, Id, LooseList, Money, PhpObject, Text};
use crate::api::raw;
use crate::util::percent_encode;
use serde_json::Value;

crate::loose_struct! {
    /// `GET /order/@product_id` → `product`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProductDetails {
        pub id: Id,
        pub category_name: Text,
        pub category_id: Id,
        pub name: Text,
        pub description: Text,
        pub price: Money,
        /// The default cycle code.
        pub recurring: Text,
        pub setup: Money,
        pub config: PhpObject<ProductConfig>,
        pub recurring_price: Money,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProductConfig {
        /// The `cycle` select and, when the product takes one, the `domain` input.
        pub product: LooseList<ConfigField>,
        pub forms: LooseList<Form>,
        pub addons: LooseList<Addon>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ConfigField {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub name: Text,
        pub items: LooseList<CycleOption>,
        pub value: Text,
    }
}

impl ConfigField {
    fn is(&self, what: &str) -> bool {
        self.id.as_str() == what || self.name.as_str() == what || self.title.as_str() == what
    }
}

impl ProductDetails {
    /// The billing cycles offered, with their prices.
    pub fn cycles(&self) -> Vec<CycleOption> {
        self.config
            .0
            .product
            .0
            .iter()
            .find(|f| f.is("cycle"))
            .map(|f| f.items.0.clone())
            .unwrap_or_default()
    }

    /// The cycle chosen when the configurator opens.
    pub fn default_cycle(&self) -> String {
        let cycles = self.cycles();
        let field = self.config.0.product.0.iter().find(|f| f.is("cycle"));
        cycles
            .iter()
            .find(|c| c.selected.0)
            .map(|c| c.code().to_owned())
            .or_else(|| field.map(|f| f.value.0.clone()).filter(|v| !v.is_empty()))
            .or_else(|| cycles.first().map(|c| c.code().to_owned()))
            .unwrap_or_else(|| self.recurring.0.clone())
    }

    /// Whether the product asks for a domain name.
    pub fn takes_domain(&self) -> bool {
        self.config.0.product.0.iter().any(|f| f.is("domain"))
    }
}

crate::loose_struct! {
    /// One configurable option (`config.forms[]`, and the TLD forms of
    /// `GET /domain/order/@id/form`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Form {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub first_item_id: Id => ["firstItemId"],
        pub description: Text,
        pub name: Text,
        pub required: Flag,
        pub multiple: Flag,
        pub config: PhpObject<FormConfig>,
        pub items: LooseList<FormItem>,
    }
}

impl Form {
    /// The item a single-value form (text, quantity) is sent under.
    pub fn value_item(&self) -> String {
        if !self.first_item_id.is_empty() {
            self.first_item_id.0.clone()
        } else {
            self.items.0.first().map(|i| i.id.0.clone()).unwrap_or_else(|| self.id.0.clone())
        }
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct FormConfig {
        pub conditionals: LooseList<Conditional>,
        /// `domaindnssupport`-style forms: checked by default.
        pub enableddefault: Flag,
        pub minvalue: Text => ["minvalue", "min"],
        pub maxvalue: Text => ["maxvalue", "max"],
        pub step: Text,
        pub unit: Text,
        pub initialval: Text => ["initialval", "initial"],
    }
}

crate::loose_struct! {
    /// "Show (or hide) form `target` when this form's value is `value`".
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Conditional {
        pub target: Id => ["target", "target_id", "targetid"],
        pub condition: Text,
        pub value: Text => ["value", "val"],
        pub action: Text,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct FormItem {
        pub title: Text,
        pub value: Text,
        pub id: Id,
        pub price: Money,
        pub setup: Money,
        pub selected: Flag,
    }
}

crate::loose_struct! {
    /// `config.addons[]`: an `addon[<id>]` checkbox and an `addon_cycles[<id>]`
    /// select, each in `config`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Addon {
        pub kind: Text => ["type"],
        pub title: Text,
        pub id: Id,
        pub description: Text,
        pub config: LooseList<AddonPart>,
    }
}

crate::loose_struct! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct AddonPart {
        pub kind: Text => ["type"],
        pub title: Text,
        pub name: Text,
        pub checked: Flag,
        pub items: LooseList<CycleOption>,
    }
}

impl Addon {
    pub fn cycles(&self) -> Vec<CycleOption> {
        self.config
            .0
            .iter()
            .find(|p| !p.items.0.is_empty())
            .map(|p| p.items.0.clone())
            .unwrap_or_default()
    }
    pub fn checked_by_default(&self) -> bool {
        self.config.0.iter().any(|p| p.kind.as_str() == "checkbox" && p.checked.0)
    }
}

/// `GET /order/@product_id`: the product and its configuration.
pub async fn details(product_id: String) -> Result<ProductDetails, ApiError> {
    read_product(&raw::get(format!("/order/{}", percent_encode(&product_id))).await?)
}

/// The product, or a decode error when the answer holds none.
pub fn read_product(v: &Value) -> Result<ProductDetails, ApiError> {
    let p: ProductDetails = object_at(v, "product");
    if p.id.is_empty() && p.name.as_str().is_empty() {
        return Err(ApiError::Decode {
            endpoint: "GET /order/@product_id".into(),
            detail: "no product".into(),
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Decimal;
    use crate::fixtures as fx;
    use serde_json::json;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::parse(s)
    }

    #[test]
    fn repaired_product_configuration_decodes() {
        let p = read_product(&serde_json::from_str(fx::ORDER_PRODUCT).unwrap()).unwrap();
        assert_eq!(
            (p.id.as_str(), p.name.as_str(), p.category_id.as_str()),
            ("333", "Starter Hosting", "49")
        );
        assert_eq!(p.default_cycle(), "m");
        assert!(p.takes_domain());
        let cycles: Vec<_> = p.cycles().iter().map(|c| c.code().to_owned()).collect();
        assert_eq!(cycles, ["m", "a", "b", "t"]);
        let form = &p.config.0.forms.0[0];
        assert_eq!(
            (form.kind.as_str(), form.id.as_str(), form.first_item_id.as_str()),
            ("select", "1618", "10330")
        );
        assert_eq!(form.items.0.len(), 3);
        assert_eq!(form.items.0[2].title.as_str(), "2GB");
        let addon = &p.config.0.addons.0[0];
        assert_eq!(addon.id.as_str(), "31");
        assert!(!addon.checked_by_default());
        let ac: Vec<_> =
            addon.cycles().iter().map(|c| (c.code().to_owned(), c.price.value)).collect();
        assert_eq!(ac, [("m".into(), d("5")), ("q".into(), d("20")), ("a".into(), d("50"))]);
        assert_eq!(p.recurring_price.value, d("9.99"));
    }

    #[test]
    fn product_config_variants() {
        // no cycle select: the product's own `recurring` is the cycle
        let p: ProductDetails =
            serde_json::from_value(json!({"id": 5, "recurring": "a", "config": []})).unwrap();
        assert_eq!(p.default_cycle(), "a");
        assert!(!p.takes_domain());
        // forms keyed by id, items keyed by id, conditionals with other spellings
        let p: ProductDetails = serde_json::from_value(json!({"config": {"forms": {
            "7": {"type": "radio", "title": "PHP", "items": {"70": {"title": "8.2"}, "71": {"title": "8.3"}},
                  "config": {"conditionals": [{"targetid": 9, "val": "71", "action": "show"}]}}
        }}})).unwrap();
        let f = &p.config.0.forms.0[0];
        assert_eq!(f.id.as_str(), "7");
        assert_eq!(f.items.0.len(), 2);
        assert_eq!(f.value_item(), "70");
        let c = &f.config.0.conditionals.0[0];
        assert_eq!((c.target.as_str(), c.value.as_str()), ("9", "71"));
    }

    #[test]
    fn an_answer_without_a_product_is_a_decode_error() {
        for v in [json!({"product": []}), json!({"success": true}), json!({"product": {"id": ""}})]
        {
            assert!(matches!(read_product(&v), Err(ApiError::Decode { .. })), "{v}");
        }
        assert!(read_product(&json!({"product": {"name": "VPS"}})).is_ok());
    }
}
