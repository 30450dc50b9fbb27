"""Terraform plan and state JSON (`terraform show -json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from csmm_static.model import Reference
from csmm_static.readers import parse
from tests.conftest import CORPORA, corpus
from tests.readers.terraform_support import by_address, scan, write

PROVIDER = "registry.terraform.io/hashicorp/aws"


def _resource(address: str, values: dict[str, Any], index: Any = None) -> dict[str, Any]:
    kind, name = address.rsplit(".", 2)[-2:]
    found = {"address": address, "mode": "managed", "type": kind, "name": name.split("[")[0]}
    if index is not None:
        found["index"] = index
    return {
        **found,
        "provider_name": PROVIDER,
        "schema_version": 0,
        "values": values,
        "sensitive_values": {},
    }


def _change(
    address: str, after: dict[str, Any], unknown: dict[str, Any], actions: list[str] | None = None
) -> dict[str, Any]:
    return {
        "address": address,
        "change": {
            "actions": actions or ["create"],
            "before": None,
            "after": after,
            "after_unknown": unknown,
        },
    }


def _plan(
    resources: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    configuration: dict[str, Any],
    children: list[dict[str, Any]] | None = None,
) -> str:
    root: dict[str, Any] = {"resources": resources}
    if children:
        root["child_modules"] = children
    document = {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": root},
        "resource_changes": changes,
        "configuration": {"root_module": configuration},
    }
    return json.dumps(document, indent=2)


def _config(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    kind, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "expressions": expressions,
    }


BUCKET = _resource("aws_s3_bucket.b", {"bucket": "logs", "force_destroy": False})
VERSIONING = _resource(
    "aws_s3_bucket_versioning.v",
    {"versioning_configuration": [{"status": "Enabled", "mfa_delete": None}]},
)
CONFIGURATION = {
    "resources": [
        _config("aws_s3_bucket.b", {"bucket": {"constant_value": "logs"}}),
        _config(
            "aws_s3_bucket_versioning.v",
            {
                "bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]},
                "versioning_configuration": [{"status": {"constant_value": "Enabled"}}],
            },
        ),
    ]
}


def test_unknown_planned_values_are_references_or_unknown(tmp_path: Path) -> None:
    text = _plan(
        [BUCKET, VERSIONING],
        [
            _change(
                "aws_s3_bucket.b", BUCKET["values"], {"id": True, "arn": True, "versioning": True}
            ),
            _change(
                "aws_s3_bucket_versioning.v", VERSIONING["values"], {"bucket": True, "id": True}
            ),
        ],
        CONFIGURATION,
    )
    result = scan(tmp_path, {"tfplan.json": text})
    resources = by_address(result)
    satellite = resources["aws_s3_bucket_versioning.v"]
    bucket_ref = satellite.properties["bucket"]
    assert (
        isinstance(bucket_ref, Reference)
        and bucket_ref.target == resources["aws_s3_bucket.b"].node_id
    )
    assert "id" not in satellite.properties  # computed, and not configured: as in HCL
    # The bucket's own `versioning` is computed (the configuration leaves it out): the
    # satellite decides it, as it does for configuration.
    assert resources["aws_s3_bucket.b"].get("VersioningConfiguration.Status") == "Enabled"
    assert [f.format for f in result.files] == ["terraform-plan"]


def test_child_modules_and_references_through_module_calls(tmp_path: Path) -> None:
    key = _resource("module.kms.aws_kms_key.this", {"enable_key_rotation": True})
    bucket = _resource("aws_s3_bucket.b", {"bucket": "logs"})
    encryption = _resource(
        "aws_s3_bucket_server_side_encryption_configuration.e",
        {
            "rule": [
                {
                    "apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}],
                    "bucket_key_enabled": None,
                }
            ]
        },
    )
    configuration = {
        "resources": [
            _config("aws_s3_bucket.b", {"bucket": {"constant_value": "logs"}}),
            _config(
                "aws_s3_bucket_server_side_encryption_configuration.e",
                {
                    "bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]},
                    "rule": [
                        {
                            "apply_server_side_encryption_by_default": [
                                {
                                    "kms_master_key_id": {
                                        "references": ["module.kms.key_arn", "module.kms"]
                                    }
                                }
                            ]
                        }
                    ],
                },
            ),
        ],
        "module_calls": {
            "kms": {
                "source": "./kms",
                "module": {
                    "resources": [
                        _config(
                            "aws_kms_key.this", {"enable_key_rotation": {"constant_value": True}}
                        )
                    ],
                    "outputs": {
                        "key_arn": {
                            "expression": {
                                "references": ["aws_kms_key.this.arn", "aws_kms_key.this"]
                            }
                        }
                    },
                },
            }
        },
    }
    text = _plan(
        [bucket, encryption],
        [
            _change(
                "aws_s3_bucket_server_side_encryption_configuration.e",
                encryption["values"],
                {
                    "bucket": True,
                    "rule": [
                        {"apply_server_side_encryption_by_default": [{"kms_master_key_id": True}]}
                    ],
                },
            )
        ],
        configuration,
        children=[{"address": "module.kms", "resources": [key]}],
    )
    result = scan(tmp_path, {"tfplan.json": text})
    resources = by_address(result)
    assert resources["module.kms.aws_kms_key.this"].source is not None
    assert resources["module.kms.aws_kms_key.this"].source.context == "module.kms"
    rule = resources["aws_s3_bucket.b"].properties["BucketEncryption"][
        "ServerSideEncryptionConfiguration"
    ][0]
    # A nested block written once reads like a top-level attribute: the key's ARN, by reference.
    key_id = rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"]
    assert isinstance(key_id, Reference)
    assert key_id == "${module.kms.aws_kms_key.this.arn}"
    assert key_id.target.endswith("#module.kms.aws_kms_key.this")
    edges = {(e.source.split("#")[1], e.target.split("#")[1], e.via) for e in result.graph.edges()}
    assert (
        "aws_s3_bucket_server_side_encryption_configuration.e",
        "module.kms.aws_kms_key.this",
        "rule",
    ) in edges


def test_resources_being_deleted_are_left_out(tmp_path: Path) -> None:
    old = _resource("aws_s3_bucket.old", {"bucket": "old"})
    text = _plan([BUCKET, old], [_change("aws_s3_bucket.old", {}, {}, ["delete"])], CONFIGURATION)
    assert list(by_address(scan(tmp_path, {"tfplan.json": text}))) == ["aws_s3_bucket.b"]


def test_state_json_is_joined_by_ids(tmp_path: Path) -> None:
    state = {
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {
            "root_module": {
                "resources": [
                    _resource("aws_vpc.v", {"id": "vpc-0a1b", "cidr_block": "10.0.0.0/16"}),
                    _resource(
                        "aws_flow_log.f",
                        {"id": "fl-1", "vpc_id": "vpc-0a1b", "traffic_type": "ALL"},
                    ),
                    _resource("aws_security_group.sg", {"id": "sg-1", "ingress": [], "egress": []}),
                    _resource(
                        "aws_security_group_rule.ssh",
                        {
                            "type": "ingress",
                            "security_group_id": "sg-1",
                            "from_port": 22,
                            "to_port": 22,
                            "protocol": "tcp",
                            "cidr_blocks": ["0.0.0.0/0"],
                        },
                    ),
                ]
            }
        },
    }
    result = scan(tmp_path, {"terraform.tfstate.json": json.dumps(state)})
    resources = by_address(result)
    assert resources["aws_vpc.v"] in result.graph.related(
        resources["aws_flow_log.f"], direction="out"
    )
    assert resources["aws_security_group.sg"].get("SecurityGroupIngress") == [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}
    ]


def test_plan_resources_take_file_and_line_from_the_configuration_next_to_them(
    tmp_path: Path,
) -> None:
    text = _plan([BUCKET, VERSIONING], [], CONFIGURATION)
    write(
        tmp_path,
        {
            "main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n\n'
            'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n'
            '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
            "plan.json": text,
        },
    )
    result = parse([tmp_path])
    resources = by_address(result)
    assert sorted(resources) == ["aws_s3_bucket.b", "aws_s3_bucket_versioning.v"]  # not twice
    source = resources["aws_s3_bucket_versioning.v"].source
    assert source is not None and (
        source.file.endswith("main.tf"),
        source.line,
        source.end_line,
    ) == (True, 5, 10)
    assert source.format == "terraform-plan"


def test_plans_saved_by_powershell_in_utf16_are_read(tmp_path: Path) -> None:
    text = _plan([BUCKET], [], CONFIGURATION)
    (tmp_path / "tfplan.json").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert list(by_address(parse([tmp_path]))) == ["aws_s3_bucket.b"]


def test_an_unsupported_plan_format_is_a_diagnostic(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "tfplan.json": json.dumps(
                {"format_version": "2.0", "terraform_version": "9", "planned_values": {}}
            )
        },
    )
    assert [d.code for d in result.diagnostics] == ["unsupported-format"]
    assert [f.status for f in result.files] == ["error"]


def test_every_plan_of_the_corpus_is_read_without_errors() -> None:
    folder = corpus("tfplans")
    result = parse([folder])
    assert not [d for d in result.diagnostics if d.level == "error"]
    plans = [f for f in result.files if f.format == "terraform-plan"]
    assert len(plans) >= 40 and all(f.status == "read" for f in plans)
    assert len(result.graph) > 200
    assert CORPORA.is_dir()


def test_counted_satellites_fold_into_the_instance_with_the_same_index(tmp_path: Path) -> None:
    buckets = [_resource(f"aws_s3_bucket.b[{i}]", {"bucket": f"b{i}"}, index=i) for i in (0, 1)]
    satellites = [
        _resource(
            f"aws_s3_bucket_versioning.v[{i}]",
            {"versioning_configuration": [{"status": s}]},
            index=i,
        )
        for i, s in ((0, "Enabled"), (1, "Suspended"))
    ]
    configuration = {
        "resources": [
            _config("aws_s3_bucket.b", {"bucket": {"references": ["count.index"]}}),
            _config(
                "aws_s3_bucket_versioning.v",
                {"bucket": {"references": ["aws_s3_bucket.b", "count.index"]}},
            ),
        ]
    }
    changes = [_change(s["address"], s["values"], {"bucket": True}) for s in satellites]
    result = scan(tmp_path, {"tfplan.json": _plan([*buckets, *satellites], changes, configuration)})
    resources = by_address(result)
    assert resources["aws_s3_bucket.b[0]"].get("VersioningConfiguration.Status") == "Enabled"
    assert resources["aws_s3_bucket.b[1]"].get("VersioningConfiguration.Status") == "Suspended"
