//! Template strings: `https://svc.{Region}.{PartitionResult#dnsSuffix}`.
//!
//! `{Name}` inserts a variable, `{Name#path}` an attribute of one (the
//! shorthand for `getAttr`), and `{{` / `}}` stand for literal braces.

use crate::path::{parse_path, PathPart};

/// A piece of a parsed template, before names are resolved to slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    /// `written` is the placeholder body as it appears, for error messages.
    Var {
        name: String,
        path: Vec<PathPart>,
        written: String,
    },
}

/// Splits `template` into text and placeholders; the error says what is malformed.
pub(crate) fn parse_template(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, next)| next) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|&(_, next)| next) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err(format!(
                    "`}}` at byte {at} closes nothing (write `}}}}` for a brace)"
                ))
            }
            '{' => {
                let body_start = at + 1;
                let mut body_end = None;
                for (inner_at, inner) in chars.by_ref() {
                    match inner {
                        '}' => {
                            body_end = Some(inner_at);
                            break;
                        }
                        '{' => {
                            return Err(format!(
                                "`{{` at byte {inner_at} is nested inside a placeholder"
                            ))
                        }
                        _ => {}
                    }
                }
                let body_end =
                    body_end.ok_or_else(|| format!("`{{` at byte {at} is never closed"))?;
                let body = template.get(body_start..body_end).unwrap_or_default();
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(parse_placeholder(body)?);
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn parse_placeholder(body: &str) -> Result<Piece, String> {
    let (name, path) = match body.split_once('#') {
        Some((name, path)) => (name, parse_path(path)?),
        None => (body, Vec::new()),
    };
    let valid_name = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_name {
        return Err(format!(
            "placeholder {{{body}}} does not start with a variable name"
        ));
    }
    Ok(Piece::Var {
        name: name.to_owned(),
        path,
        written: body.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str) -> Piece {
        Piece::Var {
            name: name.into(),
            path: Vec::new(),
            written: name.into(),
        }
    }

    #[test]
    fn splits_text_and_placeholders() {
        assert_eq!(
            parse_template("https://a.{Region}.{P#dnsSuffix}").unwrap(),
            vec![
                Piece::Text("https://a.".into()),
                var("Region"),
                Piece::Text(".".into()),
                Piece::Var {
                    name: "P".into(),
                    path: vec![PathPart::Key("dnsSuffix".into())],
                    written: "P#dnsSuffix".into(),
                },
            ]
        );
        assert_eq!(parse_template("{A}{B}").unwrap(), vec![var("A"), var("B")]);
        assert_eq!(parse_template("").unwrap(), vec![]);
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            parse_template("{{x}} {A} }}").unwrap(),
            vec![
                Piece::Text("{x} ".into()),
                var("A"),
                Piece::Text(" }".into())
            ]
        );
    }

    #[test]
    fn malformed_templates_are_rejected_with_a_reason() {
        let cases = [
            ("a{B", "never closed"),
            ("a}b", "closes nothing"),
            ("{}", "variable name"),
            ("{1abc}", "variable name"),
            ("{a{b}}", "nested"),
            ("{a#}", "empty"),
        ];
        for (template, reason) in cases {
            let err = parse_template(template).unwrap_err();
            assert!(err.contains(reason), "{template:?}: {err}");
        }
    }

    #[test]
    fn non_ascii_text_survives() {
        assert_eq!(
            parse_template("é{A}ü").unwrap(),
            vec![Piece::Text("é".into()), var("A"), Piece::Text("ü".into())]
        );
    }
}
