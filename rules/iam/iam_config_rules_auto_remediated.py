from csmm_static.model import Graph, Resource, control
from csmm_static.policy import auto_remediated_rules, rule_matches

IAM_RULES = (
    "ACCESS_KEYS_ROTATED",
    "IAM_USER_UNUSED_CREDENTIALS_CHECK",
    "IAM_ROOT_ACCESS_KEY_CHECK",
    "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
    "IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS",
    "IAM_USER_NO_POLICIES_CHECK",
    "IAM_NO_INLINE_POLICY_CHECK",
    "IAM_PASSWORD_POLICY",
    "IAM_POLICY_BLACKLISTED_CHECK",
    "IAM_ROLE_MANAGED_POLICY_CHECK",
    "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
    "IAM_USER_MFA_ENABLED",
)


@control(
    pillar="iam",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-02", "PR.PS-01"]},
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record its remediation configurations as configuration items, so "
            "automatic remediation of IAM rules is not in a snapshot"
        ),
    },
)
def iam_config_rules_auto_remediated(account: Resource, graph: Graph) -> bool:
    """An IAM Config rule corrects its findings automatically.

    Why it matters:
        Detection that waits for a person leaves drift in place for days; automatic
        remediation reverts an IAM deviation within minutes of the evaluation that found it,
        every time, at any hour.

    Remediation:
        Add an `AWS::Config::RemediationConfiguration` with `Automatic: true`,
        `TargetType: SSM_DOCUMENT`, an SSM Automation `TargetId` (for example
        `AWSConfigRemediation-RevokeUnusedIAMUserCredentials`) and `MaximumAutomaticAttempts`
        to an IAM rule such as `iam-user-unused-credentials-check` (Terraform
        `aws_config_remediation_configuration` with `automatic = true`).
    """
    return any(
        rule_matches(rule, identifier)
        for rule in auto_remediated_rules(graph)
        for identifier in IAM_RULES
    )
