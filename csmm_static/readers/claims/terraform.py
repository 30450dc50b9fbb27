"""Terraform configuration, variable files, and plan or state JSON."""

from __future__ import annotations

from csmm_static.readers.base import InputFile

FORMAT = "terraform"
FIXTURE_FORMATS: tuple[str, ...] = ("tf", "tfplan")  # the model.FORMATS keys this reader reads
VAR_FILES = (".tfvars", ".tfvars.json")


def looks_like_plan(head: str) -> bool:
    text = head.replace("\x00", "")
    return '"format_version"' in text and any(
        key in text
        for key in ('"planned_values"', '"terraform_version"', '"values"', '"resource_changes"')
    )


def claims(file: InputFile, head: str) -> bool:
    name = file.path.name.lower()
    if name.endswith((".tf", ".tf.json", *VAR_FILES)):
        return True
    return name.endswith(".json") and looks_like_plan(head)
