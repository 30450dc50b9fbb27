from csmm_static.compute import rule_compliance
from csmm_static.model import Graph, Resource, Unknown, control

# AWS Config managed rules that report whether Inspector scans each resource kind.
_RULES = ("INSPECTOR_EC2_SCAN_ENABLED", "INSPECTOR_ECR_SCAN_ENABLED")


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::Account",
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource that activates Amazon Inspector scanning for an account"
        ),
        "tf": (
            "Terraform can declare aws_inspector2_enabler but holds no Inspector Config rule "
            "results, which this control reads"
        ),
        "tfplan": (
            "A Terraform plan can hold aws_inspector2_enabler but not the Inspector Config rule "
            "results this control reads"
        ),
    },
    refs={
        "fsbp": ["Inspector.1", "Inspector.2"],
        "nist_csf": ["ID.RA-01", "DE.CM-09"],
        "prowler": ["inspector2_is_enabled"],
    },
)
def inspector_scanning_enabled(account: Resource, graph: Graph) -> bool:
    """Amazon Inspector scans the account's EC2 instances and ECR images.

    Why it matters:
        Patch management needs to know what is vulnerable: Inspector inventories packages
        on instances and in images and reports every known CVE as it is published, without
        agents to deploy or scans to schedule.

    Remediation:
        Activate Amazon Inspector EC2 and ECR scanning for the account, or organization-wide
        from the delegated administrator (Terraform: `aws_inspector2_enabler` with
        `resource_types = ["EC2", "ECR"]`, `aws_inspector2_organization_configuration`);
        CloudFormation has no resource that activates it.
    """
    verdicts = [rule_compliance(account, rule) for rule in _RULES]
    if "NON_COMPLIANT" in verdicts:
        return False
    if None in verdicts:
        raise Unknown(
            "no evidence of Inspector activation: supply the inspector-ec2-scan-enabled and"
            " inspector-ecr-scan-enabled Config rule results"
        )
    return True
