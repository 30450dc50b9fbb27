from typing import Any

from csmm_static.compute import find, launch_setting, require
from csmm_static.model import Graph, Reference, Resource, Unknown, as_list, control, lookup
from csmm_static.policy import actions_granted, parse

# AWS managed policies that let the SSM Agent register and open Session Manager channels.
_MANAGED = frozenset(
    {
        "AmazonSSMManagedInstanceCore",
        "AmazonSSMManagedEC2InstanceDefaultPolicy",
        "AmazonEC2RoleforSSM",
    }
)
_ACTIONS = (
    "ssm:UpdateInstanceInformation",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:OpenControlChannel",
)
_POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")


@control(
    pillar="compute",
    level=4,
    severity="high",
    subject="AWS::EC2::Instance",
    formats=("cfn", "tf", "tfplan"),
    refs={
        "fsbp": ["SSM.1"],
        "nist_csf": ["PR.AA-05", "PR.PS-01"],
        "prowler": ["ec2_instance_managed_by_ssm"],
    },
)
def ec2_instance_ssm_managed(instance: Resource, graph: Graph) -> bool:
    """EC2 instances' roles let Systems Manager manage them and open Session Manager shells.

    Why it matters:
        SSM-only administration needs the agent to reach Systems Manager with the instance
        role: without `ssm:UpdateInstanceInformation` and the `ssmmessages` channel actions
        the instance is neither patched nor reachable, and people fall back to SSH keys.

    Remediation:
        Attach `arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore` to the role of the
        instance profile (`ManagedPolicyArns` of `AWS::IAM::Role`; Terraform:
        `aws_iam_role_policy_attachment`), and add SSM VPC endpoints in private subnets.
    """
    name = launch_setting(graph, instance, "IamInstanceProfile")
    if isinstance(name, dict):  # a launch template names its profile by Arn or Name
        name = lookup(name, "Arn") or lookup(name, "Name")
    if not name:
        return False
    profile = require(
        graph, "AWS::IAM::InstanceProfile", name, "instance profile", ("InstanceProfileName",)
    )
    unresolved: list[str] = []
    for role_name in as_list(profile.get("Roles")):
        role = require(graph, "AWS::IAM::Role", role_name, "role", ("RoleName",))
        if _grants_ssm(role, graph, unresolved):
            return True
    if unresolved:
        raise Unknown(f"managed policies {', '.join(sorted(unresolved))} are not in the scan")
    return False


def _grants_ssm(role: Resource, graph: Graph, unresolved: list[str]) -> bool:
    documents: list[Any] = [lookup(p, "PolicyDocument") for p in as_list(role.get("Policies"))]
    for arn in as_list(role.get("ManagedPolicyArns")):
        policy = find(graph, "AWS::IAM::ManagedPolicy", arn, ("PolicyArn", "ManagedPolicyName"))
        if policy is not None:
            documents.append(policy.get("PolicyDocument"))
        elif ":aws:policy/" in str(arn):
            if str(arn).rsplit("/", 1)[-1] in _MANAGED:
                return True
        else:
            unresolved.append(str(arn))
    for attached in graph.related(role, direction="in"):
        if attached.type in _POLICY_TYPES and any(
            isinstance(r, Reference) and r.target == role.node_id
            for r in as_list(attached.get("Roles"))
        ):
            documents.append(attached.get("PolicyDocument"))
    granted = {
        action for document in documents for action in actions_granted(parse(document), _ACTIONS)
    }
    return granted >= set(_ACTIONS)
