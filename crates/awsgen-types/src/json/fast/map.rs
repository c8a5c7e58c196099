//! Dense maps with string keys.

use std::collections::BTreeMap;

use super::{FastRead, Reader, Unsupported};

/// Read as serde reads a `BTreeMap<String, V>`: a repeated key keeps its
/// last value (both insert in order), and a `null` value is not a `V`, so
/// the reader gives up on it as serde refuses it. Sparse maps, which keep
/// nulls, are not read here.
impl<V: FastRead> FastRead for BTreeMap<String, V> {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let mut entries = BTreeMap::new();
        reader.object(|reader, key| {
            entries.insert(key.to_owned(), V::fast_read(reader)?);
            Ok(())
        })?;
        Ok(entries)
    }
}
