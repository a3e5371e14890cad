//! Form code that several pages share, outside `pages` so that no page
//! imports another: the profile form (sign-up, the profile edit, contacts;
//! its rules serve eKYC too), the address cascade, what the account pages
//! show around their forms, and the sign-up draft that eKYC fills.

pub mod account;
pub mod address;
pub mod expiring;
pub mod profile;
pub mod signup_draft;
