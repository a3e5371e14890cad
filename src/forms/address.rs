//! The address cascade: country → state (tỉnh/thành) → city (quận/huyện)
//! → ward (phường/xã), one searchable list per level (`ui::address`), fed
//! by `api::location` (each list fetched once per session).
//!
//! The model holds what the API takes: the country code and the names of
//! the other levels, so a form can be filled from saved data or a tax-id
//! lookup and the lists follow. Picking a level clears the levels below
//! and loads the next one (by id, or by name when the list had no ids).
//! Every level shows its loading and, on failure, a retry; a level the
//! server has no list for becomes a free-text field.

use crate::api::location;
use crate::places::{below, Below, Place};
use crate::ui::address::{AddressLevel, Level};
use crate::ui::erase::resource;
use crate::vocab::ApiError;
use leptos::prelude::*;

/// The four values of an address (what `country`, `state`, `city`,
/// `ward` of the API carry).
#[derive(Clone, Copy, Debug)]
pub struct AddressModel {
    pub country: RwSignal<String>,
    pub state: RwSignal<String>,
    pub city: RwSignal<String>,
    pub ward: RwSignal<String>,
}

impl Default for AddressModel {
    fn default() -> Self {
        Self::new()
    }
}

impl AddressModel {
    pub fn new() -> Self {
        AddressModel {
            country: RwSignal::new(String::new()),
            state: RwSignal::new(String::new()),
            city: RwSignal::new(String::new()),
            ward: RwSignal::new(String::new()),
        }
    }

    /// Sets every level at once (saved data, a lookup): nothing is cleared.
    pub fn set(&self, country: &str, state: &str, city: &str, ward: &str) {
        self.country.set(country.trim().to_owned());
        self.state.set(state.trim().to_owned());
        self.city.set(city.trim().to_owned());
        self.ward.set(ward.trim().to_owned());
    }

    /// The four levels' current values, untracked.
    pub fn values(&self) -> [String; 4] {
        [
            self.country.get_untracked(),
            self.state.get_untracked(),
            self.city.get_untracked(),
            self.ward.get_untracked(),
        ]
    }
}

/// A level's list, tagged with the request it answers (a resource keeps
/// its previous value while the next one loads).
type Tagged = Option<(Below, Result<Vec<Place>, ApiError>)>;
type ListRes = crate::ui::erase::Res<Tagged>;

/// The level for `key` given its resource's current value.
fn level(key: &Below, value: Option<Tagged>) -> Level {
    match value {
        Some(Some((k, r))) if &k == key => match r {
            Ok(list) => Level::Ready(list),
            Err(ApiError::Aborted) => Level::Loading,
            Err(e) => Level::Failed(e),
        },
        _ => Level::Loading,
    }
}

/// A level below another: waits for a value and a loaded list above.
fn child_level(value: &str, parent: Level, key: &Below, res: ListRes) -> Level {
    if value.trim().is_empty() {
        return Level::NeedParent;
    }
    match parent {
        Level::Ready(_) => level(key, res.get()),
        Level::Loading => Level::Loading,
        _ => Level::NeedParent,
    }
}

fn list_of(l: Level) -> Option<Vec<Place>> {
    match l {
        Level::Ready(list) => Some(list),
        _ => None,
    }
}

/// The cascade. `error` gives a level's error message by API field name
/// (`"country"`, `"state"`, `"city"`, `"ward"`).
#[component]
pub fn AddressCascade(
    model: AddressModel,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] error: Option<Callback<&'static str, Option<String>>>,
) -> impl IntoView {
    let err = move |f: &'static str| Signal::derive(move || error.and_then(|cb| cb.run(f)));
    let all = Below::ById(String::new());
    let countries: ListRes =
        resource(|| async { Some((Below::ById(String::new()), location::countries().await)) });
    let country_level = Memo::new(move |_| level(&all, countries.get()));

    let state_key = Memo::new(move |_| {
        let code = model.country.get().trim().to_owned();
        if code.is_empty() {
            Below::Wait
        } else {
            Below::ById(code)
        }
    });
    let states: ListRes = resource(move || {
        let key = state_key.get();
        async move {
            match &key {
                Below::ById(code) => {
                    let r = location::states(code).await;
                    Some((key, r))
                }
                _ => None,
            }
        }
    });
    let state_level = Memo::new(move |_| {
        child_level(&model.country.get(), country_level.get(), &state_key.get(), states)
    });

    let city_key =
        Memo::new(move |_| below(&model.state.get(), list_of(state_level.get()).as_deref()));
    let cities: ListRes = resource(move || {
        let key = city_key.get();
        async move {
            match key {
                Below::Wait => None,
                k => {
                    let r = location::cities(&k).await;
                    Some((k, r))
                }
            }
        }
    });
    let city_level = Memo::new(move |_| {
        child_level(&model.state.get(), state_level.get(), &city_key.get(), cities)
    });

    let ward_key =
        Memo::new(move |_| below(&model.city.get(), list_of(city_level.get()).as_deref()));
    let wards: ListRes = resource(move || {
        let key = ward_key.get();
        async move {
            match key {
                Below::Wait => None,
                k => {
                    let r = location::wards(&k).await;
                    Some((k, r))
                }
            }
        }
    });
    let ward_level = Memo::new(move |_| {
        child_level(&model.city.get(), city_level.get(), &ward_key.get(), wards)
    });
    let (country_level, state_level, city_level, ward_level) = (
        Signal::from(country_level),
        Signal::from(state_level),
        Signal::from(city_level),
        Signal::from(ward_level),
    );

    let pick = move |target: RwSignal<String>, below: Vec<RwSignal<String>>| {
        Callback::new(move |v: String| {
            if target.get_untracked() != v {
                target.set(v);
                for b in &below {
                    b.set(String::new());
                }
            }
        })
    };

    view! {
        <div class="address-cascade">
            <AddressLevel
                label="address.country" name="country" autocomplete="country-name" required=required
                level=country_level model_value=model.country retry=Callback::new(move |_| countries.refetch())
                on_pick=pick(model.country, vec![model.state, model.city, model.ward])
                error=err("country") need_parent="address.country" loading="address.loading_countries"
                country=true
            />
            <AddressLevel
                label="address.state" name="state" autocomplete="address-level1" required=required
                level=state_level model_value=model.state retry=Callback::new(move |_| states.refetch())
                on_pick=pick(model.state, vec![model.city, model.ward])
                error=err("state") need_parent="address.pick_country" loading="address.loading_states"
            />
            <AddressLevel
                label="address.city" name="city" autocomplete="address-level2" required=required
                level=city_level model_value=model.city retry=Callback::new(move |_| cities.refetch())
                on_pick=pick(model.city, vec![model.ward])
                error=err("city") need_parent="address.pick_state" loading="address.loading_cities"
            />
            <AddressLevel
                label="address.ward" name="ward" autocomplete="address-level3" required=required
                level=ward_level model_value=model.ward retry=Callback::new(move |_| wards.refetch())
                on_pick=pick(model.ward, vec![])
                error=err("ward") need_parent="address.pick_city" loading="address.loading_wards"
            />
        </div>
    }
}
