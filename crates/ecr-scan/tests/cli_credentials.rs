//! `ecr-scan` with each source of the default credentials chain: a
//! profile's `credential_process`, an IAM Identity Center sign-in, a
//! profile's `role_arn` and web identity through STS, the container
//! endpoint and EC2 instance metadata (which also gives the region), each
//! a canned loopback server or a script the test writes; every call is
//! checked to be signed with its credentials.

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::{Path, PathBuf};

use canned_server::{json_response, CannedServer};
use cli_run::{run, SECRET, STARTED};

/// A fresh directory under Cargo's temporary directory for tests.
fn home(name: &str) -> PathBuf {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ecr-scan-credentials-{name}"));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    home
}

/// The access key ID a request was signed with.
fn signed_by(request: &canned_server::Recorded) -> String {
    let authorization = request.header("authorization").unwrap_or_default();
    authorization
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned()
}

fn started() -> CannedServer {
    CannedServer::start(vec![json_response(200, &[], STARTED)])
}

fn scan(ecr: &CannedServer, env: &[(&str, &str)]) -> cli_run::Run {
    let url = ecr.url();
    let out = run(&["team/app:v1", "--endpoint-url", &url, "--no-wait"], env);
    assert!(!out.stderr.contains(SECRET), "{}", out.stderr);
    out
}

/// An expiry far ahead: the credentials are fetched once.
fn expires_later() -> String {
    "2099-01-01T00:00:00Z".to_owned()
}

#[cfg(unix)]
#[test]
fn a_profiles_credential_process() {
    use std::os::unix::fs::PermissionsExt;
    let home = home("process");
    let script = home.join("creds.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"{SECRET}\"}}'\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::write(
        home.join(".aws/config"),
        format!(
            "[profile ci]\nregion = us-east-1\ncredential_process = {}\n",
            script.display()
        ),
    )
    .unwrap();
    let ecr = started();
    let home_text = home.display().to_string();
    let out = scan(&ecr, &[("HOME", &home_text), ("AWS_PROFILE", "ci")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let requests = ecr.finish();
    assert_eq!(signed_by(&requests[0]), "AKIDPROCESS");
}

#[test]
fn the_container_endpoint() {
    let body = format!(
        r#"{{"AccessKeyId":"AKIDCONTAINER","SecretAccessKey":"{SECRET}","Token":"token","Expiration":"{}"}}"#,
        expires_later()
    );
    let container = CannedServer::start(vec![json_response(200, &[], &body)]);
    let ecr = started();
    let uri = format!("{}/v1/credentials", container.url());
    let out = scan(
        &ecr,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token"),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(signed_by(&ecr.finish()[0]), "AKIDCONTAINER");
    let fetched = container.finish();
    assert_eq!(fetched.len(), 1);
    assert!(
        fetched[0].head.starts_with("GET /v1/credentials HTTP/1.1"),
        "{}",
        fetched[0].head
    );
    assert_eq!(fetched[0].header("authorization"), Some("container-token"));
}

#[test]
fn instance_metadata_gives_the_region_and_the_credentials() {
    let credentials = format!(
        r#"{{"Code":"Success","AccessKeyId":"AKIDIMDS","SecretAccessKey":"{SECRET}","Token":"token","Expiration":"{}"}}"#,
        expires_later()
    );
    let ttl = [("x-aws-ec2-metadata-token-ttl-seconds", "21600")];
    // The region (token, region), then the credentials (the chain's own
    // token, the role, the role's credentials).
    let imds = CannedServer::start(vec![
        json_response(200, &ttl, "imds-token-1"),
        json_response(200, &[], "eu-north-1"),
        json_response(200, &ttl, "imds-token-2"),
        json_response(200, &[], "instance-role"),
        json_response(200, &[], &credentials),
    ]);
    let ecr = started();
    let endpoint = imds.url();
    let out = scan(
        &ecr,
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let request = &ecr.finish()[0];
    assert_eq!(signed_by(request), "AKIDIMDS");
    let authorization = request.header("authorization").unwrap_or_default();
    assert!(
        authorization.contains("/eu-north-1/ecr/aws4_request"),
        "{authorization}"
    );
    let asked: Vec<String> = imds
        .finish()
        .iter()
        .map(|seen| seen.head.lines().next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        asked,
        [
            "PUT /latest/api/token HTTP/1.1",
            "GET /latest/meta-data/placement/region HTTP/1.1",
            "PUT /latest/api/token HTTP/1.1",
            "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1",
            "GET /latest/meta-data/iam/security-credentials/instance-role HTTP/1.1",
        ]
    );
}

#[test]
fn an_sso_sign_in() {
    let home = home("sso");
    std::fs::write(
        home.join(".aws/config"),
        "[profile dev]\nregion = us-east-1\nsso_session = corp\nsso_account_id = 111122223333\n\
         sso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n\
         sso_region = us-east-1\n",
    )
    .unwrap();
    // The AWS CLI's cache file for the session `corp` (SHA-1 of the name).
    std::fs::create_dir_all(home.join(".aws/sso/cache")).unwrap();
    std::fs::write(
        home.join(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
        r#"{"startUrl":"https://corp.awsapps.com/start","region":"us-east-1","accessToken":"sso-access-token","expiresAt":"2099-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let portal = CannedServer::start(vec![json_response(
        200,
        &[],
        &format!(
            r#"{{"roleCredentials":{{"accessKeyId":"AKIDSSO","secretAccessKey":"{SECRET}","sessionToken":"token","expiration":4070908800000}}}}"#
        ),
    )]);
    let ecr = started();
    let home_text = home.display().to_string();
    let portal_url = portal.url();
    let out = scan(
        &ecr,
        &[
            ("HOME", &home_text),
            ("AWS_PROFILE", "dev"),
            ("AWS_ENDPOINT_URL_SSO", &portal_url),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(signed_by(&ecr.finish()[0]), "AKIDSSO");
    let asked = portal.finish();
    assert_eq!(
        asked[0].header("x-amz-sso_bearer_token"),
        Some("sso-access-token")
    );
}

/// STS's answer to `operation` (`AssumeRole`, `AssumeRoleWithWebIdentity`):
/// credentials with `key`.
fn sts_answer(operation: &str, key: &str) -> String {
    let body = format!(
        "<{operation}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{operation}Result>\
         <Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{SECRET}</SecretAccessKey>\
         <SessionToken>session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
         </{operation}Result></{operation}Response>"
    );
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn a_role_profile_through_sts() {
    let home = home("role");
    std::fs::write(
        home.join(".aws/config"),
        format!(
            "[profile ci]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/ci\nsource_profile = base\n\
             [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n"
        ),
    )
    .unwrap();
    let sts = CannedServer::start(vec![sts_answer("AssumeRole", "AKIDROLE")]);
    let ecr = started();
    let home_text = home.display().to_string();
    let sts_url = sts.url();
    let out = scan(
        &ecr,
        &[
            ("HOME", &home_text),
            ("AWS_PROFILE", "ci"),
            ("AWS_ENDPOINT_URL_STS", &sts_url),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(signed_by(&ecr.finish()[0]), "AKIDROLE");
    let asked = sts.finish();
    assert_eq!(signed_by(&asked[0]), "AKIDBASE");
    let body = String::from_utf8_lossy(&asked[0].body);
    assert!(body.starts_with("Action=AssumeRole&"), "{body}");
    assert!(
        body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fci"),
        "{body}"
    );
}

#[test]
fn web_identity_through_sts() {
    let home = home("web-identity");
    let token = home.join("token");
    std::fs::write(&token, "web-identity-token").unwrap();
    let sts = CannedServer::start(vec![sts_answer("AssumeRoleWithWebIdentity", "AKIDWEB")]);
    let ecr = started();
    let home_text = home.display().to_string();
    let token_text = token.display().to_string();
    let sts_url = sts.url();
    let out = scan(
        &ecr,
        &[
            ("HOME", &home_text),
            ("AWS_REGION", "us-east-1"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_text),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
            ("AWS_ENDPOINT_URL_STS", &sts_url),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(signed_by(&ecr.finish()[0]), "AKIDWEB");
    let asked = sts.finish();
    assert_eq!(asked[0].header("authorization"), None, "sent unsigned");
    let body = String::from_utf8_lossy(&asked[0].body);
    assert!(
        body.contains("WebIdentityToken=web-identity-token"),
        "{body}"
    );
}
