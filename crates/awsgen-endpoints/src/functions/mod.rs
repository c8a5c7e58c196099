//! The functions a rule set may call: the Smithy standard library and the AWS
//! library (`aws.*`).
//!
//! `getAttr` is not listed here: it is an accessor with a literal path, so it
//! compiles to its own expression kind (shared with `{Var#path}` templates).
//! `coalesce`, `split` and `ite` (rules engine 1.1+) are not implemented: no
//! model this project consumes calls them, and a rule set that does is
//! rejected when it is loaded, naming the function.

pub(crate) mod arn;
pub(crate) mod host;
pub(crate) mod strings;
pub(crate) mod url;

/// A function other than `getAttr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

/// Each function with its name in rule sets and its number of arguments.
const FUNCTIONS: [(Func, &str, usize); 11] = [
    (Func::IsSet, "isSet", 1),
    (Func::Not, "not", 1),
    (Func::BooleanEquals, "booleanEquals", 2),
    (Func::StringEquals, "stringEquals", 2),
    (Func::Substring, "substring", 4),
    (Func::UriEncode, "uriEncode", 1),
    (Func::ParseUrl, "parseURL", 1),
    (Func::IsValidHostLabel, "isValidHostLabel", 2),
    (Func::AwsPartition, "aws.partition", 1),
    (Func::AwsParseArn, "aws.parseArn", 1),
    (
        Func::AwsIsVirtualHostableS3Bucket,
        "aws.isVirtualHostableS3Bucket",
        2,
    ),
];

impl Func {
    /// The function called `name`, if this engine implements it.
    pub(crate) fn from_name(name: &str) -> Option<Func> {
        FUNCTIONS
            .iter()
            .find(|(_, known, _)| *known == name)
            .map(|(func, _, _)| *func)
    }

    /// The function's name as written in rule sets.
    pub(crate) fn name(self) -> &'static str {
        self.entry().1
    }

    /// How many arguments the function takes.
    pub(crate) fn arity(self) -> usize {
        self.entry().2
    }

    fn entry(self) -> (Func, &'static str, usize) {
        // Every variant is in FUNCTIONS (a unit test checks it); the fallback
        // only keeps this total.
        FUNCTIONS
            .iter()
            .copied()
            .find(|(func, _, _)| *func == self)
            .unwrap_or((self, "<unlisted function>", 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_round_trips_through_its_name() {
        for (func, name, arity) in FUNCTIONS {
            assert_eq!(Func::from_name(name), Some(func));
            assert_eq!(func.name(), name);
            assert_eq!(func.arity(), arity);
        }
        assert_eq!(Func::from_name("coalesce"), None);
        assert_eq!(Func::from_name("getAttr"), None);
    }
}
