//! Scaffold: replaced by its endpoints.
