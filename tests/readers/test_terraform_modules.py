"""Root modules, local and vendored modules, expansion, variables and files."""

from __future__ import annotations

import json
from pathlib import Path

from csmm_static.model import is_unknown
from tests.readers.terraform_support import by_address, reason, scan, write

BUCKET_MODULE = {
    "modules/bucket/main.tf": """
variable "name" {}
variable "versioned" {
  type    = bool
  default = false
}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_versioning" "this" {
  count  = var.versioned ? 1 : 0
  bucket = aws_s3_bucket.this.id
  versioning_configuration { status = "Enabled" }
}
output "arn" { value = aws_s3_bucket.this.arn }
""",
}


def test_local_modules_take_arguments_and_give_outputs(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            **BUCKET_MODULE,
            "main.tf": """
module "logs" {
  source    = "./modules/bucket"
  name      = "logs"
  versioned = true
}
module "data" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b"])
  name     = "data-${each.key}"
}
resource "aws_test_value" "x" { arn = module.logs.arn }
""",
        },
    )
    resources = by_address(result)
    assert resources["module.logs.aws_s3_bucket.this"].get("BucketName") == "logs"
    assert (
        resources["module.logs.aws_s3_bucket.this"].get("VersioningConfiguration.Status")
        == "Enabled"
    )
    assert resources['module.data["a"].aws_s3_bucket.this'].get("BucketName") == "data-a"
    assert not resources['module.data["b"].aws_s3_bucket.this'].has("VersioningConfiguration")
    assert 'module.data["a"].aws_s3_bucket_versioning.this[0]' not in resources
    assert (
        resources["aws_test_value.x"].properties["arn"] == "${module.logs.aws_s3_bucket.this.arn}"
    )
    bucket = resources["module.logs.aws_s3_bucket.this"]
    assert bucket.source is not None and bucket.source.file.endswith("modules/bucket/main.tf")
    assert bucket.source.line == 7 and bucket.source.context == "module.logs"
    edge = [e for e in result.graph.edges() if e.source == resources["aws_test_value.x"].node_id]
    assert [e.target for e in edge] == [bucket.node_id]


def test_called_module_directories_are_not_scanned_again_as_roots(tmp_path: Path) -> None:
    files = {
        "main.tf": 'resource "aws_sqs_queue" "q" {}\n',
        "examples/basic/main.tf": 'module "m" {\n  source = "../../"\n}\n',
        "examples/two/main.tf": 'module "m" {\n  source = "../.."\n  count  = 2\n}\n',
    }
    result = scan(tmp_path, files)
    addresses = sorted(
        r.node_id.split("/", len(tmp_path.parts))[-1]
        for r in result.graph
        if r.type != "AWS::Account"
    )
    assert addresses == [
        "examples/basic#module.m.aws_sqs_queue.q",
        "examples/two#module.m[0].aws_sqs_queue.q",
        "examples/two#module.m[1].aws_sqs_queue.q",
    ]


def test_modules_calling_each_other_are_cut_with_a_diagnostic(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "a/main.tf": 'module "b" {\n  source = "../b"\n}\nresource "aws_sqs_queue" "a" {}\n',
            "b/main.tf": 'module "a" {\n  source = "../a"\n}\nresource "aws_sqs_queue" "b" {}\n',
        },
    )
    assert [d.code for d in result.diagnostics] == ["module-cycle"]
    assert sorted(by_address(result)) == ["aws_sqs_queue.a", "module.b.aws_sqs_queue.b"]


def test_a_remote_module_not_vendored_is_one_diagnostic_and_a_skipped_input(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
module "vpc" {
  source   = "terraform-aws-modules/vpc/aws"
  for_each = toset(["a", "b"])
}
resource "aws_test_value" "x" { id = module.vpc["a"].vpc_id }
"""
        },
    )
    diagnostics = [d for d in result.diagnostics if d.code == "module-not-vendored"]
    assert len(diagnostics) == 1 and diagnostics[0].line == 2
    skipped = [f for f in result.files if f.status == "skipped"]
    assert [f.file.rsplit("/", 1)[-1] for f in skipped] == ["main.tf#module.vpc"]
    assert "not in the scan" in reason(by_address(result)["aws_test_value.x"].properties["id"])


def test_vendored_remote_modules_are_read_from_terraform_modules(tmp_path: Path) -> None:
    manifest = {
        "Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {
                "Key": "vpc",
                "Source": "registry.terraform.io/x/vpc/aws",
                "Version": "5.0.0",
                "Dir": ".terraform/modules/vpc",
            },
        ]
    }
    result = scan(
        tmp_path,
        {
            "main.tf": 'module "vpc" {\n  source = "x/vpc/aws"\n  cidr = "10.1.0.0/16"\n}\n',
            ".terraform/modules/modules.json": json.dumps(manifest),
            ".terraform/modules/vpc/main.tf": (
                'variable "cidr" {}\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n'
            ),
        },
    )
    assert by_address(result)["module.vpc.aws_vpc.this"].get("CidrBlock") == "10.1.0.0/16"
    assert not result.diagnostics


def test_a_module_source_outside_the_scanned_root_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, {"shared/main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    result = scan(tmp_path / "app", {"main.tf": 'module "s" {\n  source = "../shared"\n}\n'})
    assert [d.code for d in result.diagnostics] == ["outside-root"]
    assert not by_address(result)


def test_unknown_count_keeps_one_resource_of_unknown_multiplicity(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "n" { type = number }
resource "aws_instance" "web" {
  count         = var.n
  instance_type = "t3.micro"
  tags          = { Name = "web-${count.index}" }
}
"""
        },
    )
    web = by_address(result)["aws_instance.web"]
    assert web.multiplicity_unknown
    assert web.get("InstanceType") == "t3.micro"
    assert is_unknown(web.properties["Tags"][0]["Value"])


def test_dynamic_blocks_with_unknown_elements_keep_the_static_blocks(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
variable "extra" {}
resource "aws_security_group" "sg" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "ingress" {
    for_each = var.extra
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}
"""
        },
    )
    rules = by_address(result)["aws_security_group.sg"].properties["SecurityGroupIngress"]
    assert rules[0] == {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}
    assert len(rules) == 2 and is_unknown(rules[1]["CidrIp"])


def test_variable_values_follow_terraform_precedence(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "tags" { type = map(string) }
resource "aws_test_value" "x" { v = [var.a, var.b, var.c, var.d, var.e, var.tags] }
""",
            "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\nd = "tfvars"\n',
            "1.auto.tfvars": 'b = "auto1"\nc = "auto1"\n',
            "2.auto.tfvars.json": '{"c": "auto2", "d": "auto2"}',
        },
    )
    extra = tmp_path.parent / f"{tmp_path.name}-extra.tfvars"
    extra.write_text('d = "var-file"\ne = "var-file"\n', encoding="utf-8")
    result = scan(
        tmp_path, var_files=(extra,), variables=(("e", "cli"), ("tags", '{ Team = "sec" }'))
    )
    value = by_address(result)["aws_test_value.x"].properties["v"]
    assert value == ["tfvars", "auto1", "auto2", "var-file", "cli", {"Team": "sec"}]
    assert {f.file.rsplit("/", 1)[-1]: f.status for f in result.files if "tfvars" in f.file} == {
        "terraform.tfvars": "read",
        "1.auto.tfvars": "read",
        "2.auto.tfvars.json": "read",
    }


def test_a_tfvars_file_terraform_does_not_load_is_skipped_with_advice(tmp_path: Path) -> None:
    result = scan(tmp_path, {"main.tf": 'variable "a" {}\n', "prod.tfvars": 'a = "x"\n'})
    record = next(f for f in result.files if f.file.endswith("prod.tfvars"))
    assert record.status == "skipped" and "--var-file" in record.detail


def test_a_variable_without_value_says_how_to_give_one(tmp_path: Path) -> None:
    result = scan(
        tmp_path, {"main.tf": 'variable "env" {}\nresource "aws_test_value" "x" { v = var.env }\n'}
    )
    assert "--var" in reason(by_address(result)["aws_test_value.x"].properties["v"])


def test_files_are_read_inside_the_scanned_root_only(tmp_path: Path) -> None:
    (tmp_path.parent / f"{tmp_path.name}-secret.txt").write_text("secret", encoding="utf-8")
    result = scan(
        tmp_path,
        {
            "policy.json": '{"Version": "2012-10-17"}',
            "user_data.sh.tpl": "echo ${name}",
            "main.tf": f"""
resource "aws_test_value" "x" {{
  inside   = file("${{path.module}}/policy.json")
  template = templatefile("user_data.sh.tpl", {{ name = "web" }})
  outside  = file("../{tmp_path.name}-secret.txt")
}}
""",
        },
    )
    properties = by_address(result)["aws_test_value.x"].properties
    assert properties["inside"] == '{"Version": "2012-10-17"}'
    assert properties["template"] == "echo web"
    assert "outside the scanned root" in reason(properties["outside"])


def test_a_file_that_does_not_parse_is_a_diagnostic_with_its_line(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "good.tf": 'resource "aws_sqs_queue" "q" {}\n',
            "bad.tf": 'resource "aws_sqs_queue" "r" {\n  name = "x"\n  broken = = 1\n}\n',
        },
    )
    assert list(by_address(result)) == ["aws_sqs_queue.q"]
    [problem] = result.diagnostics
    assert problem.file.endswith("bad.tf") and problem.line == 3 and problem.code == "parse-error"
    assert {f.file.rsplit("/", 1)[-1]: f.status for f in result.files} == {
        "bad.tf": "error",
        "good.tf": "read",
    }


def test_json_syntax_configuration_is_read(tmp_path: Path) -> None:
    document = {
        "variable": {"name": {"default": "from-json"}},
        "resource": {"aws_s3_bucket": {"b": {"bucket": "${var.name}", "tags": {"Env": "prod"}}}},
    }
    result = scan(tmp_path, {"main.tf.json": json.dumps(document, indent=2)})
    bucket = by_address(result)["aws_s3_bucket.b"]
    assert bucket.get("BucketName") == "from-json"
    assert bucket.tags == {"Env": "prod"}
    assert bucket.source is not None and bucket.source.line == 9


def test_override_files_replace_arguments_of_the_same_block(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": 'resource "aws_ebs_volume" "v" {\n  size = 10\n  encrypted = false\n}\n',
            "override.tf": 'resource "aws_ebs_volume" "v" {\n  encrypted = true\n}\n',
        },
    )
    volume = by_address(result)["aws_ebs_volume.v"]
    assert volume.get("Encrypted") is True and volume.get("Size") == 10


def test_modules_called_from_several_roots_are_parsed_once(tmp_path: Path) -> None:
    from csmm_static.readers.terraform.loader import Loader

    write(tmp_path, BUCKET_MODULE)
    loader = Loader(tmp_path.resolve(), lambda p: p.as_posix(), 10_000_000)
    directory = (tmp_path / "modules/bucket").resolve()
    first = loader.source(directory)
    assert loader.source(directory) is first
    assert loader.parse(directory / "main.tf") is loader.parse(directory / "main.tf")


def test_a_file_that_is_not_utf8_is_a_diagnostic_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "latin1.tf").write_bytes(b'resource "aws_sqs_queue" "q" {\n  name = "caf\xe9"\n}\n')
    result = scan(tmp_path)
    [problem] = result.diagnostics
    assert (problem.line, problem.code) == (2, "unreadable") and "UTF-8" in problem.message


def test_modules_nested_beyond_the_depth_limit_are_cut_with_a_diagnostic(tmp_path: Path) -> None:
    files = {
        f"m{i}/main.tf": f'module "next" {{\n  source = "../m{i + 1}"\n}}\n' for i in range(20)
    }
    files["m20/main.tf"] = 'resource "aws_sqs_queue" "deep" {}\n'
    result = scan(tmp_path, files)
    assert [d.code for d in result.diagnostics] == ["too-deep"]
    assert not by_address(result)


def test_for_each_over_a_huge_set_is_not_expanded(tmp_path: Path) -> None:
    keys = '[for i in range(1000) : [for j in range(5) : "${i}-${j}"]]'
    text = (
        'resource "aws_s3_bucket" "many" {\n'
        f"  for_each = toset(flatten({keys}))\n"
        "  bucket = each.key\n}\n"
    )
    result = scan(tmp_path, {"main.tf": text})
    buckets = [r for r in by_address(result).values() if r.type == "AWS::S3::Bucket"]
    assert len(buckets) == 1 and "too large" in reason(buckets[0].properties["BucketName"])
    # Said once, where the block is: the user learns that the number of instances was not read.
    (warning,) = [d for d in result.diagnostics if d.code == "too-many-instances"]
    assert warning.file.endswith("main.tf") and (warning.line, warning.level) == (1, "warning")
    assert "5000 elements" in warning.message


def test_a_huge_count_is_said_once_per_block(tmp_path: Path) -> None:
    text = (
        'variable "n" { default = 100000 }\n'
        'resource "aws_sqs_queue" "q" {\n  count = var.n\n  name = "q-${count.index}"\n}\n'
        'resource "aws_sqs_queue" "r" {\n  name = aws_sqs_queue.q[0].name\n}\n'
    )
    result = scan(tmp_path, {"main.tf": text})
    warnings = [d for d in result.diagnostics if d.code == "too-many-instances"]
    assert [(d.line, "count of aws_sqs_queue.q is 100000" in d.message) for d in warnings] == [
        (2, True)
    ]


def test_a_nul_byte_in_a_module_source_or_file_path_is_diagnosed_not_raised(
    tmp_path: Path,
) -> None:
    # The operating system refuses such paths with ValueError, which no OSError handler sees.
    text = (
        'module "sg" {\n  source = "../\\u0000./"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = file("a\\u0000b")\n'
        '  tags = { n = length(fileset("a\\u0000", "*")) }\n}\n'
    )
    result = scan(tmp_path, {"main.tf": text})
    assert [(d.code, d.line) for d in result.diagnostics] == [("module-source", 1)]
    bucket = by_address(result)["aws_s3_bucket.b"]
    assert "cannot be resolved" in reason(bucket.properties["BucketName"])
