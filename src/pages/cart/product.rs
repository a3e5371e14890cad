//! `/cart/product/:id`: the configurator built from `GET /order/@id`:
//! billing cycle, domain (when the product takes one), every option form,
//! addons with their own cycles, and a live quote of the choices.

use super::forms::{first_problem, ConfigForms};
use super::quote::{LiveQuote, QuotePanel};
use crate::api::cart::items::OrderItem;
use crate::api::cart::product::{Addon, ProductDetails};
use crate::api::cart::CycleOption;
use crate::api::{self, ApiError};
use crate::app::href;
use crate::cart;
use crate::cart::check::{normalize_domain, valid_hostname};
use crate::cart::config::{notes, product_item, AddonValues, Selection};
use crate::i18n::{t, tr};
use crate::state::account_currency;
use crate::ui::erase::{effect, resource};
use crate::ui::fields::{setter, ChoiceItem, ChoiceList, Note};
use crate::ui::select::{CyclePrice, CycleSelect};
use crate::ui::{ErrorPanel, Loading, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ProductPage() -> impl IntoView {
    crate::ui::page_title("cart.configure_title");
    let params = use_params_map();
    let product =
        resource(move || api::cart::product::details(params.read().get("id").unwrap_or_default()));
    let (_, currency) = account_currency();
    view! {
        <section class="page" aria-labelledby="product-title">
            <p><A href=href::CART>{tr("cart.back_to_catalogue")}</A></p>
            {move || match product.get() {
                None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! {
                    <ErrorPanel error=e what="cart.product_error" on_retry=Callback::new(move |_| product.refetch())/>
                }
                .into_any(),
                Some(Ok(p)) => view! { <Configurator product=p currency=currency/> }.into_any(),
            }}
        </section>
    }
}

/// The domain field's error, if any.
fn domain_error(v: &str) -> Option<String> {
    let d = normalize_domain(v);
    if d.is_empty() {
        Some(t("cart.domain_required"))
    } else if !valid_hostname(&d) {
        Some(t(crate::cart::check::domain_problem(v)))
    } else {
        None
    }
}

fn cycle_prices(list: Vec<CycleOption>) -> Vec<CyclePrice> {
    list.into_iter()
        .map(|c| CyclePrice { code: c.code().to_owned(), price: c.price, setup: c.setup })
        .collect()
}

/// The configurator for one product (also mounted alone by the browser
/// tests).
#[component]
pub fn Configurator(
    product: ProductDetails,
    #[prop(into)] currency: Signal<String>,
) -> impl IntoView {
    let initial = Selection::initial(&product);
    let cycle = RwSignal::new(initial.cycle.clone());
    let domain = RwSignal::new(String::new());
    let values = RwSignal::new(initial.forms.clone());
    let addons = RwSignal::new(initial.addons.clone());
    let checked = RwSignal::new(false);
    let takes_domain = product.takes_domain();
    let forms = product.config.0.forms.0.clone();
    let addon_list = product.config.0.addons.0.clone();
    let cycles = cycle_prices(product.cycles());
    let (name, category) = (product.name.0.clone(), product.category_name.0.clone());
    let product = StoredValue::new(product);

    let domain_err = Signal::derive(move || {
        (checked.get() && takes_domain).then(|| domain_error(&domain.get())).flatten()
    });
    let selection = move || Selection {
        cycle: cycle.get(),
        domain: domain.get(),
        forms: values.get(),
        addons: addons.get(),
    };

    // every change asks for a new quote (debounced; only the newest shown)
    let live = LiveQuote::new();
    effect(move || {
        let sel = selection();
        let promo = cart::with(|c| c.promocode.clone());
        let item = product.with_value(|p| product_item(p, &sel, &promo));
        live.request(vec![OrderItem::Product(item)], None);
    });
    let (quote, loading) = (live.quote, live.loading);
    let add_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

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
            // the last answer for these choices says they cannot be ordered
            if !loading.get_untracked()
                && quote.with_untracked(|q| q.as_ref().is_some_and(|q| !q.all_valid()))
            {
                add_error.set(Some(t("cart.fix_before_adding")));
                return;
            }
            add_error.set(None);
            let sel = selection();
            let (item, title, mut lines) = product.with_value(|p| {
                (
                    product_item(p, &sel, ""),
                    p.name.0.clone(),
                    notes(&p.config.0.forms.0, &sel.forms),
                )
            });
            if !item.domain.is_empty() {
                lines.insert(0, format!("{}: {}", t("cart.domain"), item.domain));
            }
            product.with_value(|p| {
                for a in p
                    .config
                    .0
                    .addons
                    .0
                    .iter()
                    .filter(|a| sel.addons.get(a.id.as_str()).is_some_and(|c| c.on))
                {
                    lines.push(format!("{}: {}", t("cart.addon"), a.title.as_str()));
                }
            });
            cart::update(|c| {
                c.add(title, lines, OrderItem::Product(item));
            });
            navigate(href::CART, Default::default());
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
                <CycleSelect label=tr("cart.cycle") id="f-cycle" name="cycle" value=cycle on_change=setter(cycle) cycles=cycles currency=currency/>
                {takes_domain.then(|| view! {
                    <TextField label="cart.domain" name="domain" value=domain error=domain_err required=true
                        inputmode="url" autocomplete="off" hint="cart.domain_hint"/>
                })}
                <ConfigForms forms=forms values=values currency=currency show_errors=checked prefix="opt" field="custom"/>
                {(!addon_list.is_empty()).then(|| addons_view(addon_list, addons, currency))}
                <Note text=add_error class="alert alert-error" role="alert"/>
                <button type="submit" class="btn btn-primary btn-block">{tr("cart.add_to_cart")}</button>
            </form>
            <QuotePanel live=live currency=currency/>
        </div>
    }
}

/// Addons: a checkbox each (`addon[<id>]`), and for each one taken its own
/// cycle (`addon_cycles[<id>]`).
fn addons_view(
    list: Vec<Addon>,
    addons: RwSignal<AddonValues>,
    currency: Signal<String>,
) -> impl IntoView {
    let items: Vec<ChoiceItem> = list
        .iter()
        .map(|a| ChoiceItem::new(a.id.0.clone(), a.title.0.clone(), a.description.0.trim()))
        .collect();
    let selected = Signal::derive(move || {
        addons.with(|m| m.0.iter().filter(|(_, c)| c.on).map(|(k, _)| k.clone()).collect())
    });
    let on_change =
        Callback::new(move |(id, on): (String, bool)| addons.update(|m| m.entry(&id).on = on));
    let list = StoredValue::new(list);
    let cycles = move || {
        list.with_value(|l| {
            l.iter()
                .filter(|a| addons.with(|m| m.get(a.id.as_str()).is_some_and(|c| c.on)))
                .map(|a| {
                    let id = a.id.0.clone();
                    let (id_v, id_s) = (id.clone(), id.clone());
                    let value = Signal::derive(move || addons.with(|m| m.get(&id_v).map(|c| c.cycle.clone()).unwrap_or_default()));
                    let on_change = Callback::new(move |c: String| addons.update(|m| m.entry(&id_s).cycle = c));
                    let label = format!("{} — {}", a.title.as_str(), t("cart.addon_cycle"));
                    view! {
                        <CycleSelect label=label id=format!("addon-cycle-{id}") name=format!("addon_cycles[{id}]")
                            value=value on_change=on_change cycles=cycle_prices(a.cycles()) currency=currency/>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="addons">
            <ChoiceList legend=Some(tr("cart.addons").into()) multiple=true id="addon" name="addon[{value}]"
                items=items selected=selected on_change=on_change/>
            {cycles}
        </div>
    }
}
