//! `role_arn` hops and web identity against a fake STS on loopback
//! (`AWS_ENDPOINT_URL_STS`): which credentials sign each `AssumeRole`, what
//! each request carries, the web identity call unsigned, the regional
//! signing scope, and a refusal that names the role and gives the
//! service's message. (The same against moto, with real signature checks,
//! is in `tests/e2e/moto-xml`.)

use std::time::{Duration, SystemTime};

use awsgen_client::CredentialsError;

use crate::fake::{Answer, FakeServer, Seen};
use crate::percent::percent_decode;
use crate::support::*;

const WEB_TOKEN: &str = "WEBIDENTITYTOKENSECRET";

/// The form fields of an awsQuery request body.
fn form(seen: &Seen) -> Vec<(String, String)> {
    String::from_utf8_lossy(&seen.body)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), percent_decode(&value.replace('+', " "))))
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The access key ID and the credential scope of a signed request.
fn signature_scope(seen: &Seen) -> Option<String> {
    let authorization = seen.header("authorization")?;
    let credential = authorization.split("Credential=").nth(1)?;
    Some(credential.split(',').next()?.to_owned())
}

fn answer(operation: &str, key: &str, expires: SystemTime) -> Answer {
    Answer::ok(format!(
        "<{operation}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <{operation}Result><Credentials><AccessKeyId>{key}</AccessKeyId>\
         <SecretAccessKey>{SECRET}</SecretAccessKey><SessionToken>{SESSION_TOKEN}</SessionToken>\
         <Expiration>{}</Expiration></Credentials>\
         <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>\
         </{operation}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></{operation}Response>",
        rfc3339(expires)
    ))
    .header("content-type", "text/xml")
}

/// STS that answers every `AssumeRole` with `AKID-<role name>`, and every
/// `AssumeRoleWithWebIdentity` carrying the known token with `AKIDWEB`.
async fn fake_sts(expires: SystemTime) -> FakeServer {
    FakeServer::start(move |seen: &Seen| {
        let fields = form(seen);
        match field(&fields, "Action") {
            Some("AssumeRole") => {
                let arn = field(&fields, "RoleArn").unwrap_or_default();
                let role = arn.rsplit('/').next().unwrap_or_default();
                answer("AssumeRole", &format!("AKID-{role}"), expires)
            }
            Some("AssumeRoleWithWebIdentity")
                if field(&fields, "WebIdentityToken") == Some(WEB_TOKEN) =>
            {
                answer("AssumeRoleWithWebIdentity", "AKIDWEB", expires)
            }
            _ => Answer::new(
                400,
                "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
                 <Message>The token is not valid</Message></Error><RequestId>r-2</RequestId></ErrorResponse>",
            )
            .header("content-type", "text/xml"),
        }
    })
    .await
}

#[tokio::test]
async fn each_hop_is_signed_with_the_previous_hops_credentials() {
    bounded(Duration::from_secs(10), async {
        let expires = SystemTime::now() + Duration::from_secs(3600);
        let sts = fake_sts(expires).await;
        let home = Home::new();
        home.write(
            ".aws/config",
            "[profile ci]\nregion = eu-central-1\nrole_arn = arn:aws:iam::123456789012:role/top\n\
             source_profile = middle\nrole_session_name = ci-run\nexternal_id = ext-1\n\
             duration_seconds = 900\n\
             [profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = base\n\
             [profile base]\n",
        );
        home.write(
            ".aws/credentials",
            &format!("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n"),
        );
        let endpoint = sts.endpoint();
        let env = home.env(&[("AWS_PROFILE", "ci"), ("AWS_ENDPOINT_URL_STS", &endpoint)]);
        let credentials = resolve(&env).await.expect("credentials");
        assert_eq!(credentials.access_key_id(), "AKID-top");
        assert_eq!(credentials.session_token(), Some(SESSION_TOKEN));
        let expiry = credentials.expiry().expect("an expiry");
        let off = expiry
            .duration_since(expires)
            .unwrap_or_else(|early| early.duration());
        assert!(off < Duration::from_secs(1), "{expiry:?} against {expires:?}");

        let requests = sts.requests();
        assert_eq!(requests.len(), 2);
        let scopes: Vec<_> = requests.iter().map(signature_scope).collect();
        let date = &scopes[0].as_deref().unwrap()[9..17];
        assert_eq!(
            scopes,
            [
                Some(format!("AKIDBASE/{date}/eu-central-1/sts/aws4_request")),
                Some(format!("AKID-middle/{date}/eu-central-1/sts/aws4_request")),
            ]
        );
        // The second hop carries the first hop's session token.
        assert_eq!(requests[0].header("x-amz-security-token"), None);
        assert_eq!(requests[1].header("x-amz-security-token"), Some(SESSION_TOKEN));
        let (first, second) = (form(&requests[0]), form(&requests[1]));
        assert_eq!(field(&first, "RoleArn"), Some("arn:aws:iam::123456789012:role/middle"));
        assert_eq!(field(&first, "ExternalId"), None);
        assert!(field(&first, "RoleSessionName").unwrap().starts_with("awsgen-"));
        assert_eq!(field(&second, "RoleArn"), Some("arn:aws:iam::123456789012:role/top"));
        assert_eq!(field(&second, "RoleSessionName"), Some("ci-run"));
        assert_eq!(field(&second, "ExternalId"), Some("ext-1"));
        assert_eq!(field(&second, "DurationSeconds"), Some("900"));
        assert_eq!(field(&second, "Version"), Some("2011-06-15"));
    })
    .await;
}

#[tokio::test]
async fn web_identity_is_exchanged_unsigned_and_the_file_read_again() {
    bounded(Duration::from_secs(10), async {
        let sts = fake_sts(SystemTime::now() + Duration::from_secs(3600)).await;
        let home = Home::new();
        let token = home.write("token", &format!("{WEB_TOKEN}\n"));
        let file = token.display().to_string();
        let endpoint = sts.endpoint();
        let env = home.env(&[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &file),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
            ("AWS_ROLE_SESSION_NAME", "pod-1"),
            ("AWS_REGION", "ap-south-1"),
            ("AWS_ENDPOINT_URL_STS", &endpoint),
        ]);
        let credentials = resolve(&env).await.expect("credentials");
        assert_eq!(credentials.access_key_id(), "AKIDWEB");
        let requests = sts.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].header("authorization"), None, "sent unsigned");
        let fields = form(&requests[0]);
        assert_eq!(field(&fields, "Action"), Some("AssumeRoleWithWebIdentity"));
        assert_eq!(
            field(&fields, "RoleArn"),
            Some("arn:aws:iam::123456789012:role/irsa")
        );
        assert_eq!(field(&fields, "RoleSessionName"), Some("pod-1"));
        assert_eq!(field(&fields, "WebIdentityToken"), Some(WEB_TOKEN));

        // A rotated token that STS refuses: read again, and refused with
        // the role named and the service's message, the token shown nowhere.
        home.write("token", "ROTATED-BUT-WRONG");
        let error = resolve(&env).await.unwrap_err();
        assert_eq!(sts.requests().len(), 2);
        assert_eq!(
            field(&form(&sts.requests()[1]), "WebIdentityToken"),
            Some("ROTATED-BUT-WRONG")
        );
        assert!(
            matches!(error, CredentialsError::Provider { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("AssumeRoleWithWebIdentity"), "{message}");
        assert!(
            message.contains("arn:aws:iam::123456789012:role/irsa (AWS_ROLE_ARN)"),
            "{message}"
        );
        assert!(message.contains("The token is not valid"), "{message}");
        assert!(!message.contains("ROTATED"), "{message}");
    })
    .await;
}

#[tokio::test]
async fn a_refusal_names_the_role_and_gives_the_services_message() {
    bounded(Duration::from_secs(10), async {
        let sts = FakeServer::start(|_| {
            Answer::new(
                403,
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
                 <Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/base is not \
                 authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ci</Message>\
                 </Error><RequestId>r-3</RequestId></ErrorResponse>",
            )
            .header("content-type", "text/xml")
        })
        .await;
        let home = Home::new();
        home.write(
            ".aws/config",
            &format!(
                "[profile ci]\nregion = us-west-2\nrole_arn = arn:aws:iam::123456789012:role/ci\n\
                 source_profile = base\n\
                 [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n"
            ),
        );
        let endpoint = sts.endpoint();
        let env = home.env(&[("AWS_PROFILE", "ci"), ("AWS_ENDPOINT_URL_STS", &endpoint)]);
        let error = resolve(&env).await.unwrap_err();
        // Refusals are not retried.
        assert_eq!(sts.requests().len(), 1);
        let message = error.to_string();
        assert!(
            message.starts_with(
                "cannot load AWS credentials from AWS STS AssumeRole of role \
                 arn:aws:iam::123456789012:role/ci (role_arn of profile `ci`) (STS in us-west-2): "
            ),
            "{message}"
        );
        assert!(message.contains("AccessDenied"), "{message}");
        assert!(
            message.contains("is not authorized to perform: sts:AssumeRole on resource"),
            "{message}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_sts_ends_the_chain_in_bounded_time() {
    bounded(Duration::from_secs(20), async {
        let home = Home::new();
        let token = home.write("token", WEB_TOKEN);
        let file = token.display().to_string();
        let endpoint = crate::fake::refused_endpoint();
        let env = home.env(&[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &file),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
            ("AWS_ENDPOINT_URL_STS", &endpoint),
        ]);
        let error = resolve(&env).await.unwrap_err();
        let message = error.to_string();
        // No region anywhere: us-east-1's endpoint (here, the override).
        assert!(message.contains("(STS in us-east-1)"), "{message}");
        assert!(
            message.contains("arn:aws:iam::123456789012:role/irsa"),
            "{message}"
        );
    })
    .await;
}
