//! The `waiters` module: one marker type per `smithy.waiters#waitable`
//! waiter, implementing `awsgen_types::Waiter` with the model's definition.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::common::{deprecated_attr, doc_attrs, ident};
use crate::ir::{
    AcceptorIr, AcceptorState, Comparator, CrateIr, MatcherIr, PathMatcherIr, WaiterIr,
};

pub fn emit_waiter(ir: &CrateIr, waiter: &WaiterIr) -> TokenStream {
    let Some(op) = ir.operations.get(waiter.operation) else {
        return TokenStream::new();
    };
    let marker = ident(&waiter.rust_name);
    let op_marker = ident(&op.rust_name);
    let name = &waiter.name;
    let op_name = &op.name;
    let (min, max) = (waiter.min_delay_secs, waiter.max_delay_secs);
    let (min_lit, max_lit) = (Literal::u64_unsuffixed(min), Literal::u64_unsuffixed(max));
    let mut lines = waiter.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Polls [`{op_name}`](super::{}) every {min} to {max} seconds (exponential backoff with jitter) until an acceptor decides:",
        op.rust_name
    ));
    lines.push(String::new());
    lines.extend(waiter.acceptors.iter().map(describe));
    lines.push(
        "- otherwise an error ends the wait as a failure, and a successful response polls again."
            .to_owned(),
    );
    let docs = doc_attrs(&lines);
    let deprecated = deprecated_attr(&waiter.deprecated);
    let acceptors = waiter.acceptors.iter().map(acceptor_tokens);
    quote! {
        #docs
        #deprecated
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::default::Default)]
        pub struct #marker;

        impl ::awsgen_types::Waiter for #marker {
            type Operation = super::#op_marker;
            const DEFINITION: &'static ::awsgen_types::WaiterDefinition =
                &::awsgen_types::WaiterDefinition::new(#name, #op_name, #min_lit, #max_lit, &[#(#acceptors),*]);
        }
    }
}

/// A Markdown bullet saying what the acceptor does.
fn describe(acceptor: &AcceptorIr) -> String {
    let state = match acceptor.state {
        AcceptorState::Success => "success",
        AcceptorState::Failure => "failure",
        AcceptorState::Retry => "poll again",
    };
    let when = match &acceptor.matcher {
        MatcherIr::Output(m) => format!("the output's {}", describe_path(m)),
        MatcherIr::InputOutput(m) => format!("the input and output's {}", describe_path(m)),
        MatcherIr::Success(true) => "the call succeeds".to_owned(),
        MatcherIr::Success(false) => "the call fails".to_owned(),
        MatcherIr::ErrorType(code) => format!("the call fails with `{code}`"),
    };
    format!("- {state} when {when};")
}

fn describe_path(m: &PathMatcherIr) -> String {
    let path = m.path.replace('`', "'");
    let expected = m.expected.replace('`', "'");
    match m.comparator {
        Comparator::BooleanEquals => format!("`{path}` is `{expected}`"),
        Comparator::AllStringEquals => format!("`{path}` are all `\"{expected}\"`"),
        Comparator::AnyStringEquals => format!("`{path}` include `\"{expected}\"`"),
        Comparator::StringEquals => format!("`{path}` is `\"{expected}\"`"),
    }
}

fn acceptor_tokens(acceptor: &AcceptorIr) -> TokenStream {
    let state = match acceptor.state {
        AcceptorState::Success => quote!(Success),
        AcceptorState::Failure => quote!(Failure),
        AcceptorState::Retry => quote!(Retry),
    };
    let matcher = match &acceptor.matcher {
        MatcherIr::Output(m) => {
            let m = path_matcher(m);
            quote!(Output(#m))
        }
        MatcherIr::InputOutput(m) => {
            let m = path_matcher(m);
            quote!(InputOutput(#m))
        }
        MatcherIr::Success(b) => quote!(Success(#b)),
        MatcherIr::ErrorType(code) => quote!(ErrorType(#code)),
    };
    quote! {
        ::awsgen_types::Acceptor {
            state: ::awsgen_types::AcceptorState::#state,
            matcher: ::awsgen_types::Matcher::#matcher,
        }
    }
}

fn path_matcher(m: &PathMatcherIr) -> TokenStream {
    let path = &m.json_path;
    let expected = &m.expected;
    let comparator = match m.comparator {
        Comparator::StringEquals => quote!(StringEquals),
        Comparator::BooleanEquals => quote!(BooleanEquals),
        Comparator::AllStringEquals => quote!(AllStringEquals),
        Comparator::AnyStringEquals => quote!(AnyStringEquals),
    };
    quote! {
        ::awsgen_types::PathMatcher {
            path: #path,
            expected: #expected,
            comparator: ::awsgen_types::Comparator::#comparator,
        }
    }
}
