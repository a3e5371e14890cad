//! Adding many records: a mail service's preset, or records imported from
//! pasted BIND zone-file text. The records are shown first, each with the
//! page's checks (against the zone and the records before it); then the
//! good ones are added one by one with progress, stopping at the first
//! refusal and saying which were added.

use super::{Ctx, Panel};
use crate::api::dns as api;
use crate::dns::bind::parse_zone;
use crate::dns::presets::Preset;
use crate::dns::{check, full_name, Draft, Record};
use crate::i18n::{t, t_with, tr};
use crate::pages::dns::{progress_text, refusal_text};
use crate::ui::erase::dyn_view;
use leptos::prelude::*;

/// One record to add: where it came from (a line number, or nothing for a
/// preset) and the record, or what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub line: Option<usize>,
    /// The line's text (import) or the record's (preset), as shown.
    pub source: String,
    pub outcome: Result<Record, String>,
}

/// Checks drafts in order against the zone's records and the good drafts
/// before them (so two imported CNAMEs of one name conflict).
pub fn check_all(
    drafts: Vec<(Option<usize>, String, Result<Draft, String>)>,
    zone: &str,
    records: &[Record],
) -> Vec<Item> {
    let mut known: Vec<Record> = records.to_vec();
    drafts
        .into_iter()
        .map(|(line, source, d)| {
            let outcome = d.and_then(|d| {
                check(&d, zone, &known, None).map_err(|errs| {
                    errs.iter().map(|e| t(e.problem.key())).collect::<Vec<_>>().join(" ")
                })
            });
            if let Ok(r) = &outcome {
                known.push(r.clone());
            }
            Item { line, source, outcome }
        })
        .collect()
}

/// How a run of adds ended.
#[derive(Clone, Debug, PartialEq)]
enum Run {
    Idle,
    Adding {
        done: usize,
        total: usize,
    },
    /// Every record added.
    Done {
        added: Vec<String>,
    },
    /// Stopped at a record: what was added before, and why.
    Stopped {
        added: Vec<String>,
        at: String,
        why: String,
    },
}

fn describe(r: &Record, zone: &str) -> String {
    let prio = if r.rtype.has_priority() { format!(" {}", r.priority) } else { String::new() };
    format!("{} {}{} {}", full_name(&r.name, zone), r.rtype.as_str(), prio, r.content)
}

/// The preview of items and the button that adds the good ones.
#[component]
fn BulkAdd(ctx: Ctx, items: Vec<Item>) -> impl IntoView {
    let zone = ctx.zone_name();
    let good: Vec<Record> = items.iter().filter_map(|i| i.outcome.clone().ok()).collect();
    let bad = items.len() - good.len();
    let run = RwSignal::new(Run::Idle);
    let good = StoredValue::new(good);
    let z = zone.clone();
    let start = move |_| {
        if matches!(run.get_untracked(), Run::Adding { .. }) {
            return;
        }
        let list = good.get_value();
        let zone = z.clone();
        leptos::task::spawn_local(async move {
            let (s, zid) = (ctx.service.get_value(), ctx.zone.get_value());
            let total = list.len();
            let mut added = Vec::new();
            for r in &list {
                let _ = run.try_set(Run::Adding { done: added.len(), total });
                match api::add_record(&s, &zid, &zone, r).await {
                    Ok(_) => {
                        ctx.keep_added(Record { id: None, ..r.clone() });
                        added.push(describe(r, &zone));
                    }
                    Err(e) => {
                        let why =
                            if e.outcome_unknown() { t("dns.bulk_lost") } else { refusal_text(&e) };
                        ctx.note_refusal(&e);
                        let _ = run.try_set(Run::Stopped { added, at: describe(r, &zone), why });
                        ctx.reread().await;
                        return;
                    }
                }
            }
            let _ = run.try_set(Run::Done { added });
            ctx.reread().await;
        });
    };
    let rows = items
        .iter()
        .map(|i| {
            let (what, problem) = match &i.outcome {
                Ok(r) => (describe(r, &zone), None),
                Err(p) => (i.source.clone(), Some(p.clone())),
            };
            let is_bad = problem.is_some();
            view! {
                <tr class:row-bad=is_bad>
                    <td data-label=t("dns.col_line")>{i.line.map(|n| n.to_string()).unwrap_or_default()}</td>
                    <td data-label=t("dns.col_record")><span class="mono record-content">{what}</span></td>
                    <td data-label=t("dns.col_check")>
                        {match problem {
                            None => view! { <span class="badge badge-ok">{t("dns.ok")}</span> }.into_any(),
                            Some(p) => view! { <span class="field-error">{p}</span> }.into_any(),
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let n = good.with_value(Vec::len);
    let summary =
        t_with("dns.bulk_summary", &[("good", &n.to_string()), ("bad", &bad.to_string())]);
    let list_of = |added: &[String]| {
        added.iter().map(|a| view! { <li class="mono">{a.clone()}</li> }).collect_view()
    };
    let status = dyn_view(move || {
        match run.get() {
        Run::Idle => ().into_any(),
        Run::Adding { done, total } => view! {
            <div class="bulk-progress" role="status">
                <progress max=total.to_string() value=done.to_string()></progress>
                <span>{progress_text(done, total)}</span>
            </div>
        }
        .into_any(),
        Run::Done { added } => view! {
            <div class="alert alert-ok" role="status" data-testid="bulk-done">
                <p>{t_with("dns.bulk_done", &[("n", &added.len().to_string())])}</p>
                <ul>{list_of(&added)}</ul>
            </div>
        }
        .into_any(),
        Run::Stopped { added, at, why } => view! {
            <div class="alert alert-error" role="alert" data-testid="bulk-stopped">
                <p>{t_with("dns.bulk_stopped", &[("record", &at), ("n", &added.len().to_string())])}</p>
                <p>{why}</p>
                <ul>{list_of(&added)}</ul>
            </div>
        }
        .into_any(),
    }
    });
    let busy = move || matches!(run.get(), Run::Adding { .. });
    let finished = move || matches!(run.get(), Run::Done { .. } | Run::Stopped { .. });
    view! {
        {crate::ui::table::plain_table(
            "bulk-table",
            "bulk-preview",
            t("dns.bulk_preview"),
            &[t("dns.col_line"), t("dns.col_record"), t("dns.col_check")],
            &[],
            rows,
        )}
        <p class="muted">{summary}</p>
        {status}
        <div class="form-actions">
            <button type="button" class="btn btn-primary" data-testid="bulk-add"
                disabled=move || n == 0 || busy() || finished() aria-busy=move || busy().to_string()
                on:click=start>
                {t_with("dns.bulk_add", &[("n", &n.to_string())])}
            </button>
            <button type="button" class="btn btn-secondary" disabled=busy on:click=move |_| ctx.panel.set(Panel::Closed)>
                {move || t(if finished() { "dns.close" } else { "ui.cancel" })}
            </button>
        </div>
    }
}

/// The mail presets: pick one, see its records, add them.
#[component]
pub fn Presets(ctx: Ctx) -> impl IntoView {
    let chosen = RwSignal::new(None::<Preset>);
    let zone = ctx.zone_name();
    let choices = Preset::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button type="button" class="btn btn-secondary" aria-pressed=move || (chosen.get() == Some(p)).to_string()
                    on:click=move |_| chosen.set(Some(p))>
                    {p.name()}
                </button>
            }
        })
        .collect_view();
    let preview = dyn_view(move || match chosen.get() {
        None => ().into_any(),
        Some(p) => {
            let drafts =
                p.records(&zone).into_iter().map(|d| (None, String::new(), Ok(d))).collect();
            let items = ctx.records.with_untracked(|r| check_all(drafts, &zone, r));
            view! {
                <p>{t_with("dns.preset_intro", &[("preset", p.name())])}</p>
                <BulkAdd ctx=ctx items=items/>
            }
            .into_any()
        }
    });
    view! {
        <section class="card" aria-labelledby="presets-title" data-testid="presets">
            <h2 id="presets-title">{tr("dns.presets")}</h2>
            <p class="muted">{tr("dns.presets_help")}</p>
            <div class="link-buttons" role="group" aria-label=tr("dns.presets")>{choices}</div>
            {preview}
        </section>
    }
}

/// Import: paste BIND text, see each line's record or problem, add.
#[component]
pub fn Import(ctx: Ctx) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let items = RwSignal::new(None::<Vec<Item>>);
    // lines left out on purpose (the SOA: the server manages it)
    let left_out = RwSignal::new(0usize);
    let zone = ctx.zone_name();
    let preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (skipped, lines): (Vec<_>, Vec<_>) = parse_zone(&text.get_untracked(), &zone)
            .into_iter()
            .partition(|l| l.outcome.as_ref().is_err_and(|p| p.left_out()));
        left_out.set(skipped.len());
        let drafts = lines
            .into_iter()
            .map(|l| (Some(l.number), l.text, l.outcome.map_err(|p| t(p.key()))))
            .collect();
        items.set(Some(ctx.records.with_untracked(|r| check_all(drafts, &zone, r))));
    };
    view! {
        <section class="card" aria-labelledby="import-title" data-testid="import">
            <h2 id="import-title">{tr("dns.import")}</h2>
            <form class="form" novalidate on:submit=preview>
                <div class="field">
                    <label for="import-text">{tr("dns.import_label")}</label>
                    <textarea id="import-text" name="zone" rows="8" spellcheck="false" class="mono"
                        aria-describedby="import-hint" bind:value=text></textarea>
                    <p class="hint" id="import-hint">{tr("dns.import_hint")}</p>
                </div>
                <button type="submit" class="btn btn-secondary" disabled=move || text.with(|t| t.trim().is_empty())>
                    {tr("dns.import_preview")}
                </button>
            </form>
            <p class="muted" hidden=move || left_out.get() == 0>
                {move || t_with("dns.import_left_out", &[("n", &left_out.get().to_string())])}
            </p>
            {move || items.get().map(|list| if list.is_empty() {
                view! { <p class="empty">{tr("dns.import_nothing")}</p> }.into_any()
            } else {
                view! { <BulkAdd ctx=ctx items=list/> }.into_any()
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::RecordType;

    #[test]
    fn later_drafts_are_checked_against_earlier_good_ones() {
        let mut a = Draft::new(RecordType::Cname);
        a.name = "shop".into();
        a.content = "shops.example.net".into();
        let mut b = a.clone();
        b.content = "other.example.net".into();
        let items = check_all(
            vec![
                (Some(1), "a".into(), Ok(a)),
                (Some(2), "b".into(), Ok(b)),
                (Some(3), "x".into(), Err("bad".into())),
            ],
            "bkns-demo.vn",
            &[],
        );
        assert!(items[0].outcome.is_ok());
        assert!(items[1].outcome.is_err(), "a second CNAME of one name");
        assert_eq!(items[2].outcome, Err("bad".into()));
    }
}
