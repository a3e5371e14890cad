//! The URL forwarding card (write only: the API has no read).

use super::err_signal;
use crate::api::domains;
use crate::i18n::{t, t_with, tr};
use crate::pages::domains::detail::Ctx;
use crate::pages::domains::logic;
use crate::pages::domains::{write_action, write_error};
use crate::ui::choice::SelectField;
use crate::ui::dialog::Confirm;
use crate::ui::text::SubmitButton;
use crate::ui::TextField;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// URL forwarding (`PUT /domain/@id/forwarding`). The API has no read, so
/// the form starts empty and says so.
#[component]
pub fn UrlForwarding(ctx: Ctx) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let kind = RwSignal::new(domains::FORWARDING_TYPES[0].to_string());
    let url_err = RwSignal::new(None::<String>);
    let id = ctx.id.clone();
    let save = write_action(
        move |(u, k): (String, String)| domains::set_url_forwarding(id.clone(), u, k),
        || {},
    );
    let pending = save.pending();
    let confirm = ctx.confirm;
    let name = ctx.name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let u = url.get_untracked().trim().to_owned();
        if !logic::valid_url(&u) {
            url_err.set(Some(t("domains.url_invalid")));
            return crate::browser::focus("f-url");
        }
        url_err.set(None);
        let k = kind.get_untracked();
        let body = t_with("domains.fwd_confirm_body", &[("name", &name), ("url", &u)]);
        confirm.ask(Confirm::new("domains.fwd_confirm_title", body, "domains.save", move || {
            save.dispatch((u.clone(), k.clone()));
        }));
    };
    let kinds = Signal::derive(|| {
        vec![
            ("URL".to_string(), t("domains.fwd_redirect")),
            ("FRAME".to_string(), t("domains.fwd_frame")),
        ]
    });
    view! {
        <section class="card" aria-labelledby="fwd-title">
            <h2 id="fwd-title">{tr("domains.urlforwarding")}</h2>
            <p class="muted">{tr("domains.urlforwarding_help")}</p>
            <form class="form" novalidate on:submit=on_submit>
                <TextField label="domains.fwd_url" name="url" value=url error=err_signal(url_err) input_type="url" inputmode="url" autocomplete="url" hint="domains.fwd_url_hint"/>
                <SelectField label="domains.fwd_type" name="type" value=kind options=kinds/>
                <div class="form-actions">
                    <SubmitButton pending=pending label="domains.save"/>
                </div>
            </form>
            {write_error(save, "domains.save_error")}
        </section>
    }
}
