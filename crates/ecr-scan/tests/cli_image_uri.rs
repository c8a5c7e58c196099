//! Image URIs as `docker images` shows them, through the binary: the registry
//! ID and region they give, flags that disagree, and what is refused before
//! any request.

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use canned_server::{json_response, CannedServer};
use cli_run::{credentials, run, HELP_POINTER, STARTED};

const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The region of a request's SigV4 credential scope.
fn signed_region(request: &canned_server::Recorded) -> String {
    let authorization = request.header("authorization").unwrap_or_default();
    authorization
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_image_uri_gives_the_registry_and_the_region() {
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let url = server.url();
    let mut env = credentials().to_vec();
    // The URI says where the image is; the environment's region is only a default.
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_ECR", &url)]);
    let uris = [
        (
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1".to_owned(),
            "eu-west-1",
        ),
        (
            "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/team/app:v1".to_owned(),
            "cn-north-1",
        ),
        (
            format!("111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/app@{DIGEST}"),
            "us-gov-west-1",
        ),
        (
            "111122223333.dkr-ecr.ap-south-1.on.aws/team/app:v1".to_owned(),
            "ap-south-1",
        ),
        (
            "111122223333.dkr-ecr-fips.us-east-2.on.aws/team/app:v1".to_owned(),
            "us-east-2",
        ),
    ];
    for (uri, _) in &uris {
        let out = run(&[uri, "--no-wait"], &env);
        assert_eq!(out.code, Some(0), "{uri}: {}", out.stderr);
        assert!(out.stdout.starts_with("scan of team/app"), "{}", out.stdout);
    }
    let requests = server.finish();
    assert_eq!(requests.len(), uris.len());
    for ((uri, region), request) in uris.iter().zip(&requests) {
        assert_eq!(signed_region(request), *region, "{uri}");
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body["registryId"], "111122223333", "{uri}");
        assert_eq!(body["repositoryName"], "team/app", "{uri}");
    }
}

#[test]
fn a_flag_that_disagrees_with_the_image_uri_names_both() {
    let uri = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1";
    let out = run(&[uri, "--region", "us-east-1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "ecr-scan: --region `us-east-1` disagrees with the image URI, whose host names \
             region `eu-west-1`: leave out --region, or correct one of them\n{HELP_POINTER}\n"
        )
    );
    let out = run(&[uri, "--registry-id=123456789012"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "ecr-scan: --registry-id `123456789012` disagrees with the image URI, whose host \
             names account `111122223333`"
        ),
        "{}",
        out.stderr
    );
    // Agreeing flags are fine: the scan goes ahead (and fails here for want of an endpoint).
    let out = run(
        &[
            uri,
            "--region",
            "eu-west-1",
            "--endpoint-url",
            "http://127.0.0.1:1",
        ],
        &[
            credentials()[0],
            credentials()[1],
            ("AWS_MAX_ATTEMPTS", "1"),
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
}

#[test]
fn a_malformed_digest_or_host_is_refused_before_any_request() {
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let url = server.url();
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_ECR", &url)]);
    for (image, problem) in [
        (
            "team/app@sha256:ABC",
            "digest `sha256:ABC` is not sha256: followed by 64 lowercase hex digits",
        ),
        (
            "team/app@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "lowercase hex digits",
        ),
        (
            "public.ecr.aws/team/app:v1",
            "images in ECR Public (public.ecr.aws) cannot be scanned",
        ),
        (
            "api.ecr.us-east-1.amazonaws.com/team/app:v1",
            "`api.ecr.us-east-1.amazonaws.com` is not an Amazon ECR private registry host",
        ),
        (
            "1234.dkr.ecr.us-east-1.amazonaws.com/team/app:v1",
            "does not start with a 12-digit account ID",
        ),
    ] {
        let out = run(&[image], &env);
        assert_eq!(out.code, Some(2), "{image}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("ecr-scan: {problem}"))
                || out
                    .stderr
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .contains(problem),
            "{image}: {}",
            out.stderr
        );
        assert!(
            out.stderr.ends_with(&format!("{HELP_POINTER}\n")),
            "{}",
            out.stderr
        );
    }
    assert!(server.finish().is_empty(), "nothing is sent");
}
