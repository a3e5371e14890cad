//! Adding or changing one record. One draft serves every type: switching
//! the type keeps what applies (`Draft::switch_type`) and shows that type's
//! fields. `dns::check` runs on "Save" and then on every change, so a
//! mistake is named at its field, in the page's language, before anything
//! is sent; the server's own refusal shows at the field it names.
//!
//! After an add the zone is read again so the new record gets its id (the
//! add answers none). A lost answer is of unknown outcome: the zone is read
//! again; when the record is there it was added, when the server cannot
//! list records the customer is told that sending again is safe (the
//! server refuses a duplicate).

use super::{same_record, Ctx, Panel};
use crate::api::dns as api;
use crate::dns::check::refused_field;
use crate::dns::{
    check, full_name, Draft, Field, FieldError, Record, RecordType, TTL_MAX, TTL_MIN,
};
use crate::i18n::{t, t_with, tr};
use crate::pages::dns::refusal_text;
use crate::ui::erase::{action, busy_label, effect, Act};
use crate::ui::toast;
use leptos::prelude::*;

/// The input of a field.
pub fn input_id(f: Field) -> &'static str {
    match f {
        Field::Name => "rec-name",
        Field::Type => "rec-type",
        Field::Ttl => "rec-ttl",
        Field::Priority => "rec-priority",
        Field::Content => "rec-content",
        Field::Weight => "rec-weight",
        Field::Port => "rec-port",
        Field::Target => "rec-target",
        Field::CaaFlags => "rec-caa-flags",
        Field::CaaTag => "rec-caa-tag",
        Field::CaaValue => "rec-caa-value",
    }
}

/// The fields the form shows for a type, in order.
pub fn fields_of(rtype: &RecordType) -> Vec<Field> {
    use Field::*;
    let mut f = vec![Name, Ttl];
    match rtype {
        RecordType::Mx => f.extend([Priority, Content]),
        RecordType::Srv => f.extend([Priority, Weight, Port, Target]),
        RecordType::Caa => f.extend([CaaFlags, CaaTag, CaaValue]),
        _ => f.push(Content),
    }
    f
}

/// The hint under a field (its value's form, for the type).
fn hint_key(f: Field, rtype: &RecordType) -> &'static str {
    match (f, rtype) {
        (Field::Name, _) => "dns.hint_name",
        (Field::Ttl, _) => "dns.hint_ttl",
        (Field::Priority, RecordType::Srv) => "dns.hint_priority_srv",
        (Field::Priority, _) => "dns.hint_priority",
        (Field::Content, RecordType::A) => "dns.hint_a",
        (Field::Content, RecordType::Aaaa) => "dns.hint_aaaa",
        (Field::Content, RecordType::Cname) => "dns.hint_cname",
        (Field::Content, RecordType::Mx) => "dns.hint_mx",
        (Field::Content, RecordType::Ns) => "dns.hint_ns",
        (Field::Content, RecordType::Txt) => "dns.hint_txt",
        (Field::Content, _) => "dns.hint_content",
        (Field::Weight, _) => "dns.hint_weight",
        (Field::Port, _) => "dns.hint_port",
        (Field::Target, _) => "dns.hint_target",
        (Field::CaaFlags, _) => "dns.hint_caa_flags",
        (Field::CaaTag, _) => "dns.hint_caa_tag",
        (Field::CaaValue, _) => "dns.hint_caa_value",
        (Field::Type, _) => "dns.hint_content",
    }
}

fn get(d: &Draft, f: Field) -> String {
    match f {
        Field::Name => d.name.clone(),
        Field::Ttl => d.ttl.clone(),
        Field::Priority => d.priority.clone(),
        Field::Content => d.content.clone(),
        Field::Weight => d.weight.clone(),
        Field::Port => d.port.clone(),
        Field::Target => d.target.clone(),
        Field::CaaFlags => d.caa_flags.clone(),
        Field::CaaTag => d.caa_tag.clone(),
        Field::CaaValue => d.caa_value.clone(),
        Field::Type => d.rtype.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default(),
    }
}

fn set(d: &mut Draft, f: Field, v: String) {
    match f {
        Field::Name => d.name = v,
        Field::Ttl => d.ttl = v,
        Field::Priority => d.priority = v,
        Field::Content => d.content = v,
        Field::Weight => d.weight = v,
        Field::Port => d.port = v,
        Field::Target => d.target = v,
        Field::CaaFlags => d.caa_flags = v,
        Field::CaaTag => d.caa_tag = v,
        Field::CaaValue => d.caa_value = v,
        Field::Type => d.switch_type(RecordType::parse(&v)),
    }
}

/// One message per field: the page's own checks, or the server's refusal.
type Errors = Vec<(Field, String)>;

fn errors_of(list: &[FieldError]) -> Errors {
    let mut out: Errors = Vec::new();
    for e in list {
        if !out.iter().any(|(f, _)| *f == e.field) {
            out.push((e.field, t(e.problem.key())));
        }
    }
    out
}

#[component]
pub fn RecordForm(ctx: Ctx, draft: Draft, editing: Option<Record>) -> impl IntoView {
    let zone = ctx.zone_name();
    let draft = RwSignal::new(draft);
    let errors = RwSignal::new(Errors::new());
    // after the first "Save", the checks follow every change
    let checked = RwSignal::new(false);
    let general = RwSignal::new(None::<String>);
    let unknown = RwSignal::new(None::<&'static str>);
    let editing = StoredValue::new(editing);
    let editing_id = move || editing.with_value(|e| e.as_ref().and_then(|r| r.id.clone()));
    let z = zone.clone();
    let run_checks = move || {
        let d = draft.get();
        let id = editing_id();
        ctx.records.with(|others| check(&d, &z, others, id.as_deref()))
    };
    let rc = run_checks.clone();
    effect(move || {
        if checked.get() {
            errors.set(match rc() {
                Ok(_) => Vec::new(),
                Err(list) => errors_of(&list),
            });
        }
    });
    let save = save_action(ctx, editing, errors, general, unknown);
    let pending = save.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        general.set(None);
        unknown.set(None);
        checked.set(true);
        match run_checks() {
            Err(list) => {
                let errs = errors_of(&list);
                if let Some((f, _)) = errs.first() {
                    crate::browser::focus(input_id(*f));
                }
                errors.set(errs);
            }
            Ok(r) => {
                errors.set(Vec::new());
                save.dispatch(r);
            }
        }
    };
    let rtype = Memo::new(move |_| draft.with(|d| d.rtype.clone().unwrap_or(RecordType::A)));
    let z = zone.clone();
    let full = move || {
        let n = draft.with(|d| d.name.clone());
        match crate::dns::relative_name(&n, &z) {
            Some(rel) => t_with(
                "dns.full_name_is",
                &[("name", &crate::idn::to_unicode(&full_name(&rel, &z)))],
            ),
            None => String::new(),
        }
    };
    let is_edit = editing.with_value(Option::is_some);
    let title = if is_edit { "dns.change_record" } else { "dns.add_record" };
    let field_views = move || {
        fields_of(&rtype.get())
            .into_iter()
            .map(|f| field_view(f, draft, errors, rtype))
            .collect_view()
    };
    let type_opts = RecordType::EDITABLE
        .iter()
        .map(|ty| view! { <option value=ty.as_str()>{ty.as_str()}</option> })
        .collect_view();
    view! {
        <section class="card record-form" aria-labelledby="record-form-title">
            <h2 id="record-form-title">{tr(title)}</h2>
            <form class="form" novalidate on:submit=submit data-testid="record-form">
                <div class="field">
                    <label for="rec-type">{tr("dns.f_type")}</label>
                    <select id="rec-type" name="type"
                        prop:value=move || rtype.get().as_str().to_owned()
                        on:change=move |ev| draft.update(|d| set(d, Field::Type, event_target_value(&ev)))>
                        {type_opts}
                    </select>
                    <p class="hint">{move || t(type_hint(&rtype.get()))}</p>
                </div>
                {field_views}
                <p class="muted full-name" aria-live="polite">{full}</p>
                <div class="alert alert-warn" role="alert" hidden=move || unknown.with(Option::is_none) data-testid="record-unknown">
                    {move || unknown.get().map(t).unwrap_or_default()}
                </div>
                <p class="alert alert-error" role="alert" hidden=move || general.with(Option::is_none)>
                    {move || general.get().unwrap_or_default()}
                </p>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                        {busy_label(pending, "dns.save_record", "dns.saving_record")}
                    </button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| ctx.panel.set(Panel::Closed)>
                        {tr("ui.cancel")}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Sends the checked record (an add, or a change of `editing`) and follows
/// up: the table, the toast, a refusal at its field, an unknown outcome.
fn save_action(
    ctx: Ctx,
    editing: StoredValue<Option<Record>>,
    errors: RwSignal<Errors>,
    general: RwSignal<Option<String>>,
    unknown: RwSignal<Option<&'static str>>,
) -> Act<Record, ()> {
    let editing_id = move || editing.with_value(|e| e.as_ref().and_then(|r| r.id.clone()));
    action(move |r: &Record| {
        let r = r.clone();
        let id = editing_id();
        async move {
            let (s, z, name) = (ctx.service.get_value(), ctx.zone.get_value(), ctx.zone_name());
            let answer = match &id {
                Some(id) => api::update_record(&s, &z, &name, id, &r).await,
                None => api::add_record(&s, &z, &name, &r).await,
            };
            match answer {
                Ok(saved) => {
                    match &id {
                        Some(id) => {
                            toast::show(t("dns.record_saved"));
                            let mut now = saved.record.unwrap_or_else(|| r.clone());
                            now.id = Some(id.clone());
                            ctx.replace(id, now);
                        }
                        None => {
                            let ty = api::added_type(&saved.info).unwrap_or(r.rtype.as_str());
                            toast::show(t_with("dns.record_added", &[("type", ty)]));
                            ctx.keep_added(Record { id: None, ..r.clone() });
                        }
                    }
                    // read first: the form's owner issues the read, and
                    // closing the form would abort it
                    ctx.reread().await;
                    let _ = ctx.panel.try_set(Panel::Closed);
                }
                Err(e) if e.outcome_unknown() => {
                    let listed = ctx.reread().await;
                    let there = ctx
                        .records
                        .try_with_untracked(|l| l.iter().any(|x| same_record(x, &r)))
                        .unwrap_or(false);
                    if listed && there {
                        toast::show(t("dns.saved_after_all"));
                        let _ = ctx.panel.try_set(Panel::Closed);
                    } else {
                        let key = if listed { "dns.not_saved_retry" } else { "dns.save_unknown" };
                        let _ = unknown.try_set(Some(key));
                    }
                }
                Err(e) => {
                    ctx.note_refusal(&e);
                    let ty = r.rtype.clone();
                    let at: Errors = e
                        .messages()
                        .iter()
                        .filter_map(|m| {
                            refused_field(m, &ty).map(|f| (f, crate::i18n::server_message(m)))
                        })
                        .collect();
                    if at.is_empty() {
                        let _ = general.try_set(Some(refusal_text(&e)));
                    } else {
                        if let Some((f, _)) = at.first() {
                            crate::browser::focus(input_id(*f));
                        }
                        let _ = errors.try_set(at);
                    }
                }
            }
        }
    })
}

/// What a type is for, in a line.
fn type_hint(rtype: &RecordType) -> &'static str {
    match rtype {
        RecordType::A => "dns.type_a",
        RecordType::Aaaa => "dns.type_aaaa",
        RecordType::Cname => "dns.type_cname",
        RecordType::Mx => "dns.type_mx",
        RecordType::Txt => "dns.type_txt",
        RecordType::Srv => "dns.type_srv",
        RecordType::Ns => "dns.type_ns",
        RecordType::Caa => "dns.type_caa",
        RecordType::Other(_) => "dns.type_other",
    }
}

fn field_view(
    f: Field,
    draft: RwSignal<Draft>,
    errors: RwSignal<Errors>,
    rtype: Memo<RecordType>,
) -> impl IntoView {
    let id = input_id(f);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = move || errors.with(|e| e.iter().find(|(x, _)| *x == f).map(|(_, m)| m.clone()));
    let described = format!("{hint_id} {err_id}");
    let value = move || draft.with(|d| get(d, f));
    let on_input =
        move |ev: leptos::ev::Event| draft.update(|d| set(d, f, event_target_value(&ev)));
    let numeric =
        matches!(f, Field::Ttl | Field::Priority | Field::Weight | Field::Port | Field::CaaFlags);
    let control = match f {
        Field::CaaTag => view! {
            <select id=id name="caa_tag" prop:value=value on:change=on_input
                aria-invalid=move || error().is_some().to_string() aria-describedby=described.clone()>
                <option value="issue">"issue"</option>
                <option value="issuewild">"issuewild"</option>
                <option value="iodef">"iodef"</option>
            </select>
        }
        .into_any(),
        Field::Content if rtype.get_untracked() == RecordType::Txt => view! {
            <textarea id=id name="content" rows="3" spellcheck="false" prop:value=value on:input=on_input
                aria-invalid=move || error().is_some().to_string() aria-describedby=described.clone()></textarea>
        }
        .into_any(),
        _ => view! {
            <input id=id name=id.trim_start_matches("rec-") type="text" autocomplete="off" spellcheck="false"
                autocapitalize="none" inputmode=if numeric { "numeric" } else { "text" }
                prop:value=value on:input=on_input
                aria-invalid=move || error().is_some().to_string() aria-describedby=described.clone()/>
        }
        .into_any(),
    };
    let hint = move || {
        let key = hint_key(f, &rtype.get());
        if f == Field::Ttl {
            t_with(key, &[("min", &TTL_MIN.to_string()), ("max", &TTL_MAX.to_string())])
        } else {
            t(key)
        }
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id>{crate::pages::dns::field_label(f)}</label>
            {control}
            <p class="hint" id=hint_id>{hint}</p>
            <p class="field-error" id=err_id role="alert" hidden=move || error().is_none()>{move || error().unwrap_or_default()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_shows_its_own_fields() {
        assert_eq!(fields_of(&RecordType::A), [Field::Name, Field::Ttl, Field::Content]);
        assert_eq!(
            fields_of(&RecordType::Srv),
            [Field::Name, Field::Ttl, Field::Priority, Field::Weight, Field::Port, Field::Target]
        );
        assert_eq!(
            fields_of(&RecordType::Caa)[2..],
            [Field::CaaFlags, Field::CaaTag, Field::CaaValue]
        );
        assert_eq!(fields_of(&RecordType::Mx)[2..], [Field::Priority, Field::Content]);
    }

    #[test]
    fn fields_read_and_write_their_part_of_the_draft() {
        let mut d = Draft::new(RecordType::Srv);
        for f in
            [Field::Name, Field::Ttl, Field::Priority, Field::Weight, Field::Port, Field::Target]
        {
            set(&mut d, f, format!("{f:?}"));
            assert_eq!(get(&d, f), format!("{f:?}"));
        }
        set(&mut d, Field::Type, "mx".into());
        assert_eq!(d.rtype, Some(RecordType::Mx));
        assert_eq!(d.name, "Name", "the name stays across types");
    }
}
