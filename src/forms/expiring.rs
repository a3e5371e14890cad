//! A notice beside an address whose province ceases to exist
//! (`api::location::expiring_states`): it names the unit the province
//! joined and asks for the address to be updated. Hidden while loading,
//! on any failure and for addresses the server does not list.

use crate::api::location::{expiring_entry, expiring_states};
use crate::i18n::t_with;
use crate::ui::erase::resource;
use leptos::prelude::*;

#[component]
pub fn ExpiringNotice(
    /// The address's country code (`VN`).
    #[prop(into)]
    country: Signal<String>,
    /// The address's state (province) name.
    #[prop(into)]
    state: Signal<String>,
) -> impl IntoView {
    let list = resource(move || {
        let country = country.get();
        async move {
            if country.trim().is_empty() {
                return Ok(Vec::new());
            }
            expiring_states(&country).await
        }
    });
    move || {
        let list = list.get().and_then(Result::ok).unwrap_or_default();
        let state = state.get();
        let Some(e) = expiring_entry(&list, &state) else { return ().into_any() };
        let text = if e.merged_into.is_empty() {
            t_with("address.state_expires", &[("state", &e.name)])
        } else {
            t_with("address.state_merged", &[("state", &e.name), ("into", &e.merged_into)])
        };
        view! {
            <div class="alert alert-warn" role="status" data-testid="state-expiring">
                <p>{text}</p>
            </div>
        }
        .into_any()
    }
}
