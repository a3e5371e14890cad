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
use crate::ui::erase::{effect, resource};
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
    /// The levels (API field names) the server has no entries for, as the
    /// cascade last saw them: not required and sent empty. Their values
    /// are kept (a draft, saved data) but not sent.
    pub skipped: RwSignal<Vec<&'static str>>,
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
            skipped: RwSignal::new(Vec::new()),
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

/// The values the request carries: the skipped levels empty, the others
/// trimmed (`[country, state, city, ward]`).
pub fn sent_levels(values: [&str; 4], skipped: &[&str]) -> [String; 4] {
    let names = ["country", "state", "city", "ward"];
    std::array::from_fn(|i| {
        if skipped.contains(&names[i]) {
            String::new()
        } else {
            values[i].trim().to_owned()
        }
    })
}

/// The skipped levels among `levels` (API field name, level).
pub fn skipped_levels(levels: &[(&'static str, &Level)]) -> Vec<&'static str> {
    levels.iter().filter(|(_, l)| **l == Level::Skipped).map(|(name, _)| *name).collect()
}

/// A level's list, tagged with the request it answers (a resource keeps
/// its previous value while the next one loads).
type Tagged = Option<(Below, Result<Vec<Place>, ApiError>)>;
type ListRes = crate::ui::erase::Res<Tagged>;

/// The level for `key` given its resource's current value: an empty list
/// is a level the server has none of.
fn level(key: &Below, value: Option<Tagged>) -> Level {
    match value {
        Some(Some((k, r))) if &k == key => match r {
            Ok(list) if list.is_empty() => Level::Skipped,
            Ok(list) => Level::Ready(list),
            Err(ApiError::Aborted) => Level::Loading,
            Err(e) => Level::Failed(e),
        },
        _ => Level::Loading,
    }
}

/// A level below another, given the value and the level above and (read
/// only when asked, so that its resource is tracked only then) its own
/// list: a level above that is skipped or typed leaves nothing to list
/// this one by, so it is typed too; otherwise it waits for a value and a
/// loaded list above.
pub fn child_level(value: &str, parent: &Level, own: impl FnOnce() -> Level) -> Level {
    match parent {
        Level::Skipped | Level::FreeText => Level::FreeText,
        _ if value.trim().is_empty() => Level::NeedParent,
        Level::Ready(_) => own(),
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
    // Without a country list the country is typed; it is never skipped.
    let country_level = Memo::new(move |_| match level(&all, countries.get()) {
        Level::Skipped => Level::FreeText,
        l => l,
    });

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
        child_level(&model.country.get(), &country_level.get(), || {
            level(&state_key.get(), states.get())
        })
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
        child_level(&model.state.get(), &state_level.get(), || level(&city_key.get(), cities.get()))
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
        child_level(&model.city.get(), &city_level.get(), || level(&ward_key.get(), wards.get()))
    });
    // The rules and the request follow what the server gave.
    effect(move || {
        let skipped = skipped_levels(&[
            ("state", &state_level.get()),
            ("city", &city_level.get()),
            ("ward", &ward_level.get()),
        ]);
        if model.skipped.with_untracked(|s| *s != skipped) {
            model.skipped.set(skipped);
        }
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
                skipped="address.skipped_state"
            />
            <AddressLevel
                label="address.city" name="city" autocomplete="address-level2" required=required
                level=city_level model_value=model.city retry=Callback::new(move |_| cities.refetch())
                on_pick=pick(model.city, vec![model.ward])
                error=err("city") need_parent="address.pick_state" loading="address.loading_cities"
                skipped="address.skipped_city"
            />
            <AddressLevel
                label="address.ward" name="ward" autocomplete="address-level3" required=required
                level=ward_level model_value=model.ward retry=Callback::new(move |_| wards.refetch())
                on_pick=pick(model.ward, vec![])
                error=err("ward") need_parent="address.pick_city" loading="address.loading_wards"
                skipped="address.skipped_ward"
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Level {
        Level::Ready(vec![Place {
            id: "79".into(),
            code: String::new(),
            name: "Hồ Chí Minh".into(),
        }])
    }

    #[test]
    fn a_level_below_a_skipped_or_typed_one_is_typed() {
        let never = || -> Level { panic!("no list can be asked for") };
        assert_eq!(child_level("", &Level::Skipped, never), Level::FreeText);
        assert_eq!(child_level("Quận 1", &Level::FreeText, never), Level::FreeText);
    }

    #[test]
    fn a_level_waits_for_a_value_and_a_list_above() {
        assert_eq!(child_level(" ", &ready(), || Level::Skipped), Level::NeedParent);
        assert_eq!(child_level("Hồ Chí Minh", &ready(), || Level::Skipped), Level::Skipped);
        assert_eq!(child_level("Hồ Chí Minh", &ready(), ready), ready());
        assert_eq!(child_level("Hồ Chí Minh", &Level::Loading, ready), Level::Loading);
        assert_eq!(child_level("x", &Level::Failed(ApiError::Network), ready), Level::NeedParent);
        assert_eq!(child_level("x", &Level::NeedParent, ready), Level::NeedParent);
    }

    #[test]
    fn an_empty_answer_skips_the_level() {
        let key = Below::ById("79".into());
        let answer = |r| Some(Some((key.clone(), r)));
        assert_eq!(level(&key, answer(Ok(Vec::new()))), Level::Skipped);
        assert_eq!(level(&key, answer(Err(ApiError::Aborted))), Level::Loading);
        assert_eq!(level(&key, answer(Err(ApiError::Timeout))), Level::Failed(ApiError::Timeout));
        // an answer for another state is not this one's
        let other = Some(Some((Below::ById("1".into()), Ok(Vec::new()))));
        assert_eq!(level(&key, other), Level::Loading);
    }

    #[test]
    fn the_request_sends_skipped_levels_empty() {
        let values = ["VN", " Thành phố Hồ Chí Minh ", "Quận 1", " Phường Sài Gòn "];
        assert_eq!(
            sent_levels(values, &["city"]),
            ["VN", "Thành phố Hồ Chí Minh", "", "Phường Sài Gòn"].map(String::from)
        );
        assert_eq!(sent_levels(values, &[])[2], "Quận 1");
        let levels = [("state", &ready()), ("city", &Level::Skipped), ("ward", &Level::FreeText)];
        assert_eq!(skipped_levels(&levels), ["city"]);
    }
}
