//! Recomputes the SigV4 signature of a recorded request with awsgen-auth.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_auth::{sign, SigningParams, SigningSettings};
use http::{HeaderMap, Uri};

use crate::server::Recorded;

/// `20240102T030405Z` as a time.
pub fn parse_amz_date(text: &str) -> SystemTime {
    let num = |range: std::ops::Range<usize>| text[range].parse::<i64>().expect("amz date digits");
    let (year, month, day) = (num(0..4), num(4..6), num(6..8));
    let (hour, minute, second) = (num(9..11), num(11..13), num(13..15));
    // Days from the civil date (proleptic Gregorian), counted from 1970-01-01.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).expect("after 1970"))
}

/// Signs the recorded request again (same time, same signed headers) and
/// returns the `Authorization` value that the server should have received.
pub fn expected_authorization(recorded: &Recorded, region: &str, service: &str) -> String {
    let authorization = recorded.header("authorization");
    let signed_names = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("SignedHeaders in Authorization");
    // Every header sent is signed except those the signer leaves out by
    // default (proxies may change them) and the signature itself.
    let unsigned = [
        "authorization",
        "user-agent",
        "x-amzn-trace-id",
        "transfer-encoding",
    ];
    let mut sent: Vec<&str> = recorded
        .headers
        .keys()
        .map(|name| name.as_str())
        .filter(|name| !unsigned.contains(name))
        .collect();
    sent.sort_unstable();
    assert_eq!(sent.join(";"), signed_names, "headers sent vs signed");
    let mut headers = HeaderMap::new();
    for name in signed_names.split(';') {
        for value in recorded.headers.get_all(name) {
            headers.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.clone(),
            );
        }
    }
    let time = parse_amz_date(recorded.header("x-amz-date"));
    let uri: Uri = recorded.path.parse().unwrap();
    let credentials = crate::credentials();
    let settings = SigningSettings::default();
    let params = SigningParams {
        credentials: &credentials,
        region,
        service,
        time,
        settings: &settings,
    };
    sign(
        &recorded.method,
        &uri,
        &mut headers,
        &recorded.body,
        &params,
    )
    .expect("re-sign");
    headers["authorization"].to_str().unwrap().to_owned()
}

#[test]
fn amz_dates_parse() {
    let t = parse_amz_date("20150830T123600Z");
    assert_eq!(
        t.duration_since(UNIX_EPOCH).unwrap().as_secs(),
        1_440_938_160
    );
}
