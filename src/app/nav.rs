//! The portal's main navigation: one static list of sections ([`SECTIONS`]),
//! drawn as a row of tabs on a wide screen and, on a phone (< 900 px, see
//! `style/main.css`), folded behind a menu button whose panel lists the
//! sections by group. Adding a section is one line of [`SECTIONS`].
//!
//! The panel is a disclosure: the button says whether it is open
//! (`aria-expanded`) and which element it opens (`aria-controls`); opening
//! moves focus to the first link; Escape, a click outside it or following a
//! link closes it and puts focus back on the button (unless the click put
//! it on another control); leaving it with Tab closes it. The current
//! section is the link with `aria-current="page"` (set by the router's `A`),
//! drawn with a bar and bold text.

use super::href;
use crate::i18n::tr;
use crate::ui::erase::effect;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Where a section sits in the phone's menu, in the order drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Group {
    /// The dashboard, first and untitled.
    Home,
    /// What the customer runs: services, domains, DNS, certificates.
    Services,
    /// Ordering and paying.
    Billing,
    /// The customer: profile, notifications, identity, support.
    Account,
}

impl Group {
    /// Every group, in the order the menu draws them.
    pub const ALL: [Group; 4] = [Group::Home, Group::Services, Group::Billing, Group::Account];

    /// The group's heading in the menu (`None`: drawn without one).
    pub fn title(self) -> Option<&'static str> {
        match self {
            Group::Home => None,
            Group::Services => Some("nav.group.services"),
            Group::Billing => Some("nav.group.billing"),
            Group::Account => Some("nav.group.account"),
        }
    }

    /// The id of the heading, which names the group's list.
    fn heading_id(self) -> &'static str {
        match self {
            Group::Home => "nav-group-home",
            Group::Services => "nav-group-services",
            Group::Billing => "nav-group-billing",
            Group::Account => "nav-group-account",
        }
    }
}

/// One section of the portal in the navigation.
pub struct Section {
    pub href: &'static str,
    /// The i18n key of its name.
    pub label: &'static str,
    pub group: Group,
    /// A count drawn as a badge next to the name when above zero.
    pub count: Option<fn() -> usize>,
}

impl Section {
    const fn new(href: &'static str, label: &'static str, group: Group) -> Self {
        Section { href, label, group, count: None }
    }
}

/// Every section, in the order drawn within its group.
pub const SECTIONS: &[Section] = &[
    Section::new(href::DASHBOARD, "nav.dashboard", Group::Home),
    Section::new(href::SERVICES, "nav.services", Group::Services),
    Section::new(href::DOMAINS, "nav.domains", Group::Services),
    Section::new(href::DNS, "nav.dns", Group::Services),
    Section::new(href::CERTIFICATES, "nav.ssl", Group::Services),
    Section {
        count: Some(crate::cart::count),
        ..Section::new(href::CART, "nav.cart", Group::Billing)
    },
    Section::new(href::BILLING, "nav.billing", Group::Billing),
    Section::new(href::AFFILIATES, "nav.affiliates", Group::Billing),
    Section::new(href::ACCOUNT, "nav.account", Group::Account),
    Section::new(href::SUPPORT, "nav.support", Group::Account),
    Section::new(href::NOTIFICATIONS, "nav.notifications", Group::Account),
    Section::new(href::EKYC, "nav.ekyc", Group::Account),
];

const NAV_ID: &str = "main-nav";
const TOGGLE_ID: &str = "nav-toggle";

/// The menu button and the navigation it opens on a phone (on a wide
/// screen the button is hidden and the navigation is a row of tabs).
#[component]
pub fn MainNav() -> impl IntoView {
    let open = RwSignal::new(false);

    // Back/forward (or any other way of leaving the page) folds the menu.
    let location = use_location();
    effect(move || {
        location.pathname.track();
        open.set(false);
    });

    // A click on a link of the menu, or anywhere outside the menu and its
    // button, folds it; focus goes back to the button unless the click put
    // it on another control.
    let clicks = window_event_listener_untyped("click", move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let on_link = target.as_ref().is_some_and(|t| within(t, "#main-nav a"));
        let in_menu = target.as_ref().is_some_and(|t| within(t, "#main-nav, #nav-toggle"));
        if on_link || !in_menu {
            open.set(false);
            if on_link || focus_is_lost() {
                crate::browser::focus(TOGGLE_ID);
            }
        }
    });
    on_cleanup(move || clicks.remove());

    let keys = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            crate::browser::focus(TOGGLE_ID);
        }
    };
    let toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            // once the panel is drawn
            request_animation_frame(focus_first_link);
        }
    };
    // Tabbing out of the panel (to the header's tools, the page) folds it;
    // a click outside is the window listener's.
    let focus_left = move |ev: web_sys::FocusEvent| {
        let to = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if to.is_some_and(|t| is_tab_stop(&t) && !within(&t, "#main-nav, #nav-toggle")) {
            open.set(false);
        }
    };

    view! {
        <button
            type="button"
            id=TOGGLE_ID
            class="nav-toggle"
            aria-controls=NAV_ID
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=toggle
            on:keydown=keys
        >
            <span class="nav-toggle-icon" aria-hidden="true"></span>
            {tr("nav.menu")}
        </button>
        <nav
            id=NAV_ID
            class="main-nav"
            class:open=move || open.get()
            aria-label=tr("nav.main")
            on:keydown=keys
            on:focusout=focus_left
        >
            {Group::ALL.into_iter().map(group_list).collect_view()}
        </nav>
    }
}

/// One group: its heading (when it has one) and the list of its sections.
fn group_list(group: Group) -> impl IntoView {
    let title = group.title();
    view! {
        <div class="nav-group">
            {title.map(|key| view! { <p class="nav-group-title" id=group.heading_id()>{tr(key)}</p> })}
            <ul aria-labelledby=title.map(|_| group.heading_id())>
                {SECTIONS.iter().filter(|s| s.group == group).map(section_link).collect_view()}
            </ul>
        </div>
    }
}

fn section_link(section: &'static Section) -> impl IntoView {
    view! {
        <li>
            <A href=section.href>
                {tr(section.label)}
                {section.count.map(count_badge)}
            </A>
        </li>
    }
}

/// The cart's count next to its name, read as "(2 items in the cart)".
fn count_badge(count: fn() -> usize) -> impl IntoView {
    move || {
        let n = count();
        (n > 0).then(|| {
            view! {
                <span class="nav-badge" data-testid="cart-count">
                    <span class="visually-hidden">" ("</span>
                    {n}
                    <span class="visually-hidden">{tr("nav.cart_items")}")"</span>
                </span>
            }
        })
    }
}

/// Whether `el` is, or is inside, an element matching `selector`.
fn within(el: &web_sys::Element, selector: &str) -> bool {
    matches!(el.closest(selector), Ok(Some(_)))
}

/// Whether `el` is a stop of the Tab order (a link, a control), not an
/// element only focusable by a click or by script (the page's body, `main`).
fn is_tab_stop(el: &web_sys::Element) -> bool {
    el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|e| e.tab_index() >= 0)
}

/// Whether focus is on no control in particular (the page's body, `main`)
/// or in the folded menu, where it cannot be seen.
fn focus_is_lost() -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_none_or(|el| !is_tab_stop(&el) || within(&el, "#main-nav"))
}

fn focus_first_link() {
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#main-nav a").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_has_a_section_and_every_section_a_distinct_link() {
        for group in Group::ALL {
            assert!(SECTIONS.iter().any(|s| s.group == group), "{group:?} is empty");
        }
        let mut hrefs: Vec<&str> = SECTIONS.iter().map(|s| s.href).collect();
        hrefs.sort_unstable();
        hrefs.dedup();
        assert_eq!(hrefs.len(), SECTIONS.len(), "a section is listed twice");
    }
}
