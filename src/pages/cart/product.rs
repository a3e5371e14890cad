//! `/cart/product/:id`: the configurator built from `GET /order/@id`:
//! billing cycle, domain (when the product takes one), every option form,
//! addons with their own cycles, and a live quote of the choices.

use super::forms::{first_problem, ConfigForms};
use super::quote::{LiveQuote, QuotePanel};
use super::{account_currency, page_title};
use crate::api::cart::{Addon, OrderItem, ProductDetails};
use crate::api;
use crate::cart::check::{normalize_domain, valid_hostname};
use crate::cart::config::{notes, product_item, AddonValues, Selection};
use crate::cart;
use crate::i18n::{t, tr};
use crate::ui::select::{CyclePrice, CycleSelect};
use crate::ui::{resource_view, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::components::A;

#[component]
pub fn ProductPage() -> impl IntoView {
    page_title("cart.configure_title");
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let product = LocalResource::new(move || {
        let id = id();
        async move { api::cart::product(&id).await }
    });
    let (_, currency) = account_currency();
    view! {
        <section class="page" aria-labelledby="product-title">
            <p><A href="/cart">{tr("cart.back_to_catalogue")}</A></p>
            {resource_view(product, "cart.product_error", move |p: ProductDetails| view! { <Configurator product=p currency=currency/> })}
        </section>
    }
}

/// The domain field's error, if any.
fn domain_error(v: &str) -> Option<String> {
    let d = normalize_domain(v);
    if d.is_empty() {
        Some(t("cart.domain_required"))
    } else if !valid_hostname(&d) {
        Some(t("cart.domain_invalid"))
    } else {
        None
    }
}

/// The configurator for one product (also mounted alone by the browser
/// tests).
#[component]
pub fn Configurator(product: ProductDetails, #[prop(into)] currency: Signal<String>) -> impl IntoView {
    let initial = Selection::initial(&product);
    let cycle = RwSignal::new(initial.cycle.clone());
    let domain = RwSignal::new(String::new());
    let values = RwSignal::new(initial.forms.clone());
    let addons = RwSignal::new(initial.addons.clone());
    let checked = RwSignal::new(false);
    let product = StoredValue::new(product);

    let takes_domain = product.with_value(ProductDetails::takes_domain);
    let domain_err = Signal::derive(move || (checked.get() && takes_domain).then(|| domain_error(&domain.get())).flatten());
    let selection = move || Selection { cycle: cycle.get(), domain: domain.get(), forms: values.get(), addons: addons.get() };
    let promo = move || cart::with(|c| c.promocode.clone());

    // every change asks for a new quote (debounced; only the newest shown)
    let live = LiveQuote::new();
    Effect::new(move |_| {
        let sel = selection();
        let item = product.with_value(|p| product_item(p, &sel, &promo()));
        live.request(vec![OrderItem::Product(item)], None);
    });

    let cycles = Signal::derive(move || {
        product.with_value(|p| {
            p.cycles().into_iter().map(|c| CyclePrice { code: c.code().to_owned(), price: c.price, setup: c.setup }).collect()
        })
    });
    let forms = product.with_value(|p| p.config.0.forms.0.clone());
    let addon_list = product.with_value(|p| p.config.0.addons.0.clone());
    let navigate = use_navigate();
    let (name, category) = product.with_value(|p| (p.name.0.clone(), p.category_name.0.clone()));
    let (quote, loading, quote_err) = (live.quote, live.loading, live.error);
    let ok = move || LiveQuote::ready(quote, quote_err, loading);
    let quote_blocked = move || !loading.get() && quote.with(|q| q.as_ref().is_some_and(|q| !q.all_valid()));
    let add_error = RwSignal::new(None::<String>);

    let on_submit = {
        let forms = forms.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            checked.set(true);
            if takes_domain && domain_error(&domain.get_untracked()).is_some() {
                crate::browser::focus("f-domain");
                return;
            }
            if let Some(id) = values.with_untracked(|v| first_problem("opt", &forms, v)) {
                crate::browser::focus(&id);
                return;
            }
            if quote_blocked() {
                add_error.set(Some(t("cart.fix_before_adding")));
                return;
            }
            add_error.set(None);
            let sel = selection();
            let (item, title, mut lines) = product.with_value(|p| {
                (product_item(p, &sel, ""), p.name.0.clone(), notes(&p.config.0.forms.0, &sel.forms))
            });
            if !item.domain.is_empty() {
                lines.insert(0, format!("{}: {}", t("cart.domain"), item.domain));
            }
            for a in product.with_value(|p| p.config.0.addons.0.clone()) {
                if sel.addons.get(a.id.as_str()).is_some_and(|c| c.on) {
                    lines.push(format!("{}: {}", t("cart.addon"), a.title.as_str()));
                }
            }
            cart::update(|c| {
                c.add(title, lines, OrderItem::Product(item));
            });
            navigate("/cart", Default::default());
        }
    };

    view! {
        <div class="page-head">
            <div>
                <p class="muted eyebrow">{category}</p>
                <h1 id="product-title">{name}</h1>
            </div>
        </div>
        <div class="configurator">
            <form class="form card" novalidate on:submit=on_submit data-testid="configurator">
                <CycleSelect label=tr("cart.cycle") id="f-cycle" name="cycle" value=cycle cycles=cycles currency=currency/>
                {takes_domain.then(|| view! {
                    <TextField label="cart.domain" name="domain" value=domain error=domain_err required=true
                        inputmode="url" autocomplete="off" hint="cart.domain_hint"/>
                })}
                <ConfigForms forms=forms values=values currency=currency show_errors=checked prefix="opt" field="custom"/>
                {(!addon_list.is_empty()).then(|| view! {
                    <fieldset class="addons">
                        <legend>{tr("cart.addons")}</legend>
                        {addon_list.into_iter().map(|a| addon_view(a, addons, currency)).collect_view()}
                    </fieldset>
                })}
                {move || add_error.get().map(|e| view! { <p class="alert alert-error" role="alert">{e}</p> })}
                <button type="submit" class="btn btn-primary btn-block" data-ready=move || ok().then_some("true")>
                    {tr("cart.add_to_cart")}
                </button>
            </form>
            <QuotePanel live=live currency=currency/>
        </div>
    }
}

/// An addon: a checkbox `addon[<id>]`, and when ticked its own cycle
/// `addon_cycles[<id>]`.
fn addon_view(a: Addon, addons: RwSignal<AddonValues>, currency: Signal<String>) -> impl IntoView {
    let id = a.id.0.clone();
    let box_id = format!("addon-{id}");
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    let on = move || addons.with(|m| m.get(&id1).is_some_and(|c| c.on));
    let cycle = RwSignal::new(addons.with_untracked(|m| m.get(&id).map(|c| c.cycle.clone()).unwrap_or_default()));
    Effect::new(move |_| {
        let c = cycle.get();
        addons.update(|m| m.entry(&id2).cycle = c);
    });
    let cycles: Vec<CyclePrice> =
        a.cycles().into_iter().map(|c| CyclePrice { code: c.code().to_owned(), price: c.price, setup: c.setup }).collect();
    let description = a.description.0.trim().to_owned();
    let on2 = on.clone();
    let (cycle_id, cycle_field) = (format!("addon-cycle-{id}"), format!("addon_cycles[{id}]"));
    view! {
        <div class="addon" data-addon=id.clone()>
            <label class="check" for=box_id.clone()>
                <input type="checkbox" id=box_id.clone() name=format!("addon[{id}]") value="1" prop:checked=on
                    on:change=move |ev| {
                        let v = event_target_checked(&ev);
                        addons.update(|m| m.entry(&id3).on = v);
                    }/>
                <span>
                    <strong>{a.title.0.clone()}</strong>
                    {(!description.is_empty()).then(|| view! { <span class="muted addon-desc">{description}</span> })}
                </span>
            </label>
            <Show when=on2>
                <CycleSelect label=tr("cart.addon_cycle") id=cycle_id.clone() name=cycle_field.clone()
                    value=cycle cycles=cycles.clone() currency=currency/>
            </Show>
        </div>
    }
}
