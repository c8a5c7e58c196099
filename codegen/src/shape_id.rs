//! Parsed Smithy shape IDs: `namespace#Name` or `namespace#Name$member`.

use std::fmt;
use std::str::FromStr;

/// An absolute shape ID, optionally naming a member.
///
/// Ordering is by namespace, name, then member, so maps keyed by `ShapeId`
/// iterate in a stable, model-independent order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// Why a string is not a valid absolute shape ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid absolute shape ID: {reason}")]
pub struct ShapeIdError {
    input: String,
    reason: &'static str,
}

impl ShapeId {
    /// Builds `namespace#name` from parts that are already known to be valid.
    pub fn new(namespace: &str, name: &str) -> Result<ShapeId, ShapeIdError> {
        format!("{namespace}#{name}").parse()
    }

    /// The namespace, e.g. `com.amazonaws.ecr`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `StartImageScanRequest`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, for member IDs.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The ID of member `member` of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    /// The containing shape of a member ID (or the ID itself).
    pub fn root(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// Whether this is the prelude's `smithy.api#Unit`.
    pub fn is_unit(&self) -> bool {
        self.namespace == "smithy.api" && self.name == "Unit" && self.member.is_none()
    }
}

/// `Identifier = (1*"_" (ALPHA / DIGIT) / ALPHA) *(ALPHA / DIGIT / "_")`
fn is_identifier(s: &str) -> bool {
    let rest = s.trim_start_matches('_');
    let leading_underscores = s.len() - rest.len();
    let mut chars = rest.chars();
    let first_ok = match chars.next() {
        Some(c) if leading_underscores > 0 => c.is_ascii_alphanumeric(),
        Some(c) => c.is_ascii_alphabetic(),
        None => false,
    };
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl FromStr for ShapeId {
    type Err = ShapeIdError;

    fn from_str(input: &str) -> Result<ShapeId, ShapeIdError> {
        let fail = |reason| ShapeIdError {
            input: input.to_owned(),
            reason,
        };
        let (namespace, rest) = input.split_once('#').ok_or_else(|| fail("missing `#`"))?;
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(fail("the namespace must be dot-separated identifiers"));
        }
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(fail("the shape name must be an identifier"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(fail("the member name must be an identifier"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShapeId({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_shape_and_member_ids() {
        let id: ShapeId = "com.amazonaws.ecr#ImageIdentifier$imageTag"
            .parse()
            .unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.ecr");
        assert_eq!(id.name(), "ImageIdentifier");
        assert_eq!(id.member(), Some("imageTag"));
        assert_eq!(id.to_string(), "com.amazonaws.ecr#ImageIdentifier$imageTag");
        assert_eq!(id.root().to_string(), "com.amazonaws.ecr#ImageIdentifier");
        assert!("smithy.api#Unit".parse::<ShapeId>().unwrap().is_unit());
        assert!("a#_x1".parse::<ShapeId>().is_ok());
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "NoHash", "#Name", "ns#", "ns#1abc", "ns..x#A", "ns#A$", "ns#A$1", "ns#_", "ns#A B",
        ] {
            let err = bad.parse::<ShapeId>().unwrap_err();
            assert!(err.to_string().contains(bad), "{err}");
        }
    }
}
