//! S3's errors inside a `200`: `CopyObject`, `CompleteMultipartUpload` and
//! `UploadPartCopy` send `200 OK` before they know the outcome, so a
//! failure arrives as a `200` whose body's root element is `<Error>`
//! (`Operation::ERROR_IN_OK_RESPONSE`). Such a response is the operation's
//! error, and is retried as the `500` it stands for, as the SDKs do.

/// The status an error inside a `200` is classified with for retries.
pub(crate) const STANDS_FOR_STATUS: u16 = 500;

/// Whether `body`'s root element is `<Error>`: after any whitespace, XML
/// declaration, processing instructions and comments, the first element's
/// name is `Error`. A success's root (`<CopyObjectResult>`) is not.
pub(crate) fn root_is_error(body: &[u8]) -> bool {
    let mut rest = body;
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<?") {
            rest = after(rest, b"?>");
        } else if rest.starts_with(b"<!--") {
            rest = after(rest, b"-->");
        } else {
            break;
        }
    }
    match rest.strip_prefix(b"<Error") {
        Some(tail) => matches!(
            tail.first(),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
        ),
        None => false,
    }
}

/// What follows the first `end` in `text`; nothing when there is none.
fn after<'a>(text: &'a [u8], end: &[u8]) -> &'a [u8] {
    text.windows(end.len())
        .position(|window| window == end)
        .map_or(&[], |at| &text[at + end.len()..])
}

#[cfg(test)]
mod tests {
    use super::root_is_error;

    #[test]
    fn an_error_root_is_found_after_the_declaration_and_whitespace() {
        for body in [
            &b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<Error><Code>InternalError</Code></Error>"[..],
            b"<Error>\n<Code>SlowDown</Code></Error>",
            b"  <!-- a comment --><Error xmlns=\"x\"><Code>A</Code></Error>",
        ] {
            assert!(root_is_error(body), "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn a_success_or_a_lookalike_is_not_an_error() {
        for body in [
            &b"<?xml version=\"1.0\"?><CopyObjectResult><ETag>x</ETag></CopyObjectResult>"[..],
            b"<Errors><Code>A</Code></Errors>",
            b"",
            b"<?xml version=\"1.0\"",
            b"<CompleteMultipartUploadResult><Error>nested</Error></CompleteMultipartUploadResult>",
        ] {
            assert!(!root_is_error(body), "{}", String::from_utf8_lossy(body));
        }
    }
}
