"""Rotation intervals from AutomaticallyAfterDays, rate() and cron() expressions."""

from __future__ import annotations

import pytest

from csmm_static.model import Resource
from rules.storage.secretsmanager_secret_rotated_within_90_days import _interval_days


def _schedule(**rules: object) -> Resource:
    return Resource("n", "AWS::SecretsManager::RotationSchedule", "s", {"RotationRules": rules})


@pytest.mark.parametrize(
    ("rules", "days"),
    [
        ({"AutomaticallyAfterDays": 30}, 30),
        ({"AutomaticallyAfterDays": "45"}, 45),
        ({"ScheduleExpression": "rate(10 days)"}, 10),
        ({"ScheduleExpression": "rate(12 hours)"}, 0.5),
        ({"ScheduleExpression": "cron(0 16 1,15 * ? *)"}, 31),
        ({"ScheduleExpression": "cron(0 4 1 */2 ? *)"}, 62),
        ({"ScheduleExpression": "cron(0 4 1 JAN,APR,JUL,OCT ? *)"}, 93),
        ({"ScheduleExpression": "cron(0 4 ? 1-12/6 MON#1 *)"}, 186),
        ({"ScheduleExpression": "cron(0 4 1 6 ? *)"}, 372),
    ],
)
def test_interval(rules: dict[str, object], days: float) -> None:
    assert _interval_days(_schedule(**rules), "RotationRules.") == days


@pytest.mark.parametrize(
    "expression",
    ["cron(0 4 1 1 ? 2030)", "cron(0 4 1)", "cron(0 4 1 XYZ ? *)", "every month", ""],
)
def test_expressions_that_do_not_repeat_or_do_not_parse(expression: str) -> None:
    assert _interval_days(_schedule(ScheduleExpression=expression), "RotationRules.") is None
