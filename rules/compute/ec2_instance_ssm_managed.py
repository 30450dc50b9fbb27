from csmm_static.compute import session_manager_ready
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=4,
    severity="high",
    subject="AWS::EC2::Instance",
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
    return session_manager_ready(graph, instance)
