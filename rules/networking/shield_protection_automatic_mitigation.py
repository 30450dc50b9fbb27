from csmm_static.model import Graph, Reference, Resource, control


def _serves_http(resource: Resource) -> bool:
    if resource.type == "AWS::CloudFront::Distribution":
        return True
    kind = str(resource.get("Type", "application")).lower()
    return resource.type == "AWS::ElasticLoadBalancingV2::LoadBalancer" and kind == "application"


def _layer7(protection: Resource, graph: Graph) -> bool:
    """The protected resource is a CloudFront distribution or an Application Load Balancer."""
    arn = protection.get("ResourceArn")
    if isinstance(arn, Reference):
        target = graph.get(arn.target)
        return target is not None and _serves_http(target)
    targets = graph.related(protection, direction="out")
    if targets:
        return any(_serves_http(target) for target in targets)
    return isinstance(arn, str) and (":cloudfront::" in arn or ":loadbalancer/app/" in arn)


@control(
    pillar="networking",
    level=5,
    severity="medium",
    subject="AWS::Shield::Protection",
    refs={
        "nist_csf": ["RS.MI-01", "PR.IR-04"],
        "prowler": ["shield_advanced_protection_in_cloudfront_distributions"],
    },
)
def shield_protection_automatic_mitigation(protection: Resource, graph: Graph) -> bool:
    """Shield Advanced mitigates application-layer DDoS attacks automatically.

    Why it matters:
        With automatic application-layer response, Shield Advanced writes and applies WAF
        rules for a detected HTTP flood itself, in minutes and around the clock, instead of
        waiting for an engagement with the response team. It applies to CloudFront
        distributions and Application Load Balancers; other protected resources pass.

    Remediation:
        Set `ApplicationLayerAutomaticResponseConfiguration` on `AWS::Shield::Protection` to
        `{Status: ENABLED, Action: {Block: {}}}` (or `Count` while tuning), with a web ACL
        on the resource. Terraform: `aws_shield_application_layer_automatic_response`
        (`resource_arn`, `action = "BLOCK"`).
    """
    if not _layer7(protection, graph):
        return True
    status = protection.get("ApplicationLayerAutomaticResponseConfiguration.Status")
    return str(status).upper() == "ENABLED"
