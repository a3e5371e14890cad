//! `/sign/:token` (public, from an e-mailed link): shows the document
//! (`GET /domain/documents/view/@token`), asks for consent and a drawn
//! signature, sends it (`POST /domain/documents/signed {token, image}`),
//! then offers the signed copy (`GET /domain/documents/download/uploaded/@token`).
//! An unknown, expired or used link gets a page that says so. The
//! document is shown, and both files saved, as what their bytes are
//! (`ui::file_drop::FileView`, `saved_as`), never as the server's type.

use crate::api::domains::{self, SIGNATURE_PREFIX};
use crate::api::error::Binary;
use crate::api::ApiError;
use crate::i18n::{t, tr};
use crate::ui::erase::{effect, resource};
use crate::ui::file_drop::{self, FileView};
use crate::ui::signature_pad::{device_pixel_ratio, SignaturePad, SignatureState};
use crate::ui::text::{either_text, field_error, invalid};
use crate::ui::{error_text, Loading};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What the link turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Invalid,
    Expired,
    Used,
}

/// Reads the server's refusal of a token.
pub fn link_problem(e: &ApiError) -> Option<LinkProblem> {
    let msgs = e.messages();
    let has = |k: &str| msgs.iter().any(|m| m.trim().eq_ignore_ascii_case(k));
    if has("document_already_signed") {
        Some(LinkProblem::Used)
    } else if has("document_token_expired") {
        Some(LinkProblem::Expired)
    } else if has("document_token_invalid") || matches!(e, ApiError::NotSupported) {
        Some(LinkProblem::Invalid)
    } else {
        None
    }
}

/// The name the signed copy is saved under.
pub fn signed_name(server: Option<&str>) -> String {
    match server.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) if n.to_ascii_lowercase().ends_with(".pdf") => n.to_owned(),
        Some(n) => format!("{n}.pdf"),
        None => "tai-lieu-da-ky.pdf".to_owned(),
    }
}

/// The route: `/sign/:token`.
#[component]
pub fn SignPage() -> impl IntoView {
    let params = use_params_map();
    move || view! { <SignDocument token=params.read().get("token").unwrap_or_default()/> }
}

/// Everything of the signing page for one token.
#[component]
pub fn SignDocument(token: String) -> impl IntoView {
    let tk = token.clone();
    let token = move || tk.clone();
    let doc = resource({
        let token = token.clone();
        move || {
            let tk = token();
            async move { domains::view_by_token(&tk).await }
        }
    });
    crate::ui::page_title("sign.title");
    view! {
        <section class="page sign-page" aria-labelledby="sign-title">
            <h1 id="sign-title">{tr("sign.title")}</h1>
            {move || match doc.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading label="sign.loading"/> }.into_any(),
                Some(Ok(file)) => view! { <SignForm token=token() file=file/> }.into_any(),
                Some(Err(e)) => match link_problem(&e) {
                    Some(p) => view! { <BadLink problem=p token=token()/> }.into_any(),
                    None => view! {
                        <crate::ui::ErrorPanel error=e what="sign.load_error" on_retry=Callback::new(move |_| doc.refetch())/>
                    }
                    .into_any(),
                },
            }}
        </section>
    }
}

/// The clear page for a link that cannot be used (any more).
#[component]
fn BadLink(problem: LinkProblem, token: String) -> impl IntoView {
    let (title, text) = match problem {
        LinkProblem::Invalid => ("sign.invalid_title", "sign.invalid_text"),
        LinkProblem::Expired => ("sign.expired_title", "sign.expired_text"),
        LinkProblem::Used => ("sign.used_title", "sign.used_text"),
    };
    view! {
        <div class="alert alert-error bad-link" role="alert" data-testid="bad-link">
            <strong class="alert-title">{tr(title)}</strong>
            <p>{tr(text)}</p>
        </div>
        {(problem == LinkProblem::Used).then(|| view! { <DownloadSigned token=token/> })}
        <p class="muted">{tr("sign.help")}</p>
    }
}

/// Downloads the signed copy.
#[component]
fn DownloadSigned(token: String) -> impl IntoView {
    let get = crate::ui::erase::action(move |_: &()| {
        let tk = token.clone();
        async move {
            let r: Result<Binary, ApiError> = domains::download_signed(&tk).await;
            if let Ok(f) = &r {
                let name = file_drop::api_file_name(&signed_name(f.filename.as_deref()), &f.bytes);
                file_drop::save(&f.bytes, file_drop::saved_as(&f.bytes).0, &name);
            }
            r.map(|_| ())
        }
    });
    let pending = get.pending();
    view! {
        <button type="button" class="btn btn-primary" disabled=pending on:click=move |_| { get.dispatch(()); }>
            {either_text(pending.into(), "sign.downloading", "sign.download_signed")}
        </button>
        {move || match get.value().get() {
            Some(Err(e)) if !pending.get() => Some(view! { <p class="field-error" role="alert">{error_text(&e)}</p> }),
            _ => None,
        }}
    }
}

#[component]
fn SignForm(token: String, file: Binary) -> impl IntoView {
    let doc_name =
        file_drop::api_file_name(file.filename.as_deref().unwrap_or_default(), &file.bytes);
    let pad = SignatureState::new();
    let consent = RwSignal::new(false);
    let consent_err = RwSignal::new(None::<String>);
    let pad_err = RwSignal::new(None::<String>);
    let tk = token.clone();
    let send =
        crate::ui::erase::action(move |image: &String| domains::sign(tk.clone(), image.clone()));
    let pending = send.pending();
    let done = move || matches!(send.value().get(), Some(Ok(_)));
    // A signature that changes clears its error.
    effect(move || {
        pad.strokes.track();
        pad_err.set(None);
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        consent_err.set((!consent.get_untracked()).then(|| t("sign.consent_required")));
        let empty = pad.strokes.with_untracked(|s| s.iter().all(|s| s.points.is_empty()));
        pad_err.set(empty.then(|| t("sign.signature_required")));
        if consent_err.get_untracked().is_some() {
            return crate::browser::focus("f-consent");
        }
        if empty {
            return;
        }
        let Some(png) = pad.export_png(device_pixel_ratio()) else {
            pad_err.set(Some(t("sign.signature_required")));
            return;
        };
        debug_assert!(png.starts_with(SIGNATURE_PREFIX));
        send.dispatch(png);
    };
    let bytes = file.bytes.clone();
    let save_original = move |_| {
        file_drop::save(&bytes, file_drop::saved_as(&bytes).0, &doc_name);
    };
    let document = StoredValue::new(file.bytes);
    view! {
        <Show
            when=done
            fallback=move || {
                view! {
                    <p>{tr("sign.intro")}</p>
                    <div class="sign-doc">
                        <FileView bytes=document.get_value() title=t("sign.document") open="sign.open" not_shown="sign.not_shown"/>
                        <button type="button" class="btn btn-secondary" on:click=save_original.clone()>{tr("sign.download_original")}</button>
                    </div>
                    <form class="form sign-form" novalidate on:submit=on_submit>
                        <div class="consent" class:field-invalid=move || consent_err.get().is_some()>
                            <label class="check" for="f-consent">
                                <input id="f-consent" type="checkbox" name="consent" bind:checked=consent
                                    aria-invalid=invalid(consent_err.into())
                                    aria-describedby=move || consent_err.get().is_some().then_some("f-consent-err")/>
                                <span>{tr("sign.consent")}</span>
                            </label>
                            {field_error(consent_err.into(), Some("f-consent-err".into()))}
                        </div>
                        <div class="field" class:field-invalid=move || pad_err.get().is_some()>
                            <p class="field-label" id="sig-label">{tr("sign.signature")}</p>
                            <p class="hint">{tr("sign.signature_hint")}</p>
                            <SignaturePad state=pad label="sign.pad_label"/>
                            {move || pad_err.get().map(|e| view! { <p class="field-error" role="alert" data-testid="pad-error">{e}</p> })}
                        </div>
                        {move || match send.value().get() {
                            Some(Err(e)) if !pending.get() => Some(match link_problem(&e) {
                                Some(LinkProblem::Used) => view! { <p class="alert alert-error" role="alert">{tr("sign.used_text")}</p> }.into_any(),
                                _ => view! { <crate::ui::ErrorPanel error=e what="sign.send_error"/> }.into_any(),
                            }),
                            _ => None,
                        }}
                        <button type="submit" class="btn btn-primary btn-block" disabled=pending>
                            {either_text(pending.into(), "sign.sending", "sign.submit")}
                        </button>
                    </form>
                }
            }
        >
            <div class="alert alert-info" role="status" data-testid="signed">
                <strong class="alert-title">{tr("sign.done_title")}</strong>
                <p>{tr("sign.done_text")}</p>
            </div>
            <DownloadSigned token=token.clone()/>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(msg: &str) -> ApiError {
        ApiError::Server { status: 200, messages: vec![msg.into()] }
    }

    #[test]
    fn link_problems() {
        assert_eq!(link_problem(&server("document_token_invalid")), Some(LinkProblem::Invalid));
        assert_eq!(link_problem(&server("document_token_expired")), Some(LinkProblem::Expired));
        assert_eq!(link_problem(&server("document_already_signed")), Some(LinkProblem::Used));
        assert_eq!(link_problem(&ApiError::NotSupported), Some(LinkProblem::Invalid));
        assert_eq!(link_problem(&ApiError::Network), None);
        assert_eq!(link_problem(&server("something else")), None);
    }

    #[test]
    fn signed_names() {
        assert_eq!(signed_name(Some("a.vn-ban-khai-signed.pdf")), "a.vn-ban-khai-signed.pdf");
        assert_eq!(signed_name(Some("x")), "x.pdf");
        assert_eq!(signed_name(None), "tai-lieu-da-ky.pdf");
        assert_eq!(signed_name(Some("  ")), "tai-lieu-da-ky.pdf");
    }
}
