//! A Smithy endpoint rules engine with the AWS partition functions.
//!
//! [`RuleSet`] reads a `smithy.rules#endpointRuleSet` trait value (rules
//! engine 1.0 to 1.3), checks it once, and then resolves an [`Endpoint`] from
//! [`Params`] by interpreting the rules:
//!
//! ```
//! use awsgen_endpoints::{Params, ResolveError, RuleSet};
//! let rules = RuleSet::from_json(r#"{
//!     "version": "1.0",
//!     "parameters": {"Region": {"type": "String"}},
//!     "rules": [
//!         {"type": "tree",
//!          "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
//!          "rules": [{"type": "endpoint", "conditions": [],
//!                     "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}}]},
//!         {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
//!     ]
//! }"#)?;
//! let cn = rules.resolve(&Params::new().with("Region", "cn-north-1"))?;
//! assert_eq!(cn.url, "https://svc.cn-north-1.amazonaws.com.cn");
//! assert_eq!(
//!     rules.resolve(&Params::new()),
//!     Err(ResolveError::Rule("Invalid Configuration: Missing Region".into()))
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Built-in parameters (`AWS::Region`, `SDK::Endpoint`, ...) are metadata
//! here: the caller reads [`Parameter::built_in`] and fills the values in.
//! The partition data behind `aws.partition` is pinned; see the `partitions`
//! module source for the version and why.
//!
//! [`test_case`](mod@test_case) reads the `smithy.rules#endpointTests` cases a model ships
//! and judges a resolution against them, for test runners.

mod compile;
mod endpoint;
mod error;
mod eval;
mod functions;
mod ir;
mod parameter;
mod partitions;
mod path;
mod ruleset;
mod syntax;
mod template;
pub mod test_case;
mod value;

pub use endpoint::Endpoint;
pub use error::{ResolveError, RuleSetError};
pub use parameter::{Deprecation, Parameter, ParameterType};
pub use ruleset::RuleSet;
pub use value::{Params, Value};
