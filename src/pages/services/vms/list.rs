//! `/services/:id/vms`: a cloud service's virtual machines (label, status,
//! template, IPv4), each linking to its console, and "create a VM". A
//! service without VMs says so; one that cannot have any (not a cloud
//! service) says that and links back to the service.

use super::{rules, status_text};
use crate::api::services::service;
use crate::api::services::vms::{self, VmRow};
use crate::api::ApiError;
use crate::app::href;
use crate::i18n::{t, tr};
use crate::pages::services::resources::ResourceUsage;
use crate::ui::erase::resource;
use crate::ui::resource_view;
use crate::ui::table::{Cell, Column, DataTable};
use crate::ui::text::tw;
use crate::vocab::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The list, or None when the service has no VM support.
async fn load(service: Id) -> Result<Option<Vec<VmRow>>, ApiError> {
    match vms::list(&service).await {
        Ok(l) => Ok(Some(l)),
        Err(ApiError::NotSupported) => Ok(None),
        Err(e) if e.messages().iter().any(|m| m == "vms_not_supported") => Ok(None),
        Err(e) => Err(e),
    }
}

fn vm_table(service: &str, list: Vec<VmRow>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|vm| {
            let label =
                if vm.label.as_str().is_empty() { vm.id.0.clone() } else { vm.label.0.clone() };
            vec![
                Cell::Link { href: href::vm(service, vm.id.as_str()), text: label },
                Cell::Badge { text: status_text(&vm.status), tone: rules::tone(&vm.status) },
                Cell::Text(vm.template.0),
                Cell::Text(vm.ipv4.0.join(", ")),
            ]
        })
        .collect();
    view! {
        <DataTable
            caption=move || t("vms.list_caption")
            caption_hidden=true
            testid="vm-list"
            columns=vec![
                Column::text("vms.col_label"),
                Column::text("vms.col_status"),
                Column::text("vms.template"),
                Column::text("vms.ipv4"),
            ]
            rows=rows
        />
    }
}

#[component]
pub fn VmListPage() -> impl IntoView {
    crate::ui::page_title("vms.title");
    let params = use_params_map();
    let service = move || Id(params.read().get("id").unwrap_or_default());
    let list = resource(move || load(service()));
    let name = resource(move || {
        let s = service();
        async move { service::details(s).await.map(|d| d.display_name()) }
    });
    let service_href = move || href::service(service().as_str());
    let new_href = move || href::new_vm(service().as_str());
    let heading = move || match name.get() {
        Some(Ok(n)) if !n.is_empty() => n,
        _ => t("vms.service_fallback"),
    };
    view! {
        <section class="page vm-list-page">
            <nav class="crumbs" aria-label=tr("vms.crumbs")>
                <A href=service_href>{tr("vms.back_to_service")}</A>
            </nav>
            <div class="page-head">
                <div>
                    <h1>{tr("vms.title")}</h1>
                    <p class="muted" data-testid="vm-service-name">{heading}</p>
                </div>
                <A href=new_href attr:class="btn btn-primary" attr:data-testid="create-vm">{tr("vms.create")}</A>
            </div>
            {resource_view(list, "vms.list_error", move |l| {
                let s = service();
                match l {
                    None => view! {
                        <div class="alert alert-info" role="status" data-testid="vms-unsupported">
                            <p>{tr("vms.not_supported")}</p>
                            <A href=href::service(s.as_str()) attr:class="btn btn-secondary">{tr("vms.back_to_service")}</A>
                        </div>
                    }.into_any(),
                    Some(l) if l.is_empty() => view! {
                        <div class="empty" data-testid="vms-empty">
                            <p>{tr("vms.none")}</p>
                            <A href=href::new_vm(s.as_str()) attr:class="btn btn-primary">{tr("vms.create_first")}</A>
                        </div>
                        <ResourceUsage service=s/>
                    }.into_any(),
                    Some(l) => {
                        let n = l.len().to_string();
                        view! {
                            <p class="list-summary">{tw("vms.count", vec![("n", n)])}</p>
                            {vm_table(s.as_str(), l)}
                            <ResourceUsage service=s/>
                        }.into_any()
                    }
                }
            })}
        </section>
    }
}
