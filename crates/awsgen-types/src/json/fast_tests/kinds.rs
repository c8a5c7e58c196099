//! Each newer kind on its own: required and defaulted members, timestamps,
//! blobs, maps and deep nesting.

use super::*;

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

/// The scores the fast reader read from `{"scores":{...}}`, checked against
/// serde's; `None` when it gave up, and then whether serde refuses the text.
fn fast_scores(members: &str) -> Result<Scores, bool> {
    let text = format!(r#"{{"scores":{{{members}}}}}"#);
    let plain = serde(text.as_bytes());
    match fast(&text) {
        Some(read) => {
            assert_eq!(Ok(&read), plain.as_ref().map_err(drop), "{text}");
            Ok(read.scores.unwrap())
        }
        None => Err(plain.is_err()),
    }
}

#[test]
fn floats_read_through_the_float_codec_as_serde_reads_them() {
    let ratio = |value: &str| fast_scores(&format!(r#""ratio":{value}"#)).map(|s| s.ratio);
    assert_eq!(ratio("1.5"), Ok(Some(1.5)));
    assert_eq!(ratio("-2.5E-3"), Ok(Some(-0.0025)));
    assert_eq!(ratio("7"), Ok(Some(7.0)));
    assert_eq!(
        ratio("18446744073709551616"),
        Ok(Some(18_446_744_073_709_551_616.0))
    );
    assert_eq!(ratio("1e-400"), Ok(Some(0.0)));
    assert_eq!(ratio("null"), Ok(None));
    let negative_zero = ratio("-0").unwrap().unwrap();
    assert!(negative_zero == 0.0 && negative_zero.is_sign_negative());
    assert!(ratio(r#""NaN""#).unwrap().unwrap().is_nan());
    assert_eq!(ratio(r#""Infinity""#), Ok(Some(f64::INFINITY)));
    assert_eq!(ratio(r#""-Infinity""#), Ok(Some(f64::NEG_INFINITY)));
    // What the codec refuses, the reader gives up on, and serde reports.
    for refused in [
        "1e400", r#""nan""#, r#""1.5""#, r#""""#, "true", "[1]", "{}",
    ] {
        assert_eq!(ratio(refused), Err(true), "{refused}");
    }
    // An escaped string is left to serde, which reads it.
    assert_eq!(ratio(r#""Na\u004e""#), Err(false));
}

#[test]
fn float_members_missing_null_or_narrowed_read_as_serde_reads_them() {
    let zero = fast_scores("").unwrap();
    assert_eq!((zero.ratio, zero.weight, zero.base), (None, 0.0, 7.5));
    let nulls = fast_scores(r#""ratio":null,"weight":null,"base":null"#).unwrap();
    assert_eq!((nulls.weight, nulls.base), (0.0, 7.5));
    // An `f32` is narrowed by the codec, which refuses a finite overflow.
    assert_eq!(fast_scores(r#""weight":0.1"#).unwrap().weight, 0.1f32);
    assert_eq!(fast_scores(r#""weight":1e300"#), Err(true));
    assert_eq!(
        fast_scores(r#""weight":"-Infinity""#).unwrap().weight,
        f32::NEG_INFINITY
    );
    // Dense collections: each item through the codec, a null refused.
    let lists = fast_scores(r#""samples":[1,"NaN",-0.5],"byName":{"a":2.5,"a":3}"#).unwrap();
    assert_eq!(lists.samples.unwrap()[2], -0.5);
    assert_eq!(lists.by_name.unwrap().get("a"), Some(&3.0));
    assert_eq!(fast_scores(r#""samples":[1,null]"#), Err(true));
    assert_eq!(fast_scores(r#""byName":{"a":null}"#), Err(true));
    // A repeated float member is serde's "duplicate field" error.
    assert_eq!(fast_scores(r#""base":1,"base":2"#), Err(true));
}
