from typing import Any

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import parse

# Permission properties that become conditions of the function's resource policy.
_CONDITIONS = (
    ("SourceArn", "ArnLike", "aws:SourceArn"),
    ("SourceAccount", "StringEquals", "aws:SourceAccount"),
    ("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"),
)


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::Lambda::Permission",
    refs={
        "fsbp": ["Lambda.1"],
        "nist_csf": ["PR.AA-05", "PR.IR-01"],
        "prowler": ["awslambda_function_not_publicly_accessible"],
    },
)
def lambda_permission_not_public(permission: Resource, graph: Graph) -> bool:
    """Lambda permissions let no anonymous caller, and no other account's resources, invoke.

    Why it matters:
        `Principal: "*"` lets anyone invoke the function; a service principal such as
        `s3.amazonaws.com` without `SourceArn` or `SourceAccount` lets that service invoke it
        on behalf of any account's bucket, topic or API (the confused deputy).

    Remediation:
        Name an account or a service principal on `AWS::Lambda::Permission` and pin service
        principals with `SourceArn` and `SourceAccount` (or `PrincipalOrgID`) (Terraform:
        `principal`, `source_arn`, `source_account`, `principal_org_id` on
        `aws_lambda_permission`).
    """
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Action": permission.get("Action"),
        "Resource": "*",
        "Principal": _principal(permission.get("Principal")),
    }
    conditions: dict[str, dict[str, Any]] = {}
    for prop, operator, key in _CONDITIONS:
        value = permission.get(prop)
        if value:
            conditions.setdefault(operator, {})[key] = value
    if conditions:
        statement["Condition"] = conditions
    for allowed in parse({"Statement": [statement]}).allows:
        open_to_all = allowed.public_principal() or any(
            p.startswith("Service:") for p in allowed.principals
        )
        if open_to_all and not allowed.restricted_by_condition():
            return False
    return True


def _principal(value: Any) -> Any:
    text = str(value)
    if text == "*":
        return "*"
    if text.endswith((".amazonaws.com", ".amazon.com")):
        return {"Service": text}
    return {"AWS": text}
