//! `amz-sdk-invocation-id`: a random UUID v4, one per call, the same on every retry.

/// A random version-4 UUID in its hyphenated lowercase form.
///
/// Kept as text on the stack: each attempt makes its own header value from
/// it, which costs one allocation, where cloning a shared value into every
/// attempt's header map would cost two on the first attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InvocationId([u8; 36]);

impl InvocationId {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    #[cfg(test)]
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// A fresh random [`InvocationId`].
pub(crate) fn invocation_id() -> InvocationId {
    let mut bytes = [0u8; 16];
    fastrand::fill(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant

    // Written digit by digit: this runs once per call, and a `format!` per
    // byte showed up in the loopback throughput profile.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = [b'-'; 36];
    let mut at = 0;
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at += 1; // the hyphen already there
        }
        if let Some([high, low]) = id.get_mut(at..at + 2) {
            *high = HEX[usize::from(byte >> 4)];
            *low = HEX[usize::from(byte & 0x0f)];
        }
        at += 2;
    }
    InvocationId(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_a_version_4_uuid_and_differs_per_call() {
        let id = invocation_id();
        let id = id.as_str();
        let groups: Vec<&str> = id.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12],
            "{id}"
        );
        assert!(id
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(groups[2].starts_with('4'), "{id}");
        assert!(
            matches!(groups[3].chars().next(), Some('8' | '9' | 'a' | 'b')),
            "{id}"
        );
        assert_ne!(invocation_id().as_str(), id);
    }
}
