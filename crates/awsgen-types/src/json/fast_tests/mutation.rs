//! Mutated responses: wherever the fast reader accepts a text, serde_json
//! reads the same value from it.

use super::*;

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

/// The same over float members (optional, required, defaulted, in a list
/// and a map), with pieces that make numbers odd (fractions, exponents, `-0`,
/// huge, tiny, integers) and strings the `Float` codec accepts or refuses.
#[test]
fn whatever_the_fast_reader_accepts_of_float_members_serde_reads_the_same() {
    const MORE: &[&str] = &[
        "\"ratio\"",
        "\"weight\"",
        "\"base\"",
        "\"samples\"",
        "\"byName\"",
        "\"scores\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "\"nan\"",
        "\"inf\"",
        "\"1.5\"",
        "NaN",
        "Infinity",
        "-0",
        "-0.0",
        ".25",
        "e-3",
        "E+9",
        "1e400",
        "1e-400",
        "4.9e-324",
        "3.5e38",
        "1e39",
        "18446744073709551616",
        "9007199254740993",
        "\"ratio\":null,",
        "\"weight\":2,",
        "\"base\":-1.25e2,",
    ];
    let seeds = [
        r#"{"scores":{"ratio":0.75,"weight":3.5,"base":9.8,"samples":[1,-0.5,2.5e-3],"byName":{"AV":10.0,"AC":1e2}}}"#,
        r#"{"scores":{"ratio":"NaN","weight":"Infinity","base":"-Infinity","samples":["NaN",0],"byName":{"x":"Infinity"}}}"#,
        r#"{"scores":{"ratio":null,"weight":null,"base":null,"samples":null,"byName":null}}"#,
        r#"{"scores":{"ratio":-0,"weight":1e-45,"base":1.7976931348623157e308,"samples":[],"byName":{}}}"#,
        r#"{"scores":{}}"#,
    ];
    let (accepted, total) = mutate_and_compare(&seeds, MORE, 30_000, 0x94d0_49bb_1331_11eb);
    assert!(accepted > total / 20, "{accepted} of {total} accepted");
}

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
