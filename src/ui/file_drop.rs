//! Files in the browser: a picker that is also a drop zone, reading a file
//! with progress, showing bytes from a `blob:` URL and saving them under a
//! chosen name. The checks are pure (host-tested).
//!
//! A file from the API is judged by its first bytes ([`sniff`]), never by
//! the type or name the server gave: only a PDF, PNG or JPEG is shown, in
//! a `blob:` URL of the type set here ([`FileView`]); anything else (HTML,
//! SVG, text, unknown) is only ever saved, as plain bytes named `.bin`
//! ([`saved_as`]), so no answer can put markup or script in the portal's
//! origin.

use crate::i18n::tr;
use leptos::prelude::*;

/// What a picked file may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }
}

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    TooLarge,
    WrongType,
}

/// The kind of a file by its first bytes (never by its name alone): the
/// signatures of PDF (`%PDF-`), PNG and JPEG (SOI and a marker); None for
/// anything else, including too few bytes to tell.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else {
        None
    }
}

/// Checks a picked file before reading it: its size and what its name and
/// type claim (the content is checked again with [`sniff`] once read).
pub fn precheck(name: &str, mime: &str, size: f64, max_bytes: f64) -> Result<(), FileProblem> {
    if size <= 0.0 {
        return Err(FileProblem::Empty);
    }
    if size > max_bytes {
        return Err(FileProblem::TooLarge);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let by_name = matches!(ext.as_str(), "pdf" | "png" | "jpg" | "jpeg");
    let by_type = matches!(mime, "application/pdf" | "image/png" | "image/jpeg");
    if by_name || by_type {
        Ok(())
    } else {
        Err(FileProblem::WrongType)
    }
}

/// The type bytes from the API are given and the extension they are saved
/// with: a PDF, PNG or JPEG as what [`sniff`] finds, anything else as
/// plain bytes (`application/octet-stream`, `.bin`), never a type a
/// browser would render or run, whatever the server said.
pub fn saved_as(bytes: &[u8]) -> (&'static str, &'static str) {
    sniff(bytes).map_or(("application/octet-stream", "bin"), |k| (k.mime(), k.ext()))
}

/// A name's stem safe to send and save: no path, no control or reserved
/// characters, at most 120 characters (`tai-lieu` when nothing is left).
fn clean_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map(|(s, _)| s).unwrap_or(base);
    let stem: String = stem
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    if stem.trim().is_empty() {
        "tai-lieu".to_owned()
    } else {
        stem.trim().to_owned()
    }
}

/// A name safe to send and save: no path, no control characters, at most
/// 120 characters, with the extension of its real kind.
pub fn clean_name(name: &str, kind: FileKind) -> String {
    format!("{}.{}", clean_stem(name), kind.ext())
}

/// The name bytes from the API are saved under: `name` (the server's, or
/// one the page chose) cleaned, with the extension of what the bytes are
/// ([`saved_as`]): a page named `hoa-don.pdf` that is HTML is saved as
/// `hoa-don.bin`.
pub fn api_file_name(name: &str, bytes: &[u8]) -> String {
    format!("{}.{}", clean_stem(name), saved_as(bytes).1)
}

/// `<base>.<ext>` in ASCII for a download named after a domain or a zone:
/// anything but letters, digits, `-` and `.` becomes `_`, dots at the ends go.
pub fn ascii_file_name(base: &str, ext: &str) -> String {
    let safe: String = base
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    format!("{}.{ext}", safe.trim_matches('.'))
}

/// A file name from free text: `Bản khai.pdf` stays readable, separators
/// and reserved characters become '-'.
pub fn file_name_part(s: &str) -> String {
    let out: String = s
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '.' || c == '_' || c == '-' { c } else { '-' })
        .collect();
    let mut squeezed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && squeezed.ends_with('-')) {
            squeezed.push(c);
        }
    }
    squeezed.trim_matches('-').to_owned()
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// A `blob:` URL for bytes (revoke it with [`revoke`] when done).
    pub fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
        let arr = js_sys::Uint8Array::from(bytes);
        let parts = js_sys::Array::of1(&arr);
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
        web_sys::Url::create_object_url_with_blob(&blob).ok()
    }

    pub fn revoke(url: &str) {
        let _ = web_sys::Url::revoke_object_url(url);
    }

    /// Saves bytes as a download named `filename`.
    pub fn save(bytes: &[u8], mime: &str, filename: &str) -> bool {
        let Some(url) = blob_url(bytes, mime) else { return false };
        let doc = web_sys::window().and_then(|w| w.document());
        let a = doc
            .as_ref()
            .and_then(|d| d.create_element("a").ok())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let (Some(doc), Some(a)) = (doc, a) else {
            revoke(&url);
            return false;
        };
        a.set_href(&url);
        a.set_download(filename);
        a.set_class_name("visually-hidden");
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
        // Let the download start before the URL goes.
        let u = url.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(30_000).await;
            revoke(&u);
        });
        true
    }

    /// Reads a file, reporting progress (0..=1) as it goes.
    pub async fn read(
        file: &web_sys::File,
        on_progress: impl Fn(f64) + 'static,
    ) -> Result<Vec<u8>, ()> {
        let reader = web_sys::FileReader::new().map_err(|_| ())?;
        let (tx, rx) = futures::channel::oneshot::channel::<bool>();
        let tx = std::rc::Rc::new(std::cell::RefCell::new(Some(tx)));
        let done = {
            let tx = tx.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(tx) = tx.borrow_mut().take() {
                    let _ = tx.send(true);
                }
            })
        };
        let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(false);
            }
        });
        let progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    on_progress(e.loaded() / e.total());
                }
            });
        reader.set_onload(Some(done.as_ref().unchecked_ref()));
        reader.set_onerror(Some(failed.as_ref().unchecked_ref()));
        reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        reader.read_as_array_buffer(file).map_err(|_| ())?;
        let ok = rx.await.unwrap_or(false);
        reader.set_onload(None);
        reader.set_onerror(None);
        reader.set_onprogress(None);
        drop((done, progress));
        if !ok {
            return Err(());
        }
        let buf = reader.result().map_err(|_| ())?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::*;

#[cfg(not(target_arch = "wasm32"))]
mod host {
    pub fn blob_url(_: &[u8], _: &str) -> Option<String> {
        None
    }
    pub fn revoke(_: &str) {}
    pub fn save(_: &[u8], _: &str, _: &str) -> bool {
        false
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use host::*;

/// A file from the API shown by what its bytes are ([`sniff`]), from a
/// `blob:` URL whose type is set here (revoked when the view goes):
/// - a PNG or JPEG is an image;
/// - a PDF is a link (`open`, an i18n key) that opens it in the browser's
///   own viewer, in a new tab. Not a frame: a PDF must not be framed
///   without a sandbox, and Chromium refuses to run its PDF viewer in any
///   sandboxed frame, whatever the tokens (tried on Chromium 156: `""`,
///   `allow-scripts`, `allow-same-origin`, both, and every token give
///   its "blocked" page), while `<object>`/`<embed>` are shut out by the
///   CSP (`object-src 'none'`);
/// - anything else (HTML, SVG, text, unknown) is never put in the page:
///   `not_shown` (an i18n key) says so; the page offers the download.
///
/// `title` names the document (the image's text, the link's title).
#[component]
pub fn FileView(
    bytes: Vec<u8>,
    title: String,
    open: &'static str,
    not_shown: &'static str,
) -> impl IntoView {
    let kind = sniff(&bytes);
    let url = kind.and_then(|k| blob_url(&bytes, k.mime()));
    if let Some(u) = url.clone() {
        on_cleanup(move || revoke(&u));
    }
    match (kind, url) {
        (Some(FileKind::Png | FileKind::Jpeg), Some(u)) => {
            view! { <img class="file-image" src=u alt=title data-testid="file-image"/> }.into_any()
        }
        (Some(FileKind::Pdf), Some(u)) => view! {
            <a class="btn btn-secondary" href=u target="_blank" rel="noopener noreferrer" title=title data-testid="file-open">
                {tr(open)}
            </a>
        }
        .into_any(),
        _ => view! { <p class="alert alert-info" role="status" data-testid="file-not-shown">{tr(not_shown)}</p> }
            .into_any(),
    }
}

/// A file picker that also takes a dropped file. `label` and `hint` are
/// i18n keys; `name` is the form field; the picked file goes to `on_file`.
#[component]
pub fn FileDrop(
    label: &'static str,
    name: &'static str,
    accept: &'static str,
    #[prop(optional)] hint: &'static str,
    on_file: Callback<web_sys::File>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if disabled.get_untracked() {
            return;
        }
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            on_file.run(f);
        }
    };
    let on_change = move |ev: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> =
            ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        if let Some(input) = input {
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                on_file.run(f);
            }
            input.set_value("");
        }
    };
    view! {
        <div
            class="file-drop"
            class:file-drop-over=move || over.get()
            class:file-drop-disabled=disabled
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <label for=id.clone() class="file-drop-label">
                <span class="file-drop-icon" aria-hidden="true">"⇪"</span>
                <span>{tr(label)}</span>
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{tr(hint)}</p> })}
            <input
                id=id.clone()
                class="file-input"
                type="file"
                name=name
                accept=accept
                disabled=disabled
                aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                on:change=on_change
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_real_content() {
        let cases: [(&[u8], Option<FileKind>); 15] = [
            (b"%PDF-1.7\n...", Some(FileKind::Pdf)),
            (b"\x89PNG\r\n\x1a\nxxxx", Some(FileKind::Png)),
            (&[0xFF, 0xD8, 0xFF, 0xE0], Some(FileKind::Jpeg)),
            (b"PK\x03\x04", None),
            (b"", None),
            // HTML and SVG, whatever they claim to be, are not shown
            (b"<!DOCTYPE html><script>alert(1)</script>", None),
            (b"<html><body>%PDF-1.4</body></html>", None),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", None),
            (b"<?xml version=\"1.0\"?><svg/>", None),
            (b" %PDF-1.4", None),
            // too short to tell
            (b"%PDF", None),
            (b"\x89PNG", None),
            (&[0xFF, 0xD8], None),
            (b"%", None),
            (b"GIF89a", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn files_from_the_api_are_saved_as_what_their_bytes_are() {
        assert_eq!(saved_as(b"%PDF-1.4"), ("application/pdf", "pdf"));
        assert_eq!(saved_as(&[0xFF, 0xD8, 0xFF, 0xDB]), ("image/jpeg", "jpg"));
        assert_eq!(saved_as(b"<script>alert(1)</script>"), ("application/octet-stream", "bin"));
        assert_eq!(saved_as(b""), ("application/octet-stream", "bin"));
        assert_eq!(api_file_name("hoa-don.pdf", b"<html>"), "hoa-don.bin");
        assert_eq!(api_file_name("../../x.html", b"%PDF-1.4"), "x.pdf");
        assert_eq!(api_file_name("", b"\x89PNG\r\n\x1a\n"), "tai-lieu.png");
    }

    #[test]
    fn prechecks_size_and_type() {
        const MB10: f64 = 10.0 * 1024.0 * 1024.0;
        assert_eq!(precheck("scan.pdf", "application/pdf", 1000.0, MB10), Ok(()));
        assert_eq!(precheck("scan.JPG", "", 1000.0, MB10), Ok(()));
        assert_eq!(precheck("photo", "image/png", 1000.0, MB10), Ok(()));
        assert_eq!(precheck("scan.pdf", "application/pdf", MB10, MB10), Ok(()));
        assert_eq!(
            precheck("scan.pdf", "application/pdf", MB10 + 1.0, MB10),
            Err(FileProblem::TooLarge)
        );
        assert_eq!(precheck("scan.pdf", "application/pdf", 0.0, MB10), Err(FileProblem::Empty));
        assert_eq!(
            precheck("notes.docx", "application/msword", 10.0, MB10),
            Err(FileProblem::WrongType)
        );
    }

    #[test]
    fn names() {
        assert_eq!(clean_name("C:\\scans\\bản khai.PDF", FileKind::Pdf), "bản khai.pdf");
        assert_eq!(clean_name("x.png", FileKind::Jpeg), "x.jpg");
        assert_eq!(clean_name("\"<>.pdf", FileKind::Pdf), "tai-lieu.pdf");
        assert_eq!(file_name_part("Bản khai đăng ký / tên miền"), "Bản-khai-đăng-ký-tên-miền");
        assert_eq!(file_name_part("  a..b  "), "a..b");
    }
}
