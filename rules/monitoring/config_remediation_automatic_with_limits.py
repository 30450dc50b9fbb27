from csmm_static.model import Graph, Resource, as_bool, as_int, control


def _limited(remediation: Resource) -> bool:
    """Both SSM execution controls are set: a bad runbook stops before it runs everywhere."""
    concurrency = as_int(
        remediation.get("ExecutionControls.SsmControls.ConcurrentExecutionRatePercentage")
    )
    errors = as_int(remediation.get("ExecutionControls.SsmControls.ErrorPercentage"))
    return concurrency is not None and errors is not None


@control(
    pillar="monitoring",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record its remediation configurations as configuration items; "
            "only describe-remediation-configurations output shows them"
        ),
    },
    refs={"nist_csf": ["RS.MI-02", "PR.PS-01"]},
)
def config_remediation_automatic_with_limits(account: Resource, graph: Graph) -> bool:
    """AWS Config remediates automatically, within concurrency and error limits.

    Why it matters:
        Drift found by Config and fixed by a person takes days; automatic remediation fixes it
        in minutes, for changes made outside the pipeline too. Execution controls keep a
        faulty runbook from breaking every resource at once.

    Remediation:
        Give high-confidence Config rules an `AWS::Config::RemediationConfiguration` with
        `Automatic: true` and `ExecutionControls.SsmControls`
        (`ConcurrentExecutionRatePercentage`, `ErrorPercentage`) (Terraform:
        `aws_config_remediation_configuration` `automatic = true`,
        `execution_controls { ssm_controls { ... } }`).
    """
    automatic = [
        r
        for r in graph.resources("AWS::Config::RemediationConfiguration")
        if as_bool(r.get("Automatic")) is True
    ]
    return bool(automatic) and all(_limited(r) for r in automatic)
