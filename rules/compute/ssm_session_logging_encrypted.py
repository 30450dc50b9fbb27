import json
from typing import Any

from csmm_static.model import Graph, Resource, Unknown, as_bool, control, lookup

# The regional Session Manager preferences live in this Session document.
_PREFERENCES = "SSM-SessionManagerRunShell"


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records Session Manager's preferences document without its content, where "
            "logging and KMS settings live"
        ),
    },
    refs={"nist_csf": ["PR.PS-04", "DE.CM-03", "PR.DS-02"]},
)
def ssm_session_logging_encrypted(account: Resource, graph: Graph) -> bool:
    """Session Manager logs every session to encrypted storage and encrypts sessions with KMS.

    Why it matters:
        SSM-only access is auditable only if sessions are recorded: the preferences decide
        whether each shell session's transcript reaches S3 or CloudWatch Logs, encrypted, and
        whether the session stream itself is encrypted with a key you control.

    Remediation:
        Declare the `SSM-SessionManagerRunShell` `AWS::SSM::Document` (`DocumentType:
        Session`, `sessionType: Standard_Stream`) with `inputs` `s3BucketName` and
        `s3EncryptionEnabled: true` or `cloudWatchLogGroupName` and
        `cloudWatchEncryptionEnabled: true`, and `kmsKeyId` (Terraform: `aws_ssm_document`
        with `document_type = "Session"`).
    """
    for document in graph.resources("AWS::SSM::Document"):
        if document.get("DocumentType") != "Session" or document.get("Name") != _PREFERENCES:
            continue
        inputs = lookup(_content(document.get("Content")), "inputs") or {}
        to_s3 = lookup(inputs, "s3BucketName") and _true(lookup(inputs, "s3EncryptionEnabled"))
        to_logs = lookup(inputs, "cloudWatchLogGroupName") and _true(
            lookup(inputs, "cloudWatchEncryptionEnabled")
        )
        if (to_s3 or to_logs) and lookup(inputs, "kmsKeyId"):
            return True
    return False


def _true(value: Any) -> bool:
    return as_bool(value) is True


def _content(value: Any) -> Any:
    """A document's content as data: CloudFormation gives an object, Terraform JSON or YAML."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        pass
    import yaml  # here, not at the top: every scan loads this file, few documents are YAML

    try:
        return yaml.safe_load(value)
    except yaml.YAMLError as exc:
        raise Unknown("the Session document's content is neither JSON nor YAML") from exc
