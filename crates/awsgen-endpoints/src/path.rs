//! `getAttr` paths: `key`, `key.sub`, `list[2]`, `key.list[0]`, `[1]`.

use std::fmt;

/// One step of an attribute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathPart {
    /// A field of a record (partition, URL, ARN).
    Key(Box<str>),
    /// A position in an array.
    Index(usize),
}

impl fmt::Display for PathPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathPart::Key(key) => f.write_str(key),
            PathPart::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// Parses a path such as `resourceId[0]`; the error says what is malformed.
pub(crate) fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let (key, index) = match segment.find('[') {
            Some(open) => (&segment[..open], Some(&segment[open..])),
            None => (segment, None),
        };
        if key.is_empty() && index.is_none() {
            return Err(format!("path {path:?} has an empty segment"));
        }
        if !key.is_empty() {
            if key.contains(']') {
                return Err(format!("path {path:?} has `]` without `[`"));
            }
            parts.push(PathPart::Key(key.into()));
        }
        if let Some(bracketed) = index {
            let digits = bracketed
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .ok_or_else(|| {
                    format!("path {path:?}: expected `[n]` at the end of {segment:?}")
                })?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "path {path:?}: index {digits:?} is not a non-negative integer"
                ));
            }
            let index = digits
                .parse::<usize>()
                .map_err(|_| format!("path {path:?}: index {digits} is too large"))?;
            parts.push(PathPart::Index(index));
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> PathPart {
        PathPart::Key(k.into())
    }

    #[test]
    fn parses_keys_and_indexes() {
        assert_eq!(parse_path("name").unwrap(), vec![key("name")]);
        assert_eq!(
            parse_path("resourceId[1]").unwrap(),
            vec![key("resourceId"), PathPart::Index(1)]
        );
        assert_eq!(
            parse_path("a.b[0]").unwrap(),
            vec![key("a"), key("b"), PathPart::Index(0)]
        );
        assert_eq!(parse_path("[3]").unwrap(), vec![PathPart::Index(3)]);
    }

    #[test]
    fn rejects_malformed_paths() {
        for bad in [
            "", "a..b", ".a", "a[", "a[x]", "a[-1]", "a[1]b", "a]", "a[]",
        ] {
            assert!(parse_path(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
