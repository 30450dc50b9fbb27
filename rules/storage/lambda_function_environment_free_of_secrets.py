import itertools
import re

from csmm_static.model import Graph, Reference, Resource, control

# Name words that announce a secret, and last words that say the value only points at one.
SECRET_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "credentials"}
)
SECRET_PAIRS = frozenset({"apikey", "privatekey", "accesskey", "secretkey", "clientsecret"})
POINTER_WORDS = frozenset(
    {
        "arn",
        "name",
        "id",
        "path",
        "param",
        "parameter",
        "ref",
        "url",
        "uri",
        "endpoint",
        "file",
        "region",
        "type",
        "length",
        "ttl",
        "header",
        "version",
        "field",
        "enabled",
    }
)
NOT_SECRET_VALUES = frozenset(
    {"true", "false", "yes", "no", "none", "null", "enabled", "disabled", "required"}
)
# Values that are credentials whatever the variable is called.
CREDENTIAL_VALUE = re.compile(
    r"\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}"
)


@control(
    pillar="storage",
    level=3,
    severity="critical",
    subject="AWS::Lambda::Function",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config does not record a Lambda function's environment variables",
    },
    refs={
        "nist_csf": ["PR.DS-01", "PR.AA-01"],
        "prowler": ["awslambda_function_no_secrets_in_variables"],
    },
)
def lambda_function_environment_free_of_secrets(function: Resource, graph: Graph) -> bool:
    """Lambda functions keep no secrets in their environment variables.

    Why it matters:
        Environment variables are shown in the console, returned by `GetFunctionConfiguration`
        to anyone with read access, and copied into every template and state file; a secret
        there is readable far beyond the code that needs it.

    Remediation:
        Store the value in Secrets Manager or an SSM SecureString parameter and pass only its
        ARN or name in `Environment.Variables` of the `AWS::Lambda::Function` (Terraform
        `environment { variables }`); the function reads it at run time.
    """
    variables = function.get("Environment.Variables") or {}
    if not isinstance(variables, dict):
        return True
    return not any(_holds_secret(str(name), value) for name, value in sorted(variables.items()))


def _holds_secret(name: str, value: object) -> bool:
    if isinstance(value, Reference):
        return False  # another resource's attribute: an ARN, a name, an endpoint
    if _secret_name(name):
        text = str(value).strip()  # an unresolved value is unknown, not safe
    elif isinstance(value, str):
        text = value.strip()
    else:
        return False
    if CREDENTIAL_VALUE.search(text):
        return True
    return (
        _secret_name(name)
        and len(text) >= 6
        and text.lower() not in NOT_SECRET_VALUES
        and not text.startswith(("arn:", "/", "{{resolve:"))
    )


def _secret_name(name: str) -> bool:
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", words) if p]
    if not parts or parts[-1] in POINTER_WORDS:
        return False
    pairs = {a + b for a, b in itertools.pairwise(parts)}
    return bool(SECRET_WORDS & set(parts) or SECRET_PAIRS & pairs)
