//! The zone's records: a filter (text and type), a sort and pages of 50.
//!
//! Speed (2,000 records, under 50 ms a keystroke): each record's folded
//! search key is made once when the records change ([`prepare`]); the sort
//! runs when the records or the sort change, not per keystroke; a keystroke
//! folds the query once and runs a `contains` per row over the sorted
//! order; only the visible page is drawn, as plain markup with fixed texts
//! (the same approach as `/services` and `/domains`).

use super::Ctx;
use crate::dns::{full_name, Record, RecordType};
use crate::i18n::{t, tr};
use crate::ui::choice::SelectField;
use crate::ui::erase::{dyn_view, effect};
use crate::ui::pager::{self, page_range, Paged};
use crate::ui::table::plain_table;
use crate::util::fold;
use leptos::prelude::*;
use std::cmp::Ordering;

/// Rows a page.
pub const PER_PAGE: usize = 50;

/// The orders the table offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// The server's order.
    Listed,
    Name,
    Type,
    Ttl,
    Content,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Listed, Sort::Name, Sort::Type, Sort::Ttl, Sort::Content];
    pub fn code(self) -> &'static str {
        match self {
            Sort::Listed => "listed",
            Sort::Name => "name",
            Sort::Type => "type",
            Sort::Ttl => "ttl",
            Sort::Content => "content",
        }
    }
    pub fn from_code(s: &str) -> Sort {
        Sort::ALL.into_iter().find(|x| x.code() == s).unwrap_or(Sort::Listed)
    }
    fn key(self) -> &'static str {
        match self {
            Sort::Listed => "dns.sort_listed",
            Sort::Name => "dns.sort_name",
            Sort::Type => "dns.sort_type",
            Sort::Ttl => "dns.sort_ttl",
            Sort::Content => "dns.sort_content",
        }
    }
}

/// The folded search key of each record (name, full name, type, content).
pub fn prepare(records: &[Record], zone: &str) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            fold(&format!(
                "{} {} {} {}",
                r.name,
                full_name(&r.name, zone),
                r.rtype.as_str(),
                r.content
            ))
        })
        .collect()
}

/// The records' indices in `sort` order (ties keep the server's order;
/// the apex `@` first among names).
pub fn sorted(records: &[Record], sort: Sort) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..records.len()).collect();
    let by_name = |a: &Record, b: &Record| -> Ordering {
        match (a.name == "@", b.name == "@") {
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            _ => a.name.cmp(&b.name),
        }
    };
    let cmp = |&i: &usize, &j: &usize| -> Ordering {
        let (a, b) = (&records[i], &records[j]);
        match sort {
            Sort::Listed => Ordering::Equal,
            Sort::Name => by_name(a, b).then_with(|| a.rtype.cmp(&b.rtype)),
            Sort::Type => a.rtype.as_str().cmp(b.rtype.as_str()).then_with(|| by_name(a, b)),
            Sort::Ttl => a.ttl.cmp(&b.ttl).then_with(|| by_name(a, b)),
            Sort::Content => a.content.to_lowercase().cmp(&b.content.to_lowercase()),
        }
    };
    idx.sort_by(cmp);
    idx
}

/// The rows of `order` whose key holds `text` (folded) and whose type is
/// `rtype` ("" for any).
pub fn filter(
    order: &[usize],
    keys: &[String],
    records: &[Record],
    text: &str,
    rtype: &str,
) -> Vec<usize> {
    let q = fold(text);
    order
        .iter()
        .copied()
        .filter(|&i| {
            (rtype.is_empty() || records.get(i).is_some_and(|r| r.rtype.as_str() == rtype))
                && (q.is_empty() || keys.get(i).is_some_and(|k| k.contains(&q)))
        })
        .collect()
}

#[component]
pub fn RecordTable(
    ctx: Ctx,
    on_edit: Callback<Record>,
    on_delete: Callback<Record>,
) -> impl IntoView {
    let zone = ctx.zone_name();
    let text = RwSignal::new(String::new());
    let rtype = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Listed.code().to_string());
    let page = RwSignal::new(0usize);
    let z = zone.clone();
    let keys = Memo::new(move |_| ctx.records.with(|r| prepare(r, &z)));
    let order = Memo::new(move |_| {
        let s = Sort::from_code(&sort.get());
        ctx.records.with(|r| sorted(r, s))
    });
    let shown = Memo::new(move |_| {
        let (q, ty) = (text.get(), rtype.get());
        order.with(|o| keys.with(|k| ctx.records.with(|r| filter(o, k, r, &q, &ty))))
    });
    // A new filter starts at the first page.
    effect(move || {
        text.track();
        rtype.track();
        sort.track();
        page.set(0);
    });
    let type_opts = Signal::derive(move || {
        let mut types: Vec<RecordType> = RecordType::EDITABLE.to_vec();
        ctx.records.with(|r| {
            for x in r {
                if !types.contains(&x.rtype) {
                    types.push(x.rtype.clone());
                }
            }
        });
        std::iter::once((String::new(), t("dns.any_type")))
            .chain(types.into_iter().map(|ty| (ty.as_str().to_owned(), ty.as_str().to_owned())))
            .collect::<Vec<_>>()
    });
    let sort_opts = Signal::derive(|| {
        Sort::ALL.iter().map(|s| (s.code().to_string(), t(s.key()))).collect::<Vec<_>>()
    });
    let summary = move || {
        if ctx.records.with(Vec::is_empty) {
            return String::new();
        }
        pager::summary("dns.showing", "dns.none_match", shown.with(Vec::len), PER_PAGE, page.get())
    };
    let listing = ctx.listing;
    let table = dyn_view(move || {
        let idx = shown.get();
        let range = page_range(idx.len(), PER_PAGE, page.get());
        if ctx.records.with(Vec::is_empty) {
            let key = if listing.get() { "dns.no_records" } else { "dns.no_records_known" };
            return view! { <p class="empty" data-testid="no-records">{t(key)}</p> }.into_any();
        }
        if range.is_empty() {
            return ().into_any();
        }
        let zone = zone.clone();
        ctx.records.with(|r| {
            table_view(idx[range].iter().filter_map(|&i| r.get(i)), &zone, on_edit, on_delete)
        })
    });
    view! {
        <form class="filters record-filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="f-q">{tr("dns.search_records")}</label>
                <input id="f-q" name="q" type="search" autocomplete="off" spellcheck="false"
                    placeholder=tr("dns.search_records_placeholder") bind:value=text/>
            </div>
            <SelectField label="dns.f_type" name="rtype" value=rtype options=type_opts id="f-rec-type".to_string()/>
            <SelectField label="dns.sort" name="sort" value=sort options=sort_opts id="f-rec-sort".to_string()/>
        </form>
        <Paged summary=Signal::derive(summary) testid="record-count" page=page len=Signal::derive(move || shown.with(Vec::len)) per=PER_PAGE>
            {table}
        </Paged>
    }
}

const COLUMNS: [&str; 6] = [
    "dns.col_name",
    "dns.col_type",
    "dns.col_ttl",
    "dns.col_priority",
    "dns.col_content",
    "dns.col_actions",
];

fn table_view<'a>(
    rows: impl Iterator<Item = &'a Record>,
    zone: &str,
    on_edit: Callback<Record>,
    on_delete: Callback<Record>,
) -> AnyView {
    let labels: Vec<String> = COLUMNS.iter().map(|k| t(k)).collect();
    let (edit, delete, no_id, read_only) =
        (t("dns.edit"), t("dns.delete"), t("dns.no_id"), t("dns.read_only"));
    let body = rows
        .map(|r| {
            let full = full_name(&r.name, zone);
            let shown_name = crate::idn::to_unicode(&r.name);
            let prio = if r.rtype.has_priority() { r.priority.to_string() } else { String::new() };
            let actions = if !r.rtype.editable() {
                view! { <span class="muted">{read_only.clone()}</span> }.into_any()
            } else if r.id.is_none() {
                view! { <span class="muted">{no_id.clone()}</span> }.into_any()
            } else {
                let (a, b) = (r.clone(), r.clone());
                let what = format!("{} {}", r.rtype.as_str(), full);
                view! {
                    <div class="row-actions">
                        <button type="button" class="btn btn-ghost" aria-label=format!("{edit} {what}")
                            on:click=move |_| on_edit.run(a.clone())>{edit.clone()}</button>
                        <button type="button" class="btn btn-ghost btn-danger-text" aria-label=format!("{delete} {what}")
                            on:click=move |_| on_delete.run(b.clone())>{delete.clone()}</button>
                    </div>
                }
                .into_any()
            };
            view! {
                <tr>
                    <td data-label=labels[0].clone() title=full><span class="mono">{shown_name}</span></td>
                    <td data-label=labels[1].clone()>{r.rtype.as_str().to_owned()}</td>
                    <td class="num" data-label=labels[2].clone()>{r.ttl.to_string()}</td>
                    <td class="num" data-label=labels[3].clone()>{prio}</td>
                    <td data-label=labels[4].clone()><span class="mono record-content">{r.content.clone()}</span></td>
                    <td data-label=labels[5].clone()>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    plain_table("records-table", "records", t("dns.records"), &labels, &[2, 3], body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(name: &str, ty: &str, ttl: u32, content: &str) -> Record {
        Record {
            id: Some(name.into()),
            name: name.into(),
            rtype: RecordType::parse(ty),
            ttl,
            priority: 0,
            content: content.into(),
        }
    }

    fn zone() -> Vec<Record> {
        vec![
            rec("www", "CNAME", 3600, "bkns-demo.vn"),
            rec("@", "A", 300, "103.28.36.10"),
            rec("mail", "A", 86400, "103.28.36.12"),
            rec("@", "TXT", 3600, "v=spf1 mx ~all"),
        ]
    }

    #[test]
    fn sorting_keeps_the_apex_first_and_ties_in_order() {
        let r = zone();
        assert_eq!(sorted(&r, Sort::Listed), [0, 1, 2, 3]);
        assert_eq!(sorted(&r, Sort::Name), [1, 3, 2, 0]);
        assert_eq!(sorted(&r, Sort::Type), [1, 2, 0, 3]);
        assert_eq!(sorted(&r, Sort::Ttl), [1, 3, 0, 2]);
        assert_eq!(sorted(&r, Sort::Content), [1, 2, 0, 3]);
        assert_eq!(Sort::from_code("ttl"), Sort::Ttl);
        assert_eq!(Sort::from_code("junk"), Sort::Listed);
    }

    #[test]
    fn the_filter_matches_names_types_and_contents() {
        let r = zone();
        let keys = prepare(&r, "bkns-demo.vn");
        let order = sorted(&r, Sort::Listed);
        assert_eq!(filter(&order, &keys, &r, "", ""), [0, 1, 2, 3]);
        assert_eq!(filter(&order, &keys, &r, "103.28", ""), [1, 2]);
        assert_eq!(filter(&order, &keys, &r, "", "A"), [1, 2]);
        assert_eq!(filter(&order, &keys, &r, "mail.bkns-demo", ""), [2], "the full name");
        assert_eq!(filter(&order, &keys, &r, "SPF", "TXT"), [3]);
        assert!(filter(&order, &keys, &r, "spf", "A").is_empty());
    }
}
