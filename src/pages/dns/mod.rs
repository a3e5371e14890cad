//! DNS (flows.md section 7): `/dns`, the zones of the customer's
//! DNS-capable services, and `/dns/:service/:zone`, one zone's records with
//! the record editor, mail presets, BIND export and import.
//!
//! Zone and record names go to the server in ASCII (punycode for IDNs) and
//! are shown in Unicode with the ASCII form beside them (`crate::idn`).

pub mod zone;
pub mod zones;

use crate::i18n::{t, t_with};
use crate::vocab::ApiError;

/// The service a zone lives on, for people.
pub fn service_text(names: &[(String, String)], id: &str) -> String {
    names
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, n)| format!("{n} (#{id})"))
        .unwrap_or_else(|| t_with("dns.service_n", &[("id", id)]))
}

/// The text of a server refusal (its words translated where known).
pub fn refusal_text(e: &ApiError) -> String {
    match e {
        ApiError::Server { messages, .. } if !messages.is_empty() => {
            messages.iter().map(|m| crate::i18n::server_message(m)).collect::<Vec<_>>().join(" ")
        }
        _ => crate::ui::error_text(e),
    }
}

/// "Added 3 of 5 records" and the like, for bulk adds.
pub fn progress_text(done: usize, total: usize) -> String {
    t_with("dns.bulk_progress", &[("done", &done.to_string()), ("total", &total.to_string())])
}

/// The translated name of a field of the record form.
pub fn field_label(f: crate::dns::Field) -> String {
    use crate::dns::Field::*;
    t(match f {
        Name => "dns.f_name",
        Type => "dns.f_type",
        Ttl => "dns.f_ttl",
        Priority => "dns.f_priority",
        Content => "dns.f_content",
        Weight => "dns.f_weight",
        Port => "dns.f_port",
        Target => "dns.f_target",
        CaaFlags => "dns.f_caa_flags",
        CaaTag => "dns.f_caa_tag",
        CaaValue => "dns.f_caa_value",
    })
}
