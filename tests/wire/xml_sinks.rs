//! The query sink (awsQuery) and the xml sink (restXml): the generated
//! code's requests and its reading of answers and errors, against bytes
//! written out here, so the plain test command covers the XML protocols end
//! to end without `../shared` (the protocol suites need it).

use awsgen_types::http::HeaderMap;
use awsgen_types::{HttpResponse, Operation, OperationError};

fn response(status: u16, body: &str) -> (u16, HeaderMap, Vec<u8>) {
    (status, HeaderMap::new(), body.as_bytes().to_vec())
}

#[test]
fn an_aws_query_request_is_a_form_of_action_version_and_dotted_members() {
    use query_sink_types::{ImageIdentifier, StartScan, StartScanRequest};
    let input = StartScanRequest::new(
        "team/app",
        ImageIdentifier::new()
            .with_image_tag("v1 & <new>")
            .with_image_digest("sha256:abc"),
    )
    .with_registry_id("123456789012");
    let request = StartScan::serialize_request(&input).expect("the input serializes");
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query, "/");
    let content_type = request
        .headers
        .iter()
        .find(|(name, _)| name == "content-type")
        .map(|(_, value)| value.to_str().expect("ASCII"));
    assert_eq!(content_type, Some("application/x-www-form-urlencoded"));
    let body = request.body.into_bytes().expect("a form body");
    assert_eq!(
        std::str::from_utf8(&body).expect("UTF-8"),
        "Action=StartScan&Version=2020-01-08&registryId=123456789012&repositoryName=team%2Fapp\
         &imageId.imageDigest=sha256%3Aabc&imageId.imageTag=v1+%26+%3Cnew%3E"
    );
}

#[test]
fn an_aws_query_answer_is_read_inside_its_result_element_and_an_error_by_its_code() {
    use query_sink_types::{ScanStatus, StartScan, StartScanError};
    let (status, headers, body) = response(
        200,
        r#"<StartScanResponse xmlns="https://example.com/query-sink/2020-01-08/">
             <StartScanResult>
               <repositoryName>team/app</repositoryName>
               <imageId><imageTag>v1 &amp; &lt;new&gt;</imageTag></imageId>
               <imageScanStatus><status>IN_PROGRESS</status><description>queued</description></imageScanStatus>
               <unknownMember>ignored</unknownMember>
             </StartScanResult>
             <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
           </StartScanResponse>"#,
    );
    let output = StartScan::deserialize_output(&HttpResponse {
        status,
        headers: &headers,
        body: &body,
    })
    .expect("the answer reads");
    assert_eq!(output.repository_name.as_deref(), Some("team/app"));
    assert_eq!(
        output.image_id.and_then(|i| i.image_tag).as_deref(),
        Some("v1 & <new>")
    );
    let scan = output.image_scan_status.expect("the scan status");
    assert_eq!(scan.status, Some(ScanStatus::InProgress));
    assert_eq!(scan.description.as_deref(), Some("queued"));
    assert_eq!(output.registry_id, None);

    let (status, headers, body) = response(
        400,
        r#"<ErrorResponse><Error><Type>Sender</Type><Code>ScanNotAllowed</Code>
             <Message>one scan a day</Message></Error><RequestId>req-2</RequestId></ErrorResponse>"#,
    );
    let error = StartScan::deserialize_error(&HttpResponse {
        status,
        headers: &headers,
        body: &body,
    });
    match &error {
        StartScanError::ScanNotAllowed(e) => {
            assert_eq!(e.message.as_deref(), Some("one scan a day"));
            assert_eq!(e.metadata().request_id.as_deref(), Some("req-2"));
        }
        other => panic!("expected ScanNotAllowed: {other:?}"),
    }
    // A code the operation does not model keeps it in the catch-all.
    let (status, headers, body) = response(
        403,
        r#"<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>"#,
    );
    let error = StartScan::deserialize_error(&HttpResponse {
        status,
        headers: &headers,
        body: &body,
    });
    assert!(matches!(error, StartScanError::Unhandled(_)), "{error:?}");
    assert_eq!(error.metadata().code.as_deref(), Some("AccessDenied"));
    assert_eq!(error.metadata().status, 403);
}

#[test]
fn a_rest_xml_request_binds_label_header_and_an_xml_body() {
    use xml_sink_types::{ImageIdentifier, StartScan, StartScanRequest};
    let input = StartScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1<"))
        .with_registry_id("123456789012");
    let request = StartScan::serialize_request(&input).expect("the input serializes");
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query, "/repositories/team%2Fapp/scans");
    let header = |wanted: &str| {
        request
            .headers
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, value)| value.to_str().expect("ASCII").to_owned())
    };
    assert_eq!(header("x-registry-id").as_deref(), Some("123456789012"));
    assert_eq!(header("content-type").as_deref(), Some("application/xml"));
    let body = request.body.into_bytes().expect("an XML body");
    assert_eq!(
        std::str::from_utf8(&body).expect("UTF-8"),
        "<StartScanRequest xmlns=\"https://example.com/xml-sink/2020-01-08/\">\
         <imageId><imageTag>v1&lt;</imageTag></imageId></StartScanRequest>"
    );
}

#[test]
fn a_rest_xml_answer_and_its_error_are_read_from_the_body() {
    use xml_sink_types::{ScanStatus, StartScan, StartScanError};
    let (status, headers, body) = response(
        200,
        r#"<StartScanResponse><registryId>123456789012</registryId>
             <imageScanStatus><status>COMPLETE</status></imageScanStatus></StartScanResponse>"#,
    );
    let output = StartScan::deserialize_output(&HttpResponse {
        status,
        headers: &headers,
        body: &body,
    })
    .expect("the answer reads");
    assert_eq!(output.registry_id.as_deref(), Some("123456789012"));
    assert_eq!(
        output.image_scan_status.and_then(|s| s.status),
        Some(ScanStatus::Complete)
    );

    // The wrapped and the unwrapped error forms both name the variant.
    for body in [
        "<ErrorResponse><Error><Code>ScanNotAllowed</Code><Message>later</Message></Error></ErrorResponse>",
        "<Error><Code>ScanNotAllowed</Code><Message>later</Message></Error>",
    ] {
        let (status, headers, body) = response(400, body);
        let error = StartScan::deserialize_error(&HttpResponse {
            status,
            headers: &headers,
            body: &body,
        });
        match &error {
            StartScanError::ScanNotAllowed(e) => {
                assert_eq!(e.message.as_deref(), Some("later"));
            }
            other => panic!("expected ScanNotAllowed: {other:?}"),
        }
    }
    // A body that is not XML is an error naming what was wrong, not a panic.
    let (status, headers, body) = response(200, "<StartScanResponse><registryId>");
    let refused = StartScan::deserialize_output(&HttpResponse {
        status,
        headers: &headers,
        body: &body,
    });
    assert!(refused.is_err(), "{refused:?}");
}

#[test]
fn http_checksum_members_are_read_through_the_operation() {
    use xml_sink_types::{
        ChecksumAlgorithm, ChecksumMode, DownloadReport, DownloadReportRequest, UploadReport,
        UploadReportRequest,
    };
    let upload = UploadReportRequest::new("r1");
    assert_eq!(UploadReport::request_checksum_algorithm(&upload), None);
    let checksum = UploadReport::HTTP_CHECKSUM.expect("UploadReport has @httpChecksum");
    assert!(checksum.request_checksum_required);
    assert!(checksum.response_algorithms.is_empty());
    let upload = upload.with_checksum_algorithm(ChecksumAlgorithm::Crc32c);
    assert_eq!(
        UploadReport::request_checksum_algorithm(&upload),
        Some("CRC32C")
    );
    // The member also travels in its own header, as modeled.
    let request = UploadReport::serialize_request(&upload).expect("the input serializes");
    let algorithm = request
        .headers
        .iter()
        .find(|(name, _)| name == "x-amz-sdk-checksum-algorithm")
        .map(|(_, value)| value.to_str().expect("ASCII"));
    assert_eq!(algorithm, Some("CRC32C"));

    let download = DownloadReportRequest::new("r1");
    assert!(!DownloadReport::response_checksum_validation(&download));
    let enabled = download.clone().with_checksum_mode(ChecksumMode::Enabled);
    assert!(DownloadReport::response_checksum_validation(&enabled));
    let other = download.with_checksum_mode(ChecksumMode::from("DISABLED"));
    assert!(!DownloadReport::response_checksum_validation(&other));
    let checksum = DownloadReport::HTTP_CHECKSUM.expect("DownloadReport has @httpChecksum");
    assert!(!checksum.request_checksum_required);
    assert_eq!(
        checksum.response_algorithms,
        ["CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1"]
    );
}
