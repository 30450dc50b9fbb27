import re

from csmm_static.model import Graph, Resource, control

# Names that announce a secret, unless they end in a word saying the value only points at one.
SECRET_NAME = re.compile(
    r"(password|passwd|passphrase|secret|token|credential|api[-_]?key|private[-_]?key)", re.I
)
POINTER_SUFFIX = re.compile(r"[-_/.](arn|name|id|path|url|uri|endpoint)$", re.I)


@control(
    pillar="storage",
    level=3,
    severity="high",
    subject="AWS::SSM::Parameter",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config does not record SSM parameters, so a parameter's type is not in it",
    },
    refs={
        "nist_csf": ["PR.DS-01", "PR.AA-01"],
    },
)
def ssm_parameter_secrets_are_secure_strings(parameter: Resource, graph: Graph) -> bool:
    """SSM parameters named for secrets are SecureString parameters.

    Why it matters:
        A `String` parameter is stored and returned in clear text to anyone allowed
        `ssm:GetParameter`; a password in one is as exposed as one in the code, while a
        `SecureString` is encrypted with KMS and needs `kms:Decrypt` too.

    Remediation:
        Store secrets as `SecureString` (Terraform `aws_ssm_parameter` with
        `type = "SecureString"`), or in Secrets Manager; CloudFormation cannot create
        `SecureString` parameters, so do not declare secret values in `AWS::SSM::Parameter`.
    """
    if parameter.get("Type") == "SecureString":
        return True
    name = parameter.get("Name")
    label = str(name) if name is not None else parameter.address
    return not (SECRET_NAME.search(label) and not POINTER_SUFFIX.search(label))
