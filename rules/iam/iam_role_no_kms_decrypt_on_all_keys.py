from csmm_static.model import Graph, Resource, control
from csmm_static.policy import principal_access

DECRYPT_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::IAM::Role",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "fsbp": ["KMS.1", "KMS.2"],
        "nist_csf": ["PR.AA-05", "PR.DS-01"],
        "prowler": ["iam_policy_no_full_access_to_kms"],
    },
)
def iam_role_no_kms_decrypt_on_all_keys(role: Resource, graph: Graph) -> bool:
    """IAM roles cannot decrypt with every KMS key in the account.

    Why it matters:
        Encryption with customer managed keys only separates data if decryption is granted
        per key; `kms:Decrypt` on `*` makes every key, and the data behind it, readable by the
        role. Full administrators are judged by the admin controls instead.

    Remediation:
        Name the key ARNs in `Resource` for `kms:Decrypt` and `kms:ReEncryptFrom`, or add a
        condition such as `kms:ViaService`, in the role's policies (`Policies`,
        `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`; Terraform `aws_iam_role_policy`,
        `aws_iam_policy`).
    """
    access = principal_access(role, graph)
    return not access.allows_any(DECRYPT_ACTIONS) or access.is_admin()
