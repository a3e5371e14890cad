//! The records common mail services ask a domain to have, as each
//! provider documents them (checked with `check` like a typed record).
//! Account-specific records (DKIM keys, verification codes) are the
//! provider's to give and are left out.

use super::{Draft, RecordType};

/// A mail service whose records can be added in one go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    GoogleWorkspace,
    Microsoft365,
    ZohoMail,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::GoogleWorkspace, Preset::Microsoft365, Preset::ZohoMail];

    /// The brand name (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Preset::GoogleWorkspace => "Google Workspace",
            Preset::Microsoft365 => "Microsoft 365",
            Preset::ZohoMail => "Zoho Mail",
        }
    }

    /// The records for `zone` (its ASCII name), as form drafts.
    pub fn records(self, zone: &str) -> Vec<Draft> {
        let zone = zone.trim().trim_end_matches('.').to_ascii_lowercase();
        match self {
            // support.google.com/a/answer/140034 (one MX since 2023) and
            // /answer/10685031 (SPF).
            Preset::GoogleWorkspace => {
                vec![mx("smtp.google.com", 1), txt("@", "v=spf1 include:_spf.google.com ~all")]
            }
            // learn.microsoft.com, "Add DNS records to connect your domain":
            // MX <domain with dashes>.mail.protection.outlook.com, the
            // autodiscover CNAME, SPF, and the two SRV records of Teams /
            // Skype for Business federation.
            Preset::Microsoft365 => vec![
                mx(&format!("{}.mail.protection.outlook.com", zone.replace('.', "-")), 0),
                cname("autodiscover", "autodiscover.outlook.com"),
                txt("@", "v=spf1 include:spf.protection.outlook.com -all"),
                srv("_sip._tls", 100, 1, 443, "sipdir.online.lync.com"),
                srv("_sipfederationtls._tcp", 100, 1, 5061, "sipfed.online.lync.com"),
            ],
            // zoho.com/mail/help/adminconsole/configure-email-delivery.html
            // and /spf-configuration.html.
            Preset::ZohoMail => vec![
                mx("mx.zoho.com", 10),
                mx("mx2.zoho.com", 20),
                mx("mx3.zoho.com", 50),
                txt("@", "v=spf1 include:zoho.com ~all"),
            ],
        }
    }
}

fn draft(rtype: RecordType, name: &str) -> Draft {
    Draft { name: name.into(), ..Draft::new(rtype) }
}

fn mx(host: &str, priority: u32) -> Draft {
    Draft { content: host.into(), priority: priority.to_string(), ..draft(RecordType::Mx, "@") }
}

fn txt(name: &str, text: &str) -> Draft {
    Draft { content: text.into(), ..draft(RecordType::Txt, name) }
}

fn cname(name: &str, host: &str) -> Draft {
    Draft { content: host.into(), ..draft(RecordType::Cname, name) }
}

fn srv(name: &str, priority: u32, weight: u32, port: u32, target: &str) -> Draft {
    Draft {
        priority: priority.to_string(),
        weight: weight.to_string(),
        port: port.to_string(),
        target: target.into(),
        ..draft(RecordType::Srv, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::{check, Record};

    fn checked(p: Preset, zone: &str) -> Vec<Record> {
        let mut added: Vec<Record> = Vec::new();
        for (i, d) in p.records(zone).iter().enumerate() {
            let mut r = check(d, zone, &added, None)
                .unwrap_or_else(|e| panic!("{} {d:?}: {e:?}", p.name()));
            r.id = Some(i.to_string());
            added.push(r);
        }
        added
    }

    #[test]
    fn every_preset_passes_the_checks_in_an_empty_zone() {
        for p in Preset::ALL {
            for zone in ["bkns-demo.vn", "banhmi-saigon.com", "xn--tnmin-hsa0954c.vn"] {
                let records = checked(p, zone);
                assert!(records.iter().any(|r| r.rtype == RecordType::Mx), "{}", p.name());
                assert!(
                    records.iter().any(|r| r.rtype == RecordType::Txt
                        && r.name == "@"
                        && r.content.starts_with("v=spf1 ")),
                    "{}",
                    p.name()
                );
            }
        }
    }

    #[test]
    fn google_uses_its_single_mx() {
        let r = checked(Preset::GoogleWorkspace, "bkns-demo.vn");
        let mx: Vec<_> = r.iter().filter(|r| r.rtype == RecordType::Mx).collect();
        assert_eq!(mx.len(), 1);
        assert_eq!((mx[0].content.as_str(), mx[0].priority), ("smtp.google.com", 1));
        assert!(r.iter().any(|r| r.content == "v=spf1 include:_spf.google.com ~all"));
    }

    #[test]
    fn microsoft_mx_is_named_after_the_domain() {
        let r = checked(Preset::Microsoft365, "bkns-demo.vn");
        let mx = r.iter().find(|r| r.rtype == RecordType::Mx).unwrap();
        assert_eq!(mx.content, "bkns-demo-vn.mail.protection.outlook.com");
        assert_eq!(mx.priority, 0);
        let srv: Vec<_> = r.iter().filter(|r| r.rtype == RecordType::Srv).collect();
        assert_eq!(srv.len(), 2);
        assert!(srv
            .iter()
            .any(|s| s.name == "_sip._tls" && s.content == "1 443 sipdir.online.lync.com"));
        assert!(srv
            .iter()
            .any(|s| s.name == "_sipfederationtls._tcp"
                && s.content == "1 5061 sipfed.online.lync.com"));
        assert!(r.iter().any(|c| c.rtype == RecordType::Cname
            && c.name == "autodiscover"
            && c.content == "autodiscover.outlook.com"));
    }

    #[test]
    fn zoho_has_three_mx() {
        let r = checked(Preset::ZohoMail, "bkns-demo.vn");
        let mx: Vec<_> = r
            .iter()
            .filter(|r| r.rtype == RecordType::Mx)
            .map(|r| (r.content.as_str(), r.priority))
            .collect();
        assert_eq!(mx, [("mx.zoho.com", 10), ("mx2.zoho.com", 20), ("mx3.zoho.com", 50)]);
    }

    #[test]
    fn brand_names_are_distinct() {
        let names: std::collections::BTreeSet<_> = Preset::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), 3);
    }
}
