"""Snapshot block public access from resources and from an account export's regions."""

from __future__ import annotations

from typing import Any

from csmm_static.model import Graph, Resource, account_node
from rules.storage.ebs_snapshot_public_access_blocked import ebs_snapshot_public_access_blocked


def _verdict(regional: dict[str, Any], *states: str) -> bool:
    graph = Graph()
    account = account_node("111122223333", {"RegionalSettings": regional} if regional else {})
    graph.add(account)
    for index, state in enumerate(states):
        graph.add(
            Resource(f"s{index}", "AWS::EC2::SnapshotBlockPublicAccess", "s", {"State": state})
        )
    return ebs_snapshot_public_access_blocked.function(account, graph)


def test_every_region_of_the_export_must_block_all_sharing() -> None:
    blocked = {"SnapshotBlockPublicAccessState": "block-all-sharing"}
    assert _verdict({"eu-west-1": blocked, "us-east-1": blocked})
    assert not _verdict(
        {"eu-west-1": blocked, "us-east-1": {"SnapshotBlockPublicAccessState": "unblocked"}}
    )


def test_regions_that_do_not_report_the_setting_are_not_evidence() -> None:
    assert not _verdict({"eu-west-1": {"EbsEncryptionByDefault": True}})


def test_resources_and_export_together() -> None:
    blocked = {"SnapshotBlockPublicAccessState": "block-all-sharing"}
    assert _verdict({"eu-west-1": blocked}, "block-all-sharing")
    assert not _verdict({"eu-west-1": blocked}, "block-new-sharing")
