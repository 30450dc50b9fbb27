from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import config_rule_status

EXTERNAL_ACCESS_TYPES = ("ACCOUNT", "ORGANIZATION")


@control(
    pillar="iam",
    level=4,
    severity="medium",
    subject="AWS::Account",
    refs={
        "nist_csf": ["RS.MA-02", "ID.RA-06"],
        "prowler": ["accessanalyzer_enabled_without_findings"],
    },
    formats=("evidence",),
    unrecorded={
        "cfn": (
            "CloudFormation can declare an Access Analyzer analyzer but holds none of its findings "
            "or how they were resolved or archived"
        ),
        "tf": (
            "Terraform configuration can declare an analyzer but holds none of its findings or "
            "whether they were resolved or archived in time"
        ),
        "tfplan": (
            "A Terraform plan can show an analyzer but not its findings or whether they were "
            "resolved or archived within 30 days"
        ),
        "config": (
            "AWS Config records the analyzer itself but not its findings or whether they were "
            "resolved or archived within 30 days"
        ),
    },
    attestable=True,
)
def access_analyzer_findings_actioned(account: Resource, graph: Graph) -> bool:
    """External-access findings are resolved or archived within 30 days.

    Why it matters:
        An analyzer nobody reads is a list of open doors: the value of Access Analyzer is in
        each finding being fixed or consciously archived with a reason.

    Remediation:
        Route findings to the owning teams (EventBridge on `aws.access-analyzer`, Security
        Hub), fix or archive them within the SLA, and attest the process in `.csmm.yaml`.
        Findings need an analyzer first: `AWS::AccessAnalyzer::Analyzer` (Terraform
        `aws_accessanalyzer_analyzer`).
    """
    has_analyzer = any(
        analyzer.get("Type") in EXTERNAL_ACCESS_TYPES
        for analyzer in graph.resources("AWS::AccessAnalyzer::Analyzer")
    ) or config_rule_status(account, "IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED")
    if not has_analyzer:
        return False  # no analyzer, so no finding can have been actioned
    raise Unknown("finding handling shows only in the findings export or an attestation")
