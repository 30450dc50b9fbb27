from csmm_static.events import hunt_ready_stores
from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="monitoring",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Security Lake log sources, one of the two stores this "
            "control hunts in; the cadence itself needs an attestation"
        ),
    },
    attestable=True,
    refs={"nist_csf": ["DE.AE-07", "ID.RA-02", "ID.IM-02"]},
)
def threat_hunting_performed(account: Resource, graph: Graph) -> bool:
    """The security team hunts for threats in the logs on a regular cadence.

    Why it matters:
        Detections find what someone already thought of; hunting finds the intruder who
        avoided them. A regular, recorded hunt over the security data lake is what turns
        collected logs into discovered incidents and new detections.

    Remediation:
        Keep CloudTrail management events queryable (`AWS::SecurityLake::AwsLogSource`
        `CLOUD_TRAIL_MGMT` or `AWS::CloudTrail::EventDataStore`; Terraform:
        `aws_securitylake_aws_log_source`, `aws_cloudtrail_event_data_store`), hunt at least
        quarterly, and record it as an attestation for this control in `.csmm.yaml`.
    """
    if not hunt_ready_stores(graph):
        return False  # no queryable history to hunt in
    raise Unknown("hunting cadence is shown only by an attestation")
