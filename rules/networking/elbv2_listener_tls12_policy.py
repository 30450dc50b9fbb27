import re

from csmm_static.model import Graph, Resource, control

# Predefined policies whose minimum protocol is TLS 1.2 or 1.3: the TLS13-1-2/1-3, TLS-1-2
# and FS-1-2 families (including their -Res, -Ext, -FIPS and -PQ variants).
_TLS12_OR_LATER = re.compile(r"ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)")

# AWS applies this policy to listeners created by CloudFormation, the CLI or an SDK without
# one; it still accepts TLS 1.0 and 1.1.
DEFAULT_POLICY = "ELBSecurityPolicy-2016-08"


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::ElasticLoadBalancingV2::Listener",
    refs={
        "fsbp": ["ELB.17"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["elbv2_insecure_ssl_ciphers"],
    },
)
def elbv2_listener_tls12_policy(listener: Resource, graph: Graph) -> bool:
    """HTTPS and TLS listeners of load balancers refuse protocols older than TLS 1.2.

    Why it matters:
        TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow downgrade attacks and weak
        ciphers. A listener created without `SslPolicy` gets ELBSecurityPolicy-2016-08, which
        still accepts both, so an absent policy fails.

    Remediation:
        Set `SslPolicy` to a TLS 1.2+ policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`
        (CloudFormation `AWS::ElasticLoadBalancingV2::Listener.SslPolicy`; Terraform
        `aws_lb_listener.ssl_policy`).
    """
    if str(listener.get("Protocol", "")).upper() not in ("HTTPS", "TLS"):
        return True
    policy = listener.get("SslPolicy", DEFAULT_POLICY)
    return isinstance(policy, str) and bool(_TLS12_OR_LATER.match(policy))
