from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="monitoring",
    level=2,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "cis": ["3.3"],
        "fsbp": ["Config.1"],
        "nist_csf": ["ID.AM-02", "DE.CM-09"],
        "prowler": ["config_recorder_all_regions_enabled"],
    },
)
def config_recorder_enabled(account: Resource, graph: Graph) -> bool:
    """AWS Config records the account, IAM included, and delivers to a channel.

    Why it matters:
        Configuration history is what an investigation replays ("who opened this port, when")
        and what Config rules, Security Hub controls and auditors evaluate. A recorder that
        skips IAM users, roles and policies, or has no delivery channel, records nothing
        durable where it matters most.

    Remediation:
        Declare an `AWS::Config::ConfigurationRecorder` (keep `StartedOnCreate` true) with
        `RecordingGroup.IncludeGlobalResourceTypes: true` in one Region, and an
        `AWS::Config::DeliveryChannel` to the log archive bucket (Terraform:
        `aws_config_configuration_recorder`, `aws_config_configuration_recorder_status`,
        `aws_config_delivery_channel`).
    """
    recorders = [
        r
        for r in graph.resources("AWS::Config::ConfigurationRecorder")
        if as_bool(r.get("StartedOnCreate", True)) is not False
        and as_bool(r.get("Recording", True)) is not False
    ]
    recorders = [
        r for r in recorders if as_bool(r.get("RecordingGroup.IncludeGlobalResourceTypes")) is True
    ]
    if not recorders:
        return False
    if graph.resources("AWS::Config::DeliveryChannel"):
        return True
    # AWS Config starts a recorder only once a delivery channel exists, and keeps the channel
    # while the recorder runs: one known to be recording has one.
    if any(as_bool(r.get("Recording")) is True for r in recorders):
        return True
    if any(r.region for r in recorders):
        # Recorders read from AWS Config itself: their delivery channel is not recorded.
        raise Unknown(
            "delivery channels are not in the input; add the output of"
            " `aws configservice describe-delivery-channels`"
        )
    return False
