//! The domain checks after a verified face for `/ekyc?domain=<id>`: the
//! domain eKYC record, VNNIC's face-ID check and the VNNIC promo code.

use crate::api::ekyc::{self, EkycCodeRequest, FaceImages, PromoRequest, VnnicFaceRequest};
use crate::api::ApiError;
use crate::browser;
use crate::i18n::{t, t_with, tr};
use crate::ui::erase::{action, effect};
use crate::ui::{error_text, TextField};
use crate::util::uuid_v4;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The domain checks after a verified face for `/ekyc?domain=<id>`: the
/// domain eKYC (`ekyccode` then `ekyccodeup`), VNNIC's face-ID
/// verification, and the VNNIC promo code for `.id.vn` / `.biz.vn`.
#[component]
pub fn DomainChecks(
    domainsid: String,
    initial_name: String,
    request_id: String,
    images: FaceImages,
    card_number: String,
) -> impl IntoView {
    let client_id = crate::state::client_id();
    let domain = RwSignal::new(initial_name);
    let contact = RwSignal::new(String::new());
    let nost = RwSignal::new(card_number);
    effect(move || {
        let id = client_id.get();
        if contact.get_untracked().is_empty() && !id.is_empty() {
            contact.set(id);
        }
    });
    let checked = RwSignal::new(false);
    let domain_err = Signal::derive(move || {
        let d = domain.get();
        (checked.get() && !(d.contains('.') && !d.trim().contains(' ') && d.trim().len() > 3))
            .then(|| t("ekyc.domain_invalid"))
    });
    let contact_err = Signal::derive(move || {
        let c = contact.get();
        (checked.get() && (c.trim().is_empty() || !c.trim().chars().all(|ch| ch.is_ascii_digit())))
            .then(|| t("ekyc.contact_invalid"))
    });
    let valid =
        move || domain_err.get_untracked().is_none() && contact_err.get_untracked().is_none();

    let ekyc_action = action({
        let domainsid = domainsid.clone();
        move |_: &()| {
            let body = EkycCodeRequest {
                request_id: request_id.clone(),
                images: images.clone(),
                domainsid: domainsid.clone(),
                request_token: uuid_v4(browser::random_bytes()),
            };
            async move { ekyc::domain_ekyc(&body, None).await }
        }
    });
    let vnnic_action = action(|b: &VnnicFaceRequest| {
        let b = b.clone();
        async move { ekyc::vnnic_face(&b).await }
    });
    let promo_action = action(|b: &PromoRequest| {
        let b = b.clone();
        async move {
            let code = ekyc::vnnic_promo(&b).await?;
            browser::local_set(
                ekyc::PROMO_STORAGE_KEY,
                &ekyc::promo_storage_value(&b.domain, &code),
            );
            Ok::<_, ApiError>(code)
        }
    });

    // Both forms: validate, then the (contact id, domain name) to send.
    let ready = move |ev: SubmitEvent, pending: bool| {
        ev.prevent_default();
        checked.set(true);
        (!pending && valid()).then(|| {
            (contact.get_untracked().trim().to_owned(), domain.get_untracked().trim().to_owned())
        })
    };
    let on_vnnic = move |ev: SubmitEvent| {
        if let Some((id, domain)) = ready(ev, vnnic_action.pending().get_untracked()) {
            vnnic_action.dispatch(VnnicFaceRequest {
                id,
                domain,
                nost: nost.get_untracked().trim().to_owned(),
            });
        }
    };
    let on_promo = move |ev: SubmitEvent| {
        if let Some((id, domain)) = ready(ev, promo_action.pending().get_untracked()) {
            promo_action.dispatch(PromoRequest { id, domain });
        }
    };

    view! {
        <section class="domain-checks" aria-labelledby="dc-title" data-testid="domain-checks">
            <h2 id="dc-title">{tr("ekyc.dc_title")}</h2>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_ekyc")}</h3>
                <p class="muted">{tr("ekyc.dc_ekyc_help")}</p>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || ekyc_action.pending().get() || matches!(ekyc_action.value().get(), Some(Ok(_)))
                    on:click=move |_| { ekyc_action.dispatch(()); }
                >
                    {move || if ekyc_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_ekyc_send") }}
                </button>
                {outcome(Signal::derive(move || ekyc_action.value().get().map(|r| r.map(status_text))), "dc-ekyc-ok")}
            </div>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_vnnic")}</h3>
                <form class="form" novalidate on:submit=on_vnnic>
                    <TextField label="ekyc.dc_domain" name="domain" value=domain error=domain_err required=true autocomplete="off" inputmode="url" hint="ekyc.dc_domain_hint"/>
                    <TextField label="ekyc.dc_contact" name="id" value=contact error=contact_err required=true inputmode="numeric" autocomplete="off" hint="ekyc.dc_contact_hint"/>
                    <TextField label="ekyc.dc_nost" name="nost" value=nost error=Signal::derive(|| None::<String>) autocomplete="off" hint="ekyc.dc_nost_hint"/>
                    <button type="submit" class="btn btn-primary" disabled=move || vnnic_action.pending().get()>
                        {move || if vnnic_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_vnnic_send") }}
                    </button>
                </form>
                {outcome(Signal::derive(move || vnnic_action.value().get().map(|r| r.map(status_text))), "dc-vnnic-ok")}
            </div>
            <div class="dc-block">
                <h3>{tr("ekyc.dc_promo")}</h3>
                <p class="muted">{tr("ekyc.dc_promo_help")}</p>
                <form novalidate on:submit=on_promo>
                    <button
                        type="submit"
                        class="btn btn-primary"
                        disabled=move || promo_action.pending().get() || !ekyc::promo_eligible(&domain.get())
                    >
                        {move || if promo_action.pending().get() { t("ekyc.sending") } else { t("ekyc.dc_promo_send") }}
                    </button>
                </form>
                {move || (!ekyc::promo_eligible(&domain.get())).then(|| view! { <p class="muted">{tr("ekyc.dc_promo_only")}</p> })}
                {move || match promo_action.value().get() {
                    Some(Ok(code)) => view! {
                        <div class="alert alert-ok" role="status" data-testid="promo-code">
                            <p>{tr("ekyc.dc_promo_code")}" "<strong class="promo">{code}</strong></p>
                            <p>{tr("ekyc.dc_promo_kept")}</p>
                        </div>
                    }.into_any(),
                    Some(Err(e)) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}

/// What a domain check answered: the server's messages, else its status.
fn status_text((status, info): (String, Vec<String>)) -> String {
    let s = info.iter().map(|m| crate::i18n::server_message(m)).collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        t_with("ekyc.status", &[("status", &status)])
    } else {
        s
    }
}

/// An action's outcome: a success line (`testid`) or the error, announced.
fn outcome(value: Signal<Option<Result<String, ApiError>>>, testid: &'static str) -> AnyView {
    (move || match value.get() {
        Some(Ok(text)) => {
            view! { <p class="alert alert-ok" role="status" data-testid=testid>{text}</p> }
                .into_any()
        }
        Some(Err(e)) => {
            view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any()
        }
        None => ().into_any(),
    })
    .into_any()
}
