"""An unresolved value decides a bucket policy's publicity only where it can matter."""

from __future__ import annotations

from collections.abc import Callable

from csmm_static import policy

Run = Callable[[str, str], dict[str, tuple[str, str]]]
CONTROL = "s3_bucket_policy_not_public"


def _values_matter() -> bool:
    """Whether the policy analysis lets a wildcard condition value leave a grant public."""
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "*"}},
    }
    return bool(policy.public_statements(policy.parse({"Statement": [statement]})))


def _policy(statement: str) -> str:
    return f"""
Parameters:
  Unresolved:
    Type: String
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: some-bucket
      PolicyDocument:
        Statement:
{statement}
"""


def test_unresolved_principal_is_unknown(run_control: Run) -> None:
    statement = """          - Effect: Allow
            Principal:
              AWS: !Ref Unresolved
            Action: s3:GetObject
            Resource: arn:aws:s3:::some-bucket/*"""
    assert run_control(CONTROL, _policy(statement))["Policy"][0] == "unknown"


def test_public_statement_with_an_unresolved_resource_fails(run_control: Run) -> None:
    statement = """          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Ref Unresolved"""
    assert run_control(CONTROL, _policy(statement))["Policy"][0] == "fail"


def test_unresolved_value_of_a_narrowing_condition_is_unknown(run_control: Run) -> None:
    statement = """          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::some-bucket/*
            Condition:
              StringEquals:
                aws:PrincipalOrgID: !Ref Unresolved"""
    expected = "unknown" if _values_matter() else "pass"
    assert run_control(CONTROL, _policy(statement))["Policy"][0] == expected


def test_known_public_statement_fails_despite_unresolved_ones(run_control: Run) -> None:
    statement = """          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Ref Unresolved
          - Effect: Allow
            Principal: "*"
            Action: s3:ListBucket
            Resource: arn:aws:s3:::some-bucket"""
    assert run_control(CONTROL, _policy(statement))["Policy"][0] == "fail"
