//! What the generated root re-exports from the runtime crates, so that a
//! user of the generated crate finds the types a call's result and its
//! checks are made of without adding `awsgen-client` or `awsgen-types`
//! as dependencies. A model's own type of the same name wins: its
//! re-export is left out (it stays reachable through the runtime crate).

use std::collections::BTreeSet;

use crate::ir::{CrateIr, ReexportFrom, ReexportIr};

/// The candidates, and where each comes from.
const CANDIDATES: [(&str, ReexportFrom); 9] = [
    ("CallError", ReexportFrom::Client),
    ("CallErrorKind", ReexportFrom::Client),
    ("ClientBuilder", ReexportFrom::Client),
    ("ConfigError", ReexportFrom::Client),
    ("Credentials", ReexportFrom::Client),
    ("ErrorMetadata", ReexportFrom::Types),
    ("OperationError", ReexportFrom::Types),
    ("Validate", ReexportFrom::Types),
    ("testing", ReexportFrom::Testing),
];

/// The re-exports no generated item's name hides, in name order.
pub(crate) fn reexports(ir: &CrateIr) -> Vec<ReexportIr> {
    let mut taken: BTreeSet<&str> = ir.types.iter().map(|t| t.rust_name()).collect();
    taken.extend(ir.errors.iter().map(|e| e.rust_name.as_str()));
    for op in &ir.operations {
        taken.insert(&op.rust_name);
        taken.insert(&op.error.rust_name);
    }
    taken.insert(&ir.client.rust_name);
    taken.extend([
        "SERVICE",
        "client",
        "error",
        "operation",
        "service",
        "types",
        "waiters",
    ]);
    CANDIDATES
        .iter()
        .filter(|(name, _)| !taken.contains(name))
        .map(|(name, from)| ReexportIr {
            name: (*name).to_owned(),
            from: *from,
        })
        .collect()
}
