import datetime
from typing import Any

from csmm_static.model import Graph, Resource, Unknown, as_bool, control
from csmm_static.policy import (
    ROOT_USER,
    age_in_days,
    config_rule_status,
    credential_report,
    report_time_floor,
)

MAX_IDLE_DAYS = 45


def _idle(row: dict[str, Any], used: str, since: str, floor: datetime.datetime) -> bool:
    """An enabled credential provably unused for longer than the limit: its last use (or,
    never used, the date it was set) is older than that, counted from the report's floor."""
    age = age_in_days(row.get(used), floor)
    if age is None:
        age = age_in_days(row.get(since), floor)
    return age is not None and age > MAX_IDLE_DAYS


@control(
    pillar="iam",
    level=1,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["1.12"],
        "fsbp": ["IAM.8", "IAM.22"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_user_accesskey_unused", "iam_user_console_access_unused"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation declares passwords and access keys but not when they were last used: "
            "credential usage is a runtime fact"
        ),
        "tf": (
            "Terraform configuration holds no credential report: when a password or access key was "
            "last used is a runtime fact"
        ),
        "tfplan": (
            "A Terraform plan holds no credential report: when a password or access key was last "
            "used is a runtime fact"
        ),
    },
)
def iam_unused_credentials_disabled(account: Resource, graph: Graph) -> bool:
    """IAM user passwords and access keys unused for 45 days are disabled.

    Why it matters:
        A credential nobody uses is one nobody would miss and nobody watches: it belongs to a
        leaver or a retired system, and an attacker who finds it meets no resistance.

    Remediation:
        Remove the login profile and deactivate the access keys of idle users, or delete the
        users. Usage is not an IaC setting; the evidence is the AWS Config rule
        `iam-user-unused-credentials-check` or the credential report.
    """
    verdict = config_rule_status(account, "IAM_USER_UNUSED_CREDENTIALS_CHECK")
    if verdict is False:
        return False
    rows = [r for r in credential_report(account) or [] if r.get("user") != ROOT_USER]
    floor = report_time_floor(rows)
    if floor is not None:
        for row in rows:
            if as_bool(row.get("password_enabled")) is True and _idle(
                row, "password_last_used", "password_last_changed", floor
            ):
                return False
            for n in (1, 2):
                if as_bool(row.get(f"access_key_{n}_active")) is True and _idle(
                    row, f"access_key_{n}_last_used_date", f"access_key_{n}_last_rotated", floor
                ):
                    return False
    if verdict is True:
        return True
    raise Unknown(
        "idle credentials can be proved but not excluded without the report's generation"
        " time; give the Config rule iam-user-unused-credentials-check"
    )
