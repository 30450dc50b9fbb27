from csmm_static.model import Graph, Resource, as_int, as_list, control

MINIMUM_DAYS = 7


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::Backup::BackupPlan",
    refs={
        "nist_csf": ["PR.DS-11"],
    },
)
def backup_plan_retention_at_least_7_days(plan: Resource, graph: Graph) -> bool:
    """AWS Backup plans keep every recovery point for at least 7 days.

    Why it matters:
        A recovery point deleted after a day or two is gone before most corruption,
        ransomware or insider deletion is discovered, which defeats the backup.

    Remediation:
        Set `Lifecycle.DeleteAfterDays` to 7 or more (or leave it out to keep recovery points)
        in every `BackupPlan.BackupPlanRule` entry (Terraform `lifecycle { delete_after }` in
        each `rule` of `aws_backup_plan`).
    """
    entries = as_list(plan.get("BackupPlan.BackupPlanRule"))
    for entry in entries:
        days = (
            (entry.get("Lifecycle") or {}).get("DeleteAfterDays")
            if isinstance(entry, dict)
            else None
        )
        if days is not None and (as_int(days) or 0) < MINIMUM_DAYS:
            return False
    return bool(entries)
