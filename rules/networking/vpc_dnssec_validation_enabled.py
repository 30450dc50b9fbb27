from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=4,
    severity="low",
    subject="AWS::EC2::VPC",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Route 53 Resolver DNSSEC configurations, so whether a "
            "VPC's resolver validates signatures is not in a snapshot"
        ),
    },
    refs={"nist_csf": ["PR.DS-02", "PR.IR-01"]},
)
def vpc_dnssec_validation_enabled(vpc: Resource, graph: Graph) -> bool:
    """The VPC resolver validates DNSSEC signatures.

    Why it matters:
        Without validation, a spoofed or poisoned answer for a signed domain is accepted
        and traffic meant for a partner API or a package mirror goes to an attacker.
        Route 53 Resolver rejects answers whose DNSSEC signatures do not verify once
        validation is on for the VPC.

    Remediation:
        Add `AWS::Route53Resolver::ResolverDNSSECConfig` with `ResourceId` the VPC (Terraform:
        `aws_route53_resolver_dnssec_config.resource_id`).
    """
    return bool(graph.related(vpc, "AWS::Route53Resolver::ResolverDNSSECConfig", direction="in"))
