//! The app shell and the router: every route of the portal in one table.

pub mod href;
mod nav;

pub use nav::{Group, MainNav, Section, SECTIONS};

use crate::i18n::{t, tr};
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFound;
use crate::pages::notifications::{Bell, NotifCtx};
use crate::session::{self, SessionState};
use crate::split::{Lazy, Page};
use crate::state::{self, AccountCtx};
use crate::ui::erase::effect;
use crate::ui::toast::Toaster;
use crate::ui::{LangSwitch, Loading, ProgressBar};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

#[component]
pub fn App() -> impl IntoView {
    AccountCtx::provide();
    provide_context(NotifCtx::new());

    view! {
        <Router>
            <ProgressBar active=Signal::derive(|| state::pending() > 0)/>
            <a class="skip-link" href="#main">{tr("app.skip")}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/dashboard"/> }/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/dashboard") view=|| signed_in(Page::Dashboard)/>
                    <Route path=path!("/ekyc") view=|| view! { <Lazy page=Page::Ekyc/> }/>
                    <Route path=path!("/signup") view=|| view! { <Lazy page=Page::Signup/> }/>
                    <Route path=path!("/password-reset") view=|| view! { <Lazy page=Page::PasswordReset/> }/>
                    <Route path=path!("/account") view=|| signed_in(Page::Profile)/>
                    <Route path=path!("/account/contacts") view=|| signed_in(Page::Contacts)/>
                    <Route path=path!("/account/contacts/:id") view=|| signed_in(Page::Contact)/>
                    <Route path=path!("/notifications") view=|| signed_in(Page::Notifications)/>
                    <Route path=path!("/domains") view=|| signed_in(Page::DomainList)/>
                    <Route path=path!("/domains/:id") view=|| signed_in(Page::DomainDetail)/>
                    <Route path=path!("/domains/:id/documents") view=|| signed_in(Page::Documents)/>
                    <Route path=path!("/sign/:token") view=|| view! { <Lazy page=Page::Sign/> }/>
                    <Route path=path!("/cart") view=|| signed_in(Page::Cart)/>
                    <Route path=path!("/cart/product/:id") view=|| signed_in(Page::Product)/>
                    <Route path=path!("/cart/domain") view=|| signed_in(Page::CartDomain)/>
                    <Route path=path!("/cart/ssl") view=|| signed_in(Page::Ssl)/>
                    <Route path=path!("/checkout") view=|| signed_in(Page::Checkout)/>
                    <Route path=path!("/billing") view=|| signed_in(Page::Billing)/>
                    <Route path=path!("/billing/invoices/:id") view=|| signed_in(Page::Invoice)/>
                    <Route path=path!("/services") view=|| signed_in(Page::ServiceList)/>
                    <Route path=path!("/services/:id") view=|| signed_in(Page::ServiceDetail)/>
                    <Route path=path!("/services/:id/rdns") view=|| signed_in(Page::Rdns)/>
                    <Route path=path!("/services/:id/vms") view=|| signed_in(Page::VmList)/>
                    <Route path=path!("/services/:id/vms/new") view=|| signed_in(Page::NewVm)/>
                    <Route path=path!("/services/:id/vms/:vmid") view=|| signed_in(Page::Vm)/>
                    <Route path=path!("/dns") view=|| signed_in(Page::DnsZones)/>
                    <Route path=path!("/dns/:service/:zone") view=|| signed_in(Page::DnsZone)/>
                    <Route path=path!("/support") view=|| signed_in(Page::Tickets)/>
                    <Route path=path!("/support/new") view=|| signed_in(Page::NewTicket)/>
                    <Route path=path!("/support/:number") view=|| signed_in(Page::Ticket)/>
                    <Route path=path!("/ssl") view=|| signed_in(Page::Certificates)/>
                    <Route path=path!("/ssl/:id") view=|| signed_in(Page::Certificate)/>
                    <Route path=path!("/affiliates") view=|| signed_in(Page::Affiliates)/>
                </Routes>
            </main>
            <Toaster/>
        </Router>
    }
}

/// A section page for logged-in customers only.
fn signed_in(page: Page) -> impl IntoView {
    view! { <RequireAuth><Lazy page/></RequireAuth> }
}

/// Shows its children to a logged-in customer; sends anyone else to
/// `/login?next=<this page>`; waits while a session is being restored.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let navigate = use_navigate();
    let location = use_location();
    effect(move || {
        if session::state() == SessionState::Anonymous {
            let here =
                format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            navigate(
                &href::login_then(&here),
                NavigateOptions { replace: true, ..Default::default() },
            );
        }
    });
    move || match session::state() {
        SessionState::Active => children().into_any(),
        SessionState::Restoring => view! { <Loading label="session.restoring"/> }.into_any(),
        SessionState::Unreachable => view! {
            <div class="alert alert-error" role="alert">
                <p>{tr("session.unreachable")}</p>
                <p>{tr("session.retrying")}</p>
                <button type="button" class="btn btn-secondary" on:click=|_| session::restore()>
                    {tr("common.retry")}
                </button>
            </div>
        }
        .into_any(),
        SessionState::Anonymous => ().into_any(),
    }
}

#[component]
fn Header() -> impl IntoView {
    let account = expect_context::<AccountCtx>();
    let active = move || session::state() == SessionState::Active;
    let name = move || match account.details.get() {
        Some(Ok(c)) => c.display_name(),
        _ => t("header.user_menu"),
    };
    let logging_out = RwSignal::new(false);
    let logout = move |_| {
        if logging_out.get_untracked() {
            return;
        }
        logging_out.set(true);
        leptos::task::spawn_local(async move {
            session::logout().await;
            logging_out.try_set(false);
        });
    };
    view! {
        <header class="site-header">
            <A href=href::DASHBOARD attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"B"</span>
                <span class="brand-name">{tr("app.name")}</span>
            </A>
            <Show when=active>
                <MainNav/>
            </Show>
            <div class="header-tools">
                <LangSwitch/>
                <Show when=active>
                    <Bell/>
                    <details class="user-menu">
                        <summary>
                            <span class="avatar" aria-hidden="true">{move || name().chars().next().unwrap_or('•').to_string()}</span>
                            <span class="user-name">{name}</span>
                            <span class="visually-hidden">{tr("header.user_menu")}</span>
                        </summary>
                        <div class="menu" role="group" aria-label=tr("header.user_menu")>
                            <button type="button" class="btn btn-ghost" on:click=logout disabled=move || logging_out.get()>
                                {tr("header.logout")}
                            </button>
                        </div>
                    </details>
                </Show>
            </div>
        </header>
    }
}
