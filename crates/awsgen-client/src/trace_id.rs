//! The `x-amzn-trace-id` header the AWS SDKs add inside AWS Lambda (PROTOCOL
//! §5.6). It carries the invocation's trace ID, which lets services notice a
//! function that calls itself through them (recursion detection) and links
//! X-Ray traces. Outside Lambda nothing is added.

use std::fmt::Write as _;

use awsgen_auth::Environment;
use http::HeaderValue;

/// Set by the Lambda runtime in every function's environment.
const FUNCTION_NAME: &str = "AWS_LAMBDA_FUNCTION_NAME";
/// The current invocation's trace ID.
const TRACE_ID: &str = "_X_AMZN_TRACE_ID";

/// Where a call's trace ID comes from.
#[derive(Debug, Clone, Default)]
pub(crate) enum TraceIdSource {
    /// Not in Lambda, or not configured from an environment.
    #[default]
    Off,
    /// The process environment, read on every call: the Lambda runtime sets
    /// the variable afresh for each invocation.
    Process,
    /// The value of an environment given to the builder, sent on every call.
    Fixed(HeaderValue),
}

impl TraceIdSource {
    /// For a client configured from the process environment `env`.
    pub(crate) fn for_process(env: &Environment) -> Self {
        if env.var(FUNCTION_NAME).is_some() {
            TraceIdSource::Process
        } else {
            TraceIdSource::Off
        }
    }

    /// For a client configured from a given environment: its trace ID, if
    /// it describes a Lambda function that has one.
    pub(crate) fn for_environment(env: &Environment) -> Self {
        match (env.var(FUNCTION_NAME), env.var(TRACE_ID).and_then(encode)) {
            (Some(_), Some(value)) => TraceIdSource::Fixed(value),
            _ => TraceIdSource::Off,
        }
    }

    /// The header value for the call being prepared, if any.
    pub(crate) fn current(&self) -> Option<HeaderValue> {
        match self {
            TraceIdSource::Off => None,
            TraceIdSource::Process => {
                let value = std::env::var(TRACE_ID).ok()?;
                if value.trim().is_empty() {
                    return None;
                }
                encode(&value)
            }
            TraceIdSource::Fixed(value) => Some(value.clone()),
        }
    }
}

/// The trace ID as a header value: control characters and bytes beyond
/// ASCII are percent-encoded, as the SDKs do, so every ID can be sent.
fn encode(value: &str) -> Option<HeaderValue> {
    let mut text = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_control() || !byte.is_ascii() {
            // Writing to a `String` cannot fail.
            let _ = write!(text, "%{byte:02X}");
        } else {
            text.push(char::from(byte));
        }
    }
    HeaderValue::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    #[test]
    fn only_a_lambda_environment_with_a_trace_id_adds_one() {
        let lambda = Environment::from_vars([(FUNCTION_NAME, "scanner"), (TRACE_ID, ID)]);
        assert_eq!(
            TraceIdSource::for_environment(&lambda).current(),
            Some(HeaderValue::from_static(ID))
        );
        for env in [
            Environment::from_vars([(TRACE_ID, ID)]),
            Environment::from_vars([(FUNCTION_NAME, "scanner")]),
            Environment::from_vars([(FUNCTION_NAME, "scanner"), (TRACE_ID, "  ")]),
        ] {
            assert!(TraceIdSource::for_environment(&env).current().is_none());
        }
        assert!(matches!(
            TraceIdSource::for_process(&lambda),
            TraceIdSource::Process
        ));
        assert!(matches!(
            TraceIdSource::for_process(&Environment::from_vars([(TRACE_ID, ID)])),
            TraceIdSource::Off
        ));
    }

    #[test]
    fn control_and_non_ascii_characters_are_percent_encoded() {
        assert_eq!(
            encode("Root=1;\nParent=caf\u{e9}\t%").unwrap(),
            "Root=1;%0AParent=caf%C3%A9%09%"
        );
        assert_eq!(encode(ID).unwrap(), ID);
    }
}
