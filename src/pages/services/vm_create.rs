//! Scaffold: replaced by its page.

use leptos::prelude::*;

#[component]
pub fn NewVmPage() -> impl IntoView {
    view! { <h1>{crate::i18n::tr("services.title")}</h1> }
}
