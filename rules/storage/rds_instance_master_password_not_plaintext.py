from csmm_static.model import Graph, Reference, Resource, as_bool, control

# Dynamic references CloudFormation resolves at deploy time without storing the value.
SECRET_REFERENCES = ("{{resolve:secretsmanager:", "{{resolve:ssm-secure:")


@control(
    pillar="storage",
    level=3,
    severity="critical",
    subject="AWS::RDS::DBInstance",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config never records a DB instance's master password, so only code can show one"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-01", "PR.DS-01"],
    },
)
def rds_instance_master_password_not_plaintext(db: Resource, graph: Graph) -> bool:
    """RDS database instances take their master password from a secret store, not the code.

    Why it matters:
        A password written in a template or a parameter default is copied into every clone,
        CI log and stack history; anyone who can read the repository can log in as the
        database administrator.

    Remediation:
        Set `ManageMasterUserPassword: true` on the `AWS::RDS::DBInstance` (Terraform
        `manage_master_user_password = true`), or resolve `MasterUserPassword` from
        `{{resolve:secretsmanager:...}}` instead of writing the value.
    """
    if as_bool(db.get("ManageMasterUserPassword")) is True:
        return True
    password = db.get("MasterUserPassword")
    if password is None or isinstance(password, Reference):
        return True  # no password, or one another resource generates
    return str(password).startswith(SECRET_REFERENCES)
