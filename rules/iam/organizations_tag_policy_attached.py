from csmm_static.model import Graph, Resource, control
from csmm_static.policy import decode, organization_policies


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations tag policies or the targets they are "
            "attached to"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-05", "ID.AM-05"],
        "prowler": ["organizations_tags_policies_enabled_and_attached"],
    },
)
def organizations_tag_policy_attached(account: Resource, graph: Graph) -> bool:
    """An attached tag policy defines the tag keys that attribute-based access relies on.

    Why it matters:
        Attribute-based access control is only as strong as the tags it compares: a tag policy
        fixes the keys and values (and can enforce them) so a typo or a rogue value does not
        silently grant or deny access.

    Remediation:
        Create an `AWS::Organizations::Policy` with `Type: TAG_POLICY`, the tag keys under
        `tags` in `Content`, and the root or OU ids in `TargetIds` (Terraform
        `aws_organizations_policy` with `type = "TAG_POLICY"` and
        `aws_organizations_policy_attachment`).
    """
    for policy in organization_policies(account, graph, "TAG_POLICY"):
        content = decode(policy.get("Content"))
        if content and isinstance(content.get("tags"), dict) and content["tags"]:
            return True
    return False
