//! Route 53 (restXml) against moto, through the client generated from the
//! official model.
//!
//! What moto 5.2.5 does, as asserted here:
//! - CreateHostedZone reads the XML body (in Route 53's namespace) and
//!   answers the zone with a delegation set of name servers, HTTP 201;
//! - GetHostedZone finds the zone by the ID in the path label, without
//!   the `/hostedzone/` prefix its ID is answered with (the AWS SDKs trim
//!   it, a customization outside the model; the scenario trims it itself);
//! - ListHostedZones pages by `Marker`, `NextMarker` and `MaxItems`;
//! - GetHostedZone of a zone it does not know is `NoSuchHostedZone`, HTTP
//!   404, in an `<ErrorResponse>` body;
//! - body-less requests (the GETs) need a signed `x-amz-content-sha256`
//!   (`signed.rs`, shared with the restJson1 scenarios).

use route53::{
    CreateHostedZoneRequest, GetHostedZone, GetHostedZoneError, GetHostedZoneRequest,
    HostedZoneConfig, ListHostedZones, ListHostedZonesRequest,
};

use crate::client_for;
use crate::moto_server::Moto;
use crate::signed::ContentSha256;

#[tokio::test(flavor = "current_thread")]
async fn route53_hosted_zones_with_signatures_checked() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-route53", &["route53:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials);
    let route53 = route53::Client::new(transport.clone());

    let mut ids = Vec::new();
    for (n, name) in ["alpha.e2e.example", "beta.e2e.example", "gamma.e2e.example"]
        .into_iter()
        .enumerate()
    {
        let created = route53
            .create_hosted_zone(
                CreateHostedZoneRequest::new(name, format!("e2e-ref-{n}")).with_hosted_zone_config(
                    HostedZoneConfig::new().with_comment(format!("e2e zone <{n}> & co")),
                ),
            )
            .await
            .unwrap_or_else(|e| panic!("CreateHostedZone {name}: {e}"));
        let zone = created.hosted_zone;
        assert_eq!(zone.name, format!("{name}."));
        assert_eq!(zone.caller_reference, format!("e2e-ref-{n}"));
        assert!(zone.id.starts_with("/hostedzone/"), "{zone:?}");
        let config = zone.config.expect("the zone's config");
        assert_eq!(config.comment, Some(format!("e2e zone <{n}> & co")));
        assert!(!config.private_zone);
        assert!(
            !created.delegation_set.name_servers.is_empty(),
            "name servers: {:?}",
            created.delegation_set
        );
        ids.push(zone.id);
    }

    // GetHostedZone: the ID in the path label (GET /2013-04-01/hostedzone/{Id}).
    let alpha_id = ids[0].trim_start_matches("/hostedzone/");
    let alpha = transport
        .call::<ContentSha256<GetHostedZone>>(GetHostedZoneRequest::new(alpha_id))
        .await
        .unwrap_or_else(|e| panic!("GetHostedZone {alpha_id}: {e}"));
    assert_eq!(alpha.hosted_zone.id, ids[0]);
    assert_eq!(alpha.hosted_zone.name, "alpha.e2e.example.");
    assert_eq!(
        alpha.hosted_zone.config.and_then(|c| c.comment).as_deref(),
        Some("e2e zone <0> & co")
    );
    let servers = alpha
        .delegation_set
        .map(|d| d.name_servers)
        .unwrap_or_default();
    assert!(!servers.is_empty(), "a public zone's name servers");

    // ListHostedZones two a page: `MaxItems` and `Marker` in the query,
    // `NextMarker` read from the XML.
    let mut pages = transport
        .paginate::<ContentSha256<ListHostedZones>>(ListHostedZonesRequest::new())
        .page_size(2);
    let mut listed = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a ListHostedZones page: {e}"));
        assert_eq!(page.is_truncated, page.next_marker.is_some(), "{page:?}");
        listed.push(
            page.hosted_zones
                .into_iter()
                .map(|z| z.id)
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(listed.len(), 2, "two pages: {listed:?}");
    assert_eq!(listed.concat().len(), 3, "{listed:?}");
    let mut all = listed.concat();
    all.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(all, expected);

    // A zone moto does not know: restXml's typed error from <ErrorResponse>.
    let err = transport
        .call::<ContentSha256<GetHostedZone>>(GetHostedZoneRequest::new("Z0E2EMISSING"))
        .await
        .expect_err("no such zone");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(GetHostedZoneError::NoSuchHostedZone(e)) => {
            assert_eq!(e.metadata().status, 404);
            assert_eq!(e.metadata().code.as_deref(), Some("NoSuchHostedZone"));
            assert!(
                e.message
                    .as_deref()
                    .unwrap_or_default()
                    .contains("Z0E2EMISSING"),
                "{e:?}"
            );
        }
        _ => panic!("expected NoSuchHostedZone: {err:?}"),
    }
}
