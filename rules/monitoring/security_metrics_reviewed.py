from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="monitoring",
    level=4,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Security Hub insights or CloudWatch dashboards, the "
            "metric views this control looks for"
        ),
    },
    attestable=True,
    refs={"nist_csf": ["GV.OV-03", "ID.IM-01"]},
)
def security_metrics_reviewed(account: Resource, graph: Graph) -> bool:
    """Security metrics are tracked on dashboards and reviewed on a cadence.

    Why it matters:
        Open findings by severity, time to remediate and detection coverage show whether the
        program is improving; a dashboard nobody reviews does not, so the review itself is
        what this control asks to see.

    Remediation:
        Declare Security Hub insights (`AWS::SecurityHub::Insight`) or CloudWatch dashboards
        (`AWS::CloudWatch::Dashboard`; Terraform: `aws_securityhub_insight`,
        `aws_cloudwatch_dashboard`) for the metrics, review them monthly, and record the
        review as an attestation for this control in `.csmm.yaml`.
    """
    if not (
        graph.resources("AWS::SecurityHub::Insight")
        or graph.resources("AWS::CloudWatch::Dashboard")
    ):
        return False  # nothing tracks the metrics
    raise Unknown("the review cadence is shown only by an attestation")
