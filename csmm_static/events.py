"""Detection and response wiring: EventBridge patterns, metric filters, what rules reach.

Monitoring controls ask these questions; they are answered here once, with tests.

Does a rule see a class of events?
    `parse_pattern` (a dict or a JSON string), `matches(pattern, event)` with EventBridge's
    semantics, and `admits(pattern, fields)`: some event with these dotted field values, every
    other field free, matches. `sees_guardduty_findings`, `sees_security_hub_findings` (of one
    product, optionally) and `sees_call` are the common cases.
Does something alert on a CloudTrail call?
    `Call` builds a representative CloudTrail record and EventBridge event for an API call or
    console sign-in: what defines the call (event source and name, principal type, error code,
    MFA) is fixed and the rest is open, so a rule that excludes an automation role still
    counts and a rule that only watches the root user does not. `filter_matches` evaluates
    CloudWatch Logs metric filter patterns against the record. `Detections` gathers the enabled
    rules with a target and the metric filters on a trail's log group that feed an alarm with
    an action, and `Detections.require(calls)` says whether all of the calls are covered.
What does a rule's target run?
    `targets` classifies `Targets[].Arn` (a reference to a scanned resource, a literal ARN, or
    an `Fn::Sub` ARN joined by its edge) as Lambda, Step Functions, SSM Automation, an incident
    response plan, an API destination or a notification; `reached_targets` follows SNS topics to
    their Lambda subscriptions, forwarding to event buses in the scan, and response plans to
    their runbooks; `routes` / `finding_routes` collect what rules on a class of events reach.
What may that automation do?
    `execution_role`, `role_documents` and `runbook_calls` expose the permissions and API
    calls; `automation_can(graph, targets, grants, apis, runbooks)` takes the IAM question as
    a callable, so controls ask it through `csmm_static.policy`. `provisioned` finds services
    switched on by landing-zone functions behind custom resources.
Evidence of process: `incident_runbooks`, `hunt_ready_stores`.

EventBridge matching follows the service: every field of the pattern must match, a list of
matchers matches when any does, `$or` takes any branch, arrays in the event match when any
element does, and `anything-but` needs the field present. A matcher this analysis does not
model, or an unresolved part of a pattern, raises `Unknown`.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from csmm_static.model import (
    Graph,
    Reference,
    Resource,
    Unknown,
    as_bool,
    as_list,
    is_unknown,
    require_known,
    unknown_reason,
)

# ---------------------------------------------------------------------------------------------
# Event values: open fields and absent fields.


class _Any:
    """A field the question leaves open: present, with whatever value a matcher wants."""

    _instance: _Any | None = None

    def __new__(cls) -> _Any:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()
_MISSING = object()


class Open(dict[str, Any]):
    """An event object whose unlisted fields are open (`ANY`) rather than absent."""


def _field(obj: Any, key: str) -> Any:
    if obj is ANY:
        return ANY
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        return ANY if isinstance(obj, Open) else _MISSING
    return _MISSING


def open_event(fields: Mapping[str, Any]) -> Open:
    """An open event holding the given dotted fields (`detail.findings.ProductName`)."""
    root = Open()
    for path, value in fields.items():
        node = root
        *parents, leaf = path.split(".")
        for part in parents:
            child = node.get(part)
            if not isinstance(child, Open):
                child = Open()
                node[part] = child
            node = child
        node[leaf] = value
    return root


# ---------------------------------------------------------------------------------------------
# EventBridge patterns.


def parse_pattern(value: Any) -> dict[str, Any] | None:
    """An `EventPattern` as a dict, from a dict or a JSON string; None when absent or unreadable.

    Raises `Unknown` when any part of the pattern is unresolved.
    """
    if is_unknown(value):
        raise Unknown(f"event pattern: {unknown_reason(value)}")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict):
        return None
    return require_known(value)


def matches(pattern: Mapping[str, Any], event: Any) -> bool:
    """Whether `event` matches `pattern`; `ANY` and `Open` fields match every matcher."""
    return _object(pattern, event)


def admits(pattern: Mapping[str, Any], fields: Mapping[str, Any]) -> bool:
    """Whether some event with these dotted field values, all others free, matches."""
    return _object(pattern, open_event(fields))


def _object(pattern: Mapping[str, Any], obj: Any) -> bool:
    for key, rule in pattern.items():
        if key == "$or":
            branches = [b for b in as_list(rule) if isinstance(b, dict)]
            if not any(_object(branch, obj) for branch in branches):
                return False
            continue
        value = _field(obj, key)
        if isinstance(rule, dict):
            if not _nested(rule, value):
                return False
        elif isinstance(rule, list):
            if not _leaf(rule, value):
                return False
        else:
            raise Unknown(f"event pattern field {key} is neither a list nor an object")
    return True


def _nested(rule: Mapping[str, Any], value: Any) -> bool:
    if isinstance(value, list):
        return any(_nested(rule, item) for item in value)
    if value is ANY or isinstance(value, dict):
        return _object(rule, value)
    return _object(rule, {})  # absent or a scalar: every field below it is absent


def _leaf(matchers: list[Any], value: Any) -> bool:
    if value is _MISSING:
        return any(_exists(m) is False for m in matchers)
    if value is ANY:
        return bool(matchers)
    if isinstance(value, dict):
        return any(_exists(m) is True for m in matchers)
    values = value if isinstance(value, list) else [value]
    return any(_scalar(m, v) for m in matchers for v in values)


def _exists(matcher: Any) -> bool | None:
    if isinstance(matcher, dict) and set(matcher) == {"exists"}:
        return matcher["exists"] is True
    return None


def _scalar(matcher: Any, value: Any) -> bool:
    if value is ANY:
        return True
    if matcher is None:
        return value is None
    if isinstance(matcher, bool):
        return value is matcher
    if isinstance(matcher, int | float):
        return _is_number(value) and value == matcher
    if isinstance(matcher, str):
        return isinstance(value, str) and value == matcher
    if isinstance(matcher, dict) and len(matcher) == 1:
        ((kind, argument),) = matcher.items()
        return _operator(str(kind), argument, value)
    raise Unknown(f"event pattern matcher {matcher!r} is not modelled")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _operator(kind: str, argument: Any, value: Any) -> bool:
    if kind == "exists":
        return argument is True
    if kind in ("prefix", "suffix"):
        text, fold = argument, False
        if isinstance(argument, dict) and set(argument) == {"equals-ignore-case"}:
            text, fold = argument["equals-ignore-case"], True
        if not isinstance(text, str):
            raise Unknown(f"event pattern {kind} over {argument!r} is not modelled")
        if not isinstance(value, str):
            return False
        subject, text = (value.lower(), text.lower()) if fold else (value, text)
        return subject.startswith(text) if kind == "prefix" else subject.endswith(text)
    if kind == "equals-ignore-case" and isinstance(argument, str):
        return isinstance(value, str) and value.lower() == argument.lower()
    if kind == "wildcard" and isinstance(argument, str):
        return isinstance(value, str) and _wildcard(argument).fullmatch(value) is not None
    if kind == "anything-but":
        if isinstance(argument, dict) and len(argument) == 1:
            ((inner, options),) = argument.items()
            return not any(_operator(str(inner), o, value) for o in as_list(options))
        return not any(_scalar(option, value) for option in as_list(argument))
    if kind == "numeric" and isinstance(argument, list):
        return _is_number(value) and _numeric(argument, value)
    if kind == "cidr" and isinstance(argument, str):
        return _in_cidr(argument, value)
    raise Unknown(f"event pattern matcher {kind} is not modelled")


def _wildcard(text: str) -> re.Pattern[str]:
    parts = re.split(r"(?<!\\)\*", text)
    return re.compile(".*".join(re.escape(p.replace("\\*", "*")) for p in parts), re.DOTALL)


_COMPARE = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _numeric(terms: list[Any], value: float) -> bool:
    if len(terms) % 2:
        raise Unknown("event pattern numeric matcher is malformed")
    for operator, bound in zip(terms[::2], terms[1::2], strict=True):
        compare = _COMPARE.get(str(operator))
        if compare is None or not _is_number(bound):
            raise Unknown(f"event pattern numeric operator {operator!r} is not modelled")
        if not compare(value, bound):
            return False
    return True


def _in_cidr(block: str, value: Any) -> bool:
    try:
        return isinstance(value, str) and ipaddress.ip_address(value) in ipaddress.ip_network(
            block, strict=False
        )
    except ValueError:
        return False


# Finding events, by the fields that define them.
GUARDDUTY_FINDING: Mapping[str, str] = {
    "source": "aws.guardduty",
    "detail-type": "GuardDuty Finding",
}
SECURITY_HUB_FINDING: Mapping[str, str] = {
    "source": "aws.securityhub",
    "detail-type": "Security Hub Findings - Imported",
}


def sees_guardduty_findings(pattern: Mapping[str, Any]) -> bool:
    """Whether the pattern matches (some) GuardDuty findings delivered by GuardDuty."""
    return admits(pattern, GUARDDUTY_FINDING)


def sees_security_hub_findings(pattern: Mapping[str, Any], product: str = "") -> bool:
    """Whether the pattern matches Security Hub imported findings (of one product, such as
    `GuardDuty`, when `product` is given)."""
    fields = dict(SECURITY_HUB_FINDING)
    if product:
        fields["detail.findings.ProductName"] = product
    return admits(pattern, fields)


# ---------------------------------------------------------------------------------------------
# CloudTrail calls and their events.


@dataclass(frozen=True)
class Call:
    """An API call or console sign-in, as CloudTrail records it and EventBridge delivers it."""

    name: str  # eventName
    service: str  # "cloudtrail": eventSource cloudtrail.amazonaws.com, source aws.cloudtrail
    principal: str = "AssumedRole"  # userIdentity.type
    error_code: str = ""
    mfa: bool = True  # console sign-ins only
    success: bool = True  # console sign-ins only

    @property
    def sign_in(self) -> bool:
        return self.service == "signin"

    @property
    def label(self) -> str:
        details = [self.principal] if self.principal != "AssumedRole" else []
        if self.error_code:
            details.append(self.error_code)
        if self.sign_in:
            details.append("success" if self.success else "failure")
            if self.success and not self.mfa:
                details.append("without MFA")
        return f"{self.name} ({', '.join(details)})" if details else self.name

    def record(self) -> dict[str, Any]:
        """The CloudTrail record: defining fields fixed, incidental ones open."""
        identity: dict[str, Any]
        if self.principal == "Root":
            # Closed: a person using root has no `invokedBy`.
            identity = {"type": "Root", "principalId": ANY, "arn": ANY, "accountId": ANY}
        else:
            identity = Open({"type": self.principal})
        record: dict[str, Any] = {
            "eventVersion": ANY,
            "userIdentity": identity,
            "eventTime": ANY,
            "eventSource": f"{self.service}.amazonaws.com",
            "eventName": self.name,
            "awsRegion": ANY,
            "sourceIPAddress": ANY,
            "userAgent": ANY,
            "requestParameters": Open(),
            "responseElements": ANY,
            "requestID": ANY,
            "eventID": ANY,
            "readOnly": False,
            "eventType": "AwsApiCall",
            "managementEvent": True,
            "recipientAccountId": ANY,
            "eventCategory": "Management",
        }
        if self.error_code:
            record["errorCode"] = self.error_code
            record["errorMessage"] = ANY
        if self.sign_in:
            record["eventType"] = "AwsConsoleSignIn"
            record["requestParameters"] = None
            record["responseElements"] = {"ConsoleLogin": "Success" if self.success else "Failure"}
            record["additionalEventData"] = Open({"MFAUsed": "Yes" if self.mfa else "No"})
            if not self.success:
                record["errorMessage"] = "Failed authentication"
        return record

    def event(self) -> Open:
        """The EventBridge event: account, region and time open."""
        detail_type = (
            "AWS Console Sign In via CloudTrail" if self.sign_in else "AWS API Call via CloudTrail"
        )
        return Open(
            {"source": f"aws.{self.service}", "detail-type": detail_type, "detail": self.record()}
        )


def calls(service: str, *names: str) -> list[Call]:
    return [Call(name, service) for name in names]


def sees_call(pattern: Mapping[str, Any], call: Call) -> bool:
    """Whether the pattern matches the CloudTrail event of this call."""
    return matches(pattern, call.event())


# ---------------------------------------------------------------------------------------------
# CloudWatch Logs metric filter patterns (the JSON form CloudTrail log groups use).


_TOKEN = re.compile(
    r"\s*(?:(?P<op>&&|\|\||!=|<=|>=|=|<|>|\(|\)|\{|\})"
    r'|"(?P<quoted>(?:[^"\\]|\\.)*)"'
    r"|(?P<selector>\$(?:\.[A-Za-z0-9_@:\-]+|\[\d+\])*)"
    r"|(?P<word>[^\s()&|{}=!<>\"]+))"
)


@dataclass
class _Parser:
    tokens: list[tuple[str, str]]
    position: int = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.position += 1
        return token

    def expect(self, kind: str, text: str) -> None:
        if self.take() != (kind, text):
            raise ValueError(f"expected {text}")

    def expression(self) -> Any:
        terms = [self.conjunction()]
        while self.peek() == ("op", "||"):
            self.take()
            terms.append(self.conjunction())
        return ("or", terms) if len(terms) > 1 else terms[0]

    def conjunction(self) -> Any:
        terms = [self.unary()]
        while self.peek() == ("op", "&&"):
            self.take()
            terms.append(self.unary())
        return ("and", terms) if len(terms) > 1 else terms[0]

    def unary(self) -> Any:
        if self.peek() == ("op", "("):
            self.take()
            inner = self.expression()
            self.expect("op", ")")
            return inner
        kind, selector = self.take()
        if kind != "selector":
            raise ValueError("expected a $.selector")
        kind, text = self.take()
        if kind == "word" and text.upper() == "IS":
            _, value = self.take()
            return ("is", selector, value.upper())
        if kind == "word" and text.upper() == "NOT":
            _, word = self.take()
            if word.upper() != "EXISTS":
                raise ValueError("expected EXISTS")
            return ("absent", selector)
        if kind == "word" and text.upper() == "EXISTS":
            return ("present", selector)
        if kind != "op" or text not in ("=", "!=", "<", "<=", ">", ">="):
            raise ValueError("expected a comparison")
        value_kind, value = self.take()
        if value_kind not in ("quoted", "word"):
            raise ValueError("expected a value")
        return ("compare", selector, text, value, value_kind == "quoted")


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"unexpected text at {position}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def filter_matches(filter_pattern: Any, record: Mapping[str, Any]) -> bool | None:
    """Whether a metric filter pattern matches a CloudTrail record; None when the pattern is a
    form this analysis does not evaluate (regular expressions, space-delimited fields)."""
    if is_unknown(filter_pattern):
        raise Unknown(f"metric filter pattern: {unknown_reason(filter_pattern)}")
    if not isinstance(filter_pattern, str):
        return None
    text = filter_pattern.strip()
    if text in ("", '""'):
        return True  # the empty pattern matches every event
    if not text.startswith("{"):
        return _terms_match(text, record)
    try:
        parser = _Parser(_tokens(text))
        parser.expect("op", "{")
        tree = parser.expression()
        parser.expect("op", "}")
        if parser.peek()[0] != "end":
            return None
    except ValueError:
        return None
    return _evaluate(tree, record)


def _terms_match(text: str, record: Mapping[str, Any]) -> bool | None:
    """Plain term patterns (`StopLogging "Failed authentication"`): every term must appear."""
    terms = re.findall(r'"([^"]*)"|(\S+)', text)
    words = [quoted or bare for quoted, bare in terms]
    if any(w.startswith(("?", "-", "[")) or "%" in w for w in words):
        return None
    known = json.dumps(_known_values(record))
    return True if all(w in known for w in words) else None


def _known_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _known_values(v) for k, v in value.items() if v is not ANY}
    if isinstance(value, list):
        return [_known_values(v) for v in value]
    return value


def _select(record: Any, selector: str) -> Any:
    current = record
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", selector[1:]):
        if current is ANY:
            return ANY
        if name:
            current = _field(current, name)
        elif isinstance(current, list) and int(index) < len(current):
            current = current[int(index)]
        else:
            return _MISSING
        if current is _MISSING:
            return _MISSING
    return current


def _evaluate(node: Any, record: Mapping[str, Any]) -> bool | None:
    kind = node[0]
    if kind in ("and", "or"):
        results = [_evaluate(child, record) for child in node[1]]
        decisive = kind == "or"  # the value that settles the group
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    value = _select(record, node[1])
    if kind == "absent":
        return value is _MISSING or value is ANY
    if kind == "present":
        return value is not _MISSING
    if value is ANY:
        return True
    if value is _MISSING:
        return False
    if kind == "is":
        expected = {"TRUE": True, "FALSE": False, "NULL": None}.get(node[2], _MISSING)
        return value is expected
    _, _, operator, wanted, quoted = node
    if wanted.startswith("%") and wanted.endswith("%") and len(wanted) > 1:
        return None  # regular expression values are not evaluated
    if not quoted and re.fullmatch(r"-?\d+(\.\d+)?", wanted) and _is_number(value):
        return bool(_COMPARE_ALL[operator](value, float(wanted)))
    if operator not in ("=", "!="):
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    if not isinstance(value, str | int | float):
        return False
    equal = _wildcard(wanted).fullmatch(str(value)) is not None
    return equal if operator == "=" else not equal


_COMPARE_ALL = {**_COMPARE, "!=": lambda a, b: a != b}


# ---------------------------------------------------------------------------------------------
# Rules, targets and what they reach.


def _state_enabled(rule: Resource) -> bool:
    return str(rule.get("State", "ENABLED")).upper() != "DISABLED"


def event_rules(graph: Graph) -> list[Resource]:
    """Enabled EventBridge rules that match events (not schedules). An unresolved `State`
    counts as enabled; the pattern is read later."""
    found = []
    for rule in graph.resources("AWS::Events::Rule"):
        if not rule.has("EventPattern"):
            continue
        try:
            if not _state_enabled(rule):
                continue
        except Unknown:
            pass
        found.append(rule)
    return found


AUTOMATION = frozenset({"lambda", "step-functions", "ssm-automation"})

_TYPE_KINDS = {
    "AWS::Lambda::Function": "lambda",
    "AWS::Lambda::Alias": "lambda",
    "AWS::Lambda::Version": "lambda",
    "AWS::Serverless::Function": "lambda",
    "AWS::StepFunctions::StateMachine": "step-functions",
    "AWS::Serverless::StateMachine": "step-functions",
    "AWS::SSMIncidents::ResponsePlan": "incident-response-plan",
    "AWS::SNS::Topic": "sns",
    "AWS::SQS::Queue": "sqs",
    "AWS::Events::EventBus": "event-bus",
    "AWS::Events::ApiDestination": "api-destination",
    "AWS::Logs::LogGroup": "logs",
}


@dataclass(frozen=True)
class Target:
    """One thing a rule invokes: its kind, the ARN as written, and the resource when scanned."""

    kind: str
    arn: str
    resource: Resource | None = None

    @property
    def is_automation(self) -> bool:
        return self.kind in AUTOMATION


def arn_kind(arn: str) -> str:
    """The target kind a literal ARN names (placeholders such as `${AWS::Region}` allowed)."""
    plain = re.sub(r"\$\{[^}]*\}", "x", arn)
    parts = plain.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return "other"
    service, resource = parts[2], parts[5]
    if service == "lambda" and resource.startswith("function:"):
        return "lambda"
    if service == "states" and resource.startswith("stateMachine:"):
        return "step-functions"
    if service == "ssm" and resource.startswith("automation-definition/"):
        return "ssm-automation"
    if service == "ssm-incidents" and resource.startswith("response-plan/"):
        return "incident-response-plan"
    if service == "events":
        if resource.startswith("event-bus/"):
            return "event-bus"
        if resource.startswith("api-destination/"):
            return "api-destination"
    return {"sns": "sns", "sqs": "sqs", "logs": "logs"}.get(service, "other")


def _resource_kind(resource: Resource) -> str:
    if resource.type == "AWS::SSM::Document":
        return "ssm-automation" if resource.get("DocumentType") == "Automation" else "other"
    return _TYPE_KINDS.get(resource.type, "other")


def _edge_targets(graph: Graph, node: Resource, via: str) -> list[Resource]:
    """Resources a property of `node` names through an intrinsic (`Fn::Sub` of an ARN)."""
    ids = {
        target
        for _, target, data in graph.nx.out_edges(node.node_id, data=True)
        if str(data.get("via", "")) == via
    }
    return [r for r in (graph.get(i) for i in sorted(ids)) if r is not None]


def resolve(graph: Graph, value: Any) -> Resource | None:
    """The scanned resource a `Reference` names, if any."""
    if isinstance(value, Reference) and value.target:
        return graph.get(value.target)
    return None


_PLACEHOLDER = re.compile(r"\$\{([^}]+)\.[^.}]+\}")


def linked(graph: Graph, owner: Resource, value: Any) -> Resource | None:
    """The scanned resource a property value of `owner` names: the target of a `Reference`;
    for text that embeds one (`${TrailLogs.Arn}:*`, `"${aws_cloudwatch_log_group.l.arn}:*"`),
    the resource `owner` has an edge to under that address; for a literal ARN (as AWS Config
    records it), the resource `owner` has an edge to that is known by that ARN (or the ARN it
    qualifies)."""
    found = resolve(graph, value)
    if found is not None or not isinstance(value, str) or is_unknown(value):
        return found
    if "${" in value:
        addresses = set(_PLACEHOLDER.findall(value))
        ids = {
            target
            for _, target in graph.nx.out_edges(owner.node_id)
            if (r := graph.get(target)) is not None and r.address in addresses
        }
        return graph.get(next(iter(ids))) if len(ids) == 1 else None
    if value.startswith("arn:"):
        for _, target in sorted(graph.nx.out_edges(owner.node_id)):
            resource = graph.get(target)
            if resource is None:
                continue
            names = {resource.address, _known(resource, "Arn")} - {None}
            # A qualified ARN (a Lambda alias or version) names the resource it qualifies.
            if any(value == name or value.startswith(f"{name}:") for name in names):
                return resource
    return None


def _known(resource: Resource, name: str) -> Any:
    value = resource.properties.get(name)
    return None if is_unknown(value) else value


def _document_named(graph: Graph, arn: str) -> Resource | None:
    """The scanned SSM document an automation ARN names (`automation-definition/NAME:VER`)."""
    match = re.search(r"automation-definition/([^:/]+)", arn)
    if match is None or "${" in match.group(1):
        return None
    named = [
        d for d in graph.resources("AWS::SSM::Document") if _known(d, "Name") == match.group(1)
    ]
    return named[0] if len(named) == 1 else None


def targets(graph: Graph, rule: Resource) -> list[Target]:
    """The rule's targets, classified by the resource they reference or their ARN."""
    found = []
    for index, entry in enumerate(as_list(rule.get("Targets"))):
        arn = entry.get("Arn") if isinstance(entry, dict) else None
        if is_unknown(arn) or arn is None:
            raise Unknown(f"target {index} of rule {rule.address} has no resolvable Arn")
        resource = linked(graph, rule, arn)
        if resource is None and isinstance(arn, str) and "${" in arn:
            edges = _edge_targets(graph, rule, f"Properties.Targets.{index}.Arn")
            resource = edges[0] if len(edges) == 1 else None
        text = str(arn)
        if resource is None and arn_kind(text) == "ssm-automation":
            resource = _document_named(graph, text)
        kind = _resource_kind(resource) if resource is not None else arn_kind(text)
        if resource is not None and kind == "other":
            kind = arn_kind(text)
        found.append(Target(kind, text, resource))
    return found


def reached_targets(graph: Graph, rule: Resource, depth: int = 3) -> list[Target]:
    """The rule's targets and what they lead to in the scan: Lambda subscriptions of an SNS
    topic, rules on an event bus it forwards to, and the runbook of a response plan."""
    found: list[Target] = []
    for target in targets(graph, rule):
        found.append(target)
        if depth <= 0 or target.resource is None:
            continue
        if target.kind == "sns":
            found.extend(_topic_functions(graph, target.resource))
        elif target.kind == "event-bus":
            for forwarded in _bus_rules(graph, target.resource):
                found.extend(reached_targets(graph, forwarded, depth - 1))
        elif target.kind == "incident-response-plan":
            found.extend(plan_runbooks(target.resource))
    return found


def _topic_functions(graph: Graph, topic: Resource) -> list[Target]:
    endpoints = [
        (s.get("Protocol"), s.get("Endpoint"))
        for s in as_list(topic.get("Subscription"))
        if isinstance(s, dict)
    ]
    for subscription in graph.related(topic, "AWS::SNS::Subscription", direction="in"):
        endpoints.append((subscription.get("Protocol"), subscription.get("Endpoint")))
    found = []
    for protocol, endpoint in endpoints:
        if str(protocol).lower() == "lambda" and endpoint is not None:
            found.append(Target("lambda", str(endpoint), _endpoint(graph, topic, endpoint)))
    return found


def _endpoint(graph: Graph, topic: Resource, endpoint: Any) -> Resource | None:
    """The function a subscription endpoint names (inline on the topic or a subscription)."""
    found = resolve(graph, endpoint)
    if found is None:
        for subscription in graph.related(topic, "AWS::SNS::Subscription", direction="in"):
            found = found or linked(graph, subscription, endpoint)
    return found or linked(graph, topic, endpoint)


def _bus_rules(graph: Graph, bus: Resource) -> list[Resource]:
    name = bus.properties.get("Name")
    found = []
    for rule in event_rules(graph):
        named = rule.properties.get("EventBusName")
        if (isinstance(named, Reference) and named.target == bus.node_id) or (
            isinstance(name, str) and named == name
        ):
            found.append(rule)
    return found


def plan_runbooks(plan: Resource) -> list[Target]:
    """The SSM Automation runbooks an Incident Manager response plan starts."""
    found = []
    for action in as_list(plan.get("Actions")):
        runbook = action.get("SsmAutomation") if isinstance(action, dict) else None
        name = runbook.get("DocumentName") if isinstance(runbook, dict) else None
        if name is not None:
            found.append(Target("ssm-automation", str(name), None))
    return found


def subscribed(graph: Graph, topic: Resource) -> bool:
    """Whether an SNS topic has at least one subscription in the scan."""
    if any(isinstance(s, dict) for s in as_list(topic.get("Subscription"))):
        return True
    return bool(graph.related(topic, "AWS::SNS::Subscription", direction="in"))


# ---------------------------------------------------------------------------------------------
# Routing questions: which rules see a class of events, and what they reach.


@dataclass
class Routes:
    """The enabled rules that admit a class of events, with what each one reaches."""

    reached: list[tuple[Resource, list[Target]]] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    def any(self, kinds: Iterable[str]) -> bool:
        """Whether some rule reaches a target of one of these kinds; raises `Unknown` when
        none does but some rule could not be read or forwards outside the scan."""
        wanted = set(kinds)
        if any(t.kind in wanted for _, found in self.reached for t in found):
            return True
        outside = [
            f"rule {rule.address} forwards to {t.arn}, outside the scan"
            for rule, found in self.reached
            for t in found
            if t.kind == "event-bus" and t.resource is None
        ]
        doubts = self.doubts + outside
        if doubts:
            raise Unknown("; ".join(sorted(set(doubts))))
        return False

    def targets(self) -> Iterator[Target]:
        for _, found in self.reached:
            yield from found


def routes(graph: Graph, fields: Mapping[str, Any]) -> Routes:
    """Enabled rules whose pattern admits events with these fields, and what they reach."""
    result = Routes()
    for rule in event_rules(graph):
        try:
            pattern = parse_pattern(rule.get("EventPattern"))
            if pattern is None or not admits(pattern, fields):
                continue
            result.reached.append((rule, reached_targets(graph, rule)))
        except Unknown as exc:
            result.doubts.append(f"rule {rule.address}: {exc.reason}")
    return result


def finding_routes(graph: Graph, guardduty: bool = True) -> Routes:
    """Rules on Security Hub imported findings, or (with `guardduty`) rules on GuardDuty
    findings and Security Hub rules that admit the findings GuardDuty sends there."""
    if not guardduty:
        return routes(graph, SECURITY_HUB_FINDING)
    direct = routes(graph, GUARDDUTY_FINDING)
    imported = routes(graph, {**SECURITY_HUB_FINDING, "detail.findings.ProductName": "GuardDuty"})
    return Routes(direct.reached + imported.reached, direct.doubts + imported.doubts)


# ---------------------------------------------------------------------------------------------
# Alarms, metric filters and trails.


def alarm_acts(alarm: Resource) -> bool:
    """Whether an alarm has an enabled action for the ALARM state."""
    if as_bool(alarm.get("ActionsEnabled", True)) is False:
        return False
    return bool(as_list(alarm.get("AlarmActions")))


def alarm_metrics(alarm: Resource) -> set[tuple[str, str]]:
    """(namespace, metric name) pairs an alarm watches, directly or in metric math."""
    found = set()
    name, namespace = alarm.get("MetricName"), alarm.get("Namespace")
    if isinstance(name, str) and isinstance(namespace, str):
        found.add((namespace, name))
    for query in as_list(alarm.get("Metrics")):
        if isinstance(query, dict):
            metric = query.get("MetricStat", {}).get("Metric", {})
            name, namespace = metric.get("MetricName"), metric.get("Namespace")
            if isinstance(name, str) and isinstance(namespace, str):
                found.add((namespace, name))
    return found


def filter_metrics(metric_filter: Resource) -> set[tuple[str, str]]:
    found = set()
    for transformation in as_list(metric_filter.get("MetricTransformations")):
        if isinstance(transformation, dict):
            name = transformation.get("MetricName")
            namespace = transformation.get("MetricNamespace")
            if isinstance(name, str) and isinstance(namespace, str):
                found.add((namespace, name))
    return found


def log_group_keys(graph: Graph, value: Any, owner: Resource | None = None) -> set[str]:
    """Ways to recognise a log group: its node id and its name, from a reference (or text
    that embeds one, resolved through `owner`'s edges), an ARN
    (`arn:aws:logs:region:account:log-group:NAME:*`) or a name."""
    if is_unknown(value) or value is None:
        return set()
    keys = set()
    group = linked(graph, owner, value) if owner is not None else resolve(graph, value)
    if group is not None:
        keys.add(group.node_id)
        name = group.properties.get("LogGroupName")
        if isinstance(name, str) and not is_unknown(name):
            keys.add(name)
    elif isinstance(value, str):
        match = re.search(r":log-group:([^:]+)", value)
        keys.add(match.group(1) if match else value)
    return keys


def trail_log_groups(graph: Graph) -> set[str]:
    """Keys of the log groups that logging trails deliver to."""
    keys: set[str] = set()
    for trail in graph.resources("AWS::CloudTrail::Trail"):
        try:
            if as_bool(trail.get("IsLogging", True)) is False:
                continue
            keys |= log_group_keys(graph, trail.get("CloudWatchLogsLogGroupArn"), trail)
        except Unknown:
            continue
    return keys


@dataclass
class Detections:
    """What raises an alert on a CloudTrail event: enabled rules with a target, and metric
    filters on a trail's log group whose metric an acting alarm watches.

    A filter whose alarm or log group cannot be tied down (an alarm whose actions are
    unresolved, a log group no trail in the scan is known to feed) is `doubtful`: when it
    matches a call, the call is unknown rather than uncovered.
    """

    patterns: list[tuple[Resource, dict[str, Any]]] = field(default_factory=list)
    filters: list[tuple[Resource, Any]] = field(default_factory=list)
    doubtful: list[tuple[Resource, Any, str]] = field(default_factory=list)
    opaque: list[str] = field(default_factory=list)  # alarms whose filters the input lacks
    doubts: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, graph: Graph) -> Detections:
        found = cls()
        for rule in event_rules(graph):
            try:
                if not as_list(rule.get("Targets")):
                    continue
                pattern = parse_pattern(rule.get("EventPattern"))
                if pattern is not None:
                    found.patterns.append((rule, pattern))
            except Unknown as exc:
                found.doubts.append(f"rule {rule.address}: {exc.reason}")
        acting: set[tuple[str, str]] = set()
        uncertain: dict[tuple[str, str], str] = {}
        for alarm in graph.resources("AWS::CloudWatch::Alarm"):
            try:
                if alarm_acts(alarm):
                    acting |= alarm_metrics(alarm)
            except Unknown as exc:
                for metric in alarm_metrics(alarm):
                    uncertain[metric] = f"alarm {alarm.address}: {exc.reason}"
        trail_groups = trail_log_groups(graph)
        for metric_filter in graph.resources("AWS::Logs::MetricFilter"):
            try:
                metrics = filter_metrics(metric_filter)
                pattern = metric_filter.get("FilterPattern")
                groups = log_group_keys(graph, metric_filter.get("LogGroupName"), metric_filter)
            except Unknown as exc:
                found.doubts.append(f"metric filter {metric_filter.address}: {exc.reason}")
                continue
            if not metrics & acting:
                reasons = sorted(uncertain[m] for m in metrics if m in uncertain)
                if reasons:
                    found.doubtful.append((metric_filter, pattern, reasons[0]))
            elif groups & trail_groups:
                found.filters.append((metric_filter, pattern))
            elif not trail_groups:
                reason = "no logging trail in the scan is known to deliver to its log group"
                found.doubtful.append((metric_filter, pattern, reason))
        if trail_groups and not graph.resources("AWS::Logs::MetricFilter"):
            # AWS Config records alarms but not metric filters: an alarm on a custom metric
            # may count a trail's events through a filter the input does not show.
            found.opaque = sorted(
                f"alarm on {namespace}/{name} may count trail events through a metric filter"
                " that is not in the input (add `aws logs describe-metric-filters` output)"
                for namespace, name in acting
                if not namespace.startswith("AWS/")
            )
        return found

    def covers(self, call: Call) -> bool | None:
        """True when something alerts on the call, None when only unreadable ones might."""
        event, record = call.event(), call.record()
        doubt = False
        for rule, pattern in self.patterns:
            try:
                if matches(pattern, event):
                    return True
            except Unknown as exc:
                self.doubts.append(f"rule {rule.address}: {exc.reason}")
                doubt = True
        for metric_filter, pattern in self.filters:
            verdict = self._filter(metric_filter, pattern, record)
            if verdict:
                return True
            doubt = doubt or verdict is None
        for metric_filter, pattern, reason in self.doubtful:
            if self._filter(metric_filter, pattern, record) is not False:
                self.doubts.append(f"metric filter {metric_filter.address}: {reason}")
                doubt = True
        if self.opaque:
            self.doubts.extend(self.opaque)
            doubt = True
        return None if doubt else False

    def _filter(self, metric_filter: Resource, pattern: Any, record: Any) -> bool | None:
        try:
            verdict = filter_matches(pattern, record)
        except Unknown as exc:
            self.doubts.append(f"metric filter {metric_filter.address}: {exc.reason}")
            return None
        if verdict is None:
            self.doubts.append(f"metric filter {metric_filter.address}: pattern not evaluated")
        return verdict

    def require(self, wanted: Iterable[Call]) -> bool:
        """Whether every call is covered; raises `Unknown` when the uncovered ones might be
        covered by a rule or filter this analysis could not read."""
        missing = [call for call in wanted if self.covers(call) is not True]
        if not missing:
            return True
        if self.doubts:
            labels = ", ".join(c.label for c in missing)
            raise Unknown(f"no readable alert on {labels}; " + "; ".join(sorted(set(self.doubts))))
        return False


# ---------------------------------------------------------------------------------------------
# Data a threat hunter can query.


def hunt_ready_stores(graph: Graph) -> list[Resource]:
    """Stores that keep CloudTrail management events queryable: Security Lake with the
    CloudTrail management source, or an ingesting CloudTrail Lake event data store."""
    found = []
    for source in graph.resources("AWS::SecurityLake::AwsLogSource"):
        if str(source.get("SourceName", "")).upper() == "CLOUD_TRAIL_MGMT":
            found.append(source)
    for store in graph.resources("AWS::CloudTrail::EventDataStore"):
        if as_bool(store.get("IngestionEnabled", True)) is False:
            continue
        selectors = as_list(store.get("AdvancedEventSelectors"))
        if not selectors or any(_selects_management(s) for s in selectors):
            found.append(store)  # without selectors a store keeps all management events
    return found


def _selects_management(selector: Any) -> bool:
    for condition in as_list(selector.get("FieldSelectors")) if isinstance(selector, dict) else []:
        if isinstance(condition, dict) and condition.get("Field") == "eventCategory":
            return "Management" in as_list(condition.get("Equals"))
    return False


# ---------------------------------------------------------------------------------------------
# What an automation may do.

# AWS managed policies automation roles commonly hold, reduced to the actions they grant.
AWS_MANAGED_ACTIONS: Mapping[str, tuple[str, ...]] = {
    "AdministratorAccess": ("*",),
    "IAMFullAccess": ("iam:*",),
    "AmazonS3FullAccess": ("s3:*",),
    "AmazonEC2FullAccess": ("ec2:*",),
    "service-role/AWSLambdaBasicExecutionRole": (
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
    ),
}


_ROLE_PROPERTY = {
    "AWS::Lambda::Function": "Role",
    "AWS::Serverless::Function": "Role",
    "AWS::StepFunctions::StateMachine": "RoleArn",
    "AWS::Serverless::StateMachine": "Role",
}


def execution_role(graph: Graph, target: Target) -> Resource | None:
    """The IAM role a Lambda function or state machine in the scan runs as."""
    resource = target.resource
    if resource is not None and resource.type in ("AWS::Lambda::Alias", "AWS::Lambda::Version"):
        resource = linked(graph, resource, resource.get("FunctionName"))
    if resource is None or resource.type not in _ROLE_PROPERTY:
        return None
    role = linked(graph, resource, resource.get(_ROLE_PROPERTY[resource.type]))
    return role if role is not None and role.type == "AWS::IAM::Role" else None


def role_documents(graph: Graph, role: Resource) -> tuple[list[Any], bool]:
    """The policy documents a role holds, and whether all of them are in the scan."""
    documents: list[Any] = [
        p.get("PolicyDocument") for p in as_list(role.get("Policies")) if isinstance(p, dict)
    ]
    seen: set[str] = set()
    for kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        for policy in graph.related(role, kind, direction="in"):
            attached = as_list(policy.get("Roles"))
            if any(_names(graph, r, role) for r in attached):
                seen.add(policy.node_id)
                documents.append(policy.get("PolicyDocument"))
    complete = True
    for arn in as_list(role.get("ManagedPolicyArns")):
        managed = linked(graph, role, arn)
        if managed is not None:
            if managed.node_id not in seen:
                seen.add(managed.node_id)
                documents.append(managed.get("PolicyDocument"))
            continue
        name = str(arn).partition(":iam::aws:policy/")[2]
        if name in AWS_MANAGED_ACTIONS:
            statement = {"Effect": "Allow", "Action": list(AWS_MANAGED_ACTIONS[name])}
            documents.append({"Statement": [{**statement, "Resource": "*"}]})
        else:
            complete = False
    return documents, complete


def _names(graph: Graph, value: Any, resource: Resource) -> bool:
    """Whether a property value names `resource`: a reference to it or its name."""
    target = resolve(graph, value)
    if target is not None:
        return target.node_id == resource.node_id
    return isinstance(value, str) and value == resource.properties.get("RoleName")


def incident_runbooks(graph: Graph) -> list[Resource]:
    """SSM Automation documents, and Incident Manager response plans that engage someone or
    start a runbook."""
    documents = [
        d for d in graph.resources("AWS::SSM::Document") if d.get("DocumentType") == "Automation"
    ]
    plans = [
        plan
        for plan in graph.resources("AWS::SSMIncidents::ResponsePlan")
        if as_list(plan.get("Actions")) or as_list(plan.get("Engagements"))
    ]
    return documents + plans


def runbook_calls(document: Resource) -> set[str]:
    """`service:Api` names an SSM Automation document calls through `aws:executeAwsApi`."""
    content = document.get("Content")
    if isinstance(content, str):
        try:
            content = json.loads(content)
        except ValueError:
            import yaml  # deferred: only YAML runbooks need it, and it costs every scan ~8 ms

            try:  # SSM documents are often YAML strings
                content = yaml.safe_load(content)
            except yaml.YAMLError:
                return set()
    require_known(content)
    found = set()
    steps = content.get("mainSteps") if isinstance(content, dict) else None
    for step in steps if isinstance(steps, list) else []:
        inputs = step.get("inputs") if isinstance(step, dict) else None
        if step.get("action") == "aws:executeAwsApi" and isinstance(inputs, dict):
            service, api = inputs.get("Service"), inputs.get("Api")
            if isinstance(service, str) and isinstance(api, str):
                found.add(f"{service.lower()}:{api.lower()}")
    return found


def _asks_to_disable(custom: Resource) -> bool:
    for key, value in custom.properties.items():
        if "disable" in key.lower() and not is_unknown(value) and as_bool(value) is True:
            return True
    return False


def provisioned(graph: Graph, grants: Callable[[Any], bool]) -> bool:
    """Whether a custom resource deploys a provisioning function whose role holds a policy
    document for which `grants` is true: how landing zones switch services on when
    CloudFormation has no type for it. Custom resources asked to disable something (a
    truthy `*disable*` property) do not count."""
    for kind in graph.types():
        if not (kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource"):
            continue
        for custom in graph.resources(kind):
            function = resolve(graph, custom.properties.get("ServiceToken"))
            if function is None or _asks_to_disable(custom):
                continue
            role = execution_role(graph, Target("lambda", function.address, function))
            if role is None:
                continue
            try:
                if any(grants(document) for document in role_documents(graph, role)[0]):
                    return True
            except Unknown:
                continue  # an unreadable grant is no evidence either way
    return False


def runbook_name(target: Target) -> str:
    """The SSM document an automation target runs (`automation-definition/NAME:VERSION`)."""
    if target.resource is not None and isinstance(target.resource.properties.get("Name"), str):
        return str(target.resource.properties["Name"])
    match = re.search(r"automation-definition/([^:]+)", target.arn)
    return match.group(1) if match else target.arn


def automation_can(
    graph: Graph,
    found: Iterable[Target],
    grants: Callable[[Any], bool],
    apis: Iterable[str] = (),
    runbooks: Iterable[str] = (),
) -> bool:
    """Whether some automation target can act: its execution role holds a policy document
    for which `grants` is true, its SSM document calls one of `apis` (`service:Api`), or it
    runs one of the AWS-owned `runbooks`. Raises `Unknown` when none is shown to act but one
    could not be read."""
    wanted_apis = {a.lower() for a in apis}
    owned = set(runbooks)
    doubts: list[str] = []
    for target in found:
        try:
            if target.kind == "ssm-automation":
                name = runbook_name(target)
                if name in owned:
                    return True
                if target.resource is not None:
                    if runbook_calls(target.resource) & wanted_apis:
                        return True
                elif not name.startswith("AWS"):
                    doubts.append(f"runbook {name} is not in the scan")
            elif target.is_automation:
                role = execution_role(graph, target)
                if role is None:
                    doubts.append(f"the role of {target.arn} is not in the scan")
                    continue
                documents, complete = role_documents(graph, role)
                if any(grants(document) for document in documents):
                    return True
                if not complete:
                    doubts.append(f"role {role.address} holds policies outside the scan")
        except Unknown as exc:
            doubts.append(exc.reason)
    if doubts:
        raise Unknown("; ".join(sorted(set(doubts))))
    return False
