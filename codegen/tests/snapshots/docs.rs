//! What the generated docs show: request examples, the client's example,
//! and the crate page's features and re-exports.

use awsgen_codegen::GenerateConfig;
use expect_test::expect;

use crate::{file, generate_files_with, items, model};

const EVERY_KIND: &str = r#"
    "ex#Op": {
        "type": "operation",
        "input": {"target": "ex#OpInput"},
        "errors": [{"target": "ex#Missing"}]
    },
    "ex#OpInput": {
        "type": "structure",
        "members": {
            "repositoryName": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "choice": {"target": "ex#Choice", "traits": {"smithy.api#required": {}}},
            "color": {"target": "ex#Color", "traits": {"smithy.api#required": {}}},
            "inner": {"target": "ex#Inner", "traits": {"smithy.api#required": {}}},
            "tags": {"target": "ex#Tags", "traits": {"smithy.api#required": {}}},
            "at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#required": {}}},
            "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#required": {}}},
            "maxResults": {"target": "smithy.api#Integer"},
            "note": {"target": "smithy.api#String"}
        },
        "traits": {"smithy.api#input": {}, "smithy.api#documentation": "The input."}
    },
    "ex#Choice": {"type": "union", "members": {"name": {"target": "smithy.api#String"}, "none": {"target": "smithy.api#Unit"}}},
    "ex#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit"}}},
    "ex#Inner": {"type": "structure", "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}},
    "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
    "ex#Credentials": {"type": "structure", "members": {}},
    "ex#Missing": {"type": "structure", "members": {"message": {"target": "smithy.api#String"}}, "traits": {"smithy.api#error": "client"}}"#;

fn config() -> GenerateConfig {
    GenerateConfig {
        examples_crate: Some("ex-types".to_owned()),
        ..GenerateConfig::default()
    }
}

fn with_credentials_used() -> String {
    // `ex#Credentials` joins the closure through the input.
    model(&EVERY_KIND.replace(
        r#""note": {"target": "smithy.api#String"}"#,
        r#""note": {"target": "smithy.api#String"}, "owner": {"target": "ex#Credentials"}"#,
    ))
}

#[test]
fn a_request_type_shows_how_to_build_one_of_every_kind_of_member() {
    let files = generate_files_with(&with_credentials_used(), &config());
    let docs: String = items(file(&files, "src/types.rs"), &["pub struct OpInput "])
        .lines()
        .take_while(|line| line.starts_with("///"))
        .map(|line| format!("{line}\n"))
        .collect();
    expect![[r#"
        /// The input.
        ///
        /// # Example
        ///
        /// Required members are the constructor's arguments; the others have `with_` setters.
        ///
        /// ```
        /// use ex_types::{Choice, Color, Inner, OpInput};
        /// fn main() {
        ///     let request = OpInput::new(
        ///             "repository-name",
        ///             Choice::Name(String::from("name")),
        ///             Color::Red,
        ///             Inner::new("id"),
        ///             Vec::new(),
        ///             awsgen_types::DateTime::from_secs(1700000000),
        ///             1,
        ///         )
        ///         .with_max_results(1);
        /// }
        /// ```
    "#]]
    .assert_eq(&docs);
}

#[test]
fn the_client_shows_a_call_that_matches_a_modeled_error() {
    let files = generate_files_with(&with_credentials_used(), &config());
    let docs: String = items(file(&files, "src/client.rs"), &["pub struct Client "])
        .lines()
        .take_while(|line| line.starts_with("///"))
        .map(|line| format!("{line}\n"))
        .collect();
    expect![[r#"
        /// A client for Svc: one async method per operation.
        ///
        /// # Example
        ///
        /// A client reads credentials, region and endpoint settings as the AWS SDKs do (`Client::from_env()?`). Send `Op` and match its modeled error `Missing`; every other failure (another service error, the network, the configuration) goes to the caller:
        ///
        /// ```no_run
        /// use ex_types::{Choice, Client, Color, Inner, OpError, OpInput};
        /// async fn example(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
        ///     let request = OpInput::new(
        ///             "repository-name",
        ///             Choice::Name(String::from("name")),
        ///             Color::Red,
        ///             Inner::new("id"),
        ///             Vec::new(),
        ///             awsgen_types::DateTime::from_secs(1700000000),
        ///             1,
        ///         )
        ///         .with_max_results(1);
        ///     match client.op(request).await {
        ///         Ok(output) => println!("{output:?}"),
        ///         Err(error) => {
        ///             match error.as_service() {
        ///                 Some(OpError::Missing(error)) => eprintln!("Missing: {error}"),
        ///                 _ => return Err(error.into()),
        ///             }
        ///         }
        ///     }
        ///     Ok(())
        /// }
        /// ```
    "#]]
    .assert_eq(&docs);
}

/// The crate page names each feature and what it brings; a re-export a
/// model type's name would hide (`Credentials` here) is left out.
#[test]
fn the_crate_page_says_what_needs_which_feature() {
    let files = generate_files_with(&with_credentials_used(), &config());
    let lib = file(&files, "src/lib.rs");
    let features: String = lib
        .lines()
        .skip_while(|line| !line.contains("# Cargo features"))
        .take_while(|line| line.starts_with("//!"))
        .map(|line| format!("{line}\n"))
        .collect();
    expect![[r#"
        //! # Cargo features
        //!
        //! - `client`: `Client`, an async method per operation with the paginators and waiters, over `awsgen-client` (hyper, rustls, SigV4, retries); and the re-exports `CallError`, `CallErrorKind`, `ClientBuilder`, `ConfigError` of `awsgen-client`. Without it this crate does no I/O and depends on `awsgen-types` and serde only.
        //! - `testing`: `client`, and the `testing` module (`awsgen_client::testing`): typed mocks, recording and replay of real exchanges. For `[dev-dependencies]`.
        //! - `full-patterns`: `validate()` also checks `@pattern`s with Unicode classes or lookaround (fancy-regex); without it they count as met.
        //!
        //! Re-exported from `awsgen-types` in every build: `ErrorMetadata`, `OperationError`, `Validate`.
    "#]]
    .assert_eq(&features);
    let uses: String = lib
        .lines()
        .filter(|line| line.starts_with("pub use ::"))
        .map(|line| format!("{line}\n"))
        .collect();
    expect![[r#"
        pub use ::awsgen_client::testing;
        pub use ::awsgen_client::CallError;
        pub use ::awsgen_client::CallErrorKind;
        pub use ::awsgen_client::ClientBuilder;
        pub use ::awsgen_client::ConfigError;
        pub use ::awsgen_types::{ErrorMetadata, OperationError, Validate};
    "#]]
    .assert_eq(&uses);
}

/// Without a crate name for doctests (code that is `include!`d, the
/// repository's test crates) there are no examples.
#[test]
fn no_examples_without_a_crate_name() {
    let files = generate_files_with(&with_credentials_used(), &GenerateConfig::default());
    assert!(!file(&files, "src/types.rs").contains("# Example"));
    assert!(!file(&files, "src/client.rs").contains("# Example"));
}
