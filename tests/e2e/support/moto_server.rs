//! The `moto_server` process for the end-to-end tests: started on a free
//! loopback port, bootstrapped with an IAM user (and the roles a test
//! needs), switched to checking signatures, and killed when dropped.
//!
//! Shared by the tests that run against moto, each including this file and
//! `raw_http.rs` by path (`#[path = ...] mod moto_server;`, with `mod
//! raw_http;` beside it at the crate root): ECR's
//! (`crates/ecr-scan/tests/moto.rs`) and the restJson1 one that
//! `cargo xtask moto-e2e` builds (`tests/e2e/moto-restjson/`). Each uses a
//! part of it.

use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use awsgen_auth::{sign, SigningParams, SigningSettings};
use awsgen_client::Credentials;

use crate::raw_http;

/// The region everything is created and signed in.
pub const REGION: &str = "us-east-1";

/// The repository's root: the nearest directory above the including crate
/// that holds `tests/e2e/setup-moto.sh` (`crates/ecr-scan` is two levels
/// down, a crate generated into `target/moto-e2e/` three).
pub fn workspace_root() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .find(|dir| dir.join("tests/e2e/setup-moto.sh").is_file())
        .unwrap_or(crate_dir)
        .to_path_buf()
}

/// A running `moto_server`, killed when dropped (also when a test fails).
pub struct Moto {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Moto {
    pub fn start() -> Moto {
        let server = workspace_root().join("target/moto-venv/bin/moto_server");
        assert!(
            server.is_file(),
            "moto is not installed: {} does not exist. Run `bash tests/e2e/setup-moto.sh` \
             from the workspace root first (it needs python3 with venv and PyPI access).",
            server.display()
        );
        let port = free_port();
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let log_dir = workspace_root().join("target/moto-e2e");
        fs::create_dir_all(&log_dir).expect("create target/moto-e2e for the server log");
        let log = log_dir.join(format!("moto-{port}.log"));
        let out = File::create(&log).expect("create the moto log file");
        let err = out.try_clone().expect("clone the moto log file handle");
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
        let mut moto = Moto { child, addr, log };
        moto.wait_until_ready();
        moto
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Polls moto's reset endpoint (which also clears all state) until it answers.
    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "moto_server exited with {status} before answering; its log:\n{}",
                    self.log_text()
                );
            }
            let answer = raw_http::send(
                self.addr,
                "POST",
                "/moto-api/reset",
                &plain_headers(self.addr, "application/json"),
                b"",
            );
            match answer {
                Ok(response) if response.status == 200 => return,
                _ if Instant::now() > deadline => panic!(
                    "moto_server on {} did not answer within 60 s; its log:\n{}",
                    self.addr,
                    self.log_text()
                ),
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_else(|e| format!("(log unreadable: {e})"))
    }

    /// Creates IAM user `name` allowed `actions` (`"ecr:*"`) and returns its
    /// new access key. Runs before authentication is on, so the bootstrap
    /// key is not checked (it is only there so moto routes the request to
    /// IAM by its scope).
    pub fn create_user(&self, name: &str, actions: &[&str]) -> Credentials {
        let actions: Vec<String> = actions.iter().map(|a| format!("\"{a}\"")).collect();
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":[{}],"Resource":"*"}}]}}"#,
            actions.join(",")
        );
        self.iam(&[("Action", "CreateUser"), ("UserName", name)]);
        self.iam(&[
            ("Action", "PutUserPolicy"),
            ("UserName", name),
            ("PolicyName", "e2e"),
            ("PolicyDocument", &policy),
        ]);
        let created = self.iam(&[("Action", "CreateAccessKey"), ("UserName", name)]);
        let key_id = xml_text(&created, "AccessKeyId");
        let secret = xml_text(&created, "SecretAccessKey");
        Credentials::new(key_id, secret, None, "moto")
    }

    /// Creates IAM role `name`, which `service` (`"lambda.amazonaws.com"`)
    /// may assume, and returns its ARN. Like `create_user`, before
    /// authentication is on.
    pub fn create_role(&self, name: &str, service: &str) -> String {
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"{service}"}},"Action":"sts:AssumeRole"}}]}}"#
        );
        let created = self.iam(&[
            ("Action", "CreateRole"),
            ("RoleName", name),
            ("AssumeRolePolicyDocument", &trust),
        ]);
        xml_text(&created, "Arn")
    }

    /// Creates IAM role `name`, which the principal `principal_arn` may
    /// assume, allowed `actions`; returns its ARN. Before authentication
    /// is on, like `create_user`.
    pub fn create_role_for(&self, name: &str, principal_arn: &str, actions: &[&str]) -> String {
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal_arn}"}},"Action":"sts:AssumeRole"}}]}}"#
        );
        let created = self.iam(&[
            ("Action", "CreateRole"),
            ("RoleName", name),
            ("AssumeRolePolicyDocument", &trust),
        ]);
        let actions: Vec<String> = actions.iter().map(|a| format!("\"{a}\"")).collect();
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":[{}],"Resource":"*"}}]}}"#,
            actions.join(",")
        );
        self.iam(&[
            ("Action", "PutRolePolicy"),
            ("RoleName", name),
            ("PolicyName", "e2e"),
            ("PolicyDocument", &policy),
        ]);
        xml_text(&created, "Arn")
    }

    /// Sets moto's configuration (`POST /moto-api/config`), a JSON object
    /// such as `{"lambda": {"use_docker": false}}`.
    pub fn configure(&self, config: &str) {
        let response = raw_http::send(
            self.addr,
            "POST",
            "/moto-api/config",
            &plain_headers(self.addr, "application/json"),
            config.as_bytes(),
        )
        .expect("send the configuration to moto");
        assert_eq!(response.status, 201, "moto-api/config: {}", response.body);
    }

    /// One IAM query-protocol call, signed; returns the XML body.
    fn iam(&self, params: &[(&str, &str)]) -> String {
        let body = form_encode(params.iter().copied().chain([("Version", "2010-05-08")]));
        let mut headers = plain_headers(
            self.addr,
            "application/x-www-form-urlencoded; charset=utf-8",
        );
        let bootstrap = Credentials::new("AKIDBOOTSTRAPKEY", "bootstrap-secret", None, "test");
        let settings = SigningSettings::default();
        let params_for_signing = SigningParams {
            credentials: &bootstrap,
            region: REGION,
            service: "iam",
            time: SystemTime::now(),
            settings: &settings,
        };
        let uri: http::Uri = format!("{}/", self.url()).parse().expect("moto URL");
        sign(
            &http::Method::POST,
            &uri,
            &mut headers,
            body.as_bytes(),
            &params_for_signing,
        )
        .expect("sign the IAM request");
        let response = raw_http::send(self.addr, "POST", "/", &headers, body.as_bytes())
            .expect("send the IAM request to moto");
        assert_eq!(
            response.status, 200,
            "IAM {params:?} failed: {}",
            response.body
        );
        response.body
    }

    /// Turns SigV4 checking on for every later request.
    pub fn require_signatures(&self) {
        self.require_signatures_after(0);
    }

    /// Turns SigV4 checking on for every request after the next `count`.
    /// Real STS takes `AssumeRoleWithWebIdentity` unsigned (the token is
    /// the proof); moto checks a signature on every action once checking
    /// is on, so a test lets exactly that one request through unchecked.
    pub fn require_signatures_after(&self, count: u32) {
        let response = raw_http::send(
            self.addr,
            "POST",
            "/moto-api/reset-auth",
            &plain_headers(self.addr, "application/json"),
            count.to_string().as_bytes(),
        )
        .expect("send reset-auth to moto");
        assert_eq!(response.status, 200, "reset-auth: {}", response.body);
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // Killed even when the test panicked, so no server outlives the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!(
                "moto_server log ({}):\n{}",
                self.log.display(),
                self.log_text()
            );
        } else {
            let _ = fs::remove_file(&self.log);
        }
    }
}

/// A port that was free a moment ago: bind to port 0, read it, release it.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

fn plain_headers(addr: SocketAddr, content_type: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::HOST,
        addr.to_string().parse().expect("host header"),
    );
    headers.insert(
        http::header::CONTENT_TYPE,
        content_type.parse().expect("content type"),
    );
    headers
}

/// `application/x-www-form-urlencoded`: unreserved bytes as they are, the rest `%XX`.
fn form_encode<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The text of the first `<tag>` element (IAM's XML needs nothing more).
fn xml_text(xml: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split_once(&open)
        .and_then(|(_, rest)| rest.split_once(&close))
        .map(|(text, _)| text.trim().to_owned())
        .unwrap_or_else(|| panic!("no <{tag}> in moto's answer:\n{xml}"))
}
