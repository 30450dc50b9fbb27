from typing import Any

from csmm_static.model import Graph, Resource, as_list, control
from csmm_static.network import cloudfront_behaviors


def _allows_http_viewers(behaviors: list[Any], origin_id: Any) -> bool:
    return any(
        isinstance(b, dict)
        and b.get("TargetOriginId") == origin_id
        and b.get("ViewerProtocolPolicy") == "allow-all"
        for b in behaviors
    )


@control(
    pillar="networking",
    level=1,
    severity="medium",
    subject="AWS::CloudFront::Distribution",
    refs={
        "fsbp": ["CloudFront.9"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["cloudfront_distributions_origin_traffic_encrypted"],
    },
)
def cloudfront_distribution_origin_https_only(distribution: Resource, graph: Graph) -> bool:
    """CloudFront reaches custom origins over HTTPS only.

    Why it matters:
        HTTPS at the edge protects nothing if CloudFront then fetches the content from the
        origin in clear text across the internet. `http-only` always does; `match-viewer`
        does whenever a cache behavior for that origin still admits HTTP viewers.

    Remediation:
        Set `CustomOriginConfig.OriginProtocolPolicy: https-only` on each entry of
        `DistributionConfig.Origins` (Terraform: `origin.custom_origin_config
        .origin_protocol_policy = "https-only"`), with a certificate on the origin.
    """
    config = distribution.get("DistributionConfig", {})
    behaviors = cloudfront_behaviors(distribution)
    for origin in as_list(config.get("Origins")):
        custom = origin.get("CustomOriginConfig") if isinstance(origin, dict) else None
        if not isinstance(custom, dict):
            continue  # an S3 or VPC origin
        policy = custom.get("OriginProtocolPolicy")
        if policy == "http-only":
            return False
        if policy == "match-viewer" and _allows_http_viewers(behaviors, origin.get("Id")):
            return False
    return True
