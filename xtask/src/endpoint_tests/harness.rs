//! Support code of the generated endpoint operation-input tests.
//!
//! This file is not part of xtask: `cargo xtask endpoint-tests` copies it
//! into each generated test crate (`tests/endpoint_inputs/harness.rs`),
//! where it is compiled against the generated operations and the real
//! client. A case's parameters reach the rule set the way a call's do: the
//! client's settings from its builder, the operation's own parameters
//! from its generated `endpoint_params`, combined by
//! `Client::endpoint_rule_params`; the case's `expect` is judged by
//! `awsgen_endpoints::test_case`, as the rule-set runner judges `params`.

use awsgen_client::{Client, ClientBuilder};
use awsgen_endpoints::test_case::Expectation;
use awsgen_endpoints::RuleSet;
use awsgen_types::Operation;

/// The client `builder` (from `ClientBuilder::new`, so no environment
/// variable or profile of the machine running the tests takes part) builds.
pub fn client(builder: ClientBuilder) -> Client {
    builder
        .build()
        .unwrap_or_else(|error| panic!("the client refuses the case's settings: {error}"))
}

/// Resolves the service's rule set with the parameters a call of `O` with
/// `input` would use, and panics with the difference from `expect` (the
/// case's `expect` JSON).
pub fn check<O: Operation>(client: &Client, input: &O::Input, expect: &str, label: &str) {
    let expect: Expectation = serde_json::from_str(expect)
        .unwrap_or_else(|error| panic!("the case's `expect` is unreadable: {error}"));
    let params = match client.endpoint_rule_params::<O>(input) {
        Ok(Some(params)) => params,
        Ok(None) => panic!("{label}: the service has no endpoint rule set"),
        Err(error) => panic!("{label}: the client cannot resolve endpoints: {error}"),
    };
    let Some(rule_set) = O::SERVICE.endpoint_rule_set else {
        panic!("{label}: the generated service carries no rule set");
    };
    let rules = RuleSet::from_json(rule_set)
        .unwrap_or_else(|error| panic!("{label}: the generated rule set is refused: {error}"));
    if let Err(mismatch) = expect.check(&rules.resolve(&params)) {
        panic!("{label}: {mismatch}\n  rule-set parameters: {params:?}");
    }
}
