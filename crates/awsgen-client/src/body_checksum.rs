//! Body checksum headers a service customization requires
//! ([`awsgen_types::BodyChecksum`]): computed here because the client has
//! the hash functions (ring, already built for TLS and SigV4) and the
//! generated types crate has none.

use awsgen_types::BodyChecksum;
use http::{HeaderName, HeaderValue};
use ring::digest::{digest, Context, Digest, SHA256};

const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");
const X_AMZ_SHA256_TREE_HASH: HeaderName = HeaderName::from_static("x-amz-sha256-tree-hash");

/// Glacier hashes the body in chunks of 1 MiB.
const TREE_HASH_CHUNK: usize = 1024 * 1024;

/// Adds the headers `checksum` asks for, of `body` as sent; a header the
/// operation already set (an input member bound to it) is left as it is.
pub(crate) fn add(
    checksum: BodyChecksum,
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    body: &[u8],
) {
    match checksum {
        BodyChecksum::GlacierTreeHash => {
            add_if_absent(headers, X_AMZ_CONTENT_SHA256, || digest(&SHA256, body));
            add_if_absent(headers, X_AMZ_SHA256_TREE_HASH, || tree_hash(body));
        }
    }
}

fn add_if_absent(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    name: HeaderName,
    hash: impl FnOnce() -> Digest,
) {
    if headers.iter().any(|(existing, _)| *existing == name) {
        return;
    }
    // Hex digits are always a valid header value.
    if let Ok(value) = HeaderValue::from_str(&hex(hash().as_ref())) {
        headers.push((name, value));
    }
}

/// The SHA-256 tree hash: each 1 MiB chunk hashed, then neighbouring hashes
/// hashed together level by level (an odd one out moves up as it is) until
/// one is left. An empty body is the hash of nothing.
fn tree_hash(body: &[u8]) -> Digest {
    let mut level: Vec<Digest> = body
        .chunks(TREE_HASH_CHUNK)
        .map(|chunk| digest(&SHA256, chunk))
        .collect();
    while level.len() > 1 {
        let mut next = Vec::with_capacity(level.len().div_ceil(2));
        let mut hashes = level.into_iter();
        while let Some(left) = hashes.next() {
            next.push(match hashes.next() {
                Some(right) => {
                    let mut both = Context::new(&SHA256);
                    both.update(left.as_ref());
                    both.update(right.as_ref());
                    both.finish()
                }
                None => left,
            });
        }
        level = next;
    }
    level.pop().unwrap_or_else(|| digest(&SHA256, b""))
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256_hex(parts: &[&[u8]]) -> String {
        let mut context = Context::new(&SHA256);
        for part in parts {
            context.update(part);
        }
        hex(context.finish().as_ref())
    }

    fn headers_for(body: &[u8]) -> Vec<(HeaderName, HeaderValue)> {
        let mut headers = Vec::new();
        add(BodyChecksum::GlacierTreeHash, &mut headers, body);
        headers
    }

    #[test]
    fn one_chunk_hashes_the_same_both_ways() {
        // The protocol tests' `hello world`.
        let headers = headers_for(b"hello world");
        let expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(headers.len(), 2);
        assert_eq!(headers[0].0, "x-amz-content-sha256");
        assert_eq!(headers[0].1, expected);
        assert_eq!(headers[1].0, "x-amz-sha256-tree-hash");
        assert_eq!(headers[1].1, expected);
        let empty = headers_for(b"");
        assert_eq!(empty[1].1, sha256_hex(&[b""]));
    }

    #[test]
    fn chunks_pair_up_level_by_level_and_an_odd_one_moves_up() {
        // Three chunks: a, b, c (the last one short).
        let mut body = vec![b'a'; TREE_HASH_CHUNK];
        body.extend(vec![b'b'; TREE_HASH_CHUNK]);
        body.extend(b"c");
        let leaf = |byte: u8, len: usize| digest(&SHA256, &vec![byte; len]);
        let (a, b, c) = (
            leaf(b'a', TREE_HASH_CHUNK),
            leaf(b'b', TREE_HASH_CHUNK),
            leaf(b'c', 1),
        );
        let ab = digest(&SHA256, &[a.as_ref(), b.as_ref()].concat());
        let root = sha256_hex(&[ab.as_ref(), c.as_ref()]);
        assert_eq!(hex(tree_hash(&body).as_ref()), root);
        assert_eq!(headers_for(&body)[0].1, sha256_hex(&[&body]));
        // Exactly two chunks: one level.
        let two = &body[..2 * TREE_HASH_CHUNK];
        assert_eq!(hex(tree_hash(two).as_ref()), hex(ab.as_ref()));
    }

    #[test]
    fn a_header_the_input_set_is_kept() {
        let mut headers = vec![(
            X_AMZ_SHA256_TREE_HASH,
            HeaderValue::from_static("from-the-caller"),
        )];
        add(BodyChecksum::GlacierTreeHash, &mut headers, b"x");
        assert_eq!(headers.len(), 2);
        assert_eq!(headers[0].1, "from-the-caller");
        assert_eq!(headers[1].0, "x-amz-content-sha256");
    }
}
