//! The INI dialect of the AWS shared files, parsed into raw sections.
//!
//! The rules, as the SDKs apply them:
//! - `[header]` starts a section; text after `]` may only be a comment.
//! - `name = value` sets a property; names are case-insensitive (kept lowercase).
//! - Lines starting with `#` or `;` are comments; inside a property line, a `#` or `;`
//!   preceded by whitespace starts a comment.
//! - An indented line continues the previous property: as `name = value`
//!   sub-properties when that property's value is empty, otherwise as another line
//!   of the value.
//!
//! What a section header means (profile, services, ...) is decided by the caller,
//! because it differs between the config and the credentials file.

use std::collections::BTreeMap;

/// One `[header]` and the properties under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawSection {
    /// The text between the brackets, trimmed.
    pub(crate) header: String,
    /// Properties by lowercase name; a repeated name keeps the last value.
    pub(crate) properties: BTreeMap<String, RawProperty>,
}

/// A property value and its indented sub-properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawProperty {
    /// The value; continuation lines are joined with `\n`.
    pub(crate) value: String,
    /// `name = value` pairs indented under a property whose own value is empty.
    pub(crate) sub_properties: BTreeMap<String, String>,
}

/// A line the parser cannot accept. The message never quotes the line, which may
/// hold a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// 1-based.
    pub(crate) line: usize,
    pub(crate) message: &'static str,
}

/// Parses a whole file.
pub(crate) fn parse(text: &str) -> Result<Vec<RawSection>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: Vec<RawSection> = Vec::new();
    let mut last_property: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let error = |message| SyntaxError {
            line: index + 1,
            message,
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if let Some(after_bracket) = line.strip_prefix('[') {
            let header = parse_section_header(after_bracket).map_err(error)?;
            sections.push(RawSection {
                header,
                properties: BTreeMap::new(),
            });
            last_property = None;
            continue;
        }
        let Some(section) = sections.last_mut() else {
            return Err(error(
                "property outside any section (expected a `[section]` header first)",
            ));
        };
        let content = strip_comment(trimmed);
        if line.starts_with([' ', '\t']) {
            let Some(property) = last_property
                .as_ref()
                .and_then(|name| section.properties.get_mut(name))
            else {
                return Err(error("indented line does not follow a property"));
            };
            if property.value.is_empty() {
                let (name, value) = split_property(content).map_err(error)?;
                property.sub_properties.insert(name, value.to_owned());
            } else if !content.is_empty() {
                property.value.push('\n');
                property.value.push_str(content);
            }
            continue;
        }
        let (name, value) = split_property(content).map_err(error)?;
        section.properties.insert(
            name.clone(),
            RawProperty {
                value: value.to_owned(),
                sub_properties: BTreeMap::new(),
            },
        );
        last_property = Some(name);
    }
    Ok(sections)
}

/// `after_bracket` is the line after its opening `[`.
fn parse_section_header(after_bracket: &str) -> Result<String, &'static str> {
    let Some((inside, after)) = after_bracket.split_once(']') else {
        return Err("section header has no closing `]`");
    };
    let after = after.trim_start();
    if !after.is_empty() && !after.starts_with(['#', ';']) {
        return Err("unexpected text after the section header's `]`");
    }
    let header = inside.trim();
    if header.is_empty() {
        return Err("empty section header `[]`");
    }
    Ok(header.to_owned())
}

/// Splits `name = value`, lowercasing the name.
fn split_property(content: &str) -> Result<(String, &str), &'static str> {
    let Some((name, value)) = content.split_once('=') else {
        return Err("expected `name = value`");
    };
    let name = name.trim();
    if name.is_empty() {
        return Err("property has no name before `=`");
    }
    if name.contains(char::is_whitespace) {
        return Err("property name contains whitespace");
    }
    Ok((name.to_ascii_lowercase(), value.trim()))
}

/// Cuts a trailing comment: a `#` or `;` that follows whitespace. (Without the
/// whitespace rule, secrets and URLs containing `#` or `;` would be truncated.)
fn strip_comment(text: &str) -> &str {
    let mut previous_was_whitespace = false;
    for (index, character) in text.char_indices() {
        if previous_was_whitespace && matches!(character, '#' | ';') {
            return text.get(..index).unwrap_or(text).trim_end();
        }
        previous_was_whitespace = character.is_whitespace();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property<'a>(sections: &'a [RawSection], section: usize, name: &str) -> Option<&'a str> {
        sections
            .get(section)?
            .properties
            .get(name)
            .map(|property| property.value.as_str())
    }

    #[test]
    fn parses_sections_properties_and_comments() -> Result<(), SyntaxError> {
        let text = "\u{feff}# leading comment\n\
                    [default] ; trailing comment\n\
                    region = us-east-1 # comment\n\
                    Aws_Access_Key_Id=AKID\n\
                    secret = abc#def;ghi\n\
                    \n\
                    ; another comment\n\
                    [profile dev]\r\n\
                    region=eu-west-1\r\n";
        let sections = parse(text)?;
        assert_eq!(sections.len(), 2);
        assert_eq!(sections.first().map(|s| s.header.as_str()), Some("default"));
        assert_eq!(property(&sections, 0, "region"), Some("us-east-1"));
        assert_eq!(property(&sections, 0, "aws_access_key_id"), Some("AKID"));
        assert_eq!(property(&sections, 0, "secret"), Some("abc#def;ghi"));
        assert_eq!(
            sections.get(1).map(|s| s.header.as_str()),
            Some("profile dev")
        );
        assert_eq!(property(&sections, 1, "region"), Some("eu-west-1"));
        Ok(())
    }

    #[test]
    fn indented_lines_are_sub_properties_or_continuations() -> Result<(), SyntaxError> {
        let text = "[services s]\n\
                    ecr =\n  endpoint_url = http://localhost:4566 # local\n\tOther_Key=1\n\
                    note = first\n  second\n";
        let sections = parse(text)?;
        let section = sections.first().map(|s| &s.properties);
        let ecr = section.and_then(|p| p.get("ecr"));
        assert_eq!(ecr.map(|p| p.value.as_str()), Some(""));
        assert_eq!(
            ecr.and_then(|p| p.sub_properties.get("endpoint_url"))
                .map(String::as_str),
            Some("http://localhost:4566")
        );
        assert_eq!(
            ecr.and_then(|p| p.sub_properties.get("other_key"))
                .map(String::as_str),
            Some("1")
        );
        assert_eq!(property(&sections, 0, "note"), Some("first\nsecond"));
        Ok(())
    }

    #[test]
    fn a_repeated_property_keeps_the_last_value() -> Result<(), SyntaxError> {
        let sections = parse("[a]\nk = 1\nk = 2\n")?;
        assert_eq!(property(&sections, 0, "k"), Some("2"));
        Ok(())
    }

    #[test]
    fn malformed_lines_report_their_line_number() {
        let cases = [
            ("k = v\n", 1, "property outside any section"),
            ("[a\n", 1, "no closing"),
            ("[a] junk\n", 1, "unexpected text"),
            ("[ ]\n", 1, "empty section header"),
            ("[a]\n\nno equals sign\n", 3, "expected `name = value`"),
            ("[a]\n= v\n", 2, "no name"),
            ("[a]\nmy key = v\n", 2, "whitespace"),
            ("[a]\n  indented = first\n", 2, "does not follow a property"),
            ("[a]\nk =\n  no equals\n", 3, "expected `name = value`"),
        ];
        for (text, line, message) in cases {
            match parse(text) {
                Err(error) => {
                    assert_eq!(error.line, line, "{text:?}");
                    assert!(
                        error.message.contains(message),
                        "{text:?}: {}",
                        error.message
                    );
                }
                Ok(sections) => panic!("{text:?} parsed as {sections:?}"),
            }
        }
    }
}
