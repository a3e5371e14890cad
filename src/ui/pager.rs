//! Client-side paging for lists the API returns whole (HostBill's User API
//! documents no paging): the page arithmetic (pure, host-tested) and a
//! Previous / "page 2 of 5" / Next bar.

use crate::i18n::{t_with, tr};
use leptos::prelude::*;
use std::ops::Range;

/// How many pages `total` items make (at least one).
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `page` (0-based, clamped to the last page).
pub fn page_range(total: usize, per_page: usize, page: usize) -> Range<usize> {
    let per = per_page.max(1);
    let page = page.min(page_count(total, per) - 1);
    let start = (page * per).min(total);
    start..(start + per).min(total)
}

/// The paging bar; nothing when everything fits on one page. `page` is
/// 0-based and owned by the list; `total` is the number of items.
#[component]
pub fn Pager(page: RwSignal<usize>, total: usize, per_page: usize) -> impl IntoView {
    let pages = page_count(total, per_page);
    if pages < 2 {
        return ().into_any();
    }
    let current = move || page.get().min(pages - 1);
    view! {
        <nav class="pager" aria-label=tr("pager.label")>
            <button
                type="button"
                class="btn btn-secondary"
                disabled=Signal::derive(move || current() == 0)
                on:click=move |_| page.set(current().saturating_sub(1))
            >
                {tr("pager.prev")}
            </button>
            <span class="pager-pos" aria-live="polite">
                {Signal::derive(move || t_with("pager.position", &[("page", &(current() + 1).to_string()), ("pages", &pages.to_string())]))}
            </span>
            <button
                type="button"
                class="btn btn-secondary"
                disabled=Signal::derive(move || current() + 1 >= pages)
                on:click=move |_| page.set((current() + 1).min(pages - 1))
            >
                {tr("pager.next")}
            </button>
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(23, 10), 3);
        assert_eq!(page_range(23, 10, 0), 0..10);
        assert_eq!(page_range(23, 10, 2), 20..23);
        assert_eq!(page_range(23, 10, 9), 20..23, "clamped to the last page");
        assert_eq!(page_range(0, 10, 0), 0..0);
        assert_eq!(page_range(5, 0, 0), 0..1, "a zero page size counts as one");
    }
}
