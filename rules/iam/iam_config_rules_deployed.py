from csmm_static.model import Graph, Resource, control
from csmm_static.policy import config_rule_identifier, rule_matches

# One managed rule per concern is enough to say the concern is verified continuously.
CONCERNS = {
    "administrative policies": (
        "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
        "IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS",
    ),
    "long-lived credentials": (
        "ACCESS_KEYS_ROTATED",
        "IAM_USER_UNUSED_CREDENTIALS_CHECK",
        "IAM_ROOT_ACCESS_KEY_CHECK",
    ),
    "multi-factor authentication": (
        "ROOT_ACCOUNT_MFA_ENABLED",
        "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED",
        "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
        "IAM_USER_MFA_ENABLED",
    ),
}


def _deployed(account: Resource, graph: Graph) -> list[str]:
    """Identifiers or names of the Config rules the scan shows deployed."""
    found = [
        config_rule_identifier(rule)
        for rtype in ("AWS::Config::ConfigRule", "AWS::Config::OrganizationConfigRule")
        for rule in graph.resources(rtype)
    ]
    for rtype in ("AWS::Config::ConformancePack", "AWS::Config::OrganizationConformancePack"):
        for pack in graph.resources(rtype):
            body = pack.get("TemplateBody")
            if isinstance(body, str):
                found.extend(
                    identifier
                    for identifiers in CONCERNS.values()
                    for identifier in identifiers
                    if identifier in body
                )
    recorded = account.get("ConfigRuleCompliance")
    if isinstance(recorded, dict):
        found.extend(str(name) for name in recorded)
    return [name for name in found if name]


@control(
    pillar="iam",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.PS-01", "DE.CM-09"]},
)
def iam_config_rules_deployed(account: Resource, graph: Graph) -> bool:
    """AWS Config rules continuously verify admin policies, credentials and MFA.

    Why it matters:
        IAM drifts between reviews: a console user appears, a key ages, an admin policy gets
        attached for "just this once". Managed Config rules turn each of those into a finding
        within hours instead of at the next audit.

    Remediation:
        Deploy at least one managed rule for each concern, ideally organization-wide:
        `IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS`, `ACCESS_KEYS_ROTATED` or
        `IAM_USER_UNUSED_CREDENTIALS_CHECK`, and `ROOT_ACCOUNT_MFA_ENABLED` or
        `MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS` (`AWS::Config::ConfigRule` `Source`,
        `AWS::Config::OrganizationConfigRule`, or a conformance pack; Terraform
        `aws_config_config_rule`, `aws_config_organization_managed_rule`,
        `aws_config_conformance_pack`).
    """
    deployed = _deployed(account, graph)
    return all(
        any(rule_matches(name, identifier) for name in deployed for identifier in identifiers)
        for identifiers in CONCERNS.values()
    )
