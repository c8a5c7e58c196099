use serde::Deserialize;

use super::*;

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

// What the generator emits for the three types above.
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

impl FastRead for Output {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut registry_id, mut image_id, mut status) = (None, None, None);
        let (mut done, mut count, mut total) = (None, None, None);
        let (mut tags, mut images) = (None, None);
        reader.object(|reader, key| match key {
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
    let seeds = [
        TYPICAL,
        r#"{"imageId":{"imageTag":"v1"},"count":12,"done":true,"zzz":[1,{"a":null}]}"#,
        r#"{"registryId":"r","status":"IN_PROGRESS"}"#,
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let (mut accepted, mut total) = (0, 0);
    for round in 0..20_000 {
        let mut text: Vec<char> = seeds[round % seeds.len()].chars().collect();
        for _ in 0..1 + next(3) {
            let at = next(text.len() + 1);
            match next(3) {
                0 if at < text.len() => {
                    text.remove(at);
                }
                1 if at < text.len() => {
                    text[at] = PIECES[next(PIECES.len())].chars().next().unwrap_or(' ');
                }
                _ => {
                    for (offset, c) in PIECES[next(PIECES.len())].chars().enumerate() {
                        text.insert(at + offset, c);
                    }
                }
            }
        }
        let text: String = text.into_iter().collect();
        total += 1;
        if let Some(read) = fast(&text) {
            accepted += 1;
            match serde(text.as_bytes()) {
                Ok(plain) => assert_eq!(read, plain, "{text}"),
                Err(error) => panic!("fast reader accepted what serde refuses ({error}): {text}"),
            }
        }
    }
    // The mutations must leave enough valid documents to mean something.
    assert!(accepted > total / 20, "{accepted} of {total} accepted");
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
