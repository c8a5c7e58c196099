//! EKS (restJson1) against moto, through the client generated from the
//! official model.
//!
//! What moto 5.2.5 does, as asserted here:
//! - CreateCluster answers the cluster `ACTIVE` at once, echoing the
//!   `clientRequestToken` it was sent; a second cluster of the same name is
//!   `ResourceInUseException`, HTTP 409 (with `x-amzn-ErrorType`);
//! - DescribeCluster and DeleteCluster of a missing cluster are
//!   `ResourceNotFoundException`, HTTP 404, with `clusterName` sent as
//!   `null` and the name only in the message;
//! - ListClusters pages by name: `nextToken` is the first name of the next
//!   page, and the last page has none;
//! - ListTagsForResource and TagResource find the cluster by its ARN, which
//!   travels percent-encoded in one label (`:` and `/` included); for an ARN
//!   it does not know moto answers `ResourceNotFoundException`, which that
//!   operation does not model (real EKS answers `NotFoundException`);
//! - a refused signature is HTTP 403 with an XML `<ErrorResponse>` body
//!   naming `SignatureDoesNotMatch` and no error-type header, so the client
//!   sees its catch-all with the status;
//! - a body-less request is refused even when signed correctly, unless it
//!   carries a signed `x-amz-content-sha256` (`signed.rs`).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use awsgen_client::{Credentials, PaginationStop};
use awsgen_types::DateTime;
use eks::{
    ClusterStatus, CreateClusterError, CreateClusterRequest, DeleteCluster, DeleteClusterError,
    DeleteClusterRequest, DescribeCluster, DescribeClusterError, DescribeClusterRequest,
    ListClusters, ListClustersRequest, ListTagsForResource, ListTagsForResourceError,
    ListTagsForResourceRequest, TagResourceRequest, VpcConfigRequest,
};

use crate::moto_server::Moto;
use crate::signed::ContentSha256;
use crate::{client_for, ACCOUNT, REGION};

fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Whether `token` is a UUID v4 as text, which the client makes for an
/// `@idempotencyToken` member left unset.
fn is_uuid_v4(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            _ => b.is_ascii_hexdigit(),
        })
}

#[tokio::test(flavor = "current_thread")]
async fn eks_clusters_against_moto_with_signatures_checked() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-eks", &["eks:*"]);
    let role = moto.create_role("e2e-eks-cluster", "eks.amazonaws.com");
    moto.require_signatures();
    let transport = client_for(&moto, credentials.clone());
    let eks = eks::Client::new(transport.clone());
    let started = SystemTime::now() - Duration::from_secs(60);

    // CreateCluster: a JSON body through the typed client. The first
    // leaves its idempotency token unset, so the client fills one in;
    // moto keeps what it was sent and hands it back.
    let alpha = eks
        .create_cluster(
            CreateClusterRequest::new("e2e-alpha", &role, VpcConfigRequest::new())
                .with_tags(tags(&[("team", "e2e")])),
        )
        .await
        .unwrap_or_else(|e| panic!("CreateCluster e2e-alpha: {e}"))
        .cluster
        .expect("CreateCluster answers the cluster");
    assert_eq!(alpha.name.as_deref(), Some("e2e-alpha"));
    let alpha_arn = format!("arn:aws:eks:{REGION}:{ACCOUNT}:cluster/e2e-alpha");
    assert_eq!(alpha.arn.as_deref(), Some(alpha_arn.as_str()));
    assert_eq!(alpha.role_arn.as_deref(), Some(role.as_str()));
    assert_eq!(alpha.status, Some(ClusterStatus::Active));
    let token = alpha.client_request_token.as_deref().unwrap_or_default();
    assert!(
        is_uuid_v4(token),
        "the filled-in idempotency token: {token:?}"
    );
    let created = alpha.created_at.expect("createdAt is read");
    assert!(
        created >= DateTime::from(started),
        "createdAt {created:?} is now"
    );
    for (name, token) in [
        ("e2e-beta", "e2e-token-beta"),
        ("e2e-gamma", "e2e-token-gamma"),
    ] {
        let cluster = eks
            .create_cluster(
                CreateClusterRequest::new(name, &role, VpcConfigRequest::new())
                    .with_client_request_token(token)
                    .with_version("1.31"),
            )
            .await
            .unwrap_or_else(|e| panic!("CreateCluster {name}: {e}"))
            .cluster
            .expect("CreateCluster answers the cluster");
        assert_eq!(cluster.client_request_token.as_deref(), Some(token));
    }

    // A second cluster of the same name: the typed 409.
    let err = eks
        .create_cluster(CreateClusterRequest::new(
            "e2e-alpha",
            &role,
            VpcConfigRequest::new(),
        ))
        .await
        .expect_err("the name is taken");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(CreateClusterError::ResourceInUseException(e)) => {
            assert_eq!(e.cluster_name.as_deref(), Some("e2e-alpha"));
            assert_eq!(e.metadata().status, 409);
            assert!(e.metadata().request_id.is_some(), "{e:?}");
        }
        _ => panic!("expected ResourceInUseException: {err:?}"),
    }

    // DescribeCluster: the name in the path label (GET /clusters/{name}).
    let beta = transport
        .call::<ContentSha256<DescribeCluster>>(DescribeClusterRequest::new("e2e-beta"))
        .await
        .unwrap_or_else(|e| panic!("DescribeCluster e2e-beta: {e}"))
        .cluster
        .expect("DescribeCluster answers the cluster");
    assert_eq!(beta.name.as_deref(), Some("e2e-beta"));
    assert_eq!(beta.version.as_deref(), Some("1.31"));
    assert_eq!(beta.client_request_token.as_deref(), Some("e2e-token-beta"));
    assert_eq!(beta.status, Some(ClusterStatus::Active));

    // ListClusters two at a time: `maxResults` and `nextToken` in the query.
    let mut pages = transport
        .paginate::<ContentSha256<ListClusters>>(ListClustersRequest::new())
        .page_size(2);
    let mut listed = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a ListClusters page: {e}"));
        listed.push(page.clusters.unwrap_or_default());
    }
    assert_eq!(
        listed,
        [vec!["e2e-alpha", "e2e-beta"], vec!["e2e-gamma"]],
        "two pages"
    );
    assert_eq!(pages.pages(), 2);
    assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
    // The same, one at a time, as a stream of names.
    let mut items = transport
        .paginate::<ContentSha256<ListClusters>>(ListClustersRequest::new())
        .page_size(1)
        .items();
    let mut names = Vec::new();
    while let Some(name) = items.next_item().await {
        names.push(name.unwrap_or_else(|e| panic!("a ListClusters page: {e}")));
    }
    assert_eq!(names, ["e2e-alpha", "e2e-beta", "e2e-gamma"]);
    assert_eq!(items.pages(), 3);

    // Tags by ARN: `:` and `/` percent-encoded in one label (/tags/{resourceArn}).
    let listed_tags = || async {
        transport
            .call::<ContentSha256<ListTagsForResource>>(ListTagsForResourceRequest::new(&alpha_arn))
            .await
            .unwrap_or_else(|e| panic!("ListTagsForResource {alpha_arn}: {e}"))
            .tags
            .unwrap_or_default()
    };
    assert_eq!(listed_tags().await, tags(&[("team", "e2e")]));
    eks.tag_resource(TagResourceRequest::new(
        &alpha_arn,
        tags(&[("stage", "e2e test")]),
    ))
    .await
    .unwrap_or_else(|e| panic!("TagResource {alpha_arn}: {e}"));
    assert_eq!(
        listed_tags().await,
        tags(&[("stage", "e2e test"), ("team", "e2e")])
    );
    // An ARN moto does not know: its error code is not one this operation
    // models, so the catch-all keeps it.
    let missing_arn = format!("arn:aws:eks:{REGION}:{ACCOUNT}:cluster/e2e-missing");
    let err = transport
        .call::<ContentSha256<ListTagsForResource>>(ListTagsForResourceRequest::new(&missing_arn))
        .await
        .expect_err("no such cluster");
    match err.as_service() {
        Some(ListTagsForResourceError::Unhandled(e)) => {
            assert_eq!(
                e.metadata().code.as_deref(),
                Some("ResourceNotFoundException")
            );
            assert_eq!(e.metadata().status, 404);
        }
        _ => panic!("expected the catch-all: {err:?}"),
    }

    // A cluster that does not exist: the typed 404, with moto's message.
    let err = transport
        .call::<ContentSha256<DescribeCluster>>(DescribeClusterRequest::new("e2e-missing"))
        .await
        .expect_err("no such cluster");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(DescribeClusterError::ResourceNotFoundException(e)) => {
            assert_eq!(
                e.message.as_deref(),
                Some("No cluster found for name: e2e-missing.")
            );
            assert_eq!(e.cluster_name, None, "moto sends clusterName: null");
            assert_eq!(e.metadata().status, 404);
        }
        _ => panic!("expected ResourceNotFoundException: {err:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.contains("ResourceNotFoundException") && shown.contains("HTTP 404"),
        "{shown}"
    );

    // DeleteCluster (DELETE /clusters/{name}) answers the cluster; then it is gone.
    let deleted = transport
        .call::<ContentSha256<DeleteCluster>>(DeleteClusterRequest::new("e2e-alpha"))
        .await
        .unwrap_or_else(|e| panic!("DeleteCluster e2e-alpha: {e}"))
        .cluster
        .expect("DeleteCluster answers the cluster");
    assert_eq!(deleted.arn.as_deref(), Some(alpha_arn.as_str()));
    let err = transport
        .call::<ContentSha256<DeleteCluster>>(DeleteClusterRequest::new("e2e-alpha"))
        .await
        .expect_err("already deleted");
    assert!(
        matches!(
            err.as_service(),
            Some(DeleteClusterError::ResourceNotFoundException(_))
        ),
        "{err:?}"
    );
    let names = transport
        .call::<ContentSha256<ListClusters>>(ListClustersRequest::new())
        .await
        .unwrap_or_else(|e| panic!("ListClusters: {e}"))
        .clusters;
    assert_eq!(names.unwrap_or_default(), ["e2e-beta", "e2e-gamma"]);

    // The same key with a tampered secret: moto recomputes the signature and refuses.
    let tampered_secret = format!("{}x", credentials.secret_access_key());
    let tampered = Credentials::new(
        credentials.access_key_id(),
        tampered_secret.clone(),
        None,
        "tampered",
    );
    let err = eks::Client::new(client_for(&moto, tampered))
        .create_cluster(CreateClusterRequest::new(
            "e2e-delta",
            &role,
            VpcConfigRequest::new(),
        ))
        .await
        .expect_err("a wrong signature must be refused");
    assert_eq!(err.attempts(), 1, "a 403 is not retried: {err}");
    assert!(!err.to_string().contains(&tampered_secret), "{err}");
    let Some(CreateClusterError::Unhandled(refused)) = err.as_service() else {
        panic!("a refused signature is a service error: {err:?}");
    };
    assert_eq!(refused.metadata().status, 403);
    let body = String::from_utf8_lossy(refused.body());
    assert!(body.contains("SignatureDoesNotMatch"), "{body}");

    // moto's flaw that `signed.rs` works around, pinned: the same GET,
    // correctly signed but without `x-amz-content-sha256`, is refused. When
    // a moto release fixes this, drop the workaround.
    let err = eks
        .describe_cluster(DescribeClusterRequest::new("e2e-beta"))
        .await
        .expect_err("moto 5.2.5 refuses a body-less request without x-amz-content-sha256");
    let Some(DescribeClusterError::Unhandled(refused)) = err.as_service() else {
        panic!("a refused signature is a service error: {err:?}");
    };
    assert_eq!(refused.metadata().status, 403);
    assert!(
        String::from_utf8_lossy(refused.body()).contains("SignatureDoesNotMatch"),
        "{err:?}"
    );
}
