//! The generated direct readers (`FastRead`) against serde's derive, on the
//! generated types themselves: wherever a direct reader reads a whole text,
//! serde_json must read the same value from it.

use awsgen_types::json::fast::{FastRead, Reader};
use ecr_types::{
    AwsEcrContainerImageDetails, DescribeImageScanFindingsResponse, ImageScanFinding,
    ImageScanStatus, StartImageScanResponse,
};
use kitchen_sink_types::{
    Constrained, Credentials, GetThingOutput, Keywords, ListThingsOutput, PageInfo, PingOutput,
    Record, ScanTableOutput, Settings, Suit, UploadOutput,
};
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
        "\"name\"",
        "\"key\"",
        "\"pushedAt\"",
        "\"rows\"",
        "\"id\"",
        "E9",
        "-0",
        ".25",
        "\"a\":1,",
        "\"settings\"",
        "\"verbose\"",
        "\"retries\"",
        "\"suit\"",
        "\"payload\"",
        "\"since\"",
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
            match awsgen_types::json::from_slice::<T>(text.as_bytes()) {
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
        awsgen_types::json::from_slice::<StartImageScanResponse>(started.as_bytes()).unwrap()
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

#[test]
fn ecr_structures_with_timestamps_and_required_members_read_directly_as_serde_reads_them() {
    // `pushedAt` is a timestamp (epoch seconds, as AWS writes it: often with
    // an exponent); `Attribute.key` is required.
    let details = [
        r#"{"architecture":"amd64","imageHash":"sha256:4ae3","imageTags":["v1","latest"],"platform":"linux","pushedAt":1.602267744E9,"registry":"123456789012","repositoryName":"team/app"}"#,
        r#"{"pushedAt":1515531081.123,"author":null}"#,
        r#"{"pushedAt":"2000-01-02T20:34:56Z"}"#,
    ];
    let read: AwsEcrContainerImageDetails = fast(details[0]).expect("reads directly");
    assert_eq!(
        read.pushed_at,
        Some(awsgen_types::DateTime::from_secs(1_602_267_744))
    );
    assert!(agrees_with_serde::<AwsEcrContainerImageDetails>(&details, 6_000, 9) > 300);
    let findings = [
        r#"{"name":"CVE-2021-3711","severity":"CRITICAL","uri":"https://example.com/cve","attributes":[{"key":"package_version","value":"1.1.1"},{"key":"CVSS2_SCORE","value":"7.5"}]}"#,
        r#"{"attributes":[{"value":"no key"},{"key":null}]}"#,
    ];
    let read: ImageScanFinding = fast(findings[1]).expect("a missing key reads as empty");
    let attributes = read.attributes.unwrap_or_default();
    assert_eq!(attributes[0].key, "");
    assert_eq!(attributes[1].key, "");
    assert!(agrees_with_serde::<ImageScanFinding>(&findings, 6_000, 10) > 300);
}

#[test]
fn kitchen_sink_outputs_with_required_members_and_maps_read_directly_as_serde_reads_them() {
    // `Thing.name` is required (error-corrected to "" when missing or null).
    let things = [
        r#"{"page":{"next":"t2"},"things":[{"name":"a","ready":true,"tags":["x"]},{"name":"b"}]}"#,
        r#"{"things":[{"ready":false},{"name":null}]}"#,
    ];
    assert!(agrees_with_serde::<ListThingsOutput>(&things, 6_000, 11) > 300);
    let read: ListThingsOutput = fast(things[1]).expect("missing names read as empty");
    assert!(read
        .things
        .unwrap_or_default()
        .iter()
        .all(|t| t.name.is_empty()));
    let thing = [r#"{"thing":{"name":"n","ready":true}}"#];
    assert!(agrees_with_serde::<GetThingOutput>(&thing, 3_000, 12) > 150);
    // Maps of strings and of integers: repeated keys, nulls.
    let tables = [
        r#"{"lastKey":{"pk":"a","sk":"b"},"rows":{"r1":1,"r2":-2}}"#,
        r#"{"rows":{"a":1,"a":2},"lastKey":{}}"#,
    ];
    assert!(agrees_with_serde::<ScanTableOutput>(&tables, 6_000, 13) > 300);
    let read: ScanTableOutput = fast(tables[1]).expect("a repeated key reads");
    assert_eq!(read.rows.unwrap_or_default().get("a"), Some(&2));
    // A mixin's timestamp next to a required member.
    let records = [r#"{"createdBy":"me","createdAt":1700000000,"id":"r-1"}"#];
    assert!(agrees_with_serde::<Record>(&records, 4_000, 14) > 200);
}

#[test]
fn kitchen_sink_outputs_with_defaulted_members_read_directly_as_serde_reads_them() {
    // `Settings` has a `@default` member of each kind the reader reads:
    // non-empty defaults (true, 3, -100, "none", the enum's `diamond`, 0.5
    // as f32, -2.25 as f64) and empty ones ([], {}, "", 0), missing, null,
    // of the wrong type, out of range, present.
    let settings = [
        r#"{"thing":{"name":"n"},"settings":{"verbose":false,"retries":0,"limit":9007199254740993,"label":"","suit":"club","names":["a"],"counts":{"a":1},"payload":"Zm9v","since":1.5,"scale":0.25,"weight":1e-7}}"#,
        r#"{"settings":{"verbose":null,"retries":null,"limit":null,"label":null,"suit":null,"names":null,"counts":null,"payload":null,"since":null,"scale":null,"weight":null}}"#,
        r#"{"settings":{}}"#,
        r#"{"settings":{"verbose":"true","retries":1.0,"limit":-0,"label":5,"suit":[],"names":"a","payload":"!","scale":"NaN","weight":"1.5"}}"#,
        r#"{"settings":{"scale":3.5e38,"weight":-1e400}}"#,
    ];
    assert!(agrees_with_serde::<GetThingOutput>(&settings, 10_000, 15) > 500);
    let read: GetThingOutput = fast(settings[0]).expect("present members read directly");
    let present = read.settings.expect("settings present");
    assert_eq!((present.scale, present.weight), (0.25, 1e-7));
    let read: GetThingOutput = fast(settings[2]).expect("missing members read directly");
    let defaults = read.settings.expect("settings present");
    assert!(defaults.verbose);
    assert_eq!((defaults.retries, defaults.limit), (3, -100));
    assert_eq!(defaults.label, "none");
    assert_eq!(defaults.suit, Suit::Diamond);
    assert_eq!((defaults.scale, defaults.weight), (0.5, -2.25));
    let nulls: GetThingOutput = fast(settings[1]).expect("null members read directly");
    assert_eq!(nulls.settings.as_ref(), Some(&defaults));
    assert_eq!(defaults, Settings::new());
}

#[test]
fn required_members_with_a_default_are_corrected_to_the_default_on_both_paths() {
    // `Settings.mode` (`"auto"`) and `Settings.attempts` (2) are `@required`
    // and `@default`: a response that leaves them out, or sends null, gets
    // the default (not "" and 0), from the direct reader and serde alike.
    let texts = [
        r#"{"settings":{}}"#,
        r#"{"settings":{"mode":null,"attempts":null}}"#,
    ];
    for text in texts {
        let plain: GetThingOutput =
            awsgen_types::json::from_slice(text.as_bytes()).expect("serde reads it");
        let direct: GetThingOutput = fast(text).expect("the direct reader reads it");
        assert_eq!(direct, plain, "{text}");
        let settings = plain.settings.expect("settings present");
        assert_eq!(settings.mode, "auto", "{text}");
        assert_eq!(settings.attempts, 2, "{text}");
    }
    let set = r#"{"settings":{"mode":"manual","attempts":0}}"#;
    let read: GetThingOutput = fast(set).expect("reads directly");
    let settings = read.settings.expect("settings present");
    assert_eq!((settings.mode.as_str(), settings.attempts), ("manual", 0));
    let seeds = [
        set,
        r#"{"settings":{"mode":"","attempts":-1,"verbose":false}}"#,
        texts[0],
    ];
    assert!(agrees_with_serde::<GetThingOutput>(&seeds, 6_000, 16) > 300);
}

/// A page of DescribeImageScanFindings as Amazon Inspector's enhanced
/// scanning writes it: CVSS scores (floats, `@default` 0), timestamps with
/// exponents, a severity-count map, nested structures and lists.
const SCAN_FINDINGS: &str = include_str!("../fixtures/ecr/describe-image-scan-findings-page.json");

#[test]
fn ecr_scan_findings_with_cvss_scores_read_directly_as_serde_reads_them() {
    let plain = |text: &str| {
        awsgen_types::json::from_slice::<DescribeImageScanFindingsResponse>(text.as_bytes())
    };
    let read: DescribeImageScanFindingsResponse =
        fast(SCAN_FINDINGS).expect("a page of enhanced findings reads directly");
    assert_eq!(read, plain(SCAN_FINDINGS).unwrap());
    let findings = read.image_scan_findings.unwrap().enhanced_findings.unwrap();
    let details = findings[0].package_vulnerability_details.as_ref().unwrap();
    assert_eq!(details.cvss.as_ref().unwrap()[1].base_score, 5.0);
    // Odd scores: the codec's strings, `-0`, an integer, an underflow, and
    // members missing (their `@default` 0) or null.
    let odd = r#"{"imageScanFindings":{"enhancedFindings":[{"score":"Infinity","scoreDetails":{"cvss":{"score":-0}},"packageVulnerabilityDetails":{"cvss":[{"baseScore":"-Infinity"},{"baseScore":1e-400},{"baseScore":10},{},{"baseScore":null}]}}]}}"#;
    let nulls = r#"{"imageScanFindings":{"enhancedFindings":[{"score":null,"scoreDetails":{"cvss":{"score":null}}},{}],"findingSeverityCounts":{}},"nextToken":null}"#;
    let seeds = [SCAN_FINDINGS, odd, nulls];
    for seed in seeds {
        assert_eq!(fast(seed).as_ref(), Some(&plain(seed).unwrap()), "{seed}");
    }
    assert!(agrees_with_serde::<DescribeImageScanFindingsResponse>(&seeds, 6_000, 16) > 300);
    // NaN is not equal to itself, so it is checked on its own.
    let nan = r#"{"imageScanFindings":{"enhancedFindings":[{"score":"NaN"}]}}"#;
    let score = |response: DescribeImageScanFindingsResponse| {
        response
            .image_scan_findings
            .unwrap()
            .enhanced_findings
            .unwrap()[0]
            .score
    };
    assert!(score(fast(nan).expect("NaN reads directly")).is_nan());
    assert!(score(plain(nan).unwrap()).is_nan());
    // What the codec refuses is left to serde, which reports it.
    for refused in [r#""nan""#, "1e400", r#""7.5""#, "true"] {
        let text =
            format!(r#"{{"imageScanFindings":{{"enhancedFindings":[{{"score":{refused}}}]}}}}"#);
        assert!(
            fast::<DescribeImageScanFindingsResponse>(&text).is_none(),
            "{text}"
        );
        assert!(plain(&text).is_err(), "{text}");
    }
}
