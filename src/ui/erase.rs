//! Type-erased reactive building blocks, to keep the wasm bundle small.
//!
//! Leptos compiles every distinct closure given to a view, an effect, a
//! resource or an action into its own copy of the rendering / scheduling
//! machinery (a reactive `move || view! {...}` region costs 1-2 KB of wasm
//! each). These helpers box the closure first, so every call site shares a
//! single copy: use them for reactive regions, effects, resources and
//! actions of ordinary pages. For reactive text and attributes use
//! `Signal::derive(...)`, which erases the same way.

use crate::ui::{ErrorPanel, Loading};
use crate::vocab::ApiError;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

type ViewFnArc = Arc<dyn Fn() -> AnyView + Send + Sync>;
type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

fn erased_view(f: ViewFnArc) -> impl IntoView {
    move || f()
}

/// A reactive region: re-renders when what `f` reads changes.
pub fn dyn_view(f: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    erased_view(Arc::new(f))
}

#[allow(clippy::disallowed_methods)] // the one place these are built
fn erased_effect(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// `Effect::new(move |_| f())`.
pub fn effect(f: impl Fn() + 'static) {
    erased_effect(Box::new(f));
}

/// A resource whose value is kept type-erased: every resource of the
/// portal, whatever it loads, shares one copy of Leptos' async machinery
/// (otherwise about 3-4 KB of wasm per result type). Read it like a
/// `LocalResource`: `get()` (tracked), `get_untracked()`, `refetch()`.
pub struct Res<T> {
    inner: LocalResource<Erased>,
    _t: PhantomData<fn() -> T>,
}

/// A value of any type. Wasm runs one thread: the `SendWrapper` only lets
/// Leptos' thread-safe signal storage hold it.
#[derive(Clone)]
struct Erased(send_wrapper::SendWrapper<Rc<dyn Any>>);

impl Erased {
    fn new<T: 'static>(v: T) -> Self {
        Erased(send_wrapper::SendWrapper::new(Rc::new(v)))
    }
}

impl<T> Clone for Res<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Res<T> {}

impl<T: Clone + 'static> Res<T> {
    fn open(e: Erased) -> T {
        // `resource` is the only constructor and stores a `T`
        e.0.downcast_ref::<T>().cloned().expect("resource value of its own type")
    }
    /// The latest value (None while the first load runs); tracked.
    pub fn get(&self) -> Option<T> {
        self.inner.get().map(Self::open)
    }
    pub fn get_untracked(&self) -> Option<T> {
        self.inner.get_untracked().map(Self::open)
    }
}

impl<T> Res<T> {
    /// Loads again (the value stays until the new one arrives).
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

#[allow(clippy::disallowed_methods)] // the one place these are built
fn erased_resource(f: Rc<dyn Fn() -> LocalFuture<Erased>>) -> LocalResource<Erased> {
    LocalResource::new(move || f())
}

/// `LocalResource::new(f)`, erased: see [`Res`].
pub fn resource<T: 'static, Fut: Future<Output = T> + 'static>(
    f: impl Fn() -> Fut + 'static,
) -> Res<T> {
    let inner = erased_resource(Rc::new(move || {
        let fut = f();
        Box::pin(async move { Erased::new(fut.await) }) as LocalFuture<Erased>
    }));
    Res { inner, _t: PhantomData }
}

/// An action whose input and output are kept type-erased: every action of
/// the portal shares one copy of Leptos' action machinery. Used like an
/// `Action`: `dispatch`, `pending`, `value`; `clear` forgets the value.
pub struct Act<I, O> {
    inner: Action<Erased, Erased>,
    _t: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Act<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I, O> Copy for Act<I, O> {}

impl<I: 'static, O: Clone + 'static> Act<I, O> {
    pub fn dispatch(&self, input: I) {
        self.inner.dispatch(Erased::new(input));
    }
    pub fn pending(&self) -> Memo<bool> {
        self.inner.pending()
    }
    /// The last result (None before the first one, or after `clear`).
    pub fn value(&self) -> Signal<Option<O>, LocalStorage> {
        let v = self.inner.value();
        Signal::derive_local(move || v.get().map(Res::<O>::open))
    }
    pub fn clear(&self) {
        self.inner.value().set(None);
    }
}

type ActionFn = Rc<dyn Fn(&Erased) -> LocalFuture<Erased>>;

#[allow(clippy::disallowed_methods)] // the one place these are built
fn erased_action(f: ActionFn) -> Action<Erased, Erased> {
    Action::new_local(move |i: &Erased| f(i))
}

/// `Action::new_local(f)`, erased: see [`Act`].
pub fn action<I: 'static, O: 'static, Fut: Future<Output = O> + 'static>(
    f: impl Fn(&I) -> Fut + 'static,
) -> Act<I, O> {
    let inner = erased_action(Rc::new(move |i: &Erased| {
        let fut = f(i.0.downcast_ref::<I>().expect("action input of its own type"));
        Box::pin(async move { Erased::new(fut.await) }) as LocalFuture<Erased>
    }));
    Act { inner, _t: PhantomData }
}

/// A resource's three states: loading, error (with retry, `what` is the
/// error's i18n title), or `ok` of the value. The view code is shared by
/// every call (`ok`'s view is erased to `AnyView` first).
pub fn resource_view<T: Clone + 'static, V: IntoView + 'static>(
    res: Res<Result<T, ApiError>>,
    what: &'static str,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    erased_resource_view(res, what, Arc::new(move |v| ok(v).into_any()))
}

fn erased_resource_view<T: Clone + 'static>(
    res: Res<Result<T, ApiError>>,
    what: &'static str,
    ok: Arc<dyn Fn(T) -> AnyView + Send + Sync>,
) -> impl IntoView {
    dyn_view(move || match res.get() {
        None | Some(Err(ApiError::Aborted)) => view! { <Loading/> }.into_any(),
        Some(Ok(v)) => ok(v),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e what=what on_retry=Callback::new(move |_| res.refetch())/> }
                .into_any()
        }
    })
}

/// A submit button's text: `busy` (with a spinner) while `pending`, else
/// `idle` (both i18n keys).
pub fn busy_label(
    pending: impl Into<Signal<bool>>,
    idle: &'static str,
    busy: &'static str,
) -> impl IntoView {
    let pending: Signal<bool> = pending.into();
    dyn_view(move || {
        if pending.get() {
            view! { <span class="spinner" aria-hidden="true"></span>{crate::i18n::t(busy)} }
                .into_any()
        } else {
            crate::i18n::t(idle).into_any()
        }
    })
}
