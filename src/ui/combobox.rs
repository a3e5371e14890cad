//! A labelled select for long lists that can be searched by typing: a
//! filter box (shown when the list is long) narrows a native `<select>` with
//! Vietnamese diacritics and case ignored ("ben nghe" finds "Phường Bến
//! Nghé"); when the filter leaves a single option, it is chosen. The native
//! select keeps keyboard, screen-reader and phone pickers working as users
//! expect. With `free_text` on (the list is empty) it is a text input.
//!
//! The ranking is the pure [`search`], host-tested.

use crate::i18n::{t, t_with, tr};
use crate::places::without_division;
use crate::ui::erase::dyn_view;
use crate::util::fold;
use leptos::prelude::*;

/// How many options the select shows at once (type to narrow).
pub const SHOWN: usize = 300;
/// Lists longer than this get a filter box.
pub const FILTER_FROM: usize = 12;

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
    crate::util::sort_with(&mut hits, &|a, b| a.cmp(b));
    let total = hits.len();
    (hits.into_iter().take(limit).map(|(_, i)| i).collect(), total)
}

/// A searchable select. `options` are (value, label) pairs; `value` holds
/// the chosen value; `on_pick` receives a new choice (the owner sets
/// `value`, e.g. clearing dependent fields too). `label` is an i18n key;
/// `name` is the API field fed, so the control's id is `f-<name>`.
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
    /// Extra described-by target (a loading or error line below).
    #[prop(optional)]
    status_id: Option<String>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-err");
    let query = RwSignal::new(String::new());
    let searchable =
        Signal::derive(move || !free_text.get() && options.with(|o| o.len() > FILTER_FROM));
    let described = Signal::derive({
        let err_id = err_id.clone();
        move || {
            let mut ids: Vec<String> = status_id.iter().cloned().collect();
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    });
    let invalid = Signal::derive(move || error.get().is_some().then_some("true"));
    let labels =
        Memo::new(move |_| options.with(|o| o.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>()));
    // Typing in the filter: a single match is chosen at once.
    let on_filter = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        query.set(q.clone());
        let (hits, total) = labels.with_untracked(|l| search(l, &q, 2));
        if total == 1 && !q.trim().is_empty() {
            let chosen = hits
                .first()
                .and_then(|&i| options.with_untracked(|o| o.get(i).map(|(v, _)| v.clone())));
            if let Some(v) = chosen.filter(|v| *v != value.get_untracked()) {
                on_pick.run(v);
            }
        }
    };
    let control = {
        let (id, described) = (id.clone(), described);
        dyn_view(move || {
            let ac = if autocomplete.is_empty() { "off" } else { autocomplete };
            if free_text.get() {
                return view! {
                    <input
                        id=id.clone() name=name type="text" autocomplete=ac
                        aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described
                        prop:value=value on:input=move |ev| on_pick.run(event_target_value(&ev))
                    />
                }
                .into_any();
            }
            let opts = dyn_view(move || {
                let q = query.get();
                let current = value.get();
                let (hits, total) = labels.with(|l| search(l, &q, SHOWN));
                let mut rows: Vec<(String, String)> =
                    options.with(|o| hits.iter().filter_map(|&i| o.get(i).cloned()).collect());
                // The current choice stays selectable even when filtered out.
                if !current.is_empty() && !rows.iter().any(|(v, _)| *v == current) {
                    let label = options
                        .with(|o| o.iter().find(|(v, _)| *v == current).map(|(_, l)| l.clone()));
                    rows.insert(0, (current.clone(), label.unwrap_or_else(|| current.clone())));
                }
                let head = if total == 0 && !q.trim().is_empty() {
                    t("combo.none")
                } else if total > hits.len() {
                    t_with(
                        "combo.more",
                        &[("shown", &hits.len().to_string()), ("total", &total.to_string())],
                    )
                } else {
                    t("combo.choose")
                };
                view! {
                    <option value="" selected=current.is_empty()>{head}</option>
                    {rows
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()}
                }
                .into_any()
            });
            view! {
                <select
                    id=id.clone() name=name autocomplete=ac disabled=disabled
                    aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described
                    on:change=move |ev| on_pick.run(event_target_value(&ev))
                >
                    {opts}
                </select>
            }
            .into_any()
        })
    };
    view! {
        <div class="field pick" class:field-invalid=Signal::derive(move || error.get().is_some())>
            <label for=id.clone()>
                {tr(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            <input
                type="search"
                class="pick-filter"
                id=format!("{id}-filter")
                aria-label=Signal::derive(move || t_with("combo.filter", &[("label", &t(label))]))
                aria-controls=id.clone()
                placeholder=Signal::derive(|| t("combo.placeholder"))
                autocomplete="off"
                spellcheck="false"
                hidden=Signal::derive(move || !searchable.get())
                disabled=disabled
                prop:value=query
                on:input=on_filter
            />
            {control}
            {dyn_view(move || match error.get() {
                Some(e) => view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> }.into_any(),
                None => ().into_any(),
            })}
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
        let wards =
            labels(&["Phường Tân Định", "Phường Đa Kao", "Phường Bến Nghé", "Phường Bến Thành"]);
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
        let provinces =
            labels(&["Thành phố Hà Nội", "Tỉnh Hà Giang", "Thành phố Hồ Chí Minh", "Tỉnh Hà Nam"]);
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
