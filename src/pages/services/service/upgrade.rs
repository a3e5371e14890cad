//! Upgrading the service: the options of `GET /service/@id/upgrade` as a
//! form (a control per resource kind: slider with a number beside it,
//! quantity, dropdown, radios, dropdown with a quantity; the package; the
//! billing cycle), the estimate of `POST /service/@id/upgrade`
//! (`send: false`) redone after every change, then the order
//! (`send: true`) behind a confirmation, with a link to its invoice.
//!
//! The estimate follows the form as the cart's quote does
//! (`pages/cart/quote.rs`): [`DEBOUNCE_MS`] after the last change, and
//! every request numbered (`cart::Latest`) so that a late answer never
//! overwrites a newer one. Ordering needs the estimate of exactly the
//! choices on screen.

use super::super::list::cycle_text;
use super::Ctx;
use crate::api::services::upgrade::{
    self, Choice, Estimate, Resource, ResourceKind, UpgradeChoices, UpgradeOptions, UpgradeOrder,
    UpgradeRequest,
};
use crate::api::ApiError;
use crate::app::href;
use crate::cart::Latest;
use crate::i18n::{self, t, t_with, tr};
use crate::ui::dialog::Confirm;
use crate::ui::erase::{action, dyn_view, effect, resource, Act};
use crate::ui::fields::{ChoiceItem, ChoiceList, Note};
use crate::ui::format::money_text;
use crate::ui::select::{Choice as Opt, SelectField};
use crate::ui::{error_text, resource_view};
use crate::vocab::{Id, Money};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

/// Pause after the last change before asking for an estimate.
pub const DEBOUNCE_MS: u32 = 300;

/// An estimate that follows the form. Copy: its signals and numbering
/// live in the reactive arena of the form that made it.
#[derive(Clone, Copy)]
pub struct LiveEstimate {
    /// The last estimate shown, with the request it answers.
    pub shown: RwSignal<Option<(UpgradeRequest, Estimate)>>,
    pub error: RwSignal<Option<ApiError>>,
    pub loading: RwSignal<bool>,
    latest: StoredValue<Latest, LocalStorage>,
}

impl Default for LiveEstimate {
    fn default() -> Self {
        Self::new()
    }
}

impl LiveEstimate {
    pub fn new() -> Self {
        LiveEstimate {
            shown: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            latest: StoredValue::new_local(Latest::default()),
        }
    }

    /// Asks for the estimate of `request` after [`DEBOUNCE_MS`]; every
    /// request made before is superseded. None (nothing changed, or a
    /// choice that cannot be sent) clears the estimate.
    pub fn request(&self, id: Id, request: Option<UpgradeRequest>) {
        let Some(n) = self.latest.try_with_value(Latest::issue) else { return };
        let (latest, shown, error, loading) = (self.latest, self.shown, self.error, self.loading);
        let Some(request) = request else {
            latest.try_with_value(|l| l.take(n));
            shown.set(None);
            error.set(None);
            loading.set(false);
            return;
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
            // the form may be gone (None), or a newer change came
            if latest.try_with_value(|l| l.is_current(n)) != Some(true) {
                return;
            }
            let answer = upgrade::estimate(id, request.clone()).await;
            if latest.try_with_value(|l| l.take(n)) != Some(true) {
                return; // a newer request is under way or answered
            }
            match answer {
                Ok(e) => {
                    shown.try_set(Some((request, e)));
                    error.try_set(None);
                }
                Err(e) => {
                    shown.try_set(None);
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    }

    /// The estimate of exactly `request`, once it is in and nothing newer
    /// is awaited.
    pub fn ready_for(&self, request: &Option<UpgradeRequest>) -> Option<Estimate> {
        if self.loading.get() || self.error.with(Option::is_some) {
            return None;
        }
        let request = request.as_ref()?;
        self.shown.with(|s| s.as_ref().filter(|(r, _)| r == request).map(|(_, e)| e.clone()))
    }
}

type OrderAct = Act<UpgradeRequest, Result<UpgradeOrder, ApiError>>;

#[component]
pub fn UpgradeCard(ctx: Ctx) -> impl IntoView {
    let options = resource(move || upgrade::options(ctx.id()));
    let order: OrderAct = action(move |req: &UpgradeRequest| {
        let (id, req) = (ctx.id(), req.clone());
        async move {
            let r = upgrade::order(id, req).await;
            match &r {
                Ok(o) => {
                    crate::ui::toast::info(&o.info, "services.upgrade_ordered");
                    ctx.reload();
                    options.refetch();
                }
                // it may have been ordered: show the service as it is now
                Err(e) if e.outcome_unknown() => {
                    ctx.reload();
                    options.refetch();
                }
                Err(_) => {}
            }
            r
        }
    });
    let result = dyn_view(move || match order.value().get() {
        Some(Ok(o)) => {
            let invoice = (!o.invoice_id.is_empty()).then(|| {
                let id = o.invoice_id.0.clone();
                view! {
                    <A href=href::invoice(&id) attr:class="btn btn-primary" attr:data-testid="upgrade-invoice">
                        {tw_invoice(id.clone())}
                    </A>
                }
            });
            view! {
                <div class="alert alert-info" role="status" data-testid="upgrade-ordered">
                    <p>{tr("services.upgrade_ordered_text")}</p>
                    {invoice}
                </div>
            }
            .into_any()
        }
        Some(Err(e)) if e.outcome_unknown() => view! {
            <p class="alert alert-warn" role="alert">{tr("services.outcome_unknown")}</p>
        }
        .into_any(),
        _ => ().into_any(),
    });
    view! {
        <section class="card upgrade" aria-labelledby="svc-upgrade-title" data-testid="upgrade-card">
            <h2 id="svc-upgrade-title">{tr("services.upgrade_title")}</h2>
            {result}
            {resource_view(options, "services.upgrade_error", move |o: UpgradeOptions| {
                if o.is_empty() {
                    view! { <p class="muted">{tr("services.upgrade_none")}</p> }.into_any()
                } else {
                    view! { <UpgradeForm ctx=ctx options=o order=order/> }.into_any()
                }
            })}
        </section>
    }
}

fn tw_invoice(id: String) -> impl Fn() -> String + Send + Sync + 'static {
    move || t_with("services.upgrade_invoice", &[("id", &id)])
}

/// "500 GB (+5.000 ₫)" for an item with a price.
fn priced(name: &str, price: &Money, currency: &str) -> String {
    match price.value {
        Some(p) if !p.is_zero() => t_with(
            "services.item_price",
            &[("name", name.trim()), ("price", &money_text(price, currency, i18n::lang()))],
        ),
        _ => name.trim().to_owned(),
    }
}

#[component]
fn UpgradeForm(ctx: Ctx, options: UpgradeOptions, order: OrderAct) -> impl IntoView {
    let initial = options.initial();
    let (resources, packages, cycles) =
        (options.resources.clone(), options.packages.clone(), options.cycles.clone());
    let opts = StoredValue::new(options);
    let choices = RwSignal::new(initial.clone());
    let problems = Memo::new(move |_| choices.with(|c| opts.with_value(|o| o.problems(c))));
    let request = Memo::new(move |_| {
        let c = choices.get();
        (c != initial && problems.with(Vec::is_empty)).then(|| opts.with_value(|o| o.request(&c)))
    });
    let live = LiveEstimate::new();
    effect(move || live.request(ctx.id(), request.get()));
    let currency = ctx.currency;
    let pending = order.pending();
    let ready = Signal::derive(move || request.with(|r| live.ready_for(r)));

    let controls = resources
        .into_iter()
        .enumerate()
        .map(|(i, r)| resource_field(i, r, choices, problems, currency))
        .collect_view();
    let package = (packages.len() > 1).then(|| {
        let list = StoredValue::new(packages);
        let opts = Signal::derive(move || {
            let cur = currency.get();
            list.with_value(|l| {
                l.iter().map(|p| Opt::new(p.id.0.clone(), priced(p.name.as_str(), &p.price, &cur))).collect()
            })
        });
        let value = Signal::derive(move || choices.with(|c| c.package.clone().unwrap_or_default().0));
        let on_change = Callback::new(move |v: String| choices.update(|c| c.package = Some(Id(v))));
        view! { <SelectField label=tr("services.package") id="up-package" name="package" value=value on_change=on_change options=opts/> }
    });
    let cycle = (cycles.len() > 1).then(|| {
        let opts: Vec<Opt> = cycles
            .iter()
            .map(|c| {
                let name = if c.name.as_str().trim().is_empty() { c.id.as_str() } else { c.name.as_str() };
                Opt::new(c.id.0.clone(), cycle_text(name))
            })
            .collect();
        let value = Signal::derive(move || choices.with(|c| c.cycle.clone().unwrap_or_default().0));
        let on_change = Callback::new(move |v: String| choices.update(|c| c.cycle = Some(Id(v))));
        view! { <SelectField label=tr("services.cycle") id="up-cycle" name="cycle" value=value on_change=on_change options=opts/> }
    });
    let refused = Signal::derive(move || match order.value().get() {
        Some(Err(e)) if !e.outcome_unknown() && !pending.get() => Some(error_text(&e)),
        _ => None,
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(req), Some(est)) = (request.get_untracked(), ready.get_untracked()) else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        let cur = if est.currency.as_str().is_empty() {
            currency.get_untracked()
        } else {
            est.currency.0.clone()
        };
        let total = money_text(&est.total, &cur, i18n::lang());
        let body = t_with("services.upgrade_confirm", &[("name", &ctx.name()), ("total", &total)]);
        ctx.confirm.ask(Confirm::new(
            "services.upgrade_confirm_title",
            body,
            "services.upgrade_order",
            move || {
                order.clear();
                order.dispatch(req.clone());
            },
        ));
    };
    view! {
        <form class="form upgrade-form" novalidate on:submit=on_submit data-testid="upgrade-form">
            {controls}
            {package}
            {cycle}
            <EstimatePanel live=live request=request currency=currency/>
            <Note text=refused class="alert alert-error" role="alert" testid="upgrade-refused"/>
            <button type="submit" class="btn btn-primary" disabled=move || pending.get() || ready.with(Option::is_none)>
                {crate::ui::erase::busy_label(pending, "services.upgrade_order", "services.ordering")}
            </button>
        </form>
    }
}

/// The range and step of a quantity, said in words.
fn range_text(r: &Resource) -> String {
    let (min, step) = (r.min.to_string(), r.step.to_string());
    match r.max {
        Some(max) => t_with(
            "services.qty_range",
            &[("min", &min), ("max", &max.to_string()), ("step", &step)],
        ),
        None => t_with("services.qty_min", &[("min", &min), ("step", &step)]),
    }
}

/// One resource as a control bound to its choice (`choices.resources[i]`).
fn resource_field(
    i: usize,
    r: Resource,
    choices: RwSignal<UpgradeChoices>,
    problems: Memo<Vec<usize>>,
    currency: Signal<String>,
) -> AnyView {
    let id = format!("up-{}", r.id.as_str());
    let name = format!("resources[{}]", r.id.as_str());
    let label = r.name.trim().to_owned();
    let current = move || choices.with(|c| c.resources.get(i).cloned());
    let set = move |ch: Choice| {
        choices.update(|c| {
            if let Some(slot) = c.resources.get_mut(i) {
                *slot = ch;
            }
        })
    };
    let items = StoredValue::new(r.items.clone());
    let item_options = Signal::derive(move || {
        let cur = currency.get();
        items.with_value(|l| {
            l.iter()
                .map(|it| Opt::new(it.id.0.clone(), priced(it.name.as_str(), &it.price, &cur)))
                .collect::<Vec<_>>()
        })
    });
    let item_value = Signal::derive(move || match current() {
        Some(Choice::Item(v) | Choice::ItemQuantity(v, _)) => v.0,
        _ => String::new(),
    });
    match r.kind.clone() {
        ResourceKind::Slider | ResourceKind::Quantity => {
            let error = Signal::derive({
                let range = range_text(&r);
                move || problems.with(|p| p.contains(&i)).then(|| range.clone())
            });
            let value = Signal::derive(move || match current() {
                Some(Choice::Quantity(n)) => n,
                _ => 0,
            });
            let on_input = Callback::new(move |raw: String| {
                set(Choice::Quantity(raw.trim().parse().unwrap_or(0)))
            });
            let unit = r.items.first().map(|it| (it.name.0.clone(), it.price.clone()));
            let hint = {
                let range = range_text(&r);
                move || match &unit {
                    Some((u, p)) if p.value.is_some_and(|d| !d.is_zero()) => t_with(
                        "services.unit_price",
                        &[
                            ("range", &range),
                            ("unit", u.trim()),
                            ("price", &money_text(p, &currency.get(), i18n::lang())),
                        ],
                    ),
                    _ => range.clone(),
                }
            };
            let slider = r.kind == ResourceKind::Slider && r.max.is_some();
            view! {
                <QuantityField label=label id=id name=name value=value on_input=on_input slider=slider
                    min=r.min max=r.max step=r.step hint=Signal::derive(hint) error=error/>
            }
            .into_any()
        }
        ResourceKind::Select => {
            let on_change = Callback::new(move |v: String| set(Choice::Item(Id(v))));
            view! { <SelectField label=label id=id name=name value=item_value on_change=on_change options=item_options/> }.into_any()
        }
        ResourceKind::Radio => {
            let list = Signal::derive(move || {
                let cur = currency.get();
                items.with_value(|l| {
                    l.iter()
                        .map(|it| {
                            let detail = if it.price.value.is_some_and(|d| !d.is_zero()) {
                                t_with(
                                    "services.item_extra",
                                    &[("price", &money_text(&it.price, &cur, i18n::lang()))],
                                )
                            } else {
                                String::new()
                            };
                            ChoiceItem::new(it.id.0.clone(), it.name.0.clone(), detail)
                        })
                        .collect::<Vec<_>>()
                })
            });
            let selected = Signal::derive(move || vec![item_value.get()]);
            let on_change = Callback::new(move |(v, on): (String, bool)| {
                if on {
                    set(Choice::Item(Id(v)));
                }
            });
            view! {
                <ChoiceList legend=Some(label.into()) id=id name=name items=list selected=selected on_change=on_change/>
            }
            .into_any()
        }
        ResourceKind::SelectQuantity => {
            let qty = Signal::derive(move || match current() {
                Some(Choice::ItemQuantity(_, n)) => n,
                _ => 0,
            });
            let on_item = Callback::new(move |v: String| {
                set(Choice::ItemQuantity(Id(v), qty.get_untracked()))
            });
            let on_qty = Callback::new(move |raw: String| {
                set(Choice::ItemQuantity(
                    Id(item_value.get_untracked()),
                    raw.trim().parse().unwrap_or(0),
                ))
            });
            let error = Signal::derive(move || {
                problems.with(|p| p.contains(&i)).then(|| t("services.item_unknown"))
            });
            let qty_label = t_with("services.qty_of", &[("name", &label)]);
            view! {
                <fieldset class="field select-qty">
                    <legend>{label.clone()}</legend>
                    <SelectField label=tr("services.item") id=id.clone() name=format!("{name}[item]") value=item_value on_change=on_item options=item_options error=error/>
                    <QuantityField label=qty_label id=format!("{id}-qty") name=format!("{name}[qty]") value=qty on_input=on_qty
                        slider=false min=0 max=None step=1 hint=Signal::stored(String::new()) error=Signal::stored(None::<String>)/>
                </fieldset>
            }
            .into_any()
        }
        ResourceKind::Other(_) => {
            let now = r
                .items
                .iter()
                .filter(|it| it.selected.0 || it.qty > 0)
                .map(|it| it.name.as_str().trim().to_owned())
                .collect::<Vec<_>>()
                .join(", ");
            let now = if now.is_empty() && r.value > 0 { r.value.to_string() } else { now };
            view! {
                <div class="field fixed-resource" data-testid="fixed-resource">
                    <p class="field-label"><strong>{label}</strong></p>
                    <p>{if now.is_empty() { "—".to_string() } else { now }}</p>
                    <p class="hint">{tr("services.kind_elsewhere")}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// A quantity: a slider with a number input beside it, or a number input.
#[component]
fn QuantityField(
    label: String,
    id: String,
    name: String,
    #[prop(into)] value: Signal<u32>,
    on_input: Callback<String>,
    slider: bool,
    min: u32,
    max: Option<u32>,
    step: u32,
    #[prop(into)] hint: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let described = {
        let (h, e) = (hint_id.clone(), err_id.clone());
        move || if error.get().is_some() { format!("{h} {e}") } else { h.clone() }
    };
    let number_id = if slider { format!("{id}-n") } else { id.clone() };
    let max = max.map(|m| m.to_string());
    let invalid = move || error.get().is_some().then_some("true");
    let range = slider.then(|| {
        view! {
            <input id=id.clone() name=name.clone() type="range" min=min.to_string() max=max.clone() step=step.to_string()
                prop:value=move || value.get().to_string() aria-describedby=described.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
            <label class="visually-hidden" for=number_id.clone()>{t_with("services.qty_of", &[("name", &label)])}</label>
        }
    });
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label.clone()}</label>
            <p class="hint" id=hint_id>{move || hint.get()}</p>
            <div class="input-wrap qty">
                {range}
                <input id=number_id.clone() name=name type="number" inputmode="numeric" class="qty-number"
                    min=min.to_string() max=max step=step.to_string()
                    prop:value=move || value.get().to_string() aria-invalid=invalid aria-describedby=described
                    on:input=move |ev| on_input.run(event_target_value(&ev))/>
            </div>
            {crate::ui::fields::error_line(&id, error)}
        </div>
    }
}

/// The estimate: progress while asking, its lines and totals, or why not.
#[component]
fn EstimatePanel(
    live: LiveEstimate,
    request: Memo<Option<UpgradeRequest>>,
    currency: Signal<String>,
) -> impl IntoView {
    let LiveEstimate { shown, error, loading, .. } = live;
    let status = move || {
        if loading.get() {
            t("services.estimating")
        } else if request.with(Option::is_none) {
            t("services.estimate_prompt")
        } else {
            String::new()
        }
    };
    let failed = Signal::derive(move || error.get().map(|e| error_text(&e)));
    let body = dyn_view(move || {
        let Some((_, e)) = shown.get() else { return ().into_any() };
        let cur = if e.currency.as_str().trim().is_empty() {
            currency.get()
        } else {
            e.currency.0.clone()
        };
        let lang = i18n::lang();
        let row = |label: String, m: &Money, class: &'static str| {
            let text = money_text(m, &cur, lang);
            view! { <div class=format!("dl-row {class}")><dt>{label}</dt><dd class="num">{text}</dd></div> }
        };
        let lines = e.items.0.iter().map(|it| row(it.name.0.clone(), &it.price, "")).collect_view();
        let tax = e.tax.value.is_some().then(|| row(t("services.tax"), &e.tax, ""));
        let subtotal =
            e.subtotal.value.is_some().then(|| row(t("services.subtotal"), &e.subtotal, ""));
        view! {
            <dl class="dl quote-totals" class:stale=move || loading.get() data-testid="estimate-totals">
                {lines}
                {subtotal}
                {tax}
                {row(t("services.total"), &e.total, "total")}
            </dl>
        }
        .into_any()
    });
    view! {
        <section class="estimate" aria-labelledby="svc-estimate-title" aria-busy=move || loading.get().then_some("true") data-testid="upgrade-estimate">
            <h3 id="svc-estimate-title">{tr("services.estimate_title")}</h3>
            <p class="quote-status muted" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true" hidden=move || !loading.get()></span>
                {status}
            </p>
            <Note text=failed class="alert alert-error" role="alert" testid="estimate-error"/>
            {body}
        </section>
    }
}
