from csmm_static.model import Graph, Resource, as_list, control, lookup

_REQUIRED = frozenset({"api", "audit", "authenticator"})


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::EKS::Cluster",
    refs={
        "fsbp": ["EKS.8"],
        "nist_csf": ["PR.PS-04", "DE.CM-09"],
        "prowler": ["eks_control_plane_logging_all_types_enabled"],
    },
)
def eks_cluster_audit_logging_enabled(cluster: Resource, graph: Graph) -> bool:
    """EKS clusters send API server, audit and authenticator logs to CloudWatch.

    Why it matters:
        The audit and authenticator streams record who called the Kubernetes API and with
        which identity; without them an intrusion through the control plane leaves no trace.

    Remediation:
        List `api`, `audit` and `authenticator` in `Logging.ClusterLogging.EnabledTypes[].Type`
        of `AWS::EKS::Cluster` (Terraform: `enabled_cluster_log_types` on `aws_eks_cluster`).
    """
    enabled = {
        lookup(entry, "Type")
        for entry in as_list(cluster.get("Logging.ClusterLogging.EnabledTypes"))
    }
    return enabled >= _REQUIRED
