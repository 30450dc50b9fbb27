import re

from csmm_static.model import Graph, Reference, Resource, as_list, control

VAULT_ARN = re.compile(r"^arn:[^:]+:backup:([^:]*):([^:]*):backup-vault:.+$")
# Pseudo parameters name the deploying stack's own region and account.
PSEUDO = {"${AWS::Region}": "@here", "${AWS::AccountId}": "@here"}


@control(
    pillar="storage",
    level=4,
    severity="high",
    subject="AWS::Backup::BackupPlan",
    refs={
        "nist_csf": ["PR.DS-11", "RC.RP-03"],
    },
)
def backup_plan_copies_out_of_account_or_region(plan: Resource, graph: Graph) -> bool:
    """AWS Backup plans copy recovery points to a vault in another account or region.

    Why it matters:
        Backups in the same account share its blast radius: stolen admin credentials or a
        regional outage take the data and its backups together. A copy in a separate backup
        account or region survives both.

    Remediation:
        Add `CopyActions` with a `DestinationBackupVaultArn` in another account (a dedicated
        backup account) or region to a `BackupPlan.BackupPlanRule` entry of the
        `AWS::Backup::BackupPlan` (Terraform `copy_action { destination_vault_arn }` in a
        `rule` of `aws_backup_plan`).
    """
    entries = as_list(plan.get("BackupPlan.BackupPlanRule"))
    return any(
        _leaves(action.get("DestinationBackupVaultArn"), plan, graph)
        for entry in entries
        if isinstance(entry, dict)
        for action in as_list(entry.get("CopyActions"))
        if isinstance(action, dict)
    )


def _leaves(destination: object, plan: Resource, graph: Graph) -> bool:
    """Whether a copy destination lies outside the plan's own account and region."""
    if isinstance(destination, Reference):
        vault = graph.get(destination.target)
        return vault is not None and (vault.account, vault.region) != (plan.account, plan.region)
    if destination is None:
        return False
    text = str(destination)  # an unresolved destination is unknown, not "same place"
    for pseudo, marker in PSEUDO.items():
        text = text.replace(pseudo, marker)
    match = VAULT_ARN.match(text)
    if match is None:
        return False  # a vault of the same stack, or not a vault ARN
    return any(
        _differs(part, known)
        for part, known in zip(match.groups(), (plan.region, plan.account), strict=True)
    )


def _differs(part: str, known: str | None) -> bool:
    if part in PSEUDO.values() or not part:
        return False
    # Written literally in code whose own place is not recorded: a deliberate other place.
    return known is None or part != known
