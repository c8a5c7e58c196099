use std::collections::BTreeMap;

use serde::Deserialize;

use super::*;
use crate::serde_as::{zero_value, As, EpochSeconds, OrZero, Same, ZeroValue};
use crate::{Blob, DateTime};

/// Shaped like a generated output: optional members only, a nested
/// structure, a string enum, a boolean and integers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Output {
    #[serde(rename = "registryId", default)]
    registry_id: Option<String>,
    #[serde(rename = "imageId", default)]
    image_id: Option<ImageId>,
    #[serde(rename = "status", default)]
    status: Option<Status>,
    #[serde(rename = "done", default)]
    done: Option<bool>,
    #[serde(rename = "count", default)]
    count: Option<i32>,
    #[serde(rename = "total", default)]
    total: Option<i64>,
    #[serde(rename = "tags", default)]
    tags: Option<Vec<String>>,
    #[serde(rename = "images", default)]
    images: Option<Vec<ImageId>>,
    #[serde(rename = "detail", default)]
    detail: Option<Detail>,
    #[serde(rename = "settings", default)]
    settings: Option<Settings>,
}

/// Required members (error-corrected to their zero value, and a structure
/// that has none), timestamps, blobs and maps, with the serde attributes the
/// generator writes for each.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Detail {
    #[serde(rename = "name", default = "zero_value", with = "As::<OrZero<Same>>")]
    name: String,
    #[serde(rename = "size", default = "zero_value", with = "As::<OrZero<Same>>")]
    size: i64,
    #[serde(rename = "ready", default = "zero_value", with = "As::<OrZero<Same>>")]
    ready: bool,
    #[serde(rename = "status", default = "zero_value", with = "As::<OrZero<Same>>")]
    status: Status,
    #[serde(rename = "id")]
    id: ImageId,
    #[serde(rename = "pushedAt", default)]
    pushed_at: Option<DateTime>,
    #[serde(
        rename = "seenAt",
        default = "zero_value",
        with = "As::<OrZero<EpochSeconds>>"
    )]
    seen_at: DateTime,
    #[serde(rename = "history", default)]
    history: Option<Vec<DateTime>>,
    #[serde(rename = "digest", default)]
    digest: Option<Blob>,
    #[serde(rename = "key", default = "zero_value", with = "As::<OrZero<Same>>")]
    key: Blob,
    #[serde(rename = "labels", default)]
    labels: Option<BTreeMap<String, String>>,
    #[serde(
        rename = "counts",
        default = "zero_value",
        with = "As::<OrZero<BTreeMap<String, Same>>>"
    )]
    counts: BTreeMap<String, i32>,
    #[serde(rename = "nested", default)]
    nested: Option<BTreeMap<String, Vec<ImageId>>>,
}

/// `@default` members of each kind with the serde attributes and default
/// functions the generator writes: a non-empty default through
/// `default_x` (missing) and `deserialize_x` (`null`), an empty one through
/// `OrZero`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Settings {
    #[serde(
        rename = "verbose",
        default = "Settings::default_verbose",
        deserialize_with = "Settings::deserialize_verbose"
    )]
    verbose: bool,
    #[serde(
        rename = "retries",
        default = "Settings::default_retries",
        deserialize_with = "Settings::deserialize_retries"
    )]
    retries: i32,
    #[serde(
        rename = "limit",
        default = "Settings::default_limit",
        deserialize_with = "Settings::deserialize_limit"
    )]
    limit: i64,
    #[serde(
        rename = "label",
        default = "Settings::default_label",
        deserialize_with = "Settings::deserialize_label"
    )]
    label: String,
    #[serde(
        rename = "mode",
        default = "Settings::default_mode",
        deserialize_with = "Settings::deserialize_mode"
    )]
    mode: Status,
    #[serde(
        rename = "names",
        default = "zero_value",
        with = "As::<OrZero<Vec<Same>>>"
    )]
    names: Vec<String>,
}

/// What the generator's `default_fn` emits for each non-empty default.
macro_rules! defaulted {
    ($($default:ident, $deserialize:ident: $ty:ty = $value:expr;)*) => {
        impl Settings {
            $(
                fn $default() -> $ty {
                    $value
                }

                fn $deserialize<'de, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<$ty, D::Error> {
                    let value: Option<$ty> = As::<Option<Same>>::deserialize(deserializer)?;
                    Ok(value.unwrap_or_else(Self::$default))
                }
            )*
        }
    };
}

defaulted! {
    default_verbose, deserialize_verbose: bool = true;
    default_retries, deserialize_retries: i32 = 3;
    default_limit, deserialize_limit: i64 = -100;
    default_label, deserialize_label: String = String::from("none");
    default_mode, deserialize_mode: Status = Status::InProgress;
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ImageId {
    #[serde(rename = "imageDigest", default)]
    digest: Option<String>,
    #[serde(rename = "imageTag", default)]
    tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    InProgress,
    Unknown(String),
}

impl From<&str> for Status {
    fn from(value: &str) -> Self {
        match value {
            "IN_PROGRESS" => Status::InProgress,
            other => Status::Unknown(other.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::string_enum::deserialize_string_enum(deserializer, "Status")
    }
}

impl ZeroValue for Status {
    fn zero_value() -> Self {
        Status::Unknown(String::new())
    }
}

// What the generator emits for the types above.
impl FastRead for Status {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        reader.string().map(Self::from)
    }
}

impl FastRead for ImageId {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut digest, mut tag) = (None, None);
        reader.object(|reader, key| match key {
            "imageDigest" => read_member(reader, &mut digest),
            "imageTag" => read_member(reader, &mut tag),
            _ => reader.skip(),
        })?;
        Ok(Self {
            digest: digest.flatten(),
            tag: tag.flatten(),
        })
    }
}

impl FastRead for Detail {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut name, mut size, mut ready, mut status, mut id) = (None, None, None, None, None);
        let (mut pushed_at, mut seen_at, mut history) = (None, None, None);
        let (mut digest, mut key, mut labels, mut counts, mut nested) =
            (None, None, None, None, None);
        reader.object(|reader, member| match member {
            "name" => read_member(reader, &mut name),
            "size" => read_member(reader, &mut size),
            "ready" => read_member(reader, &mut ready),
            "status" => read_member(reader, &mut status),
            "id" => read_member(reader, &mut id),
            "pushedAt" => read_member(reader, &mut pushed_at),
            "seenAt" => read_member(reader, &mut seen_at),
            "history" => read_member(reader, &mut history),
            "digest" => read_member(reader, &mut digest),
            "key" => read_member(reader, &mut key),
            "labels" => read_member(reader, &mut labels),
            "counts" => read_member(reader, &mut counts),
            "nested" => read_member(reader, &mut nested),
            _ => reader.skip(),
        })?;
        Ok(Self {
            name: or_zero(name),
            size: or_zero(size),
            ready: or_zero(ready),
            status: or_zero(status),
            id: required(id)?,
            pushed_at: pushed_at.flatten(),
            seen_at: or_zero(seen_at),
            history: history.flatten(),
            digest: digest.flatten(),
            key: or_zero(key),
            labels: labels.flatten(),
            counts: or_zero(counts),
            nested: nested.flatten(),
        })
    }
}

impl FastRead for Settings {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut verbose, mut retries, mut limit) = (None, None, None);
        let (mut label, mut mode, mut names) = (None, None, None);
        reader.object(|reader, key| match key {
            "verbose" => read_member(reader, &mut verbose),
            "retries" => read_member(reader, &mut retries),
            "limit" => read_member(reader, &mut limit),
            "label" => read_member(reader, &mut label),
            "mode" => read_member(reader, &mut mode),
            "names" => read_member(reader, &mut names),
            _ => reader.skip(),
        })?;
        Ok(Self {
            verbose: or_default(verbose, Self::default_verbose),
            retries: or_default(retries, Self::default_retries),
            limit: or_default(limit, Self::default_limit),
            label: or_default(label, Self::default_label),
            mode: or_default(mode, Self::default_mode),
            names: or_zero(names),
        })
    }
}

impl FastRead for Output {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut registry_id, mut image_id, mut status) = (None, None, None);
        let (mut done, mut count, mut total) = (None, None, None);
        let (mut tags, mut images, mut detail, mut settings) = (None, None, None, None);
        reader.object(|reader, key| match key {
            "detail" => read_member(reader, &mut detail),
            "settings" => read_member(reader, &mut settings),
            "tags" => read_member(reader, &mut tags),
            "images" => read_member(reader, &mut images),
            "registryId" => read_member(reader, &mut registry_id),
            "imageId" => read_member(reader, &mut image_id),
            "status" => read_member(reader, &mut status),
            "done" => read_member(reader, &mut done),
            "count" => read_member(reader, &mut count),
            "total" => read_member(reader, &mut total),
            _ => reader.skip(),
        })?;
        Ok(Self {
            registry_id: registry_id.flatten(),
            image_id: image_id.flatten(),
            status: status.flatten(),
            done: done.flatten(),
            count: count.flatten(),
            total: total.flatten(),
            tags: tags.flatten(),
            images: images.flatten(),
            detail: detail.flatten(),
            settings: settings.flatten(),
        })
    }
}

/// The fast reader alone: `Some` when it read the whole text.
fn fast(text: &str) -> Option<Output> {
    let mut reader = Reader::new(text);
    let value = Output::fast_read(&mut reader).ok()?;
    reader.at_end().then_some(value)
}

fn serde(text: &[u8]) -> Result<Output, serde_json::Error> {
    crate::json::from_slice(text)
}

const TYPICAL: &str = r#"{"registryId":"123456789012","imageId":{"imageDigest":"sha256:4ae3","imageTag":"v1"},"status":"IN_PROGRESS","done":false,"count":-7,"total":9007199254740993,"tags":["a","b"],"images":[{"imageTag":"v1"},{}]}"#;

#[test]
fn a_typical_response_is_read_by_the_fast_reader_as_serde_reads_it() {
    let read = fast(TYPICAL).expect("the fast reader handles a typical response");
    assert_eq!(read, serde(TYPICAL.as_bytes()).unwrap());
    assert_eq!(read.status, Some(Status::InProgress));
    assert_eq!(read.total, Some(9_007_199_254_740_993));
}

#[test]
fn unknown_members_nulls_and_whitespace_are_read() {
    for text in [
        "{}",
        " \t\r\n{ } \n",
        r#"{"registryId":null,"imageId":null}"#,
        r#"{"new":{"a":[1,-2.5e+3,0.0,true,false,null,"x",{}],"b":[]},"registryId":"r"}"#,
        r#"{"imageId":{"imageTag":"v1","extra":[[[]]]},"other":-0}"#,
        r#"{"status":"SOMETHING_NEW","count":0,"total":-9223372036854775808}"#,
        "{\"registryId\":\"caf\u{e9} \u{2615}\"}",
        r#"{"tags":[],"images":[]}"#,
        r#"{"tags":null,"images":[{"imageDigest":"d","x":[1]}]}"#,
    ] {
        let read = fast(text).unwrap_or_else(|| panic!("fast reader gave up on {text}"));
        assert_eq!(read, serde(text.as_bytes()).unwrap(), "{text}");
    }
}

#[test]
fn the_fast_reader_gives_up_where_serde_must_decide() {
    for text in [
        // Escapes, and serde's errors: repeated members, wrong types,
        // integers with fractions or out of range, trailing commas, garbage.
        r#"{"registryId":"a\"b"}"#,
        r#"{"registry\u0049d":"x"}"#,
        r#"{"registryId":"a","registryId":"b"}"#,
        r#"{"registryId":null,"registryId":"b"}"#,
        r#"{"registryId":5}"#,
        r#"{"count":1.0}"#,
        r#"{"count":1e2}"#,
        r#"{"count":2147483648}"#,
        r#"{"total":9223372036854775808}"#,
        r#"{"count":01}"#,
        // A dense list holds no nulls, and a list is an array.
        r#"{"tags":["a",null]}"#,
        r#"{"images":[null]}"#,
        r#"{"tags":"a"}"#,
        r#"{"tags":["a",]}"#,
        // serde_json reads `-0` as the float -0.0, which no integer takes.
        r#"{"count":-0}"#,
        r#"{"total":-0}"#,
        r#"{"done":"true"}"#,
        r#"{"imageId":["d","t"]}"#,
        r#"{"registryId":"r",}"#,
        r#"{"registryId":"r"} x"#,
        r#"{"registryId":"r"}{}"#,
        "{\"registryId\":\"tab\there\"}",
        r#"{"x":nul}"#,
        r#"{"x":-}"#,
        r#"{"x":1.}"#,
        r#"{"x":[1,]}"#,
        r#"["r"]"#,
        "null",
        "",
    ] {
        assert_eq!(fast(text), None, "{text}");
    }
}

#[test]
fn read_or_fallback_returns_serdes_answer_when_the_fast_reader_gives_up() {
    let escaped = r#"{"registryId":"a\"b","count":3}"#;
    let read: Output = read_or_fallback(escaped.as_bytes()).unwrap();
    assert_eq!(read.registry_id.as_deref(), Some("a\"b"));
    let repeated = br#"{"registryId":"a","registryId":"b"}"#;
    let ours = read_or_fallback::<Output>(repeated)
        .unwrap_err()
        .to_string();
    assert_eq!(ours, serde(repeated).unwrap_err().to_string());
    assert!(ours.contains("duplicate field"), "{ours}");
    let not_utf8 = b"{\"registryId\":\"\xff\"}";
    let ours = read_or_fallback::<Output>(not_utf8)
        .unwrap_err()
        .to_string();
    assert_eq!(ours, serde(not_utf8).unwrap_err().to_string());
}

#[test]
fn deep_nesting_in_a_skipped_member_falls_back_to_serde() {
    let deep = |depth: usize| format!(r#"{{"x":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
    assert!(fast(&deep(60)).is_some());
    assert_eq!(fast(&deep(200)), None);
    // serde_json skips an ignored member without a depth limit.
    let read = read_or_fallback::<Output>(deep(200).as_bytes()).unwrap();
    assert_eq!(read, serde(deep(200).as_bytes()).unwrap());
}

/// Byte-level mutations of well-formed responses: wherever the fast reader
/// accepts the text, serde_json must accept it too and read the same value.
#[test]
fn whatever_the_fast_reader_accepts_serde_reads_the_same() {
    let seeds = [
        TYPICAL,
        r#"{"imageId":{"imageTag":"v1"},"count":12,"done":true,"zzz":[1,{"a":null}]}"#,
        r#"{"registryId":"r","status":"IN_PROGRESS"}"#,
    ];
    let (accepted, total) = mutate_and_compare(&seeds, &[], 20_000, 0x9e37_79b9_7f4a_7c15);
    // The mutations must leave enough valid documents to mean something.
    assert!(accepted > total / 20, "{accepted} of {total} accepted");
}

/// The same over responses with required members, timestamps, blobs and
/// maps, with pieces that make numbers odd (fractions, exponents, `-0`,
/// huge), base64 wrong (stray or missing `=`, characters outside the
/// alphabet), keys repeated and members null or missing.
#[test]
fn whatever_the_fast_reader_accepts_of_the_newer_kinds_serde_reads_the_same() {
    const MORE: &[&str] = &[
        "9",
        "E",
        "-0",
        ".5",
        "e-3",
        "E+9",
        "99999999999999999999",
        "=",
        "A",
        "/",
        "_",
        "\"2000-01-02T20:34:56Z\"",
        "\"name\"",
        "\"size\"",
        "\"id\"",
        "\"seenAt\"",
        "\"pushedAt\"",
        "\"history\"",
        "\"digest\"",
        "\"key\"",
        "\"labels\"",
        "\"counts\"",
        "\"nested\"",
        "\"a\":null,",
        "\"a\":1,",
    ];
    let seeds = [
        DETAILED,
        r#"{"detail":{"id":{},"seenAt":null,"key":"Zm9vYg","counts":{"a":1,"a":2},"pushedAt":"2000-01-02T20:34:56.123Z"}}"#,
        r#"{"detail":{"id":{"imageTag":"t"},"name":null,"size":null,"pushedAt":-0,"digest":"","labels":{},"history":[]}}"#,
        r#"{"detail":{"id":{},"seenAt":1e3,"history":[-1.5,0.0001,253402300799],"digest":"AAEC","nested":{"k":[]}}}"#,
    ];
    let (accepted, total) = mutate_and_compare(&seeds, MORE, 30_000, 0x2545_f491_4f6c_dd1d);
    assert!(accepted > total / 20, "{accepted} of {total} accepted");
}

/// The same over `@default` members: each missing, `null`, of the wrong type
/// or present, in seeds and by mutation (the member names are pieces, so
/// members get repeated or dropped, and `null` replaces values).
#[test]
fn whatever_the_fast_reader_accepts_of_defaulted_members_serde_reads_the_same() {
    const MORE: &[&str] = &[
        "\"verbose\"",
        "\"retries\"",
        "\"limit\"",
        "\"label\"",
        "\"mode\"",
        "\"names\"",
        "\"settings\"",
        "\"IN_PROGRESS\"",
        "\"none\"",
        "\"verbose\":null,",
        "\"verbose\":true,",
        "\"label\":\"x\",",
        "\"retries\":7,",
        "\"mode\":\"X\",",
        "\"names\":[],",
        "2147483648",
        "-0",
        ".5",
        "e2",
        "false",
    ];
    let seeds = [
        r#"{"settings":{"verbose":false,"retries":0,"limit":9007199254740993,"label":"","mode":"NEW","names":["a","b"]}}"#,
        r#"{"settings":{"verbose":null,"retries":null,"limit":null,"label":null,"mode":null,"names":null}}"#,
        r#"{"settings":{}}"#,
        r#"{"settings":{"retries":-2147483648,"mode":"IN_PROGRESS","names":[],"other":[true]}}"#,
        r#"{"settings":{"verbose":"true","retries":"1","limit":1.0,"label":5,"mode":[],"names":"a"}}"#,
    ];
    let (accepted, total) = mutate_and_compare(&seeds, MORE, 30_000, 0x5851_f42d_4c95_7f2d);
    assert!(accepted > total / 20, "{accepted} of {total} accepted");
}

const DETAILED: &str = r#"{"registryId":"r","detail":{"name":"n","size":5,"ready":true,"status":"IN_PROGRESS","id":{"imageTag":"v1"},"pushedAt":1.602267744E9,"seenAt":1515531081.123,"history":[0,-1.5,946845296],"digest":"YmluYXJ5LXZhbHVl","key":"+/8=","labels":{"a":"x","b":"y"},"counts":{"HIGH":3,"LOW":0},"nested":{"k":[{"imageDigest":"d"}]}}}"#;

/// Mutates each seed in turn (`rounds` texts in all) with pieces from a
/// common list and `extra`, and compares the fast reader with serde on each
/// text; returns how many the fast reader accepted, and how many there were.
fn mutate_and_compare(seeds: &[&str], extra: &[&str], rounds: usize, seed: u64) -> (usize, usize) {
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
        "\n",
        "\t",
        "0",
        "1",
        "-",
        ".",
        "e",
        "+",
        "null",
        "true",
        "false",
        "x",
        "\u{e9}",
        "\u{1}",
        "\"count\"",
        "\"done\"",
        "\"imageId\"",
        "\"registryId\"",
        "\"status\"",
        "\"total\"",
        "\"imageTag\"",
        "\"tags\"",
        "\"images\"",
    ];
    let pieces: Vec<&str> = PIECES.iter().chain(extra).copied().collect();
    let mut state = seed;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let mut accepted = 0;
    for round in 0..rounds {
        let mut text: Vec<char> = seeds[round % seeds.len()].chars().collect();
        for _ in 0..1 + next(3) {
            let at = next(text.len() + 1);
            match next(3) {
                0 if at < text.len() => {
                    text.remove(at);
                }
                1 if at < text.len() => {
                    text[at] = pieces[next(pieces.len())].chars().next().unwrap_or(' ');
                }
                _ => {
                    for (offset, c) in pieces[next(pieces.len())].chars().enumerate() {
                        text.insert(at + offset, c);
                    }
                }
            }
        }
        let text: String = text.into_iter().collect();
        if let Some(read) = fast(&text) {
            accepted += 1;
            match serde(text.as_bytes()) {
                Ok(plain) => assert_eq!(read, plain, "{text}"),
                Err(error) => panic!("fast reader accepted what serde refuses ({error}): {text}"),
            }
        }
    }
    (accepted, rounds)
}

#[test]
fn string_ends_are_found_exactly_at_every_offset() {
    // Every special byte and a few ordinary ones, at every position of texts
    // long enough to cross several eight-byte words, against a byte scan.
    let special = |byte: u8| byte == b'"' || byte == b'\\' || byte < 0x20;
    for len in 0..40 {
        for at in 0..len {
            for byte in [
                b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, b'a', 0x7f, 0x80, 0xff, 0x5b, 0x5d, 0x1c,
            ] {
                let mut text = vec![b'x'; len];
                text[at] = byte;
                // A second special byte later must not hide the first.
                if at + 3 < len {
                    text[at + 3] = b'"';
                }
                let expected = text.iter().position(|&b| special(b));
                assert_eq!(super::string_end(&text), expected, "{len} {at} {byte:#x}");
            }
        }
    }
}

/// The detail the fast reader read from `{"detail":{...}}`, checked against
/// serde's; `None` when it gave up.
fn fast_detail(members: &str) -> Option<Detail> {
    let text = format!(r#"{{"detail":{{{members}}}}}"#);
    let read = fast(&text)?;
    assert_eq!(read, serde(text.as_bytes()).unwrap(), "{text}");
    read.detail
}

/// Whether the fast reader gives up on `{"detail":{...}}` (and serde then
/// refuses it too when `serde_refuses`).
fn gives_up(members: &str, serde_refuses: bool) -> bool {
    let text = format!(r#"{{"detail":{{{members}}}}}"#);
    let gave_up = fast(&text).is_none();
    assert_eq!(serde(text.as_bytes()).is_err(), serde_refuses, "{text}");
    gave_up
}

#[test]
fn a_detailed_response_is_read_by_the_fast_reader_as_serde_reads_it() {
    let read = fast(DETAILED).expect("the fast reader handles every kind in it");
    assert_eq!(read, serde(DETAILED.as_bytes()).unwrap());
    let detail = read.detail.unwrap();
    assert_eq!(detail.pushed_at, Some(DateTime::from_secs(1_602_267_744)));
    assert_eq!(detail.seen_at, DateTime::from_millis(1_515_531_081_123));
    assert_eq!(detail.digest.unwrap().as_bytes(), b"binary-value");
    assert_eq!(detail.counts.get("HIGH"), Some(&3));
}

#[test]
fn required_members_missing_or_null_read_as_their_zero_value() {
    let zero = Detail {
        name: String::new(),
        size: 0,
        ready: false,
        status: Status::Unknown(String::new()),
        id: ImageId {
            digest: None,
            tag: None,
        },
        pushed_at: None,
        seen_at: DateTime::default(),
        history: None,
        digest: None,
        key: Blob::default(),
        labels: None,
        counts: BTreeMap::new(),
        nested: None,
    };
    assert_eq!(fast_detail(r#""id":{}"#), Some(zero.clone()));
    let nulls = r#""id":{},"name":null,"size":null,"ready":null,"status":null,"seenAt":null,"key":null,"counts":null"#;
    assert_eq!(fast_detail(nulls), Some(zero));
}

#[test]
fn a_required_structure_missing_or_null_is_left_to_serde() {
    assert!(gives_up(r#""name":"n""#, true));
    assert!(gives_up(r#""id":null"#, true));
    let error = serde(br#"{"detail":{}}"#).unwrap_err().to_string();
    assert!(error.contains("missing field `id`"), "{error}");
    // A repeated required member is serde's "duplicate field" error.
    assert!(gives_up(r#""id":{},"name":"a","name":"b""#, true));
    assert!(gives_up(r#""id":{},"name":null,"name":"b""#, true));
}

#[test]
fn timestamps_read_as_serde_reads_them() {
    let read = |value: &str| {
        fast_detail(&format!(r#""id":{{}},"seenAt":{value}"#))
            .unwrap_or_else(|| panic!("gave up on {value}"))
            .seen_at
    };
    assert_eq!(read("0"), DateTime::from_secs(0));
    assert_eq!(read("1515531081"), DateTime::from_secs(1_515_531_081));
    assert_eq!(
        read("1515531081.1239"),
        DateTime::from_millis(1_515_531_081_123)
    );
    assert_eq!(read("1.602267744E9"), DateTime::from_secs(1_602_267_744));
    assert_eq!(read("1e3"), DateTime::from_secs(1000));
    assert_eq!(read("-1.5"), DateTime::from_millis(-1_500));
    assert_eq!(read("-0.0001"), DateTime::from_millis(-1));
    for zero in ["-0", "-0.0", "0e5", "-0E-2"] {
        assert_eq!(read(zero), DateTime::from_secs(0), "{zero}");
    }
    assert_eq!(read("253402300799"), DateTime::from_secs(253_402_300_799));
    // RFC 3339 text, as some servers send and serde accepts.
    assert_eq!(
        read(r#""2000-01-02T20:34:56.123Z""#),
        DateTime::from_millis(946_845_296_123)
    );
    for refused in [
        "253402300800",
        "-62135596801",
        "1e300",
        "99999999999999999999",
        "18446744073709551615",
        r#""946845296""#,
        r#""yesterday""#,
        "true",
        "[]",
        "{}",
    ] {
        assert!(
            gives_up(&format!(r#""id":{{}},"seenAt":{refused}"#), true),
            "{refused}"
        );
    }
    // Text with an escape is read well by serde; the fast reader leaves it.
    assert!(gives_up(
        r#""id":{},"seenAt":"2000-01-02T20:34:56\u005a""#,
        false
    ));
}

#[test]
fn blobs_read_as_serde_reads_them_padded_or_not() {
    let read = |value: &str| {
        fast_detail(&format!(r#""id":{{}},"key":"{value}""#))
            .unwrap_or_else(|| panic!("gave up on {value}"))
            .key
    };
    assert_eq!(read("").as_bytes(), b"");
    assert_eq!(read("Zm9vYg").as_bytes(), b"foob");
    assert_eq!(read("Zm9vYg==").as_bytes(), b"foob");
    // The lenient decoder takes a partial pad too; both paths use it.
    assert_eq!(read("Zm9vYg=").as_bytes(), b"foob");
    assert_eq!(read("+/8=").as_bytes(), [0xfb, 0xff]);
    for refused in ["Zm9v!", "Zm9vYg===", "Zm9vY", "-_8=", "Zm9vYh==", "Zm 9v"] {
        assert!(
            gives_up(&format!(r#""id":{{}},"key":"{refused}""#), true),
            "{refused}"
        );
    }
    assert!(gives_up(r#""id":{},"key":5"#, true));
    assert!(gives_up(r#""id":{},"key":"Zm9v\u0059g""#, false));
}

#[test]
fn maps_read_as_serde_reads_them() {
    let detail = fast_detail(r#""id":{},"counts":{"a":1,"b":2,"a":3},"labels":{"":"e"}"#).unwrap();
    // A repeated key keeps its last value, as in serde's maps.
    assert_eq!(detail.counts, [("a".into(), 3), ("b".into(), 2)].into());
    assert_eq!(detail.labels, Some([(String::new(), "e".into())].into()));
    // A dense map holds no nulls; a map is an object.
    assert!(gives_up(r#""id":{},"counts":{"a":null}"#, true));
    assert!(gives_up(r#""id":{},"labels":{"a":null}"#, true));
    assert!(gives_up(r#""id":{},"counts":[1]"#, true));
    assert!(gives_up(r#""id":{},"counts":{"a":1.5}"#, true));
    assert!(gives_up(r#""id":{},"nested":{"k":[null]}"#, true));
    assert!(gives_up(r#""id":{},"labels":{"\u0061":"x"}"#, false));
}

/// A structure that holds itself through a list, as Glue's `Mapping` does:
/// lists need no box, so such a type gets a direct reader.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Tree {
    #[serde(rename = "children", default)]
    children: Option<Vec<Tree>>,
}

impl FastRead for Tree {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let mut children = None;
        reader.object(|reader, key| match key {
            "children" => read_member(reader, &mut children),
            _ => reader.skip(),
        })?;
        Ok(Self {
            children: children.flatten(),
        })
    }
}

#[test]
fn deeply_nested_values_are_left_to_serde_and_its_recursion_limit() {
    let tree = |depth: usize| format!("{}{}", r#"{"children":["#.repeat(depth), "]}".repeat(depth));
    let fast_tree = |text: &str| {
        let mut reader = Reader::new(text);
        let value = Tree::fast_read(&mut reader).ok()?;
        reader.at_end().then_some(value)
    };
    let shallow = tree(20);
    assert_eq!(
        fast_tree(&shallow),
        Some(crate::json::from_slice::<Tree>(shallow.as_bytes()).unwrap())
    );
    // serde_json refuses more than 128 levels; so must the reader, and a
    // hostile depth must not exhaust its stack.
    for depth in [70, 200, 100_000] {
        let deep = tree(depth);
        assert_eq!(fast_tree(&deep), None, "{depth}");
    }
    let error = crate::json::from_slice::<Tree>(tree(200).as_bytes()).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

/// The settings the fast reader read from `{"settings":{...}}`, checked
/// against serde's; `None` when it gave up.
fn fast_settings(members: &str) -> Option<Settings> {
    let text = format!(r#"{{"settings":{{{members}}}}}"#);
    let read = fast(&text)?;
    assert_eq!(read, serde(text.as_bytes()).unwrap(), "{text}");
    read.settings
}

#[test]
fn defaulted_members_missing_or_null_read_as_their_default() {
    let defaults = Settings {
        verbose: true,
        retries: 3,
        limit: -100,
        label: "none".into(),
        mode: Status::InProgress,
        names: Vec::new(),
    };
    assert_eq!(fast_settings(""), Some(defaults.clone()));
    let nulls =
        r#""verbose":null,"retries":null,"limit":null,"label":null,"mode":null,"names":null"#;
    assert_eq!(fast_settings(nulls), Some(defaults));
    // Present, even as the zero value, a member is what it says.
    let zeros = r#""verbose":false,"retries":0,"limit":0,"label":"","mode":"","names":["a"]"#;
    let read = fast_settings(zeros).expect("present members read directly");
    assert!(!read.verbose);
    assert_eq!((read.retries, read.limit, read.label.as_str()), (0, 0, ""));
    assert_eq!(read.mode, Status::Unknown(String::new()));
    assert_eq!(read.names, ["a"]);
}

#[test]
fn defaulted_members_of_the_wrong_type_or_repeated_are_left_to_serde() {
    for members in [
        r#""verbose":"true""#,
        r#""retries":1.0"#,
        r#""retries":2147483648"#,
        r#""limit":-0"#,
        r#""label":5"#,
        r#""mode":["IN_PROGRESS"]"#,
        r#""names":"a""#,
        r#""names":[null]"#,
        r#""verbose":null,"verbose":true"#,
        r#""retries":1,"retries":1"#,
    ] {
        let text = format!(r#"{{"settings":{{{members}}}}}"#);
        assert_eq!(fast(&text), None, "{text}");
        assert!(serde(text.as_bytes()).is_err(), "{text}");
    }
}
