//! Section "Services", the service-level calls (catalog endpoints 83-90,
//! 110-112): list, details, methods, label, upgrade, cancel, IPs and
//! reverse DNS. The VM calls are in `routes::vms`.
//!
//! Where the reference documents no answer, the shapes are the contract of
//! issue 12 (see `service_data`). A service of another client is
//! `service_not_found`; a call the service's `/methods` do not offer is
//! refused: `upgrade_not_available` for the upgrade, `vms_not_supported`
//! for VM calls on a service that is not a cloud, `method_not_available`
//! otherwise.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::Authed;
use crate::body::Payload;
use crate::domain_data::ymd;
use crate::envelope::{info, ApiError};
use crate::service_data::{
    self as data, cycle_code, cycle_months, Delays, Method, ResKind, Service, CANCEL, CYCLES,
    PACKAGES, UPGRADE_RESOURCES,
};
use crate::shop::{self, Cents};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/service", get(list))
        .route("/service/{id}", get(details))
        .route("/service/{id}/methods", get(methods))
        .route("/service/{id}/label", get(get_label).post(post_label))
        .route("/service/{id}/upgrade", get(get_upgrade).post(post_upgrade))
        .route("/service/{id}/cancel", axum::routing::post(cancel))
        .route("/service/{id}/ip", get(ips))
        .route("/service/{id}/rdns", get(get_rdns).post(post_rdns))
}

// ------------------------------------------------------------------ helpers

pub(crate) fn err(key: &str) -> ApiError {
    ApiError::business(key)
}

/// Refuses a call the service's methods do not offer.
pub(crate) fn offered(svc: &Service, method: Method) -> Result<(), ApiError> {
    if svc.offers(method) {
        Ok(())
    } else {
        Err(err("method_not_available"))
    }
}

/// Runs `f` on the caller's service, its VMs settled to the present.
pub(crate) fn with_service<T>(
    state: &AppState,
    authed: &Authed,
    id: &str,
    f: impl FnOnce(&mut Service) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let delays = Delays::of(&state.settings());
    let now = data::now_ms();
    let mut db = state.db();
    let svc =
        db.services.owned_mut(&authed.client_id, id).ok_or_else(|| err("service_not_found"))?;
    svc.settle(now, delays);
    f(svc)
}

/// A yes/no value: bool, 0/1, "0"/"1", "true"/"false", "on"/"off", "yes"/"no".
pub(crate) fn parse_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => Some(true),
            "0" | "false" | "off" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A scalar as text: strings trimmed, numbers in JSON spelling.
pub(crate) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn due(day: Option<i64>) -> String {
    day.map(ymd).unwrap_or_default()
}

// ------------------------------------------------------------------ reading

fn list_row(s: &Service) -> Value {
    let mut row = json!({
        "id": s.id,
        "domain": s.domain,
        "total": s.total,
        "status": s.status,
        "billingcycle": s.billingcycle,
        "next_due": due(s.next_due),
        "category": s.category,
        "category_url": s.category_url,
        "name": s.name,
    });
    if !s.label.is_empty() {
        row["label"] = json!(s.label);
    }
    row
}

/// `GET /service` → `{"services": [{id, domain, total, status,
/// billingcycle, next_due, category, category_url, name, label?}]}`.
async fn list(State(state): State<AppState>, authed: Authed) -> Json<Value> {
    let db = state.db();
    let rows: Vec<Value> = db.services.of_client(&authed.client_id).map(list_row).collect();
    Json(json!({ "services": rows }))
}

/// `GET /service/@id` → `{"service": {...}}`, the reference's fields, plus
/// `cancel_requested: "end_of_period"` after such a cancellation.
async fn details(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        let mut row = json!({
            "id": s.id,
            "date_created": ymd(s.date_created),
            "domain": s.domain,
            "firstpayment": s.firstpayment,
            "total": s.total,
            "billingcycle": s.billingcycle,
            "next_due": due(s.next_due),
            "next_invoice": due(s.next_due.map(|d| d - 14)),
            "status": s.status,
            "label": s.label,
            "username": s.username,
            "password": s.password,
            "name": s.name,
        });
        if s.cancel_requested {
            row["cancel_requested"] = json!("end_of_period");
        }
        Ok(Json(json!({ "service": row })))
    })
}

/// `GET /service/@id/methods` → `{"methods": [{name, method, route}]}`; a
/// cancelled service no longer offers its cancellation.
async fn methods(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        let rows: Vec<Value> = s
            .methods
            .iter()
            .filter(|m| !(s.is_closed() && **m == CANCEL))
            .map(|m| json!({ "name": m.name, "method": m.verb, "route": m.route }))
            .collect();
        Ok(Json(json!({ "methods": rows })))
    })
}

// ------------------------------------------------------------------ label

/// Longest label (characters).
pub const LABEL_MAX: usize = 100;

/// `GET /service/@id/label` → `{"label": "..."}`.
async fn get_label(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        offered(s, data::LABEL_GET)?;
        Ok(Json(json!({ "label": s.label })))
    })
}

/// `POST /service/@id/label` `{label}` → `{"success": true, "info":
/// ["label_updated"]}` (the reference's answer); empty clears it; over 100
/// characters: `label_too_long`.
async fn post_label(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Json<Value>, ApiError> {
    let label = body.str("label").unwrap_or_default().trim().to_string();
    with_service(&state, &authed, &id, |s| {
        offered(s, data::LABEL_POST)?;
        if label.chars().count() > LABEL_MAX {
            return Err(err("label_too_long"));
        }
        s.label = label;
        Ok(Json(json!({ "success": true, "info": ["label_updated"] })))
    })
}

// ------------------------------------------------------------------ cancel

/// `POST /service/@id/cancel` `{immediate, reason}` → `{"info":
/// ["cancell_sent"]}`. `immediate` true (`"1"`, `true`): the service is
/// cancelled now; otherwise (also when unreadable) at the end of the period.
async fn cancel(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let immediate = body.0.get("immediate").and_then(parse_flag).unwrap_or(false);
    let reason = body.non_empty("reason");
    with_service(&state, &authed, &id, |s| {
        if s.is_closed() {
            return Err(err("service_already_cancelled"));
        }
        offered(s, CANCEL)?;
        if reason.is_none() {
            return Err(err("cancel_reason_required"));
        }
        if immediate {
            s.status = "Cancelled".into();
            s.next_due = None;
            s.cancel_requested = false;
        } else if s.cancel_requested {
            return Err(err("service_already_cancelled"));
        } else {
            s.cancel_requested = true;
        }
        Ok(info("cancell_sent"))
    })
}

// ------------------------------------------------------------------ upgrade

fn resource_json(r: &data::UpResource) -> Value {
    let items: Vec<Value> = r
        .items
        .iter()
        .map(|i| {
            let mut item = json!({
                "id": i.id, "name": i.name, "price": i.price, "setup_price": 0,
                "selected": i.id == r.selected,
            });
            if matches!(r.kind, ResKind::SelectQty { .. }) {
                item["qty"] = json!(0);
            }
            item
        })
        .collect();
    let mut out = json!({ "id": r.id, "name": r.name, "type": r.kind.name() });
    if let ResKind::Slider { min, max, step, value } | ResKind::Qty { min, max, step, value } =
        r.kind
    {
        out["min"] = json!(min);
        out["max"] = json!(max);
        out["step"] = json!(step);
        out["value"] = json!(value);
    }
    out["items"] = json!(items);
    out
}

/// `GET /service/@id/upgrade` → `{resources, package, cycle}` (only
/// services that offer it; others `upgrade_not_available`).
async fn get_upgrade(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        if !s.offers(data::UPGRADE_GET) {
            return Err(err("upgrade_not_available"));
        }
        let resources: Vec<Value> = UPGRADE_RESOURCES.iter().map(resource_json).collect();
        let packages: Vec<Value> = PACKAGES
            .iter()
            .map(|(pid, name, price)| {
                json!({ "id": pid, "name": name, "price": format!("{price}.00"), "selected": *pid == s.package })
            })
            .collect();
        let cycles: Vec<Value> = CYCLES
            .iter()
            .map(|(code, title, _)| {
                json!({ "id": code, "name": title, "selected": *code == s.cycle_code() })
            })
            .collect();
        Ok(Json(json!({ "resources": resources, "package": packages, "cycle": cycles })))
    })
}

fn bad_option() -> ApiError {
    err("invalid_upgrade_option")
}

fn parse_qty(v: &Value) -> Result<u32, ApiError> {
    scalar(v).and_then(|t| t.parse::<u32>().ok()).ok_or_else(bad_option)
}

/// The monthly price difference of one resource's new value, and its line name.
fn resource_change(r: &data::UpResource, v: &Value) -> Result<Vec<(String, i64)>, ApiError> {
    let price_of = |id: &str| r.items.iter().find(|i| i.id == id);
    match r.kind {
        ResKind::Select | ResKind::Radio => {
            let picked = scalar(v).and_then(|id| price_of(&id)).ok_or_else(bad_option)?;
            let current = price_of(r.selected).map_or(0, |i| i.price);
            Ok(vec![(format!("{}: {}", r.name, picked.name), picked.price - current)])
        }
        ResKind::Slider { min, max, step, value } | ResKind::Qty { min, max, step, value } => {
            let q = parse_qty(v)?;
            if q < min || q > max || (q - min) % step.max(1) != 0 {
                return Err(bad_option());
            }
            let unit = r.items.first().map_or(0, |i| i.price);
            Ok(vec![(format!("{}: {q}", r.name), (i64::from(q) - i64::from(value)) * unit)])
        }
        ResKind::SelectQty { max } => {
            let picks = v.as_object().ok_or_else(bad_option)?;
            let mut out = Vec::new();
            for (item_id, qty) in picks {
                let item = price_of(item_id.trim()).ok_or_else(bad_option)?;
                let q = parse_qty(qty)?;
                if q > max {
                    return Err(bad_option());
                }
                out.push((format!("{}: {q} × {}", r.name, item.name), i64::from(q) * item.price));
            }
            Ok(out)
        }
    }
}

/// The estimate's lines (name, amount in whole currency units) for an
/// upgrade body: package, cycle, then each resource, amounts for the new
/// billing period; unchanged items left out.
pub fn upgrade_lines(s: &Service, body: &Value) -> Result<Vec<(String, i64)>, ApiError> {
    let text = |k: &str| body.get(k).and_then(scalar).filter(|t| !t.is_empty());
    let old_pkg = PACKAGES.iter().find(|p| p.0 == s.package).ok_or_else(bad_option)?;
    let new_pkg = match text("package") {
        Some(p) => PACKAGES.iter().find(|x| x.0 == p).ok_or_else(bad_option)?,
        None => old_pkg,
    };
    let old_cycle = s.cycle_code();
    let new_cycle = match text("cycle") {
        Some(c) => cycle_code(&c).ok_or_else(bad_option)?,
        None => old_cycle,
    };
    let months = cycle_months(new_cycle);
    let mut monthly: Vec<(String, i64)> = Vec::new();
    monthly.push((format!("Package: {}", new_pkg.1), new_pkg.2 - old_pkg.2));
    let empty = Map::new();
    let resources = match body.get("resources") {
        None | Some(Value::Null) => &empty,
        Some(Value::String(t)) if t.trim().is_empty() => &empty,
        Some(Value::Array(a)) if a.is_empty() => &empty,
        Some(Value::Object(o)) => o,
        Some(_) => return Err(bad_option()),
    };
    if resources.keys().any(|k| !UPGRADE_RESOURCES.iter().any(|r| r.id.to_string() == k.trim())) {
        return Err(bad_option());
    }
    for r in UPGRADE_RESOURCES {
        if let Some((_, v)) = resources.iter().find(|(k, _)| k.trim() == r.id.to_string()) {
            monthly.extend(resource_change(r, v)?);
        }
    }
    let mut lines: Vec<(String, i64)> =
        monthly.into_iter().map(|(name, diff)| (name, diff * months)).collect();
    let title = CYCLES.iter().find(|c| c.0 == new_cycle).map_or("", |c| c.1);
    lines.insert(
        1,
        (format!("Billing cycle: {title}"), new_pkg.2 * (months - cycle_months(old_cycle))),
    );
    lines.retain(|(_, amount)| *amount != 0);
    Ok(lines)
}

/// `POST /service/@id/upgrade` `{resources, package?, cycle?, send}`:
/// `send` false → `{"estimate": {items: [{name, price}], subtotal, tax,
/// total, currency}}`; true → an invoice: `{"info": ["upgrade_request_sent"],
/// "invoice_id"}`. A bad value, or ordering no change:
/// `invalid_upgrade_option`.
async fn post_upgrade(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let send = body.0.get("send").and_then(parse_flag).unwrap_or(false);
    let mut guard = state.db();
    let db = &mut *guard;
    let s = db.services.owned(&authed.client_id, &id).ok_or_else(|| err("service_not_found"))?;
    if !s.offers(data::UPGRADE_POST) {
        return Err(err("upgrade_not_available"));
    }
    let lines = upgrade_lines(s, &body.0)?;
    let account = db.accounts.get_mut(&authed.client_id).ok_or_else(|| err("service_not_found"))?;
    let currency = account.balance.currency.clone();
    let subtotal: Cents = lines.iter().map(|(_, a)| a * 100).sum();
    let tax = shop::percent_of(subtotal, shop::catalog::VAT_PERCENT);
    if !send {
        let items: Vec<Value> = lines
            .iter()
            .map(|(name, a)| json!({ "name": name, "price": shop::money_str(a * 100) }))
            .collect();
        return Ok(Json(json!({ "estimate": {
            "items": items,
            "subtotal": shop::money_str(subtotal),
            "tax": shop::money_str(tax),
            "total": shop::money_str(subtotal + tax),
            "currency": currency,
        }}))
        .into_response());
    }
    if lines.is_empty() {
        return Err(bad_option());
    }
    let what = format!("Nâng cấp {} ({})", s.name, s.domain);
    let invoice_lines = lines
        .iter()
        .map(|(name, a)| ("Upgrade".into(), id.clone(), format!("{what} - {name}"), a * 100, true))
        .collect();
    let invoice = db.shop.issue_invoice(&authed.client_id, &currency, invoice_lines);
    let invoice_id = invoice.id.clone();
    shop::engine::adjust(account, invoice.balance(), 0);
    Ok(Json(json!({ "info": ["upgrade_request_sent"], "invoice_id": invoice_id })).into_response())
}

// ------------------------------------------------------------------ IPs and reverse DNS

/// `GET /service/@id/ip` → `{"ips": [{ip, type}]}`.
async fn ips(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        offered(s, data::IP)?;
        let rows: Vec<Value> =
            s.ips().iter().map(|(ip, kind)| json!({ "ip": ip, "type": kind.name() })).collect();
        Ok(Json(json!({ "ips": rows })))
    })
}

/// `GET /service/@id/rdns` → `{"rdns": {"<ip>": "<host>"}}` (PHP `[]` when none).
async fn get_rdns(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    with_service(&state, &authed, &id, |s| {
        offered(s, data::RDNS_GET)?;
        let ips = s.ips();
        let map: Map<String, Value> = s
            .rdns
            .iter()
            .filter(|(ip, _)| ips.iter().any(|(x, _)| x == *ip))
            .map(|(ip, host)| (ip.clone(), json!(host)))
            .collect();
        let rdns = if map.is_empty() { json!([]) } else { Value::Object(map) };
        Ok(Json(json!({ "rdns": rdns })))
    })
}

/// The service's own spelling of an address (IPv6 may be written another way).
fn service_ip(s: &Service, wanted: &str) -> Option<String> {
    let wanted: std::net::IpAddr = wanted.trim().parse().ok()?;
    s.ips().into_iter().map(|(ip, _)| ip).find(|ip| ip.parse::<std::net::IpAddr>() == Ok(wanted))
}

/// `POST /service/@id/rdns` `{ipaddress: {"<ip>": "<host>"}}` →
/// `{"info": ["rdns_updated"]}`; an empty host removes the PTR. Nothing is
/// changed when one entry is wrong: an address not of the service
/// `invalid_ip`, a bad host name `invalid_hostname`.
async fn post_rdns(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    body: Payload,
) -> Result<Response, ApiError> {
    let entries = body
        .0
        .get("ipaddress")
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty())
        .cloned()
        .ok_or_else(|| err("invalid_ip"))?;
    with_service(&state, &authed, &id, |s| {
        offered(s, data::RDNS_POST)?;
        let mut changes = Vec::new();
        for (ip, host) in &entries {
            let ip = service_ip(s, ip).ok_or_else(|| err("invalid_ip"))?;
            let host = match host {
                Value::String(h) => h.trim().trim_end_matches('.').to_ascii_lowercase(),
                Value::Null => String::new(),
                _ => return Err(err("invalid_hostname")),
            };
            if !host.is_empty() && !crate::routes::domains::valid_host(&host) {
                return Err(err("invalid_hostname"));
            }
            changes.push((ip, host));
        }
        for (ip, host) in changes {
            if host.is_empty() {
                s.rdns.remove(&ip);
            } else {
                s.rdns.insert(ip, host);
            }
        }
        Ok(info("rdns_updated"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plus() -> Service {
        data::seed().services["305"].clone()
    }

    #[test]
    fn upgrade_lines_per_resource_kind() {
        let s = plus();
        let body = json!({"resources": {
            "1557": "10103", "1558": "40", "1559": 12, "1561": "9981", "1562": {"9990": "2"}
        }});
        assert_eq!(
            upgrade_lines(&s, &body).unwrap(),
            vec![
                ("Bandwidth: 500 GB".to_string(), 12),
                ("Disk space (GB): 40".to_string(), 120_000),
                ("Email accounts: 12".to_string(), 30_000),
                ("Extra IP: 2 × IPv4".to_string(), 360_000),
            ]
        );
        let body = json!({"package": "42", "cycle": "a"});
        assert_eq!(
            upgrade_lines(&s, &body).unwrap(),
            vec![
                ("Package: Hosting Pro".to_string(), 1_200_000),
                ("Billing cycle: Annually".to_string(), 199_000 * 9),
            ]
        );
        assert_eq!(upgrade_lines(&s, &json!({})).unwrap(), vec![]);
    }

    #[test]
    fn upgrade_rejects_bad_values() {
        let s = plus();
        for body in [
            json!({"resources": {"1558": "205"}}),
            json!({"resources": {"1558": "25"}}),
            json!({"resources": {"1559": "0"}}),
            json!({"resources": {"1557": "1"}}),
            json!({"resources": {"9999": "1"}}),
            json!({"resources": {"1562": {"9990": "17"}}}),
            json!({"resources": {"1562": "9990"}}),
            json!({"resources": "resourcesValue"}),
            json!({"package": "43"}),
            json!({"cycle": "x"}),
        ] {
            assert_eq!(upgrade_lines(&s, &body), Err(bad_option()), "{body}");
        }
    }
}
