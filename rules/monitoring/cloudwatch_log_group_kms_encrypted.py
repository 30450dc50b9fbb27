from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::Logs::LogGroup",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record CloudWatch Logs log groups, so a group's KMS key is not "
            "in a snapshot"
        ),
    },
    refs={
        "nist_csf": ["PR.DS-01"],
        "prowler": ["cloudwatch_log_group_kms_encryption_enabled"],
    },
)
def cloudwatch_log_group_kms_encrypted(group: Resource, graph: Graph) -> bool:
    """CloudWatch log groups are encrypted with a customer managed KMS key.

    Why it matters:
        Logs carry request parameters, user names, addresses and the odd leaked token; a
        customer managed key adds a second permission check on reading them and a record of
        every decryption.

    Remediation:
        Set `KmsKeyId` to a customer managed key whose policy allows the
        `logs.<region>.amazonaws.com` service principal (Terraform: `kms_key_id`).
    """
    return bool(group.get("KmsKeyId"))
