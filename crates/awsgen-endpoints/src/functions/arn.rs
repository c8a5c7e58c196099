//! `aws.parseArn`.

/// The `ARN` record that `aws.parseArn` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedArn {
    pub partition: String,
    pub service: String,
    /// Empty for resources that are not regional.
    pub region: String,
    /// Empty for resources that are not owned by an account.
    pub account_id: String,
    /// The resource part split on both `:` and `/`.
    pub resource_id: Vec<String>,
}

/// `aws.parseArn(value)`: `arn:partition:service:region:account:resource`.
///
/// None unless the prefix is `arn` and partition, service and resource are
/// non-empty; region and account may be empty.
pub(crate) fn parse_arn(value: &str) -> Option<ParsedArn> {
    let mut fields = value.splitn(6, ':');
    let prefix = fields.next()?;
    let partition = fields.next()?;
    let service = fields.next()?;
    let region = fields.next()?;
    let account_id = fields.next()?;
    let resource = fields.next()?;
    if prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(ParsedArn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(arn: &ParsedArn) -> Vec<&str> {
        arn.resource_id.iter().map(String::as_str).collect()
    }

    #[test]
    fn parses_the_spec_examples() {
        let arn = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name").unwrap();
        assert_eq!(
            (
                arn.partition.as_str(),
                arn.service.as_str(),
                arn.region.as_str()
            ),
            ("aws", "sns", "us-west-2")
        );
        assert_eq!(arn.account_id, "012345678910");
        assert_eq!(ids(&arn), ["example-sns-topic-name"]);

        let arn =
            parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").unwrap();
        assert_eq!(ids(&arn), ["vpc", "vpc-0e9801d129EXAMPLE"]);

        let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
        assert_eq!(arn.region, "");
        assert_eq!(ids(&arn), ["user", "johndoe"]);

        let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
        assert_eq!((arn.region.as_str(), arn.account_id.as_str()), ("", ""));
        assert_eq!(ids(&arn), ["bucket_name"]);
    }

    #[test]
    fn splits_the_resource_on_colons_and_slashes() {
        let arn = parse_arn("arn:aws:kinesis:us-east-1:123:stream/s/consumer/c:1").unwrap();
        assert_eq!(ids(&arn), ["stream", "s", "consumer", "c", "1"]);
    }

    #[test]
    fn rejects_non_arns() {
        for bad in [
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:::",
            "arn::s3:::bucket",
            "arn:aws::::bucket",
            "urn:aws:s3:::bucket",
            "arn:aws:s3:us-east-1",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad:?} should not parse");
        }
    }
}
