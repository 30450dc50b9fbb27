from csmm_static.model import Graph, Resource, control
from csmm_static.policy import resources_naming


@control(
    pillar="iam",
    level=2,
    severity="high",
    subject="AWS::IAM::User",
    refs={
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_user_with_temporary_credentials"],
    },
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record IAM access keys: they are not a Config resource type and "
            "the IAM user item does not list them"
        ),
    },
)
def iam_user_access_keys_absent(user: Resource, graph: Graph) -> bool:
    """IAM users have no active access keys; people and pipelines use temporary credentials.

    Why it matters:
        Access keys never expire on their own: they end up in CI variables, laptops and
        repositories, and a leaked one works until someone notices. Role sessions from
        Identity Center or an OIDC-federated pipeline expire within hours.

    Remediation:
        Remove the `AWS::IAM::AccessKey` (Terraform `aws_iam_access_key`) and give the
        workload a role instead: an instance or task role, IAM Roles Anywhere, or an
        `AWS::IAM::OIDCProvider` (Terraform `aws_iam_openid_connect_provider`) trusted by a
        role for CI/CD.
    """
    return not any(
        key.get("Status", "Active") != "Inactive"
        for key in resources_naming(user, graph, "AWS::IAM::AccessKey")
    )
