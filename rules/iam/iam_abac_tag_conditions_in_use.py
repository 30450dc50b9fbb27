from csmm_static.model import Graph, Resource, as_list, control
from csmm_static.policy import any_settled, identity_policy_documents, parse

_TAG_KEYS = ("aws:ResourceTag/*", "aws:PrincipalTag/*", "aws:RequestTag/*")


@control(
    pillar="iam",
    level=3,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["PR.AA-05"]},
)
def iam_abac_tag_conditions_in_use(account: Resource, graph: Graph) -> bool:
    """Access is granted on tags: identity policies compare principal and resource tags.

    Why it matters:
        Attribute-based access scales where role-per-resource policies do not: one policy that
        matches `aws:ResourceTag/project` to `aws:PrincipalTag/project` keeps teams apart as
        resources come and go, without editing IAM for each of them.

    Remediation:
        Condition Allow statements on `aws:ResourceTag/<key>` (and `aws:RequestTag/<key>` for
        creation) against `${aws:PrincipalTag/<key>}` in identity policies, and pass identity
        attributes as session tags (IAM Identity Center
        `AWS::SSO::InstanceAccessControlAttributeConfiguration`; Terraform
        `aws_ssoadmin_instance_access_control_attributes`).
    """
    for config in graph.resources("AWS::SSO::InstanceAccessControlAttributeConfiguration"):
        if as_list(config.get("AccessControlAttributes")) or as_list(
            config.get("InstanceAccessControlAttributeConfiguration.AccessControlAttributes")
        ):
            return True
    return any_settled(
        (document for _, document in identity_policy_documents(graph)),
        lambda document: any(
            statement.allows and any(statement.has_condition(key) for key in _TAG_KEYS)
            for statement in parse(document)
        ),
    )
