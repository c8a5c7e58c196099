//! The JSON documents credential sources answer with (`credential_process`
//! output, the container endpoint's and instance metadata's credentials),
//! read field by field from a `serde_json::Value`: an error names the field
//! and what is wrong, never a value (serde's own messages quote values, and
//! these values are secrets).

use std::time::SystemTime;

use awsgen_auth::Credentials;
use awsgen_types::{DateTime, TimestampFormat};
use serde_json::{Map, Value};

/// The member names of one kind of document.
pub(super) struct Fields {
    pub(super) access_key_id: &'static str,
    pub(super) secret_access_key: &'static str,
    pub(super) session_token: &'static str,
    pub(super) expiration: &'static str,
}

/// The container endpoint's and instance metadata's names.
pub(super) const METADATA_FIELDS: Fields = Fields {
    access_key_id: "AccessKeyId",
    secret_access_key: "SecretAccessKey",
    session_token: "Token",
    expiration: "Expiration",
};

/// A JSON object, or what is wrong with the text (position only).
pub(super) fn object(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("is JSON but not an object".to_owned()),
        Err(error) => Err(match error.classify() {
            serde_json::error::Category::Eof => "is empty or cut short".to_owned(),
            _ => format!(
                "is not JSON (a syntax error at line {} column {})",
                error.line(),
                error.column()
            ),
        }),
    }
}

/// A string member: `None` when absent or null.
pub(super) fn string<'a>(
    doc: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, String> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(format!("`{key}` is not a string")),
    }
}

fn required<'a>(doc: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match string(doc, key)? {
        Some(text) if !text.trim().is_empty() => Ok(text),
        Some(_) => Err(format!("`{key}` is empty")),
        None => Err(format!("`{key}` is missing")),
    }
}

/// An RFC 3339 time as a `SystemTime`.
pub(super) fn time(text: &str, key: &str) -> Result<SystemTime, String> {
    DateTime::parse(text.trim(), TimestampFormat::DateTime)
        .ok()
        .and_then(|time| SystemTime::try_from(time).ok())
        .ok_or_else(|| format!("`{key}` is not an RFC 3339 time such as 2030-01-01T00:00:00Z"))
}

/// The credentials in `doc`. Without `expiration_required`, a missing
/// expiration means the credentials do not expire.
pub(super) fn credentials(
    doc: &Map<String, Value>,
    fields: &Fields,
    expiration_required: bool,
    provider_name: &'static str,
) -> Result<Credentials, String> {
    let access_key_id = required(doc, fields.access_key_id)?;
    let secret_access_key = required(doc, fields.secret_access_key)?;
    let session_token = string(doc, fields.session_token)?
        .filter(|token| !token.trim().is_empty())
        .map(str::to_owned);
    let expiry = match string(doc, fields.expiration)? {
        Some(text) => Some(time(text, fields.expiration)?),
        None if expiration_required => return Err(format!("`{}` is missing", fields.expiration)),
        None => None,
    };
    let credentials = Credentials::new(
        access_key_id,
        secret_access_key,
        session_token,
        provider_name,
    );
    Ok(match expiry {
        Some(expiry) => credentials.with_expiry(expiry),
        None => credentials,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn read(text: &str) -> Result<Credentials, String> {
        let doc = object(text.as_bytes())?;
        credentials(&doc, &METADATA_FIELDS, true, "test")
    }

    #[test]
    fn reads_the_keys_and_the_expiry() {
        let credentials = read(&format!(
            r#"{{"AccessKeyId":"AKID","SecretAccessKey":"{SECRET}","Token":"TOKEN","Expiration":"2030-01-02T03:04:05Z"}}"#
        ))
        .unwrap();
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.secret_access_key(), SECRET);
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        let expiry = credentials.expiry().unwrap();
        assert_eq!(DateTime::from(expiry).secs(), 1_893_553_445);
    }

    #[test]
    fn errors_name_the_field_and_never_the_value() {
        for (text, expected) in [
            ("", "is empty or cut short"),
            ("[1]", "is JSON but not an object"),
            (
                &format!(r#"{{"AccessKeyId": "{SECRET}" nope}}"#),
                "line 1 column",
            ),
            (r#"{"SecretAccessKey":"x"}"#, "`AccessKeyId` is missing"),
            (
                &format!(r#"{{"AccessKeyId":7,"SecretAccessKey":"{SECRET}"}}"#),
                "`AccessKeyId` is not a string",
            ),
            (
                &format!(r#"{{"AccessKeyId":"A","SecretAccessKey":"{SECRET}"}}"#),
                "`Expiration` is missing",
            ),
            (
                &format!(
                    r#"{{"AccessKeyId":"A","SecretAccessKey":"{SECRET}","Expiration":"{SECRET}"}}"#
                ),
                "`Expiration` is not an RFC 3339 time",
            ),
        ] {
            let message = read(text).unwrap_err();
            assert!(message.contains(expected), "{message} for {text}");
            assert!(!message.contains(SECRET), "{message}");
        }
    }
}
