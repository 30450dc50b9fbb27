from csmm_static.model import Graph, Resource, Unknown, as_int, control


@control(
    pillar="iam",
    level=1,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["1.9"],
        "fsbp": ["IAM.16"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_password_policy_reuse_24"],
    },
    formats=("tf", "tfplan", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for the account password policy, so its password reuse "
            "prevention cannot be declared in a template"
        ),
        "config": (
            "AWS Config records no configuration item for the account password policy, so its "
            "reuse prevention is not in a snapshot"
        ),
    },
)
def iam_password_policy_reuse_24(account: Resource, graph: Graph) -> bool:
    """The account password policy prevents reuse of the last 24 passwords.

    Why it matters:
        Without reuse prevention, a forced change cycles back to a password that may already
        be in a breach corpus.

    Remediation:
        Set `password_reuse_prevention = 24` on `aws_iam_account_password_policy` in
        Terraform, or `aws iam update-account-password-policy --password-reuse-prevention 24`;
        CloudFormation has no password policy resource.
    """
    policy = account.get("PasswordPolicy")
    if not isinstance(policy, dict):
        raise Unknown("no account password policy evidence")
    reuse = as_int(policy.get("PasswordReusePrevention"))
    return reuse is not None and reuse >= 24
