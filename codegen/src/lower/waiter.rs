//! `smithy.waiters#waitable`: each waiter of a selected operation becomes a
//! marker type in the `waiters` module. Expressions are parsed here, so a
//! model with a broken or unsupported JMESPath fails at generation time,
//! naming the operation and the waiter.

use std::collections::BTreeMap;

use crate::docs::to_markdown_lines;
use crate::ir::{
    AcceptorIr, AcceptorState, Comparator, MatcherIr, OperationIr, PathMatcherIr, TypeDef, WaiterIr,
};
use crate::lower::json_scope::{JsonScope, TypeIndex};
use crate::lower::Lowerer;
use crate::model::traits::{
    describe_unknown_keys, ids, AcceptorStateTrait, ComparatorTrait, MatcherTrait,
    PathMatcherTrait, WaiterTrait,
};
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// Every waiter of the selected operations, sorted by name.
    pub(super) fn lower_waiters(
        &mut self,
        operations: &[OperationIr],
        types: &[TypeDef],
    ) -> Vec<WaiterIr> {
        let structs = TypeIndex::new(types);
        let mut scope = Scope::new("waiter");
        let mut diagnostics = Vec::new();
        let mut waiters = Vec::new();
        for (index, op) in operations.iter().enumerate() {
            let Ok(op_id) = op.shape_id.parse::<ShapeId>() else {
                continue;
            };
            let traits = self
                .model
                .get(&op_id)
                .map(|s| s.traits.clone())
                .unwrap_or_default();
            let Some(defs) =
                self.decode::<BTreeMap<String, WaiterTrait>>(&op_id, &traits, ids::WAITABLE)
            else {
                continue;
            };
            for (name, def) in defs {
                let rust_name = naming::type_name(&name);
                // Smithy requires waiter names unique in a service, ignoring case.
                scope.claim(&rust_name, &op_id, &mut diagnostics);
                if let Some(waiter) = self.lower_waiter(&op_id, index, op, &name, def, &structs) {
                    waiters.push(WaiterIr {
                        rust_name,
                        ..waiter
                    });
                }
            }
        }
        self.diagnostics.extend(diagnostics);
        waiters.sort_by(|a, b| a.name.cmp(&b.name));
        waiters
    }

    fn lower_waiter(
        &mut self,
        op_id: &ShapeId,
        operation: usize,
        op: &OperationIr,
        name: &str,
        def: WaiterTrait,
        structs: &TypeIndex<'_>,
    ) -> Option<WaiterIr> {
        let before = self.diagnostics.len();
        let report = |this: &mut Self, message: String| {
            this.error(op_id, format!("waiter `{name}`: {message}"));
        };
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            report(
                self,
                "a waiter name must start with an uppercase letter".into(),
            );
        }
        if !def.unknown_keys.is_empty() {
            self.warn(
                op_id,
                format!(
                    "waiter `{name}` has keys Smithy does not define ({}); they are ignored and the waiter uses the others",
                    describe_unknown_keys(&def.unknown_keys)
                ),
            );
        }
        if def.min_delay < 1 {
            report(
                self,
                format!("minDelay is {}, it must be at least 1", def.min_delay),
            );
        }
        if def.max_delay < def.min_delay {
            report(
                self,
                format!(
                    "maxDelay ({}) is less than minDelay ({})",
                    def.max_delay, def.min_delay
                ),
            );
        }
        if def.acceptors.is_empty() {
            report(self, "it has no acceptors".into());
        }
        let mut acceptors = Vec::new();
        for (i, acceptor) in def.acceptors.iter().enumerate() {
            let matcher = match &acceptor.matcher {
                MatcherTrait::Output(m) => {
                    let types = structs.for_path(&m.path);
                    let checked = check_path_matcher(m, JsonScope::Struct(types, &op.output));
                    checked.map(MatcherIr::Output)
                }
                MatcherTrait::InputOutput(m) => {
                    let types = structs.for_path(&m.path);
                    let roots = [("input", &op.input), ("output", &op.output)];
                    check_path_matcher(m, JsonScope::Roots(types, roots))
                        .map(MatcherIr::InputOutput)
                }
                MatcherTrait::Success(b) => Ok(MatcherIr::Success(*b)),
                MatcherTrait::ErrorType(code) => {
                    let short = code.rsplit('#').next().unwrap_or(code);
                    // The model names the error shape; the response names
                    // its code, which `@awsQueryError` may make another.
                    let variant = op
                        .error
                        .variants
                        .iter()
                        .find(|v| v.code == short || v.shape_name == short);
                    if let Some(variant) = variant {
                        Ok(MatcherIr::ErrorType(variant.code.clone()))
                    } else {
                        self.warn(
                            op_id,
                            format!(
                                "waiter `{name}` acceptor {}: errorType `{code}` is not an error of the operation; it can still match an unmodeled error code",
                                i + 1
                            ),
                        );
                        Ok(MatcherIr::ErrorType(code.clone()))
                    }
                }
            };
            match matcher {
                Ok(matcher) => acceptors.push(AcceptorIr {
                    state: match acceptor.state {
                        AcceptorStateTrait::Success => AcceptorState::Success,
                        AcceptorStateTrait::Failure => AcceptorState::Failure,
                        AcceptorStateTrait::Retry => AcceptorState::Retry,
                    },
                    matcher,
                }),
                Err(message) => report(self, format!("acceptor {}: {message}", i + 1)),
            }
        }
        if self.diagnostics[before..].iter().any(|d| d.is_error()) {
            return None;
        }
        Some(WaiterIr {
            name: name.to_owned(),
            rust_name: String::new(),
            docs: def
                .documentation
                .as_deref()
                .map(to_markdown_lines)
                .unwrap_or_default(),
            deprecated: def
                .deprecated
                .then(|| "the model deprecates this waiter".to_owned()),
            operation,
            min_delay_secs: def.min_delay,
            max_delay_secs: def.max_delay,
            acceptors,
        })
    }
}

/// Parses the expression, checks that every member it names exists where it
/// reads it (a typo would otherwise never match), and rewrites member names
/// to the JSON keys the expression is evaluated over.
fn check_path_matcher(m: &PathMatcherTrait, root: JsonScope<'_>) -> Result<PathMatcherIr, String> {
    let expression = awsgen_types::waiter::jmespath::parse(&m.path)
        .map_err(|e| format!("the path `{}` is not supported JMESPath: {e}", m.path))?;
    if m.comparator == ComparatorTrait::BooleanEquals
        && m.expected != "true"
        && m.expected != "false"
    {
        return Err(format!(
            "booleanEquals expects `true` or `false`, not `{}`",
            m.expected
        ));
    }
    let json_path = expression.rename_fields(&root)?;
    Ok(PathMatcherIr {
        path: m.path.clone(),
        json_path,
        expected: m.expected.clone(),
        comparator: match m.comparator {
            ComparatorTrait::StringEquals => Comparator::StringEquals,
            ComparatorTrait::BooleanEquals => Comparator::BooleanEquals,
            ComparatorTrait::AllStringEquals => Comparator::AllStringEquals,
            ComparatorTrait::AnyStringEquals => Comparator::AnyStringEquals,
        },
    })
}
