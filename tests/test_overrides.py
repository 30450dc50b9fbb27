"""Waivers, inline suppressions and attestations: what they change, and what they never hide."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from csmm_static.model import Suppression
from csmm_static.paths import schema_path
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.readers.suppressions import comment_suppressions, parse_directive
from csmm_static.render import render

SSH = "ec2_security_group_no_public_ssh"
TODAY = datetime.date(2025, 6, 1)

NETWORK = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  BastionSG:
    Type: AWS::EC2::SecurityGroup
{metadata}    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}
"""

ATTESTABLE = '''\
from csmm_static.model import Graph, Resource, Unknown, control


@control(pillar="monitoring", level=4, severity="high", subject="AWS::Account",
         refs={"nist_csf": ["RS.MA-01"]}, attestable=True)
def ir_runbooks_exercised(account: Resource, graph: Graph) -> bool:
    """Incident response runbooks are exercised.

    Why it matters:
        x

    Remediation:
        y
    """
    raise Unknown("no configuration shows runbook exercises")
'''

ATTESTATION = """\
attestations:
  ir_runbooks_exercised:
    statement: The runbooks were exercised in the Q1 game day.
    owner: security-team
    evidence: https://wiki.example.com/ir/game-day
    date: {date}
    expires: {expires}
"""


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "network.yaml", NETWORK.format(metadata=""))
    return tmp_path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _scan(**options: Any) -> dict[str, Any]:
    options.setdefault("today", TODAY)
    report = scan(["."], ScanOptions(**options)).report
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
    return report


def _control(report: dict[str, Any], control_id: str) -> dict[str, Any]:
    return next(c for c in report["controls"] if c["id"] == control_id)


def _messages(report: dict[str, Any]) -> str:
    return "\n".join(f"{d['file']}:{d['line']}: {d['message']}" for d in report["diagnostics"])


def test_whole_control_waiver_takes_it_out_of_the_score_and_keeps_subjects(estate: Path) -> None:
    before = _scan()
    _write(estate / ".csmm.yaml", f"waivers:\n  - control: {SSH}\n    reason: Lab account.\n")
    report = _scan()
    control = _control(report, SSH)
    assert control["status"] == "waived"
    assert control["waived"] == {
        "kind": "waiver",
        "reason": "Lab account.",
        "origin": ".csmm.yaml:2",
    }
    assert [s["status"] for s in control["subjects"]] == ["fail", "fail"]
    assert report["overrides"]["waived"] == [
        {
            "control": SSH,
            "title": control["title"],
            "kind": "waiver",
            "reason": "Lab account.",
            "origin": ".csmm.yaml:2",
        }
    ]
    cell = lambda r: next(c for c in r["cells"] if (c["pillar"], c["level"]) == ("networking", 1))  # noqa: E731
    assert cell(report)["counted_weight"] == cell(before)["counted_weight"] - 4
    assert report["coverage"]["controls"]["waived"] == 1
    assert "as_of" not in report["overrides"]  # nothing here depends on the date


def test_address_glob_waives_matching_subjects_only(estate: Path) -> None:
    _write(
        estate / ".csmm.yaml",
        f"waivers:\n  - control: {SSH}\n    address: Bastion*\n    reason: VPN only.\n",
    )
    control = _control(_scan(), SSH)
    assert control["status"] == "fail"  # WebSG still fails
    subjects = {s["address"]: s for s in control["subjects"]}
    assert subjects["BastionSG"]["status"] == "fail"
    assert subjects["BastionSG"]["waived"]["reason"] == "VPN only."
    assert "waived" not in subjects["WebSG"]
    assert control["note"] == "1 of 2 subjects waived or suppressed"


def test_file_glob_without_control_waives_every_control_there(estate: Path) -> None:
    (estate / "network.yaml").rename(estate / "legacy.yaml")
    _write(estate / "legacy" / "old.yaml", NETWORK.format(metadata=""))
    _write(estate / ".csmm.yaml", "waivers:\n  - file: legacy/*\n    reason: Retired in Q3.\n")
    report = _scan()
    control = _control(report, SSH)
    waived = [s for s in control["subjects"] if "waived" in s]
    assert {s["source"]["file"] for s in waived} == {"legacy/old.yaml"}
    assert control["status"] == "fail"
    assert all(w["file"] == "legacy/old.yaml" for w in report["overrides"]["waived"])


def test_expired_waiver_stops_working_and_is_reported(estate: Path) -> None:
    _write(
        estate / ".csmm.yaml",
        f"waivers:\n  - control: {SSH}\n    reason: Lab.\n    expires: 2025-05-31\n",
    )
    report = _scan()
    assert _control(report, SSH)["status"] == "fail"
    assert report["overrides"]["expired"] == [
        {
            "kind": "waiver",
            "control": SSH,
            "expired": "2025-05-31",
            "origin": ".csmm.yaml:2",
            "detail": "Lab.",
        }
    ]
    assert report["overrides"]["as_of"] == "2025-06-01"
    assert ".csmm.yaml:2: waiver of" in _messages(report)
    on_last_day = _scan(today=datetime.date(2025, 5, 31))
    assert _control(on_last_day, SSH)["status"] == "waived"


def test_waivers_that_match_nothing_or_name_no_control_are_diagnostics(estate: Path) -> None:
    _write(
        estate / ".csmm.yaml",
        "waivers:\n"
        "  - control: no_such_control_here\n    reason: x\n"
        "  - address: Nothing*\n    reason: y\n",
    )
    messages = _messages(_scan())
    assert ".csmm.yaml:2: waiver names unknown control no_such_control_here" in messages
    assert ".csmm.yaml:4: waiver matches no failing or unknown result" in messages


CFN_METADATA = """\
    Metadata:
      csmm:
        ignore:
          - control: {control}
            reason: {reason}
{until}"""


def _suppress(estate: Path, reason: str = "VPN only.", until: str = "") -> None:
    extra = f"            until: {until}\n" if until else ""
    metadata = CFN_METADATA.format(control=SSH, reason=reason, until=extra)
    _write(estate / "network.yaml", NETWORK.format(metadata=metadata))


def test_inline_suppression_waives_its_resource(estate: Path) -> None:
    _suppress(estate)
    report = _scan()
    subjects = {s["address"]: s for s in _control(report, SSH)["subjects"]}
    assert subjects["BastionSG"]["waived"] == {
        "kind": "suppression",
        "reason": "VPN only.",
        "origin": "network.yaml:8",
    }
    assert "waived" not in subjects["WebSG"]
    assert report["overrides"]["inline_suppressions"] == "used"


def test_no_inline_suppressions_ignores_them_and_counts_them(estate: Path) -> None:
    _suppress(estate)
    report = _scan(inline_suppressions=False)
    assert not any("waived" in s for s in _control(report, SSH)["subjects"])
    assert report["overrides"]["inline_suppressions"] == "ignored"
    assert report["overrides"]["inline_ignored"] == 1


def test_inline_suppression_needs_a_reason(estate: Path) -> None:
    _suppress(estate, reason='""')
    report = _scan()
    assert not any("waived" in s for s in _control(report, SSH)["subjects"])
    assert "network.yaml:8: inline suppression of" in _messages(report)
    assert "has no reason" in _messages(report)


def test_expired_inline_suppression_is_reported(estate: Path) -> None:
    _suppress(estate, until="2025-01-31")
    report = _scan()
    assert not any("waived" in s for s in _control(report, SSH)["subjects"])
    (expired,) = report["overrides"]["expired"]
    assert expired["kind"] == "suppression" and expired["origin"] == "network.yaml:8"
    assert expired["expired"] == "2025-01-31"


def test_all_subjects_suppressed_makes_the_control_waived(estate: Path) -> None:
    _write(
        estate / ".csmm.yaml",
        f"waivers:\n  - control: {SSH}\n    address: '*SG'\n    reason: Sandbox.\n",
    )
    assert _control(_scan(), SSH)["status"] == "waived"


@pytest.fixture
def attestable(estate: Path) -> Path:
    _write(estate / "my_controls" / "monitoring" / "ir_runbooks_exercised.py", ATTESTABLE)
    return estate / "my_controls"


def _attest(estate: Path, date: str = "2025-03-14", expires: str = "2026-03-14") -> None:
    text = "scope: account\n" + ATTESTATION.format(date=date, expires=expires)
    _write(estate / ".csmm.yaml", text)


def test_valid_attestation_makes_the_control_attested_and_counts_as_pass(
    estate: Path, attestable: Path
) -> None:
    _attest(estate)
    report = _scan(rules_dirs=(attestable,))
    control = _control(report, "ir_runbooks_exercised")
    assert control["status"] == "attested"
    assert control["attestation"]["owner"] == "security-team"
    assert control["attestation"]["origin"] == ".csmm.yaml:3"
    cell = next(c for c in report["cells"] if (c["pillar"], c["level"]) == ("monitoring", 4))
    assert cell["passed_weight"] >= 3 and cell["counted_weight"] >= 3
    assert report["overrides"]["attested"][0]["control"] == "ir_runbooks_exercised"
    assert report["overrides"]["as_of"] == "2025-06-01"


def test_expired_or_disabled_attestation_leaves_it_unknown(estate: Path, attestable: Path) -> None:
    _attest(estate, date="2024-03-14", expires="2025-03-14")
    report = _scan(rules_dirs=(attestable,))
    control = _control(report, "ir_runbooks_exercised")
    assert control["status"] == "unknown"
    assert control["note"] == "attestation expired on 2025-03-14 (.csmm.yaml:3)"
    assert report["overrides"]["expired"][0]["kind"] == "attestation"
    _attest(estate)
    ignored = _scan(rules_dirs=(attestable,), attestations=False)
    assert _control(ignored, "ir_runbooks_exercised")["status"] == "unknown"
    assert ignored["overrides"]["attestations"] == "ignored"


def test_attestation_dated_in_the_future_is_ignored(estate: Path, attestable: Path) -> None:
    _attest(estate, date="2025-07-01")
    report = _scan(rules_dirs=(attestable,))
    assert _control(report, "ir_runbooks_exercised")["status"] == "unknown"
    assert "in the future" in _messages(report)


def test_only_attestable_controls_accept_an_attestation(estate: Path) -> None:
    text = ATTESTATION.format(date="2025-03-14", expires="2026-03-14").replace(
        "ir_runbooks_exercised", SSH
    )
    _write(estate / ".csmm.yaml", text)
    report = _scan()
    assert _control(report, SSH)["status"] == "fail"
    assert f".csmm.yaml:2: control {SSH} is not attestable" in _messages(report)


def test_same_input_and_date_give_the_same_bytes(estate: Path) -> None:
    _suppress(estate, until="2026-01-31")
    _write(
        estate / ".csmm.yaml",
        f"waivers:\n  - control: {SSH}\n    address: Web*\n    reason: x\n"
        "    expires: 2025-12-31\n",
    )
    first = render(_scan(), "json")
    assert first == render(_scan(), "json")
    assert first != render(_scan(today=datetime.date(2026, 1, 1)), "json")


HCL = """\
# csmm:ignore s3_bucket_versioning_enabled Scratch data, rebuilt nightly until 2026-01-31
// another comment in the same run
resource "aws_s3_bucket" "scratch" {
  bucket = "scratch # csmm:ignore not_a_directive inside a string"
  tags = { Name = "x" } # csmm:ignore s3_bucket_public_access_blocked "CDN origin, see ADR-12"
}

# csmm:ignore vpc_flow_logs_enabled belongs to the block below the blank line

resource "aws_vpc" "main" { // csmm:ignore vpc_flow_logs_enabled
  cidr_block = "10.0.0.0/16"
}
"""


def test_terraform_comments_on_above_and_inside_a_block() -> None:
    assert comment_suppressions(HCL, 3, 6) == (
        Suppression(
            "s3_bucket_versioning_enabled", "Scratch data, rebuilt nightly", "2026-01-31", 1
        ),
        Suppression("s3_bucket_public_access_blocked", "CDN origin, see ADR-12", "", 5),
    )
    # The blank line cuts the run of comments above the VPC block; the one on its first line
    # counts, without a reason (the overrides stage rejects it).
    assert comment_suppressions(HCL, 10, 12) == (Suppression("vpc_flow_logs_enabled", "", "", 10),)


def test_directive_without_anything_is_kept_for_the_overrides_stage_to_reject() -> None:
    directive = parse_directive("csmm:ignore", 7)
    assert directive is not None and directive.control_id == "" and directive.line == 7
    assert parse_directive("csmm:ignored-by-someone-else") is None
    assert parse_directive("nothing here") is None
