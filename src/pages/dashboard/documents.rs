//! The dashboard's "documents waiting for your signature" card.
//!
//! The API has no call that lists pending documents across domains, so
//! the card asks `GET /domain/@id/documents` for the Vietnamese (.vn)
//! domains, which are the ones that need the registration declaration:
//! the most recently registered first, at most [`SCAN_LIMIT`] of them, four
//! requests at a time. It says when it did not look at every domain.

use crate::api::domains::{self, DomainRow};
use crate::api::loose::Id;
use crate::api::ApiError;
use crate::app::href;
use crate::i18n::tr;
use crate::ui::erase::resource;
use crate::ui::text::tw;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many domains the card checks at most.
pub const SCAN_LIMIT: usize = 30;
/// Requests in flight at once.
pub const PARALLEL: usize = 4;

/// A domain with documents to sign.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    pub id: Id,
    pub name: String,
    pub documents: usize,
}

/// The domains to check: .vn ones, not cancelled, newest first, capped.
/// Also returns how many would qualify in all.
pub fn candidates(rows: &[DomainRow]) -> (Vec<(Id, String)>, usize) {
    let mut c: Vec<&DomainRow> = rows
        .iter()
        .filter(|r| crate::domain_rules::is_vn(r.name.as_str()))
        .filter(|r| {
            !matches!(
                crate::domain_rules::Status::of(r.status.as_str()),
                crate::domain_rules::Status::Cancelled
            )
        })
        .collect();
    let total = c.len();
    crate::util::sort_with(&mut c, &|a, b| {
        b.date_created
            .as_str()
            .cmp(a.date_created.as_str())
            .then_with(|| a.name.as_str().cmp(b.name.as_str()))
    });
    (c.into_iter().take(SCAN_LIMIT).map(|r| (r.id.clone(), r.name.0.clone())).collect(), total)
}

async fn scan() -> Result<(Vec<Waiting>, usize, usize), ApiError> {
    let rows = domains::list().await?;
    let (check, total) = candidates(&rows);
    let checked = check.len();
    let mut found = Vec::new();
    for batch in check.chunks(PARALLEL) {
        let lists =
            futures::future::join_all(batch.iter().map(|(id, _)| domains::documents(id.clone())))
                .await;
        for ((id, name), docs) in batch.iter().zip(lists) {
            let n = docs.unwrap_or_default().iter().filter(|d| d.needs_signature()).count();
            if n > 0 {
                found.push(Waiting { id: id.clone(), name: name.clone(), documents: n });
            }
        }
    }
    Ok((found, checked, total))
}

#[component]
pub fn PendingDocumentsCard() -> impl IntoView {
    let res = resource(scan);
    move || match res.get() {
        Some(Ok((found, checked, total))) if !found.is_empty() => Some(view! {
            <section class="card card-attention" aria-labelledby="pd-title" data-testid="dashboard-pending-docs">
                <h2 id="pd-title">{tr("documents.dashboard_title")}</h2>
                <p>{tr("documents.dashboard_text")}</p>
                <ul class="pending-list">
                    {found.into_iter().map(|w| {
                        let href = href::domain_documents(w.id.as_str());
                        let n = w.documents;
                        view! {
                            <li>
                                <A href=href>{w.name.clone()}</A>
                                " · " {tw("documents.count", vec![("n", n.to_string())])}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(checked < total).then(|| view! {
                    <p class="muted">{tw("documents.partial_scan", vec![("checked", checked.to_string()), ("total", total.to_string())])}</p>
                })}
            </section>
        }),
        // Nothing waiting, still loading or failed: the dashboard stays quiet.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::loose::Text;

    fn row(id: &str, name: &str, status: &str, created: &str) -> DomainRow {
        DomainRow {
            id: Id(id.into()),
            name: Text(name.into()),
            status: Text(status.into()),
            date_created: Text(created.into()),
            ..Default::default()
        }
    }

    #[test]
    fn only_vn_domains_newest_first_capped() {
        let mut rows = vec![
            row("1", "a.com", "Active", "2026-01-01"),
            row("2", "b.vn", "Active", "2025-01-01"),
            row("3", "c.id.vn", "Pending", "2026-01-02"),
            row("4", "d.vn", "Cancelled", "2026-01-03"),
        ];
        let (c, total) = candidates(&rows);
        assert_eq!(total, 2);
        assert_eq!(c.iter().map(|(i, _)| i.as_str()).collect::<Vec<_>>(), ["3", "2"]);
        for i in 0..50 {
            rows.push(row(&format!("x{i}"), &format!("x{i}.vn"), "Active", "2024-01-01"));
        }
        let (c, total) = candidates(&rows);
        assert_eq!(total, 52);
        assert_eq!(c.len(), SCAN_LIMIT);
        assert_eq!(c[0].0.as_str(), "3");
    }
}
