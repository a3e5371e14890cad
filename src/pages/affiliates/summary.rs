//! The programme's figures (balance, earnings, withdrawn, referrals,
//! visits, conversion), whatever else the summary holds as sent, and the
//! referral links with copy buttons and the sign-up link's QR code.

use super::{copy_button, count_text, percent_text};
use crate::api::affiliates::{Status, Summary};
use crate::app::href;
use crate::i18n::{self, t, t_with};
use crate::ui::format::{date, money_text};
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The white margin around a QR code, in modules (the standard's four).
const QUIET: i32 = 4;

/// The referral links of affiliate `id` on the portal at `origin`: the
/// sign-up page and the cart, both with `?aff=<id>` (which
/// `cart::capture_affiliate` keeps for the order). None when the id is not
/// one the cart would take.
pub fn referral_links(origin: &str, id: &str) -> Option<(String, String)> {
    let id = crate::cart::clean_affiliate(id)?;
    let origin = origin.trim().trim_end_matches('/');
    Some((format!("{origin}{}?aff={id}", href::SIGNUP), format!("{origin}{}?aff={id}", href::CART)))
}

/// A QR code of `text` (error correction M) as the side of its square,
/// quiet zone included, and one SVG path of the dark modules (each row's
/// runs as rectangles).
pub fn qr_path(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET));
        }
    }
    Some((size + 2 * QUIET, d))
}

fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The summary's part of the page (drawn again on a language switch).
pub fn summary_view(s: Summary) -> AnyView {
    if s.is_empty() {
        return view! { <p class="muted" data-testid="aff-summary-empty">{t("affiliates.summary_empty")}</p> }
            .into_any();
    }
    let lang = i18n::lang();
    let cur = s.currency.as_str();
    // the amount and its currency on one line
    let money = |m: &Option<crate::vocab::Money>| {
        m.as_ref().map(|m| money_text(m, cur, lang).replace(' ', "\u{a0}"))
    };
    let figures = [
        ("affiliates.balance", money(&s.balance), "aff-balance"),
        ("affiliates.earned", money(&s.earned), "aff-earned"),
        ("affiliates.withdrawn", money(&s.withdrawn), "aff-withdrawn"),
        ("affiliates.referrals", s.referrals.map(|n| count_text(Some(n), lang)), "aff-referrals"),
        ("affiliates.visits", s.visits.map(|n| count_text(Some(n), lang)), "aff-visits"),
        ("affiliates.conversion", s.conversion.map(|d| percent_text(d, lang)), "aff-conversion"),
    ];
    let cards = figures
        .into_iter()
        .filter_map(|(key, value, testid)| {
            let value = value?;
            Some(view! {
                <article class="card stat" data-testid=testid>
                    <h3 class="stat-label">{t(key)}</h3>
                    <p class="stat-value">{value}</p>
                </article>
            })
        })
        .collect_view();
    let mut about = Vec::new();
    if !s.status.is_empty() {
        let status = Status::of(&s.status);
        let word = if status == Status::Other { s.status.clone() } else { t(status.key()) };
        about.push(t_with("affiliates.status_line", &[("status", &word)]));
    }
    if !s.since.is_empty() {
        about.push(t_with("affiliates.since", &[("date", &date(&s.since))]));
    }
    let other = (!s.other.is_empty()).then(|| {
        let rows = s
            .other
            .iter()
            .map(|(k, v)| {
                view! { <div class="dl-row"><dt>{k.replace('_', " ")}</dt><dd>{v.clone()}</dd></div> }
            })
            .collect_view();
        view! {
            <h3>{t("affiliates.other")}</h3>
            <dl class="dl aff-other" data-testid="aff-other">{rows}</dl>
        }
    });
    let share = match referral_links(&origin(), &s.id) {
        Some((signup, cart)) => share_view(signup, cart).into_any(),
        None => view! { <p class="muted" data-testid="aff-no-link">{t("affiliates.no_link")}</p> }
            .into_any(),
    };
    view! {
        <section class="aff-part" aria-labelledby="aff-summary-title" data-testid="aff-summary">
            <h2 id="aff-summary-title">{t("affiliates.overview")}</h2>
            {(!about.is_empty()).then(|| view! { <p class="muted">{about.join(" · ")}</p> })}
            <div class="aff-stats">{cards}</div>
            {other}
        </section>
        {share}
    }
    .into_any()
}

fn share_view(signup: String, cart: String) -> impl IntoView {
    let qr = qr_path(&signup).map(|(side, path)| {
        let label = t_with("affiliates.qr_label", &[("link", &signup)]);
        let (view_box, side) = (format!("0 0 {side} {side}"), side.to_string());
        view! {
            <figure class="aff-qr">
                <svg role="img" aria-label=label viewBox=view_box
                    shape-rendering="crispEdges" data-testid="aff-qr">
                    <rect width=side.clone() height=side fill="#fff"/>
                    <path d=path fill="#000"/>
                </svg>
                <figcaption class="muted">{t("affiliates.qr_caption")}</figcaption>
            </figure>
        }
    });
    view! {
        <section class="card aff-part" aria-labelledby="aff-share-title" data-testid="aff-share">
            <h2 id="aff-share-title">{t("affiliates.share")}</h2>
            <p class="muted">{t("affiliates.share_hint")}</p>
            <div class="aff-share">
                <div class="aff-links">
                    {link_row("affiliates.signup_link", signup, "aff-signup-link")}
                    {link_row("affiliates.cart_link", cart, "aff-cart-link")}
                </div>
                {qr}
            </div>
        </section>
    }
}

fn link_row(label: &'static str, link: String, testid: &'static str) -> impl IntoView {
    let what = t(label);
    view! {
        <div class="aff-link">
            <p class="aff-link-label">{what.clone()}</p>
            <code data-testid=testid>{link.clone()}</code>
            {copy_button(link, what)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_links_carry_the_id_the_cart_takes() {
        let (signup, cart) = referral_links("https://my.bkns.vn/", "7").unwrap();
        assert_eq!(signup, "https://my.bkns.vn/signup?aff=7");
        assert_eq!(cart, "https://my.bkns.vn/cart?aff=7");
        for link in [&signup, &cart] {
            let query = link.split_once('?').unwrap().1;
            assert_eq!(crate::cart::affiliate_from_query(query).as_deref(), Some("7"));
        }
        assert_eq!(
            referral_links("http://127.0.0.1:8090", " 55 ").unwrap().0,
            "http://127.0.0.1:8090/signup?aff=55"
        );
        for bad in ["", "abc", "7&x=1", "1234567890123"] {
            assert_eq!(referral_links("https://a.vn", bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_qr_code_is_one_path_inside_its_quiet_zone() {
        let link = "https://my.bkns.vn/signup?aff=7";
        let (side, d) = qr_path(link).unwrap();
        let qr = QrCode::encode_text(link, QrCodeEcc::Medium).unwrap();
        assert_eq!(side, qr.size() + 8);
        // every dark module is in one run, nothing in the quiet zone
        let dark = (0..qr.size())
            .flat_map(|y| (0..qr.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| qr.get_module(x, y))
            .count() as i32;
        let runs: Vec<(i32, i32, i32)> = d
            .split('M')
            .skip(1)
            .map(|r| {
                let (xy, rest) = r.split_once('h').unwrap();
                let (x, y) = xy.split_once(' ').unwrap();
                let len = rest.split_once('v').unwrap().0;
                (x.parse().unwrap(), y.parse().unwrap(), len.parse().unwrap())
            })
            .collect();
        assert_eq!(runs.iter().map(|r| r.2).sum::<i32>(), dark);
        assert!(runs
            .iter()
            .all(|&(x, y, len)| x >= 4 && y >= 4 && x + len <= side - 4 && y < side - 4));
        // the finder pattern's top row: seven dark modules at the corner
        assert!(d.starts_with("M4 4h7v1h-7z"), "{}", &d[..20]);
        assert_eq!(qr_path(&"x".repeat(5000)), None, "too long for a QR code");
    }
}
