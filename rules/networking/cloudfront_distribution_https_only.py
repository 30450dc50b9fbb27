from csmm_static.model import Graph, Resource, control
from csmm_static.network import cloudfront_behaviors


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::CloudFront::Distribution",
    refs={
        "fsbp": ["CloudFront.3"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["cloudfront_distributions_https_enabled"],
    },
)
def cloudfront_distribution_https_only(distribution: Resource, graph: Graph) -> bool:
    """CloudFront distributions serve viewers over HTTPS only.

    Why it matters:
        With `allow-all`, a viewer that asks for `http://` gets the content in clear text,
        open to reading and tampering on the way (cookie theft, script injection on public
        Wi-Fi). Every cache behavior counts, not only the default one.

    Remediation:
        Set `ViewerProtocolPolicy` to `redirect-to-https` or `https-only` on
        `DistributionConfig.DefaultCacheBehavior` and on every entry of
        `DistributionConfig.CacheBehaviors` (Terraform: `viewer_protocol_policy` of
        `default_cache_behavior` and of each `ordered_cache_behavior`).
    """
    return all(
        isinstance(b, dict) and b.get("ViewerProtocolPolicy") in ("redirect-to-https", "https-only")
        for b in cloudfront_behaviors(distribution)
    )
