//! Kitchen sink: operation markers — targets, host prefixes, request
//! compression, synthetic inputs and outputs, service metadata and errors.

use awsgen_types::{
    HostPrefixError, Operation, OperationError, Protocol, RequestCompression, RetryClass,
};
use kitchen_sink_types::{
    ConflictError, Ping, PingInput, PingOutput, PutData, PutDataError, PutDataInput, RoundTrip,
    RoundTripError, RoundTripInput, Upload, UploadInput, SERVICE,
};

use crate::support::{operation_error, target};

#[test]
fn targets_use_the_service_shape_name() {
    assert_eq!(target::<Ping>(&PingInput::default()), "KitchenSink.Ping");
    assert_eq!(
        target::<PutData>(&PutDataInput::new("123456789012")),
        "KitchenSink.PutData"
    );
    assert_eq!(
        target::<RoundTrip>(&RoundTripInput::new("x")),
        "KitchenSink.RoundTrip"
    );
    assert_eq!(
        target::<Upload>(&UploadInput::default()),
        "KitchenSink.Upload"
    );
    assert_eq!(Upload::NAME, "Upload");
}

#[test]
fn service_metadata_comes_from_the_service_traits() {
    assert_eq!(SERVICE.shape_id, "example.kitchensink#KitchenSink");
    assert_eq!(SERVICE.sdk_id, "Kitchen Sink");
    assert_eq!(SERVICE.endpoint_prefix, "kitchen-sink");
    assert_eq!(SERVICE.signing_name, "kitchensink");
    assert_eq!(SERVICE.version, "2024-06-01");
    assert_eq!(SERVICE.protocol, Protocol::AwsJson1_1);
    assert_eq!(SERVICE.endpoint_rule_set, None);
    assert!(std::ptr::eq(Ping::SERVICE, &SERVICE));
}

#[test]
fn host_prefix_expands_the_host_label() {
    let input = PutDataInput::new("123456789012");
    assert_eq!(
        PutData::host_prefix(&input),
        Ok(Some("123456789012.data.".to_owned()))
    );
    assert_eq!(
        PutData::host_prefix(&PutDataInput::new("a-b")),
        Ok(Some("a-b.data.".to_owned()))
    );
}

#[test]
fn host_prefix_refuses_labels_that_are_not_host_labels() {
    for bad in ["", "a.b", "-lead", "trail-", "sp ace", "ü", &"x".repeat(64)] {
        let error = PutData::host_prefix(&PutDataInput::new(bad)).expect_err(bad);
        assert_eq!(error.member, "accountId", "{bad:?}");
        assert!(error.to_string().contains("`accountId`"), "{error}");
    }
    let error: HostPrefixError =
        PutData::host_prefix(&PutDataInput::new("")).expect_err("an empty label");
    assert_eq!(
        error.to_string(),
        "host label `accountId` is empty or not a valid host label"
    );
}

#[test]
fn the_host_label_is_still_serialized_in_the_body() {
    let input =
        PutDataInput::new("123456789012").with_payload(awsgen_types::Blob::new(b"hi".to_vec()));
    assert_eq!(
        serde_json::to_string(&input).expect("writes"),
        r#"{"accountId":"123456789012","payload":"aGk="}"#
    );
}

#[test]
fn operations_without_endpoint_trait_have_no_host_prefix() {
    assert_eq!(RoundTrip::host_prefix(&RoundTripInput::new("l")), Ok(None));
    assert_eq!(Ping::host_prefix(&PingInput::new()), Ok(None));
}

#[test]
fn request_compression_is_declared_only_where_modeled() {
    let compression: RequestCompression =
        Upload::REQUEST_COMPRESSION.expect("Upload has @requestCompression");
    assert_eq!(compression.encodings, &["gzip"]);
    assert_eq!(RoundTrip::REQUEST_COMPRESSION, None);
    assert_eq!(Ping::REQUEST_COMPRESSION, None);
    assert_eq!(PutData::REQUEST_COMPRESSION, None);
}

#[test]
fn an_operation_without_input_or_output_sends_and_reads_empty_objects() {
    assert_eq!(
        serde_json::to_string(&PingInput::new()).expect("writes"),
        "{}"
    );
    let output: PingOutput = serde_json::from_str("{}").expect("reads");
    assert_eq!(output, PingOutput::new());
    let unexpected: PingOutput =
        serde_json::from_str(r#"{"unexpected": [1, 2]}"#).expect("unknown keys are ignored");
    assert_eq!(unexpected, PingOutput::default());
}

#[test]
fn required_input_members_are_constructor_arguments_and_always_sent() {
    assert_eq!(
        serde_json::to_string(&RoundTripInput::new("")).expect("writes"),
        r#"{"label":""}"#
    );
}

/// Inputs derive `Deserialize` (to read requests kept as JSON), but they are
/// not responses: Smithy's error correction is for clients reading what a
/// service sent, so an input missing a @required member is refused rather
/// than filled with an empty string.
#[test]
fn an_input_document_missing_a_required_member_is_refused() {
    let missing = serde_json::from_str::<RoundTripInput>(r#"{"value":{}}"#)
        .expect_err("a missing required member");
    assert!(
        missing.to_string().contains("missing field `label`"),
        "{missing}"
    );
    let null = serde_json::from_str::<RoundTripInput>(r#"{"label":null}"#)
        .expect_err("a null required member");
    assert!(null.to_string().contains("invalid type: null"), "{null}");
    let read: RoundTripInput = serde_json::from_str(r#"{"label":""}"#).expect("reads");
    assert_eq!(read, RoundTripInput::new(""));
    assert!(serde_json::from_str::<PutDataInput>("{}").is_err());
}

fn error_from<O: Operation>(status: u16, body: &str) -> O::Error {
    operation_error::<O>(status, None, body, Some("rid"))
}

#[test]
fn a_retryable_throttling_service_error_is_on_every_operation() {
    let body = r#"{"__type":"ThrottledError","message":"slow down"}"#;
    let round_trip = error_from::<RoundTrip>(503, body);
    assert!(
        matches!(round_trip, RoundTripError::ThrottledError(_)),
        "{round_trip:?}"
    );
    assert_eq!(round_trip.retry_class(), Some(RetryClass::Throttling));
    let put = error_from::<PutData>(503, body);
    assert!(matches!(put, PutDataError::ThrottledError(_)), "{put:?}");
    assert_eq!(put.retry_class(), Some(RetryClass::Throttling));
    let upload = error_from::<Upload>(503, body);
    assert_eq!(upload.retry_class(), Some(RetryClass::Throttling));
    assert_eq!(
        upload.to_string(),
        "ThrottledError: slow down (HTTP 503, request ID rid)"
    );
}

#[test]
fn an_operation_error_reads_its_members() {
    let error = error_from::<RoundTrip>(
        400,
        r#"{"__type":"BadInputError","message":"bad","field":"label"}"#,
    );
    let RoundTripError::BadInputError(bad) = &error else {
        panic!("expected BadInputError, got {error:?}");
    };
    assert_eq!(bad.message.as_deref(), Some("bad"));
    assert_eq!(bad.field.as_deref(), Some("label"));
    assert_eq!(bad.metadata().status, 400);
    assert_eq!(
        error.retry_class(),
        None,
        "@httpError does not make an error retryable"
    );
}

/// `ConflictError`'s `Message` is `@required`: a `String`, read from the
/// body, zero-filled when absent, and shown by `Display`.
#[test]
fn a_required_error_message_is_a_string_that_display_shows() {
    let error = error_from::<PutData>(
        409,
        r#"{"__type":"ConflictError","Message":"already stored","resource":"r-1"}"#,
    );
    let PutDataError::ConflictError(conflict) = &error else {
        panic!("expected ConflictError, got {error:?}");
    };
    let message: &String = &conflict.message;
    assert_eq!(message, "already stored");
    assert_eq!(
        error.to_string(),
        "ConflictError: already stored (HTTP 409, request ID rid)"
    );
    let silent = error_from::<PutData>(409, r#"{"__type":"ConflictError"}"#);
    let PutDataError::ConflictError(silent) = &silent else {
        panic!("expected ConflictError, got {silent:?}");
    };
    assert_eq!(silent.message, "");
    // Without response metadata, `Display` falls back to the field.
    assert_eq!(
        ConflictError::new("taken").to_string(),
        "ConflictError: taken"
    );
    assert_eq!(ConflictError::new("").to_string(), "ConflictError");
}

#[test]
fn an_error_of_another_operation_is_unhandled() {
    let error = error_from::<PutData>(400, r#"{"__type":"BadInputError"}"#);
    assert!(matches!(error, PutDataError::Unhandled(_)), "{error:?}");
    assert_eq!(error.metadata().code.as_deref(), Some("BadInputError"));
}
