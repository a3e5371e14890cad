//! The profile form shared by sign-up, the contact form and the profile
//! edit: account type and organisation (with the tax-id lookup), personal
//! fields, and the address (the cascade plus street and post code). One
//! [`ProfileForm`] model holds the values ([`model`]); validation and the
//! mapping of server messages to fields are pure and host-tested
//! ([`rules`]); the field groups are in [`fields`]; what an ID card read
//! by eKYC gives a profile or a sign-up draft is [`card`].

pub mod card;
pub mod fields;
pub mod model;
pub mod rules;

pub use fields::{AddressFields, OrgFields, PersonFields};
pub use model::{Draft, ProfileForm};
pub use rules::{birthday_problem, Rules};
