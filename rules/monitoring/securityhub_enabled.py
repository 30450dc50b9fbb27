from csmm_static.model import Graph, Resource, control

# Names AWS Config gives the managed rule that reports Security Hub's state (Security Hub and
# conformance packs add prefixes and suffixes).
_RULE = "SECURITYHUB_ENABLED"


@control(
    pillar="monitoring",
    level=2,
    severity="high",
    subject="AWS::Account",
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
    """
    if graph.resources("AWS::SecurityHub::Hub"):
        return True
    compliance = account.get("ConfigRuleCompliance") or {}
    verdicts = [
        str(status).upper()
        for name, status in sorted(compliance.items())
        if _RULE in str(name).upper().replace("-", "_")
    ]
    return "COMPLIANT" in verdicts
