//! STS and IAM (awsQuery) against moto, through the clients generated from
//! the official models.
//!
//! What moto 5.2.5 does, as asserted here:
//! - GetCallerIdentity answers the IAM user whose key signed the request,
//!   and for temporary credentials the assumed-role ARN;
//! - AssumeRole answers a temporary key (`ASIA...`), secret, session token
//!   and expiration; a request signed with them is checked, session token
//!   included, against the role's inline policies;
//! - ListRoles pages by `Marker` and `MaxItems`; ListUsers ignores both and
//!   answers every user in one page with `IsTruncated` false (real IAM
//!   pages it), so the paginator is seen reading one page there;
//! - GetUser of a missing user is `NoSuchEntity`, HTTP 404, and a second
//!   CreateUser of one name `EntityAlreadyExists`, HTTP 409, both in an
//!   `<ErrorResponse>` body;
//! - a refused request (an action the policies do not allow, a session
//!   token it did not issue) is HTTP 403 with the `<Error>` nested in an
//!   `<Errors>` element real IAM and STS do not have, so the client keeps
//!   it in the catch-all with its status;
//! - AssumeRole of a role that exists checks the role's trust policy
//!   against the caller's ARN;
//! - the signature of a form body is checked over the form moto re-encodes
//!   from the parsed pairs, so a space must be `+` (the client writes it so;
//!   `topics.rs` sends one).

use awsgen_client::{Credentials, PaginationStop};
use iam::{
    CreateRoleRequest, CreateUserError, CreateUserRequest, GetUserError, GetUserRequest, ListRoles,
    ListRolesRequest, ListUsers, ListUsersRequest, PutRolePolicyRequest,
};
use sts::{AssumeRoleRequest, GetCallerIdentityRequest, OperationError};

use crate::moto_server::Moto;
use crate::{client_for, ACCOUNT};

/// A role the test's user may assume.
const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/e2e-sts"},"Action":"sts:AssumeRole"}]}"#;

/// What the assumed role may do: ask who it is, nothing in IAM.
const ROLE_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetCallerIdentity"],"Resource":"*"}]}"#;

#[tokio::test(flavor = "current_thread")]
async fn sts_assume_role_then_a_call_signed_with_the_assumed_credentials() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-sts", &["sts:*", "iam:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials.clone());
    let sts = sts::Client::new(transport.clone());
    let iam = iam::Client::new(transport);

    // Who signed: the user, by its key.
    let me = sts
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity as the user: {e}"));
    assert_eq!(me.account.as_deref(), Some(ACCOUNT));
    let user_arn = format!("arn:aws:iam::{ACCOUNT}:user/e2e-sts");
    assert_eq!(me.arn.as_deref(), Some(user_arn.as_str()));

    // A role with an inline policy, made through the IAM client.
    let role = iam
        .create_role(CreateRoleRequest::new("e2e-assumed", TRUST).with_description("e2e"))
        .await
        .unwrap_or_else(|e| panic!("CreateRole: {e}"))
        .role;
    assert_eq!(role.role_name, "e2e-assumed");
    assert_eq!(role.description.as_deref(), Some("e2e"));
    let role_arn = format!("arn:aws:iam::{ACCOUNT}:role/e2e-assumed");
    assert_eq!(role.arn, role_arn);
    iam.put_role_policy(PutRolePolicyRequest::new("e2e-assumed", "e2e", ROLE_POLICY))
        .await
        .unwrap_or_else(|e| panic!("PutRolePolicy: {e}"));

    // AssumeRole: the temporary credentials in the XML response.
    let assumed = sts
        .assume_role(AssumeRoleRequest::new(&role_arn, "e2e-session").with_duration_seconds(900))
        .await
        .unwrap_or_else(|e| panic!("AssumeRole: {e}"));
    let session = assumed
        .assumed_role_user
        .expect("AssumeRole answers the user");
    let assumed_arn = format!("arn:aws:sts::{ACCOUNT}:assumed-role/e2e-assumed/e2e-session");
    assert_eq!(session.arn, assumed_arn);
    let temporary = assumed.credentials.expect("AssumeRole answers credentials");
    assert!(
        temporary.access_key_id.starts_with("ASIA"),
        "a temporary key: {}",
        temporary.access_key_id
    );
    assert!(!temporary.session_token.is_empty());
    assert!(
        temporary.expiration > awsgen_types::DateTime::from(std::time::SystemTime::now()),
        "{:?} is later than now",
        temporary.expiration
    );
    // The secret is @sensitive: never in Debug.
    let shown = format!("{temporary:?}");
    assert!(
        !shown.contains(&temporary.secret_access_key),
        "the secret in Debug: {shown}"
    );

    // A call signed with the assumed credentials, session token included.
    let as_role = Credentials::new(
        temporary.access_key_id.clone(),
        temporary.secret_access_key.clone(),
        Some(temporary.session_token.clone()),
        "e2e-assume-role",
    );
    let sts_as_role = sts::Client::new(client_for(&moto, as_role));
    let me = sts_as_role
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity as the role: {e}"));
    assert_eq!(me.arn.as_deref(), Some(assumed_arn.as_str()));
    assert_eq!(me.account.as_deref(), Some(ACCOUNT));

    // The same key with another session token is refused: moto checks it.
    let wrong_token = Credentials::new(
        temporary.access_key_id.clone(),
        temporary.secret_access_key.clone(),
        Some(format!("{}x", temporary.session_token)),
        "e2e-wrong-token",
    );
    let err = sts::Client::new(client_for(&moto, wrong_token))
        .get_caller_identity(GetCallerIdentityRequest::new())
        .await
        .expect_err("a session token moto did not issue");
    let metadata = err.as_service().map(|e| e.metadata().clone());
    assert_eq!(metadata.map(|m| m.status), Some(403), "{err:?}");

    // The role's policy allows nothing in IAM.
    let err = iam::Client::new(client_for(
        &moto,
        Credentials::new(
            temporary.access_key_id.clone(),
            temporary.secret_access_key.clone(),
            Some(temporary.session_token.clone()),
            "e2e-assume-role",
        ),
    ))
    .get_user(GetUserRequest::new().with_user_name("e2e-sts"))
    .await
    .expect_err("the role may not read IAM");
    // moto's refusal nests its <Error> in <Errors> (real IAM does not), so
    // the code is not found where awsQuery has it: the catch-all with 403.
    match err.as_service() {
        Some(GetUserError::Unhandled(e)) => assert_eq!(e.metadata().status, 403, "{e:?}"),
        _ => panic!("expected a refusal: {err:?}"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn iam_users_and_roles_over_pages_and_its_modeled_errors() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-iam", &["iam:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials);
    let iam = iam::Client::new(transport.clone());

    let names = [
        "e2e-user-a",
        "e2e-user-b",
        "e2e-user-c",
        "e2e-user-d",
        "e2e-user-e",
    ];
    for name in names {
        let user = iam
            .create_user(CreateUserRequest::new(name).with_path("/e2e/"))
            .await
            .unwrap_or_else(|e| panic!("CreateUser {name}: {e}"))
            .user
            .expect("CreateUser answers the user");
        assert_eq!(user.user_name, name);
        assert_eq!(user.path, "/e2e/");
        assert_eq!(user.arn, format!("arn:aws:iam::{ACCOUNT}:user/e2e/{name}"));
    }

    // A second user of one name: awsQuery's typed 409.
    let err = iam
        .create_user(CreateUserRequest::new("e2e-user-a"))
        .await
        .expect_err("the name is taken");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(CreateUserError::EntityAlreadyExistsException(e)) => {
            assert_eq!(e.metadata().status, 409);
            assert_eq!(e.metadata().code.as_deref(), Some("EntityAlreadyExists"));
            assert!(
                e.message
                    .as_deref()
                    .unwrap_or_default()
                    .contains("e2e-user-a"),
                "{e:?}"
            );
        }
        _ => panic!("expected EntityAlreadyExists: {err:?}"),
    }

    // A user that does not exist: NoSuchEntity, its typed variant.
    let err = iam
        .get_user(GetUserRequest::new().with_user_name("e2e-nobody"))
        .await
        .expect_err("no such user");
    match err.as_service() {
        Some(GetUserError::NoSuchEntityException(e)) => {
            assert_eq!(e.metadata().status, 404);
            assert_eq!(e.metadata().code.as_deref(), Some("NoSuchEntity"));
            assert!(
                e.message
                    .as_deref()
                    .unwrap_or_default()
                    .contains("e2e-nobody"),
                "{e:?}"
            );
        }
        _ => panic!("expected NoSuchEntity: {err:?}"),
    }

    // ListUsers through the paginator, two a page: moto answers them all
    // at once, not truncated, so the paginator stops after one page.
    let mut users = transport
        .paginate::<ListUsers>(ListUsersRequest::new().with_path_prefix("/e2e/"))
        .page_size(2)
        .items();
    let mut listed = Vec::new();
    while let Some(user) = users.next_item().await {
        listed.push(
            user.unwrap_or_else(|e| panic!("a ListUsers page: {e}"))
                .user_name,
        );
    }
    listed.sort();
    assert_eq!(listed, names);
    assert_eq!(users.pages(), 1);

    // ListRoles, which moto pages: five roles two at a time, the Marker
    // carried from each page's response to the next request.
    for n in 1..=5 {
        iam.create_role(CreateRoleRequest::new(format!("e2e-role-{n}"), TRUST))
            .await
            .unwrap_or_else(|e| panic!("CreateRole e2e-role-{n}: {e}"));
    }
    let mut pages = transport
        .paginate::<ListRoles>(ListRolesRequest::new())
        .page_size(2);
    let mut sizes = Vec::new();
    let mut roles = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a ListRoles page: {e}"));
        sizes.push(page.roles.len());
        assert_eq!(page.is_truncated, page.marker.is_some(), "{page:?}");
        roles.extend(page.roles.into_iter().map(|r| r.role_name));
    }
    assert_eq!(sizes, [2, 2, 1], "three pages");
    assert_eq!(pages.pages(), 3);
    assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
    roles.sort();
    assert_eq!(
        roles,
        [
            "e2e-role-1",
            "e2e-role-2",
            "e2e-role-3",
            "e2e-role-4",
            "e2e-role-5"
        ]
    );
}
