//! Steps 2 to 4 of SigV4: the string to sign, the derived signing key and the
//! signature.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::amz_date::AmzDate;
use crate::hex;

/// The algorithm name that opens the string to sign and the `Authorization` value.
pub(crate) const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `YYYYMMDD/region/service/aws4_request`.
pub(crate) fn credential_scope(date: &AmzDate, region: &str, service: &str) -> String {
    format!("{}/{region}/{service}/aws4_request", date.date)
}

/// `ALGORITHM \n X-Amz-Date \n scope \n hex(sha256(canonical request))`.
pub(crate) fn string_to_sign(date: &AmzDate, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}\n{scope}\n{}",
        date.date_time,
        sha256_hex(canonical_request.as_bytes())
    )
}

/// Lowercase hex of the SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes))
}

/// The signing key: HMAC chained over date, region, service and `aws4_request`,
/// starting from `"AWS4" + secret`. Each step keys with the raw bytes of the last.
pub(crate) fn signing_key(secret: &str, date: &AmzDate, region: &str, service: &str) -> [u8; 32] {
    let mut seed = Vec::with_capacity(4 + secret.len());
    seed.extend_from_slice(b"AWS4");
    seed.extend_from_slice(secret.as_bytes());
    let date_key = hmac_sha256(&seed, date.date.as_bytes());
    let region_key = hmac_sha256(&date_key, region.as_bytes());
    let service_key = hmac_sha256(&region_key, service.as_bytes());
    hmac_sha256(&service_key, b"aws4_request")
}

/// Lowercase hex of `HMAC-SHA256(signing_key, string_to_sign)`.
pub(crate) fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(&hmac_sha256(signing_key, string_to_sign.as_bytes()))
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC is defined for keys of every length (longer ones are hashed first), and
    // the `hmac` crate only reports an error for fixed-size-key MACs.
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(&mac),
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
            hex::encode(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn payload_hashes_match_the_protocol_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"{}"),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
