from csmm_static.model import Graph, Resource, control
from csmm_static.network import detector_feature

# Workloads GuardDuty Runtime Monitoring watches (EC2, ECS and EKS hosts and tasks).
_RUNTIME_WORKLOADS = (
    "AWS::EC2::Instance",
    "AWS::EC2::LaunchTemplate",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::ECS::Cluster",
    "AWS::ECS::Service",
    "AWS::EKS::Cluster",
    "AWS::EKS::Nodegroup",
)


@control(
    pillar="networking",
    level=2,
    severity="medium",
    subject="AWS::GuardDuty::Detector",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config records a GuardDuty detector without its protection plans (Features), so "
            "whether Runtime Monitoring is on is not in a snapshot"
        ),
    },
    refs={
        "fsbp": ["GuardDuty.11"],
        "nist_csf": ["DE.CM-09"],
        "prowler": ["guardduty_eks_runtime_monitoring_enabled"],
    },
)
def guardduty_runtime_monitoring_enabled(detector: Resource, graph: Graph) -> bool:
    """GuardDuty Runtime Monitoring watches the hosts and containers the estate runs.

    Why it matters:
        Runtime Monitoring sees process, file and network activity inside EC2 instances,
        ECS tasks and EKS pods: reverse shells, miners and privilege escalation that leave
        no trace in flow logs. Unlike the other plans it is off on a new detector. Estates
        with no EC2, ECS or EKS workload pass.

    Remediation:
        Add `{Name: RUNTIME_MONITORING, Status: ENABLED}` to `AWS::GuardDuty::Detector`
        `Features`, with `AdditionalConfiguration` enabling `EC2_AGENT_MANAGEMENT`,
        `ECS_FARGATE_AGENT_MANAGEMENT` and `EKS_ADDON_MANAGEMENT` (Terraform:
        `aws_guardduty_detector_feature` `name = "RUNTIME_MONITORING"`).
    """
    if not any(graph.resources(kind) for kind in _RUNTIME_WORKLOADS):
        return True
    return detector_feature(detector, "RUNTIME_MONITORING")
