from csmm_static.compute import registry_scan_rules
from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::ECR::Repository",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records no registry scanning configuration, where enhanced continuous "
            "scanning is set"
        ),
    },
    refs={"nist_csf": ["ID.RA-01", "DE.CM-09"]},
)
def ecr_repository_continuous_scanning(repository: Resource, graph: Graph) -> bool:
    """ECR repositories are rescanned continuously by Amazon Inspector (enhanced scanning).

    Why it matters:
        A scan on push only knows the vulnerabilities published that day; images already in
        use are exposed to every CVE found later. Enhanced continuous scanning re-evaluates
        stored images as new vulnerabilities are published.

    Remediation:
        Declare `AWS::ECR::RegistryScanningConfiguration` with `ScanType: ENHANCED` and a
        `CONTINUOUS_SCAN` rule whose filter covers the repository (Terraform:
        `aws_ecr_registry_scanning_configuration { scan_type = "ENHANCED" }` with
        `rule { scan_frequency = "CONTINUOUS_SCAN" }`).
    """
    if not graph.resources("AWS::ECR::RegistryScanningConfiguration"):
        raise Unknown("the registry's scanning configuration is not in the scan")
    return ("ENHANCED", "CONTINUOUS_SCAN") in registry_scan_rules(graph, repository)
