//! Upgrading a service (catalog 84-85): the options
//! (`GET /service/@id/upgrade`), the estimate (`POST` with `send: false`)
//! and the order (the same body with `send: true`).
//!
//! # The body
//!
//! `resources` has one entry per resource id, as the reference's format
//! note says: the quantity for sliders and quantity fields, the item id for
//! dropdowns and radios, `{item_id: quantity}` for a dropdown with a
//! quantity; values are sent as strings (the reference's own examples are
//! strings, and HostBill reads form values). `package` and `cycle` are sent
//! only when they differ from the current ones (the reference: "optional
//! when upgrading resources"). `send` is a JSON boolean: a string "false"
//! would be true in PHP and order the upgrade.
//!
//! Resources of a type this portal does not know are kept (shown as text)
//! and never sent.

use super::at;
use crate::api::client::{fetch, fetch_with_info, ApiRequest};
use crate::api::error::ApiError;
use crate::api::loose::{field, list_at, read, under, FromLoose, LooseList, Money, Text};
use crate::loose_struct;
use crate::vocab::{Flag, Id};
use serde_json::{json, Map, Value};

/// How a resource is chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    /// A quantity on a slider (with a number input beside it).
    Slider,
    /// A quantity in a number input.
    Quantity,
    /// One item from a dropdown.
    Select,
    /// One item from radio buttons.
    Radio,
    /// One item from a dropdown, and how many of it.
    SelectQuantity,
    /// A type this portal does not know (its name as sent): shown, not sent.
    Other(String),
}

impl ResourceKind {
    pub fn of(t: &str) -> ResourceKind {
        let t = t.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match t.as_str() {
            "slider" | "range" => ResourceKind::Slider,
            "qty" | "quantity" | "number" | "input_qty" => ResourceKind::Quantity,
            "select" | "dropdown" | "selectbox" | "list" => ResourceKind::Select,
            "radio" | "radios" => ResourceKind::Radio,
            "selectqty" | "select_qty" | "dropdownqty" | "dropdown_qty" | "qtyselect"
            | "select_quantity" => ResourceKind::SelectQuantity,
            _ => ResourceKind::Other(t),
        }
    }
    /// Chosen by a number (sliders and quantity fields).
    pub fn is_number(&self) -> bool {
        matches!(self, ResourceKind::Slider | ResourceKind::Quantity)
    }
}

loose_struct! {
    /// An item of a resource (a size, a version, a unit price).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ResourceItem {
        pub id: Id => ["id", "item_id"],
        pub name: Text => ["name", "title"],
        /// Price of the item (per unit for quantities).
        pub price: Money,
        pub setup_price: Money => ["setup_price", "setup"],
        pub selected: Flag => ["selected", "default", "checked"],
        /// The quantity taken now (dropdowns with a quantity).
        pub qty: u32 => ["qty", "quantity"],
    }
}

/// One resource of `GET /service/@id/upgrade`.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub id: Id,
    pub name: String,
    pub kind: ResourceKind,
    pub min: u32,
    /// None when the server sets no upper limit.
    pub max: Option<u32>,
    pub step: u32,
    /// The quantity taken now (sliders and quantity fields).
    pub value: u32,
    pub items: Vec<ResourceItem>,
}

impl FromLoose for Resource {
    fn from_loose(v: &Value) -> Self {
        let items = LooseList::<ResourceItem>::from_loose(field(v, &["items", "options"])).0;
        let kind = ResourceKind::of(read::<Text>(v, &["type", "kind"]).as_str());
        let min: u32 = read(v, &["min", "minimum"]);
        let max: u32 = read(v, &["max", "maximum"]);
        let max = (max > 0 && max >= min).then_some(max);
        let value = match field(v, &["value", "qty", "quantity"]) {
            Value::Null => items.iter().find(|i| i.selected.0).map_or(min, |i| i.qty.max(min)),
            x => u32::from_loose(x),
        };
        Resource {
            id: read(v, &["id", "resource_id"]),
            name: read::<Text>(v, &["name", "title"]).0,
            kind,
            min,
            max,
            step: read::<u32>(v, &["step"]).max(1),
            value,
            items,
        }
    }
    fn loose_accepts(v: &Value) -> bool {
        v.is_object()
    }
}

impl Default for Resource {
    fn default() -> Self {
        Resource {
            id: Id::default(),
            name: String::new(),
            kind: ResourceKind::Other(String::new()),
            min: 0,
            max: None,
            step: 1,
            value: 0,
            items: Vec::new(),
        }
    }
}

impl Resource {
    /// The item taken now: the selected one, else one with a quantity,
    /// else the first.
    pub fn current_item(&self) -> Option<&ResourceItem> {
        self.items
            .iter()
            .find(|i| i.selected.0)
            .or_else(|| self.items.iter().find(|i| i.qty > 0))
            .or_else(|| self.items.first())
    }

    /// Whether `n` may be asked for: within min..=max and on a step from min.
    pub fn accepts(&self, n: u32) -> bool {
        n >= self.min
            && self.max.is_none_or(|m| n <= m)
            && (n - self.min).is_multiple_of(self.step.max(1))
    }
}

loose_struct! {
    /// A package (plan) the service can move to.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct PackageOption {
        pub id: Id => ["id", "product_id"],
        pub name: Text => ["name", "title"],
        pub price: Money,
        pub selected: Flag => ["selected", "current"],
    }
}

loose_struct! {
    /// A billing cycle the service can move to (`m`, `q`, `a`...).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CycleOption {
        pub id: Id => ["id", "code", "cycle"],
        pub name: Text => ["name", "title"],
        pub price: Money,
        pub selected: Flag => ["selected", "current"],
    }
}

/// `GET /service/@id/upgrade`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpgradeOptions {
    pub resources: Vec<Resource>,
    pub packages: Vec<PackageOption>,
    pub cycles: Vec<CycleOption>,
}

impl UpgradeOptions {
    pub fn from_json(v: &Value) -> Self {
        UpgradeOptions {
            resources: list_at::<Resource>(v, "resources")
                .into_iter()
                .filter(|r| !r.id.is_empty())
                .collect(),
            packages: LooseList::<PackageOption>::from_loose(field(v, &["package", "packages"]))
                .0
                .into_iter()
                .filter(|p| !p.id.is_empty())
                .collect(),
            cycles: LooseList::<CycleOption>::from_loose(field(v, &["cycle", "cycles"]))
                .0
                .into_iter()
                .filter(|c| !c.id.is_empty())
                .collect(),
        }
    }

    /// Nothing to choose from.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty() && self.packages.len() < 2 && self.cycles.len() < 2
    }

    pub fn current_package(&self) -> Option<Id> {
        self.packages.iter().find(|p| p.selected.0).map(|p| p.id.clone())
    }

    pub fn current_cycle(&self) -> Option<Id> {
        self.cycles.iter().find(|c| c.selected.0).map(|c| c.id.clone())
    }

    /// The choices as they are now (what the form starts from).
    pub fn initial(&self) -> UpgradeChoices {
        UpgradeChoices {
            resources: self
                .resources
                .iter()
                .map(|r| match r.kind {
                    ResourceKind::Slider | ResourceKind::Quantity => Choice::Quantity(r.value),
                    ResourceKind::Select | ResourceKind::Radio => {
                        Choice::Item(r.current_item().map(|i| i.id.clone()).unwrap_or_default())
                    }
                    ResourceKind::SelectQuantity => {
                        let item = r.current_item();
                        Choice::ItemQuantity(
                            item.map(|i| i.id.clone()).unwrap_or_default(),
                            item.map_or(0, |i| i.qty),
                        )
                    }
                    ResourceKind::Other(_) => Choice::Fixed,
                })
                .collect(),
            package: self.current_package().or_else(|| self.packages.first().map(|p| p.id.clone())),
            cycle: self.current_cycle().or_else(|| self.cycles.first().map(|c| c.id.clone())),
        }
    }

    /// The resources whose choice cannot be sent (a quantity out of range
    /// or off its step, an item the resource does not have), by index.
    pub fn problems(&self, c: &UpgradeChoices) -> Vec<usize> {
        self.resources
            .iter()
            .zip(&c.resources)
            .enumerate()
            .filter(|(_, (r, ch))| match ch {
                Choice::Quantity(n) => !r.accepts(*n),
                Choice::Item(id) | Choice::ItemQuantity(id, _) => {
                    !r.items.iter().any(|i| &i.id == id)
                }
                Choice::Fixed => false,
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The request for these choices: every resource this portal knows,
    /// the package and the cycle only when they change.
    pub fn request(&self, c: &UpgradeChoices) -> UpgradeRequest {
        let resources = self
            .resources
            .iter()
            .zip(&c.resources)
            .filter_map(|(r, ch)| {
                let v = match ch {
                    Choice::Quantity(n) => ResourceValue::Quantity(*n),
                    Choice::Item(id) => ResourceValue::Item(id.clone()),
                    Choice::ItemQuantity(id, n) => ResourceValue::ItemQuantity(id.clone(), *n),
                    Choice::Fixed => return None,
                };
                Some((r.id.clone(), v))
            })
            .collect();
        let package = c.package.clone().filter(|p| Some(p) != self.current_package().as_ref());
        let cycle = c.cycle.clone().filter(|p| Some(p) != self.current_cycle().as_ref());
        UpgradeRequest { resources, package, cycle }
    }
}

/// The customer's choice for one resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Quantity(u32),
    Item(Id),
    ItemQuantity(Id, u32),
    /// A resource of an unknown kind: kept as it is.
    Fixed,
}

/// The form's state: a choice per resource (in the order of the options),
/// the package and the cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpgradeChoices {
    pub resources: Vec<Choice>,
    pub package: Option<Id>,
    pub cycle: Option<Id>,
}

/// What one resource is set to in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceValue {
    Quantity(u32),
    Item(Id),
    ItemQuantity(Id, u32),
}

/// `POST /service/@id/upgrade`, without `send`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpgradeRequest {
    pub resources: Vec<(Id, ResourceValue)>,
    pub package: Option<Id>,
    pub cycle: Option<Id>,
}

impl UpgradeRequest {
    /// The JSON body (see the module's note).
    pub fn body(&self, send: bool) -> Value {
        let resources: Map<String, Value> = self
            .resources
            .iter()
            .map(|(id, v)| {
                let value = match v {
                    ResourceValue::Quantity(n) => json!(n.to_string()),
                    ResourceValue::Item(item) => json!(item.as_str()),
                    ResourceValue::ItemQuantity(item, n) => json!({ item.as_str(): n.to_string() }),
                };
                (id.0.clone(), value)
            })
            .collect();
        let mut body = json!({ "resources": resources, "send": send });
        if let Some(p) = &self.package {
            body["package"] = json!(p.as_str());
        }
        if let Some(c) = &self.cycle {
            body["cycle"] = json!(c.as_str());
        }
        body
    }
}

loose_struct! {
    /// A line of an estimate.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct EstimateItem {
        pub name: Text => ["name", "description", "title"],
        pub price: Money => ["price", "amount", "total"],
    }
}

loose_struct! {
    /// What an upgrade would cost (`send: false`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Estimate {
        pub items: LooseList<EstimateItem>,
        pub subtotal: Money,
        pub tax: Money => ["tax", "taxes"],
        pub total: Money,
        pub currency: Text => ["currency", "currency_code"],
    }
}

/// The upgrade ordered (`send: true`): its invoice, when one was made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpgradeOrder {
    pub invoice_id: Id,
    pub info: Vec<String>,
}

fn estimate_of(v: Value) -> Estimate {
    Estimate::from_loose(&under(v, &["estimate", "summary", "quote"]))
}

fn order_of(v: &Value, info: Vec<String>) -> UpgradeOrder {
    UpgradeOrder { invoice_id: read(v, &["invoice_id", "invoiceid", "invoice"]), info }
}

pub fn upgrade_request(id: &Id, request: &UpgradeRequest, send: bool) -> ApiRequest {
    ApiRequest::post(at(id, "/upgrade")).json(&request.body(send))
}

/// `GET /service/@id/upgrade`.
pub async fn options(id: Id) -> Result<UpgradeOptions, ApiError> {
    Ok(UpgradeOptions::from_json(&super::get(at(&id, "/upgrade")).await?))
}

/// `POST /service/@id/upgrade` with `send: false`: the price of the change.
pub async fn estimate(id: Id, request: UpgradeRequest) -> Result<Estimate, ApiError> {
    Ok(estimate_of(fetch::<Value>(upgrade_request(&id, &request, false)).await?))
}

/// `POST /service/@id/upgrade` with `send: true`: orders the change.
pub async fn order(id: Id, request: UpgradeRequest) -> Result<UpgradeOrder, ApiError> {
    let (v, info) = fetch_with_info::<Value>(upgrade_request(&id, &request, true)).await?;
    Ok(order_of(&v, info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Decimal;

    const REFERENCE: &str = include_str!("../../../fixtures/api/service-upgrade.json");
    const CONTRACT: &str = include_str!("../../../fixtures/api/service-upgrade.contract.json");
    const ESTIMATE: &str =
        include_str!("../../../fixtures/api/service-upgrade-estimate.contract.json");
    const ORDER: &str = include_str!("../../../fixtures/api/service-upgrade-order.contract.json");

    fn v(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    fn id(s: &str) -> Id {
        Id(s.into())
    }

    #[test]
    fn the_reference_example_decodes() {
        let o = UpgradeOptions::from_json(&v(REFERENCE));
        assert_eq!(o.resources.len(), 1);
        let r = &o.resources[0];
        assert_eq!(
            (r.id.as_str(), r.name.as_str(), &r.kind),
            ("1557", "Bandwidth", &ResourceKind::Select)
        );
        assert_eq!(r.items.len(), 3);
        assert_eq!(r.items[1].price.value, Some(Decimal::new(5, 0)));
        assert_eq!(r.current_item().map(|i| i.id.as_str()), Some("9953"));
        assert!(o.packages.is_empty(), "PHP's [] for no packages");
        assert!(o.cycles.is_empty());
        assert!(!o.is_empty());
        assert_eq!(o.initial().resources, [Choice::Item(id("9953"))]);
    }

    #[test]
    fn every_resource_kind_of_the_contract_decodes() {
        let o = UpgradeOptions::from_json(&v(CONTRACT));
        let kinds: Vec<&ResourceKind> = o.resources.iter().map(|r| &r.kind).collect();
        assert_eq!(
            kinds,
            [
                &ResourceKind::Select,
                &ResourceKind::Slider,
                &ResourceKind::Quantity,
                &ResourceKind::Radio,
                &ResourceKind::SelectQuantity
            ]
        );
        let disk = &o.resources[1];
        assert_eq!((disk.min, disk.max, disk.step, disk.value), (10, Some(200), 10, 20));
        assert!(disk.accepts(40) && !disk.accepts(45) && !disk.accepts(210) && !disk.accepts(0));
        let ip = &o.resources[4];
        assert_eq!(ip.items[0].price.value, Some(Decimal::new(60000, 0)));
        assert_eq!(o.packages.len(), 2);
        assert_eq!(o.current_package(), Some(id("41")));
        assert_eq!(o.packages[1].price.value, Some(Decimal::new(19900000, 2)));
        assert_eq!(o.current_cycle(), Some(id("q")));
        assert_eq!(
            o.initial(),
            UpgradeChoices {
                resources: vec![
                    Choice::Item(id("9953")),
                    Choice::Quantity(20),
                    Choice::Quantity(10),
                    Choice::Item(id("9980")),
                    Choice::ItemQuantity(id("9990"), 0),
                ],
                package: Some(id("41")),
                cycle: Some(id("q")),
            }
        );
    }

    #[test]
    fn loose_variants_decode() {
        let o = UpgradeOptions::from_json(&json!({
            "resources": {"77": {"name": "RAM", "type": "Slider", "min": "1", "max": "0", "step": 0,
                                  "items": [{"id": 5, "price": "10.5", "selected": "1", "qty": "3"}]},
                          "78": {"name": "Backups", "type": "checkbox", "items": []}},
            "package": [],
            "cycle": {"m": "Monthly", "a": "Annually"}
        }));
        let ram = o.resources.iter().find(|r| r.id.as_str() == "77").unwrap();
        assert_eq!(ram.kind, ResourceKind::Slider);
        assert_eq!((ram.min, ram.max, ram.step), (1, None, 1), "max 0 is no limit, step 0 is 1");
        assert_eq!(ram.value, 3, "no value: the selected item's quantity");
        assert!(ram.accepts(1000));
        let backups = o.resources.iter().find(|r| r.id.as_str() == "78").unwrap();
        assert_eq!(backups.kind, ResourceKind::Other("checkbox".into()));
        let mut cycles: Vec<(&str, &str)> =
            o.cycles.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
        cycles.sort();
        assert_eq!(cycles, [("a", "Annually"), ("m", "Monthly")], "a keyed object of names");
        assert_eq!(o.current_cycle(), None);
        assert_eq!(o.initial().cycle, Some(o.cycles[0].id.clone()), "none selected: the first");
        assert_eq!(ResourceKind::of("select-qty"), ResourceKind::SelectQuantity);
        assert_eq!(ResourceKind::of("dropdown"), ResourceKind::Select);
        assert_eq!(ResourceKind::of("QTY"), ResourceKind::Quantity);
        assert!(UpgradeOptions::from_json(&json!({"resources": [], "package": []})).is_empty());
    }

    /// The contract's choices, changed: 500 GB, 40 GB disk, 10 mailboxes,
    /// PHP 8.3, two IPv4, Hosting Pro, yearly.
    fn changed() -> (UpgradeOptions, UpgradeChoices) {
        let o = UpgradeOptions::from_json(&v(CONTRACT));
        let mut c = o.initial();
        c.resources[0] = Choice::Item(id("10103"));
        c.resources[1] = Choice::Quantity(40);
        c.resources[3] = Choice::Item(id("9981"));
        c.resources[4] = Choice::ItemQuantity(id("9990"), 2);
        c.package = Some(id("42"));
        c.cycle = Some(id("a"));
        (o, c)
    }

    #[test]
    fn the_body_field_by_field_for_each_resource_kind() {
        let (o, c) = changed();
        let body = o.request(&c).body(false);
        let r = &body["resources"];
        assert_eq!(r["1557"], json!("10103"), "select: the item id");
        assert_eq!(r["1558"], json!("40"), "slider: the quantity");
        assert_eq!(r["1559"], json!("10"), "qty: the quantity");
        assert_eq!(r["1561"], json!("9981"), "radio: the item id");
        assert_eq!(r["1562"], json!({"9990": "2"}), "dropdown with quantity: {{item: qty}}");
        assert_eq!(r.as_object().unwrap().len(), 5);
        assert_eq!(body["package"], json!("42"));
        assert_eq!(body["cycle"], json!("a"));
        assert_eq!(body["send"], json!(false), "a JSON boolean");
        assert_eq!(body.as_object().unwrap().len(), 4);
        assert_eq!(o.request(&c).body(true)["send"], json!(true));
        // the contract's example body, exactly
        assert_eq!(
            body,
            json!({"resources": {"1557": "10103", "1558": "40", "1559": "10", "1561": "9981", "1562": {"9990": "2"}},
                   "package": "42", "cycle": "a", "send": false})
        );
    }

    #[test]
    fn package_and_cycle_are_sent_only_when_changed_and_unknown_kinds_never() {
        let mut o = UpgradeOptions::from_json(&v(CONTRACT));
        let body = o.request(&o.initial()).body(false);
        assert!(body.get("package").is_none() && body.get("cycle").is_none());
        assert_eq!(body["resources"]["1558"], json!("20"));
        o.resources.push(Resource {
            id: id("99"),
            kind: ResourceKind::Other("x".into()),
            ..Default::default()
        });
        let c = o.initial();
        assert_eq!(c.resources[5], Choice::Fixed);
        assert!(o.request(&c).body(true)["resources"].get("99").is_none());
        let r = upgrade_request(&id("305"), &o.request(&c), true);
        assert_eq!(r.endpoint(), "POST /service/305/upgrade");
    }

    #[test]
    fn choices_out_of_range_or_unknown_are_problems() {
        let (o, mut c) = changed();
        assert!(o.problems(&c).is_empty());
        c.resources[1] = Choice::Quantity(45);
        c.resources[2] = Choice::Quantity(0);
        c.resources[3] = Choice::Item(id("nope"));
        assert_eq!(o.problems(&c), [1, 2, 3]);
    }

    #[test]
    fn estimates_and_orders_decode() {
        let e = estimate_of(v(ESTIMATE));
        assert_eq!(e.items.0.len(), 2);
        assert_eq!(e.items.0[0].name.as_str(), "Bandwidth: 500 GB");
        assert_eq!(e.items.0[0].price.value, Some(Decimal::new(1200, 2)));
        assert_eq!(e.total.value, Some(Decimal::new(13201320, 2)));
        assert_eq!(e.tax.value, Some(Decimal::new(1200120, 2)));
        assert_eq!(e.currency.as_str(), "VND");
        // without the wrapper, numbers for strings, a keyed list
        let e = estimate_of(
            json!({"items": {"a": {"description": "Disk", "amount": 4000}}, "total": 4400, "subtotal": 4000}),
        );
        assert_eq!(e.items.0[0].name.as_str(), "Disk");
        assert_eq!(e.total.value, Some(Decimal::new(4400, 0)));
        assert_eq!(e.currency.as_str(), "");
        assert_eq!(estimate_of(json!({"estimate": []})), Estimate::default());

        let answer = crate::api::error::interpret(200, ORDER, "POST /service/305/upgrade");
        let crate::api::error::Outcome::Ok(a) = answer else { panic!("an answer") };
        let o = order_of(&a.value, a.info);
        assert_eq!(o.invoice_id.as_str(), "3201");
        assert_eq!(o.info, ["upgrade_request_sent"]);
        assert_eq!(order_of(&json!({"invoice_id": 77}), vec![]).invoice_id.as_str(), "77");
        assert!(order_of(&json!({"info": ["x"]}), vec![]).invoice_id.is_empty());
    }
}
