//! The catalogue as the API prints it, in the shapes of the reference's
//! examples (ids of forms and items as numbers inside forms, strings at the
//! top; prices as numbers in configurations, strings in the TLD list).

use serde_json::{json, Value};

use super::catalog::{self, convert, Form, Product};
use super::{money_num, money_str};

fn num(id: &str) -> Value {
    id.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(id))
}

fn cycles_json(cycles: &[(&str, i64, i64)], default: &str, currency: &str) -> Vec<Value> {
    cycles
        .iter()
        .map(|(c, price, setup)| {
            json!({
                "title": c, "value": c, "price": money_num(convert(*price, currency)),
                "setup": money_num(convert(*setup, currency)), "selected": *c == default
            })
        })
        .collect()
}

/// One form of `config.forms[]` or of a TLD's `forms[]`.
pub fn form_json(f: &Form, currency: &str) -> Value {
    let first = f.items.first().map(|i| i.id).unwrap_or(f.id);
    let per_item = !(f.kind == "select" || f.kind == "radio");
    let name =
        if per_item { format!("custom[{}][{}]", f.id, first) } else { format!("custom[{}]", f.id) };
    let conditionals: Vec<Value> = f
        .conditionals
        .iter()
        .map(|c| json!({ "target": c.target, "condition": "equals", "value": c.value, "action": c.action }))
        .collect();
    let config = match f.kind {
        "qty" | "slider" => {
            json!({ "minvalue": f.min, "maxvalue": f.max, "step": f.step, "unit": f.unit, "conditionals": [] })
        }
        k if k.starts_with("domain") => json!({ "enableddefault": i32::from(f.enableddefault) }),
        _ => json!({ "conditionals": conditionals }),
    };
    let items: Vec<Value> = f
        .items
        .iter()
        .map(|i| {
            json!({
                "title": i.title, "value": 1, "id": num(i.id), "price": money_num(convert(i.price, currency)),
                "setup": 0, "selected": i.selected
            })
        })
        .collect();
    json!({
        "type": f.kind, "title": f.title, "id": f.id, "firstItemId": num(first), "description": f.description,
        "name": name, "required": f.required, "multiple": f.kind == "checkbox" && f.items.len() > 1,
        "config": config, "value": [], "textvalue": [], "price": 0, "recurring_price": 0, "setup": 0,
        "prorata_date": null, "items": items
    })
}

/// `GET /order/@product_id` → `{"product": {...}}`.
pub fn product_json(p: &Product, currency: &str) -> Value {
    let (price, setup) = p.cycle(p.default_cycle).unwrap_or((0, 0));
    let mut fields = vec![json!({
        "type": "select", "title": "pickcycle", "id": "cycle", "name": "cycle",
        "items": cycles_json(&p.cycles, p.default_cycle, currency),
        "value": p.default_cycle, "price": money_num(convert(price, currency)), "setup": money_num(convert(setup, currency))
    })];
    if p.takes_domain {
        fields.push(json!({ "type": "input", "title": "domain", "id": "domain", "name": "domain", "value": null }));
    }
    let addons: Vec<Value> = p
        .addons
        .iter()
        .map(|a| {
            json!({
                "type": "subitem", "title": a.title, "id": a.id, "value": null, "description": a.description,
                "config": [
                    { "type": "checkbox", "title": "add", "name": format!("addon[{}]", a.id), "checked": false },
                    { "type": "select", "title": "billingcycle", "name": format!("addon_cycles[{}]", a.id),
                      "items": cycles_json(&a.cycles, a.cycles[0].0, currency) }
                ],
                "price": 0, "recurring_price": 0, "setup": 0, "prorata_date": null
            })
        })
        .collect();
    let category = p.category();
    json!({
        "product": {
            "id": p.id, "category_name": category.name, "category_id": category.id, "name": p.name,
            "description": p.description, "price": money_num(convert(price, currency)), "recurring": p.default_cycle,
            "setup": money_num(convert(setup, currency)),
            "config": {
                "product": fields,
                "forms": p.forms.iter().map(|f| form_json(f, currency)).collect::<Vec<_>>(),
                "addons": addons,
                "subproducts": []
            },
            "recurring_price": money_num(convert(price, currency)),
            "prorata_date": null
        }
    })
}

/// `GET /category` → `{"categories": [...]}`.
pub fn categories_json() -> Value {
    let list: Vec<Value> = catalog::CATEGORIES
        .iter()
        .map(
            |c| json!({ "id": c.id, "name": c.name, "description": c.description, "slug": c.slug }),
        )
        .collect();
    json!({ "categories": list })
}

/// `GET /category/@id/product` (standard HostBill) → `{"products": [...]}`;
/// None for an unknown category.
pub fn category_products_json(category_id: &str, currency: &str) -> Option<Value> {
    catalog::CATEGORIES.iter().find(|c| c.id == category_id)?;
    let mut list: Vec<Value> = catalog::products()
        .iter()
        .filter(|p| p.category_id == category_id)
        .map(|p| {
            json!({
                "id": p.id, "type": "1", "name": p.name, "stock": false, "paytype": "Regular",
                "description": p.description, "qty": "0", "tags": [],
                "periods": cycles_json(&p.cycles, p.default_cycle, currency)
            })
        })
        .collect();
    if category_id == "30" {
        list.extend(catalog::certificates().iter().map(|c| {
            let periods: Vec<(&str, i64, i64)> =
                c.periods.iter().map(|(y, price, _)| (catalog::years_cycle(*y), *price, 0)).collect();
            json!({
                "id": c.id, "type": "1", "name": c.name, "stock": false, "paytype": "Regular",
                "description": c.description, "qty": "0", "tags": [], "periods": cycles_json(&periods, "a", currency)
            })
        }));
    }
    Some(json!({ "products": list }))
}

/// `GET /domain/order` → `{"tlds": [...]}` (prices as strings).
pub fn tlds_json(currency: &str) -> Value {
    let list: Vec<Value> = catalog::tlds()
        .iter()
        .map(|t| {
            let periods: Vec<Value> = t
                .periods
                .iter()
                .map(|p| {
                    let m = |c| money_str(convert(c, currency));
                    json!({
                        "period": p.years.to_string(), "register": m(p.register), "transfer": m(p.transfer),
                        "renew": m(p.renew), "redemption": m(p.redemption)
                    })
                })
                .collect();
            json!({ "id": t.id, "tld": t.tld, "periods": periods })
        })
        .collect();
    json!({ "tlds": list })
}

/// `GET /domain/order/@id/form` → `{"forms": [...]}`.
pub fn tld_forms_json(tld_id: &str, currency: &str) -> Value {
    let forms: Vec<Value> =
        catalog::tld_forms(tld_id).iter().map(|f| form_json(f, currency)).collect();
    json!({ "forms": forms })
}

/// `GET /certificate/order` → `{"products": [...]}`.
pub fn certificates_json(currency: &str) -> Value {
    let list: Vec<Value> = catalog::certificates()
        .iter()
        .map(|c| {
            let periods: Vec<Value> = c
                .periods
                .iter()
                .map(|(y, price, renew)| {
                    json!({ "years": y, "price": money_num(convert(*price, currency)), "renew": money_num(convert(*renew, currency)) })
                })
                .collect();
            json!({
                "id": c.id, "name": c.name, "description": c.description, "periods": periods,
                "category": "Chứng chỉ SSL", "category_url": "ssl"
            })
        })
        .collect();
    json!({ "products": list })
}

/// `GET /certificate/order/@product_id/software` → `{"software": [...]}`.
pub fn software_json() -> Value {
    let list: Vec<Value> =
        catalog::SOFTWARE.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect();
    json!({ "software": list })
}

/// `GET /payment/fees` → `{"payments": [{id, name, fixed_fee, percent_fee}]}`.
pub fn fees_json(currency: &str) -> Value {
    let list: Vec<Value> = catalog::payment_methods(currency)
        .iter()
        .map(|m| json!({ "id": m.id, "name": m.name, "fixed_fee": m.fixed_fee, "percent_fee": m.percent_fee }))
        .collect();
    json!({ "payments": list })
}

/// `GET /payment` → `{"payments": {"<id>": "<name>"}}`.
pub fn payments_json(currency: &str) -> Value {
    let map: serde_json::Map<String, Value> = catalog::payment_methods(currency)
        .iter()
        .map(|m| (m.id.to_string(), Value::from(m.name)))
        .collect();
    json!({ "payments": map })
}
