"""IAM principals through the graph: which policies apply to a role, user or group, what that
lets it do (admin, privilege escalation), and which roles a resource runs as.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from csmm_static.model import (
    Graph,
    Reference,
    Resource,
    Unknown,
    as_list,
    is_unknown,
    unknown_reason,
)
from csmm_static.policy.documents import ANY_ACTION, Policy, Statement, parse

_AWS_MANAGED_ARN = re.compile(r"^arn:[\w-]+:iam::aws:policy/(?:.+/)?([^/]+)$")

_READ_ONLY = {
    "Statement": [
        {"Effect": "Allow", "Action": ["*:Describe*", "*:Get*", "*:List*"], "Resource": "*"}
    ]
}
AWS_MANAGED_POLICIES: Mapping[str, dict[str, Any]] = {
    "AdministratorAccess": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
    "PowerUserAccess": {
        "Statement": [
            {
                "Effect": "Allow",
                "NotAction": ["iam:*", "organizations:*", "account:*"],
                "Resource": "*",
            },
            {
                "Effect": "Allow",
                "Action": [
                    "account:GetAccountInformation",
                    "account:GetPrimaryEmail",
                    "account:ListRegions",
                    "iam:CreateServiceLinkedRole",
                    "iam:DeleteServiceLinkedRole",
                    "iam:ListRoles",
                    "organizations:DescribeOrganization",
                ],
                "Resource": "*",
            },
        ]
    },
    "IAMFullAccess": {
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["iam:*", "organizations:Describe*", "organizations:List*"],
                "Resource": "*",
            }
        ]
    },
    "AWSCloudShellFullAccess": {
        "Statement": [{"Effect": "Allow", "Action": ["cloudshell:*"], "Resource": "*"}]
    },
    # Read-only job functions: a stand-in that answers the privileged-action questions.
    "ReadOnlyAccess": _READ_ONLY,
    "ViewOnlyAccess": _READ_ONLY,
    "SecurityAudit": _READ_ONLY,
}
ADMIN_POLICY_NAMES = frozenset({"AdministratorAccess"})

# Privilege escalation: each path is a list of requirements, each satisfied by any one of its
# actions, all granted unconditionally on every resource. A curated, quiet subset of the
# published paths (Rhino Security Labs, Bishop Fox): direct self-modification of IAM and
# passing a role to new compute.
_PASSROLE = ("iam:PassRole",)
ESCALATION_PATHS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    **{
        action: ((action,),)
        for action in (
            "iam:CreatePolicyVersion",
            "iam:SetDefaultPolicyVersion",
            "iam:AttachUserPolicy",
            "iam:AttachGroupPolicy",
            "iam:AttachRolePolicy",
            "iam:PutUserPolicy",
            "iam:PutGroupPolicy",
            "iam:PutRolePolicy",
            "iam:AddUserToGroup",
            "iam:CreateAccessKey",
            "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile",
            "iam:UpdateAssumeRolePolicy",
            "iam:DeleteRolePermissionsBoundary",
            "iam:DeleteUserPermissionsBoundary",
            "iam:PutRolePermissionsBoundary",
            "iam:PutUserPermissionsBoundary",
            "lambda:UpdateFunctionCode",
            "glue:UpdateDevEndpoint",
        )
    },
    "iam:PassRole+ec2:RunInstances": (_PASSROLE, ("ec2:RunInstances",)),
    "iam:PassRole+lambda:CreateFunction": (
        _PASSROLE,
        ("lambda:CreateFunction",),
        ("lambda:InvokeFunction", "lambda:CreateEventSourceMapping", "lambda:AddPermission"),
    ),
    "iam:PassRole+cloudformation:CreateStack": (_PASSROLE, ("cloudformation:CreateStack",)),
    "iam:PassRole+glue:CreateDevEndpoint": (_PASSROLE, ("glue:CreateDevEndpoint",)),
    "iam:PassRole+codebuild:CreateProject": (
        _PASSROLE,
        ("codebuild:CreateProject",),
        ("codebuild:StartBuild", "codebuild:StartBuildBatch"),
    ),
    "iam:PassRole+ecs:RegisterTaskDefinition": (
        _PASSROLE,
        ("ecs:RegisterTaskDefinition",),
        ("ecs:RunTask", "ecs:StartTask", "ecs:CreateService"),
    ),
    "iam:PassRole+sagemaker:CreateNotebookInstance": (
        _PASSROLE,
        ("sagemaker:CreateNotebookInstance",),
    ),
    "iam:PassRole+datapipeline:CreatePipeline": (
        _PASSROLE,
        ("datapipeline:CreatePipeline",),
        ("datapipeline:PutPipelineDefinition",),
    ),
    "iam:PassRole+apprunner:CreateService": (_PASSROLE, ("apprunner:CreateService",)),
}

# How each principal type is named, and which attachment properties name it.
_NAME_PROPERTY = {
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::SSO::PermissionSet": "Name",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::StepFunctions::StateMachine": "StateMachineName",
    "AWS::Config::ConfigRule": "ConfigRuleName",
}
_ARN_KIND = {
    "AWS::IAM::Role": "role",
    "AWS::IAM::User": "user",
    "AWS::IAM::Group": "group",
    "AWS::IAM::ManagedPolicy": "policy",
}
_LIST_PROPERTY = {"AWS::IAM::Role": "Roles", "AWS::IAM::User": "Users", "AWS::IAM::Group": "Groups"}
_SINGLE_POLICY_TYPE = {
    "AWS::IAM::Role": ("AWS::IAM::RolePolicy", "RoleName"),
    "AWS::IAM::User": ("AWS::IAM::UserPolicy", "UserName"),
    "AWS::IAM::Group": ("AWS::IAM::GroupPolicy", "GroupName"),
}


def aws_managed_policy_name(arn: Any) -> str | None:
    """`AdministratorAccess` from `arn:aws:iam::aws:policy/AdministratorAccess` (any
    partition, any path); None for anything that is not an AWS managed policy ARN."""
    if not isinstance(arn, str):
        return None
    match = _AWS_MANAGED_ARN.match(arn)
    return match.group(1) if match else None


def _names(resource: Resource) -> set[str]:
    """The names a literal in another resource may use for `resource`."""
    names = set()
    key = _NAME_PROPERTY.get(resource.type)
    for value in (resource.properties.get(key) if key else None, resource.properties.get("Arn")):
        if isinstance(value, str) and not isinstance(value, Reference) and value:
            names.add(value)
    if resource.address.startswith("arn:"):
        names.add(resource.address)
    return names


def _literal_keys(literal: str, kind: str | None) -> list[str]:
    """The names a literal may designate a resource by: itself and, for an ARN of the right
    kind (`role`, `user`, ...), its last path segment."""
    keys = [literal]
    if literal.startswith("arn:") and (kind is None or f":{kind}/" in literal):
        keys.append(re.split(r"[/:]", literal)[-1])
    return keys


def _names_match(literal: str, resource: Resource) -> bool:
    names = _names(resource)
    kind = _ARN_KIND.get(resource.type)
    if literal.startswith("arn:") and literal not in names and kind and f":{kind}/" not in literal:
        return False
    return any(key in names for key in _literal_keys(literal, kind))


def refers_to(value: Any, resource: Resource) -> bool:
    """True when `value` (a Reference, a name or an ARN) designates `resource`."""
    if isinstance(value, Reference):
        return value.target == resource.node_id
    return isinstance(value, str) and _names_match(value, resource)


# Resources that attach something to a principal: type -> (property, principal type, list?).
_ATTACHMENTS: tuple[tuple[str, str, str, bool], ...] = (
    ("AWS::IAM::Policy", "Roles", "AWS::IAM::Role", True),
    ("AWS::IAM::Policy", "Users", "AWS::IAM::User", True),
    ("AWS::IAM::Policy", "Groups", "AWS::IAM::Group", True),
    ("AWS::IAM::ManagedPolicy", "Roles", "AWS::IAM::Role", True),
    ("AWS::IAM::ManagedPolicy", "Users", "AWS::IAM::User", True),
    ("AWS::IAM::ManagedPolicy", "Groups", "AWS::IAM::Group", True),
    ("AWS::IAM::RolePolicy", "RoleName", "AWS::IAM::Role", False),
    ("AWS::IAM::UserPolicy", "UserName", "AWS::IAM::User", False),
    ("AWS::IAM::GroupPolicy", "GroupName", "AWS::IAM::Group", False),
    ("AWS::IAM::UserToGroupAddition", "Users", "AWS::IAM::User", True),
    ("AWS::IAM::AccessKey", "UserName", "AWS::IAM::User", False),
)


class _Index:
    """Name and attachment lookups over one graph, so that asking about every principal does
    not rescan every policy: built once per graph (`_index`) and rebuilt if the graph grows."""

    def __init__(self, graph: Graph) -> None:
        self.size = len(graph)  # never hold the graph itself: it is the cache's weak key
        self._names: dict[str, dict[str, list[Resource]]] = {}
        # (attaching type, principal type) -> key -> attaching resources; keys are
        # "ref:<node id>" or "name:<literal>".
        self.members: dict[tuple[str, str], dict[str, list[Resource]]] = {}
        self.undecided: dict[tuple[str, str], list[Resource]] = {}
        for rtype, key, principal_type, is_list in _ATTACHMENTS:
            slot = self.members.setdefault((rtype, principal_type), {})
            for resource in graph.resources(rtype):
                try:
                    raw = resource.get(key)
                    values = as_list(raw) if is_list else [raw]
                except Unknown:
                    self.undecided.setdefault((rtype, principal_type), []).append(resource)
                    continue
                for value in values:
                    for member_key in _member_keys(value, _ARN_KIND.get(principal_type)):
                        bucket = slot.setdefault(member_key, [])
                        if resource not in bucket:
                            bucket.append(resource)

    def by_name(self, graph: Graph, type: str, literal: str) -> list[Resource]:
        table = self._names.get(type)
        if table is None:
            table = {}
            for resource in graph.resources(type):
                for name in sorted(_names(resource)):
                    table.setdefault(name, []).append(resource)
            self._names[type] = table
        kind = _ARN_KIND.get(type)
        for key in _literal_keys(literal, kind):
            if key in table:
                return [r for r in table[key] if _names_match(literal, r)]
        return []

    def attaching(self, rtype: str, principal: Resource) -> list[Resource]:
        """Resources of `rtype` that name `principal` (by reference, name or ARN)."""
        slot = self.members.get((rtype, principal.type), {})
        keys = [f"ref:{principal.node_id}"] + [f"name:{n}" for n in sorted(_names(principal))]
        found = {r.node_id: r for key in keys for r in slot.get(key, [])}
        return [found[k] for k in sorted(found)]


def _member_keys(value: Any, kind: str | None) -> list[str]:
    if is_unknown(value):
        return []
    if isinstance(value, Reference):
        return [f"ref:{value.target}"] if value.target else []
    if isinstance(value, str) and value:
        return [f"name:{key}" for key in _literal_keys(value, kind)]
    return []


_INDEXES: weakref.WeakKeyDictionary[Graph, _Index] = weakref.WeakKeyDictionary()


def _index(graph: Graph) -> _Index:
    """The graph's lookup index; a cache only (same answers, computed once)."""
    found = _INDEXES.get(graph)
    if found is None or found.size != len(graph):
        found = _Index(graph)
        _INDEXES[graph] = found
    return found


def resources_naming(principal: Resource, graph: Graph, rtype: str) -> list[Resource]:
    """The resources of `rtype` that attach something to `principal` through the property
    that names it: policies (`Roles`/`Users`/`Groups`, `RoleName`, ...), group additions
    (`Users`) and access keys (`UserName`), by reference, name or ARN."""
    return _index(graph).attaching(rtype, principal)


def resolve(value: Any, graph: Graph, type: str) -> Resource | None:
    """The resource of `type` that `value` designates: the target of a Reference, or the one
    whose name or ARN the literal is. None when it is not in the scan."""
    if is_unknown(value):
        raise Unknown(unknown_reason(value))
    if isinstance(value, Reference):
        target = graph.get(value.target) if value.target else None
        return target if target is not None and target.type == type else None
    if not isinstance(value, str) or not value:
        return None
    found = _index(graph).by_name(graph, type, value)
    return found[0] if found else None


@dataclass(frozen=True)
class AttachedPolicy:
    """One policy document that applies to a principal.

    `kind` is `inline` (the principal's `Policies`), `policy` (an `AWS::IAM::Policy` or
    `RolePolicy`/`UserPolicy`/`GroupPolicy` naming it), `managed` (a customer managed policy)
    or `aws-managed`. `via` names the group it came through ("" when direct). `policy` is None
    when the document is not in the scan (a customer managed policy of another stack, or an
    AWS managed policy outside `AWS_MANAGED_POLICIES`).
    """

    kind: str
    name: str
    policy: Policy | None
    via: str = ""

    @property
    def resolved(self) -> bool:
        """The document is known, or is an AWS managed policy assumed unprivileged."""
        return self.policy is not None or self.kind == "aws-managed"


def _managed(value: Any, graph: Graph, via: str) -> AttachedPolicy:
    """A `ManagedPolicyArns` entry (or a permissions boundary) as an attached policy."""
    if is_unknown(value):
        raise Unknown(f"managed policy ARN: {unknown_reason(value)}")
    name = aws_managed_policy_name(value)
    if name is not None and not isinstance(value, Reference):
        document = AWS_MANAGED_POLICIES.get(name)
        return AttachedPolicy("aws-managed", name, parse(document) if document else None, via)
    found = resolve(value, graph, "AWS::IAM::ManagedPolicy")
    if found is None:
        return AttachedPolicy("managed", str(value), None, via)
    return AttachedPolicy("managed", found.address, parse(found.get("PolicyDocument")), via)


def _own_policies(principal: Resource, graph: Graph, via: str) -> list[AttachedPolicy]:
    found: list[AttachedPolicy] = []
    for index, item in enumerate(as_list(principal.get("Policies"))):
        if is_unknown(item):
            raise Unknown(f"Policies: {unknown_reason(item)}")
        if isinstance(item, dict):
            name = item.get("PolicyName")
            label = name if isinstance(name, str) else f"Policies.{index}"
            found.append(AttachedPolicy("inline", label, parse(item.get("PolicyDocument")), via))
    managed_seen: set[str] = set()
    for value in as_list(principal.get("ManagedPolicyArns")):
        attached = _managed(value, graph, via)
        managed_seen.add(attached.name)
        found.append(attached)
    lookups = _index(graph)
    for policy_type in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        kind = "policy" if policy_type == "AWS::IAM::Policy" else "managed"
        for policy in lookups.attaching(policy_type, principal):
            if kind == "managed" and policy.address in managed_seen:
                continue
            found.append(
                AttachedPolicy(kind, policy.address, parse(policy.get("PolicyDocument")), via)
            )
        # Which principals these name depends on the deployment: they may apply here.
        for policy in lookups.undecided.get((policy_type, principal.type), []):
            if any(r.node_id == principal.node_id for r in graph.related(policy)):
                found.append(AttachedPolicy(kind, policy.address, None, via))
    single_type, _ = _SINGLE_POLICY_TYPE[principal.type]
    for policy in lookups.attaching(single_type, principal):
        found.append(
            AttachedPolicy("policy", policy.address, parse(policy.get("PolicyDocument")), via)
        )
    return found


# Every place an identity policy document lives, as (type, property path of the document).
_DOCUMENT_PLACES = (
    ("AWS::IAM::ManagedPolicy", "PolicyDocument"),
    ("AWS::IAM::Policy", "PolicyDocument"),
    ("AWS::IAM::RolePolicy", "PolicyDocument"),
    ("AWS::IAM::UserPolicy", "PolicyDocument"),
    ("AWS::IAM::GroupPolicy", "PolicyDocument"),
    ("AWS::SSO::PermissionSet", "InlinePolicy"),
)


def identity_policy_documents(graph: Graph) -> list[tuple[Resource, Any]]:
    """Every identity policy document in the graph, unparsed, with the resource that holds
    it: managed and inline policy resources, principals' inline `Policies`, permission set
    inline policies. Parse each with `parse` where its unknown parts may be tolerated."""
    found: list[tuple[Resource, Any]] = []
    for rtype, path in _DOCUMENT_PLACES:
        for resource in graph.resources(rtype):
            if resource.has(path):
                found.append((resource, resource.properties.get(path)))
    for rtype in _LIST_PROPERTY:
        for principal in graph.resources(rtype):
            policies = principal.properties.get("Policies")
            for item in policies if isinstance(policies, list) else []:
                if isinstance(item, dict):
                    found.append((principal, item.get("PolicyDocument")))
    return found


def user_groups(user: Resource, graph: Graph) -> list[Resource]:
    """The groups a user belongs to: its `Groups` and `AWS::IAM::UserToGroupAddition`s."""
    groups: dict[str, Resource] = {}
    for value in as_list(user.get("Groups")):
        group = resolve(value, graph, "AWS::IAM::Group")
        if group is not None:
            groups[group.node_id] = group
    for addition in _index(graph).attaching("AWS::IAM::UserToGroupAddition", user):
        group = resolve(addition.get("GroupName"), graph, "AWS::IAM::Group")
        if group is not None:
            groups[group.node_id] = group
    return [groups[k] for k in sorted(groups)]


def attached_policies(
    principal: Resource, graph: Graph, *, through_groups: bool = True
) -> list[AttachedPolicy]:
    """Every identity policy that applies to a role, user or group: inline `Policies`,
    `AWS::IAM::Policy` (and `RolePolicy`/`UserPolicy`/`GroupPolicy`) resources that name it,
    `ManagedPolicyArns` resolved to `AWS::IAM::ManagedPolicy` resources or known AWS managed
    policies, managed policies that name it in `Roles`/`Users`/`Groups`, and for a user the
    policies of its groups (unless `through_groups` is False)."""
    if principal.type not in _LIST_PROPERTY:
        raise ValueError(f"{principal.type} is not an IAM principal")
    found = _own_policies(principal, graph, "")
    if principal.type == "AWS::IAM::User" and through_groups:
        for group in user_groups(principal, graph):
            found.extend(_own_policies(group, graph, group.address))
    return found


def permissions_boundary(principal: Resource, graph: Graph) -> AttachedPolicy | None:
    """The principal's permissions boundary, when it has one."""
    value = principal.get("PermissionsBoundary")
    if value in (None, ""):
        return None
    return _managed(value, graph, "")


@dataclass(frozen=True)
class PrincipalAccess:
    """What a role, user or group may do, from every policy the graph attaches to it.

    Only unconditional statements count (see the module docstring). An unconditional Deny in
    the principal's own policies removes a grant; a permissions boundary must allow it too.
    """

    principal: Resource
    policies: tuple[AttachedPolicy, ...]
    boundary: AttachedPolicy | None = None

    @property
    def unresolved(self) -> list[AttachedPolicy]:
        return [p for p in self.policies if not p.resolved]

    def statements(self) -> list[Statement]:
        return [s for p in self.policies if p.policy is not None for s in p.policy]

    def allow_statements(self, action: str, resource: str = "*") -> list[Statement]:
        """Unconditional Allow statements covering `action` on `resource`."""
        return [
            s
            for s in self.statements()
            if s.allows and s.unconditional and s.covers_action(action)
            if s.covers_resource(resource)
        ]

    def _denied(self, action: str, resource: str) -> bool:
        return any(
            not s.allows and s.unconditional and s.covers_action(action)
            for s in self.statements()
            if s.covers_resource(resource) or s.all_resources()
        )

    def _boundary_allows(self, action: str, resource: str) -> bool:
        if self.boundary is None:
            return True
        if self.boundary.policy is None:
            if self.boundary.kind == "aws-managed":
                return False  # an AWS managed boundary outside the table grants nothing we ask
            raise Unknown(f"permissions boundary {self.boundary.name} is not in the scan")
        statements = list(self.boundary.policy)
        allowed = any(
            s.allows and s.unconditional and s.covers_action(action) and s.covers_resource(resource)
            for s in statements
        )
        denied = any(
            not s.allows and s.unconditional and s.covers_action(action) for s in statements
        )
        return allowed and not denied

    def allows(self, action: str, resource: str = "*") -> bool:
        """True when the principal may perform `action` on `resource` ("*": on every
        resource) without any condition. Raises `Unknown` when the answer would be no but a
        policy that applies is not in the scan."""
        return self.allows_any([action], resource)

    def allows_any(self, actions: Iterable[str], resource: str = "*") -> bool:
        """True when one of `actions` is allowed (see `allows`); `Unknown` only when none is
        and a policy that applies is not in the scan."""
        if any(self._allows_known(action, resource) for action in actions):
            return True
        self._unless_unresolved()
        return False

    def _unless_unresolved(self) -> None:
        """A "no" is only as good as the policies in the scan."""
        if self.unresolved:
            raise Unknown(
                f"policy {self.unresolved[0].name} applies to {self.principal.address}"
                " but its document is not in the scan"
            )

    def is_admin(self) -> bool:
        """Full administrative access: an unconditional Allow of `*` on `*` (inline, customer
        managed or `AdministratorAccess`), not cut back by an unconditional Deny of `*` or by
        a permissions boundary. Raises `Unknown` when it is not, but a policy that applies is
        not in the scan."""
        granted = any(
            p.kind == "aws-managed" and p.name in ADMIN_POLICY_NAMES for p in self.policies
        ) or any(
            s.allows and s.unconditional and s.all_actions()
            for s in self.statements()
            if s.all_resources()
        )
        if not granted:
            self._unless_unresolved()
            return False
        if any(not s.allows and s.unconditional and s.all_actions() for s in self.statements()):
            return False
        return self._boundary_allows(ANY_ACTION, "*")

    def escalation_paths(self) -> list[str]:
        """The `ESCALATION_PATHS` the principal can walk (empty: none)."""
        found = []
        for name, requirements in ESCALATION_PATHS.items():
            if all(
                any(self._allows_known(action) for action in alternatives)
                for alternatives in requirements
            ):
                found.append(name)
        if not found:
            self._unless_unresolved()
        return sorted(found)

    def _allows_known(self, action: str, resource: str = "*") -> bool:
        if self.allow_statements(action, resource) and not self._denied(action, resource):
            return self._boundary_allows(action, resource)
        return False


def principal_access(principal: Resource, graph: Graph) -> PrincipalAccess:
    """The access of a role, user (with its groups) or group; see `PrincipalAccess`."""
    return PrincipalAccess(
        principal,
        tuple(attached_policies(principal, graph)),
        permissions_boundary(principal, graph),
    )


def permission_set_is_admin(permission_set: Resource) -> bool:
    """An IAM Identity Center permission set grants full administration: the AWS managed
    `AdministratorAccess` among its `ManagedPolicies`, or `*` on `*` in its `InlinePolicy`."""
    if any(
        aws_managed_policy_name(arn) in ADMIN_POLICY_NAMES
        for arn in as_list(permission_set.get("ManagedPolicies"))
    ):
        return True
    inline = parse(permission_set.get("InlinePolicy"))
    return any(s.all_actions() and s.all_resources() and s.unconditional for s in inline.allows)


# Where a resource names the role it runs as (CloudFormation property names).
_ROLE_PROPERTY = {
    "AWS::Lambda::Function": "Role",
    "AWS::StepFunctions::StateMachine": "RoleArn",
    "AWS::CodeBuild::Project": "ServiceRole",
    "AWS::ECS::TaskDefinition": "TaskRoleArn",
}


def acting_roles(resource: Resource, graph: Graph) -> list[Resource]:
    """The IAM roles a resource runs as: a Lambda function's `Role`, a state machine's
    `RoleArn`, a CodeBuild project's `ServiceRole`, an ECS task's `TaskRoleArn`, an instance
    profile's `Roles`. Raises `Unknown` when a role is named but not in the scan."""
    values: list[Any]
    if resource.type == "AWS::IAM::InstanceProfile":
        values = as_list(resource.get("Roles"))
    else:
        key = _ROLE_PROPERTY.get(resource.type)
        values = [resource.get(key)] if key else []
    roles = []
    for value in values:
        if value in (None, ""):
            continue
        role = resolve(value, graph, "AWS::IAM::Role")
        if role is None:
            raise Unknown(f"{resource.address} runs as {value}, which is not in the scan")
        roles.append(role)
    return roles


_CODE_TARGETS = ("AWS::Lambda::Function", "AWS::StepFunctions::StateMachine")


def _code_target(rule: Resource, arn: Any, graph: Graph) -> Resource | None:
    """The function or state machine in the scan a rule target's `Arn` names: the target of a
    reference or, for a literal ARN (as AWS Config records it), the one the rule has an edge
    to that is known by that ARN or by the ARN it qualifies (a Lambda alias or version)."""
    if isinstance(arn, Reference):
        target = graph.get(arn.target) if arn.target else None
        return target if target is not None and target.type in _CODE_TARGETS else None
    if is_unknown(arn) or not isinstance(arn, str) or not arn.startswith("arn:"):
        return None
    for resource in graph.related(rule, direction="out"):
        if resource.type not in _CODE_TARGETS:
            continue
        names = {resource.address, resource.properties.get("Arn")}
        if any(isinstance(n, str) and (arn == n or arn.startswith(f"{n}:")) for n in names):
            return resource
    return None


def event_target_roles(rule: Resource, graph: Graph) -> list[Resource]:
    """The roles that act when an EventBridge rule fires: each target's Lambda function or
    state machine role, or the target's `RoleArn` for SSM Automation and other targets that
    are invoked with a role. Targets that run no code (SNS, SQS, logs) contribute nothing.

    A literal target ARN with no edge to the function or state machine it names (see
    `_code_target`) runs code outside the scan: unknown."""
    roles: dict[str, Resource] = {}
    for target in as_list(rule.get("Targets")):
        if not isinstance(target, dict):
            continue
        arn = target.get("Arn")
        acting = _code_target(rule, arn, graph)
        if acting is not None:
            found = acting_roles(acting, graph)
        elif isinstance(arn, str) and (
            ":automation-definition/" in arn or ":lambda:" in arn or ":states:" in arn
        ):
            role_value = target.get("RoleArn") if ":automation-definition/" in arn else None
            if role_value in (None, ""):
                raise Unknown(f"target {arn} of {rule.address} runs code outside the scan")
            role = resolve(role_value, graph, "AWS::IAM::Role")
            if role is None:
                raise Unknown(f"target role {role_value} of {rule.address} is not in the scan")
            found = [role]
        else:
            found = []
        for role in found:
            roles[role.node_id] = role
    return [roles[k] for k in sorted(roles)]
