from csmm_static.model import Graph, Resource, as_bool, as_list, control

_ANYWHERE = frozenset({"0.0.0.0/0", "::/0"})


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::EKS::Cluster",
    refs={
        "fsbp": ["EKS.1"],
        "nist_csf": ["PR.IR-01", "PR.AA-05"],
        "prowler": ["eks_cluster_not_publicly_accessible"],
    },
)
def eks_cluster_endpoint_not_public(cluster: Resource, graph: Graph) -> bool:
    """EKS cluster API endpoints are private or open only to listed address ranges.

    Why it matters:
        The Kubernetes API is the cluster's control plane; open to the internet it is one
        leaked token or one API server vulnerability away from a takeover. EKS opens it to
        0.0.0.0/0 unless told otherwise.

    Remediation:
        Set `ResourcesVpcConfig.EndpointPublicAccess: false` and `EndpointPrivateAccess: true`
        on `AWS::EKS::Cluster`, or list your networks in `PublicAccessCidrs` (Terraform:
        `endpoint_public_access = false` or `public_access_cidrs` in `vpc_config` of
        `aws_eks_cluster`).
    """
    config = "ResourcesVpcConfig"
    if as_bool(cluster.get(f"{config}.EndpointPublicAccess")) is False:
        return True
    ranges = as_list(cluster.get(f"{config}.PublicAccessCidrs"))
    return bool(ranges) and not any(r in _ANYWHERE for r in ranges)
