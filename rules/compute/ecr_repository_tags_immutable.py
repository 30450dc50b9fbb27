from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::ECR::Repository",
    refs={
        "fsbp": ["ECR.2"],
        "nist_csf": ["PR.PS-01"],
        "prowler": ["ecr_repositories_tag_immutability"],
    },
)
def ecr_repository_tags_immutable(repository: Resource, graph: Graph) -> bool:
    """ECR repositories make image tags immutable.

    Why it matters:
        With mutable tags, anyone who can push can replace the image behind a deployed tag;
        the next restart then runs code nobody reviewed or scanned.

    Remediation:
        Set `ImageTagMutability: IMMUTABLE` on `AWS::ECR::Repository` (Terraform:
        `image_tag_mutability = "IMMUTABLE"` on `aws_ecr_repository`).
    """
    return repository.get("ImageTagMutability") == "IMMUTABLE"
