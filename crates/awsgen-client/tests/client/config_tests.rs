//! Building clients: settings checks, the environment, endpoint rules, secrets.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_client::{
    connector_fn, CallErrorKind, Client, ClientBuilder, CompressionConfig, ConfigError,
    ConnectorError, Environment, RegionError, RetryConfig, TimeoutConfig,
};
use bytes::Bytes;

use crate::operations::{PutThing, PutThingInput, RulesPing};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, builder, credentials, SECRET_KEY, SESSION_TOKEN};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused() {
    let err = builder("http://example.com").build().unwrap_err();
    assert!(
        matches!(err, ConfigError::InvalidEndpoint { .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("endpoint_url(..)") && text.contains("plain http"),
        "{text}"
    );
    assert!(builder("http://example.com")
        .allow_http(true)
        .build()
        .is_ok());
    for loopback in [
        "http://127.0.0.1:1",
        "http://localhost:8080",
        "http://[::1]:9",
    ] {
        assert!(builder(loopback).build().is_ok(), "{loopback}");
    }
}

#[test]
fn invalid_settings_are_named() {
    let cases: Vec<(ClientBuilder, &str)> = vec![
        (
            builder("https://e.com").retry(RetryConfig::standard().with_max_attempts(0)),
            "max_attempts",
        ),
        (
            builder("https://e.com")
                .compression(CompressionConfig::new().with_min_size(10_485_761)),
            "min_compression_size",
        ),
        (
            builder("https://e.com")
                .timeouts(TimeoutConfig::new().with_attempt(Some(Duration::ZERO))),
            "attempt timeout",
        ),
        (
            builder("https://e.com").timeouts(TimeoutConfig::new().with_connect(Duration::ZERO)),
            "connect timeout",
        ),
        (
            builder("https://e.com").max_response_bytes(0),
            "max_response_bytes",
        ),
        (builder("https://e.com").region("us east 1"), "us east 1"),
        (builder("ftp://e.com"), "ftp"),
        (builder("https://user:pw@e.com"), "user info"),
        (Client::builder().credentials(credentials()), "no region"),
    ];
    for (builder, expected) in cases {
        let text = builder.build().unwrap_err().to_string();
        assert!(
            text.contains(expected),
            "{text:?} should mention {expected:?}"
        );
        assert!(!text.contains("pw@"), "{text}");
    }
    assert!(builder("https://e.com")
        .compression(CompressionConfig::new().with_min_size(10_485_760))
        .build()
        .is_ok());
}

/// A directory of its own for one test's shared config files.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("awsgen-client-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
    fn missing(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An environment that never touches the real home directory.
fn env(dir: &TempDir, vars: &[(&str, &str)]) -> Environment {
    let mut all = vec![
        ("AWS_CONFIG_FILE".to_owned(), dir.missing("config")),
        (
            "AWS_SHARED_CREDENTIALS_FILE".to_owned(),
            dir.missing("credentials"),
        ),
    ];
    all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    Environment::from_vars(all)
}

const ENV_KEYS: [(&str, &str); 3] = [
    ("AWS_REGION", "eu-west-1"),
    ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
    ("AWS_SECRET_ACCESS_KEY", "envsecret"),
];

#[tokio::test]
async fn from_env_uses_the_service_endpoint_variable_and_env_credentials() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let dir = TempDir::new("service-var");
        let mut vars = ENV_KEYS.to_vec();
        let endpoint = server.endpoint();
        vars.push(("AWS_ENDPOINT_URL_TEST_SVC", &endpoint));
        vars.push(("AWS_ENDPOINT_URL", "https://wrong.example.com"));
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .build()
            .unwrap();
        client.call::<PutThing>(input()).await.unwrap();
        let request = &server.requests()[0];
        let authorization = request.header("authorization");
        assert!(
            authorization.contains("Credential=AKIDFROMENV/")
                && authorization.contains("/eu-west-1/testsvc/"),
            "{authorization}"
        );
        assert!(request.headers.get("x-amz-security-token").is_none());
    })
    .await;
}

#[tokio::test]
async fn inside_lambda_the_trace_id_is_sent_unsigned() {
    bounded(async {
        const TRACE: &str =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let dir = TempDir::new("lambda");
        let endpoint = server.endpoint();
        let mut vars = ENV_KEYS.to_vec();
        vars.push(("AWS_ENDPOINT_URL", &endpoint));
        vars.push(("_X_AMZN_TRACE_ID", TRACE));
        // The same environment outside Lambda, then inside it.
        for (in_lambda, extra) in [
            (false, None),
            (true, Some(("AWS_LAMBDA_FUNCTION_NAME", "scanner"))),
        ] {
            let mut vars = vars.clone();
            vars.extend(extra);
            let client = ClientBuilder::from_environment(env(&dir, &vars))
                .unwrap()
                .build()
                .unwrap();
            client.call::<PutThing>(input()).await.unwrap();
            let request = server.requests().pop().unwrap();
            let sent = request
                .headers
                .get("x-amzn-trace-id")
                .map(|v| v.to_str().unwrap().to_owned());
            assert_eq!(sent.as_deref(), in_lambda.then_some(TRACE));
            let authorization = request.header("authorization");
            assert!(
                !authorization.contains("x-amzn-trace-id"),
                "{authorization}"
            );
            assert!(
                authorization.contains("SignedHeaders=amz-sdk-invocation-id;"),
                "{authorization}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn from_env_reads_the_profile_services_section() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(500, "{}")]).await;
        let dir = TempDir::new("services");
        let config = format!(
            "[default]\nregion = ap-south-1\nservices = local\nmax_attempts = 2\n\n[services local]\ntest_svc =\n  endpoint_url = {}\n",
            server.endpoint()
        );
        let config_path = dir.file("config", &config);
        let credentials_path = dir.file("credentials", "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n");
        let env = Environment::from_vars([
            ("AWS_CONFIG_FILE", config_path.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", credentials_path.as_str()),
        ]);
        let client = ClientBuilder::from_environment(env)
            .unwrap()
            .retry(RetryConfig::standard().with_max_attempts(2).with_initial_backoff(Duration::from_millis(1)))
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 2);
        let authorization = server.requests()[0].header("authorization").to_owned();
        assert!(authorization.contains("Credential=AKIDPROFILE/") && authorization.contains("/ap-south-1/"), "{authorization}");
    })
    .await;
}

#[tokio::test]
async fn from_env_reads_max_attempts_and_honours_the_ignore_switch() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(500, "{}")]).await;
        let dir = TempDir::new("ignore");
        let endpoint = server.endpoint();
        let mut vars = ENV_KEYS.to_vec();
        vars.extend([
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
            ("AWS_MAX_ATTEMPTS", "1"),
        ]);
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            client
                .call::<PutThing>(input())
                .await
                .unwrap_err()
                .attempts(),
            1
        );

        vars.push(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::InvalidConfig(ConfigError::NoEndpoint { .. })
            ),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 0);
        assert_eq!(server.requests().len(), 1, "nothing more was sent");
    })
    .await;
}

#[tokio::test]
async fn from_env_refuses_a_plain_http_endpoint_by_name() {
    bounded(async {
        let dir = TempDir::new("plain-http");
        let mut vars = ENV_KEYS.to_vec();
        vars.push(("AWS_ENDPOINT_URL", "http://example.com"));
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::InvalidConfig(ConfigError::InvalidEndpoint { .. })
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("AWS_ENDPOINT_URL"), "{err}");
    })
    .await;
}

#[test]
fn from_env_reports_bad_values_and_a_missing_region() {
    let dir = TempDir::new("bad-values");
    let mut vars = ENV_KEYS.to_vec();
    vars.push(("AWS_MAX_ATTEMPTS", "zero"));
    let err = ClientBuilder::from_environment(env(&dir, &vars)).unwrap_err();
    assert!(err.to_string().contains("AWS_MAX_ATTEMPTS"), "{err}");

    let mut vars = ENV_KEYS.to_vec();
    vars.push(("AWS_USE_FIPS_ENDPOINT", "sometimes"));
    let err = ClientBuilder::from_environment(env(&dir, &vars)).unwrap_err();
    assert!(err.to_string().contains("AWS_USE_FIPS_ENDPOINT"), "{err}");

    // No region anywhere: reported by `build`, naming every place looked at.
    let err = ClientBuilder::from_environment(env(&dir, &[]))
        .unwrap()
        .build()
        .unwrap_err();
    assert!(
        matches!(err, ConfigError::Region(RegionError::NotFound { .. })),
        "{err:?}"
    );
    let text = err.to_string();
    for place in [
        "explicit configuration (not set)",
        "environment variable AWS_REGION (not set)",
        "environment variable AWS_DEFAULT_REGION (not set)",
        "(not found)",
    ] {
        assert!(text.contains(place), "{place}: {text}");
    }
}

#[tokio::test]
async fn from_env_without_a_region_takes_one_set_afterwards() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
        let dir = TempDir::new("region-later");
        let endpoint = server.endpoint();
        let vars = [
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "envsecret"),
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ];
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .region("ap-southeast-2")
            .build()
            .unwrap();
        client.call::<PutThing>(input()).await.unwrap();

        // An invalid region in the environment gives way to an explicit one too,
        // and is reported with its origin when nothing replaces it.
        let mut bad = vars.to_vec();
        bad.push(("AWS_REGION", "not a region"));
        let err = ClientBuilder::from_environment(env(&dir, &bad))
            .unwrap()
            .build()
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("`not a region`") && text.contains("AWS_REGION"),
            "{text}"
        );
        let client = ClientBuilder::from_environment(env(&dir, &bad))
            .unwrap()
            .region("ap-southeast-2")
            .build()
            .unwrap();
        client.call::<PutThing>(input()).await.unwrap();

        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            let authorization = request.header("authorization");
            assert!(
                authorization.contains("/ap-southeast-2/testsvc/aws4_request"),
                "{authorization}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let dir = TempDir::new("no-credentials");
        let endpoint = server.endpoint();
        let vars = [
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ];
        let client = ClientBuilder::from_environment(env(&dir, &vars))
            .unwrap()
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(
            matches!(err.kind(), CallErrorKind::Credentials(_)),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 0);
        assert!(
            err.to_string().starts_with("no usable credentials: "),
            "{err}"
        );
        assert!(server.requests().is_empty());
    })
    .await;
}

type Captured = Arc<Mutex<Vec<http::Request<Bytes>>>>;

fn capture() -> (impl awsgen_client::HttpConnector, Captured) {
    let captured: Captured = Arc::default();
    let sink = Arc::clone(&captured);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        sink.lock().unwrap().push(request);
        async { Ok::<_, ConnectorError>(http::Response::new(Bytes::new())) }
    });
    (connector, captured)
}

fn rules_client(fips: bool, endpoint: Option<&str>) -> (Client, Captured) {
    let (connector, captured) = capture();
    let mut builder = Client::builder()
        .region("us-west-2")
        .credentials(credentials())
        .use_fips(fips)
        .connector(connector);
    if let Some(endpoint) = endpoint {
        builder = builder.endpoint_url(endpoint);
    }
    (builder.build().unwrap(), captured)
}

#[tokio::test]
async fn endpoint_rule_set_resolves_with_the_client_built_ins() {
    bounded(async {
        let (client, captured) = rules_client(false, None);
        client.call::<RulesPing>(()).await.unwrap();
        client.call::<RulesPing>(()).await.unwrap();
        let requests = std::mem::take(&mut *captured.lock().unwrap());
        assert_eq!(requests.len(), 2);
        let request = &requests[0];
        assert_eq!(
            request.uri().to_string(),
            "https://rules.us-west-2.example.com/"
        );
        assert_eq!(request.headers()["host"], "rules.us-west-2.example.com");
        assert_eq!(request.headers()["x-route"], "blue");
        // The rule set's header is signed too, in its sorted place after the
        // client's own (they are listed first and sorted with it).
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.contains(
                "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;\
                 content-type;host;x-amz-date;x-amz-security-token;x-amz-target;x-route,"
            ),
            "{authorization}"
        );
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.0"
        );
        assert_eq!(request.headers()["x-amz-target"], "RulesService.Ping");

        let (client, captured) = rules_client(true, None);
        client.call::<RulesPing>(()).await.unwrap();
        assert_eq!(
            captured.lock().unwrap()[0].uri().to_string(),
            "https://rules-fips.us-west-2.example.com/"
        );
    })
    .await;
}

#[tokio::test]
async fn custom_endpoint_is_used_as_is_and_rule_set_errors_are_config_errors() {
    bounded(async {
        let (client, captured) = rules_client(false, Some("https://proxy.example.com/base"));
        client.call::<RulesPing>(()).await.unwrap();
        assert_eq!(
            captured.lock().unwrap()[0].uri().to_string(),
            "https://proxy.example.com/base/"
        );

        let (client, captured) = rules_client(true, Some("https://proxy.example.com"));
        let err = client.call::<RulesPing>(()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::InvalidConfig(ConfigError::EndpointResolution { .. })
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("FIPS and custom endpoint are not supported"),
            "{err}"
        );
        assert_eq!(err.attempts(), 0);
        assert!(captured.lock().unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn secrets_never_appear_in_debug_or_display() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(
            403,
            r#"{"__type":"AccessDenied","message":"no"}"#,
        )])
        .await;
        let builder = builder(&server.endpoint());
        let builder_debug = format!("{builder:?}");
        let client = builder.build().unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        for text in [
            builder_debug,
            format!("{client:?}"),
            format!("{err:?}"),
            err.to_string(),
        ] {
            assert!(!text.contains(SECRET_KEY), "{text}");
            assert!(!text.contains(SESSION_TOKEN), "{text}");
            assert!(!text.contains("AWS4-HMAC-SHA256"), "{text}");
        }
        assert!(format!("{client:?}").contains("us-west-2"));
    })
    .await;
}

#[test]
fn a_call_outside_a_tokio_runtime_is_an_error_that_says_so() {
    // Polled by hand, as another executor would: no Tokio runtime anywhere.
    let (client, captured) = rules_client(false, Some("https://example.com"));
    let mut call = std::pin::pin!(client.call::<PutThing>(input()));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    let std::task::Poll::Ready(result) = std::future::Future::poll(call.as_mut(), &mut context)
    else {
        panic!("the call should end at once, not wait for a runtime");
    };
    let err = result.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            CallErrorKind::InvalidConfig(ConfigError::NoRuntime)
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 0);
    assert!(err.to_string().contains("outside a Tokio runtime"), "{err}");
    assert!(captured.lock().unwrap().is_empty(), "nothing is sent");
}
