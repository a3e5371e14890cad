//! Links to the portal's routes, kept next to the route table (`app.rs`)
//! that serves them: pages write `href::domain(&id)`, never a path by hand.
//! Ids are percent-encoded. The test below checks that every link here is
//! answered by a route of the table.

use crate::util::percent_encode;

pub const LOGIN: &str = "/login";
pub const DASHBOARD: &str = "/dashboard";
pub const SIGNUP: &str = "/signup";
pub const PASSWORD_RESET: &str = "/password-reset";
pub const EKYC: &str = "/ekyc";
pub const ACCOUNT: &str = "/account";
pub const CONTACTS: &str = "/account/contacts";
pub const NOTIFICATIONS: &str = "/notifications";
pub const DOMAINS: &str = "/domains";
pub const CART: &str = "/cart";
pub const CART_DOMAIN: &str = "/cart/domain";
pub const CART_SSL: &str = "/cart/ssl";
pub const CHECKOUT: &str = "/checkout";
pub const BILLING: &str = "/billing";
pub const SERVICES: &str = "/services";
pub const DNS: &str = "/dns";
pub const SUPPORT: &str = "/support";
pub const NEW_TICKET: &str = "/support/new";
pub const CERTIFICATES: &str = "/ssl";
pub const AFFILIATES: &str = "/affiliates";

/// `/cart/ssl?product=<name>&domain=<name>`: the certificate order with
/// the product (by name: a certificate's details do not give its product
/// id) and the domain filled in, to renew one.
pub fn certificate_order(product: &str, domain: &str) -> String {
    format!("{CART_SSL}?product={}&domain={}", percent_encode(product), percent_encode(domain))
}

/// `/ssl/<id>`: a certificate's details.
pub fn certificate(id: &str) -> String {
    format!("{CERTIFICATES}/{}", percent_encode(id))
}

/// `/domains/<id>`: a domain's details and settings.
pub fn domain(id: &str) -> String {
    format!("{DOMAINS}/{}", percent_encode(id))
}

/// `/domains/<id>/documents`: its registration documents.
pub fn domain_documents(id: &str) -> String {
    format!("{}/documents", domain(id))
}

/// `/sign/<token>`: signing an e-mailed document (no login).
pub fn sign(token: &str) -> String {
    format!("/sign/{}", percent_encode(token))
}

/// `/dns/<service>/<zone>`: a DNS zone's records.
pub fn dns_zone(service: &str, zone: &str) -> String {
    format!("{DNS}/{}/{}", percent_encode(service), percent_encode(zone))
}

/// `/dns?domain=<name>`: the domain's zone when there is one, else the
/// zone list with the add form filled in.
pub fn dns_for_domain(domain: &str) -> String {
    format!("{DNS}?domain={}", percent_encode(domain))
}

/// `/support/<number>`: a ticket's thread.
pub fn ticket(number: &str) -> String {
    format!("{SUPPORT}/{}", percent_encode(number))
}

/// `/support/new?service=<id>` or `?domain=<id>`: a new ticket about it.
pub fn new_ticket_about(kind: &str, id: &str) -> String {
    format!("{NEW_TICKET}?{kind}={}", percent_encode(id))
}

/// `/account/contacts/<id>` (`new` for the add form).
pub fn contact(id: &str) -> String {
    format!("{CONTACTS}/{}", percent_encode(id))
}

/// The add-a-contact form.
pub fn new_contact() -> String {
    contact("new")
}

/// `/billing/invoices/<id>`.
pub fn invoice(id: &str) -> String {
    format!("{BILLING}/invoices/{}", percent_encode(id))
}

/// `/cart/product/<id>`: a product's configurator.
pub fn product(id: &str) -> String {
    format!("{CART}/product/{}", percent_encode(id))
}

/// `/ekyc?domain=<id>&name=<name>`: identity checks for a domain holder.
pub fn ekyc_for_domain(id: &str, name: &str) -> String {
    format!("{EKYC}?domain={}&name={}", percent_encode(id), percent_encode(name))
}

/// `/services/<id>`: a service's details and actions.
pub fn service(id: &str) -> String {
    format!("{SERVICES}/{}", percent_encode(id))
}

/// `/services/<id>/rdns`: the reverse DNS of a service's addresses.
pub fn service_rdns(id: &str) -> String {
    format!("{}/rdns", service(id))
}

/// `/services/<id>/vms`: a cloud service's virtual machines.
pub fn service_vms(id: &str) -> String {
    format!("{}/vms", service(id))
}

/// `/services/<id>/vms/new`: the create-a-VM form.
pub fn new_vm(id: &str) -> String {
    format!("{}/new", service_vms(id))
}

/// `/services/<id>/vms/<vmid>`: one virtual machine.
pub fn vm(id: &str, vmid: &str) -> String {
    format!("{}/{}", service_vms(id), percent_encode(vmid))
}

/// The login page that returns to `path` afterwards (`path` must be a
/// local page; anything else logs in to the dashboard).
pub fn login_then(path: &str) -> String {
    let next = crate::util::safe_next(Some(path));
    if next == DASHBOARD && path != DASHBOARD {
        LOGIN.into()
    } else {
        format!("{LOGIN}?next={}", percent_encode(&next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `path!("…")` patterns of the route table in app.rs.
    fn routes() -> Vec<String> {
        let src = include_str!("../app.rs");
        src.split("path!(\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(String::from)
            .collect()
    }

    fn served(link: &str) -> bool {
        let path = link.split(['?', '#']).next().unwrap_or_default();
        let segs: Vec<&str> = path.split('/').collect();
        routes().iter().any(|r| {
            let pat: Vec<&str> = r.split('/').collect();
            pat.len() == segs.len()
                && pat.iter().zip(&segs).all(|(p, s)| p.starts_with(':') && !s.is_empty() || p == s)
        })
    }

    #[test]
    fn the_route_table_is_read() {
        assert!(routes().len() > 15, "{:?}", routes());
        assert!(!served("/nowhere") && !served("/domains/5/nowhere"));
    }

    #[test]
    fn every_link_is_served_by_a_route() {
        let consts = [
            LOGIN,
            DASHBOARD,
            SIGNUP,
            PASSWORD_RESET,
            EKYC,
            ACCOUNT,
            CONTACTS,
            NOTIFICATIONS,
            DOMAINS,
            CART,
            CART_DOMAIN,
            CART_SSL,
            CHECKOUT,
            BILLING,
            SERVICES,
            CERTIFICATES,
            AFFILIATES,
        ];
        let made = [
            domain("7"),
            domain_documents("7"),
            sign("t0k"),
            contact("12"),
            new_contact(),
            invoice("9"),
            product("3"),
            ekyc_for_domain("7", "tên.vn"),
            login_then("/domains/7"),
            service("301"),
            service_rdns("301"),
            service_vms("302"),
            new_vm("302"),
            vm("302", "5001"),
            certificate("300"),
            certificate_order("Comodo SSL", "a&b.vn"),
        ];
        for link in consts.iter().map(|s| s.to_string()).chain(made) {
            assert!(served(&link), "{link} has no route in app.rs");
        }
    }

    #[test]
    fn ids_are_encoded() {
        assert_eq!(domain("a/b"), "/domains/a%2Fb");
        assert_eq!(
            certificate_order("Comodo SSL", "a&b.vn"),
            "/cart/ssl?product=Comodo%20SSL&domain=a%26b.vn"
        );
        assert_eq!(domain_documents("5"), "/domains/5/documents");
        assert_eq!(login_then("/cart"), "/login?next=%2Fcart");
        assert_eq!(login_then("/dashboard"), "/login?next=%2Fdashboard");
        assert_eq!(login_then("/domains/5?tab=ns"), "/login?next=%2Fdomains%2F5%3Ftab%3Dns");
        assert_eq!(login_then("//evil"), "/login");
    }
}
