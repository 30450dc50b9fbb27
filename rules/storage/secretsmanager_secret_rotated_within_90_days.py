import itertools
import re

from csmm_static.model import Graph, Resource, as_int, control

MAXIMUM_DAYS = 90
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
RATE = re.compile(r"^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$")
CRON = re.compile(r"^cron\((.+)\)$")


@control(
    pillar="storage",
    level=5,
    severity="medium",
    subject="AWS::SecretsManager::Secret",
    refs={
        "fsbp": ["SecretsManager.4"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["secretsmanager_secret_rotated_periodically"],
    },
)
def secretsmanager_secret_rotated_within_90_days(secret: Resource, graph: Graph) -> bool:
    """Secrets Manager secrets rotate at least every 90 days.

    Why it matters:
        Rotation once a year leaves a leaked credential usable for months; a 90-day ceiling
        is the common compliance bound and keeps rotation code exercised often enough to
        stay working.

    Remediation:
        Set `RotationRules.AutomaticallyAfterDays` to 90 or less, or a `ScheduleExpression`
        such as `rate(30 days)`, in the secret's `AWS::SecretsManager::RotationSchedule`
        (Terraform `rotation_rules` in `aws_secretsmanager_secret_rotation`).
    """
    schedules = graph.related(secret, "AWS::SecretsManager::RotationSchedule", direction="in")
    intervals = [_interval_days(s, "RotationRules.") for s in schedules]
    if secret.has("RotationRules"):  # as AWS Config records it on the secret
        intervals.append(_interval_days(secret, "RotationRules."))
    return any(days is not None and days <= MAXIMUM_DAYS for days in intervals)


def _interval_days(holder: Resource, prefix: str) -> float | None:
    """The longest time between two rotations, in days, or None when it does not repeat."""
    after = as_int(holder.get(f"{prefix}AutomaticallyAfterDays"))
    if after is not None:
        return after
    expression = holder.get(f"{prefix}ScheduleExpression")
    if expression is None:
        expression = holder.get(f"{prefix}RotationScheduleExpression")  # AWS Config's name
    if not isinstance(expression, str):
        return None
    text = expression.strip()
    rate = RATE.match(text)
    if rate:
        count = int(rate.group(1))
        return count / 24 if rate.group(2).startswith("hour") else count
    cron = CRON.match(text)
    return _cron_gap_days(cron.group(1).split()) if cron else None


def _cron_gap_days(fields: list[str]) -> float | None:
    """Worst-case gap of a six-field cron expression, counting a month as 31 days."""
    if len(fields) != 6 or fields[5] not in ("*", "?"):
        return None  # pinned to given years: it does not repeat
    months = _months(fields[3])
    if not months:
        return None
    ordered = sorted(months)
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    gaps.append(ordered[0] + 12 - ordered[-1])
    return max(gaps) * 31


def _months(field: str) -> set[int]:
    found: set[int] = set()
    for part in field.upper().split(","):
        span, _, step_text = part.partition("/")
        step = int(step_text) if step_text.isdigit() else 1
        if span in ("*", "?"):
            low, high = 1, 12
        else:
            ends = [MONTHS.index(e) + 1 if e in MONTHS else e for e in span.split("-")]
            if not all(isinstance(e, int) or e.isdigit() for e in ends):
                return set()  # not a month field this reading understands
            low, high = int(ends[0]), int(ends[-1])
        found.update(range(low, high + 1, max(step, 1)))
    return {m for m in found if 1 <= m <= 12}
