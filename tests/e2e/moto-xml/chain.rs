//! The default credentials chain's STS sources against moto, with
//! signature checking on: a profile's `role_arn` two hops from its static
//! keys, and web identity from a token file (EKS's IRSA variables), each
//! ending in calls signed with the assumed role's credentials that moto
//! checks and accepts. The chain calls STS through awsgen-client's own
//! generated operations; the calls after it go through the clients
//! generated from the official models.
//!
//! What moto 5.2.5 does, as relied on here:
//! - it checks an `AssumeRole` against the trust policy of a role that
//!   exists, with the caller's ARN as the principal: the second hop's trust
//!   names the first hop's session ARN, so moto accepts it only when the
//!   first hop's credentials signed it;
//! - it checks a signature on every action once checking is on, where real
//!   STS takes `AssumeRoleWithWebIdentity` unsigned (the token is the
//!   proof) and does not look at the token; the web identity test lets
//!   exactly that one request through unchecked
//!   (`Moto::require_signatures_after(1)`).

use awsgen_client::{ClientBuilder, Environment};
use iam::ListRolesRequest;
use sts::GetCallerIdentityRequest;

use crate::moto_server::{Moto, REGION};
use crate::scratch::Scratch;
use crate::ACCOUNT;

/// A client whose credentials come from the default chain in `vars` (and
/// nothing of the machine's), sending everything, STS included, to moto.
fn chain_client(moto: &Moto, dir: &Scratch, vars: &[(&str, String)]) -> awsgen_client::Client {
    let mut all = vec![
        ("HOME".to_owned(), dir.0.display().to_string()),
        ("AWS_ENDPOINT_URL".to_owned(), moto.url()),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ];
    all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    ClientBuilder::from_environment(Environment::from_vars(all))
        .expect("settings from the environment")
        .region(REGION)
        .build()
        .expect("a client on the default chain")
}

#[tokio::test(flavor = "current_thread")]
async fn a_profiles_two_hop_role_chain_signs_calls_moto_accepts() {
    let moto = Moto::start();
    let base = moto.create_user("e2e-chain-base", &["sts:AssumeRole"]);
    let base_arn = format!("arn:aws:iam::{ACCOUNT}:user/e2e-chain-base");
    let middle_arn = moto.create_role_for("e2e-middle", &base_arn, &["sts:AssumeRole"]);
    // Only a session of the middle role, by its session name, may assume
    // the top one.
    let middle_session = format!("arn:aws:sts::{ACCOUNT}:assumed-role/e2e-middle/e2e-hop-1");
    let top_arn = moto.create_role_for("e2e-top", &middle_session, &["iam:ListRoles"]);
    moto.require_signatures();

    let dir = Scratch::new("role-chain");
    let config = dir.write(
        "config",
        &format!(
            "[profile ci]\nrole_arn = {top_arn}\nsource_profile = middle\nrole_session_name = e2e-hop-2\n\
             duration_seconds = 900\n\
             [profile middle]\nrole_arn = {middle_arn}\nsource_profile = base\nrole_session_name = e2e-hop-1\n\
             [profile base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            base.access_key_id(),
            base.secret_access_key(),
        ),
    );
    let client = chain_client(
        &moto,
        &dir,
        &[
            ("AWS_CONFIG_FILE", config),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.0.join("none").display().to_string(),
            ),
            ("AWS_PROFILE", "ci".to_owned()),
        ],
    );

    let me = sts::Client::new(client.clone())
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity through the role chain: {e}"));
    assert_eq!(
        me.arn.as_deref(),
        Some(format!("arn:aws:sts::{ACCOUNT}:assumed-role/e2e-top/e2e-hop-2").as_str())
    );
    // A call the top role's policy allows, checked against it.
    let roles = iam::Client::new(client)
        .list_roles(ListRolesRequest::new())
        .await
        .unwrap_or_else(|e| panic!("ListRoles as the top role: {e}"));
    // moto lists roles in no fixed order.
    let mut names: Vec<_> = roles.roles.iter().map(|r| r.role_name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["e2e-middle", "e2e-top"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_profiles_role_the_source_may_not_assume_is_refused_naming_it() {
    let moto = Moto::start();
    let base = moto.create_user("e2e-chain-refused", &["sts:AssumeRole"]);
    // Trusts someone else.
    let role_arn = moto.create_role_for(
        "e2e-not-yours",
        &format!("arn:aws:iam::{ACCOUNT}:user/someone-else"),
        &["iam:ListRoles"],
    );
    moto.require_signatures();

    let dir = Scratch::new("role-refused");
    let config = dir.write(
        "config",
        &format!(
            "[profile ci]\nrole_arn = {role_arn}\nsource_profile = base\n\
             [profile base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            base.access_key_id(),
            base.secret_access_key(),
        ),
    );
    let client = chain_client(
        &moto,
        &dir,
        &[
            ("AWS_CONFIG_FILE", config),
            ("AWS_PROFILE", "ci".to_owned()),
        ],
    );
    let error = sts::Client::new(client)
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .expect_err("the role's trust policy names another user");
    let message = error.to_string();
    assert!(
        message.contains(&format!(
            "AWS STS AssumeRole of role {role_arn} (role_arn of profile `ci`)"
        )),
        "{message}"
    );
    assert!(message.contains("403"), "{message}");
    assert!(!message.contains(base.secret_access_key()), "{message}");
}

#[tokio::test(flavor = "current_thread")]
async fn web_identity_from_a_token_file_signs_calls_moto_accepts() {
    let moto = Moto::start();
    let role_arn = moto.create_role_for(
        "e2e-irsa",
        &format!("arn:aws:iam::{ACCOUNT}:root"),
        &["iam:ListRoles"],
    );
    moto.require_signatures_after(1);

    let dir = Scratch::new("web-identity");
    let token = dir.write(
        "token",
        "eyJhbGciOiJSUzI1NiJ9.e2e-web-identity-token.signature\n",
    );
    let client = chain_client(
        &moto,
        &dir,
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token),
            ("AWS_ROLE_ARN", role_arn.clone()),
            ("AWS_ROLE_SESSION_NAME", "e2e-pod".to_owned()),
        ],
    );
    let me = sts::Client::new(client.clone())
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity with web identity: {e}"));
    assert_eq!(
        me.arn.as_deref(),
        Some(format!("arn:aws:sts::{ACCOUNT}:assumed-role/e2e-irsa/e2e-pod").as_str())
    );
    let roles = iam::Client::new(client)
        .list_roles(ListRolesRequest::new())
        .await
        .unwrap_or_else(|e| panic!("ListRoles as the web identity role: {e}"));
    assert_eq!(roles.roles.len(), 1);
}
