import re

from csmm_static import policy
from csmm_static.model import Graph, Resource, as_list, control

ADMIN_ACTIONS = (
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
)
USE_ACTIONS = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom")
# The account itself: a grant to it delegates the decision to IAM policies (KMS's default).
ACCOUNT_ROOT = re.compile(
    r"^AWS:(\d{12}|\$\{AWS::AccountId\}|arn:[a-z-]+:iam::(\d{12}|\$\{AWS::AccountId\}):root)$"
)


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::KMS::Key",
    refs={
        "nist_csf": ["PR.AA-05"],
    },
)
def kms_key_policy_separates_admin_from_use(key: Resource, graph: Graph) -> bool:
    """KMS key policies give no principal both key administration and use of the key.

    Why it matters:
        A principal that can decrypt and also rewrite the key policy or schedule deletion can
        grant itself anything or destroy the data; separating the two duties means abuse
        takes two people.

    Remediation:
        In the `KeyPolicy` of the `AWS::KMS::Key` (Terraform `policy` on `aws_kms_key`), grant
        administrators `kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion` and the other management
        actions, and grant workloads `kms:Decrypt`/`kms:GenerateDataKey*`, in statements with
        different principals; keep the account-root statement for IAM delegation.
    """
    admins: set[str] = set()
    users: set[str] = set()
    for statement in _without_conditions(key.get("KeyPolicy")).allows:
        principals = {p for p in statement.principals if not ACCOUNT_ROOT.match(p)}
        principals -= {p for p in principals if p.startswith("Service:")}
        if statement.not_principals:
            principals.add("*")
        if any(statement.grants_action(action) for action in ADMIN_ACTIONS):
            admins |= principals
        if any(statement.grants_action(action) for action in USE_ACTIONS):
            users |= principals
    return not admins & users


def _without_conditions(document: object) -> policy.Policy:
    """The key policy with its conditions dropped: who holds which duty does not depend on
    them, so an unresolved condition value cannot change the answer."""
    data = policy.decode(document) or {}
    statements = as_list(data.get("Statement"))
    bare = [
        {k: v for k, v in s.items() if k != "Condition"} for s in statements if isinstance(s, dict)
    ]
    return policy.parse({"Statement": bare})
