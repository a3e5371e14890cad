//! The zone as BIND zone-file text (`dns::bind::export_zone`): shown, to
//! copy or to download as `<zone>.zone`. Made from the records the page
//! holds: where the server cannot list records, it says the file holds
//! only those known here.

use super::Ctx;
use crate::dns::bind::export_zone;
use crate::i18n::{t, tr};
use crate::ui::toast;
use leptos::prelude::*;

/// The file name of a zone's export.
pub fn file_name(zone: &str) -> String {
    crate::ui::file_drop::ascii_file_name(zone, "zone")
}

#[component]
pub fn Export(ctx: Ctx) -> impl IntoView {
    let zone = ctx.zone_name();
    let z = zone.clone();
    let text = Memo::new(move |_| ctx.records.with(|r| export_zone(&z, r)));
    let copy = move |_| {
        let body = text.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&body).await;
            toast::show(t(if ok { "dns.copied" } else { "dns.copy_failed" }));
        });
    };
    let download = move |_| {
        let body = text.get_untracked();
        #[cfg(target_arch = "wasm32")]
        if !crate::ui::file_drop::save(
            body.as_bytes(),
            "text/plain;charset=utf-8",
            &file_name(&zone),
        ) {
            toast::show(t("dns.download_failed"));
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (body, &zone);
    };
    view! {
        <section class="card" aria-labelledby="export-title" data-testid="export">
            <h2 id="export-title">{tr("dns.export")}</h2>
            <p class="muted" hidden=move || ctx.listing.get()>{tr("dns.export_partial")}</p>
            <div class="field">
                <label for="export-text">{tr("dns.export_label")}</label>
                <textarea id="export-text" class="mono" rows="10" readonly spellcheck="false" prop:value=move || text.get()></textarea>
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" data-testid="export-copy" on:click=copy>{tr("dns.copy")}</button>
                <button type="button" class="btn btn-secondary" data-testid="export-download" on:click=download>{tr("dns.download")}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_named_after_the_zone() {
        assert_eq!(file_name("bkns-demo.vn"), "bkns-demo.vn.zone");
        assert_eq!(file_name("../x y.vn"), "_x_y.vn.zone");
    }
}
