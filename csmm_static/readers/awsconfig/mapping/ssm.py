"""Systems Manager documents: recorded in CloudFormation's names, without their content."""

from __future__ import annotations

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import Output

CONTENT_UNKNOWN = "AWS Config does not record a document's content (its steps)"


def document(out: Output) -> None:
    out.properties.update({k: v for k, v in out.config.items() if v is not None})
    out.properties.setdefault("Content", UnknownValue(CONTENT_UNKNOWN))


MAPPERS = {"AWS::SSM::Document": document}
