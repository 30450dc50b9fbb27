from csmm_static.model import Graph, Resource, as_list, control, lookup


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::EKS::Cluster",
    refs={
        "fsbp": ["EKS.3"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["eks_cluster_kms_cmk_encryption_in_secrets_enabled"],
    },
)
def eks_cluster_secrets_encrypted(cluster: Resource, graph: Graph) -> bool:
    """EKS clusters envelope-encrypt Kubernetes secrets with a KMS key of their own.

    Why it matters:
        Secrets in etcd carry service account tokens, database passwords and API keys;
        envelope encryption with a customer managed key makes reading them depend on a key
        policy you control and an audit trail in CloudTrail.

    Remediation:
        Add `EncryptionConfig` with `Resources: [secrets]` and `Provider.KeyArn` to
        `AWS::EKS::Cluster` (Terraform: `encryption_config { resources = ["secrets"]
        provider { key_arn = ... } }` on `aws_eks_cluster`).
    """
    for entry in as_list(cluster.get("EncryptionConfig")):
        if "secrets" in as_list(lookup(entry, "Resources")) and lookup(entry, "Provider.KeyArn"):
            return True
    return False
