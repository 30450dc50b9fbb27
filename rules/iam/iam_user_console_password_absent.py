from csmm_static.model import Graph, Resource, control


@control(
    pillar="iam",
    level=1,
    severity="high",
    subject="AWS::IAM::User",
    refs={
        "cis": ["1.21"],
        "nist_csf": ["PR.AA-01", "PR.AA-04"],
        "prowler": ["iam_check_saml_providers_sts"],
    },
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record whether an IAM user has a console password (login "
            "profile); the IAM credential report does"
        ),
    },
)
def iam_user_console_password_absent(user: Resource, graph: Graph) -> bool:
    """IAM users have no console password; people sign in through federation.

    Why it matters:
        Console passwords on IAM users are long-lived credentials outside the identity
        provider: they survive leavers, escape central MFA and session policies, and are a
        favourite target of phishing and credential stuffing.

    Remediation:
        Give people access through IAM Identity Center or a SAML/OIDC provider and remove the
        login profile: `LoginProfile` on `AWS::IAM::User` in CloudFormation,
        `aws_iam_user_login_profile` in Terraform.
    """
    return user.get("LoginProfile") is None
