"""AWS Backup selection logic: listed resources, conditions, tags and exclusions."""

from __future__ import annotations

from csmm_static.model import Reference, Resource
from rules.storage.efs_file_system_backed_up import _selects

FS = Resource("cfn:t#Files", "AWS::EFS::FileSystem", "Files")
ALL_EFS = "arn:aws:elasticfilesystem:*:*:file-system/*"


def _selection(**spec: object) -> Resource:
    return Resource("s", "AWS::Backup::BackupSelection", "s", {"BackupSelection": spec})


def test_listed_by_reference_or_wildcard() -> None:
    assert _selects(_selection(Resources=[Reference("${Files.Arn}", FS.node_id)]), FS, {})
    assert _selects(_selection(Resources=["*"]), FS, {})
    assert _selects(_selection(Resources=[ALL_EFS]), FS, {})
    assert not _selects(_selection(Resources=["arn:aws:rds:*:*:db:*"]), FS, {})


def test_not_resources_exclude() -> None:
    assert not _selects(_selection(Resources=["*"], NotResources=[ALL_EFS]), FS, {})


def test_conditions_narrow_listed_resources() -> None:
    like = {"StringLike": [{"ConditionKey": "aws:ResourceTag/tier", "ConditionValue": "prod*"}]}
    assert _selects(_selection(Resources=["*"], Conditions=like), FS, {"tier": "prod-eu"})
    assert not _selects(_selection(Resources=["*"], Conditions=like), FS, {"tier": "dev"})
    not_equals = {
        "StringNotEquals": [{"ConditionKey": "aws:ResourceTag/backup", "ConditionValue": "none"}]
    }
    assert not _selects(_selection(Resources=["*"], Conditions=not_equals), FS, {"backup": "none"})
    assert _selects(_selection(Resources=["*"], Conditions=not_equals), FS, {})


def test_list_of_tags_selects_alone() -> None:
    tags = [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]
    assert _selects(_selection(ListOfTags=tags), FS, {"backup": "daily"})
    assert not _selects(_selection(ListOfTags=tags), FS, {"backup": "weekly"})
