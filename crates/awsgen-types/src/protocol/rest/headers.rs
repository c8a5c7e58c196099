//! Members bound to headers (`@httpHeader`, `@httpPrefixHeaders`): written
//! into a request, read from a response or an error.

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::request::{MemberProblem, SerializeError};
use crate::response::DeserializeError;

/// Adds `name: text` for input member `member`.
pub fn push(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    name: HeaderName,
    member: &'static str,
    text: &str,
) -> Result<(), SerializeError> {
    let value = HeaderValue::from_str(text).map_err(|_| SerializeError::Member {
        member,
        problem: MemberProblem::InvalidHeaderValue {
            header: name.as_str().to_owned(),
        },
    })?;
    headers.push((name, value));
    Ok(())
}

/// Adds a list as one comma-separated header. Items that hold a comma or a
/// double quote are quoted when `quote` (strings), with `"` and `\`
/// escaped; timestamps, whose http-date form holds commas, are never
/// quoted, as the protocol tests require.
pub fn push_list<S: AsRef<str>>(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    name: HeaderName,
    member: &'static str,
    items: impl IntoIterator<Item = S>,
    quote: bool,
) -> Result<(), SerializeError> {
    let mut text = String::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        let item = item.as_ref();
        if quote && item.contains([',', '"']) {
            text.push('"');
            for c in item.chars() {
                if matches!(c, '"' | '\\') {
                    text.push('\\');
                }
                text.push(c);
            }
            text.push('"');
        } else {
            text.push_str(item);
        }
    }
    push(headers, name, member, &text)
}

/// Adds `prefix + key: value` for each entry of an `@httpPrefixHeaders`
/// map, except names an `@httpHeader` member sets (`bound`, lower case),
/// which win.
pub fn push_prefixed(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    prefix: &str,
    member: &'static str,
    map: &BTreeMap<String, String>,
    bound: &[&str],
) -> Result<(), SerializeError> {
    for (key, value) in map {
        let full = format!("{prefix}{key}");
        if bound.iter().any(|b| b.eq_ignore_ascii_case(&full)) {
            continue;
        }
        let name = HeaderName::from_bytes(full.as_bytes()).map_err(|_| SerializeError::Member {
            member,
            problem: MemberProblem::InvalidHeaderName {
                header: full.clone(),
            },
        })?;
        push(headers, name, member, value)?;
    }
    Ok(())
}

/// The text of header `name`: several lines of it are joined with `, `, as
/// a list header may be split. `None` when absent.
pub fn text<'a>(
    headers: &'a HeaderMap,
    name: &'static str,
    member: &'static str,
) -> Result<Option<Cow<'a, str>>, DeserializeError> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let as_text = |value: &'a HeaderValue| {
        value.to_str().map_err(|_| DeserializeError::Header {
            header: name.to_owned(),
            member,
            problem: "the value is not visible ASCII text".to_owned(),
        })
    };
    let first = as_text(first)?;
    let mut rest = values.peekable();
    if rest.peek().is_none() {
        return Ok(Some(Cow::Borrowed(first.trim())));
    }
    let mut joined = first.trim().to_owned();
    for value in rest {
        joined.push_str(", ");
        joined.push_str(as_text(value)?.trim());
    }
    Ok(Some(Cow::Owned(joined)))
}

/// Splits a comma-separated header list of strings: items may be quoted
/// (then `\"` and `\\` are escapes); whitespace around items is dropped.
pub fn split_list(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(quoted) = rest.strip_prefix('"') {
            let (item, after) = read_quoted(quoted)?;
            items.push(item);
            rest = after.trim_start();
            match rest.strip_prefix(',') {
                Some(after_comma) => rest = after_comma,
                None if rest.is_empty() => return Ok(items),
                None => return Err(format!("`{rest}` follows a quoted item")),
            }
        } else {
            match rest.split_once(',') {
                Some((item, after)) => {
                    items.push(item.trim().to_owned());
                    rest = after;
                }
                None => {
                    items.push(rest.trim().to_owned());
                    return Ok(items);
                }
            }
        }
    }
}

/// A quoted item's text up to its closing `"`, and what follows it.
fn read_quoted(text: &str) -> Result<(String, &str), String> {
    let mut item = String::new();
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => item.push(escaped),
                None => return Err("a quoted item ends in `\\`".to_owned()),
            },
            '"' => return Ok((item, &text[index + 1..])),
            c => item.push(c),
        }
    }
    Err("a quoted item has no closing `\"`".to_owned())
}

/// Splits a list of http-dates, whose own commas (`Mon, 16 Dec 2019
/// 23:48:18 GMT`) make every second comma the separator.
pub fn split_http_dates(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (index, c) in text.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(text[start..index].trim());
                start = index + 1;
            }
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        items.push(last);
    }
    items
}

/// The headers starting with `prefix` (lower case; empty for every
/// header), keyed by the rest of their name.
pub fn prefixed(headers: &HeaderMap, prefix: &str) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            let key = name.as_str().strip_prefix(prefix)?;
            Some((key.to_owned(), value.to_str().ok()?.trim().to_owned()))
        })
        .collect()
}

/// A header's text read as a value, or the error naming header and member.
pub fn parse<T>(
    text: &str,
    header: &'static str,
    member: &'static str,
    read: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, DeserializeError> {
    read(text).map_err(|problem| DeserializeError::Header {
        header: header.to_owned(),
        member,
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pushed(items: &[&str], quote: bool) -> String {
        let mut headers = Vec::new();
        push_list(
            &mut headers,
            HeaderName::from_static("x-list"),
            "List",
            items,
            quote,
        )
        .unwrap();
        headers[0].1.to_str().unwrap().to_owned()
    }

    #[test]
    fn string_lists_quote_what_needs_it_and_read_back() {
        let text = pushed(&["b,c", "\"def\"", "a"], true);
        assert_eq!(text, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_list(&text).unwrap(), ["b,c", "\"def\"", "a"]);
        assert_eq!(split_list("a, b ,c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split_list("").unwrap(), [""]);
        assert!(split_list(r#""open"#).is_err());
        assert!(split_list(r#""a" b"#).is_err());
    }

    #[test]
    fn http_date_lists_split_on_every_second_comma() {
        let dates = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT";
        assert_eq!(
            split_http_dates(dates),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Tue, 17 Dec 2019 23:48:18 GMT"
            ]
        );
        assert_eq!(
            pushed(&["Mon, 16 Dec 2019 23:48:18 GMT"], false),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
    }

    #[test]
    fn bad_values_and_names_are_errors_naming_the_member() {
        let mut headers = Vec::new();
        let err = push(
            &mut headers,
            HeaderName::from_static("x-a"),
            "A",
            "line\nbreak",
        )
        .unwrap_err();
        assert!(err.to_string().contains("`A`") && err.to_string().contains("x-a"));
        let map = BTreeMap::from([("bad name".to_owned(), "v".to_owned())]);
        let err = push_prefixed(&mut headers, "x-p-", "P", &map, &[]).unwrap_err();
        assert!(err.to_string().contains("x-p-bad name"));
    }

    #[test]
    fn bound_headers_win_over_prefix_headers() {
        let mut headers = Vec::new();
        let map = BTreeMap::from([
            ("Value".to_owned(), "not sent".to_owned()),
            ("Other".to_owned(), "sent".to_owned()),
        ]);
        push_prefixed(&mut headers, "X-Foo-", "Headers", &map, &["x-foo-value"]).unwrap();
        assert_eq!(headers.len(), 1);
        assert_eq!(headers[0].0, "x-foo-other");
    }

    #[test]
    fn repeated_header_lines_join_as_one_list() {
        let mut map = HeaderMap::new();
        map.append("x-list", HeaderValue::from_static("a"));
        map.append("x-list", HeaderValue::from_static(" b "));
        assert_eq!(text(&map, "x-list", "List").unwrap().unwrap(), "a, b");
        assert_eq!(text(&map, "x-none", "None").unwrap(), None);
    }
}
