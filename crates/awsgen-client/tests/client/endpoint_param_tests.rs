//! Parameters an operation sets for its endpoint rule set (`contextParam`,
//! `staticContextParams`, `operationContextParams`) and the account-ID
//! built-ins reach the rules, and decide the URL the request goes to.

use std::sync::{Arc, Mutex};

use awsgen_client::{connector_fn, ClientBuilder, Environment};
use awsgen_endpoints::{Params, RuleSet};
use awsgen_types::{endpoint_param_at, EndpointParam, Operation, Protocol, ServiceMeta};
use bytes::Bytes;
use serde::Serialize;

use crate::operations::{PutThingError, PutThingOutput};
use crate::{bounded, credentials};

const RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
    "AccountId": {"builtIn": "AWS::Auth::AccountId", "required": false, "type": "String"},
    "AccountIdEndpointMode": {"builtIn": "AWS::Auth::AccountIdEndpointMode", "required": false, "type": "String"},
    "StreamName": {"required": false, "type": "String"},
    "OperationType": {"required": false, "type": "String"},
    "Tables": {"required": false, "type": "stringArray"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "StreamName"}]}, {"fn": "isSet", "argv": [{"ref": "OperationType"}]}],
     "endpoint": {"url": "https://{StreamName}.{OperationType}.example.com"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Tables"}]}],
     "endpoint": {"url": "https://tables.{Region}.example.com"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "AccountId"}]}],
     "endpoint": {"url": "https://{AccountId}.ddb.{Region}.example.com"}, "type": "endpoint"},
    {"conditions": [], "endpoint": {"url": "https://{Region}.example.com"}, "type": "endpoint"}
  ]
}"#;

const SERVICE: ServiceMeta = ServiceMeta::new(
    "test.params#ParamsService",
    "ParamsService",
    "Params",
    "params",
    "params",
    "2024-01-01",
    Protocol::AwsJson1_0,
    Some(RULES),
);

#[derive(Debug, Clone, Serialize)]
struct DescribeInput {
    #[serde(rename = "StreamName", skip_serializing_if = "Option::is_none")]
    stream_name: Option<String>,
    #[serde(rename = "Tables", skip_serializing_if = "Option::is_none")]
    tables: Option<std::collections::BTreeMap<String, u8>>,
}

/// As a generator writes it for `contextParam` (StreamName), a static
/// `OperationType` and an `operationContextParams` path (`keys(Tables)`).
struct Describe;

impl Operation for Describe {
    type Input = DescribeInput;
    type Output = PutThingOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &SERVICE;
    const NAME: &'static str = "Describe";
    aws_json_protocol!("ParamsService.Describe", CONTENT_TYPE_1_0);

    fn endpoint_params(input: &DescribeInput) -> Vec<(&'static str, EndpointParam)> {
        let mut params = vec![("OperationType", EndpointParam::String("control".into()))];
        if let Some(value) = &input.stream_name {
            params.push(("StreamName", EndpointParam::String(value.clone())));
        }
        if let Some(value) = endpoint_param_at(input, "keys(Tables)") {
            params.push(("Tables", value));
        }
        // Not a parameter of the rule set: skipped, not an error.
        params.push(("Undeclared", EndpointParam::Bool(true)));
        params
    }
}

/// The URL of the one request a client made with `builder` and `input`.
async fn url_for(builder: ClientBuilder, input: DescribeInput) -> String {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        record.lock().unwrap().push(request.uri().to_string());
        async { Ok(http::Response::new(Bytes::from_static(b"{}"))) }
    });
    let client = builder
        .credentials(credentials())
        .connector(connector)
        .build()
        .expect("client");
    client.call::<Describe>(input).await.expect("call");
    let urls = seen.lock().unwrap().clone();
    assert_eq!(urls.len(), 1, "{urls:?}");
    urls[0].clone()
}

fn input(stream: Option<&str>) -> DescribeInput {
    DescribeInput {
        stream_name: stream.map(str::to_owned),
        tables: None,
    }
}

#[tokio::test]
async fn context_and_static_params_choose_the_endpoint() {
    bounded(async {
        let builder = || ClientBuilder::new().region("us-east-1");
        assert_eq!(
            url_for(builder(), input(Some("orders"))).await,
            "https://orders.control.example.com/"
        );
        // Without the member the rule does not apply; each call resolves anew.
        assert_eq!(
            url_for(builder(), input(None)).await,
            "https://us-east-1.example.com/"
        );
        let mut with_tables = input(None);
        with_tables.tables = Some([("t1".to_owned(), 1)].into_iter().collect());
        assert_eq!(
            url_for(builder(), with_tables).await,
            "https://tables.us-east-1.example.com/"
        );
    })
    .await;
}

#[tokio::test]
async fn the_account_id_built_in_comes_from_the_environment() {
    bounded(async {
        let env = Environment::from_vars([
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCOUNT_ID", "111122223333"),
            ("HOME", "/nonexistent-endpoint-param-test-home"),
        ]);
        let builder = ClientBuilder::from_environment(env).expect("builder");
        assert_eq!(
            url_for(builder, input(None)).await,
            "https://111122223333.ddb.eu-west-1.example.com/"
        );
    })
    .await;
}

/// `Client::endpoint_rule_params` hands out what a call resolves with: the
/// built-ins the rule set declares and the operation's own parameters, an
/// undeclared one left out; resolved, they give the URL the call went to.
#[tokio::test]
async fn endpoint_rule_params_are_what_a_call_resolves_with() {
    bounded(async {
        let env = Environment::from_vars([
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCOUNT_ID", "111122223333"),
            ("HOME", "/nonexistent-endpoint-param-test-home"),
        ]);
        let builder = || ClientBuilder::from_environment(env.clone()).expect("builder");
        let client = builder()
            .credentials(credentials())
            .build()
            .expect("client");
        let params = client
            .endpoint_rule_params::<Describe>(&input(Some("orders")))
            .expect("parameters")
            .expect("the service has a rule set");
        assert_eq!(
            params,
            Params::new()
                .with("Region", "eu-west-1")
                .with("AccountId", "111122223333")
                .with("OperationType", "control")
                .with("StreamName", "orders")
        );
        let rules = RuleSet::from_json(RULES).expect("rule set");
        let resolved = rules.resolve(&params).expect("endpoint");
        assert_eq!(
            format!("{}/", resolved.url),
            url_for(builder(), input(Some("orders"))).await
        );
    })
    .await;
}

/// The builder's account ID and mode win over the environment's, and reach
/// the rules as given: an empty account ID is the rule set's to refuse
/// (DynamoDB's "Credentials-sourced account ID parameter is invalid"), not
/// dropped as a blank environment variable is.
#[test]
fn the_builders_account_id_wins_and_is_passed_as_given() {
    let env = Environment::from_vars([
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ACCOUNT_ID", "111122223333"),
        ("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled"),
        ("HOME", "/nonexistent-endpoint-param-test-home"),
    ]);
    let params = |builder: ClientBuilder| {
        builder
            .credentials(credentials())
            .build()
            .expect("client")
            .endpoint_rule_params::<Describe>(&input(None))
            .expect("parameters")
            .expect("the service has a rule set")
    };
    let from_env = params(ClientBuilder::from_environment(env.clone()).expect("builder"));
    assert_eq!(from_env.get("AccountId"), Some(&"111122223333".into()));
    assert_eq!(
        from_env.get("AccountIdEndpointMode"),
        Some(&"disabled".into())
    );
    let set = params(
        ClientBuilder::from_environment(env)
            .expect("builder")
            .account_id("")
            .account_id_endpoint_mode("required"),
    );
    assert_eq!(set.get("AccountId"), Some(&"".into()));
    assert_eq!(set.get("AccountIdEndpointMode"), Some(&"required".into()));
    let blank = Environment::from_vars([("AWS_REGION", "eu-west-1"), ("AWS_ACCOUNT_ID", " ")]);
    let unset = params(ClientBuilder::from_environment(blank).expect("builder"));
    assert_eq!(unset.get("AccountId"), None, "a blank variable is unset");
}
