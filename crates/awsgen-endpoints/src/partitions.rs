//! The AWS partition table behind `aws.partition`.
//!
//! PINNED DATA. These values are the published partition facts as they stood
//! before 2025-09-23, when smithy's `partitions.json` (commit `d96aab8f9d`,
//! "enable dualstack in iso partitions") and later the AWS SDKs switched every
//! partition to `supportsDualStack: true`. The endpoint tests in the models
//! this project ships (aws/api-models-aws at `56c8953`, 2025-04-02) were
//! written against the older data: ECR's tests expect dual-stack requests in
//! `us-iso-east-1` and `us-isob-east-1` to fail with "DualStack is enabled but
//! this partition does not support DualStack". With today's data four of the
//! 53 ECR cases resolve instead. Update this table together with the models.

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::error::ResolveError;

/// The `Partition` record that `aws.partition` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartitionOutputs {
    pub name: &'static str,
    pub dns_suffix: &'static str,
    pub dual_stack_dns_suffix: &'static str,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: &'static str,
}

/// One partition: how regions are matched to it, and what it resolves to.
#[derive(Debug)]
pub(crate) struct Partition {
    pub id: &'static str,
    pub region_regex: &'static str,
    /// Regions matched exactly, before any regex is tried.
    pub regions: &'static [&'static str],
    pub outputs: PartitionOutputs,
}

/// Every partition, in the order their regexes are tried.
pub(crate) static PARTITIONS: [Partition; 8] = [
    Partition {
        id: "aws",
        region_regex: r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        outputs: PartitionOutputs {
            name: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "us-east-1",
        },
    },
    Partition {
        id: "aws-cn",
        region_regex: r"^cn\-\w+\-\d+$",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        outputs: PartitionOutputs {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "cn-northwest-1",
        },
    },
    Partition {
        id: "aws-us-gov",
        region_regex: r"^us\-gov\-\w+\-\d+$",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        outputs: PartitionOutputs {
            name: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "us-gov-west-1",
        },
    },
    Partition {
        id: "aws-iso",
        region_regex: r"^us\-iso\-\w+\-\d+$",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        outputs: PartitionOutputs {
            name: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "c2s.ic.gov",
            supports_fips: true,
            supports_dual_stack: false,
            implicit_global_region: "us-iso-east-1",
        },
    },
    Partition {
        id: "aws-iso-b",
        region_regex: r"^us\-isob\-\w+\-\d+$",
        regions: &["aws-iso-b-global", "us-isob-east-1"],
        outputs: PartitionOutputs {
            name: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "sc2s.sgov.gov",
            supports_fips: true,
            supports_dual_stack: false,
            implicit_global_region: "us-isob-east-1",
        },
    },
    Partition {
        id: "aws-iso-e",
        region_regex: r"^eu\-isoe\-\w+\-\d+$",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
        outputs: PartitionOutputs {
            name: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "cloud.adc-e.uk",
            supports_fips: true,
            supports_dual_stack: false,
            implicit_global_region: "eu-isoe-west-1",
        },
    },
    Partition {
        id: "aws-iso-f",
        region_regex: r"^us\-isof\-\w+\-\d+$",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        outputs: PartitionOutputs {
            name: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "csp.hci.ic.gov",
            supports_fips: true,
            supports_dual_stack: false,
            implicit_global_region: "us-isof-south-1",
        },
    },
    Partition {
        id: "aws-eusc",
        region_regex: r"^eusc\-(de)\-\w+\-\d+$",
        regions: &["eusc-de-east-1"],
        outputs: PartitionOutputs {
            name: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "amazonaws.eu",
            supports_fips: true,
            supports_dual_stack: false,
            implicit_global_region: "eusc-de-east-1",
        },
    },
];

/// The partition unknown regions fall back to.
const DEFAULT_PARTITION: usize = 0;

type CompiledRegexes = Result<Vec<Regex>, ResolveError>;

/// The region regexes, compiled on first use.
fn region_regexes() -> &'static CompiledRegexes {
    static COMPILED: OnceLock<CompiledRegexes> = OnceLock::new();
    COMPILED.get_or_init(|| {
        PARTITIONS
            .iter()
            .map(|partition| {
                Regex::new(partition.region_regex).map_err(|err| ResolveError::PartitionTable {
                    partition: partition.id,
                    reason: format!("region regex does not compile: {err}"),
                })
            })
            .collect()
    })
}

/// `aws.partition(region)`: an exact region match first, then the first
/// matching region regex, and otherwise the `aws` partition.
///
/// The Smithy spec returns an empty optional for unknown regions; the AWS
/// SDKs (and this crate) fall back to `aws` so new commercial regions work
/// before the table knows them.
pub(crate) fn partition_for(region: &str) -> Result<&'static PartitionOutputs, ResolveError> {
    if let Some(exact) = PARTITIONS.iter().find(|p| p.regions.contains(&region)) {
        return Ok(&exact.outputs);
    }
    let regexes = region_regexes().as_ref().map_err(Clone::clone)?;
    let matched = regexes.iter().position(|regex| regex.is_match(region));
    let index = matched.unwrap_or(DEFAULT_PARTITION);
    PARTITIONS
        .get(index)
        .map(|partition| &partition.outputs)
        .ok_or_else(|| ResolveError::PartitionTable {
            partition: "aws",
            reason: "the partition table is empty".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(region: &str) -> &'static str {
        partition_for(region).unwrap().name
    }

    #[test]
    fn every_regex_compiles_and_ids_match_names() {
        assert!(region_regexes().is_ok());
        for partition in &PARTITIONS {
            assert_eq!(partition.id, partition.outputs.name);
        }
    }

    #[test]
    fn listed_regions_match_exactly() {
        let cases = [
            ("us-east-1", "aws"),
            ("aws-global", "aws"),
            ("cn-north-1", "aws-cn"),
            ("aws-cn-global", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
        ];
        for (region, partition) in cases {
            assert_eq!(name_of(region), partition, "{region}");
        }
    }

    #[test]
    fn unlisted_regions_match_by_regex() {
        let cases = [
            ("us-east-9", "aws"),
            ("ap-southeast-9", "aws"),
            ("cn-south-3", "aws-cn"),
            ("us-gov-central-2", "aws-us-gov"),
            ("us-iso-north-5", "aws-iso"),
            ("us-isob-west-2", "aws-iso-b"),
            ("eu-isoe-north-1", "aws-iso-e"),
            ("us-isof-east-7", "aws-iso-f"),
            ("eusc-de-west-2", "aws-eusc"),
        ];
        for (region, partition) in cases {
            assert_eq!(name_of(region), partition, "{region}");
        }
    }

    #[test]
    fn unknown_regions_fall_back_to_aws() {
        for region in ["mars-east-1", "", "local", "US-EAST-1", "eusc-fr-east-1"] {
            assert_eq!(name_of(region), "aws", "{region:?}");
        }
    }

    #[test]
    fn pinned_iso_partitions_do_not_support_dual_stack() {
        for region in ["us-iso-east-1", "us-isob-east-1"] {
            let outputs = partition_for(region).unwrap();
            assert!(!outputs.supports_dual_stack, "{region}");
            assert!(outputs.supports_fips, "{region}");
        }
        let aws = partition_for("us-east-1").unwrap();
        assert_eq!(
            (aws.dns_suffix, aws.dual_stack_dns_suffix),
            ("amazonaws.com", "api.aws")
        );
        let cn = partition_for("cn-north-1").unwrap();
        assert_eq!(cn.dual_stack_dns_suffix, "api.amazonwebservices.com.cn");
    }
}
