//! The privilege editor, built from `GET /contact/privileges`: one group of
//! checkboxes per list (billing, support, misc), and for services and
//! domains either "full control" or per-item privileges for each one. The
//! choices are kept in [`Privileges`], which writes them back in the shape
//! the privileges call returns.

use crate::api::contacts::{Group, PrivilegeTree, Privileges};
use crate::i18n::{self, t_with, tr};
use leptos::prelude::*;

/// A privilege's label: known names translated (`priv.billing.emails`),
/// others shown as the server names them.
fn label(group: &str, item: &str) -> String {
    i18n::lookup(i18n::lang(), &format!("priv.{group}.{item}")).unwrap_or_else(|| item.to_owned())
}

fn group_label(group: &str) -> String {
    i18n::lookup(i18n::lang(), &format!("priv.group.{group}")).unwrap_or_else(|| group.to_owned())
}

/// "Service #1201" / "Domain #523" / "<group> #id".
fn object_label(group: &str, id: &str) -> String {
    match group {
        "services" => t_with("priv.service_n", &[("id", id)]),
        "domains" => t_with("priv.domain_n", &[("id", id)]),
        other => format!("{} #{id}", group_label(other)),
    }
}

#[component]
fn PrivCheck(
    group: String,
    object: Option<String>,
    item: String,
    granted: RwSignal<Privileges>,
) -> impl IntoView {
    let id = match &object {
        Some(o) => format!("priv-{group}-{o}-{item}"),
        None => format!("priv-{group}-{item}"),
    };
    let name = match &object {
        Some(o) => format!("privileges[{group}][{o}][]"),
        None => format!("privileges[{group}][]"),
    };
    let (g, o, i) = (group.clone(), object.clone(), item.clone());
    let checked = Signal::derive(move || granted.with(|p| p.has(&g, o.as_deref(), &i)));
    let text = {
        let (group, item) = (group.clone(), item.clone());
        Signal::derive(move || label(&group, &item))
    };
    view! {
        <label class="check" for=id.clone()>
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value=item.clone()
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    granted.update(|p| p.set(&group, object.as_deref(), &item, on));
                }
            />
            <span>{text}</span>
        </label>
    }
}

#[component]
pub fn PrivilegeEditor(
    tree: StoredValue<PrivilegeTree>,
    granted: RwSignal<Privileges>,
) -> impl IntoView {
    let groups = tree.with_value(|t| t.0.clone());
    if groups.is_empty() {
        return view! { <p class="muted">{tr("priv.none_offered")}</p> }.into_any();
    }
    groups
        .into_iter()
        .map(|g| match g {
            Group::Items { key, items } => {
                let legend = {
                    let key = key.clone();
                    Signal::derive(move || group_label(&key))
                };
                view! {
                    <fieldset class="priv-group" data-group=key.clone()>
                        <legend>{legend}</legend>
                        <div class="priv-items">
                            {items
                                .into_iter()
                                .map(|item| view! { <PrivCheck group=key.clone() object=None item=item granted=granted/> })
                                .collect_view()}
                        </div>
                    </fieldset>
                }
                .into_any()
            }
            Group::PerObject { key, full, objects } => {
                let k = key.clone();
                let is_full = Signal::derive(move || granted.with(|p| p.has_full(&k)));
                let legend = {
                    let key = key.clone();
                    Signal::derive(move || group_label(&key))
                };
                let full_id = format!("priv-{key}-full");
                let full_box = full.then(|| {
                    let key = key.clone();
                    let full_label = tr(match key.as_str() {
                        "services" => "priv.full_services",
                        "domains" => "priv.full_domains",
                        _ => "priv.full_other",
                    });
                    view! {
                        <label class="check priv-full" for=full_id.clone()>
                            <input
                                type="checkbox"
                                id=full_id.clone()
                                name=format!("privileges[{key}][full]")
                                value="1"
                                prop:checked=is_full
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    granted.update(|p| p.set_full(&key, on));
                                }
                            />
                            <span>{full_label}</span>
                        </label>
                    }
                });
                let none = objects.is_empty();
                let objects_view = objects
                    .into_iter()
                    .map(|(id, items)| {
                        let title = {
                            let (key, id) = (key.clone(), id.clone());
                            Signal::derive(move || object_label(&key, &id))
                        };
                        view! {
                            <fieldset class="priv-object">
                                <legend>{title}</legend>
                                <div class="priv-items">
                                    {items
                                        .into_iter()
                                        .map(|item| view! {
                                            <PrivCheck group=key.clone() object=Some(id.clone()) item=item granted=granted/>
                                        })
                                        .collect_view()}
                                </div>
                            </fieldset>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="priv-group" data-group=key.clone()>
                        <legend>{legend}</legend>
                        {full_box}
                        <div class="priv-objects" hidden=is_full>
                            {none.then(|| view! { <p class="muted">{tr("priv.no_objects")}</p> })}
                            {objects_view}
                        </div>
                    </fieldset>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}
