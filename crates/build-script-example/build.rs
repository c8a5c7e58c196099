//! Generates the ECR client into `$OUT_DIR/ecr.rs` from the project's model,
//! as a project outside this repository would from its own copy of a model
//! (with `awsgen-codegen` as a build-dependency).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let generated = awsgen_codegen::Builder::new()
        // A file or a directory of `*.json` Smithy JSON AST files, relative
        // to this crate; Cargo reruns the script when it changes.
        .model("../../ecr-model")
        .service("com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921")
        .operations(["StartImageScan", "DescribeImageScanFindings"])
        .generate()?;
    assert!(generated.path.ends_with("ecr.rs"));
    Ok(())
}
