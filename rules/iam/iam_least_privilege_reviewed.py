from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import config_rule_status


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::Account",
    refs={
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_user_accesskey_unused", "iam_user_console_access_unused"],
    },
    formats=("evidence",),
    unrecorded={
        "cfn": (
            "CloudFormation declares permissions, not whether anyone reviews them and removes "
            "unused access: a review is a process"
        ),
        "tf": (
            "Terraform configuration declares permissions, not whether a periodic review removes "
            "the unused ones: a review is a process"
        ),
        "tfplan": (
            "A Terraform plan shows permission changes, not whether a periodic review of unused "
            "access took place"
        ),
        "config": (
            "AWS Config can show idle credentials through a rule, not that permissions are "
            "reviewed on a cadence and unused access removed"
        ),
    },
    attestable=True,
)
def iam_least_privilege_reviewed(account: Resource, graph: Graph) -> bool:
    """Permissions are reviewed and unused access is removed on a regular cadence.

    Why it matters:
        Policies only grow: access granted for a project stays after it ends. A periodic
        review driven by last-used data (IAM Access Analyzer unused-access findings, role and
        credential last-used dates) is what brings access back to what is used.

    Remediation:
        Review unused roles, credentials and permissions at least quarterly (IAM Access
        Analyzer unused access, `aws iam get-account-authorization-details`), remove what is
        unused, and record the review as an attestation in `.csmm.yaml`. An unused-access
        analyzer (`AWS::AccessAnalyzer::Analyzer` `Type: ACCOUNT_UNUSED_ACCESS`; Terraform
        `aws_accessanalyzer_analyzer`) supplies the findings.
    """
    if config_rule_status(account, "IAM_USER_UNUSED_CREDENTIALS_CHECK") is False:
        return False  # idle credentials are still enabled: no review has removed them
    raise Unknown("a least-privilege review is a process: attest it in .csmm.yaml")
