from csmm_static.model import Graph, Resource, Unknown, as_int, control


@control(
    pillar="iam",
    level=1,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["1.8"],
        "fsbp": ["IAM.15"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_password_policy_minimum_length_14"],
    },
    formats=("tf", "tfplan", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for the account password policy, so its minimum length "
            "cannot be declared in a template"
        ),
        "config": (
            "AWS Config records no configuration item for the account password policy, so its "
            "minimum length is not in a snapshot"
        ),
    },
)
def iam_password_policy_min_length_14(account: Resource, graph: Graph) -> bool:
    """The account password policy requires at least 14 characters.

    Why it matters:
        Length is what makes a password resist guessing and cracking; the IAM default of 8
        characters falls to offline attacks on leaked hashes and to spraying.

    Remediation:
        Set `minimum_password_length = 14` (or more) on `aws_iam_account_password_policy` in
        Terraform, or `aws iam update-account-password-policy --minimum-password-length 14`;
        CloudFormation has no password policy resource.
    """
    policy = account.get("PasswordPolicy")
    if not isinstance(policy, dict):
        raise Unknown("no account password policy evidence")
    length = as_int(policy.get("MinimumPasswordLength"))
    return length is not None and length >= 14
