from csmm_static.model import Graph, Resource, control
from csmm_static.policy import auto_remediated_rules, rule_matches

KEY_RULES = ("ACCESS_KEYS_ROTATED", "IAM_USER_UNUSED_CREDENTIALS_CHECK")


@control(
    pillar="iam",
    level=5,
    severity="medium",
    subject="AWS::Account",
    refs={"nist_csf": ["PR.AA-01", "RS.MI-02"]},
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record its remediation configurations as configuration items, so "
            "automatic key deactivation is not in a snapshot"
        ),
    },
)
def iam_access_keys_auto_deactivated(account: Resource, graph: Graph) -> bool:
    """Over-age and unused access keys are deactivated automatically.

    Why it matters:
        A key that nobody rotates or uses is the credential most likely to leak unnoticed;
        deactivating it automatically means the account carries no standing idle keys even
        when owners forget.

    Remediation:
        Attach an `AWS::Config::RemediationConfiguration` with `Automatic: true` to the
        `access-keys-rotated` or `iam-user-unused-credentials-check` rule, targeting an SSM
        Automation document such as `AWSConfigRemediation-RevokeUnusedIAMUserCredentials`
        (Terraform `aws_config_remediation_configuration` with `automatic = true`).
    """
    return any(
        rule_matches(rule, identifier)
        for rule in auto_remediated_rules(graph)
        for identifier in KEY_RULES
    )
