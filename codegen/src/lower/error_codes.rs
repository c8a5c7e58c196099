//! How a service's error responses are read (`ErrorFormat`, from its
//! protocol and `@awsQueryCompatible`) and the codes that name each error:
//! the shape name, or awsQuery's `@awsQueryError` code, which a
//! query-compatible JSON or CBOR service also matches. Decided once here
//! for every protocol, so the operation's error table (`operation.rs`) and
//! the error structure (`structure.rs`) agree.

use crate::ir::{ErrorFormat, Protocol};
use crate::lower::Lowerer;
use crate::model::xml_traits::{ids, AwsQueryErrorTrait};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// How the service's error responses are read.
    pub(super) fn error_format(&self) -> ErrorFormat {
        match self.protocol() {
            Protocol::AwsQuery => ErrorFormat::AwsQueryXml,
            Protocol::Ec2Query => ErrorFormat::Ec2QueryXml,
            Protocol::RestXml => ErrorFormat::RestXml,
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => {
                ErrorFormat::Json {
                    query_compatible: self.query_compatible(),
                }
            }
            Protocol::RpcV2Cbor => ErrorFormat::Cbor {
                query_compatible: self.query_compatible(),
            },
        }
    }

    /// The codes that name an error: the one its variant is selected by
    /// (awsQuery: `@awsQueryError`'s code, else the shape name), and for
    /// an `@awsQueryCompatible` service the `@awsQueryError` code beside
    /// the shape name.
    pub(super) fn error_codes(&mut self, error: &ShapeId) -> (String, Option<String>) {
        let name = error.name().to_owned();
        let custom = self.aws_query_error(error).map(|e| e.code);
        match (self.error_format(), custom) {
            (ErrorFormat::AwsQueryXml, Some(code)) => (code, None),
            (
                ErrorFormat::Json {
                    query_compatible: true,
                }
                | ErrorFormat::Cbor {
                    query_compatible: true,
                },
                Some(code),
            ) if code != name => (name, Some(code)),
            _ => (name, None),
        }
    }

    /// `@awsQueryError` of an error structure, where the protocol reads it
    /// (awsQuery, and JSON and CBOR services that are query-compatible).
    pub(super) fn aws_query_error(&mut self, error: &ShapeId) -> Option<AwsQueryErrorTrait> {
        let reads_it = matches!(
            self.error_format(),
            ErrorFormat::AwsQueryXml
                | ErrorFormat::Json {
                    query_compatible: true
                }
                | ErrorFormat::Cbor {
                    query_compatible: true
                }
        );
        if !reads_it {
            return None;
        }
        let traits = self.model.get(error)?.traits.clone();
        self.decode(error, &traits, ids::AWS_QUERY_ERROR)
    }
}
