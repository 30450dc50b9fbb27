from csmm_static.model import Graph, Resource, Unknown, as_bool, control
from csmm_static.policy import age_in_days, config_rule_status, credential_report, report_time_floor

MAX_AGE_DAYS = 90


@control(
    pillar="iam",
    level=1,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["1.14"],
        "fsbp": ["IAM.3"],
        "nist_csf": ["PR.AA-01"],
        "prowler": ["iam_rotate_access_key_90_days"],
    },
    formats=("config", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation declares access keys but holds no credential report: when each active "
            "key was last rotated is a runtime fact"
        ),
        "tf": (
            "Terraform configuration holds no credential report: when each active access key was "
            "last rotated is a runtime fact"
        ),
        "tfplan": (
            "A Terraform plan covers only the keys Terraform manages and holds no credential "
            "report of when every active key was rotated"
        ),
    },
)
def iam_access_keys_rotated_90_days(account: Resource, graph: Graph) -> bool:
    """Active IAM access keys are no older than 90 days.

    Why it matters:
        The older a key, the more places it has been copied to; rotation bounds how long a
        leaked key stays useful.

    Remediation:
        Rotate each user's key (create the new one, switch, deactivate and delete the old one)
        or replace keys with roles. Key age is not an IaC setting; the evidence is the AWS
        Config rule `access-keys-rotated` or the credential report.
    """
    verdict = config_rule_status(account, "ACCESS_KEYS_ROTATED")
    if verdict is False:
        return False
    rows = credential_report(account) or []
    floor = report_time_floor(rows)
    if floor is not None:
        for row in rows:
            for n in (1, 2):
                if as_bool(row.get(f"access_key_{n}_active")) is not True:
                    continue
                age = age_in_days(row.get(f"access_key_{n}_last_rotated"), floor)
                if age is not None and age > MAX_AGE_DAYS:
                    return False  # old even measured from the latest date in the report
    if verdict is True:
        return True
    raise Unknown(
        "key ages can be proved old but not fresh without the report's generation time;"
        " give the Config rule access-keys-rotated"
    )
