//! A labelled, searchable select (ARIA 1.2 combobox with a listbox popup)
//! for long lists: typing filters the options with Vietnamese diacritics
//! and case ignored ("ben nghe" finds "Phường Bến Nghé"); arrows move,
//! Enter picks, Escape closes; leaving the field with an exact name picks
//! it, anything else restores the current choice. With `free_text` on (an
//! empty list) it is a plain text input.
//!
//! The ranking is the pure [`search`], host-tested.

use crate::i18n::{t, t_with, tr};
use crate::api::location::without_division;
use crate::util::fold;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// How many matches are shown at once (type more to narrow).
pub const SHOWN: usize = 60;

/// The options matching `query`, best first, at most `limit` of them, and
/// how many match in all. Every word of the query must begin a word of
/// the name, diacritics and case ignored ("ben nghe" finds "Phường Bến
/// Nghé", "1" finds "Quận 1" and "Quận 12"). An exact name comes first,
/// then names starting with the query (also after a division word like
/// "Phường"), then the rest; ties keep the list's order. An empty query
/// matches everything in order.
pub fn search(labels: &[String], query: &str, limit: usize) -> (Vec<usize>, usize) {
    let q = fold(query);
    if q.is_empty() {
        return ((0..labels.len().min(limit)).collect(), labels.len());
    }
    let words: Vec<&str> = q.split(' ').collect();
    let mut hits: Vec<(u8, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let f = fold(label);
            if !words.iter().all(|w| f.split(' ').any(|x| x.starts_with(w))) {
                return None;
            }
            let rest = without_division(&f);
            let rank = if f == q || rest == q {
                0
            } else if f.starts_with(&q) || rest.starts_with(&q) {
                1
            } else {
                2
            };
            Some((rank, i))
        })
        .collect();
    hits.sort_unstable();
    let total = hits.len();
    (hits.into_iter().take(limit).map(|(_, i)| i).collect(), total)
}

/// A searchable select. `options` are (value, label) pairs; `value` holds
/// the chosen value; `on_pick` receives a new choice (the owner sets
/// `value`, e.g. clearing dependent fields too). `label` and `hint` are
/// i18n keys; `name` is the API field fed, so the input's id is `f-<name>`.
#[component]
pub fn SearchSelect(
    label: &'static str,
    name: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
    on_pick: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// A plain text input instead (the list is empty: nothing to choose).
    #[prop(into, optional)]
    free_text: Signal<bool>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    /// Extra described-by target (a loading or error line below).
    #[prop(optional)]
    status_id: Option<String>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let list_id = format!("{id}-list");
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let query = RwSignal::new(String::new());
    let editing = RwSignal::new(false);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    let labels = Memo::new(move |_| options.with(|o| o.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>()));
    let shown_label = move || {
        let v = value.get();
        options.with(|o| o.iter().find(|(val, _)| *val == v).map(|(_, l)| l.clone())).unwrap_or(v)
    };
    let results = Memo::new(move |_| {
        let q = if editing.get() { query.get() } else { String::new() };
        labels.with(|l| search(l, &q, SHOWN))
    });

    let pick = move |i: usize| {
        let chosen = options.with_untracked(|o| o.get(i).map(|(v, _)| v.clone()));
        if let Some(v) = chosen {
            on_pick.run(v);
        }
        editing.set(false);
        open.set(false);
        active.set(None);
    };
    // Leaving the field: an exact name is a choice; an emptied optional
    // field clears it; anything else restores the current choice.
    let commit = move || {
        if editing.get_untracked() {
            let q = fold(&query.get_untracked());
            let exact = labels.with_untracked(|l| l.iter().position(|x| fold(x) == q));
            match exact {
                Some(i) if !q.is_empty() => pick(i),
                _ if q.is_empty() => on_pick.run(String::new()),
                _ => {}
            }
        }
        editing.set(false);
        open.set(false);
        active.set(None);
    };
    let on_key = move |ev: KeyboardEvent| {
        if free_text.get_untracked() {
            return;
        }
        let n = results.with_untracked(|(r, _)| r.len());
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1).min(n.saturating_sub(1)))));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = a.map(|i| i.saturating_sub(1)));
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default(); // never submits the form
                let at = active.get_untracked().or((n == 1).then_some(0));
                if let Some(i) = at.and_then(|a| results.with_untracked(|(r, _)| r.get(a).copied())) {
                    pick(i);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                editing.set(false);
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if let Some(s) = &status_id {
                ids.push(s.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let combo = move || !free_text.get();
    let expanded = move || combo().then(|| if open.get() { "true" } else { "false" });
    let opt_id = move |i: usize| format!("f-{name}-o{i}");
    let active_desc = move || (open.get() && combo()).then(|| active.get().map(opt_id)).flatten();
    // Keep the highlighted option in view.
    Effect::new(move |_| {
        if let Some(i) = active.get() {
            crate::browser::scroll_into_view(&opt_id(i));
        }
    });

    view! {
        <div class="field combo" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>
                {tr(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{tr(hint)}</p> })}
            <input
                id=id.clone()
                name=name
                type="text"
                role=move || combo().then_some("combobox")
                aria-autocomplete=move || combo().then_some("list")
                aria-expanded=expanded
                aria-controls=move || combo().then(|| list_id.clone())
                aria-activedescendant=active_desc
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                autocomplete=if autocomplete.is_empty() { "off" } else { autocomplete }
                spellcheck="false"
                disabled=move || disabled.get()
                prop:value=move || if editing.get() && combo() { query.get() } else { shown_label() }
                on:focus=move |_| {
                    if combo() {
                        open.set(true);
                    }
                }
                on:click=move |_| {
                    if combo() {
                        open.set(true);
                    }
                }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    if free_text.get_untracked() {
                        on_pick.run(text);
                    } else {
                        query.set(text);
                        editing.set(true);
                        open.set(true);
                        active.set(None);
                    }
                }
                on:keydown=on_key
                on:blur=move |_| commit()
            />
            <Show when=move || open.get() && combo() && !disabled.get()>
                <ul class="combo-list" id=format!("{id}-list") role="listbox" aria-label=tr(label)>
                    {move || {
                        let (hits, total) = results.get();
                        let current = value.get();
                        let rows = hits
                            .iter()
                            .enumerate()
                            .map(|(pos, &i)| {
                                let (val, text) = options.with(|o| o.get(i).cloned()).unwrap_or_default();
                                let selected = val == current;
                                view! {
                                    <li
                                        id=opt_id(pos)
                                        role="option"
                                        class="combo-opt"
                                        class:active=move || active.get() == Some(pos)
                                        aria-selected=if selected { "true" } else { "false" }
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| pick(i)
                                    >
                                        {text}
                                    </li>
                                }
                            })
                            .collect_view();
                        let note = if total == 0 {
                            Some(t("combo.none"))
                        } else if total > hits.len() {
                            Some(t_with("combo.more", &[("shown", &hits.len().to_string()), ("total", &total.to_string())]))
                        } else {
                            None
                        };
                        view! {
                            {rows}
                            {note.map(|n| view! { <li class="combo-note" role="presentation">{n}</li> })}
                        }
                    }}
                </ul>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn found(list: &[String], q: &str) -> Vec<String> {
        search(list, q, SHOWN).0.into_iter().map(|i| list[i].clone()).collect()
    }

    #[test]
    fn diacritics_and_case_are_ignored() {
        let wards = labels(&["Phường Tân Định", "Phường Đa Kao", "Phường Bến Nghé", "Phường Bến Thành"]);
        assert_eq!(found(&wards, "ben nghe"), ["Phường Bến Nghé"]);
        assert_eq!(found(&wards, "BẾN NGHÉ"), ["Phường Bến Nghé"]);
        assert_eq!(found(&wards, "da kao"), ["Phường Đa Kao"]);
        assert_eq!(found(&wards, "ben"), ["Phường Bến Nghé", "Phường Bến Thành"]);
        assert_eq!(found(&wards, "nghe ben"), ["Phường Bến Nghé"], "words in any order");
        assert_eq!(found(&wards, "ghe"), Vec::<String>::new(), "words match from their start");
        assert!(found(&wards, "hai chau").is_empty());
    }

    #[test]
    fn best_matches_first() {
        let list = labels(&["Quận 12", "Quận Bình Thạnh", "Quận 1", "Huyện Cần Giờ", "Quận 10"]);
        assert_eq!(found(&list, "quan 1"), ["Quận 1", "Quận 12", "Quận 10"]);
        assert_eq!(found(&list, "1"), ["Quận 1", "Quận 12", "Quận 10"]);
        let provinces = labels(&["Thành phố Hà Nội", "Tỉnh Hà Giang", "Thành phố Hồ Chí Minh", "Tỉnh Hà Nam"]);
        assert_eq!(found(&provinces, "ha"), ["Thành phố Hà Nội", "Tỉnh Hà Giang", "Tỉnh Hà Nam"]);
        assert_eq!(found(&provinces, "ha nam"), ["Tỉnh Hà Nam"]);
        assert_eq!(found(&provinces, "ho chi"), ["Thành phố Hồ Chí Minh"]);
    }

    #[test]
    fn long_lists_are_capped_with_a_total() {
        let many: Vec<String> = (0..5000).map(|i| format!("Phường Số {i}")).collect();
        let (shown, total) = search(&many, "phuong", SHOWN);
        assert_eq!((shown.len(), total), (SHOWN, 5000));
        let (shown, total) = search(&many, "4999", SHOWN);
        assert_eq!((shown, total), (vec![4999], 1));
        let (shown, total) = search(&many, "", 10);
        assert_eq!((shown.len(), total), (10, 5000));
    }
}
