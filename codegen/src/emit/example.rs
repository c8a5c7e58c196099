//! Doc examples: the lines an input type's docs and the client's docs end
//! with. Each example is a small Rust file built as tokens and printed by
//! prettyplease, like any generated code, then put in a fenced block.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::common::ident;
use crate::emit::EmitError;
use crate::ir::{
    ClientExample, ClientMethodKind, CrateIr, ExampleValue, ExamplesIr, RequestExample,
};

/// The lines of a request type's example (a section to append to its docs).
pub fn request_docs(
    examples: &ExamplesIr,
    example: &RequestExample,
) -> Result<Vec<String>, EmitError> {
    let krate = ident(&examples.crate_name);
    let uses = example.uses.iter().map(|name| ident(name));
    let request = request_expr(example);
    let text = format_file(
        quote! {
            use #krate::{#(#uses),*};

            fn main() {
                let request = #request;
            }
        },
        &example.type_name,
    )?;
    let mut lines = vec![
        "# Example".to_owned(),
        String::new(),
        "Required members are the constructor's arguments; the others have `with_` setters."
            .to_owned(),
        String::new(),
        "```".to_owned(),
    ];
    lines.extend(text.lines().map(str::to_owned));
    lines.push("```".to_owned());
    Ok(lines)
}

/// The lines of the client's example: send a request, match a modeled
/// error. Empty when the crate has no example for the client.
pub fn client_docs(ir: &CrateIr) -> Result<Vec<String>, EmitError> {
    let Some(examples) = &ir.examples else {
        return Ok(Vec::new());
    };
    let Some(ClientExample { operation, variant }) = examples.client else {
        return Ok(Vec::new());
    };
    let Some(op) = ir.operations.get(operation) else {
        return Ok(Vec::new());
    };
    let Some(request) = examples.requests.get(&op.input.rust_name) else {
        return Ok(Vec::new());
    };
    let Some(method) = ir.client.methods.iter().find_map(|m| match m.kind {
        ClientMethodKind::Call(i) if i == operation => Some(ident(&m.name)),
        _ => None,
    }) else {
        return Ok(Vec::new());
    };
    let krate = ident(&examples.crate_name);
    let client = ident(&ir.client.rust_name);
    let error_enum = ident(&op.error.rust_name);
    let mut uses: Vec<String> = request.uses.clone();
    uses.push(ir.client.rust_name.clone());
    let variant = variant.and_then(|v| op.error.variants.get(v));
    if variant.is_some() {
        uses.push(op.error.rust_name.clone());
    }
    uses.sort();
    uses.dedup();
    let uses = uses.iter().map(|name| ident(name));
    let request = request_expr(request);
    let handle = match variant {
        Some(variant) => {
            let name = ident(&variant.rust_name);
            let shown = format!("{}: {{error}}", variant.code);
            quote! {
                Err(error) => match error.as_service() {
                    Some(#error_enum::#name(error)) => eprintln!(#shown),
                    _ => return Err(error.into()),
                },
            }
        }
        None => quote!(Err(error) => return Err(error.into()),),
    };
    let text = format_file(
        quote! {
            use #krate::{#(#uses),*};

            async fn example(client: &#client) -> Result<(), Box<dyn std::error::Error>> {
                let request = #request;
                match client.#method(request).await {
                    Ok(output) => println!("{output:?}"),
                    #handle
                }
                Ok(())
            }
        },
        &ir.client.rust_name,
    )?;
    let what = match variant {
        Some(variant) => format!(
            "Send `{}` and match its modeled error `{}`; every other failure (another service error, the network, the configuration) goes to the caller:",
            op.name, variant.code
        ),
        None => format!("Send `{}`:", op.name),
    };
    let mut lines = vec![
        "# Example".to_owned(),
        String::new(),
        format!(
            "A client reads credentials, region and endpoint settings as the AWS SDKs do (`{}::from_env()?`). {what}",
            ir.client.rust_name
        ),
        String::new(),
        "```no_run".to_owned(),
    ];
    lines.extend(text.lines().map(str::to_owned));
    lines.push("```".to_owned());
    Ok(lines)
}

fn request_expr(example: &RequestExample) -> TokenStream {
    let ty = ident(&example.type_name);
    let args = example.args.iter().map(value);
    let setter = example.setter.as_ref().map(|(name, v)| {
        let name = ident(name);
        let v = value(v);
        quote!(.#name(#v))
    });
    quote!(#ty::new(#(#args),*) #setter)
}

/// A value as a reader would write it: prelude names, `awsgen_types` paths.
fn value(value: &ExampleValue) -> TokenStream {
    match value {
        ExampleValue::Str(text) => quote!(#text),
        ExampleValue::String(text) => quote!(String::from(#text)),
        ExampleValue::Bool(b) => quote!(#b),
        ExampleValue::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        ExampleValue::Float => {
            let lit = Literal::f64_unsuffixed(1.5);
            quote!(#lit)
        }
        ExampleValue::Blob => quote!(awsgen_types::Blob::new("bytes")),
        ExampleValue::ByteStream => quote!(awsgen_types::ByteStream::from("bytes")),
        ExampleValue::DateTime => {
            let secs = Literal::i64_unsuffixed(1_700_000_000);
            quote!(awsgen_types::DateTime::from_secs(#secs))
        }
        ExampleValue::Document => quote!(awsgen_types::Document::Null),
        ExampleValue::BigInteger => quote!(awsgen_types::BigInteger::new("1").expect("a number")),
        ExampleValue::BigDecimal => {
            quote!(awsgen_types::BigDecimal::new("1.5").expect("a number"))
        }
        ExampleValue::EmptyList => quote!(Vec::new()),
        ExampleValue::EmptyMap => quote!(std::collections::BTreeMap::new()),
        ExampleValue::New { type_name, args } => {
            let ty = ident(type_name);
            let args = args.iter().map(self::value);
            quote!(#ty::new(#(#args),*))
        }
        ExampleValue::Variant { type_name, variant } => {
            let (ty, variant) = (ident(type_name), ident(variant));
            quote!(#ty::#variant)
        }
        ExampleValue::Wrapped {
            type_name,
            variant,
            value,
            boxed,
        } => {
            let (ty, variant) = (ident(type_name), ident(variant));
            let value = self::value(value);
            if *boxed {
                quote!(#ty::#variant(Box::new(#value)))
            } else {
                quote!(#ty::#variant(#value))
            }
        }
    }
}

fn format_file(tokens: TokenStream, what: &str) -> Result<String, EmitError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|source| EmitError {
        file: format!("the doc example of {what}"),
        source,
    })?;
    Ok(prettyplease::unparse(&file))
}
