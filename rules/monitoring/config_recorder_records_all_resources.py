from csmm_static.model import Graph, Resource, as_bool, as_list, control

_ALL = "ALL_SUPPORTED_RESOURCE_TYPES"


@control(
    pillar="monitoring",
    level=2,
    severity="high",
    subject="AWS::Config::ConfigurationRecorder",
    refs={
        "cis": ["3.3"],
        "fsbp": ["Config.1"],
        "nist_csf": ["ID.AM-02", "DE.CM-09"],
        "prowler": ["config_recorder_all_regions_enabled"],
    },
)
def config_recorder_records_all_resources(recorder: Resource, graph: Graph) -> bool:
    """AWS Config recorders record every supported resource type, with no exclusions.

    Why it matters:
        A recorder limited to a list of types (or excluding some) leaves the rest of the
        account without configuration history: a security group opened and closed again, or a
        resource type added later, leaves no record to investigate or evaluate.

    Remediation:
        Omit `RecordingGroup` (the default records all supported types) or set
        `RecordingGroup.AllSupported: true` without `ResourceTypes` or
        `ExclusionByResourceTypes` (Terraform: `recording_group { all_supported = true }`).
    """
    group = recorder.get("RecordingGroup")
    if not group:
        return True  # the default records all supported Regional resource types
    strategy = recorder.get("RecordingGroup.RecordingStrategy.UseOnly")
    if strategy is not None and str(strategy) != _ALL:
        return False
    if as_list(recorder.get("RecordingGroup.ResourceTypes")):
        return False
    if as_list(recorder.get("RecordingGroup.ExclusionByResourceTypes.ResourceTypes")):
        return False
    return as_bool(recorder.get("RecordingGroup.AllSupported")) is True or strategy == _ALL
