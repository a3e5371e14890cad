//! Type-erased reactive building blocks, to keep the wasm bundle small.
//!
//! Leptos compiles every distinct closure given to a view, an effect, a
//! resource or an action into its own copy of the rendering / scheduling
//! machinery (a reactive `move || view! {...}` region costs 1-2 KB of wasm
//! each). These helpers box the closure first, so every call site shares a
//! single copy: use them for reactive regions, effects, resources and
//! actions of ordinary pages. For reactive text and attributes use
//! `Signal::derive(...)`, which erases the same way.

use crate::api::ApiError;
use crate::ui::{ErrorPanel, Loading};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

type ViewFnArc = Arc<dyn Fn() -> AnyView + Send + Sync>;
type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;
type ActionFn<I, O> = Rc<dyn Fn(&I) -> LocalFuture<O>>;

fn erased_view(f: ViewFnArc) -> impl IntoView {
    move || f()
}

/// A reactive region: re-renders when what `f` reads changes.
pub fn dyn_view(f: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    erased_view(Arc::new(f))
}

fn erased_effect(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// `Effect::new(move |_| f())`.
pub fn effect(f: impl Fn() + 'static) {
    erased_effect(Box::new(f));
}

fn erased_resource<T: 'static>(f: Rc<dyn Fn() -> LocalFuture<T>>) -> LocalResource<T> {
    LocalResource::new(move || f())
}

/// `LocalResource::new(f)`; one copy of the machinery per output type.
pub fn resource<T: 'static, Fut: Future<Output = T> + 'static>(f: impl Fn() -> Fut + 'static) -> LocalResource<T> {
    erased_resource(Rc::new(move || Box::pin(f()) as LocalFuture<T>))
}

fn erased_action<I: 'static, O: 'static>(f: ActionFn<I, O>) -> Action<I, O> {
    Action::new_local(move |i: &I| f(i))
}

/// `Action::new_local(f)`; one copy of the machinery per input/output type.
pub fn action<I: 'static, O: 'static, Fut: Future<Output = O> + 'static>(f: impl Fn(&I) -> Fut + 'static) -> Action<I, O> {
    erased_action(Rc::new(move |i: &I| Box::pin(f(i)) as LocalFuture<O>))
}

/// Like `ui::resource_view`, erased: loading, error with retry, or `ok`.
pub fn load_view<T: Clone + 'static>(
    res: LocalResource<Result<T, ApiError>>,
    what: &'static str,
    ok: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    dyn_view(move || match res.get() {
        None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
        Some(Ok(v)) => ok(v),
        Some(Err(e)) => view! { <ErrorPanel error=e what=what on_retry=Callback::new(move |_| res.refetch())/> }.into_any(),
    })
}

/// A submit button's text: `busy` (with a spinner) while `pending`, else
/// `idle` (both i18n keys).
pub fn busy_label(pending: Memo<bool>, idle: &'static str, busy: &'static str) -> impl IntoView {
    dyn_view(move || {
        if pending.get() {
            view! { <span class="spinner" aria-hidden="true"></span>{crate::i18n::t(busy)} }.into_any()
        } else {
            crate::i18n::t(idle).into_any()
        }
    })
}
