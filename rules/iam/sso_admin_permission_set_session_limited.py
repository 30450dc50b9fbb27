import re

from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import permission_set_is_admin

MAX_SECONDS = 2 * 3600
_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


@control(
    pillar="iam",
    level=4,
    severity="high",
    subject="AWS::SSO::PermissionSet",
    refs={"nist_csf": ["PR.AA-05"], "prowler": ["iam_role_administratoraccess_policy"]},
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record IAM Identity Center permission sets or their session "
            "duration"
        ),
    },
)
def sso_admin_permission_set_session_limited(permission_set: Resource, graph: Graph) -> bool:
    """Administrator permission sets end sessions within two hours.

    Why it matters:
        An administrator session is the most valuable token in the account; a short session
        bounds how long a stolen browser cookie or CLI cache stays an administrator, and makes
        elevation a deliberate, repeated act.

    Remediation:
        Set `SessionDuration` to `PT1H` or `PT2H` on `AWS::SSO::PermissionSet` (Terraform
        `aws_ssoadmin_permission_set.session_duration`) for permission sets with
        `AdministratorAccess` or an inline `*`-on-`*` policy.
    """
    if not permission_set_is_admin(permission_set):
        return True
    duration = permission_set.get("SessionDuration", "PT1H")
    match = _DURATION.match(str(duration))
    if not match:
        raise Unknown(f"session duration {duration!r} is not an hours/minutes duration")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds <= MAX_SECONDS
