"""Analysis shared by the compute controls: EC2 launches, regional defaults, image scanning.

What an instance really runs with comes from several places: its own properties, the launch
template it names, the account's regional defaults (EBS encryption by default, instance
metadata defaults) and the role of its instance profile (can Session Manager reach it?);
whether a container image is scanned depends on its repository and on the registry's scanning
rules. These helpers follow those links once, through the graph's references, and raise
`Unknown` where a link leads to something the scan does not hold, so a control states only
what it requires.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fnmatch
import re
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from csmm_static.model import (
    Graph,
    Reference,
    Resource,
    Unknown,
    as_bool,
    as_int,
    as_list,
    is_unknown,
    lookup,
)
from csmm_static.policy import actions_granted, parse

LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"
_TEMPLATE_IDS = ("LaunchTemplateId", "LaunchTemplateName")


# ---------------------------------------------------------------------------------------------
# Finding the resource a property names.


def find(graph: Graph, rtype: str, value: Any, ids: Iterable[str] = ()) -> Resource | None:
    """The resource of type `rtype` that `value` names, or None when the scan holds none.

    A `Reference` names its target directly; a literal (an id, a name or an ARN) matches a
    resource's address or one of its `ids` properties, or the last segment of an ARN does
    (on either side).
    """
    if value is None:
        return None
    if isinstance(value, Reference):
        target = graph.get(value.target) if value.target else None
        return target if target is not None and target.type == rtype else None
    if not isinstance(value, str):
        return None
    names = {value, value.rsplit("/", 1)[-1]} if value.startswith("arn:") else {value}
    index = _name_index(graph, rtype, tuple(ids))
    found = [index[name] for name in names if name in index]
    return min(found, key=lambda r: r.node_id) if found else None


# Name -> resource indexes per graph, so that resolving literal ids stays linear in large
# recorded estates; rebuilt when the graph grows.
_INDEXES: weakref.WeakKeyDictionary[Graph, tuple[int, dict[Any, dict[str, Resource]]]] = (
    weakref.WeakKeyDictionary()
)


def _name_index(graph: Graph, rtype: str, ids: tuple[str, ...]) -> dict[str, Resource]:
    size, indexes = _INDEXES.get(graph, (-1, {}))
    if size != len(graph):
        indexes = {}
        _INDEXES[graph] = (len(graph), indexes)
    index = indexes.get((rtype, ids))
    if index is None:
        # A recorded resource's address is its ARN; the id that ends it (`subnet/subnet-0a1b`)
        # names it too, unless some resource has that exact name.
        tails: dict[str, Resource] = {}
        index = {}
        for candidate in reversed(graph.resources(rtype)):  # the first by node id wins
            index[candidate.address] = candidate
            if candidate.address.startswith("arn:") and "/" in candidate.address:
                tails[candidate.address.rsplit("/", 1)[-1]] = candidate
            for key in ids:
                known = candidate.properties.get(key)
                if isinstance(known, str) and not isinstance(known, Reference):
                    index[known] = candidate
        index = {**tails, **index}
        indexes[(rtype, ids)] = index
    return index


def require(graph: Graph, rtype: str, value: Any, what: str, ids: Iterable[str] = ()) -> Resource:
    """Like `find`, but a name the scan does not hold is unknown rather than absent."""
    found = find(graph, rtype, value, ids)
    if found is None:
        raise Unknown(f"{what} {value} is not in the scan")
    return found


# ---------------------------------------------------------------------------------------------
# Launch templates and effective launch settings.


def launch_template(graph: Graph, instance: Resource) -> Resource | None:
    """The launch template the instance names in `LaunchTemplate`; None when it names none."""
    for key in _TEMPLATE_IDS:
        value = instance.get(f"LaunchTemplate.{key}")
        if value is not None:
            return require(graph, LAUNCH_TEMPLATE, value, "launch template", _TEMPLATE_IDS)
    return None


def launch_setting(graph: Graph, instance: Resource, path: str) -> Any:
    """An instance's effective launch setting: its own property, else the same one in its
    launch template's `LaunchTemplateData`; None when neither sets it."""
    if instance.has(path):
        return instance.get(path)
    template = launch_template(graph, instance)
    return None if template is None else template.get(f"LaunchTemplateData.{path}")


# ---------------------------------------------------------------------------------------------
# Instance metadata service options. `option` reads one field of the metadata options where
# the resource keeps them (`MetadataOptions`, `LaunchTemplateData.MetadataOptions`, or an
# instance's effective launch setting); what it leaves unset comes from the regional defaults.


def metadata_tokens_required(
    graph: Graph, resource: Resource, option: Callable[[str], Any]
) -> bool:
    """IMDSv2 session tokens are required, or the metadata service is off."""
    if option("HttpEndpoint") == "disabled":
        return True
    tokens = option("HttpTokens")
    if tokens is None:
        tokens = regional_default(graph, resource, "InstanceMetadataDefaults.HttpTokens")
    return tokens == "required"


def metadata_single_hop(graph: Graph, resource: Resource, option: Callable[[str], Any]) -> bool:
    """Metadata responses travel one network hop (the default), or the service is off."""
    if option("HttpEndpoint") == "disabled":
        return True
    limit = option("HttpPutResponseHopLimit")
    if limit is None:
        limit = regional_default(
            graph, resource, "InstanceMetadataDefaults.HttpPutResponseHopLimit"
        )
    hops = as_int(limit)
    return hops is None or hops <= 1  # -1 is the defaults' "no preference": one hop


# ---------------------------------------------------------------------------------------------
# Session Manager reachability: the instance profile's role lets the SSM Agent in.

# AWS managed policies that let the SSM Agent register and open Session Manager channels.
_SSM_MANAGED_POLICIES = frozenset(
    {
        "AmazonSSMManagedInstanceCore",
        "AmazonSSMManagedEC2InstanceDefaultPolicy",
        "AmazonEC2RoleforSSM",
    }
)
_SSM_ACTIONS = (
    "ssm:UpdateInstanceInformation",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:OpenControlChannel",
)
_ROLE_POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")


def session_manager_ready(graph: Graph, instance: Resource) -> bool:
    """The instance's role lets the SSM Agent register with Systems Manager and open Session
    Manager channels (an SSM managed policy, or statements granting the same actions).

    Unknown when the profile, its role or a customer managed policy is outside the scan and
    nothing inside it settles the question.
    """
    name = launch_setting(graph, instance, "IamInstanceProfile")
    if isinstance(name, dict):  # a launch template names its profile by Arn or Name
        name = lookup(name, "Arn") or lookup(name, "Name")
    if not name:
        return False
    profile = require(
        graph, "AWS::IAM::InstanceProfile", name, "instance profile", ("InstanceProfileName",)
    )
    unresolved: list[str] = []
    for role_name in as_list(profile.get("Roles")):
        role = require(graph, "AWS::IAM::Role", role_name, "role", ("RoleName",))
        if _role_grants_ssm(role, graph, unresolved):
            return True
    if unresolved:
        raise Unknown(f"managed policies {', '.join(sorted(unresolved))} are not in the scan")
    return False


def _role_grants_ssm(role: Resource, graph: Graph, unresolved: list[str]) -> bool:
    documents: list[Any] = [lookup(p, "PolicyDocument") for p in as_list(role.get("Policies"))]
    for arn in as_list(role.get("ManagedPolicyArns")):
        policy = find(graph, "AWS::IAM::ManagedPolicy", arn, ("PolicyArn", "ManagedPolicyName"))
        if policy is not None:
            documents.append(policy.get("PolicyDocument"))
        elif ":aws:policy/" in str(arn):
            if str(arn).rsplit("/", 1)[-1] in _SSM_MANAGED_POLICIES:
                return True
        else:
            unresolved.append(str(arn))
    for rtype in _ROLE_POLICY_TYPES:
        for attached in graph.resources(rtype):
            roles = as_list(attached.get("Roles"))
            if any(find(graph, "AWS::IAM::Role", r, ("RoleName",)) is role for r in roles):
                documents.append(attached.get("PolicyDocument"))
    granted = {a for d in documents for a in actions_granted(parse(d), _SSM_ACTIONS)}
    return granted >= set(_SSM_ACTIONS)


# ---------------------------------------------------------------------------------------------
# Account-wide regional settings (docs/graph.md: the account node's `RegionalSettings`).


def regional_default(graph: Graph, resource: Resource, key: str) -> Any:
    """The account's regional setting `key` (a path below `RegionalSettings.<region>`) for the
    region `resource` is deployed in, or for every region (`*`); None when no evidence says."""
    accounts = [a for a in graph.accounts if a.account == resource.account] or graph.accounts
    regions = [r for r in (resource.region, "*") if r]
    for account in accounts:
        for region in regions:
            value = account.get(f"RegionalSettings.{region}.{key}")
            if value is not None:
                return value
    return None


def regional_values(account: Resource, key: str, evidence: str = "") -> dict[str, Any]:
    """`key` in every region whose settings the account's evidence records it for.

    With `evidence` (the export that would record it), no region at all is unknown, not empty.
    """
    settings = account.get("RegionalSettings") or {}
    values = {}
    for region in sorted(settings) if isinstance(settings, dict) else ():
        value = lookup(settings[region], key)
        if value is not None:
            values[region] = value
    if evidence and not values:
        raise Unknown(f"no region records {key}: supply {evidence}")
    return values


def rule_compliance(account: Resource, *identifiers: str) -> str | None:
    """The account's AWS Config compliance for a managed rule: "NON_COMPLIANT" if any rule with
    one of these identifiers (or a name built from one) is, else "COMPLIANT" if one is, else None.
    Rule names carry prefixes and suffixes (Security Hub, conformance packs), so names match on
    the identifier's hyphenated form anywhere in them."""
    compliance = account.get("ConfigRuleCompliance") or {}
    if not isinstance(compliance, dict):
        return None
    slugs = [i.lower().replace("_", "-") for i in identifiers]
    found = set()
    for name in sorted(compliance):
        if name.upper() in identifiers or any(slug in name.lower() for slug in slugs):
            status = compliance[name]
            if is_unknown(status):
                raise Unknown(f"compliance of Config rule {name} is unknown")
            found.add(str(status).upper())
    for status in ("NON_COMPLIANT", "COMPLIANT"):
        if status in found:
            return status
    return None


# ---------------------------------------------------------------------------------------------
# Block devices.


def block_devices_encrypted(graph: Graph, resource: Resource, mappings: Any) -> bool:
    """Every EBS volume in `mappings` is created encrypted.

    A volume is encrypted when its mapping says so or when the region encrypts new volumes by
    default. A mapping from a snapshot without `Encrypted` inherits the snapshot's state
    (unknown); no EBS mapping at all leaves the root volume to the AMI's snapshot (unknown).
    A recorded mapping that names an existing volume (`Ebs.VolumeId`) is that volume's state.
    """
    volumes = [v for v in (lookup(m, "Ebs") for m in as_list(mappings)) if v is not None]
    states = [_encrypted(graph, v) for v in volumes]
    if volumes and all(state is True for state in states):
        return True
    if as_bool(regional_default(graph, resource, "EbsEncryptionByDefault")) is True:
        return True
    if not volumes:
        raise Unknown(
            "no EBS block device is declared: the root volume's encryption follows the AMI"
        )
    for volume, state in zip(volumes, states, strict=True):
        if state is not True and not lookup(volume, "SnapshotId"):
            return False
    raise Unknown("a volume restored from a snapshot inherits the snapshot's encryption")


def _encrypted(graph: Graph, ebs: Any) -> bool | None:
    state = as_bool(lookup(ebs, "Encrypted"))
    volume_id = lookup(ebs, "VolumeId")
    if state is not None or volume_id is None:
        return state
    volume = require(graph, "AWS::EC2::Volume", volume_id, "volume", ("VolumeId",))
    return as_bool(volume.get("Encrypted"))


# ---------------------------------------------------------------------------------------------
# Secrets in user data.

_SECRETS = (
    ("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    (
        "an AWS secret access key",
        re.compile(r"(?i)aws_?secret_?access_?key\W{0,3}[=:]\s*['\"]?[A-Za-z0-9/+]{40}"),
    ),
    (
        "a private key",
        re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    ),
    # A name that ends in a secret word, assigned a literal (not a variable, a command
    # substitution or a dynamic reference).
    (
        "a password or token assigned a literal value",
        re.compile(
            r"(?i)\b[\w.-]*(?:password|passwd|secret|token|api_?key)['\"]?\s*[=:]\s*['\"]?"
            r"(?![$'\"{<%(\s])[^\s'\"]{8,}"
        ),
    ),
)
_BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]{16,}$")


def user_data_secrets(user_data: Any) -> list[str]:
    """What kinds of credentials the user data holds in clear text (empty when none).

    User data is plain text in the graph when the template wrote `Fn::Base64` over it; a literal
    base64 string is decoded first.
    """
    if user_data is None:
        return []
    if is_unknown(user_data):
        raise Unknown("user data is not known offline")
    text = str(user_data)
    texts = [text]
    if _BASE64.match(text):
        with contextlib.suppress(binascii.Error, UnicodeDecodeError):  # not base64 after all
            texts.append(base64.b64decode("".join(text.split()), validate=True).decode("utf-8"))
    return [name for name, pattern in _SECRETS if any(pattern.search(t) for t in texts)]


# ---------------------------------------------------------------------------------------------
# Container image scanning.


def registry_scan_rules(graph: Graph, repository: Resource) -> set[tuple[str, str]]:
    """(scan type, scan frequency) of every registry scanning rule that covers the repository.

    A filter with `*` matches names where the wildcard stands for any characters; a filter
    without one matches every name that contains it. A repository whose name CloudFormation
    generates is covered only by `*`.
    """
    name = repository.get("RepositoryName")
    covered = set()
    for configuration in graph.resources("AWS::ECR::RegistryScanningConfiguration"):
        scan_type = str(configuration.get("ScanType", "BASIC"))
        for rule in as_list(configuration.get("Rules")):
            filters = [lookup(f, "Filter") for f in as_list(lookup(rule, "RepositoryFilters"))]
            if any(_filter_matches(f, name) for f in filters if isinstance(f, str)):
                covered.add((scan_type, str(lookup(rule, "ScanFrequency"))))
    return covered


def _filter_matches(pattern: str, name: Any) -> bool:
    if pattern.strip("*") == "":
        return True
    if name is None:
        raise Unknown("the repository's name is generated at deploy time")
    if "*" in pattern:
        return fnmatch.fnmatchcase(str(name), pattern.replace("[", "[[]"))
    return pattern in str(name)
