//! Steps 2 to 4 of SigV4: the string to sign, the derived signing key and the
//! signature. HMAC-SHA256 and SHA-256 come from `ring`, which rustls already
//! builds for the transport.

use ring::{digest, hmac};

use crate::hex::HexDigest;

/// The algorithm name that opens the string to sign and the `Authorization` value.
pub(crate) const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `YYYYMMDD/region/service/aws4_request`.
pub(crate) fn credential_scope(date: &str, region: &str, service: &str) -> String {
    let mut scope = String::with_capacity(date.len() + region.len() + service.len() + 15);
    for part in [date, "/", region, "/", service, "/aws4_request"] {
        scope.push_str(part);
    }
    scope
}

/// `ALGORITHM \n X-Amz-Date \n scope \n hex(sha256(canonical request))`, kept
/// as its parts: the signature is computed from them directly, and the text
/// is written out only for callers that want to see it.
pub(crate) struct StringToSign<'a> {
    date_time: &'a str,
    scope: &'a str,
    canonical_hash: HexDigest,
}

impl<'a> StringToSign<'a> {
    /// `canonical_hash` is [`sha256_hex`] of the canonical request.
    pub(crate) fn new(date_time: &'a str, scope: &'a str, canonical_hash: HexDigest) -> Self {
        Self {
            date_time,
            scope,
            canonical_hash,
        }
    }

    fn parts(&self) -> [&str; 6] {
        [ALGORITHM, "\n", self.date_time, "\n", self.scope, "\n"]
    }

    /// The string itself.
    pub(crate) fn text(&self) -> String {
        let mut text =
            String::with_capacity(ALGORITHM.len() + self.date_time.len() + self.scope.len() + 67);
        for part in self.parts() {
            text.push_str(part);
        }
        text.push_str(self.canonical_hash.as_str());
        text
    }

    /// Lowercase hex of `HMAC-SHA256(signing_key, string to sign)`.
    ///
    /// The string is assembled on the stack (it is about 130 bytes) and
    /// hashed in one call, which `ring` does faster than piece by piece.
    pub(crate) fn signature(&self, signing_key: &hmac::Key) -> HexDigest {
        let mut buffer = [0u8; 256];
        let mut len = 0;
        for part in self
            .parts()
            .into_iter()
            .chain([self.canonical_hash.as_str()])
        {
            match buffer.get_mut(len..len + part.len()) {
                Some(room) => room.copy_from_slice(part.as_bytes()),
                // A scope too long for the buffer (never from real regions
                // and services): sign the written-out text instead.
                None => {
                    return HexDigest::new(hmac::sign(signing_key, self.text().as_bytes()).as_ref())
                }
            }
            len += part.len();
        }
        let text = buffer.get(..len).unwrap_or_default();
        HexDigest::new(hmac::sign(signing_key, text).as_ref())
    }
}

/// Lowercase hex of the SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> HexDigest {
    HexDigest::new(sha256(bytes).as_ref())
}

fn sha256(bytes: &[u8]) -> digest::Digest {
    digest::digest(&digest::SHA256, bytes)
}

/// The signing key: HMAC chained over date, region, service and `aws4_request`,
/// starting from `"AWS4" + secret`. Each step keys with the raw bytes of the last.
///
/// The result is a `ring` key, which holds the inner and outer HMAC states
/// already computed: a cached key signs with two fewer SHA-256 blocks.
pub(crate) fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> hmac::Key {
    let mut seed = Vec::with_capacity(4 + secret.len());
    seed.extend_from_slice(b"AWS4");
    seed.extend_from_slice(secret.as_bytes());
    let date_key = hmac_sha256(&seed, date.as_bytes());
    let region_key = hmac_sha256(date_key.as_ref(), region.as_bytes());
    let service_key = hmac_sha256(region_key.as_ref(), service.as_bytes());
    let key = hmac_sha256(service_key.as_ref(), b"aws4_request");
    hmac::Key::new(hmac::HMAC_SHA256, key.as_ref())
}

/// HMAC is defined for keys of every length (longer ones are hashed first).
fn hmac_sha256(key: &[u8], message: &[u8]) -> hmac::Tag {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac.as_ref()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_hashes_keys_longer_than_a_block() {
        // RFC 4231 test case 6: a 131-byte key.
        let key = [0xaa_u8; 131];
        let mac = hmac_sha256(
            &key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac.as_ref()),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn payload_hashes_match_the_protocol_digest() {
        assert_eq!(
            sha256_hex(b"").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"{}").as_str(),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }

    #[test]
    fn derived_key_matches_the_documented_example() {
        // The key-derivation example of the SigV4 documentation: secret
        // `wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`, 20120215, us-east-1, iam.
        // Its derived key, used as an HMAC key over the empty message, must
        // equal HMAC(raw derived key, "") computed independently.
        let raw = "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d";
        let raw_bytes: Vec<u8> = (0..raw.len())
            .step_by(2)
            .filter_map(|i| raw.get(i..i + 2))
            .filter_map(|pair| u8::from_str_radix(pair, 16).ok())
            .collect();
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hmac::sign(&key, b"").as_ref(),
            hmac_sha256(&raw_bytes, b"").as_ref()
        );
    }

    #[test]
    fn a_scope_too_long_for_the_stack_is_signed_the_same_way() {
        let key = signing_key("secret", "20150830", "us-east-1", "service");
        let scope = format!("20150830/{}/service/aws4_request", "r".repeat(300));
        let string = StringToSign::new("20150830T123600Z", &scope, sha256_hex(b"canonical"));
        assert_eq!(
            string.signature(&key).as_str(),
            hex::encode(hmac::sign(&key, string.text().as_bytes()).as_ref())
        );
    }

    #[test]
    fn the_signature_is_the_hmac_of_the_text() {
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20150830",
            "us-east-1",
            "service",
        );
        let string = StringToSign::new(
            "20150830T123600Z",
            "20150830/us-east-1/service/aws4_request",
            sha256_hex(b"POST\n/\n\nhost:example.amazonaws.com\n\nhost\nhash"),
        );
        let text = string.text();
        assert!(text.starts_with(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        ));
        assert_eq!(
            string.signature(&key).as_str(),
            hex::encode(hmac::sign(&key, text.as_bytes()).as_ref())
        );
    }
}
