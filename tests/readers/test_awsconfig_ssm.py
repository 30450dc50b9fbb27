"""AWS Config items of Systems Manager documents: recorded without their content."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static import events
from csmm_static.model import Unknown
from csmm_static.readers import parse
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, only, snapshot, write


def test_a_document_s_steps_are_unknown_not_absent(tmp_path: Path) -> None:
    document = delivered(
        "AWS::SSM::Document",
        "Quarantine",
        {"Name": "Quarantine", "DocumentType": "Automation", "DocumentFormat": "YAML"},
        name="Quarantine",
        arn=f"arn:aws:ssm:{REGION}:{ACCOUNT}:document/Quarantine",
    )
    parsed = parse([write(tmp_path / "s.json", snapshot(document))])
    node = only(parsed, "AWS::SSM::Document")
    assert node.get("DocumentType") == "Automation" and node.get("Name") == "Quarantine"
    with pytest.raises(Unknown, match="does not record a document's content"):
        events.runbook_calls(node)
