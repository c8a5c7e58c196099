//! Writing XML: an escaping writer, and the trait generated structures and
//! unions implement. Names and namespaces come from the generated code.

/// An `xmlns` declaration: the attribute (`xmlns` or `xmlns:prefix`) and
/// the namespace URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    pub attribute: &'static str,
    pub uri: &'static str,
}

/// A generated structure or union written as one element.
pub trait XmlWrite {
    /// Writes `<name ns attributes>members</name>`.
    fn write_xml(&self, writer: &mut XmlWriter, name: &str, namespace: Option<Namespace>);
}

/// Builds an XML document as text. Start tags are opened with [`start`],
/// take attributes, and are closed by the first child, text or [`end`].
///
/// [`start`]: XmlWriter::start
/// [`end`]: XmlWriter::end
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    /// A start tag is open (`<name attr="v"` written, `>` not yet).
    in_start_tag: bool,
}

impl XmlWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens `<name`, with its namespace declaration when it has one.
    pub fn start(&mut self, name: &str, namespace: Option<Namespace>) {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.in_start_tag = true;
        if let Some(ns) = namespace {
            self.attribute(ns.attribute, ns.uri);
        }
    }

    /// An attribute of the start tag just opened (ignored otherwise: the
    /// generated code writes attributes before any child).
    pub fn attribute(&mut self, name: &str, value: &str) {
        if !self.in_start_tag {
            return;
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Text inside the open element.
    pub fn text(&mut self, text: &str) {
        self.close_start_tag();
        escape(&mut self.out, text, false);
    }

    /// Closes the element `name`.
    pub fn end(&mut self, name: &str) {
        self.close_start_tag();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name ns>text</name>`: a scalar member.
    pub fn text_element(&mut self, name: &str, namespace: Option<Namespace>, text: &str) {
        self.start(name, namespace);
        self.text(text);
        self.end(name);
    }

    /// The document's bytes.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.close_start_tag();
        self.out.into_bytes()
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }
}

/// Escapes markup characters, and the characters a parser would normalize
/// away: `\r` anywhere, and `\n` and `\t` in attribute values.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}
