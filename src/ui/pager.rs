//! Paging for long lists: pure arithmetic plus a small, labelled control.

use crate::i18n::{t_with, tr};
use leptos::prelude::*;

/// Number of pages for `len` items, `per` a page (at least one page).
pub fn page_count(len: usize, per: usize) -> usize {
    len.div_ceil(per.max(1)).max(1)
}

/// The index range of page `page` (0-based, clamped to the last page).
pub fn page_range(len: usize, per: usize, page: usize) -> std::ops::Range<usize> {
    let per = per.max(1);
    let page = page.min(page_count(len, per) - 1);
    let start = (page * per).min(len);
    start..(start + per).min(len)
}

/// A list's summary line: `showing` (an i18n key with `{from}`, `{to}`,
/// `{total}`) for the rows of page `page`, or `none` when no row matches.
pub fn summary(showing: &str, none: &str, len: usize, per: usize, page: usize) -> String {
    if len == 0 {
        return crate::i18n::t(none);
    }
    let range = page_range(len, per, page);
    t_with(
        showing,
        &[
            ("from", &(range.start + 1).to_string()),
            ("to", &range.end.to_string()),
            ("total", &len.to_string()),
        ],
    )
}

/// A paged list: its summary ("Showing 1–50 of 120", announced), the rows
/// of the page (the children) and the [`Pager`].
#[component]
pub fn Paged(
    #[prop(into)] summary: Signal<String>,
    /// `data-testid` of the summary line (none when empty).
    #[prop(optional)]
    testid: &'static str,
    page: RwSignal<usize>,
    #[prop(into)] len: Signal<usize>,
    per: usize,
    children: Children,
) -> impl IntoView {
    view! {
        <p class="muted list-summary" aria-live="polite" data-testid=(!testid.is_empty()).then_some(testid)>{summary}</p>
        {children()}
        <Pager page=page len=len per=per/>
    }
}

/// "Previous / page x of y / Next", hidden when everything fits one page.
#[component]
pub fn Pager(page: RwSignal<usize>, #[prop(into)] len: Signal<usize>, per: usize) -> impl IntoView {
    let pages = move || page_count(len.get(), per);
    let current = move || page.get().min(pages() - 1);
    view! {
        <Show when=move || { pages() > 1 }>
            <nav class="pager" aria-label=tr("ui.pages")>
                <button type="button" class="btn btn-secondary" disabled=move || current() == 0 on:click=move |_| page.set(current().saturating_sub(1))>
                    {tr("ui.previous")}
                </button>
                <span class="pager-pos" aria-live="polite">
                    {move || t_with("ui.page_of", &[("page", &(current() + 1).to_string()), ("pages", &pages().to_string())])}
                </span>
                <button type="button" class="btn btn-secondary" disabled=move || { current() + 1 >= pages() } on:click=move |_| page.set(current() + 1)>
                    {tr("ui.next")}
                </button>
            </nav>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_range(120, 50, 0), 0..50);
        assert_eq!(page_range(120, 50, 2), 100..120);
        assert_eq!(page_range(120, 50, 9), 100..120);
        assert_eq!(page_range(0, 50, 3), 0..0);
    }
}
