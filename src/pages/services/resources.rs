//! A cloud service's resource usage (`GET /service/@id/resources`): one
//! bar per kind (CPU, memory, disk, bandwidth, VMs, addresses), a native
//! `<meter>` (no chart library, no inline style) with the figures written
//! beside it for everyone, screen readers included. Above 85 % of a limit
//! the row turns to the warning colour and says so in words.
//!
//! `ResourceUsage` loads and draws it for a service (the VM list places
//! it); `UsageBars` draws figures already loaded, with what a planned VM
//! would add (the create form).

use crate::api::services::provision::{self, Usage};
use crate::i18n::{self, t, t_with, tr};
use crate::service_rules::{self as rules, Planned};
use crate::ui::{resource, resource_view};
use crate::vocab::Id;
use leptos::prelude::*;

/// The usage card of a service: loading, error with retry, or the bars.
#[component]
pub fn ResourceUsage(#[prop(into)] service: Id) -> impl IntoView {
    let usage = resource(move || {
        let service = service.clone();
        async move { provision::resources(&service).await.map(|r| r.usage) }
    });
    view! {
        <section class="card usage-card" aria-labelledby="usage-title" data-testid="resource-usage">
            <h2 id="usage-title">{tr("servers.usage_title")}</h2>
            {resource_view(usage, "servers.usage_error", |usage| view! { <UsageBars usage=usage/> })}
        </section>
    }
}

/// The bars of `usage`; with `planned`, each shows the usage with that VM
/// added (and by how much it would pass the limit).
#[component]
pub fn UsageBars(
    usage: Vec<Usage>,
    #[prop(optional, into)] planned: Option<Signal<Planned>>,
) -> impl IntoView {
    if usage.is_empty() {
        return view! { <p class="muted">{tr("servers.usage_empty")}</p> }.into_any();
    }
    let rows = usage.into_iter().map(|u| usage_row(u, planned)).collect_view();
    view! { <ul class="usage-list">{rows}</ul> }.into_any()
}

/// A kind's name in the user's language (unknown kinds as the server
/// names them).
pub fn kind_name(kind: &str) -> String {
    rules::kind_key(kind).map(t).unwrap_or_else(|| kind.to_owned())
}

/// "6 / 8 vCPU · 75%", with a planned VM "6 + 2 mới / 8 vCPU · 100%", or
/// "312 GB (no limit)".
fn figures(used: f64, add: f64, limit: Option<f64>, unit: &str) -> String {
    let lang = i18n::lang();
    let used_text = rules::figure(used, lang);
    let text = match limit {
        Some(l) => {
            let pct = rules::percent(used + add, Some(l)).unwrap_or(0.0).round();
            let limit_text = rules::figure(l, lang);
            let amount = if add > 0.0 {
                t_with(
                    "servers.usage_of_plus",
                    &[
                        ("used", &used_text),
                        ("add", &rules::figure(add, lang)),
                        ("limit", &limit_text),
                        ("unit", unit),
                    ],
                )
            } else {
                t_with(
                    "servers.usage_of",
                    &[("used", &used_text), ("limit", &limit_text), ("unit", unit)],
                )
            };
            format!(
                "{} · {}",
                amount.trim_end(),
                t_with("servers.usage_percent", &[("percent", &rules::figure(pct, lang))])
            )
        }
        None => t_with(
            "servers.usage_unlimited",
            &[("used", &rules::figure(used + add, lang)), ("unit", unit)],
        ),
    };
    text.replace("  ", " ")
}

/// What a row says besides its figures: by how much the planned VM would
/// pass the limit, or that little is left, in words (the colour is never
/// the only sign).
fn note(total: f64, limit: Option<f64>, unit: &str) -> String {
    match limit {
        Some(l) if total > l => t_with(
            "servers.usage_over",
            &[("over", &rules::figure(total - l, i18n::lang())), ("unit", unit)],
        )
        .trim()
        .to_owned(),
        _ if rules::is_warning(total, limit) => t("servers.usage_warn"),
        _ => String::new(),
    }
}

fn usage_row(u: Usage, planned: Option<Signal<Planned>>) -> impl IntoView {
    let kind = u.kind.clone();
    let name_id = format!("usage-{}", u.kind);
    let figures_id = format!("usage-{}-figures", u.kind);
    let add = Signal::derive(move || planned.map_or(0.0, |p| p.get().adds(&kind)));
    let (used, limit) = (u.used, u.limit);
    let total = move || used + add.get();
    let warn = Signal::derive(move || rules::is_warning(total(), limit));
    let over = Signal::derive(move || limit.is_some_and(|l| total() > l));
    let unit = u.unit.clone();
    let text = Signal::derive(move || figures(used, add.get(), limit, &unit));
    let unit = u.unit.clone();
    let remark = Signal::derive(move || note(total(), limit, &unit));
    let (kind, data_kind) = (u.kind.clone(), u.kind.clone());
    let head_id = name_id.clone();
    let fig_id = figures_id.clone();
    let meter = limit.map(|l| {
        let max = if l > 0.0 { l } else { 1.0 };
        view! {
            <meter
                class="usage-meter"
                min="0"
                max=max.to_string()
                low=(max * rules::WARN_PERCENT / 100.0).to_string()
                high=max.to_string()
                optimum="0"
                value=move || total().min(max).to_string()
                aria-labelledby=name_id.clone()
                aria-describedby=figures_id.clone()
            ></meter>
        }
    });
    view! {
        <li class="usage-row" class:usage-warn=warn class:usage-over=over data-kind=data_kind>
            <div class="usage-head">
                <span class="usage-name" id=head_id>{move || kind_name(&kind)}</span>
                <span class="usage-figures" id=fig_id>{text}</span>
            </div>
            {meter}
            <p class="usage-note" hidden=move || remark.with(String::is_empty)>{remark}</p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_say_used_limit_and_share() {
        // the host tests run in Vietnamese
        assert_eq!(figures(6.0, 0.0, Some(8.0), "vCPU"), "6 / 8 vCPU · 75%");
        assert_eq!(figures(6144.0, 0.0, Some(8192.0), "MB"), "6.144 / 8.192 MB · 75%");
        assert_eq!(figures(2.0, 0.0, Some(4.0), ""), "2 / 4 · 50%");
        assert_eq!(figures(312.5, 0.0, None, "GB"), "312,5 GB (không giới hạn)");
    }

    #[test]
    fn a_planned_vm_shows_beside_the_usage() {
        assert_eq!(figures(6.0, 2.0, Some(8.0), "vCPU"), "6 + 2 mới / 8 vCPU · 100%");
        assert_eq!(figures(2.0, 1.0, Some(4.0), ""), "2 + 1 mới / 4 · 75%");
        assert_eq!(figures(10.0, 5.0, None, "GB"), "15 GB (không giới hạn)");
    }

    #[test]
    fn notes_name_the_excess_or_the_warning() {
        assert_eq!(note(6.0, Some(8.0), "vCPU"), "");
        assert_eq!(note(7.0, Some(8.0), "vCPU"), "Sắp hết");
        assert_eq!(note(8.0, Some(8.0), "vCPU"), "Sắp hết");
        assert_eq!(note(10.0, Some(8.0), "vCPU"), "Vượt 2 vCPU");
        assert_eq!(note(5.0, Some(4.0), ""), "Vượt 1");
        assert_eq!(note(500.0, None, "GB"), "");
        assert_eq!(kind_name("memory"), "Bộ nhớ RAM");
        assert_eq!(kind_name("gpu"), "gpu");
    }
}
