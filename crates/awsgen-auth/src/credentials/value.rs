//! The credentials value itself.

use std::borrow::Cow;
use std::fmt;
use std::time::SystemTime;

use http::HeaderValue;

use crate::REDACTED;

/// An AWS access key pair, with the session token of temporary credentials.
///
/// `Debug` shows the access key id and the provider name; the secret access key and
/// session token are always redacted.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<SessionToken>,
    expiry: Option<SystemTime>,
    provider_name: Cow<'static, str>,
}

/// A session token and its `X-Amz-Security-Token` value, made once when the
/// credentials are: tokens run to a kilobyte or more, and checking and
/// copying one into a header value on every signature showed in profiles.
#[derive(Clone)]
struct SessionToken {
    text: String,
    /// `None` when the token is not a valid header value; signing then
    /// fails with `SigningError::InvalidSessionToken`.
    header: Option<HeaderValue>,
}

impl SessionToken {
    fn new(text: String) -> Self {
        let header = HeaderValue::from_str(&text).ok().map(|mut value| {
            value.set_sensitive(true);
            value
        });
        Self { text, header }
    }
}

impl Credentials {
    /// Credentials without an expiry. `provider_name` says where they came from (for
    /// example `"environment"`), for diagnostics.
    ///
    /// Every argument may be borrowed or owned: keys read from a secret store
    /// at run time are `String`s, and so may be the provider's name.
    ///
    /// ```
    /// use awsgen_auth::Credentials;
    ///
    /// let static_keys = Credentials::new("AKIDEXAMPLE", "example-secret", None, "static");
    /// // Owned values, as read at run time:
    /// let (key, secret, token) = (String::from("AKID"), String::from("secret"), String::from("token"));
    /// let vault = String::from("vault:team/ci");
    /// let temporary = Credentials::new(key, secret, Some(token), vault);
    /// assert_eq!(temporary.provider_name(), "vault:team/ci");
    /// # let _ = static_keys;
    /// ```
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: impl Into<Option<String>>,
        provider_name: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: session_token.into().map(SessionToken::new),
            expiry: None,
            provider_name: provider_name.into(),
        }
    }

    /// The same credentials, marked as expiring at `expiry`.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Never log it.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials. Never log it.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_ref().map(|token| token.text.as_str())
    }

    /// The session token and its sensitive header value, made when these
    /// credentials were; the value is `None` when the token cannot be one.
    pub(crate) fn session_token_parts(&self) -> Option<(&str, Option<&HeaderValue>)> {
        self.session_token
            .as_ref()
            .map(|token| (token.text.as_str(), token.header.as_ref()))
    }

    /// When the credentials stop working, if they expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Which provider produced these credentials.
    pub fn provider_name(&self) -> &str {
        &self.provider_name
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("provider_name", &self.provider_name)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn accessors_return_what_was_given() {
        let expiry = UNIX_EPOCH + Duration::from_secs(1_000);
        let credentials =
            Credentials::new("AKID", "SECRET", Some("TOKEN".into()), "test").with_expiry(expiry);
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.secret_access_key(), "SECRET");
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        assert_eq!(credentials.expiry(), Some(expiry));
        assert_eq!(credentials.provider_name(), "test");
    }

    #[test]
    fn owned_values_are_taken_as_they_are() {
        let provider = format!("vault:{}", "team/ci");
        let credentials = Credentials::new(
            String::from("AKID"),
            String::from("SECRET"),
            String::from("TOKEN"),
            provider,
        );
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        assert_eq!(credentials.provider_name(), "vault:team/ci");
        let without_token = Credentials::new("AKID", "SECRET", None, "static");
        assert_eq!(without_token.session_token(), None);
    }

    #[test]
    fn debug_redacts_the_secret_and_token() {
        let credentials = Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            Some("session-token-value".into()),
            "test",
        );
        let debug = format!("{credentials:?}");
        assert!(debug.contains("AKIDEXAMPLE"), "{debug}");
        assert!(debug.contains("test"), "{debug}");
        assert!(debug.contains(REDACTED), "{debug}");
        assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
        assert!(!debug.contains("session-token-value"), "{debug}");
        let pretty = format!("{credentials:#?}");
        assert!(!pretty.contains("wJalrXUtnFEMI"), "{pretty}");
    }
}
