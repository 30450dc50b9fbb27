"""CloudFront distributions: the Describe shape wraps lists as `{items, quantity}`."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    integer,
    items,
    set_props,
    strings,
)


def distribution(out: Output) -> None:
    c = out.config
    d = get(c, "distributionConfig") or {}
    certificate = get(d, "viewerCertificate")
    logging = get(d, "logging")
    geo = get(get(d, "restrictions"), "geoRestriction")
    config = {
        "Enabled": boolean(get(d, "enabled")),
        "Aliases": strings(items(d, "aliases")) or None,
        "Comment": get(d, "comment") or None,
        "DefaultRootObject": get(d, "defaultRootObject") or None,
        "HttpVersion": get(d, "httpVersion"),
        "IPV6Enabled": boolean(get(d, "isIPV6Enabled")),
        "PriceClass": get(d, "priceClass"),
        "WebACLId": get(d, "webACLId") or None,
        "ViewerCertificate": (
            {
                "AcmCertificateArn": get(certificate, "acmCertificateArn", "aCMCertificateArn"),
                "CloudFrontDefaultCertificate": boolean(
                    get(certificate, "cloudFrontDefaultCertificate")
                ),
                "IamCertificateId": get(certificate, "iamCertificateId", "iAMCertificateId"),
                "MinimumProtocolVersion": get(certificate, "minimumProtocolVersion"),
                "SslSupportMethod": get(certificate, "sslSupportMethod", "sSLSupportMethod"),
            }
            if isinstance(certificate, dict)
            else None
        ),
        "DefaultCacheBehavior": _behavior(get(d, "defaultCacheBehavior")),
        "CacheBehaviors": [_behavior(b) for b in dicts(d, "cacheBehaviors")] or None,
        "Logging": (
            {
                "Bucket": get(logging, "bucket"),
                "Prefix": get(logging, "prefix") or None,
                "IncludeCookies": boolean(get(logging, "includeCookies")),
            }
            if boolean(get(logging, "enabled"))
            else None
        ),
        "Origins": [_origin(o) for o in dicts(d, "origins")] or None,
        "Restrictions": (
            {
                "GeoRestriction": {
                    "RestrictionType": get(geo, "restrictionType"),
                    "Locations": strings(items(geo)) or None,
                }
            }
            if isinstance(geo, dict)
            else None
        ),
    }
    set_props(out, DistributionConfig=config)


def _behavior(data: Any) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    return {
        "PathPattern": get(data, "pathPattern"),
        "TargetOriginId": get(data, "targetOriginId"),
        "ViewerProtocolPolicy": get(data, "viewerProtocolPolicy"),
        "FieldLevelEncryptionId": get(data, "fieldLevelEncryptionId") or None,
        "CachePolicyId": get(data, "cachePolicyId"),
        "ResponseHeadersPolicyId": get(data, "responseHeadersPolicyId"),
        "Compress": boolean(get(data, "compress")),
    }


def _origin(data: dict[str, Any]) -> dict[str, Any]:
    custom = get(data, "customOriginConfig")
    s3 = get(data, "s3OriginConfig")
    return {
        "Id": get(data, "id"),
        "DomainName": get(data, "domainName"),
        "OriginPath": get(data, "originPath") or None,
        "OriginAccessControlId": get(data, "originAccessControlId") or None,
        "S3OriginConfig": (
            {"OriginAccessIdentity": get(s3, "originAccessIdentity")}
            if isinstance(s3, dict)
            else None
        ),
        "CustomOriginConfig": (
            {
                "OriginProtocolPolicy": get(custom, "originProtocolPolicy"),
                "OriginSSLProtocols": strings(items(custom, "originSslProtocols")),
                "HTTPPort": integer(get(custom, "httpPort")),
                "HTTPSPort": integer(get(custom, "httpsPort")),
            }
            if isinstance(custom, dict)
            else None
        ),
    }


MAPPERS = {"AWS::CloudFront::Distribution": distribution}
