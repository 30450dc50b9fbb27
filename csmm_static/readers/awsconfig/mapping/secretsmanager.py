"""Secrets Manager secrets: Config records `DescribeSecret` with its own capitalisation
(`KMSKeyId`). The rotation state has no property on CloudFormation's secret (a separate
`RotationSchedule` holds it), so it keeps Config's names: `RotationEnabled`,
`RotationLambdaARN`, `RotationRules` (`AutomaticallyAfterDays`, `RotationScheduleExpression`)."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import Output, boolean, get, set_props


def secret(out: Output) -> None:
    c = out.config
    key = get(c, "KMSKeyId", "KmsKeyId")
    set_props(
        out,
        Name=get(c, "Name") or out.item.resource_name,
        Description=get(c, "Description"),
        KmsKeyId=key,
        RotationEnabled=boolean(get(c, "RotationEnabled")),
        RotationLambdaARN=get(c, "RotationLambdaARN"),
        RotationRules=get(c, "RotationRules"),
    )
    out.refer("KmsKeyId", "AWS::KMS::Key", key)


MAPPERS = {"AWS::SecretsManager::Secret": secret}
