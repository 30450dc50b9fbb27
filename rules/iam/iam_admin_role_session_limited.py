from csmm_static.model import Graph, Resource, as_int, control
from csmm_static.policy import principal_access

MAX_SECONDS = 3600


@control(
    pillar="iam",
    level=4,
    severity="medium",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's IAM role item does not record the role's maximum session duration "
            "(MaxSessionDuration)"
        ),
    },
    refs={"nist_csf": ["PR.AA-05"], "prowler": ["iam_role_administratoraccess_policy"]},
)
def iam_admin_role_session_limited(role: Resource, graph: Graph) -> bool:
    """Administrator roles keep the default one-hour maximum session.

    Why it matters:
        A twelve-hour administrator session outlives the change it was opened for; a short
        maximum bounds how long leaked temporary credentials remain an administrator.

    Remediation:
        Leave `MaxSessionDuration` unset (3600 seconds) or at most 3600 on roles with
        `AdministratorAccess` or `*`-on-`*` policies (Terraform
        `aws_iam_role.max_session_duration`).
    """
    if not principal_access(role, graph).is_admin():
        return True
    seconds = as_int(role.get("MaxSessionDuration", MAX_SECONDS))
    return seconds is not None and seconds <= MAX_SECONDS
