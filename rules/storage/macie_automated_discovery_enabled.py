from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::Account",
    # get-macie-session does not carry AutomatedDiscoveryStatus either, so no evidence.
    formats=("cfn",),
    unrecorded={
        "tf": (
            "Terraform's aws_macie2_account sets Macie's status but has no argument for automated "
            "sensitive data discovery"
        ),
        "tfplan": (
            "A Terraform plan of aws_macie2_account holds Macie's status but no automated "
            "discovery status"
        ),
        "config": (
            "AWS Config records no Macie session item, so automated sensitive data discovery "
            "status is not in it"
        ),
    },
    refs={
        "cis": ["2.1.3"],
        "fsbp": ["Macie.1", "Macie.2"],
        "nist_csf": ["ID.AM-07", "DE.CM-09"],
        "prowler": ["macie_is_enabled", "macie_automated_sensitive_data_discovery_enabled"],
    },
)
def macie_automated_discovery_enabled(account: Resource, graph: Graph) -> bool:
    """Amazon Macie runs automated sensitive data discovery over the account's buckets.

    Why it matters:
        Classification tags say what a bucket is meant to hold; Macie finds what it really
        holds, such as credentials or personal data in a bucket labelled internal, before an
        attacker or an auditor does.

    Remediation:
        Create an `AWS::Macie::Session` with `Status: ENABLED` and
        `AutomatedDiscoveryStatus: ENABLED` (Terraform `aws_macie2_account` with
        `status = "ENABLED"`, and automated discovery enabled), ideally from a delegated
        Macie administrator for the whole organization.
    """
    undecided = False
    for session in graph.resources("AWS::Macie::Session"):
        if session.get("Status", "ENABLED") != "ENABLED":
            continue
        discovery = session.get("AutomatedDiscoveryStatus")
        if discovery == "ENABLED":
            return True
        undecided = undecided or discovery is None
    if undecided:
        raise Unknown("Macie is enabled but AutomatedDiscoveryStatus is not set; set it to ENABLED")
    return False
