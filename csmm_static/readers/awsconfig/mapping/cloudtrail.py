"""CloudTrail trails. Config records a trail's settings but not whether it is logging."""

from __future__ import annotations

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import Output, boolean, get, set_props

IS_LOGGING_UNKNOWN = (
    "AWS Config does not record whether a trail is logging; add"
    " `aws cloudtrail get-trail-status` output (docs/evidence.md)"
)


def trail(out: Output) -> None:
    c = out.config
    custom_selectors = boolean(get(c, "hasCustomEventSelectors"))
    set_props(
        out,
        TrailName=get(c, "name") or out.item.resource_name,
        S3BucketName=get(c, "s3BucketName"),
        S3KeyPrefix=get(c, "s3KeyPrefix"),
        SnsTopicName=get(c, "snsTopicName"),
        IncludeGlobalServiceEvents=boolean(get(c, "includeGlobalServiceEvents")),
        IsMultiRegionTrail=boolean(get(c, "isMultiRegionTrail")),
        IsOrganizationTrail=boolean(get(c, "isOrganizationTrail")),
        EnableLogFileValidation=boolean(get(c, "logFileValidationEnabled")),
        KMSKeyId=get(c, "kmsKeyId"),
        CloudWatchLogsLogGroupArn=get(c, "cloudWatchLogsLogGroupArn"),
        CloudWatchLogsRoleArn=get(c, "cloudWatchLogsRoleArn"),
    )
    out.properties["IsLogging"] = UnknownValue(IS_LOGGING_UNKNOWN)
    if custom_selectors:
        # Without custom selectors a trail records all management events (the CloudFormation
        # default when EventSelectors is absent); custom ones are not in the item.
        out.properties["EventSelectors"] = UnknownValue(
            "the trail has custom event selectors, which AWS Config does not record"
        )
    out.refer("S3BucketName", "AWS::S3::Bucket", get(c, "s3BucketName"))
    out.refer("KMSKeyId", "AWS::KMS::Key", get(c, "kmsKeyId"))


MAPPERS = {"AWS::CloudTrail::Trail": trail}
