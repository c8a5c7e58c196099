//! Evaluates a compiled rule set against parameter values.
//!
//! Semantics: rules are tried in order; a rule's conditions are ANDed and
//! stop at the first that yields none or `false`; an `assign` binds the
//! condition's value for the rest of the rule; a matching tree rule commits
//! to its sub-rules, and if none of them match that is an error rather than a
//! fall-through to the tree's siblings.
//!
//! A function whose argument is unset yields none (so its condition fails),
//! except `isSet`, which exists to ask exactly that. A URL, header, error
//! message or template that needs an unset value is an error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::compile::{Compiled, TOP_LEVEL};
use crate::endpoint::Endpoint;
use crate::error::ResolveError;
use crate::functions::arn::{parse_arn, ParsedArn};
use crate::functions::host::{is_valid_host_label, is_virtual_hostable_s3_bucket};
use crate::functions::strings::{substring, uri_encode};
use crate::functions::url::{parse_url, ParsedUrl};
use crate::functions::Func;
use crate::ir::{Call, EndpointSpec, Expr, Outcome, Property, Rule, Template, TemplatePiece};
use crate::partitions::{partition_for, PartitionOutputs};
use crate::path::PathPart;
use crate::value::{Params, Value};

/// A value during evaluation. Strings borrow from the rule set, the
/// parameters or the partition table where they can.
#[derive(Debug, Clone)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    List(Cow<'a, [String]>),
    Partition(&'static PartitionOutputs),
    Url(Rc<ParsedUrl>),
    Arn(Rc<ParsedArn>),
}

impl Val<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "string",
            Val::Bool(_) => "boolean",
            Val::Int(_) => "integer",
            Val::List(_) => "array",
            Val::Partition(_) => "Partition",
            Val::Url(_) => "URL",
            Val::Arn(_) => "ARN",
        }
    }
}

impl<'a> From<&'a Value> for Val<'a> {
    fn from(value: &'a Value) -> Self {
        match value {
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Bool(b) => Val::Bool(*b),
            Value::StringArray(items) => Val::List(Cow::Borrowed(items)),
        }
    }
}

type Evaluated<'a> = Result<Option<Val<'a>>, ResolveError>;

/// Resolves `params` against `compiled`.
pub(crate) fn resolve(compiled: &Compiled, params: &Params) -> Result<Endpoint, ResolveError> {
    let mut evaluator = Evaluator {
        slots: bind_parameters(compiled, params)?,
    };
    evaluator.rules(&compiled.rules, TOP_LEVEL)
}

/// Fills the parameter slots from `params` and defaults, and leaves the
/// slots for assigned variables empty.
fn bind_parameters<'a>(
    compiled: &'a Compiled,
    params: &'a Params,
) -> Result<Vec<Option<Val<'a>>>, ResolveError> {
    if let Some((unknown, _)) = params
        .iter()
        .find(|(name, _)| !compiled.parameters.iter().any(|p| p.name() == *name))
    {
        return Err(ResolveError::UnknownParameter {
            name: unknown.to_owned(),
        });
    }
    let mut slots = Vec::with_capacity(compiled.slot_count);
    for parameter in &compiled.parameters {
        let value = params.get(parameter.name()).or(parameter.default());
        match value {
            Some(value) if !parameter.parameter_type().admits(value) => {
                return Err(ResolveError::ParameterType {
                    name: parameter.name().to_owned(),
                    expected: parameter.parameter_type().name(),
                    found: value.type_name(),
                });
            }
            Some(value) => slots.push(Some(Val::from(value))),
            None if parameter.required() => {
                return Err(ResolveError::MissingParameter {
                    name: parameter.name().to_owned(),
                });
            }
            None => slots.push(None),
        }
    }
    slots.resize(compiled.slot_count, None);
    Ok(slots)
}

struct Evaluator<'a> {
    slots: Vec<Option<Val<'a>>>,
}

impl<'a> Evaluator<'a> {
    fn rules(&mut self, rules: &'a [Rule], location: &str) -> Result<Endpoint, ResolveError> {
        for rule in rules {
            if let Some(endpoint) = self.rule(rule)? {
                return Ok(endpoint);
            }
        }
        Err(ResolveError::Exhausted {
            location: location.to_owned(),
        })
    }

    /// None when a condition fails; an error rule is `Err(ResolveError::Rule)`.
    fn rule(&mut self, rule: &'a Rule) -> Result<Option<Endpoint>, ResolveError> {
        for condition in &rule.conditions {
            let value = self.eval(&condition.test)?;
            if matches!(value, None | Some(Val::Bool(false))) {
                return Ok(None);
            }
            if let Some(slot) = condition.assign {
                // Slots are allocated for every assign when compiling, so
                // this always finds one.
                if let Some(target) = self.slots.get_mut(slot) {
                    *target = value;
                }
            }
        }
        match &rule.outcome {
            Outcome::Endpoint(spec) => self.endpoint(spec).map(Some),
            Outcome::Error { message, location } => {
                Err(ResolveError::Rule(self.string(message, location)?))
            }
            Outcome::Tree { rules, location } => self.rules(rules, location).map(Some),
        }
    }

    fn endpoint(&mut self, spec: &'a EndpointSpec) -> Result<Endpoint, ResolveError> {
        let url = self.string(&spec.url, &spec.url_location)?;
        let mut headers = BTreeMap::new();
        for header in &spec.headers {
            let values = header
                .values
                .iter()
                .map(|value| self.string(value, &header.location))
                .collect::<Result<Vec<_>, _>>()?;
            headers.insert(header.name.clone(), values);
        }
        let mut properties = serde_json::Map::new();
        for (key, property) in &spec.properties {
            properties.insert(key.clone(), self.property(property)?);
        }
        Ok(Endpoint {
            url,
            headers,
            properties: serde_json::Value::Object(properties),
        })
    }

    fn property(&mut self, property: &'a Property) -> Result<serde_json::Value, ResolveError> {
        Ok(match property {
            Property::Template(template) => serde_json::Value::String(self.render(template)?),
            Property::Literal(value) => value.clone(),
            Property::Array(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(|item| self.property(item))
                    .collect::<Result<_, _>>()?,
            ),
            Property::Object(fields) => serde_json::Value::Object(
                fields
                    .iter()
                    .map(|(key, item)| Ok((key.clone(), self.property(item)?)))
                    .collect::<Result<_, ResolveError>>()?,
            ),
        })
    }

    /// Evaluates an expression that must produce a string (URL, header, error).
    fn string(&mut self, expr: &'a Expr, location: &str) -> Result<String, ResolveError> {
        match self.eval(expr)? {
            Some(Val::Str(s)) => Ok(s.into_owned()),
            Some(other) => Err(ResolveError::NotAString {
                location: location.to_owned(),
                found: other.type_name(),
            }),
            None => Err(ResolveError::UnsetValue {
                name: describe(expr),
                location: location.to_owned(),
            }),
        }
    }

    fn render(&mut self, template: &'a Template) -> Result<String, ResolveError> {
        let mut out = String::new();
        for piece in &template.pieces {
            match piece {
                TemplatePiece::Text(text) => out.push_str(text),
                TemplatePiece::Value { expr, written } => match self.eval(expr)? {
                    Some(Val::Str(s)) => out.push_str(&s),
                    Some(other) => {
                        return Err(ResolveError::NotAString {
                            location: format!("{{{written}}} in {}", template.location),
                            found: other.type_name(),
                        })
                    }
                    None => {
                        return Err(ResolveError::UnsetValue {
                            name: written.to_string(),
                            location: template.location.to_string(),
                        })
                    }
                },
            }
        }
        Ok(out)
    }

    fn eval(&mut self, expr: &'a Expr) -> Evaluated<'a> {
        Ok(match expr {
            Expr::Str(s) => Some(Val::Str(Cow::Borrowed(s))),
            Expr::Template(template) => Some(Val::Str(Cow::Owned(self.render(template)?))),
            Expr::Bool(b) => Some(Val::Bool(*b)),
            Expr::Int(i) => Some(Val::Int(*i)),
            Expr::Array { items, location } => {
                let mut strings = Vec::with_capacity(items.len());
                for item in items {
                    match self.eval(item)? {
                        Some(Val::Str(s)) => strings.push(s.into_owned()),
                        Some(other) => {
                            return Err(ResolveError::NotAString {
                                location: format!("an element of the array at {location}"),
                                found: other.type_name(),
                            })
                        }
                        None => return Ok(None),
                    }
                }
                Some(Val::List(Cow::Owned(strings)))
            }
            Expr::Ref(var) => self.slots.get(var.slot).cloned().flatten(),
            Expr::GetAttr {
                target,
                path,
                location,
            } => match self.eval(target)? {
                Some(value) => get_attr(value, path, location)?,
                None => None,
            },
            Expr::Call(call) => self.call(call)?,
        })
    }

    fn call(&mut self, call: &'a Call) -> Evaluated<'a> {
        if call.func == Func::IsSet {
            let mut all_set = true;
            for arg in &call.args {
                all_set &= self.eval(arg)?.is_some();
            }
            return Ok(Some(Val::Bool(all_set)));
        }
        let mut values = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            match self.eval(arg)? {
                Some(value) => values.push(value),
                None => return Ok(None),
            }
        }
        let args = Args { call, values };
        Ok(match call.func {
            Func::IsSet => Some(Val::Bool(true)),
            Func::Not => Some(Val::Bool(!args.bool(0)?)),
            Func::BooleanEquals => Some(Val::Bool(args.bool(0)? == args.bool(1)?)),
            Func::StringEquals => Some(Val::Bool(args.str(0)? == args.str(1)?)),
            Func::Substring => substring(args.str(0)?, args.int(1)?, args.int(2)?, args.bool(3)?)
                .map(|s| Val::Str(Cow::Owned(s.to_owned()))),
            Func::UriEncode => Some(Val::Str(Cow::Owned(uri_encode(args.str(0)?)))),
            Func::ParseUrl => parse_url(args.str(0)?).map(|url| Val::Url(Rc::new(url))),
            Func::IsValidHostLabel => {
                Some(Val::Bool(is_valid_host_label(args.str(0)?, args.bool(1)?)))
            }
            Func::AwsPartition => Some(Val::Partition(partition_for(args.str(0)?)?)),
            Func::AwsParseArn => parse_arn(args.str(0)?).map(|arn| Val::Arn(Rc::new(arn))),
            Func::AwsIsVirtualHostableS3Bucket => Some(Val::Bool(is_virtual_hostable_s3_bucket(
                args.str(0)?,
                args.bool(1)?,
            ))),
        })
    }
}

/// Evaluated arguments of one call, with typed access that names the
/// function and position when a type is wrong.
struct Args<'c, 'a> {
    call: &'c Call,
    values: Vec<Val<'a>>,
}

impl Args<'_, '_> {
    fn get(&self, position: usize, expected: &'static str) -> Result<&Val<'_>, ResolveError> {
        self.values
            .get(position)
            .ok_or_else(|| self.mismatch(position, expected, "missing argument"))
    }

    fn str(&self, position: usize) -> Result<&str, ResolveError> {
        match self.get(position, "string")? {
            Val::Str(s) => Ok(s),
            other => Err(self.mismatch(position, "string", other.type_name())),
        }
    }

    fn bool(&self, position: usize) -> Result<bool, ResolveError> {
        match self.get(position, "boolean")? {
            Val::Bool(b) => Ok(*b),
            other => Err(self.mismatch(position, "boolean", other.type_name())),
        }
    }

    fn int(&self, position: usize) -> Result<i64, ResolveError> {
        match self.get(position, "integer")? {
            Val::Int(i) => Ok(*i),
            other => Err(self.mismatch(position, "integer", other.type_name())),
        }
    }

    fn mismatch(
        &self,
        position: usize,
        expected: &'static str,
        found: &'static str,
    ) -> ResolveError {
        ResolveError::ArgumentType {
            function: self.call.func.name(),
            position,
            expected,
            found,
            location: self.call.location.to_string(),
        }
    }
}

/// Follows `path` into `value`; an index past the end yields none.
fn get_attr<'a>(mut value: Val<'a>, path: &[PathPart], location: &str) -> Evaluated<'a> {
    for part in path {
        let next = match (part, &value) {
            (PathPart::Key(key), Val::Partition(partition)) => partition_field(partition, key),
            (PathPart::Key(key), Val::Url(url)) => url_field(url, key),
            (PathPart::Key(key), Val::Arn(arn)) => arn_field(arn, key),
            (PathPart::Index(index), Val::List(items)) => match list_item(items, *index) {
                Some(item) => Some(item),
                None => return Ok(None),
            },
            _ => None,
        };
        value = next.ok_or_else(|| ResolveError::UnknownAttribute {
            attribute: part.to_string(),
            found: value.type_name(),
            location: location.to_owned(),
        })?;
    }
    Ok(Some(value))
}

fn list_item<'a>(items: &Cow<'a, [String]>, index: usize) -> Option<Val<'a>> {
    match items {
        Cow::Borrowed(slice) => {
            let slice: &'a [String] = slice;
            slice
                .get(index)
                .map(|s| Val::Str(Cow::Borrowed(s.as_str())))
        }
        Cow::Owned(vec) => vec.get(index).map(|s| Val::Str(Cow::Owned(s.clone()))),
    }
}

fn partition_field(partition: &'static PartitionOutputs, key: &str) -> Option<Val<'static>> {
    let text = |s: &'static str| Some(Val::Str(Cow::Borrowed(s)));
    match key {
        "name" => text(partition.name),
        "dnsSuffix" => text(partition.dns_suffix),
        "dualStackDnsSuffix" => text(partition.dual_stack_dns_suffix),
        "implicitGlobalRegion" => text(partition.implicit_global_region),
        "supportsFIPS" => Some(Val::Bool(partition.supports_fips)),
        "supportsDualStack" => Some(Val::Bool(partition.supports_dual_stack)),
        _ => None,
    }
}

fn url_field(url: &ParsedUrl, key: &str) -> Option<Val<'static>> {
    let text = |s: &str| Some(Val::Str(Cow::Owned(s.to_owned())));
    match key {
        "scheme" => text(&url.scheme),
        "authority" => text(&url.authority),
        "path" => text(&url.path),
        "normalizedPath" => text(&url.normalized_path),
        "isIp" => Some(Val::Bool(url.is_ip)),
        _ => None,
    }
}

fn arn_field(arn: &ParsedArn, key: &str) -> Option<Val<'static>> {
    let text = |s: &str| Some(Val::Str(Cow::Owned(s.to_owned())));
    match key {
        "partition" => text(&arn.partition),
        "service" => text(&arn.service),
        "region" => text(&arn.region),
        "accountId" => text(&arn.account_id),
        "resourceId" => Some(Val::List(Cow::Owned(arn.resource_id.clone()))),
        _ => None,
    }
}

/// A short name for an expression in "has no value" errors.
fn describe(expr: &Expr) -> String {
    match expr {
        Expr::Ref(var) => var.name.to_string(),
        Expr::GetAttr { target, path, .. } => {
            let path: Vec<String> = path.iter().map(ToString::to_string).collect();
            format!("getAttr({}, {:?})", describe(target), path.join("."))
        }
        Expr::Call(call) => format!("{}(...)", call.func.name()),
        _ => "a literal".to_owned(),
    }
}
