"""DynamoDB tables: encryption from `sSEDescription`, point-in-time recovery from the
supplementary `ContinuousBackupsDescription`, the resource policy from `Policy`."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    policy_document,
    set_props,
)


def table(out: Output) -> None:
    c, s = out.config, out.supplementary
    sse = get(c, "sSEDescription", "ssedescription", "sseDescription")
    recovery = get(get(s, "ContinuousBackupsDescription"), "pointInTimeRecoveryDescription")
    recovery_status = get(recovery, "pointInTimeRecoveryStatus")
    stream = get(c, "streamSpecification")
    policy = policy_document(get(s, "Policy"), out, "table resource policy")
    set_props(
        out,
        TableName=get(c, "tableName") or out.item.resource_name,
        BillingMode=get(get(c, "billingModeSummary"), "billingMode"),
        TableClass=get(get(c, "tableClassSummary"), "tableClass"),
        DeletionProtectionEnabled=boolean(get(c, "deletionProtectionEnabled")),
        KeySchema=[
            {"AttributeName": get(k, "attributeName"), "KeyType": get(k, "keyType")}
            for k in dicts(c, "keySchema")
        ],
        AttributeDefinitions=[
            {"AttributeName": get(a, "attributeName"), "AttributeType": get(a, "attributeType")}
            for a in dicts(c, "attributeDefinitions")
        ],
        SSESpecification=(
            {
                "SSEEnabled": get(sse, "status") in ("ENABLED", "ENABLING", "UPDATING"),
                "SSEType": get(sse, "sSEType", "ssetype", "sseType"),
                "KMSMasterKeyId": get(sse, "kMSMasterKeyArn", "kmsmasterKeyArn", "kmsMasterKeyArn"),
            }
            if isinstance(sse, dict)
            else None
        ),
        PointInTimeRecoverySpecification=(
            {"PointInTimeRecoveryEnabled": recovery_status == "ENABLED"}
            if recovery_status
            else None
        ),
        StreamSpecification=(
            {"StreamViewType": get(stream, "streamViewType")}
            if boolean(get(stream, "streamEnabled"))
            else None
        ),
        ResourcePolicy={"PolicyDocument": policy} if policy is not None else None,
    )


MAPPERS = {"AWS::DynamoDB::Table": table}
