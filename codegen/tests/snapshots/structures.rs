//! Structure emission: presence, value types, serde codecs, boxing, names.

use expect_test::expect;

use crate::{file, generate_files, items, model_about_subject};

fn subject_struct(shapes: &str) -> String {
    let files = generate_files(&model_about_subject(shapes));
    items(file(&files, "src/types.rs"), &["pub struct Subject "])
}

#[test]
fn required_optional_and_default_members() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "note": {"target": "smithy.api#String"},
            "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 3}},
            "lenient": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#clientOptional": {}}}
        }}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            /// Required.
            #[serde(
                rename = "id",
                default = "::awsgen_types::serde_as::zero_value",
                with = ":: awsgen_types :: serde_as :: As :: < :: awsgen_types :: serde_as :: OrZero < :: awsgen_types :: serde_as :: Same > >"
            )]
            pub id: ::std::string::String,
            #[serde(
                rename = "note",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub note: ::std::option::Option<::std::string::String>,
            /// Default: `3`.
            #[serde(
                rename = "count",
                default = "Subject::default_count",
                deserialize_with = "Subject::deserialize_count",
                serialize_with = ":: awsgen_types :: serde_as :: As :: < :: awsgen_types :: serde_as :: Same >::serialize"
            )]
            pub count: i32,
            /// Required by the service, but optional here (`@clientOptional`).
            #[serde(
                rename = "lenient",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub lenient: ::std::option::Option<::std::string::String>,
        }
    "##]].assert_eq(&actual);
}

#[test]
fn document_blob_and_big_decimal_members() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "doc": {"target": "smithy.api#Document"},
            "bytes": {"target": "smithy.api#Blob"},
            "amount": {"target": "smithy.api#BigDecimal"}
        }}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "doc",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub doc: ::std::option::Option<::awsgen_types::Document>,
            #[serde(
                rename = "bytes",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub bytes: ::std::option::Option<::awsgen_types::Blob>,
            #[serde(
                rename = "amount",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub amount: ::std::option::Option<::awsgen_types::BigDecimal>,
        }
    "##]]
    .assert_eq(&actual);
}

#[test]
fn each_timestamp_format() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "plain": {"target": "smithy.api#Timestamp"},
            "epoch": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "epoch-seconds"}},
            "iso": {"target": "ex#IsoTime"},
            "http": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "http-date"}}
        }},
        "ex#IsoTime": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "plain",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub plain: ::std::option::Option<::awsgen_types::DateTime>,
            #[serde(
                rename = "epoch",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub epoch: ::std::option::Option<::awsgen_types::DateTime>,
            #[serde(
                rename = "iso",
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                with = ":: awsgen_types :: serde_as :: As :: < :: std :: option :: Option < :: awsgen_types :: serde_as :: DateTimeString > >"
            )]
            pub iso: ::std::option::Option<::awsgen_types::DateTime>,
            #[serde(
                rename = "http",
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                with = ":: awsgen_types :: serde_as :: As :: < :: std :: option :: Option < :: awsgen_types :: serde_as :: HttpDate > >"
            )]
            pub http: ::std::option::Option<::awsgen_types::DateTime>,
        }
    "##]].assert_eq(&actual);
}

#[test]
fn sparse_list_and_map_members() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "names": {"target": "ex#SparseNames"},
            "counts": {"target": "ex#SparseCounts"},
            "floats": {"target": "ex#Floats"}
        }},
        "ex#SparseNames": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
        "ex#SparseCounts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}, "traits": {"smithy.api#sparse": {}}},
        "ex#Floats": {"type": "list", "member": {"target": "smithy.api#Double"}}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "names",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub names: ::std::option::Option<
                ::std::vec::Vec<::std::option::Option<::std::string::String>>,
            >,
            #[serde(
                rename = "counts",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub counts: ::std::option::Option<
                ::std::collections::BTreeMap<::std::string::String, ::std::option::Option<i32>>,
            >,
            #[serde(
                rename = "floats",
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                with = ":: awsgen_types :: serde_as :: As :: < :: std :: option :: Option < :: std :: vec :: Vec < :: awsgen_types :: serde_as :: Float > > >"
            )]
            pub floats: ::std::option::Option<::std::vec::Vec<f64>>,
        }
    "##]].assert_eq(&actual);
}

#[test]
fn recursive_members_are_boxed_and_list_recursion_is_not() {
    let files = generate_files(&model_about_subject(
        r#""ex#Subject": {"type": "structure", "members": {
            "name": {"target": "smithy.api#String"},
            "next": {"target": "ex#Link"},
            "children": {"target": "ex#Subjects"}
        }},
        "ex#Link": {"type": "structure", "members": {"back": {"target": "ex#Subject"}}},
        "ex#Subjects": {"type": "list", "member": {"target": "ex#Subject"}}"#,
    ));
    let actual = items(
        file(&files, "src/types.rs"),
        &["pub struct Subject ", "pub struct Link "],
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Link {
            #[serde(
                rename = "back",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub back: ::std::option::Option<::std::boxed::Box<super::Subject>>,
        }
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "name",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub name: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "next",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub next: ::std::option::Option<::std::boxed::Box<super::Link>>,
            #[serde(
                rename = "children",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub children: ::std::option::Option<::std::vec::Vec<super::Subject>>,
        }
    "##]]
    .assert_eq(&actual);
}

#[test]
fn keyword_member_names() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "type": {"target": "smithy.api#String"},
            "self": {"target": "smithy.api#String"},
            "crate": {"target": "smithy.api#String"},
            "loop": {"target": "smithy.api#Boolean"}
        }}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "type",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub r#type: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "self",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub self_: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "crate",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub crate_: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "loop",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub r#loop: ::std::option::Option<bool>,
        }
    "##]]
    .assert_eq(&actual);
}

#[test]
fn sensitive_members_get_a_redacting_debug() {
    let files = generate_files(&model_about_subject(
        r#""ex#Subject": {"type": "structure", "members": {
            "user": {"target": "smithy.api#String"},
            "password": {"target": "ex#Password"}
        }},
        "ex#Password": {"type": "string", "traits": {"smithy.api#sensitive": {}}}"#,
    ));
    let actual = items(
        file(&files, "src/types.rs"),
        &["impl ::std::fmt::Debug for Subject "],
    );
    expect![[r#"
        impl ::std::fmt::Debug for Subject {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Subject")
                    .field("user", &self.user)
                    .field("password", &::awsgen_types::REDACTED)
                    .finish()
            }
        }
    "#]]
    .assert_eq(&actual);
}

/// A model's own `string` and the prelude's `String` differ only in case,
/// but neither becomes a Rust item (both are `String` fields), so there is
/// nothing to collide.
#[test]
fn model_simple_shape_named_like_a_prelude_shape() {
    let actual = subject_struct(
        r#""ex#Subject": {"type": "structure", "members": {
            "own": {"target": "ex#string"},
            "prelude": {"target": "smithy.api#String"}
        }},
        "ex#string": {"type": "string"}"#,
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Subject {
            #[serde(
                rename = "own",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub own: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "prelude",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub prelude: ::std::option::Option<::std::string::String>,
        }
    "##]]
    .assert_eq(&actual);
}
