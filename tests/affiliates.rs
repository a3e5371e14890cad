//! Browser tests of `/affiliates` (headless Chromium) against the fake API,
//! with answers shaped as mock-api gives them
//! (fixtures/api/contract-ssl-affiliates.md): the figures, the chart, the
//! referral link and its QR code are drawn; a customer outside the
//! programme gets the information panel and no other read; one read
//! failing shows its own error while the others draw; a summary of an
//! unknown shape still shows what it holds. Run with
//! `cargo test --target wasm32-unknown-unknown --test affiliates`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{count, has, mount, q, settle, sign_in, wait_for, Answer, FakeApi};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::pages::affiliates::AffiliatesPage;
use serde_json::json;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SUMMARY: &str = "GET /affiliates/summary";
const OTHERS: [&str; 5] = [
    "GET /affiliates/campaigns",
    "GET /affiliates/commissions",
    "GET /affiliates/payouts",
    "GET /affiliates/vouchers",
    "GET /affiliates/commissionplans",
];

/// `YYYY-MM-01` of the month `back` months before this one.
fn month_start(back: u32) -> String {
    let now = js_sys::Date::new_0();
    let index = now.get_full_year() as i64 * 12 + now.get_month() as i64 - back as i64;
    format!("{:04}-{:02}-01", index.div_euclid(12), index.rem_euclid(12) + 1)
}

fn summary() -> Answer {
    Answer::ok(json!({"affiliate": {"id": "7", "status": "Active", "date_created": "2024-03-11",
        "currency": "VND", "balance": "1250000.00", "total_commissions": "3450000.00",
        "total_withdrawn": "2200000.00", "visits": "412", "referrals": "23", "conversion": "5.58"}}))
}

/// The six reads of an affiliate: commissions this month and 3 months ago.
fn enrolled() -> Vec<(&'static str, Answer)> {
    vec![
        (SUMMARY, summary()),
        (
            OTHERS[0],
            Answer::ok(json!({"campaigns": [{"id": "11", "name": "Fanpage Facebook",
                "url": "https://www.bkns.vn/?aff=7&campaign=facebook", "visits": "120",
                "signups": "7", "date_created": "2024-09-02"}]})),
        ),
        (
            OTHERS[1],
            Answer::ok(json!({"commissions": [
                {"id": "3330", "date": month_start(0), "order_id": "562333", "referral": "Ng***n",
                 "product": "VPS SSD 4 - 3 tháng", "amount": "145200.00", "status": "Pending"},
                {"id": "3320", "date": month_start(3), "order_id": "562320", "referral": "Hà***",
                 "product": "Sectigo OV SSL - 1 năm", "amount": "285000.00", "status": "Approved"}
            ]})),
        ),
        (
            OTHERS[2],
            Answer::ok(json!({"payouts": [{"id": "53", "date": "2025-12-05",
                "amount": "600000.00", "method": "Ví MoMo", "status": "Paid"}]})),
        ),
        (
            OTHERS[3],
            Answer::ok(json!({"vouchers": [{"id": "31", "code": "ANNGUYEN10", "type": "percent",
                "value": "10", "uses": "7", "max_uses": "50", "expires": "2027-01-31"}]})),
        ),
        (OTHERS[4], Answer::ok(json!({"commissionplans": []}))),
    ]
}

fn page() -> impl IntoView {
    view! { <Router><AffiliatesPage/></Router> }
}

/// The text of `sel`, no-break spaces as spaces.
fn text(root: &HtmlElement, sel: &str) -> String {
    q::<Element>(root, sel).text_content().unwrap_or_default().replace('\u{a0}', " ")
}

#[wasm_bindgen_test]
async fn the_figures_the_chart_and_the_link_are_drawn_from_the_answers() {
    sign_in();
    let _api = FakeApi::install(&enrolled());
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-balance]")).await, "the figures");
    assert!(text(&root, "[data-testid=aff-balance]").contains("1.250.000 ₫"));
    assert!(text(&root, "[data-testid=aff-earned]").contains("3.450.000 ₫"));
    assert!(text(&root, "[data-testid=aff-referrals]").contains("23"));
    assert!(text(&root, "[data-testid=aff-visits]").contains("412"));
    assert!(text(&root, "[data-testid=aff-conversion]").contains("5"));
    assert!(!has(&root, "[data-testid=aff-other]"), "every field of the planned shape is known");

    // the referral links, on this portal, and the QR code of the sign-up one
    let origin = common::window().location().origin().unwrap();
    assert_eq!(text(&root, "[data-testid=aff-signup-link]"), format!("{origin}/signup?aff=7"));
    assert_eq!(text(&root, "[data-testid=aff-cart-link]"), format!("{origin}/cart?aff=7"));
    let qr: Element = q(&root, "[data-testid=aff-qr]");
    assert_eq!(qr.get_attribute("role").as_deref(), Some("img"));
    assert!(qr.get_attribute("aria-label").unwrap().contains(&format!("{origin}/signup?aff=7")));
    assert_eq!(count(&root, "[data-testid=aff-qr] path"), 1);
    assert!(
        q::<Element>(&root, "[data-testid=aff-qr] path").get_attribute("d").unwrap().len() > 100
    );
    assert_eq!(count(&root, ".aff-share .aff-copy"), 2, "a copy button per link");

    // 12 bars with their tooltips; this month's and the one 3 months back drawn
    assert!(wait_for(3000, || count(&root, "[data-testid=aff-chart] rect.aff-bar") == 12).await);
    let heights: Vec<f64> = (1..=12)
        .map(|i| {
            let sel = format!("[data-testid=aff-chart] rect.aff-bar:nth-of-type({i})");
            q::<Element>(&root, &sel).get_attribute("height").unwrap().parse().unwrap()
        })
        .collect();
    assert!(heights[11] > 0.0 && heights[8] > heights[11], "{heights:?}");
    assert_eq!(heights.iter().filter(|h| **h > 0.0).count(), 2, "{heights:?}");
    assert_eq!(count(&root, "[data-testid=aff-chart] rect.aff-bar title"), 12);
    assert_eq!(
        q::<Element>(&root, "[data-testid=aff-chart]").get_attribute("role").as_deref(),
        Some("img")
    );
    assert_eq!(count(&root, "[data-testid=aff-months] tbody tr"), 12, "the figures as a table");
    assert_eq!(count(&root, "[data-testid=aff-commission-list] tbody tr"), 2);

    // the other parts
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-voucher-code]")).await);
    assert_eq!(text(&root, "[data-testid=aff-voucher-code]"), "ANNGUYEN10");
    assert!(text(&root, "[data-testid=aff-campaigns]").contains("Fanpage Facebook"));
    assert!(text(&root, "[data-testid=aff-payouts]").contains("600.000 ₫"));
    assert!(has(&root, "[data-testid=aff-plans] .aff-empty"), "an empty list says so");
    assert!(!has(&root, "[role=alert]"));
}

#[wasm_bindgen_test]
async fn a_customer_outside_the_programme_is_told_how_to_join_and_nothing_else_is_asked() {
    sign_in();
    let refused = || Answer::ok(json!({"error": ["affiliate_not_enrolled"]}));
    let mut routes = vec![(SUMMARY, refused())];
    routes.extend(OTHERS.iter().map(|k| (*k, refused())));
    let api = FakeApi::install(&routes);
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-not-enrolled]")).await);
    let panel: Element = q(&root, "[data-testid=aff-not-enrolled]");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("status"), "information, not an error");
    assert!(!has(&root, "[role=alert]"));
    let link: Element = q(&root, "[data-testid=aff-contact]");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/support/new"));
    settle().await;
    settle().await;
    assert_eq!(api.calls(SUMMARY), 1);
    for other in OTHERS {
        assert_eq!(api.calls(other), 0, "{other} not asked");
    }
    assert!(!has(&root, "[data-testid=aff-commissions]"));
}

#[wasm_bindgen_test]
async fn one_failing_read_shows_its_error_while_the_others_draw() {
    sign_in();
    let api = FakeApi::install(&enrolled());
    api.set(OTHERS[2], Answer::raw(500, "text/html", "<h1>500 Internal Server Error</h1>"));
    let (root, _h) = mount(page);
    // GETs are tried three times on a 5xx (≈ 1.6 s) before the error shows
    assert!(
        wait_for(6000, || has(&root, "[data-testid=aff-payouts] [role=alert]")).await,
        "the payouts' error"
    );
    assert!(has(&root, "[data-testid=aff-payouts] [role=alert] button"), "with a retry");
    assert_eq!(count(&root, "[role=alert]"), 1, "only the payouts failed");
    assert!(has(&root, "[data-testid=aff-balance]"));
    assert_eq!(count(&root, "[data-testid=aff-chart] rect.aff-bar"), 12);
    assert!(has(&root, "[data-testid=aff-voucher-code]"));
    assert!(text(&root, "[data-testid=aff-campaigns]").contains("Fanpage Facebook"));

    // retry, and it works
    api.set(OTHERS[2], Answer::ok(json!({"payouts": []})));
    common::click(&root, "[data-testid=aff-payouts] [role=alert] button");
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-payouts] .aff-empty")).await);
    assert!(!has(&root, "[role=alert]"));
}

#[wasm_bindgen_test]
async fn a_failing_summary_still_shows_the_other_parts() {
    sign_in();
    let api = FakeApi::install(&enrolled());
    api.set(SUMMARY, Answer::ok(json!({"error": ["maintenance"]})));
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[role=alert]")).await);
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-voucher-code]")).await);
    assert!(!has(&root, "[data-testid=aff-not-enrolled]"));
    assert!(!has(&root, "[data-testid=aff-share]"), "no id, no link");
}

#[wasm_bindgen_test]
async fn a_summary_of_an_unknown_shape_still_shows_what_it_holds() {
    sign_in();
    let api = FakeApi::install(&enrolled());
    api.set(
        SUMMARY,
        Answer::ok(json!({"partner": {"tier": "Gold", "payout_day": 15},
            "programme": "BKNS Partner", "clicks": 9})),
    );
    let (root, _h) = mount(page);
    assert!(wait_for(3000, || has(&root, "[data-testid=aff-other]")).await, "the fields as sent");
    let other = text(&root, "[data-testid=aff-other]");
    for shown in ["partner.tier", "Gold", "partner.payout day", "15", "programme", "BKNS Partner"] {
        assert!(other.contains(shown), "{shown} in {other:?}");
    }
    assert!(text(&root, "[data-testid=aff-visits]").contains('9'), "clicks read as visits");
    assert!(!has(&root, "[data-testid=aff-balance]"), "no figure made up");
    assert!(has(&root, "[data-testid=aff-no-link]"), "no id: the page says why there is no link");
}
