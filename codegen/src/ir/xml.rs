//! The XML protocols (awsQuery, ec2Query, restXml): how each operation's
//! messages travel, and how each structure and union is written and read as
//! XML (and, for the query protocols, written as form pairs). Every name,
//! namespace and layout is decided when lowering (`lower/xml.rs`,
//! `lower/xml_binding.rs`); emitters print them.

use std::collections::BTreeMap;

use crate::ir::{HttpScalar, RestBinding, RustType};

/// The XML forms of a crate's structures and unions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct XmlIr {
    /// By the structure's or union's Rust name: one entry per field (in
    /// field order) or per variant (in variant order).
    pub shapes: BTreeMap<String, Vec<XmlMember>>,
    /// Which form writer the types get: the query protocols write inputs as
    /// forms, restXml as XML.
    pub writer: XmlWriterKind,
}

/// What the generated types write requests with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XmlWriterKind {
    /// `QueryWrite` (awsQuery, ec2Query: the keys in `XmlMember::query_name`).
    #[default]
    Query,
    /// `XmlWrite` (restXml).
    Xml,
}

/// One member of a structure or union.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlMember {
    /// The element (or attribute) name: `@xmlName`, else the member name.
    pub name: String,
    /// The form key segment: awsQuery `@xmlName` else the member name;
    /// ec2Query `@ec2QueryName`, else `@xmlName` or the member name
    /// capitalized.
    pub query_name: String,
    /// `@xmlAttribute`: an attribute of the structure's element.
    pub attribute: bool,
    /// The member's `@xmlNamespace`, declared on its element.
    pub namespace: Option<XmlNamespaceIr>,
    pub value: XmlValue,
}

/// An `xmlns` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespaceIr {
    /// `xmlns` or `xmlns:prefix`.
    pub attribute: String,
    pub uri: String,
}

/// How a value is laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlValue {
    /// Text, in the same forms as HTTP bindings (`HttpScalar`), of this
    /// Rust type.
    Scalar {
        scalar: HttpScalar,
        ty: RustType,
    },
    /// A structure or union: its own `XmlWrite`/`XmlRead`/`QueryWrite`.
    Named(String),
    List(Box<XmlList>),
    Map(Box<XmlMap>),
    /// A union's member targeting `smithy.api#Unit`: an empty element.
    Unit,
    /// A `@streaming` blob: only ever an `@httpPayload`, the whole body,
    /// never inside an element or a form; a type's impls leave it out.
    Stream,
}

/// A list: `<member>` elements inside the member's element, or with
/// `@xmlFlattened` one member element per item.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlList {
    pub flattened: bool,
    /// The items' element name: the list member's `@xmlName`, else `member`.
    pub item_name: String,
    /// The items' form key segment (`member`, `@xmlName`), `None` where the
    /// protocol writes none: flattened awsQuery lists and every ec2Query list.
    pub item_query_name: Option<String>,
    pub item_namespace: Option<XmlNamespaceIr>,
    pub item: XmlValue,
    /// Items are `Option`s (`@sparse`).
    pub sparse: bool,
    /// An empty list is written as `Key=` in a form (awsQuery); else it
    /// writes nothing (ec2Query).
    pub empty_writes_key: bool,
}

/// A map: `<entry><key/><value/></entry>` inside the member's element, or
/// with `@xmlFlattened` one member element per entry.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlMap {
    pub flattened: bool,
    /// `@xmlName` of the key member, else `key`.
    pub key_name: String,
    /// `@xmlName` of the value member, else `value`.
    pub value_name: String,
    pub key_namespace: Option<XmlNamespaceIr>,
    pub value_namespace: Option<XmlNamespaceIr>,
    /// Keys are strings or string enums.
    pub key: XmlValue,
    pub value: XmlValue,
    /// Values are `Option`s (`@sparse`).
    pub sparse: bool,
}

/// An awsQuery or ec2Query operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryOperation {
    pub style: QueryStyle,
    /// `Action`: the operation's name.
    pub action: String,
    /// `Version`: the service's version.
    pub version: String,
}

/// Where a query protocol's output is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryStyle {
    /// awsQuery: inside `<OpResponse><OpResult>` (the result's name here).
    AwsQuery { result: String },
    /// ec2Query: the root element's children.
    Ec2Query,
}

/// A restXml operation: the HTTP bindings, and the root elements of its
/// bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct RestXmlBinding {
    pub rest: RestBinding,
    /// The request body's root (members body or structure/union payload).
    pub request_root: XmlRoot,
    /// What the response body's root element is.
    pub response_root: ResponseRoot,
}

/// The root element of a restXml response whose members are its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseRoot {
    /// A wrapper element (its name is not checked) holding the members.
    #[default]
    Wrapper,
    /// The one body member's own element is the root
    /// (`aws.customizations#s3UnwrappedXmlOutput`: S3's
    /// `GetBucketLocation` answers `<LocationConstraint>..</LocationConstraint>`).
    Member,
}

/// The root element of a restXml body: the structure's `@xmlName` or shape
/// name, its `@xmlNamespace` or the service's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlRoot {
    pub name: String,
    pub namespace: Option<XmlNamespaceIr>,
}
