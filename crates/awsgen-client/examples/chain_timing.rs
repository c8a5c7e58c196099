//! How long resolving the default credentials chain takes when it finds
//! nothing, on a machine without instance metadata: with IMDS turned off
//! (the baseline), with its address refusing connections (a port nothing
//! listens on), and with an address that accepts and never answers.
//! Every other source is empty (a home directory without AWS files).
//!
//! ```sh
//! cargo run --release -p awsgen-client --example chain_timing
//! ```

use std::time::{Duration, Instant};

use awsgen_client::{DefaultChain, Environment, ProvideCredentials};

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let home = std::env::temp_dir().join(format!("awsgen-chain-timing-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let home_var = ("HOME".to_owned(), home.display().to_string());

    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    };
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let silent_url = format!("http://{}", silent.local_addr().expect("address"));
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });

    let cases = [
        (
            "IMDS turned off (baseline)",
            vec![("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned())],
            200,
        ),
        (
            "IMDS address refuses",
            vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT".to_owned(), refused)],
            200,
        ),
        (
            "IMDS address never answers",
            vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT".to_owned(), silent_url)],
            3,
        ),
    ];
    for (name, vars, runs) in cases {
        let env = Environment::from_vars(vars.into_iter().chain([home_var.clone()]));
        let chain = DefaultChain::from_environment(&env).expect("chain");
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            let result = chain.provide_credentials(&env).await;
            times.push(started.elapsed());
            assert!(result.is_err(), "no credentials expected");
        }
        times.sort();
        println!(
            "{name}: {runs} runs, min {:?}, median {:?}, max {:?}",
            times[0],
            times[runs / 2],
            times[runs - 1]
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}
