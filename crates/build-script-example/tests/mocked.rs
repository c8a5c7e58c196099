//! The build-script client in use, against a typed mock: the included module
//! compiles at depth two and sends through the real client.

use awsgen_build_example::aws::ecr;
use awsgen_build_example::start_scan;
use awsgen_client::testing::{self, Mock};

#[tokio::test(flavor = "current_thread")]
async fn the_generated_module_sends_and_reads_typed_answers() {
    let mock = Mock::new()
        .returns::<ecr::StartImageScan>(ecr::StartImageScanResponse::new().with_image_scan_status(
            ecr::ImageScanStatus::new().with_status(ecr::ScanStatus::InProgress),
        ))
        .fails::<ecr::StartImageScan>(ecr::LimitExceededException::new());
    let client = ecr::Client::new(testing::client_builder(mock.clone()).build().unwrap());

    let status = start_scan(&client, "team/app", "v1").await.unwrap();
    assert_eq!(status, Some(ecr::ScanStatus::InProgress));
    let quota = start_scan(&client, "team/app", "v1").await.unwrap_err();
    assert!(matches!(
        quota.as_service(),
        Some(ecr::StartImageScanError::LimitExceededException(_))
    ));
    mock.finish().unwrap();
}

/// The operation marker names the service of the model it came from.
#[test]
fn the_module_holds_the_service_and_its_operations() {
    use awsgen_types::Operation;
    assert_eq!(ecr::SERVICE.sdk_id, "ECR");
    assert_eq!(<ecr::StartImageScan as Operation>::NAME, "StartImageScan");
}
