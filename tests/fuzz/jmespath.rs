//! Random JMESPath text, from the tokens of the subset and a few stray
//! characters: parsing never panics, and an expression that parses never
//! panics when evaluated over random JSON.

use std::panic::{catch_unwind, AssertUnwindSafe};

use awsgen_types::waiter::jmespath;

use crate::random_json;
use crate::support::XorShift;

const PIECES: &[&str] = &[
    "a",
    "b",
    "status",
    "\"quoted\"",
    ".",
    "[",
    "]",
    "[]",
    "[*]",
    "*",
    "[?",
    "[0]",
    "[-1]",
    "(",
    ")",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "!",
    "@",
    "|",
    ",",
    "`true`",
    "`\"x\"`",
    "`[1,2]`",
    "`{\"k\": 1}`",
    "'raw'",
    "length(",
    "contains(",
    "sort(",
    " ",
    "\\",
    "`",
    "'",
    "\"",
    "ü",
    "0",
    "-",
    "9999999999999999999999",
];

/// Half the cases are token soup; the other half follow the grammar, with
/// one piece sometimes spliced in to break them near the valid ones.
fn expression(rng: &mut XorShift) -> String {
    if rng.one_in(2) {
        let len = 1 + rng.below(24);
        return (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
    }
    let mut text = grammar(rng, 4);
    if rng.one_in(3) {
        let at = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .nth(rng.below(text.len() + 1))
            .unwrap_or(0);
        text.insert_str(at, PIECES[rng.below(PIECES.len())]);
    }
    text
}

fn grammar(rng: &mut XorShift, depth: usize) -> String {
    const LEAVES: &[&str] = &[
        "a",
        "b",
        "status",
        "\"quoted key\"",
        "@",
        "`1`",
        "`\"x\"`",
        "'raw'",
        "`null`",
    ];
    if depth == 0 || rng.one_in(4) {
        return LEAVES[rng.below(LEAVES.len())].to_owned();
    }
    let inner = grammar(rng, depth - 1);
    match rng.below(12) {
        0 => format!("{inner}.b"),
        1 => format!("{inner}[{}]", rng.below(3) as i64 - 1),
        2 => format!("{inner}[]"),
        3 => format!("{inner}[*].a"),
        4 => format!("{inner}[?{} == `1`]", grammar(rng, depth - 1)),
        5 => format!("length({inner})"),
        6 => format!("contains({inner}, 'x')"),
        7 => format!("{inner} == {}", grammar(rng, depth - 1)),
        8 => format!("!{inner}"),
        9 => format!("({inner})"),
        10 => format!("{inner} && {}", grammar(rng, depth - 1)),
        _ => format!("{inner} | {}", grammar(rng, depth - 1)),
    }
}

#[test]
fn random_expressions_never_panic() {
    let cases = crate::case_count(2_000);
    let start = crate::first_seed(7);
    let mut parsed = 0;
    for seed in start..start + cases as u64 {
        let mut rng = XorShift::new(seed);
        let text = expression(&mut rng);
        let data = random_json::value(&mut rng, 3);
        let outcome = catch_unwind(AssertUnwindSafe(|| match jmespath::parse(&text) {
            Ok(expr) => {
                let _ = expr.evaluate(&data);
                true
            }
            Err(err) => {
                // Errors point inside the text (or just past its end).
                assert!(err.position() <= text.len(), "{err} for {text:?}");
                false
            }
        }));
        match outcome {
            Ok(true) => parsed += 1,
            Ok(false) => {}
            Err(_) => panic!("seed {seed}: the parser or evaluator panicked on {text:?}"),
        }
    }
    // The generator must reach the evaluator, not only the parse errors.
    assert!(
        parsed > cases / 4,
        "only {parsed} of {cases} expressions parsed"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for text in [
        "(".repeat(100_000),
        "!".repeat(100_000) + "a",
        "a".to_owned() + &".a".repeat(100_000),
        "[".repeat(100_000),
    ] {
        let _ = jmespath::parse(&text);
    }
}
