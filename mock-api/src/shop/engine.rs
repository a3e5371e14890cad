//! The quote engine and order placement: every order item is checked and
//! priced the same way for `POST /quote` (shown) and `POST /order`
//! (invoiced). 10 % VAT on everything; promo codes (`catalog::coupons`) on
//! products and domains; a payment method's fee (fixed + total × percent /
//! 100) goes on the invoice.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::catalog::{
    self, convert, cycle_title, months, years_cycle, Applies, Promo, VAT_PERCENT,
};
use super::{
    date_in, money_num, money_str, now_stamp, percent_of, Cents, Holding, Invoice, InvoiceLine,
    Ledger, Shop,
};
use crate::envelope::ApiError;
use crate::model::Account;

/// A field as text: strings as they are, numbers in their JSON spelling.
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn flag(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => {
            matches!(s.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
        }
        _ => false,
    }
}

fn number(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `{"<form>": {"<item>": value}}`, also accepting PHP's list forms.
fn nested(v: Option<&Value>) -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut out = BTreeMap::new();
    if let Some(Value::Object(forms)) = v {
        for (form, items) in forms {
            let mut entry = BTreeMap::new();
            match items {
                Value::Object(m) => {
                    for (k, v) in m {
                        entry.insert(k.clone(), v.clone());
                    }
                }
                // `custom[1618]=10330` (a select's chosen item)
                Value::String(_) | Value::Number(_) => {
                    entry.insert(text(&json!({ "x": items }), "x"), json!(1));
                }
                _ => {}
            }
            out.insert(form.clone(), entry);
        }
    }
    out
}

/// A plausible host name: ASCII labels, at least two.
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
}

/// The common name of a PEM CSR, if it is one.
pub fn csr_common_name(pem: &str) -> Option<String> {
    if pem.len() > crate::limits::CSR_MAX {
        return None;
    }
    let t = pem.trim();
    let body = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"].iter().find_map(|label| {
        t.strip_prefix(&format!("-----BEGIN {label}-----"))?
            .strip_suffix(&format!("-----END {label}-----"))
    })?;
    let b64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    if der.first() != Some(&0x30) {
        return None;
    }
    // OID 2.5.4.3 (commonName), then a string tag and a short length.
    let oid = [0x06, 0x03, 0x55, 0x04, 0x03];
    let at = der.windows(oid.len()).position(|w| w == oid)? + oid.len();
    let len = *der.get(at + 1)? as usize;
    let bytes = der.get(at + 2..at + 2 + len)?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// One priced order item.
#[derive(Debug, Clone, Default)]
pub struct Priced {
    pub index: usize,
    pub errors: Vec<String>,
    /// First payment before discount (price, setup, options, addons).
    pub first: Cents,
    pub discount: Cents,
    /// (cycle, amount before tax)
    pub recurring: Vec<(String, Cents)>,
    /// Invoice lines: (type, description, amount).
    pub lines: Vec<(String, String, Cents)>,
    pub product: Value,
    pub domains: Value,
    pub coupon: Value,
    /// What the order creates: (type, name, product id), and the domain
    /// the account then holds.
    pub creates: Option<(String, String, String)>,
    pub new_domain: Option<String>,
    /// The order item as sent (kept with what the order creates).
    pub item: Value,
}

impl Priced {
    fn fail(&mut self, key: &str) {
        if !self.errors.iter().any(|e| e == key) {
            self.errors.push(key.to_owned());
        }
    }
    pub fn valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Who orders: the client and the account's currency.
#[derive(Clone, Copy, Debug)]
pub struct Buyer<'a> {
    pub client_id: &'a str,
    pub currency: &'a str,
}

/// Checks and prices one item of `POST /quote` / `POST /order` for an
/// account (`promocode` is the body's, used when the item has none).
pub fn evaluate(
    shop: &Shop,
    ledger: &Ledger,
    buyer: Buyer<'_>,
    item: &Value,
    index: usize,
    promocode: &str,
) -> Priced {
    let mut p = Priced {
        index,
        product: Value::Null,
        domains: json!({}),
        coupon: json!({}),
        item: item.clone(),
        ..Default::default()
    };
    let currency = buyer.currency;
    match text(item, "type").to_ascii_lowercase().as_str() {
        "product" | "" if item.get("product_id").is_some() => {
            product(&mut p, buyer, item, promocode)
        }
        "domain" => domain(&mut p, shop, ledger, buyer, item, promocode),
        "certificate" => certificate(&mut p, ledger, currency, item),
        _ => p.fail("invalid_item_type"),
    }
    p
}

/// Applies a promo code to an item whose discountable amount is `base`.
/// The code is the item's own `promocode`, else the body's. Unknown codes
/// (or another client's coupon) fail with `invalid_promocode` when the
/// item names the code itself or `strict` (product items, for the body's
/// code too); a known code that does not cover the item fails with
/// `promocode_not_applicable` when the item names it, and is skipped when
/// it comes from the body (it may be meant for another item).
fn apply_promo(
    p: &mut Priced,
    buyer: Buyer<'_>,
    item: &Value,
    body_promo: &str,
    base: Cents,
    covers: impl Fn(Applies) -> bool,
    strict: bool,
) {
    let own = text(item, "promocode");
    let named = !own.is_empty();
    let code = if named { own } else { body_promo.trim().to_owned() };
    if code.is_empty() {
        return;
    }
    let Some(coupon) = catalog::coupon(&code, buyer.client_id) else {
        if named || strict {
            p.fail("invalid_promocode");
        }
        return;
    };
    if !covers(coupon.applies) {
        if named {
            p.fail("promocode_not_applicable");
        }
        return;
    }
    let off = match coupon.promo {
        Promo::Percent(pct) => percent_of(base, pct),
        Promo::Fixed(amount) => convert(amount, buyer.currency).min(base),
    };
    p.discount = off;
    p.coupon = json!({ "code": coupon.code, "discount": money_num(off) });
    p.lines.push(("Discount".into(), format!("Mã khuyến mãi {}", coupon.code), -off));
}

fn contacts_ok(ledger: &Ledger, item: &Value, keys: &[&str]) -> bool {
    keys.iter().all(|k| {
        let id = text(item, k);
        id.is_empty() || ledger.contact_ids.contains(&id)
    })
}

/// Which forms are shown under their conditionals, for chosen `custom`.
fn visible_forms(
    forms: &[catalog::Form],
    custom: &BTreeMap<String, BTreeMap<String, Value>>,
) -> BTreeSet<&'static str> {
    forms
        .iter()
        .filter(|f| {
            let rules: Vec<_> = forms
                .iter()
                .flat_map(|src| src.conditionals.iter().map(move |c| (src.id, c)))
                .filter(|(_, c)| c.target == f.id)
                .collect();
            rules.is_empty()
                || rules
                    .iter()
                    .any(|(src, c)| custom.get(*src).is_some_and(|m| m.contains_key(c.value)))
        })
        .map(|f| f.id)
        .collect()
}

/// Prices the chosen options of `forms`; `units` multiplies per-unit
/// prices (months for products, years for domains).
fn price_forms(
    p: &mut Priced,
    forms: &[catalog::Form],
    custom: &BTreeMap<String, BTreeMap<String, Value>>,
    units: i64,
    currency: &str,
) -> (Cents, Vec<String>) {
    let shown = visible_forms(forms, custom);
    let mut total = 0;
    let mut notes = Vec::new();
    for f in forms.iter().filter(|f| shown.contains(f.id)) {
        let chosen = custom.get(f.id).cloned().unwrap_or_default();
        if f.required && chosen.is_empty() {
            p.fail("missing_required_option");
            continue;
        }
        for (item_id, value) in &chosen {
            let Some(item) = f.items.iter().find(|i| i.id == item_id) else {
                p.fail("invalid_option");
                continue;
            };
            if f.is_text() {
                let t = value.as_str().unwrap_or_default().trim();
                if f.required && t.is_empty() {
                    p.fail("missing_required_option");
                }
                continue;
            }
            let qty = if f.is_quantity() { number(Some(value)).unwrap_or(-1) } else { 1 };
            if f.is_quantity() && (qty < f.min || qty > f.max || (qty - f.min) % f.step.max(1) != 0)
            {
                p.fail("invalid_quantity");
                continue;
            }
            if f.is_single_choice() && chosen.len() > 1 {
                p.fail("invalid_option");
            }
            total += convert(item.price, currency) * qty * units;
            let label = if item.title.is_empty() || f.is_quantity() {
                format!("{qty}")
            } else {
                item.title.to_owned()
            };
            notes.push(format!("{}: {label}", f.title));
        }
    }
    (total, notes)
}

fn product(p: &mut Priced, buyer: Buyer<'_>, item: &Value, body_promo: &str) {
    let currency = buyer.currency;
    let Some(prod) = catalog::product(&text(item, "product_id")) else {
        p.fail("product_not_found");
        return;
    };
    let mut cycle = text(item, "cycle");
    if cycle.is_empty() {
        cycle = prod.default_cycle.to_owned();
    }
    let Some((price, setup)) = prod.cycle(&cycle) else {
        p.fail("invalid_cycle");
        return;
    };
    let (price, setup) = (convert(price, currency), convert(setup, currency));
    let n_months = months(&cycle).unwrap_or(1);
    let domain = text(item, "domain").to_ascii_lowercase();
    if prod.takes_domain {
        if domain.is_empty() {
            p.fail("domain_required");
        } else if !valid_hostname(&domain) {
            p.fail("invalid_domain");
        }
    }
    let custom = nested(item.get("custom"));
    let (options, _) = price_forms(p, &prod.forms, &custom, n_months, currency);

    let base = price + options;
    let mut first = base + setup;
    let mut recurring = vec![(cycle.clone(), base)];
    let label =
        if domain.is_empty() { prod.name.to_owned() } else { format!("{} ({domain})", prod.name) };
    p.lines.push(("Hosting".into(), format!("{label} - {}", cycle_title(&cycle)), base));
    if setup > 0 {
        p.lines.push(("Setup".into(), format!("Phí khởi tạo - {}", prod.name), setup));
    }

    // addons: addon[<id>] = 1, addon_cycles[<id>] = cycle
    let chosen: Vec<String> = match item.get("addon") {
        Some(Value::Object(m)) => {
            m.iter().filter(|(_, v)| flag(Some(v))).map(|(k, _)| k.clone()).collect()
        }
        Some(Value::Array(a)) => a.iter().map(|v| text(&json!({ "x": v }), "x")).collect(),
        _ => Vec::new(),
    };
    for id in chosen {
        let Some(addon) = prod.addons.iter().find(|a| a.id == id) else {
            p.fail("invalid_addon");
            continue;
        };
        let want = item.get("addon_cycles").map(|c| text(c, &id)).unwrap_or_default();
        let cyc = if want.is_empty() { addon.cycles[0].0.to_owned() } else { want };
        let Some(&(c, a_price, a_setup)) = addon.cycles.iter().find(|c| c.0 == cyc) else {
            p.fail("invalid_cycle");
            continue;
        };
        let (a_price, a_setup) = (convert(a_price, currency), convert(a_setup, currency));
        first += a_price + a_setup;
        recurring.push((c.to_owned(), a_price));
        p.lines.push((
            "Addon".into(),
            format!("{} - {}", addon.title, cycle_title(c)),
            a_price + a_setup,
        ));
    }

    let covers = |a: Applies| matches!(a, Applies::AnyProduct) || a == Applies::Product(prod.id);
    apply_promo(p, buyer, item, body_promo, base, covers, true);
    p.first = first;
    p.recurring = recurring;
    let category = prod.category();
    p.product = json!({
        "id": prod.id.parse::<u64>().unwrap_or(0), "category_name": category.name,
        "category_id": category.id.parse::<u64>().unwrap_or(0), "name": prod.name, "domain": domain,
        "cycle": cycle, "price": money_num(first - p.discount), "setup": money_num(setup),
        "recurring_price": money_num(base)
    });
    p.creates = Some((
        "Hosting".into(),
        if domain.is_empty() { prod.name.into() } else { domain },
        prod.id.into(),
    ));
}

fn domain(
    p: &mut Priced,
    shop: &Shop,
    ledger: &Ledger,
    buyer: Buyer<'_>,
    item: &Value,
    body_promo: &str,
) {
    let currency = buyer.currency;
    let action = text(item, "action").to_ascii_lowercase();
    let years = number(item.get("years")).unwrap_or(0);
    let tlds = catalog::tlds();
    // the TLD: by id, or for renewals by the owned domain's suffix
    let (name, tld) = if action == "renew" {
        let id = text(item, "domain_id");
        let Some((_, name)) = ledger.domains.iter().find(|(d, _)| *d == id) else {
            p.fail("renew_not_found");
            return;
        };
        let tld =
            tlds.iter().filter(|t| name.ends_with(t.tld)).max_by_key(|t| t.tld.len()).cloned();
        (name.clone(), tld)
    } else {
        let name = text(item, "name").to_ascii_lowercase();
        (name, catalog::tld(&text(item, "tld_id")))
    };
    let Some(tld) = tld else {
        p.fail("tld_not_found");
        return;
    };
    let sld = name.strip_suffix(tld.tld).unwrap_or_default();
    if sld.is_empty() || sld.contains('.') || !valid_hostname(&name) {
        p.fail("invalid_domain");
        return;
    }
    let Some(period) = tld.periods.iter().find(|pr| i64::from(pr.years) == years) else {
        p.fail("invalid_period");
        return;
    };
    let (kind, base, verb) = match action.as_str() {
        "register" => ("Domain Register", period.register, "Đăng ký tên miền"),
        "transfer" => ("Domain Transfer", period.transfer, "Chuyển tên miền về BKNS"),
        "renew" => ("Domain Renew", period.renew, "Gia hạn tên miền"),
        _ => {
            p.fail("invalid_action");
            return;
        }
    };
    let owned = ledger.domains.iter().any(|(_, d)| *d == name);
    match action.as_str() {
        "register" if shop.is_registered(&name) => p.fail("domain_unavailable"),
        "transfer" if owned => p.fail("domain_owned"),
        "transfer" if !shop.is_registered(&name) => p.fail("domain_not_registered"),
        "transfer" if tld.epp_required && text(item, "epp").is_empty() => p.fail("epp_required"),
        _ => {}
    }
    if let Some(ns) = item.get("nameservers") {
        let list: Vec<String> = match ns {
            Value::Array(a) => {
                a.iter().map(|v| text(&json!({ "x": v }), "x").to_ascii_lowercase()).collect()
            }
            _ => vec![text(&json!({ "x": ns }), "x")],
        };
        let list: Vec<&String> = list.iter().filter(|n| !n.is_empty()).collect();
        if !list.is_empty()
            && (list.len() < 2 || list.len() > 4 || !list.iter().all(|n| valid_hostname(n)))
        {
            p.fail("invalid_nameservers");
        }
    }
    if !contacts_ok(ledger, item, &["registrant", "admin", "tech", "billing"]) {
        p.fail("invalid_contact");
    }
    let mut extras = 0;
    if action != "renew" {
        let data = nested(item.get("data"));
        extras = price_forms(p, &catalog::tld_forms(tld.id), &data, years, currency).0;
    }
    let amount = convert(base, currency) + extras;
    p.first = amount;
    p.recurring = vec![(years_cycle(years as u32).into(), convert(period.renew, currency))];
    p.lines.push(("Domain".into(), format!("{verb} {name} - {years} năm"), amount));
    apply_promo(p, buyer, item, body_promo, amount, |a| a == Applies::Tld(tld.id), false);
    let mut domains = Map::new();
    domains.insert(
        name.clone(),
        json!({
            "id": tld.id.parse::<u64>().unwrap_or(0), "index": 0, "category_id": "6", "category_name": "Tên miền",
            "name": name, "tld": tld.tld, "period": years, "price": money_str(amount), "action": action
        }),
    );
    p.domains = Value::Object(domains);
    p.creates = Some((kind.into(), name.clone(), tld.id.into()));
    if action != "renew" {
        p.new_domain = Some(name);
    }
}

fn certificate(p: &mut Priced, ledger: &Ledger, currency: &str, item: &Value) {
    let Some(cert) = catalog::certificate(&text(item, "product_id")) else {
        p.fail("product_not_found");
        return;
    };
    let years = number(item.get("years")).unwrap_or(0);
    let Some(&(y, price, renew)) = cert.periods.iter().find(|pr| i64::from(pr.0) == years) else {
        p.fail("invalid_period");
        return;
    };
    let cn = csr_common_name(&text(item, "csr"));
    if cn.is_none() {
        p.fail("invalid_csr");
    }
    let email = text(item, "approver_email");
    if email.is_empty() {
        p.fail("approver_email_required");
    } else if !email.contains('@') || email.contains(' ') {
        p.fail("invalid_approver_email");
    }
    let software = text(item, "software");
    if !software.is_empty() && !catalog::SOFTWARE.iter().any(|(id, _)| id.to_string() == software) {
        p.fail("invalid_software");
    }
    let org = item.get("organization").map(|o| text(o, "name")).unwrap_or_default();
    if cert.needs_organization && org.is_empty() {
        p.fail("organization_required");
    }
    if !contacts_ok(ledger, item, &["admin", "tech", "billing"]) {
        p.fail("invalid_contact");
    }
    let (price, renew) = (convert(price, currency), convert(renew, currency));
    let cn = cn.unwrap_or_default();
    p.first = price;
    p.recurring = vec![(years_cycle(y).into(), renew)];
    p.lines.push(("SSL".into(), format!("{} ({cn}) - {y} năm", cert.name), price));
    // no coupon covers certificates (a code named on the item is refused)
    apply_promo(p, Buyer { client_id: "", currency }, item, "", price, |_| false, false);
    p.product = json!({
        "id": cert.id.parse::<u64>().unwrap_or(0), "category_name": "Chứng chỉ SSL", "category_id": 30,
        "name": cert.name, "domain": cn, "price": money_num(price), "years": y
    });
    p.creates =
        Some(("SSL".into(), if cn.is_empty() { cert.name.into() } else { cn }, cert.id.into()));
}

/// Totals of the valid items: (subtotal, discount, tax, total, recurring).
pub fn totals(items: &[Priced]) -> (Cents, Cents, Cents, Cents, Vec<(String, Cents)>) {
    let ok: Vec<&Priced> = items.iter().filter(|p| p.valid()).collect();
    let subtotal: Cents = ok.iter().map(|p| p.first).sum();
    let discount: Cents = ok.iter().map(|p| p.discount).sum();
    let cost = subtotal - discount;
    let tax = percent_of(cost, VAT_PERCENT);
    let mut rec: BTreeMap<(i64, String), Cents> = BTreeMap::new();
    for p in &ok {
        for (cycle, amount) in &p.recurring {
            let order = months(cycle).unwrap_or(12 * cycle.len() as i64 * 100);
            *rec.entry((order, cycle.clone())).or_default() += amount;
        }
    }
    let recurring =
        rec.into_iter().map(|((_, c), a)| (c, a + percent_of(a, VAT_PERCENT))).collect();
    (subtotal, discount, tax, cost + tax, recurring)
}

/// The `POST /quote` answer, shaped like the reference's example.
pub fn quote_json(items: &[Priced]) -> Value {
    let (subtotal, discount, tax, total, recurring) = totals(items);
    let recurring: Vec<Value> = recurring
        .iter()
        .map(|(c, a)| json!({ "title": cycle_title(c), "price": money_num(*a), "value": c }))
        .collect();
    let list: Vec<Value> = items
        .iter()
        .map(|p| {
            json!({
                "product": p.product, "domains": p.domains, "coupon": p.coupon, "index": p.index,
                "valid": p.valid(), "info": [], "error": p.errors
            })
        })
        .collect();
    json!({
        "summary": {
            "subtotal": money_num(subtotal), "total": money_num(total), "credit": 0,
            "discount": money_num(discount), "cost": money_num(subtotal - discount),
            "recurring": recurring,
            "tax": [{ "name": "VAT", "tax": money_num(tax), "value": VAT_PERCENT }]
        },
        "items": list
    })
}

/// Prices every item of a body (`items` array).
pub fn evaluate_all(shop: &Shop, client_id: &str, currency: &str, body: &Value) -> Vec<Priced> {
    let empty = Ledger::default();
    let ledger = shop.ledgers.get(client_id).unwrap_or(&empty);
    let promo = text(body, "promocode");
    let buyer = Buyer { client_id, currency };
    let items = match body.get("items") {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Object(m)) => m.values().cloned().collect(),
        _ => Vec::new(),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| evaluate(shop, ledger, buyer, item, i, &promo))
        .collect()
}

/// The fee of a payment method on `total`: fixed + total × percent / 100,
/// rounded half up to the currency's unit (whole đồng for VND).
pub fn fee(method: &catalog::PaymentMethod, total: Cents, currency: &str) -> Cents {
    let fixed = super::parse_money(&json!(method.fixed_fee)).unwrap_or(0);
    // percent in hundredths ("2.9" → 290)
    let pct = super::parse_money(&json!(method.percent_fee)).unwrap_or(0);
    // in 1/10000 cents, rounded once to the currency's unit
    let exact = fixed * 10_000 + total * pct;
    let unit: i64 = if currency.eq_ignore_ascii_case("VND") { 1_000_000 } else { 10_000 };
    (exact + unit / 2).div_euclid(unit) * (unit / 10_000)
}

/// What an order created, for the answer.
pub struct Placed {
    pub order_num: u64,
    pub invoice: Invoice,
    pub items: Vec<Holding>,
}

/// `POST /order`: one invoice for every valid item (all must be valid
/// unless `ignore_errors`), pending services/domains, the balance due
/// raised by the invoice total.
pub fn place_order(
    shop: &mut Shop,
    account: &mut Account,
    body: &Value,
) -> Result<Placed, ApiError> {
    let client_id = account.client.id.clone();
    let currency = account.balance.currency.clone();
    let priced = evaluate_all(shop, &client_id, &currency, body);
    if priced.is_empty() {
        return Err(ApiError::business("empty_order"));
    }
    let methods = catalog::payment_methods(&currency);
    let pm = text(body, "pay_method");
    let Some(method) = methods.iter().find(|m| m.id.to_string() == pm) else {
        return Err(ApiError::business("invalid_pay_method"));
    };
    let ignore = flag(body.get("ignore_errors"));
    let errors: Vec<String> = priced.iter().flat_map(|p| p.errors.clone()).collect();
    if !errors.is_empty() && (!ignore || priced.iter().all(|p| !p.valid())) {
        let mut unique = Vec::new();
        for e in errors {
            if !unique.contains(&e) {
                unique.push(e);
            }
        }
        return Err(ApiError { status: axum::http::StatusCode::OK, keys: unique });
    }
    let ok: Vec<Priced> = priced.into_iter().filter(Priced::valid).collect();
    let (_, _, _, total, _) = totals(&ok);

    let mut lines = Vec::new();
    for p in &ok {
        for (kind, description, amount) in &p.lines {
            lines.push(InvoiceLine {
                id: shop.new_id(),
                kind: kind.clone(),
                item_id: "0".into(),
                description: description.clone(),
                amount: *amount,
                taxed: true,
            });
        }
    }
    let fee = fee(method, total, &currency);
    if fee > 0 {
        lines.push(InvoiceLine {
            id: shop.new_id(),
            kind: "Fee".into(),
            item_id: "-2".into(),
            description: format!("Phí thanh toán - {}", method.name),
            amount: fee,
            taxed: false,
        });
    }
    let invoice_id = shop.new_id();
    let today = date_in(0);
    let mut invoice = Invoice {
        id: invoice_id.clone(),
        number: format!("{}/{}/{}", &today[..4], &today[5..7], invoice_id),
        status: "Unpaid".into(),
        date: today,
        duedate: date_in(7),
        datepaid: String::new(),
        lines,
        taxrate: VAT_PERCENT,
        credit: 0,
        currency: currency.clone(),
    };
    if invoice.total() <= 0 {
        invoice.status = "Paid".into();
        invoice.datepaid = now_stamp();
    }
    shop.next_order += 7_919;
    let order_num = shop.next_order;
    let mut created = Vec::new();
    for p in &ok {
        let Some((kind, name, product_id)) = p.creates.clone() else { continue };
        let id = shop.new_id();
        if let Some(d) = &p.new_domain {
            shop.ledger(&client_id).domains.push((id.clone(), d.clone()));
        }
        let status = if kind == "Domain Renew" { "Active" } else { "Pending" };
        created.push(Holding {
            id,
            kind,
            name,
            product_id,
            status: status.into(),
            order_num,
            invoice_id: invoice_id.clone(),
            aff_id: text(body, "aff_id"),
            date: invoice.date.clone(),
            first: p.first - p.discount,
            recurring: p.recurring.first().cloned(),
            item: p.item.clone(),
        });
    }
    let ledger = shop.ledger(&client_id);
    ledger.holdings.extend(created.clone());
    ledger.invoices.push(invoice.clone());
    adjust(account, invoice.balance(), 0);
    Ok(Placed { order_num, invoice, items: created })
}

/// Moves the account's `acc_balance` (unpaid total) and `acc_credit`.
pub fn adjust(account: &mut Account, due_delta: Cents, credit_delta: Cents) {
    let read = |s: &str| super::parse_money(&json!(s)).unwrap_or(0);
    let due = read(&account.balance.acc_balance) + due_delta;
    let credit = read(&account.balance.acc_credit) + credit_delta;
    account.balance.acc_balance = money_str(due.max(0));
    account.balance.acc_credit = money_str(credit.max(0));
}

/// `POST /invoice/@id/credit`: applies `amount` (or what pays the invoice
/// in full, within the credit) → (applied, new status).
pub fn apply_credit(
    shop: &mut Shop,
    account: &mut Account,
    invoice_id: &str,
    amount: Option<&Value>,
) -> Result<(Cents, String), ApiError> {
    let credit = super::parse_money(&json!(account.balance.acc_credit)).unwrap_or(0);
    let ledger = shop.ledger(&account.client.id);
    let Some(inv) = ledger.invoices.iter_mut().find(|i| i.id == invoice_id) else {
        return Err(ApiError::business("invoice_not_found"));
    };
    if inv.status != "Unpaid" {
        return Err(ApiError::business("invoice_not_unpaid"));
    }
    let due = inv.balance();
    let wanted = match amount.filter(|a| !a.is_null() && a.as_str() != Some("")) {
        None => due.min(credit),
        Some(v) => match super::parse_money(v) {
            Some(a) if a > 0 => a.min(due),
            _ => return Err(ApiError::business("invalid_amount")),
        },
    };
    if credit <= 0 || wanted > credit {
        return Err(ApiError::business("insufficient_credit"));
    }
    inv.credit += wanted;
    if inv.balance() == 0 {
        inv.status = "Paid".into();
        inv.datepaid = now_stamp();
    }
    let status = inv.status.clone();
    adjust(account, -wanted, -wanted);
    Ok((wanted, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_name_of_a_real_csr() {
        let csr = include_str!("../../../fixtures/csr.pem");
        assert_eq!(csr_common_name(csr).as_deref(), Some("anshop.vn"));
        assert_eq!(csr_common_name("example.com"), None);
    }

    #[test]
    fn fees_on_exact_cents() {
        let m = |fixed, pct| catalog::PaymentMethod {
            id: 9,
            name: "x",
            fixed_fee: fixed,
            percent_fee: pct,
        };
        // 1100 + 1.1 % of 1,089,000 = 1100 + 11,979 = 13,079 đồng
        assert_eq!(fee(&m("1100", "1.1"), 108_900_000, "VND"), 1_307_900);
        // 0.5 + 2.9 % of 88.81 = 3.07549 → 3.08
        assert_eq!(fee(&m("0.5", "2.9"), 8881, "USD"), 308);
        assert_eq!(fee(&m("0.0", "0.0"), 8881, "USD"), 0);
        // rounded once: 1100 + 0.495 đồng is 1100, not 1101
        assert_eq!(fee(&m("1100", "1.1"), 4_500, "VND"), 110_000);
        assert_eq!(fee(&m("1100", "1.1"), 5_000, "VND"), 110_100);
    }
}
