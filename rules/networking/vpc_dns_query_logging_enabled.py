from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::EC2::VPC",
    refs={"nist_csf": ["DE.CM-01"]},
)
def vpc_dns_query_logging_enabled(vpc: Resource, graph: Graph) -> bool:
    """VPCs log the DNS queries their resources make.

    Why it matters:
        DNS is how malware finds its controller and how data is smuggled out in query
        names. Route 53 Resolver query logs record which instance asked for which name and
        what it got back: the evidence hunts and investigations start from.

    Remediation:
        Create an `AWS::Route53Resolver::ResolverQueryLoggingConfig` (`DestinationArn`: a log
        group, bucket or stream) and associate it with the VPC through
        `AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation` (`ResourceId`: the VPC).
        Terraform: `aws_route53_resolver_query_log_config` and
        `aws_route53_resolver_query_log_config_association.resource_id`.
    """
    return bool(
        graph.related(
            vpc, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", direction="in"
        )
    )
