//! Model documentation to rustdoc lines. AWS models carry HTML; Smithy says
//! CommonMark. Both become plain Markdown lines that rustdoc renders without
//! surprises: no line starts with indentation (which rustdoc would treat as a
//! code block and compile as a doctest) and no code fence opens a doctest.

/// Converts a documentation string to Markdown lines (no trailing empty line).
pub fn to_markdown_lines(doc: &str) -> Vec<String> {
    let text = if doc.contains('<') {
        html_to_markdown(doc)
    } else {
        doc.to_owned()
    };
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        let line = line.replace("```", "'''");
        if line.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// A small, forgiving HTML-to-Markdown pass covering what AWS docs use:
/// paragraphs, lists, code, links, emphasis, line breaks and entities.
/// Unknown tags are dropped, their text kept.
fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut link_stack: Vec<Option<String>> = Vec::new();
    while let Some(start) = rest.find('<') {
        push_text(&mut out, &rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            push_text(&mut out, &rest[start..]);
            rest = "";
            break;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            // A paragraph right after a list bullet continues the bullet.
            ("p", false) if out.ends_with("- ") => {}
            ("p" | "div" | "note" | "important" | "dl" | "h1" | "h2" | "h3" | "h4", _) => {
                out.push_str("\n\n")
            }
            ("br", _) => out.push('\n'),
            ("ul" | "ol", false) => out.push('\n'),
            ("ul" | "ol", true) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("dt", false) => out.push_str("\n\n"),
            ("dd", false) => out.push_str("\n\n"),
            ("code", _) => out.push('`'),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("a", false) => {
                let href = attribute(tag, "href");
                if href.is_some() {
                    out.push('[');
                }
                link_stack.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = link_stack.pop() {
                    out.push_str(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }
    push_text(&mut out, rest);
    out
}

/// Appends text with entities decoded, whitespace collapsed, and characters
/// that would start Markdown constructs by accident escaped.
fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        match c {
            // Brackets would be read as intra-doc links by rustdoc.
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))?;
    let value = &tag[at + name.len() + 1..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &value[1..];
    let end = inner.find(quote)?;
    Some(decode_entities(&inner[..end]))
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(semi) = tail.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_aws_html() {
        let lines = to_markdown_lines(
            "<p>Starts a <b>basic</b> scan of an image. See <a href=\"https://example.com/x\">the guide</a>.</p>\
             <p>Use <code>imageTag</code> &amp; friends:</p><ul><li><p>one</p></li><li>two [x]</li></ul>",
        );
        assert_eq!(
            lines,
            vec![
                "Starts a **basic** scan of an image. See [the guide](https://example.com/x).",
                "",
                "Use `imageTag` & friends:",
                "",
                "- one",
                "",
                "- two \\[x\\]",
            ]
        );
    }

    #[test]
    fn never_produces_indented_lines_or_fences() {
        let lines = to_markdown_lines("first\n        indented code?\n```rust\nfn x() {}\n```");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.contains("```")),
            "{lines:?}"
        );
    }

    #[test]
    fn tolerates_broken_html() {
        assert_eq!(to_markdown_lines("a <b unclosed"), vec!["a <b unclosed"]);
        // Entities are decoded in HTML docs; plain CommonMark keeps them for rustdoc.
        assert_eq!(
            to_markdown_lines("<p>x &bogus; &#65;</p>"),
            vec!["x &bogus; A"]
        );
    }
}
