//! Tests of the direct reader against serde_json. The types here mirror
//! what the generator emits (serde attributes and `FastRead` impls) for
//! each kind the reader handles; the tests are split by what they check.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::*;
use crate::serde_as::{zero_value, As, EpochSeconds, Float, OrZero, Same, ZeroValue};
use crate::{Blob, DateTime};

mod basics;
mod kinds;
mod mutation;

/// Shaped like a generated output: optional members only, a nested
/// structure, a string enum, a boolean and integers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Output {
    #[serde(rename = "registryId", default)]
    registry_id: Option<String>,
    #[serde(rename = "imageId", default)]
    image_id: Option<ImageId>,
    #[serde(rename = "status", default)]
    status: Option<Status>,
    #[serde(rename = "done", default)]
    done: Option<bool>,
    #[serde(rename = "count", default)]
    count: Option<i32>,
    #[serde(rename = "total", default)]
    total: Option<i64>,
    #[serde(rename = "tags", default)]
    tags: Option<Vec<String>>,
    #[serde(rename = "images", default)]
    images: Option<Vec<ImageId>>,
    #[serde(rename = "detail", default)]
    detail: Option<Detail>,
    #[serde(rename = "settings", default)]
    settings: Option<Settings>,
    #[serde(rename = "scores", default)]
    scores: Option<Scores>,
}

/// Required members (error-corrected to their zero value, and a structure
/// that has none), timestamps, blobs and maps, with the serde attributes the
/// generator writes for each.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Detail {
    #[serde(rename = "name", default = "zero_value", with = "As::<OrZero<Same>>")]
    name: String,
    #[serde(rename = "size", default = "zero_value", with = "As::<OrZero<Same>>")]
    size: i64,
    #[serde(rename = "ready", default = "zero_value", with = "As::<OrZero<Same>>")]
    ready: bool,
    #[serde(rename = "status", default = "zero_value", with = "As::<OrZero<Same>>")]
    status: Status,
    #[serde(rename = "id")]
    id: ImageId,
    #[serde(rename = "pushedAt", default)]
    pushed_at: Option<DateTime>,
    #[serde(
        rename = "seenAt",
        default = "zero_value",
        with = "As::<OrZero<EpochSeconds>>"
    )]
    seen_at: DateTime,
    #[serde(rename = "history", default)]
    history: Option<Vec<DateTime>>,
    #[serde(rename = "digest", default)]
    digest: Option<Blob>,
    #[serde(rename = "key", default = "zero_value", with = "As::<OrZero<Same>>")]
    key: Blob,
    #[serde(rename = "labels", default)]
    labels: Option<BTreeMap<String, String>>,
    #[serde(
        rename = "counts",
        default = "zero_value",
        with = "As::<OrZero<BTreeMap<String, Same>>>"
    )]
    counts: BTreeMap<String, i32>,
    #[serde(rename = "nested", default)]
    nested: Option<BTreeMap<String, Vec<ImageId>>>,
}

/// `@default` members of each kind with the serde attributes and default
/// functions the generator writes: a non-empty default through
/// `default_x` (missing) and `deserialize_x` (`null`), an empty one through
/// `OrZero`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Settings {
    #[serde(
        rename = "verbose",
        default = "Settings::default_verbose",
        deserialize_with = "Settings::deserialize_verbose"
    )]
    verbose: bool,
    #[serde(
        rename = "retries",
        default = "Settings::default_retries",
        deserialize_with = "Settings::deserialize_retries"
    )]
    retries: i32,
    #[serde(
        rename = "limit",
        default = "Settings::default_limit",
        deserialize_with = "Settings::deserialize_limit"
    )]
    limit: i64,
    #[serde(
        rename = "label",
        default = "Settings::default_label",
        deserialize_with = "Settings::deserialize_label"
    )]
    label: String,
    #[serde(
        rename = "mode",
        default = "Settings::default_mode",
        deserialize_with = "Settings::deserialize_mode"
    )]
    mode: Status,
    #[serde(
        rename = "names",
        default = "zero_value",
        with = "As::<OrZero<Vec<Same>>>"
    )]
    names: Vec<String>,
}

/// What the generator's `default_fn` emits for each non-empty default.
macro_rules! defaulted {
    ($($default:ident, $deserialize:ident: $ty:ty = $value:expr;)*) => {
        impl Settings {
            $(
                fn $default() -> $ty {
                    $value
                }

                fn $deserialize<'de, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<$ty, D::Error> {
                    let value: Option<$ty> = As::<Option<Same>>::deserialize(deserializer)?;
                    Ok(value.unwrap_or_else(Self::$default))
                }
            )*
        }
    };
}

defaulted! {
    default_verbose, deserialize_verbose: bool = true;
    default_retries, deserialize_retries: i32 = 3;
    default_limit, deserialize_limit: i64 = -100;
    default_label, deserialize_label: String = String::from("none");
    default_mode, deserialize_mode: Status = Status::InProgress;
}

/// Float members with the serde attributes the generator writes: optional,
/// required (error-corrected through `OrZero`), `@default` (through
/// `default_x` and `deserialize_x`), and in a dense list and map; all read
/// through the `Float` codec.
#[derive(Debug, Clone, Deserialize)]
struct Scores {
    #[serde(rename = "ratio", default, with = "As::<Option<Float>>")]
    ratio: Option<f64>,
    #[serde(
        rename = "weight",
        default = "zero_value",
        with = "As::<OrZero<Float>>"
    )]
    weight: f32,
    #[serde(
        rename = "base",
        default = "Scores::default_base",
        deserialize_with = "Scores::deserialize_base"
    )]
    base: f64,
    #[serde(rename = "samples", default, with = "As::<Option<Vec<Float>>>")]
    samples: Option<Vec<f64>>,
    #[serde(
        rename = "byName",
        default,
        with = "As::<Option<BTreeMap<String, Float>>>"
    )]
    by_name: Option<BTreeMap<String, f32>>,
}

impl Scores {
    fn default_base() -> f64 {
        7.5
    }

    fn deserialize_base<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<f64, D::Error> {
        let value: Option<f64> = As::<Option<Float>>::deserialize(deserializer)?;
        Ok(value.unwrap_or_else(Self::default_base))
    }
}

/// Equal when every float has the same bits' worth of meaning: `NaN` equals
/// `NaN` (the codec's one NaN) and `-0.0` differs from `0.0`, which `==` on
/// floats would get the other way round. `Debug` prints each float's
/// shortest exact form, so comparing it compares the values that way.
impl PartialEq for Scores {
    fn eq(&self, other: &Self) -> bool {
        format!("{self:?}") == format!("{other:?}")
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ImageId {
    #[serde(rename = "imageDigest", default)]
    digest: Option<String>,
    #[serde(rename = "imageTag", default)]
    tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    InProgress,
    Unknown(String),
}

impl From<&str> for Status {
    fn from(value: &str) -> Self {
        match value {
            "IN_PROGRESS" => Status::InProgress,
            other => Status::Unknown(other.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::string_enum::deserialize_string_enum(deserializer, "Status")
    }
}

impl ZeroValue for Status {
    fn zero_value() -> Self {
        Status::Unknown(String::new())
    }
}

// What the generator emits for the types above.
impl FastRead for Status {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        reader.string().map(Self::from)
    }
}

impl FastRead for ImageId {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut digest, mut tag) = (None, None);
        reader.object(|reader, key| match key {
            "imageDigest" => read_member(reader, &mut digest),
            "imageTag" => read_member(reader, &mut tag),
            _ => reader.skip(),
        })?;
        Ok(Self {
            digest: digest.flatten(),
            tag: tag.flatten(),
        })
    }
}

impl FastRead for Detail {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut name, mut size, mut ready, mut status, mut id) = (None, None, None, None, None);
        let (mut pushed_at, mut seen_at, mut history) = (None, None, None);
        let (mut digest, mut key, mut labels, mut counts, mut nested) =
            (None, None, None, None, None);
        reader.object(|reader, member| match member {
            "name" => read_member(reader, &mut name),
            "size" => read_member(reader, &mut size),
            "ready" => read_member(reader, &mut ready),
            "status" => read_member(reader, &mut status),
            "id" => read_member(reader, &mut id),
            "pushedAt" => read_member(reader, &mut pushed_at),
            "seenAt" => read_member(reader, &mut seen_at),
            "history" => read_member(reader, &mut history),
            "digest" => read_member(reader, &mut digest),
            "key" => read_member(reader, &mut key),
            "labels" => read_member(reader, &mut labels),
            "counts" => read_member(reader, &mut counts),
            "nested" => read_member(reader, &mut nested),
            _ => reader.skip(),
        })?;
        Ok(Self {
            name: or_zero(name),
            size: or_zero(size),
            ready: or_zero(ready),
            status: or_zero(status),
            id: required(id)?,
            pushed_at: pushed_at.flatten(),
            seen_at: or_zero(seen_at),
            history: history.flatten(),
            digest: digest.flatten(),
            key: or_zero(key),
            labels: labels.flatten(),
            counts: or_zero(counts),
            nested: nested.flatten(),
        })
    }
}

impl FastRead for Settings {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut verbose, mut retries, mut limit) = (None, None, None);
        let (mut label, mut mode, mut names) = (None, None, None);
        reader.object(|reader, key| match key {
            "verbose" => read_member(reader, &mut verbose),
            "retries" => read_member(reader, &mut retries),
            "limit" => read_member(reader, &mut limit),
            "label" => read_member(reader, &mut label),
            "mode" => read_member(reader, &mut mode),
            "names" => read_member(reader, &mut names),
            _ => reader.skip(),
        })?;
        Ok(Self {
            verbose: or_default(verbose, Self::default_verbose),
            retries: or_default(retries, Self::default_retries),
            limit: or_default(limit, Self::default_limit),
            label: or_default(label, Self::default_label),
            mode: or_default(mode, Self::default_mode),
            names: or_zero(names),
        })
    }
}

impl FastRead for Scores {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut ratio, mut weight, mut base) = (None, None, None);
        let (mut samples, mut by_name) = (None, None);
        reader.object(|reader, key| match key {
            "ratio" => read_member(reader, &mut ratio),
            "weight" => read_member(reader, &mut weight),
            "base" => read_member(reader, &mut base),
            "samples" => read_member(reader, &mut samples),
            "byName" => read_member(reader, &mut by_name),
            _ => reader.skip(),
        })?;
        Ok(Self {
            ratio: ratio.flatten(),
            weight: or_zero(weight),
            base: or_default(base, Self::default_base),
            samples: samples.flatten(),
            by_name: by_name.flatten(),
        })
    }
}

impl FastRead for Output {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let (mut registry_id, mut image_id, mut status) = (None, None, None);
        let (mut done, mut count, mut total) = (None, None, None);
        let (mut tags, mut images, mut detail, mut settings) = (None, None, None, None);
        let mut scores = None;
        reader.object(|reader, key| match key {
            "detail" => read_member(reader, &mut detail),
            "settings" => read_member(reader, &mut settings),
            "scores" => read_member(reader, &mut scores),
            "tags" => read_member(reader, &mut tags),
            "images" => read_member(reader, &mut images),
            "registryId" => read_member(reader, &mut registry_id),
            "imageId" => read_member(reader, &mut image_id),
            "status" => read_member(reader, &mut status),
            "done" => read_member(reader, &mut done),
            "count" => read_member(reader, &mut count),
            "total" => read_member(reader, &mut total),
            _ => reader.skip(),
        })?;
        Ok(Self {
            registry_id: registry_id.flatten(),
            image_id: image_id.flatten(),
            status: status.flatten(),
            done: done.flatten(),
            count: count.flatten(),
            total: total.flatten(),
            tags: tags.flatten(),
            images: images.flatten(),
            detail: detail.flatten(),
            settings: settings.flatten(),
            scores: scores.flatten(),
        })
    }
}

/// The fast reader alone: `Some` when it read the whole text.
fn fast(text: &str) -> Option<Output> {
    let mut reader = Reader::new(text);
    let value = Output::fast_read(&mut reader).ok()?;
    reader.at_end().then_some(value)
}

fn serde(text: &[u8]) -> Result<Output, serde_json::Error> {
    crate::json::from_slice(text)
}

const TYPICAL: &str = r#"{"registryId":"123456789012","imageId":{"imageDigest":"sha256:4ae3","imageTag":"v1"},"status":"IN_PROGRESS","done":false,"count":-7,"total":9007199254740993,"tags":["a","b"],"images":[{"imageTag":"v1"},{}]}"#;

const DETAILED: &str = r#"{"registryId":"r","detail":{"name":"n","size":5,"ready":true,"status":"IN_PROGRESS","id":{"imageTag":"v1"},"pushedAt":1.602267744E9,"seenAt":1515531081.123,"history":[0,-1.5,946845296],"digest":"YmluYXJ5LXZhbHVl","key":"+/8=","labels":{"a":"x","b":"y"},"counts":{"HIGH":3,"LOW":0},"nested":{"k":[{"imageDigest":"d"}]}}}"#;
