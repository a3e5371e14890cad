//! The cart: products, domain registrations, transfers and renewals, and
//! certificates, with a promo code and the affiliate id of the link the
//! customer came by. The core ([`Cart`]) is pure and host-tested; the app
//! keeps one in a signal, saved to localStorage on every change, so a
//! half-built cart survives a reload.

pub mod check;
pub mod config;
mod latest;

pub use latest::{accept as accept_answer, Latest};

use crate::api::cart::items::{DomainItem, OrderItem};
use crate::api::cart::NumId;
use crate::api::loose::{field, FromLoose};
use crate::browser;
use leptos::prelude::*;
use serde::Serialize;

const STORAGE_KEY: &str = "portal.cart";
const VERSION: u32 = 1;

/// One thing in the cart: what is sent, and how to show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CartLine {
    /// Unique within the cart (for removal).
    pub key: u32,
    /// Product, domain or certificate name.
    pub title: String,
    /// The choices, as "Title: choice" lines (server texts).
    pub notes: Vec<String>,
    pub item: OrderItem,
}

impl CartLine {
    /// A saved line; None when its item cannot be read any more.
    fn read(v: &serde_json::Value) -> Option<CartLine> {
        let item = <Option<OrderItem>>::from_loose(field(v, &["item"]))?;
        Some(CartLine {
            key: u32::from_loose(field(v, &["key"])),
            title: String::from_loose(field(v, &["title"])),
            notes: Vec::from_loose(field(v, &["notes"])),
            item,
        })
    }

    /// The domain a line is about (registrations, transfers, renewals),
    /// used to keep one line per domain.
    fn domain_key(&self) -> Option<String> {
        match &self.item {
            OrderItem::Domain(d) if !d.name.is_empty() => Some(d.name.to_ascii_lowercase()),
            OrderItem::Domain(d) => d.domain_id.as_ref().map(|id| format!("#{}", id.as_str())),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cart {
    pub v: u32,
    pub lines: Vec<CartLine>,
    pub promocode: String,
    /// The lines a coupon offered for them applies to (`api::cart::coupons`);
    /// empty for a code typed by the customer, which goes on the products.
    pub promo_lines: Vec<u32>,
    pub aff_id: String,
    next_key: u32,
}

impl Cart {
    /// Reads a saved cart; anything unreadable gives an empty cart. Lines
    /// that no longer decode are dropped, the rest kept.
    pub fn from_json(text: &str) -> Cart {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else { return Cart::default() };
        let lines: Vec<CartLine> = v
            .get("lines")
            .and_then(|l| l.as_array())
            .map(|a| a.iter().filter_map(CartLine::read).collect())
            .unwrap_or_default();
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_owned();
        let max_key = lines.iter().map(|l| l.key).max().unwrap_or(0);
        let next = v.get("next_key").and_then(|k| k.as_u64()).unwrap_or(0) as u32;
        Cart {
            v: VERSION,
            lines,
            promocode: text("promocode"),
            promo_lines: v
                .get("promo_lines")
                .and_then(|a| a.as_array())
                .map(|a| a.iter().filter_map(|k| u32::try_from(k.as_u64()?).ok()).collect())
                .unwrap_or_default(),
            aff_id: clean_affiliate(&text("aff_id")).unwrap_or_default(),
            next_key: next.max(max_key),
        }
    }

    pub fn to_json(&self) -> String {
        let mut c = self.clone();
        c.v = VERSION;
        serde_json::to_value(&c).map(|v| v.to_string()).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Adds a line and returns its key. A domain already in the cart (same
    /// name, or same renewed domain) is replaced rather than doubled.
    pub fn add(&mut self, title: String, notes: Vec<String>, item: OrderItem) -> u32 {
        self.next_key += 1;
        let line = CartLine { key: self.next_key, title, notes, item };
        if let Some(k) = line.domain_key() {
            if let Some(pos) = self.lines.iter().position(|l| l.domain_key().as_deref() == Some(&k))
            {
                self.lines[pos] = line;
                return self.next_key;
            }
        }
        self.lines.push(line);
        self.next_key
    }

    pub fn remove(&mut self, key: u32) {
        self.lines.retain(|l| l.key != key);
        self.promo_lines.retain(|k| *k != key);
    }

    /// After an order: the items and the promo code go, the affiliate stays.
    pub fn clear_items(&mut self) {
        self.lines.clear();
        self.promocode.clear();
        self.promo_lines.clear();
    }

    /// A code typed by the customer: for every product.
    pub fn set_promo(&mut self, code: String) {
        self.promocode = code;
        self.promo_lines.clear();
    }

    /// A coupon offered for some lines: for those only.
    pub fn set_coupon(&mut self, code: String, lines: Vec<u32>) {
        self.promocode = code;
        self.promo_lines = lines;
    }

    /// The items of `POST /quote` and `POST /order`, the promo code on each
    /// product (where `POST /order/@product_id` takes it), or, for a coupon
    /// offered for some lines, on those lines only (products and domains).
    pub fn order_items(&self) -> Vec<OrderItem> {
        let promo = self.promocode.trim();
        let gets = |key: u32| self.promo_lines.is_empty() || self.promo_lines.contains(&key);
        self.lines
            .iter()
            .map(|l| match &l.item {
                OrderItem::Product(p) => {
                    let mut p = p.clone();
                    p.promocode = if gets(l.key) { promo.to_owned() } else { String::new() };
                    OrderItem::Product(p)
                }
                OrderItem::Domain(d) if !self.promo_lines.is_empty() => {
                    let mut d = d.clone();
                    d.promocode = if gets(l.key) { promo.to_owned() } else { String::new() };
                    OrderItem::Domain(d)
                }
                other => other.clone(),
            })
            .collect()
    }

    pub fn aff(&self) -> Option<&str> {
        Some(self.aff_id.as_str()).filter(|a| !a.is_empty())
    }
}

/// A domain renewal line, e.g. from a domain's page:
/// `{type: domain, domain_id, action: renew, years}`.
pub fn renewal(domain_id: &str, years: u32) -> OrderItem {
    OrderItem::Domain(DomainItem {
        domain_id: Some(NumId::new(domain_id)),
        action: "renew".into(),
        years,
        ..Default::default()
    })
}

/// An affiliate id as `aff_id` takes it: digits only, at most 12.
pub fn clean_affiliate(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty() && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_owned())
}

/// The `aff` parameter of a query string (`?aff=55&x=1`), if valid.
pub fn affiliate_from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "aff")
        .and_then(|(_, v)| clean_affiliate(&crate::util::percent_decode(v)))
}

thread_local! {
    static CART: ArcRwSignal<Cart> = ArcRwSignal::new(load());
    /// The last save failed (storage full or refused): the cart lives in
    /// this page only, and the customer is told.
    static SAVE_FAILED: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static UNSETTLED: ArcRwSignal<Option<Unsettled>> = ArcRwSignal::new(load_unsettled());
}

/// Where an order whose answer never came is kept, for every tab.
const UNSETTLED_KEY: &str = "portal.order.unsettled";

/// An order that was sent and got no answer: it may have been placed.
/// While one is kept, no tab sends another; the checkout looks for its
/// invoice first ([`crate::outcome`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unsettled {
    /// The account it was sent for.
    pub client: String,
    pub mark: crate::outcome::Mark,
}

impl Unsettled {
    fn to_json(&self) -> String {
        serde_json::json!({"client": self.client, "mark": self.mark.to_value()}).to_string()
    }

    fn from_json(text: &str) -> Option<Unsettled> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let client = String::from_loose(field(&v, &["client"]));
        let mark = crate::outcome::Mark::read(field(&v, &["mark"]));
        Some(Unsettled { client, mark })
    }
}

fn load_unsettled() -> Option<Unsettled> {
    browser::local_get(UNSETTLED_KEY).and_then(|t| Unsettled::from_json(&t))
}

/// The order kept as unsettled for `client`, if any (tracked). An order
/// sent, or asked about, before the account's id was known (its details
/// failed to load) belongs to whoever is signed in: logging out forgets it.
pub fn unsettled(client: &str) -> Option<Unsettled> {
    UNSETTLED
        .with(|u| u.get())
        .filter(|u| u.client == client || u.client.is_empty() || client.is_empty())
}

/// Keeps (or, with None, forgets) the unsettled order, for every tab.
/// False when it could not be kept (the other tabs will not know).
pub fn set_unsettled(u: Option<Unsettled>) -> bool {
    let kept = match &u {
        Some(u) => browser::local_set(UNSETTLED_KEY, &u.to_json()),
        None => {
            browser::local_remove(UNSETTLED_KEY);
            true
        }
    };
    UNSETTLED.with(|s| s.set(u));
    kept
}

/// Whether the cart could not be saved the last time (tracked).
pub fn save_failed() -> bool {
    SAVE_FAILED.with(|s| s.get())
}

fn load() -> Cart {
    browser::local_get(STORAGE_KEY).map(|t| Cart::from_json(&t)).unwrap_or_default()
}

fn signal() -> ArcRwSignal<Cart> {
    CART.with(Clone::clone)
}

/// Reads the cart (tracked in reactive scopes).
pub fn with<R>(f: impl FnOnce(&Cart) -> R) -> R {
    signal().with(f)
}

/// Reads the cart without tracking.
pub fn with_untracked<R>(f: impl FnOnce(&Cart) -> R) -> R {
    signal().with_untracked(f)
}

/// Changes the cart and saves it.
pub fn update(f: impl FnOnce(&mut Cart)) {
    let s = signal();
    s.update(f);
    let saved = s.with_untracked(|c| browser::local_set(STORAGE_KEY, &c.to_json()));
    if SAVE_FAILED.with(|f| f.get_untracked()) == saved {
        SAVE_FAILED.with(|f| f.set(!saved));
    }
}

/// Keeps this tab's cart in step with the others: a change saved in one
/// tab (an item added, the cart emptied by an order) reaches every other
/// through the `storage` event, as does an unsettled order. Call once.
#[cfg(target_arch = "wasm32")]
pub fn listen_other_tabs() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let on = Closure::<dyn Fn(web_sys::StorageEvent)>::new(|ev: web_sys::StorageEvent| {
        // no key: the whole storage was cleared
        let key = ev.key();
        if key.is_none() || key.as_deref() == Some(STORAGE_KEY) {
            let cart = ev.new_value().map(|t| Cart::from_json(&t)).unwrap_or_default();
            signal().set(cart);
        }
        if key.is_none() || key.as_deref() == Some(UNSETTLED_KEY) {
            UNSETTLED.with(|u| u.set(load_unsettled()));
        }
    });
    let _ = w.add_event_listener_with_callback("storage", on.as_ref().unchecked_ref());
    on.forget(); // lives as long as the page
}

#[cfg(not(target_arch = "wasm32"))]
pub fn listen_other_tabs() {}

/// On logout: the items, the promo code and a kept VNNIC code go (they
/// are the account's); the affiliate id stays with the browser.
pub fn forget() {
    update(Cart::clear_items);
    set_unsettled(None);
    browser::local_remove(crate::api::ekyc::PROMO_STORAGE_KEY);
}

/// Number of lines (tracked), for the header badge.
pub fn count() -> usize {
    with(Cart::len)
}

/// Takes the affiliate id from `?aff=<id>` of the page the app started on
/// (any portal link, e.g. `/login?aff=55` or `/cart?aff=55`); it then
/// travels with the cart to the order.
pub fn capture_affiliate(url: &str) {
    let query = url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or_default())
        .unwrap_or_default();
    if let Some(id) = affiliate_from_query(query) {
        update(|c| c.aff_id = id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cart::items::{CertificateItem, ProductItem};
    use serde_json::json;

    #[test]
    fn an_unsettled_order_is_kept_for_its_account() {
        let mark = crate::outcome::Mark { day: "2026-12-04".into(), ..Default::default() };
        let u = Unsettled { client: "7".into(), mark };
        assert_eq!(Unsettled::from_json(&u.to_json()), Some(u.clone()));
        assert_eq!(Unsettled::from_json("{}").map(|u| u.client), Some(String::new()));
        assert_eq!(Unsettled::from_json("not json"), None);

        set_unsettled(Some(u.clone()));
        assert!(unsettled("7").is_some());
        assert!(unsettled("8").is_none(), "another account's order");
        assert!(unsettled("").is_some(), "the account's id not known yet");
        set_unsettled(Some(Unsettled { client: String::new(), ..u }));
        assert!(unsettled("8").is_some(), "sent before the id was known");
        set_unsettled(None);
        assert!(unsettled("7").is_none());
    }

    fn product(id: &str) -> OrderItem {
        OrderItem::Product(ProductItem {
            product_id: NumId::new(id),
            cycle: "m".into(),
            ..Default::default()
        })
    }

    fn register(name: &str, years: u32) -> OrderItem {
        OrderItem::Domain(DomainItem {
            tld_id: Some(NumId::new("11")),
            name: name.into(),
            action: "register".into(),
            years,
            ..Default::default()
        })
    }

    #[test]
    fn holds_every_kind_of_item_and_round_trips_through_storage() {
        let mut c = Cart::default();
        c.add("Cloud Hosting".into(), vec!["Vị trí: Hà Nội".into()], product("101"));
        c.add("anshop.vn".into(), vec![], register("anshop.vn", 1));
        c.add("nguyenvanan.vn".into(), vec![], renewal("302", 2));
        c.add(
            "PositiveSSL".into(),
            vec![],
            OrderItem::Certificate(CertificateItem {
                product_id: NumId::new("401"),
                years: 1,
                ..Default::default()
            }),
        );
        c.promocode = "BKNS10".into();
        c.aff_id = "55".into();
        let back = Cart::from_json(&c.to_json());
        assert_eq!(back.lines, c.lines);
        assert_eq!((back.promocode.as_str(), back.aff_id.as_str()), ("BKNS10", "55"));
        // keys keep increasing after a reload
        let mut back = back;
        let k = back.add("x".into(), vec![], product("102"));
        assert_eq!(k, 5);
    }

    #[test]
    fn order_items_carry_the_promo_code_on_products() {
        let mut c = Cart::default();
        c.add("Hosting".into(), vec![], product("101"));
        c.add("an.vn".into(), vec![], register("an.vn", 1));
        c.add("renew".into(), vec![], renewal("302", 1));
        c.promocode = " BKNS10 ".into();
        let items = serde_json::to_value(c.order_items()).unwrap();
        assert_eq!(
            items,
            json!([
                {"type": "product", "product_id": 101, "cycle": "m", "promocode": "BKNS10"},
                {"type": "domain", "tld_id": 11, "name": "an.vn", "action": "register", "years": 1},
                {"type": "domain", "domain_id": 302, "action": "renew", "years": 1}
            ])
        );
    }

    #[test]
    fn one_line_per_domain_and_removal() {
        let mut c = Cart::default();
        c.add("an.vn".into(), vec![], register("an.vn", 1));
        let k = c.add("AN.vn".into(), vec![], register("AN.vn", 2));
        c.add("r".into(), vec![], renewal("302", 1));
        c.add("r".into(), vec![], renewal("302", 3));
        assert_eq!(c.len(), 2);
        assert!(matches!(&c.lines[0].item, OrderItem::Domain(d) if d.years == 2));
        assert!(matches!(&c.lines[1].item, OrderItem::Domain(d) if d.years == 3));
        c.add("Hosting".into(), vec![], product("101"));
        c.add("Hosting".into(), vec![], product("101"));
        assert_eq!(c.len(), 4, "two hostings are two services");
        c.remove(k);
        assert_eq!(c.len(), 3);
        c.promocode = "X".into();
        c.aff_id = "7".into();
        c.clear_items();
        assert!(c.is_empty());
        assert_eq!((c.promocode.as_str(), c.aff_id.as_str()), ("", "7"));
    }

    #[test]
    fn damaged_storage_gives_what_can_be_read() {
        assert_eq!(Cart::from_json("not json"), Cart::default());
        assert!(Cart::from_json("[]").is_empty());
        let c = Cart::from_json(
            r#"{"lines": [{"key": 3, "title": "ok", "item": {"type": "product", "product_id": 1, "cycle": "m"}},
                          {"key": 4, "title": "bad", "item": {"type": "spaceship"}}, 17],
                "promocode": "P", "aff_id": "<script>", "next_key": 1}"#,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c.promocode, "P");
        assert_eq!(c.aff_id, "", "an invalid affiliate id is dropped");
        let mut c = c;
        assert_eq!(
            c.add("n".into(), vec![], product("2")),
            4,
            "keys never collide with kept lines"
        );
    }

    #[test]
    fn a_coupon_goes_on_the_lines_it_was_offered_for() {
        let mut c = Cart::default();
        c.add("Hosting".into(), vec![], product("101"));
        c.add(
            "a.vn".into(),
            vec![],
            OrderItem::Domain(DomainItem {
                name: "a.vn".into(),
                action: "register".into(),
                years: 1,
                ..Default::default()
            }),
        );
        let keys: Vec<u32> = c.lines.iter().map(|l| l.key).collect();
        let promo = |c: &Cart| {
            c.order_items()
                .iter()
                .map(|i| match i {
                    OrderItem::Product(p) => p.promocode.clone(),
                    OrderItem::Domain(d) => d.promocode.clone(),
                    OrderItem::Certificate(_) => String::new(),
                })
                .collect::<Vec<_>>()
        };
        c.set_promo("BKNS10".into());
        assert_eq!(promo(&c), ["BKNS10", ""], "a typed code: products only");
        c.set_coupon("BKNS-VN15".into(), vec![keys[1]]);
        assert_eq!(promo(&c), ["", "BKNS-VN15"], "a domain's coupon: that domain only");
        let back = Cart::from_json(&c.to_json());
        assert_eq!(back.promo_lines, [keys[1]]);
        c.remove(keys[1]);
        assert!(c.promo_lines.is_empty());
        c.clear_items();
        assert!(c.promocode.is_empty() && c.promo_lines.is_empty());
    }

    #[test]
    fn affiliate_from_any_link() {
        assert_eq!(affiliate_from_query("?aff=55"), Some("55".into()));
        assert_eq!(affiliate_from_query("?next=%2Fcart&aff=%2055"), Some("55".into()));
        assert_eq!(affiliate_from_query("aff=123456789012"), Some("123456789012".into()));
        assert_eq!(affiliate_from_query("?aff=1234567890123"), None);
        assert_eq!(affiliate_from_query("?aff=abc"), None);
        assert_eq!(affiliate_from_query("?aff="), None);
        assert_eq!(affiliate_from_query("?affx=5&raff=6"), None);
        assert_eq!(affiliate_from_query(""), None);
    }
}
