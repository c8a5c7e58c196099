//! The `smithy.rules#endpointTests` cases of a model that carry
//! `operationInputs`: the cases a client must pass through its operations.

use awsgen_codegen::{Model, ShapeId};
use awsgen_endpoints::test_case::{self, EndpointTests, TestCase};
use serde_json::Value;

/// A case with operation inputs, by its position in the trait.
pub struct InputCase {
    pub index: usize,
    pub case: TestCase,
    /// The case's `expect` as the model writes it, for the generated test.
    pub expect_json: String,
}

/// One service's cases with operation inputs.
pub struct ServiceCases {
    pub service: ShapeId,
    pub cases: Vec<InputCase>,
    /// Cases with operation inputs that cannot be read: index and reason.
    pub unreadable: Vec<(usize, String)>,
}

impl ServiceCases {
    /// The operations the cases call, sorted, each once.
    pub fn operations(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .cases
            .iter()
            .flat_map(|c| &c.case.operation_inputs)
            .map(|input| input.operation_name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty() && self.unreadable.is_empty()
    }
}

/// The cases with operation inputs of every service of `model` that has
/// endpoint tests. Cases without them are the rule-set runner's
/// (`awsgen-endpoints`' `aws_models` test) and are left out here.
pub fn input_cases(model: &Model) -> anyhow::Result<Vec<ServiceCases>> {
    let mut services = Vec::new();
    for service in model.services() {
        let Some(tests) = service.traits.get(test_case::TRAIT_ID) else {
            continue;
        };
        let tests: EndpointTests = serde_json::from_value(tests.clone()).map_err(|e| {
            anyhow::anyhow!("{}: {} is unreadable: {e}", service.id, test_case::TRAIT_ID)
        })?;
        let mut found = ServiceCases {
            service: service.id.clone(),
            cases: Vec::new(),
            unreadable: Vec::new(),
        };
        for (index, raw) in tests.test_cases.iter().enumerate() {
            if raw.get("operationInputs").is_none() {
                continue;
            }
            match read_case(raw) {
                Ok((case, expect_json)) => found.cases.push(InputCase {
                    index,
                    case,
                    expect_json,
                }),
                Err(why) => found.unreadable.push((index, why)),
            }
        }
        if !found.is_empty() {
            services.push(found);
        }
    }
    Ok(services)
}

fn read_case(raw: &Value) -> Result<(TestCase, String), String> {
    let case = TestCase::from_value(raw).map_err(|e| format!("unreadable case: {e}"))?;
    if case.operation_inputs.is_empty() {
        return Err("`operationInputs` is empty".to_owned());
    }
    let expect = raw.get("expect").map(Value::to_string).unwrap_or_default();
    Ok((case, expect))
}

#[cfg(test)]
mod tests {
    use awsgen_codegen::{load, ModelSource};

    use super::*;

    const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "traits": {
            "smithy.rules#endpointTests": {"version": "1.0", "testCases": [
                {"params": {"Region": "us-east-1"}, "expect": {"endpoint": {"url": "https://a"}}},
                {"documentation": "two inputs", "expect": {"error": "no"},
                 "operationInputs": [{"operationName": "B", "builtInParams": {}},
                                     {"operationName": "A", "builtInParams": {}}]},
                {"expect": {"error": "no"}, "operationInputs": [{"builtInParams": {}}]}
            ]}}}
    }}"#;

    #[test]
    fn keeps_cases_with_operation_inputs_and_names_unreadable_ones() {
        let model = load(&[ModelSource::new("fixture.json", MODEL)]).unwrap();
        let services = input_cases(&model).unwrap();
        let [service] = services.as_slice() else {
            panic!("one service");
        };
        assert_eq!(service.service.to_string(), "ex#Svc");
        let indexes: Vec<usize> = service.cases.iter().map(|c| c.index).collect();
        assert_eq!(indexes, [1]);
        assert_eq!(service.cases[0].expect_json, r#"{"error":"no"}"#);
        assert_eq!(service.operations(), ["A", "B"]);
        let [(2, why)] = service.unreadable.as_slice() else {
            panic!("case #2 is unreadable: {:?}", service.unreadable);
        };
        assert!(why.contains("operationName"), "{why}");
    }
}
