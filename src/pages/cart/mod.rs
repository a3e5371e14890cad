//! The cart section: `/cart` (catalogue and cart), `/cart/product/:id`
//! (configurator with live quote), `/cart/domain`, `/cart/ssl` and
//! `/checkout`.

pub mod checkout;
pub mod csr_tool;
pub mod domain;
pub mod forms;
pub mod placing;
pub mod product;
pub mod quote;
pub mod ssl;

use crate::api::cart::catalog::{Category, CategoryKind, ProductSummary};
use crate::api::cart::items::OrderItem;
use crate::api::cart::order::Quote;
use crate::api::{self, ApiError};
use crate::app::href;
use crate::cart;
use crate::i18n::{self, t, t_with, tr};
use crate::state::account_currency;
use crate::ui::erase::{resource, Res};
use crate::ui::format::money_text;
use crate::ui::select::cycle_name;
use crate::ui::{resource_view, ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_router::components::A;

/// "Sản phẩm", "Đăng ký tên miền"… for a cart line.
pub fn line_kind(item: &OrderItem) -> String {
    t(match item {
        OrderItem::Product(_) => "cart.kind_product",
        OrderItem::Certificate(_) => "cart.kind_certificate",
        OrderItem::Domain(d) => match d.action.as_str() {
            "transfer" => "cart.kind_transfer",
            "renew" => "cart.kind_renew",
            _ => "cart.kind_register",
        },
    })
}

/// The cycle or term of a line: "Hàng năm", "2 năm".
pub fn line_term(item: &OrderItem) -> String {
    match item {
        OrderItem::Product(p) => cycle_name(&p.cycle),
        OrderItem::Certificate(c) => t_with("cart.years", &[("n", &c.years.to_string())]),
        OrderItem::Domain(d) => t_with("cart.years", &[("n", &d.years.to_string())]),
    }
}

/// The price the quote gives for item `i`, when it gives one.
fn quoted_price(q: &Quote, i: usize) -> Option<api::loose::Money> {
    let item = q.item(i)?;
    let p = &item.product.0.price;
    if p.value.is_some() {
        return Some(p.clone());
    }
    item.domains.0.iter().find(|d| d.price.value.is_some()).map(|d| d.price.clone())
}

/// The cart's lines with a remove button each; with a quote, each line's
/// price and errors as the server computed them.
#[component]
pub fn CartLines(
    #[prop(optional, into)] quote: Option<Signal<Option<Quote>>>,
    #[prop(into)] currency: Signal<String>,
) -> impl IntoView {
    move || {
        let lines = cart::with(|c| c.lines.clone());
        if lines.is_empty() {
            return view! { <p class="muted" data-testid="cart-empty">{t("cart.empty")}</p> }
                .into_any();
        }
        let q = quote.and_then(|q| q.get());
        let cur = currency.get();
        let unsaved = cart::save_failed();
        view! {
            {unsaved.then(|| view! {
                <p class="alert alert-warn" role="alert" data-testid="cart-save-failed">{t("cart.save_failed")}</p>
            })}
            <ul class="cart-lines" data-testid="cart-lines">
                {lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| {
                        let key = line.key;
                        let price = q.as_ref().and_then(|q| quoted_price(q, i)).map(|m| money_text(&m, &cur, i18n::lang()));
                        let errors = q.as_ref().and_then(|q| q.item(i)).map(quote::item_errors).unwrap_or_default();
                        let remove_label = t_with("cart.remove_label", &[("title", &line.title)]);
                        let invalid = !errors.is_empty();
                        view! {
                            <li class="cart-line" class:cart-line-invalid=invalid>
                                <div class="cart-line-main">
                                    <span class="cart-line-kind">{line_kind(&line.item)}</span>
                                    <strong class="cart-line-title">{line.title.clone()}</strong>
                                    <span class="muted">{line_term(&line.item)}</span>
                                    {(!line.notes.is_empty()).then(|| view! {
                                        <ul class="cart-line-notes">{line.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                                    })}
                                    {(!errors.is_empty()).then(|| view! {
                                        <div role="alert"><ul class="field-error">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul></div>
                                    })}
                                </div>
                                <div class="cart-line-side">
                                    {price.map(|p| view! { <span class="cart-line-price num">{p}</span> })}
                                    <button type="button" class="btn btn-ghost btn-remove" aria-label=remove_label
                                        on:click=move |_| cart::update(|c| c.remove(key))>
                                        {t("cart.remove")}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// `/cart`: what is in the cart, then the catalogue by category.
#[component]
pub fn CartPage() -> impl IntoView {
    crate::ui::page_title("cart.title");
    let (_, currency) = account_currency();
    let categories = resource(api::cart::catalog::categories);
    let count = move || cart::count();
    view! {
        <section class="page cart-page" aria-labelledby="cart-title">
            <div class="page-head">
                <h1 id="cart-title">{tr("cart.title")}</h1>
            </div>
            <section class="card cart-box" aria-labelledby="cart-box-title" data-testid="cart-box">
                <h2 id="cart-box-title">{move || t_with("cart.in_cart", &[("n", &count().to_string())])}</h2>
                <CartLines currency=currency/>
                <p hidden=move || count() == 0>
                    <A href=href::CHECKOUT attr:class="btn btn-primary">{tr("cart.to_checkout")}</A>
                </p>
            </section>
            {resource_view(categories, "cart.categories_error", move |cats: Vec<Category>| {
                if cats.is_empty() {
                    return view! { <p class="muted">{t("cart.no_categories")}</p> }.into_any();
                }
                cats.into_iter().map(|c| view! { <CategorySection category=c currency=currency/> }).collect_view().into_any()
            })}
        </section>
    }
}

/// One category: products with their starting prices per cycle, or a link
/// to the domain or certificate forms.
#[component]
fn CategorySection(category: Category, currency: Signal<String>) -> impl IntoView {
    let title_id = format!("cat-{}", category.id.as_str());
    let kind = category.kind();
    let body = match kind {
        CategoryKind::Domains => view! {
            <A href=href::CART_DOMAIN attr:class="btn btn-secondary">{tr("cart.go_domains")}</A>
        }
        .into_any(),
        CategoryKind::Certificates => view! {
            <A href=href::CART_SSL attr:class="btn btn-secondary">{tr("cart.go_ssl")}</A>
        }
        .into_any(),
        CategoryKind::Products => {
            let id = category.id.0.clone();
            let products = resource(move || api::cart::catalog::category_products(id.clone()));
            view! { <CategoryProducts products=products currency=currency/> }.into_any()
        }
    };
    view! {
        <section class="category" aria-labelledby=title_id.clone() data-category=category.id.0.clone()>
            <h2 id=title_id.clone()>{category.name.0.clone()}</h2>
            {(!category.description.as_str().trim().is_empty()).then(|| view! { <p class="muted">{category.description.0.clone()}</p> })}
            {body}
        </section>
    }
}

#[component]
fn CategoryProducts(
    products: Res<Result<Vec<ProductSummary>, ApiError>>,
    currency: Signal<String>,
) -> impl IntoView {
    move || {
        match products.get() {
        None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
        // the server lacks the standard call: say so here, the rest works
        Some(Err(ApiError::NotSupported)) => view! {
            <p class="alert alert-info" role="status">{t("cart.products_unsupported")}</p>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <ErrorPanel error=e what="cart.products_error" on_retry=Callback::new(move |_| products.refetch())/>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("cart.no_products")}</p> }.into_any(),
        Some(Ok(list)) => {
            let cur = currency.get();
            view! {
                <ul class="product-grid">
                    {list.into_iter().map(|p| product_card(p, &cur)).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
    }
}

fn product_card(p: ProductSummary, currency: &str) -> impl IntoView {
    let href = href::product(p.id.as_str());
    let out = p.out_of_stock.0;
    let prices = p
        .periods
        .0
        .iter()
        .map(|c| {
            let price = money_text(&c.price, currency, i18n::lang());
            view! { <li><span>{cycle_name(c.code())}</span> <span class="num">{price}</span></li> }
        })
        .collect_view();
    let label = t_with("cart.configure_label", &[("name", p.name.as_str())]);
    view! {
        <li class="card product-card" data-product=p.id.0.clone()>
            <h3>{p.name.0.clone()}</h3>
            {(!p.description.as_str().trim().is_empty()).then(|| view! { <p class="muted">{p.description.0.clone()}</p> })}
            <p class="prices-title">{t("cart.prices_from")}</p>
            <ul class="cycle-prices">{prices}</ul>
            {if out {
                view! { <p class="badge badge-muted">{t("cart.out_of_stock")}</p> }.into_any()
            } else {
                view! { <A href=href attr:class="btn btn-primary" attr:aria-label=label>{t("cart.configure")}</A> }.into_any()
            }}
        </li>
    }
}
