from csmm_static.model import Graph, Resource, as_list, control

# CloudFormation's default when `OriginSSLProtocols` is absent.
DEFAULT_ORIGIN_PROTOCOLS = ("TLSv1", "SSLv3")


@control(
    pillar="networking",
    level=1,
    severity="medium",
    subject="AWS::CloudFront::Distribution",
    refs={
        "fsbp": ["CloudFront.10"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["cloudfront_distributions_using_deprecated_ssl_protocols"],
    },
)
def cloudfront_distribution_origin_tls12(distribution: Resource, graph: Graph) -> bool:
    """CloudFront connects to custom origins with TLS 1.2 only.

    Why it matters:
        When SSLv3, TLSv1 or TLSv1.1 stay in `OriginSSLProtocols`, CloudFront negotiates
        them with any origin that offers them, and a downgraded connection between edge and
        origin can be decrypted. The CloudFormation default is `TLSv1` and `SSLv3`.

    Remediation:
        Set `CustomOriginConfig.OriginSSLProtocols: [TLSv1.2]` on each custom origin of
        `DistributionConfig.Origins` (Terraform: `origin.custom_origin_config
        .origin_ssl_protocols = ["TLSv1.2"]`).
    """
    config = distribution.get("DistributionConfig", {})
    for origin in as_list(config.get("Origins")):
        custom = origin.get("CustomOriginConfig") if isinstance(origin, dict) else None
        if not isinstance(custom, dict) or custom.get("OriginProtocolPolicy") == "http-only":
            continue  # no TLS to the origin at all: its own control
        protocols = as_list(custom.get("OriginSSLProtocols", list(DEFAULT_ORIGIN_PROTOCOLS)))
        if not protocols or any(p != "TLSv1.2" for p in protocols):
            return False
    return True
