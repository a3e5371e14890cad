//! Scaffold: replaced by its pages.

use leptos::prelude::*;

#[component]
pub fn VmListPage() -> impl IntoView {
    view! { <h1>{crate::i18n::tr("vms.title")}</h1> }
}

#[component]
pub fn VmPage() -> impl IntoView {
    view! { <h1>{crate::i18n::tr("vms.title")}</h1> }
}
