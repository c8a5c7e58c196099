//! The XML form of every structure and union of a service that speaks an
//! XML protocol: each member's element or attribute name, namespace, form
//! key, and how lists and maps are laid out (`ir/xml.rs`). Decided once
//! here; the emitters print `XmlWrite`, `XmlRead` and `QueryWrite` impls
//! from it.

use std::collections::BTreeMap;

use crate::ir::{
    HttpScalar, OperationIr, Protocol, RustType, StructOrigin, TimestampFormatIr, XmlIr, XmlList,
    XmlMap, XmlMember, XmlNamespaceIr, XmlValue, XmlWriterKind,
};
use crate::lower::Lowerer;
use crate::model::traits::ids as smithy;
use crate::model::xml_traits::{ids, XmlNamespaceTrait};
use crate::model::{Member, ShapeKind, SimpleType, Traits};

/// Collections nest at most this deep (as `lower/types.rs` allows).
const MAX_NESTING: usize = 32;

impl Lowerer<'_> {
    /// The XML forms of the crate's structures and unions; `None` for a
    /// protocol that is not XML.
    pub(super) fn lower_xml(&mut self, operations: &[OperationIr]) -> Option<XmlIr> {
        let protocol = self.protocol();
        let writer = match protocol {
            Protocol::AwsQuery | Protocol::Ec2Query => XmlWriterKind::Query,
            Protocol::RestXml => XmlWriterKind::Xml,
            Protocol::AwsJson1_0
            | Protocol::AwsJson1_1
            | Protocol::RestJson1
            | Protocol::RpcV2Cbor => return None,
        };
        let ec2 = protocol == Protocol::Ec2Query;
        let mut shapes = BTreeMap::new();
        let closure: Vec<_> = self.selection.closure.iter().cloned().collect();
        for id in &closure {
            let members = match self.model.get(id).map(|s| &s.kind) {
                Some(ShapeKind::Structure(members) | ShapeKind::Union(members)) => members.clone(),
                _ => continue,
            };
            let Some(name) = self.type_names.get(id).cloned() else {
                continue;
            };
            let forms = members
                .iter()
                .filter_map(|member| self.xml_member(member, ec2))
                .collect();
            shapes.insert(name, forms);
        }
        // The empty inputs and outputs the generator adds have no members.
        for op in operations {
            for def in [&op.input, &op.output] {
                if let StructOrigin::Synthetic { .. } = def.origin {
                    shapes.insert(def.rust_name.clone(), Vec::new());
                }
            }
        }
        Some(XmlIr { shapes, writer })
    }

    /// A structure or union member (a union's unit member is an empty
    /// element); `None` after reporting a value XML cannot carry.
    fn xml_member(&mut self, member: &Member, ec2: bool) -> Option<XmlMember> {
        let name = xml_name(&member.traits).unwrap_or(&member.name).to_owned();
        let query_name = if ec2 {
            ec2_query_name(member)
        } else {
            name.clone()
        };
        let value = if member.target.is_unit() {
            XmlValue::Unit
        } else {
            self.xml_value(member, ec2, 0)?
        };
        Some(XmlMember {
            name,
            query_name,
            attribute: member.traits.has(ids::XML_ATTRIBUTE),
            namespace: self.xml_namespace(member),
            value: flattened(value, member.traits.has(ids::XML_FLATTENED), ec2),
        })
    }

    /// The layout of a member's value (a list or map not yet flattened: the
    /// structure member decides that).
    fn xml_value(&mut self, member: &Member, ec2: bool, depth: usize) -> Option<XmlValue> {
        if depth > MAX_NESTING {
            self.error(&member.id, "collections nest more than 32 levels deep");
            return None;
        }
        let target = self.model.get(&member.target)?;
        let sparse = target.traits.has(smithy::SPARSE);
        match &target.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                let name = self.type_names.get(&member.target)?.clone();
                Some(XmlValue::Named(name))
            }
            ShapeKind::List(item) => {
                let item = item.clone();
                let item_name = xml_name(&item.traits).unwrap_or("member").to_owned();
                Some(XmlValue::List(Box::new(XmlList {
                    flattened: false,
                    item_query_name: (!ec2).then(|| item_name.clone()),
                    item_name,
                    item_namespace: self.xml_namespace(&item),
                    item: self.xml_value(&item, ec2, depth + 1)?,
                    sparse,
                    empty_writes_key: !ec2,
                })))
            }
            ShapeKind::Map([key, value]) => {
                let (key, value) = (key.clone(), value.clone());
                Some(XmlValue::Map(Box::new(XmlMap {
                    flattened: false,
                    key_name: xml_name(&key.traits).unwrap_or("key").to_owned(),
                    value_name: xml_name(&value.traits).unwrap_or("value").to_owned(),
                    key_namespace: self.xml_namespace(&key),
                    value_namespace: self.xml_namespace(&value),
                    // The generated maps are keyed by `String`, enums too.
                    key: XmlValue::Scalar {
                        scalar: HttpScalar::String,
                        ty: RustType::String,
                    },
                    value: self.xml_value(&value, ec2, depth + 1)?,
                    sparse,
                })))
            }
            ShapeKind::Simple(SimpleType::Blob) if target.traits.has(smithy::STREAMING) => {
                Some(XmlValue::Stream)
            }
            _ => match self.scalar(member, TimestampFormatIr::DateTime, false) {
                Some(scalar) => Some(XmlValue::Scalar {
                    scalar,
                    ty: self.value_type(member).0,
                }),
                None => {
                    self.error(
                        &member.id,
                        "targets a document, which the XML protocols cannot carry",
                    );
                    None
                }
            },
        }
    }

    /// `@xmlNamespace` on a shape or member, as its `xmlns` declaration.
    pub(super) fn xml_namespace(&mut self, member: &Member) -> Option<XmlNamespaceIr> {
        let ns: Option<XmlNamespaceTrait> =
            self.decode(&member.id, &member.traits, ids::XML_NAMESPACE);
        ns.map(namespace_ir)
    }
}

/// An `xmlns` declaration from the trait's value.
pub(super) fn namespace_ir(ns: XmlNamespaceTrait) -> XmlNamespaceIr {
    XmlNamespaceIr {
        attribute: match ns.prefix {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        },
        uri: ns.uri,
    }
}

/// `@xmlName`, when the shape or member has one.
pub(super) fn xml_name(traits: &Traits) -> Option<&str> {
    traits.get(ids::XML_NAME).and_then(|v| v.as_str())
}

/// ec2Query's key: `@ec2QueryName`, else `@xmlName` or the member name
/// with its first letter capitalized.
fn ec2_query_name(member: &Member) -> String {
    if let Some(name) = member
        .traits
        .get(ids::EC2_QUERY_NAME)
        .and_then(|v| v.as_str())
    {
        return name.to_owned();
    }
    let name = xml_name(&member.traits).unwrap_or(&member.name);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A structure member's list or map with its `@xmlFlattened`. A flattened
/// list's items have no key segment of their own in a form, and ec2Query
/// writes every list that way.
fn flattened(value: XmlValue, flattened: bool, ec2: bool) -> XmlValue {
    match value {
        XmlValue::List(mut list) => {
            list.flattened = flattened;
            if flattened || ec2 {
                list.item_query_name = None;
            }
            XmlValue::List(list)
        }
        XmlValue::Map(mut map) => {
            map.flattened = flattened;
            XmlValue::Map(map)
        }
        other => other,
    }
}
