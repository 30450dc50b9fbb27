from csmm_static.events import Detections, calls
from csmm_static.model import Graph, Resource, control

POLICY_CHANGES = (
    *calls(
        "iam",
        "DeleteGroupPolicy",
        "DeleteRolePolicy",
        "DeleteUserPolicy",
        "PutGroupPolicy",
        "PutRolePolicy",
        "PutUserPolicy",
        "CreatePolicy",
        "DeletePolicy",
        "CreatePolicyVersion",
        "DeletePolicyVersion",
        "AttachRolePolicy",
        "DetachRolePolicy",
        "AttachUserPolicy",
        "DetachUserPolicy",
        "AttachGroupPolicy",
        "DetachGroupPolicy",
    ),
    *calls(
        "s3",
        "PutBucketAcl",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketLifecycle",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketReplication",
    ),
    *calls(
        "organizations",
        "AcceptHandshake",
        "AttachPolicy",
        "CreateAccount",
        "CreateOrganizationalUnit",
        "CreatePolicy",
        "DeclineHandshake",
        "DeleteOrganization",
        "DeleteOrganizationalUnit",
        "DeletePolicy",
        "DetachPolicy",
        "DisablePolicyType",
        "EnablePolicyType",
        "InviteAccountToOrganization",
        "LeaveOrganization",
        "MoveAccount",
        "RemoveAccountFromOrganization",
        "UpdatePolicy",
        "UpdateOrganizationalUnit",
    ),
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.4", "4.8", "4.15"],
        "fsbp": ["CloudWatch.4", "CloudWatch.8"],
        "nist_csf": ["DE.CM-03", "DE.AE-02"],
        "prowler": [
            "cloudwatch_log_metric_filter_policy_changes",
            "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes",
            "cloudwatch_log_metric_filter_aws_organizations_changes",
        ],
    },
)
def cloudwatch_alarm_access_policy_changes(account: Resource, graph: Graph) -> bool:
    """Changes to IAM policies, bucket policies and Organizations raise an alert.

    Why it matters:
        Granting oneself a policy, opening a bucket policy or moving an account out of its
        guardrails are how an intruder widens access and keeps it; an alert on every such
        change gives the team a chance to revert it before it is used.

    Remediation:
        Add metric filters on the trail's log group for the CIS lists of IAM policy events
        (`PutRolePolicy`, `AttachRolePolicy`, `CreatePolicyVersion`, ...), S3 bucket policy
        events (`PutBucketPolicy`, `PutBucketAcl`, ...) and Organizations events
        (`AttachPolicy`, `LeaveOrganization`, ...), with alarms that have SNS actions
        (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`; Terraform:
        `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or EventBridge
        rules on those calls with a target.
    """
    return Detections.of(graph).require(POLICY_CHANGES)
