from csmm_static.model import Graph, Resource, control

UNUSED_ACCESS_TYPES = ("ACCOUNT_UNUSED_ACCESS", "ORGANIZATION_UNUSED_ACCESS")


@control(
    pillar="iam",
    level=4,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05"]},
)
def access_analyzer_unused_access_enabled(account: Resource, graph: Graph) -> bool:
    """An IAM Access Analyzer unused-access analyzer tracks idle roles, keys and permissions.

    Why it matters:
        Least privilege needs evidence of what is not used; the unused-access analyzer turns
        last-accessed data into findings for idle roles, credentials and permissions, which is
        what a review then removes.

    Remediation:
        Create an `AWS::AccessAnalyzer::Analyzer` with `Type: ORGANIZATION_UNUSED_ACCESS` (or
        `ACCOUNT_UNUSED_ACCESS`) and `AnalyzerConfiguration.UnusedAccessConfiguration.
        UnusedAccessAge` (Terraform `aws_accessanalyzer_analyzer` with `type` and
        `configuration { unused_access { unused_access_age } }`).
    """
    return any(
        analyzer.get("Type") in UNUSED_ACCESS_TYPES
        for analyzer in graph.resources("AWS::AccessAnalyzer::Analyzer")
    )
