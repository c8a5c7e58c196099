//! The parsed form of an XML body: elements with their attributes, child
//! elements and text. Comments, processing instructions and the XML
//! declaration are dropped; whitespace-only text between child elements is
//! kept in `text` but never read as a value of an element with children.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{XmlError, MAX_DEPTH};

/// An element: its name as written (`prefix:local` or `local`), its
/// attributes (names as written, values unescaped), its child elements in
/// order and its text (all its text pieces joined, entities resolved).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The name without its namespace prefix. Services name elements
    /// without prefixes, so elements are matched on this.
    pub fn local_name(&self) -> &str {
        self.name
            .rsplit_once(':')
            .map_or(&self.name, |(_, local)| local)
    }

    /// The first child element named `name` (local name).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local_name() == name)
    }

    /// An attribute's value by its name as written (`xsi:type` or `id`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a whole document into its root element. Refuses a document type
/// declaration, entities other than the predefined five and character
/// references, nesting deeper than [`MAX_DEPTH`], anything after the root
/// element but comments and whitespace, and text that is not UTF-8.
pub fn parse(body: &[u8]) -> Result<Element, XmlError> {
    let text = std::str::from_utf8(body).map_err(|e| XmlError::new(format!("not UTF-8 ({e})")))?;
    let mut reader = Reader::from_str(text);
    // End tags must match their start tags: a body that does not is not XML.
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| XmlError::new(format!("malformed at byte {position}: {e}")))?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(XmlError::new("a second root element"));
                }
                if open.len() >= MAX_DEPTH {
                    return Err(XmlError::new(format!(
                        "elements nest deeper than {MAX_DEPTH} levels"
                    )));
                }
                open.push(element(&start)?);
            }
            Event::Empty(start) => {
                if root.is_some() {
                    return Err(XmlError::new("a second root element"));
                }
                if open.len() >= MAX_DEPTH {
                    return Err(XmlError::new(format!(
                        "elements nest deeper than {MAX_DEPTH} levels"
                    )));
                }
                let done = element(&start)?;
                close(&mut open, &mut root, done);
            }
            Event::End(_) => {
                // quick-xml checked that it matches the open element.
                if let Some(done) = open.pop() {
                    close(&mut open, &mut root, done);
                }
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                push_text(&mut open, &content)?;
            }
            Event::CData(data) => {
                push_text(&mut open, &data.xml10_content())?;
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve(&reference)?;
                push_text(&mut open, &resolved)?;
            }
            Event::DocType(_) => {
                return Err(XmlError::new(
                    "a document type declaration (<!DOCTYPE>) is refused: \
                     no service sends one, and its entities are never expanded",
                ))
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(XmlError::new(format!(
            "the document ends inside <{}>",
            unclosed.name
        )));
    }
    root.ok_or_else(|| XmlError::new("no root element"))
}

/// An element's name and attributes from its start tag.
fn element(start: &BytesStart<'_>) -> Result<Element, XmlError> {
    let name = start.name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute =
            attribute.map_err(|e| XmlError::new(format!("a bad attribute in <{name}>: {e}")))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| XmlError::new(format!("attribute `{key}` of <{name}>: {e}")))?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

/// `done` becomes the last child of the open element, or the root.
fn close(open: &mut [Element], root: &mut Option<Element>, done: Element) {
    match open.last_mut() {
        Some(parent) => parent.children.push(done),
        None => *root = Some(done),
    }
}

/// Text inside the open element; outside the root only whitespace may be.
fn push_text(open: &mut [Element], text: &str) -> Result<(), XmlError> {
    match open.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(XmlError::new("text outside the root element")),
    }
}

/// A character reference, or one of the five predefined entities. Any other
/// entity is refused: there is no DTD to define it.
fn resolve(reference: &str) -> Result<Cow<'static, str>, XmlError> {
    let text = match reference {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => {
            let number = reference.strip_prefix('#').ok_or_else(|| {
                XmlError::new(format!(
                    "the entity `&{reference};` is not one of XML's five: entities are never expanded"
                ))
            })?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => number.parse(),
            };
            let c = code
                .ok()
                .and_then(char::from_u32)
                .filter(|&c| c != '\0')
                .ok_or_else(|| {
                    XmlError::new(format!(
                        "`&{reference};` is not a valid character reference"
                    ))
                })?;
            return Ok(Cow::Owned(c.to_string()));
        }
    };
    Ok(Cow::Borrowed(text))
}
