//! Testing without AWS (the `testing` feature): replay recorded exchanges,
//! or mock typed answers. Both are [`HttpConnector`]s, so the code under
//! test keeps its real [`Client`](crate::Client): signing, retries,
//! response reading, waiters and paginators all run.
//!
//! In a project's `Cargo.toml`:
//!
//! ```toml
//! [dev-dependencies]
//! awsgen-client = { version = "0.1", features = ["testing"] }
//! ```
//!
//! (A generated crate forwards it: `ecr-types = { ..., features = ["testing"] }`,
//! re-exported as `ecr_types::testing`.)
//!
//! - [`Mock`]: "this operation returns this output, or this modeled error".
//!   The answer is written as the service would send it and read by the
//!   operation's own deserializer, so the test sees what production would.
//! - [`RecordingConnector`] and [`ReplayConnector`]: record real exchanges
//!   (against AWS, or moto) to a file once, check the file in, and replay it
//!   in every test run. A request the recording does not hold fails the call
//!   with an error naming it and the closest recorded exchange.
//!
//! [`client_builder`] makes a client for either.
//!
//! # The recording format (`awsgen-replay`, version 1)
//!
//! [JSON Lines](https://jsonlines.org/): UTF-8, one JSON object per line.
//! The first line is `{"format":"awsgen-replay","version":1}`; each further
//! line is one exchange ([`Exchange`]), in the order the responses arrived;
//! blank lines are skipped. An exchange is
//!
//! ```json
//! {"operation":"ECR StartImageScan",
//!  "request":{"method":"POST","uri":"/","host":"api.ecr.us-east-1.amazonaws.com",
//!             "headers":[["content-type","application/x-amz-json-1.1"],["authorization","<redacted>"]],
//!             "body":"{\"repositoryName\":\"team/app\"}"},
//!  "response":{"status":200,"headers":[["x-amzn-requestid","a1b2"]],"body":"{}"}}
//! ```
//!
//! (on one line). `operation` and `host` are informational. `headers` are
//! `[name, value]` pairs, names in lower case. A body is `body` when it is
//! UTF-8 text, `body_base64` (standard alphabet) otherwise, and absent when
//! empty. Instead of `response`, an exchange may hold `"error":{"kind":
//! "connect","message":"..."}`: the connector failed (kinds `connect`,
//! `timeout`, `io`, `response_too_large`, `payload`, `other`), and replaying
//! it fails the same way. Fields are only ever added, with a new version.
//!
//! Secrets are never written: the values of `authorization`,
//! `proxy-authorization`, `cookie`, `set-cookie`, `x-amz-security-token` and
//! every other `x-amz-*token*` header, and the `X-Amz-Signature`,
//! `X-Amz-Credential` and `x-amz-*token*` query parameters, are written as
//! `<redacted>`. Bodies are written as they are: this layer does not know
//! which members a model marks `@sensitive`, so give
//! [`RecordingConnector::scrub`] a function for operations whose responses
//! carry secrets. Headers that change on every run (`authorization`,
//! `x-amz-date`, `amz-sdk-invocation-id`, `user-agent`) are recorded but
//! not matched when replaying.

mod exchange;
mod mock;
mod record;
mod replay;

use std::time::Duration;

pub use exchange::{
    Exchange, RecordedBody, RecordedError, RecordedRequest, RecordedResponse, REDACTED,
};
pub use mock::{ErrorOf, Mock, MockError};
pub use record::RecordingConnector;
pub use replay::{ReplayConnector, ReplayError};

use crate::{ClientBuilder, Credentials, HttpConnector, RetryConfig};

/// The region [`client_builder`] sets.
pub const REGION: &str = "us-east-1";

/// A [`ClientBuilder`] for tests: `connector`, region `us-east-1`, fixed
/// credentials (`AKIDTESTING`; nothing is ever sent to AWS), and retries as
/// in production (3 attempts) with waits of at most a millisecond.
/// Adjust it like any builder, then [`build`](ClientBuilder::build).
///
/// ```
/// use awsgen_client::testing::{self, Mock};
///
/// # fn main() -> Result<(), awsgen_client::ConfigError> {
/// let client = testing::client_builder(Mock::new()).build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
pub fn client_builder(connector: impl HttpConnector + 'static) -> ClientBuilder {
    ClientBuilder::new()
        .region(REGION)
        .credentials(Credentials::new(
            "AKIDTESTING",
            "testing-secret-access-key",
            None,
            "testing",
        ))
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(1)),
        )
        .connector(connector)
}
