"""Join exports with AWS Config items once every file is read (`finish`).

Several inputs can describe the same deployed resource (a trail in a Config snapshot and in
`describe-trails`; a user in Config, in the authorization details and in the credential
report). Each real resource stays one node: AWS Config's when it has one, otherwise the export
that knows most, with values only another input knew filled in where it was unknown. Then the
exports that complete other resources are applied: a trail's logging status, a recorder's
state, a policy's targets, a user's console password, and managed-rule identifiers for the
`ConfigRuleCompliance` of the account node.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from csmm_static.model import Resource, Source, UnknownValue, contains_unknown, is_unknown
from csmm_static.readers.account_exports.context import (
    CREDENTIAL_REPORT_FILE,
    EVENT_SELECTORS,
    FINDINGS,
    POLICY_TARGETS,
    RECORDER_STATUS,
    RULE_IDENTIFIERS,
    TRAIL_STATUS,
)
from csmm_static.readers.awsconfig import FORMAT as CONFIG_FORMAT
from csmm_static.readers.awsconfig.mapping.compliance import worst
from csmm_static.readers.base import ReadResult, merge_facts
from csmm_static.readers.claims.account_exports import DEPLOYED_FORMATS, FORMAT

_PER_ACCOUNT = frozenset({"AWS::S3::AccountPublicAccessBlock"})
_PER_REGION = frozenset(
    {"AWS::SecurityHub::Hub", "AWS::GuardDuty::Detector", "AWS::Macie::Session"}
)
_NAMED = {"AWS::Config::ConfigurationRecorder": "Name", "AWS::Config::ConfigRule": "ConfigRuleName"}


def finish(result: ReadResult) -> None:
    _adopt_single_account(result)
    _merge_duplicates(result)
    by_account: dict[str | None, list[Resource]] = defaultdict(list)
    for resource in result.resources:
        if resource.source is not None and resource.source.format in DEPLOYED_FORMATS:
            by_account[resource.account].append(resource)
    for account in sorted(result.account_facts, key=lambda a: a or ""):
        facts = result.account_facts[account]
        private = {k: facts.pop(k) for k in sorted(facts) if k.startswith("_")}
        resources = by_account.get(account, [])
        _trail_status(resources, private.get(TRAIL_STATUS) or {})
        _event_selectors(resources, private.get(EVENT_SELECTORS) or {})
        _recorder_status(resources, private.get(RECORDER_STATUS) or {})
        _policy_targets(resources, private.get(POLICY_TARGETS) or {})
        _rule_identifiers(facts, private.get(RULE_IDENTIFIERS) or {})
        findings = private.get(FINDINGS)
        if findings:
            facts["SecurityHubFindings"] = [findings[k] for k in sorted(findings)]
        result.resources.extend(
            _credential_report(account, resources, facts, private.get(CREDENTIAL_REPORT_FILE))
        )


def _adopt_single_account(result: ReadResult) -> None:
    """Exports that name no account belong to the one account the other evidence names."""
    known = {r.account for r in result.resources if r.account} | {
        a for a in result.account_facts if a
    }
    if len(known) != 1:
        return
    (only,) = known
    for resource in result.resources:
        if resource.account is None and resource.source and resource.source.format == FORMAT:
            resource.account = only
    if None in result.account_facts:
        merge_facts(result.account_facts.setdefault(only, {}), result.account_facts.pop(None))


def _identity(resource: Resource) -> tuple[Any, ...]:
    if resource.type in _PER_ACCOUNT:
        return (resource.account, resource.type)
    if resource.type in _PER_REGION:
        return (resource.account, resource.region, resource.type)
    if resource.type in _NAMED:
        return (
            resource.account,
            resource.region,
            resource.type,
            _key(resource.properties.get(_NAMED[resource.type])),
        )
    return (resource.account, resource.type, _key(resource.address))


def _key(value: Any) -> Any:
    """A value usable as a key: an export may hold an object where text belongs."""
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


def _known(resource: Resource) -> int:
    return sum(1 for v in resource.properties.values() if not contains_unknown(v))


def _merge_duplicates(result: ReadResult) -> None:
    groups: dict[tuple[Any, ...], list[Resource]] = defaultdict(list)
    for resource in result.resources:
        deployed = resource.source is not None and resource.source.format in DEPLOYED_FORMATS
        if deployed and "#" not in resource.node_id:  # synthesized children follow their parent
            groups[_identity(resource)].append(resource)
    dropped: set[int] = set()  # by identity: two exports may give one resource one node id
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(
            key=lambda r: (
                r.source.format != CONFIG_FORMAT if r.source else True,
                -_known(r),
                r.node_id,
            )
        )
        keep = members[0]
        for other in members[1:]:
            for key, value in other.properties.items():
                if is_unknown(keep.properties.get(key)) and not contains_unknown(value):
                    keep.properties[key] = value
                    if other.source is not None:
                        keep.add_evidence(other.source.format)
            dropped.add(id(other))
    if dropped:
        result.resources = [r for r in result.resources if id(r) not in dropped]


def _of_type(resources: list[Resource], rtype: str) -> list[Resource]:
    return [r for r in resources if r.type == rtype]


def _trail_status(resources: list[Resource], status: dict[str, bool]) -> None:
    for trail in _of_type(resources, "AWS::CloudTrail::Trail"):
        name = trail.properties.get("TrailName") or trail.address.rsplit("/", 1)[-1]
        if name in status and is_unknown(trail.properties.get("IsLogging")):
            trail.properties["IsLogging"] = status[name]
            trail.add_evidence(FORMAT)


def _event_selectors(resources: list[Resource], selectors: dict[str, dict[str, Any]]) -> None:
    for trail in _of_type(resources, "AWS::CloudTrail::Trail"):
        found = selectors.get(trail.address)
        if found and is_unknown(trail.properties.get("EventSelectors", UnknownValue(""))):
            trail.properties.pop("EventSelectors", None)
            trail.properties.update(found)
            trail.add_evidence(FORMAT)


def _recorder_status(resources: list[Resource], status: dict[str, bool]) -> None:
    for recorder in _of_type(resources, "AWS::Config::ConfigurationRecorder"):
        name = recorder.properties.get("Name")
        for key in (f"{recorder.region or '*'}/{name}", f"*/{name}"):
            if key in status:
                recorder.properties["Recording"] = status[key]
                recorder.add_evidence(FORMAT)
                break


def _policy_targets(resources: list[Resource], targets: dict[str, list[str]]) -> None:
    for policy in _of_type(resources, "AWS::Organizations::Policy"):
        ident = policy.node_id.rsplit("/", 1)[-1]
        if ident in targets:
            policy.properties["TargetIds"] = targets[ident]
            policy.add_evidence(FORMAT)


def _rule_identifiers(facts: dict[str, Any], identifiers: dict[str, str]) -> None:
    compliance = facts.get("ConfigRuleCompliance")
    if not isinstance(compliance, dict) or not identifiers:
        return
    merged = dict(compliance)
    for name, status in compliance.items():
        identifier = identifiers.get(name)
        if identifier:
            merged[identifier] = worst(merged.get(identifier), status)
    facts["ConfigRuleCompliance"] = dict(sorted(merged.items()))


_PASSWORD = "the credential report shows a console password, not its value"
_PERMISSIONS = (
    "the credential report lists credentials, not permissions; add"
    " `aws iam get-account-authorization-details` (docs/evidence.md)"
)


def _credential_report(
    account: str | None, resources: list[Resource], facts: dict[str, Any], label: Any
) -> list[Resource]:
    """Console passwords onto known users; users only the report lists, and their active
    access keys, as resources of their own."""
    rows = facts.get("CredentialReport")
    if not isinstance(rows, list):
        return []
    users = _of_type(resources, "AWS::IAM::User")
    by_arn = {u.address: u for u in users}
    by_name = {u.properties.get("UserName"): u for u in users}
    source = Source(str(label or ""), 0, 0, FORMAT, f"{account or '-'}/global")
    created: list[Resource] = []
    for row in rows:
        name, arn = row.get("user"), row.get("arn")
        if not isinstance(name, str) or name == "<root_account>":
            continue
        arn = arn if isinstance(arn, str) else None  # a damaged row: the name still says who
        user = (by_arn.get(arn) if arn else None) or by_name.get(name)
        if user is None:
            # The report knows credentials, not permissions: those stay unknown.
            props: dict[str, Any] = {"UserName": name}
            for key in ("Groups", "ManagedPolicyArns", "Policies"):
                props[key] = UnknownValue(_PERMISSIONS)
            user = _resource(account, "AWS::IAM::User", name, arn or name, props, source)
            created.append(user)
            by_name[name] = user  # a user listed twice is one user
            if arn:
                by_arn[arn] = user
        password = row.get("password_enabled")
        # By identity: resources compare by value, and unknown values refuse comparison.
        if is_unknown(user.properties.get("LoginProfile")) or any(user is c for c in created):
            if password is True:
                user.properties["LoginProfile"] = {"Password": UnknownValue(_PASSWORD)}
            elif password is False:
                user.properties.pop("LoginProfile", None)
            user.add_evidence(FORMAT)
        for number in (1, 2):
            if row.get(f"access_key_{number}_active") is True:
                created.append(
                    _resource(
                        account,
                        "AWS::IAM::AccessKey",
                        f"{name}#{number}",
                        f"{arn or name}#access-key-{number}",
                        {"UserName": name, "Status": "Active"},
                        source,
                    )
                )
    return created


def _resource(
    account: str | None, rtype: str, ident: str, address: str, props: dict[str, Any], source: Source
) -> Resource:
    return Resource(
        node_id=f"export:{account or '-'}/global/{rtype}/{ident}",
        type=rtype,
        address=address,
        properties=props,
        source=source,
        native_type=rtype,
        account=account,
        region="global",
    )
