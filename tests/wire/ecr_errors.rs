//! ECR `StartImageScan` error responses through the generated
//! `OperationError::from_response`: every modeled error, unknown codes, bodies
//! that are not JSON, `Display`, and retry decisions.

use awsgen_types::{ErrorMetadata, OperationError, RetryClass};
use ecr_types::{StartImageScan, StartImageScanError};

use crate::support::operation_error;

const MODELED: [&str; 7] = [
    "ImageNotFoundException",
    "InvalidParameterException",
    "LimitExceededException",
    "RepositoryNotFoundException",
    "ServerException",
    "UnsupportedImageTypeException",
    "ValidationException",
];

/// The variant's name and the modeled `message` member it read.
fn variant(error: &StartImageScanError) -> (&'static str, Option<&str>) {
    match error {
        StartImageScanError::ImageNotFoundException(e) => {
            ("ImageNotFoundException", e.message.as_deref())
        }
        StartImageScanError::InvalidParameterException(e) => {
            ("InvalidParameterException", e.message.as_deref())
        }
        StartImageScanError::LimitExceededException(e) => {
            ("LimitExceededException", e.message.as_deref())
        }
        StartImageScanError::RepositoryNotFoundException(e) => {
            ("RepositoryNotFoundException", e.message.as_deref())
        }
        StartImageScanError::ServerException(e) => ("ServerException", e.message.as_deref()),
        StartImageScanError::UnsupportedImageTypeException(e) => {
            ("UnsupportedImageTypeException", e.message.as_deref())
        }
        StartImageScanError::ValidationException(e) => {
            ("ValidationException", e.message.as_deref())
        }
        StartImageScanError::Unhandled(_) => ("Unhandled", None),
        _ => ("a variant this test does not know", None),
    }
}

/// What a transport does with an error response: hand it to the operation.
fn from_response(status: u16, header: Option<&str>, body: &str) -> StartImageScanError {
    operation_error::<StartImageScan>(status, header, body, Some("req-7"))
}

#[test]
fn every_modeled_error_is_recognised_by_its_dunder_type() {
    for code in MODELED {
        let body = format!(r#"{{"__type":"{code}","message":"about {code}"}}"#);
        let error = from_response(400, None, &body);
        let about = format!("about {code}");
        assert_eq!(variant(&error), (code, Some(about.as_str())), "{body}");
        let metadata = error.metadata();
        assert_eq!(metadata.code.as_deref(), Some(code));
        assert_eq!(metadata.status, 400);
        assert_eq!(metadata.request_id.as_deref(), Some("req-7"));
    }
}

#[test]
fn every_modeled_error_is_recognised_by_its_code_key() {
    for code in MODELED {
        let body = format!(r#"{{"code":"{code}","__type":"SomethingElse","Message":"m"}}"#);
        let error = from_response(400, None, &body);
        assert_eq!(variant(&error).0, code, "`code` wins over `__type`: {body}");
        assert_eq!(error.metadata().message.as_deref(), Some("m"));
    }
}

#[test]
fn qualified_and_suffixed_codes_are_sanitized() {
    for raw in [
        "com.amazonaws.ecr#RepositoryNotFoundException",
        "RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        "any.namespace#RepositoryNotFoundException:http://internal.amazon.com/x",
    ] {
        let body = format!(r#"{{"__type":"{raw}","message":"gone"}}"#);
        let error = from_response(400, None, &body);
        assert_eq!(
            variant(&error),
            ("RepositoryNotFoundException", Some("gone")),
            "{raw}"
        );
    }
}

#[test]
fn the_error_type_header_wins_over_the_body() {
    let error = from_response(
        400,
        Some("LimitExceededException"),
        r#"{"__type":"ServerException","message":"m"}"#,
    );
    assert_eq!(variant(&error), ("LimitExceededException", Some("m")));
}

#[test]
fn a_nested_dunder_type_is_not_the_error_code() {
    let error = from_response(
        400,
        None,
        r#"{"details":[{"__type":"ValidationException"}],"message":"m"}"#,
    );
    assert_eq!(variant(&error).0, "Unhandled");
    assert_eq!(error.metadata().code, None);
}

#[test]
fn an_unknown_code_is_unhandled_and_keeps_everything() {
    let body = r#"{"__type":"BrandNewException","message":"new"}"#;
    let error = from_response(418, None, body);
    let StartImageScanError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    let metadata = unhandled.metadata();
    assert_eq!(metadata.code.as_deref(), Some("BrandNewException"));
    assert_eq!(metadata.message.as_deref(), Some("new"));
    assert_eq!(metadata.status, 418);
    assert_eq!(metadata.request_id.as_deref(), Some("req-7"));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(error.retry_class(), None);
}

#[test]
fn codes_are_compared_case_sensitively() {
    let error = from_response(400, None, r#"{"__type":"serverexception"}"#);
    assert_eq!(variant(&error).0, "Unhandled");
}

#[test]
fn an_html_body_with_a_header_code_is_still_the_modeled_error() {
    let body = "<html><body><h1>503 Service Unavailable</h1></body></html>";
    let error = from_response(503, Some("ServerException"), body);
    assert_eq!(variant(&error), ("ServerException", None));
    assert_eq!(error.metadata().status, 503);
}

#[test]
fn an_html_body_without_a_code_is_unhandled_with_its_body() {
    let body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = from_response(502, None, body);
    let StartImageScanError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(unhandled.metadata().code, None);
    assert_eq!(
        error.to_string(),
        "unidentified service error (HTTP 502, request ID req-7)"
    );
}

#[test]
fn an_empty_body_with_a_header_code_is_the_modeled_error() {
    let error = from_response(400, Some("ValidationException"), "");
    assert_eq!(variant(&error), ("ValidationException", None));
}

#[test]
fn a_modeled_error_whose_body_does_not_fit_is_still_recognised_by_its_code() {
    // `parse_error_body` reads a body that does not fit the shape as `{}`, so
    // the code alone still selects the variant.
    let body = r#"{"__type":"ValidationException","message":{"not":"a string"}}"#;
    let error = from_response(400, None, body);
    assert_eq!(variant(&error), ("ValidationException", None));
    assert_eq!(
        error.metadata().code.as_deref(),
        Some("ValidationException")
    );
    assert_eq!(error.metadata().request_id.as_deref(), Some("req-7"));
}

#[test]
fn display_shows_code_message_and_request_id_once() {
    let error = from_response(
        400,
        None,
        r#"{"__type":"LimitExceededException","message":"one scan per image per day"}"#,
    );
    let text = error.to_string();
    assert_eq!(
        text,
        "LimitExceededException: one scan per image per day (HTTP 400, request ID req-7)"
    );
    for part in [
        "LimitExceededException",
        "one scan per image per day",
        "req-7",
    ] {
        assert_eq!(text.matches(part).count(), 1, "{part} in {text}");
    }
}

#[test]
fn a_modeled_error_built_by_hand_displays_its_code_and_message() {
    let error = ecr_types::ServerException::new().with_message("broken");
    assert_eq!(error.to_string(), "ServerException: broken");
    let with_metadata = error.with_metadata(ErrorMetadata::new(
        Some("ServerException".into()),
        None,
        500,
        Some("r-1".into()),
    ));
    assert_eq!(
        with_metadata.to_string(),
        "ServerException: broken (HTTP 500, request ID r-1)"
    );
}

#[test]
fn limit_exceeded_is_never_retried_and_the_rest_are_left_to_the_transport() {
    for code in MODELED {
        let error = from_response(400, None, &format!(r#"{{"__type":"{code}"}}"#));
        let expected = (code == "LimitExceededException").then_some(RetryClass::Never);
        assert_eq!(error.retry_class(), expected, "{code}");
    }
}

#[test]
fn error_debug_output_carries_the_request_id() {
    let error = from_response(400, None, r#"{"__type":"ImageNotFoundException"}"#);
    let debug = format!("{error:?}");
    assert!(debug.contains("req-7"), "{debug}");
    assert!(debug.contains("ImageNotFoundException"), "{debug}");
}
