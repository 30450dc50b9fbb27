from csmm_static.model import Graph, Resource, control
from csmm_static.policy import guardrail_statements

# The calls that switch off the account's eyes: audit trail, threat detection, configuration
# recording and findings aggregation.
PROTECTED_ACTIONS = (
    "cloudtrail:StopLogging",
    "cloudtrail:DeleteTrail",
    "guardduty:DeleteDetector",
    "config:StopConfigurationRecorder",
    "config:DeleteConfigurationRecorder",
    "securityhub:DisableSecurityHub",
)


@control(
    pillar="iam",
    level=2,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations service control policies, so no SCP "
            "guarding the security services is in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.PS-01", "DE.CM-09"]},
)
def scp_protects_security_services(account: Resource, graph: Graph) -> bool:
    """Attached SCPs deny switching off CloudTrail, GuardDuty, AWS Config and Security Hub.

    Why it matters:
        Disabling logging and detection is what an intruder with administrator access does
        first; an SCP deny holds even against that administrator.

    Remediation:
        Deny `cloudtrail:StopLogging`, `cloudtrail:DeleteTrail`, `guardduty:DeleteDetector`,
        `config:StopConfigurationRecorder`, `config:DeleteConfigurationRecorder` and
        `securityhub:DisableSecurityHub` in an attached SCP (`AWS::Organizations::Policy`
        `Content`; Terraform `aws_organizations_policy.content`), exempting only the
        security pipeline role with an `ArnNotLike` `aws:PrincipalArn` condition.
    """
    denies = [s for s in guardrail_statements(account, graph) if not s.allows]
    return all(any(s.covers_action(action) for s in denies) for action in PROTECTED_ACTIONS)
