//! Generated types against wire bytes: ECR `StartImageScan` requests,
//! responses and errors, the kitchen-sink crate's every shape kind, and the
//! rest sink's restJson1 paths over `@jsonName` members, the cbor sink's
//! rpcv2Cbor bodies.

mod support;

#[path = "wire/cbor_sink.rs"]
mod cbor_sink;
#[path = "wire/collections.rs"]
mod collections;
#[path = "wire/ecr_errors.rs"]
mod ecr_errors;
#[path = "wire/ecr_request.rs"]
mod ecr_request;
#[path = "wire/ecr_response.rs"]
mod ecr_response;
#[path = "wire/fast_reader.rs"]
mod fast_reader;
#[path = "wire/operations.rs"]
mod operations;
#[path = "wire/pagination_waiters.rs"]
mod pagination_waiters;
#[path = "wire/rest_bad_input.rs"]
mod rest_bad_input;
#[path = "wire/rest_sink.rs"]
mod rest_sink;
#[path = "wire/scalars.rs"]
mod scalars;
#[path = "wire/structures.rs"]
mod structures;
#[path = "wire/timestamps.rs"]
mod timestamps;
#[path = "wire/unions_enums.rs"]
mod unions_enums;
