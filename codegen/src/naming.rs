//! Every Rust name the generator emits is decided here: case conversion,
//! keywords, and uniqueness within a scope.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::diagnostic::Diagnostic;
use crate::shape_id::ShapeId;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A Rust identifier as it will be written (`r#type`, `self_`, `ImageIdentifier`).
pub type RustIdent = String;

fn fix_keyword(name: String) -> RustIdent {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A leading digit (possible after case conversion of `_1st`) is not a valid
/// start of a Rust identifier.
fn fix_leading_digit(name: String, prefix: &str) -> String {
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// Type names: `PascalCase` of the shape name.
pub fn type_name(shape_name: &str) -> RustIdent {
    fix_keyword(fix_leading_digit(shape_name.to_upper_camel_case(), "N"))
}

/// Field and module names: `snake_case` of the member or operation name.
pub fn field_name(member_name: &str) -> RustIdent {
    fix_keyword(fix_leading_digit(member_name.to_snake_case(), "n_"))
}

/// Enum and union variant names: `PascalCase`.
pub fn variant_name(member_name: &str) -> RustIdent {
    type_name(member_name)
}

/// The chaining setter of a field: `with_` + the field name (`with_type`,
/// not `with_r#type`).
pub fn setter_name(field: &str) -> RustIdent {
    format!("with_{}", unraw(field))
}

/// The name without a raw-identifier prefix, for building derived names
/// (`with_type`, not `with_r#type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Names the generator itself emits into a scope, which model names must not take.
#[derive(Debug, Default)]
pub struct Scope {
    what: &'static str,
    taken: BTreeMap<String, String>,
}

impl Scope {
    /// A scope for one kind of name (`"type"`, `"field"`, `"variant"`), for messages.
    pub fn new(what: &'static str) -> Scope {
        Scope {
            what,
            taken: BTreeMap::new(),
        }
    }

    /// Reserves a name the generator emits itself.
    pub fn reserve(&mut self, name: &str, owner: &str) {
        self.taken.insert(unraw(name).to_owned(), owner.to_owned());
    }

    /// Claims `name` for `owner`; on a collision reports both owners.
    pub fn claim(&mut self, name: &str, owner: &ShapeId, diagnostics: &mut Vec<Diagnostic>) {
        let key = unraw(name).to_owned();
        match self.taken.get(&key) {
            Some(first) => diagnostics.push(Diagnostic::error(
                owner,
                format!(
                    "its Rust {} name `{name}` is also the name of `{first}`",
                    self.what
                ),
            )),
            None => {
                self.taken.insert(key, owner.to_string());
            }
        }
    }

    /// The name of a catch-all variant: `preferred` unless the model took it.
    /// Called after every model name is claimed, so the choice is stable.
    pub fn catch_all(&mut self, preferred: &str, fallback: &str) -> String {
        let name = if self.contains(preferred) {
            fallback
        } else {
            preferred
        };
        self.reserve(name, "the catch-all variant");
        name.to_owned()
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains_key(unraw(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case_and_escapes_keywords() {
        assert_eq!(type_name("imageScanStatus"), "ImageScanStatus");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("repositoryName"), "repository_name");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("Key"), "key");
        assert_eq!(variant_name("IN_PROGRESS"), "InProgress");
        assert_eq!(field_name("_1st"), "n_1st");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn scope_reports_collisions_with_both_owners() {
        let mut scope = Scope::new("field");
        let mut diags = Vec::new();
        let a: ShapeId = "ns#S$fooBar".parse().unwrap();
        let b: ShapeId = "ns#S$foo_bar".parse().unwrap();
        scope.claim(&field_name("fooBar"), &a, &mut diags);
        scope.claim(&field_name("foo_bar"), &b, &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("ns#S$fooBar"), "{}", diags[0]);
        assert_eq!(diags[0].subject, "ns#S$foo_bar");
    }
}
