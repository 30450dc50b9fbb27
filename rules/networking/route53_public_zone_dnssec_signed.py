from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=4,
    severity="low",
    subject="AWS::Route53::HostedZone",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's hosted zone item holds no DNSSEC signing state; signing is a separate "
            "AWS::Route53::DNSSEC item that names the zone only by id"
        ),
    },
    refs={"nist_csf": ["PR.DS-02"]},
)
def route53_public_zone_dnssec_signed(zone: Resource, graph: Graph) -> bool:
    """Public hosted zones are signed with DNSSEC.

    Why it matters:
        Signing lets validating resolvers reject forged answers for your domains, closing
        cache-poisoning attacks that would send your users to an impostor. Private zones
        pass.

    Remediation:
        Add an `AWS::Route53::KeySigningKey` (backed by an asymmetric KMS key in us-east-1)
        and `AWS::Route53::DNSSEC` with `HostedZoneId` the zone, then publish the DS record
        at the parent. Terraform: `aws_route53_key_signing_key` and
        `aws_route53_hosted_zone_dnssec`.
    """
    if zone.get("VPCs"):
        return True
    # Terraform's documented form names the zone through its key-signing key
    # (`hosted_zone_id = aws_route53_key_signing_key.k.hosted_zone_id`).
    named_by = [zone, *graph.related(zone, "AWS::Route53::KeySigningKey", direction="in")]
    return any(graph.related(r, "AWS::Route53::DNSSEC", direction="in") for r in named_by)
