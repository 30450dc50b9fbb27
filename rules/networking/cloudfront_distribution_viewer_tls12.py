from csmm_static.model import Graph, Resource, as_bool, control

_TLS12_OR_LATER = frozenset(
    {"TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}
)


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::CloudFront::Distribution",
    refs={
        "fsbp": ["CloudFront.7"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["cloudfront_distributions_custom_ssl_certificate"],
    },
)
def cloudfront_distribution_viewer_tls12(distribution: Resource, graph: Graph) -> bool:
    """CloudFront distributions refuse viewer connections older than TLS 1.2.

    Why it matters:
        TLS 1.0 and 1.1 are deprecated and open to downgrade attacks. A distribution on the
        default `*.cloudfront.net` certificate always accepts TLSv1, whatever
        `MinimumProtocolVersion` says, so only a custom certificate with a TLS 1.2+ security
        policy passes.

    Remediation:
        Serve the distribution under your own domain with an ACM certificate and set
        `DistributionConfig.ViewerCertificate.AcmCertificateArn`, `SslSupportMethod: sni-only`
        and `MinimumProtocolVersion: TLSv1.2_2021` (Terraform: `viewer_certificate {
        acm_certificate_arn, ssl_support_method = "sni-only", minimum_protocol_version =
        "TLSv1.2_2021" }`).
    """
    certificate = distribution.get("DistributionConfig.ViewerCertificate")
    if not isinstance(certificate, dict):
        return False  # absent: the default certificate, which accepts TLSv1
    if as_bool(certificate.get("CloudFrontDefaultCertificate")) is True:
        return False
    if certificate.get("AcmCertificateArn") is None and certificate.get("IamCertificateId") is None:
        return False
    return certificate.get("MinimumProtocolVersion") in _TLS12_OR_LATER
