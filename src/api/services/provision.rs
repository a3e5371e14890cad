//! Creating a virtual machine: the OS templates (also used by rebuild),
//! the quota and offers, the networks, and the create call.

use super::{at, get};
use crate::api::error::ApiError;
use crate::api::loose::list_at;
use crate::loose_struct;
use crate::vocab::{Id, Text};

loose_struct! {
    /// An OS image a VM can be created or rebuilt from
    /// (`GET /service/@id/templates`, undocumented: `{"templates": [...]}`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Template {
        pub id: Id => ["id", "template_id"],
        pub name: Text => ["name", "label", "title"],
        /// "linux", "windows", ...
        pub os: Text => ["os", "type", "distro"],
        /// The smallest disk it needs (GB), when the server says.
        pub min_disk: Text => ["min_disk", "mindisk"],
    }
}

/// `GET /service/@id/templates`: the templates that have an id.
pub async fn templates(service: &Id) -> Result<Vec<Template>, ApiError> {
    Ok(templates_of(&get(at(service, "/templates")).await?))
}

fn templates_of(v: &serde_json::Value) -> Vec<Template> {
    list_at::<Template>(v, "templates").into_iter().filter(|t| !t.id.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_are_read_from_a_list_or_a_keyed_object() {
        let list = json!({"templates": [
            {"id": "ubuntu-22.04", "name": "Ubuntu 22.04 LTS", "os": "linux"},
            {"id": 7, "name": "Windows Server 2022", "os": "windows", "min_disk": 40},
            {"name": "no id"}
        ]});
        let t = templates_of(&list);
        assert_eq!(t.len(), 2);
        assert_eq!((t[1].id.as_str(), t[1].min_disk.as_str()), ("7", "40"));
        let keyed = json!({"templates": {"debian-12": {"name": "Debian 12"}}});
        assert_eq!(templates_of(&keyed)[0].id.as_str(), "debian-12");
        assert!(templates_of(&json!({"templates": []})).is_empty());
    }
}
