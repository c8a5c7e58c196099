//! Building the HTTP request of an operation from what its protocol
//! serializer makes (PROTOCOL §2.1, §2.8, §2.9) and signing it afresh for
//! each attempt (§4.2).

use std::borrow::Cow;
use std::time::SystemTime;

use awsgen_auth::{
    Credentials, PayloadHasher, PayloadSha256, SignatureHeaders, SignedPayload, Signer,
    SigningParams, SigningSettings,
};
use awsgen_types::{Auth, BodyChecksum, ByteStream, Operation};
use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, HOST, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use crate::checksum::{self, aws_chunked, Algorithm};
use crate::compression::{choose_encoding, CompressionConfig};
use crate::endpoint::ResolvedEndpoint;
use crate::error::{ConfigError, ConnectorError, InvalidRequest};
use crate::invocation::InvocationId;

const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const REQUEST_INFO: HeaderName = HeaderName::from_static("amz-sdk-request");
const CONTENT_MD5: HeaderName = HeaderName::from_static("content-md5");
const TRACE_ID: HeaderName = HeaderName::from_static("x-amzn-trace-id");
const DECODED_CONTENT_LENGTH: HeaderName = HeaderName::from_static("x-amz-decoded-content-length");
const TRAILER: HeaderName = HeaderName::from_static("x-amz-trailer");

/// S3's signing name (one definition, awsgen-auth's): its requests always
/// carry `x-amz-content-sha256`.
pub(crate) use awsgen_auth::S3_SIGNING_NAME;

/// A request with everything but the per-attempt headers and the signature.
///
/// The headers are kept as values, not as a map: each attempt builds its one
/// map straight from them, which costs less than copying a prepared map.
#[derive(Debug)]
pub(crate) struct PreparedRequest {
    method: Method,
    uri: Uri,
    /// The endpoint's own headers (from the rule set), sent first.
    endpoint_headers: HeaderMap,
    /// What the operation's protocol and input set, in name order
    /// (borrowed when they are the operation's constants).
    operation_headers: Cow<'static, [(HeaderName, HeaderValue)]>,
    host: HeaderValue,
    invocation_id: InvocationId,
    user_agent: HeaderValue,
    content_encoding: Option<HeaderValue>,
    content_md5: Option<HeaderValue>,
    /// Lambda's trace ID (`x-amzn-trace-id`), not signed.
    trace_id: Option<HeaderValue>,
    /// Whether to sign (`Auth::SigV4`) or send as it is (`Auth::None`).
    signed: bool,
    /// Whether the response's `@httpChecksum` checksum is validated (the
    /// input asked for it).
    validate_response_checksum: bool,
    body: PreparedBody,
}

/// The body of a prepared request.
#[derive(Debug)]
enum PreparedBody {
    /// Held in memory: signed over its bytes.
    Bytes(Bytes),
    /// The caller's stream (a `@streaming` payload), sent as it is read.
    /// Boxed: every call's future holds a `PreparedRequest`, and only a
    /// streamed one needs this room (88 bytes more in each).
    Stream(Box<StreamBody>),
}

/// A streamed payload and how it enters the signature.
#[derive(Debug)]
struct StreamBody {
    stream: ByteStream,
    payload: StreamPayload,
    /// The `@httpChecksum` checksum still to be computed by a first pass
    /// over the stream (`settle_stream`); `None` when there is none or the
    /// stream carries it as an aws-chunked trailer.
    checksum: Option<Algorithm>,
}

/// How a streamed payload enters the signature.
#[derive(Debug)]
enum StreamPayload {
    /// Its SHA-256 is still to be computed (`settle_stream`).
    Unhashed,
    /// Computed by reading the stream once ahead of the request.
    Hashed(PayloadSha256),
    /// `UNSIGNED-PAYLOAD` (`aws.auth#unsignedPayload`, or S3 over TLS),
    /// or not signed at all.
    Unsigned,
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: sent aws-chunked with its
    /// `@httpChecksum` checksum in a trailer (`checksum::aws_chunked`).
    UnsignedWithTrailer,
}

/// One attempt's request: buffered both ways, or with a streamed body or a
/// streamed response.
pub(crate) enum Outgoing {
    Buffered(http::Request<Bytes>),
    Streaming(http::Request<ByteStream>),
}

/// Who signs, for which scope, at what time.
pub(crate) struct SigningContext<'a> {
    pub(crate) signer: &'a Signer,
    pub(crate) credentials: &'a Credentials,
    pub(crate) region: &'a str,
    pub(crate) settings: &'a SigningSettings,
    pub(crate) time: SystemTime,
}

/// Why an operation's request could not be prepared: the endpoint could not
/// be resolved, or the input cannot become a request. Calls and presigning
/// each turn it into their own error.
#[derive(Debug)]
pub(crate) enum Unprepared {
    Config(ConfigError),
    Request(InvalidRequest),
}

/// Serializes the input through the operation's protocol and gathers the
/// headers of operation `O`'s request.
///
/// `user_agent` goes in although it is not signed: the signer never signs
/// `user-agent` (see `SigningSettings::excluded_headers`), so proxies may
/// rewrite it.
pub(crate) fn prepare<O: Operation>(
    input: &O::Input,
    endpoint: &ResolvedEndpoint,
    compression: &CompressionConfig,
    invocation_id: InvocationId,
    user_agent: &HeaderValue,
    trace_id: Option<HeaderValue>,
) -> Result<PreparedRequest, InvalidRequest> {
    let prefix = O::host_prefix(input)
        .map_err(InvalidRequest::HostPrefix)?
        .unwrap_or_default();
    check_host_prefix(&prefix)?;
    let request = O::serialize_request(input).map_err(InvalidRequest::Serialize)?;
    let (uri, host) = endpoint.target(&prefix, &request.path_and_query)?;
    let mut operation_headers = request.headers;
    let signed = O::AUTH == Auth::SigV4;
    let request_checksum = checksum::request_algorithm::<O>(input, &operation_headers)?;
    let validate_response_checksum =
        O::HTTP_CHECKSUM.is_some() && O::response_checksum_validation(input);
    let (body, content_encoding, content_md5) = match request.body.into_bytes() {
        Ok(bytes) => {
            #[cfg_attr(not(feature = "gzip"), allow(unused_mut))]
            let mut body = bytes;
            let encoding = choose_encoding(O::REQUEST_COMPRESSION, compression, body.len());
            #[cfg(feature = "gzip")]
            if encoding.is_some() {
                body = crate::compression::gzip(&body)
                    .map_err(InvalidRequest::Compression)?
                    .into();
            }
            let content_encoding = match encoding {
                Some(encoding) => add_encoding(&mut operation_headers, encoding)?,
                None => None,
            };
            // Of the body as sent, so after compression.
            let content_md5 = O::CHECKSUM_REQUIRED.then(|| content_md5(&body));
            if let Some(checksum) = O::BODY_CHECKSUM {
                crate::body_checksum::add(checksum, operation_headers.to_mut(), &body);
            }
            if let Some(algorithm) = request_checksum {
                let value = checksum::checksum_of(algorithm, &body)?;
                checksum::add_headers(operation_headers.to_mut(), algorithm, &value)?;
            }
            (PreparedBody::Bytes(body), content_encoding, content_md5)
        }
        // A stream is sent as it is: `@requestCompression` does not apply to
        // streaming payloads. Its hash (and MD5) come from `settle_stream`.
        Err(stream) => {
            let payload = if !signed || O::UNSIGNED_PAYLOAD || unsigned_s3_stream::<O>(&uri) {
                StreamPayload::Unsigned
            } else {
                StreamPayload::Unhashed
            };
            let streamed = StreamBody {
                stream,
                payload,
                checksum: request_checksum,
            };
            (PreparedBody::Stream(Box::new(streamed)), None, None)
        }
    };
    if !operation_headers.is_sorted_by(|(a, _), (b, _)| a.as_str() <= b.as_str()) {
        operation_headers
            .to_mut()
            .sort_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
    }
    Ok(PreparedRequest {
        method: request.method,
        uri,
        endpoint_headers: endpoint.headers.clone(),
        operation_headers,
        host,
        invocation_id,
        user_agent: user_agent.clone(),
        content_encoding,
        content_md5,
        trace_id,
        signed,
        validate_response_checksum,
        body,
    })
}

/// Whether a streamed S3 payload is signed as `UNSIGNED-PAYLOAD`: over
/// https, TLS already protects it in transit, and hashing a stream before
/// sending it would read it twice (a file) or hold it in memory (a
/// one-shot stream). Over plain http nothing else protects it, so it is
/// hashed first (`settle_stream`), whatever that costs.
fn unsigned_s3_stream<O: Operation>(uri: &Uri) -> bool {
    O::SERVICE.signing_name == S3_SIGNING_NAME && uri.scheme() == Some(&http::uri::Scheme::HTTPS)
}

impl StreamBody {
    /// The checksum and decoded length, when the checksum goes in an
    /// aws-chunked trailer: the payload is signed unsigned anyway (S3 over
    /// https, `@unsignedPayload`) and its length is known (the encoded
    /// length is the `Content-Length`). Otherwise a first pass computes it
    /// (as it does when that pass is made anyway, for `Content-MD5`).
    fn trailer_checksum(&self, signed: bool, first_pass: bool) -> Option<(Algorithm, u64)> {
        match (&self.payload, self.checksum, self.stream.length()) {
            (StreamPayload::Unsigned, Some(algorithm), Some(length)) if signed && !first_pass => {
                Some((algorithm, length))
            }
            _ => None,
        }
    }
}

/// Turns `streamed` into aws-chunked with `algorithm`'s trailer and adds
/// the headers that announce it; returns the `Content-Encoding` to send
/// (`None` when the input's own header was extended instead).
fn chunk_with_trailer(
    streamed: &mut StreamBody,
    algorithm: Algorithm,
    length: u64,
    operation_headers: &mut Cow<'static, [(HeaderName, HeaderValue)]>,
) -> Result<Option<HeaderValue>, ConnectorError> {
    streamed.stream = aws_chunked::encode(&streamed.stream, length, algorithm)
        .map_err(ConnectorError::payload)?;
    streamed.payload = StreamPayload::UnsignedWithTrailer;
    streamed.checksum = None;
    let headers = operation_headers.to_mut();
    headers.push((
        DECODED_CONTENT_LENGTH,
        decimal_value(length).map_err(ConnectorError::payload)?,
    ));
    headers.push((TRAILER, HeaderValue::from_static(algorithm.header())));
    checksum::add_algorithm_header(headers, algorithm);
    let encoding =
        add_encoding(operation_headers, "aws-chunked").map_err(ConnectorError::payload)?;
    operation_headers
        .to_mut()
        .sort_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
    Ok(encoding)
}

/// The `Content-Encoding` the client sends for a compressed body: `encoding`,
/// or, when the input already set one (an `@httpHeader` member), that value
/// with `encoding` appended, which then replaces the input's header.
fn add_encoding(
    operation_headers: &mut Cow<'static, [(HeaderName, HeaderValue)]>,
    encoding: &'static str,
) -> Result<Option<HeaderValue>, InvalidRequest> {
    if !operation_headers
        .iter()
        .any(|(name, _)| *name == CONTENT_ENCODING)
    {
        return Ok(Some(HeaderValue::from_static(encoding)));
    }
    let Some((_, existing)) = operation_headers
        .to_mut()
        .iter_mut()
        .find(|(name, _)| *name == CONTENT_ENCODING)
    else {
        return Ok(Some(HeaderValue::from_static(encoding)));
    };
    let mut combined = existing.as_bytes().to_vec();
    combined.extend_from_slice(b", ");
    combined.extend_from_slice(encoding.as_bytes());
    *existing = HeaderValue::from_bytes(&combined).map_err(|_| InvalidRequest::InvalidHeader {
        name: "Content-Encoding".to_owned(),
    })?;
    Ok(None)
}

/// `Content-MD5`: the base64 of the body's MD5 (`@httpChecksumRequired`).
fn content_md5(body: &[u8]) -> HeaderValue {
    md5_value(md5::compute(body).0)
}

fn md5_value(digest: [u8; 16]) -> HeaderValue {
    use base64::Engine as _;
    let text = base64::engine::general_purpose::STANDARD.encode(digest);
    // Base64 text is always a valid header value.
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}

/// Whether a request with this method and a body of `length` bytes should
/// say `Content-Length`: not for an empty body of a method whose requests
/// carry no content (RFC 9110 §8.6; restJson1's
/// `RestJsonHttpGetWithNoModeledBody`), nor for a stream of unknown length
/// (sent chunked).
fn sends_length(method: &Method, length: Option<u64>) -> bool {
    match length {
        None => false,
        Some(0) => !matches!(
            *method,
            Method::GET | Method::HEAD | Method::DELETE | Method::OPTIONS | Method::TRACE
        ),
        Some(_) => true,
    }
}

impl PreparedRequest {
    /// For a streamed payload that is signed: reads it once to compute its
    /// SHA-256 (and its MD5 when the operation requires `Content-MD5`). A
    /// one-shot stream cannot be read twice, so it is read into memory and
    /// sent from there. Nothing to do for a body in memory.
    ///
    /// A body checksum of a service customization (Glacier's tree hash)
    /// needs the whole payload at once, so such a stream is read into
    /// memory, as the SDKs do for it.
    ///
    /// An `@httpChecksum` checksum goes in an aws-chunked trailer when no
    /// pass is made otherwise (an unsigned payload of known length: nothing
    /// is read here); else it is computed in this pass and sent as a header.
    pub(crate) async fn settle_stream(
        &mut self,
        checksum_required: bool,
        body_checksum: Option<BodyChecksum>,
    ) -> Result<(), ConnectorError> {
        let PreparedBody::Stream(streamed) = &mut self.body else {
            return Ok(());
        };
        let needs_md5 = checksum_required && self.content_md5.is_none();
        let first_pass = needs_md5 || body_checksum.is_some();
        if let Some((algorithm, length)) = streamed.trailer_checksum(self.signed, first_pass) {
            self.content_encoding =
                chunk_with_trailer(streamed, algorithm, length, &mut self.operation_headers)?;
            return Ok(());
        }
        let StreamBody {
            stream,
            payload,
            checksum,
        } = &mut **streamed;
        let checksum = *checksum;
        if matches!(
            payload,
            StreamPayload::Unsigned | StreamPayload::UnsignedWithTrailer
        ) && !needs_md5
            && body_checksum.is_none()
            && checksum.is_none()
        {
            return Ok(());
        }
        if body_checksum.is_some() || !stream.is_replayable() {
            let bytes = stream.collect().await.map_err(ConnectorError::payload)?;
            let headers = self.operation_headers.to_mut();
            if let Some(body_checksum) = body_checksum {
                crate::body_checksum::add(body_checksum, headers, &bytes);
            }
            if let Some(algorithm) = checksum {
                let value =
                    checksum::checksum_of(algorithm, &bytes).map_err(ConnectorError::payload)?;
                checksum::add_headers(headers, algorithm, &value)
                    .map_err(ConnectorError::payload)?;
            }
            headers.sort_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
            if needs_md5 {
                self.content_md5 = Some(content_md5(&bytes));
            }
            self.body = PreparedBody::Bytes(bytes);
            return Ok(());
        }
        let mut chunks = stream.open().map_err(ConnectorError::payload)?;
        let mut sha256 = PayloadHasher::new();
        let mut md5 = needs_md5.then(md5::Context::new);
        let mut hasher = checksum
            .map(Algorithm::hasher)
            .transpose()
            .map_err(ConnectorError::payload)?;
        while let Some(chunk) = awsgen_types::byte_stream::next(&mut chunks).await {
            let chunk = chunk.map_err(ConnectorError::payload)?;
            sha256.update(&chunk);
            if let Some(md5) = &mut md5 {
                md5.consume(&chunk);
            }
            if let Some(hasher) = &mut hasher {
                hasher.update(&chunk);
            }
        }
        if let Some(md5) = md5 {
            self.content_md5 = Some(md5_value(md5.finalize().0));
        }
        if let (Some(algorithm), Some(hasher)) = (checksum, hasher) {
            let headers = self.operation_headers.to_mut();
            checksum::add_headers(headers, algorithm, &hasher.finish_base64())
                .map_err(ConnectorError::payload)?;
            headers.sort_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
        }
        if matches!(payload, StreamPayload::Unhashed) {
            *payload = StreamPayload::Hashed(sha256.finish());
        }
        Ok(())
    }

    /// Whether the response's `@httpChecksum` checksum is to be validated.
    pub(crate) fn validates_response_checksum(&self) -> bool {
        self.validate_response_checksum
    }

    /// Whether the body is a stream (else it is held in memory).
    pub(crate) fn streams(&self) -> bool {
        matches!(self.body, PreparedBody::Stream(_))
    }

    /// Whether another attempt can send the body again (a one-shot stream
    /// is gone once sent).
    pub(crate) fn replayable(&self) -> bool {
        match &self.body {
            PreparedBody::Bytes(_) => true,
            PreparedBody::Stream(streamed) => streamed.stream.is_replayable(),
        }
    }
}

impl PreparedRequest {
    /// The request of attempt `attempt` of `max`, signed with `signing`
    /// (`None` for an operation sent unsigned).
    /// The response is handed on as a stream when `streaming_response`.
    pub(crate) fn for_attempt(
        &self,
        attempt: u32,
        max: u32,
        service: &str,
        signing: Option<&SigningContext<'_>>,
        streaming_response: bool,
    ) -> Result<Outgoing, InvalidRequest> {
        let params = signing.map(|signing| SigningParams {
            credentials: signing.credentials,
            region: signing.region,
            service,
            time: signing.time,
            settings: signing.settings,
        });
        let signature_len = params.as_ref().map_or(0, |params| {
            SignatureHeaders::count(&self.signed_payload(), params)
        });
        let mut headers = self.attempt_headers(attempt, max, signature_len)?;
        if let (Some(signing), Some(params)) = (signing, &params) {
            // The map is signed as it will be sent (what is signed is
            // exactly what it holds), then given the signature's headers.
            let signature = self.sign(signing.signer, &headers, params)?;
            for (name, value) in signature {
                headers.insert(name, value);
            }
        }
        // One head for whichever body: building it in each arm put three
        // copies of it in this function's stack frame.
        let (mut head, ()) = http::Request::new(()).into_parts();
        head.method = self.method.clone();
        head.uri = self.uri.clone();
        head.headers = headers;
        Ok(match (&self.body, streaming_response) {
            (PreparedBody::Bytes(bytes), false) => {
                Outgoing::Buffered(http::Request::from_parts(head, bytes.clone()))
            }
            (PreparedBody::Bytes(bytes), true) => Outgoing::Streaming(http::Request::from_parts(
                head,
                ByteStream::from_bytes(bytes.clone()),
            )),
            (PreparedBody::Stream(streamed), _) => {
                Outgoing::Streaming(http::Request::from_parts(head, streamed.stream.clone()))
            }
        })
    }

    /// Every header of attempt `attempt` of `max` but the signature's, in a
    /// map sized for those too (`signature_len`). The endpoint's own headers
    /// (rarely any) come first; then the client's and the operation's, both
    /// in name order, inserted in name order. The map keeps insertion order,
    /// which is the order on the wire, and the signer, reading the map,
    /// finds it sorted and spares the sort. A client
    /// or operation header replaces an endpoint header of the same name, and
    /// a client header an operation header.
    ///
    /// The values made for this attempt are moved into the map: a clone of
    /// a freshly made header value allocates (its bytes become shared), one
    /// allocation each per attempt.
    fn attempt_headers(
        &self,
        attempt: u32,
        max: u32,
        signature_len: usize,
    ) -> Result<HeaderMap, InvalidRequest> {
        let invocation_id =
            HeaderValue::from_bytes(self.invocation_id.as_bytes()).map_err(|_| {
                InvalidRequest::InvalidHeader {
                    name: "amz-sdk-invocation-id".to_owned(),
                }
            })?;
        let request_info = request_info(attempt, max)?;
        let content_length = match self.body_length() {
            Some(length) if sends_length(&self.method, Some(length)) => {
                Some(decimal_value(length)?)
            }
            _ => None,
        };
        // Sized exactly: a map keeps room for a power of two of entries
        // (about 100 bytes each) above a third more than asked for, so a
        // spare or two can double the allocation.
        let own_len = 4
            + usize::from(self.content_encoding.is_some())
            + usize::from(content_length.is_some())
            + usize::from(self.content_md5.is_some())
            + usize::from(self.trace_id.is_some());
        let mut headers = HeaderMap::with_capacity(
            self.endpoint_headers.len() + own_len + self.operation_headers.len() + signature_len,
        );
        for (name, value) in &self.endpoint_headers {
            headers.append(name.clone(), value.clone());
        }
        // The client's own headers, in name order, each after the
        // operation's headers that sort before it.
        let mut operation = OperationHeaders(&self.operation_headers);
        operation.insert_before(&mut headers, &INVOCATION_ID);
        headers.insert(INVOCATION_ID, invocation_id);
        operation.insert_before(&mut headers, &REQUEST_INFO);
        headers.insert(REQUEST_INFO, request_info);
        if let Some(value) = &self.content_encoding {
            operation.insert_before(&mut headers, &CONTENT_ENCODING);
            headers.insert(CONTENT_ENCODING, value.clone());
        }
        if let Some(value) = content_length {
            operation.insert_before(&mut headers, &CONTENT_LENGTH);
            headers.insert(CONTENT_LENGTH, value);
        }
        if let Some(value) = &self.content_md5 {
            operation.insert_before(&mut headers, &CONTENT_MD5);
            headers.insert(CONTENT_MD5, value.clone());
        }
        operation.insert_before(&mut headers, &HOST);
        headers.insert(HOST, self.host.clone());
        operation.insert_before(&mut headers, &USER_AGENT);
        headers.insert(USER_AGENT, self.user_agent.clone());
        // Not signed (`SigningSettings::excluded_headers`), like User-Agent.
        if let Some(value) = &self.trace_id {
            operation.insert_before(&mut headers, &TRACE_ID);
            headers.insert(TRACE_ID, value.clone());
        }
        operation.insert_rest(&mut headers);
        Ok(headers)
    }

    /// The signature's headers for `headers` as they stand. (Forcing it out
    /// of line, to keep the canonical request's working state out of
    /// `for_attempt`'s frame, measured no faster and 150 instructions a
    /// call more: the compiler is left to choose.)
    fn sign(
        &self,
        signer: &Signer,
        headers: &HeaderMap,
        params: &SigningParams<'_>,
    ) -> Result<SignatureHeaders, InvalidRequest> {
        Ok(signer.sign_headers(
            &self.method,
            &self.uri,
            headers,
            self.signed_payload(),
            params,
        )?)
    }

    /// The headers a presigned request is signed with and its sender must
    /// send: the endpoint's, the operation's, `Content-Encoding` and
    /// `Content-MD5` when the client adds them, and `Host`. Not the
    /// per-attempt headers (invocation ID, `amz-sdk-request`), nor
    /// `User-Agent`, the trace ID or `Content-Length`, which the sender's
    /// own HTTP stack sets.
    pub(crate) fn presigned_headers(&self) -> HeaderMap {
        let mut headers = self.endpoint_headers.clone();
        for (name, value) in self.operation_headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(value) = &self.content_encoding {
            headers.insert(CONTENT_ENCODING, value.clone());
        }
        if let Some(value) = &self.content_md5 {
            headers.insert(CONTENT_MD5, value.clone());
        }
        headers.insert(HOST, self.host.clone());
        headers
    }

    /// The method.
    pub(crate) fn method(&self) -> &Method {
        &self.method
    }

    /// The body when it is held in memory (`None` for a stream).
    pub(crate) fn body_bytes(&self) -> Option<&Bytes> {
        match &self.body {
            PreparedBody::Bytes(bytes) => Some(bytes),
            PreparedBody::Stream(_) => None,
        }
    }

    /// How the body enters the signature.
    pub(crate) fn signed_payload(&self) -> SignedPayload<'_> {
        match &self.body {
            PreparedBody::Bytes(bytes) => SignedPayload::Bytes(bytes),
            PreparedBody::Stream(streamed) => match &streamed.payload {
                StreamPayload::Hashed(hash) => SignedPayload::Sha256(hash),
                StreamPayload::UnsignedWithTrailer => SignedPayload::UnsignedWithTrailer,
                StreamPayload::Unhashed | StreamPayload::Unsigned => SignedPayload::Unsigned,
            },
        }
    }

    /// The body's length in bytes, when known (not for every stream).
    fn body_length(&self) -> Option<u64> {
        match &self.body {
            PreparedBody::Bytes(bytes) => Some(bytes.len() as u64),
            PreparedBody::Stream(streamed) => streamed.stream.length(),
        }
    }

    /// Whether the request is to be signed.
    pub(crate) fn signed(&self) -> bool {
        self.signed
    }

    /// Whether the payload is a stream (an upload), which the default
    /// attempt timeout does not hold.
    pub(crate) fn streams_payload(&self) -> bool {
        matches!(self.body, PreparedBody::Stream(_))
    }

    /// The request URI (for errors, which name its endpoint).
    pub(crate) fn uri(&self) -> &Uri {
        &self.uri
    }
}

/// The operation's headers (in name order) not yet in the map, inserted
/// among the client's own, which are given in name order too, so that all
/// enter the map in name order. The client's header is inserted by the
/// caller, in place: passed to a function, a name and value (72 bytes) went
/// through memory on each call.
struct OperationHeaders<'a>(&'a [(HeaderName, HeaderValue)]);

impl OperationHeaders<'_> {
    /// Inserts those that sort before `name`, the client's next header, and
    /// passes over those named `name`: the client's replaces them.
    fn insert_before(&mut self, headers: &mut HeaderMap, name: &HeaderName) {
        while let Some(((next, value), rest)) = self.0.split_first() {
            if sorts_before(next, name) {
                headers.insert(next.clone(), value.clone());
            } else if next != name {
                return;
            }
            self.0 = rest;
        }
    }

    /// Inserts those that sort after the client's last header.
    fn insert_rest(self, headers: &mut HeaderMap) {
        for (name, value) in self.0 {
            headers.insert(name.clone(), value.clone());
        }
    }
}

/// Whether header name `a` sorts before `b`. Names mostly differ in their
/// first letter, which is compared inline; only the rest calls `memcmp`.
fn sorts_before(a: &HeaderName, b: &HeaderName) -> bool {
    let (a, b) = (a.as_str().as_bytes(), b.as_str().as_bytes());
    match (a.first(), b.first()) {
        (Some(first_a), Some(first_b)) if first_a != first_b => first_a < first_b,
        _ => a < b,
    }
}

/// `attempt=N; max=M` (the SDKs' `amz-sdk-request`).
fn request_info(attempt: u32, max: u32) -> Result<HeaderValue, InvalidRequest> {
    let mut info = ShortText::default();
    info.push(b"attempt=");
    info.push_decimal(attempt.into());
    info.push(b"; max=");
    info.push_decimal(max.into());
    info.into_value("amz-sdk-request")
}

/// A number as a header value.
fn decimal_value(value: u64) -> Result<HeaderValue, InvalidRequest> {
    let mut text = ShortText::default();
    text.push_decimal(value);
    text.into_value("content-length")
}

/// Header text written on the stack and copied into a header value once: a
/// `String` turned into a `HeaderValue` costs a second allocation whenever
/// its capacity exceeds its length, and `HeaderValue::from(usize)` two.
struct ShortText {
    bytes: [u8; 48],
    len: usize,
    overflowed: bool,
}

impl Default for ShortText {
    fn default() -> Self {
        Self {
            bytes: [0; 48],
            len: 0,
            overflowed: false,
        }
    }
}

impl ShortText {
    fn push(&mut self, text: &[u8]) {
        match self.bytes.get_mut(self.len..self.len + text.len()) {
            Some(room) => {
                room.copy_from_slice(text);
                self.len += text.len();
            }
            None => self.overflowed = true,
        }
    }

    fn push_decimal(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = value;
        while start > 0 {
            start -= 1;
            if let Some(digit) = digits.get_mut(start) {
                *digit = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.push(digits.get(start..).unwrap_or_default());
    }

    fn into_value(self, name: &str) -> Result<HeaderValue, InvalidRequest> {
        let invalid = || InvalidRequest::InvalidHeader {
            name: name.to_owned(),
        };
        if self.overflowed {
            return Err(invalid());
        }
        HeaderValue::from_bytes(self.bytes.get(..self.len).unwrap_or_default())
            .map_err(|_| invalid())
    }
}

/// The host prefix comes from input values, so it must be checked before it
/// becomes part of the host: host-name characters only, and labels of 1 to 63
/// characters that do not start with `-`.
fn check_host_prefix(prefix: &str) -> Result<(), InvalidRequest> {
    let invalid = |reason| {
        Err(InvalidRequest::InvalidHostPrefix {
            prefix: prefix.to_owned(),
            reason,
        })
    };
    if prefix.is_empty() {
        return Ok(());
    }
    if !prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return invalid("only letters, digits, `-` and `.` are allowed");
    }
    let labels: Vec<&str> = prefix.split('.').collect();
    // A prefix ending in `.` leaves an empty last piece; the endpoint host follows it.
    let last = labels.len() - 1;
    for (i, label) in labels.iter().enumerate() {
        if label.is_empty() && i != last {
            return invalid("it has an empty label");
        }
        if label.len() > 63 {
            return invalid("a label is longer than 63 characters");
        }
        if label.starts_with('-') {
            return invalid("a label starts with `-`");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_enter_the_map_in_name_order_and_the_client_wins() {
        let name = |n: &'static str| HeaderName::from_static(n);
        let value = |v: &'static str| HeaderValue::from_static(v);
        let operation = [
            (name("accept"), value("a")),
            (name("host"), value("other")),
            (name("host"), value("another")),
            (name("x-amz-target"), value("t")),
            (name("zz-last"), value("z")),
        ];
        let mut headers = HeaderMap::new();
        headers.append(name("x-endpoint"), value("e"));
        headers.append(name("x-amz-target"), value("from the endpoint"));
        let mut merged = OperationHeaders(&operation);
        merged.insert_before(&mut headers, &name("host"));
        headers.insert(name("host"), value("h"));
        merged.insert_before(&mut headers, &name("user-agent"));
        headers.insert(name("user-agent"), value("ua"));
        merged.insert_rest(&mut headers);
        let got: Vec<_> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("x-endpoint", "e"),
                ("x-amz-target", "t"),
                ("accept", "a"),
                ("host", "h"),
                ("user-agent", "ua"),
                ("zz-last", "z"),
            ]
        );
    }

    #[test]
    fn bodiless_methods_send_no_length_when_empty_and_streams_of_unknown_length_none() {
        assert!(!sends_length(&Method::GET, Some(0)));
        assert!(sends_length(&Method::GET, Some(1)));
        assert!(sends_length(&Method::POST, Some(0)));
        assert!(sends_length(&Method::PUT, Some(0)));
        assert!(!sends_length(&Method::PUT, None));
    }

    #[test]
    fn content_md5_is_base64_of_the_digest() {
        // RFC 1321's test vector for "abc", in base64.
        assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    }

    #[test]
    fn an_input_encoding_gets_the_client_encoding_appended() {
        let mut headers = Cow::Owned(vec![(CONTENT_ENCODING, HeaderValue::from_static("custom"))]);
        assert_eq!(add_encoding(&mut headers, "gzip").unwrap(), None);
        assert_eq!(headers[0].1, "custom, gzip");
        assert_eq!(
            add_encoding(&mut Cow::Borrowed(&[]), "gzip").unwrap(),
            Some(HeaderValue::from_static("gzip"))
        );
    }

    #[test]
    fn lengths_are_written_in_decimal() {
        for value in [0, 7, 9, 10, 60, 1_048_576, u64::MAX] {
            assert_eq!(
                decimal_value(value).unwrap(),
                value.to_string().as_str(),
                "{value}"
            );
        }
    }

    #[test]
    fn request_info_counts_attempts() {
        for (attempt, max, expected) in [
            (1, 3, "attempt=1; max=3"),
            (10, 10, "attempt=10; max=10"),
            (0, u32::MAX, "attempt=0; max=4294967295"),
            (u32::MAX, u32::MAX, "attempt=4294967295; max=4294967295"),
        ] {
            assert_eq!(request_info(attempt, max).unwrap(), expected);
        }
    }

    #[test]
    fn host_prefixes_are_checked() {
        for ok in [
            "",
            "foo.",
            "foo.bar.",
            "data-",
            "a1-b2.",
            &format!("{}.", "a".repeat(63)),
        ] {
            assert!(check_host_prefix(ok).is_ok(), "{ok}");
        }
        for bad in [
            ".foo.",
            "foo..",
            "-foo.",
            "foo bar.",
            "foo/.",
            "ex\u{e9}.",
            "a\r\n.",
            &format!("{}.", "a".repeat(64)),
        ] {
            assert!(check_host_prefix(bad).is_err(), "{bad}");
        }
    }
}
