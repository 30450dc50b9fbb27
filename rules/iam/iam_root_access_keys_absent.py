from csmm_static.model import Graph, Resource, as_bool, as_int, control
from csmm_static.policy import config_rule_status, evidence_verdict, root_credentials


@control(
    pillar="iam",
    level=1,
    severity="critical",
    subject="AWS::Account",
    refs={
        "cis": ["1.4"],
        "fsbp": ["IAM.4"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_no_root_access_key"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation cannot manage or describe the root user's access keys; the credential "
            "report or account summary shows them"
        ),
        "tf": (
            "Terraform has no resource for the root user's access keys; the credential report or "
            "account summary shows them"
        ),
        "tfplan": (
            "A Terraform plan cannot contain the root user's access keys: no Terraform resource "
            "manages them"
        ),
    },
)
def iam_root_access_keys_absent(account: Resource, graph: Graph) -> bool:
    """The root user has no active access keys.

    Why it matters:
        A root access key is a permanent, unrestricted credential that no policy, permissions
        boundary or SCP can limit; leaked once, the whole account is gone.

    Remediation:
        Delete the root user's access keys from its security credentials page and use roles
        for automation. Neither CloudFormation nor Terraform manages root keys; the evidence
        is the AWS Config rule `iam-root-access-key-check`, `aws iam get-account-summary`
        (`AccountAccessKeysPresent`) or the credential report.
    """
    summary = account.get("AccountSummary.AccountAccessKeysPresent")
    root = root_credentials(account)
    return evidence_verdict(
        (
            config_rule_status(account, "IAM_ROOT_ACCESS_KEY_CHECK"),
            None if summary is None else as_int(summary) == 0,
            None
            if root is None
            else all(as_bool(root.get(f"access_key_{n}_active")) is not True for n in (1, 2)),
        ),
        "no root access key evidence: give the credential report, the account summary or the"
        " Config rule compliance",
    )
