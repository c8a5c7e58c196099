//! restJson1 end to end against moto (PyPI `moto[server]`, installed by
//! `tests/e2e/setup-moto.sh`), with its SigV4 checking switched on, through
//! clients generated from the official EKS and Lambda models.
//!
//! Not part of the workspace: `cargo xtask moto-e2e` generates the
//! operations these scenarios call into `target/moto-e2e/eks` and
//! `target/moto-e2e/lambda` (named `eks` and `lambda` here) and builds this
//! file as the test `moto` of `target/moto-e2e/tests`. `.ci/run` runs it.
//!
//! Each test starts its own moto, creates an IAM user allowed only that
//! service (and what else it needs) through moto's IAM query API, then turns
//! authentication on (see `moto_server.rs`); every later request is signed by
//! the client with that user's key and checked by moto.
//!
//! - `clusters.rs`: EKS. Path labels (a cluster name; an ARN with `:` and
//!   `/`), query pagination (`maxResults`, `nextToken`), the idempotency
//!   token, modeled errors read as their typed variants, a wrong signature.
//! - `functions.rs`: Lambda. A blob in a JSON body, `Qualifier` in the
//!   query, the `X-Amz-Invocation-Type` request header and the status read
//!   into `@httpResponseCode`, the `X-Amz-Function-Error` response header,
//!   the `@httpPayload` blob both ways, typed errors.
//! - `signed.rs`: the one workaround for moto (body-less requests need a
//!   signed `x-amz-content-sha256`), and why.

// Shared with ECR's moto test, which uses other parts of it.
#[allow(dead_code)]
#[path = "../support/moto_server.rs"]
mod moto_server;
#[path = "../support/raw_http.rs"]
mod raw_http;

mod clusters;
mod functions;
mod signed;

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
