from csmm_static.model import Graph, Resource, control
from csmm_static.policy import parse, public_statements


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::ECR::Repository",
    refs={
        "nist_csf": ["PR.AA-05", "PR.DS-01"],
        "prowler": ["ecr_repositories_not_publicly_accessible"],
    },
)
def ecr_repository_not_public(repository: Resource, graph: Graph) -> bool:
    """ECR repository policies grant nothing to anonymous or arbitrary AWS principals.

    Why it matters:
        A public repository policy lets anyone pull (or push) images, leaking code and baked-in
        configuration or letting an outsider poison the supply chain.

    Remediation:
        Remove statements with `Principal: "*"` from `RepositoryPolicyText`, or restrict them
        with `aws:PrincipalOrgID` (Terraform: `aws_ecr_repository_policy`).
    """
    return not public_statements(parse(repository.get("RepositoryPolicyText")))
