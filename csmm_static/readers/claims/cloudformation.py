"""CloudFormation templates, YAML or JSON."""

from __future__ import annotations

import re

from csmm_static.readers.base import InputFile

FORMAT = "cloudformation"
FIXTURE_FORMATS: tuple[str, ...] = ("cfn",)  # the model.FORMATS keys this reader reads

_EXTENSIONS = (".yaml", ".yml", ".json", ".template", ".cfn")
# `Type` as a key of its own: AWS Config's `"resourceType": "AWS::..."` is not a template.
_TEMPLATE_HINT = re.compile(
    r"AWSTemplateFormatVersion|(?<![\w\"'])[\"']?Type[\"']?\s*:\s*[\"']?(AWS|Custom|Alexa)::",
    re.MULTILINE,
)
_RESOURCES_KEY = re.compile(r"(^|[{,])[ \t]*[\"']?Resources[\"']?\s*:", re.MULTILINE)


def claims(file: InputFile, head: str) -> bool:
    name = file.path.name.lower()
    if not name.endswith(_EXTENSIONS):
        return False
    return bool(_RESOURCES_KEY.search(head) and _TEMPLATE_HINT.search(head))
