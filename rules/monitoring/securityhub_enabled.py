from typing import Any

from csmm_static import policy
from csmm_static.events import provisioned
from csmm_static.model import Graph, Resource, control

# Names AWS Config gives the managed rule that reports Security Hub's state (Security Hub and
# conformance packs add prefixes and suffixes).
_RULE = "SECURITYHUB_ENABLED"
# Calls that switch Security Hub on, directly or for the organization through an administrator.
_ENABLING = ("securityhub:EnableSecurityHub", "securityhub:EnableOrganizationAdminAccount")
# Subscriptions that are going away or never came up say nothing about the hub.
_GONE = {"DELETING", "FAILED"}


def _enables(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), _ENABLING))


@control(
    pillar="monitoring",
    level=2,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["4.16"],
        "nist_csf": ["DE.AE-03", "DE.CM-09"],
        "prowler": ["securityhub_enabled"],
    },
)
def securityhub_enabled(account: Resource, graph: Graph) -> bool:
    """Security Hub is enabled in the account.

    Why it matters:
        Security Hub gathers GuardDuty, Inspector, Macie, Access Analyzer and Config findings
        in one place and scores the account against security standards; without it each
        service's findings sit in its own console and nobody sees the whole picture.

    Remediation:
        Declare `AWS::SecurityHub::Hub` in every Region you use (Terraform:
        `aws_securityhub_account`), ideally managed from a delegated administrator account
        (`AWS::SecurityHub::DelegatedAdmin`, `aws_securityhub_organization_admin_account`).
        Landing zones that enable it with a provisioning function (a custom resource whose
        role may `securityhub:EnableSecurityHub`) are recognised too.
    """
    if graph.resources("AWS::SecurityHub::Hub") or graph.resources(
        "AWS::SecurityHub::DelegatedAdmin"
    ):
        return True
    if provisioned(graph, _enables):
        return True  # a landing-zone function enables it (no CloudFormation type does)
    if any(
        str(standard.get("StandardsStatus", "READY")).upper() not in _GONE
        for standard in graph.resources("AWS::SecurityHub::Standard")
    ):
        return True  # standards are subscribed only while Security Hub is enabled
    compliance = account.get("ConfigRuleCompliance") or {}
    verdicts = [
        str(status).upper()
        for name, status in sorted(compliance.items())
        if _RULE in str(name).upper().replace("-", "_")
    ]
    return "COMPLIANT" in verdicts
