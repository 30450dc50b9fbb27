from csmm_static.model import Graph, Resource, as_bool, control
from csmm_static.network import SG_EXPOSURE_CONFIG_RULES, config_rule_active, fms_policies

_STANDARDS = ("aws-foundational-security-best-practices", "cis-aws-foundations-benchmark")
# Firewall Manager policies that audit every security group against a baseline.
SG_AUDIT_POLICIES = ("SECURITY_GROUPS_CONTENT_AUDIT",)


def _security_hub_standard(graph: Graph) -> bool:
    """A Security Hub standard whose controls include the exposure rules is enabled."""
    if any(
        any(name in str(standard.get("StandardsArn", "")) for name in _STANDARDS)
        for standard in graph.resources("AWS::SecurityHub::Standard")
    ):
        return True
    return any(
        as_bool(hub.get("EnableDefaultStandards", True)) is not False
        for hub in graph.resources("AWS::SecurityHub::Hub")
    )


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["DE.CM-01", "ID.RA-01"]},
)
def security_group_exposure_monitored(account: Resource, graph: Graph) -> bool:
    """Security groups are continuously evaluated for internet exposure.

    Why it matters:
        Templates are checked before merge; the running network is not. A managed Config
        rule, a Security Hub standard or a Firewall Manager content audit re-evaluates every
        security group on each change, so a port opened by hand, by another tool or by a
        compromised role is flagged within minutes instead of at the next audit.

    Remediation:
        Deploy `restricted-ssh` (`INCOMING_SSH_DISABLED`), `restricted-common-ports`
        (`RESTRICTED_INCOMING_TRAFFIC`) or `vpc-sg-open-only-to-authorized-ports` as
        `AWS::Config::ConfigRule` with `Source.Owner: AWS` (Terraform:
        `aws_config_config_rule`), enable the FSBP standard in Security Hub
        (`AWS::SecurityHub::Standard`, Terraform `aws_securityhub_standards_subscription`), or
        audit all groups with an `AWS::FMS::Policy` of type `SECURITY_GROUPS_CONTENT_AUDIT`
        (Terraform `aws_fms_policy`).
    """
    if fms_policies(graph, SG_AUDIT_POLICIES) or _security_hub_standard(graph):
        return True
    return any(
        config_rule_active(graph, account, identifier, name)
        for identifier, name in SG_EXPOSURE_CONFIG_RULES.items()
    )
