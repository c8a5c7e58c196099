//! The `User-Agent` this transport sends. It names this project, never an AWS
//! SDK, and is added after signing so proxies may rewrite it freely.

/// `awsgen-client/<ver> os/<os> lang/rust/<rustc> api/<service>[ app/<app>]`.
pub(crate) fn user_agent(sdk_id: &str, app_name: Option<&str>) -> String {
    let service: String = sdk_id
        .chars()
        .filter(|c| *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    let mut ua = format!(
        "{}/{} os/{} lang/rust/{} api/{}",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
        token(std::env::consts::OS),
        token(env!("AWSGEN_CLIENT_RUSTC_VERSION")),
        token(&service),
    );
    if let Some(app) = app_name {
        ua.push_str(" app/");
        ua.push_str(&token(app));
    }
    ua
}

/// Replaces every character the User-Agent grammar does not allow in a token.
fn token(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "unknown".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_this_crate_the_platform_and_the_service() {
        let ua = user_agent("ECR", None);
        let fields: Vec<&str> = ua.split(' ').collect();
        assert_eq!(fields.len(), 4, "{ua}");
        assert_eq!(
            fields[0],
            concat!("awsgen-client/", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(fields[1], format!("os/{}", std::env::consts::OS));
        assert!(fields[2].starts_with("lang/rust/1."), "{ua}");
        assert_eq!(fields[3], "api/ecr");
        assert!(!ua.contains("aws-sdk"));
    }

    #[test]
    fn service_ids_are_lowercased_without_spaces_and_apps_are_cleaned() {
        let ua = user_agent("ECR PUBLIC", Some("my app/v2"));
        assert!(ua.ends_with(" api/ecrpublic app/my-app-v2"), "{ua}");
        assert!(http::HeaderValue::from_str(&ua).is_ok());
    }
}
