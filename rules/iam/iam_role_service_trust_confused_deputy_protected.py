from csmm_static.model import Graph, Resource, control
from csmm_static.policy import CONFUSED_DEPUTY_KEYS, trust_policy

# Services that assume a role only after the caller passed it with iam:PassRole in the same
# account, and that do not send aws:SourceAccount / aws:SourceArn when they do.
_EXEMPT_SERVICES = frozenset(
    {
        "ec2.amazonaws.com",
        "lambda.amazonaws.com",
        "edgelambda.amazonaws.com",
        "apigateway.amazonaws.com",
        "backup.amazonaws.com",
        "glue.amazonaws.com",
        "eks.amazonaws.com",
        "eks-fargate-pods.amazonaws.com",
    }
)
# Firehose and a few older integrations pass the caller's account as sts:ExternalId instead.
_DEPUTY_KEYS = (*sorted(CONFUSED_DEPUTY_KEYS), "sts:ExternalId")


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "nist_csf": ["PR.AA-05", "GV.SC-05"],
        "prowler": ["iam_role_cross_service_confused_deputy_prevention"],
    },
)
def iam_role_service_trust_confused_deputy_protected(role: Resource, graph: Graph) -> bool:
    """Service-role trust policies name the account or resource the service acts for.

    Why it matters:
        A trust in `states.amazonaws.com` or `events.amazonaws.com` alone lets that service
        assume the role on behalf of any customer who names its ARN; `aws:SourceAccount` or
        `aws:SourceArn` confines it to your own account's resources (cross-service confused
        deputy). EC2, Lambda, API Gateway, Backup, Glue and EKS do not send these keys and
        are left out.

    Remediation:
        Add `StringEquals: {aws:SourceAccount: <account id>}` and/or `ArnLike:
        {aws:SourceArn: <resource ARN>}` to the service trust statement in
        `AssumeRolePolicyDocument` (Terraform `assume_role_policy`).
    """
    for statement in trust_policy(role).allows:
        if not statement.covers_action("sts:AssumeRole"):
            continue
        services = [s for s in statement.principal_values("Service") if s not in _EXEMPT_SERVICES]
        if services and not any(statement.pins(key) for key in _DEPUTY_KEYS):
            return False
    return True
