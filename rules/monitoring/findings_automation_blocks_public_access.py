from typing import Any

from csmm_static import policy
from csmm_static.events import automation_can, finding_routes
from csmm_static.model import Graph, Resource, control

# Ways to close a bucket opened to the public; SSM runbooks call the same APIs by name.
BLOCKING_ACTIONS = (
    "s3:PutBucketPublicAccessBlock",
    "s3:PutAccountPublicAccessBlock",
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
)
BLOCKING_APIS = ("s3:PutPublicAccessBlock", "s3:DeleteBucketPolicy", "s3:PutBucketAcl")
AWS_RUNBOOKS = (
    "AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock",
    "AWS-DisableS3BucketPublicReadWrite",
)


def _blocks(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), BLOCKING_ACTIONS))


@control(
    pillar="monitoring",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-01", "RS.MI-02", "PR.DS-01"]},
)
def findings_automation_blocks_public_access(account: Resource, graph: Graph) -> bool:
    """Findings start automation that can close a bucket opened to the public.

    Why it matters:
        A bucket made public by mistake is found by scanners within hours. A playbook wired
        to Security Hub or GuardDuty findings that re-applies Block Public Access or removes
        the public policy closes the exposure before the data is copied.

    Remediation:
        Route findings (`AWS::Events::Rule` on Security Hub or GuardDuty findings) to a
        Lambda function or state machine whose role may `s3:PutBucketPublicAccessBlock` or
        `s3:DeleteBucketPolicy`, or to the `AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock`
        runbook (Terraform: `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`,
        `aws_iam_role_policy`).
    """
    reached = list(finding_routes(graph).targets())
    return automation_can(graph, reached, _blocks, BLOCKING_APIS, AWS_RUNBOOKS)
