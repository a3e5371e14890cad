//! One level of the address cascade (country, state, city or ward): a
//! searchable list of its places and a status line (waiting for the level
//! above, loading, failed with a retry, or "type it" when the server has no
//! list). It takes the level's state and callbacks; the loading and the
//! wiring of the four levels are `forms::address::AddressCascade`'s.

use crate::i18n::tr;
use crate::places::Place;
use crate::ui::combobox::SearchSelect;
use crate::ui::erase::dyn_view;
use crate::ui::error_text;
use crate::vocab::ApiError;
use leptos::prelude::*;

/// What one level can show.
#[derive(Clone, Debug, PartialEq)]
pub enum Level {
    /// The level above has no value yet.
    NeedParent,
    Loading,
    Failed(ApiError),
    Ready(Vec<Place>),
}

/// One level: the searchable list of its places (a text field when the
/// server has none), and under it what the level is waiting for, its
/// loading line, or its error with `retry`. Picking calls `on_pick`.
#[component]
pub fn AddressLevel(
    label: &'static str,
    name: &'static str,
    autocomplete: &'static str,
    required: bool,
    level: Signal<Level>,
    model_value: RwSignal<String>,
    retry: Callback<()>,
    on_pick: Callback<String>,
    error: Signal<Option<String>>,
    /// i18n key of the hint shown while the level above is empty.
    need_parent: &'static str,
    /// i18n key of the loading line.
    loading: &'static str,
    #[prop(optional)] country: bool,
) -> impl IntoView {
    let status_id = format!("f-{name}-status");
    let options = Signal::derive(move || match level.get() {
        Level::Ready(list) => list
            .into_iter()
            .map(|p| {
                let value = if country { p.country_code().to_owned() } else { p.name.clone() };
                (value, p.name)
            })
            .collect(),
        _ => Vec::new(),
    });
    let free_text = Signal::derive(move || matches!(level.get(), Level::Ready(l) if l.is_empty()));
    let disabled = Signal::derive(move || !matches!(level.get(), Level::Ready(_)));
    let sid = status_id.clone();
    let status = dyn_view(move || {
        let sid = sid.clone();
        match level.get() {
            Level::NeedParent if !country => view! { <p class="hint level-status" id=sid>{tr(need_parent)}</p> }.into_any(),
            Level::Loading | Level::NeedParent => view! {
                <p class="loading level-status" id=sid role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    {tr(loading)}
                </p>
            }
            .into_any(),
            Level::Failed(e) => view! {
                <div class="level-status level-error" id=sid role="alert">
                    <span>{error_text(&e)}</span>
                    <button type="button" class="btn btn-secondary btn-small" on:click=move |_| retry.run(())>
                        {tr("common.retry")}
                    </button>
                </div>
            }
            .into_any(),
            Level::Ready(list) if list.is_empty() => view! { <p class="hint level-status" id=sid>{tr("address.free_text")}</p> }.into_any(),
            Level::Ready(_) => view! { <span id=sid hidden></span> }.into_any(),
        }
    });
    view! {
        <div class="address-level">
            <SearchSelect
                label=label name=name options=options value=model_value on_pick=on_pick error=error
                disabled=disabled free_text=free_text required=required autocomplete=autocomplete
                status_id=status_id.clone()
            />
            {status}
        </div>
    }
}
