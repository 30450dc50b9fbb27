from csmm_static.model import Graph, Reference, Resource, as_bool, control

# Dynamic references CloudFormation resolves at deploy time without storing the value.
SECRET_REFERENCES = ("{{resolve:secretsmanager:", "{{resolve:ssm-secure:")


@control(
    pillar="storage",
    level=3,
    severity="critical",
    subject="AWS::RDS::DBCluster",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config never records a DB cluster's master password, so only code can show one"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-01", "PR.DS-01"],
    },
)
def rds_cluster_master_password_not_plaintext(cluster: Resource, graph: Graph) -> bool:
    """RDS DB clusters take their master password from a secret store, not the code.

    Why it matters:
        The cluster's master password opens every database on every instance of it; written
        into a template or a parameter default it spreads to every copy of the code.

    Remediation:
        Set `ManageMasterUserPassword: true` on the `AWS::RDS::DBCluster` (Terraform
        `manage_master_user_password = true` on `aws_rds_cluster`), or resolve
        `MasterUserPassword` from `{{resolve:secretsmanager:...}}`.
    """
    if as_bool(cluster.get("ManageMasterUserPassword")) is True:
        return True
    password = cluster.get("MasterUserPassword")
    if password is None or isinstance(password, Reference):
        return True  # no password, or one another resource generates
    return str(password).startswith(SECRET_REFERENCES)
