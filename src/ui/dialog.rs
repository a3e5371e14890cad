//! The one confirmation dialog, for destructive or costly actions.
//!
//! A native `<dialog>` opened with `showModal()`: the page behind is inert,
//! focus moves into the dialog (to the safe "Cancel" button), Escape
//! closes it, and focus goes back to the control that opened it.
//!
//! ```ignore
//! let confirm = ConfirmState::new();
//! // in a click handler:
//! confirm.ask(Confirm::new("domains.renew_confirm_title", body, "domains.renew_confirm", move || renew()));
//! // once in the view:
//! view! { <ConfirmDialog state=confirm/> }
//! ```

use crate::i18n::{t, tr};
use crate::ui::erase::effect;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What to ask. `title` and `confirm_label` are i18n keys; `body` is text.
#[derive(Clone)]
pub struct Confirm {
    pub title: &'static str,
    pub body: String,
    pub confirm_label: &'static str,
    /// Styles the confirm button as dangerous (deleting, turning off).
    pub danger: bool,
    /// Text the user must type before the confirm button works (a zone's
    /// name before deleting it).
    pub typed: Option<String>,
    pub on_confirm: Callback<()>,
}

impl Confirm {
    pub fn new(
        title: &'static str,
        body: String,
        confirm_label: &'static str,
        f: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Confirm {
            title,
            body,
            confirm_label,
            danger: false,
            typed: None,
            on_confirm: Callback::new(move |_| f()),
        }
    }
    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
    /// Asks the user to type `text` first.
    pub fn typed(mut self, text: impl Into<String>) -> Self {
        self.typed = Some(text.into());
        self
    }
}

/// Handle shared by the page (which asks) and the dialog (which shows).
#[derive(Clone, Copy)]
pub struct ConfirmState {
    current: RwSignal<Option<Confirm>, LocalStorage>,
}

impl Default for ConfirmState {
    fn default() -> Self {
        Self::new()
    }
}

impl ConfirmState {
    pub fn new() -> Self {
        ConfirmState { current: RwSignal::new_local(None) }
    }
    /// Opens the dialog with this question.
    pub fn ask(&self, c: Confirm) {
        self.current.set(Some(c));
    }
    pub fn is_open(&self) -> bool {
        self.current.with(Option::is_some)
    }
}

#[component]
pub fn ConfirmDialog(state: ConfirmState) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel_btn = NodeRef::<html::Button>::new();
    // The control that had focus when the dialog opened.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let typed = RwSignal::new(String::new());
    let needed = move || state.current.with(|c| c.as_ref().and_then(|c| c.typed.clone()));
    let blocked = move || needed().is_some_and(|n| typed.get().trim() != n);

    effect(move || {
        let open = state.current.with(Option::is_some);
        let Some(d) = dialog.get() else { return };
        if open && !d.open() {
            typed.set(String::new());
            let active =
                document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            if d.show_modal().is_err() {
                d.set_open(true);
            }
            if let Some(b) = cancel_btn.get() {
                let _ = b.focus();
            }
        } else if !open && d.open() {
            d.close();
        }
    });

    // Escape ("cancel"), the buttons and form submission all end in "close".
    let on_close = move |_| {
        state.current.set(None);
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let confirm = move |_| {
        if blocked() {
            return;
        }
        let c = state.current.get_untracked();
        close();
        if let Some(c) = c {
            c.on_confirm.run(());
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-body"
            on:close=on_close
        >
            <h2 id="confirm-title">{move || state.current.with(|c| c.as_ref().map(|c| t(c.title)).unwrap_or_default())}</h2>
            <p id="confirm-body">{move || state.current.with(|c| c.as_ref().map(|c| c.body.clone()).unwrap_or_default())}</p>
            {move || needed().map(|n| view! {
                <div class="field">
                    <label for="confirm-typed">{crate::i18n::t_with("ui.confirm_type", &[("text", &n)])}</label>
                    <input id="confirm-typed" name="confirm_typed" type="text" autocomplete="off"
                        spellcheck="false" autocapitalize="none" bind:value=typed/>
                </div>
            })}
            <div class="dialog-actions">
                <button type="button" class="btn btn-secondary" node_ref=cancel_btn on:click=move |_| close()>
                    {tr("ui.cancel")}
                </button>
                <button
                    type="button"
                    class="btn"
                    class:btn-primary=move || !state.current.with(|c| c.as_ref().is_some_and(|c| c.danger))
                    class:btn-danger=move || state.current.with(|c| c.as_ref().is_some_and(|c| c.danger))
                    on:click=confirm
                    disabled=blocked
                >
                    {move || state.current.with(|c| c.as_ref().map(|c| t(c.confirm_label)).unwrap_or_default())}
                </button>
            </div>
        </dialog>
    }
}
