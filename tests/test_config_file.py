""".csmm.yaml: found at a scan root or given, validated, and never a crash when wrong."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import yaml

from csmm_static.config import CONFIG_NAME, find_config, load_config, parse_config
from csmm_static.paths import schema_path

GOOD = """\
scope: account
attestations:
  ir_runbooks_exercised:
    statement: The incident response runbooks were exercised in a game day.
    owner: security-team
    evidence: https://wiki.example.com/ir/game-day-2025-q1
    date: 2025-03-14
    expires: 2026-03-14
waivers:
  - control: ec2_security_group_no_public_ssh
    address: Bastion*
    reason: Bastion host reached only through the VPN range.
    expires: 2025-12-31
  - file: legacy/*
    reason: Legacy stack, decommissioned in Q3.
"""


def test_valid_file_is_read_completely() -> None:
    config, problems = parse_config(GOOD, ".csmm.yaml")
    assert problems == []
    assert config.path == ".csmm.yaml" and config.scope == "account"
    (attestation,) = config.attestations
    assert attestation.control_id == "ir_runbooks_exercised"
    assert attestation.date == datetime.date(2025, 3, 14)
    assert attestation.expires == datetime.date(2026, 3, 14)
    assert attestation.origin == ".csmm.yaml:3"
    first, second = config.waivers
    assert first.control_id == "ec2_security_group_no_public_ssh" and first.address == "Bastion*"
    assert first.expires == datetime.date(2025, 12, 31) and not first.whole_control
    assert first.origin == ".csmm.yaml:10"
    assert second.file == "legacy/*" and second.control_id == "" and second.expires is None


def test_the_schema_itself_is_valid_and_accepts_the_example() -> None:
    schema = json.loads(schema_path("config.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    loaded = yaml.load(GOOD, Loader=yaml.BaseLoader)  # every scalar as text, as written
    jsonschema.validate(loaded, schema, cls=jsonschema.Draft202012Validator)


def test_bad_entries_are_diagnostics_with_lines_and_the_rest_applies() -> None:
    text = """\
scope: everywhere
colour: blue
waivers:
  - control: ec2_security_group_no_public_ssh
  - control: ec2_security_group_no_public_rdp
    reason: RDP gateway, reviewed.
    expires: 2025-02-30
  - address: Legacy*
    reason: kept
attestations:
  ir_runbooks_exercised:
    statement: x
    owner: y
    evidence: z
    date: 2025-05-01
    expires: 2025-04-01
  Not-An-Id:
    statement: x
"""
    config, problems = parse_config(text, "repo/.csmm.yaml")
    assert config.scope is None
    assert [w.address for w in config.waivers] == ["Legacy*"]
    assert config.attestations == ()
    assert all(p.file == "repo/.csmm.yaml" and p.code == "config" for p in problems)

    def at(line: int) -> str:
        return " | ".join(p.message for p in problems if p.line == line)

    assert "everywhere" in at(1) and "colour" in at(1)
    assert "'reason' is a required property" in at(4)
    assert "not a calendar date" in at(5)
    assert "expires before its date" in at(11)
    assert "Not-An-Id" in at(17)


def test_unreadable_yaml_is_one_diagnostic() -> None:
    config, problems = parse_config("waivers: [\n  - oops: {\n", "c.yaml")
    assert config.waivers == ()
    assert len(problems) == 1 and problems[0].line > 0 and "not valid YAML" in problems[0].message


def test_empty_file_is_an_empty_configuration() -> None:
    config, problems = parse_config("# nothing yet\n", "c.yaml")
    assert problems == [] and config.waivers == () and config.path == "c.yaml"


def test_found_at_the_first_scanned_folder_that_has_one(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / CONFIG_NAME).write_text("scope: account\n", encoding="utf-8")
    assert find_config([tmp_path / "a", tmp_path / "b"]) == tmp_path / "b" / CONFIG_NAME
    assert find_config([tmp_path / "a"]) is None
    config, problems = load_config([tmp_path / "b"])
    assert config.scope == "account" and problems == []


def test_explicit_file_that_is_missing_is_a_diagnostic(tmp_path: Path) -> None:
    config, problems = load_config([tmp_path], tmp_path / "nope.yaml")
    assert config.path == "" and len(problems) == 1
    assert "not found" in problems[0].message
