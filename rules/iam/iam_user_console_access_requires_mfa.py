from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.policy import attached_policies

# A deny that holds whenever MFA is missing must cover these for the account to be usable
# only with MFA (the published "force MFA" policy exempts just MFA self-service).
_PROBES = ("ec2:RunInstances", "s3:GetObject", "iam:CreateAccessKey", "sts:AssumeRole")


@control(
    pillar="iam",
    level=1,
    severity="high",
    subject="AWS::IAM::User",
    refs={
        "cis": ["1.10"],
        "fsbp": ["IAM.5"],
        "nist_csf": ["PR.AA-03"],
        "prowler": ["iam_user_mfa_enabled_console_access"],
    },
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record whether an IAM user has a console password (login "
            "profile), which decides whether the MFA deny is needed"
        ),
    },
)
def iam_user_console_access_requires_mfa(user: Resource, graph: Graph) -> bool:
    """IAM users with a console password can do nothing without MFA.

    Why it matters:
        MFA enrolment cannot be declared in code, but a policy can make it mandatory: a Deny
        on every action when `aws:MultiFactorAuthPresent` is false turns a stolen password
        into a session that can only enrol an MFA device.

    Remediation:
        Attach to the user, or to a group it belongs to, a Deny statement with `NotAction`
        limited to MFA self-service (`iam:CreateVirtualMFADevice`, `iam:EnableMFADevice`,
        `iam:ListMFADevices`, `sts:GetSessionToken`, ...), `Resource: "*"` and
        `BoolIfExists: {aws:MultiFactorAuthPresent: "false"}` (CloudFormation `Policies` or
        `AWS::IAM::Policy`; Terraform `aws_iam_group_policy` / `aws_iam_user_policy`), or
        remove the console password (`LoginProfile`, `aws_iam_user_login_profile`).
    """
    if user.get("LoginProfile") is None:
        return True
    policies = attached_policies(user, graph)
    for attached in policies:
        for statement in attached.policy or ():
            if (
                not statement.allows
                and statement.all_resources()
                and all(statement.covers_action(a) for a in _PROBES)
                and statement.applies_without_mfa()
            ):
                return True
    unresolved = [a.name for a in policies if not a.resolved]
    if unresolved:
        raise Unknown(f"policy {unresolved[0]} applies to {user.address} but is not in the scan")
    return False
