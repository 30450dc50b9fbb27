from csmm_static.compute import regional_values, rule_compliance
from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::Account",
    formats=("tf", "tfplan", "config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for EBS encryption by default, a regional EC2 account "
            "setting"
        ),
    },
    refs={
        "cis": ["2.2.1"],
        "fsbp": ["EC2.7"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["ec2_ebs_default_encryption"],
    },
)
def ebs_encryption_by_default_enabled(account: Resource, graph: Graph) -> bool:
    """EBS encryption by default is on in every region the evidence covers.

    Why it matters:
        Encryption by default catches every volume and snapshot copy created outside reviewed
        templates (consoles, scripts, other tools); without it one careless launch leaves data
        unencrypted.

    Remediation:
        Turn on EBS encryption by default in each region (Terraform:
        `aws_ebs_encryption_by_default { enabled = true }`; CLI:
        `aws ec2 enable-ebs-encryption-by-default`); CloudFormation has no resource for it.
    """
    settings = regional_values(account, "EbsEncryptionByDefault")
    if settings:
        return all(as_bool(value) is True for value in settings.values())
    verdict = rule_compliance(account, "EC2_EBS_ENCRYPTION_BY_DEFAULT")
    if verdict is None:
        raise Unknown(
            "no evidence of EBS encryption by default: supply `aws ec2"
            " get-ebs-encryption-by-default` or the ec2-ebs-encryption-by-default Config rule"
        )
    return verdict == "COMPLIANT"
