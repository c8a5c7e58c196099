//! Typical responses, what the reader gives up on, and string scanning.

use super::*;

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
                assert_eq!(
                    super::super::string_end(&text),
                    expected,
                    "{len} {at} {byte:#x}"
                );
            }
        }
    }
}
