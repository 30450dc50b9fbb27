import fnmatch

from csmm_static.model import Graph, Reference, Resource, as_list, control

TAG_KEY = "aws:ResourceTag/"


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::EFS::FileSystem",
    refs={
        "fsbp": ["EFS.2"],
        "nist_csf": ["PR.DS-11"],
        "prowler": ["efs_have_backup_enabled"],
    },
)
def efs_file_system_backed_up(file_system: Resource, graph: Graph) -> bool:
    """EFS file systems are backed up by AWS Backup.

    Why it matters:
        EFS keeps no snapshots of its own: a deleted directory or encrypted-by-ransomware
        share is lost unless AWS Backup copies the file system on a schedule.

    Remediation:
        Set `BackupPolicy.Status: ENABLED` on the `AWS::EFS::FileSystem` (Terraform
        `aws_efs_backup_policy`), or select the file system in an `AWS::Backup::BackupSelection`
        (Terraform `aws_backup_selection`) by reference, ARN pattern or tag.
    """
    status = file_system.get("BackupPolicy.Status")
    if status == "ENABLED":
        return True
    if status is None and file_system.get("AvailabilityZoneName") is not None:
        return True  # One Zone file systems are created with automatic backups on
    tags = {
        str(t.get("Key")): t.get("Value")
        for t in as_list(file_system.get("FileSystemTags"))
        if isinstance(t, dict)
    } or file_system.tags  # AWS Config records the tags as `Tags`
    return any(
        _selects(selection, file_system, tags)
        for selection in graph.resources("AWS::Backup::BackupSelection")
    )


def _selects(selection: Resource, file_system: Resource, tags: dict[str, object]) -> bool:
    """Whether a backup selection picks the file system (AWS Backup's documented logic:
    listed resources narrowed by Conditions, or any matching ListOfTags entry)."""
    spec = selection.get("BackupSelection") or {}
    excluded = [r for r in as_list(spec.get("NotResources")) if _names(r, file_system)]
    if excluded:
        return False
    by_tag = any(
        isinstance(c, dict)
        and str(c.get("ConditionType", "")).upper() == "STRINGEQUALS"
        and tags.get(str(c.get("ConditionKey"))) == c.get("ConditionValue")
        for c in as_list(spec.get("ListOfTags"))
    )
    listed = any(_names(r, file_system) for r in as_list(spec.get("Resources")))
    return by_tag or (listed and _conditions_hold(spec.get("Conditions") or {}, tags))


def _names(entry: object, file_system: Resource) -> bool:
    if isinstance(entry, Reference):
        return entry.target == file_system.node_id
    if entry is None:
        return False
    entry = str(entry)  # an unresolved entry might name the file system: unknown
    if entry == "*":
        return True
    file_system_id = file_system.get("FileSystemId")  # as AWS Config records it
    if isinstance(file_system_id, str) and entry.endswith(f":file-system/{file_system_id}"):
        return True
    # An ARN pattern whose service and resource parts cover every EFS file system; a
    # selection lives in one account and region, so those parts are not compared.
    parts = entry.split(":", 5)
    return (
        len(parts) == 6
        and fnmatch.fnmatchcase("elasticfilesystem", parts[2])
        and fnmatch.fnmatchcase("file-system/fs-0", parts[5])
    )


def _conditions_hold(conditions: dict[str, object], tags: dict[str, object]) -> bool:
    for operator, entries in conditions.items():
        for entry in as_list(entries):
            key = str(entry.get("ConditionKey", "")) if isinstance(entry, dict) else ""
            value = tags.get(key.removeprefix(TAG_KEY)) if key.startswith(TAG_KEY) else None
            wanted = str(entry.get("ConditionValue", "")) if isinstance(entry, dict) else ""
            if value is None:
                matched = False
            elif operator.endswith("Like"):
                matched = fnmatch.fnmatchcase(str(value), wanted)
            else:
                matched = str(value) == wanted
            if operator in ("StringEquals", "StringLike") and not matched:
                return False
            if operator in ("StringNotEquals", "StringNotLike") and matched:
                return False
    return True
