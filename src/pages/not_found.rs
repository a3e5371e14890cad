//! The real 404 page for unknown paths.

use crate::app::href;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::ui::page_title("notfound.title");
    view! {
        <section class="notfound" aria-labelledby="nf-title">
            <p class="notfound-code" aria-hidden="true">"404"</p>
            <h1 id="nf-title">{tr("notfound.title")}</h1>
            <p>{tr("notfound.text")}</p>
            <A href=href::DASHBOARD attr:class="btn btn-primary">{tr("notfound.home")}</A>
        </section>
    }
}
