from csmm_static.model import Graph, Resource, as_bool, control
from csmm_static.policy import ROOT_USER, config_rule_status, credential_report, evidence_verdict


@control(
    pillar="iam",
    level=1,
    severity="high",
    subject="AWS::Account",
    refs={
        "cis": ["1.10"],
        "fsbp": ["IAM.5"],
        "nist_csf": ["PR.AA-03"],
        "prowler": ["iam_user_mfa_enabled_console_access"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation cannot show which console users have enabled an MFA device: enabling "
            "one needs codes from the device at run time"
        ),
        "tf": (
            "Terraform cannot associate an MFA device with a user (enabling needs codes from the "
            "device), so enrolment is a runtime fact"
        ),
        "tfplan": (
            "A Terraform plan cannot show MFA enrolment: Terraform cannot enable a user's MFA "
            "device, which needs codes from it"
        ),
    },
)
def iam_user_console_mfa_enabled(account: Resource, graph: Graph) -> bool:
    """Every IAM user with a console password has an MFA device.

    Why it matters:
        A console password alone falls to phishing, reuse and guessing; MFA is what stands
        between a leaked password and an interactive session in the account.

    Remediation:
        Enrol an MFA device for each console user (or, better, remove console passwords and
        federate). MFA enrolment is not an IaC setting; the evidence is the AWS Config rule
        `mfa-enabled-for-iam-console-access` or the credential report.
    """
    rows = credential_report(account)
    return evidence_verdict(
        (
            config_rule_status(account, "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS"),
            None
            if rows is None
            else all(
                as_bool(row.get("mfa_active")) is True
                for row in rows
                if row.get("user") != ROOT_USER and as_bool(row.get("password_enabled")) is True
            ),
        ),
        "no console MFA evidence: give the credential report or the Config rule compliance",
    )
