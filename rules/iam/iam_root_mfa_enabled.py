from csmm_static.model import Graph, Resource, as_bool, as_int, control
from csmm_static.policy import config_rule_status, evidence_verdict, root_credentials


@control(
    pillar="iam",
    level=1,
    severity="critical",
    subject="AWS::Account",
    refs={
        "cis": ["1.5"],
        "fsbp": ["IAM.9"],
        "nist_csf": ["PR.AA-03"],
        "prowler": ["iam_root_mfa_enabled"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation cannot enable or describe MFA for the root user; the account summary "
            "or credential report shows it"
        ),
        "tf": (
            "Terraform has no resource for the root user's MFA; the account summary or credential "
            "report shows whether it is on"
        ),
        "tfplan": (
            "A Terraform plan cannot contain the root user's MFA: no Terraform resource manages it"
        ),
    },
)
def iam_root_mfa_enabled(account: Resource, graph: Graph) -> bool:
    """The root user signs in with multi-factor authentication.

    Why it matters:
        The root user can do anything in the account, including closing it and changing its
        contact details; a phished or reused root password without MFA hands all of that over.

    Remediation:
        Enable MFA on the root user (prefer a FIDO security key) from the console's security
        credentials page. Neither CloudFormation nor Terraform can set it; the evidence is the
        AWS Config rule `root-account-mfa-enabled`, `aws iam get-account-summary`
        (`AccountMFAEnabled`) or the credential report.
    """
    summary = account.get("AccountSummary.AccountMFAEnabled")
    root = root_credentials(account)
    return evidence_verdict(
        (
            config_rule_status(account, "ROOT_ACCOUNT_MFA_ENABLED"),
            None if summary is None else as_int(summary) == 1,
            None if root is None else as_bool(root.get("mfa_active")) is True,
        ),
        "no root MFA evidence: give the credential report, the account summary or the"
        " Config rule compliance",
    )
