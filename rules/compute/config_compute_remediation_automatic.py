from csmm_static.model import Graph, Reference, Resource, as_bool, control

# AWS Config managed rules that watch EC2 settings this pillar covers.
_COMPUTE_RULES = frozenset(
    {
        "EC2_IMDSV2_CHECK",
        "EC2_LAUNCH_TEMPLATE_IMDSV2_CHECK",
        "EC2_EBS_ENCRYPTION_BY_DEFAULT",
        "ENCRYPTED_VOLUMES",
        "EC2_INSTANCE_NO_PUBLIC_IP",
        "EC2_INSTANCE_MANAGED_BY_SSM",
        "EC2_INSTANCE_PROFILE_ATTACHED",
        "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED",
        "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK",
    }
)


@control(
    pillar="compute",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record its own rules or remediation configurations as "
            "configuration items"
        ),
    },
    refs={"nist_csf": ["RS.MI-02", "PR.PS-01"]},
)
def config_compute_remediation_automatic(account: Resource, graph: Graph) -> bool:
    """AWS Config rules on EC2 settings exist and remediate violations automatically.

    Why it matters:
        Detection alone leaves a non-compliant instance exposed until a person acts; automatic
        remediation (an SSM Automation runbook run by Config) closes the gap in minutes, for
        drift introduced outside the pipeline too.

    Remediation:
        Deploy the managed rules (for example `EC2_IMDSV2_CHECK`, `EC2_INSTANCE_NO_PUBLIC_IP`)
        as `AWS::Config::ConfigRule` and give each an `AWS::Config::RemediationConfiguration`
        with `Automatic: true` (Terraform: `aws_config_config_rule`,
        `aws_config_remediation_configuration { automatic = true }`).
    """
    rules = [
        rule
        for rule in graph.resources("AWS::Config::ConfigRule")
        if rule.get("Source.Owner") == "AWS"
        and rule.get("Source.SourceIdentifier") in _COMPUTE_RULES
    ]
    remediations = [
        r
        for r in graph.resources("AWS::Config::RemediationConfiguration")
        if as_bool(r.get("Automatic")) is True
    ]
    return bool(rules) and all(_remediated(rule, remediations) for rule in rules)


def _remediated(rule: Resource, remediations: list[Resource]) -> bool:
    for remediation in remediations:
        name = remediation.get("ConfigRuleName")
        if isinstance(name, Reference):
            if name.target == rule.node_id:
                return True
        elif name is not None and name in (rule.address, rule.properties.get("ConfigRuleName")):
            return True
    return False
