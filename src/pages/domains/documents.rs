//! `/domains/:id/documents`: the registration documents of a domain
//! (`GET /domain/@id/documents`). Each can be viewed (`…/View`) and
//! downloaded (`…/download`) as `<domain>-<document>.pdf`. What is shown
//! or saved is judged by its bytes, not by the server's type
//! (`ui::file_drop::FileView`, `saved_as`): a PDF opens in the browser's
//! viewer, an image shows in the page, anything else is only saved, as
//! `.bin`. A signed scan (PDF or image, at most 10 MB) is uploaded by
//! picker or drag-and-drop, base64 in `{filename, content}`.

use crate::api::domains::{self, Document};
use crate::api::error::Binary;
use crate::api::loose::Id;
use crate::api::ApiError;
use crate::app::href;
use crate::i18n::{t, t_with, tr};
use crate::ui::choice::SelectField;
use crate::ui::erase::resource;
use crate::ui::file_drop::{self, FileDrop, FileProblem, FileView};
use crate::ui::format::date;
use crate::ui::text::tw;
use crate::ui::{error_text, resource_view, toast};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Largest scan accepted.
pub const MAX_UPLOAD_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// `<domain>-<document>.pdf`, readable and safe for every file system.
pub fn download_name(domain: &str, document: &str, ext: &str) -> String {
    let d = file_drop::file_name_part(domain);
    let n = file_drop::file_name_part(document);
    match (d.is_empty(), n.is_empty()) {
        (false, false) => format!("{d}-{n}.{ext}"),
        (false, true) => format!("{d}.{ext}"),
        (true, false) => format!("{n}.{ext}"),
        _ => format!("tai-lieu.{ext}"),
    }
}

/// A document's status in the user's language: waiting for a signature
/// stands out; other values the server may send are shown as sent.
fn doc_status_badge(doc: &Document) -> impl IntoView {
    let raw = doc.status.0.clone();
    let (class, key) = if doc.needs_signature() {
        ("badge badge-warn", Some("documents.status_pending"))
    } else {
        match raw.trim().to_ascii_lowercase().as_str() {
            "uploaded" => ("badge badge-info", Some("documents.status_uploaded")),
            "signed" => ("badge badge-ok", Some("documents.status_signed")),
            "approved" | "verified" => ("badge badge-ok", Some("documents.status_approved")),
            "rejected" => ("badge badge-danger", Some("documents.status_rejected")),
            _ => ("badge", None),
        }
    };
    view! { <span class=class>{move || key.map(t).unwrap_or_else(|| raw.clone())}</span> }
}

/// Upload stages, for the progress bar and the result.
#[derive(Clone, Debug, PartialEq)]
pub enum Upload {
    Idle,
    Reading(f64),
    Sending,
    Done(String),
    Failed(String),
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || Id(params.read().get("id").unwrap_or_default());
    let details = resource(move || domains::details(id()));
    let docs = resource(move || domains::documents(id()));
    // Kept here, above the list, so the upload's result survives the reload.
    let upload = RwSignal::new(Upload::Idle);
    // Read when a file is saved, by then the details have come.
    let domain_name = Signal::derive(move || match details.get() {
        Some(Ok(d)) => d.name.0,
        _ => String::new(),
    });
    crate::ui::page_title("documents.title");
    view! {
        <section class="page" aria-labelledby="docs-title">
            <nav class="crumbs" aria-label=tr("domains.crumbs")>
                <A href=href::DOMAINS>{tr("domains.title")}</A>
                {move || match details.get() {
                    Some(Ok(d)) => {
                        let href = href::domain(d.id.as_str());
                        Some(view! { " › " <A href=href>{d.name.0.clone()}</A> })
                    }
                    _ => None,
                }}
            </nav>
            <h1 id="docs-title">
                {tr("documents.title")}
                {move || match details.get() {
                    Some(Ok(d)) => Some(view! { <span class="muted">" · " {d.name.0.clone()}</span> }),
                    _ => None,
                }}
            </h1>
            <p class="muted">{tr("documents.page_intro")}</p>
            {resource_view(docs, "documents.list_error", move |list| {
                view! { <Documents id=id() domain=domain_name list=list reload=docs upload=upload/> }
            })}
        </section>
    }
}

#[component]
fn Documents(
    id: Id,
    domain: Signal<String>,
    list: Vec<Document>,
    reload: crate::ui::erase::Res<Result<Vec<Document>, ApiError>>,
    upload: RwSignal<Upload>,
) -> impl IntoView {
    // The document viewed: its title and bytes (`FileView` makes its URL).
    let shown = RwSignal::new(None::<(String, Vec<u8>)>);
    let busy = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    // Saved as what the bytes are, never as the server's type.
    let save = move |name: &str, bytes: &[u8]| {
        let (mime, ext) = file_drop::saved_as(bytes);
        file_drop::save(bytes, mime, &download_name(&domain.get_untracked(), name, ext));
    };
    let fetch = move |doc: Document, inline: bool, id: Id| {
        busy.set(Some(doc.id.0.clone()));
        problem.set(None);
        leptos::task::spawn_local(async move {
            let r: Result<Binary, ApiError> = if inline {
                domains::view_document(id, doc.id.clone()).await
            } else {
                domains::download_document(id, doc.id.clone()).await
            };
            // the page may be gone: nothing here may panic on its state
            busy.try_set(None);
            match r {
                Ok(file) if inline => {
                    shown.try_set(Some((doc.name.0.clone(), file.bytes)));
                    crate::browser::focus("viewer-title");
                }
                Ok(file) => save(doc.name.as_str(), &file.bytes),
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    problem.try_set(Some(error_text(&e)));
                }
            }
        });
    };
    let pending: Vec<Document> = list.iter().filter(|d| d.needs_signature()).cloned().collect();
    let has_list = !list.is_empty();
    let upload_targets = if pending.is_empty() { list.clone() } else { pending.clone() };
    view! {
        {(!pending.is_empty()).then(|| view! {
            <div class="alert alert-attention" role="status" data-testid="pending-docs">
                <strong class="alert-title">{tw("documents.pending_banner", vec![("n", pending.len().to_string())])}</strong>
                <p>{tr("documents.pending_help")}</p>
            </div>
        })}
        {(!has_list).then(|| view! { <p class="empty">{tr("documents.none")}</p> })}
        <ul class="doc-list">
            {list.into_iter().map(|doc| {
                let (d1, d2) = (doc.clone(), doc.clone());
                let (id1, id2) = (id.clone(), id.clone());
                let doc_id = doc.id.0.clone();
                let is_busy = move || busy.get().as_deref() == Some(doc_id.as_str());
                let busy_attr = is_busy.clone();
                let sign_href = (!doc.token.0.is_empty() && doc.needs_signature())
                    .then(|| href::sign(doc.token.as_str()));
                view! {
                    <li class="doc" class:doc-pending=doc.needs_signature() data-testid="document">
                        <div class="doc-main">
                            <h2 class="doc-name">{doc.name.0.clone()}</h2>
                            <p class="muted">
                                {doc_status_badge(&doc)} " · "
                                {tw("documents.created", vec![("date", date(d1.date_created.as_str()))])}
                                {(!doc.date_signed.0.is_empty()).then(|| {
                                    let s = doc.date_signed.0.clone();
                                    view! { " · " {tw("documents.signed_on", vec![("date", date(&s))])} }
                                })}
                            </p>
                            {(!doc.uploaded_file.0.is_empty()).then(|| {
                                let f = doc.uploaded_file.0.clone();
                                view! { <p class="muted">{tw("documents.uploaded_file", vec![("file", f.clone())])}</p> }
                            })}
                        </div>
                        <div class="doc-actions">
                            {
                                let (d, i) = (doc.clone(), id1.clone());
                                view! {
                                    <button type="button" class="btn btn-secondary" on:click=move |_| fetch(d.clone(), true, i.clone())>
                                        {tr("documents.view")}
                                    </button>
                                }
                            }
                            <button type="button" class="btn btn-secondary" disabled=busy_attr on:click=move |_| fetch(d2.clone(), false, id2.clone())>
                                {move || if is_busy() { t("documents.downloading") } else { t("documents.download") }}
                            </button>
                            {sign_href.map(|h| view! { <A href=h attr:class="btn btn-primary">{tr("documents.sign_online")}</A> })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || problem.get().map(|p| view! { <p class="alert alert-error" role="alert">{p}</p> })}
        {move || shown.get().map(|(title, bytes)| {
            let keep = bytes.clone();
            let name = title.clone();
            view! {
                <section class="viewer" aria-labelledby="viewer-title">
                    <div class="viewer-head">
                        <h2 id="viewer-title" tabindex="-1">{title.clone()}</h2>
                        <button type="button" class="btn btn-ghost" on:click=move |_| shown.set(None)>
                            {tr("documents.close_viewer")}
                        </button>
                    </div>
                    <div class="viewer-body">
                        <FileView bytes=bytes title=title open="documents.open" not_shown="documents.not_shown"/>
                        <button type="button" class="btn btn-secondary" on:click=move |_| save(&name, &keep)>
                            {tr("documents.download")}
                        </button>
                    </div>
                </section>
            }
        })}
        {(!upload_targets.is_empty()).then(|| view! { <UploadScan id=id.clone() targets=upload_targets reload=reload state=upload/> })}
    }
}

/// Upload of a signed scan: pick or drop, check, read (with progress),
/// base64, send, and say clearly how it went.
#[component]
fn UploadScan(
    id: Id,
    targets: Vec<Document>,
    reload: crate::ui::erase::Res<Result<Vec<Document>, ApiError>>,
    state: RwSignal<Upload>,
) -> impl IntoView {
    let target = RwSignal::new(targets.first().map(|d| d.id.0.clone()).unwrap_or_default());
    let opts: Vec<(String, String)> =
        targets.iter().map(|d| (d.id.0.clone(), d.name.0.clone())).collect();
    let busy = Signal::derive(move || matches!(state.get(), Upload::Reading(_) | Upload::Sending));
    let on_file = Callback::new(move |file: web_sys::File| {
        if busy.get_untracked() {
            return;
        }
        let (name, mime, size) = (file.name(), file.type_(), file.size());
        if let Err(p) = file_drop::precheck(&name, &mime, size, MAX_UPLOAD_BYTES) {
            let key = match p {
                FileProblem::Empty => "documents.file_empty",
                FileProblem::TooLarge => "documents.file_too_large",
                FileProblem::WrongType => "documents.file_type",
            };
            state.set(Upload::Failed(t(key)));
            return;
        }
        let (id, doc) = (id.clone(), Id(target.get_untracked()));
        state.set(Upload::Reading(0.0));
        leptos::task::spawn_local(async move {
            let bytes = match read_file(&file, state).await {
                Some(b) => b,
                None => {
                    state.try_set(Upload::Failed(t("documents.file_unreadable")));
                    return;
                }
            };
            let Some(kind) = file_drop::sniff(&bytes) else {
                state.try_set(Upload::Failed(t("documents.file_type")));
                return;
            };
            let filename = file_drop::clean_name(&name, kind);
            state.try_set(Upload::Sending);
            let b64 = {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            };
            match domains::upload_document(id, doc, filename.clone(), b64).await {
                Ok(info) => {
                    toast::info(&info, "documents.uploaded_toast");
                    let done =
                        Upload::Done(t_with("documents.upload_done", &[("file", &filename)]));
                    // None: the page is still there (its list can be read again)
                    if state.try_set(done).is_none() {
                        reload.refetch();
                    }
                }
                Err(e) => {
                    state.try_set(Upload::Failed(error_text(&e)));
                }
            }
        });
    });
    view! {
        <section class="card upload" aria-labelledby="up-title" data-testid="upload">
            <h2 id="up-title">{tr("documents.upload_title")}</h2>
            <p class="muted">{tr("documents.upload_help")}</p>
            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
                {(opts.len() > 1).then(|| view! { <SelectField label="documents.which" name="documentid" value=target options=Signal::derive(move || opts.clone())/> })}
                <FileDrop label="documents.pick" name="content" accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" hint="documents.pick_hint" on_file=on_file disabled=busy/>
            </form>
            {move || match state.get() {
                Upload::Idle => None,
                Upload::Reading(p) => Some(view! {
                    <div class="progress-line" role="status">
                        <progress max="100" value=(p * 100.0).round().to_string()></progress>
                        <span>{t_with("documents.reading", &[("pct", &format!("{:.0}", p * 100.0))])}</span>
                    </div>
                }.into_any()),
                Upload::Sending => Some(view! {
                    <div class="progress-line" role="status">
                        <progress></progress>
                        <span>{t("documents.sending")}</span>
                    </div>
                }.into_any()),
                Upload::Done(msg) => Some(view! { <p class="alert alert-info" role="status" data-testid="upload-result">{msg}</p> }.into_any()),
                Upload::Failed(msg) => Some(view! {
                    <div class="alert alert-error" role="alert" data-testid="upload-result">
                        <strong class="alert-title">{t("documents.upload_failed")}</strong>
                        <p>{msg}</p>
                    </div>
                }.into_any()),
            }}
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
async fn read_file(file: &web_sys::File, state: RwSignal<Upload>) -> Option<Vec<u8>> {
    file_drop::read(file, move |p| state.set(Upload::Reading(p))).await.ok()
}

#[cfg(not(target_arch = "wasm32"))]
async fn read_file(_: &web_sys::File, _: RwSignal<Upload>) -> Option<Vec<u8>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names() {
        assert_eq!(
            download_name("nguyenvanan.vn", "Bản khai đăng ký tên miền", "pdf"),
            "nguyenvanan.vn-Bản-khai-đăng-ký-tên-miền.pdf"
        );
        assert_eq!(download_name("a.vn", "", "pdf"), "a.vn.pdf");
        assert_eq!(download_name("", "", "png"), "tai-lieu.png");
        assert_eq!(download_name("a.vn", "x/../y", "pdf"), "a.vn-x-..-y.pdf");
    }
}
