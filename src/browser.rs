//! Thin, panic-free helpers over browser APIs (storage, clock, document).
//! On the host (unit tests) they do nothing, so pure code can call them.

#[cfg(target_arch = "wasm32")]
mod imp {
    use web_sys::Storage;

    fn local() -> Option<Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }
    fn session() -> Option<Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }
    fn get(s: Option<Storage>, key: &str) -> Option<String> {
        s?.get_item(key).ok().flatten()
    }
    fn set(s: Option<Storage>, key: &str, value: &str) -> bool {
        s.map(|s| s.set_item(key, value).is_ok()).unwrap_or(false)
    }
    fn remove(s: Option<Storage>, key: &str) {
        if let Some(s) = s {
            let _ = s.remove_item(key);
        }
    }

    pub fn local_get(key: &str) -> Option<String> {
        get(local(), key)
    }
    pub fn local_set(key: &str, value: &str) -> bool {
        set(local(), key, value)
    }
    pub fn local_remove(key: &str) {
        remove(local(), key)
    }
    pub fn session_get(key: &str) -> Option<String> {
        get(session(), key)
    }
    pub fn session_set(key: &str, value: &str) -> bool {
        set(session(), key, value)
    }
    pub fn session_remove(key: &str) {
        remove(session(), key)
    }

    pub fn now_ms() -> f64 {
        js_sys::Date::now()
    }

    pub fn set_document_lang(code: &str) {
        if let Some(el) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", code);
        }
    }

    pub fn set_title(title: &str) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(title);
        }
    }

    /// Path + query + hash of the current page, e.g. `/dashboard?x=1`.
    pub fn current_path() -> String {
        web_sys::window()
            .map(|w| w.location())
            .map(|l| {
                format!(
                    "{}{}{}",
                    l.pathname().unwrap_or_default(),
                    l.search().unwrap_or_default(),
                    l.hash().unwrap_or_default()
                )
            })
            .unwrap_or_else(|| "/".into())
    }

    pub fn random() -> f64 {
        js_sys::Math::random()
    }

    /// 16 bytes from `crypto.getRandomValues` (`Math.random` if missing).
    pub fn random_bytes() -> [u8; 16] {
        let mut b = [0u8; 16];
        let ok = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
        if !ok {
            for x in b.iter_mut() {
                *x = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        b
    }

    /// Moves keyboard focus to the element with this id, if any.
    pub fn focus(id: &str) {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }

    /// Scrolls the element with this id into view (nearest edge), if any.
    pub fn scroll_into_view(id: &str) {
        if let Some(el) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
        {
            el.scroll_into_view_with_bool(false);
        }
    }

    /// The reader's time zone: minutes east of UTC (420 in Vietnam).
    pub fn utc_offset_minutes() -> i64 {
        -(js_sys::Date::new_0().get_timezone_offset() as i64)
    }

    /// Puts `text` on the clipboard; says whether it worked.
    pub async fn copy_text(text: &str) -> bool {
        let Some(w) = web_sys::window() else { return false };
        wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(text))
            .await
            .is_ok()
    }

    /// Whether the page is shown (Page Visibility API); true if unknown.
    pub fn page_visible() -> bool {
        web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn local_get(_: &str) -> Option<String> {
        None
    }
    pub fn local_set(_: &str, _: &str) -> bool {
        false
    }
    pub fn local_remove(_: &str) {}
    pub fn session_get(_: &str) -> Option<String> {
        None
    }
    pub fn session_set(_: &str, _: &str) -> bool {
        false
    }
    pub fn session_remove(_: &str) {}
    pub fn now_ms() -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0)
    }
    pub fn set_document_lang(_: &str) {}
    pub fn set_title(_: &str) {}
    pub fn current_path() -> String {
        "/".into()
    }
    pub fn random() -> f64 {
        0.5
    }
    pub fn random_bytes() -> [u8; 16] {
        let t = now_ms() as u128;
        t.to_le_bytes()
    }
    pub fn focus(_: &str) {}
    pub fn scroll_into_view(_: &str) {}
    pub fn utc_offset_minutes() -> i64 {
        0
    }
    pub async fn copy_text(_: &str) -> bool {
        false
    }
    pub fn page_visible() -> bool {
        true
    }
}

pub use imp::*;

pub fn now_secs() -> i64 {
    (now_ms() / 1000.0) as i64
}
