//! The editable cards of `/domains/:id`, one file each: nameservers,
//! child nameservers, contacts, e-mail and URL forwarding, DNSSEC and
//! renewal. Each card loads, saves and reports its errors on its own
//! (`pages::domains::{write_action, write_error}`).

pub mod child_nameservers;
pub mod contacts;
pub mod dnssec;
pub mod email_forwarding;
pub mod nameservers;
pub mod renew;
pub mod url_forwarding;

pub use child_nameservers::ChildNameservers;
pub use contacts::Contacts;
pub use dnssec::Dnssec;
pub use email_forwarding::EmailForwarding;
pub use nameservers::Nameservers;
pub use renew::Renew;
pub use url_forwarding::UrlForwarding;

use leptos::prelude::*;

/// A field's error signal as the `error` a `TextField` takes.
fn err_signal(s: RwSignal<Option<String>>) -> Signal<Option<String>> {
    s.into()
}
