//! `Expression::rename_fields`: member names become the keys of the JSON the
//! expression reads, by the scope at each field, and the renamed expression
//! finds in that JSON what the model's path names.

use serde_json::json;

use super::{parse, FieldScope};

/// A small schema: the top level has `items` (written `item`) of `Item`s,
/// `byName` (written `by_name`), a map of `Item`s, and `status`; an `Item`
/// has `state` (written `State`), `nested` (written `n`, lists of lists of
/// `Item`s) and `odd` (written `$odd`).
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Top,
    Item,
    List(Box<Ty>),
    Map(Box<Ty>),
    Scalar,
    Unknown,
}

fn list(of: Ty) -> Ty {
    Ty::List(Box::new(of))
}

impl FieldScope for Ty {
    fn field(&self, name: &str) -> Result<(String, Self), String> {
        let (key, ty) = match (self, name) {
            (Ty::Top, "items") => ("item", list(Ty::Item)),
            (Ty::Top, "byName") => ("by_name", Ty::Map(Box::new(Ty::Item))),
            (Ty::Top, "status") => ("status", Ty::Scalar),
            (Ty::Item, "state") => ("State", Ty::Scalar),
            (Ty::Item, "nested") => ("n", list(list(Ty::Item))),
            (Ty::Item, "odd") => ("$odd", Ty::Scalar),
            (Ty::Top | Ty::Item, other) => return Err(format!("`{other}` is not a member")),
            (Ty::Map(value), _) => return Ok((name.to_owned(), (**value).clone())),
            _ => (name, Ty::Unknown),
        };
        Ok((key.to_owned(), ty))
    }

    fn element(&self) -> Self {
        match self {
            Ty::List(item) | Ty::Map(item) => (**item).clone(),
            _ => Ty::Unknown,
        }
    }

    fn is_list(&self) -> bool {
        matches!(self, Ty::List(_))
    }

    fn list_of(element: Self) -> Self {
        list(element)
    }

    fn unknown() -> Self {
        Ty::Unknown
    }
}

fn renamed(expression: &str) -> String {
    parse(expression)
        .unwrap_or_else(|e| panic!("{expression:?} should parse: {e}"))
        .rename_fields(&Ty::Top)
        .unwrap_or_else(|e| panic!("{expression:?} should rename: {e}"))
}

#[test]
fn fields_take_the_key_of_the_scope_they_are_read_in() {
    for (model, json) in [
        ("status", "status"),
        ("items[].state", "item[].State"),
        ("items[*].state", "item[*].State"),
        ("items[0].state", "item[0].State"),
        ("\"items\"[-1].state", "item[-1].State"),
        (
            "items[?state == 'FAILED'].state | [0]",
            "item[?State == 'FAILED'].State | [0]",
        ),
        ("items[?@.state != 'A']", "item[?@.State != 'A']"),
        (
            "length(items[?state=='A']) > `0` && !contains(items[].state, 'B')",
            "length(item[?State=='A']) > `0` && !contains(item[].State, 'B')",
        ),
        ("items[].nested[][].state", "item[].n[][].State"),
        ("items[].odd", "item[].\"$odd\""),
        // Map keys are data: kept, and the values are `Item`s.
        ("byName.items.state", "by_name.items.State"),
        ("byName.*.state", "by_name.*.State"),
        ("keys(byName)", "keys(by_name)"),
        // Nothing is known about a literal's fields.
        ("`{\"items\": 1}`.items", "`{\"items\": 1}`.items"),
    ] {
        assert_eq!(renamed(model), json, "renaming {model:?}");
    }
}

#[test]
fn the_renamed_expression_reads_the_json_as_the_model_path_reads_the_members() {
    let data = json!({
        "item": [{"State": "A", "$odd": 1}, {"State": "B", "n": [[{"State": "C"}]]}],
        "by_name": {"x": {"State": "D"}},
        "status": "B"
    });
    for (model, expected) in [
        ("items[?state == 'B'].state", json!(["B"])),
        ("items[].nested[][].state", json!(["C"])),
        ("items[].odd", json!([1])),
        ("byName.x.state", json!("D")),
    ] {
        let json_path = renamed(model);
        assert_eq!(
            parse(&json_path).unwrap().evaluate(&data),
            expected,
            "{model:?} as {json_path:?}"
        );
    }
}

#[test]
fn a_field_the_scope_refuses_is_an_error_naming_it() {
    for expression in [
        "nope",
        "items[].nope",
        "items[?nope == 'x']",
        "length(nope)",
    ] {
        let error = parse(expression)
            .unwrap()
            .rename_fields(&Ty::Top)
            .expect_err(expression);
        assert!(error.contains("`nope`"), "{expression:?}: {error}");
    }
    // In a filter the fields are the element's: `status` is not an `Item`'s.
    let error = parse("items[?state == status]")
        .unwrap()
        .rename_fields(&Ty::Top)
        .expect_err("status in a filter");
    assert!(error.contains("`status`"), "{error}");
}
