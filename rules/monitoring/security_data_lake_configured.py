from csmm_static.events import hunt_ready_stores
from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Security Lake data lakes or their log sources, one of the"
            " two stores this control accepts"
        ),
    },
    refs={"nist_csf": ["DE.AE-03", "DE.CM-09"]},
)
def security_data_lake_configured(account: Resource, graph: Graph) -> bool:
    """CloudTrail management events are kept queryable in Security Lake or CloudTrail Lake.

    Why it matters:
        Hunting means asking new questions of months of history ("which principals called
        GetSecretValue from a new network last quarter"). Log files scattered in S3 cannot
        answer that in time; a security data lake or a CloudTrail Lake event data store can.

    Remediation:
        Declare `AWS::SecurityLake::DataLake` with an `AWS::SecurityLake::AwsLogSource`
        `SourceName: CLOUD_TRAIL_MGMT` (plus VPC flow, Route 53 and Security Hub sources), or
        an `AWS::CloudTrail::EventDataStore` that ingests management events (Terraform:
        `aws_securitylake_data_lake`, `aws_securitylake_aws_log_source`,
        `aws_cloudtrail_event_data_store`).
    """
    return bool(hunt_ready_stores(graph))
