from csmm_static.model import Graph, Resource, control


def _delivers_logs(distribution: Resource, graph: Graph) -> bool:
    """Standard logging (v2): a CloudWatch Logs delivery source for the distribution, with a
    delivery attached to it."""
    for source in graph.related(distribution, "AWS::Logs::DeliverySource", direction="in"):
        if graph.related(source, "AWS::Logs::Delivery", direction="in"):
            return True
    return False


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::CloudFront::Distribution",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records a distribution's legacy logging bucket but not the CloudWatch "
            "Logs delivery sources and deliveries of standard logging (v2)"
        ),
    },
    refs={
        "fsbp": ["CloudFront.5"],
        "nist_csf": ["PR.PS-04", "DE.CM-01"],
        "prowler": ["cloudfront_distributions_logging_enabled"],
    },
)
def cloudfront_distribution_access_logging_enabled(distribution: Resource, graph: Graph) -> bool:
    """CloudFront distributions write access logs.

    Why it matters:
        The edge sees every request before the origin does; without its logs, scraping,
        abuse of signed URLs or an attack on the origin through the CDN leaves no trace.

    Remediation:
        Set `DistributionConfig.Logging.Bucket` (Terraform: `logging_config { bucket }`), or
        send standard logs (v2) with an `AWS::Logs::DeliverySource` for the distribution and
        an `AWS::Logs::Delivery` (Terraform: `aws_cloudwatch_log_delivery_source`,
        `aws_cloudwatch_log_delivery`).
    """
    if distribution.get("DistributionConfig.Logging.Bucket"):
        return True
    return _delivers_logs(distribution, graph)
