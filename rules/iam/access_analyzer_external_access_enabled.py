from csmm_static.model import Graph, Resource, control
from csmm_static.policy import config_rule_status

EXTERNAL_ACCESS_TYPES = ("ACCOUNT", "ORGANIZATION")


@control(
    pillar="iam",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.20"],
        "nist_csf": ["ID.RA-01", "PR.AA-05"],
        "prowler": ["accessanalyzer_enabled"],
    },
)
def access_analyzer_external_access_enabled(account: Resource, graph: Graph) -> bool:
    """An IAM Access Analyzer external-access analyzer watches the account or organization.

    Why it matters:
        Resource policies grant access outside the account in many small ways (bucket and key
        policies, role trusts, snapshots, queues); Access Analyzer proves which of them do,
        continuously, so the exposure is verified rather than assumed.

    Remediation:
        Create an `AWS::AccessAnalyzer::Analyzer` with `Type: ORGANIZATION` in the delegated
        administrator account (or `Type: ACCOUNT` per account) in every region in use
        (Terraform `aws_accessanalyzer_analyzer`).
    """
    if any(
        analyzer.get("Type") in EXTERNAL_ACCESS_TYPES
        for analyzer in graph.resources("AWS::AccessAnalyzer::Analyzer")
    ):
        return True
    return config_rule_status(account, "IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED") is True
