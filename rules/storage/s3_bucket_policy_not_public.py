from csmm_static import policy
from csmm_static.model import Graph, Resource, Unknown, as_list, control


@control(
    pillar="storage",
    level=1,
    severity="critical",
    subject="AWS::S3::BucketPolicy",
    refs={
        "fsbp": ["S3.2", "S3.3"],
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
        "prowler": ["s3_bucket_public_access", "s3_bucket_policy_public_write_access"],
    },
)
def s3_bucket_policy_not_public(bucket_policy: Resource, graph: Graph) -> bool:
    """S3 bucket policies grant nothing to anonymous principals.

    Why it matters:
        An `Allow` to `Principal: "*"` without a condition that names who may call (an
        organization, an account, a VPC endpoint) lets anyone on the internet read or
        overwrite the bucket's objects.

    Remediation:
        Name the principals in `PolicyDocument` of the `AWS::S3::BucketPolicy` (Terraform
        `aws_s3_bucket_policy.policy`), or keep `"*"` only together with a condition such as
        `aws:PrincipalOrgID`, `aws:SourceVpce` or `aws:SourceAccount`.
    """
    return not _grants_public_access(bucket_policy.get("PolicyDocument"))


def _grants_public_access(document: object) -> bool:
    """Whether some Allow statement is open to anyone. Only a statement's effect, principal
    and conditions decide that, so each is judged on those alone, and an unresolved
    condition value makes the answer unknown only when it could be a bare wildcard."""
    data = policy.decode(document) or {}
    undecided: Unknown | None = None
    for raw in as_list(data.get("Statement")):
        try:
            if _public(raw, "resolved-at-deploy"):
                return True  # open to anyone whatever the unresolved values are
            if _public(raw, "*"):
                undecided = undecided or Unknown(
                    "a condition value that may narrow a public grant is unresolved"
                )
        except Unknown as exc:  # the effect or the principal itself is unresolved
            undecided = undecided or exc
    if undecided is not None:
        raise undecided
    return False


def _public(raw: object, fill: str) -> bool:
    if not isinstance(raw, dict):
        return False
    kept = {k: v for k, v in raw.items() if k in ("Effect", "Principal", "NotPrincipal")}
    conditions = raw.get("Condition")
    if isinstance(conditions, dict):
        kept["Condition"] = {
            operator: {key: _filled(values, fill) for key, values in block.items()}
            for operator, block in conditions.items()
            if isinstance(block, dict)
        }
    return bool(policy.public_statements(policy.parse({"Statement": [kept]})))


def _filled(values: object, fill: str) -> object:
    """Condition values with the unresolved ones replaced by `fill`."""
    items = values if isinstance(values, list) else [values]
    return [v if isinstance(v, str | bool | int | float) else fill for v in items]
