//! `/ssl/:id`: one certificate. Everything `GET /certificate/@id` gives
//! (product, billing, approver e-mail, contacts, organisation, software,
//! the CSR) and the certificate from `GET /certificate/@id/crt`, decoded
//! in the page (subject, names, issuer, validity, key), to download as
//! `<domain>.crt` or copy as PEM. "Renew" opens the certificate order with
//! the product and the domain filled in.

use super::{days_text, CertState};
use crate::api::certificates::{self as api, Certificate, Fields};
use crate::api::services::service::day_of;
use crate::app::href;
use crate::i18n::{self, t, tr};
use crate::state::account_currency;
use crate::ui::erase::resource;
use crate::ui::format::{date, money_text};
use crate::ui::{dl_row, resource_view, toast, ErrorPanel, Loading};
use crate::vocab::{ApiError, Id};
use crate::x509;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CertificatePage() -> impl IntoView {
    crate::ui::page_title("ssl.detail_title");
    let params = use_params_map();
    let id = Id(params.with_untracked(|p| p.get("id").unwrap_or_default()));
    let cert = resource({
        let id = id.clone();
        move || api::details(id.clone())
    });
    view! {
        <section class="page ssl-page" aria-labelledby="cert-title">
            <p><A href=href::CERTIFICATES>{tr("ssl.back")}</A></p>
            {resource_view(cert, "ssl.detail_error", move |c: Certificate| view! { <Details cert=c/> })}
        </section>
    }
}

#[component]
fn Details(cert: Certificate) -> impl IntoView {
    let d = cert.details.clone();
    let (_, currency) = account_currency();
    let state = CertState::of(d.status.as_str(), d.cert_expires.as_str(), crate::util::today());
    let days = day_of(d.cert_expires.as_str()).map(|x| x - crate::util::today());
    let domain = crate::idn::to_unicode(d.domain.as_str());
    let ascii = (domain != d.domain.as_str()).then(|| d.domain.as_str().to_owned());
    let title = if domain.is_empty() { d.name.as_str().to_owned() } else { domain.clone() };
    crate::ui::page_title_with({
        let title = title.clone();
        move || format!("{title} · {}", t("ssl.detail_title"))
    });
    let badge = format!("badge badge-{}", state.tone());
    let renew =
        state.renewable().then(|| href::certificate_order(d.name.as_str(), d.domain.as_str()));
    let amount = {
        let total = d.total.clone();
        move || money_text(&total, &currency.get(), i18n::lang())
    };
    let issued = !d.cert_expires.as_str().trim().is_empty() && state != CertState::Pending;
    let cycle = term_text(d.billingcycle.as_str());
    view! {
        <div class="page-head">
            <h1 id="cert-title">{title}
                {ascii.map(|a| view! { <span class="muted ascii"> {format!("({a})")}</span> })}
            </h1>
            <span class=badge data-testid="cert-state">{state.text()}</span>
        </div>
        <p class="muted">{d.name.as_str().to_owned()}" · "{days_text(days)}</p>
        <div class="form-actions">
            {renew.map(|link| view! {
                <A href=link attr:class="btn btn-primary" attr:data-testid="renew">{tr("ssl.renew")}</A>
            })}
            <A href=href::new_ticket_about("service", d.id.as_str()) attr:class="btn btn-secondary">{tr("ssl.ticket")}</A>
        </div>
        <section class="card" aria-labelledby="cert-info">
            <h2 id="cert-info">{tr("ssl.info")}</h2>
            <dl class="dl">
                {dl_row("ssl.col_product", d.name.as_str().to_owned())}
                {dl_row("ssl.status", d.status.as_str().to_owned())}
                {dl_row("ssl.ca_status", d.cert_status.as_str().to_owned())}
                {dl_row("ssl.created", date(d.date_created.as_str()))}
                {dl_row("ssl.col_expires", date(d.cert_expires.as_str()))}
                {dl_row("ssl.next_due", date(d.next_due.as_str()))}
                <div class="dl-row"><dt>{tr("ssl.amount")}</dt><dd>{amount}" · "{cycle}</dd></div>
                {dl_row("ssl.approver", d.cert_email.as_str().to_owned())}
                {dl_row("ssl.software", d.software.as_str().to_owned())}
            </dl>
        </section>
        {issued.then(|| view! { <Crt id=d.id.clone() domain=d.domain.as_str().to_owned()/> })}
        {(!issued).then(|| view! {
            <section class="card" aria-labelledby="crt-title">
                <h2 id="crt-title">{tr("ssl.crt")}</h2>
                <p data-testid="crt-none">{tr("ssl.not_issued")}</p>
            </section>
        })}
        <Csr pem=d.csr.as_str().to_owned()/>
        <section class="card" aria-labelledby="contacts-title">
            <h2 id="contacts-title">{tr("ssl.contacts")}</h2>
            {cert.contacts.iter().map(|(role, f)| view! {
                <h3>{role_text(role)}</h3>
                {fields_view(f)}
            }).collect_view()}
            {cert.contacts.is_empty().then(|| view! { <p class="muted">{tr("common.not_provided")}</p> })}
        </section>
        <section class="card" aria-labelledby="org-title">
            <h2 id="org-title">{tr("ssl.organization")}</h2>
            {fields_view(&cert.organization)}
        </section>
    }
}

/// A certificate's term ("Annually", "Biennially"...) in the customer's
/// language; another word as sent.
fn term_text(cycle: &str) -> String {
    let years = match cycle.trim().to_ascii_lowercase().as_str() {
        "annually" | "a" | "yearly" => 1,
        "biennially" | "b" => 2,
        "triennially" | "t" => 3,
        _ => return cycle.trim().to_owned(),
    };
    crate::i18n::t_with("ssl.term_years", &[("n", &years.to_string())])
}

/// A contact's role in the customer's language (an unknown one as sent).
fn role_text(role: &str) -> String {
    match role.to_ascii_lowercase().as_str() {
        "admin" => t("ssl.role_admin"),
        "tech" => t("ssl.role_tech"),
        "billing" => t("ssl.role_billing"),
        _ => role.to_owned(),
    }
}

/// A contact's or the organisation's field name in the customer's
/// language (the server's names: `FName`, `EmailAddress`, `postalcode`...);
/// an unknown one as sent.
fn field_text(name: &str) -> String {
    let key = match name.to_ascii_lowercase().replace('_', "").as_str() {
        "fname" | "firstname" => "ssl.f_first",
        "lname" | "lastname" => "ssl.f_last",
        "emailaddress" | "email" => "ssl.f_email",
        "phone" => "ssl.f_phone",
        "prefix" => "ssl.f_prefix",
        "orgname" | "name" => "ssl.f_org",
        "unit" => "ssl.f_unit",
        "jobtitle" => "ssl.f_job",
        "address1" => "ssl.f_address1",
        "address2" => "ssl.f_address2",
        "city" | "locality" => "ssl.f_city",
        "state" => "ssl.f_state",
        "postalcode" => "ssl.f_postal",
        "country" => "ssl.f_country",
        _ => return name.to_owned(),
    };
    t(key)
}

fn fields_view(f: &Fields) -> AnyView {
    if f.is_empty() {
        return view! { <p class="muted">{tr("common.not_provided")}</p> }.into_any();
    }
    let rows = f
        .iter()
        .map(|(k, v)| view! { <div class="dl-row"><dt>{field_text(k)}</dt><dd>{v.clone()}</dd></div> })
        .collect_view();
    view! { <dl class="dl">{rows}</dl> }.into_any()
}

/// The file name of a certificate's download.
pub fn crt_file_name(domain: &str, id: &str) -> String {
    let base = if domain.trim().is_empty() { id } else { domain.trim() };
    crate::ui::file_drop::ascii_file_name(base, "crt")
}

/// The certificate: read, decoded, to download or copy.
#[component]
fn Crt(id: Id, domain: String) -> impl IntoView {
    let pem = resource({
        let id = id.clone();
        move || api::crt(id.clone())
    });
    let name = crt_file_name(&domain, id.as_str());
    view! {
        <section class="card" aria-labelledby="crt-title" data-testid="crt">
            <h2 id="crt-title">{tr("ssl.crt")}</h2>
            {move || match pem.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(ApiError::Server { messages, .. })) if messages.iter().any(|k| k.contains("not_issued")) => {
                    view! { <p data-testid="crt-none">{tr("ssl.not_issued")}</p> }.into_any()
                }
                Some(Err(e)) => view! { <ErrorPanel what="ssl.crt_error" error=e on_retry=Callback::new(move |_| pem.refetch())/> }.into_any(),
                Some(Ok(text)) => crt_view(text, name.clone()),
            }}
        </section>
    }
}

fn crt_view(text: String, file: String) -> AnyView {
    let certs: Vec<x509::Certificate> = x509::pem::blocks(&text)
        .into_iter()
        .filter(|b| b.label == "CERTIFICATE")
        .filter_map(|b| x509::Certificate::from_der(&b.der).ok())
        .collect();
    let now = crate::browser::now_secs();
    let decoded = certs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let heading = if i == 0 { t("ssl.leaf") } else { t("ssl.chain_cert") };
            cert_view(heading, c, now)
        })
        .collect_view();
    let (copy_text, save_text) = (text.clone(), text.clone());
    let copy = move |_| {
        let body = copy_text.clone();
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&body).await;
            toast::show(t(if ok { "ssl.copied" } else { "ssl.copy_failed" }));
        });
    };
    let download = move |_| {
        #[cfg(target_arch = "wasm32")]
        if !crate::ui::file_drop::save(save_text.as_bytes(), "application/x-x509-ca-cert", &file) {
            toast::show(t("ssl.download_failed"));
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (&save_text, &file);
    };
    view! {
        {certs.is_empty().then(|| view! { <p class="alert alert-warn" role="status">{tr("ssl.crt_undecoded")}</p> })}
        {decoded}
        <div class="form-actions">
            <button type="button" class="btn btn-primary" data-testid="crt-download" on:click=download>{tr("ssl.download")}</button>
            <button type="button" class="btn btn-secondary" data-testid="crt-copy" on:click=copy>{tr("ssl.copy_pem")}</button>
        </div>
        <details class="pem">
            <summary>{tr("ssl.show_pem")}</summary>
            <textarea class="mono" rows="8" readonly spellcheck="false" aria-label=t("ssl.pem_label") prop:value=text></textarea>
        </details>
    }
    .into_any()
}

/// "CN=a.vn, O=Công ty…" from a name's attributes.
fn name_text(attrs: &[(String, String)]) -> String {
    attrs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
}

fn cert_view(heading: String, c: &x509::Certificate, now: i64) -> impl IntoView {
    let sans = c.sans.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let validity = format!(
        "{} – {} ({})",
        date(&c.not_before.to_string()),
        date(&c.not_after.to_string()),
        days_text(Some(c.days_left(now)))
    );
    view! {
        <h3>{heading}</h3>
        <dl class="dl x509">
            {dl_row("ssl.subject", name_text(&c.subject.attributes))}
            {dl_row("ssl.sans", sans)}
            {dl_row("ssl.issuer", name_text(&c.issuer.attributes))}
            {dl_row("ssl.validity", validity)}
            {dl_row("ssl.key", c.key.to_string())}
            {dl_row("ssl.signature", c.signature_algorithm.clone())}
            {dl_row("ssl.serial", c.serial.clone())}
        </dl>
    }
}

/// The CSR the certificate was ordered with: decoded, and its text to copy.
#[component]
fn Csr(pem: String) -> impl IntoView {
    if !pem.contains("-----BEGIN") {
        return view! {
            <section class="card" aria-labelledby="csr-title">
                <h2 id="csr-title">{tr("ssl.csr")}</h2>
                <p class="muted">{if pem.trim().is_empty() { t("common.not_provided") } else { pem.clone() }}</p>
            </section>
        }
        .into_any();
    }
    let decoded = match x509::csr::check(&pem) {
        Ok(csr) => view! {
            <dl class="dl x509">
                {dl_row("ssl.subject", name_text(&csr.subject.attributes))}
                {dl_row("ssl.sans", csr.names().join(", "))}
                {dl_row("ssl.key", csr.key.to_string())}
            </dl>
        }
        .into_any(),
        Err(_) => view! { <p class="alert alert-warn" role="status">{tr("ssl.csr_undecoded")}</p> }
            .into_any(),
    };
    view! {
        <section class="card" aria-labelledby="csr-title">
            <h2 id="csr-title">{tr("ssl.csr")}</h2>
            {decoded}
            <details class="pem">
                <summary>{tr("ssl.show_pem")}</summary>
                <textarea class="mono" rows="8" readonly spellcheck="false" aria-label=t("ssl.csr") prop:value=pem></textarea>
            </details>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crt_files_are_named_after_the_domain() {
        assert_eq!(crt_file_name("bkns-demo.vn", "300"), "bkns-demo.vn.crt");
        assert_eq!(crt_file_name("", "300"), "300.crt");
        assert_eq!(crt_file_name("../a b.vn", "1"), "_a_b.vn.crt");
    }
}
