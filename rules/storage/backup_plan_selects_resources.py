from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::Backup::BackupPlan",
    refs={
        "nist_csf": ["PR.DS-11"],
        "prowler": ["backup_plans_exist"],
    },
)
def backup_plan_selects_resources(plan: Resource, graph: Graph) -> bool:
    """AWS Backup plans have a resource selection, so they back something up.

    Why it matters:
        A plan without a backup selection schedules jobs for nothing; it looks like a backup
        strategy on paper while no recovery point is ever made.

    Remediation:
        Add an `AWS::Backup::BackupSelection` whose `BackupPlanId` references the plan and
        whose `BackupSelection` lists resources or tags (Terraform `aws_backup_selection` with
        `plan_id`).
    """
    return bool(graph.related(plan, "AWS::Backup::BackupSelection", direction="in"))
