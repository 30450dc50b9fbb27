"""The shared IAM policy analysis: documents, trust, principals through the graph, evidence."""

from __future__ import annotations

import gc
import json
import urllib.parse
import weakref
from typing import Any, ClassVar

import pytest

from csmm_static import policy as p
from csmm_static.model import (
    Edge,
    Graph,
    Reference,
    Resource,
    Unknown,
    UnknownValue,
    account_node,
)


def doc(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def one(statement: dict[str, Any]) -> p.Statement:
    (parsed,) = p.parse(doc(statement))
    return parsed


# ---------------------------------------------------------------------------------------------
# Documents.


class TestParse:
    def test_dict_json_url_encoded_and_double_encoded_documents_read_alike(self) -> None:
        document = doc(allow("s3:GetObject", "arn:aws:s3:::b/*"))
        text = json.dumps(document)
        for shape in (document, text, urllib.parse.quote(text), json.dumps(text)):
            (statement,) = p.parse(shape)
            assert statement.actions == ("s3:getobject",)
            assert statement.resources == ("arn:aws:s3:::b/*",)

    def test_single_statement_object_and_scalar_fields(self) -> None:
        parsed = p.parse({"Statement": allow("S3:GetObject")})
        assert [s.actions for s in parsed] == [("s3:getobject",)]

    @pytest.mark.parametrize("document", [None, "", "not json", "[1, 2]", {"Version": "x"}])
    def test_missing_or_unreadable_documents_are_empty(self, document: Any) -> None:
        assert not p.parse(document)

    def test_effect_defaults_and_normalises(self) -> None:
        assert one({"Action": "s3:*", "Resource": "*"}).allows
        assert not one({"Effect": "deny", "Action": "s3:*", "Resource": "*"}).allows

    def test_unknown_document_or_actions_raise(self) -> None:
        with pytest.raises(Unknown):
            p.parse(UnknownValue("whole document"))
        with pytest.raises(Unknown):
            p.parse(doc(allow(UnknownValue("action"))))

    def test_unknown_condition_value_raises_only_when_read(self) -> None:
        statement = one(
            allow(
                "s3:*",
                Principal="*",
                Condition={
                    "StringEquals": {"aws:PrincipalOrgID": UnknownValue("parameter")},
                    "Bool": {"aws:SecureTransport": "true"},
                },
            )
        )
        assert not statement.unconditional
        assert statement.has_condition("aws:PrincipalOrgID")
        assert statement.condition_values("aws:SecureTransport") == [("Bool", ("true",))]
        with pytest.raises(Unknown):
            statement.pins("aws:PrincipalOrgID")
        with pytest.raises(Unknown):
            p.public_statements(p.Policy((statement,)))

    def test_unresolved_resource_is_a_specific_resource(self) -> None:
        statement = one(allow("iam:PassRole", ["arn:aws:iam::1:role/a", UnknownValue("param")]))
        assert statement.resources == ("arn:aws:iam::1:role/a", p.UNRESOLVED)
        assert not statement.all_resources()
        assert not statement.covers_resource("arn:aws:iam::1:role/b")

    def test_unresolved_principal_raises_only_for_its_kind(self) -> None:
        statement = one(
            allow(
                "sts:AssumeRole",
                Principal={
                    "AWS": UnknownValue("account parameter"),
                    "Service": "ec2.amazonaws.com",
                },
            )
        )
        assert statement.principal_values("Service") == ["ec2.amazonaws.com"]
        with pytest.raises(Unknown):
            statement.principal_values("AWS")
        with pytest.raises(Unknown):
            statement.public_principal()
        public = one(allow("s3:GetObject", Principal={"AWS": ["*", UnknownValue("x")]}))
        assert public.public_principal()

    def test_condition_values_are_strings(self) -> None:
        statement = one(allow("s3:*", Condition={"Bool": {"aws:SecureTransport": False}}))
        assert statement.condition_values("AWS:SECURETRANSPORT") == [("Bool", ("false",))]


class TestActionsAndResources:
    def test_covers_action_with_wildcards(self) -> None:
        statement = one(allow(["iam:Put*", "s3:GetObject"]))
        assert statement.covers_action("iam:PutRolePolicy")
        assert statement.covers_action("S3:GETOBJECT")
        assert not statement.covers_action("iam:PassRole")

    def test_not_action_covers_everything_else(self) -> None:
        statement = one({"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"})
        assert statement.covers_action("ec2:RunInstances")
        assert not statement.covers_action("iam:PassRole")
        assert not statement.all_actions()

    def test_all_actions_only_for_a_full_wildcard(self) -> None:
        assert one(allow("*")).all_actions()
        assert one(allow("*:*")).all_actions()
        assert not one(allow("iam:*")).all_actions()

    def test_grants_action_reports_overlap_in_both_directions(self) -> None:
        statement = one(allow("s3:GetObject"))
        assert statement.grants_action("s3:*")
        assert not statement.covers_action("s3:*")

    def test_service_wildcards(self) -> None:
        assert one(allow(["s3:*", "iam:Get*", "kms:*"])).service_wildcards() == ["kms:*", "s3:*"]

    def test_resources_and_not_resources(self) -> None:
        scoped = one(allow("s3:*", "arn:aws:s3:::logs/*"))
        assert scoped.covers_resource("arn:aws:s3:::logs/a.txt")
        assert not scoped.covers_resource("*")
        everything_but = one({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:x"})
        assert everything_but.all_resources()
        assert everything_but.covers_resource("arn:y")
        assert not everything_but.covers_resource("arn:x")


class TestPrincipalsAndConditions:
    @pytest.mark.parametrize("principal", ["*", {"AWS": "*"}, {"AWS": ["*"]}])
    def test_public_principals(self, principal: Any) -> None:
        assert one(allow("s3:GetObject", Principal=principal)).public_principal()

    def test_not_principal_with_allow_is_public_but_not_with_deny(self) -> None:
        not_principal = {"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}}
        assert one(allow("s3:*", **not_principal)).public_principal()
        assert not one(deny("s3:*", **not_principal)).public_principal()

    def test_principal_values_by_kind(self) -> None:
        statement = one(
            allow(
                "sts:AssumeRole",
                Principal={"Service": ["lambda.amazonaws.com"], "AWS": "arn:aws:iam::1:root"},
            )
        )
        assert statement.principal_values("Service") == ["lambda.amazonaws.com"]
        assert statement.principal_values("AWS") == ["arn:aws:iam::1:root"]

    def test_positive_restricting_condition(self) -> None:
        condition = {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}
        statement = one(allow("s3:GetObject", Principal="*", Condition=condition))
        assert statement.restricted_by_condition()
        assert not p.public_statements(
            p.parse(doc(allow("s3:*", Principal="*", Condition=condition)))
        )

    @pytest.mark.parametrize(
        "condition",
        [
            {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}},  # anonymous passes
            {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},  # everyone else passes
            {"StringLike": {"aws:PrincipalArn": "*"}},  # matches anything
            {"ForAllValues:StringEquals": {"aws:SourceIp": "10.0.0.1"}},  # vacuous when absent
            {"StringEquals": {"s3:prefix": "public/"}},  # does not pin the caller
        ],
    )
    def test_conditions_that_do_not_restrict_a_public_principal(self, condition: Any) -> None:
        policy = p.parse(doc(allow("s3:GetObject", Principal="*", Condition=condition)))
        assert len(p.public_statements(policy)) == 1

    def test_has_condition_with_key_pattern_and_operator(self) -> None:
        statement = one(
            allow(
                "ec2:StartInstances",
                Condition={
                    "StringEquals": {"aws:ResourceTag/Team": "${aws:PrincipalTag/Team}"},
                    "ForAnyValue:StringLike": {"aws:TagKeys": "env*"},
                },
            )
        )
        assert statement.has_condition("aws:ResourceTag/*")
        assert statement.has_condition("AWS:TAGKEYS", operators=["StringLike"])
        assert not statement.has_condition("aws:TagKeys", operators=["StringEquals"])
        assert not statement.has_condition("aws:PrincipalTag/*")


class TestDocumentQuestions:
    def test_grants_admin(self) -> None:
        assert p.grants_admin(p.parse(doc(allow("*"))))
        assert not p.grants_admin(p.parse(doc(allow("*", "arn:aws:s3:::b"))))
        conditional = allow("*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}})
        assert not p.grants_admin(p.parse(doc(conditional)))
        not_action = {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
        assert not p.grants_admin(p.parse(doc(not_action)))

    def test_denies_insecure_transport(self) -> None:
        tls = deny(
            "s3:*",
            ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
            Principal="*",
            Condition={"Bool": {"aws:SecureTransport": "false"}},
        )
        assert p.denies_insecure_transport(p.parse(doc(tls)))
        scoped = {**tls, "Principal": {"AWS": "arn:aws:iam::1:role/x"}}
        assert not p.denies_insecure_transport(p.parse(doc(scoped)))
        assert not p.denies_insecure_transport(p.parse(doc(allow("s3:*", Principal="*"))))

    def test_actions_granted(self) -> None:
        policy = p.parse(doc(allow("iam:Pass*")))
        assert p.actions_granted(policy, ["iam:PassRole", "s3:GetObject"]) == ["iam:PassRole"]

    def test_negated_condition_denies(self) -> None:
        region = deny("*", Condition={"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}})
        perimeter = deny(
            "s3:*",
            Principal="*",
            Condition={"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}},
        )
        positive = deny("*", Condition={"StringEquals": {"aws:RequestedRegion": "us-east-1"}})
        policy = p.parse(doc(region, perimeter, positive))
        assert len(p.negated_condition_denies(policy, ["aws:RequestedRegion"])) == 1
        assert len(p.negated_condition_denies(policy, p.ORG_PERIMETER_KEYS)) == 1
        assert not p.negated_condition_denies(policy, ["aws:PrincipalArn"])

    @pytest.mark.parametrize(
        ("value", "restrictive"), [("repo:org/app:*", True), ("*", False), ("", False)]
    )
    def test_is_restrictive_value(self, value: str, restrictive: bool) -> None:
        assert p.is_restrictive_value(value) is restrictive


class TestTrust:
    @pytest.mark.parametrize(
        ("value", "account"),
        [
            ("123456789012", "123456789012"),
            ("arn:aws:iam::123456789012:root", "123456789012"),
            ("arn:aws:sts::123456789012:assumed-role/r/s", "123456789012"),
            ("arn:aws:iam::${AWS::AccountId}:root", "${AWS::AccountId}"),
            ("${DeployRole.Arn}", "self"),
            ("*", "*"),
            ("lambda.amazonaws.com", None),
        ],
    )
    def test_principal_account(self, value: str, account: str | None) -> None:
        assert p.principal_account(value) == account

    def test_is_own_account(self) -> None:
        assert p.is_own_account("arn:aws:iam::${AWS::AccountId}:root", None)
        assert p.is_own_account("arn:aws:iam::111122223333:root", "111122223333")
        assert not p.is_own_account("arn:aws:iam::444455556666:root", "111122223333")
        assert not p.is_own_account("arn:aws:iam::444455556666:root", None)

    def test_trust_policy(self) -> None:
        role = Resource(
            "r",
            "AWS::IAM::Role",
            "R",
            {"AssumeRolePolicyDocument": doc(allow("sts:AssumeRole", Principal="*"))},
        )
        assert p.public_statements(p.trust_policy(role))


# ---------------------------------------------------------------------------------------------
# Principals through the graph.


def build(*resources: Resource) -> Graph:
    """A graph whose edges follow every Reference in the resources' properties."""
    graph = Graph()
    for resource in resources:
        graph.add(resource)
    for resource in resources:
        for ref in _references(resource.properties):
            graph.connect(Edge(resource.node_id, ref.target, "reference"))
    return graph


def _references(value: Any) -> list[Reference]:
    if isinstance(value, Reference):
        return [value]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _references(v)]
    if isinstance(value, list):
        return [r for v in value for r in _references(v)]
    return []


def ref(logical_id: str, attribute: str = "Ref") -> Reference:
    text = f"${{{logical_id}}}" if attribute == "Ref" else f"${{{logical_id}.{attribute}}}"
    return Reference(text, logical_id, attribute)


def res(logical_id: str, rtype: str, **properties: Any) -> Resource:
    return Resource(logical_id, rtype, logical_id, properties)


ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"


class TestAttachedPolicies:
    def test_every_attachment_form_of_a_role(self) -> None:
        role = res(
            "Role",
            "AWS::IAM::Role",
            RoleName="app",
            Policies=[{"PolicyName": "inline", "PolicyDocument": doc(allow("s3:GetObject"))}],
            ManagedPolicyArns=[
                ref("Managed"),
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::111122223333:policy/elsewhere",
            ],
        )
        graph = build(
            role,
            res("Managed", "AWS::IAM::ManagedPolicy", PolicyDocument=doc(allow("sqs:*"))),
            res(
                "Standalone",
                "AWS::IAM::Policy",
                PolicyName="p",
                PolicyDocument=doc(allow("sns:Publish")),
                Roles=[ref("Role")],
            ),
            res("ByName", "AWS::IAM::Policy", PolicyDocument=doc(allow("kms:*")), Roles=["app"]),
            res("Reverse", "AWS::IAM::ManagedPolicy", PolicyDocument=doc(), Roles=["app"]),
            res("Single", "AWS::IAM::RolePolicy", PolicyDocument=doc(), RoleName=ref("Role")),
            res("Other", "AWS::IAM::Policy", PolicyDocument=doc(), Roles=["someone-else"]),
        )
        attached = p.attached_policies(role, graph)
        assert [(a.kind, a.name, a.resolved) for a in attached] == [
            ("inline", "inline", True),
            ("managed", "Managed", True),
            ("aws-managed", "AWSLambdaBasicExecutionRole", True),
            ("managed", "arn:aws:iam::111122223333:policy/elsewhere", False),
            ("policy", "ByName", True),
            ("policy", "Standalone", True),
            ("managed", "Reverse", True),
            ("policy", "Single", True),
        ]

    def test_a_policy_referring_to_the_role_in_its_document_is_not_attached(self) -> None:
        role = res("Role", "AWS::IAM::Role")
        passer = res(
            "Passer",
            "AWS::IAM::Policy",
            PolicyDocument=doc(allow("iam:PassRole", ref("Role", "Arn"))),
            Roles=["deployer"],
        )
        assert p.attached_policies(role, build(role, passer)) == []

    def test_unknown_member_list_makes_a_related_policy_unresolved(self) -> None:
        role = res("Role", "AWS::IAM::Role")
        maybe = res(
            "Maybe",
            "AWS::IAM::Policy",
            PolicyDocument=doc(allow("*"), allow("iam:PassRole", ref("Role", "Arn"))),
            Roles=UnknownValue("depends on a condition"),
        )
        (attached,) = p.attached_policies(role, build(role, maybe))
        assert not attached.resolved

    def test_users_inherit_their_groups_policies(self) -> None:
        user = res("User", "AWS::IAM::User", UserName="alice", Groups=[ref("Admins")])
        graph = build(
            user,
            res("Admins", "AWS::IAM::Group", ManagedPolicyArns=[ADMIN_ARN]),
            res("Ops", "AWS::IAM::Group", GroupName="ops", Policies=[]),
            res(
                "OpsPolicy",
                "AWS::IAM::Policy",
                PolicyDocument=doc(allow("ssm:*")),
                Groups=[ref("Ops")],
            ),
            res("Join", "AWS::IAM::UserToGroupAddition", GroupName="ops", Users=["alice"]),
        )
        attached = p.attached_policies(user, graph)
        assert [(a.name, a.via) for a in attached] == [
            ("AdministratorAccess", "Admins"),
            ("OpsPolicy", "Ops"),
        ]
        assert p.attached_policies(user, graph, through_groups=False) == []
        assert [g.address for g in p.user_groups(user, graph)] == ["Admins", "Ops"]

    def test_not_a_principal(self) -> None:
        with pytest.raises(ValueError):
            p.attached_policies(res("B", "AWS::S3::Bucket"), Graph())

    def test_aws_managed_policy_name(self) -> None:
        assert p.aws_managed_policy_name(ADMIN_ARN) == "AdministratorAccess"
        assert (
            p.aws_managed_policy_name("arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess")
            == "ViewOnlyAccess"
        )
        assert p.aws_managed_policy_name("arn:aws:iam::123456789012:policy/Mine") is None
        assert p.aws_managed_policy_name(None) is None

    def test_resolve_by_reference_name_and_arn(self) -> None:
        role = res("Role", "AWS::IAM::Role", RoleName="app")
        graph = build(role)
        assert p.resolve(ref("Role", "Arn"), graph, "AWS::IAM::Role") is role
        assert p.resolve("app", graph, "AWS::IAM::Role") is role
        assert p.resolve("arn:aws:iam::1:role/path/app", graph, "AWS::IAM::Role") is role
        assert p.resolve("arn:aws:iam::1:policy/app", graph, "AWS::IAM::Role") is None
        assert p.resolve(ref("Role"), graph, "AWS::IAM::User") is None
        with pytest.raises(Unknown):
            p.resolve(UnknownValue("x"), graph, "AWS::IAM::Role")


def access(*statements: dict[str, Any], **role_properties: Any) -> p.PrincipalAccess:
    role = res(
        "Role",
        "AWS::IAM::Role",
        Policies=[{"PolicyName": "x", "PolicyDocument": doc(*statements)}],
        **role_properties,
    )
    return p.principal_access(role, build(role))


class TestPrincipalAccess:
    def test_allows_only_unconditional_grants(self) -> None:
        assert access(allow("iam:PassRole")).allows("iam:PassRole")
        assert not access(allow("iam:PassRole", "arn:aws:iam::1:role/x")).allows("iam:PassRole")
        conditional = allow(
            "iam:PassRole", Condition={"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
        )
        assert not access(conditional).allows("iam:PassRole")

    def test_explicit_deny_removes_a_grant(self) -> None:
        assert not access(allow("*"), deny("iam:*")).allows("iam:CreateAccessKey")
        assert access(allow("*"), deny("iam:*", "arn:aws:iam::1:user/x")).allows(
            "iam:CreateAccessKey"
        )

    def test_permissions_boundary_must_allow_too(self) -> None:
        graph_role = res(
            "Role",
            "AWS::IAM::Role",
            ManagedPolicyArns=[ADMIN_ARN],
            PermissionsBoundary=ref("Boundary"),
        )
        boundary = res(
            "Boundary",
            "AWS::IAM::ManagedPolicy",
            PolicyDocument=doc(allow("s3:*"), deny("s3:DeleteBucket")),
        )
        found = p.principal_access(graph_role, build(graph_role, boundary))
        assert found.allows("s3:GetObject")
        assert not found.allows("s3:DeleteBucket")
        assert not found.allows("iam:PassRole")
        assert not found.is_admin()

    def test_boundary_outside_the_scan_is_unknown_when_it_decides(self) -> None:
        found = access(allow("*"), PermissionsBoundary="arn:aws:iam::1:policy/boundary")
        with pytest.raises(Unknown):
            found.allows("iam:PassRole")
        assert not access(allow("s3:GetObject")).allows("iam:PassRole")

    def test_unresolved_policy_makes_a_no_unknown_but_not_a_yes(self) -> None:
        found = access(allow("s3:*"), ManagedPolicyArns=["arn:aws:iam::1:policy/other"])
        assert found.allows("s3:GetObject")
        with pytest.raises(Unknown):
            found.allows("iam:PassRole")
        with pytest.raises(Unknown):
            found.escalation_paths()

    def test_is_admin(self) -> None:
        assert access(allow("*")).is_admin()
        assert access(ManagedPolicyArns=[ADMIN_ARN]).is_admin()
        assert not access(allow("*", "arn:aws:s3:::b")).is_admin()
        assert not access(allow("*"), deny("*")).is_admin()
        assert not access(ManagedPolicyArns=["arn:aws:iam::aws:policy/PowerUserAccess"]).is_admin()

    def test_is_admin_is_unknown_when_a_missing_policy_could_make_it_so(self) -> None:
        missing = ["arn:aws:iam::1:policy/elsewhere"]
        assert access(allow("*"), ManagedPolicyArns=missing).is_admin()
        with pytest.raises(Unknown):
            access(allow("s3:*"), ManagedPolicyArns=missing).is_admin()

    @pytest.mark.parametrize(
        ("statements", "paths"),
        [
            ([allow("iam:CreatePolicyVersion")], ["iam:CreatePolicyVersion"]),
            ([allow(["iam:PassRole", "ec2:RunInstances"])], ["iam:PassRole+ec2:RunInstances"]),
            ([allow(["iam:PassRole", "lambda:CreateFunction"])], []),
            (
                [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])],
                ["iam:PassRole+lambda:CreateFunction"],
            ),
            ([allow("iam:PassRole", "arn:aws:iam::1:role/x"), allow("ec2:RunInstances")], []),
            ([allow(["iam:Get*", "iam:List*", "s3:*"])], []),
        ],
    )
    def test_escalation_paths(self, statements: list[dict[str, Any]], paths: list[str]) -> None:
        assert access(*statements).escalation_paths() == paths

    def test_power_user_escalates_only_through_existing_compute(self) -> None:
        power = access(ManagedPolicyArns=["arn:aws:iam::aws:policy/PowerUserAccess"])
        assert power.escalation_paths() == ["glue:UpdateDevEndpoint", "lambda:UpdateFunctionCode"]
        full = access(ManagedPolicyArns=["arn:aws:iam::aws:policy/IAMFullAccess"])
        assert "iam:AttachRolePolicy" in full.escalation_paths()


class TestActingRoles:
    def test_lambda_state_machine_and_instance_profile(self) -> None:
        role = res("Role", "AWS::IAM::Role", RoleName="worker")
        fn = res("Fn", "AWS::Lambda::Function", Role=ref("Role", "Arn"))
        machine = res("Machine", "AWS::StepFunctions::StateMachine", RoleArn="worker")
        profile = res("Profile", "AWS::IAM::InstanceProfile", Roles=[ref("Role")])
        graph = build(role, fn, machine, profile)
        for resource in (fn, machine, profile):
            assert p.acting_roles(resource, graph) == [role]
        assert p.acting_roles(res("B", "AWS::S3::Bucket"), graph) == []

    def test_role_outside_the_scan_is_unknown(self) -> None:
        fn = res("Fn", "AWS::Lambda::Function", Role="arn:aws:iam::1:role/elsewhere")
        with pytest.raises(Unknown):
            p.acting_roles(fn, build(fn))

    def test_event_target_roles(self) -> None:
        role = res("Role", "AWS::IAM::Role", RoleName="responder")
        fn = res("Fn", "AWS::Lambda::Function", Role=ref("Role", "Arn"))
        topic = res("Topic", "AWS::SNS::Topic")
        automation = "arn:aws:ssm:us-east-1:1:automation-definition/Quarantine:$DEFAULT"
        rule = res(
            "Rule",
            "AWS::Events::Rule",
            Targets=[
                {"Id": "fn", "Arn": ref("Fn", "Arn")},
                {"Id": "topic", "Arn": ref("Topic")},
                {"Id": "ssm", "Arn": automation, "RoleArn": ref("Role", "Arn")},
            ],
        )
        graph = build(role, fn, topic, rule)
        assert p.event_target_roles(rule, graph) == [role]
        outside = res(
            "Outside",
            "AWS::Events::Rule",
            Targets=[{"Id": "f", "Arn": "arn:aws:lambda:us-east-1:1:function:elsewhere"}],
        )
        with pytest.raises(Unknown):
            p.event_target_roles(outside, build(outside))


# ---------------------------------------------------------------------------------------------
# Account evidence.


class TestAccountEvidence:
    def test_config_rule_status_by_identifier_or_name(self) -> None:
        account = account_node(
            "111122223333",
            {
                "ConfigRuleCompliance": {
                    "ROOT_ACCOUNT_MFA_ENABLED": "COMPLIANT",
                    "securityhub-access-keys-rotated-a1b2": "NON_COMPLIANT",
                    "access-keys-rotated": "COMPLIANT",
                    "iam-user-unused-credentials-check": "INSUFFICIENT_DATA",
                    "mfa-enabled-for-iam-console-access": "NOT_APPLICABLE",
                }
            },
        )
        assert p.config_rule_status(account, "ROOT_ACCOUNT_MFA_ENABLED") is True
        assert p.config_rule_status(account, "ACCESS_KEYS_ROTATED") is False
        assert p.config_rule_status(account, "IAM_USER_UNUSED_CREDENTIALS_CHECK") is None
        assert p.config_rule_status(account, "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS") is True
        assert p.config_rule_status(account, "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED") is None
        assert p.config_rule_status(account_node(None), "ROOT_ACCOUNT_MFA_ENABLED") is None

    def test_config_rule_identifier(self) -> None:
        managed = res(
            "R",
            "AWS::Config::ConfigRule",
            Source={"Owner": "AWS", "SourceIdentifier": "access_keys_rotated"},
        )
        custom = res("C", "AWS::Config::ConfigRule", Source={"Owner": "CUSTOM_LAMBDA"})
        org = res(
            "O",
            "AWS::Config::OrganizationConfigRule",
            OrganizationManagedRuleMetadata={"RuleIdentifier": "IAM_PASSWORD_POLICY"},
        )
        assert p.config_rule_identifier(managed) == "ACCESS_KEYS_ROTATED"
        assert p.config_rule_identifier(custom) == ""
        assert p.config_rule_identifier(org) == "IAM_PASSWORD_POLICY"

    def test_credential_report(self) -> None:
        rows = [{"user": p.ROOT_USER, "mfa_active": True}, "junk"]
        assert p.credential_report(account_node("1", {"CredentialReport": rows})) == rows[:1]
        assert p.credential_report(account_node("1")) is None

    def test_report_timestamps_and_floor(self) -> None:
        rows: list[dict[str, Any]] = [
            {"user": p.ROOT_USER, "password_last_used": "2024-05-01T10:00:00Z"},
            {"user": "bob", "access_key_1_last_rotated": "2024-01-01T00:00:00+00:00"},
            {"user": "eve", "password_last_used": "no_information", "mfa_active": True},
        ]
        floor = p.report_time_floor(rows)
        assert floor is not None and floor.isoformat() == "2024-05-01T10:00:00+00:00"
        assert p.age_in_days(rows[1]["access_key_1_last_rotated"], floor) == 121
        assert p.age_in_days("N/A", floor) is None
        assert p.report_timestamp("2024-05-01T10:00:00") is not None
        assert p.report_timestamp("yesterday") is None
        assert p.report_time_floor([{"user": "x"}]) is None

    def test_rule_matches(self) -> None:
        assert p.rule_matches("ACCESS_KEYS_ROTATED", "ACCESS_KEYS_ROTATED")
        assert p.rule_matches("securityhub-access-keys-rotated-x1", "ACCESS_KEYS_ROTATED")
        assert not p.rule_matches("iam-password-policy", "ACCESS_KEYS_ROTATED")

    def test_auto_remediated_rules(self) -> None:
        rule = res(
            "Rule",
            "AWS::Config::ConfigRule",
            ConfigRuleName="keys",
            Source={"Owner": "AWS", "SourceIdentifier": "ACCESS_KEYS_ROTATED"},
        )
        graph = build(
            rule,
            res(
                "Auto",
                "AWS::Config::RemediationConfiguration",
                ConfigRuleName=ref("Rule"),
                Automatic=True,
            ),
            res(
                "ByName",
                "AWS::Config::RemediationConfiguration",
                ConfigRuleName="iam-user-unused-credentials-check",
                Automatic="true",
            ),
            res(
                "Manual",
                "AWS::Config::RemediationConfiguration",
                ConfigRuleName="root-account-mfa-enabled",
            ),
        )
        assert p.auto_remediated_rules(graph) == [
            "ACCESS_KEYS_ROTATED",
            "iam-user-unused-credentials-check",
        ]


class TestOrganizations:
    def test_attached_policies_of_a_type(self) -> None:
        scp = res(
            "Scp",
            "AWS::Organizations::Policy",
            Type="SERVICE_CONTROL_POLICY",
            TargetIds=["r-abcd"],
            Content=json.dumps(doc(deny("organizations:LeaveOrganization"))),
        )
        untyped = res("Untyped", "AWS::Organizations::Policy", TargetIds=["ou-1"], Content={})
        detached = res("Detached", "AWS::Organizations::Policy", Type="SERVICE_CONTROL_POLICY")
        tags = res("Tags", "AWS::Organizations::Policy", Type="TAG_POLICY", TargetIds=["r-1"])
        graph = build(scp, untyped, detached, tags)
        account = account_node(None)
        assert p.organization_policies(account, graph, "SERVICE_CONTROL_POLICY") == [scp, untyped]
        assert p.organization_policies(account, graph, "TAG_POLICY") == [tags]
        (statement,) = p.guardrail_statements(account, graph)
        assert statement.covers_action("organizations:LeaveOrganization")

    def test_no_organizations_evidence_is_unknown_and_an_organization_is_evidence(self) -> None:
        with pytest.raises(Unknown):
            p.organization_policies(account_node(None), Graph(), "SERVICE_CONTROL_POLICY")
        described = account_node("1", {"Organization": {"FeatureSet": "ALL"}})
        assert p.organization_policies(described, Graph(), "SERVICE_CONTROL_POLICY") == []
        org = build(res("Org", "AWS::Organizations::Organization"))
        assert p.has_organization_evidence(account_node(None), org)


class TestEventPatterns:
    PATTERN: ClassVar[dict[str, Any]] = {
        "source": ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        "detail": {"type": [{"prefix": "UnauthorizedAccess:IAMUser"}, "Policy:IAMUser/Root"]},
    }

    def test_fields_and_matchers(self) -> None:
        pattern = self.PATTERN
        assert p.pattern_admits(pattern, "source", "aws.guardduty")
        assert not p.pattern_admits(pattern, "source", "aws.iam")
        assert p.pattern_admits(pattern, "detail.type", "UnauthorizedAccess:IAMUser/MaliciousIP")
        assert p.pattern_admits(pattern, "detail.type", "Policy:IAMUser/Root")
        assert not p.pattern_admits(pattern, "detail.type", "Recon:EC2/PortProbeUnprotectedPort")
        assert p.pattern_admits(pattern, "detail.severity", "8")  # not filtered

    @pytest.mark.parametrize(
        ("matcher", "value", "admits"),
        [
            ({"suffix": "Policy"}, "PutRolePolicy", True),
            ({"equals-ignore-case": "putrolepolicy"}, "PutRolePolicy", True),
            ({"wildcard": "Put*Policy"}, "PutUserPolicy", True),
            ({"anything-but": ["GetRole"]}, "PutRolePolicy", True),
            ({"anything-but": {"prefix": "Put"}}, "PutRolePolicy", False),
            ({"exists": True}, "x", True),
        ],
    )
    def test_matchers(self, matcher: Any, value: str, admits: bool) -> None:
        assert (
            p.pattern_admits({"detail": {"eventName": [matcher]}}, "detail.eventName", value)
            is admits
        )

    def test_unmodelled_shapes_are_unknown(self) -> None:
        with pytest.raises(Unknown):
            p.pattern_admits({"$or": [{"source": ["a"]}]}, "source", "a")
        with pytest.raises(Unknown):
            p.pattern_admits({"detail": {"n": [{"numeric": [">", 1]}]}}, "detail.n", "2")

    def test_event_pattern_from_json_text(self) -> None:
        rule = res("Rule", "AWS::Events::Rule", EventPattern=json.dumps(self.PATTERN))
        assert p.event_pattern(rule) == self.PATTERN


class TestNewerStatementQuestions:
    def test_pins_requires_every_value_to_narrow(self) -> None:
        narrow = one(allow("sts:AssumeRole", Condition={"StringEquals": {"sts:ExternalId": "x1"}}))
        assert narrow.pins("sts:ExternalId")
        mixed = one(allow("s3:*", Condition={"StringLike": {"aws:PrincipalOrgID": ["o-1", "*"]}}))
        assert not mixed.pins("aws:PrincipalOrgID")
        custom = one(allow("x:y", Condition={"StringLike": {"idp:sub": "repo:*"}}))
        assert custom.pins("*:sub")
        assert not custom.pins("*:sub", lambda value: not value.endswith(":*"))

    @pytest.mark.parametrize(
        ("condition", "requires"),
        [
            ({"Bool": {"aws:MultiFactorAuthPresent": "true"}}, True),
            ({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}, False),
            ({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}, True),
            ({"StringEquals": {"aws:PrincipalOrgID": "o-1"}}, False),
        ],
    )
    def test_requires_mfa(self, condition: dict[str, Any], requires: bool) -> None:
        assert one(allow("sts:AssumeRole", Condition=condition)).requires_mfa() is requires

    @pytest.mark.parametrize(
        ("condition", "applies"),
        [
            ({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}, True),
            ({"Bool": {"aws:MultiFactorAuthPresent": False}}, True),
            ({"Null": {"aws:MultiFactorAuthPresent": "true"}}, True),
            ({"Bool": {"aws:MultiFactorAuthPresent": "true"}}, False),
        ],
    )
    def test_applies_without_mfa(self, condition: dict[str, Any], applies: bool) -> None:
        assert one(deny("*", Condition=condition)).applies_without_mfa() is applies


class TestNewerGraphQuestions:
    def test_identity_policy_documents(self) -> None:
        graph = build(
            res("Managed", "AWS::IAM::ManagedPolicy", PolicyDocument=doc(allow("s3:*"))),
            res(
                "Role",
                "AWS::IAM::Role",
                Policies=[{"PolicyName": "a", "PolicyDocument": doc(allow("sqs:*"))}, "junk"],
            ),
            res("Set", "AWS::SSO::PermissionSet", InlinePolicy=json.dumps(doc(allow("*")))),
            res("EmptySet", "AWS::SSO::PermissionSet"),
        )
        holders = [r.address for r, _ in p.identity_policy_documents(graph)]
        assert holders == ["Managed", "Set", "Role"]
        assert all(p.parse(d) for _, d in p.identity_policy_documents(graph))

    def test_permission_set_is_admin(self) -> None:
        managed = res("A", "AWS::SSO::PermissionSet", ManagedPolicies=[ADMIN_ARN])
        inline = res("B", "AWS::SSO::PermissionSet", InlinePolicy=doc(allow("*")))
        reader = res(
            "C",
            "AWS::SSO::PermissionSet",
            ManagedPolicies=["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            InlinePolicy=doc(allow("*", "arn:aws:s3:::b")),
        )
        assert p.permission_set_is_admin(managed)
        assert p.permission_set_is_admin(inline)
        assert not p.permission_set_is_admin(reader)

    def test_allows_any_settles_on_a_known_grant(self) -> None:
        found = access(allow("iam:UpdateAccessKey"), ManagedPolicyArns=["arn:aws:iam::1:policy/x"])
        assert found.allows_any(["iam:PutRolePolicy", "iam:UpdateAccessKey"])
        with pytest.raises(Unknown):
            found.allows_any(["iam:PutRolePolicy"])
        assert not access(allow("s3:*")).allows_any(["iam:PutRolePolicy"])

    def test_organization_account_ids(self) -> None:
        graph = Graph()
        graph.add(account_node("111122223333", {"Organization": {"MasterAccountId": "9" * 12}}))
        assert p.organization_account_ids(graph) == {"111122223333", "999999999999"}
        assert p.organization_account_ids(build()) == set()


class TestEvidenceCombinators:
    def test_any_settled(self) -> None:
        def judge(value: int) -> bool:
            if value < 0:
                raise Unknown("negative")
            return value > 5

        assert p.any_settled([-1, 7], judge)
        assert not p.any_settled([1, 2], judge)
        with pytest.raises(Unknown):
            p.any_settled([1, -1], judge)

    def test_evidence_verdict(self) -> None:
        assert p.evidence_verdict([None, True], "missing")
        assert not p.evidence_verdict([True, False, None], "missing")
        with pytest.raises(Unknown, match="missing"):
            p.evidence_verdict([None, None], "missing")

    def test_root_credentials(self) -> None:
        rows = [{"user": "bob"}, {"user": p.ROOT_USER, "mfa_active": True}]
        assert p.root_credentials(account_node("1", {"CredentialReport": rows})) == rows[1]
        assert p.root_credentials(account_node("1", {"CredentialReport": rows[:1]})) is None

    def test_automation_responds(self) -> None:
        role = res(
            "Role",
            "AWS::IAM::Role",
            Policies=[{"PolicyName": "act", "PolicyDocument": doc(allow("iam:UpdateAccessKey"))}],
        )
        fn = res("Fn", "AWS::Lambda::Function", Role=ref("Role", "Arn"))

        def rule(name: str, **properties: Any) -> Resource:
            pattern = {"source": ["aws.guardduty"]}
            targets = [{"Id": "fn", "Arn": ref("Fn", "Arn")}]
            return res(
                name, "AWS::Events::Rule", EventPattern=pattern, Targets=targets, **properties
            )

        def guardduty(pattern: dict[str, Any]) -> bool:
            return p.pattern_admits(pattern, "source", "aws.guardduty")

        enabled = build(role, fn, rule("Rule"))
        assert p.automation_responds(enabled, guardduty, ["iam:UpdateAccessKey"])
        assert not p.automation_responds(enabled, guardduty, ["iam:PutRolePolicy"])
        assert not p.automation_responds(enabled, lambda _: False, ["iam:UpdateAccessKey"])
        disabled = build(role, fn, rule("Rule", State="DISABLED"))
        assert not p.automation_responds(disabled, guardduty, ["iam:UpdateAccessKey"])


def test_lookups_follow_a_growing_graph() -> None:
    role = res("Role", "AWS::IAM::Role", RoleName="app")
    graph = build(role)
    assert p.attached_policies(role, graph) == []
    graph.add(res("Late", "AWS::IAM::Policy", PolicyDocument=doc(allow("s3:*")), Roles=["app"]))
    assert [a.name for a in p.attached_policies(role, graph)] == ["Late"]
    assert p.resolve("arn:aws:iam::1:role/app", graph, "AWS::IAM::Role") is role


def test_the_lookup_cache_does_not_keep_graphs_alive() -> None:
    role = res("Role", "AWS::IAM::Role", RoleName="app")
    graph = build(role)
    assert p.resolve("app", graph, "AWS::IAM::Role") is role
    alive = weakref.ref(graph)
    del graph
    gc.collect()
    assert alive() is None


def test_string_equals_with_a_star_is_a_literal_and_restricts() -> None:
    from csmm_static.policy import parse, public_statements

    equals = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": "*"}},
            }
        ]
    }
    like = {
        "Statement": [
            {**equals["Statement"][0], "Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}}}
        ]
    }
    assert public_statements(parse(equals)) == []
    assert len(public_statements(parse(like))) == 1
