import re

from csmm_static.model import Graph, Resource, control

# Enhanced policies name their minimum version: SecurityPolicy_TLS13_1_2_..., ..._1_3_...
_ENHANCED = re.compile(r"SecurityPolicy_TLS1\d_1_(\d)")


@control(
    pillar="networking",
    level=1,
    severity="medium",
    subject="AWS::ApiGateway::DomainName",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records API Gateway REST APIs and stages but not custom domain names, so "
            "a domain's TLS security policy is not in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.DS-02"]},
)
def apigateway_domain_name_tls12(domain: Resource, graph: Graph) -> bool:
    """API Gateway custom domains refuse connections older than TLS 1.2.

    Why it matters:
        The `TLS_1_0` security policy still accepts TLS 1.0 (and 1.1 on edge-optimized
        domains), which is deprecated and open to downgrade attacks. API Gateway applies
        `TLS_1_2` when no policy is given, so only an explicit older policy fails.

    Remediation:
        Set `SecurityPolicy: TLS_1_2` (or an enhanced `SecurityPolicy_TLS13_1_2_*` /
        `SecurityPolicy_TLS13_1_3_*` policy) on `AWS::ApiGateway::DomainName` (Terraform:
        `aws_api_gateway_domain_name.security_policy = "TLS_1_2"`).
    """
    policy = domain.get("SecurityPolicy", "TLS_1_2")
    if policy == "TLS_1_2":
        return True
    match = _ENHANCED.match(policy) if isinstance(policy, str) else None
    return match is not None and int(match.group(1)) >= 2
