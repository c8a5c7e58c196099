//! Checks a parsed rule set document and lowers it to the evaluation form.
//!
//! Everything that does not depend on parameter values is checked here, once:
//! the version, parameter definitions, function names and argument counts,
//! `getAttr` paths, templates, and that every reference names a parameter or
//! a variable assigned earlier in an enclosing rule.

use crate::error::RuleSetError;
use crate::functions::Func;
use crate::ir::{
    Call, Condition, EndpointSpec, Expr, Header, Outcome, Property, Rule, Slot, Template,
    TemplatePiece, VarRef,
};
use crate::parameter::Parameter;
use crate::path::parse_path;
use crate::syntax::{ConditionDoc, EndpointDoc, ExprDoc, RuleDoc, RuleSetDoc};
use crate::template::{parse_template, Piece};

/// A rule set ready to evaluate.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// In slot order: parameter `i` lives in slot `i`.
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
    /// Parameters plus one slot per `assign` anywhere in the rules.
    pub slot_count: usize,
}

/// The top-level location, used for exhaustion of the rule list itself.
pub(crate) const TOP_LEVEL: &str = "rules";

pub(crate) fn compile(doc: RuleSetDoc) -> Result<Compiled, RuleSetError> {
    check_version(&doc.version)?;
    let parameters = doc
        .parameters
        .into_iter()
        .map(|(name, parameter)| Parameter::from_doc(&name, parameter))
        .collect::<Result<Vec<_>, _>>()?;
    let mut compiler = Compiler {
        scope: parameters
            .iter()
            .enumerate()
            .map(|(slot, parameter)| (parameter.name().to_owned(), slot))
            .collect(),
        slot_count: parameters.len(),
    };
    let rules = compiler.rules(doc.rules, TOP_LEVEL)?;
    Ok(Compiled {
        parameters,
        rules,
        slot_count: compiler.slot_count,
    })
}

/// Rules engine versions 1.0 to 1.3 share the semantics implemented here.
fn check_version(version: &str) -> Result<(), RuleSetError> {
    let supported = match version.split_once('.') {
        Some(("1", minor)) => matches!(minor, "0" | "1" | "2" | "3"),
        None => version == "1",
        _ => false,
    };
    if supported {
        Ok(())
    } else {
        Err(RuleSetError::UnsupportedVersion {
            version: version.to_owned(),
        })
    }
}

struct Compiler {
    /// Names visible at the current point, innermost last.
    scope: Vec<(String, Slot)>,
    slot_count: usize,
}

impl Compiler {
    fn lookup(&self, name: &str) -> Option<Slot> {
        self.scope
            .iter()
            .rev()
            .find(|(known, _)| known == name)
            .map(|(_, slot)| *slot)
    }

    fn rules(&mut self, docs: Vec<RuleDoc>, location: &str) -> Result<Vec<Rule>, RuleSetError> {
        if docs.is_empty() {
            return Err(RuleSetError::EmptyRules {
                location: location.to_owned(),
            });
        }
        docs.into_iter()
            .enumerate()
            .map(|(i, doc)| self.rule(doc, &format!("{location}[{i}]")))
            .collect()
    }

    fn rule(&mut self, doc: RuleDoc, location: &str) -> Result<Rule, RuleSetError> {
        // Variables assigned by this rule's conditions are visible to its
        // outcome (and a tree's sub-rules) only.
        let scope_mark = self.scope.len();
        let result = self.rule_in_scope(doc, location);
        self.scope.truncate(scope_mark);
        result
    }

    fn rule_in_scope(&mut self, doc: RuleDoc, location: &str) -> Result<Rule, RuleSetError> {
        let (condition_docs, outcome) = match doc {
            RuleDoc::Endpoint {
                conditions,
                endpoint,
            } => (conditions, Pending::Endpoint(endpoint)),
            RuleDoc::Error { conditions, error } => (conditions, Pending::Error(error)),
            RuleDoc::Tree { conditions, rules } => (conditions, Pending::Tree(rules)),
        };
        let conditions = condition_docs
            .into_iter()
            .enumerate()
            .map(|(i, doc)| self.condition(doc, &format!("{location}.conditions[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let outcome = match outcome {
            Pending::Endpoint(endpoint) => {
                Outcome::Endpoint(self.endpoint(endpoint, &format!("{location}.endpoint"))?)
            }
            Pending::Error(error) => {
                let location = format!("{location}.error");
                Outcome::Error {
                    message: self.expr(error, &location)?,
                    location: location.into(),
                }
            }
            Pending::Tree(rules) => {
                let location = format!("{location}.rules");
                Outcome::Tree {
                    rules: self.rules(rules, &location)?,
                    location: location.into(),
                }
            }
        };
        Ok(Rule {
            conditions,
            outcome,
        })
    }

    fn condition(&mut self, doc: ConditionDoc, location: &str) -> Result<Condition, RuleSetError> {
        let test = self.call(doc.function, doc.argv, location)?;
        let assign = match doc.assign {
            None => None,
            Some(name) => {
                if self.lookup(&name).is_some() {
                    return Err(RuleSetError::Shadowing {
                        name,
                        location: location.to_owned(),
                    });
                }
                let slot = self.slot_count;
                self.slot_count += 1;
                self.scope.push((name, slot));
                Some(slot)
            }
        };
        Ok(Condition { test, assign })
    }

    fn call(
        &mut self,
        function: String,
        argv: Vec<ExprDoc>,
        location: &str,
    ) -> Result<Expr, RuleSetError> {
        if function == "getAttr" {
            return self.get_attr(argv, location);
        }
        let func = Func::from_name(&function).ok_or_else(|| RuleSetError::UnknownFunction {
            function,
            location: location.to_owned(),
        })?;
        if argv.len() != func.arity() {
            return Err(RuleSetError::ArgumentCount {
                function: func.name(),
                expected: func.arity(),
                found: argv.len(),
                location: location.to_owned(),
            });
        }
        let args = argv
            .into_iter()
            .enumerate()
            .map(|(i, arg)| self.expr(arg, &format!("{location}.argv[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Expr::Call(Call {
            func,
            args,
            location: location.into(),
        }))
    }

    fn get_attr(&mut self, argv: Vec<ExprDoc>, location: &str) -> Result<Expr, RuleSetError> {
        let found = argv.len();
        let [target, path] =
            <[ExprDoc; 2]>::try_from(argv).map_err(|_| RuleSetError::ArgumentCount {
                function: "getAttr",
                expected: 2,
                found,
                location: location.to_owned(),
            })?;
        let invalid_path = |reason: String| RuleSetError::InvalidArgument {
            function: "getAttr",
            position: 1,
            reason,
            location: location.to_owned(),
        };
        let ExprDoc::String(path) = path else {
            return Err(invalid_path("the path must be a string literal".into()));
        };
        let path = parse_path(&path).map_err(invalid_path)?;
        Ok(Expr::GetAttr {
            target: Box::new(self.expr(target, &format!("{location}.argv[0]"))?),
            path: path.into(),
            location: location.into(),
        })
    }

    fn expr(&mut self, doc: ExprDoc, location: &str) -> Result<Expr, RuleSetError> {
        Ok(match doc {
            ExprDoc::String(text) => self.string(&text, location)?,
            ExprDoc::Bool(b) => Expr::Bool(b),
            ExprDoc::Int(i) => Expr::Int(i),
            ExprDoc::Array(items) => Expr::Array {
                items: items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| self.expr(item, &format!("{location}[{i}]")))
                    .collect::<Result<_, _>>()?,
                location: location.into(),
            },
            ExprDoc::Ref(name) => Expr::Ref(self.reference(name, location)?),
            ExprDoc::Call(call) => self.call(call.function, call.argv, location)?,
        })
    }

    fn reference(&self, name: String, location: &str) -> Result<VarRef, RuleSetError> {
        match self.lookup(&name) {
            Some(slot) => Ok(VarRef {
                slot,
                name: name.into(),
            }),
            None => Err(RuleSetError::UndefinedReference {
                name,
                location: location.to_owned(),
            }),
        }
    }

    /// A string literal: a plain string when it has no placeholders.
    fn string(&self, text: &str, location: &str) -> Result<Expr, RuleSetError> {
        let template = self.template(text, location)?;
        Ok(match template.pieces.as_slice() {
            [] => Expr::Str("".into()),
            [TemplatePiece::Text(text)] => Expr::Str(text.clone()),
            _ => Expr::Template(template),
        })
    }

    fn template(&self, text: &str, location: &str) -> Result<Template, RuleSetError> {
        let pieces = parse_template(text).map_err(|reason| RuleSetError::InvalidTemplate {
            template: text.to_owned(),
            reason,
            location: location.to_owned(),
        })?;
        let pieces = pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Ok(TemplatePiece::Text(text.into())),
                Piece::Var {
                    name,
                    path,
                    written,
                } => {
                    let reference = Expr::Ref(self.reference(name, location)?);
                    let expr = if path.is_empty() {
                        reference
                    } else {
                        Expr::GetAttr {
                            target: Box::new(reference),
                            path: path.into(),
                            location: location.into(),
                        }
                    };
                    Ok(TemplatePiece::Value {
                        expr,
                        written: written.into(),
                    })
                }
            })
            .collect::<Result<_, RuleSetError>>()?;
        Ok(Template {
            pieces,
            location: location.into(),
        })
    }

    fn endpoint(&mut self, doc: EndpointDoc, location: &str) -> Result<EndpointSpec, RuleSetError> {
        let url_location = format!("{location}.url");
        let url = self.expr(doc.url, &url_location)?;
        let headers = doc
            .headers
            .into_iter()
            .map(|(name, values)| {
                let location = format!("{location}.headers.{name}");
                let values = values
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| self.expr(value, &format!("{location}[{i}]")))
                    .collect::<Result<_, _>>()?;
                Ok(Header {
                    name,
                    values,
                    location: location.into(),
                })
            })
            .collect::<Result<_, RuleSetError>>()?;
        let properties = doc
            .properties
            .into_iter()
            .map(|(key, value)| {
                let property = self.property(value, &format!("{location}.properties.{key}"))?;
                Ok((key, property))
            })
            .collect::<Result<_, RuleSetError>>()?;
        Ok(EndpointSpec {
            url,
            url_location: url_location.into(),
            headers,
            properties,
        })
    }

    fn property(&self, value: serde_json::Value, location: &str) -> Result<Property, RuleSetError> {
        Ok(match value {
            serde_json::Value::String(text) => Property::Template(self.template(&text, location)?),
            serde_json::Value::Array(items) => Property::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| self.property(item, &format!("{location}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            serde_json::Value::Object(fields) => Property::Object(
                fields
                    .into_iter()
                    .map(|(key, item)| {
                        let property = self.property(item, &format!("{location}.{key}"))?;
                        Ok((key, property))
                    })
                    .collect::<Result<_, RuleSetError>>()?,
            ),
            literal => Property::Literal(literal),
        })
    }
}

/// A rule's outcome before its conditions are compiled, so that variables the
/// conditions assign are in scope when the outcome is compiled.
enum Pending {
    Endpoint(EndpointDoc),
    Error(ExprDoc),
    Tree(Vec<RuleDoc>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_json(json: &str) -> Result<Compiled, RuleSetError> {
        compile(serde_json::from_str(json).map_err(RuleSetError::Schema)?)
    }

    fn with_rules(rules: &str) -> String {
        format!(
            r#"{{"version": "1.0",
                "parameters": {{"Region": {{"type": "String"}}, "Flag": {{"type": "Boolean", "required": true, "default": false}}}},
                "rules": {rules}}}"#
        )
    }

    #[test]
    fn assigns_get_their_own_slots_after_the_parameters() {
        let compiled = compile_json(&with_rules(
            r#"[{"type": "tree", "conditions": [
                   {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
                 "rules": [{"type": "endpoint", "conditions": [
                   {"fn": "getAttr", "argv": [{"ref": "P"}, "name"], "assign": "N"}],
                   "endpoint": {"url": "https://{N}.{P#dnsSuffix}"}}]}]"#,
        ))
        .unwrap();
        assert_eq!(compiled.parameters.len(), 2);
        assert_eq!(compiled.slot_count, 4);
    }

    #[test]
    fn versions_one_to_one_point_three_are_accepted() {
        for version in ["1.0", "1.1", "1.3", "1"] {
            assert!(check_version(version).is_ok(), "{version}");
        }
        for version in ["2.0", "1.4", "", "1.0.1", "one"] {
            assert!(check_version(version).is_err(), "{version}");
        }
    }

    #[test]
    fn load_time_errors_name_the_problem_and_place() {
        let cases = [
            (
                r#"[{"type": "error", "conditions": [{"fn": "coalesce", "argv": []}], "error": "x"}]"#,
                "unknown rules-engine function `coalesce` at rules[0].conditions[0]",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "not", "argv": [true, false]}], "error": "x"}]"#,
                "`not` at rules[0].conditions[0] takes 1 argument(s), got 2",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], "error": "x"}]"#,
                "`Nope` at rules[0].conditions[0].argv[0]",
            ),
            (
                r#"[{"type": "error", "conditions": [], "error": "bad {Nope}"}]"#,
                "`Nope` at rules[0].error",
            ),
            (
                r#"[{"type": "error", "conditions": [], "error": "bad {Region"}]"#,
                "never closed",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "getAttr", "argv": [{"ref": "Region"}, {"ref": "Region"}]}], "error": "x"}]"#,
                "argument 1 of `getAttr`",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "getAttr", "argv": [{"ref": "Region"}, "a[x]"]}], "error": "x"}]"#,
                "not a non-negative integer",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "Flag"}], "error": "x"}]"#,
                "`assign: Flag` at rules[0].conditions[0]",
            ),
            (
                r#"[{"type": "tree", "conditions": [], "rules": []}]"#,
                "rules[0].rules has no rules",
            ),
            ("[]", "rules has no rules"),
        ];
        for (rules, expected) in cases {
            let err = compile_json(&with_rules(rules)).unwrap_err().to_string();
            assert!(err.contains(expected), "expected {expected:?} in {err:?}");
        }
    }

    #[test]
    fn variables_go_out_of_scope_after_their_rule() {
        let err = compile_json(&with_rules(
            r#"[{"type": "error", "conditions": [
                   {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}], "error": "x"},
                {"type": "error", "conditions": [], "error": "{P#name}"}]"#,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("`P` at rules[1].error"), "{err}");
    }

    #[test]
    fn a_variable_is_not_visible_in_its_own_condition() {
        let err = compile_json(&with_rules(
            r#"[{"type": "error", "conditions": [
                   {"fn": "aws.partition", "argv": [{"ref": "P"}], "assign": "P"}], "error": "x"}]"#,
        ))
        .unwrap_err();
        assert!(
            matches!(err, RuleSetError::UndefinedReference { .. }),
            "{err}"
        );
    }
}
