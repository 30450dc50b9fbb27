from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="monitoring",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Security Hub automation rules, so their status and "
            "finding-update actions are not in a snapshot"
        ),
    },
    refs={"nist_csf": ["RS.MA-02", "RS.MA-03"]},
)
def securityhub_automation_rules_enabled(account: Resource, graph: Graph) -> bool:
    """Security Hub automation rules triage findings as they arrive.

    Why it matters:
        Thousands of findings a week cannot be triaged by hand. Automation rules raise the
        severity of findings on critical resources, suppress known-benign ones and set an
        owner, so people and playbooks act on a queue that already makes sense.

    Remediation:
        Declare `AWS::SecurityHub::AutomationRule` with `RuleStatus: ENABLED`, `Criteria` and
        an `Actions` entry of `Type: FINDING_FIELDS_UPDATE` (Terraform:
        `aws_securityhub_automation_rule`).
    """
    for rule in graph.resources("AWS::SecurityHub::AutomationRule"):
        if str(rule.get("RuleStatus", "ENABLED")).upper() != "ENABLED":
            continue
        if any(
            isinstance(a, dict) and a.get("Type") == "FINDING_FIELDS_UPDATE"
            for a in as_list(rule.get("Actions"))
        ):
            return True
    return False
