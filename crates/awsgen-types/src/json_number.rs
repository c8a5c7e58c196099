//! Reading a JSON number inside a hand-written visitor.

use serde::de::value::MapAccessDeserializer;
use serde::de::MapAccess;
use serde::Deserialize;

/// Reads the number that serde_json hands a visitor as a one-entry map when its
/// `arbitrary_precision` feature is on (another crate in a build may enable it).
///
/// Without that feature, a real JSON object arrives here and this returns the
/// ordinary "invalid type: map" error.
pub(crate) fn number_from_map<'de, A: MapAccess<'de>>(
    map: A,
) -> Result<serde_json::Number, A::Error> {
    serde_json::Number::deserialize(MapAccessDeserializer::new(map))
}
