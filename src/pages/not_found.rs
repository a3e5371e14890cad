//! The real 404 page for unknown paths.

use crate::i18n::{t, tr};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|_| {
        crate::browser::set_title(&format!("{} · {}", t("notfound.title"), t("app.name")))
    });
    view! {
        <section class="notfound" aria-labelledby="nf-title">
            <p class="notfound-code" aria-hidden="true">"404"</p>
            <h1 id="nf-title">{tr("notfound.title")}</h1>
            <p>{tr("notfound.text")}</p>
            <A href="/dashboard" attr:class="btn btn-primary">{tr("notfound.home")}</A>
        </section>
    }
}
