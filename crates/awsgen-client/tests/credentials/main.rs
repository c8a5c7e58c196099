//! The default credentials chain against loopback fakes the tests start:
//! EC2 instance metadata, the container endpoint, the SSO portal and
//! SSO-OIDC, STS, and `credential_process` scripts the tests write. Each test is
//! bounded by a Tokio timeout, and each fake's attempt count and the time
//! taken are checked.

// The recording `tracing` subscriber of the client tests.
#[allow(dead_code)]
#[path = "../client/capture.rs"]
mod capture;
mod chain_tests;
mod container_tests;
mod fake;
mod imds_tests;
#[path = "../shared/percent.rs"]
mod percent;
mod process_tests;
mod sso_tests;
mod sts_tests;
mod support;
