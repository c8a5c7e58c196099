//! Enum, intEnum and union emission.

use expect_test::expect;

use crate::{file, generate_files, items, model_about_subject};

fn types_rs(shapes: &str) -> String {
    let files = generate_files(&model_about_subject(shapes));
    file(&files, "src/types.rs").to_owned()
}

#[test]
fn open_string_enum() {
    let types = types_rs(
        r#""ex#Subject": {"type": "enum", "members": {
            "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}},
            "DARK_BLUE": {"target": "smithy.api#Unit", "traits": {"smithy.api#documentation": "<p>Night sky.</p>"}}
        }}"#,
    );
    let actual = items(
        &types,
        &[
            "pub enum Subject ",
            "impl ::std::convert::From<&str> for Subject ",
        ],
    );
    expect![[r##"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord,
            ::std::fmt::Debug
        )]
        #[non_exhaustive]
        pub enum Subject {
            /// Wire value: `red`.
            Red,
            /// Night sky.
            ///
            /// Wire value: `DARK_BLUE`.
            DarkBlue,
            /// A value this version of the crate does not know. Build values with
            /// `From<&str>`, which maps known values to their variants.
            Unknown(::std::string::String),
        }
        impl ::std::convert::From<&str> for Subject {
            fn from(value: &str) -> Self {
                match value {
                    "red" => Self::Red,
                    "DARK_BLUE" => Self::DarkBlue,
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
    "##]]
    .assert_eq(&actual);
}

#[test]
fn open_int_enum() {
    let types = types_rs(
        r#""ex#Subject": {"type": "intEnum", "members": {
            "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10}}
        }}"#,
    );
    let actual = items(
        &types,
        &[
            "pub enum Subject ",
            "impl ::std::convert::From<i32> for Subject ",
        ],
    );
    expect![[r#"
        #[derive(
            ::std::clone::Clone,
            ::std::marker::Copy,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord,
            ::std::fmt::Debug
        )]
        #[non_exhaustive]
        pub enum Subject {
            /// Wire value: `1`.
            Low,
            /// Wire value: `10`.
            High,
            /// A value this version of the crate does not know.
            Unknown(i32),
        }
        impl ::std::convert::From<i32> for Subject {
            fn from(value: i32) -> Self {
                match value {
                    1i32 => Self::Low,
                    10i32 => Self::High,
                    other => Self::Unknown(other),
                }
            }
        }
    "#]]
    .assert_eq(&actual);
}

#[test]
fn union_with_unit_recursive_and_timestamp_members() {
    let types = types_rs(
        r#""ex#Subject": {"type": "union", "members": {
            "name": {"target": "smithy.api#String"},
            "none": {"target": "smithy.api#Unit"},
            "again": {"target": "ex#Subject"},
            "at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}}
        }}"#,
    );
    let actual = items(
        &types,
        &[
            "pub enum Subject ",
            "impl<'de> ::serde::Deserialize<'de> for Subject ",
        ],
    );
    expect![[r##"
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum Subject {
            Name(::std::string::String),
            None,
            Again(::std::boxed::Box<super::Subject>),
            At(::awsgen_types::DateTime),
            /// A member this version of the crate does not know, by its wire name.
            /// It cannot be sent.
            Unknown(::std::string::String),
        }
        impl<'de> ::serde::Deserialize<'de> for Subject {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let (member, value) = ::awsgen_types::union::single_member(
                    deserializer,
                    "Subject",
                )?;
                ::std::result::Result::Ok(
                    match member.as_str() {
                        "name" => {
                            let value = ::awsgen_types::serde_as::deserialize_value_as::<
                                ::awsgen_types::serde_as::Same,
                                ::std::string::String,
                            >(value)
                                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                            Self::Name(value)
                        }
                        "none" => {
                            ::awsgen_types::serde_as::deserialize_value_as::<
                                ::awsgen_types::serde_as::Same,
                                ::awsgen_types::serde_as::EmptyObject,
                            >(value)
                                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                            Self::None
                        }
                        "again" => {
                            let value = ::awsgen_types::serde_as::deserialize_value_as::<
                                ::awsgen_types::serde_as::Same,
                                super::Subject,
                            >(value)
                                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                            Self::Again(::std::boxed::Box::new(value))
                        }
                        "at" => {
                            let value = ::awsgen_types::serde_as::deserialize_value_as::<
                                ::awsgen_types::serde_as::DateTimeString,
                                ::awsgen_types::DateTime,
                            >(value)
                                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                            Self::At(value)
                        }
                        _ => Self::Unknown(member),
                    },
                )
            }
        }
    "##]]
    .assert_eq(&actual);
}

/// Smithy allows an enum member named `UNKNOWN` (AWS Glue's
/// `CsvHeaderOption` has one); it must not clash with the catch-all variant.
#[test]
fn enum_member_named_unknown_does_not_clash_with_the_catch_all() {
    let types = types_rs(
        r#""ex#Subject": {"type": "enum", "members": {
            "PRESENT": {"target": "smithy.api#Unit"},
            "UNKNOWN": {"target": "smithy.api#Unit"}
        }}"#,
    );
    let actual = items(&types, &["pub enum Subject "]);
    expect![[r#"
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord,
            ::std::fmt::Debug
        )]
        #[non_exhaustive]
        pub enum Subject {
            /// Wire value: `PRESENT`.
            Present,
            /// Wire value: `UNKNOWN`.
            Unknown,
            /// A value this version of the crate does not know. Build values with
            /// `From<&str>`, which maps known values to their variants.
            UnknownValue(::std::string::String),
        }
    "#]]
    .assert_eq(&actual);
}

/// The same for a union member named `unknown`.
#[test]
fn union_member_named_unknown_does_not_clash_with_the_catch_all() {
    let types = types_rs(
        r#""ex#Subject": {"type": "union", "members": {
            "known": {"target": "smithy.api#String"},
            "unknown": {"target": "smithy.api#String"}
        }}"#,
    );
    let actual = items(&types, &["pub enum Subject "]);
    expect![[r#"
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum Subject {
            Known(::std::string::String),
            Unknown(::std::string::String),
            /// A member this version of the crate does not know, by its wire name.
            /// It cannot be sent.
            UnknownValue(::std::string::String),
        }
    "#]]
    .assert_eq(&actual);
}
