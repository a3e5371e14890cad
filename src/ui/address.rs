//! One level of the address cascade (country, state, city or ward): a
//! searchable list of its places and a status line (waiting for the level
//! above, loading, failed with a retry, or "type it" when no list can be
//! asked for), or, for a level the server has no entries for, a line that
//! says it does not apply. It takes the level's state and callbacks; the
//! loading and the wiring of the four levels are
//! `forms::address::AddressCascade`'s.

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
    /// The places to choose from (never empty below the country).
    Ready(Vec<Place>),
    /// No list can be asked for (the level above was skipped, or is typed
    /// by hand): a text field.
    FreeText,
    /// The server answered this level with an empty list (Việt Nam's 2025
    /// units have no district): not applicable, nothing to fill in.
    Skipped,
}

/// One level: the searchable list of its places (a text field when no list
/// can be asked for), and under it what the level is waiting for, its
/// loading line, or its error with `retry`. Picking calls `on_pick`. A
/// skipped level shows only its name and `skipped` (an i18n key): no
/// control, so nothing is asked of the user.
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
    /// i18n key of the line shown when the level does not apply.
    #[prop(optional)]
    skipped: &'static str,
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
    let free = |l: &Level| match l {
        Level::FreeText => true,
        Level::Ready(list) => list.is_empty(),
        _ => false,
    };
    let free_text = Signal::derive(move || level.with(free));
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
            l if free(&l) => view! { <p class="hint level-status" id=sid>{tr("address.free_text")}</p> }.into_any(),
            Level::Ready(_) | Level::FreeText | Level::Skipped => view! { <span id=sid hidden></span> }.into_any(),
        }
    });
    let is_skipped = Signal::derive(move || level.with(|l| *l == Level::Skipped));
    let not_applicable = (!skipped.is_empty()).then(|| {
        view! {
            <div class="address-level level-skipped" data-level=name hidden=Signal::derive(move || !is_skipped.get())>
                <p class="field-label">{tr(label)}</p>
                <p class="hint level-status">{tr(skipped)}</p>
            </div>
        }
    });
    view! {
        {not_applicable}
        <div class="address-level" hidden=is_skipped>
            <SearchSelect
                label=label name=name options=options value=model_value on_pick=on_pick error=error
                disabled=disabled free_text=free_text required=required autocomplete=autocomplete
                status_id=status_id.clone()
            />
            {status}
        </div>
    }
}
