from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="storage",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records no restore testing selections, so it cannot show that a restore "
            "testing plan is in use"
        ),
    },
    refs={
        "nist_csf": ["PR.DS-11", "RC.RP-03"],
    },
    attestable=True,
)
def backup_restore_testing_configured(account: Resource, graph: Graph) -> bool:
    """Backups are restored on a schedule to prove they work.

    Why it matters:
        A backup is only as good as its last successful restore; permissions, KMS key
        policies and missing dependencies break restores long after the jobs report success.

    Remediation:
        Create an `AWS::Backup::RestoreTestingPlan` with an
        `AWS::Backup::RestoreTestingSelection` for each critical resource type (Terraform
        `aws_backup_restore_testing_plan` and `aws_backup_restore_testing_selection`), or
        attest the restore drills you run another way in `.csmm.yaml`.
    """
    plans = graph.resources("AWS::Backup::RestoreTestingPlan")
    if not plans:
        raise Unknown("no AWS Backup restore testing plan; restore drills need an attestation")
    selected = {
        str(selection.get("RestoreTestingPlanName"))
        for selection in graph.resources("AWS::Backup::RestoreTestingSelection")
    }
    # A plan is in use when a selection references it or names it.
    return any(
        graph.related(plan, "AWS::Backup::RestoreTestingSelection", direction="in")
        or str(plan.get("RestoreTestingPlanName")) in selected
        for plan in plans
    )
