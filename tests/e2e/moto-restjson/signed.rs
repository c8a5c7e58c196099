//! A workaround for moto 5.2.5, not for anything a client or AWS does.
//!
//! With authentication on, moto checks a signature by rebuilding the
//! request with botocore and signing it again. For the payload hash it
//! hashes the request's body, but when the body is empty it substitutes
//! its parsed parameters (the query string, or with no query the headers)
//! as form data (`data=self._body or self._data` in
//! `moto/iam/access_control.py`, with `self.data` from
//! `moto/core/responses.py`). So every body-less request of a REST
//! protocol (a GET, a DELETE, a POST with no payload) is refused as
//! `SignatureDoesNotMatch`, whoever signed it: boto3's own ListClusters and
//! DescribeCluster are refused the same way. botocore takes the payload
//! hash from a signed `x-amz-content-sha256` header when there is one, so
//! such a request passes when it carries that header (which AWS accepts
//! from every service; S3 requires it).
//!
//! [`ContentSha256<O>`] is operation `O` with that header added to the
//! request the generated serializer makes: the same method, path, query,
//! other headers and body, the same output and error readers. The client
//! signs it like every other header, so moto still checks our signature.
//! The scenarios call body-less operations through it and everything else
//! through the generated typed clients, and one test pins the refusal, so
//! a moto that fixes this shows up as a failure here.

use std::marker::PhantomData;

use awsgen_types::http::{HeaderName, HeaderValue};
use awsgen_types::{
    BodyChecksum, ByteStream, DeserializeError, EndpointParam, HostPrefixError, HttpRequest,
    HttpResponse, Operation, Paginated, PaginatedItems, RequestCompression, SerializeError,
    ServiceMeta,
};
use ring::digest::{digest, SHA256};

const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");

/// Operation `O`, its request carrying `x-amz-content-sha256` (see the module docs).
pub struct ContentSha256<O>(PhantomData<O>);

impl<O: Operation> Operation for ContentSha256<O> {
    type Input = O::Input;
    type Output = O::Output;
    type Error = O::Error;

    const SERVICE: &'static ServiceMeta = O::SERVICE;
    const NAME: &'static str = O::NAME;
    const REQUEST_COMPRESSION: Option<RequestCompression> = O::REQUEST_COMPRESSION;
    const CHECKSUM_REQUIRED: bool = O::CHECKSUM_REQUIRED;
    const AUTH: awsgen_types::Auth = O::AUTH;
    const UNSIGNED_PAYLOAD: bool = O::UNSIGNED_PAYLOAD;
    const STREAMING_RESPONSE: bool = O::STREAMING_RESPONSE;
    const BODY_CHECKSUM: Option<BodyChecksum> = O::BODY_CHECKSUM;

    fn endpoint_params(input: &Self::Input) -> Vec<(&'static str, EndpointParam)> {
        O::endpoint_params(input)
    }

    fn host_prefix(input: &Self::Input) -> Result<Option<String>, HostPrefixError> {
        O::host_prefix(input)
    }

    fn fill_unset(input: &mut Self::Input, idempotency_token: &dyn Fn() -> String) {
        O::fill_unset(input, idempotency_token)
    }

    fn serialize_request(input: &Self::Input) -> Result<HttpRequest, SerializeError> {
        let mut request = O::serialize_request(input)?;
        let body = request
            .body
            .as_bytes()
            .expect("the scenarios send no streamed payload through ContentSha256");
        let hash: String = digest(&SHA256, body)
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let value = HeaderValue::from_str(&hash).expect("hex digits are a header value");
        request.headers.to_mut().push((X_AMZ_CONTENT_SHA256, value));
        Ok(request)
    }

    fn deserialize_output(response: &HttpResponse<'_>) -> Result<Self::Output, DeserializeError> {
        O::deserialize_output(response)
    }

    fn deserialize_streaming_output(
        response: &HttpResponse<'_>,
        body: ByteStream,
    ) -> Result<Self::Output, DeserializeError> {
        O::deserialize_streaming_output(response, body)
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> Self::Error {
        O::deserialize_error(response)
    }
}

impl<O: Paginated> Paginated for ContentSha256<O> {
    type Token = O::Token;

    const HAS_PAGE_SIZE: bool = O::HAS_PAGE_SIZE;

    fn set_input_token(input: &mut Self::Input, token: Option<Self::Token>) {
        O::set_input_token(input, token)
    }

    fn input_token(input: &Self::Input) -> Option<&Self::Token> {
        O::input_token(input)
    }

    fn output_token(output: &Self::Output) -> Option<&Self::Token> {
        O::output_token(output)
    }

    fn token_is_empty(token: &Self::Token) -> bool {
        O::token_is_empty(token)
    }

    fn set_page_size(input: &mut Self::Input, page_size: i32) {
        O::set_page_size(input, page_size)
    }
}

impl<O: PaginatedItems> PaginatedItems for ContentSha256<O> {
    type Item = O::Item;

    fn items(output: Self::Output) -> Vec<Self::Item> {
        O::items(output)
    }
}
