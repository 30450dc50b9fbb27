"""The catalog against real estates: deliberately vulnerable ones stay at L1 Exposed for the
reasons their authors built in, and the security reference architecture, scanned as an account,
earns credit at L3 to L5 for the services it deploys. Skipped when the corpora are absent."""

from __future__ import annotations

import pytest

from csmm_static.pipeline import ScanOptions, scan
from csmm_static.readers import ParseOptions
from tests.conftest import corpus

# Per vulnerable estate: how to scan it, and L1 failures its authors put there on purpose.
VULNERABLE = {
    "terragoat": (
        ParseOptions(),
        {
            "ec2_security_group_no_public_ssh",  # aws_security_group.web-node: 22 from 0.0.0.0/0
            "ec2_volume_encrypted",  # aws_ebs_volume.web_host_storage: unencrypted
            "rds_instance_not_publicly_accessible",  # aws_db_instance.default
            "rds_instance_storage_encrypted",
        },
    ),
    "cfngoat": (
        ParseOptions(),
        {
            "ec2_security_group_no_public_ssh",
            "ec2_volume_encrypted",
            "rds_instance_not_publicly_accessible",
            "rds_instance_storage_encrypted",
            "s3_bucket_acl_not_public",  # AccessControl: PublicRead
        },
    ),
    # sadcloud enables each misconfiguration with a variable; this turns them all on.
    "sadcloud": (
        ParseOptions(variables=(("all_findings", "true"),)),
        {
            "ec2_security_group_no_public_all_ports",
            "ec2_security_group_no_public_ssh",
            "elb_classic_listeners_encrypted",
            "rds_instance_storage_encrypted",
            "s3_bucket_policy_not_public",
        },
    ),
}


@pytest.mark.parametrize("name", sorted(VULNERABLE))
def test_vulnerable_estates_stay_exposed_for_the_built_in_reasons(name: str) -> None:
    options, expected = VULNERABLE[name]
    report = scan([corpus(name)], ScanOptions(parse=options)).report
    assert report["score"]["level"] == 1
    assert report["score"]["levels"][0]["gate_passed"] is False
    failing = {c["id"] for c in report["controls"] if c["level"] == 1 and c["status"] == "fail"}
    assert expected <= failing, sorted(expected - failing)


def test_reference_architecture_earns_credit_at_levels_3_to_5() -> None:
    report = scan([corpus("sra")], ScanOptions(scope="account")).report
    levels = {entry["level"]: entry for entry in report["score"]["levels"]}
    for level in (3, 4, 5):
        assert levels[level]["score"] > 0, level
    passing = {c["id"] for c in report["controls"] if c["status"] == "pass"}
    # Services the architecture deploys organisation-wide.
    assert {
        "securityhub_enabled",
        "config_aggregator_organization_wide",
        "kms_key_rotation_period_at_most_365_days",
    } <= passing
