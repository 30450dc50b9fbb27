from csmm_static.model import Graph, Resource, control
from csmm_static.policy import grants_admin, parse


@control(
    pillar="iam",
    level=3,
    severity="critical",
    subject="AWS::IAM::ManagedPolicy",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["1.16"],
        "fsbp": ["IAM.1"],
        "nist_csf": ["PR.AA-05"],
        "prowler": ["iam_customer_attached_policy_no_administrative_privileges"],
    },
)
def iam_customer_managed_policy_no_admin(policy: Resource, graph: Graph) -> bool:
    """Customer managed policies do not grant `*` on `*`.

    Why it matters:
        A home-made full-admin policy is reusable by design: it gets attached to one more
        role, user or group at a time, and each attachment is a new way to own the account.

    Remediation:
        Replace `Action: "*"` on `Resource: "*"` in the `PolicyDocument` of the
        `AWS::IAM::ManagedPolicy` (Terraform `aws_iam_policy.policy`) with the actions and
        resources the job needs; keep full administration in one break-glass role with the AWS
        managed `AdministratorAccess` policy.
    """
    return not grants_admin(parse(policy.get("PolicyDocument")))
