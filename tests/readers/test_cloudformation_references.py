"""CloudFormation reader behaviour that controls depend on."""

from __future__ import annotations

from pathlib import Path

from csmm_static.model import Reference
from csmm_static.readers import parse

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: "*"
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub ${Boundary.PolicyArn}
        - !Sub "${Boundary}"
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
      PermissionsBoundary: !Sub "${Boundary}/suffix"
"""


def test_sub_of_a_single_resource_attribute_is_a_reference(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    graph = parse([path]).graph
    (role,) = graph.resources("AWS::IAM::Role")
    (boundary,) = graph.resources("AWS::IAM::ManagedPolicy")
    by_attribute, by_ref, aws_managed = role.properties["ManagedPolicyArns"]
    assert isinstance(by_attribute, Reference)
    assert (by_attribute.target, by_attribute.attribute) == (boundary.node_id, "PolicyArn")
    assert str(by_attribute) == "${Boundary.PolicyArn}"
    assert isinstance(by_ref, Reference) and by_ref.attribute == "Ref"
    assert aws_managed == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    # Text around the reference keeps the substitution a plain string.
    assert not isinstance(role.properties["PermissionsBoundary"], Reference)
    assert boundary in graph.related(role, "AWS::IAM::ManagedPolicy", direction="out")
