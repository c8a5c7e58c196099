//! HTTP bindings of REST protocols (`@http`, `@httpLabel`, `@httpQuery`,
//! `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`, `@httpPayload`,
//! `@httpResponseCode`): where each member of an input, output or error
//! travels, decided when lowering. Members are named by their index into the
//! structure's `fields`, so a binding cannot name a field that is not there.

use crate::ir::TimestampFormatIr;

/// A REST operation's request and response.
#[derive(Debug, Clone, PartialEq)]
pub struct RestBinding {
    pub method: HttpMethod,
    /// The path of `@http(uri)`, in order.
    pub path: Vec<PathPart>,
    /// The literal query of `@http(uri)` (`?x-id=GetObject&list`), written first.
    pub literal_query: Vec<(String, Option<String>)>,
    pub request: RequestBinding,
    pub response: MessageBinding,
    /// `@http(code)`: the status of a success.
    pub success_code: u16,
}

/// The methods `@http` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
}

/// A piece of the request path.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text between labels, written as the model has it.
    Literal(String),
    /// `{label}` or `{label+}`.
    Label(LabelBinding),
}

/// An `@httpLabel` member.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBinding {
    pub member: MemberRef,
    pub value: HttpScalar,
    /// `{label+}`: spans segments, so `/` is kept as it is.
    pub greedy: bool,
    /// Whether a `.` or `..` segment of a greedy label is sent or refused.
    pub dot_segments: DotSegments,
}

/// What a greedy label does with a `.` or `..` segment, which a server
/// that normalizes paths would read as a move up or nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotSegments {
    /// Refused before sending, naming the member (the general rule).
    Refused,
    /// Sent as they are: S3 object keys are names, not paths, and S3 does
    /// not normalize (`foo/../key.txt` is its own key).
    Sent,
}

/// What the request carries beyond the path.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBinding {
    pub query: Vec<QueryBinding>,
    pub query_params: Option<QueryParamsBinding>,
    pub message: MessageBinding,
}

/// An `@httpQuery` member.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryBinding {
    pub name: String,
    pub member: MemberRef,
    pub value: HttpValue,
}

/// The `@httpQueryParams` member: a map of strings, or of lists of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryParamsBinding {
    pub member: MemberRef,
    /// The map's values are lists (each item its own `key=value`).
    pub list_values: bool,
}

/// Headers and body of a request, response or error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessageBinding {
    pub headers: Vec<HeaderBinding>,
    pub prefix_headers: Option<PrefixHeadersBinding>,
    /// `@httpResponseCode` (responses only): the field taking the status.
    pub status_code: Option<MemberRef>,
    pub body: BodyBinding,
    /// The `@httpHeader("Content-Type")` member, if any (one of `headers`):
    /// when it is set, the request's `Content-Type` is its value rather
    /// than the body's default (`TestPayloadBlob` sends `image/jpg`).
    pub content_type_member: Option<MemberRef>,
}

/// An `@httpHeader` member.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBinding {
    /// The header name, lower-cased (header names are case-insensitive).
    pub name: String,
    pub member: MemberRef,
    pub value: HttpValue,
}

/// The `@httpPrefixHeaders` member: a map of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct PrefixHeadersBinding {
    /// The prefix, lower-cased; may be empty (then every header).
    pub prefix: String,
    pub member: MemberRef,
}

/// What goes in the body.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum BodyBinding {
    /// No member is left for the body: no body, no `Content-Type`.
    #[default]
    Empty,
    /// The unbound members, as a JSON object (fields by index).
    Members(Vec<usize>),
    /// The `@httpPayload` member is the whole body.
    Payload(PayloadBinding),
}

/// The `@httpPayload` member and how it is the body.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadBinding {
    pub member: MemberRef,
    pub kind: PayloadKind,
    /// The `Content-Type` the body is sent with.
    pub content_type: String,
}

/// What a payload member targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// A structure, written as a JSON object.
    Structure,
    /// A union, written as a JSON object with one member.
    Union,
    /// A document, written as JSON.
    Document,
    /// A blob, the bytes as they are.
    Blob,
    /// A `@streaming` blob: the caller's stream, sent and received as it
    /// flows; `@requiresLength` refuses one of unknown length.
    Stream { requires_length: bool },
    /// A string, the text as it is.
    String,
    /// A string enum, its value as text.
    Enum,
}

/// A top-level member of the input, output or error structure.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRef {
    /// Index into the structure's `fields`.
    pub field: usize,
    /// The Smithy member name, for error messages.
    pub name: String,
}

/// How a label, query or header member's value is written and read.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpValue {
    /// One scalar.
    Scalar(HttpScalar),
    /// A list of scalars: repeated query keys, or a comma-joined header.
    List(HttpScalar),
}

/// A scalar's text form in a URI, query string or header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpScalar {
    /// A string, as it is.
    String,
    /// A string enum: its value.
    Enum,
    /// An intEnum: its number.
    IntEnum,
    /// A boolean, integer or big number: its decimal text.
    Display,
    /// A float: decimal, or `NaN`, `Infinity`, `-Infinity`.
    Float,
    /// A timestamp in this format.
    Timestamp(TimestampFormatIr),
    /// A blob: base64.
    Blob,
    /// A `@mediaType` string in a header: base64 of its UTF-8.
    MediaTypeString,
}
