from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::Route53::HostedZone",
    refs={
        "fsbp": ["Route53.2"],
        "nist_csf": ["DE.CM-01"],
        "prowler": ["route53_public_hosted_zones_cloudwatch_logging_enabled"],
    },
)
def route53_public_zone_query_logging_enabled(zone: Resource, graph: Graph) -> bool:
    """Public hosted zones log the DNS queries they answer.

    Why it matters:
        Query logs of a public zone show reconnaissance (subdomain enumeration), abuse of
        your names and the traffic pattern of an attack in progress, and are the record of
        what the world asked before an incident. Private zones are covered by the VPC's
        resolver query logging and pass here.

    Remediation:
        Set `QueryLoggingConfig.CloudWatchLogsLogGroupArn` on `AWS::Route53::HostedZone` (a
        log group in us-east-1 whose resource policy admits Route 53). Terraform:
        `aws_route53_query_log` with `zone_id` and `cloudwatch_log_group_arn`.
    """
    if zone.get("VPCs"):
        return True
    return bool(zone.get("QueryLoggingConfig.CloudWatchLogsLogGroupArn"))
