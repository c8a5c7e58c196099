//! Kitchen sink: timestamps in each format, with fractions and offsets.

use awsgen_types::DateTime;
use kitchen_sink_types::{Choice, Everything};
use serde_json::json;

/// 2000-01-02T20:34:56Z
const Y2K_SECONDS: i64 = 946_845_296;

fn read(json: serde_json::Value) -> Everything {
    serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("cannot read {json}: {e}"))
}

fn write(value: &Everything) -> serde_json::Value {
    serde_json::to_value(value).expect("writes")
}

#[test]
fn epoch_seconds_are_numbers_both_ways() {
    let value = read(json!({"epochSeconds": Y2K_SECONDS}));
    assert_eq!(value.epoch_seconds, Some(DateTime::from_secs(Y2K_SECONDS)));
    assert_eq!(
        serde_json::to_string(&value).expect("writes"),
        r#"{"epochSeconds":946845296}"#,
        "whole seconds are written as an integer"
    );
}

#[test]
fn fractional_epoch_seconds_keep_milliseconds() {
    let value = read(json!({"epochSeconds": 1_515_531_081.123}));
    assert_eq!(
        value.epoch_seconds,
        Some(DateTime::from_millis(1_515_531_081_123))
    );
    assert_eq!(
        serde_json::to_string(&value).expect("writes"),
        r#"{"epochSeconds":1515531081.123}"#
    );
}

#[test]
fn epoch_seconds_refuse_strings() {
    assert!(serde_json::from_value::<Everything>(json!({"epochSeconds": "946845296"})).is_err());
    assert!(serde_json::from_value::<Everything>(json!({"epochSeconds": "NaN"})).is_err());
}

#[test]
fn epoch_seconds_read_rfc3339_text_and_write_numbers() {
    // moto sends ISO 8601 text where awsJson specifies epoch seconds.
    let value = read(json!({"epochSeconds": "2000-01-02T20:34:56Z"}));
    assert_eq!(write(&value), json!({"epochSeconds": 946845296}));
}

#[test]
fn date_time_strings_both_ways() {
    let value = read(json!({"dateTime": "2000-01-02T20:34:56Z"}));
    assert_eq!(value.date_time, Some(DateTime::from_secs(Y2K_SECONDS)));
    assert_eq!(write(&value), json!({"dateTime": "2000-01-02T20:34:56Z"}));
}

#[test]
fn date_time_fractions_are_read_and_written() {
    let value = read(json!({"dateTime": "2000-01-02T20:34:56.123Z"}));
    assert_eq!(
        value.date_time,
        Some(DateTime::from_millis(Y2K_SECONDS * 1000 + 123))
    );
    assert_eq!(
        write(&value),
        json!({"dateTime": "2000-01-02T20:34:56.123Z"})
    );
}

#[test]
fn date_time_offsets_are_normalized_to_utc() {
    let negative = read(json!({"dateTime": "2019-12-16T22:48:18-01:00"}));
    assert_eq!(negative.date_time, Some(DateTime::from_secs(1_576_540_098)));
    assert_eq!(
        write(&negative),
        json!({"dateTime": "2019-12-16T23:48:18Z"})
    );
    let positive = read(json!({"dateTime": "2019-12-16T22:48:18+01:00"}));
    assert_eq!(positive.date_time, Some(DateTime::from_secs(1_576_532_898)));
}

#[test]
fn date_time_refuses_numbers_and_garbage() {
    for bad in [
        json!(946_845_296),
        json!("yesterday"),
        json!("2000-13-02T20:34:56Z"),
    ] {
        let result = serde_json::from_value::<Everything>(json!({ "dateTime": bad }));
        assert!(result.is_err(), "{bad} was accepted");
    }
}

#[test]
fn http_dates_both_ways() {
    let value = read(json!({"httpDate": "Sun, 02 Jan 2000 20:34:56 GMT"}));
    assert_eq!(value.http_date, Some(DateTime::from_secs(Y2K_SECONDS)));
    assert_eq!(
        write(&value),
        json!({"httpDate": "Sun, 02 Jan 2000 20:34:56 GMT"})
    );
}

#[test]
fn http_dates_drop_fractions_when_written() {
    let value = Everything::new().with_http_date(DateTime::from_millis(Y2K_SECONDS * 1000 + 500));
    assert_eq!(
        write(&value),
        json!({"httpDate": "Sun, 02 Jan 2000 20:34:56 GMT"})
    );
}

#[test]
fn lists_of_date_times_use_the_target_format() {
    let json = json!({"dateTimes": ["2000-01-02T20:34:56Z", "1970-01-01T00:00:00.5Z"]});
    let value = read(json.clone());
    assert_eq!(
        value.date_times,
        Some(vec![
            DateTime::from_secs(Y2K_SECONDS),
            DateTime::from_millis(500)
        ])
    );
    assert_eq!(write(&value), json);
    assert!(serde_json::from_value::<Everything>(json!({"dateTimes": [0]})).is_err());
}

#[test]
fn union_members_use_their_timestamp_format() {
    let choice: Choice =
        serde_json::from_value(json!({"when": "2000-01-02T20:34:56Z"})).expect("reads");
    assert_eq!(choice, Choice::When(DateTime::from_secs(Y2K_SECONDS)));
    assert_eq!(
        serde_json::to_value(&choice).expect("writes"),
        json!({"when": "2000-01-02T20:34:56Z"})
    );
}

#[test]
fn each_format_reads_the_same_instant() {
    let value = read(json!({
        "epochSeconds": Y2K_SECONDS,
        "dateTime": "2000-01-02T20:34:56Z",
        "httpDate": "Sun, 02 Jan 2000 20:34:56 GMT"
    }));
    assert_eq!(value.epoch_seconds, value.date_time);
    assert_eq!(value.date_time, value.http_date);
}
