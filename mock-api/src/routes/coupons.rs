//! Section "Bkns_coupons" (catalog endpoint 135), public:
//! `POST /domain/coupons/bkns_coupons` `{clientdata_coupons, sap_coupons,
//! id_products_coupons, type}` ("Mã giảm giá theo người dùng"). The lead's
//! reading: the client's own coupons usable for one item of the cart.
//!
//! * `clientdata_coupons`: client id (a number or a string, as the doc's
//!   type and example disagree);
//! * `type`: `domain`, `product` or `certificate` (case-insensitive);
//! * `id_products_coupons`: the TLD id of `GET /domain/order` (domain) or
//!   the product id (product, certificate); it decides when it is known;
//! * `sap_coupons`: the item's name: a domain or a TLD (`x.vn`, `.vn`,
//!   `vn`) or a product name; used when the id is not a known one.
//!
//! → `{"coupons": [{code, type: "percent"|"fixed", value, description,
//! expires}]}`, `{"coupons": []}` when none (an unknown client has none:
//! nothing tells it apart). A missing or blank field → `{"error":
//! ["missing_fields"]}`, another `type` → `{"error": ["invalid_type"]}`
//! (HTTP 200). The codes are the shop's promo codes
//! (`shop::catalog::coupons`), so `POST /quote` and `POST /order` take them
//! as `promocode`.

use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::body::Payload;
use crate::envelope::ApiError;
use crate::shop::catalog::{self, Applies, Coupon};
use crate::shop::date_in;
use crate::state::AppState;

pub const MISSING_FIELDS: &str = "missing_fields";
pub const INVALID_TYPE: &str = "invalid_type";

pub fn router() -> Router<AppState> {
    Router::new().route("/domain/coupons/bkns_coupons", post(coupons))
}

/// The TLD id of a domain item: its id when known, else the longest TLD
/// the name ends with.
fn tld_id(id: &str, name: &str) -> Option<&'static str> {
    let tlds = catalog::tlds();
    if let Some(t) = tlds.iter().find(|t| t.id == id.trim()) {
        return Some(t.id);
    }
    let name = format!(".{}", name.trim().trim_end_matches('.').trim_start_matches('.'));
    let name = name.to_lowercase();
    tlds.iter().filter(|t| name.ends_with(t.tld)).max_by_key(|t| t.tld.len()).map(|t| t.id)
}

/// The product id of a product item: its id when known, else by name.
fn product_id(id: &str, name: &str) -> Option<&'static str> {
    let products = catalog::products();
    products
        .iter()
        .find(|p| p.id == id.trim())
        .or_else(|| products.iter().find(|p| p.name.to_lowercase() == name.trim().to_lowercase()))
        .map(|p| p.id)
}

fn row(c: &Coupon) -> Value {
    let (kind, value) = c.kind_and_value();
    json!({
        "code": c.code, "type": kind, "value": value, "description": c.description,
        "expires": date_in(c.expires_in)
    })
}

/// `POST /domain/coupons/bkns_coupons`.
async fn coupons(body: Payload) -> Result<Json<Value>, ApiError> {
    let field = |k: &str| body.non_empty(k).map(|v| v.trim().to_string());
    let (Some(client), Some(name), Some(id), Some(kind)) = (
        field("clientdata_coupons"),
        field("sap_coupons"),
        field("id_products_coupons"),
        field("type"),
    ) else {
        return Err(ApiError::business(MISSING_FIELDS));
    };
    let covers: Box<dyn Fn(Applies) -> bool> = match kind.to_ascii_lowercase().as_str() {
        "domain" => {
            let tld = tld_id(&id, &name);
            Box::new(move |a| tld.is_some_and(|t| a == Applies::Tld(t)))
        }
        "product" => {
            let product = product_id(&id, &name);
            Box::new(move |a| {
                product.is_some_and(|p| a == Applies::Product(p) || a == Applies::AnyProduct)
            })
        }
        "certificate" => Box::new(|_| false),
        _ => return Err(ApiError::business(INVALID_TYPE)),
    };
    let list: Vec<Value> = catalog::coupons()
        .iter()
        .filter(|c| c.owner == Some(client.as_str()) && covers(c.applies))
        .map(row)
        .collect();
    Ok(Json(json!({ "coupons": list })))
}
