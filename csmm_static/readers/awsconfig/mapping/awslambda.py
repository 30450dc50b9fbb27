"""Lambda functions; the resource policy becomes one `AWS::Lambda::Permission` per statement,
as CloudFormation declares it."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    dicts,
    get,
    integer,
    items,
    policy_document,
    set_props,
    strings,
)


def function(out: Output) -> None:
    c, s = out.config, out.supplementary
    vpc = get(c, "vpcConfig")
    role = get(c, "role")
    set_props(
        out,
        FunctionName=get(c, "functionName") or out.item.resource_name,
        Runtime=get(c, "runtime"),
        Handler=get(c, "handler"),
        Role=role,
        Timeout=integer(get(c, "timeout")),
        MemorySize=integer(get(c, "memorySize")),
        PackageType=get(c, "packageType"),
        Architectures=strings(items(c, "architectures")) or None,
        KmsKeyArn=get(c, "kmsKeyArn", "kmskeyArn", "kMSKeyArn"),
        TracingConfig={"Mode": get(get(c, "tracingConfig"), "mode")}
        if get(get(c, "tracingConfig"), "mode")
        else None,
        VpcConfig=(
            {
                "SubnetIds": strings(items(vpc, "subnetIds")),
                "SecurityGroupIds": strings(items(vpc, "securityGroupIds")),
            }
            if isinstance(vpc, dict) and (items(vpc, "subnetIds") or items(vpc, "securityGroupIds"))
            else None
        ),
        Layers=strings(get(layer, "arn") for layer in dicts(c, "layers")) or None,
        DeadLetterConfig={"TargetArn": get(get(c, "deadLetterConfig"), "targetArn")}
        if get(get(c, "deadLetterConfig"), "targetArn")
        else None,
        EphemeralStorage={"Size": integer(get(get(c, "ephemeralStorage"), "size"))}
        if get(c, "ephemeralStorage")
        else None,
        FileSystemConfigs=[
            {"Arn": get(f, "arn"), "LocalMountPath": get(f, "localMountPath")}
            for f in dicts(c, "fileSystemConfigs")
        ]
        or None,
        ReservedConcurrentExecutions=integer(
            get(get(s, "Concurrency"), "reservedConcurrentExecutions")
        ),
    )
    out.refer("Role", "AWS::IAM::Role", role)
    document = policy_document(get(s, "Policy"), out, "function resource policy")
    if isinstance(document, dict):
        statements = document.get("Statement")
        statements = statements if isinstance(statements, list) else [statements]
        name = out.item.arn or out.properties.get("FunctionName")
        for index, statement in enumerate(s for s in statements if isinstance(s, dict)):
            if statement.get("Effect") != "Allow":
                continue
            out.synthesize(
                "AWS::Lambda::Permission",
                f"permission-{index}",
                _permission(name, statement),
                "FunctionName",
            )


def _permission(function_name: Any, statement: dict[str, Any]) -> dict[str, Any]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        principal = principal.get("Service") or principal.get("AWS") or principal.get("Federated")
    if isinstance(principal, list):
        principal = principal[0] if principal else None
    action = statement.get("Action")
    if isinstance(action, list):
        action = action[0] if action else None
    props: dict[str, Any] = {
        "FunctionName": function_name,
        "Action": action,
        "Principal": principal,
        "Sid": statement.get("Sid"),
    }
    for operator in (statement.get("Condition") or {}).values():
        if not isinstance(operator, dict):
            continue
        for key, value in operator.items():
            name = str(key).lower()
            value = value[0] if isinstance(value, list) and len(value) == 1 else value
            if name == "aws:sourcearn":
                props["SourceArn"] = value
            elif name == "aws:sourceaccount":
                props["SourceAccount"] = value
            elif name == "aws:principalorgid":
                props["PrincipalOrgID"] = value
            elif name == "lambda:functionurlauthtype":
                props["FunctionUrlAuthType"] = value
    return props


MAPPERS = {"AWS::Lambda::Function": function}
