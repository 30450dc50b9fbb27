"""Console users need an MFA-enforcing deny; whether a user is a console user may be unknown."""

from __future__ import annotations

from typing import Any

import pytest

from csmm_static.model import Graph, Resource, Unknown, UnknownValue
from rules.iam.iam_user_console_access_requires_mfa import iam_user_console_access_requires_mfa

READ_REPORTS = {
    "PolicyName": "read-reports",
    "PolicyDocument": {
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
    },
}


def _verdict(login_profile: Any) -> bool:
    graph = Graph()
    properties: dict[str, Any] = {"UserName": "bob", "Policies": [READ_REPORTS]}
    if login_profile is not None:
        properties["LoginProfile"] = login_profile
    user = Resource("u", "AWS::IAM::User", "bob", properties)
    graph.add(user)
    return iam_user_console_access_requires_mfa.function(user, graph)


def test_a_user_without_a_console_password_passes() -> None:
    assert _verdict(None)


def test_a_console_user_without_an_mfa_deny_fails() -> None:
    assert not _verdict({"PasswordResetRequired": True})
    assert not _verdict({})  # a Terraform login profile with no arguments


def test_an_unknown_console_password_is_unknown_not_a_failure() -> None:
    """Config records no console passwords and a Terraform login profile may name its user
    through an unknown value: the user is not known to be a console user."""
    with pytest.raises(Unknown):
        _verdict(UnknownValue("AWS Config does not record console passwords"))
