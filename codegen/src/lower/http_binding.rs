//! HTTP bindings of REST protocols: where each top-level member of an
//! operation's input, output and errors travels (`@http`, `@httpLabel`,
//! `@httpQuery`, `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`,
//! `@httpPayload`, `@httpResponseCode`), decided here so emitters only print.
//! A binding the generator cannot express is a diagnostic naming the member.

use std::collections::BTreeMap;

use crate::ir::{
    BodyBinding, DotSegments, HeaderBinding, HttpMethod, HttpScalar, HttpValue, LabelBinding,
    MemberRef, MessageBinding, PathPart, PayloadBinding, PayloadKind, PrefixHeadersBinding,
    QueryBinding, QueryParamsBinding, RequestBinding, RestBinding, TimestampFormatIr,
};
use crate::lower::Lowerer;
use crate::model::traits::{ids, HttpTrait, TimestampFormatTrait};
use crate::model::{Member, ShapeKind, SimpleType, Traits};
use crate::shape_id::ShapeId;

/// The literal `key=value` pairs (or bare keys) of an `@http` URI's query.
type LiteralQuery = Vec<(String, Option<String>)>;

/// Where a top-level member goes, by its binding trait.
enum Location {
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
    Body,
}

/// Which message a structure is: the bindings each may carry differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Message {
    Request,
    Response,
    Error,
}

impl Lowerer<'_> {
    /// The REST binding of an operation, or `None` after reporting why it
    /// cannot be generated.
    pub(super) fn rest_binding(
        &mut self,
        op_id: &ShapeId,
        op_traits: &Traits,
        input: Option<&ShapeId>,
        output: Option<&ShapeId>,
    ) -> Option<RestBinding> {
        let http: Option<HttpTrait> = self.decode(op_id, op_traits, ids::HTTP);
        let Some(http) = http else {
            self.error(
                op_id,
                "a REST protocol operation needs the @http trait (method and URI)",
            );
            return None;
        };
        let Some(method) = http_method(&http.method) else {
            self.error(
                op_id,
                format!(
                    "@http method `{}` is not one the generator supports \
                     (GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS)",
                    http.method
                ),
            );
            return None;
        };
        let input_members = self.top_level_members(input);
        let output_members = self.top_level_members(output);

        let mut labels = BTreeMap::new();
        let mut query = Vec::new();
        let mut query_params = None;
        let mut request = MessageParts::default();
        for (index, member) in input_members.iter().enumerate() {
            match self.location(member, Message::Request) {
                Location::Label => {
                    if let Some(value) = self.label_value(member) {
                        labels.insert(member.name.clone(), (member_ref(index, member), value));
                    }
                }
                Location::Query(name) => {
                    if let Some(value) = self.http_value(member, TimestampFormatIr::DateTime, false)
                    {
                        query.push(QueryBinding {
                            name,
                            member: member_ref(index, member),
                            value,
                        });
                    }
                }
                Location::QueryParams => {
                    query_params = self.query_params(index, member);
                }
                other => request.place(self, index, member, other),
            }
        }
        let (path, literal_query) = self.parse_uri(op_id, &http.uri, &mut labels)?;
        let mut response = MessageParts::default();
        for (index, member) in output_members.iter().enumerate() {
            let location = self.location(member, Message::Response);
            response.place(self, index, member, location);
        }
        Some(RestBinding {
            method,
            path,
            literal_query,
            request: RequestBinding {
                query,
                query_params,
                message: request.finish(),
            },
            response: response.finish(),
            success_code: http.code,
        })
    }

    /// The headers an error structure's members are read from.
    pub(super) fn error_headers(
        &mut self,
        error: &ShapeId,
    ) -> (Vec<HeaderBinding>, Option<PrefixHeadersBinding>) {
        let members = self.top_level_members(Some(error));
        let mut parts = MessageParts::default();
        for (index, member) in members.iter().enumerate() {
            let location = self.location(member, Message::Error);
            parts.place(self, index, member, location);
        }
        (parts.headers, parts.prefix_headers)
    }

    fn top_level_members(&self, id: Option<&ShapeId>) -> Vec<Member> {
        match id.and_then(|id| self.model.get(id)).map(|s| &s.kind) {
            Some(ShapeKind::Structure(members)) => members.clone(),
            _ => Vec::new(),
        }
    }

    /// A member's location. Traits that mean nothing in this message (a
    /// label in a response, say) leave the member in the body, as the
    /// HTTP binding specification says.
    fn location(&self, member: &Member, message: Message) -> Location {
        let traits = &member.traits;
        let text = |id| traits.get(id).and_then(|v| v.as_str()).map(str::to_owned);
        if message == Message::Request {
            if traits.has(ids::HTTP_LABEL) {
                return Location::Label;
            }
            if let Some(name) = text(ids::HTTP_QUERY) {
                return Location::Query(name);
            }
            if traits.has(ids::HTTP_QUERY_PARAMS) {
                return Location::QueryParams;
            }
        }
        if let Some(name) = text(ids::HTTP_HEADER) {
            return Location::Header(name);
        }
        if let Some(prefix) = text(ids::HTTP_PREFIX_HEADERS) {
            return Location::PrefixHeaders(prefix);
        }
        if message != Message::Error && traits.has(ids::HTTP_PAYLOAD) {
            return Location::Payload;
        }
        if message == Message::Response && traits.has(ids::HTTP_RESPONSE_CODE) {
            return Location::ResponseCode;
        }
        Location::Body
    }

    /// How a query or header member is written as text; `None` after
    /// reporting a target no such binding can carry.
    fn http_value(
        &mut self,
        member: &Member,
        default_format: TimestampFormatIr,
        in_header: bool,
    ) -> Option<HttpValue> {
        let target = self.model.get(&member.target)?;
        if let ShapeKind::List(item) = &target.kind {
            let item = item.clone();
            return match self.scalar(&item, default_format, in_header) {
                Some(scalar) => Some(HttpValue::List(scalar)),
                None => {
                    self.error(
                        &member.id,
                        "binds a list whose items are not booleans, numbers, strings or \
                         timestamps to the HTTP message, which the generator cannot express",
                    );
                    None
                }
            };
        }
        match self.scalar(member, default_format, in_header) {
            Some(scalar) => Some(HttpValue::Scalar(scalar)),
            None => {
                self.not_scalar(member);
                None
            }
        }
    }

    /// How a label member is written in the path (a scalar; RFC 3339 for
    /// timestamps unless the model says otherwise).
    fn label_value(&mut self, member: &Member) -> Option<HttpScalar> {
        let scalar = self.scalar(member, TimestampFormatIr::DateTime, false);
        if scalar.is_none() {
            self.not_scalar(member);
        }
        scalar
    }

    fn not_scalar(&mut self, member: &Member) {
        self.error(
            &member.id,
            "binds a value that is not a boolean, number, string or timestamp to \
             the URI, query string or a header, which the generator cannot express",
        );
    }

    pub(super) fn scalar(
        &mut self,
        member: &Member,
        default_format: TimestampFormatIr,
        in_header: bool,
    ) -> Option<HttpScalar> {
        let target = self.model.get(&member.target)?;
        Some(match &target.kind {
            ShapeKind::Simple(simple) => match simple {
                SimpleType::String if target.traits.has(ids::ENUM) => HttpScalar::Enum,
                SimpleType::String if in_header && target.traits.has(ids::MEDIA_TYPE) => {
                    HttpScalar::MediaTypeString
                }
                SimpleType::String => HttpScalar::String,
                SimpleType::Boolean
                | SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::BigInteger
                | SimpleType::BigDecimal => HttpScalar::Display,
                SimpleType::Float | SimpleType::Double => HttpScalar::Float,
                SimpleType::Timestamp => {
                    HttpScalar::Timestamp(self.timestamp_format(member).unwrap_or(default_format))
                }
                SimpleType::Blob => HttpScalar::Blob,
                SimpleType::Document => return None,
            },
            ShapeKind::Enum(_) => HttpScalar::Enum,
            ShapeKind::IntEnum(_) => HttpScalar::IntEnum,
            _ => return None,
        })
    }

    /// `@timestampFormat` on the member, else on its target.
    fn timestamp_format(&mut self, member: &Member) -> Option<TimestampFormatIr> {
        let on_member: Option<TimestampFormatTrait> =
            self.decode(&member.id, &member.traits, ids::TIMESTAMP_FORMAT);
        let format = match on_member {
            Some(format) => Some(format),
            None => {
                let traits = self.model.get(&member.target)?.traits.clone();
                self.decode(&member.target, &traits, ids::TIMESTAMP_FORMAT)
            }
        };
        format.map(|format| match format {
            TimestampFormatTrait::EpochSeconds => TimestampFormatIr::EpochSeconds,
            TimestampFormatTrait::DateTime => TimestampFormatIr::DateTime,
            TimestampFormatTrait::HttpDate => TimestampFormatIr::HttpDate,
        })
    }

    /// `@httpQueryParams`: a map of strings, or of lists of strings.
    fn query_params(&mut self, index: usize, member: &Member) -> Option<QueryParamsBinding> {
        let value = match self.model.get(&member.target).map(|s| &s.kind) {
            Some(ShapeKind::Map([_, value])) => value.clone(),
            _ => {
                self.error(&member.id, "@httpQueryParams must target a map");
                return None;
            }
        };
        let list_values = matches!(
            self.model.get(&value.target).map(|s| &s.kind),
            Some(ShapeKind::List(_))
        );
        let item = match self.model.get(&value.target).map(|s| &s.kind) {
            Some(ShapeKind::List(item)) => item.clone(),
            _ => value,
        };
        match self.scalar(&item, TimestampFormatIr::DateTime, false) {
            Some(HttpScalar::String | HttpScalar::Enum) => Some(QueryParamsBinding {
                member: member_ref(index, member),
                list_values,
            }),
            _ => {
                self.error(
                    &member.id,
                    "@httpQueryParams values must be strings or lists of strings",
                );
                None
            }
        }
    }

    /// The path and literal query of `@http(uri)`, with each `{label}` bound
    /// to its member; a label without a member, or a label member the URI
    /// does not name, is an error.
    fn parse_uri(
        &mut self,
        op_id: &ShapeId,
        uri: &str,
        labels: &mut BTreeMap<String, (MemberRef, HttpScalar)>,
    ) -> Option<(Vec<PathPart>, LiteralQuery)> {
        let (path_text, query_text) = match uri.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (uri, None),
        };
        let mut path = Vec::new();
        let mut literal = String::new();
        let mut rest = path_text;
        let mut ok = true;
        while let Some(open) = rest.find('{') {
            literal.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                self.error(
                    op_id,
                    format!("@http uri `{uri}` has a `{{` without its `}}`"),
                );
                return None;
            };
            let name = &rest[open + 1..open + close];
            let (name, greedy) = match name.strip_suffix('+') {
                Some(name) => (name, true),
                None => (name, false),
            };
            match labels.remove(name) {
                Some((member, value)) => {
                    if !literal.is_empty() {
                        path.push(PathPart::Literal(std::mem::take(&mut literal)));
                    }
                    if greedy && value != HttpScalar::String {
                        self.error(
                            op_id,
                            format!("greedy label `{{{name}+}}` must be bound to a string"),
                        );
                        ok = false;
                    }
                    path.push(PathPart::Label(LabelBinding {
                        member,
                        value,
                        greedy,
                        dot_segments: DotSegments::Refused,
                    }));
                }
                None => {
                    self.error(
                        op_id,
                        format!("@http uri `{uri}` has label `{name}`, which no input member with @httpLabel binds"),
                    );
                    ok = false;
                }
            }
            rest = &rest[open + close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            path.push(PathPart::Literal(literal));
        }
        for name in labels.keys() {
            self.error(
                op_id,
                format!("input member `{name}` has @httpLabel, but the @http uri `{uri}` has no `{{{name}}}`"),
            );
            ok = false;
        }
        let literal_query = query_text
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) => (key.to_owned(), Some(value.to_owned())),
                None => (pair.to_owned(), None),
            })
            .collect();
        ok.then_some((path, literal_query))
    }

    /// A payload member's kind and content type.
    fn payload(&mut self, index: usize, member: &Member) -> Option<PayloadBinding> {
        let target = self.model.get(&member.target)?;
        let media_type = target
            .traits
            .get(ids::MEDIA_TYPE)
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let kind = match &target.kind {
            ShapeKind::Structure(_) => PayloadKind::Structure,
            ShapeKind::Union(_) => PayloadKind::Union,
            ShapeKind::Enum(_) => PayloadKind::Enum,
            ShapeKind::Simple(SimpleType::Document) => PayloadKind::Document,
            ShapeKind::Simple(SimpleType::Blob) if target.traits.has(ids::STREAMING) => {
                PayloadKind::Stream {
                    requires_length: target.traits.has(ids::REQUIRES_LENGTH),
                }
            }
            ShapeKind::Simple(SimpleType::Blob) => PayloadKind::Blob,
            ShapeKind::Simple(SimpleType::String) if target.traits.has(ids::ENUM) => {
                PayloadKind::Enum
            }
            ShapeKind::Simple(SimpleType::String) => PayloadKind::String,
            _ => {
                self.error(
                    &member.id,
                    "@httpPayload must target a structure, union, document, blob, string or enum",
                );
                return None;
            }
        };
        let content_type = media_type.unwrap_or_else(|| {
            match kind {
                PayloadKind::Blob | PayloadKind::Stream { .. } => "application/octet-stream",
                PayloadKind::String | PayloadKind::Enum => "text/plain",
                PayloadKind::Structure | PayloadKind::Union | PayloadKind::Document => {
                    "application/json"
                }
            }
            .to_owned()
        });
        Some(PayloadBinding {
            member: member_ref(index, member),
            kind,
            content_type,
        })
    }
}

fn http_method(name: &str) -> Option<HttpMethod> {
    Some(match name.to_ascii_uppercase().as_str() {
        "GET" => HttpMethod::Get,
        "PUT" => HttpMethod::Put,
        "POST" => HttpMethod::Post,
        "DELETE" => HttpMethod::Delete,
        "PATCH" => HttpMethod::Patch,
        "HEAD" => HttpMethod::Head,
        "OPTIONS" => HttpMethod::Options,
        _ => return None,
    })
}

/// Whether `name` is an HTTP field name (RFC 9110's `token`).
fn is_header_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn member_ref(index: usize, member: &Member) -> MemberRef {
    MemberRef {
        field: index,
        name: member.name.clone(),
    }
}

/// Headers, status code and body of one message, gathered member by member.
#[derive(Default)]
struct MessageParts {
    headers: Vec<HeaderBinding>,
    prefix_headers: Option<PrefixHeadersBinding>,
    status_code: Option<MemberRef>,
    payload: Option<PayloadBinding>,
    body: Vec<usize>,
}

impl MessageParts {
    fn place(&mut self, cx: &mut Lowerer<'_>, index: usize, member: &Member, location: Location) {
        match location {
            Location::Header(name) => {
                // Checked here, not at run time: the generated code makes
                // the name with `HeaderName::from_static`, which panics on
                // anything that is not an HTTP token.
                if !is_header_token(&name) {
                    cx.error(
                        &member.id,
                        format!("@httpHeader({name:?}) is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only, not empty)"),
                    );
                    return;
                }
                if let Some(value) = cx.http_value(member, TimestampFormatIr::HttpDate, true) {
                    self.headers.push(HeaderBinding {
                        name: name.to_ascii_lowercase(),
                        member: member_ref(index, member),
                        value,
                    });
                }
            }
            Location::PrefixHeaders(prefix) => {
                // An empty prefix binds every header; any other must be the
                // start of a header name.
                if !prefix.is_empty() && !is_header_token(&prefix) {
                    cx.error(
                        &member.id,
                        format!("@httpPrefixHeaders({prefix:?}) cannot start an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"),
                    );
                    return;
                }
                let is_string_map = match cx.model.get(&member.target).map(|s| &s.kind) {
                    Some(ShapeKind::Map([_, value])) => matches!(
                        cx.model.get(&value.target).map(|s| &s.kind),
                        Some(ShapeKind::Simple(SimpleType::String))
                    ),
                    _ => false,
                };
                if is_string_map {
                    self.prefix_headers = Some(PrefixHeadersBinding {
                        prefix: prefix.to_ascii_lowercase(),
                        member: member_ref(index, member),
                    });
                } else {
                    cx.error(
                        &member.id,
                        "@httpPrefixHeaders must target a map of strings",
                    );
                }
            }
            Location::Payload => self.payload = cx.payload(index, member),
            Location::ResponseCode => {
                let is_integer = matches!(
                    cx.model.get(&member.target).map(|s| &s.kind),
                    Some(ShapeKind::Simple(SimpleType::Integer))
                );
                if is_integer {
                    self.status_code = Some(member_ref(index, member));
                } else {
                    cx.error(&member.id, "@httpResponseCode must target an integer");
                }
            }
            Location::Body => self.body.push(index),
            // The request's caller places these itself; `location` gives
            // them for requests only.
            Location::Label | Location::Query(_) | Location::QueryParams => {
                self.body.push(index);
            }
        }
    }

    fn finish(self) -> MessageBinding {
        let body = match (self.payload, self.body.is_empty()) {
            (Some(payload), _) => BodyBinding::Payload(payload),
            (None, true) => BodyBinding::Empty,
            (None, false) => BodyBinding::Members(self.body),
        };
        // Header names are lower-cased when bound.
        let content_type_member = self
            .headers
            .iter()
            .find(|h| h.name == "content-type")
            .map(|h| h.member.clone());
        MessageBinding {
            headers: self.headers,
            prefix_headers: self.prefix_headers,
            status_code: self.status_code,
            body,
            content_type_member,
        }
    }
}
