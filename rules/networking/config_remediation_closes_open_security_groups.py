from csmm_static.model import Graph, Resource, as_bool, control
from csmm_static.network import config_rule_identifier

# Managed rules that flag internet-exposed security groups, by identifier and default name.
_EXPOSURE_RULES = {
    "INCOMING_SSH_DISABLED": "restricted-ssh",
    "RESTRICTED_INCOMING_TRAFFIC": "restricted-common-ports",
    "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS": "vpc-sg-open-only-to-authorized-ports",
}
# AWS-owned runbooks that remove world-open ingress rules.
_CLOSING_RUNBOOKS = (
    "AWS-DisablePublicAccessForSecurityGroup",
    "AWSConfigRemediation-RemoveUnrestrictedSourceIngressRules",
)


def _watches_exposure(remediation: Resource, graph: Graph) -> bool:
    rules = graph.related(remediation, "AWS::Config::ConfigRule", direction="out")
    if rules:
        return any(config_rule_identifier(rule) in _EXPOSURE_RULES for rule in rules)
    name = remediation.get("ConfigRuleName")
    return isinstance(name, str) and any(n in name for n in _EXPOSURE_RULES.values())


@control(
    pillar="networking",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-02", "PR.PS-01"]},
)
def config_remediation_closes_open_security_groups(account: Resource, graph: Graph) -> bool:
    """Security groups opened to the internet are closed again automatically.

    Why it matters:
        A port opened by hand or by a stolen role is exposed until someone reverts it.
        Automatic remediation on the Config rule that detects it (`restricted-ssh`,
        `restricted-common-ports`, `vpc-sg-open-only-to-authorized-ports`) removes the rule
        minutes after the change, whoever made it.

    Remediation:
        Add `AWS::Config::RemediationConfiguration` with `Automatic: true`, `ConfigRuleName`
        the exposure rule, `TargetType: SSM_DOCUMENT` and `TargetId:
        AWSConfigRemediation-RemoveUnrestrictedSourceIngressRules` (or
        `AWS-DisablePublicAccessForSecurityGroup`). Terraform:
        `aws_config_remediation_configuration` with `automatic = true`.
    """
    return any(
        as_bool(remediation.get("Automatic")) is True
        and (
            remediation.get("TargetId") in _CLOSING_RUNBOOKS
            or _watches_exposure(remediation, graph)
        )
        for remediation in graph.resources("AWS::Config::RemediationConfiguration")
    )
