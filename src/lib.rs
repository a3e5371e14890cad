//! BKNS customer portal: a client-side Leptos app talking to the HostBill
//! User API. See DESIGN.md for the shape of the code.

pub mod api;
pub mod app;
pub mod browser;
pub mod cart;
pub mod config;
pub mod dns;
pub mod domain_rules;
pub mod forms;
pub mod i18n;
pub mod idn;
pub mod outcome;
pub mod pages;
pub mod places;
pub mod rich_text;
pub mod service_rules;
pub mod session;
pub mod split;
pub mod state;
pub mod tab_lock;
pub mod ui;
pub mod util;
pub mod vocab;
pub mod x509;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod layering;

/// Loads the runtime config, restores the session and mounts the app.
pub fn start() {
    std::panic::set_hook(Box::new(on_panic));
    browser::set_document_lang(i18n::lang().code());
    // The reactive executor starts with the mount; plain futures until then.
    wasm_bindgen_futures::spawn_local(async {
        match config::load().await {
            Ok(cfg) => {
                api::client::set_base_url(&cfg.api_base_url);
                cart::capture_affiliate(&browser::current_path());
                session::listen_other_tabs();
                cart::listen_other_tabs();
                session::restore();
                // A protected page's module loads while the session is restored.
                if let Some(section) = split::Section::of_path(&browser::current_path()) {
                    split::prefetch(section);
                }
                // English chosen before: its texts come before the first paint.
                if i18n::lang() == i18n::Lang::En && !i18n::ensure_english().await {
                    i18n::show_in(i18n::Lang::Vi);
                }
                split::prefetch_on_intent();
                clear_boot_screen();
                leptos::mount::mount_to_body(app::App);
            }
            Err(_) => show_boot_error(),
        }
    });
}

fn boot_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("boot")
}

fn clear_boot_screen() {
    if let Some(el) = boot_element() {
        el.remove();
    }
}

/// The config could not be read: say so (in the chosen language) with a
/// way out, instead of a blank page.
fn show_boot_error() {
    if let Some(el) = boot_element() {
        el.set_text_content(Some(&i18n::t("app.config_error")));
        let _ = el.set_attribute("role", "alert");
        let _ = el.set_attribute("class", "boot boot-error");
    }
}

/// A panic stops the wasm for good: log it and tell the user to reload
/// rather than leaving a frozen page.
fn on_panic(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&info.to_string().into());
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    let Ok(el) = body.owner_document().map_or(Err(()), |d| d.create_element("p").map_err(|_| ()))
    else {
        return;
    };
    el.set_text_content(Some(&i18n::t("app.crashed")));
    let _ = el.set_attribute("role", "alert");
    let _ = el.set_attribute("class", "boot boot-error");
    let _ = body.prepend_with_node_1(&el);
}
