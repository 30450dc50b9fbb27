"""Terraform plan and state JSON (`terraform show -json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from csmm_static.model import Reference, is_unknown
from csmm_static.readers import parse
from tests.conftest import CORPORA, corpus
from tests.readers.terraform_support import by_address, reason, scan, write

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
    # Inside a nested block too, one attribute of another resource is a reference to it.
    key_arn = rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"]
    assert isinstance(key_arn, Reference)
    assert key_arn.target == resources["module.kms.aws_kms_key.this"].node_id
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


def test_mirrored_lists_no_satellite_fills_are_empty(tmp_path: Path) -> None:
    """A plan marks a role's unconfigured `managed_policy_arns` as known only after apply (the
    provider mirrors the stand-alone attachments into it): it holds what those attachments add,
    and nothing when none does."""
    trust = '{"Version":"2012-10-17","Statement":[]}'
    roles = [
        _resource(f"aws_iam_role.{name}", {"name": name, "assume_role_policy": trust})
        for name in ("attached", "bare")
    ]
    attachment = _resource(
        "aws_iam_role_policy_attachment.a",
        {"role": "attached", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
    )
    mirrored = {"arn": True, "id": True, "inline_policy": True, "managed_policy_arns": True}
    text = _plan(
        [*roles, attachment],
        [
            *(_change(r["address"], r["values"], mirrored) for r in roles),
            _change(attachment["address"], attachment["values"], {"id": True}),
        ],
        {
            "resources": [
                *(
                    _config(r["address"], {"name": {"constant_value": r["values"]["name"]}})
                    for r in roles
                ),
                _config(
                    "aws_iam_role_policy_attachment.a",
                    {
                        "role": {
                            "references": ["aws_iam_role.attached.name", "aws_iam_role.attached"]
                        },
                        "policy_arn": {"constant_value": attachment["values"]["policy_arn"]},
                    },
                ),
            ]
        },
    )
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    attached, bare = resources["aws_iam_role.attached"], resources["aws_iam_role.bare"]
    assert attached.get("ManagedPolicyArns") == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    # inline_policy mirrors `aws_iam_role_policy` resources, which stay separate policies.
    assert attached.get("Policies") is None and bare.get("Policies") is None
    assert bare.get("ManagedPolicyArns") is None  # absent, as in configuration


def test_the_caller_account_keeps_its_symbolic_form(tmp_path: Path) -> None:
    """`data.aws_caller_identity` gives configuration `${AWS::AccountId}` (docs/graph.md); a
    plan resolves it to the id, which reads back in the same symbolic form so that a trust
    in this account is the same trust whichever input shows it."""
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "999988887777"]},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )
    role = _resource("aws_iam_role.r", {"name": "r", "assume_role_policy": trust})
    document = json.loads(
        _plan(
            [role],
            [_change("aws_iam_role.r", role["values"], {"arn": True, "id": True})],
            {"resources": [_config("aws_iam_role.r", {"assume_role_policy": {}})]},
        )
    )
    identity = {
        "address": "data.aws_caller_identity.current",
        "mode": "data",
        "type": "aws_caller_identity",
        "name": "current",
        "values": {"account_id": "111122223333", "id": "111122223333"},
    }
    document["prior_state"] = {"values": {"root_module": {"resources": [identity]}}}
    resources = by_address(scan(tmp_path, {"tfplan.json": json.dumps(document)}))
    principals = json.loads(resources["aws_iam_role.r"].get("AssumeRolePolicyDocument"))[
        "Statement"
    ][0]["Principal"]["AWS"]
    assert principals == ["arn:aws:iam::${AWS::AccountId}:root", "999988887777"]


def test_user_data_the_plan_holds_as_a_hash_is_read_from_the_configuration(
    tmp_path: Path,
) -> None:
    # The AWS provider plans `user_data` of instances and launch configurations as a SHA-1 of
    # the text (StateFunc userDataHashSum); the literal is only in the configuration.
    script = "#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n"
    digest = "0e6b3c4a9d1f2e8b7a6c5d4e3f2a1b0c9d8e7f6a"
    literal = _resource("aws_instance.web", {"ami": "ami-1", "user_data": digest})
    computed = _resource("aws_instance.app", {"ami": "ami-1", "user_data": digest})
    text = _plan(
        [literal, computed],
        [
            _change("aws_instance.web", literal["values"], {"id": True}),
            _change("aws_instance.app", computed["values"], {"id": True}),
        ],
        {
            "resources": [
                _config("aws_instance.web", {"user_data": {"constant_value": script}}),
                _config("aws_instance.app", {"user_data": {"references": ["var.script"]}}),
            ]
        },
    )
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    assert resources["aws_instance.web"].properties["UserData"] == script
    assert "hash" in reason(resources["aws_instance.app"].properties["UserData"])


def test_a_map_element_set_to_another_resource_is_a_reference(tmp_path: Path) -> None:
    # `dimensions = { InstanceId = aws_instance.db.id }`: the plan marks the element unknown
    # and the configuration names the one attribute it comes from.
    instance = _resource("aws_instance.db", {"ami": "ami-1"})
    alarm = _resource(
        "aws_cloudwatch_metric_alarm.recover",
        {"metric_name": "StatusCheckFailed_System", "dimensions": {"Stage": "prod"}},
    )
    tagged = _resource("aws_instance.web", {"ami": "ami-1", "tags": {"Name": "web"}})
    text = _plan(
        [instance, alarm, tagged],
        [
            _change("aws_instance.db", instance["values"], {"id": True}),
            _change(
                "aws_cloudwatch_metric_alarm.recover",
                alarm["values"],
                {"dimensions": {"InstanceId": True}},
            ),
            _change("aws_instance.web", tagged["values"], {"tags": {"Owner": True}}),
        ],
        {
            "resources": [
                _config("aws_instance.db", {"ami": {"constant_value": "ami-1"}}),
                _config(
                    "aws_cloudwatch_metric_alarm.recover",
                    {"dimensions": {"references": ["aws_instance.db.id", "aws_instance.db"]}},
                ),
                _config(
                    "aws_instance.web",
                    {
                        "tags": {
                            "references": [
                                "aws_instance.db.id",
                                "aws_instance.db",
                                "var.owner",
                            ]
                        }
                    },
                ),
            ]
        },
    )
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    dimensions = resources["aws_cloudwatch_metric_alarm.recover"].properties["Dimensions"]
    value = {d["Name"]: d["Value"] for d in dimensions}["InstanceId"]
    assert isinstance(value, Reference) and value.target == resources["aws_instance.db"].node_id
    # Two sources: which one made the element is not known.
    assert is_unknown(resources["aws_instance.web"].properties["Tags"][1]["Value"])


def test_unknown_values_in_nested_blocks_read_like_attributes(tmp_path: Path) -> None:
    template = _resource("aws_launch_template.app", {"name": "app"})
    instance = _resource(
        "aws_instance.app",
        {"launch_template": [{"version": "$Latest"}], "root_block_device": [{"volume_size": 8}]},
    )
    text = _plan(
        [template, instance],
        [
            _change("aws_launch_template.app", template["values"], {"id": True}),
            _change(
                "aws_instance.app",
                instance["values"],
                {
                    "launch_template": [{"id": True, "name": True}],
                    "root_block_device": [{"encrypted": True}],
                },
            ),
        ],
        {
            "resources": [
                _config("aws_launch_template.app", {"name": {"constant_value": "app"}}),
                _config(
                    "aws_instance.app",
                    {
                        "launch_template": [
                            {
                                "id": {
                                    "references": [
                                        "aws_launch_template.app.id",
                                        "aws_launch_template.app",
                                    ]
                                },
                                "version": {"constant_value": "$Latest"},
                            }
                        ],
                        "root_block_device": [{"volume_size": {"constant_value": 8}}],
                    },
                ),
            ]
        },
    )
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    instance_node = resources["aws_instance.app"]
    template_id = instance_node.get("LaunchTemplate.LaunchTemplateId")
    assert isinstance(template_id, Reference)
    assert template_id.target == resources["aws_launch_template.app"].node_id
    assert instance_node.get("LaunchTemplate.LaunchTemplateName") is None  # computed: not set
    assert instance_node.get("BlockDeviceMappings.0.Ebs") == {"VolumeSize": 8}


def test_rule_lists_no_separate_resource_adds_to_are_empty_as_in_configuration(
    tmp_path: Path,
) -> None:
    # A new group's rule lists and a new role's `managed_policy_arns` are computed from
    # stand-alone resources; with none in the plan they hold nothing, as in configuration.
    group = _resource("aws_security_group.app", {"name": "app"})
    role = _resource("aws_iam_role.app", {"name": "app"})
    text = _plan(
        [group, role],
        [
            _change("aws_security_group.app", group["values"], {"ingress": True, "egress": True}),
            _change(
                "aws_iam_role.app",
                role["values"],
                {"managed_policy_arns": True, "inline_policy": True},
            ),
        ],
        {
            "resources": [
                _config("aws_security_group.app", {"name": {"constant_value": "app"}}),
                _config("aws_iam_role.app", {"name": {"constant_value": "app"}}),
            ]
        },
    )
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    assert resources["aws_security_group.app"].get("SecurityGroupEgress") == []
    assert resources["aws_security_group.app"].get("SecurityGroupIngress") is None
    assert resources["aws_iam_role.app"].get("ManagedPolicyArns") is None
    assert resources["aws_iam_role.app"].get("Policies") is None


def test_a_role_without_inline_policy_blocks_has_no_policies_in_a_plan() -> None:
    """The provider computes `inline_policy` from `aws_iam_role_policy` resources, which stay
    separate `AWS::IAM::Policy` resources: the role itself has none, as in configuration."""
    fixture = Path(__file__).parents[2] / "fixtures" / "controls"
    plan = fixture / "findings_automation_revokes_credentials" / "pass.tfplan.json"
    graph = parse([plan]).graph
    (role,) = graph.resources("AWS::IAM::Role")
    assert "Policies" not in role.properties
    assert role.get("ManagedPolicyArns") == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ]
    (inline,) = graph.resources("AWS::IAM::Policy")
    assert graph.related(inline, "AWS::IAM::Role") == [role]


def test_a_list_of_one_resource_attribute_is_a_list_of_one_reference() -> None:
    """`sns_topic_arns = [aws_sns_topic.alerts.arn]` is unknown in the plan; read with the
    configuration it is the topic, as the HCL reader sees it."""
    fixture = Path(__file__).parents[2] / "fixtures" / "controls"
    plan = fixture / "security_incidents_opened_automatically" / "pass_chatops.tfplan.json"
    graph = parse([plan]).graph
    (channel,) = graph.resources("AWS::Chatbot::SlackChannelConfiguration")
    (topic,) = graph.resources("AWS::SNS::Topic")
    (arn,) = channel.get("SnsTopicArns")
    assert isinstance(arn, Reference) and arn.target == topic.node_id


def test_nested_blocks_leave_out_what_the_provider_computes() -> None:
    """`recording_group` without `recording_strategy`: the provider computes the nested block,
    which the plan shows as unknown; read with the configuration it is absent, as in HCL."""
    fixture = Path(__file__).parents[2] / "fixtures" / "controls"
    plan = fixture / "config_recorder_records_all_resources" / "pass.tfplan.json"
    (recorder,) = parse([plan]).graph.resources("AWS::Config::ConfigurationRecorder")
    assert recorder.get("RecordingGroup") == {
        "AllSupported": True,
        "IncludeGlobalResourceTypes": True,
    }


def test_a_document_that_embeds_a_reference_stays_unknown() -> None:
    """`policy = jsonencode({... Resource = "${aws_s3_bucket.b.arn}/*"})` lists the same
    references as a bare `aws_s3_bucket.b.arn`: the document is unknown, not the ARN."""
    fixture = Path(__file__).parents[2] / "fixtures" / "controls"
    plan = fixture / "s3_bucket_server_access_logging_enabled" / "pass.tfplan.json"
    graph = parse([plan]).graph
    (policy,) = graph.resources("AWS::S3::BucketPolicy")
    assert is_unknown(policy.properties["PolicyDocument"])
    assert isinstance(policy.properties["Bucket"], Reference)


def test_rule_lists_left_out_of_a_new_group_hold_only_the_stand_alone_rules(
    tmp_path: Path,
) -> None:
    # `terraform plan` marks a group's unset `ingress`/`egress` as known after apply. For a new
    # group that is what stand-alone rules add (Terraform deletes the egress rule AWS adds),
    # as the HCL reader says; for a group that already exists, rules from elsewhere may remain.
    groups = [_resource(f"aws_security_group.{n}", {"name": n}) for n in ("new", "old")]
    rule = _resource(
        "aws_vpc_security_group_egress_rule.https",
        {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/8"},
    )
    configuration = {
        "resources": [
            _config("aws_security_group.new", {"name": {"constant_value": "new"}}),
            _config("aws_security_group.old", {"name": {"constant_value": "old"}}),
            _config(
                "aws_vpc_security_group_egress_rule.https",
                {"security_group_id": {"references": ["aws_security_group.new.id"]}},
            ),
        ]
    }
    computed = {"id": True, "ingress": True, "egress": True}
    changes = [
        _change("aws_security_group.new", groups[0]["values"], computed),
        _change("aws_security_group.old", groups[1]["values"], computed, ["update"]),
        _change(rule["address"], rule["values"], {"security_group_id": True}),
    ]
    result = scan(tmp_path, {"tfplan.json": _plan([*groups, rule], changes, configuration)})
    resources = by_address(result)
    new = resources["aws_security_group.new"]
    assert new.properties.get("SecurityGroupIngress", []) == []
    assert [r["FromPort"] for r in new.properties["SecurityGroupEgress"]] == [443]
    old = resources["aws_security_group.old"]
    assert is_unknown(old.properties["SecurityGroupEgress"])


def test_lists_of_resource_attributes_and_blocks_naming_one_resource_become_references(
    tmp_path: Path,
) -> None:
    subnets = [
        _resource(f"aws_subnet.data[{i}]", {"cidr_block": f"10.0.{i}.0/24"}, index=i)
        for i in range(11)
    ]
    other = _resource("aws_subnet.edge", {"cidr_block": "10.0.99.0/24"})
    gateway = _resource("aws_internet_gateway.main", {})
    groups = {
        name: {
            **_resource(f"aws_db_subnet_group.{name}", {"name": name}),
            "sensitive_values": {"subnet_ids": []},
        }
        for name in ("splat", "literal", "variable")
    }
    table = _resource(
        "aws_route_table.public",
        {"route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": ""}]},
    )
    configuration = {
        "resources": [
            _config(
                "aws_db_subnet_group.splat", {"subnet_ids": {"references": ["aws_subnet.data"]}}
            ),
            _config(
                "aws_db_subnet_group.literal",
                {
                    "subnet_ids": {
                        "references": [
                            "aws_subnet.edge.id",
                            "aws_subnet.edge",
                            "aws_subnet.data[0].id",
                            "aws_subnet.data[0]",
                        ]
                    }
                },
            ),
            _config(
                "aws_db_subnet_group.variable",
                {
                    "subnet_ids": {
                        "references": ["var.extra", "aws_subnet.edge.id", "aws_subnet.edge"]
                    }
                },
            ),
            _config(
                "aws_route_table.public",
                {
                    "route": {
                        "references": ["aws_internet_gateway.main.id", "aws_internet_gateway.main"]
                    }
                },
            ),
        ]
    }
    changes = [
        *(_change(g["address"], g["values"], {"subnet_ids": True}) for g in groups.values()),
        _change(table["address"], table["values"], {"route": [{"gateway_id": True}]}),
    ]
    resources_list = [*subnets, other, gateway, *groups.values(), table]
    result = scan(tmp_path, {"tfplan.json": _plan(resources_list, changes, configuration)})
    resources = by_address(result)

    def targets(address: str) -> list[str]:
        return [r.target.rsplit("#", 1)[-1] for r in resources[address].properties["SubnetIds"]]

    assert targets("aws_db_subnet_group.splat") == [f"aws_subnet.data[{i}]" for i in range(11)]
    assert targets("aws_db_subnet_group.literal") == ["aws_subnet.edge", "aws_subnet.data[0]"]
    assert is_unknown(resources["aws_db_subnet_group.variable"].properties["SubnetIds"])
    (route,) = [r for r in result.graph.resources("AWS::EC2::Route")]
    gateway_id = route.properties["GatewayId"]
    assert isinstance(gateway_id, Reference) and gateway_id.target.endswith(
        "#aws_internet_gateway.main"
    )


def test_nested_blocks_leave_out_what_their_configuration_does_not_set(tmp_path: Path) -> None:
    # `recording_group { all_supported = true }`: the plan marks the group's computed
    # `recording_strategy` known after apply; as in HCL, it is AWS's default, so absent.
    values = {"name": "default", "recording_group": [{"all_supported": True}]}
    recorder = _resource("aws_config_configuration_recorder.main", values)
    configuration = {
        "resources": [
            _config(
                "aws_config_configuration_recorder.main",
                {
                    "name": {"constant_value": "default"},
                    "recording_group": [{"all_supported": {"constant_value": True}}],
                },
            )
        ]
    }
    unknown = {"id": True, "recording_group": [{"recording_strategy": True}]}
    changes = [_change(recorder["address"], values, unknown)]
    result = scan(tmp_path, {"tfplan.json": _plan([recorder], changes, configuration)})
    found = by_address(result)["aws_config_configuration_recorder.main"]
    assert found.properties["RecordingGroup"] == {"AllSupported": True}
