//! Percent-decoding for the test servers that read what the client sent
//! (a presigned query, an awsQuery form). Shared by path between the test
//! binaries; written here rather than taken from the client, so the
//! servers check the client's encoding independently.

/// `%XX` sequences decoded; anything else kept as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[index + 1..index + 3], 16) {
                out.push(byte);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).expect("percent-decoded text is UTF-8")
}
