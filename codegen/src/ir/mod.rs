//! The Rust-shaped intermediate representation. Every decision (names,
//! optionality, boxing, wire names, serde codecs, derives, checks) is made
//! when lowering the model into it; emitters only print it.

/// Everything one generated crate contains.
#[derive(Debug, Clone)]
pub struct CrateIr {
    pub service: ServiceIr,
    /// Sorted by operation name.
    pub operations: Vec<OperationIr>,
    /// Shapes that are neither operation inputs/outputs nor errors, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Error structures, sorted by Rust name.
    pub errors: Vec<StructDef>,
    /// The typed client wrapper (behind the generated crate's `client` feature).
    pub client: ClientIr,
    /// `smithy.waiters#waitable` definitions of the selected operations, sorted by name.
    pub waiters: Vec<WaiterIr>,
    /// Doc examples (request types, the client), when the generated code is
    /// a crate doctests can name (`lower/example.rs`).
    pub examples: Option<ExamplesIr>,
    /// Runtime items the generated root re-exports (`lower/reexports.rs`),
    /// in name order; none that a generated item's name would hide.
    pub reexports: Vec<ReexportIr>,
    /// Features of `awsgen-types` the generated crate turns on (`cbor` for
    /// rpcv2Cbor), so only crates of a protocol compile its format; and,
    /// named `awsgen-client/<feature>`, of the client, turned on with the
    /// crate's `client` feature (`awsgen-client/checksums` for
    /// `@httpChecksum`'s CRCs).
    pub runtime_features: Vec<String>,
    /// The XML forms of the types, for the XML protocols (`ir/xml.rs`).
    pub xml: Option<XmlIr>,
}

/// `pub use ::awsgen_types::Validate;` and the like at the generated root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReexportIr {
    pub name: String,
    pub from: ReexportFrom,
}

/// Where a re-export comes from, and when it is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReexportFrom {
    /// `awsgen_types`, always.
    Types,
    /// `awsgen_client`, with the `client` feature.
    Client,
    /// `awsgen_client::testing` as `testing`, with the `testing` feature.
    Testing,
}

/// The doc examples of a generated crate: each compiles as a doctest.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamplesIr {
    /// The crate name as doctests write it (`ecr_types`).
    pub crate_name: String,
    /// Per operation input type (by Rust name): how to build one.
    pub requests: std::collections::BTreeMap<String, RequestExample>,
    /// The client's example: send an operation and match one of its errors.
    pub client: Option<ClientExample>,
}

/// `let request = Input::new(args..).with_x(value);`
#[derive(Debug, Clone, PartialEq)]
pub struct RequestExample {
    /// The input type.
    pub type_name: String,
    /// The constructor's arguments (the required members, in order).
    pub args: Vec<ExampleValue>,
    /// One optional member set with its setter, when one can be.
    pub setter: Option<(String, ExampleValue)>,
    /// Every generated type the example names, sorted (for its `use`).
    pub uses: Vec<String>,
}

/// The client example: call operation `operation` (index into
/// `CrateIr::operations`) and match its error variant `variant` (index into
/// its error enum's variants), if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientExample {
    pub operation: usize,
    pub variant: Option<usize>,
}

/// A value in a doc example, as the argument or setter it is passed to
/// takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleValue {
    /// `"text"`, where `impl Into<String>` is taken.
    Str(String),
    /// `String::from("text")`, where a `String` is taken.
    String(String),
    Bool(bool),
    Int(i64),
    Float,
    /// `Blob::new("bytes")`.
    Blob,
    /// `ByteStream::from("bytes")`.
    ByteStream,
    /// `DateTime::from_secs(..)`.
    DateTime,
    /// `Document::Null`.
    Document,
    BigInteger,
    BigDecimal,
    /// `Vec::new()`.
    EmptyList,
    /// `BTreeMap::new()`.
    EmptyMap,
    /// `Type::new(args..)` of a generated structure.
    New {
        type_name: String,
        args: Vec<ExampleValue>,
    },
    /// `Type::Variant` of an enum, an intEnum or a unit union member.
    Variant {
        type_name: String,
        variant: String,
    },
    /// `Type::Variant(value)` of a union member (`Box::new(value)` when boxed).
    Wrapped {
        type_name: String,
        variant: String,
        value: Box<ExampleValue>,
        boxed: bool,
    },
}

/// `Client`: one async method per operation, over `awsgen_client::Client`.
#[derive(Debug, Clone)]
pub struct ClientIr {
    pub rust_name: String,
    /// One per operation, in operation order.
    pub methods: Vec<ClientMethod>,
}

/// `client.start_image_scan(input).await`, `client.list_images_paginator(input)`,
/// `client.wait_until_image_scan_complete(input, max_wait).await`.
#[derive(Debug, Clone)]
pub struct ClientMethod {
    pub name: String,
    pub kind: ClientMethodKind,
}

/// What a client method does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientMethodKind {
    /// Sends the operation (index into `CrateIr::operations`).
    Call(usize),
    /// Returns a paginator over the operation (index into `CrateIr::operations`).
    Paginate(usize),
    /// Polls until the waiter settles (index into `CrateIr::waiters`).
    Wait(usize),
}

/// A waiter: a marker type in the `waiters` module implementing `awsgen_types::Waiter`.
#[derive(Debug, Clone)]
pub struct WaiterIr {
    /// The waiter's name in the model (`ImageScanComplete`).
    pub name: String,
    pub rust_name: String,
    pub docs: Vec<String>,
    /// The `#[deprecated]` note when the model deprecates the waiter.
    pub deprecated: Option<String>,
    /// Index into `CrateIr::operations`.
    pub operation: usize,
    pub min_delay_secs: u64,
    pub max_delay_secs: u64,
    pub acceptors: Vec<AcceptorIr>,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptorIr {
    pub state: AcceptorState,
    pub matcher: MatcherIr,
}

/// `awsgen_types::AcceptorState`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

/// `awsgen_types::Matcher`
#[derive(Debug, Clone, PartialEq)]
pub enum MatcherIr {
    Output(PathMatcherIr),
    InputOutput(PathMatcherIr),
    Success(bool),
    ErrorType(String),
}

/// `awsgen_types::PathMatcher`
#[derive(Debug, Clone, PartialEq)]
pub struct PathMatcherIr {
    /// The model's path (over member names), for the docs.
    pub path: String,
    /// The path as evaluated: over the JSON the generated serde impls make,
    /// member names rewritten to their wire names (restJson1's `@jsonName`).
    pub json_path: String,
    pub expected: String,
    pub comparator: Comparator,
}

/// `awsgen_types::Comparator`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// `@paginated`, resolved against the input and output structures.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatorIr {
    /// The input token field (always an `Option`).
    pub input_token: String,
    /// The fields from the output to its token.
    pub output_token: Vec<PathStep>,
    /// The token's type (a string, or a map for a few services).
    pub token_ty: RustType,
    /// The page size field and its type (`I32` or `I64`).
    pub page_size: Option<PageSize>,
    pub items: Option<ItemsIr>,
}

/// The optional page-size input field, and its width.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSize {
    pub field: String,
    pub width: IntWidth,
}

/// An integer field's width, where only these two can occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    I32,
    I64,
}

/// What a paginator's items are: list items, or map entries.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemCollection {
    List { item: RustType, sparse: bool },
    Map { value: RustType, sparse: bool },
}

/// One field access on a path through nested structures.
#[derive(Debug, Clone, PartialEq)]
pub struct PathStep {
    pub field: String,
    /// `Option<T>` (else `T`).
    pub optional: bool,
    /// `Box<T>` (or `Option<Box<T>>`).
    pub boxed: bool,
}

/// The `items` path and what one item is.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsIr {
    pub path: Vec<PathStep>,
    /// The collection at the end of the path.
    pub collection: ItemCollection,
}

/// The wire protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
    RestJson1,
    RpcV2Cbor,
    RestXml,
    AwsQuery,
    Ec2Query,
}

/// Service metadata, emitted as a `ServiceMeta` static.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    pub shape_id: String,
    pub title: String,
    pub docs: Vec<String>,
    pub target_prefix: String,
    pub sdk_id: String,
    pub endpoint_prefix: String,
    pub signing_name: String,
    pub version: String,
    pub protocol: Protocol,
    /// Compact JSON of `smithy.rules#endpointRuleSet`.
    pub endpoint_rule_set: Option<String>,
    /// How the client treats the service's requests beyond its protocol
    /// (S3's addressing).
    pub quirks: ServiceQuirks,
}

/// What the client does differently for a service, decided in lowering
/// (`lower/customizations.rs`) and carried to `ServiceMeta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServiceQuirks {
    pub custom_endpoint: CustomEndpoint,
}

/// What a custom endpoint URL (explicit or configured) becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomEndpoint {
    /// The URL as given, path and all.
    #[default]
    AsGiven,
    /// The rule set's URL made from it: S3's rules put the bucket in the
    /// host or the path of a custom endpoint too, since the operation's
    /// path leaves it out.
    ThroughRules,
}

/// One operation: its module, marker type, input, output and error enum.
#[derive(Debug, Clone)]
pub struct OperationIr {
    pub shape_id: String,
    /// The operation shape name (`StartImageScan`).
    pub name: String,
    /// The marker type implementing `Operation`.
    pub rust_name: String,
    /// The module the operation's types live in (`start_image_scan`).
    pub module: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// How requests and responses travel: the protocol's decisions.
    pub binding: OperationBinding,
    pub input: StructDef,
    pub output: StructDef,
    pub error: ErrorEnumDef,
    pub request_compression: Option<Vec<String>>,
    /// `@httpChecksumRequired`: the client sends `Content-MD5`.
    pub checksum_required: bool,
    pub auth: AuthIr,
    /// `aws.auth#unsignedPayload`: a streamed payload is signed as `UNSIGNED-PAYLOAD`.
    pub unsigned_payload: bool,
    /// The input field `@idempotencyToken` marks, filled when left unset.
    pub idempotency_token: Option<String>,
    pub host_prefix: Option<Vec<HostPrefixPart>>,
    pub paginator: Option<PaginatorIr>,
    /// Endpoint rule-set parameters the operation sets, lowest precedence first.
    pub endpoint_params: Vec<EndpointParamIr>,
    /// What the service's customization adds (`lower/customizations.rs`).
    pub customizations: CustomizationsIr,
    /// `aws.protocols#httpChecksum`.
    pub http_checksum: Option<HttpChecksumIr>,
}

/// `aws.protocols#httpChecksum` of an operation, its members resolved to
/// input fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpChecksumIr {
    /// `requestAlgorithmMember`: the field naming the request checksum's algorithm.
    pub request_algorithm: Option<TextField>,
    /// `requestChecksumRequired`.
    pub request_checksum_required: bool,
    /// `requestValidationModeMember`: the field that enables response validation.
    pub validation_mode: Option<TextField>,
    /// `responseAlgorithms`, in model order.
    pub response_algorithms: Vec<String>,
}

/// An input field of a string or enum type, read as text (both have
/// `as_str`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    /// The Rust field name.
    pub field: String,
    /// `Option<T>` (else `T`).
    pub optional: bool,
}

/// What a service customization adds to an operation: the AWS SDKs'
/// hand-written additions for a few services, which no Smithy trait states.
/// Empty for every service without one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomizationsIr {
    /// Headers every request carries (API Gateway's `Accept`, Glacier's
    /// `X-Amz-Glacier-Version`), in name order.
    pub constant_headers: Vec<ConstantHeader>,
    /// String input members that are sent as a fixed text when the caller
    /// leaves them unset or empty (Glacier's `accountId`: `-`).
    pub input_defaults: Vec<InputDefault>,
    /// Body checksum headers the client computes.
    pub body_checksum: Option<BodyChecksumIr>,
    /// A `200` whose body's root is `<Error>` is an error (S3's
    /// `CopyObject`, `CompleteMultipartUpload`, `UploadPartCopy`, which
    /// fail after the status line is sent).
    pub error_in_ok_response: bool,
}

/// A header with a fixed value, checked to be a valid name and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstantHeader {
    /// Lower case.
    pub name: String,
    pub value: String,
}

/// A string input field filled in when unset or empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDefault {
    /// The Rust field name.
    pub field: String,
    /// `Option<String>`, else `String`.
    pub optional: bool,
    pub value: String,
}

/// Body checksums a customization requires (`awsgen_types::BodyChecksum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyChecksumIr {
    /// Glacier's `x-amz-content-sha256` and `x-amz-sha256-tree-hash`.
    GlacierTreeHash,
}

/// What an operation's protocol decides about its requests and responses.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationBinding {
    /// awsJson1_0/1_1: `POST /` with the input as a JSON object and
    /// `X-Amz-Target` naming the operation; the output is the body's object.
    AwsJson {
        version: AwsJsonVersion,
        /// `X-Amz-Target`: `<service shape name>.<operation name>`.
        target: String,
    },
    /// restJson1: the `@http` method and URI, members bound to the path,
    /// query and headers, the rest (or the payload member) as the body.
    RestJson(Box<RestBinding>),
    /// awsQuery and ec2Query: `POST /` with the input as a form, the output
    /// and errors read from XML (`ir/xml.rs`).
    Query(QueryOperation),
    /// restXml: restJson1's HTTP bindings with XML bodies.
    RestXml(Box<RestXmlBinding>),
    /// rpcv2Cbor: `POST` to the operation's path with the input as a CBOR map.
    RpcV2Cbor(RpcV2CborBinding),
}

/// What rpcv2Cbor decides for one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcV2CborBinding {
    /// `/service/{service shape name}/operation/{operation shape name}`.
    pub path: String,
    /// The input is a structure, sent as a CBOR map (an empty one too);
    /// `false` when it is `Unit`, sent with no body and no `Content-Type`.
    pub input_body: bool,
    /// The service is `@awsQueryCompatible`: requests carry
    /// `x-amzn-query-mode: true` and error codes come from
    /// `x-amzn-query-error`.
    pub query_compatible: bool,
}

/// How an operation's requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthIr {
    /// SigV4, the service's scheme.
    SigV4,
    /// `@auth([])` or `@optionalAuth`: sent unsigned.
    None,
}

/// A Smithy timestamp format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormatIr {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// The two awsJson versions, which differ in the content type only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsJsonVersion {
    V1_0,
    V1_1,
}

/// An endpoint rule-set parameter an operation sets.
#[derive(Debug, Clone, PartialEq)]
pub enum EndpointParamIr {
    /// `smithy.rules#staticContextParams`.
    Static {
        name: String,
        value: StaticParamValue,
    },
    /// A `smithy.rules#contextParam` input member.
    Member {
        name: String,
        field: String,
        optional: bool,
        kind: StaticParamKind,
    },
    /// `smithy.rules#operationContextParams`: a JMESPath over the input's
    /// JSON, member names rewritten to their wire names (`@jsonName`).
    Path { name: String, path: String },
}

/// A fixed parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticParamValue {
    String(String),
    Bool(bool),
    StringArray(Vec<String>),
}

/// The parameter type a member provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticParamKind {
    String,
    Bool,
    StringArray,
}

/// A piece of an `@endpoint` host prefix template.
#[derive(Debug, Clone, PartialEq)]
pub enum HostPrefixPart {
    Literal(String),
    /// A `{label}`: the input field holding it and whether it is an `Option`.
    Label {
        member: String,
        field: String,
        optional: bool,
    },
}

/// The per-operation error enum.
#[derive(Debug, Clone)]
pub struct ErrorEnumDef {
    pub rust_name: String,
    /// One per modeled error, sorted by the error's shape name.
    pub variants: Vec<ErrorVariant>,
    /// The catch-all variant's name.
    pub unhandled_variant: String,
    /// How the protocol's error responses are read.
    pub format: ErrorFormat,
}

/// Where an error response names the error and holds its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFormat {
    /// A JSON body (awsJson, restJson1); `query_compatible` services
    /// (`@awsQueryCompatible`) name the error by `x-amzn-query-error`.
    Json { query_compatible: bool },
    /// awsQuery: `<ErrorResponse><Error>`.
    AwsQueryXml,
    /// ec2Query: `<Response><Errors><Error>`.
    Ec2QueryXml,
    /// restXml: `<ErrorResponse><Error>`, or `<Error>` (`noErrorWrapping`).
    RestXml,
    /// rpcv2Cbor: a CBOR body; `query_compatible` services
    /// (`@awsQueryCompatible`) name the error by `x-amzn-query-error`.
    Cbor { query_compatible: bool },
}

/// A modeled error of an operation.
#[derive(Debug, Clone)]
pub struct ErrorVariant {
    pub rust_name: String,
    /// The error structure's Rust type.
    pub type_name: String,
    /// The sanitized error code that selects it: the error shape's name
    /// (awsQuery: the `@awsQueryError` code).
    pub code: String,
    /// The error shape's name, which a waiter's `errorType` names; the
    /// wire code differs from it where `@awsQueryError` renames it.
    pub shape_name: String,
    /// Another code that selects it: the `@awsQueryError` code of an
    /// `@awsQueryCompatible` JSON service, which names the error by it.
    pub query_code: Option<String>,
    pub retry: Option<RetryClass>,
    /// The error shape's documentation, as rustdoc lines.
    pub docs: Vec<String>,
}

/// A retry decision made by the model or the override table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    Throttling,
    Transient,
    Never,
}

/// A struct, enum, intEnum or union type.
#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    IntEnum(IntEnumDef),
    Union(UnionDef),
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn rust_name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.rust_name,
            TypeDef::Enum(e) => &e.rust_name,
            TypeDef::IntEnum(e) => &e.rust_name,
            TypeDef::Union(u) => &u.rust_name,
        }
    }
}

/// What a structure is used as.
#[derive(Debug, Clone, PartialEq)]
pub enum StructRole {
    Plain,
    Input,
    Output,
    Error(ErrorInfo),
}

/// Facts about an error structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// The shape name (the error code on the wire).
    pub code: String,
    pub server_fault: bool,
    pub http_status: Option<u16>,
    /// The field holding the modeled `message` member, and whether it can be absent.
    pub message: ErrorMessage,
    /// Reserved field holding `ErrorMetadata`.
    pub metadata_field: String,
    /// Members a REST protocol reads from headers (its body holds the rest).
    pub headers: Vec<HeaderBinding>,
    pub prefix_headers: Option<PrefixHeadersBinding>,
}

/// The modeled message of an error structure, as `Display` reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorMessage {
    /// No string member named `message` (in any case).
    Absent,
    /// An `Option<String>` field.
    Optional { field: String },
    /// A `String` field (`@required` or `@default`): always there, though
    /// possibly empty when a response omitted it.
    Always { field: String },
}

/// A structure.
#[derive(Debug, Clone)]
pub struct StructDef {
    pub origin: StructOrigin,
    pub rust_name: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub role: StructRole,
    /// In declaration order (the JSON key order of the model).
    pub fields: Vec<FieldDef>,
    /// Whether `Default` can be derived (no field is a required constructor argument).
    pub derive_default: bool,
    /// Whether any field (or the whole struct) is redacted in `Debug`.
    pub redact_debug: bool,
    /// The whole structure is `@sensitive`.
    pub sensitive: bool,
    /// Gets a direct JSON reader (`awsgen_types::json::fast::FastRead`),
    /// tried before serde for an operation's output.
    pub fast_read: bool,
}

/// Where a structure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructOrigin {
    /// A structure shape of the model (its shape ID).
    Shape(String),
    /// The empty input or output the generator adds to an operation that
    /// declares none (the model's `smithy.api#Unit`).
    Synthetic {
        /// The operation's shape ID.
        operation: String,
        part: OperationPart,
    },
}

/// An operation's input or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationPart {
    Input,
    Output,
}

impl StructOrigin {
    /// The model shape's ID; `None` for a structure the generator adds.
    pub fn shape_id(&self) -> Option<&str> {
        match self {
            StructOrigin::Shape(id) => Some(id),
            StructOrigin::Synthetic { .. } => None,
        }
    }
}

/// For diagnostics: `ns#Shape`, or `the output of \`ns#Op\`, which the model leaves empty`.
impl std::fmt::Display for StructOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StructOrigin::Shape(id) => write!(f, "`{id}`"),
            StructOrigin::Synthetic { operation, part } => {
                let part = match part {
                    OperationPart::Input => "input",
                    OperationPart::Output => "output",
                };
                write!(
                    f,
                    "the {part} of `{operation}`, which the model leaves empty"
                )
            }
        }
    }
}

impl StructDef {
    /// Fields that are constructor arguments of `new`.
    pub fn required_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
    }
}

impl FieldDef {
    /// The Smithy member name (the part of `member_id` after `$`), which
    /// model-form values such as protocol test `params` are keyed by.
    pub fn member_name(&self) -> &str {
        self.member_id
            .rsplit_once('$')
            .map_or(self.member_id.as_str(), |(_, name)| name)
    }
}

/// How a field is present in the Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `Option<T>`; omitted from the JSON when `None`.
    Optional,
    /// `T`, a constructor argument; always serialized.
    Required,
    /// `T` with a default value from `@default`; always serialized.
    Defaulted(DefaultValue),
}

/// A `@default` value, typed as the field holds it: lowering checked the
/// model's value against the member's type, so every variant is one the
/// field's type can take.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Int(IntValue),
    Float(FloatValue),
    String(String),
    /// A value of an enum or intEnum (Smithy allows only its own values).
    EnumVariant {
        /// The enum's Rust type name.
        type_name: String,
        /// The variant's Rust name.
        variant: String,
    },
    /// A blob's bytes (the model writes them as base64).
    Blob(Vec<u8>),
    /// A timestamp (the model writes epoch seconds or a date-time string).
    Timestamp(awsgen_types::DateTime),
    Document(DocumentValue),
    /// A `bigInteger` (the model's number, exact as serde_json reads it).
    BigInteger(i128),
    /// A `bigDecimal`: `unscaled × 10^-scale`.
    BigDecimal {
        unscaled: i128,
        scale: u32,
    },
    /// `[]` or `{}`: the only default of a list or map, its zero value.
    Empty,
}

/// An integer of the field's own width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntValue {
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
}

/// A float of the field's own width (NaN and the infinities included: the
/// model may write them as strings).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FloatValue {
    F32(f32),
    F64(f64),
}

/// A document's default: any JSON value, built as it is written. (Smithy
/// itself allows only `null`, booleans, strings, numbers, `[]` and `{}`; a
/// `null` default makes the member optional, so it is no default here.)
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentValue {
    Null,
    Bool(bool),
    String(String),
    Number(DocumentNumber),
    List(Vec<DocumentValue>),
    /// In the order serde_json's map gives.
    Map(Vec<(String, DocumentValue)>),
}

/// A number in a document, as `serde_json::Number` holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocumentNumber {
    Int(i64),
    /// Beyond `i64`.
    UInt(u64),
    /// Finite: JSON has no other floats.
    Float(f64),
}

/// A field of a structure.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// The member's shape ID (`ns#Shape$member`).
    pub member_id: String,
    pub rust_name: String,
    /// The chaining setter (`with_image_tag`); `None` for constructor arguments.
    pub setter: Option<String>,
    /// The JSON key: `@jsonName` in restJson1, else the member name
    /// exactly as modeled.
    pub wire_name: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// The value type (without `Option` and `Box`).
    pub ty: RustType,
    pub presence: Presence,
    /// Boxed to break a recursive cycle.
    pub boxed: bool,
    /// How serde reads and writes the whole field type; `None` when serde's
    /// derive does the right thing by itself. For a field with a non-empty
    /// `@default` it is the value's codec: null and a missing key both read as
    /// the default.
    pub codec: Option<Codec>,
    /// A required field's value is error-corrected to its zero value when the
    /// response leaves it out or sends null. Never in an operation input
    /// (which is no response) nor for a structure or union (no zero value):
    /// deserializing refuses a document without the member.
    pub zero_on_missing: bool,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    /// Constraint checks for `validate()`.
    pub checks: Vec<Check>,
}

/// A Rust value type. Named types live at the crate root.
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    String,
    Blob,
    /// A `@streaming` blob: `awsgen_types::ByteStream`.
    ByteStream,
    DateTime,
    Document,
    BigInteger,
    BigDecimal,
    Named(String),
    List {
        item: Box<RustType>,
        sparse: bool,
    },
    Map {
        value: Box<RustType>,
        sparse: bool,
    },
}

/// A `serde_as` adapter tree (see `awsgen_types::serde_as`).
#[derive(Debug, Clone, PartialEq)]
pub enum Codec {
    Same,
    Float,
    EpochSeconds,
    DateTimeString,
    HttpDate,
    Option(Box<Codec>),
    Vec(Box<Codec>),
    Map(Box<Codec>),
    OrZero(Box<Codec>),
}

/// Which builds of the generated crate check a `@pattern` in `validate()`
/// (`awsgen_types::validate::PatternSupport`, decided at generation time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternCheck {
    /// Every build (regex-lite).
    Always,
    /// Only with the crate's `full-patterns` feature (fancy-regex): the
    /// pattern uses Unicode classes or lookaround.
    WithFullPatterns,
    /// None: documented on the field, never emitted (pruned before emission).
    Never,
}

/// A constraint check of `validate()`.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Unicode scalar values of a string.
    StringLength {
        min: Option<u64>,
        max: Option<u64>,
    },
    /// Items of a list, entries of a map, bytes of a blob.
    Length {
        min: Option<u64>,
        max: Option<u64>,
    },
    /// `@pattern`: the model's text, and which builds check it.
    Pattern {
        pattern: String,
        checked: PatternCheck,
    },
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    UniqueItems,
    /// The value is a structure or union: validate it.
    Nested,
    /// Checks for each item of a list.
    EachItem(Vec<Check>),
    /// Checks for each key and each value of a map.
    EachEntry {
        key: Vec<Check>,
        value: Vec<Check>,
    },
}

/// An open string enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub shape_id: String,
    pub rust_name: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub variants: Vec<EnumVariant>,
    /// The catch-all variant's name.
    pub unknown_variant: String,
}

/// A known value of an enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: String,
    pub value: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

/// An open integer enum.
#[derive(Debug, Clone)]
pub struct IntEnumDef {
    pub shape_id: String,
    pub rust_name: String,
    pub docs: Vec<String>,
    pub variants: Vec<IntEnumVariant>,
    pub unknown_variant: String,
}

/// A known value of an intEnum.
#[derive(Debug, Clone)]
pub struct IntEnumVariant {
    pub rust_name: String,
    pub value: i32,
    pub docs: Vec<String>,
}

/// A union: exactly one member set; unknown members kept by name.
#[derive(Debug, Clone)]
pub struct UnionDef {
    pub shape_id: String,
    pub rust_name: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub variants: Vec<UnionVariant>,
    pub unknown_variant: String,
    pub sensitive: bool,
}

/// A member of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The Smithy member name.
    pub member_name: String,
    /// The JSON key: `@jsonName` in restJson1, else the member name.
    pub wire_name: String,
    pub docs: Vec<String>,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    pub boxed: bool,
    /// How the value is read and written (`Same` when serde's own impl fits).
    pub codec: Codec,
    pub checks: Vec<Check>,
}

mod http;
mod xml;
pub use http::*;
pub use xml::*;
