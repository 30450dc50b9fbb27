from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="iam",
    level=2,
    severity="medium",
    subject="AWS::CloudTrail::Trail",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["3.2"],
        "fsbp": ["CloudTrail.4"],
        "nist_csf": ["PR.DS-01", "PR.PS-04"],
        "prowler": ["cloudtrail_log_file_validation_enabled"],
    },
)
def cloudtrail_log_file_validation_enabled(trail: Resource, graph: Graph) -> bool:
    """CloudTrail trails validate their log files.

    Why it matters:
        Digest files let an investigator prove that no log file was changed or deleted after
        delivery; without them, an intruder who reaches the log bucket can rewrite history.

    Remediation:
        Set `EnableLogFileValidation: true` (CloudFormation) or
        `enable_log_file_validation = true` (Terraform) on the trail.
    """
    return as_bool(trail.get("EnableLogFileValidation")) is True
