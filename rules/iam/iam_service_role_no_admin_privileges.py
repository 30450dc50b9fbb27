from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access, trust_policy


@control(
    pillar="iam",
    level=3,
    severity="high",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.16"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_role_administratoraccess_policy"],
    },
)
def iam_service_role_no_admin_privileges(role: Resource, graph: Graph) -> bool:
    """Roles that AWS services assume (Lambda, EC2, ECS, CodeBuild, ...) are not administrators.

    Why it matters:
        A workload role is only as safe as the code that runs with it: a server-side request
        forgery, a dependency compromise or a leaked build log turns an administrator
        workload role into an administrator session for the attacker.

    Remediation:
        Replace `AdministratorAccess` or `*`-on-`*` statements on the role (`ManagedPolicyArns`,
        `Policies`; Terraform `aws_iam_role_policy_attachment`, `aws_iam_role_policy`) with the
        actions and resources the workload uses; IAM Access Analyzer can generate that policy
        from CloudTrail activity.
    """
    assumed_by_service = any(
        statement.principal_values("Service") and statement.covers_action("sts:AssumeRole")
        for statement in trust_policy(role).allows
    )
    return not assumed_by_service or not principal_access(role, graph).is_admin()
