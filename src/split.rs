//! Code loaded on demand: every section of the portal past the login form
//! is a WebAssembly module of its own, fetched the first time one of its
//! pages is opened (or its link is hovered, focused or touched).
//!
//! The release build (`scripts/build.sh`) compiles with `--cfg portal_split`,
//! which turns each `section!` below into a split point of `wasm-split`
//! (`#[wasm_split(<module>)]`): the function, everything only it reaches,
//! and the section's texts (`i18n::register`) go into `split_<module>.wasm`;
//! code two sections share goes into a shared chunk. Without the cfg (host
//! and browser tests, `trunk serve`) the same functions are plain calls.
//!
//! One split point per section, not per page: fewer, larger modules load
//! faster than many small ones and keep the shared chunks few (DESIGN.md,
//! "Loading on demand").

use crate::i18n;
use leptos::prelude::*;
use std::cell::RefCell;

/// Every page that lives in a section module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    Signup,
    PasswordReset,
    Profile,
    Contacts,
    Contact,
    Notifications,
    Ekyc,
    DomainList,
    DomainDetail,
    Documents,
    Sign,
    Cart,
    Product,
    CartDomain,
    Ssl,
    Checkout,
    Billing,
    Invoice,
    ServiceList,
    ServiceDetail,
    Rdns,
    VmList,
    NewVm,
    Vm,
    DnsZones,
    DnsZone,
    Tickets,
    NewTicket,
    Ticket,
    Certificates,
    Certificate,
    Affiliates,
}

/// The modules pages are grouped in. A section whose pages together would
/// pass the in-app budget (120 KB) is cut where its pages part: domains
/// (list / one domain), account (profile / contacts), cart (catalogue /
/// domain order / checkout).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Signup,
    Account,
    Contacts,
    Ekyc,
    Domains,
    Domain,
    Sign,
    Cart,
    DomainOrder,
    Checkout,
    Billing,
    Services,
    Service,
    Vms,
    Provision,
    Dns,
    Support,
    Certificates,
    Affiliates,
}

const SECTIONS: usize = 20;

impl Section {
    pub fn of(page: Page) -> Section {
        use Page::*;
        match page {
            Dashboard => Section::Dashboard,
            Signup | PasswordReset => Section::Signup,
            Profile | Notifications => Section::Account,
            Contacts | Contact => Section::Contacts,
            Ekyc => Section::Ekyc,
            DomainList => Section::Domains,
            DomainDetail | Documents => Section::Domain,
            Sign => Section::Sign,
            Cart | Product | Ssl => Section::Cart,
            CartDomain => Section::DomainOrder,
            Checkout => Section::Checkout,
            Billing | Invoice => Section::Billing,
            ServiceList => Section::Services,
            ServiceDetail => Section::Service,
            VmList | Vm => Section::Vms,
            NewVm | Rdns => Section::Provision,
            DnsZones | DnsZone => Section::Dns,
            Tickets | NewTicket | Ticket => Section::Support,
            Certificates | Certificate => Section::Certificates,
            Affiliates => Section::Affiliates,
        }
    }

    /// The section a path of the portal belongs to (for prefetching).
    pub fn of_path(path: &str) -> Option<Section> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut parts = path.trim_start_matches('/').split('/');
        let (first, second, third, fourth) = (
            parts.next().unwrap_or_default(),
            parts.next().filter(|p| !p.is_empty()),
            parts.next().filter(|p| !p.is_empty()),
            parts.next().filter(|p| !p.is_empty()),
        );
        Some(match (first, second) {
            ("services", None) => Section::Services,
            ("services", Some(_)) => match (third, fourth) {
                (None, _) => Section::Service,
                (Some("rdns"), _) | (Some("vms"), Some("new")) => Section::Provision,
                _ => Section::Vms,
            },
            ("dashboard", _) => Section::Dashboard,
            ("signup" | "password-reset", _) => Section::Signup,
            ("account", Some("contacts")) => Section::Contacts,
            ("account" | "notifications", _) => Section::Account,
            ("ekyc", _) => Section::Ekyc,
            ("domains", None) => Section::Domains,
            ("domains", Some(_)) => Section::Domain,
            ("sign", _) => Section::Sign,
            ("cart", Some("domain")) => Section::DomainOrder,
            ("cart", _) => Section::Cart,
            ("checkout", _) => Section::Checkout,
            ("billing", _) => Section::Billing,
            ("dns", _) => Section::Dns,
            ("support", _) => Section::Support,
            ("ssl", _) => Section::Certificates,
            ("affiliates", _) => Section::Affiliates,
            _ => return None,
        })
    }
}

/// A section module could not be loaded (offline, or the files are gone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadError;

impl From<leptos::wasm_split::SplitLoaderError> for LoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadError
    }
}

/// Draws one page of a loaded section.
pub type Render = fn(Page) -> AnyView;

/// A function whose body goes into module `$module` in the split build.
macro_rules! split_fn {
    ($module:ident, $name:ident -> $ret:ty, $body:block) => {
        #[cfg(portal_split)]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<$ret, LoadError> {
            #[allow(unused_braces)]
            Ok($body)
        }
        #[cfg(not(portal_split))]
        async fn $name() -> Result<$ret, LoadError> {
            #[allow(unused_braces)]
            Ok($body)
        }
    };
}

/// A section's entry: registers its texts and hands back its pages.
macro_rules! section {
    ($module:ident, $name:ident, [$($strings:literal),*], |$page:ident| $render:expr) => {
        /// The section files the module registers (the texts map test).
        #[cfg(test)]
        mod $module {
            pub const TEXTS: &[&str] = &[$($strings),*];
        }
        split_fn!($module, $name -> Render, {
            // every section: the server's messages (`api.*`, shown by
            // `i18n::server_message` wherever an answer carries one)
            i18n::register(&[crate::strings!("server"), $(crate::strings!($strings)),*]);
            (|$page: Page| -> AnyView { $render }) as Render
        });
    };
}

section!(dashboard, load_dashboard, ["dashboard"], |_p| {
    view! { <crate::pages::dashboard::Dashboard/> }.into_any()
});

section!(signup, load_signup, ["signup", "forms"], |p| match p {
    Page::PasswordReset => view! { <crate::pages::password_reset::PasswordResetPage/> }.into_any(),
    _ => view! { <crate::pages::signup::SignupPage/> }.into_any(),
});

section!(account, load_account, ["profile", "forms", "dashboard", "signup"], |p| match p {
    Page::Notifications => view! { <crate::pages::notifications::NotificationsPage/> }.into_any(),
    _ => view! { <crate::pages::profile::ProfilePage/> }.into_any(),
});

section!(contacts, load_contacts, ["profile", "contacts", "forms", "dashboard", "signup"], |p| {
    match p {
        Page::Contact => view! { <crate::pages::contacts::ContactPage/> }.into_any(),
        _ => view! { <crate::pages::contacts::ContactsPage/> }.into_any(),
    }
});

section!(ekyc, load_ekyc, ["ekyc", "forms"], |_p| view! { <crate::pages::ekyc::EkycRoute/> }
    .into_any());

section!(domains, load_domains, ["domains", "cart", "billing"], |_p| {
    view! { <crate::pages::domains::list::DomainList/> }.into_any()
});

section!(domain, load_domain, ["domains", "cart", "billing"], |p| match p {
    Page::Documents => view! { <crate::pages::domains::documents::DocumentsPage/> }.into_any(),
    _ => view! { <crate::pages::domains::detail::DomainDetail/> }.into_any(),
});

section!(sign, load_sign, ["sign"], |_p| view! { <crate::pages::domains::sign::SignPage/> }
    .into_any());

section!(cart, load_cart, ["cart", "billing", "forms"], |p| {
    use crate::pages::cart;
    match p {
        Page::Product => view! { <cart::product::ProductPage/> }.into_any(),
        Page::Ssl => view! { <cart::ssl::SslPage/> }.into_any(),
        _ => view! { <cart::CartPage/> }.into_any(),
    }
});

section!(domain_order, load_domain_order, ["cart", "billing", "forms"], |_p| {
    view! { <crate::pages::cart::domain::DomainPage/> }.into_any()
});

section!(checkout, load_checkout, ["cart", "billing", "forms"], |_p| {
    view! { <crate::pages::cart::checkout::CheckoutPage/> }.into_any()
});

section!(billing, load_billing, ["billing", "cart", "dashboard"], |p| match p {
    Page::Invoice => view! { <crate::pages::billing::InvoicePage/> }.into_any(),
    _ => view! { <crate::pages::billing::BillingPage/> }.into_any(),
});

section!(services, load_services, ["services"], |_p| {
    view! { <crate::pages::services::list::ServiceList/> }.into_any()
});

section!(service, load_service, ["services"], |_p| {
    view! { <crate::pages::services::service::ServicePage/> }.into_any()
});

section!(vms, load_vms, ["vms", "servers"], |p| match p {
    Page::Vm => view! { <crate::pages::services::vms::VmPage/> }.into_any(),
    _ => view! { <crate::pages::services::vms::VmListPage/> }.into_any(),
});

section!(provision, load_provision, ["services", "vms", "servers"], |p| match p {
    Page::Rdns => view! { <crate::pages::services::rdns::RdnsPage/> }.into_any(),
    _ => view! { <crate::pages::services::vm_create::NewVmPage/> }.into_any(),
});

section!(dns, load_dns, ["dns", "dns_check"], |p| match p {
    Page::DnsZone => view! { <crate::pages::dns::zone::ZonePage/> }.into_any(),
    _ => view! { <crate::pages::dns::zones::ZonesPage/> }.into_any(),
});

section!(support, load_support, ["support"], |p| match p {
    Page::NewTicket => view! { <crate::pages::support::new::NewTicketPage/> }.into_any(),
    Page::Ticket => view! { <crate::pages::support::thread::TicketPage/> }.into_any(),
    _ => view! { <crate::pages::support::list::TicketsPage/> }.into_any(),
});

section!(certificates, load_certificates, ["ssl"], |p| match p {
    Page::Certificate => view! { <crate::pages::ssl::detail::CertificatePage/> }.into_any(),
    _ => view! { <crate::pages::ssl::list::CertificatesPage/> }.into_any(),
});

section!(affiliates, load_affiliates, ["affiliates"], |_p| {
    view! { <crate::pages::affiliates::AffiliatesPage/> }.into_any()
});

/// A DNS zone's tools (mail presets, BIND import and export): their own
/// module, fetched the first time one is opened, so the zone page's first
/// visit does not carry the zone-file parser and the presets.
pub type ToolRender = fn(crate::pages::dns::zone::Tool, crate::pages::dns::zone::Ctx) -> AnyView;

split_fn!(dns_tools, load_dns_tools -> ToolRender, {
    crate::pages::dns::zone::render_tool as ToolRender
});

thread_local! {
    static DNS_TOOLS: std::cell::Cell<Option<ToolRender>> = const { std::cell::Cell::new(None) };
}

/// The DNS tools' module (loaded once; a failure is not kept).
pub async fn dns_tools() -> Result<ToolRender, LoadError> {
    if let Some(r) = DNS_TOOLS.with(std::cell::Cell::get) {
        return Ok(r);
    }
    let r = load_dns_tools().await?;
    DNS_TOOLS.with(|c| c.set(Some(r)));
    Ok(r)
}

split_fn!(english, load_english_core -> &'static [&'static str], { i18n::ENGLISH_CORE });

/// The English texts of the shell and the public pages (the Vietnamese
/// ones come with the first load).
pub async fn english_core() -> Result<&'static [&'static str], LoadError> {
    load_english_core().await
}

thread_local! {
    static LOADED: RefCell<[Option<Render>; SECTIONS]> = const { RefCell::new([None; SECTIONS]) };
}

/// The section's pages if its module is already here.
pub fn loaded(section: Section) -> Option<Render> {
    LOADED.with(|l| l.borrow()[section as usize])
}

/// Loads a section's module (once; a failure is not kept, so a later call
/// tries again).
pub async fn load(section: Section) -> Result<Render, LoadError> {
    if let Some(render) = loaded(section) {
        return Ok(render);
    }
    let render = match section {
        Section::Dashboard => load_dashboard().await,
        Section::Signup => load_signup().await,
        Section::Account => load_account().await,
        Section::Contacts => load_contacts().await,
        Section::Ekyc => load_ekyc().await,
        Section::Domains => load_domains().await,
        Section::Domain => load_domain().await,
        Section::Sign => load_sign().await,
        Section::Cart => load_cart().await,
        Section::DomainOrder => load_domain_order().await,
        Section::Checkout => load_checkout().await,
        Section::Billing => load_billing().await,
        Section::Services => load_services().await,
        Section::Service => load_service().await,
        Section::Vms => load_vms().await,
        Section::Provision => load_provision().await,
        Section::Dns => load_dns().await,
        Section::Support => load_support().await,
        Section::Certificates => load_certificates().await,
        Section::Affiliates => load_affiliates().await,
    }?;
    LOADED.with(|l| l.borrow_mut()[section as usize] = Some(render));
    Ok(render)
}

/// Starts loading a section in the background (hover, focus, touch of a
/// link; the dashboard while the login form is shown).
pub fn prefetch(section: Section) {
    if loaded(section).is_none() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = load(section).await;
        });
    }
}

/// Prefetches the section of the link under a pointer, focus or touch
/// anywhere in the page (one listener for every link of the portal).
pub fn prefetch_on_intent() {
    #[cfg(target_family = "wasm")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let handler = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            if let Some(section) =
                link.and_then(|a| a.get_attribute("href")).and_then(|h| Section::of_path(&h))
            {
                prefetch(section);
            }
        });
        for kind in ["pointerover", "focusin", "touchstart"] {
            let _ = doc.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
        }
        handler.forget();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Loading,
    Ready,
    Failed,
}

/// A page of a section module: drawn at once when the module is here,
/// otherwise after it loads, with progress meanwhile and a translated
/// message with a retry button if it cannot be loaded.
#[component]
pub fn Lazy(page: Page) -> impl IntoView {
    let section = Section::of(page);
    let state =
        RwSignal::new(if loaded(section).is_some() { State::Ready } else { State::Loading });
    let start = move || {
        state.set(State::Loading);
        leptos::task::spawn_local(async move {
            let next = match load(section).await {
                Ok(_) => State::Ready,
                Err(LoadError) => {
                    reload_if_redeployed().await;
                    State::Failed
                }
            };
            // The page may have been left meanwhile.
            let _ = state.try_set(next);
        });
    };
    if state.get_untracked() == State::Loading {
        start();
    }
    move || match state.get() {
        State::Ready => loaded(section).map(|render| render(page)).into_any(),
        State::Loading => view! { <crate::ui::Loading label="app.loading_section"/> }.into_any(),
        // The loader cannot tell offline from a missing file; a file gone
        // after a deploy has already reloaded the page (reload_if_redeployed).
        State::Failed => view! {
            <crate::ui::ErrorPanel error=crate::api::ApiError::Network what="app.section_failed"
                on_retry=Callback::new(move |_| start())/>
        }
        .into_any(),
    }
}

/// The build this page runs (`<meta name="portal-build">`, written by
/// `scripts/build.sh`); none in development builds.
#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
fn build_id(html: &str) -> Option<String> {
    let at = html.find("name=\"portal-build\"")?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

/// After a module failed to load: if the server now has another build (a
/// deploy replaced the files), reload the page once to get it. The reload
/// is remembered per build in sessionStorage, so it never loops.
async fn reload_if_redeployed() {
    #[cfg(target_family = "wasm")]
    {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(running) =
            doc.document_element().map(|e| e.outer_html()).and_then(|h| build_id(&h))
        else {
            return;
        };
        let Ok(resp) = gloo_net::http::Request::get("/index.html")
            .cache(web_sys::RequestCache::NoStore)
            .send()
            .await
        else {
            return; // offline: the message and its retry button are the answer
        };
        let Ok(html) = resp.text().await else { return };
        match build_id(&html) {
            Some(served)
                if served != running
                    && crate::browser::session_get("portal.reloaded_for")
                        != Some(served.clone()) =>
            {
                crate::browser::session_set("portal.reloaded_for", &served);
                let _ = web_sys::window().map(|w| w.location().reload());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_sections() {
        assert_eq!(Section::of_path("/domains?q=x"), Some(Section::Domains));
        assert_eq!(Section::of_path("/domains/12?x=1"), Some(Section::Domain));
        assert_eq!(Section::of_path("/domains/12/documents"), Some(Section::Domain));
        assert_eq!(Section::of_path("/account"), Some(Section::Account));
        assert_eq!(Section::of_path("/account/contacts/3"), Some(Section::Contacts));
        assert_eq!(Section::of_path("/cart/product/4"), Some(Section::Cart));
        assert_eq!(Section::of_path("/cart/domain?renew=1"), Some(Section::DomainOrder));
        assert_eq!(Section::of_path("/checkout"), Some(Section::Checkout));
        assert_eq!(Section::of_path("/sign/abc"), Some(Section::Sign));
        assert_eq!(Section::of_path("/password-reset"), Some(Section::Signup));
        assert_eq!(Section::of_path("/services"), Some(Section::Services));
        assert_eq!(Section::of_path("/services/301?tab=upgrade"), Some(Section::Service));
        assert_eq!(Section::of_path("/services/302/vms"), Some(Section::Vms));
        assert_eq!(Section::of_path("/services/302/vms/5001"), Some(Section::Vms));
        assert_eq!(Section::of_path("/services/303/rdns"), Some(Section::Provision));
        assert_eq!(Section::of_path("/services/302/vms/new"), Some(Section::Provision));
        assert_eq!(Section::of_path("/services/302/vms/new?x=1"), Some(Section::Provision));
        assert_eq!(Section::of_path("/dns"), Some(Section::Dns));
        assert_eq!(Section::of_path("/dns/301/7001?q=mx"), Some(Section::Dns));
        assert_eq!(Section::of_path("/support/new"), Some(Section::Support));
        assert_eq!(Section::of_path("/ssl"), Some(Section::Certificates));
        assert_eq!(Section::of_path("/ssl/300"), Some(Section::Certificates));
        assert_eq!(Section::of_path("/affiliates"), Some(Section::Affiliates));
        assert_eq!(Section::of_path("/cart/ssl"), Some(Section::Cart));
        assert_eq!(Section::of_path("/login"), None);
        assert_eq!(Section::of_path("https://example.com/"), None);
    }

    #[test]
    fn every_page_has_a_section_and_every_section_a_slot() {
        use Page::*;
        for p in [
            Dashboard,
            Signup,
            PasswordReset,
            Profile,
            Contacts,
            Contact,
            Notifications,
            Ekyc,
            DomainList,
            DomainDetail,
            Documents,
            Sign,
            Cart,
            Product,
            CartDomain,
            Ssl,
            Checkout,
            Billing,
            Invoice,
            ServiceList,
            ServiceDetail,
            Rdns,
            VmList,
            NewVm,
            Vm,
            DnsZones,
            DnsZone,
            Tickets,
            NewTicket,
            Ticket,
            Certificates,
            Certificate,
            Affiliates,
        ] {
            assert!((Section::of(p) as usize) < SECTIONS);
        }
    }

    #[test]
    fn the_build_id_is_read_from_the_page() {
        let html = r#"<head><meta name="portal-build" content="a1b2"><title>x</title>"#;
        assert_eq!(build_id(html).as_deref(), Some("a1b2"));
        assert_eq!(build_id("<head></head>"), None);
    }
}

/// Every text a source file asks for is there when its code runs: in the
/// first load's texts, or in those its section module registers.
#[cfg(test)]
mod text_map {
    use crate::i18n::{all_sections, parse_table, scan, CORE};
    use std::collections::BTreeSet;

    /// Source paths (prefixes, under src/) and the section files their code
    /// can count on besides the core and `server`: the texts of the module
    /// they are in; the most specific prefix wins.
    const MAP: &[(&str, &[&str])] = &[
        ("api/ekyc.rs", super::ekyc::TEXTS),
        ("pages/dashboard", super::dashboard::TEXTS),
        // status and filter labels: read by the domain pages only
        ("domain_rules.rs", super::domain::TEXTS),
        ("pages/signup.rs", super::signup::TEXTS),
        ("pages/password_reset.rs", super::signup::TEXTS),
        ("pages/profile/", super::account::TEXTS),
        ("pages/contacts/", super::contacts::TEXTS),
        ("pages/ekyc/", super::ekyc::TEXTS),
        ("pages/domains/", super::domain::TEXTS),
        ("pages/domains/list.rs", super::domains::TEXTS),
        ("pages/domains/sign.rs", super::sign::TEXTS),
        ("pages/cart/", super::cart::TEXTS),
        ("pages/cart/domain.rs", super::domain_order::TEXTS),
        ("pages/cart/checkout.rs", super::checkout::TEXTS),
        ("pages/billing.rs", super::billing::TEXTS),
        ("pages/services/", super::service::TEXTS),
        ("pages/services/list.rs", super::services::TEXTS),
        ("pages/services/vms", super::vms::TEXTS),
        ("pages/services/vm_create.rs", super::provision::TEXTS),
        ("pages/services/rdns.rs", super::provision::TEXTS),
        ("pages/services/resources.rs", super::vms::TEXTS),
        ("service_rules.rs", super::vms::TEXTS),
        ("pages/dns/", super::dns::TEXTS),
        ("pages/support/", super::support::TEXTS),
        ("api/support.rs", super::support::TEXTS),
        ("pages/ssl/", super::certificates::TEXTS),
        ("api/certificates.rs", super::certificates::TEXTS),
        ("pages/affiliates", super::affiliates::TEXTS),
        ("api/affiliates.rs", super::affiliates::TEXTS),
        ("dns/", super::dns::TEXTS),
        ("idn.rs", super::dns::TEXTS),
        ("forms/", &["forms"]),
        ("forms/account.rs", &["profile"]),
        ("ui/address.rs", &["forms"]),
        ("ui/combobox.rs", &["forms"]),
        ("ui/camera.rs", &["ekyc"]),
        ("ui/image/", &["ekyc"]),
        ("ui/money_cards.rs", &["dashboard"]),
        ("ui/select.rs", &["cart"]),
        ("cart/check.rs", &["cart"]),
    ];

    fn keys_of(names: &[&str]) -> BTreeSet<String> {
        all_sections()
            .into_iter()
            .filter(|s| names.contains(&s.name))
            .flat_map(|s| parse_table(s.vi).into_keys())
            .collect()
    }

    #[test]
    fn every_text_is_registered_where_it_is_used() {
        let all = keys_of(&all_sections().iter().map(|s| s.name).collect::<Vec<_>>());
        let namespaces: BTreeSet<&str> = all.iter().filter_map(|k| k.split('.').next()).collect();
        let mut missing = Vec::new();
        for (rel, src) in scan::rust_sources() {
            let extra = MAP
                .iter()
                .filter(|(p, _)| rel.starts_with(p))
                .max_by_key(|(p, _)| p.len())
                .map_or(&[][..], |m| m.1);
            let mut names: Vec<&str> = CORE.to_vec();
            names.push("server");
            names.extend_from_slice(extra);
            let here = keys_of(&names);
            // only the code, not its host tests or comments
            let code: String = src
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for lit in scan::key_literals(&code, &namespaces) {
                if all.contains(lit) && !here.contains(lit) {
                    missing.push(format!("{rel}: {lit}"));
                }
            }
        }
        assert!(missing.is_empty(), "texts used where their section is not loaded: {missing:#?}");
    }
}
