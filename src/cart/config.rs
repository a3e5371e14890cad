//! The configurator's state and what it sends, pure (host-tested): the
//! values of a product's (or a TLD's) forms, which forms are visible under
//! their conditionals, which are missing, and the `custom`/`data` map,
//! `addon`/`addon_cycles` and the whole product item.

use crate::api::cart::items::{CustomMap, ProductItem};
use crate::api::cart::product::{Addon, Form, ProductDetails};
use crate::api::cart::NumId;
use serde_json::Value;

/// A small map kept as a list: the few forms or addons of one product do
/// not need a tree (and a list keeps the wasm smaller).
#[derive(Clone, Debug, PartialEq)]
pub struct Keyed<V>(pub Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn insert(&mut self, key: String, value: V) {
        match self.get_mut(&key) {
            Some(v) => *v = value,
            None => self.0.push((key, value)),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The value under `key`, inserted as default when missing.
    pub fn entry(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.0.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                self.0.push((key.to_owned(), V::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

impl<V> std::ops::Index<&str> for Keyed<V> {
    type Output = V;
    fn index(&self, key: &str) -> &V {
        self.get(key).unwrap_or_else(|| panic!("no {key}"))
    }
}

impl<V> FromIterator<(String, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut k = Keyed::default();
        for (key, v) in iter {
            k.insert(key, v);
        }
        k
    }
}

/// How a form is shown and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// One item from a list (`custom[<form>]`).
    Select,
    Radio,
    /// Items ticked one by one (`custom[<form>][<item>]`), including the
    /// single-item `domaindnssupport`-style forms.
    Checkbox,
    /// A count of the form's item.
    Quantity,
    Slider,
    Text,
    Textarea,
}

pub fn form_kind(form: &Form) -> FormKind {
    let t = form.kind.as_str().trim().to_ascii_lowercase();
    match t.as_str() {
        "select" | "dropdown" | "selectbox" => FormKind::Select,
        "radio" | "radiobutton" => FormKind::Radio,
        "checkbox" | "checkboxes" => FormKind::Checkbox,
        "qty" | "quantity" | "number" => FormKind::Quantity,
        "slider" | "range" => FormKind::Slider,
        "textarea" => FormKind::Textarea,
        "input" | "text" | "textbox" | "email" | "hostname" => FormKind::Text,
        // `domaindnssupport`, `domainidprotection`, `domainemforwarding`…:
        // optional extras switched on by ticking their item.
        _ if t.starts_with("domain") => FormKind::Checkbox,
        _ if form.multiple.0 && !form.items.0.is_empty() => FormKind::Checkbox,
        _ if !form.items.0.is_empty() => FormKind::Select,
        _ => FormKind::Text,
    }
}

/// The value of one form.
#[derive(Clone, Debug, PartialEq)]
pub enum FormValue {
    /// The chosen item id (select, radio).
    One(String),
    /// The ticked item ids (checkbox-like), in the order ticked.
    Many(Vec<String>),
    /// A quantity (qty, slider).
    Number(i64),
    Text(String),
}

/// Form id → value.
pub type FormValues = Keyed<FormValue>;

/// The allowed range of a quantity or slider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub min: i64,
    pub max: i64,
    pub step: i64,
}

pub fn range(form: &Form) -> Range {
    let c = &form.config.0;
    let num = |t: &str| t.trim().parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| n as i64);
    let min = num(c.minvalue.as_str()).unwrap_or(0).max(0);
    let max = num(c.maxvalue.as_str())
        .unwrap_or(if form_kind(form) == FormKind::Slider { 100 } else { 1000 })
        .max(min);
    let step = num(c.step.as_str()).unwrap_or(1).max(1);
    Range { min, max, step }
}

/// Values a form starts with: the item marked `selected` (else the first)
/// for lists; ticked items (or `enableddefault`) for checkboxes; the
/// initial, else minimum, quantity; empty text.
pub fn default_value(form: &Form) -> FormValue {
    let items = &form.items.0;
    match form_kind(form) {
        FormKind::Select | FormKind::Radio => FormValue::One(
            items
                .iter()
                .find(|i| i.selected.0)
                .or(items.first())
                .map(|i| i.id.0.clone())
                .unwrap_or_default(),
        ),
        FormKind::Checkbox => {
            let mut on: Vec<String> =
                items.iter().filter(|i| i.selected.0).map(|i| i.id.0.clone()).collect();
            if on.is_empty() && form.config.0.enableddefault.0 {
                on.extend(items.first().map(|i| i.id.0.clone()));
            }
            FormValue::Many(on)
        }
        FormKind::Quantity | FormKind::Slider => {
            let r = range(form);
            let initial = form.config.0.initialval.as_str().trim().parse::<i64>().ok();
            FormValue::Number(initial.unwrap_or(r.min).clamp(r.min, r.max))
        }
        FormKind::Text | FormKind::Textarea => FormValue::Text(String::new()),
    }
}

/// A form's value: the one chosen, else its default (so forms that arrive
/// later need no initialisation).
pub fn value_of(form: &Form, values: &FormValues) -> FormValue {
    values.get(form.id.as_str()).cloned().unwrap_or_else(|| default_value(form))
}

pub fn defaults(forms: &[Form]) -> FormValues {
    forms.iter().map(|f| (f.id.0.clone(), default_value(f))).collect()
}

/// Whether `value` of a source form satisfies a conditional's `value`.
fn matches(value: Option<&FormValue>, wanted: &str, condition: &str) -> bool {
    let hit = match value {
        Some(FormValue::One(id)) => id == wanted,
        Some(FormValue::Many(ids)) => ids.iter().any(|i| i == wanted),
        Some(FormValue::Number(n)) => wanted.trim().parse::<i64>().is_ok_and(|w| *n == w),
        Some(FormValue::Text(t)) => t.trim() == wanted,
        None => false,
    };
    let c = condition.trim().to_ascii_lowercase();
    if matches!(c.as_str(), "notequals" | "not_equals" | "neq" | "ne" | "!=") {
        !hit
    } else {
        hit
    }
}

/// The forms to show. A form targeted by `show` rules is visible only when
/// one of them holds (on a visible source); a `hide` rule that holds hides
/// its target. Rules are followed in chains (a hidden source satisfies
/// nothing).
pub fn visible(forms: &[Form], values: &FormValues) -> Vec<String> {
    let rules: Vec<(&str, &str, &str, &str, bool)> = forms
        .iter()
        .flat_map(|f| {
            f.config.0.conditionals.0.iter().filter(|c| !c.target.is_empty()).map(move |c| {
                let hide = c.action.as_str().trim().eq_ignore_ascii_case("hide");
                (f.id.as_str(), c.target.as_str(), c.value.as_str(), c.condition.as_str(), hide)
            })
        })
        .collect();
    let mut shown: Vec<String> = forms.iter().map(|f| f.id.0.clone()).collect();
    // A fixed point: each pass can only hide more; at most one pass per form.
    for _ in 0..=forms.len() {
        let next: Vec<String> = forms
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| {
                let holds = |(src, _, val, cond, _): &&(&str, &str, &str, &str, bool)| {
                    shown.iter().any(|s| s == src)
                        && matches(
                            forms
                                .iter()
                                .find(|f| f.id.as_str() == *src)
                                .map(|f| value_of(f, values))
                                .as_ref(),
                            val,
                            cond,
                        )
                };
                let shows: Vec<_> = rules.iter().filter(|r| r.1 == *id && !r.4).collect();
                let hides = rules.iter().filter(|r| r.1 == *id && r.4).any(|r| holds(&r));
                (shows.is_empty() || shows.iter().any(holds)) && !hides
            })
            .map(str::to_owned)
            .collect();
        if next == shown {
            break;
        }
        shown = next;
    }
    shown
}

/// The `custom` (or TLD `data`) map: `{"<form>": {"<item>": value}}` for
/// every visible form that has a value. Lists send their item with 1,
/// checkboxes each ticked item with 1, quantities their count on the form's
/// first item, text on the first item.
pub fn custom(forms: &[Form], values: &FormValues) -> CustomMap {
    let shown = visible(forms, values);
    let mut out = CustomMap::new();
    for f in forms.iter().filter(|f| shown.contains(&f.id.0)) {
        let mut entry = serde_json::Map::new();
        match Some(value_of(f, values)).as_ref() {
            Some(FormValue::One(id)) if !id.is_empty() => {
                entry.insert(id.clone(), Value::from(1));
            }
            Some(FormValue::Many(ids)) => {
                for id in ids {
                    entry.insert(id.clone(), Value::from(1));
                }
            }
            Some(FormValue::Number(n)) if *n > 0 => {
                entry.insert(f.value_item(), Value::from(*n));
            }
            Some(FormValue::Text(t)) if !t.trim().is_empty() => {
                entry.insert(f.value_item(), Value::from(t.trim()));
            }
            _ => {}
        }
        if !entry.is_empty() {
            out.insert(f.id.0.clone(), Value::Object(entry));
        }
    }
    out
}

/// Why a form cannot be sent as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    OutOfRange(Range),
}

/// Problems of the visible forms, by form id.
pub fn problems(forms: &[Form], values: &FormValues) -> Keyed<Problem> {
    let shown = visible(forms, values);
    let mut out = Keyed::default();
    for f in forms.iter().filter(|f| shown.contains(&f.id.0)) {
        let v = Some(value_of(f, values));
        let v = v.as_ref();
        let empty = match v {
            None => true,
            Some(FormValue::One(id)) => id.is_empty(),
            Some(FormValue::Many(ids)) => ids.is_empty(),
            Some(FormValue::Number(n)) => *n <= 0,
            Some(FormValue::Text(t)) => t.trim().is_empty(),
        };
        if f.required.0 && empty {
            out.insert(f.id.0.clone(), Problem::Required);
        } else if let Some(FormValue::Number(n)) = v {
            let r = range(f);
            if *n < r.min || *n > r.max || (*n - r.min) % r.step != 0 {
                out.insert(f.id.0.clone(), Problem::OutOfRange(r));
            }
        }
    }
    out
}

/// "Title: choice" lines describing the visible choices, for the cart.
pub fn notes(forms: &[Form], values: &FormValues) -> Vec<String> {
    let shown = visible(forms, values);
    let item_title = |f: &Form, id: &str| {
        f.items
            .0
            .iter()
            .find(|i| i.id.as_str() == id)
            .map(|i| i.title.0.clone())
            .unwrap_or_default()
    };
    forms
        .iter()
        .filter(|f| shown.contains(&f.id.0))
        .filter_map(|f| {
            let text = match value_of(f, values) {
                FormValue::One(id) => item_title(f, &id),
                FormValue::Many(ids) => ids
                    .iter()
                    .map(|id| item_title(f, id))
                    .map(|t| if t.is_empty() { "✓".into() } else { t })
                    .collect::<Vec<_>>()
                    .join(", "),
                FormValue::Number(n) if n > 0 => {
                    format!("{n} {}", f.config.0.unit.as_str()).trim().to_owned()
                }
                FormValue::Text(t) => t.trim().to_owned(),
                _ => String::new(),
            };
            (!text.is_empty()).then(|| format!("{}: {text}", f.title.as_str().trim()))
        })
        .collect()
}

/// An addon's choice: taken or not, and its own cycle.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AddonChoice {
    pub on: bool,
    pub cycle: String,
}

pub type AddonValues = Keyed<AddonChoice>;

pub fn addon_defaults(addons: &[Addon]) -> AddonValues {
    addons
        .iter()
        .map(|a| {
            let cycles = a.cycles();
            let cycle = cycles
                .iter()
                .find(|c| c.selected.0)
                .or(cycles.first())
                .map(|c| c.code().to_owned());
            (
                a.id.0.clone(),
                AddonChoice { on: a.checked_by_default(), cycle: cycle.unwrap_or_default() },
            )
        })
        .collect()
}

/// Everything the customer chose for one product.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Selection {
    pub cycle: String,
    pub domain: String,
    pub forms: FormValues,
    pub addons: AddonValues,
}

impl Selection {
    pub fn initial(p: &ProductDetails) -> Selection {
        Selection {
            cycle: p.default_cycle(),
            domain: String::new(),
            forms: defaults(&p.config.0.forms.0),
            addons: addon_defaults(&p.config.0.addons.0),
        }
    }
}

/// The product item of `POST /quote` / `POST /order` for a selection.
pub fn product_item(p: &ProductDetails, sel: &Selection, promocode: &str) -> ProductItem {
    let mut item = ProductItem {
        product_id: NumId::new(p.id.as_str()),
        domain: if p.takes_domain() {
            crate::cart::check::normalize_domain(&sel.domain)
        } else {
            String::new()
        },
        cycle: sel.cycle.clone(),
        custom: custom(&p.config.0.forms.0, &sel.forms),
        promocode: promocode.trim().to_owned(),
        ..Default::default()
    };
    for a in &p.config.0.addons.0 {
        if let Some(choice) = sel.addons.get(a.id.as_str()).filter(|c| c.on) {
            item.addon.insert(a.id.0.clone(), Value::from(1));
            if !choice.cycle.is_empty() {
                item.addon_cycles.insert(a.id.0.clone(), Value::from(choice.cycle.clone()));
            }
        }
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A VPS with every form type: select, radio, checkbox, text, textarea,
    /// quantity, slider, a `domaindnssupport` item, a required field and a
    /// conditional one (RDS licences only with Windows), and an addon
    /// (shared with the browser tests).
    fn vps() -> ProductDetails {
        serde_json::from_str(include_str!("../../fixtures/every_form_type.json")).unwrap()
    }

    #[test]
    fn kinds_of_every_form() {
        let p = vps();
        let kinds: Vec<_> = p.config.0.forms.0.iter().map(form_kind).collect();
        use FormKind::*;
        assert_eq!(kinds, [Select, Radio, Checkbox, Text, Quantity, Slider, Checkbox, Textarea]);
    }

    #[test]
    fn defaults_follow_the_server() {
        let p = vps();
        let s = Selection::initial(&p);
        assert_eq!(s.cycle, "a", "the selected cycle");
        assert_eq!(s.forms["301"], FormValue::One("3011".into()), "first item when none selected");
        assert_eq!(s.forms["302"], FormValue::One("3022".into()), "the selected item");
        assert_eq!(s.forms["303"], FormValue::Many(Vec::new()));
        assert_eq!(s.forms["305"], FormValue::Number(1), "minimum");
        assert_eq!(s.forms["307"], FormValue::Many(vec!["3071".to_string()]), "enableddefault");
        assert_eq!(s.addons["31"], AddonChoice { on: false, cycle: "m".into() });
    }

    #[test]
    fn conditional_form_follows_its_source() {
        let p = vps();
        let forms = &p.config.0.forms.0;
        let mut s = Selection::initial(&p);
        assert!(!visible(forms, &s.forms).contains(&"305".to_string()), "RDS hidden with Linux");
        s.forms.insert("301".into(), FormValue::One("3014".into()));
        assert!(visible(forms, &s.forms).contains(&"305".to_string()), "RDS shown with Windows");
        // hide rules and chains
        let chain: Vec<Form> = serde_json::from_value(json!([
            {"type": "checkbox", "id": "1", "items": [{"id": 10}],
             "config": {"conditionals": [{"target": "2", "value": "10", "action": "show"}]}},
            {"type": "select", "id": "2", "items": [{"id": 20}, {"id": 21}],
             "config": {"conditionals": [{"target": "3", "value": "21", "action": "show"},
                                         {"target": "4", "value": "21", "condition": "notequals", "action": "hide"}]}},
            {"type": "input", "id": "3"},
            {"type": "input", "id": "4"}
        ]))
        .unwrap();
        let mut v = defaults(&chain);
        v.insert("2".into(), FormValue::One("21".into()));
        let ids = |v: &FormValues| visible(&chain, v);
        assert_eq!(
            ids(&v),
            ["1", "4"],
            "2 is hidden (1 unticked), so 3 is too; 4 is hidden only by a visible 2"
        );
        v.insert("1".into(), FormValue::Many(vec!["10".to_string()]));
        assert_eq!(ids(&v), ["1", "2", "3", "4"]);
        v.insert("2".into(), FormValue::One("20".into()));
        assert_eq!(ids(&v), ["1", "2"]);
    }

    /// The quote body from a configurator state.
    #[test]
    fn product_item_from_a_selection() {
        let p = vps();
        let mut s = Selection::initial(&p);
        s.forms.insert("303".into(), FormValue::Many(vec!["3031".to_string()]));
        s.forms.insert("304".into(), FormValue::Text("  vps1.anshop.vn ".into()));
        s.forms.insert("306".into(), FormValue::Number(4));
        s.addons.insert("31".into(), AddonChoice { on: true, cycle: "q".into() });
        let item = product_item(&p, &s, " BKNS10 ");
        let v = serde_json::to_value(crate::api::cart::items::OrderItem::Product(item)).unwrap();
        assert_eq!(
            v,
            json!({
                "type": "product",
                "product_id": 201,
                "cycle": "a",
                "custom": {
                    "301": {"3011": 1},
                    "302": {"3022": 1},
                    "303": {"3031": 1},
                    "304": {"3041": "vps1.anshop.vn"},
                    "306": {"3061": 4},
                    "307": {"3071": 1}
                },
                "addon": {"31": 1},
                "addon_cycles": {"31": "q"},
                "promocode": "BKNS10"
            })
        );
        // Windows: the RDS quantity is sent; unticked DNS support is not
        s.forms.insert("301".into(), FormValue::One("3014".into()));
        s.forms.insert("305".into(), FormValue::Number(3));
        s.forms.insert("307".into(), FormValue::Many(Vec::new()));
        let c = product_item(&p, &s, "").custom;
        assert_eq!(c["305"], json!({"3051": 3}));
        assert_eq!(c["301"], json!({"3014": 1}));
        assert!(!c.contains_key("307"));
    }

    #[test]
    fn domain_only_when_the_product_takes_one() {
        let doc: serde_json::Value = serde_json::from_str(crate::fixtures::ORDER_PRODUCT).unwrap();
        let hosting: ProductDetails = serde_json::from_value(doc["product"].clone()).unwrap();
        let mut s = Selection::initial(&hosting);
        s.domain = " HTTP://AnShop.vn/ ".into();
        let item = product_item(&hosting, &s, "");
        assert_eq!(item.domain, "anshop.vn");
        assert_eq!(item.custom["1618"], json!({"10330": 1}));
        let vps = vps();
        let mut s = Selection::initial(&vps);
        s.domain = "x.vn".into();
        assert_eq!(product_item(&vps, &s, "").domain, "");
    }

    #[test]
    fn required_and_range_problems() {
        let p = vps();
        let forms = &p.config.0.forms.0;
        let mut s = Selection::initial(&p);
        let ids = |s: &Selection| problems(forms, &s.forms).0;
        assert_eq!(ids(&s), [("304".to_string(), Problem::Required)]);
        s.forms.insert("304".into(), FormValue::Text("vps1".into()));
        s.forms.insert("306".into(), FormValue::Number(5));
        let r = Range { min: 0, max: 16, step: 2 };
        assert_eq!(ids(&s), [("306".to_string(), Problem::OutOfRange(r))], "5 is not a step of 2");
        s.forms.insert("306".into(), FormValue::Number(18));
        assert_eq!(problems(forms, &s.forms)["306"], Problem::OutOfRange(r));
        s.forms.insert("306".into(), FormValue::Number(16));
        // a hidden required/ranged form is not checked
        s.forms.insert("305".into(), FormValue::Number(50));
        assert!(problems(forms, &s.forms).is_empty());
        s.forms.insert("301".into(), FormValue::One("3014".into()));
        assert!(problems(forms, &s.forms).contains_key("305"));
    }

    #[test]
    fn notes_describe_the_choices() {
        let p = vps();
        let mut s = Selection::initial(&p);
        s.forms.insert("304".into(), FormValue::Text("vps1".into()));
        s.forms.insert("306".into(), FormValue::Number(4));
        assert_eq!(
            notes(&p.config.0.forms.0, &s.forms),
            [
                "Hệ điều hành: Ubuntu 24.04",
                "Bảng điều khiển: DirectAdmin",
                "Hostname: vps1",
                "RAM thêm: 4 GB",
                "Quản lý DNS: ✓"
            ]
        );
    }
}
