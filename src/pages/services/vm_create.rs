//! `/services/:id/vms/new`: creating a virtual server (`POST
//! /service/@id/vms`). The choices come from `GET /service/@id/templates`
//! and `/resources` (sizes, security groups, SSH keys, the quota), the
//! networks it joins from `/networks`. What a choice would take beyond the
//! quota is said before sending, and the button stays off with the reason
//! beside it. Everything typed stays through a refusal; the server's
//! `invalid_<field>` shows next to its field. A lost answer is said to be
//! of unknown outcome (the usage is reloaded, the list linked) rather
//! than inviting a second VM.

use super::resources::{kind_name, UsageBars};
use crate::api::services::provision::{self, Flavor, NewVm, Resources, Template, Usage};
use crate::app::href;
use crate::i18n::{self, t, t_with, tr};
use crate::service_rules::{self as rules, Planned};
use crate::ui::erase::{action, busy_label, dyn_view, Act, Res};
use crate::ui::fields::{error_line, setter, ChoiceItem, ChoiceList, InputField};
use crate::ui::select::{Choice, SelectField};
use crate::ui::{resource, resource_view, toast, ErrorPanel, TextField};
use crate::vocab::{ApiError, Id};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Disk sizes the service takes (GB), whatever the template.
pub const DISK_MIN: u32 = 10;
pub const DISK_MAX: u32 = 500;
/// The longest label accepted here.
const LABEL_MAX: usize = 64;

/// The form's fields, in the order of the form (the first bad one gets
/// the focus).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Label,
    Template,
    Flavor,
    Disk,
    SecurityGroup,
    Keypair,
    Password,
}

const FIELDS: [Field; 7] = [
    Field::Label,
    Field::Template,
    Field::Flavor,
    Field::Disk,
    Field::SecurityGroup,
    Field::Keypair,
    Field::Password,
];

impl Field {
    /// The control's element id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Label => "f-label",
            Field::Template => "f-template",
            Field::Flavor => "f-flavor",
            Field::Disk => "f-disk",
            Field::SecurityGroup => "f-security_group",
            Field::Keypair => "f-keypair",
            Field::Password => "f-password",
        }
    }

    /// The field a server refusal (`invalid_<field>`) is about.
    pub fn of_server(word: &str) -> Option<Field> {
        FIELDS.into_iter().find(|f| word.trim() == format!("invalid_{}", &f.id()[2..]))
    }
}

/// The smallest disk for a template (GB): its own minimum or the service's.
pub fn min_disk(template: Option<&Template>) -> u32 {
    let own = template.and_then(|t| t.min_disk.as_str().trim().parse::<u32>().ok()).unwrap_or(0);
    own.clamp(DISK_MIN, DISK_MAX)
}

/// What is wrong with the form, in the page's language, field by field
/// (empty: it can be sent).
pub fn check(vm: &NewVm, templates: &[Template], flavors: &[Flavor]) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    let label = vm.label.trim();
    if label.is_empty() {
        out.push((Field::Label, t("servers.err_label_required")));
    } else if label.chars().count() > LABEL_MAX {
        out.push((Field::Label, t("servers.err_label_long")));
    }
    let template = templates.iter().find(|x| x.id.as_str() == vm.template);
    if template.is_none() {
        out.push((Field::Template, t("servers.err_template_required")));
    }
    if !flavors.iter().any(|f| f.id.as_str() == vm.flavor) {
        out.push((Field::Flavor, t("servers.err_flavor_required")));
    }
    let min = min_disk(template);
    match vm.disk.trim().parse::<u32>() {
        Err(_) => out.push((Field::Disk, t("servers.err_disk_number"))),
        Ok(d) if d < min || d > DISK_MAX => out.push((
            Field::Disk,
            t_with(
                "servers.err_disk_range",
                &[("min", &min.to_string()), ("max", &DISK_MAX.to_string())],
            ),
        )),
        Ok(_) => {}
    }
    if !rules::password_acceptable(&vm.password) {
        out.push((Field::Password, t("servers.err_password")));
    }
    out
}

/// The text shown next to a field the server refused.
fn server_field_text(word: &str) -> String {
    i18n::lookup(i18n::lang(), &format!("api.{}", word.trim()))
        .unwrap_or_else(|| t("servers.err_field"))
}

/// "CPU: needs 10 vCPU, the limit is 8 vCPU (2 vCPU over)." for each limit passed.
fn quota_lines(excess: &[rules::Excess]) -> Vec<String> {
    let lang = i18n::lang();
    excess
        .iter()
        .map(|e| {
            t_with(
                "servers.quota_line",
                &[
                    ("what", &kind_name(&e.kind)),
                    ("after", &rules::figure(e.after, lang)),
                    ("limit", &rules::figure(e.limit, lang)),
                    ("over", &rules::figure(e.over, lang)),
                    ("unit", &e.unit),
                ],
            )
            .replace("  ", " ")
            .replace(" )", ")")
            .replace(" ,", ",")
        })
        .collect()
}

/// The form's values, kept by the page (above the loading of its
/// choices) so nothing typed is lost when they are read again.
#[derive(Clone, Copy)]
struct Draft {
    label: RwSignal<String>,
    template: RwSignal<String>,
    flavor: RwSignal<String>,
    disk: RwSignal<String>,
    security_group: RwSignal<String>,
    keypair: RwSignal<String>,
    password: RwSignal<String>,
}

impl Draft {
    fn new() -> Self {
        let s = || RwSignal::new(String::new());
        Draft {
            label: s(),
            template: s(),
            flavor: s(),
            disk: RwSignal::new("20".into()),
            security_group: s(),
            keypair: s(),
            password: s(),
        }
    }

    fn value(&self) -> NewVm {
        NewVm {
            label: self.label.get_untracked(),
            template: self.template.get_untracked(),
            flavor: self.flavor.get_untracked(),
            disk: self.disk.get_untracked(),
            security_group: self.security_group.get_untracked(),
            keypair: self.keypair.get_untracked(),
            password: self.password.get_untracked(),
        }
    }
}

/// One error line per field.
#[derive(Clone, Copy)]
struct Errors([RwSignal<Option<String>>; 7]);

impl Errors {
    fn new() -> Self {
        Errors(std::array::from_fn(|_| RwSignal::new(None)))
    }
    fn of(&self, f: Field) -> RwSignal<Option<String>> {
        self.0[f as usize]
    }
    fn clear(&self) {
        for e in &self.0 {
            e.set(None);
        }
    }
    /// Shows `found` and focuses the first of them.
    fn show(&self, found: &[(Field, String)]) {
        for (f, msg) in found {
            self.of(*f).set(Some(msg.clone()));
        }
        if let Some(first) = FIELDS.iter().find(|f| found.iter().any(|(x, _)| x == *f)) {
            crate::browser::focus(first.id());
        }
    }
}

/// What the page shares with its form.
#[derive(Clone, Copy)]
struct Ctx {
    service: Signal<Id>,
    draft: Draft,
    errors: Errors,
    create: Act<NewVm, ()>,
    /// A refusal not tied to a field (quota, rights...).
    failure: RwSignal<Option<ApiError>>,
    /// The create call got no answer: it may have happened.
    unknown: RwSignal<bool>,
    networks: Res<Result<Vec<provision::Network>, ApiError>>,
}

type Offers = (Vec<Template>, Resources);

#[component]
pub fn NewVmPage() -> impl IntoView {
    let params = use_params_map();
    let service = Signal::derive(move || Id(params.read().get("id").unwrap_or_default()));
    crate::ui::page_title("servers.new_vm_title");
    let offers: Res<Result<Offers, ApiError>> = resource(move || {
        let s = service.get();
        async move {
            let (templates, resources) =
                futures::join!(provision::templates(&s), provision::resources(&s));
            Ok((templates?, resources?))
        }
    });
    let networks = resource(move || {
        let s = service.get();
        async move { provision::networks(&s).await }
    });
    let (draft, errors) = (Draft::new(), Errors::new());
    let failure = RwSignal::new(None::<ApiError>);
    let unknown = RwSignal::new(false);
    let navigate = use_navigate();
    let create = action(move |vm: &NewVm| {
        let (vm, s, navigate) = (vm.clone(), service.get_untracked(), navigate.clone());
        async move {
            match provision::create_vm(&s, &vm).await {
                Ok((new_id, info)) => {
                    toast::info(&info, "servers.vm_created");
                    let to = match new_id {
                        Some(v) => href::vm(s.as_str(), v.as_str()),
                        None => href::service_vms(s.as_str()),
                    };
                    navigate(&to, Default::default());
                }
                Err(ApiError::Network | ApiError::Timeout) => {
                    unknown.try_set(true);
                    offers.refetch();
                }
                Err(e) => refused(&e, errors, failure),
            }
        }
    });
    let ctx = Ctx { service, draft, errors, create, failure, unknown, networks };
    view! {
        <section class="page vm-create">
            <nav class="crumbs" aria-label=tr("servers.crumbs")>
                <A href=href::SERVICES>{tr("services.title")}</A>
                " › "
                <A href=move || href::service_vms(service.get().as_str())>{tr("vms.title")}</A>
            </nav>
            <h1>{tr("servers.new_vm_title")}</h1>
            <p class="muted">{tr("servers.create_intro")}</p>
            {resource_view(offers, "servers.load_error", move |(templates, resources)| {
                view! { <CreateForm ctx=ctx templates=templates resources=resources/> }
            })}
        </section>
    }
}

/// A refusal: `invalid_<field>` next to its field, the rest above the
/// button.
fn refused(e: &ApiError, errors: Errors, failure: RwSignal<Option<ApiError>>) {
    let mut found = Vec::new();
    let mut rest = Vec::new();
    for m in e.messages() {
        match Field::of_server(m) {
            Some(f) => found.push((f, server_field_text(m))),
            None => rest.push(m.clone()),
        }
    }
    errors.show(&found);
    match e {
        ApiError::Server { status, .. } if !found.is_empty() => {
            failure.set(
                (!rest.is_empty()).then_some(ApiError::Server { status: *status, messages: rest }),
            );
        }
        other => failure.set(Some(other.clone())),
    }
}

#[component]
fn CreateForm(ctx: Ctx, templates: Vec<Template>, resources: Resources) -> impl IntoView {
    let Ctx { draft, errors, create, .. } = ctx;
    let Resources { usage, flavors, security_groups, keypairs } = resources;
    // A first security group, and the smallest size that fits, to start with.
    if draft.security_group.get_untracked().is_empty() {
        if let Some(g) = security_groups.first() {
            draft.security_group.set(g.id.0.clone());
        }
    }
    let planned_of = {
        let flavors = flavors.clone();
        move |flavor: &str, disk: &str| {
            Planned::of(flavors.iter().find(|f| f.id.as_str() == flavor), disk)
        }
    };
    if draft.flavor.get_untracked().is_empty() {
        let disk = draft.disk.get_untracked();
        if let Some(f) = flavors
            .iter()
            .find(|f| rules::over_quota(&usage, &planned_of(f.id.as_str(), &disk)).is_empty())
        {
            draft.flavor.set(f.id.0.clone());
        }
    }
    let planned = Signal::derive({
        let planned_of = planned_of.clone();
        move || planned_of(&draft.flavor.get(), &draft.disk.get())
    });
    let excess = Signal::derive({
        let usage = usage.clone();
        move || rules::over_quota(&usage, &planned.get())
    });
    let over = Signal::derive(move || excess.with(|x| !x.is_empty()));
    let pending = create.pending();
    let (usage_for_flavors, usage_for_bars) = (usage.clone(), usage);
    let on_submit = {
        let (templates, flavors) = (templates.clone(), flavors.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() || over.get_untracked() {
                return;
            }
            errors.clear();
            ctx.failure.set(None);
            ctx.unknown.set(false);
            let vm = draft.value();
            let found = check(&vm, &templates, &flavors);
            if found.is_empty() {
                create.dispatch(vm);
            } else {
                errors.show(&found);
            }
        }
    };
    view! {
        <form class="form vm-form" novalidate on:submit=on_submit aria-busy=move || pending.get().then_some("true")>
            <div class="vm-form-grid">
                <div class="card vm-form-main">
                    <TextField label="servers.f_label" name="label" value=draft.label error=errors.of(Field::Label)
                        required=true autocomplete="off" hint="servers.f_label_hint"/>
                    {template_field(&templates, draft, errors)}
                    {flavor_field(flavors, usage_for_flavors, draft, errors)}
                    {disk_field(&templates, draft, errors)}
                    {offer_fields(security_groups, keypairs, draft, errors)}
                    {password_field(draft.password, errors.of(Field::Password).into())}
                </div>
                <div class="vm-form-side">
                    <section class="card" aria-labelledby="plan-usage-title">
                        <h2 id="plan-usage-title">{tr("servers.usage_title")}</h2>
                        <UsageBars usage=usage_for_bars planned=planned/>
                    </section>
                    <section class="card" aria-labelledby="networks-title">
                        <h2 id="networks-title">{tr("servers.networks_title")}</h2>
                        {resource_view(ctx.networks, "servers.networks_error", network_list)}
                    </section>
                </div>
            </div>
            <div id="quota-reason" class="alert alert-warn" role="status" data-testid="quota-reason" hidden=move || !over.get()>
                <strong class="alert-title">{tr("servers.quota_title")}</strong>
                <ul class="quota-lines">
                    {move || quota_lines(&excess.get()).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
                <p>{tr("servers.quota_fix")}</p>
            </div>
            <div class="alert alert-warn" role="alert" data-testid="create-unknown" hidden=move || !ctx.unknown.get()>
                <p>{tr("servers.create_unknown")}</p>
                <A href=move || href::service_vms(ctx.service.get().as_str()) attr:class="btn btn-secondary">{tr("servers.open_vm_list")}</A>
            </div>
            {dyn_view(move || match ctx.failure.get() {
                Some(e) => view! { <ErrorPanel error=e what="servers.create_error"/> }.into_any(),
                None => ().into_any(),
            })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || pending.get() || over.get()
                    aria-describedby=move || over.get().then_some("quota-reason")>
                    {busy_label(pending, "servers.create_submit", "servers.creating")}
                </button>
                <A href=move || href::service_vms(ctx.service.get().as_str()) attr:class="btn btn-ghost">{tr("ui.cancel")}</A>
            </div>
        </form>
    }
}

fn template_field(templates: &[Template], draft: Draft, errors: Errors) -> impl IntoView {
    let list = templates.to_vec();
    let options = Signal::derive(move || {
        list.iter()
            .map(|x| {
                let min = x.min_disk.as_str().trim();
                let label = if min.is_empty() || min.parse::<u32>().is_ok_and(|m| m <= DISK_MIN) {
                    x.name.0.clone()
                } else {
                    t_with("servers.template_min", &[("name", x.name.as_str()), ("min", min)])
                };
                Choice::new(x.id.0.clone(), label)
            })
            .collect::<Vec<_>>()
    });
    let list = templates.to_vec();
    // Choosing a template that needs a bigger disk raises the disk to it.
    let on_change = Callback::new(move |id: String| {
        let min = min_disk(list.iter().find(|x| x.id.as_str() == id));
        if draft.disk.get_untracked().trim().parse::<u32>().is_ok_and(|d| d < min) {
            draft.disk.set(min.to_string());
        }
        draft.template.set(id);
        errors.of(Field::Template).set(None);
    });
    view! {
        <SelectField label=tr("servers.f_template") id="f-template" name="template" value=draft.template
            on_change=on_change options=options required=true error=errors.of(Field::Template)
            placeholder=Some(tr("servers.f_template_pick").into())/>
    }
}

fn flavor_field(
    flavors: Vec<Flavor>,
    usage: Vec<Usage>,
    draft: Draft,
    errors: Errors,
) -> impl IntoView {
    if flavors.is_empty() {
        return view! { <p class="alert alert-warn" role="alert">{tr("servers.no_flavors")}</p> }
            .into_any();
    }
    let items = Signal::derive(move || {
        let lang = i18n::lang();
        flavors
            .iter()
            .map(|f| {
                let num = |s: &str| {
                    s.trim()
                        .parse::<f64>()
                        .map(|x| rules::figure(x, lang))
                        .unwrap_or_else(|_| s.to_owned())
                };
                let mut detail = t_with(
                    "servers.flavor_detail",
                    &[("cpu", &num(f.cpu.as_str())), ("memory", &num(f.memory.as_str()))],
                );
                // What this size alone (no disk) would pass.
                let alone = rules::over_quota(&usage, &Planned::of(Some(f), "0"));
                if !alone.is_empty() {
                    let what: Vec<String> = alone.iter().map(|e| kind_name(&e.kind)).collect();
                    detail = format!(
                        "{detail} — {}",
                        t_with("servers.flavor_over", &[("what", &what.join(", "))])
                    );
                }
                ChoiceItem::new(f.id.0.clone(), f.name.0.clone(), detail)
            })
            .collect::<Vec<_>>()
    });
    let on_change = Callback::new(move |(v, _): (String, bool)| {
        draft.flavor.set(v);
        errors.of(Field::Flavor).set(None);
    });
    view! {
        <ChoiceList legend=Some(tr("servers.f_flavor").into()) id="f-flavor" name="flavor" items=items
            selected=Signal::derive(move || vec![draft.flavor.get()]) on_change=on_change
            error=errors.of(Field::Flavor) required=true testid="flavors"/>
    }
    .into_any()
}

fn disk_field(templates: &[Template], draft: Draft, errors: Errors) -> impl IntoView {
    let list = templates.to_vec();
    let hint = move || {
        let min = min_disk(list.iter().find(|x| x.id.as_str() == draft.template.get()));
        t_with("servers.disk_hint", &[("min", &min.to_string()), ("max", &DISK_MAX.to_string())])
    };
    view! {
        <InputField label=tr("servers.f_disk") id="f-disk" name="disk" value=draft.disk on_input=setter(draft.disk)
            inputmode="numeric" hint=Some(hint.into()) error=errors.of(Field::Disk) required=true/>
    }
}

fn offer_fields(
    groups: Vec<provision::Offer>,
    keys: Vec<provision::Offer>,
    draft: Draft,
    errors: Errors,
) -> impl IntoView {
    let choices = |list: &[provision::Offer]| -> Vec<Choice> {
        list.iter().map(|o| Choice::new(o.id.0.clone(), o.name.0.clone())).collect()
    };
    let groups = (!groups.is_empty()).then(|| {
        let options = choices(&groups);
        view! {
            <SelectField label=tr("servers.f_security_group") id="f-security_group" name="security_group"
                value=draft.security_group on_change=setter(draft.security_group) options=options
                error=errors.of(Field::SecurityGroup)/>
        }
    });
    let keys = (!keys.is_empty()).then(|| {
        let options = choices(&keys);
        view! {
            <SelectField label=tr("servers.f_keypair") id="f-keypair" name="keypair"
                value=draft.keypair on_change=setter(draft.keypair) options=options
                placeholder=Some(tr("servers.keypair_none").into()) error=errors.of(Field::Keypair)/>
        }
    });
    view! { {groups} {keys} }
}

/// The password with show/hide, a strength meter and its advice, a
/// generator (the browser's `crypto.getRandomValues`) and a copy button.
fn password_field(pw: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let shown = RwSignal::new(false);
    let strength = Signal::derive(move || rules::password_strength(&pw.get()));
    let copied = RwSignal::new(None::<String>);
    let empty = Signal::derive(move || pw.with(String::is_empty));
    let generate = move |_| {
        let mut pool: Vec<u8> = Vec::new();
        let mut next = move || {
            if pool.is_empty() {
                pool.extend_from_slice(&crate::browser::random_bytes());
            }
            pool.pop().unwrap_or(0)
        };
        pw.set(rules::generate_password(&mut next));
        shown.set(true);
        copied.set(None);
    };
    let copy = move |_| {
        let text = pw.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&text).await;
            copied.try_set(Some(t(if ok {
                "servers.pw_copied"
            } else {
                "servers.pw_copy_failed"
            })));
        });
    };
    let described = move || {
        let mut ids = vec!["f-password-hint"];
        if !empty.get() {
            ids.push("f-password-strength");
        }
        if error.with(Option::is_some) {
            ids.push("f-password-err");
        }
        ids.join(" ")
    };
    let level_class = move || format!("pw-level pw-{}", strength.get().level.score());
    let level_text = move || {
        let s = strength.get();
        format!(
            "{} {}",
            t_with("servers.pw_strength", &[("level", &t(s.level.key()))]),
            t(s.advice)
        )
    };
    view! {
        <div class="field pw-field" class:field-invalid=move || error.with(Option::is_some)>
            <label for="f-password">{tr("servers.f_password")}<span class="req" aria-hidden="true">" *"</span></label>
            <p class="hint" id="f-password-hint">{tr("servers.password_hint")}</p>
            <div class="input-wrap">
                <input id="f-password" name="password" type=move || if shown.get() { "text" } else { "password" }
                    autocomplete="new-password" autocapitalize="off" spellcheck="false" aria-required="true"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described class="mono" bind:value=pw/>
                <button type="button" class="btn-reveal" aria-controls="f-password"
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)>
                    {move || t(if shown.get() { "login.hide_password" } else { "login.show_password" })}
                </button>
            </div>
            <div class="pw-strength" id="f-password-strength" hidden=empty data-testid="pw-strength">
                <meter min="0" max="4" low="1.5" high="2.5" optimum="4" aria-label=tr("servers.pw_meter")
                    value=move || strength.get().level.score().to_string()></meter>
                <p class=level_class>{level_text}</p>
            </div>
            <div class="pw-tools">
                <button type="button" class="btn btn-secondary" on:click=generate>{tr("servers.pw_generate")}</button>
                <button type="button" class="btn btn-secondary" disabled=empty on:click=copy>{tr("servers.pw_copy")}</button>
            </div>
            <p class="muted pw-copied" role="status">{move || copied.get().unwrap_or_default()}</p>
            {error_line("f-password", error)}
        </div>
    }
}

fn network_list(networks: Vec<provision::Network>) -> impl IntoView {
    if networks.is_empty() {
        return view! { <p class="muted">{tr("servers.networks_none")}</p> }.into_any();
    }
    let items = networks
        .into_iter()
        .map(|n| {
            let kind = match n.kind.as_str().trim().to_ascii_lowercase().as_str() {
                "public" => Some("servers.net_public"),
                "private" => Some("servers.net_private"),
                _ => None,
            };
            let raw_kind = n.kind.0.clone();
            view! {
                <li class="network">
                    <strong>{n.name.0.clone()}</strong>
                    " "
                    <span class="badge">{move || kind.map(t).unwrap_or_else(|| raw_kind.clone())}</span>
                    <span class="mono network-cidr">{n.cidr.0.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="network-list" data-testid="networks">{items}</ul> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    fn template(id: &str, min: &str) -> Template {
        Template {
            id: Id(id.into()),
            name: Text(id.into()),
            os: Text::default(),
            min_disk: Text(min.into()),
        }
    }

    fn flavor(id: &str) -> Flavor {
        Flavor {
            id: Id(id.into()),
            name: Text::default(),
            cpu: Text("1".into()),
            memory: Text("1024".into()),
        }
    }

    fn good() -> NewVm {
        NewVm {
            label: "web-03".into(),
            template: "debian-12".into(),
            flavor: "s1".into(),
            disk: "20".into(),
            security_group: String::new(),
            keypair: String::new(),
            password: "Sunflower7garden".into(),
        }
    }

    fn fields(vm: &NewVm) -> Vec<Field> {
        let templates = [template("debian-12", ""), template("windows-2022", "40")];
        check(vm, &templates, &[flavor("s1")]).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_complete_form_passes() {
        assert!(fields(&good()).is_empty());
    }

    #[test]
    fn each_field_is_checked_in_the_page_language() {
        let vm = NewVm {
            label: "  ".into(),
            template: String::new(),
            flavor: "s9".into(),
            disk: "abc".into(),
            password: "short".into(),
            ..good()
        };
        let templates = [template("debian-12", "")];
        let found = check(&vm, &templates, &[flavor("s1")]);
        let got: Vec<(Field, &str)> = found.iter().map(|(f, m)| (*f, m.as_str())).collect();
        assert_eq!(
            got,
            [
                (Field::Label, "Hãy đặt tên cho máy chủ."),
                (Field::Template, "Hãy chọn hệ điều hành."),
                (Field::Flavor, "Hãy chọn cấu hình."),
                (Field::Disk, "Nhập dung lượng là một số nguyên (GB)."),
                (Field::Password, "Mật khẩu cần ít nhất 8 ký tự, có cả chữ và số."),
            ]
        );
        assert_eq!(fields(&NewVm { label: "x".repeat(65), ..good() }), [Field::Label]);
    }

    #[test]
    fn the_disk_respects_the_template_minimum_and_the_range() {
        assert_eq!(fields(&NewVm { disk: "9".into(), ..good() }), [Field::Disk]);
        assert_eq!(fields(&NewVm { disk: "501".into(), ..good() }), [Field::Disk]);
        assert!(fields(&NewVm { disk: " 500 ".into(), ..good() }).is_empty());
        let windows = NewVm { template: "windows-2022".into(), ..good() };
        assert_eq!(fields(&windows), [Field::Disk], "20 GB is below Windows' 40");
        assert!(fields(&NewVm { disk: "40".into(), ..windows }).is_empty());
        assert_eq!(min_disk(Some(&template("x", "40"))), 40);
        assert_eq!(min_disk(Some(&template("x", "5"))), DISK_MIN);
        assert_eq!(min_disk(None), DISK_MIN);
        let msg = &check(
            &NewVm { disk: "9".into(), ..good() },
            &[template("debian-12", "")],
            &[flavor("s1")],
        )[0]
        .1;
        assert_eq!(msg, "Dung lượng phải từ 10 đến 500 GB.");
    }

    #[test]
    fn server_refusals_find_their_field() {
        assert_eq!(Field::of_server("invalid_label"), Some(Field::Label));
        assert_eq!(Field::of_server("invalid_security_group"), Some(Field::SecurityGroup));
        assert_eq!(Field::of_server(" invalid_password "), Some(Field::Password));
        assert_eq!(Field::of_server("quota_exceeded"), None);
        assert_eq!(Field::of_server("invalid_thing"), None);
        assert_eq!(
            server_field_text("invalid_disk"),
            "Dung lượng ổ đĩa không hợp lệ cho hệ điều hành này."
        );
        // a word without a text of its own still says something useful
        assert_eq!(server_field_text("invalid_shape_of_moon"), t("servers.err_field"));
    }

    #[test]
    fn quota_lines_say_what_by_how_much() {
        let x = rules::Excess {
            kind: "cpu".into(),
            unit: "vCPU".into(),
            after: 10.0,
            limit: 8.0,
            over: 2.0,
        };
        assert_eq!(quota_lines(&[x]), ["CPU: cần 10 vCPU, hạn mức 8 vCPU (vượt 2 vCPU)."]);
        let v = rules::Excess {
            kind: "vms".into(),
            unit: String::new(),
            after: 5.0,
            limit: 4.0,
            over: 1.0,
        };
        assert_eq!(quota_lines(&[v]), ["Số máy chủ ảo: cần 5, hạn mức 4 (vượt 1)."]);
    }
}
