from csmm_static.model import Graph, Resource, as_bool, control
from csmm_static.network import config_rule_active

# Managed rules that flag internet-exposed security groups (identifier, default name).
_EXPOSURE_RULES = (
    ("INCOMING_SSH_DISABLED", "restricted-ssh"),
    ("RESTRICTED_INCOMING_TRAFFIC", "restricted-common-ports"),
    ("VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", "vpc-sg-open-only-to-authorized-ports"),
)
_STANDARDS = ("aws-foundational-security-best-practices", "cis-aws-foundations-benchmark")


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
    refs={"nist_csf": ["DE.CM-01", "ID.RA-01"]},
)
def config_rules_watch_security_group_exposure(account: Resource, graph: Graph) -> bool:
    """AWS Config continuously evaluates security groups for internet exposure.

    Why it matters:
        Templates are checked before merge; the running network is not. A managed Config
        rule re-evaluates every security group on each change, so a port opened by hand,
        by another tool or by a compromised role is flagged within minutes instead of at
        the next audit. Security Hub's FSBP and CIS standards deploy these rules too.

    Remediation:
        Deploy `restricted-ssh` (`INCOMING_SSH_DISABLED`), `restricted-common-ports`
        (`RESTRICTED_INCOMING_TRAFFIC`) or `vpc-sg-open-only-to-authorized-ports` as
        `AWS::Config::ConfigRule` with `Source.Owner: AWS` (Terraform:
        `aws_config_config_rule`), or enable the FSBP standard in Security Hub
        (`AWS::SecurityHub::Standard`, Terraform `aws_securityhub_standards_subscription`).
    """
    return _security_hub_standard(graph) or any(
        config_rule_active(graph, account, identifier, name) for identifier, name in _EXPOSURE_RULES
    )
