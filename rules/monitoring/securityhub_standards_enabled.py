from csmm_static.model import Graph, Resource, as_bool, control

_FSBP = "aws-foundational-security-best-practices"
_CIS = "cis-aws-foundations-benchmark"
# Subscriptions that are going away or never came up do not count.
_INACTIVE = {"DELETING", "FAILED"}


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["ID.IM-01", "ID.RA-01"]},
)
def securityhub_standards_enabled(account: Resource, graph: Graph) -> bool:
    """Security Hub runs the AWS Foundational and CIS AWS Foundations standards.

    Why it matters:
        A hub without standards only relays other services' findings; the standards are what
        continuously test the account's configuration against hundreds of known-bad settings
        and turn drift into findings someone can act on.

    Remediation:
        Keep `EnableDefaultStandards` true on `AWS::SecurityHub::Hub` (it subscribes AWS
        Foundational Security Best Practices and CIS AWS Foundations) or subscribe them with
        `AWS::SecurityHub::Standard` `StandardsArn` (Terraform:
        `aws_securityhub_standards_subscription.standards_arn`).
    """
    enabled: set[str] = set()
    for hub in graph.resources("AWS::SecurityHub::Hub"):
        # Enabling Security Hub subscribes both standards unless told not to.
        if as_bool(hub.get("EnableDefaultStandards", True)) is not False:
            enabled |= {_FSBP, _CIS}
    for standard in graph.resources("AWS::SecurityHub::Standard"):
        if str(standard.get("StandardsStatus", "READY")).upper() in _INACTIVE:
            continue
        arn = str(standard.get("StandardsArn", ""))
        enabled |= {name for name in (_FSBP, _CIS) if name in arn}
    return {_FSBP, _CIS} <= enabled
