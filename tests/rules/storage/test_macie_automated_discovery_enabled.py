"""An enabled Macie session that does not say whether automated discovery runs is unknown."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[[str, str], dict[str, tuple[str, str]]]


def test_discovery_status_not_set_is_unknown(run_control: Run) -> None:
    template = """
Resources:
  Macie:
    Type: AWS::Macie::Session
    Properties:
      FindingPublishingFrequency: ONE_HOUR
"""
    ((status, reason),) = run_control("macie_automated_discovery_enabled", template).values()
    assert status == "unknown"
    assert "AutomatedDiscoveryStatus" in reason


def test_no_session_fails(run_control: Run) -> None:
    template = """
Resources:
  Topic:
    Type: AWS::SNS::Topic
"""
    ((status, _),) = run_control("macie_automated_discovery_enabled", template).values()
    assert status == "fail"
