"""Account-wide settings Terraform manages, as properties of the account node (docs/graph.md).

No CloudFormation type holds them, so they are named after the AWS API response that reports
them: `PasswordPolicy` as `get-account-password-policy` returns it, `RegionalSettings` per
region (`*` when the configuration does not say which).
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import UnknownValue, is_unknown
from csmm_static.readers.terraform.modules import RawResource

ANY_REGION = "*"

_PASSWORD_FIELDS = (
    ("minimum_password_length", "MinimumPasswordLength", 6),
    ("require_symbols", "RequireSymbols", False),
    ("require_numbers", "RequireNumbers", False),
    ("require_uppercase_characters", "RequireUppercaseCharacters", False),
    ("require_lowercase_characters", "RequireLowercaseCharacters", False),
    ("allow_users_to_change_password", "AllowUsersToChangePassword", True),
    ("hard_expiry", "HardExpiry", False),
    ("max_password_age", "MaxPasswordAge", None),
    ("password_reuse_prevention", "PasswordReusePrevention", None),
)


def _password_policy(values: dict[str, Any]) -> dict[str, Any]:
    policy: dict[str, Any] = {}
    for source, target, default in _PASSWORD_FIELDS:
        value = values.get(source)
        value = default if value is None else value
        if value is not None:
            policy[target] = value
    age = policy.get("MaxPasswordAge")
    policy["ExpirePasswords"] = age if is_unknown(age) else isinstance(age, int) and age > 0
    return policy


def _regional(values: dict[str, Any], tf_type: str) -> dict[str, Any]:
    if tf_type == "aws_ebs_encryption_by_default":
        enabled = values.get("enabled")
        return {"EbsEncryptionByDefault": True if enabled is None else enabled}
    if tf_type == "aws_ec2_image_block_public_access":
        return {"ImageBlockPublicAccessState": values.get("state")}
    if tf_type == "aws_ebs_snapshot_block_public_access":
        return {"SnapshotBlockPublicAccessState": values.get("state")}
    defaults = {
        target: values[source]
        for source, target in (
            ("http_tokens", "HttpTokens"),
            ("http_put_response_hop_limit", "HttpPutResponseHopLimit"),
            ("http_endpoint", "HttpEndpoint"),
            ("instance_metadata_tags", "InstanceMetadataTags"),
        )
        if values.get(source) is not None
    }
    return {"InstanceMetadataDefaults": defaults}


REGIONAL_TYPES = frozenset(
    {
        "aws_ebs_encryption_by_default",
        "aws_ec2_image_block_public_access",
        "aws_ebs_snapshot_block_public_access",
        "aws_ec2_instance_metadata_defaults",
    }
)


_CONTACT_FIELDS = (
    ("alternate_contact_type", "AlternateContactType"),
    ("name", "Name"),
    ("title", "Title"),
    ("email_address", "EmailAddress"),
    ("phone_number", "PhoneNumber"),
)


def _alternate_contact(values: dict[str, Any]) -> dict[str, Any]:
    """`aws_account_alternate_contact` as `get-alternate-contact` reports it, by type."""
    contact = {t: values[s] for s, t in _CONTACT_FIELDS if values.get(s) is not None}
    kind = values.get("alternate_contact_type")
    if is_unknown(kind):
        return {"AlternateContacts": UnknownValue("the alternate contact's type is not known")}
    return {"AlternateContacts": {str(kind).upper(): contact}}


def facts(raw: RawResource) -> dict[str, Any]:
    """The account-node properties one resource sets (empty for ordinary resources)."""
    if raw.tf_type == "aws_iam_account_password_policy":
        found: dict[str, Any] = {"PasswordPolicy": _password_policy(raw.values)}
    elif raw.tf_type == "aws_account_alternate_contact":
        found = _alternate_contact(raw.values)
    elif raw.tf_type in REGIONAL_TYPES:
        found = {"RegionalSettings": {ANY_REGION: _regional(raw.values, raw.tf_type)}}
    else:
        return {}
    if raw.multiplicity_unknown:
        reason = f"whether {raw.address} is created is not known"
        return _unknown_leaves(found, reason)
    return found


def unknown_facts(raw: RawResource, reason: str) -> dict[str, Any]:
    """The facts a resource sets, all unknown (its values could not be read)."""
    if raw.tf_type == "aws_iam_account_password_policy":
        return {"PasswordPolicy": UnknownValue(reason)}
    if raw.tf_type == "aws_account_alternate_contact":
        return {"AlternateContacts": UnknownValue(reason)}
    if raw.tf_type in REGIONAL_TYPES:
        return {
            "RegionalSettings": {ANY_REGION: _unknown_leaves(_regional({}, raw.tf_type), reason)}
        }
    return {}


def _unknown_leaves(value: Any, reason: str) -> Any:
    if isinstance(value, dict):
        return {k: _unknown_leaves(v, reason) for k, v in value.items()}
    return UnknownValue(reason)


def merge(target: dict[str, Any], found: dict[str, Any]) -> None:
    """Deep-merge account facts: regions and settings from several resources combine."""
    for key, value in found.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
