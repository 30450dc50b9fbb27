from csmm_static.model import Graph, Resource, as_bool, control
from csmm_static.network import SG_EXPOSURE_CONFIG_RULES, config_rule_identifier, fms_policies

# AWS-owned runbooks that remove world-open ingress rules.
_CLOSING_RUNBOOKS = (
    "AWS-DisablePublicAccessForSecurityGroup",
    "AWSConfigRemediation-RemoveUnrestrictedSourceIngressRules",
)


def _watches_exposure(remediation: Resource, graph: Graph) -> bool:
    rules = graph.related(remediation, "AWS::Config::ConfigRule", direction="out")
    if rules:
        return any(config_rule_identifier(rule) in SG_EXPOSURE_CONFIG_RULES for rule in rules)
    name = remediation.get("ConfigRuleName")
    return isinstance(name, str) and any(n in name for n in SG_EXPOSURE_CONFIG_RULES.values())


def _config_remediation(graph: Graph) -> bool:
    return any(
        as_bool(remediation.get("Automatic")) is True
        and (
            remediation.get("TargetId") in _CLOSING_RUNBOOKS
            or _watches_exposure(remediation, graph)
        )
        for remediation in graph.resources("AWS::Config::RemediationConfiguration")
    )


@control(
    pillar="networking",
    level=5,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record its remediation configurations or Firewall Manager "
            "policies as configuration items"
        ),
    },
    refs={"nist_csf": ["RS.MI-02", "PR.PS-01"]},
)
def security_group_exposure_auto_remediated(account: Resource, graph: Graph) -> bool:
    """Security groups opened to the internet are closed again automatically.

    Why it matters:
        A port opened by hand or by a stolen role is exposed until someone reverts it.
        Automatic remediation on the Config rule that detects it (`restricted-ssh`,
        `restricted-common-ports`, `vpc-sg-open-only-to-authorized-ports`), or a Firewall
        Manager content audit with remediation, removes the rule minutes after the change,
        whoever made it.

    Remediation:
        Add `AWS::Config::RemediationConfiguration` with `Automatic: true`, `ConfigRuleName`
        the exposure rule, `TargetType: SSM_DOCUMENT` and `TargetId:
        AWSConfigRemediation-RemoveUnrestrictedSourceIngressRules` (or
        `AWS-DisablePublicAccessForSecurityGroup`); Terraform:
        `aws_config_remediation_configuration` with `automatic = true`. Or set
        `RemediationEnabled: true` on an `AWS::FMS::Policy` of type
        `SECURITY_GROUPS_CONTENT_AUDIT` (Terraform `aws_fms_policy.remediation_enabled`).
    """
    if any(
        as_bool(fms.get("RemediationEnabled")) is True
        for fms in fms_policies(graph, ("SECURITY_GROUPS_CONTENT_AUDIT",))
    ):
        return True
    return _config_remediation(graph)
