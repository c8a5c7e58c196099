//! The generated direct readers (`FastRead`) against serde's derive, on the
//! generated types themselves: wherever a direct reader reads a whole text,
//! serde_json must read the same value from it.

use awsjson_types::json::fast::{FastRead, Reader};
use ecr_types::{ImageScanStatus, StartImageScanResponse};
use kitchen_sink_types::{Constrained, Credentials, Keywords, PageInfo, PingOutput, UploadOutput};
use serde::de::DeserializeOwned;

use crate::support::XorShift;

/// The direct reader alone: `Some` when it read the whole text.
fn fast<T: FastRead>(text: &str) -> Option<T> {
    let mut reader = Reader::new(text);
    let value = T::fast_read(&mut reader).ok()?;
    reader.at_end().then_some(value)
}

/// Runs `mutations` byte-level mutations of each seed and returns how many
/// texts the direct reader accepted; panics where it disagrees with serde.
fn agrees_with_serde<T>(seeds: &[&str], mutations: usize, seed: u64) -> usize
where
    T: FastRead + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        " ",
        "0",
        "7",
        "-",
        ".",
        "e",
        "null",
        "true",
        "x",
        "\u{e9}",
        "\u{7}",
        "\"size\"",
        "\"type\"",
        "\"imageId\"",
        "\"status\"",
        "\"imageTag\"",
        "\"next\"",
        "\"tags\"",
    ];
    let mut random = XorShift::new(seed);
    let mut accepted = 0;
    for round in 0..mutations {
        let mut text: Vec<char> = seeds[round % seeds.len()].chars().collect();
        for _ in 0..=random.below(2) {
            let at = random.below(text.len() + 1);
            let piece = PIECES[random.below(PIECES.len())];
            match random.below(3) {
                0 if at < text.len() => {
                    text.remove(at);
                }
                1 if at < text.len() => {
                    text.splice(at..=at, piece.chars());
                }
                _ => {
                    text.splice(at..at, piece.chars());
                }
            }
        }
        let text: String = text.into_iter().collect();
        if let Some(read) = fast::<T>(&text) {
            accepted += 1;
            match awsjson_types::json::from_slice::<T>(text.as_bytes()) {
                Ok(plain) => assert_eq!(read, plain, "{text}"),
                Err(error) => panic!("direct reader accepted what serde refuses ({error}): {text}"),
            }
        }
    }
    accepted
}

#[test]
fn ecr_outputs_read_directly_as_serde_reads_them() {
    let started = r#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS","description":"queued"}}"#;
    let read: StartImageScanResponse = fast(started).expect("a typical response reads directly");
    assert_eq!(
        read,
        awsjson_types::json::from_slice::<StartImageScanResponse>(started.as_bytes()).unwrap()
    );
    let seeds = [
        started,
        r#"{"imageScanStatus":{"status":"NEW_STATE"},"later":[1,{"a":null}]}"#,
    ];
    assert!(agrees_with_serde::<StartImageScanResponse>(&seeds, 5_000, 1) > 250);
    let status = [r#"{"status":"COMPLETE","description":null}"#];
    assert!(agrees_with_serde::<ImageScanStatus>(&status, 2_000, 2) > 100);
}

#[test]
fn kitchen_sink_outputs_read_directly_as_serde_reads_them() {
    // Members named after Rust keywords, sensitive members, an integer, and
    // an output with no members at all.
    let keywords = [r#"{"type":"t","match":"m","self":"s","async":"a"}"#];
    assert!(agrees_with_serde::<Keywords>(&keywords, 3_000, 3) > 150);
    let credentials = [r#"{"accessKey":"AKID","secretKey":"secret"}"#];
    assert!(agrees_with_serde::<Credentials>(&credentials, 2_000, 4) > 100);
    let pages = [r#"{"next":"token-2"}"#];
    assert!(agrees_with_serde::<PageInfo>(&pages, 2_000, 5) > 100);
    let upload = [r#"{"size":9007199254740993}"#, r#"{"size":-12}"#];
    assert!(agrees_with_serde::<UploadOutput>(&upload, 3_000, 6) > 150);
    // Dense lists of strings next to a 32-bit integer.
    let constrained = [
        r#"{"name":"n","count":2147483647,"tags":["a","b"],"unique":[],"code":"c"}"#,
        r#"{"tags":["x"],"count":-2147483648}"#,
    ];
    assert!(agrees_with_serde::<Constrained>(&constrained, 4_000, 8) > 200);
    let ping = ["{}", r#"{"anything":["goes",1,true]}"#];
    assert!(agrees_with_serde::<PingOutput>(&ping, 2_000, 7) > 100);
    let read: Keywords = fast(keywords[0]).expect("keyword members read directly");
    assert_eq!(read.self_.as_deref(), Some("s"));
}
