from csmm_static.compute import registry_scan_rules
from csmm_static.model import Graph, Resource, as_bool, control

_SCANNING = frozenset({"SCAN_ON_PUSH", "CONTINUOUS_SCAN"})


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::ECR::Repository",
    refs={
        "fsbp": ["ECR.1"],
        "nist_csf": ["ID.RA-01", "PR.PS-02"],
        "prowler": ["ecr_repositories_scan_images_on_push_enabled"],
    },
)
def ecr_repository_image_scanning_enabled(repository: Resource, graph: Graph) -> bool:
    """ECR repositories scan images for vulnerabilities when they are pushed.

    Why it matters:
        An unscanned repository ships known-vulnerable packages into production unnoticed;
        scanning on push puts a finding next to every image before anyone deploys it.

    Remediation:
        Set `ImageScanningConfiguration.ScanOnPush: true` on `AWS::ECR::Repository`
        (Terraform: `image_scanning_configuration { scan_on_push = true }`), or cover the
        repository with a scan-on-push or continuous rule of
        `AWS::ECR::RegistryScanningConfiguration` (Terraform:
        `aws_ecr_registry_scanning_configuration`).
    """
    if as_bool(repository.get("ImageScanningConfiguration.ScanOnPush")) is True:
        return True
    return any(frequency in _SCANNING for _, frequency in registry_scan_rules(graph, repository))
