"""Data sources: read from AWS at plan time, so offline only a few have a value.

`aws_iam_policy_document` is pure configuration and is rendered here; the account, region and
partition data sources keep the symbolic pseudo values the graph uses for CloudFormation's pseudo
parameters. Everything else a data source would return is unknown, except the arguments the
configuration itself sets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from csmm_static.model import Unknown, UnknownValue, contains_unknown, is_unknown
from csmm_static.readers.terraform.convert import present
from csmm_static.readers.terraform.functions import json_text

ACCOUNT_ID = "${AWS::AccountId}"
REGION = "${AWS::Region}"

_PSEUDO: dict[str, dict[str, Any]] = {
    "aws_caller_identity": {"account_id": ACCOUNT_ID, "id": ACCOUNT_ID},
    "aws_partition": {
        "partition": "aws",
        "id": "aws",
        "dns_suffix": "amazonaws.com",
        "reverse_dns_prefix": "com.amazonaws",
    },
}


def attribute(dtype: str, address: str, name: str, body: Callable[[], dict[str, Any]]) -> Any:
    """The value of `data.<dtype>.<name>.<attribute>` as far as it is known offline."""
    try:
        return _attribute(dtype, address, name, body)
    except Unknown as exc:
        return UnknownValue(exc.reason)


def _attribute(dtype: str, address: str, name: str, body: Callable[[], dict[str, Any]]) -> Any:
    if dtype == "aws_iam_policy_document" and name in ("json", "minified_json"):
        return policy_document(body())
    if dtype in ("aws_region", "aws_regions") and name in ("name", "region", "id"):
        values = body()
        given = values.get("name", values.get("region"))
        return given if given is not None else REGION
    pseudo = _PSEUDO.get(dtype)
    if pseudo is not None and name in pseudo:
        return pseudo[name]
    values = body()
    if name in values:
        return values[name]
    return UnknownValue(f"{address}.{name} is read from AWS at plan time")


# ---------------------------------------------------------------------------------------------
# aws_iam_policy_document


def _one_or_many(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def _strings(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        seen: list[Any] = []
        for item in value:
            if is_unknown(item) or not any(not is_unknown(s) and s == item for s in seen):
                seen.append(item)
        return seen
    return [value]


def _principals(blocks: Any) -> Any:
    merged: dict[str, list[Any]] = {}
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        identifiers = _strings(block.get("identifiers"))
        if is_unknown(kind):
            return kind
        merged.setdefault(str(kind), []).extend(identifiers)
    if list(merged) == ["*"] and merged["*"] == ["*"]:
        return "*"
    return {k: _one_or_many(v) for k, v in sorted(merged.items())}


def _conditions(blocks: Any) -> Any:
    result: dict[str, dict[str, Any]] = {}
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        test, variable = block.get("test"), block.get("variable")
        if is_unknown(test) or is_unknown(variable):
            return UnknownValue("a condition operator or key is not known")
        values = _strings(block.get("values"))
        result.setdefault(str(test), {})[str(variable)] = _one_or_many(values)
    return result


def _statement(block: dict[str, Any]) -> dict[str, Any]:
    statement: dict[str, Any] = {}
    if present(block.get("sid")):
        statement["Sid"] = block["sid"]
    effect = block.get("effect")
    statement["Effect"] = "Allow" if effect is None else effect
    for key, name in (
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ):
        value = block.get(key)
        if is_unknown(value):
            statement[name] = value
        elif present(value):
            statement[name] = _one_or_many(_strings(value))
    for key, name in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        if present(block.get(key)):
            statement[name] = _principals(block[key])
    if present(block.get("condition")):
        statement["Condition"] = _conditions(block["condition"])
    return statement


def _document_statements(text: Any) -> list[Any] | UnknownValue:
    if is_unknown(text):
        return text
    if isinstance(text, dict):
        doc: Any = text
    else:
        try:
            doc = json.loads(str(text))
        except ValueError:  # JSONDecodeError, or an integer over Python's 4300 digits
            return UnknownValue("a source policy document is not valid JSON")
    statements = doc.get("Statement", []) if isinstance(doc, dict) else []
    return statements if isinstance(statements, list) else [statements]


def _merge_by_sid(base: list[Any], extra: list[Any]) -> list[Any]:
    """Later statements replace earlier ones with the same Sid, as the provider merges them."""
    result = list(base)
    for statement in extra:
        sid = statement.get("Sid") if isinstance(statement, dict) else None
        position = next(
            (
                i
                for i, s in enumerate(result)
                if sid
                and isinstance(s, dict)
                and not is_unknown(s.get("Sid"))
                and s.get("Sid") == sid
            ),
            None,
        )
        if position is not None:
            result[position] = statement
        else:
            result.append(statement)
    return result


def _with_documents(statements: list[Any], values: dict[str, Any], keys: tuple[str, str]) -> Any:
    """Statements merged with the documents named by `keys` (source or override documents)."""
    for key in keys:
        documents = values.get(key)
        if is_unknown(documents):
            return UnknownValue(f"{key.replace('_', ' ')} not known")
        listed = _strings(documents) if isinstance(documents, list) else [documents]
        for document in (d for d in listed if present(d)):
            found = _document_statements(document)
            if is_unknown(found):
                return found
            statements = _merge_by_sid(statements, found)  # type: ignore[arg-type]
    return statements


def policy_document(values: dict[str, Any]) -> Any:
    """The JSON text `aws_iam_policy_document` renders (a structure when partly unknown)."""
    statements = _with_documents([], values, ("source_policy_documents", "source_json"))
    if is_unknown(statements):
        return statements
    own = values.get("statement")
    if is_unknown(own):
        return own
    statements = _merge_by_sid(
        statements, [_statement(b) for b in own or [] if isinstance(b, dict)]
    )
    statements = _with_documents(statements, values, ("override_policy_documents", "override_json"))
    if is_unknown(statements):
        return statements
    version = values.get("version")
    document: dict[str, Any] = {"Version": version if present(version) else "2012-10-17"}
    if present(values.get("policy_id")):
        document["Id"] = values["policy_id"]
    document["Statement"] = statements
    if contains_unknown(document):
        return document
    return json_text(document)
