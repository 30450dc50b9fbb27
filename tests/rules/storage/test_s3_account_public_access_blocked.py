"""The account-level block, read from the resource AWS Config and Terraform describe."""

from __future__ import annotations

from typing import Any

from csmm_static.model import Graph, account_node
from csmm_static.model import Resource as R
from rules.storage.s3_account_public_access_blocked import s3_account_public_access_blocked

ALL_ON = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}


def _verdict(*blocks: dict[str, Any]) -> bool:
    graph = Graph()
    account = account_node("111122223333")
    graph.add(account)
    for index, properties in enumerate(blocks):
        graph.add(R(f"b{index}", "AWS::S3::AccountPublicAccessBlock", f"b{index}", properties))
    return s3_account_public_access_blocked.function(account, graph)


def test_all_four_settings_on() -> None:
    assert _verdict(ALL_ON)
    assert _verdict({**ALL_ON, "RestrictPublicBuckets": "true"})


def test_one_setting_off_or_missing_fails() -> None:
    assert not _verdict({**ALL_ON, "BlockPublicPolicy": False})
    assert not _verdict({k: v for k, v in ALL_ON.items() if k != "IgnorePublicAcls"})
    assert not _verdict(ALL_ON, {**ALL_ON, "BlockPublicAcls": False})  # another region


def test_no_recorded_setting_fails() -> None:
    assert not _verdict()
