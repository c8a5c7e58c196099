//! awsQuery and restXml end to end against moto (PyPI `moto[server]`,
//! installed by `tests/e2e/setup-moto.sh`), with its SigV4 checking
//! switched on, through clients generated from the official STS, IAM, SNS,
//! S3 and Route 53 models.
//!
//! Not part of the workspace: `cargo xtask moto-e2e` generates the
//! operations these scenarios call into `target/moto-e2e/{sts,iam,sns,s3,route53}`
//! and builds this file as the test `moto-xml` of `target/moto-e2e/tests`,
//! beside the restJson1 one (`tests/e2e/moto-restjson/`). `.ci/run` runs both.
//!
//! Each test starts its own moto, creates an IAM user allowed only what it
//! calls through moto's IAM query API, then turns authentication on (see
//! `moto_server.rs`); every later request is signed by the client and
//! checked by moto.
//!
//! - `identities.rs`: STS and IAM (awsQuery). GetCallerIdentity, AssumeRole
//!   and a call signed with the assumed credentials (session token
//!   included), IAM users and roles listed through the paginator, IAM's
//!   `NoSuchEntity` and `EntityAlreadyExists` read as their typed variants.
//! - `chain.rs`: the default credentials chain's STS sources: a profile's
//!   `role_arn` two hops from static keys, and web identity from a token
//!   file, each ending in calls signed with the assumed role's credentials;
//!   a role the source may not assume refused, naming it.
//! - `objects.rs`: S3 (restXml), path-style: CreateBucket, a 64 MiB
//!   PutObject streamed from a file, GetObject streamed to a file with an
//!   equal SHA-256, a ranged GetObject, ListObjectsV2 over four pages, a
//!   presigned GetObject URL fetched by a plain HTTP client, DeleteObjects
//!   with its required checksum, `NoSuchKey` typed, and a multipart upload
//!   with parts in parallel under a memory bound.
//! - `topics.rs`: SNS (awsQuery). CreateTopic with attributes and tags (a
//!   map and a list in the form), Publish with message attributes, SNS's
//!   `NotFound` read as its typed variant.
//! - `hosted_zones.rs`: Route 53 (restXml). An XML request body with a
//!   namespace, a label, the XML response with its nested lists, the
//!   paginator over `Marker`, and `NoSuchHostedZone` read as its typed
//!   variant from the `<ErrorResponse>` body.
//!
//! EC2 (ec2Query) is not here: `../shared/models` has no EC2 model, and
//! these tests use only official models; the ec2Query protocol is covered
//! by its protocol tests.

// Shared with ECR's moto test, which uses other parts of it.
#[allow(dead_code)]
#[path = "../support/moto_server.rs"]
mod moto_server;
#[path = "../support/raw_http.rs"]
mod raw_http;
// The restJson1 scenarios' workaround for moto's check of body-less requests.
#[path = "../moto-restjson/signed.rs"]
mod signed;

mod chain;
mod hosted_zones;
mod identities;
mod objects;
mod scratch;
mod topics;

use awsgen_client::Credentials;
use moto_server::{Moto, REGION};

/// moto's default account, which owns everything created without an account header.
const ACCOUNT: &str = "123456789012";

/// A transport client signing with `credentials` and sending to moto.
fn client_for(moto: &Moto, credentials: Credentials) -> awsgen_client::Client {
    awsgen_client::Client::builder()
        .region(REGION)
        .credentials(credentials)
        .endpoint_url(moto.url())
        .build()
        .expect("a client for moto")
}
