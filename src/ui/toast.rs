//! The one toast component: short success messages (HostBill's `info`),
//! announced politely by screen readers and gone after a few seconds.
//!
//! Put `<Toaster/>` once in the app shell; anywhere else call
//! [`info`] with the server's `info` list (translated by
//! `i18n::server_message`) or [`show`] with a text of our own.

use crate::i18n::{self, tr};
use leptos::prelude::*;

/// How long a toast stays, in milliseconds.
pub const TOAST_MS: u32 = 6_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
}

thread_local! {
    static TOASTS: ArcRwSignal<Vec<Toast>> = ArcRwSignal::new(Vec::new());
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

fn toasts() -> ArcRwSignal<Vec<Toast>> {
    TOASTS.with(Clone::clone)
}

/// Shows a text (already in the user's language).
pub fn show(text: impl Into<String>) {
    let text = text.into();
    if text.trim().is_empty() {
        return;
    }
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    toasts().update(|l| {
        l.push(Toast { id, text });
        // Never a wall of toasts: keep the latest three.
        let extra = l.len().saturating_sub(3);
        l.drain(..extra);
    });
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(TOAST_MS).await;
        dismiss(id);
    });
}

/// Shows the server's `info` messages (translated when known), or
/// `fallback_key`'s text when the server sent none.
pub fn info(messages: &[String], fallback_key: &str) {
    let text: Vec<String> =
        messages.iter().map(|m| i18n::server_message(m)).filter(|m| !m.is_empty()).collect();
    if text.is_empty() {
        show(i18n::t(fallback_key));
    } else {
        show(text.join(" "));
    }
}

pub fn dismiss(id: u64) {
    toasts().update(|l| l.retain(|t| t.id != id));
}

/// The live region; always in the page so announcements are not missed.
#[component]
pub fn Toaster() -> impl IntoView {
    let list = toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite" aria-atomic="false">
            <For each=move || list.get() key=|t| t.id let:toast>
                <div class="toast">
                    <span class="toast-text">{toast.text.clone()}</span>
                    <button type="button" class="toast-close" aria-label=tr("ui.close") on:click=move |_| dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
