//! Host-name predicates: `isValidHostLabel` and `aws.isVirtualHostableS3Bucket`.

/// `isValidHostLabel(value, allowSubDomains)`: an RFC 1123 label (1 to 63
/// ASCII letters, digits or hyphens, neither starting nor ending with a
/// hyphen), or with `allow_sub_domains` a dot-separated run of such labels.
pub(crate) fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_single_label)
    } else {
        is_single_label(value)
    }
}

fn is_single_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: a bucket name
/// usable as a host label in a virtual-hosted URL: 3 to 63 characters in
/// all, no uppercase, valid host label(s), and never an IPv4 address. With
/// `allow_sub_domains` the name may contain dots between labels (the length
/// limit is for the whole name, as S3 bucket naming has it).
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    (3..=63).contains(&value.len())
        && !value.bytes().any(|b| b.is_ascii_uppercase())
        && is_valid_host_label(value, allow_sub_domains)
        && !is_ipv4(value)
}

/// Four dot-separated decimal numbers, each at most 255.
pub(crate) fn is_ipv4(host: &str) -> bool {
    let mut count = 0;
    for part in host.split('.') {
        count += 1;
        let numeric =
            !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
        if !numeric || !matches!(part.parse::<u16>(), Ok(n) if n <= 255) {
            return false;
        }
    }
    count == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels_follow_rfc_1123() {
        assert!(is_valid_host_label("abc-123", false));
        assert!(is_valid_host_label("a", false));
        assert!(is_valid_host_label("111122223333", false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("-abc", false));
        assert!(!is_valid_host_label("abc-", false));
        assert!(!is_valid_host_label("a_b", false));
        assert!(!is_valid_host_label("a.b", false));
    }

    #[test]
    fn sub_domains_need_every_label_valid() {
        assert!(is_valid_host_label("a.b-c.d", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label("a.", true));
        assert!(!is_valid_host_label("a.-b", true));
    }

    #[test]
    fn bucket_names_are_stricter_than_labels() {
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("MyBucket", false));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
        assert!(!is_virtual_hostable_s3_bucket("my..bucket", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.100.200", true));
        // The length limit is on the whole name, so short labels are fine.
        assert!(is_virtual_hostable_s3_bucket("a.b", true));
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
    }

    #[test]
    fn ipv4_detection() {
        assert!(is_ipv4("127.0.0.1"));
        assert!(is_ipv4("255.255.255.255"));
        assert!(!is_ipv4("256.0.0.1"));
        assert!(!is_ipv4("1.2.3"));
        assert!(!is_ipv4("1.2.3.4.5"));
        assert!(!is_ipv4("a.b.c.d"));
        assert!(!is_ipv4("1..2.3"));
    }
}
