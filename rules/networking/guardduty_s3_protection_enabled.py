from csmm_static.model import Graph, Resource, control
from csmm_static.network import detector_feature


@control(
    pillar="networking",
    level=2,
    severity="medium",
    subject="AWS::GuardDuty::Detector",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "fsbp": ["GuardDuty.10"],
        "nist_csf": ["DE.CM-09"],
        "prowler": ["guardduty_s3_protection_enabled"],
    },
)
def guardduty_s3_protection_enabled(detector: Resource, graph: Graph) -> bool:
    """GuardDuty detectors watch S3 data events.

    Why it matters:
        S3 Protection analyses object-level API calls and raises findings for data being
        read from unusual places, discovery sweeps and disabled logging, the typical steps
        of bucket exfiltration that management events alone do not show. A new detector
        has it unless a template turns it off.

    Remediation:
        Leave `S3_DATA_EVENTS` enabled: in `AWS::GuardDuty::Detector` `Features` set
        `{Name: S3_DATA_EVENTS, Status: ENABLED}` and do not set `DataSources.S3Logs.Enable:
        false` (Terraform: `aws_guardduty_detector_feature` `name = "S3_DATA_EVENTS"`,
        `status = "ENABLED"`).
    """
    return detector_feature(detector, "S3_DATA_EVENTS", "S3Logs.Enable")
