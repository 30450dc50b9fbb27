from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=2,
    severity="medium",
    subject="AWS::EC2::VPC",
    refs={
        "cis": ["3.7"],
        "fsbp": ["EC2.6"],
        "nist_csf": ["DE.CM-01"],
        "prowler": ["vpc_flow_logs_enabled"],
    },
)
def vpc_flow_logs_enabled(vpc: Resource, graph: Graph) -> bool:
    """VPCs record their traffic, at least the rejected part, in flow logs.

    Why it matters:
        Flow logs are the only record of who talked to what inside the network; incident
        responders need them to scope lateral movement and data exfiltration. A log of
        accepted traffic only misses the scans and probes that rejected traffic shows.

    Remediation:
        Add a flow log for the VPC (`AWS::EC2::FlowLog` with `ResourceType: VPC`,
        `ResourceId` the VPC and `TrafficType: ALL`; Terraform `aws_flow_log` with `vpc_id`
        and `traffic_type = "ALL"`) delivering to CloudWatch Logs or S3.
    """
    return any(
        log.get("ResourceType", "VPC") == "VPC"
        and str(log.get("TrafficType", "ALL")).upper() in ("ALL", "REJECT")
        for log in graph.related(vpc, "AWS::EC2::FlowLog", direction="in")
    )
