//! The endpoint an error came from, kept as the request's scheme and
//! authority and spelled out (`scheme://host[:port]`) only when someone
//! reads it.
//!
//! Why not a `String` made when the error is: every error that reaches an
//! attempt carries its endpoint, a modeled service error included, and
//! formatting it there cost about 1,100 instructions, an allocation and a
//! reallocation per failed call (BENCHMARKS.md, "The attempt started out
//! of line"), paid even when the caller only matches on the error. Cloning
//! the parts is a reference count, the URI's bytes being shared with the
//! endpoint cache. Made boxed, so that `CallError` stays small to move (one
//! pointer for this).

use std::sync::OnceLock;

use http::uri::{Authority, Scheme};
use http::Uri;

pub(super) struct Origin {
    scheme: Scheme,
    authority: Authority,
    spelled: OnceLock<String>,
}

impl Origin {
    /// `None` for a URI without a scheme or an authority (a relative one),
    /// which names no endpoint.
    pub(super) fn of(uri: &Uri) -> Option<Box<Origin>> {
        Some(Box::new(Origin {
            scheme: uri.scheme()?.clone(),
            authority: uri.authority()?.clone(),
            spelled: OnceLock::new(),
        }))
    }

    pub(super) fn as_str(&self) -> &str {
        self.spelled
            .get_or_init(|| format!("{}://{}", self.scheme, self.authority))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_scheme_and_authority_without_the_path() {
        let uri: Uri = "https://api.ecr.us-east-1.amazonaws.com:8443/v1/scan?x=1"
            .parse()
            .unwrap();
        let origin = Origin::of(&uri).unwrap();
        assert_eq!(
            origin.as_str(),
            "https://api.ecr.us-east-1.amazonaws.com:8443"
        );
        assert_eq!(
            origin.as_str(),
            "https://api.ecr.us-east-1.amazonaws.com:8443"
        );
    }

    #[test]
    fn a_relative_uri_names_no_endpoint() {
        assert!(Origin::of(&"/v1/scan".parse().unwrap()).is_none());
    }
}
