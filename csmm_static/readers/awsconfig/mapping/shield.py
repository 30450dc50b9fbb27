"""Shield Advanced protections: Config names the automatic response `...Config`, where
CloudFormation says `ApplicationLayerAutomaticResponseConfiguration`. Protections of global
resources (CloudFront) are `AWS::Shield::Protection` items, of regional ones (load balancers)
`AWS::ShieldRegional::Protection` items; both are CloudFormation's one type."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import Output, boolean, get, set_props

_PROTECTED_TYPES = ("AWS::CloudFront::Distribution", "AWS::ElasticLoadBalancingV2::LoadBalancer")


def protection(out: Output) -> None:
    c = out.config
    out.type = "AWS::Shield::Protection"
    response = get(
        c,
        "ApplicationLayerAutomaticResponseConfig",
        "ApplicationLayerAutomaticResponseConfiguration",
    )
    configuration = None
    if isinstance(response, dict) and boolean(get(response, "present")) is not False:
        configuration = {"Status": get(response, "Status"), "Action": get(response, "Action")}
    arn = get(c, "ResourceArn")
    set_props(
        out,
        Name=get(c, "Name") or out.item.resource_name,
        ResourceArn=arn,
        ApplicationLayerAutomaticResponseConfiguration=configuration,
    )
    for rtype in _PROTECTED_TYPES:
        out.refer("ResourceArn", rtype, arn)


MAPPERS = {"AWS::Shield::Protection": protection, "AWS::ShieldRegional::Protection": protection}
