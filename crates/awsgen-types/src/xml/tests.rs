//! The tree's reading of ordinary and hostile documents, and the writer's
//! escaping.

use super::*;

#[test]
fn reads_elements_attributes_and_text_with_entities() {
    let root = parse(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment --><A xmlns="https://example.com/" x:id="&quot;1&quot;">
  <b>x &amp; &#x41;&#66; &lt;<![CDATA[<raw>]]></b>
  <c/>
</A>"#,
    )
    .unwrap();
    assert_eq!(root.local_name(), "A");
    assert_eq!(root.attribute("x:id"), Some("\"1\""));
    assert_eq!(root.attribute("xmlns"), Some("https://example.com/"));
    assert_eq!(root.children.len(), 2);
    assert_eq!(root.child("b").unwrap().text, "x & AB <<raw>");
    assert_eq!(root.child("c").unwrap().text, "");
}

#[test]
fn prefixed_elements_match_on_their_local_name() {
    let root = parse(br#"<a:Root xmlns:a="urn:a"><a:Item>1</a:Item></a:Root>"#).unwrap();
    assert_eq!(root.local_name(), "Root");
    assert_eq!(root.child("Item").unwrap().text, "1");
}

fn refused(body: &[u8]) -> String {
    parse(body).unwrap_err().to_string()
}

#[test]
fn a_document_type_declaration_is_refused_so_no_entity_is_ever_expanded() {
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    assert!(
        refused(laughs).contains("document type declaration"),
        "{}",
        refused(laughs)
    );
    let external =
        br#"<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]><foo>&xxe;</foo>"#;
    assert!(refused(external).contains("document type declaration"));
}

#[test]
fn an_undefined_entity_is_refused_by_name() {
    let message = refused(b"<foo>&xxe;</foo>");
    assert!(message.contains("`&xxe;`"), "{message}");
    assert!(refused(b"<foo>&#0;</foo>").contains("character reference"));
    assert!(refused(b"<foo a='&xxe;'/>").contains("attribute `a`"));
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_before_it_is_built() {
    let depth = MAX_DEPTH + 1;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let message = refused(deep.as_bytes());
    assert!(
        message.contains(&format!("deeper than {MAX_DEPTH}")),
        "{message}"
    );
    // A hostile body far deeper stops at the same point, without recursion.
    let hostile = "<a>".repeat(1_000_000);
    assert!(refused(hostile.as_bytes()).contains("deeper than"));
    let fine = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
    assert!(parse(fine.as_bytes()).is_ok());
}

#[test]
fn malformed_documents_say_what_is_wrong() {
    assert!(refused(b"<a><b></a>").contains("malformed"));
    assert!(refused(b"<a>").contains("ends inside <a>"));
    assert!(refused(b"").contains("no root element"));
    assert!(refused(b"<a/><b/>").contains("second root"));
    assert!(refused(b"<a/>text").contains("outside the root"));
    assert!(refused(b"<a>\xff</a>").contains("not UTF-8"));
}

#[test]
fn scalars_read_with_their_element_named_on_error() {
    let root = parse(b"<r><n> 42 </n><f>NaN</f><b>yes</b></r>").unwrap();
    assert_eq!(read_number::<i32>(root.child("n").unwrap()), Ok(42));
    assert!(read_float::<f64>(root.child("f").unwrap())
        .unwrap()
        .is_nan());
    let error = read_bool(root.child("b").unwrap()).unwrap_err().to_string();
    assert!(error.contains("<b>") && error.contains("`yes`"), "{error}");
}

#[test]
fn the_writer_escapes_text_and_attributes() {
    let mut writer = XmlWriter::new();
    let ns = Namespace {
        attribute: "xmlns",
        uri: "https://example.com/",
    };
    writer.start("Root", Some(ns));
    writer.attribute("test", "<a&b>\"\n");
    writer.text_element("s", None, "<string> & \r");
    writer.start("empty", None);
    writer.end("empty");
    writer.end("Root");
    assert_eq!(
        String::from_utf8(writer.into_bytes()).unwrap(),
        "<Root xmlns=\"https://example.com/\" test=\"&lt;a&amp;b&gt;&quot;&#xA;\">\
         <s>&lt;string&gt; &amp; &#xD;</s><empty></empty></Root>"
    );
}
