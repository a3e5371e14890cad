//! DNS, catalog endpoints 121-127 (flows.md section 7) and HostBill's
//! standard zone listing (hostbill-standard.md).
//!
//! The reference's gaps, handled here: creating a zone answers no id (the
//! caller reads `GET /dns` again and finds it by name); a new record comes
//! back without its id (the caller reads the zone again); the only call
//! that lists a zone's records, `GET /service/@id/dns/@zone_id`, is not in
//! the reference and a server may answer it `invalid method`/404
//! (`ApiError::NotSupported`). Answers are read loosely: ids and numbers
//! as strings or numbers, names relative or absolute, SRV content as the
//! reference's array `[weight, port, "target"]` or as text.

use super::client::{fetch, fetch_with_info, ApiRequest};
use super::error::ApiError;
use super::loose::{field, list_items, read, scalar_text};
use crate::dns::{full_name, relative_name, Record, RecordType, TTL_DEFAULT};
use crate::util::percent_encode;
use crate::vocab::{Id, Text};
use serde_json::{json, Value};

/// One zone of `GET /dns`. `id` is the reference's `domain_id`: the zone's
/// own id, unrelated to the ids of `GET /domain`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    pub id: Id,
    /// ASCII (punycode for IDNs), lower case.
    pub name: String,
    pub service_id: Id,
}

/// `GET /dns`: the services that can hold zones, and the zones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zones {
    pub service_ids: Vec<Id>,
    pub zones: Vec<Zone>,
}

impl Zones {
    /// The zone of a domain name, if there is one.
    pub fn of_domain(&self, domain: &str) -> Option<&Zone> {
        let d = domain.trim().trim_end_matches('.').to_lowercase();
        self.zones.iter().find(|z| z.name == d)
    }
}

/// A zone's records, as listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZoneRecords {
    pub name: String,
    pub records: Vec<Record>,
}

fn zones_of(v: &Value) -> Zones {
    let service_ids =
        list_items(field(v, &["service_ids", "services"]).clone())
            .iter()
            .map(|s| {
                if s.is_object() {
                    read::<Id>(s, &["id", "service_id"])
                } else {
                    Id(scalar_text(s))
                }
            })
            .filter(|id| !id.is_empty())
            .collect();
    let zones = list_items(field(v, &["zones", "domains"]).clone())
        .iter()
        .map(|z| Zone {
            id: read::<Id>(z, &["domain_id", "id", "zone_id"]),
            name: read::<Text>(z, &["name", "domain"])
                .0
                .trim()
                .trim_end_matches('.')
                .to_lowercase(),
            service_id: read::<Id>(z, &["service_id", "service"]),
        })
        .filter(|z| !z.id.is_empty() && !z.name.is_empty())
        .collect();
    Zones { service_ids, zones }
}

fn service_at(service: &Id, rest: &str) -> String {
    format!("/service/{}/dns{rest}", percent_encode(service.as_str()))
}

fn zone_at(service: &Id, zone: &Id, rest: &str) -> String {
    service_at(service, &format!("/{}{rest}", percent_encode(zone.as_str())))
}

/// `GET /dns`.
pub async fn zones() -> Result<Zones, ApiError> {
    Ok(zones_of(&fetch::<Value>(ApiRequest::get("/dns")).await?))
}

/// `POST /service/@id/dns` `{"name"}`: the server's `info` (no id: read
/// [`zones`] again).
pub async fn create_zone(service: &Id, name: &str) -> Result<Vec<String>, ApiError> {
    let req = ApiRequest::post(service_at(service, "")).json(&json!({ "name": name }));
    fetch_with_info::<Value>(req).await.map(|(_, info)| info)
}

/// `DELETE /service/@id/dns/@zone_id`.
pub async fn delete_zone(service: &Id, zone: &Id) -> Result<Vec<String>, ApiError> {
    fetch_with_info::<Value>(ApiRequest::delete(zone_at(service, zone, ""))).await.map(|(_, i)| i)
}

/// A number sent as a number or a numeric string; `None` for anything else.
fn number(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// One record of an answer; `None` when it has no type or no content.
/// `zone` makes absolute names relative.
pub fn record_of(v: &Value, zone: &str) -> Option<Record> {
    if !v.is_object() {
        return None;
    }
    let rtype = RecordType::parse(&read::<Text>(v, &["type", "rtype"]).0);
    if rtype.as_str().is_empty() {
        return None;
    }
    let content = match field(v, &["content", "value", "data"]) {
        Value::Array(parts) => parts.iter().map(scalar_text).collect::<Vec<_>>().join(" "),
        other => scalar_text(other),
    };
    let content = content.trim().to_owned();
    if content.is_empty() {
        return None;
    }
    let name = read::<Text>(v, &["name", "host"]).0;
    let name = relative_name(&name, zone).unwrap_or_else(|| name.trim().to_lowercase());
    let id = read::<Id>(v, &["id", "record_id"]);
    Some(Record {
        id: (!id.is_empty()).then_some(id.0),
        name,
        rtype,
        ttl: number(field(v, &["ttl"])).unwrap_or(TTL_DEFAULT),
        priority: number(field(v, &["priority", "prio"])).unwrap_or(0),
        content,
    })
}

fn zone_records_of(v: &Value, zone: &str) -> ZoneRecords {
    let name = read::<Text>(v, &["name", "domain"]).0.trim().trim_end_matches('.').to_lowercase();
    let name = if name.is_empty() { zone.to_owned() } else { name };
    let records = list_items(field(v, &["records", "zone", "rr"]).clone())
        .iter()
        .filter_map(|r| record_of(r, &name))
        .collect();
    ZoneRecords { name, records }
}

/// `GET /service/@id/dns/@zone_id` (HostBill standard): the zone's
/// records. `ApiError::NotSupported` when this server cannot list them.
pub async fn records(service: &Id, zone: &Id, zone_name: &str) -> Result<ZoneRecords, ApiError> {
    let v = fetch::<Value>(ApiRequest::get(zone_at(service, zone, ""))).await?;
    Ok(zone_records_of(&v, zone_name))
}

/// The body of an add or a change, as the reference shows it: the full
/// name, the priority on its own, SRV content as `[weight, port, "target"]`.
pub fn request_body(r: &Record, zone: &str) -> Value {
    let content = match r.rtype {
        RecordType::Srv => {
            let mut parts = r.content.split_whitespace();
            let mut num = || parts.next().and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
            let (weight, port) = (num(), num());
            let target = r.content.split_whitespace().nth(2).unwrap_or_default();
            json!([weight, port, target])
        }
        _ => json!(r.content),
    };
    json!({
        "name": full_name(&r.name, zone),
        "ttl": r.ttl,
        "priority": r.priority,
        "type": r.rtype.as_str(),
        "content": content,
    })
}

/// What the server said to an add or a change: the record it echoed (its
/// id only on a change) and its `info`.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub record: Option<Record>,
    pub info: Vec<String>,
}

fn saved_of(v: &Value, info: Vec<String>, zone: &str) -> Saved {
    Saved { record: record_of(field(v, &["record"]), zone), info }
}

/// `POST /service/@id/dns/@zone_id/records`.
pub async fn add_record(
    service: &Id,
    zone: &Id,
    zone_name: &str,
    r: &Record,
) -> Result<Saved, ApiError> {
    let req =
        ApiRequest::post(zone_at(service, zone, "/records")).json(&request_body(r, zone_name));
    let (v, info) = fetch_with_info::<Value>(req).await?;
    Ok(saved_of(&v, info, zone_name))
}

/// `PUT /service/@id/dns/@zone_id/records/@record_id`.
pub async fn update_record(
    service: &Id,
    zone: &Id,
    zone_name: &str,
    id: &str,
    r: &Record,
) -> Result<Saved, ApiError> {
    let path = zone_at(service, zone, &format!("/records/{}", percent_encode(id)));
    let req = ApiRequest::put(path).json(&request_body(r, zone_name));
    let (v, info) = fetch_with_info::<Value>(req).await?;
    Ok(saved_of(&v, info, zone_name))
}

/// `DELETE /service/@id/dns/@zone_id/records/@record_id`.
pub async fn delete_record(service: &Id, zone: &Id, id: &str) -> Result<Vec<String>, ApiError> {
    let path = zone_at(service, zone, &format!("/records/{}", percent_encode(id)));
    fetch_with_info::<Value>(ApiRequest::delete(path)).await.map(|(_, info)| info)
}

/// The `info` of an add: `["dnsnewrecordadded", "SRV"]` is one message
/// with its argument (reference.txt: "Added new %s record").
pub fn added_type(info: &[String]) -> Option<&str> {
    match info {
        [key, ty, ..] if key.trim() == "dnsnewrecordadded" => Some(ty.trim()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn the_zone_list_reads_the_reference_and_odd_shapes() {
        let z = zones_of(&parse(include_str!("../../fixtures/api/dns.json")));
        assert_eq!(z.service_ids, vec![Id::from("10"), Id::from("20")]);
        assert_eq!(z.zones.len(), 2);
        assert_eq!(
            z.zones[0],
            Zone { id: "60".into(), name: "booble.com".into(), service_id: "10".into() }
        );
        assert_eq!(z.of_domain("BOOBLE.com.").map(|z| z.id.as_str()), Some("60"));
        // numbers for ids, PHP [] for none, a zone without a name dropped
        let odd = zones_of(&parse(
            r#"{"service_ids":[301],"zones":{"a":{"domain_id":7,"name":"X.VN.","service_id":301},"b":{"domain_id":8}}}"#,
        ));
        assert_eq!(odd.service_ids, vec![Id::from("301")]);
        assert_eq!(
            odd.zones,
            vec![Zone { id: "7".into(), name: "x.vn".into(), service_id: "301".into() }]
        );
        assert_eq!(zones_of(&parse(r#"{"service_ids":[],"zones":[]}"#)), Zones::default());
        assert_eq!(zones_of(&parse("[]")), Zones::default());
        assert_eq!(zones_of(&parse("\"garbage\"")), Zones::default());
    }

    #[test]
    fn a_zone_listing_reads_every_type() {
        let z = zone_records_of(
            &parse(include_str!("../../fixtures/api/dns_zone_details_every_type.contract.json")),
            "bkns-demo.vn",
        );
        assert_eq!(z.name, "bkns-demo.vn");
        assert!(z.records.len() >= 10);
        assert!(z.records.iter().all(|r| r.id.is_some()));
        let srv = z.records.iter().find(|r| r.rtype == RecordType::Srv).unwrap();
        assert_eq!(srv.content.split_whitespace().count(), 3);
        assert!(z.records.iter().any(|r| r.rtype == RecordType::Other("SOA".into())));
        let reference = zone_records_of(
            &parse(include_str!("../../fixtures/api/dns_zone_details.json")),
            "booble.com",
        );
        assert_eq!(reference.records[0].name, "qwerty");
        assert_eq!(reference.records[0].ttl, 1800);
    }

    #[test]
    fn records_without_type_or_content_are_left_out_not_fatal() {
        let z = zone_records_of(
            &parse(
                r#"{"records":[{"id":"1","type":"A"},{"name":"x","content":"1.2.3.4"},"junk",{"id":2,"name":"www","type":"a","ttl":"300","content":"1.2.3.4"}]}"#,
            ),
            "x.vn",
        );
        assert_eq!(z.name, "x.vn");
        assert_eq!(z.records.len(), 1);
        assert_eq!(z.records[0].id.as_deref(), Some("2"));
        assert_eq!(z.records[0].ttl, 300);
        assert_eq!(z.records[0].rtype, RecordType::A);
    }

    #[test]
    fn the_add_answer_has_no_id_and_its_srv_content_is_an_array() {
        let v = parse(include_str!("../../fixtures/api/dns_record_post.json"));
        let saved = saved_of(&v, vec!["dnsnewrecordadded".into(), "SRV".into()], "example.com");
        let r = saved.record.unwrap();
        assert_eq!(r.id, None);
        assert_eq!(r.name, "_sip._tcp");
        assert_eq!(r.content, "10 5060 vc01.example.com");
        assert_eq!(r.priority, 10);
        assert_eq!(added_type(&saved.info), Some("SRV"));
        assert_eq!(added_type(&["The record was updated".into()]), None);
        let put = parse(include_str!("../../fixtures/api/dns_record_put.json"));
        assert_eq!(saved_of(&put, vec![], "x.vn").record.unwrap().id.as_deref(), Some("55"));
    }

    #[test]
    fn request_bodies_match_the_reference() {
        let srv = Record {
            id: None,
            name: "_sip._tcp".into(),
            rtype: RecordType::Srv,
            ttl: 3600,
            priority: 10,
            content: "10 5060 vc01.example.com".into(),
        };
        assert_eq!(
            request_body(&srv, "example.com"),
            parse(include_str!("../../fixtures/api/dns_record_post_srv.request.json"))
        );
        let a =
            Record { name: "@".into(), rtype: RecordType::A, content: "192.168.1.2".into(), ..srv };
        assert_eq!(
            request_body(&a, "example.com"),
            parse(include_str!("../../fixtures/api/dns_record_post.request.json"))
        );
    }

    #[test]
    fn paths_encode_their_ids() {
        assert_eq!(
            zone_at(&Id::from("301"), &Id::from("7/1"), "/records"),
            "/service/301/dns/7%2F1/records"
        );
    }
}
