from csmm_static.model import Graph, Resource, Unknown, as_bool, as_int, control
from csmm_static.policy import config_rule_status, root_credentials


@control(
    pillar="iam",
    level=1,
    severity="high",
    subject="AWS::Account",
    refs={
        "cis": ["1.6"],
        "fsbp": ["IAM.6"],
        "nist_csf": ["PR.AA-03"],
        "prowler": ["iam_root_hardware_mfa_enabled"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation cannot manage the root user's MFA device, so whether it is a hardware "
            "device is never in a template"
        ),
        "tf": (
            "Terraform has no resource for the root user's MFA device, so whether it is a hardware "
            "device is never in the configuration"
        ),
        "tfplan": (
            "A Terraform plan cannot contain the root user's MFA device: no Terraform resource "
            "manages it"
        ),
    },
)
def iam_root_hardware_mfa_enabled(account: Resource, graph: Graph) -> bool:
    """The root user's MFA is a hardware or FIDO device, not a virtual one.

    Why it matters:
        A virtual MFA app lives on a phone that is lost, replaced or backed up to the cloud;
        the root user's second factor should be a device that cannot be copied.

    Remediation:
        Register a FIDO security key or hardware TOTP token for the root user and remove the
        virtual device. Neither CloudFormation nor Terraform can set it; the evidence is the
        AWS Config rule `root-account-hardware-mfa-enabled`.
    """
    verdict = config_rule_status(account, "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED")
    if verdict is not None:
        return verdict
    # Without the rule, the exports can still prove the opposite: no MFA at all.
    summary = account.get("AccountSummary.AccountMFAEnabled")
    if summary is not None and as_int(summary) == 0:
        return False
    root = root_credentials(account)
    if root is not None and as_bool(root.get("mfa_active")) is False:
        return False
    raise Unknown(
        "the kind of root MFA device shows only in the Config rule"
        " root-account-hardware-mfa-enabled"
    )
