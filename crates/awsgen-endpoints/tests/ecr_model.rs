//! Every `smithy.rules#endpointTests` case written into the project's own
//! `ecr-model/service.json` (the official model's 53 ECR cases, as facts)
//! passes against the rule set in the same file.

#[path = "support/endpoint_cases.rs"]
mod endpoint_cases;

use std::path::Path;

use endpoint_cases::{run_model, Tally};

#[test]
fn every_endpoint_test_case_of_the_projects_ecr_model_passes() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ecr-model/service.json");
    let mut tally = Tally::default();
    run_model(&file, &mut tally);
    assert_eq!(
        tally.failures,
        Vec::<String>::new(),
        "failing endpoint test cases of {}",
        file.display()
    );
    assert_eq!(
        tally.passed, 53,
        "the ECR model carries 53 endpoint test cases"
    );
}
