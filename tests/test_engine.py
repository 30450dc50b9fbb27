"""The engine: statuses per subject, scenarios, scopes, formats and broken controls."""

from __future__ import annotations

from csmm_static.engine import evaluate
from csmm_static.model import Control, Graph, Resource, Source, Unknown, account_node


def _control(
    function, formats=("cfn", "tf", "tfplan", "config"), subject="AWS::S3::Bucket", unrecorded=()
):
    return Control(
        id="x_y",
        title="t.",
        pillar="storage",
        level=1,
        severity="low",
        subject=subject,
        function=function,
        formats=tuple(formats),
        unrecorded=tuple(unrecorded),
    )


def _graph(*resources: Resource) -> Graph:
    graph = Graph()
    for resource in resources:
        graph.add(resource)
    graph.add(account_node(None))
    return graph


def _bucket(name: str, fmt: str = "cloudformation", **props) -> Resource:
    return Resource(
        node_id=f"n:{name}",
        type="AWS::S3::Bucket",
        address=name,
        properties=props,
        source=Source(f"{name}.yaml", 1, 2, fmt),
    )


def _status(control: Control, graph: Graph, scope: str = "workload"):
    (partition,) = evaluate([control], graph, scope).partitions  # type: ignore[arg-type]
    return partition.results[0]


def test_any_failing_subject_fails_else_unknown_else_pass() -> None:
    def versioned(bucket: Resource, graph: Graph) -> bool:
        return bucket.get("Status") == "Enabled"

    item = _control(versioned)
    assert _status(item, _graph(_bucket("a", Status="Enabled"))).status == "pass"
    assert _status(item, _graph(_bucket("a", Status="Enabled"), _bucket("b"))).status == "fail"
    assert _status(item, _graph()).status == "not_applicable"


def test_unknown_is_recorded_with_its_reason() -> None:
    def reads(bucket: Resource, graph: Graph) -> bool:
        raise Unknown("parameter P has no default")

    result = _status(_control(reads), _graph(_bucket("a")))
    assert result.status == "unknown"
    assert result.subjects[0].reason == "parameter P has no default"


def test_a_broken_control_is_unknown_with_one_diagnostic() -> None:
    def broken(bucket: Resource, graph: Graph) -> bool:
        raise KeyError("oops")

    graph = _graph(_bucket("a"), _bucket("b"))
    evaluation = evaluate([_control(broken)], graph)
    assert evaluation.partitions[0].results[0].status == "unknown"
    assert len(evaluation.diagnostics) == 1 and "KeyError" in evaluation.diagnostics[0].message


def test_a_non_boolean_verdict_is_unknown_with_a_diagnostic() -> None:
    evaluation = evaluate([_control(lambda b, g: None)], _graph(_bucket("a")))
    assert evaluation.partitions[0].results[0].status == "unknown"
    assert "expected bool" in evaluation.diagnostics[0].message


def test_scenarios_fail_when_any_scenario_fails() -> None:
    bucket = _bucket("a")
    bucket.scenarios = (("C=true", {"Status": "Enabled"}), ("C=false", {"Status": "Suspended"}))
    result = _status(_control(lambda b, g: b.get("Status") == "Enabled"), _graph(bucket))
    assert result.status == "fail" and "C=false" in result.subjects[0].reason


def test_a_format_that_cannot_show_the_evidence_gives_unknown() -> None:
    item = _control(lambda b, g: False, formats=("cfn", "tf"))
    result = _status(item, _graph(_bucket("a", fmt="aws-config")))
    assert result.status == "unknown"
    assert "AWS Config does not record" in result.subjects[0].reason
    assert _status(item, _graph(_bucket("a"))).status == "fail"


def test_the_unknown_gives_the_control_s_own_reason_for_the_format() -> None:
    reason = "AWS Config records no bucket policy conditions"
    item = _control(lambda b, g: False, formats=("cfn", "tf"), unrecorded=[("config", reason)])
    result = _status(item, _graph(_bucket("a", fmt="aws-config")))
    assert (result.status, result.subjects[0].reason) == ("unknown", reason)
    account = _control(
        lambda a, g: False, ("cfn", "tf"), "AWS::Account", [("config", "no budgets in Config")]
    )
    result = _status(account, _graph(_bucket("a", fmt="aws-config")), "account")
    assert (result.status, result.subjects[0].reason) == ("unknown", "no budgets in Config")


def test_an_account_control_no_input_format_can_show_is_unknown() -> None:
    # A budget judged from an AWS Config snapshot only: Config does not record budgets, so
    # finding none says nothing; one CloudFormation input beside it makes the verdict count.
    item = _control(lambda a, g: False, formats=("cfn", "tf"), subject="AWS::Account")
    result = _status(item, _graph(_bucket("a", fmt="aws-config")), "account")
    assert result.status == "unknown"
    assert "read: AWS Config" in result.subjects[0].reason
    mixed = _graph(_bucket("a", fmt="aws-config"), _bucket("b"))
    assert _status(item, mixed, "account").status == "fail"


def test_account_controls_are_not_assessed_in_workload_scope() -> None:
    item = _control(lambda a, g: True, subject="AWS::Account")
    assert _status(item, _graph()).status == "not_assessed"
    assert _status(item, _graph(), "account").status == "pass"
