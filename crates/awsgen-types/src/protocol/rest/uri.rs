//! The path and query string of a REST request (`@http(uri)`,
//! `@httpLabel`, `@httpQuery`, `@httpQueryParams`).

use crate::request::{MemberProblem, SerializeError};

/// A request's path and query, built piece by piece in the order of the
/// `@http` URI, then the query members.
#[derive(Debug, Default, Clone)]
pub struct Uri {
    text: String,
    query_started: bool,
}

impl Uri {
    /// An empty path.
    pub fn new() -> Self {
        Uri::default()
    }

    /// Literal text of the `@http` URI pattern, written as the model has it.
    pub fn literal(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A `{label}`: percent-encoded, every character but RFC 3986's
    /// unreserved ones. An empty value, or `.` or `..`, would send the
    /// request somewhere else, so it is an error naming the member.
    pub fn label(&mut self, member: &'static str, value: &str) -> Result<(), SerializeError> {
        if value.is_empty() {
            return Err(problem(member, MemberProblem::EmptyLabel));
        }
        if value == "." || value == ".." {
            return Err(problem(member, MemberProblem::PathChangingLabel));
        }
        percent_encode(&mut self.text, value, false);
        Ok(())
    }

    /// A greedy `{label+}`: like [`label`](Self::label) but `/` is kept, so
    /// the value spans segments; no segment may be `.` or `..`, and the
    /// value may not be empty.
    pub fn greedy_label(
        &mut self,
        member: &'static str,
        value: &str,
    ) -> Result<(), SerializeError> {
        if value.is_empty() {
            return Err(problem(member, MemberProblem::EmptyLabel));
        }
        if value
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        {
            return Err(problem(member, MemberProblem::PathChangingLabel));
        }
        percent_encode(&mut self.text, value, true);
        Ok(())
    }

    /// A greedy `{label+}` whose `.` and `..` segments are sent as they are:
    /// an S3 object key is a name, and S3 does not normalize paths
    /// (`foo/../key.txt` is its own key). The value may not be empty.
    pub fn greedy_label_with_dot_segments(
        &mut self,
        member: &'static str,
        value: &str,
    ) -> Result<(), SerializeError> {
        if value.is_empty() {
            return Err(problem(member, MemberProblem::EmptyLabel));
        }
        percent_encode(&mut self.text, value, true);
        Ok(())
    }

    /// `key=value` in the query string, both percent-encoded.
    pub fn query(&mut self, key: &str, value: &str) {
        self.separator();
        percent_encode(&mut self.text, key, false);
        self.text.push('=');
        percent_encode(&mut self.text, value, false);
    }

    /// A key without a value (`?list` in an `@http` URI).
    pub fn query_key(&mut self, key: &str) {
        self.separator();
        percent_encode(&mut self.text, key, false);
    }

    fn separator(&mut self) {
        self.text.push(if self.query_started { '&' } else { '?' });
        self.query_started = true;
    }

    /// The path and query. Without a path (S3's `/{Bucket}` and
    /// `/{Bucket}?list-type=2` once the bucket is left to the endpoint) it
    /// is empty or only the query: the request then goes to the endpoint's
    /// own path (`/` or `/mybucket`), which the client joins it to.
    pub fn finish(self) -> String {
        self.text
    }
}

fn problem(member: &'static str, problem: MemberProblem) -> SerializeError {
    SerializeError::Member { member, problem }
}

/// Appends `text` with every byte outside RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) written as `%XX`; `/` too unless `keep_slash`.
fn percent_encode(out: &mut String, text: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && byte == b'/')
        {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_percent_encoded_and_greedy_ones_keep_slashes() {
        let mut uri = Uri::new();
        uri.literal("/things/");
        uri.label("Name", "a b/c%ü").unwrap();
        uri.literal("/files/");
        uri.greedy_label("Key", "x y/z").unwrap();
        assert_eq!(uri.finish(), "/things/a%20b%2Fc%25%C3%BC/files/x%20y/z");
    }

    #[test]
    fn empty_and_path_changing_labels_are_refused_naming_the_member() {
        let refuse = |value: &str, greedy: bool| {
            let mut uri = Uri::new();
            let result = if greedy {
                uri.greedy_label("Key", value)
            } else {
                uri.label("Name", value)
            };
            result.unwrap_err().to_string()
        };
        assert_eq!(
            refuse("", false),
            "input member `Name` is empty, and a URI label must have a value"
        );
        assert!(refuse("..", false).contains("`Name` is `.` or `..`"));
        assert!(refuse(".", true).contains("`Key`"));
        assert!(refuse("a/../b", true).contains("`Key`"));
        assert!(refuse("", true).contains("is empty"));
        let mut uri = Uri::new();
        assert!(uri.label("Name", "...").is_ok(), "three dots name a file");
        assert!(uri.greedy_label("Key", "a/.b/c..").is_ok());
    }

    #[test]
    fn object_keys_keep_dot_segments_and_slashes_and_escape_the_rest() {
        for (key, sent) in [
            ("../key.txt", "/../key.txt"),
            ("foo/../key.txt", "/foo/../key.txt"),
            ("./a b/.", "/./a%20b/."),
        ] {
            let mut uri = Uri::new();
            uri.literal("/");
            uri.greedy_label_with_dot_segments("Key", key).unwrap();
            assert_eq!(uri.finish(), sent, "{key}");
        }
        let refused = Uri::new()
            .greedy_label_with_dot_segments("Key", "")
            .unwrap_err();
        assert!(refused.to_string().contains("`Key` is empty"), "{refused}");
    }

    #[test]
    fn query_pairs_follow_the_literal_query() {
        let mut uri = Uri::new();
        uri.literal("/q");
        uri.query("x-id", "GetObject");
        uri.query_key("list");
        uri.query("a b", "c&d=e");
        uri.query("t", "1985-04-12T23:20:50.52Z");
        assert_eq!(
            uri.finish(),
            "/q?x-id=GetObject&list&a%20b=c%26d%3De&t=1985-04-12T23%3A20%3A50.52Z"
        );
        assert_eq!(Uri::new().finish(), "");
        let mut query_only = Uri::new();
        query_only.query("list-type", "2");
        assert_eq!(query_only.finish(), "?list-type=2");
    }
}
