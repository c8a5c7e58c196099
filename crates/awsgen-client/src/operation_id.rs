//! Which operation a request is for, carried in the request's extensions
//! so that a connector can tell without reading the wire (an awsJson
//! request names its operation in `X-Amz-Target`, a restJson1 request only
//! by its method and path).

use std::fmt;

use awsgen_types::{Operation, Protocol};

use crate::request::Outgoing;

/// The service and operation of an outgoing request.
///
/// The [`Client`](crate::Client) puts one in the
/// [extensions](http::Request::extensions) of every request it hands to an
/// [`HttpConnector`](crate::HttpConnector) whose
/// [`wants_operation_id`](crate::HttpConnector::wants_operation_id) says so;
/// extensions never reach the wire.
/// Test connectors route and record by it
/// ([`testing`](crate::testing), with the `testing` feature).
///
/// ```
/// use awsgen_client::OperationId;
///
/// fn describe(request: &http::Request<bytes::Bytes>) -> String {
///     match OperationId::of_request(request) {
///         Some(operation) => format!("{operation}"), // "ECR StartImageScan"
///         None => "a request not made by awsgen_client::Client".to_owned(),
///     }
/// }
/// # let _ = describe;
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationId {
    sdk_id: &'static str,
    service: &'static str,
    name: &'static str,
    protocol: Protocol,
}

impl OperationId {
    /// The identity of operation `O`.
    pub fn of<O: Operation>() -> Self {
        OperationId {
            sdk_id: O::SERVICE.sdk_id,
            service: O::SERVICE.shape_id,
            name: O::NAME,
            protocol: O::SERVICE.protocol,
        }
    }

    /// The operation a request was made for, when the client made it.
    pub fn of_request<B>(request: &http::Request<B>) -> Option<&OperationId> {
        request.extensions().get::<OperationId>()
    }

    /// The service's `sdkId`, e.g. `ECR`.
    pub fn sdk_id(&self) -> &'static str {
        self.sdk_id
    }

    /// The service's absolute shape ID.
    pub fn service(&self) -> &'static str {
        self.service
    }

    /// The operation's name, e.g. `StartImageScan`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The service's wire protocol.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// Whether this is operation `O` (same service, same name).
    pub fn is<O: Operation>(&self) -> bool {
        self.service == O::SERVICE.shape_id && self.name == O::NAME
    }
}

impl fmt::Debug for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OperationId({} {})", self.sdk_id, self.name)
    }
}

/// `ECR StartImageScan`: the `sdkId` and the operation name.
impl fmt::Display for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.sdk_id, self.name)
    }
}

impl Outgoing {
    /// The request, marked as one of `operation`.
    pub(crate) fn for_operation(mut self, operation: OperationId) -> Self {
        match &mut self {
            Outgoing::Buffered(request) => request.extensions_mut().insert(operation),
            Outgoing::Streaming(request) => request.extensions_mut().insert(operation),
        };
        self
    }
}
