from csmm_static.model import Graph, Resource, as_int, control

ONE_YEAR = 365


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::Logs::LogGroup",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record CloudWatch Logs log groups, so a group's retention period"
            " is not in a snapshot"
        ),
    },
    refs={
        "fsbp": ["CloudWatch.16"],
        "nist_csf": ["PR.PS-04"],
        "prowler": ["cloudwatch_log_group_retention_policy_specific_days_enabled"],
    },
)
def cloudwatch_log_group_retention_one_year(group: Resource, graph: Graph) -> bool:
    """CloudWatch log groups keep events for at least a year.

    Why it matters:
        Intrusions are found months after they start; when the logs from the first days are
        already gone, nobody can tell how the attacker got in or what they touched.

    Remediation:
        Set `RetentionInDays` to 365 or more, or leave it unset to keep events forever
        (Terraform: `retention_in_days`); move older logs to S3 Glacier if cost matters.
    """
    days = as_int(group.get("RetentionInDays"))
    return days is None or days >= ONE_YEAR
